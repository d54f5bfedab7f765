package dev.tcg4j.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class QuietConfiguratorTest {
    @Test
    void withoutAConfigurationFileItEndsTheSearchWithWarningsOnly() throws Exception {
        LoggerContext context = new LoggerContext();
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new QuietConfigurator().configure(context, bare));
        }
        assertEquals(Level.WARN, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
        assertFalse(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
    }

    @Test
    void aLogbackTestXmlOnTheClassPathStillWins() {
        // this module's tests have one (src/test/resources/logback-test.xml)
        LoggerContext context = new LoggerContext();
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, new QuietConfigurator().configure(context));
    }

    @Test
    void logbackFindsItAsAService() {
        boolean found = ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .anyMatch(provider -> provider.type() == QuietConfigurator.class);
        assertEquals(true, found);
    }
}
