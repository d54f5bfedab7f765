package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes block coverage in DynamoRIO's drcov format (version 2), which Lighthouse and other coverage
 * tools read, as QEMU 7.2's contrib/plugins/drcov.c.
 *
 * <p>Argument: {@code filename=PATH} (default {@code file.drcov.trace}). The file has a text header
 * (version, flavor, a module table with the program as module 0: code start, end, entry and path),
 * the line {@code BB Table: N bbs}, then N binary entries of 8 bytes, little-endian: the block's start
 * address (its low 32 bits, as drcov.c writes it), its size in bytes (16 bits) and its module id (16
 * bits). There is one entry per translated block that ran, in translation order; a block translated
 * twice appears twice, as in QEMU's output.
 */
public final class DrcovPlugin implements Plugin {
    /** A translated block; executed is set the first time it runs. */
    private static final class Block {
        final long start;
        final int size;
        volatile boolean executed;

        Block(long start, int size) {
            this.start = start;
            this.size = size;
        }
    }

    private final List<Block> blocks = new ArrayList<>();

    @Override
    public String name() {
        return "drcov";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        Path file = Path.of(args.last("filename").orElse("file.drcov.trace"));
        OutputStream out;
        try {
            // opened at install, as drcov.c does, so that an unwritable path is reported before the guest runs
            out = new BufferedOutputStream(Files.newOutputStream(file));
        } catch (IOException | RuntimeException e) {
            throw new PluginArgumentException("cannot open " + file + ": " + e.getMessage());
        }
        ctx.onTbTranslate(tb -> {
            int size = 0;
            for (int i = 0; i < tb.insnCount(); i++) {
                size += tb.insn(i).size();
            }
            Block b = new Block(tb.vaddr(), size);
            synchronized (blocks) {
                blocks.add(b);
            }
            tb.onExec((vcpu, data) -> ((Block) data).executed = true, RegAccess.NO_REGS, b);
        });
        ctx.onExit(() -> {
            try (out) {
                write(out, ctx);
            } catch (IOException e) {
                throw new UncheckedIOException("drcov: cannot write " + file, e);
            }
        });
    }

    private void write(OutputStream out, PluginContext ctx) throws IOException {
        List<Block> executed;
        synchronized (blocks) {
            executed = blocks.stream().filter(b -> b.executed).toList();
        }
        String header = "DRCOV VERSION: 2\n"
                + "DRCOV FLAVOR: drcov-64\n"
                + "Module Table: version 2, count 1\n"
                + "Columns: id, base, end, entry, path\n"
                + String.format("0, 0x%x, 0x%x, 0x%x, %s\n", ctx.startCode(), ctx.endCode(), ctx.entryCode(),
                        ctx.binaryPath())
                + "BB Table: " + executed.size() + " bbs\n";
        out.write(header.getBytes(StandardCharsets.UTF_8));
        ByteBuffer entry = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (Block b : executed) {
            entry.clear();
            entry.putInt((int) b.start).putShort((short) b.size).putShort((short) 0);
            out.write(entry.array());
        }
    }
}
