package dev.tcg4j.injector;

import dev.tcg4j.ir.spi.Disassembler;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.ir.spi.SymbolLookup;
import java.util.function.LongPredicate;

/**
 * What the plugin core needs to know of the guest it instruments.
 *
 * @param arch the guest architecture (target name, registers)
 * @param disassembler for instruction views
 * @param symbols for the symbol of an instruction
 * @param debugFilter the {@code -dfilter} ranges: op dumps are logged only for blocks inside them
 * @param program where the program was loaded, for the information functions
 */
public record GuestInfo(GuestArch arch, Disassembler disassembler, SymbolLookup symbols, LongPredicate debugFilter,
        Program program) {
    public GuestInfo(GuestArch arch, Disassembler disassembler, SymbolLookup symbols, LongPredicate debugFilter) {
        this(arch, disassembler, symbols, debugFilter, Program.UNKNOWN);
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
