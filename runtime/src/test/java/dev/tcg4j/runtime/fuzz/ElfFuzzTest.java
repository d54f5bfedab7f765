package dev.tcg4j.runtime.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tcg4j.runtime.elf.ProgramHeader;
import dev.tcg4j.runtime.exec.ExecOptions;
import dev.tcg4j.runtime.testing.ElfImage;
import dev.tcg4j.runtime.testing.RiscvAsm;
import dev.tcg4j.runtime.wiring.Emulator;
import dev.tcg4j.runtime.wiring.EmulatorComponent;
import dev.tcg4j.runtime.wiring.RunRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded ELF fuzzing of the whole emulator (the production component, in this JVM): a small valid
 * static program, truncated, with header and program-header fields set to edge values, or with
 * bytes flipped in its headers. Whatever the image, the run ends as a process would: a one-line
 * error and status 1 for an image it refuses, or the guest's own exit status or fatal signal; never
 * an internal error, a stack trace or an exception out of {@link Emulator#run}.
 *
 * <p>{@value #IMAGES_PROPERTY} sets a campaign's length (long runs:
 * {@code mvn -pl runtime test -Dtest=ElfFuzzTest -Dtcg4j.fuzz.images=5000}).
 */
class ElfFuzzTest {
    static final String IMAGES_PROPERTY = "tcg4j.fuzz.images";
    private static final long ENTRY = 0x10000;
    private static final long DATA = 0x20000;
    private static final int STATUS = 42;
    /** Where e_* fields are (offset, size) in Elf64_Ehdr. */
    private static final int[][] EHDR_FIELDS = {{4, 1}, {5, 1}, {6, 1}, {16, 2}, {18, 2}, {20, 4}, {24, 8}, {32, 8},
        {40, 8}, {52, 2}, {54, 2}, {56, 2}, {58, 2}, {60, 2}, {62, 2}};
    /** Where p_* fields are in Elf64_Phdr: type, flags, offset, vaddr, paddr, filesz, memsz, align. */
    private static final int[][] PHDR_FIELDS = {{0, 4}, {4, 4}, {8, 8}, {16, 8}, {24, 8}, {32, 8}, {40, 8}, {48, 8}};
    private static final long[] EDGES = {0, 1, 2, 7, 0x38, 0x40, 0xfff, 0x1000, 0x7fff_ffffL, 0x8000_0000L,
        0xffff_ffffL, 0x10000, 0x0000_0040_0000_0000L, 0x0000_0200_0000_0000L, 0x892a_e05a_fc06_e456L,
        Long.MAX_VALUE, Long.MIN_VALUE, -1, -0x1000};

    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "elf-fuzz-guest");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    Path dir;

    @AfterAll
    static void stopRunner() {
        RUNNER.shutdownNow();
    }

    /** The unmutated image: exit_group(42) from code, a data segment with bss, a symbol table. */
    static byte[] validImage() {
        byte[] code = new RiscvAsm().addi(RiscvAsm.A1, RiscvAsm.ZERO, STATUS).exitWith(RiscvAsm.A1).bytes();
        return new ElfImage().entry(ENTRY)
                .segment(ProgramHeader.PT_LOAD, ProgramHeader.PF_R | ProgramHeader.PF_X, ENTRY, code, code.length)
                .segment(ProgramHeader.PT_LOAD, ProgramHeader.PF_R | ProgramHeader.PF_W, DATA, new byte[64], 0x3000)
                .segment(ProgramHeader.PT_GNU_STACK, ProgramHeader.PF_R | ProgramHeader.PF_W, 0, new byte[0], 0)
                .function("_start", ENTRY, code.length)
                .build();
    }

    @Test
    void theUnmutatedImageRunsToItsExitStatus() throws Exception {
        Outcome o = run(validImage());
        assertEquals(STATUS, o.status(), o.stderr());
        assertEquals("", o.stderr());
    }

    @Test
    void anEndlessFileIsRefusedWithoutReadingItAll() throws Exception {
        Outcome o = run(Path.of("/dev/zero"));
        assertEquals(1, o.status());
        assertEquals(Emulator.PROG + ": /dev/zero: not an ELF file\n", o.stderr().replace(System.lineSeparator(), "\n"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void mutatedImagesFailInOneLineOrRun(long seed) throws Exception {
        java.util.Random random = new java.util.Random(seed);
        byte[] valid = validImage();
        int images = Integer.getInteger(IMAGES_PROPERTY, 60);
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (int n = 0; n < images; n++) {
            byte[] image = mutate(valid, random);
            Outcome o = run(image);
            outcomes.merge(o.status() == 1 ? o.stderr().replaceAll(".*: ", "").replaceAll("0x[0-9a-f]+|\\d+", "N").strip()
                    : "status " + o.status(), 1, Integer::sum);
            String where = "seed " + seed + ", image " + n + " (" + HexFormat.of().formatHex(image, 0,
                    Math.min(image.length, 64 + 56 * 3)) + "...): status " + o.status() + ", stderr:\n" + o.stderr();
            assertFalse(o.stderr().contains("internal error"), where);
            assertFalse(o.stderr().contains("Exception") || o.stderr().contains("\tat "), where);
            if (o.status() == 1) {
                List<String> lines = o.stderr().lines().toList();
                assertEquals(1, lines.size(), where);
                assertTrue(lines.getFirst().startsWith(Emulator.PROG + ": "), where);
            }
        }
        System.out.println("ElfFuzzTest seed " + seed + ", " + images + " images: " + outcomes);
    }

    /**
     * Cut inside the headers or a segment's bytes, the image is refused in one line (Linux reads the
     * headers whole; tcg4j refuses a segment the file does not hold, where Linux would map it and
     * fault later); cut only in the symbol table or section headers behind them, it still runs.
     */
    @Test
    void everyTruncationIsOneLineOrRuns() throws Exception {
        byte[] valid = validImage();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(valid).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long segmentsEnd = 0;
        for (int i = 0; i < b.getShort(56); i++) {
            int phdr = (int) b.getLong(32) + 56 * i;
            if (b.getInt(phdr) == ProgramHeader.PT_LOAD) {
                segmentsEnd = Math.max(segmentsEnd, b.getLong(phdr + 8) + b.getLong(phdr + 32));
            }
        }
        for (int length = 0; length < valid.length; length += 1 + length / 16) {
            Outcome o = run(java.util.Arrays.copyOf(valid, length));
            String where = "truncated to " + length + " bytes: status " + o.status() + ", stderr:\n" + o.stderr();
            assertEquals(length < segmentsEnd ? 1 : STATUS, o.status(), where);
            assertEquals(length < segmentsEnd ? 1 : 0, o.stderr().lines().count(), where);
        }
    }

    /** One of: a truncation, one header field set to an edge or random value, or a few bytes flipped. */
    static byte[] mutate(byte[] valid, java.util.Random random) {
        byte[] image = valid.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                return java.util.Arrays.copyOf(image, random.nextInt(valid.length));
            }
            case 1 -> setField(image, EHDR_FIELDS[random.nextInt(EHDR_FIELDS.length)], 0, random);
            case 2 -> setField(image, PHDR_FIELDS[random.nextInt(PHDR_FIELDS.length)], 64 + 56 * random.nextInt(3),
                    random);
            default -> {
                int flips = random.nextInt(1, 6);
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(64 + 56 * 3);
                    image[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
        }
        if (random.nextInt(4) == 0) { // sometimes two mutations
            setField(image, PHDR_FIELDS[random.nextInt(PHDR_FIELDS.length)], 64 + 56 * random.nextInt(3), random);
        }
        return image;
    }

    private static void setField(byte[] image, int[] field, int base, java.util.Random random) {
        long value = random.nextInt(3) == 0 ? random.nextLong() : EDGES[random.nextInt(EDGES.length)]
                + (random.nextInt(4) == 0 ? random.nextInt(-8, 9) : 0);
        for (int i = 0; i < field[1]; i++) {
            image[base + field[0] + i] = (byte) (value >>> (8 * i));
        }
    }

    record Outcome(int status, String stderr) {}

    private Outcome run(byte[] image) throws IOException, InterruptedException {
        return run(Files.write(dir.resolve("prog"), image));
    }

    private Outcome run(Path program) throws InterruptedException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        RunRequest req = new RunRequest(program.toString(), List.of(program.toString()), List.of("LANG=C"),
                "bytecode", ExecOptions.defaults(), 1 << 20, List.of(), s -> { }, stderr);
        Future<Integer> status = RUNNER.submit(() -> EmulatorComponent.create().emulator().run(req));
        try {
            return new Outcome(status.get(60, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        } catch (ExecutionException e) {
            throw new AssertionError("the emulator threw on " + describe(program) + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            return fail("still running after 60 s: " + describe(program));
        }
    }

    private static String describe(Path program) {
        try {
            return Files.isRegularFile(program) ? HexFormat.of().formatHex(Files.readAllBytes(program)) : program.toString();
        } catch (IOException e) {
            return program + " (" + e + ")";
        }
    }
}
