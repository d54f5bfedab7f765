package dev.tcg4j.backend.interpreter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The frames programs run in, so that a run allocates nothing.
 *
 * <p>The first thread to run a program owns it and runs it in the program's own frame, whose
 * constants are copied in once: on the hot path a run costs an ownership test and loading the
 * globals. Other threads (further vCPUs running the same block) run it in a frame of their own
 * thread, copying the constants in every time. A nested run on the thread already running the
 * frame (a helper running another block) gets a fresh frame instead of trampling the one in use.
 */
final class Frames {
    private static final int INITIAL_SLOTS = 256;
    private static final ThreadLocal<Frame> PER_THREAD = ThreadLocal.withInitial(() -> new Frame(INITIAL_SLOTS));
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(Program.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Frames() {}

    /** A frame: the slots, and whether a run is using them. */
    static final class Frame {
        long[] slots;
        boolean busy;

        Frame(int size) {
            this.slots = new long[size];
        }

        void release() {
            busy = false;
        }
    }

    /**
     * A frame for running {@code p} on this thread, marked busy until {@link Frame#release}, with the
     * program's constants in place.
     */
    static Frame acquire(Program p) {
        Thread me = Thread.currentThread();
        Frame own = p.ownFrame;
        if (p.owner == me && !own.busy) {
            own.busy = true;
            return own;
        }
        if (p.owner == null && OWNER.compareAndSet(p, null, me)) {
            own = new Frame(p.frameSize);
            System.arraycopy(p.constants, 0, own.slots, p.globalSlots.length, p.constants.length);
            own.busy = true;
            p.ownFrame = own;
            return own;
        }
        Frame f = PER_THREAD.get();
        if (f.busy) {
            f = new Frame(p.frameSize);
        } else if (f.slots.length < p.frameSize) {
            f.slots = new long[Math.max(p.frameSize, 2 * f.slots.length)];
        }
        System.arraycopy(p.constants, 0, f.slots, p.globalSlots.length, p.constants.length);
        f.busy = true;
        return f;
    }
}
