import dev.tcg4j.backend.bytecode.BytecodeBackend;
import dev.tcg4j.backend.interpreter.InterpreterBackend;
import dev.tcg4j.frontend.riscv.RiscvFrontend;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.Backend;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.ir.spi.TranslatorLoop;
import dev.tcg4j.memory.FlatGuestMemory;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ProgramHeader;
import dev.tcg4j.runtime.exec.ExecOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Blocks per second of the first tier (decode + IR, then the interpreter's pre-decoding) and, for
 * comparison, of the bytecode backend (ASM + hidden class), over the blocks a linear sweep finds in
 * a static riscv64 program's executable segments: real code, each block translated as the CPU loop
 * would (128 instructions at most, no plugin). Passes over the same blocks until the JIT has warmed,
 * then times each pass in the thread's CPU time. Run with the runtime's class path and the launcher's JVM flags:
 *
 * <pre>java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseSerialGC \
 *     -XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=runtime/src/main/jvm/compiler-directives.json \
 *     -Dlogback.configurationFile=scripts/quiet-logback.xml \
 *     -cp "$(cat cli/target/classpath.txt)" scripts/TranslationThroughput.java PROGRAM [BLOCKS]</pre>
 */
public class TranslationThroughput {
    public static void main(String[] args) throws Exception {
        byte[] image = Files.readAllBytes(Path.of(args[0]));
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        ElfFile elf = ElfFile.parse(image, 243);
        GuestMemory memory = new FlatGuestMemory(41);
        List<long[]> text = new ArrayList<>();
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.isLoad()) {
                long start = ph.vaddr() & -GuestMemory.PAGE_SIZE;
                long end = (ph.vaddr() + ph.memSize() + GuestMemory.PAGE_SIZE - 1) & -GuestMemory.PAGE_SIZE;
                memory.map(start, end - start, GuestMemory.READ | GuestMemory.WRITE | GuestMemory.EXEC);
                memory.writeInitial(ph.vaddr(), image, (int) ph.offset(), (int) ph.fileSize());
                long fileEnd = ph.vaddr() + ph.fileSize();
                if ((ph.flags() & ProgramHeader.PF_X) != 0 && elf.entry() >= ph.vaddr() && elf.entry() < fileEnd) {
                    // from the entry point on: the segment starts with the ELF headers, not code
                    text.add(new long[] {elf.entry(), fileEnd});
                }
            }
        }
        TranslatorLoop translator = new TranslatorLoop(new RiscvFrontend());
        List<Long> pcs = new ArrayList<>();
        for (long[] range : text) {
            for (long pc = range[0]; pc < range[1] && pcs.size() < limit; ) {
                int size;
                try {
                    size = translator.translate(memory, pc, 0, ExecOptions.DEFAULT_MAX_INSNS, TranslatorHooks.NONE)
                            .guestSize();
                    pcs.add(pc);
                } catch (RuntimeException undecodable) {
                    size = 2;
                }
                pc += Math.max(2, size);
            }
        }
        System.out.printf("%d blocks from %s%n", pcs.size(), args[0]);
        // thread CPU time, not wall-clock time: the figures hold on a loaded machine too
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Backend interpreter = new InterpreterBackend();
        for (int pass = 1; pass <= 5; pass++) {
            List<TranslationBlock> tbs = new ArrayList<>(pcs.size());
            long t0 = threads.getCurrentThreadCpuTime();
            for (long pc : pcs) {
                tbs.add(translator.translate(memory, pc, 0, ExecOptions.DEFAULT_MAX_INSNS, TranslatorHooks.NONE));
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (TranslationBlock tb : tbs) {
                interpreter.compile(tb);
            }
            long t2 = threads.getCurrentThreadCpuTime();
            double insns = tbs.stream().mapToInt(TranslationBlock::insnCount).average().orElse(0);
            System.out.printf("pass %d: decode+IR %.1f us/block, interpreter prepare %.1f us/block: first tier %.0f"
                    + " blocks/s of CPU time (%.1f insns/block)%n", pass, (t1 - t0) / 1e3 / tbs.size(),
                    (t2 - t1) / 1e3 / tbs.size(), tbs.size() / ((t2 - t0) / 1e9), insns);
        }
        Backend bytecode = new BytecodeBackend();
        List<Long> some = pcs.subList(0, Math.min(pcs.size(), 3000));
        for (int pass = 1; pass <= 2; pass++) {
            List<TranslationBlock> tbs = new ArrayList<>(some.size());
            for (long pc : some) {
                tbs.add(translator.translate(memory, pc, 0, ExecOptions.DEFAULT_MAX_INSNS, TranslatorHooks.NONE));
            }
            int compiled = 0;
            long t0 = threads.getCurrentThreadCpuTime();
            for (TranslationBlock tb : tbs) {
                try {
                    bytecode.compile(tb);
                    compiled++;
                } catch (RuntimeException tooLarge) {
                    // the runtime would translate it again, shorter
                }
            }
            long t1 = threads.getCurrentThreadCpuTime();
            System.out.printf("bytecode pass %d: %.1f us/block (ASM + hidden class), %.0f blocks/s of CPU time%n", pass,
                    (t1 - t0) / 1e3 / compiled, compiled / ((t1 - t0) / 1e9));
        }
    }
}
