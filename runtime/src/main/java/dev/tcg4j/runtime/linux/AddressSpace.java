package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.CodeWriteListener;
import dev.tcg4j.ir.cpu.GuestMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guest's virtual memory layout on top of {@link GuestMemory}: which ranges are reserved (the
 * program's segments, the heap, mmaps, the stack and its guard), where new mappings go, and the
 * program break. GuestMemory holds the page permissions; this class holds occupancy, which also
 * covers PROT_NONE reservations that GuestMemory sees as unmapped.
 *
 * <p>Layout, as qemu-riscv64 7.2 lays out a 64-bit guest (linux-user/mmap.c, elfload.c): a mapping
 * without a fixed address goes at the lowest free range from {@code mmap_next_start}, which starts at
 * TASK_UNMAPPED_BASE (2^38) and moves past every such mapping, so freed ranges below it are not
 * reused. The program (ET_EXEC at its own address, PIE at the first such range), then the stack with a
 * guard page below it, the interpreter, the signal trampoline and the program's own mmaps follow one
 * another upwards; the heap grows from the end of the program.
 */
public final class AddressSpace {
    public static final long PAGE = GuestMemory.PAGE_SIZE;
    /** Nothing is mapped below this, so that null-pointer accesses fault (Linux's mmap_min_addr). */
    public static final long MIN_ADDR = 0x10000;
    public static final long DEFAULT_STACK_SIZE = 8L << 20;
    /** qemu's TASK_UNMAPPED_BASE for a 64-bit guest on a 64-bit host: where mmap_next_start begins. */
    public static final long TASK_UNMAPPED_BASE = 1L << 38;

    private final GuestMemory memory;
    /** Told of pages that stop being executable, so that their translated blocks are dropped. */
    private volatile CodeWriteListener codeInvalidator = page -> {};
    /** Reserved ranges, start to end (exclusive), never overlapping. */
    private final TreeMap<Long, Long> regions = new TreeMap<>();
    private final long stackSize;
    private long stackTop = -1;
    /** qemu's mmap_next_start: where the search for a mapping without an address begins. */
    private long mmapNextStart;
    private long brkStart;
    private long brk;
    /** File-backed pages: page address to the file and the offset of that page in it (for /proc/self/maps). */
    private final TreeMap<Long, FilePage> filePages = new TreeMap<>();

    /** The host file a page was mapped from, as /proc/self/maps names it. */
    public record MappedFile(String path, long dev, long inode) {
        /** The file at {@code path}, by its real path as the kernel shows it; null when it cannot be read. */
        public static MappedFile of(java.nio.file.Path path) {
            try {
                java.nio.file.Path real = path.toRealPath();
                Map<String, Object> attrs = java.nio.file.Files.readAttributes(real, "unix:dev,ino");
                return new MappedFile(real.toString(), ((Number) attrs.get("dev")).longValue(),
                        ((Number) attrs.get("ino")).longValue());
            } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return null;
            }
        }
    }

    private record FilePage(MappedFile file, long offset) {}

    /** RLIMIT_AS as an embedder sets it: the bytes of guest address space mappings may take. */
    private long limitBytes = Long.MAX_VALUE;
    /** Bytes of {@link #regions}, kept with every reserve and release. */
    private long reservedBytes;

    public AddressSpace(GuestMemory memory) {
        this(memory, DEFAULT_STACK_SIZE);
    }

    public AddressSpace(GuestMemory memory, long stackSize) {
        this.memory = memory;
        this.stackSize = GuestMemory.pageCeil(stackSize);
        // a small window (tests) keeps the same shape: mappings from its first quarter up
        this.mmapNextStart = Math.min(TASK_UNMAPPED_BASE, GuestMemory.pageFloor(memory.size() / 4));
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

    /**
     * Sets the most bytes the guest's mappings may take (the embedding API's memory limit, the
     * kernel's RLIMIT_AS): mmap and brk past it fail with ENOMEM. The program's own image and stack
     * count, but are never refused.
     */
    public synchronized void setLimit(long bytes) {
        limitBytes = bytes;
    }

    /** True when mapping {@code [addr, addr + len)} keeps the mappings within the limit. */
    public synchronized boolean fitsLimit(long addr, long len) {
        if (limitBytes == Long.MAX_VALUE) {
            return true;
        }
        long start = GuestMemory.pageFloor(addr);
        long end = GuestMemory.pageCeil(addr + len);
        long overlap = 0;
        Map.Entry<Long, Long> e = regions.lowerEntry(end);
        while (e != null && e.getValue() > start) {
            overlap += Math.min(e.getValue(), end) - Math.max(e.getKey(), start);
            e = regions.lowerEntry(Math.min(e.getKey(), end));
        }
        return reservedBytes + (end - start - overlap) <= limitBytes;
    }

    private void reserve(long start, long end) {
        release(start, end);
        reservedBytes += end - start;
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
        filePages.subMap(start, end).clear();
        Map.Entry<Long, Long> e = regions.lowerEntry(end);
        while (e != null && e.getValue() > start) {
            long s = e.getKey();
            long t = e.getValue();
            regions.remove(s);
            reservedBytes -= Math.min(t, end) - Math.max(s, start);
            if (s < start) {
                regions.put(s, start);
            }
            if (t > end) {
                regions.put(end, t);
            }
            e = regions.lowerEntry(Math.min(s, end));
        }
    }

    /**
     * qemu's mmap_find_vma: the lowest free range of {@code len} bytes from {@code start} up, else
     * (wrapping, as qemu does when the host finds nothing above) from the lowest address; -1 when none.
     * A search from mmap_next_start moves it past the range found.
     */
    private long findFree(long start, long len) {
        boolean fromNext = start == 0;
        long from = fromNext ? mmapNextStart : GuestMemory.pageFloor(start);
        long addr = firstFitFrom(Math.max(from, MIN_ADDR), len);
        if (addr < 0) {
            addr = firstFitFrom(MIN_ADDR, len);
        }
        if (addr >= 0 && fromNext && addr >= mmapNextStart) {
            mmapNextStart = addr + len;
        }
        return addr;
    }

    private long firstFitFrom(long from, long len) {
        long at = from;
        while (inWindow(at, len)) {
            Map.Entry<Long, Long> e = regions.lowerEntry(at + len);
            if (e == null || e.getValue() <= at) {
                return at;
            }
            at = e.getValue();
        }
        return -1;
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
     * Maps zero-filled pages where qemu would put a mapping without MAP_FIXED: at {@code hint} when
     * that range is free (0: from mmap_next_start), else at the next free range above; returns the
     * address, or -1 when no range is free.
     */
    public synchronized long mapAnywhere(long hint, long len, int prot) {
        long size = GuestMemory.pageCeil(len);
        long addr = findFree(hint, size);
        if (addr < 0 || !fitsLimit(addr, size)) {
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

    /**
     * riscv_flush_icache: drops the translations of the reserved pages in {@code [start, end)}, or of
     * every reserved page when the range is empty (the kernel flushes the whole icache either way;
     * code written through another mapping of the same memory is seen only after this).
     */
    public void dropTranslations(long start, long end) {
        List<long[]> ranges = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<Long, Long> e : regions.entrySet()) {
                long from = start < end ? Math.max(start, e.getKey()) : e.getKey();
                long to = start < end ? Math.min(end, e.getValue()) : e.getValue();
                if (from < to) {
                    ranges.add(new long[] {from, to});
                }
            }
        }
        for (long[] r : ranges) {
            for (long p = GuestMemory.pageFloor(r[0]); p < r[1]; p += PAGE) {
                if ((memory.protection(p) & GuestMemory.EXEC) != 0) {
                    codeInvalidator.onCodeWrite(p);
                }
            }
        }
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
        if (!fitsLimit(addr + oldSize, newSize - oldSize)) {
            return -Errno.ENOMEM;
        }
        if (inWindow(addr, newSize) && isFree(addr + oldSize, addr + newSize)) {
            reserve(addr + oldSize, addr + newSize);
            memory.map(addr + oldSize, newSize - oldSize, prot);
            return addr;
        }
        if (!mayMove) {
            return -Errno.ENOMEM;
        }
        long to = findFree(0, newSize);
        if (to < 0) {
            return -Errno.ENOMEM;
        }
        mapFixed(to, newSize, prot);
        copyPages(addr, to, oldSize);
        unmap(addr, oldSize);
        return to;
    }

    /**
     * mremap with MREMAP_FIXED: the mapping moves to {@code to} (page aligned, not overlapping it),
     * whatever was mapped there going as under MAP_FIXED, and takes {@code newLen}'s size there.
     */
    public synchronized long remapTo(long addr, long oldLen, long newLen, long to) {
        long oldSize = GuestMemory.pageCeil(oldLen);
        long newSize = GuestMemory.pageCeil(newLen);
        if (((addr | to) & (PAGE - 1)) != 0 || newSize == 0 || to < addr + oldSize && addr < to + newSize) {
            return -Errno.EINVAL;
        }
        if (!isReserved(addr, addr + Math.max(oldSize, PAGE))) {
            return -Errno.EFAULT;
        }
        if (to < MIN_ADDR || !inWindow(to, newSize) || !fitsLimit(to, Math.max(0, newSize - oldSize))) {
            return -Errno.ENOMEM;
        }
        int prot = memory.protection(addr);
        mapFixed(to, newSize, prot);
        copyPages(addr, to, Math.min(oldSize, newSize));
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

    /** Records that {@code [addr, addr + len)} maps {@code file} from {@code offset} on. */
    public synchronized void labelFile(long addr, long len, MappedFile file, long offset) {
        if (file == null) {
            return;
        }
        long end = GuestMemory.pageCeil(addr + len);
        for (long p = GuestMemory.pageFloor(addr); p < end; p += PAGE) {
            filePages.put(p, new FilePage(file, offset + (p - addr)));
        }
    }

    /**
     * The guest's mappings in qemu 7.2's /proc/self/maps format (open_self_maps): one line per run of
     * pages with the same permissions and the same backing (anonymous, or one file at consecutive
     * offsets), the stack's run named [stack], the path at column 73.
     */
    public synchronized String describeMaps() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Long, Long> region : regions.entrySet()) {
            long p = region.getKey();
            long end = region.getValue();
            while (p < end) {
                int prot = memory.protection(p);
                FilePage first = filePages.get(p);
                long q = p + PAGE;
                while (q < end && q != stackTop - stackSize && memory.protection(q) == prot
                        && continues(first, filePages.get(q), q - p)) {
                    q += PAGE;
                }
                String path = first != null ? first.file().path() : p == stackTop - stackSize ? "[stack]" : "";
                String line = String.format("%x-%x %c%c%cp %08x %s %d", p, q,
                        (prot & GuestMemory.READ) != 0 ? 'r' : '-', (prot & GuestMemory.WRITE) != 0 ? 'w' : '-',
                        (prot & GuestMemory.EXEC) != 0 ? 'x' : '-', first == null ? 0 : first.offset(),
                        first == null ? "00:00" : device(first.file().dev()), first == null ? 0 : first.file().inode());
                out.append(line).append(" ".repeat(Math.max(0, 73 - line.length()))).append(path).append('\n');
                p = q;
            }
        }
        return out.toString();
    }

    private static boolean continues(FilePage first, FilePage next, long distance) {
        if (first == null || next == null) {
            return first == next;
        }
        return first.file().equals(next.file()) && next.offset() == first.offset() + distance;
    }

    /** st_dev as the kernel prints it: major:minor in hex. */
    private static String device(long dev) {
        long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
        long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
        return String.format("%02x:%02x", major, minor);
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
            if (!inWindow(oldEnd, newEnd - oldEnd) || !isFree(oldEnd, newEnd) || !fitsLimit(oldEnd, newEnd - oldEnd)) {
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

    /** Address just past the stack's highest byte, once {@link #mapStack} placed it. */
    public synchronized long stackTop() {
        if (stackTop < 0) {
            throw new IllegalStateException("the stack is not mapped yet");
        }
        return stackTop;
    }

    /**
     * Maps the stack as qemu's setup_arg_pages does: one mapping of the stack and its guard page where
     * mmap would put it, the guard (lowest page) made inaccessible.
     */
    public synchronized void mapStack() {
        long base = mapAnywhere(0, stackSize + PAGE, GuestMemory.READ | GuestMemory.WRITE);
        if (base < 0) {
            throw new IllegalStateException("no room for a stack of " + stackSize + " bytes");
        }
        protect(base, PAGE, 0);
        stackTop = base + PAGE + stackSize;
    }

    // ---------------------------------------------------------------- fork

    /**
     * fork: this (new, empty) address space becomes a copy of {@code parent}'s: its mappings with
     * their protections and contents (pages that read as zeros are left uncommitted), the heap, the
     * stack and the files pages came from. The caller keeps the parent's threads from changing it
     * meanwhile as far as it can (the forking thread is in the system call).
     */
    public void copyFrom(AddressSpace parent) {
        TreeMap<Long, Long> ranges;
        synchronized (parent) {
            ranges = new TreeMap<>(parent.regions);
            synchronized (this) {
                regions.clear();
                regions.putAll(ranges);
                stackTop = parent.stackTop;
                mmapNextStart = parent.mmapNextStart;
                brkStart = parent.brkStart;
                brk = parent.brk;
                filePages.clear();
                filePages.putAll(parent.filePages);
            }
        }
        for (Map.Entry<Long, Long> r : ranges.entrySet()) {
            memory.copyPages(parent.memory, r.getKey(), r.getValue() - r.getKey());
        }
    }
}
