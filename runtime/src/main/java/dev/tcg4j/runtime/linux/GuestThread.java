package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.runtime.linux.fs.ProcessFs;
import dev.tcg4j.runtime.linux.signal.ThreadSignals;

/**
 * One guest thread (a Linux task of the process): its vCPU, its thread id, its signal state and what
 * the kernel does for it when it exits (clear_child_tid, the robust futex list).
 */
public final class GuestThread {
    private final int tid;
    private final CpuState cpu;
    private final ThreadSignals signals;
    private final Thread host;
    /** set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken when the thread exits; 0 for none. */
    private volatile long clearChildTid;
    /** set_robust_list's head, walked when the thread exits; 0 for none. */
    private volatile long robustList;
    private volatile byte[] name;
    private final ProcessFs.Seen fsSeen = new ProcessFs.Seen();

    GuestThread(int tid, CpuState cpu, ThreadSignals signals, Thread host, byte[] name) {
        this.tid = tid;
        this.cpu = cpu;
        this.signals = signals;
        this.host = host;
        this.name = name;
    }

    public int tid() {
        return tid;
    }

    public CpuState cpu() {
        return cpu;
    }

    public ThreadSignals signals() {
        return signals;
    }

    /** The host thread running this vCPU. */
    public Thread host() {
        return host;
    }

    public long clearChildTid() {
        return clearChildTid;
    }

    public void setClearChildTid(long addr) {
        clearChildTid = addr;
    }

    public long robustList() {
        return robustList;
    }

    public void setRobustList(long head) {
        robustList = head;
    }

    /** How far this thread's host thread has taken its process's cwd and umask. */
    public ProcessFs.Seen fsSeen() {
        return fsSeen;
    }

    /** The thread's name (prctl PR_SET_NAME), at most 15 bytes. */
    public byte[] name() {
        return name;
    }

    public void setName(byte[] name) {
        this.name = name;
    }
}
