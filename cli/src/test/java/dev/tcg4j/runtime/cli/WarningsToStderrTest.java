package dev.tcg4j.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class WarningsToStderrTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream realErr;
    private final Logger log = new WarningsToStderr().getLoggerFactory().getLogger("tcg4j.lockstep");

    @BeforeEach
    void captureStderr() {
        realErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(realErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aWarningIsItsMessageOnALineAsLogSetupPrintsIt() {
        log.warn("pc {} differs in {}", "0x1000", "x5");
        assertEquals("pc 0x1000 differs in x5" + System.lineSeparator(), stderr());
    }

    @Test
    void anErrorsThrowableFollowsItsMessage() {
        log.error("failed", new IllegalStateException("why"));
        String text = stderr();
        assertTrue(text.startsWith("failed" + System.lineSeparator() + "java.lang.IllegalStateException: why"), text);
    }

    @Test
    void belowWarnNothingIsEnabledNorPrinted() {
        assertFalse(log.isDebugEnabled());
        assertFalse(log.isInfoEnabled());
        log.debug("item text {}", 1);
        log.info("info");
        log.trace("trace");
        assertEquals("", stderr());
    }

    @Test
    void theLoggerKeepsItsName() {
        assertEquals("tcg4j.lockstep", log.getName());
    }
}
