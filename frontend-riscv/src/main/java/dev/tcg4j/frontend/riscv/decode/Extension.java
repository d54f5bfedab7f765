package dev.tcg4j.frontend.riscv.decode;

/**
 * The extensions an encoding belongs to: every row of {@link Insn} names one, so this list is
 * exactly what the frontend implements. An instruction shared by two extensions sits under the
 * first: andn, rol, rev8 and the other Zbkb instructions of Zbb are Zbb rows, and Zbkb's rows are
 * what Zbb lacks (pack, packh, packw, brev8); Zfh's rows that Zfhmin also has are Zfhmin rows.
 *
 * <p>{@link #isaName} is the name in an ISA string, {@link #hwcapLetter} the AT_HWCAP bit Linux
 * sets for a single-letter extension, and {@link #hwprobeBit} the bit of riscv_hwprobe's
 * IMA_EXT_0 key that reports it alone (-1 where Linux has none, or reports it only together with
 * others, as IMA_FD): {@code RiscvIsa} derives both reports from here.
 */
public enum Extension {
    RV64I("i", 'i', -1),
    RV64M("m", 'm', -1),
    RV64A("a", 'a', -1),
    RV64F("f", 'f', -1),
    RV64D("d", 'd', -1),
    /** The compressed encodings: the rows of {@link Compressed}, not of {@link Insn}. */
    RV64C("c", 'c', -1),
    ZICSR("zicsr", 0, -1),
    ZIFENCEI("zifencei", 0, -1),
    ZBA("zba", 0, 3),
    ZBB("zbb", 0, 4),
    ZBS("zbs", 0, 5),
    ZICBOZ("zicboz", 0, 6),
    ZBC("zbc", 0, 7),
    ZBKB("zbkb", 0, 8),
    ZBKX("zbkx", 0, 10),
    ZFH("zfh", 0, 27),
    ZFHMIN("zfhmin", 0, 28),
    ZIHINTNTL("zihintntl", 0, 29),
    ZFA("zfa", 0, 32),
    ZICOND("zicond", 0, 35),
    ZIHINTPAUSE("zihintpause", 0, 36),
    ZICBOM("zicbom", 0, 55),
    ZICBOP("zicbop", 0, 59);

    private final String isaName;
    private final char hwcapLetter;
    private final int hwprobeBit;

    Extension(String isaName, int hwcapLetter, int hwprobeBit) {
        this.isaName = isaName;
        this.hwcapLetter = (char) hwcapLetter;
        this.hwprobeBit = hwprobeBit;
    }

    public String isaName() {
        return isaName;
    }

    /** The single letter whose AT_HWCAP bit ({@code 1 << (letter - 'a')}) Linux sets, or 0. */
    public char hwcapLetter() {
        return hwcapLetter;
    }

    /** The bit of riscv_hwprobe's IMA_EXT_0 value that reports this extension, or -1. */
    public int hwprobeBit() {
        return hwprobeBit;
    }
}
