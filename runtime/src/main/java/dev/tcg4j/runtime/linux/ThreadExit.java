package dev.tcg4j.runtime.linux;

/**
 * One guest thread ends (the exit system call): thrown out of its CPU loop. The process goes on
 * while other threads live; the last thread's exit code is the process's status.
 */
public final class ThreadExit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ThreadExit(int status) {
        super("thread exit " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
