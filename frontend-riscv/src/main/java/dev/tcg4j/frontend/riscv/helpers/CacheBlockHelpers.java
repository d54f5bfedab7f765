package dev.tcg4j.frontend.riscv.helpers;

import dev.tcg4j.ir.Helper;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import java.lang.invoke.MethodType;

/**
 * Zicbom and Zicboz in user mode, as QEMU's target/riscv/op_helper.c does them: the operand
 * address is aligned down to its 64-byte cache block, which never crosses a page.
 *
 * <p>cbo.zero checks the block as a store (a fault is SIGSEGV at the block's first byte) and fills
 * it with zeros. Like QEMU's memset on the probed host page it is not a guest store: plugins see no
 * memory access, so the helper is flagged NO_GUEST_MEMORY.
 *
 * <p>cbo.clean, cbo.flush and cbo.inval do nothing to memory, there being no cache to manage; they
 * may access a block that is readable or writable and otherwise fault as a store would.
 */
public final class CacheBlockHelpers {
    /** The Zicbom and Zicboz block size reported by riscv_hwprobe. */
    public static final int BLOCK_SIZE = 64;

    private static final MethodType ADDRESS = MethodType.methodType(void.class, CpuState.class, long.class);
    public static final Helper ZERO = Helper.ofStatic("cbo_zero", CacheBlockHelpers.class, "zero", ADDRESS,
            Helper.MAY_TRAP | Helper.NO_GUEST_MEMORY);
    public static final Helper MANAGE = Helper.ofStatic("cbo_manage", CacheBlockHelpers.class, "manage", ADDRESS,
            Helper.MAY_TRAP | Helper.NO_GUEST_MEMORY);

    private static final byte[] ZEROS = new byte[BLOCK_SIZE];

    private CacheBlockHelpers() {}

    public static void zero(CpuState cpu, long address) {
        cpu.memory.write(address & -BLOCK_SIZE, ZEROS);
    }

    public static void manage(CpuState cpu, long address) {
        long block = address & -BLOCK_SIZE;
        GuestMemory m = cpu.memory;
        if (!m.accessible(block, BLOCK_SIZE, GuestMemory.READ)) {
            m.checkAccess(block, BLOCK_SIZE, GuestMemory.WRITE);
        }
    }
}
