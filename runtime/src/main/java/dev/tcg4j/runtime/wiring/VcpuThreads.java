package dev.tcg4j.runtime.wiring;

import dev.tcg4j.backend.lockstep.LockstepDivergence;
import dev.tcg4j.injector.PluginFailure;
import dev.tcg4j.injector.PluginHost;
import dev.tcg4j.ir.cpu.CpuState;
import dev.tcg4j.ir.cpu.ExitProcess;
import dev.tcg4j.ir.cpu.ResumeAt;
import dev.tcg4j.ir.spi.GuestArch;
import dev.tcg4j.runtime.exec.Vcpu;
import dev.tcg4j.runtime.linux.GuestExit;
import dev.tcg4j.runtime.linux.LinuxProcess;
import dev.tcg4j.runtime.linux.ThreadExit;
import dev.tcg4j.runtime.linux.VcpuStarter;
import dev.tcg4j.runtime.linux.process.ProcessCpu;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the vCPUs of one process, each on a platform thread of its own (a daemon, so that a vCPU
 * stuck in a host call cannot keep the JVM alive once the process has ended): the first one, and
 * every thread clone makes. Plugins see each vCPU start and
 * exit on its own thread; how a vCPU leaves its loop (its thread's exit, the process's exit, a
 * failure) is reported to the process.
 */
final class VcpuThreads implements VcpuStarter {
    private static final Logger INTERNAL = LoggerFactory.getLogger("tcg4j.internal");
    /** {@code -d plugin}: a failing plugin's stack trace, which the one-line error leaves out. */
    private static final Logger PLUGIN_LOG = LoggerFactory.getLogger("tcg4j.plugin");
    /** Host stack of a vCPU thread: the translator and deep helper chains want more than the default. */
    private static final long STACK_BYTES = 16L << 20;

    private final Vcpu.Factory vcpus;
    private final PluginHost plugins;
    private final LinuxProcess linux;
    private final GuestArch arch;
    private final List<Thread> started = new CopyOnWriteArrayList<>();

    VcpuThreads(Vcpu.Factory vcpus, PluginHost plugins, LinuxProcess linux, GuestArch arch) {
        this.vcpus = vcpus;
        this.plugins = plugins;
        this.linux = linux;
        this.arch = arch;
    }

    /**
     * Runs the process's first vCPU on a thread of its own, so that the caller, waiting for the
     * process to end, returns even while that vCPU blocks in a host call.
     */
    void startFirst(Vcpu vcpu) {
        launch(vcpu.state().vcpuIndex, () -> run(vcpu));
    }

    @Override
    public void start(int index, Consumer<CpuState> prepare) {
        Vcpu vcpu = vcpus.create(index);
        launch(index, () -> {
            try {
                prepare.accept(vcpu.state());
            } catch (GuestExit ending) {
                return; // the process ended before this thread could run
            }
            run(vcpu);
        });
    }

    private void launch(int index, Runnable body) {
        ProcessCpu cpu = linux.context().processes().cpu(linux.context().pid());
        Thread t = Thread.ofPlatform().daemon().name("vcpu-" + index).stackSize(STACK_BYTES).unstarted(() -> {
            try {
                body.run();
            } finally {
                cpu.ended(Thread.currentThread());
            }
        });
        cpu.started(t);
        started.add(t);
        try {
            t.start();
        } catch (OutOfMemoryError e) {
            started.remove(t);
            throw new IllegalStateException("cannot start a host thread", e);
        }
    }

    /** Runs {@code vcpu} on the calling thread until its thread or its process exits. */
    private void run(Vcpu vcpu) {
        CpuState cpu = vcpu.state();
        try {
            try {
                plugins.vcpuInit(cpu);
            } catch (ResumeAt r) {
                vcpu.resumeAt(r.pc()); // setPc from a vCPU-init callback: the vCPU starts there
            } catch (IllegalStateException pastScoreboards) {
                linux.fail(pastScoreboards.getMessage()); // more vCPUs than plugin scoreboards hold
                return;
            }
            try {
                vcpu.run();
                throw new IllegalStateException("the CPU loop returned");
            } catch (ThreadExit exit) {
                plugins.vcpuExit(cpu);
                linux.threadExited(cpu, exit.status());
            } catch (GuestExit exit) {
                linux.exitGroup(exit.status(), exit.signal());
                plugins.vcpuExit(cpu);
            }
        } catch (ExitProcess exit) {
            // a plugin ended the program (PluginContext.exitProcess), from a callback of this vCPU
            linux.exitGroup(exit.status() & 0xff);
            plugins.vcpuExit(cpu);
        } catch (PluginFailure e) {
            PLUGIN_LOG.debug("{}", e.getMessage(), e.getCause());
            linux.fail(e.getMessage());
        } catch (LockstepDivergence e) {
            linux.fail(e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            INTERNAL.debug("internal error", e);
            linux.fail("internal error at guest pc 0x" + Long.toHexString(cpu.regs[arch.pcSlot()]) + ": " + e);
        }
    }

    /**
     * Waits up to {@code millis} for every vCPU thread started so far to finish; returns whether all
     * did (one blocked in a host call, a read of a terminal say, may not).
     */
    boolean awaitOthers(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        boolean all = true;
        for (Thread t : started) {
            while (t.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    all = false;
                    break;
                }
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return all;
    }
}
