package dev.tcg4j.runtime.linux.riscv64;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.signal.AltStack;
import dev.tcg4j.runtime.linux.signal.SigAction;
import dev.tcg4j.runtime.linux.signal.SigInfo;
import dev.tcg4j.runtime.linux.signal.SignalFrames;

/**
 * riscv64's {@code struct rt_sigframe} (arch/riscv/kernel/signal.c): siginfo (128 bytes), then a
 * ucontext whose mcontext starts 176 bytes in (16-byte aligned after the 128-byte glibc sigset
 * area) and holds pc, x1..x31, f0..f31 and fcsr.
 *
 * <p>Register slots follow the riscv64 state layout: x0..x31 in 0..31, f0..f31 in 32..63, pc, then
 * fflags and frm, which together make fcsr.
 */
public final class Riscv64SignalFrames implements SignalFrames {
    private static final int SIGINFO_SIZE = 128;
    private static final int UC_STACK = 16;
    private static final int UC_SIGMASK = 40;
    private static final int UC_MCONTEXT = 176;
    private static final int MC_FPREGS = 256;
    private static final int MC_FCSR = 512;
    private static final int UCONTEXT_SIZE = UC_MCONTEXT + 784;
    /** Bytes of the whole frame. */
    public static final int FRAME_SIZE = SIGINFO_SIZE + UCONTEXT_SIZE;

    private static final int F0 = 32;
    private static final int PC = 64;
    private static final int FFLAGS = 65;
    private static final int FRM = 66;
    private static final int RA = 1;
    private static final int SP = 2;
    private static final int A0 = 10;

    @Override
    public int stackPointerSlot() {
        return SP;
    }

    @Override
    public void enterHandler(CpuState cpu, long sp, SigInfo info, SigAction action, long savedMask, AltStack alt,
            long trampoline) {
        GuestMemory m = cpu.memory;
        long[] r = cpu.regs;
        long frame = (sp - FRAME_SIZE) & ~15L;
        m.checkAccess(frame, FRAME_SIZE, GuestMemory.WRITE);
        m.write(frame, new byte[FRAME_SIZE]);
        writeSigInfo(m, frame, info);
        long uc = frame + SIGINFO_SIZE;
        m.st64(uc + UC_STACK, alt.sp());
        m.st32(uc + UC_STACK + 8, alt.enabled() ? (alt.contains(sp) ? AltStack.SS_ONSTACK : 0) : AltStack.SS_DISABLE);
        m.st64(uc + UC_STACK + 16, alt.size());
        m.st64(uc + UC_SIGMASK, savedMask);
        long mc = uc + UC_MCONTEXT;
        m.st64(mc, r[PC]);
        for (int i = 1; i < 32; i++) {
            m.st64(mc + 8L * i, r[i]);
        }
        for (int i = 0; i < 32; i++) {
            m.st64(mc + MC_FPREGS + 8L * i, r[F0 + i]);
        }
        m.st32(mc + MC_FCSR, (r[FRM] & 7) << 5 | (r[FFLAGS] & 0x1f));

        r[SP] = frame;
        r[RA] = trampoline;
        r[A0] = info.signo();
        r[A0 + 1] = frame;
        r[A0 + 2] = uc;
        r[PC] = action.handler();
    }

    static void writeSigInfo(GuestMemory m, long at, SigInfo info) {
        m.st32(at, info.signo());
        m.st32(at + 4, 0);
        m.st32(at + 8, info.code());
        if (info.fault()) {
            m.st64(at + 16, info.addr());
        } else {
            m.st32(at + 16, info.pid());
            m.st32(at + 20, info.uid());
            m.st64(at + 24, info.addr()); // si_value of a timer's signal, si_status of a child's, else 0
            m.st64(at + 32, info.childCpu().userTicks()); // a child's si_utime and si_stime
            m.st64(at + 40, info.childCpu().systemTicks());
        }
    }

    @Override
    public long leaveHandler(CpuState cpu) {
        GuestMemory m = cpu.memory;
        long[] r = cpu.regs;
        long uc = r[SP] + SIGINFO_SIZE;
        long mc = uc + UC_MCONTEXT;
        long mask = m.ld64(uc + UC_SIGMASK);
        r[PC] = m.ld64(mc);
        for (int i = 1; i < 32; i++) {
            r[i] = m.ld64(mc + 8L * i);
        }
        for (int i = 0; i < 32; i++) {
            r[F0 + i] = m.ld64(mc + MC_FPREGS + 8L * i);
        }
        long fcsr = m.ld32u(mc + MC_FCSR);
        r[FFLAGS] = fcsr & 0x1f;
        r[FRM] = (fcsr >>> 5) & 7;
        return mask;
    }

    @Override
    public byte[] trampolineCode() {
        // li a7, 139 (rt_sigreturn); ecall
        int li = 139 << 20 | 17 << 7 | 0x13;
        int ecall = 0x73;
        return new byte[] {(byte) li, (byte) (li >>> 8), (byte) (li >>> 16), (byte) (li >>> 24),
            (byte) ecall, 0, 0, 0};
    }
}
