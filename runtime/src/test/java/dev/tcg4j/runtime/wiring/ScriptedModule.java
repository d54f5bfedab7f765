package dev.tcg4j.runtime.wiring;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.runtime.linux.LinuxAbi;
import dev.tcg4j.runtime.linux.riscv64.Riscv64LinuxAbi;
import dev.tcg4j.runtime.testing.ScriptedGuest;

/**
 * Binds a {@link ScriptedGuest} as frontend and as the backend named {@value #BACKEND}, in place of
 * the RISC-V and bytecode modules; its state layout is riscv64's, so it keeps Linux's riscv64 ABI.
 */
@Module
final class ScriptedModule {
    static final String BACKEND = "scripted";

    private final ScriptedGuest guest;

    ScriptedModule(ScriptedGuest guest) {
        this.guest = guest;
    }

    @Provides
    GuestFrontend frontend() {
        return guest.frontend();
    }

    @Provides
    @IntoMap
    @StringKey(BACKEND)
    Backend backend() {
        return guest.backend();
    }

    @Provides
    static LinuxAbi abi() {
        return new Riscv64LinuxAbi();
    }
}
