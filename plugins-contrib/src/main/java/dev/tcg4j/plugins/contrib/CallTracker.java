package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.TbView;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Follows each vCPU's function calls from the blocks it runs, for the callgrind and timeline plugins.
 * A block that ends in a RISC-V call (jal or jalr writing ra or t0, or c.jalr) makes the next block
 * the entry of a callee; a block that ends in a return (jalr x0 through ra or t0, c.jr ra/t0) leaves
 * every frame down to the one whose return address is where execution went, so longjmp and tail
 * calls leave the stack consistent. Functions are named by the symbol of a block's first instruction
 * ({@code ???} when the API knows none). Time is the vCPU's executed instruction count.
 */
final class CallTracker {
    static final String UNKNOWN = "???";

    /** What the tracker reports; calls for one vCPU come from that vCPU's thread, in order. */
    interface Listener {
        /** {@code callee} was entered from {@code caller} when the vCPU had run {@code now} instructions. */
        void enter(int vcpu, Frame frame, long now);

        /** The frame was left (by its return, or by a return or exit further down). */
        void leave(int vcpu, Frame frame, long now);

        /** A block of {@code insns} instructions in function {@code fn} ran, from {@code now} on. */
        void block(int vcpu, String fn, long insns, long now);
    }

    /** One active call. */
    record Frame(String fn, String caller, long returnAddress, long entered, int depth) {}

    enum Exit { CALL, RETURN, OTHER }

    /** What the tracker needs of a translated block. */
    record Block(long vaddr, long insns, String fn, Exit exit, long fallThrough) {}

    private static final class VcpuState {
        final ArrayDeque<Frame> stack = new ArrayDeque<>();
        Block previous;
        long now;
    }

    private final Listener listener;
    private final Map<Integer, VcpuState> vcpus = new HashMap<>();

    CallTracker(Listener listener) {
        this.listener = listener;
    }

    void install(PluginContext ctx) {
        ctx.onTbTranslate(tb -> tb.onExec((vcpu, data) -> executed(vcpu, (Block) data), RegAccess.NO_REGS,
                describe(tb)));
    }

    static Block describe(TbView tb) {
        InsnView first = tb.insn(0);
        InsnView last = tb.insn(tb.insnCount() - 1);
        String symbol = first.symbol();
        return new Block(tb.vaddr(), tb.insnCount(), symbol == null || symbol.isEmpty() ? UNKNOWN : symbol,
                classify(last.bytes()), last.vaddr() + last.size());
    }

    /** Calls and returns by the RISC-V calling convention's link registers (ra = x1, t0 = x5). */
    static Exit classify(byte[] b) {
        if (b.length == 2) {
            int h = (b[0] & 0xff) | (b[1] & 0xff) << 8;
            int funct4 = h >>> 12;
            int rs1 = (h >>> 7) & 31;
            int rs2 = (h >>> 2) & 31;
            if ((h & 3) != 2 || rs1 == 0 || rs2 != 0) {
                return Exit.OTHER;
            }
            if (funct4 == 0b1001) {
                return Exit.CALL; // c.jalr
            }
            return funct4 == 0b1000 && isLink(rs1) ? Exit.RETURN : Exit.OTHER; // c.jr ra
        }
        if (b.length != 4) {
            return Exit.OTHER;
        }
        int w = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
        int opcode = w & 0x7f;
        int rd = (w >>> 7) & 31;
        int rs1 = (w >>> 15) & 31;
        if (opcode == 0x6f) {
            return isLink(rd) ? Exit.CALL : Exit.OTHER;
        }
        if (opcode == 0x67) {
            if (isLink(rd)) {
                return Exit.CALL;
            }
            return rd == 0 && isLink(rs1) ? Exit.RETURN : Exit.OTHER;
        }
        return Exit.OTHER;
    }

    private static boolean isLink(int reg) {
        return reg == 1 || reg == 5;
    }

    private VcpuState state(int vcpu) {
        synchronized (vcpus) {
            return vcpus.computeIfAbsent(vcpu, v -> new VcpuState());
        }
    }

    void executed(int vcpu, Block block) {
        VcpuState s = state(vcpu);
        Block prev = s.previous;
        if (prev != null && prev.exit() == Exit.CALL) {
            Frame f = new Frame(block.fn(), prev.fn(), prev.fallThrough(), s.now, s.stack.size() + 1);
            s.stack.push(f);
            listener.enter(vcpu, f, s.now);
        } else if (prev != null && prev.exit() == Exit.RETURN) {
            if (s.stack.stream().anyMatch(f -> f.returnAddress() == block.vaddr())) {
                Frame f;
                do {
                    f = s.stack.pop();
                    listener.leave(vcpu, f, s.now);
                } while (f.returnAddress() != block.vaddr());
            }
        }
        listener.block(vcpu, block.fn(), block.insns(), s.now);
        s.now += block.insns();
        s.previous = block;
    }

    /** Leaves every open frame of every vCPU, innermost first, at the program's end. */
    void finish() {
        Map<Integer, VcpuState> all;
        synchronized (vcpus) {
            all = new HashMap<>(vcpus);
        }
        all.forEach((vcpu, s) -> {
            while (!s.stack.isEmpty()) {
                listener.leave(vcpu, s.stack.pop(), s.now);
            }
        });
    }
}
