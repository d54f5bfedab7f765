package dev.tcg4j.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFunctionTest {
    private static final int EBADF = 9;
    private static final int ERANGE = 34;
    private static final int F_GETFD = 1;
    private static final int O_WRONLY_CREAT_TRUNC = 01 | 0100 | 01000;

    @Test
    void anIntResultIsTheFunctionsOwn() {
        assertEquals(ProcessHandle.current().pid(), HostFunction.returningInt("getpid").call());
    }

    @Test
    void aFunctionTheHostLacksFailsWhenCalledNotWhenNamed() {
        HostFunction missing = HostFunction.returningInt("tcg4j_no_such_function");
        IllegalStateException e = assertThrows(IllegalStateException.class, missing::call);
        assertTrue(e.getMessage().contains("tcg4j_no_such_function"), e.getMessage());
    }

    @Test
    void aFailureBecomesMinusErrno() {
        assertEquals(-EBADF, HostFunction.returningInt("close").call(-1));
        assertEquals(-EBADF, HostFunction.returningLong("write").call(-1, 0, 0));
    }

    @Test
    void aVariadicFunctionGetsItsArguments(@TempDir Path dir) throws Exception {
        HostFunction open = HostFunction.variadicReturningInt("open");
        HostFunction fcntl = HostFunction.variadicReturningInt("fcntl");
        HostFunction write = HostFunction.returningLong("write");
        HostFunction close = HostFunction.returningInt("close");
        Path file = dir.resolve("out");
        try (Arena arena = Arena.ofConfined()) {
            // the mode, a variadic argument, must arrive for the file to be created writable
            long fd = open.call(arena.allocateFrom(file.toString()).address(), O_WRONLY_CREAT_TRUNC, 0600);
            assertTrue(fd > 2, "open returned " + fd);
            assertEquals(0, fcntl.call(fd, F_GETFD));
            MemorySegment text = arena.allocateFrom("written", StandardCharsets.US_ASCII);
            assertEquals(7, write.call(fd, text.address(), 7));
            assertEquals(0, close.call(fd));
        }
        assertEquals("written", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(-EBADF, fcntl.call(-1, F_GETFD));
    }

    @Test
    void aNullPointerResultIsAFailure() {
        HostFunction getcwd = HostFunction.returningPointer("getcwd");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment tooSmall = arena.allocate(1);
            assertEquals(-ERANGE, getcwd.call(tooSmall.address(), 1));
            MemorySegment buf = arena.allocate(4096);
            assertEquals(buf.address(), getcwd.call(buf.address(), 4096));
            assertEquals(System.getProperty("user.dir"), buf.getString(0));
        }
    }

    @Test
    void aLongResultKeepsItsUpperHalf(@TempDir Path dir) throws Exception {
        HostFunction lseek = HostFunction.returningLong("lseek64");
        HostFunction open = HostFunction.variadicReturningInt("open");
        try (Arena arena = Arena.ofConfined()) {
            Path file = Files.createFile(dir.resolve("sparse"));
            long fd = open.call(arena.allocateFrom(file.toString()).address(), 0);
            long far = 1L << 40;
            assertEquals(far, lseek.call(fd, far, 0));
            HostFunction.returningInt("close").call(fd);
        }
    }
}
