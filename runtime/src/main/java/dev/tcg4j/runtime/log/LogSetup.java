package dev.tcg4j.runtime.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Configures logging as QEMU's {@code -d}/{@code -D} do: each enabled item is the logger
 * {@code tcg4j.<item>} at DEBUG, and all log text goes, message only, to stderr or to the
 * {@code -D} file. Plugin output shares that destination.
 */
public final class LogSetup {
    private LogSetup() {}

    /** Where log text and plugin output go. */
    public record LogOutput(PrintStream stream, boolean isFile) {
        public void close() {
            stream.flush();
            if (isFile) {
                stream.close();
            }
        }
    }

    public static LogOutput configure(Set<String> items, Path logFile, PrintStream stderr) throws IOException {
        OutputStream target = logFile == null ? new NonClosing(stderr) : Files.newOutputStream(logFile);
        PrintStream out = new PrintStream(target, true, StandardCharsets.UTF_8);
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%msg%n");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setName("tcg4j");
        appender.setEncoder(encoder);
        appender.setOutputStream(new NonClosing(out));
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        for (String item : items) {
            ctx.getLogger("tcg4j." + item).setLevel(Level.DEBUG);
        }
        return new LogOutput(out, logFile != null);
    }

    /** Lets the appender be stopped without closing stderr under everyone else. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
