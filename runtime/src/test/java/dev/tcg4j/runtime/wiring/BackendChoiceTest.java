package dev.tcg4j.runtime.wiring;

import static dev.tcg4j.runtime.testing.RiscvAsm.A0;
import static dev.tcg4j.runtime.testing.RiscvAsm.A1;
import static dev.tcg4j.runtime.testing.RiscvAsm.A2;
import static dev.tcg4j.runtime.testing.RiscvAsm.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.frontend.riscv.RiscvFrontendModule;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.runtime.elf.ProgramHeader;
import dev.tcg4j.runtime.exec.ExecOptions;
import dev.tcg4j.runtime.linux.riscv64.Riscv64LinuxModule;
import dev.tcg4j.runtime.testing.ElfImage;
import dev.tcg4j.runtime.testing.RiscvAsm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test picks its backend the way a downstream project would: by building a component with its own
 * backend module, here one that counts the blocks it compiles on top of the bytecode backend.
 */
class BackendChoiceTest {
    static final long ENTRY = 0x10000;

    /** Compiles with the bytecode backend and counts the blocks. */
    static final class CountingBackend implements Backend {
        final Backend delegate;
        int compiled;

        CountingBackend(Backend delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public ExecutableBlock compile(TranslationBlock tb) {
            compiled++;
            return delegate.compile(tb);
        }
    }

    @Module
    static final class CountingBackendModule {
        final CountingBackend backend = new CountingBackend(new BytecodeBackend());

        @Provides
        @IntoMap
        @StringKey("counting")
        Backend counting() {
            return backend;
        }
    }

    @Singleton
    @Component(modules = {RiscvFrontendModule.class, Riscv64LinuxModule.class, CountingBackendModule.class,
        RuntimeModule.class})
    interface CountingEmulator {
        Emulator emulator();
    }

    @TempDir
    Path dir;

    @Test
    void aComponentBuiltWithAnotherBackendModuleRunsTheGuestOnIt() throws Exception {
        // two blocks, each ended by its ecall: a getpid, then 5 + 3 computed and passed to exit_group
        RiscvAsm code = new RiscvAsm().addi(RiscvAsm.A7, ZERO, 172).ecall()
                .addi(A0, ZERO, 5).addi(A1, ZERO, 3).add(A2, A0, A1).exitWith(A2);
        Path program = Files.write(dir.resolve("prog"), new ElfImage().entry(ENTRY).segment(ProgramHeader.PT_LOAD,
                ProgramHeader.PF_R | ProgramHeader.PF_X, ENTRY, code.bytes(), code.size()).build());
        CountingBackendModule module = new CountingBackendModule();
        Emulator emulator = DaggerBackendChoiceTest_CountingEmulator.builder().countingBackendModule(module).build()
                .emulator();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunRequest req = new RunRequest(program.toString(), List.of(program.toString()), List.of(), "counting",
                ExecOptions.defaults(), 1 << 20, List.of(), s -> { }, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(Set.of("counting"), emulator.backendNames());
        assertEquals(8, emulator.run(req));
        assertEquals(2, module.backend.compiled);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theProductionEmulatorOffersEveryShippedBackendAndDefaultsToBytecode() {
        Set<String> names = EmulatorComponent.create().emulator().backendNames();

        assertEquals(Set.of("tiered", "bytecode", "interpreter", "lockstep"), names);
        assertEquals("bytecode", Emulator.DEFAULT_BACKEND);
    }
}
