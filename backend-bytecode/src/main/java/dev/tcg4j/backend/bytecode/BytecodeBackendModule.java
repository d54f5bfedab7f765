package dev.tcg4j.backend.bytecode;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.tcg4j.ir.spi.Backend;

/** Contributes the JVM-bytecode backend to a component's backends, under its name. */
@Module
public interface BytecodeBackendModule {
    @Binds
    @IntoMap
    @StringKey(BytecodeBackend.NAME)
    Backend backend(BytecodeBackend backend);
}
