package dev.tcg4j.frontend.riscv.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@link Insn} of a 32-bit encoding. Entries are bucketed by the major opcode (bits
 * 6:0) so that a lookup scans only the few entries sharing it.
 */
public final class Decoder {
    private static final Insn[][] BY_OPCODE = new Insn[128][];

    static {
        List<List<Insn>> buckets = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            buckets.add(new ArrayList<>());
        }
        for (Insn insn : Insn.values()) {
            buckets.get(insn.match() & 0x7f).add(insn);
        }
        for (int i = 0; i < 128; i++) {
            BY_OPCODE[i] = buckets.get(i).toArray(new Insn[0]);
        }
    }

    private Decoder() {}

    /** The instruction with this 32-bit encoding, or null when it is not an RV64GC instruction. */
    public static Decoded decode(int bits) {
        for (Insn insn : BY_OPCODE[bits & 0x7f]) {
            if (insn.matches(bits)) {
                return Decoded.of(insn, bits);
            }
        }
        return null;
    }

    /**
     * Decodes an instruction of either length: a 16-bit parcel (low two bits not 11) is expanded
     * first. Null when the encoding is reserved or unknown.
     */
    public static Decoded decodeAny(int bits, int length) {
        if (length == 2) {
            int expanded = Compressed.expand(bits & 0xffff);
            return expanded == Compressed.ILLEGAL ? null : decode(expanded);
        }
        return decode(bits);
    }
}
