package dev.tcg4j.runtime.elf;

import dev.tcg4j.ir.spi.SymbolLookup;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the function containing an address as QEMU 7.2's {@code lookup_symbol} does, so that plugins
 * and {@code -d in_asm} name the same function as QEMU's: the symbols, in {@link ElfFile#functions()}'s
 * order, are sorted by address with a stable sort (glibc's qsort merges), and glibc's bsearch looks
 * for one with {@code value <= addr < value + size}. So a symbol of size zero names nothing, and of
 * several aliases at one address the one the search lands on first wins. Immutable, so vCPU threads
 * share it freely.
 */
public final class FunctionSymbols implements SymbolLookup {
    private final long[] starts;
    private final long[] sizes;
    private final String[] names;

    public FunctionSymbols(List<ElfSymbol> symbols, long bias) {
        List<ElfSymbol> sorted = new ArrayList<>(symbols);
        sorted.sort((x, y) -> Long.compareUnsigned(x.value(), y.value())); // List.sort is stable
        starts = new long[sorted.size()];
        sizes = new long[sorted.size()];
        names = new String[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            starts[i] = sorted.get(i).value() + bias;
            sizes[i] = sorted.get(i).size();
            names[i] = sorted.get(i).name();
        }
    }

    @Override
    public String symbolAt(long vaddr) {
        int low = 0;
        int high = starts.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Long.compareUnsigned(vaddr, starts[mid]) < 0) {
                high = mid;
            } else if (Long.compareUnsigned(vaddr, starts[mid] + sizes[mid]) >= 0) {
                low = mid + 1;
            } else {
                return names[mid];
            }
        }
        return null;
    }
}
