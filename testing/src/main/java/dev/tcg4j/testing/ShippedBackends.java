package dev.tcg4j.testing;

import dagger.Component;
import dev.tcg4j.backend.bytecode.BytecodeBackendModule;
import dev.tcg4j.backend.interpreter.InterpreterBackendModule;
import dev.tcg4j.ir.spi.Backend;
import java.util.Map;

/** The backends tcg4j ships, by name, assembled as the emulator assembles them: from their Dagger modules. */
@Component(modules = {BytecodeBackendModule.class, InterpreterBackendModule.class})
interface ShippedBackends {
    Map<String, Backend> backends();
}
