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
 */
public record GuestInfo(GuestArch arch, Disassembler disassembler, SymbolLookup symbols, LongPredicate debugFilter) {}
