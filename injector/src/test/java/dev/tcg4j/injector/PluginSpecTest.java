package dev.tcg4j.injector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSpecTest {
    @Test
    void keepsRepeatedKeysInOrder() {
        PluginSpec s = PluginSpec.parse("insn,match=add,inline=on,match=ld");
        assertEquals("insn", s.name());
        assertEquals(List.of(Map.entry("match", "add"), Map.entry("inline", "on"), Map.entry("match", "ld")), s.args());
        assertEquals(List.of("add", "ld"), s.values("match"));
    }

    @Test
    void doubledCommaIsALiteralCommaAsInQemuOptions() {
        assertEquals(List.of(Map.entry("match", "add a0,a1")), PluginSpec.parse("insn,match=add a0,,a1").args());
    }

    @Test
    void bareKeyMeansOn() {
        assertEquals(List.of(Map.entry("inline", "on")), PluginSpec.parse("bb,inline").args());
    }

    @Test
    void rejectsAMissingNameOrKey() {
        assertThrows(IllegalArgumentException.class, () -> PluginSpec.parse(""));
        assertThrows(IllegalArgumentException.class, () -> PluginSpec.parse("bb,=on"));
    }
}
