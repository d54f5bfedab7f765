package dev.tcg4j.runtime.linux.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tcg4j.ir.cpu.GuestMemory;
import dev.tcg4j.memory.FlatGuestMemory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The formatter's tables and edge cases, each expected text being the line qemu-riscv64 7.2
 * {@code -strace} printed for the same arguments (it-tests' strace_probe guest makes these calls).
 */
class StraceFormatTest {
    private static final long PAGE = 0x10000;
    private static final int PID = 7;
    private final GuestMemory memory = new FlatGuestMemory(20);

    private String call(Syscall call, long... args) {
        long[] six = new long[6];
        System.arraycopy(args, 0, six, 0, args.length);
        String line = StraceFormat.call(PID, call.number(), call, memory, six);
        return line.substring((PID + " ").length());
    }

    private long string(String s) {
        memory.map(PAGE, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
        byte[] bytes = (s + "\0").getBytes(StandardCharsets.UTF_8);
        memory.write(PAGE, bytes);
        return PAGE;
    }

    @Test
    void openFlagsNameTheAccessModeThenTheFlagsThenUnknownBitsInHex() {
        long path = string("/x");
        assertEquals("openat(AT_FDCWD,\"/x\",O_WRONLY|O_RDWR)", call(Syscall.OPENAT, -100, path, 3));
        assertEquals("openat(AT_FDCWD,\"/x\",O_RDWR|O_DIRECTORY|__O_TMPFILE)", call(Syscall.OPENAT, -100, path, 0x410002));
        assertEquals("openat(AT_FDCWD,\"/x\",O_RDONLY|0x90000000)", call(Syscall.OPENAT, -100, path, 0x90000000L));
        assertEquals("openat(-5,\"/x\",O_RDONLY|O_CREAT,000)", call(Syscall.OPENAT, -5, path, 0x40, 0));
        assertEquals("openat(AT_FDCWD,NULL,O_RDONLY)", call(Syscall.OPENAT, -100, 0, 0));
        assertEquals("openat(AT_FDCWD,0x0000000000000010,O_RDONLY)", call(Syscall.OPENAT, -100, 16, 0));
    }

    @Test
    void fileModesNameTheTypeThenThePermissionsInOctal() {
        assertEquals("000", StraceArgs.fileMode(0));
        assertEquals("S_IFLNK|0777", StraceArgs.fileMode(0120777));
        assertEquals("S_IFSOCK", StraceArgs.fileMode(0140000));
        assertEquals("S_IFBLK|0600", StraceArgs.fileMode(060600));
        assertEquals("0200000", StraceArgs.fileMode(0200000));
        long path = string("/x");
        assertEquals("mknodat(AT_FDCWD,\"/x\",S_IFDIR|0755,makedev(259,5))", call(Syscall.MKNODAT, -100, path, 040755, 0x10305));
    }

    @Test
    void tablesWithoutAZeroEntryPrintZeroAndUnknownBitsAsHex() {
        assertEquals("mmap(NULL,4096,PROT_READ|PROT_WRITE,0,-1,0x1000)", call(Syscall.MMAP, 0, 4096, 3, 0, -1, 0x1000));
        assertEquals("mmap(0x0000000000001000,4096,0x10,MAP_PRIVATE,-1,0)", call(Syscall.MMAP, 0x1000, 4096, 0x10, 2, -1, 0));
        assertEquals("mprotect(0x0000000000001001,4096,PROT_NONE)", call(Syscall.MPROTECT, 0x1001, 4096, 0));
        long path = string("/x");
        assertEquals("faccessat(AT_FDCWD,\"/x\",0x8,0x800)", call(Syscall.FACCESSAT, -100, path, 8, 0x800));
        assertEquals("faccessat(AT_FDCWD,\"/x\",R_OK|W_OK|X_OK,AT_EACCESS|AT_SYMLINK_NOFOLLOW|0x400)",
                call(Syscall.FACCESSAT, -100, path, 7, 0x700));
        assertEquals("madvise(0x0000000000001001,4096,0xffffffff)", call(Syscall.MADVISE, 0x1001, 4096, -1));
        assertEquals("clock_gettime(0xffffffff,NULL)", call(Syscall.CLOCK_GETTIME, -1, 0));
    }

    @Test
    void cloneFlagsLeaveTheExitSignalInHex() {
        assertEquals("clone(CLONE_SIGHAND|0x11,child_stack=0x0000000000000000,parent_tidptr=0x0000000000000000,"
                + "tls=0x0000000000000000,child_tidptr=0x0000000000000000)", call(Syscall.CLONE, 0x811));
    }

    @Test
    void futexPrintsTheFifthArgumentTwiceAndUnknownOperationsInHex() {
        assertEquals("futex(0x0000000000078410,FUTEX_PRIVATE_FLAG|FUTEX_WAKE,1,NULL,NULL,0)",
                call(Syscall.FUTEX, 0x78410, 129, 1));
        assertEquals("futex(0x0000000000078410,FUTEX_REQUEUE,5,0x0000000000001234,0x0000000000078410,492560)",
                call(Syscall.FUTEX, 0x78410, 3, 5, 0x1234, 0x78410));
        assertEquals("futex(0x0000000000078410,0x1e,0,NULL,NULL,0)", call(Syscall.FUTEX, 0x78410, 30));
    }

    @Test
    void signalsAreNamedAsQemuNamesThem() {
        assertEquals("rt_sigaction(SIGIOT,NULL,NULL)", call(Syscall.RT_SIGACTION, 6));
        assertEquals("rt_sigaction(SIGIO,NULL,NULL)", call(Syscall.RT_SIGACTION, 29));
        assertEquals("tgkill(-1,-1,34)", call(Syscall.TGKILL, -1, -1, 34));
        assertEquals("rt_sigprocmask(UNKNOWN,NULL,NULL)", call(Syscall.RT_SIGPROCMASK, 3));
        assertEquals("kill(2147483632,0)", call(Syscall.KILL, 0x7ffffff0, 0));
    }

    @Test
    void listFormatsTakeTheRegistersAsCsPrintfDoes() {
        assertEquals("read(-1,0x34567890,-1)", call(Syscall.READ, -1, 0x1234567890L, -1));
        assertEquals("write(-1,0,3)", call(Syscall.WRITE, -1, 0, 3));
        assertEquals("getcwd((nil),0)", call(Syscall.GETCWD));
        assertEquals("getpgid(4294967295)", call(Syscall.GETPGID, -1));
        assertEquals("fchmod(-1,0)", call(Syscall.FCHMOD, -1, 0));
        assertEquals("umask(022)", call(Syscall.UMASK, 022));
        assertEquals("waitid(0x7,0,(nil),0x4)", call(Syscall.WAITID, 7, 0, 0, 4));
        assertEquals("exit_group(3)", call(Syscall.EXIT_GROUP, 3));
        assertEquals("sched_getaffinity(0,0,0,0,0,0)", call(Syscall.SCHED_GETAFFINITY));
    }

    @Test
    void unknownCallsHaveNoArgumentsNorResultAndFlushIcacheNoLine() {
        assertEquals(PID + " Unknown syscall 435", StraceFormat.call(PID, 435, Syscall.CLONE3, memory, new long[6]));
        assertEquals(PID + " Unknown syscall 999", StraceFormat.call(PID, 999, null, memory, new long[6]));
        assertFalse(StraceFormat.printsResult(435, Syscall.CLONE3));
        assertNull(StraceFormat.call(PID, 259, Syscall.RISCV_FLUSH_ICACHE, memory, new long[6]));
    }

    @Test
    void callsTheRuntimeDoesNotImplementStillPrintByQemusList() {
        long path = string("/x");
        long[] umount = {path, 0xf, 0, 0, 0, 0};
        assertEquals(PID + " umount2(\"/x\",MNT_FORCE|MNT_DETACH|MNT_EXPIRE|0x8)", StraceFormat.call(PID, 39, null, memory, umount));
        assertEquals(PID + " setresuid(4294967295,4294967295,4294967295)",
                StraceFormat.call(PID, 147, null, memory, new long[] {-1, -1, -1, 0, 0, 0}));
        assertEquals(PID + " sched_getparam(-1,0,0,0,0,0)", StraceFormat.call(PID, 121, null, memory, new long[] {-1, 0, 0, 0, 0, 0}));
        assertEquals(PID + " Unknown syscall 293", StraceFormat.call(PID, 293, null, memory, new long[6]));
        assertEquals(" = -1 errno=38 (Function not implemented)", StraceFormat.result(null, -38, memory, new long[6]));
    }

    @Test
    void unreadableStructuresStopOrFallBackAsQemusPrintersDo() {
        long path = string("/x");
        assertEquals("execve(\"/x\",{", StraceFormat.call(PID, 221, Syscall.EXECVE, memory, new long[] {path, 0, 0, 0, 0, 0})
                .substring(2));
        assertEquals("bind(-1,0x0000000000000000,, 0)", call(Syscall.BIND, -1, 0, 0));
        assertEquals("socket(0,,1000)", call(Syscall.SOCKET, 0, 0xf, 1000));
        assertEquals("socket(PF_PACKET,SOCK_DGRAM|SOCK_NONBLOCK,1000)", call(Syscall.SOCKET, 17, 0x802, 1000));
    }

    @Test
    void aTerminalsTermiosPrintsAsPrintTermiosDoes() {
        memory.map(PAGE, GuestMemory.PAGE_SIZE, GuestMemory.READ | GuestMemory.WRITE);
        memory.st32(PAGE, 0x500);
        memory.st32(PAGE + 4, 5);
        memory.st32(PAGE + 8, 0277);
        memory.st32(PAGE + 12, 0105073);
        memory.write(PAGE + 17, new byte[] {3, 0x1c, 0x7f, 0x15, 4});
        long[] args = {0, 0x5401, PAGE, 0, 0, 0};
        // as qemu-riscv64 printed a terminal's (c_cc up to its first NUL, c_line a NUL character)
        assertEquals(" = 0 ({c_iflag = ICRNL|IXON,c_oflag = OPOST|ONLCR,c_cflag = B38400,CS8,CREAD,c_lflag = ISIG|ICANON|"
                + "ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN,c_cc = \"\u0003\u001c\u007f\u0015\u0004\",c_line = '\u0000'})",
                StraceFormat.result(Syscall.IOCTL, 0, memory, args));
        memory.write(PAGE, new byte[] {24, 0, 80, 0, 0, 0, 0, 0});
        assertEquals(" = 0 ({24,80,0,0})", StraceFormat.result(Syscall.IOCTL, 0, memory, new long[] {0, 0x5413, PAGE}));
        assertEquals(" = 0", StraceFormat.result(Syscall.IOCTL, 0, memory, new long[] {0, 0x5421, PAGE}));
    }

    @Test
    void resultsAreAddressesErrnosOrWhatTheCallWrote() {
        long[] none = new long[6];
        assertEquals(" = 0x000000000007d000", StraceFormat.result(Syscall.BRK, 0x7d000, memory, none));
        assertEquals(" = -1 errno=38 (Function not implemented)", StraceFormat.result(Syscall.SET_ROBUST_LIST, -38, memory, none));
        assertEquals(" = -1 errno=513 (Successful exit from sigreturn)", StraceFormat.result(Syscall.RT_SIGRETURN, 1, memory, none));
        assertEquals(" = 0 (NULL)", StraceFormat.result(Syscall.CLOCK_GETRES, 0, memory, none));
        assertEquals(" = 18", StraceFormat.result(Syscall.UMASK, 18, memory, none));
    }
}
