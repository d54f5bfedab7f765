package dev.tcg4j.injector.call;

import dev.tcg4j.ir.MemOp;
import dev.tcg4j.plugin.api.MemInfo;

/**
 * A memory access as plugins see it, from the packed meminfo of {@link MemOp#meminfo} and the value
 * the IR had in hand (a sign-extended load result or a whole register for a narrow store), which is
 * cut to the access size.
 */
public record AccessInfo(int meminfo, long rawValue) implements MemInfo {
    @Override
    public int sizeShift() {
        return meminfo & 0xf;
    }

    @Override
    public boolean isSignExtended() {
        return (meminfo & MemOp.MEMINFO_SIGN) != 0;
    }

    @Override
    public boolean isBigEndian() {
        return (meminfo & MemOp.MEMINFO_BE) != 0;
    }

    @Override
    public boolean isStore() {
        return (meminfo & MemOp.MEMINFO_STORE) != 0;
    }

    @Override
    public long value() {
        int bits = 8 << sizeShift();
        return bits >= 64 ? rawValue : rawValue & ((1L << bits) - 1);
    }
}
