package dev.tcg4j.backend.lockstep;

import dev.tcg4j.ir.cpu.GuestMemory;
import java.util.Arrays;

/**
 * The stores of one side of a lockstep block as ranges, with the bytes each range held when the side
 * ended: compared range by range with the other side's journal when both stored to the same ranges
 * in the same order, which is the usual case; byte by byte otherwise.
 */
final class WriteImage {
    private long[] addresses = new long[32];
    private int[] lengths = new int[32];
    private byte[] bytes = new byte[256];
    private byte[] scratch = new byte[256];
    private int size;
    private int byteCount;

    /** Records the ranges {@code journal} holds and the bytes memory has there now. */
    void capture(MemoryJournal journal, GuestMemory memory) {
        size = 0;
        byteCount = 0;
        for (int i = 0; i < journal.size(); i++) {
            int n = journal.length(i);
            if (size == addresses.length) {
                addresses = Arrays.copyOf(addresses, size * 2);
                lengths = Arrays.copyOf(lengths, size * 2);
            }
            if (byteCount + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, byteCount + n));
            }
            addresses[size] = journal.address(i);
            lengths[size] = n;
            memory.read(journal.address(i), bytes, byteCount, n);
            size++;
            byteCount += n;
        }
    }

    /** True when {@code journal} stored to the same ranges in the same order. */
    boolean sameRanges(MemoryJournal journal) {
        if (journal.size() != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (journal.address(i) != addresses[i] || journal.length(i) != lengths[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when memory holds the recorded bytes in every range. */
    boolean matches(GuestMemory memory) {
        if (scratch.length < byteCount) {
            scratch = new byte[bytes.length];
        }
        int off = 0;
        for (int i = 0; i < size; i++) {
            memory.read(addresses[i], scratch, off, lengths[i]);
            off += lengths[i];
        }
        return Arrays.equals(bytes, 0, byteCount, scratch, 0, byteCount);
    }

    /** Puts in {@code w} each recorded byte by address, the last range's where ranges overlap. */
    void bytesByAddress(WrittenBytes w) {
        w.clear();
        int off = 0;
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < lengths[i]; k++) {
                w.put(addresses[i] + k, bytes[off + k]);
            }
            off += lengths[i];
        }
    }
}
