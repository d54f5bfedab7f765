package dev.tcg4j.runtime.embed;

import dev.tcg4j.runtime.linux.host.Libc;
import dev.tcg4j.runtime.wiring.RunRequest;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The guest's stdin, stdout and stderr for one run, as the embedder asked: a host fd as it is, or a
 * Java stream bridged through a host pipe by a thread of its own. The guest writes to and reads from
 * real file descriptors (its system calls are host calls), so a stream needs a pipe in between.
 * The emulator's own messages go into the stderr pipe too, so that they stay in order with the
 * guest's writes.
 */
final class StdioBridge implements AutoCloseable {
    /** O_CLOEXEC: the pipe ends are the run's, never a child process's. */
    private static final int O_CLOEXEC = 0x80000;
    /** How long the end of a run waits for an output thread to drain its pipe. */
    private static final long DRAIN_MILLIS = 10_000;

    private final Libc libc;
    private final List<Integer> closeAfterRun = new ArrayList<>();
    private final List<Thread> outputThreads = new ArrayList<>();
    private final RunRequest.HostStdio fds;
    private final PrintStream messages;
    private final boolean messagesOwned;

    StdioBridge(Libc libc, Tcg4j.Stdio in, Tcg4j.Stdio out, Tcg4j.Stdio err, String name) {
        this.libc = libc;
        int inFd = in.fd() >= 0 ? in.fd() : in.input() != null ? feed(in.input(), name) : 0;
        int outFd = out.fd() >= 0 ? out.fd() : out.output() != null ? drain(out.output(), name + "-stdout") : 1;
        int errFd;
        if (err.output() != null) {
            errFd = drain(err.output(), name + "-stderr");
            messages = new PrintStream(open(errFd, true), true, StandardCharsets.UTF_8);
            messagesOwned = true;
        } else if (err.fd() >= 0) {
            errFd = err.fd();
            messages = new PrintStream(open(errFd, true), true, StandardCharsets.UTF_8);
            messagesOwned = true;
        } else {
            errFd = 2;
            messages = System.err;
            messagesOwned = false;
        }
        fds = new RunRequest.HostStdio(inFd, outFd, errFd);
    }

    /** The host fds the guest's 0, 1 and 2 stand for. */
    RunRequest.HostStdio fds() {
        return fds;
    }

    /** Where the emulator's own messages (and by default plugin output) go: the guest's stderr. */
    PrintStream messages() {
        return messages;
    }

    /**
     * The run has ended: closes the guest's ends of the pipes, so that the output threads see the
     * end of file and finish copying, and waits for them.
     */
    @Override
    public void close() {
        messages.flush();
        if (messagesOwned) {
            messages.close();
        }
        for (int fd : closeAfterRun) {
            libc.close(fd);
        }
        for (Thread t : outputThreads) {
            try {
                t.join(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A pipe whose read end is the guest's stdin, filled from {@code input} by a daemon thread. */
    private int feed(InputStream input, String name) {
        int[] pipe = pipe();
        OutputStream writeEnd = open(pipe[1], true);
        libc.close(pipe[1]);
        closeAfterRun.add(pipe[0]);
        // a daemon: it may be blocked reading the host's stream when the run ends; the closed read end
        // makes its next write fail (EPIPE), which ends it
        Thread t = Thread.ofPlatform().daemon().name(name + "-stdin").unstarted(() -> {
            try (writeEnd) {
                input.transferTo(writeEnd);
            } catch (IOException e) {
                // the guest closed its stdin or ended before reading everything, as with a host pipe
            }
        });
        t.start();
        return pipe[0];
    }

    /** A pipe whose write end the guest gets, copied into {@code output} by a thread until end of file. */
    private int drain(OutputStream output, String name) {
        int[] pipe = pipe();
        InputStream readEnd = open(pipe[0]);
        libc.close(pipe[0]);
        closeAfterRun.add(pipe[1]);
        Thread t = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
            try (readEnd) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = readEnd.read(buf)) >= 0) {
                    output.write(buf, 0, n);
                    output.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        t.start();
        outputThreads.add(t);
        return pipe[1];
    }

    private int[] pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            long r = libc.pipe2(fds, O_CLOEXEC);
            if (r < 0) {
                throw new IllegalStateException("cannot make a pipe for the guest's stdio (errno " + -r + ")");
            }
            return new int[] {fds.getAtIndex(ValueLayout.JAVA_INT, 0), fds.getAtIndex(ValueLayout.JAVA_INT, 1)};
        }
    }

    /** A Java stream of its own on a host fd: /proc/self/fd opens the same pipe or file again. */
    private static FileOutputStream open(int fd, boolean append) {
        try {
            return new FileOutputStream("/proc/self/fd/" + fd, append);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileInputStream open(int fd) {
        try {
            return new FileInputStream("/proc/self/fd/" + fd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
