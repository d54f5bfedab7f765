package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Extension;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.frontend.riscv.fpu.FpHelpers;
import dev.tcg4j.frontend.riscv.fpu.HalfHelpers;
import dev.tcg4j.frontend.riscv.fpu.ZfaHelpers;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.CpuState;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The helper method of each floating-point computation, named after the mnemonic
 * ({@code fcvt.w.s} calls {@code fcvt_w_s}): F and D in {@link FpHelpers}, Zfh and Zfhmin in
 * {@link HalfHelpers}, Zfa in {@link ZfaHelpers}. The helpers keep fflags and frm in CpuState slots that
 * are not IR globals, so they need no global write-back: MAY_TRAP covers an invalid rounding mode.
 */
final class FpCalls {
    static final Map<Insn, Helper> HELPERS = helpers();

    private FpCalls() {}

    /** True for the FP instructions done inline (loads, stores, bit moves, fli) rather than by helper. */
    static boolean inline(Insn insn) {
        return switch (insn) {
            case FLW, FSW, FLD, FSD, FMV_X_W, FMV_W_X, FMV_X_D, FMV_D_X, FLH, FSH, FMV_X_H, FMV_H_X, FLI_S, FLI_D,
                    FLI_H -> true;
            default -> false;
        };
    }

    /** The class holding the helpers of an extension's instructions, or null for a non-FP extension. */
    static Class<?> owner(Extension e) {
        return switch (e) {
            case RV64F, RV64D -> FpHelpers.class;
            case ZFH, ZFHMIN -> HalfHelpers.class;
            case ZFA -> ZfaHelpers.class;
            default -> null;
        };
    }

    private static Map<Insn, Helper> helpers() {
        Map<Insn, Helper> m = new EnumMap<>(Insn.class);
        for (Insn insn : Insn.values()) {
            Class<?> owner = owner(insn.extension());
            if (owner != null && !inline(insn)) {
                String name = insn.mnemonic().replace('.', '_');
                m.put(insn, Helper.ofStatic(name, owner, name, type(insn),
                        Helper.MAY_TRAP | Helper.NO_GUEST_MEMORY));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** (cpu, operands..., rm?) returning the raw result. */
    private static MethodType type(Insn insn) {
        int operands = switch (insn.format()) {
            case F_RRR_RM -> 3;
            case F_RRR, F_CMP -> 2;
            case F_RRRR_RM -> 4;
            case F_RR_RM, F_TO_X_RM, X_TO_F_RM -> 2;
            case F_TO_X -> 1;
            default -> throw new IllegalArgumentException("no helper shape for " + insn);
        };
        Class<?>[] params = new Class<?>[1 + operands];
        params[0] = CpuState.class;
        for (int i = 1; i < params.length; i++) {
            params[i] = long.class;
        }
        return MethodType.methodType(long.class, params);
    }
}
