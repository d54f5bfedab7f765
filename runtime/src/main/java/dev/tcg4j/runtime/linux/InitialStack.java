package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.GuestMemory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the process's initial stack as Linux's {@code create_elf_tables} does. From the top down: a
 * zero word, the AT_EXECFN string, the environment strings, the argument strings (so that, read
 * upwards, they come in order argv[0].., envp[0].., execfn), 16 random bytes for AT_RANDOM, then at
 * the 16-byte aligned stack pointer: argc, argv[], NULL, envp[], NULL, auxv pairs ending in AT_NULL.
 */
public final class InitialStack {
    public static final int AT_NULL = 0;
    public static final int AT_PHDR = 3;
    public static final int AT_PHENT = 4;
    public static final int AT_PHNUM = 5;
    public static final int AT_PAGESZ = 6;
    public static final int AT_BASE = 7;
    public static final int AT_FLAGS = 8;
    public static final int AT_ENTRY = 9;
    public static final int AT_UID = 11;
    public static final int AT_EUID = 12;
    public static final int AT_GID = 13;
    public static final int AT_EGID = 14;
    public static final int AT_HWCAP = 16;
    public static final int AT_CLKTCK = 17;
    public static final int AT_SECURE = 23;
    public static final int AT_RANDOM = 25;
    public static final int AT_EXECFN = 31;

    /** Linux's USER_HZ, what AT_CLKTCK reports. */
    public static final int CLOCK_TICKS = 100;

    /** Process identity for the auxiliary vector. */
    public record Ids(long uid, long euid, long gid, long egid) {}

    /** What {@link #build} wrote: the stack pointer and the addresses a test or a debugger wants. */
    public record Layout(long sp, long argv, long envp, long auxv, long random, long execfn, int auxvLength) {}

    private InitialStack() {}

    /** For a program without an interpreter. */
    public static Layout build(GuestMemory mem, long stackTop, List<String> argv, List<String> envp, String execfn,
            LoadedProgram program, long hwcap, Ids ids, byte[] random16) {
        return build(mem, stackTop, argv, envp, execfn, program, 0, hwcap, ids, random16);
    }

    /** @param interpreterBase where the program interpreter was loaded (AT_BASE), 0 for none */
    public static Layout build(GuestMemory mem, long stackTop, List<String> argv, List<String> envp, String execfn,
            LoadedProgram program, long interpreterBase, long hwcap, Ids ids, byte[] random16) {
        List<byte[]> args = encode(argv);
        List<byte[]> envs = encode(envp);
        byte[] fn = (execfn + "\0").getBytes(StandardCharsets.UTF_8);

        long p = stackTop - 8;
        write(mem, p, new byte[8]);
        p -= fn.length;
        long execfnAddr = p;
        write(mem, p, fn);
        int stringBytes = 0;
        for (byte[] s : args) {
            stringBytes += s.length;
        }
        for (byte[] s : envs) {
            stringBytes += s.length;
        }
        p -= stringBytes;
        long[] argPtrs = new long[args.size()];
        long[] envPtrs = new long[envs.size()];
        long at = p;
        for (int i = 0; i < args.size(); i++) {
            argPtrs[i] = at;
            write(mem, at, args.get(i));
            at += args.get(i).length;
        }
        for (int i = 0; i < envs.size(); i++) {
            envPtrs[i] = at;
            write(mem, at, envs.get(i));
            at += envs.get(i).length;
        }
        p &= ~15L;
        p -= 16;
        long randomAddr = p;
        write(mem, p, random16);

        // QEMU's order (linux-user create_elf_tables), which differs from the kernel's only in order
        long[] auxv = {
            AT_PHDR, program.phdrAddr(),
            AT_PHENT, program.phent(),
            AT_PHNUM, program.phnum(),
            AT_PAGESZ, GuestMemory.PAGE_SIZE,
            AT_BASE, interpreterBase,
            AT_FLAGS, 0,
            AT_ENTRY, program.entry(),
            AT_UID, ids.uid(),
            AT_EUID, ids.euid(),
            AT_GID, ids.gid(),
            AT_EGID, ids.egid(),
            AT_HWCAP, hwcap,
            AT_CLKTCK, CLOCK_TICKS,
            AT_RANDOM, randomAddr,
            AT_SECURE, 0,
            AT_EXECFN, execfnAddr,
            AT_NULL, 0,
        };
        long words = 1 + (args.size() + 1) + (envs.size() + 1) + auxv.length;
        long sp = (p - words * 8) & ~15L;
        long argvAddr = writeWords(mem, sp, args.size());
        long envpAddr = writeWords(mem, writeWords(mem, argvAddr, argPtrs), 0);
        long auxvAddr = writeWords(mem, writeWords(mem, envpAddr, envPtrs), 0);
        writeWords(mem, auxvAddr, auxv);
        return new Layout(sp, argvAddr, envpAddr, auxvAddr, randomAddr, execfnAddr, auxv.length * 8);
    }

    private static List<byte[]> encode(List<String> strings) {
        List<byte[]> out = new ArrayList<>(strings.size());
        for (String s : strings) {
            out.add((s + "\0").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Stores {@code words} as 64-bit words from {@code addr}; returns the address after them. */
    private static long writeWords(GuestMemory mem, long addr, long... words) {
        for (long word : words) {
            mem.st64(addr, word);
            addr += 8;
        }
        return addr;
    }

    private static void write(GuestMemory mem, long addr, byte[] bytes) {
        mem.write(addr, bytes);
    }
}
