package dev.tcg4j.it.downstream;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The docs show {@link HelloOnEveryBackendTest} as it is compiled and run, not a copy that drifts. */
class DocumentedExampleTest {
    private static final Path ROOT = Path.of(System.getProperty("tcg4j.examples.dir")).toAbsolutePath().getParent();

    @Test
    void theFixturesReadmeShowsTheCompiledExample() throws IOException {
        String doc = "testing/README.md";
        String source = Files.readString(ROOT.resolve(
                "it-tests/src/test/java/dev/tcg4j/it/downstream/HelloOnEveryBackendTest.java"), StandardCharsets.UTF_8);
        String example = source.substring(source.indexOf("class HelloOnEveryBackendTest")).strip();
        String text = Files.readString(ROOT.resolve(doc), StandardCharsets.UTF_8);
        assertTrue(text.contains(example), doc + " should show, word for word:\n" + example);
    }
}
