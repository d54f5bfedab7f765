package dev.tcg4j.ir;

import java.util.StringJoiner;

/**
 * A stable text form of op lists, one op a line, for {@code -d op} logs and golden tests.
 * Instruction starts print as {@code ---- <pc>} lines, as in QEMU's op dumps.
 */
public final class IrDump {
    private IrDump() {}

    public static String dump(OpList ops) {
        StringBuilder sb = new StringBuilder();
        for (Op op : ops) {
            sb.append(op.opcode() == Opcode.INSN_START ? "" : " ").append(format(op)).append('\n');
        }
        return sb.toString();
    }

    public static String dump(TranslationBlock tb) {
        return dump(tb.ops());
    }

    public static String format(Op op) {
        Opcode opc = op.opcode();
        return switch (opc) {
            case INSN_START -> String.format("---- %016x", op.constArg());
            case PLUGIN_CB -> "plugin_cb " + PluginMarker.values()[(int) op.constArg()].mnemonic();
            case PLUGIN_MEM -> line(opc.mnemonic(), op, "$0x" + Long.toHexString(op.constArg()));
            case CALL -> {
                String name = op.helper() == null ? "?" : op.helper().name();
                StringJoiner j = new StringJoiner(", ", "call " + name + (op.inCount() + op.outCount() > 0 ? " " : ""), "");
                j.setEmptyValue("call " + name);
                for (int i = 0; i < op.outCount(); i++) {
                    j.add(String.valueOf(op.out(i)));
                }
                for (int i = 0; i < op.inCount(); i++) {
                    j.add(String.valueOf(op.in(i)));
                }
                yield j.toString();
            }
            case LD_STATE, ST_STATE, EXIT_TB -> line(opc.mnemonic(), op, "$" + op.constArg());
            case GOTO_TB -> op.aux() instanceof Long target
                    ? line(opc.mnemonic(), op, "$" + op.constArg(), "0x" + Long.toHexString(target))
                    : line(opc.mnemonic(), op, "$" + op.constArg());
            case HOST_LD, HOST_ST -> line(opc.mnemonic(), op, String.valueOf(op.aux()));
            case SET_MEM_LISTENER -> opc.mnemonic() + " " + (op.aux() == null ? "null" : op.aux().toString());
            case QEMU_LD, QEMU_ST -> line(opc.mnemonic(), op, String.valueOf(op.memOp()));
            case SETCOND, MOVCOND -> line(opc.mnemonic(), op, cond(op));
            case BRCOND -> line(opc.mnemonic(), op, cond(op), String.valueOf(op.label()));
            case BR, SET_LABEL -> opc.mnemonic() + " " + op.label();
            default -> line(opc.mnemonic(), op);
        };
    }

    private static String cond(Op op) {
        return op.cond() == null ? "null" : op.cond().mnemonic();
    }

    private static String line(String mnemonic, Op op, String... extra) {
        StringJoiner j = new StringJoiner(", ", mnemonic + " ", "");
        j.setEmptyValue(mnemonic);
        for (int i = 0; i < op.outCount(); i++) {
            j.add(String.valueOf(op.out(i)));
        }
        for (int i = 0; i < op.inCount(); i++) {
            j.add(String.valueOf(op.in(i)));
        }
        for (String e : extra) {
            j.add(e);
        }
        return j.toString();
    }
}
