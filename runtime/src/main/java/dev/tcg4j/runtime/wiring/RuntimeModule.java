package dev.tcg4j.runtime.wiring;

import dagger.Module;
import dagger.Provides;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.runtime.linux.host.Libc;
import javax.inject.Singleton;

/**
 * The runtime's application-wide bindings: the host C library, the guest architecture (the
 * frontend's), and the per-run {@link RunComponent}. A component that includes it also includes a
 * frontend module, that architecture's Linux ABI module and at least one backend module.
 */
@Module(subcomponents = RunComponent.class)
public interface RuntimeModule {
    @Provides
    @Singleton
    static Libc libc() {
        return new Libc();
    }

    @Provides
    static GuestArch arch(GuestFrontend frontend) {
        return frontend.arch();
    }
}
