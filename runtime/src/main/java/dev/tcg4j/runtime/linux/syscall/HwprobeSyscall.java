package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.Errno;
import java.util.HashMap;
import java.util.Map;

/**
 * riscv_hwprobe(pairs, pair_count, cpusetsize, cpus, flags), as Linux's
 * arch/riscv/kernel/sys_hwprobe.c: each {@code struct riscv_hwprobe {s64 key; u64 value;}} gets the
 * value of its key, or key -1 and value 0 when the key is unknown. Every vCPU is the same hart, so
 * the cpu set only has to name one that exists. With the flag RISCV_HWPROBE_WHICH_CPUS the call
 * instead keeps the cpus of the set whose values match every pair, which here is all or none.
 *
 * <p>The pairs come from the architecture ({@code GuestArch.hwprobe}), plus the highest user
 * address, which belongs to the address space.
 */
final class HwprobeSyscall {
    static final long KEY_HIGHEST_VIRT_ADDRESS = 7;
    /** Keys whose values are bit sets: WHICH_CPUS asks whether all the given bits are there. */
    private static final long KEY_BASE_BEHAVIOR = 3;
    private static final long KEY_IMA_EXT_0 = 4;
    private static final long FLAG_WHICH_CPUS = 1;
    private static final int PAIR_SIZE = 16;

    private final GuestMemory memory;
    private final Map<Long, Long> values;
    private final int cpus;

    HwprobeSyscall(GuestMemory memory, Map<Long, Long> archPairs, int cpus) {
        this.memory = memory;
        Map<Long, Long> all = new HashMap<>(archPairs);
        if (!archPairs.isEmpty()) {
            all.put(KEY_HIGHEST_VIRT_ADDRESS, memory.size() - 1);
        }
        this.values = Map.copyOf(all);
        this.cpus = cpus;
    }

    long hwprobe(long pairs, long count, long cpusetSize, long cpuSet, long flags) {
        if (values.isEmpty()) {
            return -Errno.ENOSYS;
        }
        if (flags == FLAG_WHICH_CPUS) {
            return whichCpus(pairs, count, cpusetSize, cpuSet);
        }
        if (flags != 0) {
            return -Errno.EINVAL;
        }
        if ((cpusetSize != 0 || cpuSet != 0) && !namesAnOnlineCpu(cpuSet, cpusetSize)) {
            return -Errno.EINVAL;
        }
        memory.checkAccess(pairs, count * PAIR_SIZE, GuestMemory.WRITE);
        for (long i = 0; i < count; i++) {
            long at = pairs + i * PAIR_SIZE;
            Long value = values.get(memory.ld64(at));
            if (value == null) {
                memory.st64(at, -1);
                memory.st64(at + 8, 0);
            } else {
                memory.st64(at + 8, value);
            }
        }
        return 0;
    }

    private long whichCpus(long pairs, long count, long cpusetSize, long cpuSet) {
        if (cpusetSize == 0 || cpuSet == 0) {
            return -Errno.EINVAL;
        }
        boolean match = true;
        for (long i = 0; i < count; i++) {
            long key = memory.ld64(pairs + i * PAIR_SIZE);
            long wanted = memory.ld64(pairs + i * PAIR_SIZE + 8);
            Long ours = values.get(key);
            if (ours == null) {
                // an unknown key is reported back as -1, and no cpu matches it
                memory.st64(pairs + i * PAIR_SIZE, -1);
                memory.st64(pairs + i * PAIR_SIZE + 8, 0);
                match = false;
            } else if (key == KEY_BASE_BEHAVIOR || key == KEY_IMA_EXT_0) {
                match &= (ours & wanted) == wanted;
            } else {
                match &= ours == wanted;
            }
        }
        if (!match) {
            memory.write(cpuSet, new byte[(int) Math.min(cpusetSize, 1 << 12)]);
        }
        return 0;
    }

    /** True when the set, read as Linux reads a cpumask (bit n of byte n/8), holds cpu 0..cpus-1. */
    private boolean namesAnOnlineCpu(long cpuSet, long size) {
        long bytes = Math.min(size, (cpus + 7) / 8);
        byte[] mask = memory.read(cpuSet, (int) bytes);
        for (int cpu = 0; cpu < cpus && cpu / 8 < mask.length; cpu++) {
            if ((mask[cpu / 8] & (1 << (cpu % 8))) != 0) {
                return true;
            }
        }
        return false;
    }
}
