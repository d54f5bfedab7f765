package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.CodeWriteListener;
import dev.tcg4j.ir.cpu.GuestMemory;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guest's virtual memory layout on top of {@link GuestMemory}: which ranges are reserved (the
 * program's segments, the heap, mmaps, the stack and its guard), where new mappings go, and the
 * program break. GuestMemory holds the page permissions; this class holds occupancy, which also
 * covers PROT_NONE reservations that GuestMemory sees as unmapped.
 *
 * <p>Layout, as Linux lays out a 64-bit process: the program low, the heap right after it growing
 * up, the stack at the top of the window growing down with a guard page below it, and mmaps placed
 * top-down under the stack.
 */
public final class AddressSpace {
    public static final long PAGE = GuestMemory.PAGE_SIZE;
    /** Nothing is mapped below this, so that null-pointer accesses fault (Linux's mmap_min_addr). */
    public static final long MIN_ADDR = 0x10000;
    public static final long DEFAULT_STACK_SIZE = 8L << 20;
    private static final long STACK_MMAP_GAP = 16L << 20;

    private final GuestMemory memory;
    /** Told of pages that stop being executable, so that their translated blocks are dropped. */
    private volatile CodeWriteListener codeInvalidator = page -> {};
    /** Reserved ranges, start to end (exclusive), never overlapping. */
    private final TreeMap<Long, Long> regions = new TreeMap<>();
    private final long stackTop;
    private final long stackSize;
    private final long mmapTop;
    private long brkStart;
    private long brk;

    public AddressSpace(GuestMemory memory) {
        this(memory, DEFAULT_STACK_SIZE);
    }

    public AddressSpace(GuestMemory memory, long stackSize) {
        this.memory = memory;
        this.stackSize = GuestMemory.pageCeil(stackSize);
        this.stackTop = memory.size() - PAGE;
        this.mmapTop = stackTop - this.stackSize - PAGE - STACK_MMAP_GAP;
    }

    public GuestMemory memory() {
        return memory;
    }

    public void setCodeInvalidator(CodeWriteListener l) {
        this.codeInvalidator = l;
    }

    // ---------------------------------------------------------------- occupancy

    /** True when no page of {@code [start, end)} is reserved. */
    public synchronized boolean isFree(long start, long end) {
        Map.Entry<Long, Long> below = regions.lowerEntry(end);
        return below == null || below.getValue() <= start;
    }

    /** True when every page of {@code [start, end)} is reserved. */
    public synchronized boolean isReserved(long start, long end) {
        long at = start;
        while (at < end) {
            Map.Entry<Long, Long> e = regions.floorEntry(at);
            if (e == null || e.getValue() <= at) {
                return false;
            }
            at = e.getValue();
        }
        return true;
    }

    private void reserve(long start, long end) {
        release(start, end);
        Long mergedStart = start;
        Long mergedEnd = end;
        Map.Entry<Long, Long> before = regions.floorEntry(start);
        if (before != null && before.getValue() == start) {
            mergedStart = before.getKey();
            regions.remove(before.getKey());
        }
        Long after = regions.get(end);
        if (after != null) {
            mergedEnd = after;
            regions.remove(end);
        }
        regions.put(mergedStart, mergedEnd);
    }

    private void release(long start, long end) {
        Map.Entry<Long, Long> e = regions.lowerEntry(end);
        while (e != null && e.getValue() > start) {
            long s = e.getKey();
            long t = e.getValue();
            regions.remove(s);
            if (s < start) {
                regions.put(s, start);
            }
            if (t > end) {
                regions.put(end, t);
            }
            e = regions.lowerEntry(Math.min(s, end));
        }
    }

    /** The highest free range of {@code len} bytes under the mmap top, or -1. */
    private long findFreeTopDown(long len) {
        long top = mmapTop;
        while (true) {
            Map.Entry<Long, Long> e = regions.lowerEntry(top);
            if (e != null && e.getValue() > top) {
                top = e.getKey(); // a region straddles the top: look below it
                continue;
            }
            long floor = e == null ? MIN_ADDR : Math.max(e.getValue(), MIN_ADDR);
            if (top - floor >= len) {
                return top - len;
            }
            if (e == null) {
                return -1;
            }
            top = e.getKey();
        }
    }

    // ---------------------------------------------------------------- mapping

    /** Maps zero-filled pages at a fixed place, replacing whatever was there. */
    public synchronized void mapFixed(long addr, long len, int prot) {
        long start = GuestMemory.pageFloor(addr);
        long end = GuestMemory.pageCeil(addr + len);
        if (!isFree(start, end)) {
            memory.unmap(start, end - start); // tells the block cache of code pages being replaced
        }
        reserve(start, end);
        memory.map(start, end - start, prot);
    }

    /**
     * Maps zero-filled pages at {@code hint} when that range is free, else at the highest free
     * range under the stack; returns the address, or -1 when no range is free.
     */
    public synchronized long mapAnywhere(long hint, long len, int prot) {
        long size = GuestMemory.pageCeil(len);
        long addr = -1;
        if (hint != 0) {
            long h = GuestMemory.pageCeil(hint);
            if (h >= MIN_ADDR && h + size <= memory.size() && h + size > h && isFree(h, h + size)) {
                addr = h;
            }
        }
        if (addr < 0) {
            addr = findFreeTopDown(size);
        }
        if (addr < 0) {
            return -1;
        }
        mapFixed(addr, size, prot);
        return addr;
    }

    public synchronized void unmap(long addr, long len) {
        long start = GuestMemory.pageFloor(addr);
        long end = GuestMemory.pageCeil(addr + len);
        release(start, end);
        memory.unmap(start, end - start);
    }

    /** mprotect: false when part of the range is not mapped (ENOMEM). */
    public synchronized boolean protect(long addr, long len, int prot) {
        long end = GuestMemory.pageCeil(addr + len);
        if (!isReserved(addr, end)) {
            return false;
        }
        if ((prot & GuestMemory.EXEC) == 0) {
            for (long p = addr; p < end; p += PAGE) {
                if ((memory.protection(p) & GuestMemory.EXEC) != 0) {
                    codeInvalidator.onCodeWrite(p);
                }
            }
        }
        memory.protect(addr, end - addr, prot);
        return true;
    }

    /** Whether {@code addr} lies in the guest window at all. */
    public boolean inWindow(long addr, long len) {
        return addr >= 0 && len >= 0 && addr + len <= memory.size() && addr + len >= addr;
    }

    /**
     * mremap: resizes the mapping at {@code addr}, in place when the pages after it are free, else
     * (with {@code mayMove}) by moving it. Returns the new address or -errno.
     */
    public synchronized long remap(long addr, long oldLen, long newLen, boolean mayMove) {
        long oldSize = GuestMemory.pageCeil(oldLen);
        long newSize = GuestMemory.pageCeil(newLen);
        if ((addr & (PAGE - 1)) != 0 || newSize == 0) {
            return -Errno.EINVAL;
        }
        if (!isReserved(addr, addr + Math.max(oldSize, PAGE))) {
            return -Errno.EFAULT;
        }
        int prot = memory.protection(addr);
        if (newSize <= oldSize) {
            if (newSize < oldSize) {
                unmap(addr + newSize, oldSize - newSize);
            }
            return addr;
        }
        if (inWindow(addr, newSize) && isFree(addr + oldSize, addr + newSize)) {
            reserve(addr + oldSize, addr + newSize);
            memory.map(addr + oldSize, newSize - oldSize, prot);
            return addr;
        }
        if (!mayMove) {
            return -Errno.ENOMEM;
        }
        long to = findFreeTopDown(newSize);
        if (to < 0) {
            return -Errno.ENOMEM;
        }
        mapFixed(to, newSize, prot);
        copyPages(addr, to, oldSize);
        unmap(addr, oldSize);
        return to;
    }

    private void copyPages(long from, long to, long len) {
        byte[] buf = new byte[(int) PAGE];
        for (long off = 0; off < len; off += PAGE) {
            if ((memory.protection(from + off) & GuestMemory.READ) == 0) {
                continue; // unreadable pages hold nothing the guest could have written
            }
            memory.read(from + off, buf, 0, buf.length);
            memory.writeInitial(to + off, buf, 0, buf.length);
        }
    }

    // ---------------------------------------------------------------- heap

    /** Sets where the heap starts: right after the program's highest segment. */
    public synchronized void initBrk(long start) {
        brkStart = GuestMemory.pageCeil(start);
        brk = brkStart;
    }

    public synchronized long brkStart() {
        return brkStart;
    }

    /**
     * The brk system call: moves the break to {@code addr} when it can, and returns the break in
     * force afterwards (the old one on failure), as the kernel does.
     */
    public synchronized long brk(long addr) {
        if (addr < brkStart) {
            return brk;
        }
        long oldEnd = GuestMemory.pageCeil(brk);
        long newEnd = GuestMemory.pageCeil(addr);
        if (newEnd > oldEnd) {
            if (!inWindow(oldEnd, newEnd - oldEnd) || newEnd > mmapTop || !isFree(oldEnd, newEnd)) {
                return brk;
            }
            reserve(oldEnd, newEnd);
            memory.map(oldEnd, newEnd - oldEnd, GuestMemory.READ | GuestMemory.WRITE);
        } else if (newEnd < oldEnd) {
            unmap(newEnd, oldEnd - newEnd);
        }
        brk = addr;
        return brk;
    }

    // ---------------------------------------------------------------- stack

    /** Address just past the stack's highest byte. */
    public long stackTop() {
        return stackTop;
    }

    /** Maps the stack, read-write, with an inaccessible guard page below it. */
    public synchronized void mapStack() {
        long bottom = stackTop - stackSize;
        mapFixed(bottom - PAGE, PAGE, 0);
        mapFixed(bottom, stackSize, GuestMemory.READ | GuestMemory.WRITE);
    }
}
