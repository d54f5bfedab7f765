package dev.tcg4j.runtime.wiring;

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
 */
public record RunRequest(String program, List<String> argv, List<String> envp, String backend, ExecOptions exec,
        long stackSize, List<String> plugins, Consumer<String> pluginOutput, PrintStream stderr, String sysroot) {
    public RunRequest {
        argv = List.copyOf(argv);
        envp = List.copyOf(envp);
        plugins = List.copyOf(plugins);
    }

    /** A run without a -L prefix. */
    public RunRequest(String program, List<String> argv, List<String> envp, String backend, ExecOptions exec,
            long stackSize, List<String> plugins, Consumer<String> pluginOutput, PrintStream stderr) {
        this(program, argv, envp, backend, exec, stackSize, plugins, pluginOutput, stderr, null);
    }
}
