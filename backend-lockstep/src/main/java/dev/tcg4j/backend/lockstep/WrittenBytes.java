package dev.tcg4j.backend.lockstep;

import java.util.Arrays;

/**
 * Guest bytes by address, as a side of a lockstep block left them: an open-addressing map that keeps
 * the order addresses were first put in, and is cleared in time proportional to its size.
 */
final class WrittenBytes {
    private static final long EMPTY = -1; // no guest address is all ones: the window is far smaller

    private long[] keys = emptyKeys(64);
    private byte[] values = new byte[64];
    /** Addresses in the order first put, and the slot each sits in. */
    private long[] order = new long[32];
    private int[] slots = new int[32];
    private int size;

    private static long[] emptyKeys(int n) {
        long[] k = new long[n];
        Arrays.fill(k, EMPTY);
        return k;
    }

    /** Empties the map, keeping its capacity. */
    void clear() {
        for (int i = 0; i < size; i++) {
            keys[slots[i]] = EMPTY;
        }
        size = 0;
    }

    int size() {
        return size;
    }

    /** The {@code i}-th address put, in the order they were first put. */
    long address(int i) {
        return order[i];
    }

    boolean contains(long address) {
        return keys[slot(address)] == address;
    }

    /** The byte at {@code address}; it must be present. */
    byte get(long address) {
        int s = slot(address);
        if (keys[s] != address) {
            throw new IllegalArgumentException("no byte at 0x" + Long.toHexString(address));
        }
        return values[s];
    }

    void put(long address, byte value) {
        int s = slot(address);
        if (keys[s] != address) {
            s = add(s, address);
        }
        values[s] = value;
    }

    void putIfAbsent(long address, byte value) {
        int s = slot(address);
        if (keys[s] != address) {
            int added = add(s, address); // before reading the field: adding may grow the arrays
            values[added] = value;
        }
    }

    /** Puts {@code address} in the empty slot {@code s}; returns its slot, which growing may have moved. */
    private int add(int s, long address) {
        if (size == order.length) {
            order = Arrays.copyOf(order, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        keys[s] = address;
        order[size] = address;
        slots[size] = s;
        size++;
        if (size * 2 > keys.length) {
            grow();
            return slots[size - 1];
        }
        return s;
    }

    private void grow() {
        byte[] oldValues = values;
        int[] oldSlots = slots.clone();
        keys = emptyKeys(keys.length * 2);
        values = new byte[keys.length];
        for (int i = 0; i < size; i++) {
            int s = slot(order[i]);
            keys[s] = order[i];
            values[s] = oldValues[oldSlots[i]];
            slots[i] = s;
        }
    }

    /** The slot holding {@code address}, or the empty slot where it would go. */
    private int slot(long address) {
        int mask = keys.length - 1;
        int s = (int) ((address * 0x9E3779B97F4A7C15L) >>> 40) & mask;
        while (keys[s] != EMPTY && keys[s] != address) {
            s = (s + 1) & mask;
        }
        return s;
    }
}
