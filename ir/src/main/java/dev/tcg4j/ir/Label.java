package dev.tcg4j.ir;

/** A branch target inside one block, placed by a SET_LABEL op. */
public final class Label {
    private final int id;

    Label(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    @Override
    public String toString() {
        return "$L" + id;
    }
}
