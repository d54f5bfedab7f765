package dev.tcg4j.it.plugins;

import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.MemRw;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test-only plugin writing the same trace as the QEMU oracle's trace.c ({@code I <vaddr> <size>}
 * per executed instruction, {@code M <vaddr> <bytes> <r|w>} per access), so that a count mismatch
 * can name the first instruction where tcg4j and QEMU part. Found by ServiceLoader on the test
 * class path, as an outside plugin would be. Arguments: {@code out=PATH}; {@code blocks=on} writes
 * one {@code T <vaddr> <insns>} line per executed block instead (the format of the oracle's
 * tbtrace.c), so that a block-count mismatch names the first block QEMU forms differently.
 */
public final class TracePlugin implements Plugin {
    private BufferedWriter out;

    @Override
    public String name() {
        return "it-trace";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        String path = args.last("out").orElseThrow(() -> new PluginArgumentException("it-trace needs out=PATH"));
        try {
            out = Files.newBufferedWriter(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PluginArgumentException("cannot write " + path + ": " + e.getMessage());
        }
        boolean blocks = args.last("blocks").map(v -> PluginArgs.parseBool("blocks", v)).orElse(false);
        ctx.onTbTranslate(tb -> {
            if (blocks) {
                String line = "T " + Long.toHexString(tb.vaddr()) + " " + tb.insnCount() + "\n";
                tb.onExec((vcpu, data) -> write((String) data), RegAccess.NO_REGS, line);
                return;
            }
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                String line = "I " + Long.toHexString(insn.vaddr()) + " " + insn.size() + "\n";
                insn.onExec((vcpu, data) -> write((String) data), RegAccess.NO_REGS, line);
                insn.onMem((vcpu, info, vaddr, data) -> write("M " + Long.toHexString(vaddr) + " " + info.size() + " "
                        + (info.isStore() ? 'w' : 'r') + "\n"), RegAccess.NO_REGS, MemRw.RW, null);
            }
        });
        ctx.onExit(() -> {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
