package dev.tcg4j.runtime.linux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The /proc files qemu-user makes up for the guest (do_openat's fake_open table) instead of passing
 * the host's, which would describe the emulator: /proc/self/maps (the guest's mappings), auxv (the
 * vector on the initial stack), cmdline (the guest's argv), and /proc/cpuinfo in the format of
 * qemu's riscv targets (qemu 7.2 still passes the host's; later qemu makes it up as here).
 */
public final class ProcFiles {
    private final AddressSpace space;
    private final int pid;
    private final String cpuinfoIsa;
    private volatile List<String> argv = List.of();
    private volatile long auxvAddr;
    private volatile int auxvLength;

    public ProcFiles(AddressSpace space, int pid, String cpuinfoIsa) {
        this.space = space;
        this.pid = pid;
        this.cpuinfoIsa = cpuinfoIsa;
    }

    /** Called once the initial stack is written. */
    void started(List<String> argv, long auxvAddr, int auxvLength) {
        this.argv = List.copyOf(argv);
        this.auxvAddr = auxvAddr;
        this.auxvLength = auxvLength;
    }

    /** fork: the child's /proc/self files show what its parent's showed. */
    void copyFrom(ProcFiles parent) {
        started(parent.argv, parent.auxvAddr, parent.auxvLength);
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
