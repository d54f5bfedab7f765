package dev.tcg4j.testing;

import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one hand-built block on every {@link Backends#available() available backend}, each from the
 * same {@link GuestState} on a memory of its own, and asserts that they all end the same: exit code
 * (or the class of what they threw), registers, trap and trap pc, published memory listener, guest
 * memory and host arrays. It returns the first backend's {@link Outcome}, for the test to check
 * against what the block must do:
 *
 * <pre>{@code
 * Outcome o = BackendComparison.run(tb, GuestState.withSlots(40).reg(1, 6).reg(2, 7));
 * assertEquals(42, o.reg(3));
 * }</pre>
 *
 * <p>Helpers the block calls run once per backend: a helper recording its calls records them all.
 */
public final class BackendComparison {
    private BackendComparison() {}

    /** Compiles and runs {@code tb} on every backend. */
    public static Outcome run(TranslationBlock tb, GuestState start) {
        return run(start, b -> b.compile(tb));
    }

    /** Compiles the region of {@code members} on every backend and runs it from member {@code entry}. */
    public static Outcome runRegion(List<TranslationBlock> members, int entry, GuestState start) {
        return run(start, b -> b.compileRegion(members).entries().get(entry));
    }

    /** Runs what {@code compile} makes of each backend. */
    public static Outcome run(GuestState start, Function<Backend, ExecutableBlock> compile) {
        return compare(runEach(start, compile));
    }

    /** Asserts that the outcomes are all the same; returns the first. */
    static Outcome compare(List<Outcome> all) {
        Outcome first = all.get(0);
        for (Outcome o : all.subList(1, all.size())) {
            String difference = first.differenceFrom(o);
            if (difference != null) {
                throw new AssertionFailedError("backends '" + first.backend().name() + "' and '" + o.backend().name()
                        + "' differ: " + difference + "\n  " + first + "\n  " + o, first.thrown());
            }
        }
        return first;
    }

    /** Runs on every backend without comparing: one outcome per backend, in {@link Backends#available()} order. */
    public static List<Outcome> runEach(GuestState start, Function<Backend, ExecutableBlock> compile) {
        return runEach(Backends.available(), start, compile);
    }

    static List<Outcome> runEach(List<Backend> backends, GuestState start, Function<Backend, ExecutableBlock> compile) {
        if (backends.isEmpty()) {
            throw new IllegalStateException("no backend to run on");
        }
        List<Outcome> out = new ArrayList<>();
        for (Backend b : backends) {
            var cpu = start.newCpu();
            int exit = -1;
            Throwable thrown = null;
            try {
                exit = compile.apply(b).execute(cpu);
            } catch (RuntimeException | Error e) {
                thrown = e;
            }
            out.add(new Outcome(b, exit, thrown, cpu, start));
        }
        return out;
    }
}
