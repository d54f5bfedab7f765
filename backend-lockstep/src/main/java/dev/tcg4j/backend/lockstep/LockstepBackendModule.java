package dev.tcg4j.backend.lockstep;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.GuestFrontend;

/**
 * Contributes the lockstep backend to a component's backends, under its name. The component binds
 * the pair it compares: a {@link LockstepReference} and a {@link LockstepSubject} backend, each a
 * fresh instance of its own.
 */
@Module
public interface LockstepBackendModule {
    @Provides
    @IntoMap
    @StringKey(LockstepBackend.NAME)
    static Backend lockstep(@LockstepReference Backend reference, @LockstepSubject Backend subject,
            GuestFrontend frontend) {
        return new LockstepBackend(reference, subject, frontend);
    }
}
