package dev.tcg4j.runtime.wiring;

import dagger.Module;
import dagger.Provides;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.runtime.linux.LinuxAbi;
import dev.tcg4j.runtime.linux.riscv64.Riscv64LinuxAbi;
import dev.tcg4j.runtime.testing.ScriptedGuest;

/** Binds a {@link ScriptedGuest} as frontend and backend, in place of the RISC-V and bytecode modules. */
@Module
final class ScriptedModule {
    private final ScriptedGuest guest;

    ScriptedModule(ScriptedGuest guest) {
        this.guest = guest;
    }

    @Provides
    GuestFrontend frontend() {
        return guest.frontend();
    }

    @Provides
    Backend backend() {
        return guest.backend();
    }

    /** The scripted guest's state layout is riscv64's. */
    @Provides
    static LinuxAbi abi() {
        return new Riscv64LinuxAbi();
    }
}
