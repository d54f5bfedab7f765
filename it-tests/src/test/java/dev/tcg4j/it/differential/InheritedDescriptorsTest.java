package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Descriptors above 2 that the caller opens for the emulator (a shell's {@code 3<file 4>file}) are
 * the guest program's, as under qemu-riscv64, whose guest sees the host process's descriptors. The
 * JVM is told which they are as bin/tcg4j-riscv64 tells it ({@code -Dtcg4j.host.fds}).
 */
class InheritedDescriptorsTest {
    /** bash opens 3 and 4 from its first two arguments, then becomes the rest. */
    private static final String REDIRECT_AND_EXEC = "exec 3<\"$0\" 4>\"$1\"; shift; exec \"$@\"";
    private static GuestRunner runner;

    @BeforeAll
    static void locateTools() {
        runner = GuestRunner.create();
    }

    @Test
    void aCallersRedirectionsReachTheGuestAsUnderQemu() throws Exception {
        Path dir = GuestRunner.tempDirectory();
        try {
            Path in = Files.writeString(dir.resolve("in.txt"), "from the caller");
            Invocation inv = Invocation.of(runner.guest("process_fd_links"), dir.toString(), "inherited");
            List<String> tcg4j = new ArrayList<>(runner.tcg4jCommand(inv, "bytecode"));
            tcg4j.add(1, "-Dtcg4j.host.fds=3,4");
            String qemuOut = run(runner.qemuCommand(inv), in, dir.resolve("qemu-out.txt"));
            String tcg4jOut = run(tcg4j, in, dir.resolve("tcg4j-out.txt"));
            assertTrue(qemuOut.contains("descriptor 3 from the caller reads 'from the caller'"), qemuOut);
            assertEquals(qemuOut, tcg4jOut);
            assertEquals("written by the guest", Files.readString(dir.resolve("tcg4j-out.txt")));
            assertEquals(Files.readString(dir.resolve("qemu-out.txt")), Files.readString(dir.resolve("tcg4j-out.txt")));
        } finally {
            GuestRunner.deleteRecursively(dir);
        }
    }

    private static String run(List<String> command, Path in, Path out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", REDIRECT_AND_EXEC, in.toString(), out.toString()));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ends");
        assertEquals(0, p.exitValue(), stdout);
        return stdout;
    }
}
