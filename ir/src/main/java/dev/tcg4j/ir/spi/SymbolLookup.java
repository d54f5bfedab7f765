package dev.tcg4j.ir.spi;

/** Names the guest function containing an address, from the program's symbol table. */
public interface SymbolLookup {
    /** The symbol's name, or null when no symbol covers {@code vaddr}. */
    String symbolAt(long vaddr);

    SymbolLookup NONE = vaddr -> null;
}
