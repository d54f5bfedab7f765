package dev.tcg4j.testing.guest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for an emulator's main class with qemu's command line, for testing the fixture without
 * one: backends {@code good}, {@code twin} (which behaves as good does), {@code wrong-exit},
 * {@code wrong-stdout} and {@code wrong-plugin}, each of which differs from good in what its name says.
 * It "runs" a program by printing its arguments.
 */
public final class FakeEmulator {
    private FakeEmulator() {}

    public static void main(String[] args) throws IOException {
        List<String> argv = List.of(args);
        String backend = argv.get(argv.indexOf("-backend") + 1);
        if (backend.equals("help")) {
            System.out.println("Available backends:\ngood\ntwin\nwrong-exit\nwrong-stdout\nwrong-plugin");
            System.exit(0);
        }
        int logOption = argv.indexOf("-D");
        if (logOption >= 0) {
            Files.writeString(Path.of(argv.get(logOption + 1)),
                    "total insns: " + (backend.equals("wrong-plugin") ? 41 : 42) + "\n");
        }
        String program = argv.getLast();
        System.out.println(backend.equals("wrong-stdout") ? "hello, " + program : "hello " + program);
        System.exit(backend.equals("wrong-exit") ? 139 : 0);
    }
}
