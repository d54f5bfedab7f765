package dev.tcg4j.runtime.linux.syscall;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.AddressSpace;
import dev.tcg4j.runtime.linux.Errno;
import dev.tcg4j.runtime.linux.ProcessContext;
import java.lang.foreign.MemorySegment;

/** brk, mmap, munmap, mprotect, mremap and madvise on the guest's {@link AddressSpace}. */
final class MemorySyscalls {
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int PROT_EXEC = 4;
    static final int MAP_SHARED = 0x01;
    static final int MAP_PRIVATE = 0x02;
    static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_FIXED_NOREPLACE = 0x100000;
    static final int MREMAP_MAYMOVE = 1;
    static final int MREMAP_FIXED = 2;
    static final int MADV_DONTNEED = 4;
    private static final long PAGE_MASK = GuestMemory.PAGE_OFFSET_MASK;

    private final ProcessContext ctx;
    private final AddressSpace space;
    private final GuestMemory memory;
    private final MappedFiles files;

    MemorySyscalls(ProcessContext ctx) {
        this.ctx = ctx;
        this.space = ctx.space();
        this.memory = ctx.memory();
        this.files = new MappedFiles(memory, ctx.libc());
    }

    long brk(long addr) {
        return space.brk(addr);
    }

    /** RISC-V has no write-only pages: Linux gives PROT_WRITE mappings read access too. */
    /**
     * The protection bits a mapping may ask for: others are EINVAL, as qemu-riscv64 answers (Linux
     * would ignore unknown bits in mmap, and take PROT_GROWSDOWN in mprotect).
     */
    private static final long VALID_PROT = PROT_READ | PROT_WRITE | PROT_EXEC;

    private static int guestProt(long prot) {
        int p = (int) prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
        if ((p & PROT_WRITE) != 0) {
            p |= PROT_READ;
        }
        return p;
    }

    long mmap(long addr, long len, long prot, long flags, long fd, long off) {
        if (len == 0 || (off & PAGE_MASK) != 0 || (prot & ~VALID_PROT) != 0) {
            return -Errno.EINVAL;
        }
        long size = GuestMemory.pageCeil(len);
        if (size <= 0 || size >= memory.size()) {
            return -Errno.ENOMEM;
        }
        int type = (int) flags & (MAP_SHARED | MAP_PRIVATE);
        if (type == 0 || type == (MAP_SHARED | MAP_PRIVATE)) {
            return -Errno.EINVAL;
        }
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        int hostFd = -1;
        long mode = 0;
        if (!anonymous) {
            hostFd = ctx.fds().host((int) fd);
            if (hostFd < 0) {
                return -Errno.EBADF;
            }
            mode = files.accessMode(hostFd);
            long denied = mode < 0 ? mode : MappedFiles.checkAccess(mode, type == MAP_SHARED, (int) prot);
            if (denied < 0) {
                return denied;
            }
        }
        int p = guestProt(prot);
        long at;
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((addr & PAGE_MASK) != 0) {
                return -Errno.EINVAL;
            }
            if (addr < AddressSpace.MIN_ADDR || !space.inWindow(addr, size)) {
                return -Errno.ENOMEM;
            }
            if ((flags & MAP_FIXED) == 0 && !space.isFree(addr, addr + size)) {
                return -Errno.EEXIST;
            }
            if (!space.fitsLimit(addr, size)) {
                return -Errno.ENOMEM;
            }
            space.mapFixed(addr, size, p);
            at = addr;
        } else {
            at = space.mapAnywhere(addr, size, p);
            if (at < 0) {
                return -Errno.ENOMEM;
            }
        }
        if (anonymous) {
            if (type == MAP_SHARED) {
                files.shareAnonymous(at, size);
            }
        } else {
            long r = files.map(at, size, hostFd, mode, off, type == MAP_SHARED) ? 0 : fillFromFile(at, len, hostFd, off, p);
            if (r < 0) {
                space.unmap(at, size);
                return r;
            }
            space.labelFile(at, size, AddressSpace.MappedFile.of(java.nio.file.Path.of("/proc/self/fd/" + hostFd)), off);
        }
        return at;
    }

    /**
     * Where guest memory cannot map the file (a device, a pipe, a memory that observes stores), the
     * mapping is a private copy of its bytes, and MAP_SHARED stores do not reach it. The pages are
     * writable while the host reads into them, then get their real protection.
     */
    private long fillFromFile(long at, long len, int hostFd, long off, int prot) {
        memory.protect(at, GuestMemory.pageCeil(len), GuestMemory.READ | GuestMemory.WRITE);
        long done = 0;
        long r = 0;
        while (done < len) {
            long chunk = Math.min(len - done, 1L << 30);
            MemorySegment dst = MemorySegment.ofBuffer(memory.buffer(at + done, (int) chunk, true));
            r = ctx.libc().pread(hostFd, dst, chunk, off + done);
            if (r <= 0) {
                break;
            }
            done += r;
        }
        memory.protect(at, GuestMemory.pageCeil(len), prot);
        return r < 0 ? r : 0;
    }

    long munmap(long addr, long len) {
        if ((addr & PAGE_MASK) != 0 || len == 0 || !space.inWindow(addr, len)) {
            return -Errno.EINVAL;
        }
        space.unmap(addr, len);
        return 0;
    }

    long mprotect(long addr, long len, long prot) {
        if ((addr & PAGE_MASK) != 0 || (prot & ~VALID_PROT) != 0) {
            return -Errno.EINVAL;
        }
        if (len == 0) {
            return 0;
        }
        if (!space.inWindow(addr, len)) {
            return -Errno.ENOMEM;
        }
        return space.protect(addr, len, guestProt(prot)) ? 0 : -Errno.ENOMEM;
    }

    long mremap(long addr, long oldLen, long newLen, long flags, long newAddr) {
        // MREMAP_FIXED moves only where moving is allowed; MREMAP_DONTUNMAP is not offered (nor by qemu 7.2)
        if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) != 0 || (flags & (MREMAP_MAYMOVE | MREMAP_FIXED)) == MREMAP_FIXED) {
            return -Errno.EINVAL;
        }
        if (oldLen == 0 || !space.inWindow(addr, oldLen)) {
            return -Errno.EINVAL;
        }
        if ((flags & MREMAP_FIXED) != 0) {
            return space.remapTo(addr, oldLen, newLen, newAddr);
        }
        return space.remap(addr, oldLen, newLen, (flags & MREMAP_MAYMOVE) != 0);
    }

    /** MADV_DONTNEED drops the pages' contents: anonymous memory reads zero afterwards. */
    long madvise(long addr, long len, long advice) {
        if ((addr & PAGE_MASK) != 0) {
            return -Errno.EINVAL;
        }
        if (advice == MADV_DONTNEED && len > 0 && space.inWindow(addr, len)) {
            long end = GuestMemory.pageCeil(addr + len);
            for (long p = addr; p < end; p += GuestMemory.PAGE_SIZE) {
                int prot = memory.protection(p);
                if (prot != 0) {
                    memory.unmap(p, GuestMemory.PAGE_SIZE);
                    memory.map(p, GuestMemory.PAGE_SIZE, prot);
                }
            }
        }
        return 0;
    }
}
