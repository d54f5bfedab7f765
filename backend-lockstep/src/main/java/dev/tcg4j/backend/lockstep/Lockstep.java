package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.GuestInsn;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitCodes;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.GuestTrap;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.ir.spi.GuestFrontend;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.ir.spi.TranslatorLoop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a lockstep block on both backends and compares them.
 *
 * <p>One block execution:
 * <ol>
 *   <li>The CPU state (registers, published mem-helper listener, trap fields) and the plugin arrays the
 *       block writes are saved; stores to guest memory are journaled with the bytes they overwrite
 *       ({@link GuestMemory#observeStores}).
 *   <li>The reference runs the block for real. Its calls of helpers that are not PURE go through
 *       the {@link HelperTape}, which records each call with its result, trap, register writes and
 *       memory writes: plugin callbacks, atomics and the mem-helper reports they make happen here,
 *       once.
 *   <li>Its stores are undone and the saved state put back.
 *   <li>The subject runs the block from that same state. Its calls of those helpers replay the tape:
 *       a call the reference did not make, with other arguments, or on another state where the
 *       helper reads state, is a difference; otherwise the call's effects are applied and its result
 *       returned (or its trap thrown).
 *   <li>The exit codes, the traps, every state slot, the listener, the plugin arrays, the bytes each
 *       side wrote and the calls left on the tape are compared. Equal, the subject's state stands,
 *       which is the reference's.
 * </ol>
 * System calls are block exits, so the runtime performs them once, after the block. Both sides run
 * with {@code exitRequested} set, so that a block looping to its own start leaves at its back edge
 * on either backend: one pass each.
 *
 * <p>At a difference, both sides' effects are undone and the block is translated again one
 * instruction per block from its pc, each run in lockstep the same way, following the pc while it
 * stays inside the block, until an instruction diverges: the report names it. Instrumentation is
 * not translated into those single-instruction blocks, so that no plugin sees them.
 *
 * <p>Not reentrant: blocks of all vCPUs run one at a time.
 */
final class Lockstep {
    private static final Logger LOG = LoggerFactory.getLogger("tcg4j.lockstep");
    private static final int MAX_MEMORY_DIFFERENCES = 8;
    /**
     * {@code CpuState.exitRequested} without the fence of a volatile write: set and withdrawn around
     * every block by the thread that runs it, where the fence cost more than the block.
     */
    private static final VarHandle EXIT_REQUESTED;

    static {
        try {
            EXIT_REQUESTED = MethodHandles.lookup().findVarHandle(CpuState.class, "exitRequested", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LockstepBackend backend;
    private final GuestFrontend frontend;
    private final GuestArch arch;
    private final TranslatorLoop translator;
    private final MemoryJournal journal = new MemoryJournal();
    private final HelperTape tape;
    // reused from block to block: lockstep runs one block at a time
    private final CpuSnapshot before = new CpuSnapshot();
    private final CpuSnapshot afterReference = new CpuSnapshot();
    private final CpuSnapshot afterSubject = new CpuSnapshot();
    private final WriteImage referenceImage = new WriteImage();
    private final WrittenBytes referenceWrites = new WrittenBytes();
    private final WrittenBytes beforeSubject = new WrittenBytes();

    /** How both sides ended one execution of a block; the snapshots are there only when they differ. */
    record Comparison(int referenceExit, CpuSnapshot before, CpuSnapshot reference, CpuSnapshot subject,
            List<Difference> differences) {
        boolean agree() {
            return differences.isEmpty();
        }
    }

    Lockstep(LockstepBackend backend, GuestFrontend frontend) {
        this.backend = backend;
        this.frontend = frontend;
        this.arch = frontend.arch();
        this.translator = new TranslatorLoop(frontend);
        boolean[] global = new boolean[arch.stateSlots()];
        for (Temp g : arch.globals()) {
            global[g.slot()] = true;
        }
        this.tape = new HelperTape(journal, global);
    }

    HelperTape tape() {
        return tape;
    }

    synchronized int execute(LockstepBlock b, CpuState cpu) {
        Comparison c = runBoth(b, cpu);
        if (c.agree()) {
            return c.referenceExit();
        }
        throw diverged(b, cpu, c);
    }

    /**
     * Runs the block on both sides. When they agree the CPU and memory are left as both left them;
     * otherwise as they were before the block.
     */
    private Comparison runBoth(LockstepBlock b, CpuState cpu) {
        GuestMemory memory = cpu.memory;
        long[][] hostArrays = b.hostArrays(cpu);
        before.capture(cpu, hostArrays);
        boolean stopRequested = (boolean) EXIT_REQUESTED.getOpaque(cpu);
        tape.clear(hostArrays);
        journal.clear();
        int referenceExit;
        int subjectExit = -1;
        RuntimeException subjectFailure = null;
        try {
            EXIT_REQUESTED.setOpaque(cpu, true);
            memory.observeStores(journal);
            try {
                referenceExit = b.reference.execute(cpu);
            } finally {
                memory.observeStores(null);
            }
            afterReference.capture(cpu, hostArrays);
            referenceImage.capture(journal, memory);
            journal.rollback(memory);
            before.restore(cpu, hostArrays);

            tape.rewind();
            EXIT_REQUESTED.setOpaque(cpu, true);
            memory.observeStores(journal);
            try {
                subjectExit = b.subject.execute(cpu);
            } catch (RuntimeException e) {
                subjectFailure = e;
            } finally {
                memory.observeStores(null);
            }
        } finally {
            EXIT_REQUESTED.setOpaque(cpu, stopRequested);
        }
        afterSubject.capture(cpu, hostArrays);
        List<Difference> differences = new ArrayList<>(0);
        if (subjectFailure != null) {
            differences.add(new Difference(subjectFailure instanceof ReplayMismatch ? subjectFailure.getMessage()
                    : "the subject fails: " + subjectFailure, null, null));
        } else {
            compareExits(referenceExit, afterReference, subjectExit, afterSubject, differences);
        }
        compareState(afterReference, afterSubject, differences);
        compareMemory(memory, differences);
        if (subjectFailure == null && !tape.allReplayed()) {
            differences.add(new Difference("helper calls the subject did not make",
                    String.join(", ", tape.unreplayed()), "none"));
        }
        if (differences.isEmpty()) {
            journal.clear();
            return new Comparison(referenceExit, null, null, null, differences);
        }
        journal.rollback(memory);
        before.restore(cpu, hostArrays);
        return new Comparison(referenceExit, before.copy(), afterReference.copy(), afterSubject.copy(), differences);
    }

    private static void compareExits(int referenceExit, CpuSnapshot reference, int subjectExit, CpuSnapshot subject,
            List<Difference> out) {
        if (referenceExit != subjectExit) {
            out.add(new Difference("exit", exitName(referenceExit), exitName(subjectExit)));
        } else if (referenceExit == ExitCodes.TRAP) {
            GuestTrap a = reference.trap();
            GuestTrap b = subject.trap();
            if (a == null || b == null || a.kind() != b.kind() || a.address() != b.address()) {
                out.add(new Difference("trap", String.valueOf(a == null ? null : a.getMessage()),
                        String.valueOf(b == null ? null : b.getMessage())));
            }
            if (reference.trapPc() != subject.trapPc()) {
                out.add(Difference.ofLong("trap pc", reference.trapPc(), subject.trapPc()));
            }
        }
    }

    private void compareState(CpuSnapshot reference, CpuSnapshot subject, List<Difference> out) {
        if (!Arrays.equals(reference.regs(), subject.regs())) {
            compareRegisters(reference.regs(), subject.regs(), out);
        }
        if (reference.memListener() != subject.memListener()) {
            out.add(new Difference("published mem-helper listener", String.valueOf(reference.memListener()),
                    String.valueOf(subject.memListener())));
        }
        for (int i = 0; i < reference.hostArrays().length; i++) {
            long[] ha = reference.hostArrays()[i];
            long[] hb = subject.hostArrays()[i];
            for (int k = 0; k < ha.length; k++) {
                if (ha[k] != hb[k]) {
                    out.add(Difference.ofLong("plugin inline array " + i + "[" + k + "]", ha[k], hb[k]));
                }
            }
        }
    }

    /** The registers that differ, by their names in the register file; state slots outside it by number. */
    private void compareRegisters(long[] ra, long[] rb, List<Difference> out) {
        List<GuestArch.NamedValue> a = arch.registerFile(ra);
        List<GuestArch.NamedValue> b = arch.registerFile(rb);
        boolean named = false;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).value() != b.get(i).value()) {
                out.add(Difference.ofLong(a.get(i).name(), a.get(i).value(), b.get(i).value()));
                named = true;
            }
        }
        if (!named) {
            for (int s = 0; s < ra.length; s++) {
                if (ra[s] != rb[s]) {
                    out.add(Difference.ofLong("state slot " + s, ra[s], rb[s]));
                }
            }
        }
    }

    /**
     * Compares the bytes each side wrote: the reference's as it left them, the subject's as memory
     * holds them now. A byte only one side wrote is compared with its value before the block.
     */
    private void compareMemory(GuestMemory memory, List<Difference> out) {
        if (referenceImage.sameRanges(journal) && referenceImage.matches(memory)) {
            return;
        }
        referenceImage.bytesByAddress(referenceWrites);
        journal.firstOverwritten(beforeSubject);
        List<Long> differing = new ArrayList<>(0);
        for (int i = 0; i < referenceWrites.size(); i++) {
            long a = referenceWrites.address(i);
            if (referenceWrites.get(a) != (byte) memory.ld8u(a)) {
                differing.add(a);
            }
        }
        for (int i = 0; i < beforeSubject.size(); i++) {
            long a = beforeSubject.address(i);
            if (!referenceWrites.contains(a) && beforeSubject.get(a) != (byte) memory.ld8u(a)) {
                differing.add(a);
            }
        }
        reportMemory(differing, memory, out);
    }

    /**
     * Reports differing bytes by the aligned 8-byte words that hold them, in memory order, up to two
     * words to a line: the reference's bytes (its writes over memory before the block) against memory
     * as the subject left it.
     */
    private void reportMemory(List<Long> differing, GuestMemory memory, List<Difference> out) {
        List<Long> words = differing.stream().map(a -> a & ~7L).distinct().sorted().toList();
        int reported = 0;
        for (int i = 0; i < words.size() && reported < MAX_MEMORY_DIFFERENCES; reported++) {
            long start = words.get(i);
            int n = 1;
            if (i + 1 < words.size() && words.get(i + 1) == start + 8) {
                n = 2;
            }
            StringBuilder ra = new StringBuilder();
            StringBuilder sa = new StringBuilder();
            for (long a = start; a < start + 8L * n; a++) {
                byte now = (byte) memory.ld8u(a);
                byte r = referenceWrites.contains(a) ? referenceWrites.get(a)
                        : beforeSubject.contains(a) ? beforeSubject.get(a) : now;
                ra.append(String.format("%02x", r & 0xff));
                sa.append(String.format("%02x", now & 0xff));
            }
            out.add(new Difference("memory at 0x" + Long.toHexString(start) + " (" + 8 * n + " bytes)", ra.toString(),
                    sa.toString()));
            i += n;
        }
    }

    private static String exitName(int exit) {
        return switch (exit) {
            case 0, 1 -> "goto_tb " + exit;
            case ExitCodes.LOOKUP -> "lookup";
            case ExitCodes.TRAP -> "trap";
            case ExitCodes.SYSCALL -> "syscall";
            case ExitCodes.INTERRUPT -> "interrupt";
            default -> exit >= ExitCodes.FIRST_REGION_EXIT ? "region exit " + (exit - ExitCodes.FIRST_REGION_EXIT)
                    : "exit code " + exit;
        };
    }

    // ---------------------------------------------------------------- at a difference

    /** The first instruction that diverges when run alone, and how. */
    private record Step(GuestInsn insn, Comparison comparison) {}

    private LockstepDivergence diverged(LockstepBlock b, CpuState cpu, Comparison whole) {
        Step step = firstDivergingInsn(b.tb, cpu);
        String report = report(b.tb, whole, step);
        LOG.error(report);
        String reference = backend.reference().name();
        String subject = backend.subject().name();
        if (step != null) {
            GuestInsn insn = step.insn();
            return new LockstepDivergence("lockstep: " + subject + " diverges from " + reference + " at 0x"
                    + Long.toHexString(insn.vaddr()) + " (" + frontend.disassembler().disassemble(insn) + "): "
                    + step.comparison().differences().get(0), insn.vaddr(), report);
        }
        return new LockstepDivergence("lockstep: " + subject + " diverges from " + reference + " in the block at 0x"
                + Long.toHexString(b.tb.pc()) + ": " + whole.differences().get(0), b.tb.pc(), report);
    }

    /**
     * Re-runs the block one instruction at a time from the state before it, which {@link #runBoth}
     * left; null when every instruction agrees.
     */
    private Step firstDivergingInsn(TranslationBlock tb, CpuState cpu) {
        long start = tb.pc();
        long end = start + tb.guestSize();
        long pc = start;
        for (int i = 0; i < tb.insnCount(); i++) {
            LockstepBlock one;
            try {
                one = backend.compileBoth(translator.translate(cpu.memory, pc, tb.flags(), 1, TranslatorHooks.NONE));
            } catch (GuestTrap fetchFault) {
                return null;
            }
            Comparison c = runBoth(one, cpu);
            if (!c.agree()) {
                return new Step(one.tb.insns().get(0), c);
            }
            int exit = c.referenceExit();
            pc = cpu.regs[arch.pcSlot()];
            boolean continues = exit == 0 || exit == 1 || exit == ExitCodes.LOOKUP;
            if (!continues || pc < start || pc >= end) {
                return null;
            }
        }
        return null;
    }

    private String report(TranslationBlock tb, Comparison whole, Step step) {
        String reference = backend.reference().name();
        String subject = backend.subject().name();
        StringBuilder sb = new StringBuilder();
        sb.append("lockstep: ").append(subject).append(" (subject) diverges from ").append(reference)
                .append(" (reference) in the block at 0x").append(Long.toHexString(tb.pc())).append(", ")
                .append(tb.insnCount()).append(tb.insnCount() == 1 ? " instruction:\n" : " instructions:\n");
        for (GuestInsn insn : tb.insns()) {
            sb.append(insnLine(insn));
        }
        sb.append("differences after the block (reference != subject):\n");
        differenceLines(sb, whole.differences());
        Comparison shown = whole;
        if (step != null) {
            sb.append("first diverging instruction, the block re-run one instruction at a time from the same state:\n");
            sb.append(insnLine(step.insn()));
            sb.append("differences after it:\n");
            differenceLines(sb, step.comparison().differences());
            shown = step.comparison();
            sb.append("registers before it and after it:\n");
        } else {
            sb.append("no single instruction diverges when the block is re-run one instruction at a time\n");
            sb.append("(the difference needs the whole block, or its plugin instrumentation, which the re-run leaves out)\n");
            sb.append("registers before the block and after it:\n");
        }
        registerLines(sb, shown, reference, subject);
        return sb.toString();
    }

    private String insnLine(GuestInsn insn) {
        String hex = insn.size() == 2 ? String.format("%04x", insn.bits() & 0xffff)
                : String.format("%08x", insn.bits() & 0xffffffffL);
        return String.format("  0x%016x:  %-10s%s%n", insn.vaddr(), hex, frontend.disassembler().disassemble(insn));
    }

    private static void differenceLines(StringBuilder sb, List<Difference> differences) {
        for (Difference d : differences) {
            sb.append("  ").append(d).append('\n');
        }
    }

    private void registerLines(StringBuilder sb, Comparison c, String reference, String subject) {
        List<GuestArch.NamedValue> before = arch.registerFile(c.before().regs());
        List<GuestArch.NamedValue> a = arch.registerFile(c.reference().regs());
        List<GuestArch.NamedValue> b = arch.registerFile(c.subject().regs());
        sb.append(String.format("  %-16s %-18s %-18s %-18s%n", "", "before", reference, subject));
        for (int i = 0; i < a.size(); i++) {
            long va = a.get(i).value();
            long vb = b.get(i).value();
            sb.append(String.format("  %-16s 0x%016x 0x%016x 0x%016x%s%n", a.get(i).name(), before.get(i).value(), va,
                    vb, va != vb ? "  <<" : ""));
        }
    }
}
