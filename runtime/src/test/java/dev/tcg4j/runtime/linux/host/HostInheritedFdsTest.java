package dev.tcg4j.runtime.linux.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The launcher's list of inherited descriptors, as -Dtcg4j.host.fds gives it. */
class HostInheritedFdsTest {
    @Test
    void listsDescriptorsAbove2OnceEach() {
        assertArrayEquals(new int[] {3, 7, 255}, HostInheritedFds.parse("3,7, 255,3"));
    }

    @Test
    void stdioNothingAndJunkGiveNone() {
        assertArrayEquals(new int[0], HostInheritedFds.parse(null));
        assertArrayEquals(new int[0], HostInheritedFds.parse(""));
        assertArrayEquals(new int[0], HostInheritedFds.parse("0,1,2"));
        assertArrayEquals(new int[] {4}, HostInheritedFds.parse("x,-3,4,99999999999"));
    }
}
