package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.helpers.CacheBlockHelpers;

/**
 * Zicbom, Zicboz and Zicbop. The cache-block operations call {@link CacheBlockHelpers} with rs1;
 * the prefetches are HINTs (an ori to x0) that never fault, so they translate to nothing.
 */
final class TransZicbo {
    private TransZicbo() {}

    static void cboZero(InsnContext c, Decoded d) {
        c.b.call(CacheBlockHelpers.ZERO, null, c.x(d.rs1()));
    }

    /** cbo.clean, cbo.flush and cbo.inval. */
    static void cboManage(InsnContext c, Decoded d) {
        c.b.call(CacheBlockHelpers.MANAGE, null, c.x(d.rs1()));
    }

    static void prefetch(InsnContext c, Decoded d) {}
}
