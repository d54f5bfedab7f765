package dev.tcg4j.runtime.linux.signal;

import dev.tcg4j.memory.HostFunction;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The host's SIGQUIT, for the guest. The JVM keeps SIGQUIT for its thread dump and will not hand it
 * to {@code sun.misc.Signal}, and an FFM upcall is no signal handler (not async-signal-safe). So on
 * an x86-64 host the handler is five instructions of machine code that pass the signal on as
 * SIGSTKFLT, which the JVM does hand over and which nothing sends (Linux never raises it), and
 * {@link HostSignals} delivers that as SIGQUIT. (A thread reading a pipe that the handler writes
 * would do too, but the JVM's exit waits up to 300 ms for any thread blocked in a native call.)
 * Elsewhere, or with {@code -Dtcg4j.host.sigquit=jvm} (jcmd and jstack attach through SIGQUIT), it
 * stays the JVM's.
 */
final class HostQuitSignal {
    static final int SIGSTKFLT = 16;
    private static final int SIGQUIT = 3;
    private static final long PAGE = 4096;
    private static final long PROT_READ_WRITE = 3;
    private static final long PROT_READ_EXEC = 5;
    private static final long MAP_PRIVATE_ANONYMOUS = 0x22;
    private static final long SA_RESTART = 0x10000000L;
    private static final long SA_RESTORER = 0x04000000L;
    private static final int RESTORER_OFFSET = 32;
    private static final HostFunction MMAP = HostFunction.returningLong("mmap");
    private static final HostFunction MPROTECT = HostFunction.returningInt("mprotect");
    private static final int SYS_KILL = 62;
    private static final int SYS_RT_SIGRETURN = 15;

    private HostQuitSignal() {}

    /** Whether this host can take SIGQUIT from the JVM. */
    static boolean supported() {
        return "amd64".equals(System.getProperty("os.arch")) && !"jvm".equals(System.getProperty("tcg4j.host.sigquit"));
    }

    /**
     * Installs the handler, before the guest runs, so that no early SIGQUIT reaches the JVM (whose
     * thread dump would land in the guest's stdout). The one call shape it needs is linked ahead on
     * the start-up linker thread ({@link HostSignals#linkAhead}); if the host refuses a step, SIGQUIT
     * stays the JVM's.
     */
    static void install() {
        long code = MMAP.call(0, PAGE, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
        if (code < 0) {
            return;
        }
        MemorySegment page = MemorySegment.ofAddress(code).reinterpret(PAGE);
        page.copyFrom(MemorySegment.ofArray(handlerCode((int) ProcessHandle.current().pid())));
        if (MPROTECT.call(code, PAGE, PROT_READ_EXEC) != 0) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            // the kernel's struct sigaction on x86-64: handler, flags, restorer, mask
            MemorySegment action = arena.allocate(32, 8);
            action.set(ValueLayout.JAVA_LONG, 0, code);
            action.set(ValueLayout.JAVA_LONG, 8, SA_RESTART | SA_RESTORER);
            action.set(ValueLayout.JAVA_LONG, 16, code + RESTORER_OFFSET);
            action.set(ValueLayout.JAVA_LONG, 24, 0);
            RawSyscall.call(RawSyscall.RT_SIGACTION, SIGQUIT, action.address(), 0, 8, 0);
        }
    }

    /**
     * handler(sig): {@code kill(pid, SIGSTKFLT)}, async-signal-safe as a system call is; then the
     * restorer, {@code rt_sigreturn}, at {@link #RESTORER_OFFSET}.
     */
    private static byte[] handlerCode(int pid) {
        byte[] b = new byte[RESTORER_OFFSET + 7];
        int[] handler = {
            0xbf, pid & 0xff, (pid >>> 8) & 0xff, (pid >>> 16) & 0xff, pid >>> 24, // mov edi, pid
            0xbe, SIGSTKFLT, 0x00, 0x00, 0x00, // mov esi, SIGSTKFLT
            0xb8, SYS_KILL, 0x00, 0x00, 0x00, // mov eax, kill
            0x0f, 0x05, // syscall
            0xc3, // ret
        };
        int[] restorer = {
            0xb8, SYS_RT_SIGRETURN, 0x00, 0x00, 0x00, // mov eax, rt_sigreturn
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
}
