package dev.tcg4j.ir.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The guest address space: one flat window of host memory, reserved with {@code mmap(MAP_NORESERVE)}
 * so that only touched pages cost anything, plus one permission byte per 4 KiB page.
 *
 * <p>Guest address {@code a} lives at offset {@code a} of the window. The fast paths, here and in
 * {@link TranslatedAccess}, check the window bound, the page permission and natural alignment (an
 * aligned access never crosses a page); everything else (faults, misaligned and page-crossing
 * accesses, writes to pages holding translated code) takes the slow path.
 *
 * <p>Shared by all vCPUs of a process. Permission updates are plain writes: a racing access sees
 * either the old or the new permission, as on a real machine without a TLB shootdown barrier.
 */
public final class GuestMemory {
    public static final int PAGE_SHIFT = 12;
    public static final int PAGE_SIZE = 1 << PAGE_SHIFT;
    public static final long PAGE_OFFSET_MASK = PAGE_SIZE - 1;

    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int EXEC = 4;
    /** Internal: the page holds translated code, so writes to it must invalidate blocks. */
    public static final int CODE = 8;
    private static final int PROT_MASK = READ | WRITE | EXEC;

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle ATOMIC_INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle ATOMIC_LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    private final int addressBits;
    private final long size;
    private final MemorySegment mem;
    /** Host address of guest address 0, for the fast paths. */
    private final long base;
    private final byte[] perms;
    private volatile CodeWriteListener codeWriteListener = page -> {};

    /** Reserves a window of {@code 2^addressBits} bytes (at most 2^43: one permission byte a page). */
    public GuestMemory(int addressBits) {
        if (addressBits < 16 || addressBits > 43) {
            throw new IllegalArgumentException("address bits " + addressBits);
        }
        this.addressBits = addressBits;
        this.size = 1L << addressBits;
        this.mem = NativeMemory.reserve(size);
        this.base = mem.address();
        this.perms = new byte[(int) (size >>> PAGE_SHIFT)];
    }

    public long size() {
        return size;
    }

    /**
     * The page permission table, one byte a page, for {@link TranslatedAccess}: translated code reads it
     * once on entry and keeps it in a local. Callers must not write it.
     */
    public byte[] pageTable() {
        return perms;
    }

    /** Host address of guest address 0, for {@link TranslatedAccess}. */
    public long hostBase() {
        return base;
    }

    public void setCodeWriteListener(CodeWriteListener l) {
        this.codeWriteListener = l;
    }

    // ---------------------------------------------------------------- mapping

    /** Maps {@code [addr, addr+len)} zero-filled with {@code prot} (READ/WRITE/EXEC bits). */
    public void map(long addr, long len, int prot) {
        checkRange(addr, len);
        NativeMemory.zero(mem, pageFloor(addr), pageCeil(addr + len) - pageFloor(addr));
        setPerms(addr, len, prot & PROT_MASK);
    }

    /** Unmaps: later accesses fault, and a later map reads zeros. */
    public void unmap(long addr, long len) {
        checkRange(addr, len);
        for (long p = pageFloor(addr); p < addr + len; p += PAGE_SIZE) {
            dropCode(p);
        }
        setPerms(addr, len, 0);
        NativeMemory.zero(mem, pageFloor(addr), pageCeil(addr + len) - pageFloor(addr));
    }

    /** Changes protection of mapped pages, keeping their contents. */
    public void protect(long addr, long len, int prot) {
        checkRange(addr, len);
        for (long p = pageFloor(addr); p < addr + len; p += PAGE_SIZE) {
            int i = (int) (p >>> PAGE_SHIFT);
            perms[i] = (byte) ((perms[i] & CODE) | (prot & PROT_MASK));
        }
    }

    private void setPerms(long addr, long len, int prot) {
        for (long p = pageFloor(addr); p < addr + len; p += PAGE_SIZE) {
            perms[(int) (p >>> PAGE_SHIFT)] = (byte) prot;
        }
    }

    /** READ/WRITE/EXEC bits of the page holding {@code addr}; 0 when unmapped or outside. */
    public int protection(long addr) {
        if ((addr >>> addressBits) != 0) {
            return 0;
        }
        return perms[(int) (addr >>> PAGE_SHIFT)] & PROT_MASK;
    }

    public boolean isMapped(long addr) {
        return protection(addr) != 0;
    }

    /** Marks the pages of {@code [addr, addr+len)} as holding translated code. */
    public void markCode(long addr, long len) {
        for (long p = pageFloor(addr); p < addr + len; p += PAGE_SIZE) {
            int i = (int) (p >>> PAGE_SHIFT);
            perms[i] = (byte) (perms[i] | CODE);
        }
    }

    private void dropCode(long page) {
        int i = (int) (page >>> PAGE_SHIFT);
        if ((perms[i] & CODE) != 0) {
            perms[i] = (byte) (perms[i] & ~CODE);
            codeWriteListener.onCodeWrite(page);
        }
    }

    private void checkRange(long addr, long len) {
        if (len < 0 || addr < 0 || addr + len > size || addr + len < addr) {
            throw new IllegalArgumentException("range 0x" + Long.toHexString(addr) + "+" + len + " outside guest memory");
        }
    }

    public static long pageFloor(long a) {
        return a & ~PAGE_OFFSET_MASK;
    }

    public static long pageCeil(long a) {
        return (a + PAGE_OFFSET_MASK) & ~PAGE_OFFSET_MASK;
    }

    // ---------------------------------------------------------------- fast paths

    /**
     * The fast-path test of a read of {@code n} bytes, given the page table: the page index checked
     * against the table's length (which also bounds the address, one entry per page of the window),
     * the entry read without a second bounds check, then READ and natural alignment.
     */
    static boolean fastReadable(byte[] pages, long a, int n) {
        long page = a >>> PAGE_SHIFT;
        return page < pages.length && (RawMemory.U.getByte(pages, RawMemory.BYTE_ARRAY_BASE + page) & READ) != 0
                && (a & (n - 1)) == 0;
    }

    /** As {@link #fastReadable}, for a write: WRITE, and no translated code on the page. */
    static boolean fastWritable(byte[] pages, long a, int n) {
        long page = a >>> PAGE_SHIFT;
        return page < pages.length
                && (RawMemory.U.getByte(pages, RawMemory.BYTE_ARRAY_BASE + page) & (WRITE | CODE)) == WRITE
                && (a & (n - 1)) == 0;
    }

    public long ld8u(long a) {
        return fastReadable(perms, a, 1) ? RawMemory.U.getByte(base + a) & 0xffL : slowLoad(a, 1) & 0xffL;
    }

    public long ld8s(long a) {
        return fastReadable(perms, a, 1) ? RawMemory.U.getByte(base + a) : (byte) slowLoad(a, 1);
    }

    public long ld16u(long a) {
        return fastReadable(perms, a, 2) ? RawMemory.U.getShort(base + a) & 0xffffL : slowLoad(a, 2) & 0xffffL;
    }

    public long ld16s(long a) {
        return fastReadable(perms, a, 2) ? RawMemory.U.getShort(base + a) : (short) slowLoad(a, 2);
    }

    public long ld32u(long a) {
        return fastReadable(perms, a, 4) ? RawMemory.U.getInt(base + a) & 0xffffffffL : slowLoad(a, 4) & 0xffffffffL;
    }

    public long ld32s(long a) {
        return fastReadable(perms, a, 4) ? RawMemory.U.getInt(base + a) : (int) slowLoad(a, 4);
    }

    public long ld64(long a) {
        return fastReadable(perms, a, 8) ? RawMemory.U.getLong(base + a) : slowLoad(a, 8);
    }

    public void st8(long a, long v) {
        if (fastWritable(perms, a, 1)) {
            RawMemory.U.putByte(base + a, (byte) v);
        } else {
            slowStore(a, 1, v);
        }
    }

    public void st16(long a, long v) {
        if (fastWritable(perms, a, 2)) {
            RawMemory.U.putShort(base + a, (short) v);
        } else {
            slowStore(a, 2, v);
        }
    }

    public void st32(long a, long v) {
        if (fastWritable(perms, a, 4)) {
            RawMemory.U.putInt(base + a, (int) v);
        } else {
            slowStore(a, 4, v);
        }
    }

    public void st64(long a, long v) {
        if (fastWritable(perms, a, 8)) {
            RawMemory.U.putLong(base + a, v);
        } else {
            slowStore(a, 8, v);
        }
    }

    /** Instruction fetch of a 16-bit parcel: needs EXEC permission. */
    public int fetch16(long a) {
        if ((a >>> addressBits) != 0 || (perms[(int) (a >>> PAGE_SHIFT)] & EXEC) == 0) {
            throw new GuestTrap(protection(a) == 0 ? GuestTrap.Kind.UNMAPPED : GuestTrap.Kind.PROTECTION, a);
        }
        return mem.get(SHORT, a) & 0xffff;
    }

    // ---------------------------------------------------------------- atomics

    /** Atomic compare-and-exchange of an aligned 32-bit word; returns the old value, sign-extended. */
    public long cas32(long a, int expect, int update) {
        checkAtomic(a, 4);
        return (int) ATOMIC_INT.compareAndExchange(mem, a, expect, update);
    }

    /** Atomic compare-and-exchange of an aligned 64-bit word; returns the old value. */
    public long cas64(long a, long expect, long update) {
        checkAtomic(a, 8);
        return (long) ATOMIC_LONG.compareAndExchange(mem, a, expect, update);
    }

    /** Checks an atomic read-modify-write: aligned, readable and writable. */
    public void checkAtomic(long a, int n) {
        if ((a & (n - 1)) != 0) {
            throw new GuestTrap(GuestTrap.Kind.MISALIGNED, a);
        }
        if (!fastWritable(perms, a, n)) {
            checkAccess(a, n, WRITE);
            checkAccess(a, n, READ);
            dropCode(pageFloor(a));
        }
    }

    // ---------------------------------------------------------------- slow paths

    private long slowLoad(long a, int n) {
        checkAccess(a, n, READ);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (mem.get(ValueLayout.JAVA_BYTE, a + i) & 0xffL) << (8 * i);
        }
        return v;
    }

    private void slowStore(long a, int n, long v) {
        checkAccess(a, n, WRITE);
        dropCode(pageFloor(a));
        dropCode(pageFloor(a + n - 1));
        for (int i = 0; i < n; i++) {
            mem.set(ValueLayout.JAVA_BYTE, a + i, (byte) (v >>> (8 * i)));
        }
    }

    /** Throws the guest trap an access of {@code n} bytes needing {@code perm} would raise. */
    public void checkAccess(long a, long n, int perm) {
        if (n == 0) {
            return;
        }
        long end = a + n - 1;
        if ((a >>> addressBits) != 0 || (end >>> addressBits) != 0 || end < a) {
            throw new GuestTrap(GuestTrap.Kind.UNMAPPED, a);
        }
        for (long p = pageFloor(a); p <= end; p += PAGE_SIZE) {
            int bits = perms[(int) (p >>> PAGE_SHIFT)];
            if ((bits & PROT_MASK) == 0) {
                throw new GuestTrap(GuestTrap.Kind.UNMAPPED, Math.max(p, a));
            }
            if ((bits & perm) == 0) {
                throw new GuestTrap(GuestTrap.Kind.PROTECTION, Math.max(p, a));
            }
        }
    }

    /** True when the whole range is mapped with {@code perm}. */
    public boolean accessible(long a, long n, int perm) {
        try {
            checkAccess(a, n, perm);
            return true;
        } catch (GuestTrap t) {
            return false;
        }
    }

    // ---------------------------------------------------------------- bulk access for the runtime

    public void read(long a, byte[] dst, int off, int len) {
        checkAccess(a, len, READ);
        MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, a, dst, off, len);
    }

    public byte[] read(long a, int len) {
        byte[] b = new byte[len];
        read(a, b, 0, len);
        return b;
    }

    public void write(long a, byte[] src, int off, int len) {
        checkAccess(a, len, WRITE);
        invalidateCodeIn(a, len);
        MemorySegment.copy(src, off, mem, ValueLayout.JAVA_BYTE, a, len);
    }

    public void write(long a, byte[] src) {
        write(a, src, 0, src.length);
    }

    /** Writes ignoring page protection, as the loader does for read-only segments. */
    public void writeInitial(long a, byte[] src, int off, int len) {
        checkRange(a, len);
        invalidateCodeIn(a, len);
        MemorySegment.copy(src, off, mem, ValueLayout.JAVA_BYTE, a, len);
    }

    /** A direct buffer over guest memory, for host I/O straight into or out of the guest. */
    public ByteBuffer buffer(long a, int len, boolean forWrite) {
        checkAccess(a, len, forWrite ? WRITE : READ);
        if (forWrite) {
            invalidateCodeIn(a, len);
        }
        return mem.asSlice(a, len).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private void invalidateCodeIn(long a, long len) {
        for (long p = pageFloor(a); p < a + len; p += PAGE_SIZE) {
            dropCode(p);
        }
    }

    /** Reads a NUL-terminated string of at most {@code max} bytes. */
    public String readCString(long a, int max) {
        int n = 0;
        while (n < max && ld8u(a + n) != 0) {
            n++;
        }
        return new String(read(a, n), StandardCharsets.UTF_8);
    }

    /** Reads a NUL-terminated byte string of at most {@code max} bytes, without the NUL. */
    public byte[] readCBytes(long a, int max) {
        int n = 0;
        while (n < max && ld8u(a + n) != 0) {
            n++;
        }
        return read(a, n);
    }

    /** Native reservation and page release, through the FFM API. */
    private static final class NativeMemory {
        private static final int PROT_READ_WRITE = 3;
        private static final int MAP_PRIVATE_ANON_NORESERVE = 0x02 | 0x20 | 0x4000;
        private static final int MADV_DONTNEED = 4;
        private static final MethodHandle MMAP;
        private static final MethodHandle MADVISE;

        static {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            MMAP = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
            MADVISE = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT));
        }

        static MemorySegment reserve(long size) {
            MemorySegment base;
            try {
                base = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, size, PROT_READ_WRITE,
                        MAP_PRIVATE_ANON_NORESERVE, -1, 0L);
            } catch (Throwable t) {
                throw new IllegalStateException("mmap failed", t);
            }
            if (base.address() == -1L) {
                throw new IllegalStateException("cannot reserve " + size + " bytes for guest memory");
            }
            return base.reinterpret(size, Arena.global(), null);
        }

        /** Gives pages back to the host; they read as zero afterwards. */
        static void zero(MemorySegment mem, long offset, long len) {
            if (len == 0) {
                return;
            }
            int rc;
            try {
                rc = (int) MADVISE.invokeExact(mem.asSlice(offset, len), len, MADV_DONTNEED);
            } catch (Throwable t) {
                throw new IllegalStateException("madvise failed", t);
            }
            if (rc != 0) {
                mem.asSlice(offset, len).fill((byte) 0);
            }
        }
    }
}
