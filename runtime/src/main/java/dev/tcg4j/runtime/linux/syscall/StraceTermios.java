package dev.tcg4j.runtime.linux.syscall;

import static dev.tcg4j.runtime.linux.syscall.StraceFlags.enumName;
import static dev.tcg4j.runtime.linux.syscall.StraceFlags.flags;

import dev.tcg4j.ir.cpu.GuestMemory;
import java.nio.charset.StandardCharsets;

/** qemu 7.2's print_termios, of riscv64's struct termios (four flag words, c_line, c_cc[19]). */
final class StraceTermios {
    private static final StraceFlags.Flag[] IFLAGS = flagTable("IGNBRK", "BRKINT", "IGNPAR", "PARMRK", "INPCK",
        "ISTRIP", "INLCR", "IGNCR", "ICRNL", "IUCLC", "IXON", "IXANY", "IXOFF", "IMAXBEL", "IUTF8");
    private static final StraceFlags.Flag[] OFLAGS = flagTable("OPOST", "OLCUC", "ONLCR", "OCRNL", "ONOCR", "ONLRET",
        "OFILL", "OFDEL");
    private static final StraceFlags.Flag[] LFLAGS = flagTable("ISIG", "ICANON", "XCASE", "ECHO", "ECHOE", "ECHOK",
        "ECHONL", "NOFLSH", "TOSTOP", "ECHOCTL", "ECHOPRT", "ECHOKE", "FLUSHO", null, "PENDIN", "IEXTEN", "EXTPROC");
    private static final StraceFlags.Flag[] CFLAGS = {new StraceFlags.Flag(0100, "CSTOPB"),
        new StraceFlags.Flag(0200, "CREAD"), new StraceFlags.Flag(0400, "PARENB"), new StraceFlags.Flag(01000, "PARODD"),
        new StraceFlags.Flag(02000, "HUPCL"), new StraceFlags.Flag(04000, "CLOCAL"),
        new StraceFlags.Flag(020000000000L, "CRTSCTS")};
    /** The output delay fields, each a mask and its values' names, in qemu's order. */
    private static final long[] DELAY_MASKS = {0400, 03000, 014000, 020000, 040000, 0100000};
    private static final StraceFlags.Flag[][] DELAYS = {
        values(0400, "NL0", "NL1"), values(01000, "CR0", "CR1", "CR2", "CR3"), values(04000, "TAB0", "TAB1", "TAB2", "TAB3"),
        values(020000, "BS0", "BS1"), values(040000, "VT0", "VT1"), values(0100000, "FF0", "FF1")};
    private static final long CBAUD = 010017;
    private static final StraceFlags.Flag[] BAUDS = {f(0, "B0"), f(1, "B50"), f(2, "B75"), f(3, "B110"), f(4, "B134"),
        f(5, "B150"), f(6, "B200"), f(7, "B300"), f(010, "B600"), f(011, "B1200"), f(012, "B1800"), f(013, "B2400"),
        f(014, "B4800"), f(015, "B9600"), f(016, "B19200"), f(017, "B38400"), f(010001, "B57600"),
        f(010002, "B115200"), f(010003, "B230400"), f(010004, "B460800")};
    private static final long CSIZE = 060;
    private static final StraceFlags.Flag[] SIZES = values(020, "CS5", "CS6", "CS7", "CS8");
    private static final int C_LINE = 16;
    private static final int C_CC = 17;
    private static final int NCCS = 19;

    private StraceTermios() {}

    static String print(GuestMemory m, long addr) {
        long iflag = m.ld32u(addr);
        long oflag = m.ld32u(addr + 4);
        long cflag = m.ld32u(addr + 8);
        long lflag = m.ld32u(addr + 12);
        StringBuilder out = new StringBuilder("{c_iflag = ").append(flags(IFLAGS, iflag)).append(",c_oflag = ");
        long delays = 0;
        for (long mask : DELAY_MASKS) {
            delays |= mask;
        }
        out.append(flags(OFLAGS, oflag & ~delays)).append(',');
        for (int i = 0; i < DELAY_MASKS.length; i++) {
            if ((oflag & DELAY_MASKS[i]) != 0) {
                out.append(enumName(DELAYS[i], oflag & DELAY_MASKS[i])).append(',');
            }
        }
        out.append("c_cflag = ");
        if ((cflag & CBAUD) != 0) {
            out.append(enumName(BAUDS, cflag & CBAUD)).append(',');
        }
        if ((cflag & CSIZE) != 0) {
            out.append(enumName(SIZES, cflag & CSIZE)).append(',');
        }
        out.append(flags(CFLAGS, cflag & ~(CBAUD | CSIZE))).append(",c_lflag = ").append(flags(LFLAGS, lflag));
        byte[] cc = m.readCBytes(addr + C_CC, NCCS);
        out.append(",c_cc = \"").append(new String(cc, StandardCharsets.ISO_8859_1)).append("\",c_line = '")
                .append((char) m.ld8u(addr + C_LINE)).append("'}");
        return out.toString();
    }

    private static StraceFlags.Flag f(long value, String name) {
        return new StraceFlags.Flag(value, name);
    }

    /** Names of the bits 1, 2, 4... in turn; a null leaves a bit out. */
    private static StraceFlags.Flag[] flagTable(String... names) {
        return java.util.stream.IntStream.range(0, names.length).filter(i -> names[i] != null)
                .mapToObj(i -> f(1L << i, names[i])).toArray(StraceFlags.Flag[]::new);
    }

    /** The values 0, step, 2 step... of a field, named in turn. */
    private static StraceFlags.Flag[] values(long step, String... names) {
        StraceFlags.Flag[] table = new StraceFlags.Flag[names.length];
        for (int i = 0; i < names.length; i++) {
            table[i] = f(i * step, names[i]);
        }
        return table;
    }
}
