package dev.tcg4j.ir;

/** Comparison conditions of SETCOND, MOVCOND and BRCOND, as in TCG. */
public enum Cond {
    NEVER, ALWAYS, EQ, NE, LT, GE, LE, GT, LTU, GEU, LEU, GTU;

    public boolean test(long a, long b) {
        return switch (this) {
            case NEVER -> false;
            case ALWAYS -> true;
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case GE -> a >= b;
            case LE -> a <= b;
            case GT -> a > b;
            case LTU -> Long.compareUnsigned(a, b) < 0;
            case GEU -> Long.compareUnsigned(a, b) >= 0;
            case LEU -> Long.compareUnsigned(a, b) <= 0;
            case GTU -> Long.compareUnsigned(a, b) > 0;
        };
    }

    public Cond invert() {
        return switch (this) {
            case NEVER -> ALWAYS;
            case ALWAYS -> NEVER;
            case EQ -> NE;
            case NE -> EQ;
            case LT -> GE;
            case GE -> LT;
            case LE -> GT;
            case GT -> LE;
            case LTU -> GEU;
            case GEU -> LTU;
            case LEU -> GTU;
            case GTU -> LEU;
        };
    }

    public String mnemonic() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
