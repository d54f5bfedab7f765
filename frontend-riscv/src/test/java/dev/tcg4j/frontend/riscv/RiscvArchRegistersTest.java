package dev.tcg4j.frontend.riscv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.spi.GuestArch.RegisterDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registers plugins see: gdb's names and features, and the composed and read-only ones. */
class RiscvArchRegistersTest {
    private final RiscvArch arch = new RiscvArch();
    private final long[] regs = new long[RiscvArch.SLOTS];

    private RegisterDescriptor reg(String name) {
        return arch.registers().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void namesAndFeaturesFollowGdbsXml() {
        List<RegisterDescriptor> all = arch.registers();
        assertEquals(33 + 35 + 3, all.size());
        assertEquals("zero", all.get(0).name());
        assertEquals("fp", all.get(8).name());
        assertEquals("a0", all.get(10).name());
        assertEquals("pc", all.get(32).name());
        assertEquals(RiscvArch.FEATURE_CPU, all.get(32).feature());
        assertEquals("ft0", all.get(33).name());
        assertEquals(RiscvArch.FEATURE_FPU, reg("fcsr").feature());
        assertEquals(4, reg("fflags").sizeBytes());
        assertEquals(RiscvArch.FEATURE_CSR, reg("instret").feature());
    }

    @Test
    void fcsrIsFrmAndFflagsTogetherBothWays() {
        regs[RiscvArch.FFLAGS] = 0x11;
        regs[RiscvArch.FRM] = 0x3;
        assertEquals((0x3 << 5) | 0x11, arch.readRegister(regs, reg("fcsr")));
        arch.writeRegister(regs, reg("fcsr"), 0xffff_ff4aL);
        assertEquals(0x0a, regs[RiscvArch.FFLAGS]);
        assertEquals(0x2, regs[RiscvArch.FRM]);
        arch.writeRegister(regs, reg("frm"), 0xff);
        assertEquals(0x7, regs[RiscvArch.FRM]);
    }

    @Test
    void zeroAndTheCountersIgnoreWrites() {
        arch.writeRegister(regs, reg("zero"), 5);
        assertEquals(0, arch.readRegister(regs, reg("zero")));
        long before = arch.readRegister(regs, reg("cycle"));
        arch.writeRegister(regs, reg("cycle"), 0);
        assertTrue(arch.readRegister(regs, reg("cycle")) - before >= 0, "the counter runs on");
        arch.writeRegister(regs, reg("a0"), -1);
        assertEquals(-1, arch.readRegister(regs, reg("a0")));
    }
}
