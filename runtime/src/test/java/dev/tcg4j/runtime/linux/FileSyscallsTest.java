package dev.tcg4j.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.runtime.testing.GuestProcessHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File system calls against the host, with expected values from java.nio's view of the same files. */
class FileSyscallsTest {
    // asm-generic numbers
    static final int GETCWD = 17;
    static final int DUP3 = 24;
    static final int OPENAT = 56;
    static final int CLOSE = 57;
    static final int PIPE2 = 59;
    static final int GETDENTS64 = 61;
    static final int LSEEK = 62;
    static final int READ = 63;
    static final int WRITE = 64;
    static final int PREAD64 = 67;
    static final int READLINKAT = 78;
    static final int NEWFSTATAT = 79;
    static final int FSTAT = 80;
    static final int IOCTL = 29;
    static final int AT_FDCWD = -100;
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_TRUNC = 01000;
    static final int O_DIRECTORY = 0200000;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;

    @TempDir
    Path dir;

    private final GuestProcessHarness h = new GuestProcessHarness("/opt/guest/prog");

    private long open(Path p, int flags) {
        return h.syscall(OPENAT, AT_FDCWD, h.cString(p.toString()), flags, 0644);
    }

    @Test
    void writesThenReadsAFileThroughGuestDescriptors() throws Exception {
        Path f = dir.resolve("data.txt");
        long fd = open(f, O_RDWR | O_CREAT | O_TRUNC);
        assertEquals(3, fd, "the lowest free descriptor after stdin, stdout and stderr");
        long buf = h.alloc(64);
        h.memory.write(buf, "hello, file".getBytes(StandardCharsets.UTF_8));
        assertEquals(11, h.syscall(WRITE, fd, buf, 11));
        assertEquals("hello, file", Files.readString(f));
        assertEquals(0, h.syscall(LSEEK, fd, 0, 0));
        long in = h.alloc(64);
        assertEquals(11, h.syscall(READ, fd, in, 64));
        assertEquals("hello, file", new String(h.memory.read(in, 11), StandardCharsets.UTF_8));
        assertEquals(4, h.syscall(PREAD64, fd, in, 4, 7));
        assertEquals("file", new String(h.memory.read(in, 4), StandardCharsets.UTF_8));
        assertEquals(0, h.syscall(CLOSE, fd));
        assertEquals(-Errno.EBADF, h.syscall(CLOSE, fd));
    }

    @Test
    void openingAMissingFileFailsWithEnoent() {
        assertEquals(-Errno.ENOENT, open(dir.resolve("missing"), O_RDONLY));
    }

    @Test
    void aBufferOutsideGuestMemoryGivesEfault() throws Exception {
        Path f = dir.resolve("x");
        Files.writeString(f, "abc");
        long fd = open(f, O_RDONLY);
        assertEquals(-Errno.EFAULT, h.syscall(READ, fd, 0x5000_0000L, 3));
    }

    @Test
    void aReadStopsAtTheFirstInaccessiblePageAsTheKernelsCopyDoes() throws Exception {
        Path f = dir.resolve("big");
        Files.write(f, new byte[10000]);
        long fd = open(f, O_RDONLY);
        // the scratch area ends at SCRATCH + 0x10000: a read starting 100 bytes before gets 100 bytes
        long nearEnd = GuestProcessHarness.SCRATCH + 0x10000 - 100;
        assertEquals(100, h.syscall(READ, fd, nearEnd, 10000));
        assertEquals(100, h.syscall(LSEEK, fd, 0, 1), "the file offset moved by what was read");
    }

    @Test
    void aHugeCountIsCappedNotTakenAsNegative() throws Exception {
        Path f = Files.writeString(dir.resolve("small"), "abc");
        long fd = open(f, O_RDONLY);
        long buf = h.alloc(16);
        assertEquals(3, h.syscall(READ, fd, buf, -1L));
        assertEquals("abc", h.memory.readCString(buf, 16));
    }

    private static long u32(GuestProcessHarness h, long a) {
        return h.memory.ld32u(a);
    }

    @Test
    void fstatFillsTheRiscv64StatLayoutFromTheHostFile() throws Exception {
        Path f = dir.resolve("sized");
        Files.write(f, new byte[12345]);
        Files.setLastModifiedTime(f, FileTime.fromMillis(1_600_000_000_123L));
        long fd = open(f, O_RDONLY);
        long st = h.alloc(128);
        assertEquals(0, h.syscall(FSTAT, fd, st));
        assertEquals(((Number) Files.getAttribute(f, "unix:ino")).longValue(), h.memory.ld64(st + 8), "st_ino");
        assertEquals(((Number) Files.getAttribute(f, "unix:mode")).longValue(), u32(h, st + 16), "st_mode");
        assertEquals(1, u32(h, st + 20), "st_nlink");
        assertEquals(((Number) Files.getAttribute(f, "unix:uid")).longValue(), u32(h, st + 24), "st_uid");
        assertEquals(12345, h.memory.ld64(st + 48), "st_size");
        assertEquals(1_600_000_000L, h.memory.ld64(st + 88), "st_mtime");
        assertEquals(123_000_000L, h.memory.ld64(st + 96), "st_mtime_nsec");
        long dev = ((Number) Files.getAttribute(f, "unix:dev")).longValue();
        assertEquals(dev, h.memory.ld64(st), "st_dev, in glibc's encoding as the JDK reports it");
    }

    @Test
    void newfstatatCanLookAtASymlinkItself() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "12345678");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        long st = h.alloc(128);
        assertEquals(0, h.syscall(NEWFSTATAT, AT_FDCWD, h.cString(link.toString()), st, 0));
        assertEquals(0100000, u32(h, st + 16) & 0170000, "followed: a regular file");
        assertEquals(8, h.memory.ld64(st + 48));
        assertEquals(0, h.syscall(NEWFSTATAT, AT_FDCWD, h.cString(link.toString()), st, AT_SYMLINK_NOFOLLOW));
        assertEquals(0120000, u32(h, st + 16) & 0170000, "not followed: a symlink");
    }

    @Test
    void fstatOnStandardDescriptorsReportsWhatTheHostFdIs() throws Exception {
        for (int fd = 0; fd <= 2; fd++) {
            long st = h.alloc(128);
            assertEquals(0, h.syscall(FSTAT, fd, st));
            Path proc = Path.of("/proc/self/fd/" + fd);
            long hostMode = ((Number) Files.getAttribute(proc, "unix:mode")).longValue();
            assertEquals(hostMode & 0170000, u32(h, st + 16) & 0170000, "file type of fd " + fd);
        }
    }

    @Test
    void getdents64ListsTheDirectory() throws Exception {
        Path d = Files.createDirectory(dir.resolve("d"));
        for (String n : new String[] {"alpha", "beta", "gamma"}) {
            Files.writeString(d.resolve(n), n);
        }
        long fd = open(d, O_RDONLY | O_DIRECTORY);
        long buf = h.alloc(4096);
        Set<String> names = new HashSet<>();
        long n;
        while ((n = h.syscall(GETDENTS64, fd, buf, 4096)) > 0) {
            for (long p = buf; p < buf + n; ) {
                int reclen = (int) h.memory.ld16u(p + 16);
                names.add(h.memory.readCString(p + 19, 256));
                p += reclen;
            }
        }
        assertEquals(0, n);
        assertEquals(Set.of(".", "..", "alpha", "beta", "gamma"), names);
    }

    @Test
    void readlinkOfProcSelfExeNamesTheGuestProgram() {
        long buf = h.alloc(256);
        long n = h.syscall(READLINKAT, AT_FDCWD, h.cString("/proc/self/exe"), buf, 256);
        assertEquals("/opt/guest/prog", new String(h.memory.read(buf, (int) n), StandardCharsets.UTF_8));
        assertEquals(4, h.syscall(READLINKAT, AT_FDCWD, h.cString("/proc/self/exe"), buf, 4), "truncated");
    }

    @Test
    void readlinkOfARealLinkGivesItsTarget() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("l"), Path.of("some/where"));
        long buf = h.alloc(256);
        long n = h.syscall(READLINKAT, AT_FDCWD, h.cString(link.toString()), buf, 256);
        assertEquals("some/where", new String(h.memory.read(buf, (int) n), StandardCharsets.UTF_8));
    }

    @Test
    void getcwdIsTheHostWorkingDirectoryWithItsNul() {
        long buf = h.alloc(4096);
        long n = h.syscall(GETCWD, buf, 4096);
        String cwd = Path.of("").toAbsolutePath().toString();
        assertEquals(cwd.getBytes(StandardCharsets.UTF_8).length + 1, n);
        assertEquals(cwd, h.memory.readCString(buf, 4096));
        assertEquals(-Errno.ERANGE, h.syscall(GETCWD, buf, 2));
    }

    @Test
    void pipeCarriesBytesBetweenItsGuestEnds() {
        long fds = h.alloc(8);
        assertEquals(0, h.syscall(PIPE2, fds, 0));
        long rd = h.memory.ld32s(fds);
        long wr = h.memory.ld32s(fds + 4);
        assertTrue(rd >= 3 && wr >= 3 && rd != wr);
        long buf = h.alloc(16);
        h.memory.write(buf, "ping".getBytes(StandardCharsets.UTF_8));
        assertEquals(4, h.syscall(WRITE, wr, buf, 4));
        long in = h.alloc(16);
        assertEquals(4, h.syscall(READ, rd, in, 16));
        assertEquals("ping", new String(h.memory.read(in, 4), StandardCharsets.UTF_8));
        long st = h.alloc(128);
        assertEquals(0, h.syscall(FSTAT, rd, st));
        assertEquals(0010000, u32(h, st + 16) & 0170000, "S_IFIFO");
    }

    @Test
    void writingToAPipeWithoutReadersFailsWithEpipeAndRaisesSigpipe() {
        long fds = h.alloc(8);
        assertEquals(0, h.syscall(PIPE2, fds, 0));
        assertEquals(0, h.syscall(CLOSE, h.memory.ld32s(fds)));
        long buf = h.alloc(4);
        GuestExit e = org.junit.jupiter.api.Assertions.assertThrows(GuestExit.class,
                () -> h.syscall(WRITE, h.memory.ld32s(fds + 4), buf, 4));
        assertEquals(128 + 13, e.status(), "SIGPIPE's default action terminates");
    }

    @Test
    void dup3RedirectsAGuestDescriptorWithoutTouchingTheHostOnes() throws Exception {
        Path f = dir.resolve("out");
        long fd = open(f, O_WRONLY | O_CREAT | O_TRUNC);
        assertEquals(1, h.syscall(DUP3, fd, 1, 0));
        long buf = h.alloc(16);
        h.memory.write(buf, "redirected".getBytes(StandardCharsets.UTF_8));
        assertEquals(10, h.syscall(WRITE, 1, buf, 10));
        assertEquals("redirected", Files.readString(f));
        assertEquals(-Errno.EINVAL, h.syscall(DUP3, 1, 1, 0));
    }

    @Test
    void terminalIoctlsOnAPlainFileFailWithEnotty() throws Exception {
        Path f = Files.writeString(dir.resolve("plain"), "x");
        long fd = open(f, O_RDONLY);
        long termios = h.alloc(64);
        assertEquals(-Errno.ENOTTY, h.syscall(IOCTL, fd, 0x5401, termios), "TCGETS");
        assertEquals(-Errno.ENOTTY, h.syscall(IOCTL, fd, 0x5413, termios), "TIOCGWINSZ");
        assertEquals(-Errno.ENOTTY, h.syscall(IOCTL, fd, 0x1234, termios), "unknown request");
    }
}
