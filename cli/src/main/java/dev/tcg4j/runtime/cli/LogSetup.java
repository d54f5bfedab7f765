package dev.tcg4j.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.OutputStreamAppender;
import dev.tcg4j.runtime.linux.syscall.SyscallDispatcher;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Configures logging as QEMU's {@code -d}/{@code -D} do: each enabled item is the logger
 * {@code tcg4j.<item>} at DEBUG, and all log text goes, message only, to stderr or to the
 * {@code -D} file. Plugin output shares that destination. Only the CLI does this: the library
 * modules log through the SLF4J API alone and leave the configuration to their host.
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

    /** The logger every item's logger descends from: the only one this set-up touches. */
    static final String TCG4J_LOGGER = "tcg4j";
    private static final String APPENDER = "tcg4j-cli";

    /**
     * Sends the {@code tcg4j} loggers, and only those, to stderr or {@code logFile}: warnings, and each
     * item of {@code items} at DEBUG. Whatever else the Logback context holds (a host's loggers and
     * appenders) is left alone, and the {@code tcg4j} logs do not reach the root's appenders.
     */
    public static LogOutput configure(Set<String> items, Path logFile, PrintStream stderr) throws IOException {
        OutputStream target = logFile == null ? new NonClosing(stderr) : Files.newOutputStream(logFile);
        PrintStream out = new PrintStream(target, true, StandardCharsets.UTF_8);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            // Main chose WarningsToStderr: no item to enable, warnings already reach stderr
            return new LogOutput(out, logFile != null);
        }
        Logger tcg4j = ctx.getLogger(TCG4J_LOGGER);
        // a second configuration (a test, a host calling Main twice) replaces the first one's appender and items
        Appender<ILoggingEvent> previous = tcg4j.getAppender(APPENDER);
        if (previous != null) {
            tcg4j.detachAppender(previous);
            previous.stop();
        }
        for (Logger logger : ctx.getLoggerList()) {
            if (logger.getName().startsWith(TCG4J_LOGGER + ".")) {
                logger.setLevel(null);
            }
        }
        MessageEncoder encoder = new MessageEncoder();
        encoder.setContext(ctx);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setName(APPENDER);
        appender.setEncoder(encoder);
        appender.setOutputStream(new NonClosing(out));
        appender.start();
        tcg4j.setLevel(Level.WARN);
        tcg4j.setAdditive(false);
        tcg4j.addAppender(appender);
        for (String item : items) {
            ctx.getLogger(TCG4J_LOGGER + "." + item).setLevel(Level.DEBUG);
        }
        return new LogOutput(out, logFile != null);
    }

    /**
     * The message and a new line, then the stack trace if there is one: what the pattern
     * {@code %msg%n} gives, without Logback's pattern compiler at every start-up.
     */
    private static final class MessageEncoder extends EncoderBase<ILoggingEvent> {
        private static final byte[] NONE = new byte[0];

        @Override
        public byte[] headerBytes() {
            return NONE;
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            String text = event.getFormattedMessage() + (unfinished(event) ? "" : System.lineSeparator());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                text += ThrowableProxyUtil.asString(thrown); // its lines end in line separators
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }

        /** A strace call whose result comes in the next message, as qemu prints them. */
        private static boolean unfinished(ILoggingEvent event) {
            List<Marker> markers = event.getMarkerList();
            return markers != null && markers.contains(SyscallDispatcher.UNFINISHED_LINE);
        }

        @Override
        public byte[] footerBytes() {
            return NONE;
        }
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
