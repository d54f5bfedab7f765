package dev.tcg4j.ir.cpu;

/**
 * Sees every store to guest memory just before it changes anything, with the bytes it is about to
 * overwrite: stores of translated code and of helpers, atomics, and the runtime's bulk writes. Lockstep
 * execution journals them to undo a block and to compare what two backends wrote.
 */
public interface StoreObserver {
    /**
     * @param address the first guest address written
     * @param overwritten the bytes there now, one per byte written
     */
    void beforeStore(long address, byte[] overwritten);
}
