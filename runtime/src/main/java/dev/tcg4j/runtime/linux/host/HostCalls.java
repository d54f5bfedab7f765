package dev.tcg4j.runtime.linux.host;

import dev.tcg4j.memory.HostFunction;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Any host C library function whose arguments are integers or pointers, called by name: the system
 * calls that pass straight to the host (sockets, eventfd, timerfd, epoll, flock, ...) need no wrapper
 * method each. Every argument travels as a 64-bit integer (a pointer as its address), as
 * {@link HostFunction} explains; each call says whether the function returns int or long.
 *
 * <p>Results are what the kernel would return: the value, or {@code -errno} on failure.
 */
public final class HostCalls {
    private static final ConcurrentHashMap<String, HostFunction> FUNCTIONS = new ConcurrentHashMap<>();

    /** The result's C type. */
    public enum Returns { INT, LONG }

    private HostCalls() {}

    /** Calls {@code function(args...)}, at most six arguments; -errno when it returns -1. */
    public static long call(String function, Returns returns, long... args) {
        HostFunction f = FUNCTIONS.computeIfAbsent(function + '/' + returns,
                k -> returns == Returns.INT ? HostFunction.returningInt(function) : HostFunction.returningLong(function));
        return switch (args.length) {
            case 0 -> f.call();
            case 1 -> f.call(args[0]);
            case 2 -> f.call(args[0], args[1]);
            case 3 -> f.call(args[0], args[1], args[2]);
            case 4 -> f.call(args[0], args[1], args[2], args[3]);
            case 5 -> f.call(args[0], args[1], args[2], args[3], args[4]);
            case 6 -> f.call(args[0], args[1], args[2], args[3], args[4], args[5]);
            default -> throw new IllegalArgumentException(function + " with " + args.length + " arguments");
        };
    }

    /** {@link #call} for a function returning int. */
    public static long callInt(String function, long... args) {
        return call(function, Returns.INT, args);
    }

    /** {@link #call} for a function returning long or ssize_t. */
    public static long callLong(String function, long... args) {
        return call(function, Returns.LONG, args);
    }
}
