package dev.tcg4j.runtime.elf;

import dev.tcg4j.ir.spi.SymbolLookup;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the function containing an address by binary search over the program's function symbols,
 * as QEMU's {@code lookup_symbol}: a symbol covers {@code [value, value+size)}, and a symbol of size
 * zero only its own address. Immutable, so vCPU threads share it freely.
 */
public final class FunctionSymbols implements SymbolLookup {
    private final long[] starts;
    private final long[] ends;
    private final String[] names;

    public FunctionSymbols(List<ElfSymbol> symbols, long bias) {
        ElfSymbol[] sorted = symbols.toArray(ElfSymbol[]::new);
        Arrays.sort(sorted, Comparator.comparingLong(ElfSymbol::value).thenComparing(s -> -s.size()));
        starts = new long[sorted.length];
        ends = new long[sorted.length];
        names = new String[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            starts[i] = sorted[i].value() + bias;
            ends[i] = starts[i] + Math.max(1, sorted[i].size());
            names[i] = sorted[i].name();
        }
    }

    @Override
    public String symbolAt(long vaddr) {
        int i = Arrays.binarySearch(starts, vaddr);
        if (i < 0) {
            i = -i - 2;
        } else {
            while (i + 1 < starts.length && starts[i + 1] == vaddr) {
                i++;
            }
            // several symbols at one address: prefer the first sorted (largest) that covers it
            while (i > 0 && starts[i - 1] == vaddr) {
                i--;
            }
        }
        // walk back over nested or overlapping symbols that may still cover the address
        for (int j = i; j >= 0 && j > i - 8; j--) {
            if (vaddr >= starts[j] && vaddr < ends[j]) {
                return names[j];
            }
        }
        return null;
    }
}
