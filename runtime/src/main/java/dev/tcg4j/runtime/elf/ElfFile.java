package dev.tcg4j.runtime.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed ELF64 little-endian file: header, program headers, and the function symbols of its
 * symbol table. Every offset read from the file is checked against its length, so a truncated or
 * corrupt file fails with an {@link ElfFormatException} naming the problem, never an index error.
 */
public final class ElfFile {
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    private static final int EHDR_SIZE = 64;
    private static final int PHDR_SIZE = 56;
    private static final int SHDR_SIZE = 64;
    private static final int SHT_SYMTAB = 2;
    private static final int STT_FUNC = 2;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_LORESERVE = 0xff00;
    private static final int SYM_SIZE = 24;

    private final byte[] image;
    private final int type;
    private final int machine;
    private final long entry;
    private final long phoff;
    private final int phentsize;
    private final List<ProgramHeader> programHeaders;
    private final List<ElfSymbol> functions;
    private final String interpreter;

    private ElfFile(byte[] image, int type, int machine, long entry, long phoff, int phentsize,
            List<ProgramHeader> programHeaders, List<ElfSymbol> functions, String interpreter) {
        this.interpreter = interpreter;
        this.image = image;
        this.type = type;
        this.machine = machine;
        this.entry = entry;
        this.phoff = phoff;
        this.phentsize = phentsize;
        this.programHeaders = programHeaders;
        this.functions = functions;
    }

    /** Parses an ELF image; {@code expectedMachine} is the guest's e_machine. */
    public static ElfFile parse(byte[] image, int expectedMachine) throws ElfFormatException {
        if (image.length < 4 || image[0] != 0x7f || image[1] != 'E' || image[2] != 'L' || image[3] != 'F') {
            throw new ElfFormatException("not an ELF file");
        }
        if (image.length < EHDR_SIZE) {
            throw new ElfFormatException("truncated ELF file (header)");
        }
        if (image[4] != 2) {
            throw new ElfFormatException("not a 64-bit ELF file");
        }
        if (image[5] != 1) {
            throw new ElfFormatException("not a little-endian ELF file");
        }
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getShort(16) & 0xffff;
        int machine = b.getShort(18) & 0xffff;
        if (machine != expectedMachine) {
            throw new ElfFormatException("wrong architecture: ELF machine " + machine + ", expected " + expectedMachine);
        }
        if (type != ET_EXEC && type != ET_DYN) {
            throw new ElfFormatException("not an executable (ELF type " + type + ")");
        }
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        long shoff = b.getLong(40);
        int phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        int shentsize = b.getShort(58) & 0xffff;
        int shnum = b.getShort(60) & 0xffff;
        if (phnum == 0) {
            throw new ElfFormatException("no program headers");
        }
        if (phentsize != PHDR_SIZE) {
            throw new ElfFormatException("bad program header size " + phentsize);
        }
        checkRange(image, phoff, (long) phnum * PHDR_SIZE, "program headers");
        List<ProgramHeader> phdrs = new ArrayList<>();
        String interpreter = null;
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * PHDR_SIZE);
            ProgramHeader ph = new ProgramHeader(b.getInt(o), b.getInt(o + 4), b.getLong(o + 8), b.getLong(o + 16),
                    b.getLong(o + 32), b.getLong(o + 40), b.getLong(o + 48));
            if (ph.type() == ProgramHeader.PT_INTERP) {
                if (interpreter != null) {
                    throw new ElfFormatException("Multiple PT_INTERP entries");
                }
                interpreter = interpreterName(image, ph);
            }
            if (ph.isLoad()) {
                if (ph.fileSize() > ph.memSize() || ph.fileSize() < 0) {
                    throw new ElfFormatException("bad PT_LOAD segment " + i + ": file size over memory size");
                }
                checkRange(image, ph.offset(), ph.fileSize(), "segment " + i);
            }
            phdrs.add(ph);
        }
        if (phdrs.stream().noneMatch(ProgramHeader::isLoad)) {
            throw new ElfFormatException("no loadable segment");
        }
        List<ElfSymbol> functions = shnum == 0 || shoff == 0 || shentsize != SHDR_SIZE
                ? List.of() : readFunctions(image, b, shoff, shnum);
        return new ElfFile(image, type, machine, entry, phoff, phentsize, List.copyOf(phdrs), functions, interpreter);
    }

    /** The PT_INTERP path, which qemu requires to end in its NUL (load_elf_image). */
    private static String interpreterName(byte[] image, ProgramHeader ph) throws ElfFormatException {
        checkRange(image, ph.offset(), ph.fileSize(), "PT_INTERP");
        int start = (int) ph.offset();
        int last = (int) (ph.offset() + ph.fileSize() - 1);
        if (ph.fileSize() <= 0 || ph.fileSize() > 4096 || image[last] != 0) {
            throw new ElfFormatException("Invalid PT_INTERP entry");
        }
        int end = start;
        while (image[end] != 0) {
            end++;
        }
        return new String(image, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * Function symbols of the first SHT_SYMTAB, in the order QEMU 7.2's {@code load_symbols} leaves
     * them before sorting: it walks the table and overwrites each entry it drops (not a function, or
     * undefined, or in a reserved section) with the table's last entry. Symbol lookups that must
     * name the same alias as QEMU (several functions at one address) depend on that order. A corrupt
     * symbol table is ignored rather than fatal, as for objdump.
     */
    private static List<ElfSymbol> readFunctions(byte[] image, ByteBuffer b, long shoff, int shnum) {
        if (!inRange(image, shoff, (long) shnum * SHDR_SIZE)) {
            return List.of();
        }
        for (int i = 0; i < shnum; i++) {
            int sh = (int) (shoff + (long) i * SHDR_SIZE);
            if (b.getInt(sh + 4) != SHT_SYMTAB) {
                continue;
            }
            long off = b.getLong(sh + 24);
            long size = b.getLong(sh + 32);
            int link = b.getInt(sh + 40);
            if (link < 0 || link >= shnum || !inRange(image, off, size)) {
                return List.of();
            }
            int str = (int) (shoff + (long) link * SHDR_SIZE);
            long strOff = b.getLong(str + 24);
            long strSize = b.getLong(str + 32);
            if (!inRange(image, strOff, strSize)) {
                return List.of();
            }
            List<ElfSymbol> table = new ArrayList<>();
            for (long s = off; s + SYM_SIZE <= off + size; s += SYM_SIZE) {
                table.add(functionSymbol(image, b, (int) s, strOff, strSize));
            }
            int kept = table.size();
            for (int k = 0; k < kept; ) {
                if (table.get(k) == null) {
                    if (k < --kept) {
                        table.set(k, table.get(kept));
                    }
                } else {
                    k++;
                }
            }
            return List.copyOf(table.subList(0, kept));
        }
        return List.of();
    }

    /** The symbol at {@code o} if it is a defined function with a readable name, else null. */
    private static ElfSymbol functionSymbol(byte[] image, ByteBuffer b, int o, long strOff, long strSize) {
        int nameIdx = b.getInt(o);
        int info = image[o + 4] & 0xff;
        int shndx = b.getShort(o + 6) & 0xffff;
        long value = b.getLong(o + 8);
        long symSize = b.getLong(o + 16);
        if ((info & 0xf) != STT_FUNC || shndx == SHN_UNDEF || shndx >= SHN_LORESERVE || nameIdx < 0
                || nameIdx >= strSize) {
            return null;
        }
        int start = (int) (strOff + nameIdx);
        int end = start;
        while (end < strOff + strSize && image[end] != 0) {
            end++;
        }
        return new ElfSymbol(new String(image, start, end - start, StandardCharsets.UTF_8), value, symSize);
    }

    private static boolean inRange(byte[] image, long off, long len) {
        return off >= 0 && len >= 0 && off + len <= image.length && off + len >= off;
    }

    private static void checkRange(byte[] image, long off, long len, String what) throws ElfFormatException {
        if (!inRange(image, off, len)) {
            throw new ElfFormatException("truncated ELF file (" + what + " past the end of the file)");
        }
    }

    public byte[] image() {
        return image;
    }

    public int type() {
        return type;
    }

    public int machine() {
        return machine;
    }

    public long entry() {
        return entry;
    }

    public long phoff() {
        return phoff;
    }

    public int phentsize() {
        return phentsize;
    }

    public List<ProgramHeader> programHeaders() {
        return programHeaders;
    }

    public List<ElfSymbol> functions() {
        return functions;
    }

    /** The program interpreter PT_INTERP names (the dynamic loader), or null for a static program. */
    public String interpreter() {
        return interpreter;
    }
}
