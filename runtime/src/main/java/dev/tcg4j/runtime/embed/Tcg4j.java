package dev.tcg4j.runtime.embed;

import dev.tcg4j.injector.PluginSpec;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.runtime.exec.ExecOptions;
import dev.tcg4j.runtime.linux.AddressSpace;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.wiring.Emulator;
import dev.tcg4j.runtime.wiring.EmulatorComponent;
import dev.tcg4j.runtime.wiring.RunRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The embedding API: runs a riscv64 Linux program inside this JVM, as {@code tcg4j-riscv64} runs it
 * from the command line.
 *
 * <pre>{@code
 * ByteArrayOutputStream out = new ByteArrayOutputStream();
 * GuestResult result = Tcg4j.builder()
 *         .program(Path.of("hello"))
 *         .args("world")
 *         .stdout(out)
 *         .plugin(new MyPlugin(), Map.of("verbose", "on"))
 *         .build()
 *         .run();
 * }</pre>
 *
 * <p>Each {@link #run()} is a fresh guest process with memory of its own, released when it ends (the
 * address-space reservation included), so that many runs, one after the other or at the same time
 * on several threads, can share one JVM. {@code run} blocks until the guest exits; the guest's threads
 * run on host threads of their own. The emulator's messages (a program it cannot load, a plugin that
 * refuses its arguments, a fatal signal) are one line each on the guest's stderr, starting with
 * {@linkplain Builder#name the host's name}.
 *
 * <p>Logging goes through SLF4J alone: the {@code tcg4j} loggers log warnings, and QEMU's
 * {@code -d} items at DEBUG under {@code tcg4j.<item>} (e.g. {@code tcg4j.exec}), wherever the host's
 * SLF4J provider sends them; without a provider nothing is logged.
 */
public final class Tcg4j {
    private final Builder b;

    private Tcg4j(Builder b) {
        this.b = b;
    }

    /**
     * Starts setting up a run.
     *
     * @return a builder with the defaults: the JVM's environment and stdio, the default backend, no plugins
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the program once and waits until it ends.
     *
     * @return the guest's exit status, or the signal it died of; status 1 when the program could not
     *     be run, with the reason on the guest's stderr
     */
    public GuestResult run() {
        Libc libc = new Libc();
        try (StdioBridge stdio = new StdioBridge(libc, b.stdin, b.stdout, b.stderr, b.name)) {
            PrintStream messages = stdio.messages();
            Consumer<String> pluginOutput = b.pluginOutput != null ? b.pluginOutput : text -> {
                messages.print(text);
                messages.flush();
            };
            List<String> argv = new ArrayList<>();
            argv.add(b.program.toString());
            argv.addAll(b.args);
            List<String> envp = new ArrayList<>();
            b.env.forEach((k, v) -> envp.add(k + "=" + v));
            RunRequest request = new RunRequest(b.program.toString(), argv, envp, b.backend, ExecOptions.defaults(),
                    b.stackSize, List.of(), pluginOutput, messages, b.sysroot == null ? null : b.sysroot.toString(),
                    b.name, b.plugins, stdio.fds(), b.memoryLimit);
            Emulator emulator = EmulatorComponent.create().emulator();
            Emulator.Result end = emulator.runToEnd(request);
            return new GuestResult(end.status(), end.signal());
        }
    }

    /** Where a guest's stdin, stdout or stderr goes: a host fd, a Java stream, or the JVM's own. */
    record Stdio(int fd, InputStream input, OutputStream output) {
        static final Stdio INHERIT = new Stdio(-1, null, null);
    }

    /** Sets up one program's run; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder {
        private Path program;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>(System.getenv());
        private Stdio stdin = Stdio.INHERIT;
        private Stdio stdout = Stdio.INHERIT;
        private Stdio stderr = Stdio.INHERIT;
        private Path sysroot;
        private String backend = Emulator.DEFAULT_BACKEND;
        private final List<PluginSpec> plugins = new ArrayList<>();
        private Consumer<String> pluginOutput;
        private long memoryLimit = Long.MAX_VALUE;
        private long stackSize = AddressSpace.DEFAULT_STACK_SIZE;
        private String name = "tcg4j";

        private Builder() {}

        /**
         * The riscv64 ELF program to run (static, or dynamic with a {@link #sysroot}); also the guest's
         * argv[0].
         *
         * @param program the program's path
         * @return this builder
         */
        public Builder program(Path program) {
            this.program = Objects.requireNonNull(program, "program");
            return this;
        }

        /**
         * The guest's arguments after argv[0], replacing any given before.
         *
         * @param args the arguments
         * @return this builder
         */
        public Builder args(String... args) {
            return args(List.of(args));
        }

        /**
         * The guest's arguments after argv[0], replacing any given before.
         *
         * @param args the arguments
         * @return this builder
         */
        public Builder args(List<String> args) {
            this.args.clear();
            this.args.addAll(args);
            return this;
        }

        /**
         * The guest's environment, replacing the default (the JVM's environment).
         *
         * @param env variable names to values, in the order the guest sees them
         * @return this builder
         */
        public Builder env(Map<String, String> env) {
            this.env.clear();
            this.env.putAll(env);
            return this;
        }

        /**
         * The guest's stdin: the bytes of {@code in}, fed through a pipe by a thread of the run's own.
         *
         * @param in the stream to read; not closed by the run
         * @return this builder
         */
        public Builder stdin(InputStream in) {
            stdin = new Stdio(-1, Objects.requireNonNull(in, "in"), null);
            return this;
        }

        /**
         * The guest's stdout: copied into {@code out} (through a pipe) until the run ends.
         *
         * @param out the stream to write; flushed, not closed, by the run
         * @return this builder
         */
        public Builder stdout(OutputStream out) {
            stdout = new Stdio(-1, null, Objects.requireNonNull(out, "out"));
            return this;
        }

        /**
         * The guest's stderr, copied into {@code err}; the emulator's own messages go there too.
         *
         * @param err the stream to write; flushed, not closed, by the run
         * @return this builder
         */
        public Builder stderr(OutputStream err) {
            stderr = new Stdio(-1, null, Objects.requireNonNull(err, "err"));
            return this;
        }

        /**
         * The guest's stdin is this host file descriptor (the guest reads it directly).
         *
         * @param fd an open host fd; not closed by the run
         * @return this builder
         */
        public Builder stdinFd(int fd) {
            stdin = new Stdio(checkFd(fd), null, null);
            return this;
        }

        /**
         * The guest's stdout is this host file descriptor.
         *
         * @param fd an open host fd; not closed by the run
         * @return this builder
         */
        public Builder stdoutFd(int fd) {
            stdout = new Stdio(checkFd(fd), null, null);
            return this;
        }

        /**
         * The guest's stderr is this host file descriptor, and the emulator's messages go there too.
         *
         * @param fd an open host fd; not closed by the run
         * @return this builder
         */
        public Builder stderrFd(int fd) {
            stderr = new Stdio(checkFd(fd), null, null);
            return this;
        }

        /**
         * Where a dynamic program's interpreter and libraries are found, as qemu's {@code -L}: the
         * interpreter and absolute paths are looked up under it first, then on the host.
         *
         * @param sysroot the prefix, e.g. {@code /usr/riscv64-linux-gnu}
         * @return this builder
         */
        public Builder sysroot(Path sysroot) {
            this.sysroot = sysroot;
            return this;
        }

        /**
         * The backend blocks run on, as {@code -backend} names it ({@code bytecode}, {@code tiered},
         * {@code interpreter}, {@code lockstep}).
         *
         * @param backend the backend's name
         * @return this builder
         */
        public Builder backend(String backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /**
         * Loads a plugin as {@code -plugin} does: a built-in's name or a jar's path, then its
         * arguments ({@code "insn,inline=on"}, {@code "my.jar,plugin=NAME,k=v"}).
         *
         * @param option the option's value
         * @return this builder
         * @throws IllegalArgumentException when the value is malformed
         */
        public Builder plugin(String option) {
            plugins.add(PluginSpec.parse(option));
            return this;
        }

        /**
         * Installs a plugin object of the host's own, with these arguments; several are installed in
         * the order given.
         *
         * @param plugin the plugin; its {@code install} is called once per run
         * @param args its arguments, in order
         * @return this builder
         */
        public Builder plugin(Plugin plugin, Map<String, String> args) {
            plugins.add(PluginSpec.of(Objects.requireNonNull(plugin, "plugin"), List.copyOf(args.entrySet())));
            return this;
        }

        /**
         * Where plugin text (their {@code outs}) goes; by default the guest's stderr.
         *
         * @param output called with each piece of text
         * @return this builder
         */
        public Builder pluginOutput(Consumer<String> output) {
            this.pluginOutput = output;
            return this;
        }

        /**
         * The most bytes of address space the guest's mappings may take, as RLIMIT_AS: mmap, mremap
         * and brk past it fail with ENOMEM. The program's image and stack count but are never refused.
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder memoryLimit(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("memory limit " + bytes);
            }
            this.memoryLimit = bytes;
            return this;
        }

        /**
         * The guest's main stack size, as qemu's {@code -s} (8 MiB by default).
         *
         * @param bytes the size
         * @return this builder
         */
        public Builder stackSize(long bytes) {
            if (bytes < AddressSpace.PAGE) {
                throw new IllegalArgumentException("stack size " + bytes);
            }
            this.stackSize = bytes;
            return this;
        }

        /**
         * The name the emulator's messages start with ({@code "tcg4j"} by default): the host's own.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Checks the set-up.
         *
         * @return the emulator, ready to {@link Tcg4j#run() run}
         * @throws IllegalStateException when no program was given
         */
        public Tcg4j build() {
            if (program == null) {
                throw new IllegalStateException("no program");
            }
            Builder copy = new Builder();
            copy.program = program;
            copy.args.addAll(args);
            copy.env.clear();
            copy.env.putAll(env);
            copy.stdin = stdin;
            copy.stdout = stdout;
            copy.stderr = stderr;
            copy.sysroot = sysroot;
            copy.backend = backend;
            copy.plugins.addAll(plugins);
            copy.pluginOutput = pluginOutput;
            copy.memoryLimit = memoryLimit;
            copy.stackSize = stackSize;
            copy.name = name;
            return new Tcg4j(copy);
        }

        private static int checkFd(int fd) {
            if (fd < 0) {
                throw new IllegalArgumentException("fd " + fd);
            }
            return fd;
        }
    }
}
