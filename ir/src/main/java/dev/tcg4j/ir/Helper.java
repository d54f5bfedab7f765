package dev.tcg4j.ir;

import dev.tcg4j.ir.cpu.CpuState;
import java.lang.invoke.MethodType;
import java.util.Objects;

/**
 * A Java method that a CALL op invokes. The calling convention is narrow so that every backend can
 * call it directly: an optional leading {@link CpuState}, then {@code long} arguments, returning
 * {@code long} or {@code void}.
 *
 * <p>A static helper names a public static method. A bound helper names an interface method and
 * carries the receiver; backends hold the receiver as a constant so that the JIT can inline the call
 * (this is how plugin callbacks are called).
 *
 * <p>The flags tell backends what the call may do, like TCG's call flags: which cached globals must
 * be written back before it or reloaded after it, and whether it may raise a guest trap.
 */
public final class Helper {
    /** The helper reads IR globals from CpuState: cached globals are written back before the call. */
    public static final int READS_GLOBALS = 1;
    /** The helper writes IR globals in CpuState: cached globals are reloaded after the call. */
    public static final int WRITES_GLOBALS = 1 << 1;
    /** The helper may throw {@code GuestTrap}. */
    public static final int MAY_TRAP = 1 << 2;
    /**
     * The helper accesses guest memory and reports each access ({@code CpuState.reportAccess}); a
     * fault there is a guest trap.
     */
    public static final int TOUCHES_GUEST_MEMORY = 1 << 3;
    /** No effect but its result: dead-code removal may drop it. */
    public static final int PURE = 1 << 4;
    /**
     * The helper makes no guest memory access that plugins see. Plugin memory callbacks are published
     * around every other call that is not {@link #PURE}, as QEMU treats every helper with side effects
     * as possibly touching memory: a helper that forgets a flag loses time, never callbacks.
     */
    public static final int NO_GUEST_MEMORY = 1 << 5;

    private final String name;
    private final Class<?> owner;
    private final String method;
    private final MethodType type;
    private final int flags;
    private final Object receiver;

    private Helper(String name, Class<?> owner, String method, MethodType type, int flags, Object receiver) {
        this.name = Objects.requireNonNull(name);
        this.owner = Objects.requireNonNull(owner);
        this.method = Objects.requireNonNull(method);
        this.type = checkType(type);
        this.flags = flags;
        this.receiver = receiver;
    }

    /** A public static method {@code owner.method} of the given type. */
    public static Helper ofStatic(String name, Class<?> owner, String method, MethodType type, int flags) {
        return new Helper(name, owner, method, type, flags, null);
    }

    /** An interface method {@code iface.method} called on {@code receiver}. */
    public static Helper bound(String name, Class<?> iface, String method, MethodType type, int flags,
            Object receiver) {
        if (!iface.isInterface() || !iface.isInstance(receiver)) {
            throw new IllegalArgumentException(receiver + " does not implement interface " + iface.getName());
        }
        return new Helper(name, iface, method, type, flags, receiver);
    }

    private static MethodType checkType(MethodType t) {
        if (t.returnType() != void.class && t.returnType() != long.class) {
            throw new IllegalArgumentException("helper must return long or void: " + t);
        }
        for (int i = 0; i < t.parameterCount(); i++) {
            Class<?> p = t.parameterType(i);
            boolean ok = p == long.class || (i == 0 && p == CpuState.class);
            if (!ok) {
                throw new IllegalArgumentException("helper parameters are (CpuState)? long*: " + t);
            }
        }
        return t;
    }

    public String name() {
        return name;
    }

    public Class<?> owner() {
        return owner;
    }

    public String method() {
        return method;
    }

    public MethodType type() {
        return type;
    }

    public int flags() {
        return flags;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** The same helper with {@code extra} flags added. */
    public Helper withFlags(int extra) {
        return (flags | extra) == flags ? this : new Helper(name, owner, method, type, flags | extra, receiver);
    }

    /** True unless the helper is {@link #PURE} or flagged {@link #NO_GUEST_MEMORY}. */
    public boolean mayAccessGuestMemory() {
        return (flags & (PURE | NO_GUEST_MEMORY)) == 0;
    }

    /** The receiver of a bound helper, or null for a static one. */
    public Object receiver() {
        return receiver;
    }

    public boolean isBound() {
        return receiver != null;
    }

    public boolean takesCpu() {
        return type.parameterCount() > 0 && type.parameterType(0) == CpuState.class;
    }

    /** Number of long arguments, that is the CALL op's inputs. */
    public int longArgs() {
        return type.parameterCount() - (takesCpu() ? 1 : 0);
    }

    public boolean returnsValue() {
        return type.returnType() == long.class;
    }

    @Override
    public String toString() {
        return name;
    }
}
