package dev.tcg4j.runtime.linux;

import dev.tcg4j.runtime.linux.signal.Signals;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The /proc files qemu-user makes up for the guest (do_openat's fake_open table) instead of passing
 * the host's, which would describe the emulator: /proc/self/maps (the guest's mappings), auxv (the
 * vector on the initial stack), cmdline (the guest's argv), stat (the guest process, not the JVM:
 * its name, relatives, threads and CPU times), and beyond qemu 7.2 status and comm (the guest
 * process's name, ids, threads and signal masks), and /proc/cpuinfo in the format of qemu's riscv
 * targets (qemu 7.2 still passes the host's; later qemu makes it up as here).
 */
public final class ProcFiles {
    private final AddressSpace space;
    private final int pid;
    private final String cpuinfoIsa;
    /** clock_t ticks per second (USER_HZ), the unit of stat's times. */
    private static final long TICKS_PER_SECOND = 100;
    private volatile List<String> argv = List.of();
    private volatile long startStack;
    private volatile long startTicks;
    private volatile Supplier<Status> status =
            () -> new Status(new byte[0], 0, 0, 0, 1, CpuTimes.ZERO, CpuTimes.ZERO, new Signals.Masks(0, 0, 0, 0, 0));
    private volatile long auxvAddr;
    private volatile int auxvLength;

    public ProcFiles(AddressSpace space, int pid, String cpuinfoIsa) {
        this.space = space;
        this.pid = pid;
        this.cpuinfoIsa = cpuinfoIsa;
    }

    /**
     * What /proc/self/stat and status tell beyond the image: the name of the main thread (prctl
     * PR_SET_NAME's), the relatives, how many threads, the CPU of the process and of its reaped
     * children, the main thread's signal masks.
     */
    public record Status(byte[] name, int ppid, int pgrp, int session, int threads, CpuTimes cpu,
            CpuTimes children, Signals.Masks signals) {}

    /** Where /proc/self/stat reads the process's state when it is opened. */
    void describeWith(Supplier<Status> status) {
        this.status = status;
    }

    /** Called once the initial stack is written; {@code sp} is the stack pointer the program starts with. */
    void started(List<String> argv, long auxvAddr, int auxvLength, long sp) {
        this.argv = List.copyOf(argv);
        this.auxvAddr = auxvAddr;
        this.auxvLength = auxvLength;
        this.startStack = sp;
        this.startTicks = uptimeTicks();
    }

    /** fork: the child's /proc/self files show what its parent's showed; it started now. */
    void copyFrom(ProcFiles parent) {
        started(parent.argv, parent.auxvAddr, parent.auxvLength, parent.startStack);
    }

    /** The made-up contents for {@code path} as the guest named it, or null when the host's file is meant. */
    public byte[] contents(String path) {
        if (path.equals("/proc/cpuinfo")) {
            return cpuinfo().getBytes(StandardCharsets.UTF_8);
        }
        String entry = selfEntry(path);
        if (entry == null) {
            return null;
        }
        return switch (entry) {
            case "maps" -> space.describeMaps().getBytes(StandardCharsets.UTF_8);
            case "auxv" -> auxv();
            case "cmdline" -> cmdline();
            case "stat" -> stat().getBytes(StandardCharsets.UTF_8);
            case "status" -> status().getBytes(StandardCharsets.UTF_8);
            case "comm" -> (name(status.get()) + "\n").getBytes(StandardCharsets.UTF_8);
            default -> null;
        };
    }

    /** qemu's is_proc_myself: the part after /proc/self/ or /proc/PID/ (this process's pid), else null. */
    private String selfEntry(String path) {
        String prefix = "/proc/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        if (rest.startsWith("self/")) {
            return rest.substring("self/".length());
        }
        String mine = pid + "/";
        return rest.startsWith(mine) ? rest.substring(mine.length()) : null;
    }

    private byte[] auxv() {
        byte[] out = new byte[auxvLength];
        if (auxvLength > 0) {
            space.memory().read(auxvAddr, out, 0, auxvLength);
        }
        return out;
    }

    private byte[] cmdline() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String arg : argv) {
            out.writeBytes(arg.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /**
     * The 52 fields of proc_pid_stat(5). Those qemu 7.2 fills (pid, name, ppid, starttime,
     * startstack) come out as under qemu; state, group, session, the thread count and the CPU times
     * as Linux gives them; the memory and scheduling figures, which would describe the emulator, 0.
     */
    private String stat() {
        Status st = status.get();
        StringBuilder out = new StringBuilder();
        String name = name(st);
        out.append(pid).append(" (").append(name).append(") R ").append(st.ppid()).append(' ')
                .append(st.pgrp()).append(' ').append(st.session()).append(" 0 -1 0 0 0 0 0 ")
                .append(st.cpu().userTicks()).append(' ').append(st.cpu().systemTicks()).append(' ')
                .append(st.children().userTicks()).append(' ').append(st.children().systemTicks())
                .append(" 20 0 ").append(st.threads()).append(" 0 ").append(startTicks).append(" 0 0 0 0 0 ")
                .append(Long.toUnsignedString(startStack));
        for (int field = 29; field <= 52; field++) {
            out.append(" 0");
        }
        return out.append('\n').toString();
    }

    private String name(Status st) {
        return st.name().length > 0 ? new String(st.name(), StandardCharsets.UTF_8) : programName();
    }

    /**
     * proc_pid_status(5): the host's file, which qemu 7.2 passes whole (so that its Name is
     * qemu-riscv64's and its Threads the emulator's), with the lines that would describe the JVM
     * rewritten for the guest process: its name, state, ids, thread count and signal masks. The
     * memory, capability and scheduling lines stay the host's, as under qemu.
     */
    private String status() {
        Status st = status.get();
        String host;
        try {
            host = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            host = "";
        }
        Signals.Masks masks = st.signals();
        StringBuilder out = new StringBuilder();
        for (String line : host.split("\n")) {
            int colon = line.indexOf(':');
            String key = colon < 0 ? line : line.substring(0, colon);
            String value = switch (key) {
                case "Name" -> name(st);
                case "State" -> "R (running)";
                case "Tgid", "Pid", "NStgid", "NSpid" -> Integer.toString(pid);
                case "PPid" -> Integer.toString(st.ppid());
                case "NSpgid" -> Integer.toString(st.pgrp());
                case "NSsid" -> Integer.toString(st.session());
                case "TracerPid" -> "0";
                case "Threads" -> Integer.toString(st.threads());
                case "SigPnd" -> sigset(masks.threadPending());
                case "ShdPnd" -> sigset(masks.processPending());
                case "SigBlk" -> sigset(masks.blocked());
                case "SigIgn" -> sigset(masks.ignored());
                case "SigCgt" -> sigset(masks.caught());
                default -> null;
            };
            out.append(value == null ? line : key + ":\t" + value).append('\n');
        }
        return out.toString();
    }

    private static String sigset(long mask) {
        return String.format("%016x", mask);
    }

    /** qemu's name for the process: argv[0]'s last component, at most 15 characters. */
    private String programName() {
        String first = argv.isEmpty() ? "" : argv.get(0);
        String base = first.substring(first.lastIndexOf('/') + 1);
        return base.length() > 15 ? base.substring(0, 15) : base;
    }

    /** Ticks since boot, the unit of stat's starttime (the host's /proc/uptime; 0 where it cannot be read). */
    private static long uptimeTicks() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime"));
            return (long) (Double.parseDouble(uptime.substring(0, uptime.indexOf(' '))) * TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** qemu's riscv open_cpuinfo: one block per host processor. */
    private String cpuinfo() {
        StringBuilder out = new StringBuilder();
        int cpus = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i < cpus; i++) {
            out.append("processor\t: ").append(i).append('\n');
            out.append("hart\t\t: ").append(i).append('\n');
            out.append("isa\t\t: ").append(cpuinfoIsa).append('\n');
            out.append("mmu\t\t: sv57\n");
            out.append("uarch\t\t: qemu\n\n");
        }
        return out.toString();
    }
}
