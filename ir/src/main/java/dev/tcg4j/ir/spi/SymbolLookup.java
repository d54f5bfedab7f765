package dev.tcg4j.ir.spi;

/** Names the guest function containing an address, from the program's symbol table. */
public interface SymbolLookup {
    /**
     * Names the function at an address.
     *
     * @param vaddr a guest virtual address
     * @return the symbol's name, or null when no symbol covers {@code vaddr}
     */
    String symbolAt(long vaddr);

    /** Knows no symbol. */
    SymbolLookup NONE = vaddr -> null;
}
