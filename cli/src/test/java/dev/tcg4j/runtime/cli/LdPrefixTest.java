package dev.tcg4j.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interpreter prefix as qemu-user picks it: -L, else QEMU_LD_PREFIX, else its built-in one. */
class LdPrefixTest {
    @Test
    void theOptionWinsOverTheVariable() throws Exception {
        Options opts = OptionParser.parse(List.of("-L", "/opt/root", "prog"));
        assertEquals("/opt/root", Main.ldPrefix(opts, Map.of("QEMU_LD_PREFIX", "/other")));
    }

    @Test
    void withoutTheOptionTheVariableThenTheBuiltInPrefix() throws Exception {
        Options opts = OptionParser.parse(List.of("prog"));
        assertEquals("/other", Main.ldPrefix(opts, Map.of("QEMU_LD_PREFIX", "/other")));
        assertEquals("/etc/qemu-binfmt/riscv64", Main.ldPrefix(opts, Map.of()));
    }
}
