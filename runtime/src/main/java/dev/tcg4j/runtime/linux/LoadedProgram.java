package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.spi.SymbolLookup;

/**
 * Where the loader put the program: what the initial stack's auxiliary vector and the CPU need.
 *
 * @param entry the entry point, load bias applied
 * @param phdrAddr guest address of the program headers (AT_PHDR)
 * @param phent size of one program header (AT_PHENT)
 * @param phnum number of program headers (AT_PHNUM)
 * @param loadBias added to every link-time address (0 for ET_EXEC)
 * @param loadAddr where its reservation begins: the lowest page of its lowest segment (AT_BASE of an interpreter)
 * @param brkStart the page after its highest segment, where the heap begins
 * @param symbols the program's functions, at their loaded addresses
 */
public record LoadedProgram(long entry, long phdrAddr, int phent, int phnum, long loadBias, long loadAddr, long brkStart,
        SymbolLookup symbols) {}
