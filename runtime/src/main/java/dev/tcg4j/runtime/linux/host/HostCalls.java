package dev.tcg4j.runtime.linux.host;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Any host C library function whose arguments are integers or pointers, called by name through one
 * generic FFM invoker: the system calls that pass straight to the host (sockets, eventfd, timerfd,
 * epoll, flock, ...) need no wrapper method each. Every argument travels as a 64-bit integer (a
 * pointer as its address), which the LP64 calling conventions pass in the same registers as an int;
 * only the result's width must be right, so each call says whether the function returns int or long.
 *
 * <p>Results are what the kernel would return: the value, or {@code -errno} on failure.
 */
@SuppressWarnings("restricted")
public final class HostCalls {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final ConcurrentHashMap<String, MethodHandle> HANDLES = new ConcurrentHashMap<>();
    private static final ThreadLocal<MemorySegment> ERRNO_STATE =
            ThreadLocal.withInitial(() -> Arena.global().allocate(CAPTURE));

    /** The result's C type. */
    public enum Returns { INT, LONG }

    private HostCalls() {}

    /** Calls {@code function(args...)}; -errno when it returns -1. */
    public static long call(String function, Returns returns, long... args) {
        MethodHandle h = HANDLES.computeIfAbsent(function + '/' + args.length + '/' + returns,
                k -> link(function, returns, args.length));
        MemorySegment st = ERRNO_STATE.get();
        Object[] all = new Object[args.length + 1];
        all[0] = st;
        for (int i = 0; i < args.length; i++) {
            all[i + 1] = args[i];
        }
        long r;
        try {
            Object o = h.invokeWithArguments(all);
            r = returns == Returns.INT ? (int) (Integer) o : (Long) o;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return r == -1 ? -(int) ERRNO.get(st, 0L) : r;
    }

    /** {@link #call} for a function returning int. */
    public static long callInt(String function, long... args) {
        return call(function, Returns.INT, args);
    }

    /** {@link #call} for a function returning long or ssize_t. */
    public static long callLong(String function, long... args) {
        return call(function, Returns.LONG, args);
    }

    private static MethodHandle link(String function, Returns returns, int arity) {
        MemorySegment symbol = LINKER.defaultLookup().find(function)
                .orElseThrow(() -> new IllegalStateException("host libc has no " + function));
        ValueLayout[] params = new ValueLayout[arity];
        java.util.Arrays.fill(params, ValueLayout.JAVA_LONG);
        FunctionDescriptor type = FunctionDescriptor.of(
                returns == Returns.INT ? ValueLayout.JAVA_INT : ValueLayout.JAVA_LONG, params);
        return LINKER.downcallHandle(symbol, type, Linker.Option.captureCallState("errno"));
    }
}
