package dev.tcg4j.backend.interpreter;

/**
 * The frames programs run in: one per thread, reused by every block that thread runs, so that a run
 * allocates nothing. Several vCPU threads may run one program at once, each in its own frame. A
 * nested run on the same thread (a helper running another block) gets a fresh frame instead of
 * trampling the one in use.
 */
final class Frames {
    private static final int INITIAL_SLOTS = 256;
    private static final ThreadLocal<Frame> CURRENT = ThreadLocal.withInitial(() -> new Frame(INITIAL_SLOTS));

    private Frames() {}

    /** One thread's frame: the slots, and whether a run is using them. */
    static final class Frame {
        long[] slots;
        boolean busy;

        private Frame(int size) {
            this.slots = new long[size];
        }

        void release() {
            busy = false;
        }
    }

    /** This thread's frame, with at least {@code size} slots, marked busy until {@link Frame#release}. */
    static Frame acquire(int size) {
        Frame f = CURRENT.get();
        if (f.busy) {
            f = new Frame(size);
        } else if (f.slots.length < size) {
            f.slots = new long[Math.max(size, 2 * f.slots.length)];
        }
        f.busy = true;
        return f;
    }
}
