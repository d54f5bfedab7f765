package dev.tcg4j.it.backends;

import dagger.Component;
import dagger.Module;
import dagger.Provides;
import dev.tcg4j.backend.interpreter.InterpreterBackend;
import dev.tcg4j.backend.interpreter.InterpreterBackendModule;
import dev.tcg4j.frontend.riscv.RiscvFrontendModule;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.runtime.wiring.Engine;
import dev.tcg4j.runtime.wiring.RuntimeModule;
import java.util.Map;
import javax.inject.Singleton;

/** The production emulator with the IR interpreter in place of the bytecode backend. */
@Singleton
@Component(modules = {RiscvFrontendModule.class, InterpreterBackendModule.class, RuntimeModule.class,
    InterpreterEngine.PickInterpreter.class})
interface InterpreterEngine extends Engine {
    /** Picks the interpreter among the backends the modules contribute. */
    @Module
    interface PickInterpreter {
        @Provides
        static Backend backend(Map<String, Backend> backends) {
            return backends.get(InterpreterBackend.NAME);
        }
    }
}
