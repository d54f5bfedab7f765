package dev.tcg4j.ir.cpu;

/**
 * Thrown out of a helper (a plugin callback that ends the program, as QEMU's plugins call
 * {@code exit()}) to end the guest process with {@link #status()}, as {@code exit_group} would. It
 * passes through the plugin adapters and the CPU loop untouched; the thread running the vCPU ends the
 * process. Registers need not be in {@code CpuState}: nothing runs afterwards.
 */
public final class ExitProcess extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ExitProcess(int status) {
        super("exit " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
