package dev.tcg4j.memory;

import static dev.tcg4j.ir.cpu.GuestMemory.pageCeil;
import static dev.tcg4j.ir.cpu.GuestMemory.pageFloor;

import dev.tcg4j.ir.cpu.CodeWriteListener;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.cpu.StoreObserver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The guest address space: one flat window of host memory, reserved with {@code mmap(MAP_NORESERVE)}
 * so that only touched pages cost anything, plus one permission byte per 4 KiB page, reserved the
 * same way: a window of terabytes costs nothing at start-up, and the table only where the guest maps.
 *
 * <p>Guest address {@code a} lives at offset {@code a} of the window. The fast paths, here and in
 * {@link TranslatedAccess}, check the window bound, the page permission and natural alignment (an
 * aligned access never crosses a page); everything else (faults, misaligned and page-crossing
 * accesses, writes to pages holding translated code) takes the slow path.
 *
 * <p>Shared by all vCPUs of a process. Permission updates are plain writes: a racing access sees
 * either the old or the new permission, as on a real machine without a TLB shootdown barrier.
 */
public final class FlatGuestMemory implements GuestMemory {
    /** The page holds translated code, so writes to it must invalidate blocks. */
    static final int CODE = 8;
    /** Stores are observed: writes to the page take the slow path, which reports them. */
    static final int OBSERVED = 16;
    /** Pages per chunk of the {@link #chunksMapped} summary: 1 GiB of guest addresses. */
    private static final int CHUNK_PAGES_SHIFT = 30 - PAGE_SHIFT;
    private static final int PROT_MASK = READ | WRITE | EXEC;

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle ATOMIC_INT = ValueLayout.JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();
    private static final VarHandle ATOMIC_LONG = ValueLayout.JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN).varHandle();

    /**
     * Links the host calls a window needs ({@link HostFunction}'s call shapes, tens of milliseconds),
     * so that a launcher can do it on another thread before the first window is made.
     */
    public static void linkHostCalls() {
        HostFunction.link();
    }

    private static final MemorySegment ZERO_PAGE = Arena.global().allocate(PAGE_SIZE);

    private final int addressBits;
    private final long size;
    /** Owns the window: closing it unmaps the window and fails any later access through {@link #mem}. */
    private final Arena arena = Arena.ofShared();
    private final MemorySegment mem;
    /** Host address of guest address 0, for the fast paths. */
    private final long base;
    /** Host address of the page table: the permission byte of guest page {@code p} is at {@code pageTable + p}. */
    private final long pageTable;
    private final long pageCount;
    /** The page table, for everything but the fast paths: fails cleanly once closed. */
    private final MemorySegment perms;
    private volatile CodeWriteListener codeWriteListener = page -> {};
    /**
     * Which 1 GiB chunks ever had a page mapped: the first {@link #observeStores} marks the pages
     * there, without reading the terabytes of page table nobody mapped.
     */
    private final boolean[] chunksMapped;
    /** OBSERVED once stores have been observed, for every page from then on; else 0. */
    private volatile int observedBit;
    /** Told of every store while set; by the one thread that runs the guest, so a plain field. */
    private StoreObserver storeObserver;
    /** The files {@link #mapFile mapped} into the window, by guest address; guarded by itself. */
    private final TreeMap<Long, FileMapping> fileMappings = new TreeMap<>();

    /**
     * Pages of a file mapped at {@code addr}: privately (they read the file until written) or shared
     * (stores reach the file). A mapping the guest made from an open file keeps a host descriptor of
     * its own ({@code held}), so that a fork can map the same file although the guest closed its fd.
     */
    private record FileMapping(long addr, long len, String file, long offset, HeldFile held, boolean shared) {
        long end() {
            return addr + len;
        }

        FileMapping clip(long from, long to) {
            long a = Math.max(addr, from);
            return new FileMapping(a, Math.min(end(), to) - a, file, offset + (a - addr), held, shared);
        }
    }

    /** Pages of the host page map read at once by a fork. */
    private static final int PAGEMAP_BATCH = 512;

    /**
     * Reserves a window of {@code 2^addressBits} bytes and its page table. At most 2^46: x86-64 and
     * AArch64 hosts give a process 2^47 bytes of address space.
     */
    public FlatGuestMemory(int addressBits) {
        if (addressBits < 16 || addressBits > 46) {
            throw new IllegalArgumentException("address bits " + addressBits);
        }
        this.addressBits = addressBits;
        this.size = 1L << addressBits;
        this.pageCount = size >>> PAGE_SHIFT;
        try {
            this.mem = NativeReservation.reserve(size, arena);
            this.perms = NativeReservation.reserve(pageCount, arena);
        } catch (IllegalStateException e) {
            arena.close(); // the window, when only the table failed
            throw e;
        }
        this.base = mem.address();
        this.pageTable = perms.address();
        this.chunksMapped = new boolean[(int) Math.max(1, pageCount >>> CHUNK_PAGES_SHIFT)];
    }

    @Override
    public long size() {
        return size;
    }

    /**
     * Host address of the page permission table, one byte a page, for {@link TranslatedAccess}:
     * translated code reads it once on entry and keeps it in a local. Callers must not write it.
     */
    public long pageTable() {
        return pageTable;
    }

    /** Entries in the {@link #pageTable() page table}: the fast paths' bound on the page index. */
    public long pageCount() {
        return pageCount;
    }

    /** Host address of guest address 0, for {@link TranslatedAccess}. */
    public long hostBase() {
        return base;
    }

    @Override
    public void setCodeWriteListener(CodeWriteListener l) {
        this.codeWriteListener = l;
    }

    /**
     * From the first observer on, every page carries OBSERVED, which keeps stores off the fast paths
     * (loads keep theirs), so that none escapes; memories never observed pay nothing.
     */
    @Override
    public void observeStores(StoreObserver observer) {
        if (observer != null && observedBit == 0) {
            observedBit = OBSERVED;
            for (int c = 0; c < chunksMapped.length; c++) {
                if (chunksMapped[c]) {
                    long first = (long) c << CHUNK_PAGES_SHIFT;
                    for (long p = first; p < first + (1L << CHUNK_PAGES_SHIFT) && p < pageCount; p++) {
                        byte b = perms.get(ValueLayout.JAVA_BYTE, p);
                        if (b != 0) {
                            perms.set(ValueLayout.JAVA_BYTE, p, (byte) (b | OBSERVED));
                        }
                    }
                }
            }
        }
        storeObserver = observer;
    }

    private void reportStore(long a, int n) {
        StoreObserver o = storeObserver;
        if (o != null) {
            byte[] old = new byte[n];
            MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, a, old, 0, n);
            o.beforeStore(a, old);
        }
    }

    /**
     * Unmaps the window and the page table. The caller makes sure that no vCPU runs on it any more:
     * the fast paths read them through raw addresses, unchecked.
     */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
        synchronized (fileMappings) {
            fileMappings.values().forEach(FlatGuestMemory::release);
            fileMappings.clear();
        }
    }

    // ---------------------------------------------------------------- mapping

    /** Maps {@code [addr, addr+len)} zero-filled with {@code prot} (READ/WRITE/EXEC bits). */
    @Override
    public void map(long addr, long len, int prot) {
        checkRange(addr, len);
        zeroPages(pageFloor(addr), pageCeil(addr + len));
        setPerms(addr, len, prot & PROT_MASK);
    }

    /**
     * Copies the permission bits (not CODE, not OBSERVED) and the contents of every page of the
     * range, PROT_NONE ones included. Only pages that hold something are copied: a page the host
     * never gave memory to reads as zeros and is skipped unread, and so is one that does read as
     * zeros, so that the child's untouched stack and heap stay uncommitted on the host, as the
     * parent's are. A file the parent {@link #mapFile mapped} is mapped here too, and only the pages
     * the parent wrote to are copied over a private one: the others share the host's page cache. A
     * shared mapping is the same memory in both, as after a fork on Linux.
     */
    @Override
    public void copyPages(GuestMemory source, long addr, long len) {
        if (!(source instanceof FlatGuestMemory from) || from.size != size) {
            GuestMemory.super.copyPages(source, addr, len);
            return;
        }
        checkRange(addr, len);
        long start = pageFloor(addr);
        long end = pageCeil(addr + len);
        List<FileMapping> mapped = new ArrayList<>();
        for (FileMapping f : from.fileMappingsIn(start, end)) {
            if (mapFile(f)) {
                mapped.add(f);
            }
        }
        for (long batch = start; batch < end; batch += (long) PAGEMAP_BATCH << PAGE_SHIFT) {
            int pages = (int) Math.min(PAGEMAP_BATCH, (end - batch) >>> PAGE_SHIFT);
            long[] host = HostPageMap.entries(from.base + batch, pages);
            for (int i = 0; i < pages; i++) {
                long p = batch + ((long) i << PAGE_SHIFT);
                int prot = from.perms.get(ValueLayout.JAVA_BYTE, p >>> PAGE_SHIFT) & PROT_MASK;
                setBits(p, prot == 0 ? 0 : prot | observedBit);
                long entry = host == null ? -1L : host[i]; // untold: as if it held data of its own
                if (!HostPageMap.mayHoldData(entry)) {
                    continue; // zeros, or a file's page as the file has it
                }
                FileMapping file = containing(mapped, p);
                if (file != null && file.shared()) {
                    continue;
                }
                boolean copy = file != null ? HostPageMap.privateCopy(entry)
                        : MemorySegment.mismatch(from.mem, p, p + PAGE_SIZE, ZERO_PAGE, 0, PAGE_SIZE) != -1;
                if (copy) {
                    MemorySegment.copy(from.mem, p, mem, p, PAGE_SIZE);
                }
            }
        }
        markChunksMapped(addr, len);
    }

    private static FileMapping containing(List<FileMapping> mappings, long page) {
        for (FileMapping f : mappings) {
            if (page >= f.addr() && page < f.end()) {
                return f;
            }
        }
        return null;
    }

    /**
     * Loading: makes the pages of {@code [addr, addr+len)} read {@code file} from {@code offset} on
     * by mapping it privately (all three page-aligned), as Linux maps a program: nothing is copied,
     * every process of the file shares the host's page cache, and a page written becomes the
     * writer's own. Not while stores are observed (a mapping is no reported store).
     */
    @Override
    public boolean mapFile(long addr, long len, Path file, long offset) {
        checkRange(addr, len);
        if (((addr | len | offset) & PAGE_OFFSET_MASK) != 0 || len == 0) {
            return false;
        }
        invalidateCodeIn(addr, len);
        return mapFile(new FileMapping(addr, len, file.toString(), offset, null, false));
    }

    /**
     * mmap of an open file: the pages map {@code hostFd}'s file from {@code offset} on, shared or
     * private. The window keeps a duplicate of the descriptor while any of the pages stay mapped,
     * for a fork's copy. Pages beyond the file's end would raise a host SIGBUS on access, so callers
     * pass only the part the file covers.
     */
    @Override
    public boolean mapOpenFile(long addr, long len, int hostFd, long offset, boolean shared) {
        checkRange(addr, len);
        if (((addr | len | offset) & PAGE_OFFSET_MASK) != 0 || len == 0) {
            return false;
        }
        HeldFile held = HeldFile.duplicate(hostFd);
        if (held == null) {
            return false;
        }
        invalidateCodeIn(addr, len);
        boolean mapped = mapFile(new FileMapping(addr, len, null, offset, held, shared));
        held.closeIfUnused();
        return mapped;
    }

    /**
     * msync: writes the shared file pages of {@code [addr, addr+len)} back, waiting for the writes
     * when {@code flags} has MS_SYNC. The window is one host mapping, so the host call covers
     * private and anonymous pages as well, where it does nothing.
     */
    @Override
    public int syncMapped(long addr, long len, int flags) {
        checkRange(addr, len);
        return len == 0 ? 0 : HeldFile.msync(base + addr, len, flags);
    }

    private boolean mapFile(FileMapping f) {
        dropFileMappings(f.addr(), f.end());
        boolean mapped = f.held() == null
                ? NativeReservation.mapFile(mem, f.addr(), f.len(), f.file(), f.offset())
                : f.held().map(mem, f.addr(), f.len(), f.offset(), f.shared());
        if (!mapped) {
            // a refused MAP_FIXED may have taken the old pages away all the same
            NativeReservation.replaceWithAnonymous(mem, f.addr(), f.len());
            return false;
        }
        synchronized (fileMappings) {
            keep(f);
        }
        return true;
    }

    /** Under the fileMappings lock. */
    private void keep(FileMapping f) {
        fileMappings.put(f.addr(), f);
        if (f.held() != null) {
            f.held().retain();
        }
    }

    /** Under the fileMappings lock. */
    private static void release(FileMapping f) {
        if (f.held() != null) {
            f.held().release();
        }
    }

    /** The parts of the files mapped in {@code [from, to)}. */
    private List<FileMapping> fileMappingsIn(long from, long to) {
        List<FileMapping> in = new ArrayList<>();
        synchronized (fileMappings) {
            for (FileMapping f : fileMappings.values()) {
                if (f.addr() < to && f.end() > from) {
                    in.add(f.clip(from, to));
                }
            }
        }
        return in;
    }

    /** Forgets the files mapped in {@code [from, to)}; returns whether there were any. */
    private boolean dropFileMappings(long from, long to) {
        synchronized (fileMappings) {
            Map.Entry<Long, FileMapping> below = fileMappings.lowerEntry(to);
            if (below == null || below.getValue().end() <= from) {
                return false;
            }
            List<FileMapping> hit = new ArrayList<>();
            for (FileMapping f : fileMappings.headMap(to, false).values()) {
                if (f.end() > from) {
                    hit.add(f);
                }
            }
            for (FileMapping f : hit) {
                fileMappings.remove(f.addr());
                if (f.addr() < from) {
                    keep(f.clip(f.addr(), from));
                }
                if (f.end() > to) {
                    keep(f.clip(to, f.end()));
                }
                release(f); // after its pieces took the descriptor, which stays open for them
            }
            return !hit.isEmpty();
        }
    }

    /** Pages {@code [from, to)} read zeros again; a file mapped there goes. */
    private void zeroPages(long from, long to) {
        if (dropFileMappings(from, to)) {
            NativeReservation.replaceWithAnonymous(mem, from, to - from);
        } else {
            NativeReservation.zero(mem, from, to - from);
        }
    }

    /** Unmaps: later accesses fault, and a later map reads zeros. */
    @Override
    public void unmap(long addr, long len) {
        checkRange(addr, len);
        for (long p = pageFloor(addr); p < addr + len; p += PAGE_SIZE) {
            dropCode(p);
        }
        setPerms(addr, len, 0);
        zeroPages(pageFloor(addr), pageCeil(addr + len));
    }

    /** Changes protection of mapped pages, keeping their contents. */
    @Override
    public void protect(long addr, long len, int prot) {
        checkRange(addr, len);
        for (long p = pageFloor(addr); p < addr + len; p += PAGE_SIZE) {
            // a page mapped PROT_NONE has no bits at all: OBSERVED comes with the access it gains
            setBits(p, (bits(p) & CODE) | (prot & PROT_MASK) | ((prot & PROT_MASK) == 0 ? 0 : observedBit));
        }
        if ((prot & PROT_MASK) != 0) {
            // a reservation mapped PROT_NONE and opened later (a loader's way) must be found by the
            // first observeStores too, or its stores would escape the observer on the fast paths
            markChunksMapped(addr, len);
        }
    }

    private void setPerms(long addr, long len, int prot) {
        for (long p = pageFloor(addr); p < addr + len; p += PAGE_SIZE) {
            setBits(p, prot == 0 ? 0 : prot | observedBit);
        }
        if (prot != 0) {
            markChunksMapped(addr, len);
        }
    }

    private void markChunksMapped(long addr, long len) {
        for (long c = addr >>> (PAGE_SHIFT + CHUNK_PAGES_SHIFT); c <= (addr + len - 1) >>> (PAGE_SHIFT + CHUNK_PAGES_SHIFT)
                && c < chunksMapped.length; c++) {
            chunksMapped[(int) c] = true;
        }
    }

    /** The permission and CODE bits of the page holding {@code addr}, which lies in the window. */
    private int bits(long addr) {
        return perms.get(ValueLayout.JAVA_BYTE, addr >>> PAGE_SHIFT);
    }

    private void setBits(long addr, int bits) {
        perms.set(ValueLayout.JAVA_BYTE, addr >>> PAGE_SHIFT, (byte) bits);
    }

    /** READ/WRITE/EXEC bits of the page holding {@code addr}; 0 when unmapped or outside. */
    @Override
    public int protection(long addr) {
        if ((addr >>> addressBits) != 0) {
            return 0;
        }
        return bits(addr) & PROT_MASK;
    }

    /**
     * Marks the pages of {@code [addr, addr+len)} as holding translated code. Pages outside the
     * window are left alone: nothing is mapped there, so fetching code from them faults (a jump to
     * a non-canonical address is a SIGSEGV, not an error of the emulator).
     */
    @Override
    public void markCode(long addr, long len) {
        long end = Long.compareUnsigned(addr + len, size) > 0 || addr + len < addr ? size : addr + len;
        for (long p = pageFloor(addr); Long.compareUnsigned(p, end) < 0; p += PAGE_SIZE) {
            setBits(p, bits(p) | CODE);
        }
    }

    private void dropCode(long page) {
        int bits = bits(page);
        if ((bits & CODE) != 0) {
            setBits(page, bits & ~CODE);
            codeWriteListener.onCodeWrite(page);
        }
    }

    private void checkRange(long addr, long len) {
        if (len < 0 || addr < 0 || addr + len > size || addr + len < addr) {
            throw new IllegalArgumentException("range 0x" + Long.toHexString(addr) + "+" + len + " outside guest memory");
        }
    }

    // ---------------------------------------------------------------- fast paths

    /**
     * The fast-path test of a read of {@code n} bytes, given the page table: the page index checked
     * against the table's length (which also bounds the address, one entry per page of the window),
     * the entry read unchecked, then READ and natural alignment.
     */
    static boolean fastReadable(long pageTable, long pageCount, long a, int n) {
        long page = a >>> PAGE_SHIFT;
        return page < pageCount && (HostMemory.getByte(pageTable + page) & READ) != 0 && (a & (n - 1)) == 0;
    }

    /** As {@link #fastReadable}, for a write: WRITE, no translated code on the page, stores not observed. */
    static boolean fastWritable(long pageTable, long pageCount, long a, int n) {
        long page = a >>> PAGE_SHIFT;
        return page < pageCount && (HostMemory.getByte(pageTable + page) & (WRITE | CODE | OBSERVED)) == WRITE
                && (a & (n - 1)) == 0;
    }

    @Override
    public long ld8u(long a) {
        return fastReadable(pageTable, pageCount, a, 1) ? HostMemory.getByte(base + a) & 0xffL : slowLoad(a, 1) & 0xffL;
    }

    @Override
    public long ld8s(long a) {
        return fastReadable(pageTable, pageCount, a, 1) ? HostMemory.getByte(base + a) : (byte) slowLoad(a, 1);
    }

    @Override
    public long ld16u(long a) {
        return fastReadable(pageTable, pageCount, a, 2) ? HostMemory.getShort(base + a) & 0xffffL : slowLoad(a, 2) & 0xffffL;
    }

    @Override
    public long ld16s(long a) {
        return fastReadable(pageTable, pageCount, a, 2) ? HostMemory.getShort(base + a) : (short) slowLoad(a, 2);
    }

    @Override
    public long ld32u(long a) {
        return fastReadable(pageTable, pageCount, a, 4) ? HostMemory.getInt(base + a) & 0xffffffffL : slowLoad(a, 4) & 0xffffffffL;
    }

    @Override
    public long ld32s(long a) {
        return fastReadable(pageTable, pageCount, a, 4) ? HostMemory.getInt(base + a) : (int) slowLoad(a, 4);
    }

    @Override
    public long ld64(long a) {
        return fastReadable(pageTable, pageCount, a, 8) ? HostMemory.getLong(base + a) : slowLoad(a, 8);
    }

    @Override
    public void st8(long a, long v) {
        if (fastWritable(pageTable, pageCount, a, 1)) {
            HostMemory.putByte(base + a, (byte) v);
        } else {
            slowStore(a, 1, v);
        }
    }

    @Override
    public void st16(long a, long v) {
        if (fastWritable(pageTable, pageCount, a, 2)) {
            HostMemory.putShort(base + a, (short) v);
        } else {
            slowStore(a, 2, v);
        }
    }

    @Override
    public void st32(long a, long v) {
        if (fastWritable(pageTable, pageCount, a, 4)) {
            HostMemory.putInt(base + a, (int) v);
        } else {
            slowStore(a, 4, v);
        }
    }

    @Override
    public void st64(long a, long v) {
        if (fastWritable(pageTable, pageCount, a, 8)) {
            HostMemory.putLong(base + a, v);
        } else {
            slowStore(a, 8, v);
        }
    }

    /** Instruction fetch of a 16-bit parcel: needs EXEC permission. */
    @Override
    public int fetch16(long a) {
        if ((a >>> addressBits) != 0 || (bits(a) & EXEC) == 0) {
            throw new GuestTrap(protection(a) == 0 ? GuestTrap.Kind.UNMAPPED : GuestTrap.Kind.PROTECTION, a);
        }
        return mem.get(SHORT, a) & 0xffff;
    }

    // ---------------------------------------------------------------- atomics

    /** Atomic compare-and-exchange of an aligned 32-bit word; returns the old value, sign-extended. */
    @Override
    public long cas32(long a, int expect, int update) {
        checkAtomic(a, 4);
        reportStore(a, 4);
        return (int) ATOMIC_INT.compareAndExchange(mem, a, expect, update);
    }

    /** Atomic compare-and-exchange of an aligned 64-bit word; returns the old value. */
    @Override
    public long cas64(long a, long expect, long update) {
        checkAtomic(a, 8);
        reportStore(a, 8);
        return (long) ATOMIC_LONG.compareAndExchange(mem, a, expect, update);
    }

    /** Checks an atomic read-modify-write: aligned, readable and writable. */
    @Override
    public void checkAtomic(long a, int n) {
        if ((a & (n - 1)) != 0) {
            throw new GuestTrap(GuestTrap.Kind.MISALIGNED, a);
        }
        if (!fastWritable(pageTable, pageCount, a, n)) {
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
        reportStore(a, n);
        dropCode(pageFloor(a));
        dropCode(pageFloor(a + n - 1));
        if ((a & (n - 1)) == 0) { // aligned, so on one page, checked: what the fast path would do
            switch (n) {
                case 1 -> HostMemory.putByte(base + a, (byte) v);
                case 2 -> HostMemory.putShort(base + a, (short) v);
                case 4 -> HostMemory.putInt(base + a, (int) v);
                default -> HostMemory.putLong(base + a, v);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            mem.set(ValueLayout.JAVA_BYTE, a + i, (byte) (v >>> (8 * i)));
        }
    }

    /** Throws the guest trap an access of {@code n} bytes needing {@code perm} would raise. */
    @Override
    public void checkAccess(long a, long n, int perm) {
        if (n == 0) {
            return;
        }
        long end = a + n - 1;
        if ((a >>> addressBits) != 0 || (end >>> addressBits) != 0 || end < a) {
            throw new GuestTrap(GuestTrap.Kind.UNMAPPED, a);
        }
        for (long p = pageFloor(a); p <= end; p += PAGE_SIZE) {
            int bits = bits(p);
            if ((bits & PROT_MASK) == 0) {
                throw new GuestTrap(GuestTrap.Kind.UNMAPPED, Math.max(p, a));
            }
            if ((bits & perm) == 0) {
                throw new GuestTrap(GuestTrap.Kind.PROTECTION, Math.max(p, a));
            }
        }
    }

    // ---------------------------------------------------------------- bulk access for the runtime

    @Override
    public void read(long a, byte[] dst, int off, int len) {
        checkAccess(a, len, READ);
        MemorySegment.copy(mem, ValueLayout.JAVA_BYTE, a, dst, off, len);
    }

    @Override
    public void write(long a, byte[] src, int off, int len) {
        checkAccess(a, len, WRITE);
        reportStore(a, len);
        invalidateCodeIn(a, len);
        MemorySegment.copy(src, off, mem, ValueLayout.JAVA_BYTE, a, len);
    }

    /** Writes ignoring page protection, as the loader does for read-only segments. */
    @Override
    public void writeInitial(long a, byte[] src, int off, int len) {
        checkRange(a, len);
        reportStore(a, len);
        invalidateCodeIn(a, len);
        MemorySegment.copy(src, off, mem, ValueLayout.JAVA_BYTE, a, len);
    }

    /** A direct buffer over guest memory, for host I/O straight into or out of the guest. */
    @Override
    public ByteBuffer buffer(long a, int len, boolean forWrite) {
        checkAccess(a, len, forWrite ? WRITE : READ);
        if (forWrite) {
            reportStore(a, len);
            invalidateCodeIn(a, len);
        }
        return mem.asSlice(a, len).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private void invalidateCodeIn(long a, long len) {
        for (long p = pageFloor(a); p < a + len; p += PAGE_SIZE) {
            dropCode(p);
        }
    }

}
