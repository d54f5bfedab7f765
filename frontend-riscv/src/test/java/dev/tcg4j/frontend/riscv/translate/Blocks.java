package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.RiscvFrontend;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.ir.spi.TranslatorLoop;
import dev.tcg4j.memory.FlatGuestMemory;
import java.io.ByteArrayOutputStream;

/** Test fixture: hand-assembled code in guest memory, translated through the real translator loop. */
final class Blocks {
    static final long CODE = 0x1000;

    final GuestMemory memory = new FlatGuestMemory(20);
    final RiscvFrontend frontend = new RiscvFrontend();

    Blocks() {
        memory.map(CODE, 2 * GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.EXEC);
    }

    /**
     * Writes instructions at {@code at}: a value whose low two bits are 11 is a 32-bit word,
     * anything else a 16-bit parcel.
     */
    void write(long at, long... insns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long insn : insns) {
            int size = (insn & 3) == 3 ? 4 : 2;
            for (int i = 0; i < size; i++) {
                out.write((int) (insn >>> (8 * i)));
            }
        }
        byte[] bytes = out.toByteArray();
        memory.writeInitial(at, bytes, 0, bytes.length);
    }

    TranslationBlock translate(long pc, int maxInsns, TranslatorHooks hooks) {
        // verifies the block as translated and again after the hooks' tbEnd
        return new TranslatorLoop(frontend, true).translate(memory, pc, 0, maxInsns, hooks);
    }

    TranslationBlock translate(long pc, int maxInsns) {
        return translate(pc, maxInsns, TranslatorHooks.NONE);
    }

    /** Translates {@code insns} placed at {@link #CODE} as one block of at most that many instructions. */
    TranslationBlock block(long... insns) {
        write(CODE, insns);
        return translate(CODE, insns.length);
    }
}
