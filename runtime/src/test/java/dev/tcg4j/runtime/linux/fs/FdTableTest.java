package dev.tcg4j.runtime.linux.fs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.runtime.linux.host.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which fds a read or write may skip the readiness wait for: POSIX's poll reports files always ready. */
class FdTableTest {
    private final Libc libc = new Libc();
    private final FdTable fds = new FdTable(libc);

    @Test
    void aRegularFileNeverWaitsAPipeMay(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        try (Arena arena = Arena.ofConfined()) {
            int fileFd = (int) libc.openat(Libc.AT_FDCWD, arena.allocateFrom(file.toString()), 0, 0);
            MemorySegment pair = arena.allocate(8, 4);
            libc.pipe2(pair, 0);
            int readEnd = pair.get(ValueLayout.JAVA_INT, 0);
            int writeEnd = pair.get(ValueLayout.JAVA_INT, 4);
            fds.install(fileFd);
            fds.install(readEnd);
            fds.install(writeEnd);
            assertTrue(fds.neverWaits(fileFd));
            assertFalse(fds.neverWaits(readEnd));
            assertFalse(fds.neverWaits(writeEnd));
            fds.closeAll();
        }
    }

    @Test
    void memoryDevicesNeverWaitATtyMayAndPipesAreKnown() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            int devNull = (int) libc.openat(Libc.AT_FDCWD, arena.allocateFrom("/dev/null"), 2, 0);
            int devZero = (int) libc.openat(Libc.AT_FDCWD, arena.allocateFrom("/dev/zero"), 0, 0);
            int devUrandom = (int) libc.openat(Libc.AT_FDCWD, arena.allocateFrom("/dev/urandom"), 0, 0);
            int tty = (int) libc.openat(Libc.AT_FDCWD, arena.allocateFrom("/dev/ptmx"), 2 | 0400, 0); // O_NOCTTY
            MemorySegment pair = arena.allocate(8, 4);
            libc.pipe2(pair, 0);
            int readEnd = pair.get(ValueLayout.JAVA_INT, 0);
            for (int fd : new int[] {devNull, devZero, devUrandom, readEnd, pair.get(ValueLayout.JAVA_INT, 4)}) {
                fds.install(fd);
            }
            assertTrue(fds.neverWaits(devNull));
            assertTrue(fds.neverWaits(devZero));
            assertTrue(fds.neverWaits(devUrandom));
            assertFalse(fds.neverWaits(readEnd));
            assertTrue(fds.isPipe(readEnd));
            assertFalse(fds.isPipe(devNull));
            if (tty >= 0) { // a pseudo-terminal's master, where the machine has /dev/ptmx
                fds.install(tty);
                assertFalse(fds.neverWaits(tty));
                assertFalse(fds.isPipe(tty));
            }
            assertTrue(fds.triesNoWait(readEnd));
            fds.refusedNoWait(readEnd);
            assertFalse(fds.triesNoWait(readEnd));
            fds.closeAll();
        }
    }

    @Test
    void aClosedFdsAnswerIsForgottenForTheNumbersNextFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        try (Arena arena = Arena.ofConfined()) {
            int fileFd = (int) libc.openat(Libc.AT_FDCWD, arena.allocateFrom(file.toString()), 0, 0);
            int guest = fds.install(fileFd);
            assertTrue(fds.neverWaits(fileFd));
            fds.close(guest);
            MemorySegment pair = arena.allocate(8, 4);
            libc.pipe2(pair, 0);
            int readEnd = pair.get(ValueLayout.JAVA_INT, 0); // usually the file's number again, the lowest free one
            fds.install(readEnd);
            fds.install(pair.get(ValueLayout.JAVA_INT, 4));
            assertFalse(fds.neverWaits(readEnd));
            fds.closeAll();
        }
    }
}
