package dev.tcg4j.frontend.riscv;

import dev.tcg4j.frontend.riscv.decode.Compressed;
import dev.tcg4j.frontend.riscv.decode.Extension;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.frontend.riscv.helpers.CacheBlockHelpers;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the frontend implements, derived from the encoding tables, and the two ways Linux reports
 * it to a program: AT_HWCAP (one bit per single-letter extension) and the riscv_hwprobe key/value
 * pairs of the uapi {@code asm/hwprobe.h} (keys 0 to 15; a key missing here is unknown, which the
 * system call answers with key -1).
 */
public final class RiscvIsa {
    public static final long KEY_MVENDORID = 0;
    public static final long KEY_MARCHID = 1;
    public static final long KEY_MIMPID = 2;
    public static final long KEY_BASE_BEHAVIOR = 3;
    public static final long KEY_IMA_EXT_0 = 4;
    public static final long KEY_CPUPERF_0 = 5;
    public static final long KEY_ZICBOZ_BLOCK_SIZE = 6;
    /** Left to the runtime, which owns the address space. */
    public static final long KEY_HIGHEST_VIRT_ADDRESS = 7;
    public static final long KEY_TIME_CSR_FREQ = 8;
    public static final long KEY_MISALIGNED_SCALAR_PERF = 9;
    public static final long KEY_MISALIGNED_VECTOR_PERF = 10;
    public static final long KEY_VENDOR_EXT_THEAD_0 = 11;
    public static final long KEY_ZICBOM_BLOCK_SIZE = 12;
    public static final long KEY_VENDOR_EXT_SIFIVE_0 = 13;
    public static final long KEY_VENDOR_EXT_MIPS_0 = 14;
    public static final long KEY_ZICBOP_BLOCK_SIZE = 15;

    public static final long BASE_BEHAVIOR_IMA = 1;
    public static final long IMA_FD = 1L << 0;
    public static final long IMA_C = 1L << 1;
    public static final long EXT_ZCA = 1L << 43;
    public static final long EXT_ZCD = 1L << 45;
    public static final long EXT_ZICNTR = 1L << 50;
    public static final long EXT_ZAAMO = 1L << 56;
    public static final long EXT_ZALRSC = 1L << 57;
    public static final long MISALIGNED_UNKNOWN = 0;
    public static final long MISALIGNED_VECTOR_UNSUPPORTED = 4;
    /** rdtime reads the host's nanosecond clock (SystemHelpers.hostTicks). */
    public static final long TIME_CSR_FREQUENCY = 1_000_000_000L;

    private static final Set<Extension> IMPLEMENTED = implementedExtensions();

    private RiscvIsa() {}

    private static Set<Extension> implementedExtensions() {
        EnumSet<Extension> set = EnumSet.noneOf(Extension.class);
        for (Insn insn : Insn.values()) {
            set.add(insn.extension());
        }
        if (Compressed.values().length > 0) {
            set.add(Extension.RV64C);
        }
        return Collections.unmodifiableSet(set);
    }

    /** Every extension with at least one encoding in the tables. */
    public static Set<Extension> implemented() {
        return IMPLEMENTED;
    }

    public static boolean has(Extension e) {
        return IMPLEMENTED.contains(e);
    }

    /** AT_HWCAP: bit {@code letter - 'a'} for each implemented single-letter extension. */
    public static long hwcap() {
        long bits = 0;
        for (Extension e : IMPLEMENTED) {
            if (e.hwcapLetter() != 0) {
                bits |= 1L << (e.hwcapLetter() - 'a');
            }
        }
        return bits;
    }

    /** riscv_hwprobe's IMA_EXT_0 value. */
    public static long imaExt0() {
        long bits = 0;
        for (Extension e : IMPLEMENTED) {
            if (e.hwprobeBit() >= 0) {
                bits |= 1L << e.hwprobeBit();
            }
        }
        // the bits Linux sets for a bundle of what the tables implement
        boolean d = has(Extension.RV64D);
        if (has(Extension.RV64F) && d) {
            bits |= IMA_FD;
        }
        if (has(Extension.RV64C)) {
            bits |= IMA_C | EXT_ZCA | (d ? EXT_ZCD : 0);
        }
        if (has(Extension.RV64A)) {
            bits |= EXT_ZAAMO | EXT_ZALRSC;
        }
        if (has(Extension.ZICSR)) {
            bits |= EXT_ZICNTR; // cycle, time and instret read in user mode (TransZicsr)
        }
        return bits;
    }

    /** The riscv_hwprobe pairs that depend on the ISA alone, by key. */
    public static Map<Long, Long> hwprobe() {
        Map<Long, Long> pairs = new LinkedHashMap<>();
        pairs.put(KEY_MVENDORID, 0L);
        pairs.put(KEY_MARCHID, 0L);
        pairs.put(KEY_MIMPID, 0L);
        pairs.put(KEY_BASE_BEHAVIOR, BASE_BEHAVIOR_IMA);
        pairs.put(KEY_IMA_EXT_0, imaExt0());
        // misaligned scalar accesses work (a slow path in guest memory) at no promised speed
        pairs.put(KEY_CPUPERF_0, MISALIGNED_UNKNOWN);
        pairs.put(KEY_ZICBOZ_BLOCK_SIZE, has(Extension.ZICBOZ) ? (long) CacheBlockHelpers.BLOCK_SIZE : 0);
        pairs.put(KEY_TIME_CSR_FREQ, TIME_CSR_FREQUENCY);
        pairs.put(KEY_MISALIGNED_SCALAR_PERF, MISALIGNED_UNKNOWN);
        pairs.put(KEY_MISALIGNED_VECTOR_PERF, MISALIGNED_VECTOR_UNSUPPORTED);
        pairs.put(KEY_VENDOR_EXT_THEAD_0, 0L);
        pairs.put(KEY_ZICBOM_BLOCK_SIZE, has(Extension.ZICBOM) ? (long) CacheBlockHelpers.BLOCK_SIZE : 0);
        pairs.put(KEY_VENDOR_EXT_SIFIVE_0, 0L);
        pairs.put(KEY_VENDOR_EXT_MIPS_0, 0L);
        pairs.put(KEY_ZICBOP_BLOCK_SIZE, has(Extension.ZICBOP) ? (long) CacheBlockHelpers.BLOCK_SIZE : 0);
        return Collections.unmodifiableMap(pairs);
    }
}
