package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.TbBuilder;

/** A frontend's translator for one block, driven by {@link TranslatorLoop} one instruction at a time. */
public interface BlockTranslator {
    /** What translating one instruction did to the block. */
    enum Status {
        /** The instruction is translated and the block may go on. */
        CONTINUE,
        /** The instruction is translated and has emitted the block's exits. */
        BLOCK_ENDED,
        /**
         * The instruction does not fit this block (for example it crosses into the next page): nothing
         * of it is kept, and it will start the next block.
         */
        NOT_IN_THIS_BLOCK
    }

    /**
     * Where translation goes on.
     *
     * @return the address of the next instruction to translate
     */
    long nextPc();

    /**
     * Fetches and translates the instruction at {@link #nextPc()}, recording it with
     * {@link TbBuilder#recordInsn}. A fetch fault throws {@code GuestTrap}.
     *
     * @param b the block being built
     * @return whether the block goes on
     */
    Status translateInsn(TbBuilder b);

    /**
     * Ends a block that stopped without an exit of its own: falls through to {@link #nextPc()}.
     *
     * @param b the block being built
     */
    void endBlock(TbBuilder b);
}
