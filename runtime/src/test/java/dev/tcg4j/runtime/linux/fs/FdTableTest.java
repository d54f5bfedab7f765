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
