package dev.tcg4j.runtime.linux;

import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.runtime.linux.signal.ThreadSignals;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live threads of one guest process and how the process ends: when its last thread exits, by
 * exit_group or a fatal signal in any thread, or by an emulator failure. Ending asks every other
 * vCPU to stop at its next block boundary and interrupts its host thread, so that one blocked in a
 * futex, a sleep or rt_sigsuspend returns at once.
 */
public final class GuestThreads {
    private final Map<CpuState, GuestThread> byCpu = new ConcurrentHashMap<>();
    private final Map<Integer, GuestThread> byTid = new ConcurrentHashMap<>();
    /** vCPU indices in use, guarded by this. */
    private final BitSet indices = new BitSet();
    private volatile VcpuStarter starter;
    private boolean ended;
    private int status;
    private int signal;
    private String failure;

    /**
     * How the process ended: its status (128 + signal for a death by signal), the signal it died of
     * (0 for none), or the one-line failure of the emulator.
     */
    public record End(int status, int signal, String failure) {}

    /** How new threads get a vCPU and a host thread; without one, clone cannot make threads. */
    public void setStarter(VcpuStarter starter) {
        this.starter = starter;
    }

    public VcpuStarter starter() {
        return starter;
    }

    /**
     * A vCPU index for a new thread: one past the highest in use, as QEMU's cpu_get_free_index, so
     * that an index is reused only once every higher one is free.
     */
    public synchronized int reserveIndex() {
        int i = indices.length();
        indices.set(i);
        return i;
    }

    public synchronized void releaseIndex(int index) {
        indices.clear(index);
    }

    /**
     * Registers a new thread running on the calling host thread; null when the process is ending
     * already (the new thread must not run).
     */
    public GuestThread register(int tid, CpuState cpu, ThreadSignals signals, byte[] name) {
        GuestThread t = new GuestThread(tid, cpu, signals, Thread.currentThread(), name);
        return add(t) ? t : null;
    }

    /** Adds a thread; false when the process is ending already (the new thread must not run). */
    synchronized boolean add(GuestThread t) {
        indices.set(t.cpu().vcpuIndex);
        if (ended) {
            return false;
        }
        byCpu.put(t.cpu(), t);
        byTid.put(t.tid(), t);
        return true;
    }

    /** Removes an exited thread; returns whether it was the last. */
    synchronized boolean remove(GuestThread t) {
        byCpu.remove(t.cpu());
        byTid.remove(t.tid());
        indices.clear(t.cpu().vcpuIndex);
        return byCpu.isEmpty();
    }

    /** The thread running on {@code cpu}; null for a vCPU the process does not know. */
    public GuestThread of(CpuState cpu) {
        return byCpu.get(cpu);
    }

    public GuestThread byTid(int tid) {
        return byTid.get(tid);
    }

    public int count() {
        return byCpu.size();
    }

    public List<GuestThread> live() {
        return new ArrayList<>(byCpu.values());
    }

    /** Whether the process is ending: a thread that sees this stops. */
    public synchronized boolean ended() {
        return ended;
    }

    /**
     * Ends the process with {@code status}, or with {@code failure} when not null; the first end wins.
     * Every thread but the caller's is asked to stop.
     */
    public void end(int status, String failure) {
        end(status, 0, failure);
    }

    /** Ends the process as {@link #end(int, String)}, by {@code signal} when not 0. */
    public void end(int status, int signal, String failure) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            this.status = status;
            this.signal = signal;
            this.failure = failure;
            notifyAll();
        }
        Thread self = Thread.currentThread();
        for (GuestThread t : byCpu.values()) {
            t.cpu().exitRequested = true;
            if (t.host() != self) {
                t.host().interrupt();
            }
        }
    }

    /** Waits until the process has ended. */
    public synchronized End awaitEnd() {
        boolean interrupted = false;
        while (!ended) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new End(status, signal, failure);
    }
}
