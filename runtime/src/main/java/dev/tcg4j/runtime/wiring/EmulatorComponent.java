package dev.tcg4j.runtime.wiring;

import dagger.Component;
import dev.tcg4j.backend.bytecode.BytecodeBackendModule;
import dev.tcg4j.frontend.riscv.RiscvFrontendModule;
import javax.inject.Singleton;

/** The production emulator: the RISC-V frontend and the JVM-bytecode backend. */
@Singleton
@Component(modules = {RiscvFrontendModule.class, BytecodeBackendModule.class, RuntimeModule.class})
public interface EmulatorComponent extends Engine {
    static EmulatorComponent create() {
        return DaggerEmulatorComponent.create();
    }
}
