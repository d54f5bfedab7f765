package dev.tcg4j.frontend.riscv.translate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code -d unimp} for instructions: an encoding the decoder finds in no table is logged on
 * {@code tcg4j.unimp} with its pc, in the words QEMU's translators use for it
 * ({@code qemu_log_mask(LOG_UNIMP, "Error: unknown opcode. %pc: 0x%insn")}), once per pc and
 * encoding however often the block is translated again. The instruction still raises SIGILL.
 */
public final class UnimplementedLog {
    private static final Logger UNIMP = LoggerFactory.getLogger("tcg4j.unimp");

    private final Set<Key> reported = ConcurrentHashMap.newKeySet();

    private record Key(long pc, long bits) {}

    void unknownEncoding(long pc, long bits, int length) {
        if (UNIMP.isDebugEnabled() && reported.add(new Key(pc, bits))) {
            UNIMP.debug("Error: unknown opcode. {}: 0x{}", String.format("%016x", pc),
                    String.format(length == 2 ? "%04x" : "%08x", bits));
        }
    }
}
