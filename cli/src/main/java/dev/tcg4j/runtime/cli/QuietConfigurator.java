package dev.tcg4j.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration when SLF4J first starts: warnings only, nowhere yet, until
 * {@link LogSetup#configure} adds the destination {@code -d}/{@code -D} ask for. Found by Logback
 * through {@code ServiceLoader}, it ends the search: without it Logback looks for logback.xml on the
 * class path and then builds a timestamped console layout that {@link LogSetup} throws away at once
 * (about 20 ms of every start-up). A configuration file, named by {@code -Dlogback.configurationFile} or
 * on the class path as logback-test.xml (tests) or logback.xml, still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class QuietConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, QuietConfigurator.class.getClassLoader());
    }

    /** As {@link #configure(LoggerContext)}, looking for configuration files with {@code loader}. */
    ExecutionStatus configure(LoggerContext context, ClassLoader loader) {
        if (System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
