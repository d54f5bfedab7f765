package dev.tcg4j.frontend.riscv.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.frontend.riscv.decode.Compressed;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.ir.GuestInsn;
import dev.tcg4j.ir.IrDump;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.Opcode;
import dev.tcg4j.ir.PluginMarker;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.TranslatorHooks;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Encodings below come from riscv64-linux-gnu-as (binutils 2.40); the assembly is in each comment. */
class RiscvTranslatorTest {
    private static final String ILLEGAL_AT_CODE = """
            ---- 0000000000001000
             mov pc, $0x1000
             call illegal_instruction $0x1000
             exit_tb $2
            """;

    private final Blocks blocks = new Blocks();

    @Test
    void conditionalBranchLeavesThroughSlotOneWhenNotTakenAndSlotZeroWhenTaken() {
        TranslationBlock tb = blocks.block(
                0x00150513L,  // addi a0,a0,1
                0xfeb50ee3L); // beq a0,a1,.-4
        assertEquals("""
                ---- 0000000000001000
                 add a0, a0, $0x1
                ---- 0000000000001004
                 brcond a0, a1, eq, $L0
                 mov pc, $0x1008
                 goto_tb $1, 0x1008
                 set_label $L0
                 mov pc, $0x1000
                 goto_tb $0, 0x1000
                """, IrDump.dump(tb));
        assertEquals(List.of(new GuestInsn(0x1000, 4, 0x00150513L), new GuestInsn(0x1004, 4, 0xfeb50ee3L)), tb.insns());
    }

    @Test
    void blockThatRunsOutOfInstructionsFallsThroughToTheNextPc() {
        TranslationBlock tb = blocks.block(0x00150513L); // addi a0,a0,1
        assertTrue(IrDump.dump(tb).endsWith(" mov pc, $0x1004\n goto_tb $0, 0x1004\n"), IrDump.dump(tb));
    }

    @Test
    void jalLinksAndChainsToItsTarget() {
        TranslationBlock tb = blocks.block(0x010000efL); // jal ra,.+16
        assertEquals("""
                ---- 0000000000001000
                 mov ra, $0x1004
                 mov pc, $0x1010
                 goto_tb $0, 0x1010
                """, IrDump.dump(tb));
    }

    @Test
    void jalrComputesItsTargetBeforeOverwritingTheLinkRegister() {
        TranslationBlock tb = blocks.block(0x000080e7L); // jalr ra,0(ra)
        assertEquals("""
                ---- 0000000000001000
                 add tmp0, ra, $0x0
                 and tmp0, tmp0, $0xfffffffffffffffe
                 mov ra, $0x1004
                 mov pc, tmp0
                 goto_ptr pc
                """, IrDump.dump(tb));
    }

    @Test
    void loadIntoX0StillAccessesMemory() {
        TranslationBlock tb = blocks.block(0x00852003L); // lw zero,8(a0)
        assertTrue(IrDump.dump(tb).contains(" add tmp0, a0, $0x8\n qemu_ld tmp2, tmp0, s32\n"), IrDump.dump(tb));
    }

    @Test
    void memoryMarkerSeesTheAddressEvenWhenTheLoadOverwritesTheBaseRegister() {
        blocks.write(Blocks.CODE, 0x00852503L); // lw a0,8(a0)
        MarkerHooks hooks = new MarkerHooks();
        blocks.translate(Blocks.CODE, 1, hooks);
        assertTrue(hooks.translated.contains(" qemu_ld a0, tmp0, s32\n plugin_mem tmp0, a0, $0x12\n"), hooks.translated);
    }

    @Test
    void ecallExitsForTheRuntimeWithThePcOfTheEcall() {
        TranslationBlock tb = blocks.block(0x00000073L);
        assertEquals("""
                ---- 0000000000001000
                 mov pc, $0x1000
                 exit_tb $4
                """, IrDump.dump(tb));
    }

    @Test
    void ebreakRaisesABreakpointTrap() {
        TranslationBlock tb = blocks.block(0x00100073L);
        assertEquals("""
                ---- 0000000000001000
                 mov pc, $0x1000
                 call breakpoint $0x1000
                 exit_tb $2
                """, IrDump.dump(tb));
    }

    @Test
    void allZeroParcelIsAnIllegalInstruction() {
        assertEquals(ILLEGAL_AT_CODE, IrDump.dump(blocks.block(0x0000)));
    }

    @Test
    void reservedCompressedEncodingsAreIllegal() {
        // c.addi16sp sp,0; c.jr zero; c.lwsp zero,0(sp); c.ldsp zero,0(sp); c.addiw zero,1; quadrant 0 funct3 100
        for (int parcel : new int[] {0x6101, 0x8002, 0x4002, 0x6002, 0x2005, 0x8000}) {
            assertEquals(ILLEGAL_AT_CODE, IrDump.dump(blocks.block(parcel)), Integer.toHexString(parcel));
        }
    }

    @Test
    void writingAReadOnlyCounterIsIllegal() {
        assertEquals(ILLEGAL_AT_CODE, IrDump.dump(blocks.block(0xc0051073L))); // csrrw zero,cycle,a0
    }

    @Test
    void csrsThatUserModeDoesNotHaveAreIllegal() {
        assertEquals(ILLEGAL_AT_CODE, IrDump.dump(blocks.block(0x7c051073L))); // csrrw zero,0x7c0,a0
        assertEquals(ILLEGAL_AT_CODE, IrDump.dump(blocks.block(0x30002573L))); // csrr a0,mstatus
    }

    @Test
    void readingACounterCallsTheHostClock() {
        String dump = IrDump.dump(blocks.block(0xc0002573L)); // rdcycle a0
        assertTrue(dump.contains(" call host_ticks tmp1\n mov a0, tmp1\n"), dump);
    }

    @Test
    void unknownThirtyTwoBitEncodingIsIllegal() {
        assertEquals(ILLEGAL_AT_CODE, IrDump.dump(blocks.block(0xffffffffL)));
        assertEquals(ILLEGAL_AT_CODE, IrDump.dump(blocks.block(0x20b5b553L))); // fsgnj.s with funct3 3: none
    }

    @Test
    void fenceRwRwIsAFullHostFenceAndFenceIEndsTheBlock() {
        TranslationBlock tb = blocks.block(
                0x0330000fL,  // fence rw,rw
                0x0000100fL,  // fence.i
                0x00150513L); // addi a0,a0,1 (not reached by this block)
        assertEquals("""
                ---- 0000000000001000
                 call fence_full
                ---- 0000000000001004
                 mov pc, $0x1008
                 exit_tb $2
                """, IrDump.dump(tb));
    }

    @Test
    void weakerFencesGetTheWeakestHostFenceThatKeepsTheirOrders() {
        assertTrue(IrDump.dump(blocks.block(0x0220000fL)).contains(" call fence_acquire\n")); // fence r,r
        assertTrue(IrDump.dump(blocks.block(0x0110000fL)).contains(" call fence_release\n")); // fence w,w
        assertTrue(IrDump.dump(blocks.block(0x8330000fL)).contains(" call fence_tso\n"));     // fence.tso
        assertTrue(IrDump.dump(blocks.block(0x0440000fL)).lines().noneMatch(l -> l.contains("fence"))); // fence i,i
    }

    @Test
    void atomicsCallTheirHelpers() {
        assertTrue(IrDump.dump(blocks.block(0x04b6252fL)).contains(" call amoadd_w a0, a2, a1\n")); // amoadd.w.aq a0,a1,(a2)
        assertTrue(IrDump.dump(blocks.block(0x1005b52fL)).contains(" call lr_d a0, a1\n")); // lr.d a0,(a1)
        assertTrue(IrDump.dump(blocks.block(0x18c535afL)).contains(" call sc_d a1, a0, a2\n")); // sc.d a1,a2,(a0)
    }

    @Test
    void floatLoadNanBoxesAndStoreWritesTheLowWord() {
        TranslationBlock tb = blocks.block(
                0x0045a507L,  // flw fa0,4(a1)
                0x00a5a227L); // fsw fa0,4(a1)
        String dump = IrDump.dump(tb);
        assertTrue(dump.contains(" qemu_ld tmp2, tmp0, u32\n or fa0, tmp2, $0xffffffff00000000\n"), dump);
        assertTrue(dump.contains(" add tmp4, a1, $0x4\n qemu_st fa0, tmp4, u32\n"), dump);
    }

    @Test
    void floatArithmeticPassesTheRoundingModeField() {
        assertTrue(IrDump.dump(blocks.block(0x00c59553L)).contains(" call fadd_s fa0, fa1, fa2, $0x1\n")); // rtz
        assertTrue(IrDump.dump(blocks.block(0xc205f553L)).contains(" call fcvt_w_d a0, fa1, $0x7\n")); // dyn
    }

    @Test
    void compressedInstructionsTranslateAsTheirExpansion() {
        TranslationBlock tb = blocks.block(
                0x713d,  // c.addi16sp sp,-32
                0x557d,  // c.li a0,-1
                0x8082); // c.jr ra
        assertEquals("""
                ---- 0000000000001000
                 add sp, sp, $0xffffffffffffffe0
                ---- 0000000000001002
                 add a0, $0x0, $0xffffffffffffffff
                ---- 0000000000001004
                 add tmp3, ra, $0x0
                 and tmp3, tmp3, $0xfffffffffffffffe
                 mov pc, tmp3
                 goto_ptr pc
                """, IrDump.dump(tb));
        assertEquals(List.of(2, 2, 2), tb.insns().stream().map(GuestInsn::size).toList());
    }

    @Test
    void compressedJalrLinksTheAddressTwoBytesOn() {
        assertTrue(IrDump.dump(blocks.block(0x9782)).contains(" mov ra, $0x1002\n")); // c.jalr a5
    }

    @Test
    void hintsWritingX0EmitNothing() {
        TranslationBlock tb = blocks.block(
                0x00c58033L, // add zero,a1,a2
                0x0001);     // c.nop
        assertEquals("""
                ---- 0000000000001000
                ---- 0000000000001004
                 mov pc, $0x1006
                 goto_tb $0, 0x1006
                """, IrDump.dump(tb));
    }

    @Test
    void laterInstructionStraddlingThePageStartsTheNextBlock() {
        blocks.write(0x1ffc, 0x557d, 0x00150513L); // c.li a0,-1 ; addi a0,a0,1 across 0x2000
        TranslationBlock first = blocks.translate(0x1ffc, 8);
        assertEquals(1, first.insnCount());
        assertTrue(IrDump.dump(first).endsWith(" mov pc, $0x1ffe\n goto_tb $0, 0x1ffe\n"), IrDump.dump(first));
        TranslationBlock second = blocks.translate(0x1ffe, 8);
        assertEquals(List.of(new GuestInsn(0x1ffe, 4, 0x00150513L)), second.insns());
    }

    @Test
    void laterCompressedInstructionEndingAtThePageEndStartsABlockOfItsOwn() {
        // QEMU 7.2 ends a block before any later instruction at page offset 0xffe, even a compressed
        // one that fits; it then runs alone, since the instruction after it is on the next page
        blocks.write(0x1ffa, 0x00150513L, 0x0505); // addi a0,a0,1 ; c.addi a0,1 at 0x1ffe
        TranslationBlock first = blocks.translate(0x1ffa, 8);
        assertEquals(List.of(new GuestInsn(0x1ffa, 4, 0x00150513L)), first.insns());
        assertTrue(IrDump.dump(first).endsWith(" mov pc, $0x1ffe\n goto_tb $0, 0x1ffe\n"), IrDump.dump(first));
        assertEquals(List.of(new GuestInsn(0x1ffe, 2, 0x0505)), blocks.translate(0x1ffe, 8).insns());
    }

    @Test
    void laterFourByteInstructionEndingAtThePageEndStaysInTheBlock() {
        blocks.write(0x1ffa, 0x0505, 0x00150513L); // c.addi a0,1 ; addi a0,a0,1 at 0x1ffc..0x1fff
        assertEquals(2, blocks.translate(0x1ffa, 8).insnCount());
    }

    @Test
    void everyCsrInstructionEndsTheBlockReadsToo() {
        // QEMU 7.2's do_csr_post exits the block after any CSR access
        TranslationBlock tb = blocks.block(
                0x00102773L,  // frflags a4
                0x00150513L); // addi a0,a0,1
        assertEquals(1, tb.insnCount());
        assertTrue(IrDump.dump(tb).endsWith(" mov pc, $0x1004\n exit_tb $2\n"), IrDump.dump(tb));
        assertEquals(1, blocks.block(0x00171073L, 0x00150513L).insnCount()); // fsflags a4 ; addi
    }

    @Test
    void fetchFaultOnTheSecondHalfOfTheFirstInstructionPropagates() {
        blocks.write(0x2ffe, 0x0513); // low half of addi; 0x3000 is unmapped
        GuestTrap trap = assertThrows(GuestTrap.class, () -> blocks.translate(0x2ffe, 8));
        assertEquals(GuestTrap.Kind.UNMAPPED, trap.kind());
        assertEquals(0x3000, trap.address());
    }

    @Test
    void everyCompressedParcelAndRandomWordsTranslateToWellFormedIr() {
        for (int c = 0; c < 0x10000; c++) {
            if ((c & 3) != 3) {
                blocks.block(c); // Blocks verifies the op list
            }
        }
        Random random = new Random(7);
        for (Insn insn : Insn.values()) {
            for (int i = 0; i < 20; i++) {
                blocks.block(((random.nextInt() & ~insn.mask()) | insn.match()) & 0xffffffffL);
            }
        }
        assertTrue(Compressed.values().length > 40);
    }

    @Test
    void staticRoundingModeOnAnExactConversionIsStillPassedToTheHelper() {
        // fcvt.d.s fa0,fa1,rtz: objdump rejects it, QEMU and the ISA accept it
        assertTrue(IrDump.dump(blocks.block(0x42059553L)).contains(" call fcvt_d_s fa0, fa1, $0x1\n"));
    }

    /** Hooks that emit the markers, as the injector does, so that their placement can be checked. */
    /** Emits every marker; at the end keeps the block's dump as translated, then removes the markers. */
    private static final class MarkerHooks implements TranslatorHooks {
        String translated;

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public void tbStart(TbBuilder b) {
            b.pluginMarker(PluginMarker.FROM_TB);
        }

        @Override
        public void insnStart(TbBuilder b, long pc) {
            b.pluginMarker(PluginMarker.FROM_INSN);
        }

        @Override
        public void insnEnd(TbBuilder b) {
            b.pluginMarker(PluginMarker.AFTER_INSN);
        }

        @Override
        public void beforeExit(TbBuilder b) {
            b.pluginMarker(PluginMarker.AFTER_TB);
        }

        @Override
        public void tbEnd(TbBuilder b, int insnCount) {
            translated = IrDump.dump(b.ops());
            for (Op op = b.ops().first(); op != null; ) {
                Op next = op.next();
                if (op.opcode() == Opcode.PLUGIN_CB || op.opcode() == Opcode.PLUGIN_MEM) {
                    b.ops().remove(op);
                }
                op = next;
            }
        }
    }
}
