package dev.tcg4j.it.plugins.qemu;

import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Register;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * After QEMU's register tests: lists the registers by gdb feature at vCPU init, then before every
 * instruction reads them all (R_REGS) and checks what must hold whatever the program: zero reads 0,
 * the pc is the instruction's address, fcsr is frm and fflags together; and at each system call that
 * the number and first argument seen by the syscall callback are a7 and a0 as read before the
 * {@code ecall}. Fails at the first violation; prints the counts at exit.
 */
public final class RegistersTestPlugin implements Plugin {
    private long checked;
    private long syscallsMatched;
    private long ecallA7 = -1;
    private long ecallA0;

    @Override
    public String name() {
        return "test-registers";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        List<Register> regs = ctx.registers();
        Map<String, Register> byName = new LinkedHashMap<>();
        for (Register r : regs) {
            byName.put(r.name(), r);
        }
        Register zero = byName.get("zero");
        Register pc = byName.get("pc");
        Register a0 = byName.get("a0");
        Register a7 = byName.get("a7");
        Register fflags = byName.get("fflags");
        Register frm = byName.get("frm");
        Register fcsr = byName.get("fcsr");
        ctx.onVcpuInit(v -> {
            Map<String, StringBuilder> features = new LinkedHashMap<>();
            for (Register r : ctx.registers()) {
                features.computeIfAbsent(r.feature(), f -> new StringBuilder()).append(' ').append(r.name());
            }
            features.forEach((f, names) -> ctx.out(f + ":" + names + "\n"));
        });
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                boolean ecall = insn.disassembly().equals("ecall");
                insn.onExec((v, addr) -> {
                    for (Register r : regs) {
                        ctx.readRegister(v, r);
                    }
                    check(ctx.readRegister(v, zero) == 0, "zero is not 0");
                    check(ctx.readRegister(v, pc) == (Long) addr, "pc is not the instruction's address");
                    check(ctx.readRegister(v, fcsr) == ((ctx.readRegister(v, frm) << 5) | ctx.readRegister(v, fflags)),
                            "fcsr is not frm:fflags");
                    if (ecall) {
                        ecallA7 = ctx.readRegister(v, a7);
                        ecallA0 = ctx.readRegister(v, a0);
                    }
                    checked++;
                }, RegAccess.R_REGS, insn.vaddr());
            }
        });
        ctx.onSyscall((v, nr, a) -> {
            check(nr == ecallA7 && a[0] == ecallA0, "system call " + nr + "(" + a[0] + ") but a7=" + ecallA7
                    + " a0=" + ecallA0 + " before the ecall");
            check(ctx.readRegister(v, a7) == nr, "a7 is not the system call number");
            syscallsMatched++;
            ecallA7 = -1;
        });
        ctx.onExit(() -> ctx.out("registers: " + checked + " instructions checked, " + syscallsMatched
                + " system calls matched\n"));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
