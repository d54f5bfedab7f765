package com.example.app;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.runtime.embed.GuestResult;
import dev.tcg4j.runtime.embed.Tcg4j;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code java -jar embedder.jar PROGRAM PLUGIN_JAR [ARGS...]}: runs a riscv64 program inside this
 * JVM with a plugin jar and a plugin object of its own, and reports what the guest printed.
 */
public final class RunGuest {
    /** A plugin that is an object of the application: counts the guest's system calls. */
    static final class SyscallCount implements Plugin {
        @Override
        public String name() {
            return "syscalls";
        }

        @Override
        public void install(PluginContext ctx, PluginArgs args) {
            // system-call callbacks run on the calling guest thread's vCPU thread: several at once
            AtomicLong calls = new AtomicLong();
            ctx.onSyscall((vcpu, number, callArgs) -> calls.incrementAndGet());
            ctx.onExit(() -> ctx.out("syscalls: " + calls.get() + "\n"));
        }
    }

    public static void main(String[] args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        StringBuilder plugins = new StringBuilder();
        GuestResult result = Tcg4j.builder()
                .program(Path.of(args[0]))
                .args(Arrays.copyOfRange(args, 2, args.length))
                .stdout(stdout)
                .plugin(args[1] + ",label=from-jar")
                .plugin(new SyscallCount(), Map.of())
                .pluginOutput(plugins::append)
                .name("embedder")
                .build()
                .run();
        System.out.print("guest stdout:\n" + stdout.toString(StandardCharsets.UTF_8));
        System.out.print("plugins:\n" + plugins);
        System.out.println("status: " + result.status());
    }
}
