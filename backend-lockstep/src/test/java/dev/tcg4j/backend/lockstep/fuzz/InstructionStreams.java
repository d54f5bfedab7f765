package dev.tcg4j.backend.lockstep.fuzz;

import dev.tcg4j.frontend.riscv.decode.Insn;
import java.util.Random;

/**
 * Seeded RISC-V instruction streams: every 32-bit encoding of the decoder's table is equally likely
 * (its match bits, random operand fields), mixed with random 16-bit parcels (compressed
 * instructions, legal or not); and mutations of such streams, a few bits flipped anywhere, which
 * make illegal encodings, wild branch targets and parcels that straddle instructions.
 */
final class InstructionStreams {
    private static final Insn[] ROWS = Insn.values();

    private final Random random;

    InstructionStreams(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** {@code insns} instructions, about a quarter of them compressed, little-endian. */
    byte[] program(int insns) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < insns; i++) {
            if (random.nextInt(4) == 0) {
                int parcel = random.nextInt(0x10000);
                if ((parcel & 3) == 3) {
                    parcel &= ~random.nextInt(1, 4); // low bits 11 would start a 32-bit instruction
                }
                out.write(parcel);
                out.write(parcel >>> 8);
            } else {
                Insn row = ROWS[random.nextInt(ROWS.length)];
                int word = row.match() | (random.nextInt() & ~row.mask());
                for (int b = 0; b < 4; b++) {
                    out.write(word >>> (8 * b));
                }
            }
        }
        return out.toByteArray();
    }

    /** A copy of {@code program} with 1 to 4 random bits flipped. */
    byte[] mutate(byte[] program) {
        byte[] copy = program.clone();
        int flips = random.nextInt(1, 5);
        for (int i = 0; i < flips; i++) {
            int bit = random.nextInt(copy.length * 8);
            copy[bit >>> 3] ^= (byte) (1 << (bit & 7));
        }
        return copy;
    }

    /** A register value: often an address in the data area, else an edge value or random bits. */
    long registerValue(long dataBase, int dataSize) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> dataBase + dataSize / 2 + (random.nextInt(-dataSize / 4, dataSize / 4) & ~7);
            case 3 -> new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
                    0xffffffffL, 0x80000000L}[random.nextInt(9)];
            case 4 -> random.nextInt(-64, 64);
            default -> random.nextLong();
        };
    }

    /** An FP register: a NaN-boxed single, a half in a boxed single, or double bits. */
    long fpValue() {
        return switch (random.nextInt(4)) {
            case 0 -> 0xffffffff00000000L | (random.nextInt() & 0xffffffffL);
            case 1 -> 0xffffffffffff0000L | (random.nextInt() & 0xffffL);
            case 2 -> new long[] {0, Double.doubleToRawLongBits(1.5), Double.doubleToRawLongBits(-0.0),
                    0x7ff8000000000000L, 0x7ff0000000000001L, 0x7ff0000000000000L, 1}[random.nextInt(7)];
            default -> random.nextLong();
        };
    }
}
