package dev.tcg4j.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerEnvironmentTest {
    @Test
    void withoutTheScriptsFileTheJvmEnvironmentIsTheGuests() {
        Map<String, String> jvm = Map.of("A", "1");
        assertEquals(jvm, CallerEnvironment.get(jvm));
    }

    @Test
    void theScriptsSavedEnvironmentReplacesTheJvmsAndIsDeleted(@TempDir Path dir) throws Exception {
        Path saved = Files.write(dir.resolve("environ"), "A=1\0EMPTY=\0EQ=x=y\0".getBytes(StandardCharsets.UTF_8));
        Map<String, String> env = CallerEnvironment.get(
                Map.of("SHLVL", "2", CallerEnvironment.FILE_VARIABLE, saved.toString()));
        assertEquals(List.of("A=1", "EMPTY=", "EQ=x=y"),
                env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        assertFalse(Files.exists(saved));
    }
}
