package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemInfo;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts guest memory accesses, as QEMU 7.2's tests/plugin/mem.c.
 *
 * <p>Arguments: {@code inline=on|off} and {@code callback=on|off} (count with inline ops, with a
 * callback, or both at once so that the two counts check each other), {@code track=r|w|rw} (which
 * accesses, default rw), {@code haddr=on|off} (also report I/O accesses; user mode has none),
 * {@code print-accesses=on|off} (one CSV line per access), {@code region-summary=on|off} (per 16 KiB
 * region reads, writes, and whether every value read was seen written).
 *
 * <p>Output at exit, as mem.c: {@code inline mem accesses: N} with inline, {@code callback mem
 * accesses: N} with callback, {@code io accesses: N} with haddr, then the region summary.
 */
public final class MemPlugin implements Plugin {
    private static final long REGION_SIZE = 4096 * 4;
    private static final long REGION_MASK = REGION_SIZE - 1;

    /** An instruction's address and symbol, for print-accesses. */
    private record InsnInfo(long vaddr, String symbol) {}

    private static final class Region {
        final long base;
        final byte[] data = new byte[(int) REGION_SIZE];
        long reads;
        long writes;
        boolean seenAll = true;

        Region(long base) {
            this.base = base;
        }
    }

    private PluginContext ctx;
    private ScoreboardU64 inlineCount;
    private ScoreboardU64 callbackCount;
    private ScoreboardU64 ioCount;
    private boolean inline;
    private boolean callback;
    private boolean haddr;
    private boolean printAccesses;
    private boolean regionSummary;
    private MemRw rw = MemRw.RW;
    private final Map<Long, Region> regions = new TreeMap<>(Long::compareUnsigned);

    @Override
    public String name() {
        return "mem";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        this.ctx = ctx;
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "haddr" -> haddr = PluginArgs.parseBool(a.key(), a.value());
                case "track" -> rw = switch (a.value()) {
                    case "r" -> MemRw.R;
                    case "w" -> MemRw.W;
                    case "rw" -> MemRw.RW;
                    default -> throw new PluginArgumentException("invalid value for argument track: " + a);
                };
                case "inline" -> inline = PluginArgs.parseBool(a.key(), a.value());
                case "callback" -> callback = PluginArgs.parseBool(a.key(), a.value());
                case "print-accesses" -> printAccesses = PluginArgs.parseBool(a.key(), a.value());
                case "region-summary" -> regionSummary = PluginArgs.parseBool(a.key(), a.value());
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        if (printAccesses) {
            ctx.out("insn_vaddr,insn_symbol,mem_vaddr,mem_hwaddr,access_size,access_type,mem_value\n");
        }
        var counts = ctx.newScoreboard(3);
        inlineCount = counts.u64(0);
        callbackCount = counts.u64(1);
        ioCount = counts.u64(2);
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                instrument(tb.insn(i));
            }
        });
        ctx.onExit(() -> ctx.out(report()));
    }

    private void instrument(InsnView insn) {
        if (inline) {
            insn.inlineMem(rw, InlineOp.ADD_U64, inlineCount, 1);
        }
        if (callback || regionSummary) {
            insn.onMem((vcpu, info, vaddr, data) -> access(vcpu, info, vaddr), RegAccess.NO_REGS, rw, null);
        }
        if (printAccesses) {
            String sym = insn.symbol();
            insn.onMem((vcpu, info, vaddr, data) -> print((InsnInfo) data, info, vaddr), RegAccess.NO_REGS, rw,
                    new InsnInfo(insn.vaddr(), sym == null ? "" : sym));
        }
    }

    private void access(int vcpu, MemInfo info, long vaddr) {
        // user mode has no I/O memory: with haddr every access still counts as a memory access
        if (callback) {
            callbackCount.add(vcpu, 1);
        }
        if (regionSummary) {
            updateRegion(vaddr & ~REGION_MASK, vaddr & REGION_MASK, info);
        }
    }

    private synchronized void updateRegion(long base, long offset, MemInfo info) {
        Region r = regions.computeIfAbsent(base, Region::new);
        if (info.isStore()) {
            r.writes++;
        } else {
            r.reads++;
        }
        int size = info.size();
        if (offset + size > REGION_SIZE) {
            return; // an access across regions: counted, but its bytes are not mirrored
        }
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            int shift = 8 * (info.isBigEndian() ? size - 1 - i : i);
            bytes[i] = (byte) (info.value() >>> shift);
        }
        int at = (int) offset;
        if (info.isStore()) {
            System.arraycopy(bytes, 0, r.data, at, size);
        } else if (!Arrays.equals(r.data, at, at + size, bytes, 0, size) && r.seenAll) {
            ctx.out(String.format("Warning: 0x%016x:%d read an un-instrumented value\n", base, offset));
            r.seenAll = false;
        }
    }

    private void print(InsnInfo insn, MemInfo info, long vaddr) {
        String value = switch (info.sizeShift()) {
            case 0 -> String.format("0x%02x", info.value());
            case 1 -> String.format("0x%04x", info.value());
            case 2 -> String.format("0x%08x", info.value());
            default -> String.format("0x%016x", info.value());
        };
        // user mode has no physical addresses: QEMU reports 0 for mem_hwaddr
        ctx.out(String.format("0x%x,%s,0x%x,0x%x,%d,%s,%s\n", insn.vaddr(), insn.symbol(), vaddr, 0L,
                8 << info.sizeShift(), info.isStore() ? "store" : "load", value));
    }

    String report() {
        StringBuilder s = new StringBuilder();
        if (inline) {
            s.append("inline mem accesses: ").append(Long.toUnsignedString(inlineCount.sum())).append('\n');
        }
        if (callback) {
            s.append("callback mem accesses: ").append(Long.toUnsignedString(callbackCount.sum())).append('\n');
        }
        if (haddr) {
            s.append("io accesses: ").append(Long.toUnsignedString(ioCount.sum())).append('\n');
        }
        if (regionSummary) {
            s.append("Region Base, Reads, Writes, Seen all\n");
            synchronized (this) {
                // as mem.c: the per-region lines appear only when more than one region was touched
                if (regions.size() > 1) {
                    for (Region r : regions.values()) {
                        s.append(String.format("0x%016x, %d, %d, %s\n", r.base, r.reads, r.writes, r.seenAll));
                    }
                }
            }
        }
        return s.toString();
    }
}
