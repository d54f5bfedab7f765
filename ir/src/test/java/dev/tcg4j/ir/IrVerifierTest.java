package dev.tcg4j.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.BlockTranslator;
import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.ir.spi.TranslatorLoop;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Hand-built op lists, each broken in one way, and the problem the verifier names for it. */
class IrVerifierTest {
    private static final Temp X1 = Temp.global("x1", 1);
    private static final Temp X2 = Temp.global("x2", 2);
    private static final Temp PC = Temp.global("pc", 32);

    private static TranslationBlock block(Consumer<TbBuilder> body) {
        TbBuilder b = new TbBuilder(0x1000, 0, TranslatorHooks.NONE);
        b.insnStart(0x1000);
        body.accept(b);
        return b.build();
    }

    private static List<String> problems(Consumer<TbBuilder> body) {
        return IrVerifier.check(block(body), false);
    }

    /** The problems found, each reduced to "op N: problem" without the op's text. */
    private static void assertProblem(String expected, Consumer<TbBuilder> body) {
        List<String> found = problems(body);
        assertEquals(1, found.size(), () -> "expected one problem, found " + found);
        String p = found.get(0);
        assertTrue(p.startsWith(expected.substring(0, expected.indexOf(':'))) && p.endsWith(expected.substring(expected.indexOf(':') + 2)),
                () -> "expected \"" + expected + "\", found \"" + p + "\"");
    }

    private static void exit(TbBuilder b) {
        b.movi(PC, 0x1004);
        b.exitTb(0);
    }

    @Test
    void acceptsAWellFormedBlockWithBranchesLoopsAndUnreachableOps() {
        assertEquals(List.of(), problems(b -> {
            Temp t = b.newTemp();
            Temp acc = b.newTbTemp();
            b.movi(acc, 0);
            Label loop = b.newLabel();
            b.setLabel(loop);
            b.addi(t, X1, 1); // an EBB temp written after the label, read before the next
            b.add(acc, acc, t);
            b.brcond(Cond.NE, t, b.constant(5), loop);
            b.mov(X2, t); // the fall-through stays in the extended basic block
            b.mov(X1, acc);
            exit(b);
            Temp dead = b.newTemp();
            b.mov(X2, dead); // unreachable: nothing branches here
            b.exitTb(0);
        }));
    }

    @Test
    void rejectsAnEbbTempReadBeforeItIsWritten() {
        assertProblem("op 1: reads tmp0 before it is written in this extended basic block", b -> {
            Temp t = b.newTemp();
            b.mov(X1, t);
            b.movi(t, 3);
            exit(b);
        });
    }

    @Test
    void rejectsAnEbbTempUsedAcrossALabel() {
        assertProblem("op 4: reads tmp0 before it is written in this extended basic block", b -> {
            Temp t = b.newTemp();
            b.movi(t, 3);
            Label l = b.newLabel();
            b.brcond(Cond.EQ, X1, b.constant(0), l);
            b.setLabel(l);
            b.mov(X1, t);
            exit(b);
        });
    }

    @Test
    void rejectsATbTempWrittenOnOnlyOnePathToItsRead() {
        assertProblem("op 4: reads loc0 before every path to it writes it", b -> {
            Temp t = b.newTbTemp();
            Label skip = b.newLabel();
            b.brcond(Cond.EQ, X1, b.constant(0), skip);
            b.movi(t, 3);
            b.setLabel(skip);
            b.mov(X2, t);
            exit(b);
        });
    }

    @Test
    void rejectsATbTempALoopReadsBeforeItsFirstWrite() {
        assertProblem("op 2: reads loc0 before every path to it writes it", b -> {
            Temp t = b.newTbTemp();
            Label loop = b.newLabel();
            b.setLabel(loop);
            b.add(X2, X2, t);
            b.movi(t, 1);
            b.brcond(Cond.NE, X2, b.constant(9), loop);
            exit(b);
        });
    }

    @Test
    void rejectsABlockThatFallsOffItsEnd() {
        assertProblem("op 3: the ops end here, but a path reaches the end without an exit", b -> {
            Label out = b.newLabel();
            b.brcond(Cond.EQ, X1, b.constant(0), out);
            b.movi(X2, 1);
            b.setLabel(out);
        });
        assertProblem("op 1: the ops end here, but a path reaches the end without an exit", b -> b.movi(X1, 1));
    }

    @Test
    void rejectsALabelPlacedTwiceOrNeverPlaced() {
        assertProblem("op 3: label placed twice", b -> {
            Label l = b.newLabel();
            b.setLabel(l);
            b.movi(X1, 1);
            b.setLabel(l);
            exit(b);
        });
        assertProblem("op 1: branches to label $L0, which is never placed", b -> {
            b.br(b.newLabel());
            exit(b);
        });
    }

    @Test
    void rejectsOpsOfTheWrongShape() {
        assertProblem("op 1: expects 1 outputs and 2 inputs, has 1 and 1", b -> {
            b.emit(Op.of(Opcode.ADD, new Temp[] {X1}, new Temp[] {X2}));
            exit(b);
        });
        Helper h = Helper.ofStatic("h", IrVerifierTest.class, "helper", MethodType.methodType(long.class, long.class), 0);
        assertProblem("op 1: arguments do not match (long)long", b -> {
            b.emit(Op.full(Opcode.CALL, new Temp[0], new Temp[] {X1}, 0, null, null, null, h));
            exit(b);
        });
        assertProblem("op 1: memory op without MemOp", b -> {
            b.emit(Op.of(Opcode.QEMU_LD, new Temp[] {X1}, new Temp[] {X2}));
            exit(b);
        });
        assertProblem("op 1: no condition", b -> {
            b.emit(Op.of(Opcode.SETCOND, new Temp[] {X1}, new Temp[] {X1, X2}));
            exit(b);
        });
        assertProblem("op 2: goto_tb slot is not 0 or 1", b -> {
            b.movi(PC, 0x1004);
            b.gotoTb(2);
        });
    }

    public static long helper(long v) {
        return v;
    }

    @Test
    void rejectsAWriteToAConstant() {
        assertProblem("op 1: writes constant $0x5", b -> {
            b.mov(b.constant(5), X1);
            exit(b);
        });
    }

    @Test
    void rejectsStateAccessToTheSlotOfAGlobalTheBlockNames() {
        assertProblem("op 1: state access to slot 2, which a global of this block names", b -> {
            b.stState(2, X1);
            b.mov(X2, X1);
            exit(b);
        });
    }

    @Test
    void rejectsATempOfAnotherBlock() {
        Temp foreign = new Temps().newTemp(TempKind.EBB); // id 0, as the block's own first temp
        List<String> found = problems(b -> {
            Temp own = b.newTemp();
            b.movi(own, 1);
            b.mov(X1, foreign);
            exit(b);
        });
        assertTrue(found.stream().anyMatch(p -> p.contains("two temps share id 0")), found::toString);
    }

    @Test
    void rejectsAMarkerLeftAfterTheInjectPassButNotBefore() {
        TranslationBlock tb = block(b -> {
            b.pluginMarker(PluginMarker.AFTER_INSN);
            exit(b);
        });
        assertEquals(List.of(), IrVerifier.check(tb, true));
        assertEquals(List.of("op 1 (plugin_cb after_insn): plugin marker left after the inject pass"),
                IrVerifier.check(tb, false));
    }

    @Test
    void verifyNamesTheBlockTheStageAndTheBrokenOp() {
        TranslationBlock tb = block(b -> {
            Temp t = b.newTemp();
            b.mov(X1, t);
            exit(b);
        });
        InvalidIrException e = assertThrows(InvalidIrException.class, () -> IrVerifier.verify(tb, false, "the inject pass"));
        assertTrue(e.getMessage().startsWith("invalid IR in the block at 0x1000 after the inject pass: op 1 (mov x1, tmp0): "
                + "reads tmp0 before it is written in this extended basic block\n"), e.getMessage());
    }

    /** A frontend whose one instruction reads a temp nobody wrote. */
    private static final class BrokenFrontend implements GuestFrontend {
        @Override
        public GuestArch arch() {
            return null;
        }

        @Override
        public BlockTranslator begin(TbBuilder b, GuestMemory code) {
            return new BlockTranslator() {
                @Override
                public long nextPc() {
                    return 0x2000;
                }

                @Override
                public Status translateInsn(TbBuilder b) {
                    b.recordInsn(0x2000, 4, 0x13);
                    b.mov(X1, b.newTemp());
                    b.movi(PC, 0x2004);
                    b.exitTb(2);
                    return Status.BLOCK_ENDED;
                }

                @Override
                public void endBlock(TbBuilder b) {
                    throw new AssertionError();
                }
            };
        }

        @Override
        public Disassembler disassembler() {
            return insn -> "";
        }
    }

    @Test
    void theTranslatorLoopVerifiesWhenAskedAndOnlyThen() {
        InvalidIrException e = assertThrows(InvalidIrException.class,
                () -> new TranslatorLoop(new BrokenFrontend(), true).translate(null, 0x2000, 0, 1, TranslatorHooks.NONE));
        assertTrue(e.getMessage().startsWith("invalid IR in the block at 0x2000 after translation: op 1 (mov x1, tmp0)"),
                e.getMessage());
        new TranslatorLoop(new BrokenFrontend(), false).translate(null, 0x2000, 0, 1, TranslatorHooks.NONE);
    }

    @Test
    void isOnInTests() {
        // the build runs every test with -Dtcg4j.verify=true, so that every translated block is checked
        assertTrue(IrVerifier.enabled());
    }
}
