package dev.tcg4j.runtime.linux.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qemu's util/path.c: the prefix's file when it exists, the host's otherwise, decided once per path. */
class SysrootTest {
    @TempDir
    Path root;

    @Test
    void anAbsolutePathThatExistsUnderThePrefixNamesThatFile() throws Exception {
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("lib/libc.so.6"), "x");
        Sysroot sysroot = Sysroot.of(root.toString());
        assertEquals(root + "/lib/libc.so.6", sysroot.map("/lib/libc.so.6"));
        assertEquals(root + "/", sysroot.map("/"), "the root itself exists under the prefix");
    }

    @Test
    void aPathMissingUnderThePrefixIsTheHostsAndARelativeOneIsUntouched() {
        Sysroot sysroot = Sysroot.of(root.toString());
        assertEquals("/etc/passwd", sysroot.map("/etc/passwd"));
        assertEquals("lib/libc.so.6", sysroot.map("lib/libc.so.6"));
    }

    @Test
    void theFirstAnswerForAPathStaysAsQemusHashTableKeepsIt() throws Exception {
        Sysroot sysroot = Sysroot.of(root.toString());
        assertEquals("/late", sysroot.map("/late"));
        Files.writeString(root.resolve("late"), "x");
        assertEquals("/late", sysroot.map("/late"));
        assertEquals(root + "/late", Sysroot.of(root.toString()).map("/late"));
    }

    @Test
    void anEmptyPrefixOrTheRootRemapsNothing() {
        assertFalse(Sysroot.of("").active());
        assertFalse(Sysroot.of("/").active());
        assertFalse(Sysroot.of(null).active());
        assertEquals("/etc/passwd", Sysroot.NONE.map("/etc/passwd"));
    }
}
