package dev.tcg4j.plugin.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionTest {
    @Test
    void comparesAsUnsigned64BitIntegers() {
        // -1 is 2^64-1 as u64, so it is greater than 1
        assertTrue(Condition.GT.test(-1L, 1L));
        assertFalse(Condition.LT.test(-1L, 1L));
        assertTrue(Condition.GE.test(5, 5));
        assertTrue(Condition.LE.test(Long.MAX_VALUE, Long.MIN_VALUE));
    }

    @Test
    void neverAndAlwaysIgnoreTheirOperands() {
        assertFalse(Condition.NEVER.test(0, 0));
        assertTrue(Condition.ALWAYS.test(1, 2));
    }

    @Test
    void memRwFiltersByDirection() {
        assertTrue(MemRw.R.matches(false));
        assertFalse(MemRw.R.matches(true));
        assertTrue(MemRw.W.matches(true));
        assertFalse(MemRw.W.matches(false));
        assertTrue(MemRw.RW.matches(true) && MemRw.RW.matches(false));
    }
}
