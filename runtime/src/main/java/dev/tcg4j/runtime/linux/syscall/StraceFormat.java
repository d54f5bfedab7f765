package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.ProcessContext;

/** Formats strace lines as QEMU's {@code -strace}: {@code PID name(args) = result}. */
final class StraceFormat {
    private static final int MAX_STRING = 64;

    private StraceFormat() {}

    static String call(ProcessContext ctx, long nr, Syscall call, long[] regs, int[] argSlots) {
        StringBuilder sb = new StringBuilder().append(ctx.pid()).append(' ');
        if (call == null) {
            sb.append("Unknown syscall ").append(nr).append('(');
            for (int i = 0; i < argSlots.length; i++) {
                sb.append(i == 0 ? "" : ",").append(hex(regs[argSlots[i]]));
            }
            return sb.append(')').toString();
        }
        sb.append(call.displayName()).append('(');
        String fmt = call.argFormat();
        for (int i = 0; i < fmt.length(); i++) {
            long v = regs[argSlots[i]];
            sb.append(i == 0 ? "" : ",");
            switch (fmt.charAt(i)) {
                case 'd' -> sb.append((int) v);
                case 'l' -> sb.append(v);
                case 'o' -> sb.append('0').append(Long.toOctalString(v & 0xffffffffL));
                case 's' -> sb.append(string(ctx, v));
                default -> sb.append(hex(v));
            }
        }
        return sb.append(')').toString();
    }

    static String result(Syscall call, long result) {
        if (result < 0 && result >= -4095) {
            int errno = (int) -result;
            return " = -1 errno=" + errno + " (" + Errno.name(errno) + ")";
        }
        return call != null && call.returnsAddress() ? " = " + hex(result) : " = " + result;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String string(ProcessContext ctx, long addr) {
        if (addr == 0) {
            return "NULL";
        }
        try {
            String s = ctx.memory().readCString(addr, MAX_STRING + 1);
            return '"' + (s.length() > MAX_STRING ? s.substring(0, MAX_STRING) + "\"..." : s + '"');
        } catch (GuestTrap t) {
            return hex(addr);
        }
    }
}
