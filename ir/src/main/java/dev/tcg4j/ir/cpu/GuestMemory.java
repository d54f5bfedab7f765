package dev.tcg4j.ir.cpu;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The guest address space as helpers, frontends, the runtime and backends see it: loads and stores,
 * atomics, bulk copies, and page mappings with READ/WRITE/EXEC permissions. Little-endian, as the
 * guests are. Every access checks the permission of the pages it touches and raises
 * {@link GuestTrap} when the guest could not make it.
 *
 * <p>The contract only; the {@code memory} module implements it. A backend may require a particular
 * implementation for its fast path (the bytecode backend reads the flat window's page table directly).
 *
 * <p>Shared by all vCPUs of a process. {@link #close()} releases the host memory behind it: after it,
 * nothing may touch this memory.
 */
public interface GuestMemory extends AutoCloseable {
    int PAGE_SHIFT = 12;
    int PAGE_SIZE = 1 << PAGE_SHIFT;
    long PAGE_OFFSET_MASK = PAGE_SIZE - 1;

    int READ = 1;
    int WRITE = 2;
    int EXEC = 4;

    static long pageFloor(long a) {
        return a & ~PAGE_OFFSET_MASK;
    }

    static long pageCeil(long a) {
        return (a + PAGE_OFFSET_MASK) & ~PAGE_OFFSET_MASK;
    }

    /** Bytes of guest address space: guest addresses run from 0 to {@code size() - 1}. */
    long size();

    /** Told when the guest writes to a page {@link #markCode marked} as holding translated code. */
    void setCodeWriteListener(CodeWriteListener l);

    /**
     * Reports every store to {@code observer}, before it changes anything and only once it is known
     * not to fault, until another observer replaces it; null stops the reports. Every store is
     * reported, whichever path it takes (translated code's fast path included), atomics and bulk
     * writes too. Set and read by the one thread that runs the guest: no vCPU may run on this memory
     * while another thread changes the observer.
     */
    void observeStores(StoreObserver observer);

    // ---------------------------------------------------------------- mapping

    /** Maps {@code [addr, addr+len)} zero-filled with {@code prot} (READ/WRITE/EXEC bits). */
    void map(long addr, long len, int prot);

    /** Unmaps: later accesses fault, and a later map reads zeros. */
    void unmap(long addr, long len);

    /** Changes protection of mapped pages, keeping their contents. */
    void protect(long addr, long len, int prot);

    /** READ/WRITE/EXEC bits of the page holding {@code addr}; 0 when unmapped or outside. */
    int protection(long addr);

    default boolean isMapped(long addr) {
        return protection(addr) != 0;
    }

    /**
     * fork: gives the pages of {@code [addr, addr+len)} the protection and contents they have in
     * {@code source}, a memory of the same size, into this memory where they are still unmapped.
     */
    default void copyPages(GuestMemory source, long addr, long len) {
        byte[] page = new byte[PAGE_SIZE];
        for (long p = pageFloor(addr); p < addr + len; p += PAGE_SIZE) {
            int prot = source.protection(p);
            if (prot == 0) {
                continue;
            }
            map(p, PAGE_SIZE, prot | READ | WRITE);
            if ((prot & READ) != 0) {
                source.read(p, page, 0, PAGE_SIZE);
                writeInitial(p, page, 0, PAGE_SIZE);
            }
            protect(p, PAGE_SIZE, prot);
        }
    }

    /**
     * Loading a program: makes the mapped pages of {@code [addr, addr+len)} read the bytes of
     * {@code file} from {@code offset} on (all three page-aligned), without copying them where the
     * memory can map the file, as Linux maps a program; a page written later keeps the write for
     * itself. Returns false when this memory cannot (the pages may then read zeros): the caller
     * writes the bytes.
     */
    default boolean mapFile(long addr, long len, java.nio.file.Path file, long offset) {
        return false;
    }

    /**
     * mmap of an open file: makes the mapped pages of {@code [addr, addr+len)} the host file
     * {@code hostFd}'s from {@code offset} on (all three page-aligned). Shared, stores reach the file
     * and every other shared mapping of it, a fork's child included; private, a page written becomes
     * the writer's own. The file must cover every page. Returns false when this memory cannot: the
     * caller then writes the bytes, and a shared mapping's stores stay the guest's.
     */
    default boolean mapOpenFile(long addr, long len, int hostFd, long offset, boolean shared) {
        return false;
    }

    /**
     * msync: writes the pages of {@code [addr, addr+len)} that are a file's shared mapping back to
     * it, with the kernel's MS_ flags. Returns 0 or -errno.
     */
    default int syncMapped(long addr, long len, int flags) {
        return 0;
    }

    /** Marks the pages of {@code [addr, addr+len)} as holding translated code. */
    void markCode(long addr, long len);

    // ---------------------------------------------------------------- loads and stores

    long ld8u(long a);

    long ld8s(long a);

    long ld16u(long a);

    long ld16s(long a);

    long ld32u(long a);

    long ld32s(long a);

    long ld64(long a);

    void st8(long a, long v);

    void st16(long a, long v);

    void st32(long a, long v);

    void st64(long a, long v);

    /** Instruction fetch of a 16-bit parcel: needs EXEC permission. */
    int fetch16(long a);

    // ---------------------------------------------------------------- atomics

    /** Atomic compare-and-exchange of an aligned 32-bit word; returns the old value, sign-extended. */
    long cas32(long a, int expect, int update);

    /** Atomic compare-and-exchange of an aligned 64-bit word; returns the old value. */
    long cas64(long a, long expect, long update);

    /** Checks an atomic read-modify-write: aligned, readable and writable. */
    void checkAtomic(long a, int n);

    // ---------------------------------------------------------------- checks

    /** Throws the guest trap an access of {@code n} bytes needing {@code perm} would raise. */
    void checkAccess(long a, long n, int perm);

    /** True when the whole range is mapped with {@code perm}. */
    default boolean accessible(long a, long n, int perm) {
        try {
            checkAccess(a, n, perm);
            return true;
        } catch (GuestTrap t) {
            return false;
        }
    }

    // ---------------------------------------------------------------- bulk access for the runtime

    void read(long a, byte[] dst, int off, int len);

    default byte[] read(long a, int len) {
        byte[] b = new byte[len];
        read(a, b, 0, len);
        return b;
    }

    void write(long a, byte[] src, int off, int len);

    default void write(long a, byte[] src) {
        write(a, src, 0, src.length);
    }

    /** Writes ignoring page protection, as the loader does for read-only segments. */
    void writeInitial(long a, byte[] src, int off, int len);

    /** A direct buffer over guest memory, for host I/O straight into or out of the guest. */
    ByteBuffer buffer(long a, int len, boolean forWrite);

    /** Reads a NUL-terminated string of at most {@code max} bytes. */
    default String readCString(long a, int max) {
        return new String(readCBytes(a, max), StandardCharsets.UTF_8);
    }

    /** Reads a NUL-terminated byte string of at most {@code max} bytes, without the NUL. */
    default byte[] readCBytes(long a, int max) {
        int n = 0;
        while (n < max && ld8u(a + n) != 0) {
            n++;
        }
        return read(a, n);
    }

    /** Releases the host memory behind the guest's. Idempotent; no access may follow it. */
    @Override
    void close();
}
