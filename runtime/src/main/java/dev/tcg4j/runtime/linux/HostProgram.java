package dev.tcg4j.runtime.linux;

import dev.tcg4j.memory.HostFunction;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.host.HostCalls;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.signal.SigInfo;
import dev.tcg4j.runtime.linux.signal.Signals;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * execve of a program built for the host rather than the guest (an x86-64 ELF on an x86-64 host).
 * qemu-user hands such an execve to the host kernel, so the program runs natively in the process.
 * Here the guest process lives inside the JVM, which must go on, so the program runs as a host child
 * process instead (posix_spawn), with what the exec'd program would have had: the guest process's
 * descriptors at their guest numbers (close-on-exec ones closed), its working directory and umask
 * (the calling vCPU thread's, which holds them), its environment, its ignored signals ignored and the
 * others at their defaults, its blocked mask. The guest process waits for the child and ends as it
 * ends: the same exit status, or death by the same signal; a signal sent to the guest process
 * meanwhile is passed on to the child. Unlike under qemu, the program has a pid of its own, and its
 * parent is the emulator.
 */
public final class HostProgram {
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final int FD_CLOEXEC = 1;
    private static final int F_GETFD = 1;
    private static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    /** glibc's posix_spawnattr_t is 336 bytes and posix_spawn_file_actions_t 80; room to spare. */
    private static final int OPAQUE_SIZE = 1024;
    private static final int SIGSET_SIZE = 128;
    private static final short POLLIN = 1;
    private static final int WAIT_SLICE_MILLIS = 20;
    private static final long PIDFD_OPEN = 434;
    private static final int WNOHANG = 1;
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final HostFunction SYSCALL = HostFunction.variadicReturningLong("syscall");

    private HostProgram() {}

    /** Whether {@code bytes} begin a 64-bit ELF file of the host's machine. */
    public static boolean isHostElf(byte[] bytes) {
        if (bytes.length < 20 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F'
                || bytes[4] != 2) {
            return false;
        }
        int machine = (bytes[18] & 0xff) | (bytes[19] & 0xff) << 8;
        return machine == hostMachine();
    }

    private static int hostMachine() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> EM_X86_64;
            case "aarch64" -> EM_AARCH64;
            default -> -1;
        };
    }

    /**
     * Runs {@code hostPath} in place of the guest process's image. Returns -errno when the host
     * cannot start it (execve then fails, as it would); otherwise the process ends with the child,
     * by a {@link GuestExit}.
     */
    public static long run(ProcessContext ctx, GuestThread self, String hostPath, List<String> argv, List<String> envp) {
        long pid;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(OPAQUE_SIZE, 16);
            MemorySegment attr = arena.allocate(OPAQUE_SIZE, 16);
            HostCalls.callInt("posix_spawn_file_actions_init", actions.address());
            HostCalls.callInt("posix_spawnattr_init", attr.address());
            try {
                arrangeDescriptors(ctx.fds(), ctx.libc(), actions);
                arrangeSignals(ctx.signals(), self, attr, arena);
                MemorySegment pidOut = arena.allocate(ValueLayout.JAVA_INT);
                long r = HostCalls.callInt("posix_spawn", pidOut.address(), arena.allocateFrom(hostPath).address(),
                        actions.address(), attr.address(), strings(argv, arena).address(), strings(envp, arena).address());
                if (r != 0) {
                    return r < 0 ? r : -r; // posix_spawn returns the error number itself
                }
                pid = pidOut.get(ValueLayout.JAVA_INT, 0);
            } finally {
                HostCalls.callInt("posix_spawn_file_actions_destroy", actions.address());
                HostCalls.callInt("posix_spawnattr_destroy", attr.address());
            }
        }
        int status = await((int) pid, ctx.signals(), self);
        ctx.fds().closeAll();
        int signal = status & 0x7f;
        if (signal != 0 && signal != 0x7f) {
            throw GuestExit.bySignal(signal);
        }
        throw new GuestExit((status >> 8) & 0xff);
    }

    /**
     * The child's descriptors: each open guest fd that is not close-on-exec at its guest number,
     * and nothing else of the JVM's. The host fds go to temporary numbers above all of them first,
     * so that no move overwrites a host fd that another one still needs.
     */
    private static void arrangeDescriptors(FdTable fds, Libc libc, MemorySegment actions) {
        List<int[]> moves = new ArrayList<>();
        int highest = 2;
        for (int guest : fds.openIn(0, FdTable.MAX_FDS - 1)) {
            int host = fds.host(guest);
            if (host < 0) {
                continue;
            }
            highest = Math.max(highest, Math.max(guest, host));
            long flags = libc.fcntl(host, F_GETFD, 0);
            if (flags >= 0 && (flags & FD_CLOEXEC) == 0) {
                moves.add(new int[] {guest, host});
            }
        }
        int temporary = highest + 1;
        for (int i = 0; i < moves.size(); i++) {
            HostCalls.callInt("posix_spawn_file_actions_adddup2", actions.address(), moves.get(i)[1], temporary + i);
        }
        for (int fd = 0; fd < temporary; fd++) {
            HostCalls.callInt("posix_spawn_file_actions_addclose", actions.address(), fd);
        }
        for (int i = 0; i < moves.size(); i++) {
            HostCalls.callInt("posix_spawn_file_actions_adddup2", actions.address(), temporary + i, moves.get(i)[0]);
        }
        try {
            HostCalls.callInt("posix_spawn_file_actions_addclosefrom_np", actions.address(), temporary);
        } catch (IllegalStateException noSuchFunction) {
            // a host C library before 2.34: the JVM's own descriptors above these are close-on-exec
        }
    }

    /** The guest's blocked mask; every signal it does not ignore back at its default. */
    private static void arrangeSignals(Signals signals, GuestThread self, MemorySegment attr, Arena arena) {
        MemorySegment mask = arena.allocate(SIGSET_SIZE, 8);
        mask.set(ValueLayout.JAVA_LONG, 0, signals.blocked(self.signals()));
        MemorySegment defaults = arena.allocate(SIGSET_SIZE, 8);
        long toDefault = 0;
        for (int sig = 1; sig <= 64; sig++) {
            if (!signals.action(sig).isIgnore()) {
                toDefault |= Signals.bit(sig);
            }
        }
        defaults.set(ValueLayout.JAVA_LONG, 0, toDefault & ~(Signals.bit(SIGKILL) | Signals.bit(SIGSTOP)));
        HostCalls.callInt("posix_spawnattr_setsigmask", attr.address(), mask.address());
        HostCalls.callInt("posix_spawnattr_setsigdefault", attr.address(), defaults.address());
        HostCalls.callInt("posix_spawnattr_setflags", attr.address(), POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }

    /** A NULL-terminated native array of C strings. */
    private static MemorySegment strings(List<String> values, Arena arena) {
        MemorySegment array = arena.allocate(ValueLayout.ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ValueLayout.ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /**
     * Waits for the child, in polls of its pidfd that a signal posted to the guest process ends: such
     * a signal is passed on to the child. Returns the child's wait status.
     */
    private static int await(int pid, Signals signals, GuestThread self) {
        long pidfd = SYSCALL.call(PIDFD_OPEN, pid, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment pollfd = arena.allocate(8, 4);
            pollfd.set(ValueLayout.JAVA_INT, 0, (int) pidfd);
            pollfd.set(ValueLayout.JAVA_SHORT, 4, POLLIN);
            while (true) {
                if (Thread.interrupted()) {
                    for (SigInfo s = signals.take(self.signals(), -1L); s != null; s = signals.take(self.signals(), -1L)) {
                        HostCalls.callInt("kill", pid, s.signo());
                    }
                }
                long r = HostCalls.callInt("waitpid", pid, status.address(), WNOHANG);
                if (r == pid) {
                    return status.get(ValueLayout.JAVA_INT, 0);
                }
                if (r < 0 && r != -Errno.EINTR) {
                    return 0;
                }
                if (pidfd >= 0) {
                    HostCalls.callInt("poll", pollfd.address(), 1, WAIT_SLICE_MILLIS);
                } else {
                    HostCalls.callInt("usleep", WAIT_SLICE_MILLIS * 1000L);
                }
            }
        } finally {
            if (pidfd >= 0) {
                HostCalls.callInt("close", pidfd);
            }
        }
    }
}
