package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.GuestExit;
import dev.tcg4j.runtime.linux.GuestThread;
import dev.tcg4j.runtime.linux.ProcessContext;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.process.ProcessCpu;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/** Process identity, limits, time and the other calls about the process itself. */
final class ProcessSyscalls {
    private static final int UTS_FIELD = 65;
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_PROCESS_CPUTIME_ID = 2;
    private static final int RUSAGE_SELF = 0;
    private static final int RUSAGE_CHILDREN = -1;
    private static final int RUSAGE_THREAD = 1;
    private static final int TIMER_ABSTIME = 1;
    private static final int PR_GET_DUMPABLE = 3;
    private static final int PR_SET_DUMPABLE = 4;
    private static final int PR_SET_NAME = 15;
    private static final int PR_GET_NAME = 16;

    private final ProcessContext ctx;
    private final GuestBuffers buf;
    private final GuestMemory memory;
    private final Libc libc;

    ProcessSyscalls(ProcessContext ctx, GuestBuffers buf) {
        this.ctx = ctx;
        this.buf = buf;
        this.memory = ctx.memory();
        this.libc = ctx.libc();
    }

    long exitGroup(long status) {
        throw new GuestExit((int) status & 0xff);
    }

    long uname(long addr) {
        long r = libc.uname(buf.out(addr, 6L * UTS_FIELD));
        if (r == 0) {
            byte[] machine = new byte[UTS_FIELD];
            byte[] name = ctx.abi().machine().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(name, 0, machine, 0, name.length);
            memory.write(addr + 4L * UTS_FIELD, machine);
        }
        return r;
    }

    long prlimit(long pid, long resource, long newLimit, long oldLimit) {
        if (pid != 0 && pid != ctx.pid()) {
            return -Errno.ESRCH;
        }
        if (newLimit != 0) {
            // limits are not applied to the host: they would constrain the emulator itself, as in QEMU
            memory.checkAccess(newLimit, 16, GuestMemory.READ);
        }
        if (oldLimit == 0) {
            return 0;
        }
        return libc.prlimit(0, (int) resource, MemorySegment.NULL, buf.out(oldLimit, 16));
    }

    long getrandom(long addr, long n, long flags) {
        MemorySegment dst = buf.out(addr, n);
        return libc.getrandom(dst, dst.byteSize(), (int) flags);
    }

    /** The process's CPU clock counts its vCPU threads alone, as getrusage does; other clocks are the host's. */
    long clockGettime(long clock, long ts) {
        if (clock == CLOCK_PROCESS_CPUTIME_ID) {
            memory.checkAccess(ts, 16, GuestMemory.WRITE);
            long nanos = ownCpu().totalNanos();
            memory.st64(ts, nanos / 1_000_000_000);
            memory.st64(ts + 8, nanos % 1_000_000_000);
            return 0;
        }
        return libc.clockGettime((int) clock, buf.out(ts, 16));
    }

    long clockGetres(long clock, long ts) {
        return libc.clockGetres((int) clock, buf.outOrNull(ts, 16));
    }

    long gettimeofday(long tv, long tz) {
        try (Arena arena = Arena.ofConfined()) {
            if (tv != 0) {
                MemorySegment ts = arena.allocate(16, 8);
                libc.clockGettime(CLOCK_REALTIME, ts);
                memory.checkAccess(tv, 16, GuestMemory.WRITE);
                memory.st64(tv, ts.get(ValueLayout.JAVA_LONG, 0));
                memory.st64(tv + 8, ts.get(ValueLayout.JAVA_LONG, 8) / 1000);
            }
            if (tz != 0) {
                memory.write(tz, new byte[8]);
            }
            return 0;
        }
    }

    long nanosleep(long req, long rem) {
        long sec = memory.ld64(req);
        long nsec = memory.ld64(req + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        long nanos = saturatingNanos(sec, nsec);
        long start = System.nanoTime();
        long r = sleepNanos(nanos);
        if (r == -Errno.EINTR && rem != 0) {
            // a signal cut the sleep short: the kernel writes what was left
            long left = Math.max(0, nanos - (System.nanoTime() - start));
            memory.st64(rem, left / 1_000_000_000L);
            memory.st64(rem + 8, left % 1_000_000_000L);
        }
        return r;
    }

    long clockNanosleep(long clock, long flags, long req, long rem) {
        long sec = memory.ld64(req);
        long nsec = memory.ld64(req + 8);
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        long nanos = saturatingNanos(sec, nsec);
        if ((flags & TIMER_ABSTIME) != 0) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment now = arena.allocate(16, 8);
                long r = libc.clockGettime((int) clock, now);
                if (r < 0) {
                    return r;
                }
                nanos -= saturatingNanos(now.get(ValueLayout.JAVA_LONG, 0), now.get(ValueLayout.JAVA_LONG, 8));
            }
        }
        long start = System.nanoTime();
        long r = sleepNanos(Math.max(0, nanos));
        if (r == -Errno.EINTR && rem != 0 && (flags & TIMER_ABSTIME) == 0) {
            long left = Math.max(0, nanos - (System.nanoTime() - start));
            memory.st64(rem, left / 1_000_000_000L);
            memory.st64(rem + 8, left % 1_000_000_000L);
        }
        return r;
    }

    static long saturatingNanos(long sec, long nsec) {
        return sec >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
    }

    private static long sleepNanos(long nanos) {
        try {
            Thread.sleep(java.time.Duration.ofNanos(nanos));
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -Errno.EINTR;
        }
    }

    long schedGetaffinity(long pid, long size, long mask) {
        if (size < 8 || (size & 7) != 0) {
            return -Errno.EINVAL;
        }
        int cpus = onlineCpus();
        memory.checkAccess(mask, 8, GuestMemory.WRITE);
        memory.st64(mask, cpus == 64 ? -1L : (1L << cpus) - 1);
        return 8;
    }

    /** The cpus the guest sees online: the host's, up to the 64 one mask word holds. */
    static int onlineCpus() {
        return Math.min(64, Runtime.getRuntime().availableProcessors());
    }

    long getcpu(long cpu, long node) {
        if (cpu != 0) {
            memory.st32(cpu, 0);
        }
        if (node != 0) {
            memory.st32(node, 0);
        }
        return 0;
    }

    /** PR_SET_NAME and PR_GET_NAME name the calling thread. */
    long prctl(GuestThread self, long option, long arg2) {
        switch ((int) option) {
            case PR_SET_NAME -> {
                self.setName(memory.readCBytes(arg2, 15));
                return 0;
            }
            case PR_GET_NAME -> {
                byte[] threadName = self.name();
                byte[] out = new byte[16];
                System.arraycopy(threadName, 0, out, 0, Math.min(15, threadName.length));
                memory.write(arg2, out);
                return 0;
            }
            case PR_GET_DUMPABLE -> {
                return 1;
            }
            case PR_SET_DUMPABLE -> {
                return arg2 == 0 || arg2 == 1 ? 0 : -Errno.EINVAL;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    long sysinfo(long addr) {
        return libc.sysinfo(buf.out(addr, 112));
    }

    /** The guest's own times and its reaped children's; the result is the host's tick count. */
    long times(long addr) {
        if (addr != 0) {
            memory.checkAccess(addr, CpuTimeLayouts.TMS_SIZE, GuestMemory.WRITE);
            CpuTimeLayouts.writeTms(memory, addr, ownCpu().now(), ctx.processes().reapedChildrenCpu(ctx.pid()));
        }
        return libc.times(MemorySegment.NULL);
    }

    /**
     * RUSAGE_THREAD is the host thread's, which runs this guest thread alone. RUSAGE_SELF takes the
     * guest process's CPU times and the host's other figures (maximum RSS, faults, switches: the
     * emulator's, as under qemu). RUSAGE_CHILDREN has the reaped children's times, nothing else.
     */
    long getrusage(long who, long addr) {
        switch ((int) who) {
            case RUSAGE_THREAD -> {
                return libc.getrusage(RUSAGE_THREAD, buf.out(addr, CpuTimeLayouts.RUSAGE_SIZE));
            }
            case RUSAGE_SELF -> {
                long r = libc.getrusage(RUSAGE_SELF, buf.out(addr, CpuTimeLayouts.RUSAGE_SIZE));
                if (r == 0) {
                    CpuTimeLayouts.writeRusageTimes(memory, addr, ownCpu().now());
                }
                return r;
            }
            case RUSAGE_CHILDREN -> {
                memory.checkAccess(addr, CpuTimeLayouts.RUSAGE_SIZE, GuestMemory.WRITE);
                memory.write(addr, new byte[CpuTimeLayouts.RUSAGE_SIZE]);
                CpuTimeLayouts.writeRusageTimes(memory, addr, ctx.processes().reapedChildrenCpu(ctx.pid()));
                return 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    private ProcessCpu ownCpu() {
        return ctx.processes().cpu(ctx.pid());
    }
}
