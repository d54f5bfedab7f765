package dev.tcg4j.frontend.riscv;

import dagger.Binds;
import dagger.Module;
import dev.tcg4j.ir.spi.GuestFrontend;

/** Binds the RISC-V frontend as the guest of a component. */
@Module
public interface RiscvFrontendModule {
    @Binds
    GuestFrontend frontend(RiscvFrontend frontend);
}
