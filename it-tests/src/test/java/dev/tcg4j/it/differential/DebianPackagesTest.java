package dev.tcg4j.it.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcg4j.it.harness.GuestRunner;
import dev.tcg4j.testing.guest.Invocation;
import dev.tcg4j.testing.guest.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real distribution's programs: Debian's riscv64 lua5.4 with its shared libraries (liblua5.4,
 * libc6, libreadline, libtinfo), and busybox, unpacked into a sysroot under target/ by
 * fetch-debian-riscv64.sh, run with -L that sysroot under qemu-riscv64 and tcg4j. Only stdout and
 * the exit status are compared: Debian's newer glibc asks riscv_hwprobe (258), which qemu 7.2 lacks
 * and tcg4j answers, so the instructions executed differ. Without the mirror the test fails: it is
 * not skipped.
 */
class DebianPackagesTest {
    private static final Path SYSROOT = Paths.get(System.getProperty("tcg4j.debian.sysroot", "target/debian-sysroot"))
            .toAbsolutePath();
    private static final List<String> PACKAGES = List.of("lua5.4", "liblua5.4-0", "libc6", "libreadline8t64",
            "libtinfo6", "busybox-static");
    private static final String SCRIPT = """
            local t = {}
            for i = 1, 300 do t[#t + 1] = string.format("%d:%d", i, i * i % 97) end
            table.sort(t)
            print(#t, t[1], t[#t], string.rep("ab", 3), math.floor(2^40 / 3), 7 // 2, 7 / 2)
            local ok, err = pcall(function() error({code = 7}) end)
            print(ok, type(err), err.code)
            local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1); return b * 2 end)
            print(co(1), co(20), ("%5.2f|%-4s|%x"):format(math.pi, "x", 255))
            print(select("#", string.byte("hello", 1, -1)), ("x"):upper(), #arg, arg[1], os.getenv("LANG"))
            os.exit(3)
            """;

    private static GuestRunner runner;

    @BeforeAll
    static void fetchLua() throws IOException, InterruptedException {
        runner = GuestRunner.create();
        if (Files.isRegularFile(lua()) && Files.isRegularFile(SYSROOT.resolve("usr/bin/busybox"))) {
            return;
        }
        List<String> command = new java.util.ArrayList<>(List.of(Paths.get("fetch-debian-riscv64.sh").toAbsolutePath()
                .toString(), SYSROOT.toString()));
        command.addAll(PACKAGES);
        Process fetch = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = fetch.getInputStream().readAllBytes();
        assertTrue(fetch.waitFor(15, TimeUnit.MINUTES), "fetching the packages timed out");
        assertEquals(0, fetch.exitValue(), () -> "fetch-debian-riscv64.sh failed:\n"
                + new String(output, StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(lua()), "no usr/bin/lua5.4 in " + SYSROOT);
    }

    @Test
    void busyboxListsTheSysrootAsItsRoot() {
        Path busybox = SYSROOT.resolve("usr/bin/busybox");
        assertTrue(Files.isRegularFile(busybox), "no usr/bin/busybox in " + SYSROOT);
        RunResult run = compare(Invocation.of(busybox, "ls", "/"), 0);
        assertTrue(run.stdoutText().lines().toList().containsAll(List.of("lib", "usr")), run::describe);
        compare(Invocation.of(busybox, "ls", "-l", "/usr/bin"), 0);
        compare(Invocation.of(busybox, "cat", "/proc/self/cmdline"), 0);
    }

    /**
     * busybox sh forks for pipelines, command substitution, subshells and background jobs, and runs
     * its applets in the child (some after an execve of itself): output and status as under qemu.
     */
    @Test
    void busyboxShellScriptsForkAndWaitAsUnderQemu() {
        Path busybox = SYSROOT.resolve("usr/bin/busybox");
        compare(Invocation.of(busybox, "sh", "-c", "echo one two three | tr a-z A-Z | rev; echo abc | cat"), 0);
        compare(Invocation.of(busybox, "sh", "-c", "x=$(echo inner | wc -c); echo \"got $x\"; y=$(exit 4); echo $?"), 0);
        compare(Invocation.of(busybox, "sh", "-c", "(exit 3); echo \"subshell $?\"; (echo a; echo b) | wc -l"), 0);
        compare(Invocation.of(busybox, "sh", "-c",
                "sleep 0 & p=$!; (exit 7) & q=$!; wait $p; echo \"first $?\"; wait $q; echo \"second $?\"; wait"), 0);
        compare(Invocation.of(busybox, "sh", "-c", "for i in $(seq 5); do echo $i | md5sum; done"), 0);
        compare(Invocation.of(busybox, "sh", "-c", "sh -c 'kill -SEGV $$'; echo \"killed $?\"; sh -c 'exit 6'"), 6);
    }

    /**
     * A subshell's cd and umask are its own (each process has its cwd and umask): the shell after
     * it is where it was, and a child process, an applet or a shell, starts where its parent is.
     */
    @Test
    void busyboxSubshellsKeepTheirCwdAndUmaskAsUnderQemu() {
        Path busybox = SYSROOT.resolve("usr/bin/busybox");
        compare(Invocation.of(busybox, "sh", "-c", "cd /; (cd /tmp; pwd; umask 077; umask); pwd; umask; "
                + "cd /usr && (cd bin && pwd) && pwd; umask 027; sh -c 'umask; pwd'; readlink /proc/self/cwd; "
                + "cd /etc; readlink /proc/$$/cwd; (cd /; readlink /proc/$$/cwd); x=$(cd /var; pwd); echo \"$x $PWD\""),
                0);
    }

    /**
     * A background job outlives the shell that started it and still writes its output; the status
     * is the shell's (POSIX: a parent's exit does not end its children). qemu's orphan is a host
     * process of its own that the harness stops reading at the shell's exit, so the check is POSIX's:
     * tcg4j's run, holding every guest process, ends when the job has.
     */
    @Test
    void busyboxBackgroundJobOutlivesTheShell() {
        Invocation script = Invocation.of(SYSROOT.resolve("usr/bin/busybox"), "sh", "-c",
                "(sleep 1; echo late; exit 3) & echo first; exit 5").withOptions("-L", SYSROOT.toString());
        RunResult tcg4j = runner.runTcg4j(script);
        assertFalse(tcg4j.timedOut(), tcg4j::describe);
        assertEquals(5, tcg4j.exitStatus(), tcg4j::describe);
        assertEquals("first\nlate\n", tcg4j.stdoutText(), tcg4j::describe);
    }

    /**
     * A program built for the host, exec'd from the guest (here the host's sh, wc, pwd and yes, which
     * the sysroot lacks), runs natively as under qemu, which hands such an execve to the host kernel:
     * its output, exit status and death by a signal (a signal sent to the guest process reaches it),
     * with the descriptors, working directory and pipes it inherits; the shell's last command is
     * exec'd in place of the shell itself.
     */
    @Test
    void hostProgramsExecdFromTheGuestRunNativelyAsUnderQemu() {
        Path busybox = SYSROOT.resolve("usr/bin/busybox");
        compare(Invocation.of(busybox, "sh", "-c", "echo abc | /usr/bin/wc -c; cd /tmp && /bin/pwd; "
                + "/bin/sh -c 'exit 7'; echo \"exit $?\"; /bin/sh -c 'kill -TERM $$'; echo \"killed $?\"; "
                + "exec 3>&1; /bin/sh -c 'echo to three >&3'; /usr/bin/yes | head -n 2; "
                + "/bin/sleep 5 & kill $!; wait $!; echo \"stopped $?\"; /bin/sh -c 'exit 9'"), 9);
    }

    private static Path lua() {
        return SYSROOT.resolve("usr/bin/lua5.4");
    }

    @Test
    void anExpressionPrintsAsUnderQemu() {
        compare(Invocation.of(lua(), "-e", "print(1 + 1, _VERSION, string.format('%q', 'a\\tb'), 10 // 3)"), 0);
    }

    @Test
    void aScriptWithTablesCoroutinesErrorsAndExitPrintsAsUnderQemu() throws IOException {
        Path dir = GuestRunner.tempDirectory();
        try {
            Path script = dir.resolve("sample.lua");
            Files.writeString(script, SCRIPT);
            compare(Invocation.of(lua(), script.toString(), "first"), 3);
        } finally {
            GuestRunner.deleteRecursively(dir);
        }
    }

    @Test
    void aLuaErrorIsStatus1WithTheSameMessage() {
        compare(Invocation.of(lua(), "-e", "error('boom')"), 1);
    }

    private static RunResult compare(Invocation invocation, int expectedExit) {
        return runner.assertRunsAsUnderQemu(invocation.withOptions("-L", SYSROOT.toString()), expectedExit);
    }
}
