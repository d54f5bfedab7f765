package dev.tcg4j.ir;

import java.util.HashMap;
import java.util.Map;

/** Allocates the non-global temps and the labels of one block. Constants are interned. */
public final class Temps {
    private int next;
    private int labels;
    private final Map<Long, Temp> consts = new HashMap<>();

    public Temp newTemp(TempKind kind) {
        if (kind != TempKind.TB && kind != TempKind.EBB) {
            throw new IllegalArgumentException("allocate TB or EBB temps, not " + kind);
        }
        return Temp.local(kind, next++);
    }

    public Temp constant(long value) {
        return consts.computeIfAbsent(value, v -> Temp.constant(next++, v));
    }

    public Label newLabel() {
        return new Label(labels++);
    }

    public int count() {
        return next;
    }

    public int labelCount() {
        return labels;
    }
}
