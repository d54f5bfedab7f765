package dev.tcg4j.ir;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** A doubly linked list of ops that can insert before any op and remove any op in O(1). */
public final class OpList implements Iterable<Op> {
    private Op first;
    private Op last;
    private int size;

    public Op first() {
        return first;
    }

    public Op last() {
        return last;
    }

    public int size() {
        return size;
    }

    public void append(Op op) {
        adopt(op);
        op.prev = last;
        op.next = null;
        if (last == null) {
            first = op;
        } else {
            last.next = op;
        }
        last = op;
        size++;
    }

    /** Inserts {@code op} just before {@code at}, which must belong to this list. */
    public void insertBefore(Op at, Op op) {
        checkMember(at);
        adopt(op);
        op.next = at;
        op.prev = at.prev;
        if (at.prev == null) {
            first = op;
        } else {
            at.prev.next = op;
        }
        at.prev = op;
        size++;
    }

    public void remove(Op op) {
        checkMember(op);
        if (op.prev == null) {
            first = op.next;
        } else {
            op.prev.next = op.next;
        }
        if (op.next == null) {
            last = op.prev;
        } else {
            op.next.prev = op.prev;
        }
        op.prev = null;
        op.next = null;
        op.owner = null;
        size--;
    }

    /** Removes every op after {@code keep}; with null, empties the list. */
    public void truncateAfter(Op keep) {
        Op op = keep == null ? first : keep.next;
        while (op != null) {
            Op next = op.next;
            remove(op);
            op = next;
        }
    }

    private void adopt(Op op) {
        if (op.owner != null) {
            throw new IllegalStateException("op already in a list: " + op);
        }
        op.owner = this;
    }

    private void checkMember(Op op) {
        if (op.owner != this) {
            throw new IllegalArgumentException("op not in this list: " + op);
        }
    }

    @Override
    public Iterator<Op> iterator() {
        return new Iterator<>() {
            private Op cursor = first;

            @Override
            public boolean hasNext() {
                return cursor != null;
            }

            @Override
            public Op next() {
                if (cursor == null) {
                    throw new NoSuchElementException();
                }
                Op op = cursor;
                cursor = cursor.next;
                return op;
            }
        };
    }
}
