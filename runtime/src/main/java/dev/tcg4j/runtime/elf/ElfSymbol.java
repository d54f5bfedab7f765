package dev.tcg4j.runtime.elf;

/** A function symbol of the program: its link-time address, size and name. */
public record ElfSymbol(String name, long value, long size) {}
