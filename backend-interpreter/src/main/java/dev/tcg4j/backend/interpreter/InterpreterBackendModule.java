package dev.tcg4j.backend.interpreter;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.tcg4j.ir.spi.Backend;

/** Contributes the IR interpreter to the component's backends, under its name. */
@Module
public interface InterpreterBackendModule {
    @Binds
    @IntoMap
    @StringKey(InterpreterBackend.NAME)
    Backend interpreter(InterpreterBackend backend);
}
