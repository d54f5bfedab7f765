package dev.tcg4j.runtime.exec;

import dagger.assisted.Assisted;
import dagger.assisted.AssistedFactory;
import dagger.assisted.AssistedInject;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.GuestArch;

/**
 * One virtual CPU of a process: its registers and the CPU loop that runs it. A process makes one
 * per guest thread through {@link Factory}; they share the process's memory and translated blocks.
 */
public final class Vcpu {
    private final CpuState state;
    private final CpuLoop loop;
    private final int pcSlot;

    @AssistedInject
    Vcpu(@Assisted int index, GuestArch arch, GuestMemory memory, CpuLoop loop) {
        this.state = new CpuState(arch.stateSlots(), index, memory);
        this.loop = loop;
        this.pcSlot = arch.pcSlot();
    }

    /** Makes the vCPUs of a process, numbered as plugins see them (vcpu_index). */
    @AssistedFactory
    public interface Factory {
        Vcpu create(int index);
    }

    public CpuState state() {
        return state;
    }

    /** Makes the next {@link #run} start at {@code pc}: a plugin set the pc before the first block. */
    public void resumeAt(long pc) {
        state.regs[pcSlot] = pc;
    }

    /** Runs the guest on this vCPU until an exception (the process exiting) leaves the loop. */
    public void run() {
        loop.run(state);
    }
}
