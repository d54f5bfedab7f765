package dev.tcg4j.testing.guest;

/** Short descriptions of where two program outputs differ, for assertion messages. */
public final class Outputs {

    private Outputs() {}

    /** The first differing line, 1-based, with both versions, labelled qemu and tcg4j; or "identical". */
    public static String firstDifference(String expected, String actual) {
        return firstDifference(expected, "qemu", actual, "tcg4j");
    }

    public static String firstDifference(String expected, String expectedName, String actual, String actualName) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int n = Math.max(e.length, a.length);
        for (int i = 0; i < n; i++) {
            String el = i < e.length ? e[i] : "<missing>";
            String al = i < a.length ? a[i] : "<missing>";
            if (!el.equals(al)) {
                int width = Math.max(expectedName.length(), actualName.length()) + 1;
                return "line " + (i + 1) + "\n  " + pad(expectedName + ":", width) + " " + el
                        + "\n  " + pad(actualName + ":", width) + " " + al;
            }
        }
        return "identical";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
