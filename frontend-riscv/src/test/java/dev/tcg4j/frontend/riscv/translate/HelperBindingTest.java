package dev.tcg4j.frontend.riscv.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.frontend.riscv.decode.Extension;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.frontend.riscv.helpers.SystemHelpers;
import dev.tcg4j.ir.Helper;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every helper the translator emits names a public static method of exactly its type. */
class HelperBindingTest {
    @Test
    void everyHelperResolvesToAPublicStaticMethod() throws ReflectiveOperationException {
        List<Helper> all = new ArrayList<>();
        all.addAll(FpCalls.HELPERS.values());
        all.addAll(TransRva.HELPERS.values());
        all.addAll(List.of(SystemHelpers.ILLEGAL_INSTRUCTION, SystemHelpers.BREAKPOINT, SystemHelpers.HOST_TICKS));
        for (Helper h : all) {
            MethodHandles.publicLookup().findStatic(h.owner(), h.method(), h.type());
        }
        assertEquals(54 + 22 + 3, all.size(), "F/D computations, LR/SC/AMOs, system helpers");
    }

    @Test
    void everyAtomicAndEveryNonInlineFloatInstructionHasAHelper() {
        for (Insn insn : Insn.values()) {
            switch (insn.extension()) {
                case RV64A -> assertTrue(TransRva.HELPERS.containsKey(insn), insn.toString());
                case RV64F, RV64D -> assertEquals(!FpCalls.inline(insn), FpCalls.HELPERS.containsKey(insn),
                        insn.toString());
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
            assertEquals(Helper.MAY_TRAP, h.flags(), h.name());
        }
        assertEquals(Extension.RV64A, Insn.AMOADD_W.extension());
    }
}
