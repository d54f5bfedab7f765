package dev.tcg4j.backend.lockstep;

import static dev.tcg4j.backend.lockstep.Rv.A0;
import static dev.tcg4j.backend.lockstep.Rv.A1;
import static dev.tcg4j.backend.lockstep.Rv.A2;
import static dev.tcg4j.backend.lockstep.Rv.T0;
import static dev.tcg4j.backend.lockstep.Rv.ZERO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.frontend.riscv.RiscvArch;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.Backend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lockstep over real RISC-V blocks, the reference being the bytecode backend and the subject the
 * bytecode backend itself or a deliberately broken copy of it. Expected values follow from the ISA.
 */
class LockstepBackendTest {
    private static LockstepBackend lockstep(Guest g, Backend subject) {
        return new LockstepBackend(new BytecodeBackend(), subject, g.frontend);
    }

    @Test
    void bothSidesRunTheBlockAndTheirCommonResultStands() {
        // ld a0,0(t0); addi a0,a0,1; sd a0,0(t0): a store that reads what it overwrites, made once
        Guest g = new Guest(new Rv().ld(A0, T0, 0).addi(A0, A0, 1).sd(A0, T0, 0).addi(A1, ZERO, 3).add(A2, A0, A1)
                .ecall());
        g.memory.st64(Guest.DATA, 41);

        assertEquals(ExitCodes.SYSCALL, g.runBlock(lockstep(g, new BytecodeBackend())));
        assertEquals(42, g.memory.ld64(Guest.DATA));
        assertEquals(42, g.x(A0));
        assertEquals(45, g.x(A2));
        assertEquals(Guest.CODE + 20, g.cpu.regs[RiscvArch.PC], "the pc of the ecall");
    }

    @Test
    void anAtomicRunsOnceAndReportsItsAccessesOnce() {
        Guest g = new Guest(new Rv().addi(A1, ZERO, 5).amoaddW(A0, A1, T0).ecall());
        g.memory.st32(Guest.DATA, 10);
        List<String> reports = new ArrayList<>();
        g.cpu.memListener = (cpu, vaddr, value, meminfo) -> reports.add(Long.toHexString(vaddr) + "=" + value);

        assertEquals(ExitCodes.SYSCALL, g.runBlock(lockstep(g, new BytecodeBackend())));
        assertEquals(15, g.memory.ld32u(Guest.DATA));
        assertEquals(10, g.x(A0));
        // an AMO is one load then one store, as QEMU's atomic helpers report them
        assertEquals(List.of("20000=10", "20000=15"), reports);
    }

    @Test
    void aTrapOnBothSidesIsNoDifference() {
        Guest g = new Guest(new Rv().addi(A0, ZERO, 7).ld(A1, ZERO, 8).ecall());

        assertEquals(ExitCodes.TRAP, g.runBlock(lockstep(g, new BytecodeBackend())));
        assertEquals(GuestTrap.Kind.UNMAPPED, g.cpu.trap.kind());
        assertEquals(8, g.cpu.trap.address());
        assertEquals(Guest.CODE + 4, g.cpu.trapPc);
        assertEquals(7, g.x(A0), "the instruction before the fault ran");
    }

    @Test
    void aWrongAddIsCaughtAtItsInstructionWithBothRegisterFiles() {
        long addPc = Guest.CODE + 12;
        Guest g = new Guest(new Rv().addi(A0, ZERO, 5).addi(A1, ZERO, 3).sd(A1, T0, 0).add(A2, A0, A1).sd(A2, T0, 8)
                .ecall());

        LockstepDivergence d = assertThrows(LockstepDivergence.class,
                () -> g.runBlock(lockstep(g, BrokenBackend.addBecomesSub(new BytecodeBackend(), addPc))));

        assertEquals(addPc, d.pc());
        // 5 + 3 by the reference, 5 - 3 by the broken subject
        assertEquals("lockstep: add-becomes-sub diverges from bytecode at 0x1000c (add\ta2,a0,a1): x12/a2: 0x8 != 0x2",
                d.getMessage());
        String report = d.report();
        assertTrue(report.contains("in the block at 0x10000, 6 instructions:"), report);
        assertTrue(report.contains("  0x000000000001000c:  00b50633  add\ta2,a0,a1\n"
                + "differences after it:\n  x12/a2: 0x8 != 0x2\n"), report);
        assertTrue(report.contains("memory at 0x20008 (8 bytes): 0800000000000000 != 0200000000000000"), report);
        assertTrue(report.contains("  x12/a2           0x0000000000000000 0x0000000000000008 0x0000000000000002  <<\n"),
                report);
        assertTrue(report.contains("  x10/a0           0x0000000000000005 0x0000000000000005 0x0000000000000005\n"),
                report);
    }

    @Test
    void aStoreOfAnotherValueIsAMemoryDifference() {
        long sdPc = Guest.CODE + 4;
        Guest g = new Guest(new Rv().addi(A0, ZERO, 8).sd(A0, T0, 0).ecall());
        // the store writes its address instead of its value
        Backend storesAddress = new BrokenBackend(new BytecodeBackend(), "stores-address", sdPc,
                op -> op.opcode() != Opcode.QEMU_ST ? op : Op.full(Opcode.QEMU_ST, new Temp[0],
                        new Temp[] {op.in(1), op.in(1)}, op.constArg(), op.cond(), op.label(), op.memOp(), op.aux()));

        LockstepDivergence d = assertThrows(LockstepDivergence.class, () -> g.runBlock(lockstep(g, storesAddress)));

        assertEquals(sdPc, d.pc());
        assertEquals("lockstep: stores-address diverges from bytecode at 0x10004 (sd\ta0,0(t0)): "
                + "memory at 0x20000 (8 bytes): 0800000000000000 != 0000020000000000", d.getMessage());
    }

    @Test
    void aHelperCalledWithOtherArgumentsIsADifferenceAtItsInstruction() {
        long fsubPc = Guest.CODE;
        Guest g = new Guest(new Rv().fsubD(Rv.FT0, Rv.FT1, Rv.FT2).ecall());
        g.cpu.regs[RiscvArch.F0 + 1] = Double.doubleToRawLongBits(3.0);
        g.cpu.regs[RiscvArch.F0 + 2] = Double.doubleToRawLongBits(1.0);
        // fsub.d passes its operands swapped: 1.0 - 3.0
        Backend swapsOperands = new BrokenBackend(new BytecodeBackend(), "swaps-operands", fsubPc,
                op -> op.opcode() != Opcode.CALL ? op : BlockCopy.withAux(swapFirstInputs(op), op.aux()));

        LockstepDivergence d = assertThrows(LockstepDivergence.class, () -> g.runBlock(lockstep(g, swapsOperands)));

        assertEquals(fsubPc, d.pc());
        assertEquals("lockstep: swaps-operands diverges from bytecode at 0x10000 (fsub.d\tft0,ft1,ft2,rne): "
                + "the subject calls fsub_d(0x3ff0000000000000, 0x4008000000000000, 0x0) where the reference called "
                + "fsub_d(0x4008000000000000, 0x3ff0000000000000, 0x0)", d.getMessage());
    }

    @Test
    void aBlockLoopingToItsOwnStartMakesOnePassPerExecutionOnBothSides() {
        // addi a0,a0,-1; bne a0,zero,-4: the bytecode backend alone loops inside the block until a0 is 0
        Rv loop = new Rv().addi(A0, A0, -1).bne(A0, ZERO, -4).ecall();
        Guest alone = new Guest(loop);
        alone.cpu.regs[RiscvArch.X0 + A0] = 3;
        alone.runBlock(new BytecodeBackend());
        assertEquals(0, alone.x(A0));

        Guest g = new Guest(loop);
        g.cpu.regs[RiscvArch.X0 + A0] = 3;
        LockstepBackend both = lockstep(g, new BytecodeBackend());
        int exit = g.runBlock(both);
        assertTrue(exit == 0 || exit == 1, "a goto_tb exit, not " + exit);
        assertEquals(2, g.x(A0));
        assertEquals(Guest.CODE, g.cpu.regs[RiscvArch.PC]);
        assertFalse(g.cpu.exitRequested, "the stop lockstep requested is withdrawn");
    }

    private static Op swapFirstInputs(Op call) {
        Temp[] ins = new Temp[call.inCount()];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = call.in(i);
        }
        Temp t = ins[0];
        ins[0] = ins[1];
        ins[1] = t;
        Temp[] outs = call.outCount() == 0 ? new Temp[0] : new Temp[] {call.out(0)};
        return Op.full(Opcode.CALL, outs, ins, call.constArg(), call.cond(), call.label(), call.memOp(), call.aux());
    }
}
