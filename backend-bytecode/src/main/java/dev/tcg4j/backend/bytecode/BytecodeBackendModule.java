package dev.tcg4j.backend.bytecode;

import dagger.Binds;
import dagger.Module;
import dev.tcg4j.ir.spi.Backend;

/** Binds the JVM-bytecode backend as the backend of a component. */
@Module
public interface BytecodeBackendModule {
    @Binds
    Backend backend(BytecodeBackend backend);
}
