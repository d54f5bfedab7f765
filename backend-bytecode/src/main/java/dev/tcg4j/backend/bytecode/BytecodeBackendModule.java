package dev.tcg4j.backend.bytecode;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.tcg4j.ir.spi.Backend;

/**
 * Binds the JVM-bytecode backend as the backend of a component, and contributes it to the
 * component's backends by name, as every backend module does.
 */
@Module
public interface BytecodeBackendModule {
    @Binds
    Backend backend(BytecodeBackend backend);

    @Binds
    @IntoMap
    @StringKey(BytecodeBackend.NAME)
    Backend named(BytecodeBackend backend);
}
