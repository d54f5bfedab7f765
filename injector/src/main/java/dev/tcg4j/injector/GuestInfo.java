package dev.tcg4j.injector;

import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.ir.spi.SymbolLookup;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * What the plugin core needs to know of the guest it instruments.
 *
 * @param arch the guest architecture (target name, registers)
 * @param disassembler for instruction views
 * @param symbols for the symbol of an instruction
 * @param debugFilter the {@code -dfilter} ranges: op dumps are logged only for blocks inside them
 * @param loadedProgram where the program was loaded, for the information functions; asked each time,
 *     since plugins may start before the loader has placed the program (a process's parts are made
 *     while it loads)
 */
public record GuestInfo(GuestArch arch, Disassembler disassembler, SymbolLookup symbols, LongPredicate debugFilter,
        Supplier<Program> loadedProgram) {
    public GuestInfo(GuestArch arch, Disassembler disassembler, SymbolLookup symbols, LongPredicate debugFilter) {
        this(arch, disassembler, symbols, debugFilter, () -> Program.UNKNOWN);
    }

    /** A guest whose program is known already. */
    public GuestInfo(GuestArch arch, Disassembler disassembler, SymbolLookup symbols, LongPredicate debugFilter,
            Program program) {
        this(arch, disassembler, symbols, debugFilter, () -> program);
    }

    /** The program as now loaded, {@link Program#UNKNOWN} before the loader has placed it. */
    public Program program() {
        Program p = loadedProgram.get();
        return p == null ? Program.UNKNOWN : p;
    }

    /**
     * The loaded program, as QEMU's {@code qemu_plugin_start_code}, {@code end_code},
     * {@code entry_code} and {@code path_to_binary} see it.
     *
     * @param startCode the lowest address of an executable segment
     * @param endCode the end of the executable segments' file contents, exclusive
     * @param entry the entry point
     * @param path the absolute path of the program
     */
    public record Program(long startCode, long endCode, long entry, String path) {
        public static final Program UNKNOWN = new Program(0, 0, 0, "");
    }
}
