package dev.tcg4j.runtime.wiring;

import dev.tcg4j.injector.GuestInfo;
import dev.tcg4j.runtime.elf.ElfFile;
import dev.tcg4j.runtime.elf.ProgramHeader;
import dev.tcg4j.runtime.linux.LoadedProgram;
import javax.inject.Inject;

/**
 * Where the run's program was loaded, as plugins' information functions report it; set by
 * {@link GuestRun} once the loader has placed the program, before the plugins start.
 */
@RunScope
final class LoadedImage {
    private volatile GuestInfo.Program program = GuestInfo.Program.UNKNOWN;

    @Inject
    LoadedImage() {}

    /**
     * As QEMU's load_elf_image: the code is the executable PT_LOAD segments, from the lowest address to
     * the end of their file contents; load bias applied.
     */
    void loaded(ElfFile elf, LoadedProgram loaded, String absolutePath) {
        long start = -1;
        long end = 0;
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.isLoad() && (ph.flags() & ProgramHeader.PF_X) != 0) {
                long vaddr = ph.vaddr() + loaded.loadBias();
                if (start == -1 || Long.compareUnsigned(vaddr, start) < 0) {
                    start = vaddr;
                }
                end = Math.max(end, vaddr + ph.fileSize());
            }
        }
        program = new GuestInfo.Program(start == -1 ? 0 : start, end, loaded.entry(), absolutePath);
    }

    GuestInfo.Program program() {
        return program;
    }
}
