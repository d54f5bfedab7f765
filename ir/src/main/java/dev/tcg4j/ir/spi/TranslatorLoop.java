package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.IrVerifier;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;

/**
 * The guest-independent translation loop (QEMU's {@code translator_loop}): drives a frontend one
 * instruction at a time and calls the plugin hooks around each instruction.
 *
 * <p>When {@link IrVerifier#enabled()} (under {@code -d verify}, and in every test), each block is
 * verified as the frontend left it and again after the plugin hooks' inject pass: a broken block
 * throws {@link dev.tcg4j.ir.InvalidIrException} naming it and its broken op.
 */
public final class TranslatorLoop {
    private static final int PAGE_MASK = ~(GuestMemory.PAGE_SIZE - 1);

    private final GuestFrontend frontend;
    private final boolean verify;

    /**
     * A loop that verifies blocks when {@link IrVerifier#enabled()} says so at its creation.
     *
     * @param frontend the guest's frontend
     */
    public TranslatorLoop(GuestFrontend frontend) {
        this(frontend, IrVerifier.enabled());
    }

    /**
     * A loop that verifies blocks or not.
     *
     * @param frontend the guest's frontend
     * @param verify whether every block is verified before and after the inject pass
     */
    public TranslatorLoop(GuestFrontend frontend, boolean verify) {
        this.frontend = frontend;
        this.verify = verify;
    }

    /**
     * Translates the block at {@code pc}. A fault while fetching its first instruction propagates as
     * {@link GuestTrap} and leaves nothing behind; a fault on a later instruction ends the block
     * before it. Each vCPU thread translates with a loop and hooks of its own.
     *
     * @param code the guest memory the code is read from
     * @param pc the block's first guest address
     * @param flags the block's flags, kept in the translation block
     * @param maxInsns the most guest instructions the block may hold
     * @param hooks the plugin hooks ({@link TranslatorHooks#NONE} without plugins)
     * @return the block, after the inject pass
     */
    public TranslationBlock translate(GuestMemory code, long pc, int flags, int maxInsns, TranslatorHooks hooks) {
        TbBuilder b = new TbBuilder(pc, flags, hooks);
        BlockTranslator t = frontend.begin(b, code);
        hooks.tbStart(b);
        boolean instrumented = hooks.enabled();
        int started = 0;
        boolean ended = false;
        while (!ended) {
            long insnPc = t.nextPc();
            Op mark = b.ops().last();
            b.insnStart(insnPc);
            hooks.insnStart(b, insnPc);
            started++;
            BlockTranslator.Status status;
            try {
                status = t.translateInsn(b);
            } catch (GuestTrap fetchFault) {
                if (started == 1) {
                    throw fetchFault;
                }
                status = BlockTranslator.Status.NOT_IN_THIS_BLOCK;
            }
            if (status == BlockTranslator.Status.NOT_IN_THIS_BLOCK) {
                if (started == 1) {
                    throw new IllegalStateException("frontend refused the first instruction at 0x"
                            + Long.toHexString(insnPc));
                }
                b.ops().truncateAfter(mark);
                if (b.insns().size() == started) {
                    b.dropLastInsn();
                }
                started--;
                t.endBlock(b);
                break;
            }
            hooks.insnEnd(b);
            if (status == BlockTranslator.Status.BLOCK_ENDED) {
                ended = true;
            } else if (started >= maxInsns || (t.nextPc() & PAGE_MASK) != (pc & PAGE_MASK)) {
                t.endBlock(b);
                ended = true;
            }
        }
        if (verify) {
            IrVerifier.verify(b.build(), instrumented, "translation");
        }
        hooks.tbEnd(b, started);
        TranslationBlock tb = b.build();
        if (verify && instrumented) {
            IrVerifier.verify(tb, false, "the inject pass");
        }
        return tb;
    }
}
