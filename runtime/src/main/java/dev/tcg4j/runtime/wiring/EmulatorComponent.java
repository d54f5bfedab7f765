package dev.tcg4j.runtime.wiring;

import dagger.Component;
import dev.tcg4j.backend.bytecode.BytecodeBackendModule;
import dev.tcg4j.frontend.riscv.RiscvFrontendModule;
import dev.tcg4j.runtime.linux.riscv64.Riscv64LinuxModule;
import javax.inject.Singleton;

/**
 * The production emulator: the RISC-V frontend with Linux's riscv64 ABI (the two go together) and
 * the JVM-bytecode backend.
 */
@Singleton
@Component(modules = {RiscvFrontendModule.class, Riscv64LinuxModule.class, BytecodeBackendModule.class,
    RuntimeModule.class})
public interface EmulatorComponent extends Engine {
    static EmulatorComponent create() {
        return DaggerEmulatorComponent.create();
    }
}
