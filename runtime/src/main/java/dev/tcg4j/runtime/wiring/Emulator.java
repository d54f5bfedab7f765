package dev.tcg4j.runtime.wiring;

import dev.tcg4j.ir.spi.Backend;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import javax.inject.Provider;

/**
 * Runs guest programs with the parts its component was built from: each {@link #run} makes a
 * {@link RunComponent} for its request. Returns the host exit status; every failure is a one-line
 * message on stderr and status 1, never a stack trace.
 */
public final class Emulator {
    public static final String PROG = "tcg4j-riscv64";
    /**
     * The backend blocks run on unless a request names another. Still bytecode: tiered regressed a
     * hot loop (int_sieve_hash) 7x against it on a quiet machine, see ARCHITECTURE.md.
     */
    public static final String DEFAULT_BACKEND = "bytecode";
    /**
     * Guest address bits: a 2 TiB window, reserved lazily. Room for qemu-riscv64's layout (programs at
     * 0x4000000000, the stack, the loader and mmaps above) and then some.
     */
    public static final int ADDRESS_BITS = 41;

    private final RunComponent.Factory runs;
    private final Map<String, Provider<Backend>> backends;

    @Inject
    Emulator(RunComponent.Factory runs, Map<String, Provider<Backend>> backends) {
        this.runs = runs;
        this.backends = backends;
    }

    /** The names {@link RunRequest#backend()} may take: one per backend module in the component. */
    public Set<String> backendNames() {
        return new TreeSet<>(backends.keySet());
    }

    public int run(RunRequest req) {
        if (!backends.containsKey(req.backend())) {
            return fail(req, "unknown backend '" + req.backend() + "' (known: "
                    + String.join(", ", backendNames()) + ")");
        }
        return runs.create(req).guestRun().execute();
    }

    /** How a run ended: its exit status, and the signal the guest died of (0 when it exited). */
    public record Result(int status, int signal) {}

    /** Runs as {@link #run}, also telling a death by a signal from an exit with status 128 + n. */
    public Result runToEnd(RunRequest req) {
        if (!backends.containsKey(req.backend())) {
            return new Result(run(req), 0);
        }
        GuestRun guestRun = runs.create(req).guestRun();
        int status = guestRun.execute();
        return new Result(status, guestRun.fatalSignal());
    }

    static int fail(RunRequest req, String message) {
        req.stderr().println(PROG + ": " + message);
        req.stderr().flush();
        return 1;
    }
}
