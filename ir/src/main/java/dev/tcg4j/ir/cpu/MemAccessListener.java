package dev.tcg4j.ir.cpu;

/**
 * Receives the guest memory accesses that a helper performs (AMOs, LR/SC and the like) while plugin
 * memory callbacks are published for the running instruction: the mem-helper path.
 */
public interface MemAccessListener {
    /**
     * @param meminfo as {@code MemOp.meminfo}: size shift, sign, endianness and store bits
     */
    void onAccess(CpuState cpu, long vaddr, long value, int meminfo);
}
