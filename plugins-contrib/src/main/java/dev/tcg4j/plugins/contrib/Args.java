package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.PluginArgumentException;

/** Number parsing with the leniency of glib's {@code g_ascii_strtoull}, which QEMU's plugins use. */
final class Args {
    private Args() {
    }

    /**
     * The unsigned number at the start of {@code text} in {@code base} (16 also takes a {@code 0x}
     * prefix; 0 means C's rule: {@code 0x} hex, a leading 0 octal, else decimal), 0 when none, as
     * {@code g_ascii_strtoull(text, NULL, base)}.
     */
    static long strtoull(String text, int base) {
        String s = text.strip();
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        boolean hexPrefix = s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))
                && Character.digit(s.charAt(2), 16) >= 0;
        if (base == 0) {
            base = hexPrefix ? 16 : s.startsWith("0") ? 8 : 10;
        }
        if (base == 16 && hexPrefix) {
            s = s.substring(2);
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), base);
            if (d < 0) {
                break;
            }
            value = value * base + d;
        }
        return negative ? -value : value;
    }

    /** A strictly parsed unsigned number ({@code 0x} hex or decimal) for tcg4j's own arguments. */
    static long number(String key, String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            throw new PluginArgumentException("invalid number for " + key + ": " + text);
        }
    }
}
