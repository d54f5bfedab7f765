package dev.tcg4j.memory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the host kernel says of this process's pages ({@code /proc/self/pagemap}, one 64-bit entry a
 * page): whether a page was ever given memory, and whether that memory is a file's page-cache page
 * or a private copy. Lets a fork skip the pages that still read as zeros or as their file without
 * reading them, which would make the host give them memory.
 */
final class HostPageMap {
    private static final long PRESENT = 1L << 63;
    private static final long SWAPPED = 1L << 62;
    private static final long FILE_OR_SHARED = 1L << 61;
    private static final int HOST_PAGE_SHIFT = 12;
    private static final Path PAGEMAP = Path.of("/proc/self/pagemap");

    private HostPageMap() {}

    /**
     * The entries of the {@code pages} host pages from {@code hostAddress}, or null when the host
     * does not tell (no /proc, or a kernel that refuses): callers then assume every page holds data.
     */
    static long[] entries(long hostAddress, int pages) {
        ByteBuffer buf = ByteBuffer.allocate(pages * Long.BYTES).order(ByteOrder.nativeOrder());
        try (FileChannel ch = FileChannel.open(PAGEMAP, StandardOpenOption.READ)) {
            long at = (hostAddress >>> HOST_PAGE_SHIFT) * Long.BYTES;
            while (buf.hasRemaining()) {
                if (ch.read(buf, at + buf.position()) <= 0) {
                    return null;
                }
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
        long[] entries = new long[pages];
        buf.flip().asLongBuffer().get(entries);
        return entries;
    }

    /** Whether a page may hold something but zeros: it has memory or was swapped out. */
    static boolean mayHoldData(long entry) {
        return (entry & (PRESENT | SWAPPED)) != 0;
    }

    /** Whether a page of a private file mapping holds a copy of its own rather than the file's bytes. */
    static boolean privateCopy(long entry) {
        return (entry & SWAPPED) != 0 || (entry & (PRESENT | FILE_OR_SHARED)) == PRESENT;
    }
}
