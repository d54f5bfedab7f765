package dev.tcg4j.runtime.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.tcg4j.ir.IrVerifier;
import dev.tcg4j.runtime.cli.OptionParser;
import dev.tcg4j.runtime.linux.syscall.SyscallDispatcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSetupTest {
    @AfterEach
    void restoreTheTestConfiguration() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    @Test
    void dashDVerifySwitchesTheIrVerifierOn() throws Exception {
        Set<String> items = OptionParser.parse(List.of("-d", "exec,verify", "prog")).logItems();
        LogSetup.configure(Set.of("exec"), null, new PrintStream(new ByteArrayOutputStream()));
        assertFalse(LoggerFactory.getLogger(IrVerifier.LOGGER).isDebugEnabled());
        LogSetup.configure(items, null, new PrintStream(new ByteArrayOutputStream()));
        assertTrue(LoggerFactory.getLogger(IrVerifier.LOGGER).isDebugEnabled());
    }

    @Test
    void logLinesAreTheMessageAloneThenAnyStackTrace() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogSetup.LogOutput out = LogSetup.configure(Set.of("exec"), null, new PrintStream(bytes, true, UTF_8));
        org.slf4j.Logger exec = LoggerFactory.getLogger("tcg4j.exec");
        exec.debug("block at {}", "0x1000");
        LoggerFactory.getLogger("tcg4j.op").debug("not enabled");
        exec.warn("failed", new IllegalStateException("boom"));
        out.close();
        String[] lines = bytes.toString(UTF_8).split(System.lineSeparator());
        assertEquals("block at 0x1000", lines[0]);
        assertEquals("failed", lines[1]);
        assertEquals("java.lang.IllegalStateException: boom", lines[2]);
        assertTrue(lines[3].startsWith("\tat dev.tcg4j.runtime.cli.LogSetupTest."), lines[3]);
    }

    @Test
    void aStraceCallAwaitingItsResultEndsWithoutANewLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogSetup.LogOutput out = LogSetup.configure(Set.of("strace"), null, new PrintStream(bytes, true, UTF_8));
        org.slf4j.Logger strace = LoggerFactory.getLogger("tcg4j.strace");
        strace.debug(SyscallDispatcher.UNFINISHED_LINE, "1 write(2,0x1a88,19)");
        strace.debug(" = 19");
        out.close();
        assertEquals("1 write(2,0x1a88,19) = 19" + System.lineSeparator(), bytes.toString(UTF_8));
    }

    @Test
    void configuringTheCliLeavesTheHostsLoggersAndAppendersAlone() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> host =
                new ch.qos.logback.core.read.ListAppender<>();
        host.setContext(ctx);
        host.setName("host");
        host.start();
        root.addAppender(host);
        ctx.getLogger("com.example.host").setLevel(ch.qos.logback.classic.Level.INFO);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LogSetup.LogOutput out = LogSetup.configure(Set.of("exec"), null, new PrintStream(bytes, true, UTF_8));
        LoggerFactory.getLogger("com.example.host").info("the host's line");
        LoggerFactory.getLogger("tcg4j.exec").debug("the emulator's line");
        out.close();
        assertTrue(root.getAppender("host") == host, "the host's appender is still attached");
        assertEquals(List.of("the host's line"), host.list.stream().map(e -> e.getFormattedMessage()).toList());
        assertEquals("the emulator's line" + System.lineSeparator(), bytes.toString(UTF_8));
    }
}
