package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * Simulates an L1 instruction cache, an L1 data cache and optionally a unified L2 per core, as QEMU
 * 7.2's contrib/plugins/cache.c: every executed instruction fetches its address from the L1I, every
 * memory access goes to the L1D, and an L1 miss goes to the L2.
 *
 * <p>Arguments, as cache.c: {@code dcachesize}, {@code dassoc}, {@code dblksize}, {@code icachesize},
 * {@code iassoc}, {@code iblksize} (defaults 16 KiB, 8-way, 64-byte blocks), {@code l2cachesize},
 * {@code l2assoc}, {@code l2blksize} (each turns the L2 on; defaults 2 MiB, 16-way, 64 bytes),
 * {@code l2=on|off}, {@code evict=lru|fifo|rand}, {@code limit=N} (instructions listed per table,
 * default 32), {@code cores=N} (caches simulated; vCPU i uses core i mod N; default 1 in user mode).
 *
 * <p>Output at exit, as cache.c: a table of accesses, misses and miss rates per core (and their sum
 * when there are several), then the instructions with most data misses, fetch misses and L2 misses.
 */
public final class CachePlugin implements Plugin {
    enum Policy { LRU, FIFO, RAND }

    /** One simulated cache: sets of blocks that hold a tag, with the bookkeeping of its policy. */
    static final class Cache {
        final int assoc;
        final int blockShift;
        final long setMask;
        final long tagMask;
        final long[][] tags;
        final boolean[][] valid;
        final long[][] lruPriorities;
        final long[] lruGeneration;
        final ArrayDeque<Integer>[] fifo;
        final Policy policy;
        final SplittableRandom random;
        long accesses;
        long misses;

        @SuppressWarnings("unchecked")
        Cache(int blockSize, int assoc, int cacheSize, Policy policy, SplittableRandom random) {
            int sets = cacheSize / (blockSize * assoc);
            this.assoc = assoc;
            this.blockShift = Integer.numberOfTrailingZeros(blockSize);
            this.setMask = (long) (sets - 1) << blockShift;
            this.tagMask = ~(setMask | (blockSize - 1));
            this.tags = new long[sets][assoc];
            this.valid = new boolean[sets][assoc];
            this.policy = policy;
            this.random = random;
            this.lruPriorities = policy == Policy.LRU ? new long[sets][assoc] : null;
            this.lruGeneration = policy == Policy.LRU ? new long[sets] : null;
            this.fifo = policy == Policy.FIFO ? new ArrayDeque[sets] : null;
            if (fifo != null) {
                for (int i = 0; i < sets; i++) {
                    fifo[i] = new ArrayDeque<>();
                }
            }
        }

        /** Looks the address up, fills the block on a miss, counts; true on a hit. */
        synchronized boolean access(long addr) {
            accesses++;
            long tag = addr & tagMask;
            int set = (int) ((addr & setMask) >>> blockShift);
            for (int i = 0; i < assoc; i++) {
                if (valid[set][i] && tags[set][i] == tag) {
                    if (policy == Policy.LRU) {
                        touch(set, i);
                    }
                    return true;
                }
            }
            misses++;
            int victim = -1;
            for (int i = 0; i < assoc && victim < 0; i++) {
                if (!valid[set][i]) {
                    victim = i;
                }
            }
            if (victim < 0) {
                victim = switch (policy) {
                    case LRU -> leastRecentlyUsed(set);
                    case FIFO -> fifo[set].pollLast();
                    case RAND -> random.nextInt(assoc);
                };
            }
            if (policy == Policy.LRU) {
                touch(set, victim);
            } else if (policy == Policy.FIFO) {
                fifo[set].addFirst(victim);
            }
            tags[set][victim] = tag;
            valid[set][victim] = true;
            return false;
        }

        private void touch(int set, int block) {
            lruPriorities[set][block] = lruGeneration[set]++;
        }

        /** As cache.c, whose minimum is kept in an int: the same victim for the same history. */
        private int leastRecentlyUsed(int set) {
            long[] p = lruPriorities[set];
            long min = (int) p[0];
            int minIndex = 0;
            for (int i = 1; i < assoc; i++) {
                if (Long.compareUnsigned(p[i], min) < 0) {
                    min = (int) p[i];
                    minIndex = i;
                }
            }
            return minIndex;
        }
    }

    /** An instruction's misses, kept per address across retranslations. */
    static final class InsnMisses {
        final long vaddr;
        final String symbol;
        final String disassembly;
        long l1Data;
        long l1Fetch;
        long l2;

        InsnMisses(long vaddr, String symbol, String disassembly) {
            this.vaddr = vaddr;
            this.symbol = symbol;
            this.disassembly = disassembly;
        }
    }

    private final Map<Long, InsnMisses> insns = new HashMap<>();
    private Cache[] dataCaches;
    private Cache[] insnCaches;
    private Cache[] l2Caches;
    private int limit = 32;
    private int cores = 1;

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        int dAssoc = 8;
        int dBlock = 64;
        int dSize = dBlock * dAssoc * 32;
        int iAssoc = 8;
        int iBlock = 64;
        int iSize = iBlock * iAssoc * 32;
        int l2Assoc = 16;
        int l2Block = 64;
        int l2Size = l2Assoc * l2Block * 2048;
        boolean useL2 = false;
        Policy policy = Policy.LRU;
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "iblksize" -> iBlock = number(a);
                case "iassoc" -> iAssoc = number(a);
                case "icachesize" -> iSize = number(a);
                case "dblksize" -> dBlock = number(a);
                case "dassoc" -> dAssoc = number(a);
                case "dcachesize" -> dSize = number(a);
                case "limit" -> limit = number(a);
                case "cores" -> cores = number(a);
                case "l2cachesize" -> {
                    useL2 = true;
                    l2Size = number(a);
                }
                case "l2blksize" -> {
                    useL2 = true;
                    l2Block = number(a);
                }
                case "l2assoc" -> {
                    useL2 = true;
                    l2Assoc = number(a);
                }
                case "l2" -> useL2 = PluginArgs.parseBool(a.key(), a.value());
                case "evict" -> policy = switch (a.value()) {
                    case "lru" -> Policy.LRU;
                    case "fifo" -> Policy.FIFO;
                    case "rand" -> Policy.RAND;
                    default -> throw new PluginArgumentException("invalid eviction policy: " + a);
                };
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        if (cores < 1) {
            throw new PluginArgumentException("cores must be at least 1: cores=" + cores);
        }
        SplittableRandom random = new SplittableRandom();
        dataCaches = caches("dcache", dBlock, dAssoc, dSize, policy, random);
        insnCaches = caches("icache", iBlock, iAssoc, iSize, policy, random);
        l2Caches = useL2 ? caches("L2 cache", l2Block, l2Assoc, l2Size, policy, random) : null;
        ctx.onTbTranslate(tb -> {
            for (int i = 0; i < tb.insnCount(); i++) {
                instrument(tb.insn(i));
            }
        });
        ctx.onExit(() -> ctx.out(report()));
    }

    private static int number(PluginArgs.Arg a) {
        try {
            return Integer.parseInt(a.value());
        } catch (NumberFormatException e) {
            throw new PluginArgumentException("not a number: " + a);
        }
    }

    private Cache[] caches(String what, int block, int assoc, int size, Policy policy, SplittableRandom random) {
        String error = configError(block, assoc, size);
        if (error != null) {
            throw new PluginArgumentException(what + " cannot be constructed from given parameters: " + error);
        }
        Cache[] caches = new Cache[cores];
        for (int i = 0; i < cores; i++) {
            caches[i] = new Cache(block, assoc, size, policy, random);
        }
        return caches;
    }

    /** cache.c's two checks, and the powers of two it assumes (it asserts or indexes out of bounds). */
    static String configError(int block, int assoc, int size) {
        if (block <= 0 || assoc <= 0 || size <= 0) {
            return "cache size, associativity and block size must be positive";
        } else if (size % block != 0) {
            return "cache size must be divisible by block size";
        } else if (size % (block * assoc) != 0) {
            return "cache size must be divisible by set size (assoc * block size)";
        } else if (Integer.bitCount(block) != 1) {
            return "block size must be a power of two";
        } else if (Integer.bitCount(size / (block * assoc)) != 1) {
            return "the number of sets (cache size / (assoc * block size)) must be a power of two";
        }
        return null;
    }

    private void instrument(InsnView insn) {
        InsnMisses data;
        synchronized (insns) {
            data = insns.computeIfAbsent(insn.vaddr(),
                    vaddr -> new InsnMisses(vaddr, insn.symbol(), insn.disassembly()));
        }
        insn.onMem((vcpu, info, vaddr, d) -> dataAccess(vcpu, vaddr, (InsnMisses) d), RegAccess.NO_REGS, MemRw.RW,
                data);
        insn.onExec((vcpu, d) -> fetch(vcpu, (InsnMisses) d), RegAccess.NO_REGS, data);
    }

    private void dataAccess(int vcpu, long vaddr, InsnMisses insn) {
        int core = vcpu % cores;
        if (dataCaches[core].access(vaddr)) {
            return;
        }
        synchronized (insn) {
            insn.l1Data++;
        }
        missToL2(core, vaddr, insn);
    }

    private void fetch(int vcpu, InsnMisses insn) {
        int core = vcpu % cores;
        if (insnCaches[core].access(insn.vaddr)) {
            return;
        }
        synchronized (insn) {
            insn.l1Fetch++;
        }
        missToL2(core, insn.vaddr, insn);
    }

    private void missToL2(int core, long addr, InsnMisses insn) {
        if (l2Caches != null && !l2Caches[core].access(addr)) {
            synchronized (insn) {
                insn.l2++;
            }
        }
    }

    String report() {
        StringBuilder s = new StringBuilder("core #, data accesses, data misses, dmiss rate, insn accesses,"
                + " insn misses, imiss rate");
        if (l2Caches != null) {
            s.append(", l2 accesses, l2 misses, l2 miss rate");
        }
        s.append('\n');
        long[] sum = new long[6];
        for (int i = 0; i < cores; i++) {
            long[] row = {dataCaches[i].accesses, dataCaches[i].misses, insnCaches[i].accesses, insnCaches[i].misses,
                l2Caches == null ? 0 : l2Caches[i].accesses, l2Caches == null ? 0 : l2Caches[i].misses};
            for (int k = 0; k < row.length; k++) {
                sum[k] += row[k];
            }
            s.append(String.format("%-8d", i));
            statsLine(s, row);
        }
        if (cores > 1) {
            s.append(String.format("%-8s", "sum"));
            statsLine(s, sum);
        }
        s.append('\n');
        List<InsnMisses> sorted;
        synchronized (insns) {
            sorted = new ArrayList<>(insns.values());
        }
        // cache.c sorts one list three times with stable sorts, so each order breaks ties by the previous one
        sorted.sort(Comparator.comparingLong(m -> m.vaddr));
        top(s, sorted, "address, data misses, instruction\n", m -> m.l1Data);
        top(s, sorted, "\naddress, fetch misses, instruction\n", m -> m.l1Fetch);
        if (l2Caches != null) {
            top(s, sorted, "\naddress, L2 misses, instruction\n", m -> m.l2);
        }
        return s.toString();
    }

    private void statsLine(StringBuilder s, long[] row) {
        s.append(String.format("%-14s %-12s %s%%  %-14s %-12s %s%%", Long.toUnsignedString(row[0]),
                Long.toUnsignedString(row[1]), percent(row[1], row[0], 9), Long.toUnsignedString(row[2]),
                Long.toUnsignedString(row[3]), percent(row[3], row[2], 9)));
        if (l2Caches != null) {
            s.append(String.format("  %-12s %-11s %s%%", Long.toUnsignedString(row[4]), Long.toUnsignedString(row[5]),
                    percent(row[5], row[4], 10)));
        }
        s.append('\n');
    }

    /** C's {@code %W.4lf} of misses / accesses * 100: glibc rounds the exact binary value half to even. */
    static String percent(long misses, long accesses, int width) {
        double rate = accesses == 0 ? 0.0 : (double) misses / accesses * 100.0;
        String digits = new BigDecimal(rate).setScale(4, RoundingMode.HALF_EVEN).toPlainString();
        return " ".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private void top(StringBuilder s, List<InsnMisses> list, String title, ToLongFunction<InsnMisses> misses) {
        list.sort(Comparator.comparingLong(misses).reversed());
        s.append(title);
        for (int i = 0; i < limit && i < list.size(); i++) {
            InsnMisses m = list.get(i);
            s.append("0x").append(Long.toHexString(m.vaddr));
            if (m.symbol != null) {
                s.append(" (").append(m.symbol).append(')');
            }
            s.append(", ").append(misses.applyAsLong(m)).append(", ").append(m.disassembly).append('\n');
        }
    }
}
