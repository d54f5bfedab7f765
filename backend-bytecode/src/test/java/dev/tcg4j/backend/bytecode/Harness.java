package dev.tcg4j.backend.bytecode;

import dev.tcg4j.ir.TbBuilder;
import dev.tcg4j.ir.Temp;
import dev.tcg4j.ir.TranslationBlock;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.spi.ExecutableBlock;
import dev.tcg4j.ir.spi.TranslatorHooks;
import dev.tcg4j.memory.FlatGuestMemory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Builds blocks by hand and compiles them with the bytecode backend, verifying the class first, for the
 * tests of what is particular to this backend (the contract itself is tested on every backend in
 * tcg4j-testing).
 */
final class Harness {
    static final int SLOTS = 40;
    static final int PC_SLOT = 32;
    static final Temp PC = Temp.global("pc", PC_SLOT);
    static final Temp[] X = new Temp[32];

    static {
        for (int i = 0; i < 32; i++) {
            X[i] = Temp.global("x" + i, i);
        }
    }

    /** One window for all tests: reserving is cheap, but the permission array is not free. */
    static final GuestMemory MEMORY = new FlatGuestMemory(32);

    static final BytecodeBackend BACKEND = new BytecodeBackend();

    private Harness() {}

    static TbBuilder builder(long pc) {
        return new TbBuilder(pc, 0, TranslatorHooks.NONE);
    }

    static TranslationBlock block(long pc, Consumer<TbBuilder> body) {
        TbBuilder b = builder(pc);
        body.accept(b);
        return b.build();
    }

    /** Compiles after checking the class with ASM's verifier, which explains problems better than the JVM. */
    static ExecutableBlock compile(TranslationBlock tb) {
        verify(BACKEND.classBytes(tb));
        return BACKEND.compile(tb);
    }

    /** Compiles a region after verifying its class, as {@link #compile} does for a block; enters at the first member. */
    static ExecutableBlock compileRegion(List<TranslationBlock> blocks) {
        verify(BACKEND.regionClassBytes(blocks));
        return BACKEND.compileRegion(blocks).entries().get(0);
    }

    static void verify(byte[] bytes) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), Harness.class.getClassLoader(), false, new PrintWriter(out));
        if (!out.toString().isEmpty()) {
            throw new AssertionError("generated class does not verify:\n" + out);
        }
    }

    static CpuState cpu() {
        return new CpuState(SLOTS, 0, MEMORY);
    }
}
