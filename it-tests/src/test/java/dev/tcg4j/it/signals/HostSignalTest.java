package dev.tcg4j.it.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signals sent by the host to the emulator reach the guest as they would reach a native program
 * (POSIX: kill(1) on the process): a guest handler runs, interrupting the read it waits in; without
 * a handler, SIGTERM's default action kills the process, which its parent sees as a death by
 * SIGTERM (WIFSIGNALED), not an exit. No qemu comparison: the test drives the emulator itself.
 */
class HostSignalTest {
    private static final long WAIT_SECONDS = 120;
    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    private static void kill(String signal, long pid) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, k.waitFor(), "kill -" + signal);
    }

    @Test
    void hostSigtermSigintSigusr1Sigusr2AndSigquitRunTheGuestsHandlers() throws Exception {
        List<String> cmd = runner.tcg4jCommand(Invocation.of(runner.guest("sys_host_signal"), "handle"), "bytecode");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        // as bin/tcg4j-riscv64 starts the JVM: HotSpot suspends threads with a real-time signal, not SIGUSR2
        pb.environment().put("_JAVA_SR_SIGNUM", "63");
        Process p = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", out.readLine());
            for (String sig : new String[] {"TERM", "INT", "USR1", "USR2", "QUIT"}) {
                kill(sig, p.pid());
                assertEquals("handled SIG" + sig, out.readLine());
            }
            assertEquals("done", out.readLine());
            assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the guest ends after its fifth signal");
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * A wrapper reports how its child ended: "signal N" for a death by signal N, "exit N" otherwise.
     * It starts the emulator as a terminal's foreground job, with SIGINT, SIGQUIT, SIGTERM and SIGHUP
     * at their default actions whatever this test runs under (a background job ignores SIGINT and
     * SIGQUIT, and so would the emulator); the signals named in the environment's IGNORE (numbers)
     * it leaves ignored instead.
     */
    private static final String WAIT_STATUS = "import os, signal, subprocess, sys\n"
            + "for s in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM, signal.SIGHUP):\n"
            + "    signal.signal(s, signal.SIG_DFL)\n"
            + "for s in os.environ.get('IGNORE', '').split():\n"
            + "    signal.signal(int(s), signal.SIG_IGN)\n"
            + "p = subprocess.Popen(sys.argv[1:], stderr=subprocess.DEVNULL)\n"
            + "print(p.pid, flush=True)\n"
            + "r = p.wait()\n"
            + "print(('signal %d' % -r) if r < 0 else ('exit %d' % r), flush=True)\n";

    /** The wrapper running the emulator on sys_host_signal, once the guest is ready; close it to kill both. */
    private record Wrapped(Process process, BufferedReader out, long emulatorPid) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            process.destroyForcibly();
            out.close();
        }
    }

    /** Starts the wrapper on sys_host_signal {@code mode}, leaving {@code ignored} (numbers) ignored. */
    private static Wrapped startWrapped(String mode, String ignored) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", WAIT_STATUS));
        cmd.addAll(runner.tcg4jCommand(Invocation.of(runner.guest("sys_host_signal"), mode), "bytecode"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("IGNORE", ignored);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        // the wrapper's pid line and the guest's "ready" come in either order
        String first = out.readLine();
        String second = out.readLine();
        assertTrue("ready".equals(first) || "ready".equals(second), first + " / " + second);
        return new Wrapped(p, out, Long.parseLong(("ready".equals(first) ? second : first).trim()));
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"TERM, 15", "QUIT, 3"})
    void aHostSignalWithoutAHandlerKillsTheEmulatorWithThatSignal(String signal, int number) throws Exception {
        try (Wrapped w = startWrapped("default", "")) {
            kill(signal, w.emulatorPid());
            assertEquals("signal " + number, w.out().readLine());
            assertTrue(w.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    /**
     * execve keeps an ignored disposition: started with SIGTERM ignored (as nohup leaves SIGHUP, or a
     * background job SIGINT), the guest ignores a host SIGTERM, and ends only when its stdin closes.
     */
    @Test
    void aSignalTheEmulatorStartedWithIgnoredStaysIgnoredByTheGuest() throws Exception {
        try (Wrapped w = startWrapped("default", "15")) {
            kill("TERM", w.emulatorPid());
            Thread.sleep(1000); // a SIGTERM that killed would have done so by now
            w.process().getOutputStream().close();
            assertEquals("stdin closed", w.out().readLine());
            assertEquals("exit 1", w.out().readLine());
            assertTrue(w.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }

    /**
     * A terminal's ^C reaches its foreground process group: the emulator, and so the first guest
     * process's group, a forked child included (POSIX: a group signal reaches every member). The
     * emulator stays until that child has ended, then dies of SIGINT as the first process did.
     */
    @Test
    void hostSigintReachesTheFirstProcesssGroupAndTheEmulatorOutlivesNoChild() throws Exception {
        try (Wrapped w = startWrapped("group", "")) {
            kill("INT", w.emulatorPid());
            List<String> rest = new ArrayList<>();
            for (String line = w.out().readLine(); line != null; line = w.out().readLine()) {
                rest.add(line);
            }
            assertEquals(List.of("child handled SIGINT", "signal 2"), rest);
            assertTrue(w.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        }
    }
}
