package dev.tcg4j.runtime.wiring;

import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.LinuxAbi;

/**
 * The parts an emulator is assembled from. {@link EmulatorComponent} is the production choice; a
 * test declares its own Dagger component extending this interface with other modules, for example
 * another backend, and hands it to {@link Emulator}.
 */
public interface Engine {
    GuestFrontend frontend();

    Backend backend();

    Libc libc();

    LinuxAbi linuxAbi();
}
