package dev.tcg4j.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A host C library function whose arguments are integers or pointers, called through one FFM call
 * shape that every such function shares: six 64-bit integers in, one out, errno captured. The FFM
 * linker generates code per call shape, about 8 ms each, so giving every libc function its exact C
 * signature cost a short run a tenth of a second of start-up; with one shape (two, variadic functions
 * having their own) the first call links it and every later function costs nothing to link.
 *
 * <p>Why one shape suffices: the LP64 calling conventions of Linux (x86-64 System V, AArch64, RISC-V)
 * pass each integer or pointer argument in the next integer register whatever its width, and the
 * callee ignores registers it has no parameter for; a pointer travels as its address. Only the
 * result's width matters, since an {@code int} result leaves the upper half of the register
 * undefined: a function says at creation whether it returns int. Variadic functions (open, fcntl,
 * ioctl, syscall) get the variadic shape, where x86-64 also tells the callee that no vector register
 * holds an argument.
 *
 * <p>Used by the memory module's own host calls and the runtime's system calls alike, so that the
 * whole process links the shapes once.
 */
@SuppressWarnings("restricted")
public final class HostFunction {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final int MAX_ARGS = 6;
    private static final ThreadLocal<MemorySegment> ERRNO_STATE =
            ThreadLocal.withInitial(() -> Arena.global().allocate(CAPTURE));

    private final String name;
    /** Looked up at the first call, so that a function the host's C library lacks fails only when used. */
    private volatile MemorySegment address;
    private final boolean returnsInt;
    private final boolean variadic;
    private final long failure;

    private HostFunction(String name, boolean returnsInt, boolean variadic, long failure) {
        this.name = name;
        this.returnsInt = returnsInt;
        this.variadic = variadic;
        this.failure = failure;
    }

    /** A function returning {@code int}. */
    public static HostFunction returningInt(String name) {
        return new HostFunction(name, true, false, -1);
    }

    /**
     * A function returning {@code long}, {@code ssize_t}, {@code off_t}, {@code clock_t}, or a
     * pointer that is -1 on failure (mmap's MAP_FAILED, signal's SIG_ERR).
     */
    public static HostFunction returningLong(String name) {
        return new HostFunction(name, false, false, -1);
    }

    /** A function returning a pointer that is NULL on failure (getcwd). */
    public static HostFunction returningPointer(String name) {
        return new HostFunction(name, false, false, 0);
    }

    /** A variadic function returning {@code int} (open, openat, fcntl, ioctl). */
    public static HostFunction variadicReturningInt(String name) {
        return new HostFunction(name, true, true, -1);
    }

    /** A variadic function returning {@code long} (syscall). */
    public static HostFunction variadicReturningLong(String name) {
        return new HostFunction(name, false, true, -1);
    }

    /** Links both call shapes now, rather than at the first call. */
    public static void link() {
        Object unused = Shapes.FIXED;
    }

    public long call() {
        return call(0, 0, 0, 0, 0, 0);
    }

    public long call(long a0) {
        return call(a0, 0, 0, 0, 0, 0);
    }

    public long call(long a0, long a1) {
        return call(a0, a1, 0, 0, 0, 0);
    }

    public long call(long a0, long a1, long a2) {
        return call(a0, a1, a2, 0, 0, 0);
    }

    public long call(long a0, long a1, long a2, long a3) {
        return call(a0, a1, a2, a3, 0, 0);
    }

    public long call(long a0, long a1, long a2, long a3, long a4) {
        return call(a0, a1, a2, a3, a4, 0);
    }

    /**
     * Calls the function, as a system call returns: the result, or {@code -errno} when the function
     * returned its failure value (an int result is sign-extended first).
     */
    public long call(long a0, long a1, long a2, long a3, long a4, long a5) {
        MemorySegment state = ERRNO_STATE.get();
        long r = raw(state, a0, a1, a2, a3, a4, a5);
        return r == failure ? -(int) ERRNO.get(state, 0L) : r;
    }

    private long raw(MemorySegment state, long a0, long a1, long a2, long a3, long a4, long a5) {
        MemorySegment address = this.address;
        if (address == null) {
            address = this.address = LINKER.defaultLookup().find(name)
                    .orElseThrow(() -> new IllegalStateException("host libc has no " + name));
        }
        long r;
        try {
            r = variadic
                    ? (long) Shapes.VARIADIC.invokeExact(address, state, a0, a1, a2, a3, a4, a5)
                    : (long) Shapes.FIXED.invokeExact(address, state, a0, a1, a2, a3, a4, a5);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(name, t);
        }
        return returnsInt ? (int) r : r;
    }

    @Override
    public String toString() {
        return name;
    }

    /** The two call shapes, linked when the first host function is called. */
    private static final class Shapes {
        private static final FunctionDescriptor SIX_LONGS;
        static {
            ValueLayout[] args = new ValueLayout[MAX_ARGS];
            Arrays.fill(args, ValueLayout.JAVA_LONG);
            SIX_LONGS = FunctionDescriptor.of(ValueLayout.JAVA_LONG, args);
        }
        static final MethodHandle FIXED = LINKER.downcallHandle(SIX_LONGS, Linker.Option.captureCallState("errno"));
        static final MethodHandle VARIADIC = LINKER.downcallHandle(SIX_LONGS,
                Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
    }
}
