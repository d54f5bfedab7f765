package dev.tcg4j.it.differential;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.it.harness.Invocation;
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
        int expectedExit, List<String> expectedFragments) {

    public static final String SCRATCH_DIR = "@SCRATCH_DIR@";

    public GuestCase {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        expectedFragments = List.copyOf(expectedFragments);
    }

    static GuestCase of(String program, int expectedExit, String... fragments) {
        return new GuestCase(program, program, List.of(), "", Map.of(), expectedExit, List.of(fragments));
    }

    GuestCase named(String newName) {
        return new GuestCase(newName, program, args, stdin, env, expectedExit, expectedFragments);
    }

    GuestCase withArgs(String... newArgs) {
        return new GuestCase(name, program, List.of(newArgs), stdin, env, expectedExit, expectedFragments);
    }

    GuestCase withStdin(String input) {
        return new GuestCase(name, program, args, input, env, expectedExit, expectedFragments);
    }

    GuestCase withEnv(Map<String, String> extra) {
        return new GuestCase(name, program, args, stdin, extra, expectedExit, expectedFragments);
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
                .withEnv(env);
    }

    @Override
    public String toString() {
        return name;
    }
}
