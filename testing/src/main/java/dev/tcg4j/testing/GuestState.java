package dev.tcg4j.testing;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A starting point for running a block: the vCPU's registers and index, the guest pages mapped with
 * their contents, host arrays (plugin scoreboards) and whether a stop is requested. Each
 * {@link #newCpu()} builds it afresh, on a memory of its own, so that every backend starts from the
 * same state and cannot see another's writes. A builder: each method changes this state and
 * returns it.
 */
public final class GuestState {
    /** Guest address bits of the memory window by default: 16 MiB, cheap to reserve per run. */
    public static final int DEFAULT_ADDRESS_BITS = 24;

    record Mapping(long address, long length, int protection) {}

    private record Write(long address, byte[] bytes) {}

    private final long[] regs;
    private int vcpuIndex;
    private int addressBits = DEFAULT_ADDRESS_BITS;
    private boolean stopRequested;
    private final List<Mapping> mappings = new ArrayList<>();
    private final List<Write> writes = new ArrayList<>();
    private final List<long[]> hostArrays = new ArrayList<>();
    private final List<long[]> hostArrayContents = new ArrayList<>();

    private GuestState(int slots) {
        this.regs = new long[slots];
    }

    /** A vCPU with {@code slots} state slots, all zero, index 0, and no memory mapped. */
    public static GuestState withSlots(int slots) {
        return new GuestState(slots);
    }

    public GuestState reg(int slot, long value) {
        regs[slot] = value;
        return this;
    }

    public GuestState vcpu(int index) {
        this.vcpuIndex = index;
        return this;
    }

    public GuestState addressBits(int bits) {
        this.addressBits = bits;
        return this;
    }

    /** Maps {@code [address, address + length)} zero-filled with GuestMemory's READ/WRITE/EXEC bits. */
    public GuestState map(long address, long length, int protection) {
        mappings.add(new Mapping(address, length, protection));
        return this;
    }

    /** Puts {@code bytes} at {@code address}, whatever the page protection; the pages must be mapped. */
    public GuestState write(long address, byte... bytes) {
        writes.add(new Write(address, bytes.clone()));
        return this;
    }

    /** Puts a little-endian 64-bit value at {@code address}. */
    public GuestState write64(long address, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return write(address, b);
    }

    /** Sets {@code cpu.exitRequested}, as another thread asking the vCPU to stop would. */
    public GuestState stopRequested() {
        this.stopRequested = true;
        return this;
    }

    /**
     * A host array the block reads or writes with HOST_LD/HOST_ST (a plugin scoreboard): its
     * contents now are restored before every run, and compared after.
     */
    public GuestState hostArray(long[] array) {
        hostArrays.add(array);
        hostArrayContents.add(array.clone());
        return this;
    }

    /** A fresh vCPU in this state, on a fresh memory holding these mappings and contents. */
    public CpuState newCpu() {
        GuestMemory memory = newMemory(addressBits);
        for (Mapping m : mappings) {
            memory.map(m.address(), m.length(), m.protection());
        }
        for (Write w : writes) {
            memory.writeInitial(w.address(), w.bytes(), 0, w.bytes().length);
        }
        CpuState cpu = new CpuState(regs.length, vcpuIndex, memory);
        System.arraycopy(regs, 0, cpu.regs, 0, regs.length);
        cpu.exitRequested = stopRequested;
        for (int i = 0; i < hostArrays.size(); i++) {
            long[] initial = hostArrayContents.get(i);
            System.arraycopy(initial, 0, hostArrays.get(i), 0, initial.length);
        }
        return cpu;
    }

    /** A guest memory window of {@code 2^addressBits} bytes, nothing mapped. */
    public static GuestMemory newMemory(int addressBits) {
        return new FlatGuestMemory(addressBits);
    }

    List<Mapping> mappings() {
        return mappings;
    }

    List<long[]> hostArrays() {
        return hostArrays;
    }

    @Override
    public String toString() {
        return "GuestState[regs " + Arrays.toString(regs) + ", vcpu " + vcpuIndex + ", " + mappings.size()
                + " mappings]";
    }
}
