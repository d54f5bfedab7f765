package dev.tcg4j.ir;

/**
 * An IR value. Globals are created once per guest architecture and shared by all blocks; the other
 * kinds belong to one {@link TbBuilder}.
 */
public final class Temp {
    private final TempKind kind;
    private final int id;
    private final String name;
    private final int slot;
    private final long value;

    private Temp(TempKind kind, int id, String name, int slot, long value) {
        this.kind = kind;
        this.id = id;
        this.name = name;
        this.slot = slot;
        this.value = value;
    }

    /** A global bound to {@code CpuState.regs[slot]}. */
    public static Temp global(String name, int slot) {
        return new Temp(TempKind.GLOBAL, -1, name, slot, 0);
    }

    static Temp local(TempKind kind, int id) {
        String prefix = kind == TempKind.TB ? "loc" : "tmp";
        return new Temp(kind, id, prefix + id, -1, 0);
    }

    static Temp constant(int id, long value) {
        return new Temp(TempKind.CONST, id, "$0x" + Long.toHexString(value), -1, value);
    }

    public TempKind kind() {
        return kind;
    }

    /** Index among the block's non-global temps; -1 for globals. */
    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The CpuState.regs slot of a global. */
    public int slot() {
        if (kind != TempKind.GLOBAL) {
            throw new IllegalStateException(name + " is not a global");
        }
        return slot;
    }

    public long value() {
        if (kind != TempKind.CONST) {
            throw new IllegalStateException(name + " is not a constant");
        }
        return value;
    }

    public boolean isConst() {
        return kind == TempKind.CONST;
    }

    public boolean isGlobal() {
        return kind == TempKind.GLOBAL;
    }

    @Override
    public String toString() {
        return name;
    }
}
