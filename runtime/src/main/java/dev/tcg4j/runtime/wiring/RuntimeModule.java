package dev.tcg4j.runtime.wiring;

import dagger.Module;
import dagger.Provides;
import dev.tcg4j.runtime.linux.host.Libc;
import javax.inject.Singleton;

/** The runtime's own bindings: the host C library. */
@Module
public interface RuntimeModule {
    @Provides
    @Singleton
    static Libc libc() {
        return new Libc();
    }
}
