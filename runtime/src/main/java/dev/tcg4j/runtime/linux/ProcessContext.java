package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.runtime.linux.fs.FdTable;
import dev.tcg4j.runtime.linux.fs.ProcessFs;
import dev.tcg4j.runtime.linux.fs.Sysroot;
import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.linux.signal.Signals;

/**
 * What the system calls of one guest process work on.
 *
 * @param abi what the guest architecture's Linux does its own way (syscall numbers, uname's machine)
 * @param programPath the program's absolute host path: what /proc/self/exe reads as
 * @param pid the guest's pid (the host's), also the tid of its main thread
 * @param sysroot the -L prefix, for the system calls qemu looks paths up in it for
 * @param procFiles the /proc files made up for the guest
 * @param threads the process's live threads
 * @param processes the run's processes: relatives, groups, zombies
 * @param fs the process's cwd and umask
 */
public record ProcessContext(GuestMemory memory, AddressSpace space, FdTable fds, Libc libc, Signals signals,
        String programPath, int pid, LinuxAbi abi, Sysroot sysroot, ProcFiles procFiles, GuestThreads threads,
        dev.tcg4j.runtime.linux.process.ProcessTable processes, ProcessFs fs) {}
