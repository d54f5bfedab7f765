package dev.tcg4j.runtime.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** QEMU's -dfilter syntax, as util/log.c parses it. */
class AddressFilterTest {
    @Test
    void plusTakesAStartAndASize() {
        AddressFilter f = AddressFilter.parse("0x1000+0x100");
        assertFalse(f.test(0xfff));
        assertTrue(f.test(0x1000));
        assertTrue(f.test(0x10ff));
        assertFalse(f.test(0x1100));
    }

    @Test
    void dotsTakeInclusiveBounds() {
        AddressFilter f = AddressFilter.parse("0x1000..0x2000");
        assertTrue(f.test(0x1000));
        assertTrue(f.test(0x2000));
        assertFalse(f.test(0x2001));
    }

    @Test
    void minusTakesAnEndAndASizeCountingDown() {
        AddressFilter f = AddressFilter.parse("0x1000-0x100");
        assertFalse(f.test(0xf00));
        assertTrue(f.test(0xf01));
        assertTrue(f.test(0x1000));
        assertFalse(f.test(0x1001));
    }

    @Test
    void commasJoinRangesAndNumbersFollowCSyntax() {
        AddressFilter f = AddressFilter.parse("0x10+16,4096..4097,010+1");
        assertTrue(f.test(0x1f));
        assertFalse(f.test(0x20));
        assertTrue(f.test(4097));
        assertTrue(f.test(8), "a leading 0 is octal");
        assertFalse(f.test(9));
    }

    @Test
    void noFilterAcceptsEverything() {
        assertTrue(AddressFilter.ALL.test(0));
        assertTrue(AddressFilter.ALL.test(-1));
    }

    @Test
    void rejectsMalformedRanges() {
        assertThrows(IllegalArgumentException.class, () -> AddressFilter.parse("0x1000"));
        assertThrows(IllegalArgumentException.class, () -> AddressFilter.parse("zz+1"));
        assertThrows(IllegalArgumentException.class, () -> AddressFilter.parse("0x2000..0x1000"));
        assertThrows(IllegalArgumentException.class, () -> AddressFilter.parse("0x10-0x20"), "end - size underflows");
        assertThrows(IllegalArgumentException.class, () -> AddressFilter.parse("0x10+0x1,"));
    }
}
