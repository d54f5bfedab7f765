package dev.tcg4j.runtime.linux.riscv64;

import dagger.Binds;
import dagger.Module;
import dev.tcg4j.runtime.linux.LinuxAbi;

/**
 * Binds Linux's riscv64 ABI. It pairs with the RISC-V frontend's {@code RiscvFrontendModule}: a
 * component that includes one includes the other. It lives in the runtime because the frontend may
 * know nothing of Linux.
 */
@Module
public interface Riscv64LinuxModule {
    @Binds
    LinuxAbi abi(Riscv64LinuxAbi abi);
}
