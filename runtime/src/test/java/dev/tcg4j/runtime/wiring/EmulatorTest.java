package dev.tcg4j.runtime.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.runtime.elf.ProgramHeader;
import dev.tcg4j.runtime.exec.ExecOptions;
import dev.tcg4j.runtime.testing.ElfImage;
import dev.tcg4j.runtime.testing.ScriptedGuest;
import dev.tcg4j.runtime.testing.TestArch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole run, from ELF file to exit status, on a component built with a scripted guest. */
class EmulatorTest {
    static final long ENTRY = 0x10000;

    @TempDir
    Path dir;

    private final ScriptedGuest guest = new ScriptedGuest();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path program() throws Exception {
        byte[] code = {0, 0, 0, (byte) 0x80}; // one instruction word that ends its block
        byte[] elf = new ElfImage().entry(ENTRY)
                .segment(ProgramHeader.PT_LOAD, ProgramHeader.PF_R | ProgramHeader.PF_X, ENTRY, code, 4).build();
        return Files.write(dir.resolve("prog"), elf);
    }

    private int run(String program, String... args) {
        return runOn(ScriptedModule.BACKEND, program, args);
    }

    private int runOn(String backend, String program, String... args) {
        Emulator emulator = DaggerScriptedEngine.builder().scriptedModule(new ScriptedModule(guest)).build().emulator();
        List<String> argv = new ArrayList<>(List.of(program));
        argv.addAll(List.of(args));
        RunRequest req = new RunRequest(program, argv, List.of("K=V"), backend, ExecOptions.defaults(), 1 << 20,
                List.of(), s -> { }, new PrintStream(err, true, StandardCharsets.UTF_8));
        return emulator.run(req);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void runsFromTheEntryWithArgvOnTheStackUntilExitGroup() throws Exception {
        List<String> seen = new ArrayList<>();
        guest.script(ENTRY, cpu -> {
            long sp = cpu.regs[TestArch.SP];
            seen.add(cpu.memory.ld64(sp) + " " + cpu.memory.readCString(cpu.memory.ld64(sp + 16), 100));
            cpu.regs[TestArch.A7] = 94; // exit_group
            cpu.regs[TestArch.A0] = 42;
            return ExitCodes.SYSCALL;
        });
        assertEquals(42, run(program().toString(), "arg1"));
        assertEquals(List.of("2 arg1"), seen);
        assertEquals("", stderr());
    }

    @Test
    void anIllegalInstructionKillsWithSigill() throws Exception {
        guest.script(ENTRY, cpu -> {
            cpu.trap = new GuestTrap(GuestTrap.Kind.ILLEGAL_INSTRUCTION, ENTRY);
            cpu.trapPc = ENTRY;
            return ExitCodes.TRAP;
        });
        assertEquals(128 + 4, run(program().toString()));
    }

    @Test
    void anUnknownBackendIsOneLineNamingTheComponentsBackends() throws Exception {
        assertEquals(1, runOn("turbo", program().toString()));
        assertEquals("tcg4j-riscv64: unknown backend 'turbo' (known: scripted)\n", stderr());
    }

    @Test
    void aMissingProgramIsOneLineAndStatus1() {
        assertEquals(1, run(dir.resolve("nope").toString()));
        assertEquals("tcg4j-riscv64: " + dir.resolve("nope") + ": No such file or directory\n", stderr());
    }

    @Test
    void aFileThatIsNotElfIsOneLineAndStatus1() throws Exception {
        Path f = Files.writeString(dir.resolve("script.sh"), "#!/bin/sh\n");
        assertEquals(1, run(f.toString()));
        assertEquals("tcg4j-riscv64: " + f + ": not an ELF file\n", stderr());
    }

    @Test
    void aPluginFailureNamesThePluginAndExits1() throws Exception {
        guest.script(ENTRY, cpu -> {
            throw new PluginFailure("insn", new IllegalStateException("broken"));
        });
        assertEquals(1, run(program().toString()));
        assertEquals("tcg4j-riscv64: plugin insn failed: java.lang.IllegalStateException: broken\n", stderr());
    }

    @Test
    void anInternalErrorNamesTheGuestPcAndExits1() throws Exception {
        guest.script(ENTRY, cpu -> {
            throw new ArithmeticException("boom");
        });
        assertEquals(1, run(program().toString()));
        assertEquals("tcg4j-riscv64: internal error at guest pc 0x10000: java.lang.ArithmeticException: boom\n",
                stderr());
    }

    @Test
    void runsInOneJvmGiveTheirGuestWindowBack() throws Exception {
        guest.script(ENTRY, cpu -> {
            cpu.regs[TestArch.A7] = 94; // exit_group
            cpu.regs[TestArch.A0] = 0;
            return ExitCodes.SYSCALL;
        });
        String program = program().toString();
        assertEquals(0, run(program)); // classes loaded, caches made: what stays is not the window
        long before = vmSizeBytes();
        for (int i = 0; i < 6; i++) {
            assertEquals(0, run(program));
        }
        long grown = vmSizeBytes() - before;
        assertTrue(grown < 1L << Emulator.ADDRESS_BITS,
                "six runs grew the address space by " + grown + " bytes, a window is " + (1L << Emulator.ADDRESS_BITS));
    }

    /** This JVM's virtual size, as Linux reports it in /proc/self/status ("VmSize:  123 kB"). */
    private static long vmSizeBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmSize:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmSize in /proc/self/status");
    }
}
