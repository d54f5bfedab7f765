package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ElfFormatException;
import dev.tcg4j.runtime.elf.FunctionSymbols;
import dev.tcg4j.runtime.elf.ProgramHeader;
import java.nio.file.Path;

/**
 * Loads an ELF image as qemu-riscv64 7.2's load_elf_image does: one PROT_NONE reservation spanning
 * every PT_LOAD segment (ET_EXEC at its link address, ET_DYN wherever mmap puts it, which makes the
 * load bias), then each segment's pages with its permissions, the file bytes copied in and the rest
 * of its memory (bss) zero. Pages of the reservation no segment covers stay reserved and inaccessible.
 * The main program's reservation also holds {@link #BRK_RESERVE} bytes past its end, so that the
 * stack, the interpreter and the first mmaps are placed above the heap's room; the caller releases
 * them ({@link #releaseBrkReserve}) once those are placed.
 */
public final class ProgramLoader {
    /** qemu's reserve_brk for a 64-bit guest. */
    public static final long BRK_RESERVE = 32L << 20;

    private ProgramLoader() {}

    /** Loads the main program (the one whose heap follows it). */
    public static LoadedProgram load(ElfFile elf, AddressSpace space) throws ElfFormatException {
        return load(elf, space, true, null);
    }

    /**
     * @param mainProgram whether this is the program itself rather than its interpreter: only the
     *     program reserves room for the heap and sets where it starts
     * @param file the file the image was read from, for /proc/self/maps (null: shown as anonymous)
     */
    public static LoadedProgram load(ElfFile elf, AddressSpace space, boolean mainProgram, AddressSpace.MappedFile file)
            throws ElfFormatException {
        GuestMemory memory = space.memory();
        long loaddr = -1;
        long hiaddr = 0;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (!ph.isLoad()) {
                continue;
            }
            if (ph.vaddr() % GuestMemory.PAGE_SIZE != ph.offset() % GuestMemory.PAGE_SIZE) {
                throw new ElfFormatException("segment at 0x" + Long.toHexString(ph.vaddr())
                        + " is not page-aligned with its file offset");
            }
            loaddr = Long.compareUnsigned(ph.vaddr() - ph.offset(), loaddr) < 0 ? ph.vaddr() - ph.offset() : loaddr;
            hiaddr = Long.compareUnsigned(ph.vaddr() + ph.memSize() - 1, hiaddr) > 0 ? ph.vaddr() + ph.memSize() - 1 : hiaddr;
        }
        long span = hiaddr - loaddr + 1 + (mainProgram ? BRK_RESERVE : 0);
        if (loaddr < 0 || hiaddr < loaddr || span <= 0 || !space.inWindow(loaddr, span)) {
            throw new ElfFormatException("segments at 0x" + Long.toHexString(loaddr) + "..0x" + Long.toHexString(hiaddr)
                    + " do not fit the guest address space");
        }
        long loadAddr;
        if (elf.type() == ElfFile.ET_DYN) {
            loadAddr = space.mapAnywhere(loaddr, span, 0);
            if (loadAddr < 0) {
                throw new ElfFormatException("no room for " + span + " bytes of segments");
            }
        } else {
            // the page of the headers may lie below the first segment's (hand-made files): reserve from the segments
            long from = Math.max(loaddr, lowestSegmentPage(elf));
            if (from < AddressSpace.MIN_ADDR) {
                throw new ElfFormatException("segment at 0x" + Long.toHexString(from) + " does not fit the guest address space");
            }
            space.mapFixed(from, loaddr + span - from, 0);
            loadAddr = loaddr;
        }
        long bias = loadAddr - loaddr;
        long brk = 0;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (!ph.isLoad() || ph.memSize() == 0) {
                continue;
            }
            long vaddr = ph.vaddr() + bias;
            protectSegmentPages(space, vaddr, ph.memSize(), protection(ph.flags()));
            if (!(file != null && mappable(elf, ph) && memory.mapFile(GuestMemory.pageFloor(vaddr),
                    GuestMemory.pageCeil(vaddr + ph.fileSize()) - GuestMemory.pageFloor(vaddr), Path.of(file.path()),
                    GuestMemory.pageFloor(ph.offset())))) {
                memory.writeInitial(vaddr, elf.image(), (int) ph.offset(), (int) ph.fileSize());
            }
            zeroTail(memory, vaddr + ph.fileSize(), vaddr + ph.memSize());
            if (ph.fileSize() > 0) {
                long pageOffset = vaddr & GuestMemory.PAGE_OFFSET_MASK;
                space.labelFile(vaddr - pageOffset, ph.fileSize() + pageOffset, file, ph.offset() - pageOffset);
            }
            brk = Math.max(brk, vaddr + ph.memSize());
        }
        if (mainProgram) {
            space.initBrk(brk);
        }
        return new LoadedProgram(elf.entry() + bias, loadAddr + elf.phoff(), elf.phentsize(),
                elf.programHeaders().size(), bias, loadAddr, GuestMemory.pageCeil(brk),
                new FunctionSymbols(elf.functions(), bias));
    }

    /**
     * Whether a segment's pages can map its file rather than hold a copy, as Linux maps it: one the
     * program cannot write, all of it from the file (no bss to zero), on pages of its own. Like
     * Linux's, its last page shows the file's bytes that follow the segment.
     */
    private static boolean mappable(ElfFile elf, ProgramHeader ph) {
        if ((ph.flags() & ProgramHeader.PF_W) != 0 || ph.fileSize() != ph.memSize() || ph.fileSize() == 0) {
            return false;
        }
        long first = GuestMemory.pageFloor(ph.vaddr());
        long end = GuestMemory.pageCeil(ph.vaddr() + ph.memSize());
        for (ProgramHeader other : elf.programHeaders()) {
            if (other != ph && other.isLoad() && other.memSize() > 0
                    && GuestMemory.pageFloor(other.vaddr()) < end && GuestMemory.pageCeil(other.vaddr() + other.memSize()) > first) {
                return false;
            }
        }
        return true;
    }

    private static long lowestSegmentPage(ElfFile elf) {
        long lowest = -1;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.isLoad() && Long.compareUnsigned(GuestMemory.pageFloor(ph.vaddr()), lowest) < 0) {
                lowest = GuestMemory.pageFloor(ph.vaddr());
            }
        }
        return lowest;
    }

    /**
     * Gives back the heap's room the main program's reservation held (qemu's load_elf_binary does
     * this after placing the stack, the interpreter and the signal trampoline): brk grows into it.
     */
    public static void releaseBrkReserve(AddressSpace space, LoadedProgram program) {
        space.unmap(program.brkStart(), BRK_RESERVE);
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
     * Opens the pages of a segment in the reservation. A page the previous segment already opened
     * (text and data may share one) keeps its contents and gets the union of both permissions.
     */
    private static void protectSegmentPages(AddressSpace space, long vaddr, long memSize, int prot) {
        GuestMemory memory = space.memory();
        long first = GuestMemory.pageFloor(vaddr);
        long end = GuestMemory.pageCeil(vaddr + memSize);
        space.protect(first, AddressSpace.PAGE, memory.protection(first) | prot);
        if (end - first > AddressSpace.PAGE) {
            long last = end - AddressSpace.PAGE;
            if (last > first + AddressSpace.PAGE) {
                space.protect(first + AddressSpace.PAGE, last - first - AddressSpace.PAGE, prot);
            }
            space.protect(last, AddressSpace.PAGE, memory.protection(last) | prot);
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
