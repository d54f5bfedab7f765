package dev.tcg4j.testing.conformance;

import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.testing.GuestState;
import java.util.function.Consumer;

/** The vocabulary of the hand-built blocks: 32 integer registers, a pc, and spare state slots. */
final class Ir {
    static final int SLOTS = 40;
    static final int PC_SLOT = 32;
    static final Temp PC = Temp.global("pc", PC_SLOT);
    static final Temp[] X = new Temp[32];

    static {
        for (int i = 0; i < 32; i++) {
            X[i] = Temp.global("x" + i, i);
        }
    }

    private Ir() {}

    static TbBuilder builder(long pc) {
        return new TbBuilder(pc, 0, TranslatorHooks.NONE);
    }

    static TranslationBlock block(long pc, Consumer<TbBuilder> body) {
        TbBuilder b = builder(pc);
        body.accept(b);
        return b.build();
    }

    /** A vCPU with every slot zero and nothing mapped. */
    static GuestState state() {
        return GuestState.withSlots(SLOTS);
    }
}
