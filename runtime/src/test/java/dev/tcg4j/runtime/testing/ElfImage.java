package dev.tcg4j.runtime.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ELF64 little-endian images byte by byte, following the System V gABI layout
 * (Elf64_Ehdr 64 bytes, Elf64_Phdr 56, Elf64_Shdr 64, Elf64_Sym 24), for loader and parser tests.
 */
public final class ElfImage {
    public record Segment(int type, int flags, long vaddr, byte[] data, long memSize) {}

    public record Symbol(String name, long value, long size, int type) {}

    private int machine = 243;
    private int type = 2;
    private long entry = 0x10000;
    private final List<Segment> segments = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();

    public ElfImage machine(int m) {
        this.machine = m;
        return this;
    }

    public ElfImage type(int t) {
        this.type = t;
        return this;
    }

    public ElfImage entry(long e) {
        this.entry = e;
        return this;
    }

    /** A segment whose file bytes are {@code data}, placed in the file page-congruent with {@code vaddr}. */
    public ElfImage segment(int type, int flags, long vaddr, byte[] data, long memSize) {
        segments.add(new Segment(type, flags, vaddr, data, memSize));
        return this;
    }

    public ElfImage function(String name, long value, long size) {
        symbols.add(new Symbol(name, value, size, 2));
        return this;
    }

    public byte[] build() {
        int phoff = 64;
        int phnum = segments.size();
        long cursor = phoff + 56L * phnum;
        long[] offsets = new long[phnum];
        for (int i = 0; i < phnum; i++) {
            Segment s = segments.get(i);
            // file offset congruent to vaddr modulo the page size, as linkers produce
            long want = s.vaddr() & 0xfff;
            long off = (cursor & ~0xfffL) + want;
            if (off < cursor) {
                off += 0x1000;
            }
            offsets[i] = off;
            cursor = off + s.data().length;
        }
        // symbol table, string table, section headers
        ByteBuffer strtab = ByteBuffer.allocate(4096);
        strtab.put((byte) 0);
        ByteBuffer symtab = ByteBuffer.allocate(24 * (symbols.size() + 1)).order(ByteOrder.LITTLE_ENDIAN);
        symtab.put(new byte[24]);
        for (Symbol s : symbols) {
            int nameOff = strtab.position();
            strtab.put(s.name().getBytes(StandardCharsets.UTF_8)).put((byte) 0);
            symtab.putInt(nameOff).put((byte) (0x10 | s.type())).put((byte) 0).putShort((short) 1)
                    .putLong(s.value()).putLong(s.size());
        }
        int strSize = strtab.position();
        long symOff = cursor;
        long strOff = symOff + symtab.capacity();
        long shoff = (strOff + strSize + 7) & ~7L;
        int shnum = symbols.isEmpty() ? 0 : 3;
        long total = shoff + 64L * shnum;
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1).putLong(entry).putLong(phoff)
                .putLong(shnum == 0 ? 0 : shoff).putInt(0).putShort((short) 64).putShort((short) 56)
                .putShort((short) phnum).putShort((short) 64).putShort((short) shnum).putShort((short) 0);
        for (int i = 0; i < phnum; i++) {
            Segment s = segments.get(i);
            b.position(phoff + 56 * i);
            b.putInt(s.type()).putInt(s.flags()).putLong(offsets[i]).putLong(s.vaddr()).putLong(s.vaddr())
                    .putLong(s.data().length).putLong(s.memSize()).putLong(0x1000);
            b.position((int) offsets[i]);
            b.put(s.data());
        }
        if (shnum > 0) {
            b.position((int) symOff);
            b.put(symtab.array());
            b.position((int) strOff);
            b.put(strtab.array(), 0, strSize);
            b.position((int) shoff + 64); // section 1: .symtab, linked to section 2
            b.putInt(0).putInt(2).putLong(0).putLong(0).putLong(symOff).putLong(symtab.capacity()).putInt(2)
                    .putInt(0).putLong(8).putLong(24);
            b.position((int) shoff + 128); // section 2: .strtab
            b.putInt(0).putInt(3).putLong(0).putLong(0).putLong(strOff).putLong(strSize).putInt(0).putInt(0)
                    .putLong(1).putLong(0);
        }
        return b.array();
    }
}
