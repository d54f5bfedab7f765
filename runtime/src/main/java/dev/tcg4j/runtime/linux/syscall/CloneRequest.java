package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;

/**
 * What clone or clone3 asks for, in clone's terms, with the errno Linux's copy_process gives for
 * it ({@code error}, 0 when the request is valid). One reading for both the thread and the process
 * paths, so that they refuse the same requests.
 *
 * @param flags the clone flags with the exit signal in their low byte
 * @param stackTop the child's stack pointer, 0 to keep the parent's
 */
record CloneRequest(long flags, long stackTop, long parentTid, long tls, long childTid, long error) {
    static final long CLONE_VM = 0x100;
    static final long CLONE_FS = 0x200;
    static final long CLONE_SIGHAND = 0x800;
    static final long CLONE_PIDFD = 0x1000;
    static final long CLONE_VFORK = 0x4000;
    static final long CLONE_THREAD = 0x10000;
    static final long CLONE_NEWNS = 0x20000;
    static final long CLONE_SETTLS = 0x80000;
    static final long CLONE_PARENT_SETTID = 0x100000;
    static final long CLONE_CHILD_CLEARTID = 0x200000;
    static final long CLONE_CHILD_SETTID = 0x1000000;
    static final long CLONE_NEWUSER = 0x10000000;
    /** clone3's struct clone_args as first published (flags .. tls). */
    private static final int CLONE_ARGS_SIZE_VER0 = 64;

    /** clone(flags, newsp, parent_tid, tls, child_tid), the generic (not CLONE_BACKWARDS) order. */
    static CloneRequest ofClone(long flags, long newsp, long ptid, long tls, long ctid) {
        return new CloneRequest(flags, newsp, ptid, tls, ctid, invalidFlags(flags));
    }

    /** clone3(struct clone_args *, size): the stack comes as base and size, the exit signal in a field. */
    static CloneRequest ofClone3(GuestMemory memory, long args, long size) {
        if (size < CLONE_ARGS_SIZE_VER0 || size > GuestMemory.PAGE_SIZE) {
            return failed(Errno.EINVAL);
        }
        long flags = memory.ld64(args);
        long childTid = memory.ld64(args + 16);
        long parentTid = memory.ld64(args + 24);
        long exitSignal = memory.ld64(args + 32);
        long stack = memory.ld64(args + 40);
        long stackSize = memory.ld64(args + 48);
        long tls = memory.ld64(args + 56);
        for (long off = CLONE_ARGS_SIZE_VER0; off + 8 <= size; off += 8) {
            if (memory.ld64(args + off) != 0) {
                return failed(Errno.E2BIG); // set_tid, cgroup: not supported here
            }
        }
        if ((flags & 0xff) != 0 || (exitSignal & ~0xffL) != 0 || (stack == 0) != (stackSize == 0)) {
            return failed(Errno.EINVAL);
        }
        long all = flags | exitSignal;
        return new CloneRequest(all, stack == 0 ? 0 : stack + stackSize, parentTid, tls, childTid, invalidFlags(all));
    }

    /** A thread of the calling process rather than a new process. */
    boolean thread() {
        return (flags & CLONE_THREAD) != 0;
    }

    private static CloneRequest failed(int errno) {
        return new CloneRequest(0, 0, 0, 0, 0, -errno);
    }

    /** copy_process's checks of flag combinations that make no sense. */
    private static long invalidFlags(long flags) {
        boolean invalid = (flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS)
                || (flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS)
                || (flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0
                || (flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0;
        return invalid ? -Errno.EINVAL : 0;
    }
}
