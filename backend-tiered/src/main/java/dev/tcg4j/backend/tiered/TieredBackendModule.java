package dev.tcg4j.backend.tiered;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.backend.interpreter.InterpreterBackend;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.GuestFrontend;

/**
 * Contributes the tiered backend to a component's backends, under its name: the interpreter first,
 * leaving its loops every {@link TieredBackend#LOOP_SLICE} back edges, the bytecode backend for hot
 * code, each a fresh instance of its own.
 */
@Module
public interface TieredBackendModule {
    @Provides
    @IntoMap
    @StringKey(TieredBackend.NAME)
    static Backend tiered(InterpreterBackend interpreter, BytecodeBackend bytecode, GuestFrontend frontend) {
        return new TieredBackend(interpreter.slicingLoops(TieredBackend.LOOP_SLICE), bytecode, frontend.arch().pcSlot());
    }
}
