package dev.tcg4j.runtime.log;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The {@code -dfilter} ranges that restrict block logs, in QEMU's syntax: comma-separated ranges,
 * each {@code START+SIZE} (SIZE bytes from START), {@code START..END} (both inclusive), or
 * {@code END-SIZE} (SIZE bytes ending at END: QEMU reads {@code 0x1000-0x100} as 0xf01..0x1000).
 * Numbers are C literals: hex with 0x, octal with a leading 0, else decimal. No filter accepts all.
 */
public final class AddressFilter implements LongPredicate {
    /** Accepts every address. */
    public static final AddressFilter ALL = new AddressFilter(List.of());

    private record Range(long first, long last) {}

    private final List<Range> ranges;

    private AddressFilter(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static AddressFilter parse(String spec) {
        List<Range> ranges = new ArrayList<>();
        for (String item : spec.split(",", -1)) {
            ranges.add(parseRange(item.trim()));
        }
        return new AddressFilter(ranges);
    }

    /** As QEMU's qemu_set_dfilter_ranges: looks for '-', then '+', then '..'. */
    private static Range parseRange(String r) {
        int op = r.indexOf('-');
        int width = 1;
        if (op < 0) {
            op = r.indexOf('+');
        }
        if (op < 0) {
            op = r.indexOf("..");
            width = 2;
        }
        if (op <= 0) {
            throw new IllegalArgumentException("Bad range specifier '" + r + "'");
        }
        long a = number(r.substring(0, op));
        long b = number(r.substring(op + width));
        long lob;
        long upb;
        switch (r.charAt(op)) {
            case '+' -> {
                lob = a;
                upb = a + b - 1;
            }
            case '-' -> {
                upb = a;
                lob = a - (b - 1);
            }
            default -> {
                lob = a;
                upb = b;
            }
        }
        if (Long.compareUnsigned(lob, upb) > 0) {
            throw new IllegalArgumentException("Invalid range '" + r + "'");
        }
        return new Range(lob, upb);
    }

    private static long number(String s) {
        String t = s.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.length() > 1 && t.startsWith("0")) {
                return Long.parseUnsignedLong(t.substring(1), 8);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid number '" + t + "' in -dfilter");
        }
    }

    @Override
    public boolean test(long addr) {
        if (ranges.isEmpty()) {
            return true;
        }
        for (Range r : ranges) {
            if (Long.compareUnsigned(addr, r.first) >= 0 && Long.compareUnsigned(addr, r.last) <= 0) {
                return true;
            }
        }
        return false;
    }
}
