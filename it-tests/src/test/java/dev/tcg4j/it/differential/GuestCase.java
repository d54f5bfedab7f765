package dev.tcg4j.it.differential;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One guest program run: the program built from it-tests/src/guest, its arguments, stdin and
 * extra environment, and what QEMU is known to produce, from the program's specification (the
 * ISA, C or POSIX), not from a recorded run: the exit status and a few stdout fragments.
 *
 * <p>An argument equal to {@link #SCRATCH_DIR} is replaced by a fresh empty directory per run.
 */
public record GuestCase(String name, String program, List<String> args, String stdin, Map<String, String> env,
        List<String> qemuOptions, int expectedExit, List<String> expectedFragments) {

    public static final String SCRATCH_DIR = "@SCRATCH_DIR@";
    /**
     * The qemu-riscv64 7.2 cpu with every extension of this project's guests that it implements:
     * its default enables Zba, Zbb, Zbc, Zbs and Zihintpause; Zfh (with Zfhmin), Zbkb and Zbkx are
     * properties to switch on. tcg4j always has them all.
     */
    public static final List<String> QEMU_CPU_WITH_EXTENSIONS = List.of("-cpu", "rv64,Zfh=true,zbkb=true,zbkx=true");

    public GuestCase {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        qemuOptions = List.copyOf(qemuOptions);
        expectedFragments = List.copyOf(expectedFragments);
    }

    static GuestCase of(String program, int expectedExit, String... fragments) {
        return new GuestCase(program, program, List.of(), "", Map.of(), List.of(), expectedExit, List.of(fragments));
    }

    GuestCase named(String newName) {
        return new GuestCase(newName, program, args, stdin, env, qemuOptions, expectedExit, expectedFragments);
    }

    GuestCase withArgs(String... newArgs) {
        return new GuestCase(name, program, List.of(newArgs), stdin, env, qemuOptions, expectedExit, expectedFragments);
    }

    GuestCase withStdin(String input) {
        return new GuestCase(name, program, args, input, env, qemuOptions, expectedExit, expectedFragments);
    }

    GuestCase withEnv(Map<String, String> extra) {
        return new GuestCase(name, program, args, stdin, extra, qemuOptions, expectedExit, expectedFragments);
    }

    /** Runs qemu-riscv64 with {@link #QEMU_CPU_WITH_EXTENSIONS}. */
    GuestCase withQemuExtensions() {
        return new GuestCase(name, program, args, stdin, env, QEMU_CPU_WITH_EXTENSIONS, expectedExit,
                expectedFragments);
    }

    /** True for the self-checking instruction tests, which print PASS/FAIL lines. */
    boolean isSelfChecking() {
        return program.startsWith("isa_");
    }

    /** The invocation for one run; {@code scratch} replaces {@link #SCRATCH_DIR} arguments. */
    public Invocation invocation(GuestRunner runner, Path scratch) {
        List<String> actualArgs = new ArrayList<>();
        for (String arg : args) {
            actualArgs.add(arg.equals(SCRATCH_DIR) ? scratch.toString() : arg);
        }
        return Invocation.of(runner.guest(program))
                .withArgs(actualArgs)
                .withStdin(stdin.getBytes(StandardCharsets.UTF_8))
                .withEnv(env)
                .withQemuOptions(qemuOptions);
    }

    @Override
    public String toString() {
        return name;
    }
}
