package dev.tcg4j.runtime.wiring;

import dagger.Binds;
import dagger.Module;
import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.backend.interpreter.InterpreterBackend;
import dev.tcg4j.backend.lockstep.LockstepReference;
import dev.tcg4j.backend.lockstep.LockstepSubject;
import dev.tcg4j.ir.spi.Backend;

/**
 * The pair {@code -backend lockstep} compares in production: the interpreter, whose semantics are
 * the simpler to read, as the reference, and the bytecode backend as the subject. Each is a fresh
 * instance of its own, apart from the ones {@code -backend interpreter} and {@code bytecode} use.
 */
@Module
public interface LockstepPairModule {
    @Binds
    @LockstepReference
    Backend reference(InterpreterBackend backend);

    @Binds
    @LockstepSubject
    Backend subject(BytecodeBackend backend);
}
