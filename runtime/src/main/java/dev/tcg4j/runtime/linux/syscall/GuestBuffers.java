package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.fs.Sysroot;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

/**
 * Guest memory as native segments for host calls, so that host reads and writes go straight into
 * or out of the guest with no copy. A range the guest may not access throws {@code GuestTrap},
 * which the dispatcher turns into -EFAULT as the kernel's copy_to_user would.
 */
final class GuestBuffers {
    static final int PATH_MAX = 4096;
    static final long MAX_RW_COUNT = 0x7ffff000L;

    private final GuestMemory memory;
    private final ProcLinks procLinks;

    GuestBuffers(GuestMemory memory, ProcLinks procLinks) {
        this.memory = memory;
        this.procLinks = procLinks;
    }

    GuestMemory memory() {
        return memory;
    }

    /**
     * A guest range the host will read: the accessible part of {@code [addr, addr+len)} from its
     * start, as the kernel copies until the first bad page. Nothing accessible throws the fault.
     */
    MemorySegment in(long addr, long len) {
        return segment(addr, len, GuestMemory.READ);
    }

    /** A guest range the host will write; see {@link #in}. */
    MemorySegment out(long addr, long len) {
        return segment(addr, len, GuestMemory.WRITE);
    }

    /** A guest range the host will write, or NULL for a null guest pointer. */
    MemorySegment outOrNull(long addr, long len) {
        return addr == 0 ? MemorySegment.NULL : out(addr, len);
    }

    MemorySegment inOrNull(long addr, long len) {
        return addr == 0 ? MemorySegment.NULL : in(addr, len);
    }

    private MemorySegment segment(long addr, long len, int perm) {
        int n = (int) rwCount(len);
        if (n > 0 && !memory.accessible(addr, n, perm)) {
            n = (int) accessiblePrefix(addr, n, perm);
            if (n == 0) {
                memory.checkAccess(addr, 1, perm); // throws the fault the first byte raises
            }
        }
        return MemorySegment.ofBuffer(memory.buffer(addr, n, perm == GuestMemory.WRITE));
    }

    private long accessiblePrefix(long addr, long len, int perm) {
        long end = addr;
        while (end < addr + len && memory.accessible(end, 1, perm)) {
            end = GuestMemory.pageFloor(end) + GuestMemory.PAGE_SIZE;
        }
        return Math.max(0, Math.min(end, addr + len) - addr);
    }

    /** The kernel caps one transfer at MAX_RW_COUNT; a larger (or "negative") count transfers less. */
    static long rwCount(long len) {
        return Long.compareUnsigned(len, MAX_RW_COUNT) > 0 ? MAX_RW_COUNT : len;
    }

    /** The guest's NUL-terminated path copied into {@code arena}. */
    MemorySegment path(long addr, Arena arena) {
        byte[] bytes = ownLinks(memory.readCBytes(addr, PATH_MAX));
        MemorySegment s = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, s, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
        return s;
    }

    /** The guest's path as {@link #path}, an absolute one looked up under the -L prefix first (qemu's path()). */
    MemorySegment path(long addr, Arena arena, Sysroot sysroot) {
        if (!sysroot.active()) {
            return path(addr, arena);
        }
        byte[] raw = memory.readCBytes(addr, PATH_MAX);
        byte[] own = ownLinks(raw);
        byte[] bytes = own != raw ? own
                : sysroot.map(new String(raw, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        MemorySegment s = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, s, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
        return s;
    }

    private byte[] ownLinks(byte[] path) {
        return procLinks.hostPath(path);
    }

    String string(long addr) {
        return memory.readCString(addr, PATH_MAX);
    }
}
