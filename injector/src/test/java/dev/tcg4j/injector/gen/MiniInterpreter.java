package dev.tcg4j.injector.gen;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.Op;
import dev.tcg4j.ir.OpList;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.MemAccessListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the ops these tests produce, straight from their definitions in Opcode, so that injected code
 * can be checked for what it does before a real backend exists. Guest loads return address + 1.
 */
final class MiniInterpreter {
    private final Map<Temp, Long> temps = new HashMap<>();
    final List<String> stores = new ArrayList<>();

    void run(OpList ops, CpuState cpu) {
        Op op = ops.first();
        while (op != null) {
            Op next = op.next();
            switch (op.opcode()) {
                case INSN_START, SET_LABEL -> { }
                case MOV -> set(cpu, op.out(0), get(cpu, op.in(0)));
                case ADD -> set(cpu, op.out(0), get(cpu, op.in(0)) + get(cpu, op.in(1)));
                case MUL -> set(cpu, op.out(0), get(cpu, op.in(0)) * get(cpu, op.in(1)));
                case LD_VCPU_INDEX -> set(cpu, op.out(0), cpu.vcpuIndex);
                case HOST_LD -> set(cpu, op.out(0), ((long[]) op.aux())[(int) get(cpu, op.in(0))]);
                case HOST_ST -> ((long[]) op.aux())[(int) get(cpu, op.in(0))] = get(cpu, op.in(1));
                case SET_MEM_LISTENER -> cpu.memListener = (MemAccessListener) op.aux();
                case QEMU_LD -> set(cpu, op.out(0), get(cpu, op.in(0)) + 1);
                case QEMU_ST -> stores.add(Long.toHexString(get(cpu, op.in(1))));
                case BRCOND -> {
                    if (op.cond().test(get(cpu, op.in(0)), get(cpu, op.in(1)))) {
                        next = labelOf(ops, op);
                    }
                }
                case CALL -> call(cpu, op);
                case GOTO_TB, EXIT_TB, GOTO_PTR -> next = null;
                default -> throw new UnsupportedOperationException(op.toString());
            }
            op = next;
        }
    }

    private static Op labelOf(OpList ops, Op branch) {
        for (Op o : ops) {
            if (o.opcode() == dev.tcg4j.ir.Opcode.SET_LABEL && o.label() == branch.label()) {
                return o;
            }
        }
        throw new IllegalStateException("no label " + branch.label());
    }

    private void call(CpuState cpu, Op op) {
        Helper h = op.helper();
        Object[] args = new Object[h.type().parameterCount()];
        int a = 0;
        if (h.takesCpu()) {
            args[a++] = cpu;
        }
        for (int i = 0; i < op.inCount(); i++) {
            args[a++] = get(cpu, op.in(i));
        }
        try {
            Method m = h.owner().getMethod(h.method(), h.type().parameterArray());
            Object r = m.invoke(h.receiver(), args);
            if (h.returnsValue()) {
                set(cpu, op.out(0), (Long) r);
            }
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private long get(CpuState cpu, Temp t) {
        if (t.isConst()) {
            return t.value();
        }
        if (t.isGlobal()) {
            return cpu.regs[t.slot()];
        }
        Long v = temps.get(t);
        if (v == null) {
            throw new IllegalStateException(t + " read before written");
        }
        return v;
    }

    private void set(CpuState cpu, Temp t, long v) {
        if (t.isGlobal()) {
            cpu.regs[t.slot()] = v;
        } else {
            temps.put(t, v);
        }
    }
}
