package dev.tcg4j.frontend.riscv.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.frontend.riscv.decode.Extension;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.frontend.riscv.helpers.BitHelpers;
import dev.tcg4j.frontend.riscv.helpers.CacheBlockHelpers;
import dev.tcg4j.frontend.riscv.helpers.SystemHelpers;
import dev.tcg4j.ir.Helper;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every helper the translator emits names a public static method of exactly its type. */
class HelperBindingTest {
    private static final List<Helper> BIT_HELPERS = List.of(BitHelpers.CLZ, BitHelpers.CTZ, BitHelpers.CPOP,
            BitHelpers.CLZW, BitHelpers.CTZW, BitHelpers.CPOPW, BitHelpers.ORC_B, BitHelpers.REV8, BitHelpers.BREV8,
            BitHelpers.ROLW, BitHelpers.RORW, BitHelpers.CLMUL, BitHelpers.CLMULH, BitHelpers.CLMULR,
            BitHelpers.XPERM4, BitHelpers.XPERM8);

    @Test
    void everyHelperResolvesToAPublicStaticMethod() throws ReflectiveOperationException {
        List<Helper> all = new ArrayList<>();
        all.addAll(FpCalls.HELPERS.values());
        all.addAll(TransRva.HELPERS.values());
        all.addAll(List.of(SystemHelpers.ILLEGAL_INSTRUCTION, SystemHelpers.BREAKPOINT, SystemHelpers.HOST_TICKS));
        all.addAll(BIT_HELPERS);
        all.addAll(List.of(CacheBlockHelpers.ZERO, CacheBlockHelpers.MANAGE));
        for (Helper h : all) {
            MethodHandles.publicLookup().findStatic(h.owner(), h.method(), h.type());
        }
        assertEquals(54 + 30 + 19 + 22 + 3 + 16 + 2, all.size(),
                "F/D, Zfh/Zfhmin and Zfa computations, LR/SC/AMOs, system, bit-manipulation and cache-block helpers");
    }

    @Test
    void everyAtomicAndEveryNonInlineFloatInstructionHasAHelper() {
        for (Insn insn : Insn.values()) {
            switch (insn.extension()) {
                case RV64A -> assertTrue(TransRva.HELPERS.containsKey(insn), insn.toString());
                case RV64F, RV64D, ZFH, ZFHMIN, ZFA -> assertEquals(!FpCalls.inline(insn),
                        FpCalls.HELPERS.containsKey(insn), insn.toString());
                default -> { }
            }
        }
    }

    @Test
    void atomicHelpersAnnounceMemoryAccessAndFloatHelpersOnlyTraps() {
        for (Helper h : TransRva.HELPERS.values()) {
            assertEquals(Helper.TOUCHES_GUEST_MEMORY | Helper.MAY_TRAP, h.flags(), h.name());
        }
        for (Helper h : FpCalls.HELPERS.values()) {
            assertEquals(Helper.MAY_TRAP | Helper.NO_GUEST_MEMORY, h.flags(), h.name());
            assertFalse(h.mayAccessGuestMemory(), h.name());
        }
        assertEquals(Extension.RV64A, Insn.AMOADD_W.extension());
    }

    @Test
    void bitManipulationHelpersArePureAndCacheBlockHelpersReportNoPluginAccess() {
        for (Helper h : BIT_HELPERS) {
            assertEquals(Helper.PURE, h.flags(), h.name());
        }
        // QEMU zeroes the block with memset on the probed page: plugins see no access
        assertEquals(Helper.MAY_TRAP | Helper.NO_GUEST_MEMORY, CacheBlockHelpers.ZERO.flags());
        assertEquals(Helper.MAY_TRAP | Helper.NO_GUEST_MEMORY, CacheBlockHelpers.MANAGE.flags());
    }
}
