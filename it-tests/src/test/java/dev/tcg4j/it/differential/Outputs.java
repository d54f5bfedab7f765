package dev.tcg4j.it.differential;

/** Short descriptions of where two program outputs differ, for assertion messages. */
final class Outputs {

    private Outputs() {}

    /** The first differing line, 1-based, with both versions; or "identical". */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int n = Math.max(e.length, a.length);
        for (int i = 0; i < n; i++) {
            String el = i < e.length ? e[i] : "<missing>";
            String al = i < a.length ? a[i] : "<missing>";
            if (!el.equals(al)) {
                return "line " + (i + 1) + "\n  qemu:  " + el + "\n  tcg4j: " + al;
            }
        }
        return "identical";
    }
}
