package dev.tcg4j.runtime.wiring;

import dev.tcg4j.injector.PluginSpec;
import dev.tcg4j.runtime.exec.ExecOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;

/**
 * One guest run.
 *
 * @param program the program path as given (also AT_EXECFN)
 * @param argv the guest's argv, argv[0] included
 * @param envp the guest's environment as NAME=VALUE
 * @param backend the name of the backend to run blocks on, a key of the component's backend map
 * @param plugins the -plugin option values, in order
 * @param pluginOutput where plugin text goes
 * @param stderr where the emulator's own messages go
 * @param sysroot the -L prefix the interpreter and absolute paths are looked up in first (null: none)
 * @param progName the name the emulator's messages start with: the command's, or an embedding host's
 * @param pluginSpecs plugins loaded after {@code plugins}: by name, or given as objects
 * @param stdio the host fds the guest's 0, 1 and 2 stand for
 * @param memoryLimit the most bytes the guest's mappings may take (RLIMIT_AS), {@link Long#MAX_VALUE}: no limit
 */
public record RunRequest(String program, List<String> argv, List<String> envp, String backend, ExecOptions exec,
        long stackSize, List<String> plugins, Consumer<String> pluginOutput, PrintStream stderr, String sysroot,
        String progName, List<PluginSpec> pluginSpecs, HostStdio stdio, long memoryLimit) {
    /** The host fds behind the guest's stdin, stdout and stderr. */
    public record HostStdio(int in, int out, int err) {
        /** The emulator's own 0, 1 and 2, as qemu-user has them. */
        public static final HostStdio INHERIT = new HostStdio(0, 1, 2);
    }

    public RunRequest {
        argv = List.copyOf(argv);
        envp = List.copyOf(envp);
        plugins = List.copyOf(plugins);
        pluginSpecs = List.copyOf(pluginSpecs);
    }

    /** A command-line run: plugins as -plugin values, the host's stdio, no memory limit. */
    public RunRequest(String program, List<String> argv, List<String> envp, String backend, ExecOptions exec,
            long stackSize, List<String> plugins, Consumer<String> pluginOutput, PrintStream stderr, String sysroot) {
        this(program, argv, envp, backend, exec, stackSize, plugins, pluginOutput, stderr, sysroot, Emulator.PROG,
                List.of(), HostStdio.INHERIT, Long.MAX_VALUE);
    }

    /** A run without a -L prefix. */
    public RunRequest(String program, List<String> argv, List<String> envp, String backend, ExecOptions exec,
            long stackSize, List<String> plugins, Consumer<String> pluginOutput, PrintStream stderr) {
        this(program, argv, envp, backend, exec, stackSize, plugins, pluginOutput, stderr, null);
    }
}
