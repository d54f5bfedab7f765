package dev.tcg4j.runtime.wiring;

import dagger.Component;
import dev.tcg4j.backend.bytecode.BytecodeBackendModule;
import dev.tcg4j.backend.interpreter.InterpreterBackendModule;
import dev.tcg4j.backend.lockstep.LockstepBackendModule;
import dev.tcg4j.backend.tiered.TieredBackendModule;
import dev.tcg4j.frontend.riscv.RiscvFrontendModule;
import dev.tcg4j.runtime.linux.riscv64.Riscv64LinuxModule;
import javax.inject.Singleton;

/**
 * The production emulator: the RISC-V frontend with Linux's riscv64 ABI (the two go together), the
 * backends {@code -backend} chooses from (tiered, bytecode, interpreter, and lockstep over
 * {@link LockstepPairModule}'s pair), and the runtime. A test builds its own component the same way with other modules.
 */
@Singleton
@Component(modules = {RiscvFrontendModule.class, Riscv64LinuxModule.class, BytecodeBackendModule.class,
    InterpreterBackendModule.class, TieredBackendModule.class, LockstepBackendModule.class, LockstepPairModule.class, RuntimeModule.class})
public interface EmulatorComponent {
    Emulator emulator();

    static EmulatorComponent create() {
        return DaggerEmulatorComponent.create();
    }
}
