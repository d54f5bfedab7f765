package dev.tcg4j.runtime.linux.signal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.IntConsumer;

/**
 * The host's SIGQUIT, for the guest. The JVM keeps SIGQUIT for its thread dump and will not hand it
 * to {@code sun.misc.Signal}, and an FFM upcall is no signal handler (not async-signal-safe). So on
 * an x86-64 host the handler is a few instructions of machine code that write a byte to a pipe (the
 * self-pipe trick: write(2) is async-signal-safe), and a daemon thread reads the pipe and delivers
 * the signal as {@link HostSignals} delivers the others. Elsewhere, or with
 * {@code -Dtcg4j.host.sigquit=jvm} (jcmd and jstack attach through SIGQUIT), it stays the JVM's.
 */
final class HostQuitSignal {
    private static final int SIGQUIT = 3;
    private static final long PAGE = 4096;
    private static final long PROT_READ_WRITE = 3;
    private static final long PROT_READ_EXEC = 5;
    private static final long MAP_PRIVATE_ANONYMOUS = 0x22;
    private static final long O_CLOEXEC = 0x80000;
    private static final long SA_RESTART = 0x10000000L;
    private static final long SA_RESTORER = 0x04000000L;
    private static final int RESTORER_OFFSET = 32;

    private HostQuitSignal() {}

    /** Whether this host can take SIGQUIT from the JVM. */
    static boolean supported() {
        return "amd64".equals(System.getProperty("os.arch")) && !"jvm".equals(System.getProperty("tcg4j.host.sigquit"));
    }

    /**
     * Starts the thread that installs the handler, off the start-up path, and then passes each
     * SIGQUIT to {@code deliver}. When the host refuses a step, SIGQUIT stays the JVM's.
     */
    static void start(IntConsumer deliver) {
        Thread reader = new Thread(() -> {
            int readEnd = install();
            if (readEnd >= 0) {
                readQuits(readEnd, deliver);
            }
        }, "tcg4j-host-sigquit");
        reader.setDaemon(true);
        reader.start();
    }

    /** The handler's pipe and code, then the handler itself; the pipe's read end, or -1. */
    private static int install() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            if (RawSyscall.call(RawSyscall.PIPE2, fds.address(), O_CLOEXEC, 0, 0, 0, 0) != 0) {
                return -1;
            }
            int readEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            int writeEnd = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
            long code = RawSyscall.call(RawSyscall.MMAP, 0, PAGE, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
            if (code == -1) { // libc's syscall() returns -1 and sets errno
                return -1;
            }
            MemorySegment page = MemorySegment.ofAddress(code).reinterpret(PAGE);
            page.copyFrom(MemorySegment.ofArray(handlerCode(writeEnd)));
            if (RawSyscall.call(RawSyscall.MPROTECT, code, PAGE, PROT_READ_EXEC, 0, 0, 0) != 0) {
                return -1;
            }
            // the kernel's struct sigaction on x86-64: handler, flags, restorer, mask
            MemorySegment action = arena.allocate(32, 8);
            action.set(ValueLayout.JAVA_LONG, 0, code);
            action.set(ValueLayout.JAVA_LONG, 8, SA_RESTART | SA_RESTORER);
            action.set(ValueLayout.JAVA_LONG, 16, code + RESTORER_OFFSET);
            action.set(ValueLayout.JAVA_LONG, 24, 0);
            return RawSyscall.call(RawSyscall.RT_SIGACTION, SIGQUIT, action.address(), 0, 8, 0, 0) == 0 ? readEnd : -1;
        }
    }

    /**
     * handler(sig): {@code write(writeEnd, &(char) sig, 1)} on the stack's red zone, which the
     * kernel leaves alone when it delivers another signal on top; then the restorer,
     * {@code rt_sigreturn}, at {@link #RESTORER_OFFSET}.
     */
    private static byte[] handlerCode(int writeEnd) {
        byte[] b = new byte[RESTORER_OFFSET + 7];
        int[] handler = {
            0x40, 0x88, 0x7c, 0x24, 0xf8, // mov [rsp-8], dil
            0xb8, 0x01, 0x00, 0x00, 0x00, // mov eax, 1 (write)
            0xbf, writeEnd & 0xff, (writeEnd >>> 8) & 0xff, (writeEnd >>> 16) & 0xff, writeEnd >>> 24, // mov edi, fd
            0x48, 0x8d, 0x74, 0x24, 0xf8, // lea rsi, [rsp-8]
            0xba, 0x01, 0x00, 0x00, 0x00, // mov edx, 1
            0x0f, 0x05, // syscall
            0xc3, // ret
        };
        int[] restorer = {
            0xb8, 0x0f, 0x00, 0x00, 0x00, // mov eax, 15 (rt_sigreturn)
            0x0f, 0x05, // syscall
        };
        for (int i = 0; i < handler.length; i++) {
            b[i] = (byte) handler[i];
        }
        for (int i = 0; i < restorer.length; i++) {
            b[RESTORER_OFFSET + i] = (byte) restorer[i];
        }
        return b;
    }

    private static void readQuits(int readEnd, IntConsumer deliver) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(1);
            while (true) {
                long n = RawSyscall.call(RawSyscall.READ, readEnd, one.address(), 1, 0, 0, 0);
                if (n == 1) {
                    deliver.accept(SIGQUIT);
                } else if (n == 0) {
                    return;
                } // -1: EINTR, a signal without SA_RESTART caught this thread; nothing else closes the pipe

            }
        }
    }
}
