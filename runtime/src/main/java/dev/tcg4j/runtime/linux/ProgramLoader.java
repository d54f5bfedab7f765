package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ElfFormatException;
import dev.tcg4j.runtime.elf.FunctionSymbols;
import dev.tcg4j.runtime.elf.ProgramHeader;

/**
 * Loads a statically linked ELF program as Linux's binfmt_elf does: each PT_LOAD segment at its
 * address with its permissions, the file bytes copied in, the rest of its memory (bss) zero, and
 * the heap starting after the highest segment. A static PIE (ET_DYN) is placed at a fixed bias.
 */
public final class ProgramLoader {
    /** Where a position-independent static program goes (Linux uses 2/3 of the address space). */
    public static final long PIE_BASE = 0x40000000L;

    private ProgramLoader() {}

    public static LoadedProgram load(ElfFile elf, AddressSpace space) throws ElfFormatException {
        GuestMemory memory = space.memory();
        long bias = elf.type() == ElfFile.ET_DYN ? PIE_BASE : 0;
        long highest = 0;
        long phdrAddr = 0;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (!ph.isLoad() || ph.memSize() == 0) {
                continue;
            }
            long vaddr = ph.vaddr() + bias;
            if (vaddr < AddressSpace.MIN_ADDR || !space.inWindow(vaddr, ph.memSize())
                    || vaddr + ph.memSize() > space.stackTop() / 2) {
                throw new ElfFormatException("segment at 0x" + Long.toHexString(vaddr) + " does not fit the guest address space");
            }
            if ((ph.vaddr() - ph.offset()) % GuestMemory.PAGE_SIZE != 0) {
                throw new ElfFormatException("segment at 0x" + Long.toHexString(vaddr) + " is not page-aligned with its file offset");
            }
            mapSegmentPages(space, vaddr, ph.memSize(), protection(ph.flags()));
            byte[] image = elf.image();
            memory.writeInitial(vaddr, image, (int) ph.offset(), (int) ph.fileSize());
            zeroTail(memory, vaddr + ph.fileSize(), vaddr + ph.memSize());
            highest = Math.max(highest, vaddr + ph.memSize());
            if (ph.containsFileRange(elf.phoff(), (long) elf.phentsize() * elf.programHeaders().size())) {
                phdrAddr = vaddr + (elf.phoff() - ph.offset());
            }
        }
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type() == ProgramHeader.PT_PHDR) {
                phdrAddr = ph.vaddr() + bias;
            }
        }
        space.initBrk(highest);
        return new LoadedProgram(elf.entry() + bias, phdrAddr, elf.phentsize(), elf.programHeaders().size(), bias,
                space.brkStart(), new FunctionSymbols(elf.functions(), bias));
    }

    static int protection(int pflags) {
        int prot = 0;
        if ((pflags & ProgramHeader.PF_R) != 0) {
            prot |= GuestMemory.READ;
        }
        if ((pflags & ProgramHeader.PF_W) != 0) {
            prot |= GuestMemory.WRITE;
        }
        if ((pflags & ProgramHeader.PF_X) != 0) {
            prot |= GuestMemory.EXEC;
        }
        return prot;
    }

    /**
     * Maps the pages of a segment. A page the previous segment already mapped (text and data may share
     * one) keeps its contents and gets the union of both permissions.
     */
    private static void mapSegmentPages(AddressSpace space, long vaddr, long memSize, int prot) {
        GuestMemory memory = space.memory();
        long start = GuestMemory.pageFloor(vaddr);
        long end = GuestMemory.pageCeil(vaddr + memSize);
        long p = start;
        while (p < end) {
            if (!space.isFree(p, p + AddressSpace.PAGE)) {
                space.protect(p, AddressSpace.PAGE, memory.protection(p) | prot);
                p += AddressSpace.PAGE;
                continue;
            }
            long q = p;
            while (q < end && space.isFree(q, q + AddressSpace.PAGE)) {
                q += AddressSpace.PAGE;
            }
            space.mapFixed(p, q - p, prot);
            p = q;
        }
    }

    /** The bss part of a page that also holds file bytes may hold file bytes past filesz: zero it. */
    private static void zeroTail(GuestMemory memory, long from, long to) {
        long pageEnd = Math.min(GuestMemory.pageCeil(from), to);
        if (pageEnd > from) {
            memory.writeInitial(from, new byte[(int) (pageEnd - from)], 0, (int) (pageEnd - from));
        }
    }
}
