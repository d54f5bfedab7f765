package dev.tcg4j.runtime.wiring;

import dagger.Module;
import dagger.Provides;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.signal.Riscv64SignalFrames;
import dev.tcg4j.runtime.linux.signal.SignalFrames;
import javax.inject.Singleton;

/** The runtime's own bindings: the host C library and the guest's signal frame layout. */
@Module
public interface RuntimeModule {
    @Provides
    @Singleton
    static Libc libc() {
        return new Libc();
    }

    @Provides
    static SignalFrames signalFrames(GuestFrontend frontend) {
        String arch = frontend.arch().name();
        if (arch.equals("riscv64")) {
            return new Riscv64SignalFrames();
        }
        throw new IllegalStateException("no Linux signal frame layout for " + arch);
    }
}
