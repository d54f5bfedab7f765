package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.ir.cpu.StoreObserver;
import java.util.Arrays;

/**
 * The guest stores of one side of a lockstep block, each with the bytes it overwrote, in order: enough
 * to undo them and to tell which bytes the side wrote.
 */
final class MemoryJournal implements StoreObserver {
    private long[] addresses = new long[32];
    private byte[][] overwritten = new byte[32][];
    private int size;
    /** The thread running the journaled block; blocks of all vCPUs run one at a time, their system calls do not. */
    private volatile Thread owner;

    @Override
    public void beforeStore(long address, byte[] old) {
        if (Thread.currentThread() != owner) {
            return; // another vCPU's system call (a futex word, a read buffer): not this block's store
        }
        if (size == addresses.length) {
            addresses = Arrays.copyOf(addresses, size * 2);
            overwritten = Arrays.copyOf(overwritten, size * 2);
        }
        addresses[size] = address;
        overwritten[size] = old;
        size++;
    }

    int size() {
        return size;
    }

    long address(int i) {
        return addresses[i];
    }

    int length(int i) {
        return overwritten[i].length;
    }

    byte[] overwritten(int i) {
        return overwritten[i];
    }

    /**
     * Undoes the stores, newest first, and empties the journal. The journal must not be observing
     * {@code memory} meanwhile.
     */
    void rollback(GuestMemory memory) {
        for (int i = size - 1; i >= 0; i--) {
            memory.writeInitial(addresses[i], overwritten[i], 0, overwritten[i].length);
        }
        clear();
    }

    void clear() {
        Arrays.fill(overwritten, 0, size, null);
        size = 0;
        owner = Thread.currentThread();
    }

    /** Puts in {@code w} the bytes now at every address written since entry {@code from}: what those stores left. */
    void writtenSince(int from, GuestMemory memory, WrittenBytes w) {
        w.clear();
        for (int i = from; i < size; i++) {
            long a = addresses[i];
            byte[] now = memory.read(a, overwritten[i].length);
            for (int k = 0; k < now.length; k++) {
                w.put(a + k, now[k]);
            }
        }
    }

    /** Puts in {@code w} the value each written byte had before the first store to it: memory before the side ran. */
    void firstOverwritten(WrittenBytes w) {
        w.clear();
        for (int i = 0; i < size; i++) {
            byte[] old = overwritten[i];
            for (int k = 0; k < old.length; k++) {
                w.putIfAbsent(addresses[i] + k, old[k]);
            }
        }
    }
}
