package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.ProcessContext;
import java.lang.invoke.VarHandle;

/**
 * membarrier, riscv_flush_icache, sched_setaffinity's checks and the prctl options beyond the
 * thread name.
 */
final class MiscSyscalls {
    static final int MEMBARRIER_CMD_QUERY = 0;
    static final int MEMBARRIER_CMD_GLOBAL = 1;
    static final int MEMBARRIER_CMD_GLOBAL_EXPEDITED = 2;
    static final int MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED = 4;
    static final int MEMBARRIER_CMD_PRIVATE_EXPEDITED = 8;
    static final int MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED = 16;
    private static final int SUPPORTED = MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED
            | MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED
            | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED;
    private static final int SYS_RISCV_FLUSH_ICACHE_LOCAL = 1;
    private static final int PR_SET_PDEATHSIG = 1;
    private static final int PR_GET_PDEATHSIG = 2;
    private static final int PR_GET_TIMERSLACK = 30;
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int PR_GET_CHILD_SUBREAPER = 37;
    private static final int PR_SET_NO_NEW_PRIVS = 38;
    private static final int PR_GET_NO_NEW_PRIVS = 39;
    private static final int PR_GET_SECCOMP = 21;
    private static final int PR_SET_SECCOMP = 22;

    private final ProcessContext ctx;
    private final GuestMemory memory;
    private final ProcessSyscalls proc;
    private volatile boolean privateExpeditedRegistered;
    private volatile int deathSignal;
    private volatile boolean subreaper;
    private volatile boolean noNewPrivs;
    private volatile long timerSlack = 50_000;

    MiscSyscalls(ProcessContext ctx, ProcessSyscalls proc) {
        this.ctx = ctx;
        this.memory = ctx.memory();
        this.proc = proc;
    }

    /**
     * membarrier: every vCPU of the process passes a full barrier. A host fence here, and every other
     * vCPU asked to stop at its next block boundary, where it synchronises with the runtime.
     */
    long membarrier(long cmd, long flags, long cpuId) {
        if ((flags & ~1L) != 0 || (flags != 0 && cmd != 64 /* RSEQ */)) {
            return -Errno.EINVAL;
        }
        switch ((int) cmd) {
            case MEMBARRIER_CMD_QUERY -> {
                return SUPPORTED;
            }
            case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED -> {
                privateExpeditedRegistered = true;
                return 0;
            }
            case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED -> {
                return 0;
            }
            case MEMBARRIER_CMD_PRIVATE_EXPEDITED -> {
                if (!privateExpeditedRegistered) {
                    return -Errno.EPERM;
                }
                barrier();
                return 0;
            }
            case MEMBARRIER_CMD_GLOBAL, MEMBARRIER_CMD_GLOBAL_EXPEDITED -> {
                barrier();
                return 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    private void barrier() {
        VarHandle.fullFence();
        for (GuestThread t : ctx.threads().live()) {
            t.cpu().exitRequested = true;
        }
    }

    /** riscv_flush_icache(start, end, flags): the translations of code in the range are dropped. */
    long riscvFlushIcache(long start, long end, long flags) {
        if ((flags & ~SYS_RISCV_FLUSH_ICACHE_LOCAL) != 0) {
            return -Errno.EINVAL;
        }
        ctx.space().dropTranslations(start, end);
        return 0;
    }

    /** sched_setaffinity: any mask naming an online CPU is accepted; the host schedules the vCPUs. */
    long schedSetaffinity(long pid, long size, long mask) {
        if ((int) pid < 0) {
            return -Errno.EINVAL;
        }
        if (pid != 0 && pid != ctx.pid() && ctx.threads().byTid((int) pid) == null) {
            return -Errno.ESRCH;
        }
        int cpus = ProcessSyscalls.onlineCpus();
        long words = Math.min((size + 7) / 8, (cpus + 63) / 64);
        boolean any = false;
        for (long i = 0; i < words && i * 8 < size; i++) {
            long w = size - i * 8 >= 8 ? memory.ld64(mask + 8 * i) : partialWord(mask + 8 * i, (int) (size - i * 8));
            int bits = (int) Math.min(64, cpus - 64 * i);
            any |= (bits == 64 ? w : w & ((1L << bits) - 1)) != 0;
        }
        return any ? 0 : -Errno.EINVAL;
    }

    private long partialWord(long addr, int bytes) {
        long w = 0;
        for (int b = 0; b < bytes; b++) {
            w |= (memory.ld8u(addr + b) & 0xffL) << (8 * b);
        }
        return w;
    }

    long prctl(GuestThread self, long option, long arg2, long arg3, long arg4, long arg5) {
        switch ((int) option) {
            case PR_SET_PDEATHSIG -> {
                if (arg2 < 0 || arg2 > 64) {
                    return -Errno.EINVAL;
                }
                deathSignal = (int) arg2;
                return 0;
            }
            case PR_GET_PDEATHSIG -> {
                memory.st32(arg2, deathSignal);
                return 0;
            }
            case PR_SET_CHILD_SUBREAPER -> {
                subreaper = arg2 != 0;
                return 0;
            }
            case PR_GET_CHILD_SUBREAPER -> {
                memory.st32(arg2, subreaper ? 1 : 0);
                return 0;
            }
            case PR_SET_NO_NEW_PRIVS -> {
                if (arg2 != 1 || arg3 != 0 || arg4 != 0 || arg5 != 0) {
                    return -Errno.EINVAL;
                }
                noNewPrivs = true;
                return 0;
            }
            case PR_GET_NO_NEW_PRIVS -> {
                return arg2 != 0 || arg3 != 0 || arg4 != 0 || arg5 != 0 ? -Errno.EINVAL : noNewPrivs ? 1 : 0;
            }
            case PR_SET_TIMERSLACK -> {
                timerSlack = arg2 <= 0 ? 50_000 : arg2;
                return 0;
            }
            case PR_GET_TIMERSLACK -> {
                return timerSlack;
            }
            case PR_GET_SECCOMP -> {
                return 0;
            }
            case PR_SET_SECCOMP -> {
                return -Errno.EINVAL; // as qemu: a filter for the host's system calls would be wrong
            }
            default -> {
                return proc.prctl(self, option, arg2);
            }
        }
    }
}
