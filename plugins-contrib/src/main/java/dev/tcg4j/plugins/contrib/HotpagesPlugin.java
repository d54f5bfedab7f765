package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.MemInfo;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory accesses per page, as QEMU's contrib/plugins/hotpages.c.
 *
 * <p>Arguments: {@code sortby=reads|writes|address} (default: reads + writes, most first; address
 * sorts highest first, as QEMU does), {@code io=on|off} (count only I/O accesses: user mode has none),
 * {@code pagesize=N} (decimal, default 4096).
 *
 * <p>Output at exit: {@code Addr, RCPUs, Reads, WCPUs, Writes}, then, when more than one page was
 * touched, up to 50 rows {@code 0xPAGE, 0xCPUMASK, READS, 0xCPUMASK, WRITES} (equal keys by address).
 * As QEMU's loop, the last page in the order is never printed.
 */
public final class HotpagesPlugin implements Plugin {
    private static final int LIMIT = 50;

    private enum Sort { RW, R, W, ADDRESS }

    /** One page's counts: QEMU's PageCounters. */
    private static final class Page {
        final long address;
        int cpuRead;
        int cpuWrite;
        long reads;
        long writes;

        Page(long address) {
            this.address = address;
        }
    }

    private final Map<Long, Page> pages = new HashMap<>();
    private Sort sortBy = Sort.RW;
    private boolean trackIo;
    private long pageMask;

    @Override
    public String name() {
        return "hotpages";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        long pageSize = 4096;
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "sortby" -> sortBy = switch (a.value()) {
                    case "reads" -> Sort.R;
                    case "writes" -> Sort.W;
                    case "address" -> Sort.ADDRESS;
                    default -> throw new PluginArgumentException("invalid value to sortby: " + a.value());
                };
                case "io" -> trackIo = PluginArgs.parseBool(a.key(), a.value());
                case "pagesize" -> pageSize = Args.strtoull(a.value(), 10);
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        pageMask = pageSize - 1;
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                tb.insn(i).onMem((vcpu, info, vaddr, data) -> access(vcpu, info, vaddr), RegAccess.NO_REGS,
                        MemRw.RW, null);
            }
        });
        ctx.onExit(() -> ctx.out(report()));
    }

    private void access(int vcpu, MemInfo info, long vaddr) {
        if (trackIo) {
            return; // user mode has no I/O memory (QEMU gets no hwaddr there)
        }
        long page = vaddr & ~pageMask;
        synchronized (pages) {
            Page p = pages.computeIfAbsent(page, Page::new);
            if (info.isStore()) {
                p.writes++;
                p.cpuWrite |= 1 << vcpu;
            } else {
                p.reads++;
                p.cpuRead |= 1 << vcpu;
            }
        }
    }

    String report() {
        StringBuilder s = new StringBuilder("Addr, RCPUs, Reads, WCPUs, Writes\n");
        List<Page> rows;
        synchronized (pages) {
            rows = new ArrayList<>(pages.values());
        }
        if (rows.size() < 2) {
            return s.toString();
        }
        Comparator<Page> byAddress = Comparator.comparing(p -> p.address, Long::compareUnsigned);
        Comparator<Page> order = switch (sortBy) {
            case RW -> Comparator.comparing((Page p) -> p.reads + p.writes, Long::compareUnsigned).reversed()
                    .thenComparing(byAddress);
            case R -> Comparator.comparing((Page p) -> p.reads, Long::compareUnsigned).reversed().thenComparing(byAddress);
            case W -> Comparator.comparing((Page p) -> p.writes, Long::compareUnsigned).reversed().thenComparing(byAddress);
            case ADDRESS -> byAddress.reversed();
        };
        rows.sort(order);
        for (int i = 0; i < LIMIT && i < rows.size() - 1; i++) {
            Page p = rows.get(i);
            s.append(String.format("0x%016x, 0x%04x, %d, 0x%04x, %d\n", p.address, p.cpuRead, p.reads, p.cpuWrite,
                    p.writes));
        }
        return s.toString();
    }
}
