package dev.tcg4j.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The riscv64 cross toolchain, run from tests. A missing compiler fails the test: the loader
 * tests mean nothing without a real program to load.
 */
public final class GuestToolchain {
    private GuestToolchain() {}

    /** Compiles C source into a static riscv64 executable in {@code dir}. */
    public static Path compileStatic(Path dir, String name, String source) throws IOException, InterruptedException {
        Path c = dir.resolve(name + ".c");
        Files.writeString(c, source);
        Path out = dir.resolve(name);
        run("riscv64-linux-gnu-gcc", "-static", "-O2", "-o", out.toString(), c.toString());
        return out;
    }

    /** Runs a tool and returns its stdout; fails on a non-zero status or a missing tool. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is not installed (apt-get install gcc-riscv64-linux-gnu)", e);
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n"
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The LOAD lines of {@code readelf -lW}: offset, vaddr, filesz, memsz, flags. */
    public record LoadSegment(long offset, long vaddr, long fileSize, long memSize, String flags) {}

    public static List<LoadSegment> loadSegments(Path program) throws IOException, InterruptedException {
        List<LoadSegment> out = new ArrayList<>();
        for (String line : run("riscv64-linux-gnu-readelf", "-lW", program.toString()).split("\n")) {
            String t = line.trim();
            if (!t.startsWith("LOAD")) {
                continue;
            }
            String[] f = t.split("\\s+");
            // LOAD Offset VirtAddr PhysAddr FileSiz MemSiz Flg... Align
            String flags = String.join("", java.util.Arrays.copyOfRange(f, 6, f.length - 1));
            out.add(new LoadSegment(Long.decode(f[1]), Long.decode(f[2]), Long.decode(f[4]), Long.decode(f[5]), flags));
        }
        return out;
    }

    /** The address of a symbol according to nm. */
    public static long symbolAddress(Path program, String name) throws IOException, InterruptedException {
        for (String line : run("riscv64-linux-gnu-nm", program.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        throw new IllegalStateException("nm does not list " + name);
    }
}
