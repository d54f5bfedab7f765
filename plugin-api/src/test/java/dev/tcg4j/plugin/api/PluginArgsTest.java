package dev.tcg4j.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginArgsTest {
    private static PluginArgs args(String... kv) {
        List<PluginArgs.Arg> list = new java.util.ArrayList<>();
        for (int i = 0; i < kv.length; i += 2) {
            list.add(new PluginArgs.Arg(kv[i], kv[i + 1]));
        }
        return PluginArgs.of(list);
    }

    @ParameterizedTest
    @ValueSource(strings = {"on", "yes", "true", "y"})
    void acceptsQemuTrueSpellings(String v) {
        assertTrue(PluginArgs.parseBool("inline", v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"off", "no", "false", "n"})
    void acceptsQemuFalseSpellings(String v) {
        assertFalse(PluginArgs.parseBool("inline", v));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "ON", "", "maybe"})
    void rejectsOtherSpellingsNamingTheArgument(String v) {
        PluginArgumentException e = assertThrows(PluginArgumentException.class, () -> PluginArgs.parseBool("inline", v));
        assertTrue(e.getMessage().contains("inline=" + v), e.getMessage());
    }

    @Test
    void keepsRepeatedKeysInOrder() {
        PluginArgs a = args("match", "add", "inline", "on", "match", "ld");
        assertEquals(List.of("add", "ld"), a.values("match"));
        assertEquals(3, a.all().size());
        assertEquals("inline", a.all().get(1).key());
    }

    @Test
    void lastValueWinsForBooleans() {
        assertFalse(args("inline", "on", "inline", "off").bool("inline", true));
        assertTrue(args().bool("inline", true));
    }
}
