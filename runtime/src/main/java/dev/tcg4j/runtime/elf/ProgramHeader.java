package dev.tcg4j.runtime.elf;

/** One ELF64 program header (Elf64_Phdr). */
public record ProgramHeader(int type, int flags, long offset, long vaddr, long fileSize, long memSize, long align) {
    public static final int PT_LOAD = 1;
    public static final int PT_INTERP = 3;
    public static final int PT_PHDR = 6;
    public static final int PT_TLS = 7;
    public static final int PT_GNU_STACK = 0x6474e551;

    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    /** Whether the segment holds the file range {@code [off, off+len)}. */
    public boolean containsFileRange(long off, long len) {
        return off >= offset && off + len <= offset + fileSize;
    }
}
