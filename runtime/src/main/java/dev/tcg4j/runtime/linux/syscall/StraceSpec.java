package dev.tcg4j.runtime.linux.syscall;

/**
 * The kinds of {@link Syscall#straceFormat()} besides a C format of qemu 7.2's
 * {@code strace.list}, whose {@code %s} is the name and whose other conversions take the argument
 * registers in turn, as C's printf takes them from a 64-bit register ({@code %d} its low 32 bits).
 */
final class StraceSpec {
    /** qemu's format for the calls its list gives no format nor printer: all six registers. */
    static final String DEFAULT = "%s(%ld,%ld,%ld,%ld,%ld,%ld)";
    /** A printer of strace.c's own ({@code print_openat}, {@code print_mmap}...): {@link StracePrinters}. */
    static final String PRINTER = "<printer>";
    /** A call qemu 7.2 does not list for riscv64: {@code Unknown syscall N} and no result. */
    static final String UNKNOWN = "<unknown>";
    /** A call qemu's riscv cpu loop answers before its strace sees it (riscv_flush_icache): no line. */
    static final String SILENT = "<silent>";

    private StraceSpec() {}
}
