package dev.tcg4j.frontend.riscv.translate;

import dev.tcg4j.frontend.riscv.decode.Decoded;
import dev.tcg4j.frontend.riscv.decode.Format;
import dev.tcg4j.frontend.riscv.decode.Insn;
import dev.tcg4j.frontend.riscv.helpers.AtomicHelpers;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.CpuState;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * RV64A: every LR, SC and AMO is one call to its {@link AtomicHelpers} method, named after the
 * mnemonic ({@code amoadd.w} calls {@code amoadd_w}). The aq/rl bits need nothing more: the helpers'
 * compare-and-exchange is sequentially consistent and LR is followed by an acquire fence.
 */
final class TransRva {
    static final Map<Insn, Helper> HELPERS = helpers();

    private TransRva() {}

    /** lr: {@code rd = helper(cpu, rs1)}; sc and AMOs: {@code rd = helper(cpu, rs1, rs2)}. */
    static void atomic(InsnContext c, Decoded d) {
        Helper h = HELPERS.get(d.insn());
        if (d.insn().format() == Format.LR) {
            c.b.call(h, c.dest(d.rd()), c.x(d.rs1()));
        } else {
            c.b.call(h, c.dest(d.rd()), c.x(d.rs1()), c.x(d.rs2()));
        }
    }

    private static Map<Insn, Helper> helpers() {
        Map<Insn, Helper> m = new EnumMap<>(Insn.class);
        MethodType lr = MethodType.methodType(long.class, CpuState.class, long.class);
        MethodType rmw = MethodType.methodType(long.class, CpuState.class, long.class, long.class);
        for (Insn insn : Insn.values()) {
            if (insn.extension() == dev.tcg4j.frontend.riscv.decode.Extension.RV64A) {
                String name = insn.mnemonic().replace('.', '_');
                m.put(insn, Helper.ofStatic(name, AtomicHelpers.class, name,
                        insn.format() == Format.LR ? lr : rmw, Helper.TOUCHES_GUEST_MEMORY | Helper.MAY_TRAP));
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
