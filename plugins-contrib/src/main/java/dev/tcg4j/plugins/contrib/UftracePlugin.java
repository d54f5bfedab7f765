package dev.tcg4j.plugins.contrib;

import dev.tcg4j.plugin.api.Condition;
import dev.tcg4j.plugin.api.InlineOp;
import dev.tcg4j.plugin.api.InsnView;
import dev.tcg4j.plugin.api.Plugin;
import dev.tcg4j.plugin.api.PluginArgs;
import dev.tcg4j.plugin.api.PluginArgumentException;
import dev.tcg4j.plugin.api.PluginContext;
import dev.tcg4j.plugin.api.RegAccess;
import dev.tcg4j.plugin.api.Register;
import dev.tcg4j.plugin.api.ScoreboardU64;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Function entry and exit tracing written as a uftrace data directory, as later QEMU's
 * contrib/plugins/uftrace.c does, so that {@code uftrace replay -d DIR}, {@code uftrace report} and
 * {@code uftrace dump --chrome} read it.
 *
 * <p>QEMU's plugin follows frame pointers, which RISC-V code built with -O2 does not keep. This one
 * follows the RISC-V calling convention instead (the unprivileged ISA's return-address hints): a
 * {@code jal}/{@code jalr} that links to {@code ra} is a call, and the first block run after it is
 * the callee's entry; a {@code jalr} through {@code ra} that links nothing is a return. Each entry
 * remembers the stack pointer, which a return restores, so that frames left by {@code longjmp} or a
 * C++ exception are closed at the next call or return at an outer frame's stack depth. Tail calls
 * ({@code j}, {@code jr t1}) stay within their caller's entry, as uftrace's own recording shows them.
 *
 * <p>Arguments: {@code dir=PATH} (default {@code uftrace.data}, the directory QEMU writes in the
 * current directory); {@code trace-privilege-level=on|off} is accepted for QEMU's command lines (user
 * mode has one level, so it changes nothing).
 *
 * <p>Output: {@code DIR/info}, {@code DIR/task.txt}, {@code DIR/sid-0.map} (the program's code and
 * the stack, so that uftrace reads the program's ELF symbols) and one {@code DIR/TID.dat} per vCPU
 * (vCPU n is task {@code (n + 1) * 100}, as QEMU numbers them), with real nanosecond timestamps.
 */
public final class UftracePlugin implements Plugin {
    /** uftrace's record: type in bits 0-1, magic 5 in bits 3-5, depth in bits 6-15, address above. */
    private static final long RECORD_ENTRY = 0;
    private static final long RECORD_EXIT = 1;
    private static final long RECORD_MAGIC = 5;
    private static final int TRACE_ID_SCALE = 100;
    private static final int MAX_DEPTH = 1023;
    private static final int RA = 1;

    private Path dir = Path.of("uftrace.data");
    private PluginContext ctx;
    private Register sp;
    /** Per vCPU: 1 after a call instruction ran, until the callee's first block clears it. */
    private ScoreboardU64 callPending;
    private final List<CallStack> stacks = new ArrayList<>();
    /** The program's path and code range, as the first vCPU saw them. */
    private Program program;

    private record Program(String path, long startCode, long endCode) {}

    @Override
    public String name() {
        return "uftrace";
    }

    @Override
    public void install(PluginContext ctx, PluginArgs args) {
        for (PluginArgs.Arg a : args.all()) {
            switch (a.key()) {
                case "dir" -> dir = Path.of(a.value());
                case "trace-privilege-level" -> PluginArgs.parseBool(a.key(), a.value());
                default -> throw new PluginArgumentException("option parsing failed: " + a);
            }
        }
        if (!ctx.targetName().startsWith("riscv")) {
            throw new PluginArgumentException("plugin uftrace: " + ctx.targetName() + " target is not supported");
        }
        this.ctx = ctx;
        sp = ctx.registers().stream().filter(r -> r.name().equals("sp")).findFirst()
                .orElseThrow(() -> new PluginArgumentException("plugin uftrace: no sp register"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PluginArgumentException("plugin uftrace: cannot create " + dir + ": " + e.getMessage());
        }
        callPending = ctx.newScoreboard(1).u64(0);
        ctx.onVcpuInit(this::startVcpu);
        ctx.onTbTranslate(tb -> {
            tb.onExecIf((vcpu, entry) -> stack(vcpu).enter((Long) entry), RegAccess.R_REGS, Condition.NE,
                    callPending, 0, tb.vaddr());
            for (int i = 0; i < tb.insnCount(); i++) {
                InsnView insn = tb.insn(i);
                switch (kind(insn.bytes())) {
                    case CALL -> insn.inline(InlineOp.STORE_U64, callPending, 1);
                    case RETURN -> insn.onExec((vcpu, data) -> stack(vcpu).leave(), RegAccess.R_REGS, null);
                    case OTHER -> { }
                }
            }
        });
        ctx.onExit(this::finish);
    }

    enum Kind { CALL, RETURN, OTHER }

    /** Classifies an instruction by the calling convention's link-register hints. */
    static Kind kind(byte[] bytes) {
        int lo = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8;
        if (bytes.length == 2) {
            int rs1 = (lo >> 7) & 31;
            boolean crJump = (lo & 0xe07f) == 0x8002 && rs1 != 0; // c.jr / c.jalr: funct4 100x, rs2 = 0
            if (!crJump) {
                return Kind.OTHER;
            }
            boolean links = (lo & 0x1000) != 0; // c.jalr writes ra
            if (links) {
                return Kind.CALL;
            }
            return isLink(rs1) ? Kind.RETURN : Kind.OTHER;
        }
        int word = lo | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
        int opcode = word & 0x7f;
        int rd = (word >> 7) & 31;
        int rs1 = (word >> 15) & 31;
        if (opcode == 0x6f) { // jal
            return isLink(rd) ? Kind.CALL : Kind.OTHER;
        }
        if (opcode == 0x67 && ((word >> 12) & 7) == 0) { // jalr
            if (isLink(rd)) {
                return Kind.CALL;
            }
            return rd == 0 && isLink(rs1) ? Kind.RETURN : Kind.OTHER;
        }
        return Kind.OTHER;
    }

    /**
     * Only {@code ra}: the alternate link {@code t0} calls millicode (GCC's -msave-restore) that
     * moves the stack pointer before its caller's frame exists, which a frame walk cannot follow.
     */
    private static boolean isLink(int reg) {
        return reg == RA;
    }

    private void startVcpu(int vcpu) {
        synchronized (stacks) {
            if (program == null) {
                // taken while the program runs: the run's end need not keep it
                program = new Program(binaryPathOrEmpty(), ctx.startCode(), ctx.endCode());
            }
            while (stacks.size() <= vcpu) {
                stacks.add(null);
            }
            stacks.set(vcpu, new CallStack(vcpu));
        }
    }

    private CallStack stack(int vcpu) {
        synchronized (stacks) {
            return stacks.get(vcpu);
        }
    }

    private void finish() {
        List<CallStack> all;
        synchronized (stacks) {
            all = stacks.stream().filter(s -> s != null).toList();
        }
        try {
            for (CallStack s : all) {
                s.close();
            }
            writeInfo(all);
            writeTasks(all);
            writeMap();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 40-byte header uftrace checks (magic, version 4, header size, little endian, 64-bit) and the info lines. */
    private void writeInfo(List<CallStack> all) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        header.put("Ftrace!\0".getBytes(StandardCharsets.US_ASCII));
        header.putInt(4); // file version
        header.putShort((short) 40); // header size
        header.put((byte) 1); // little endian
        header.put((byte) 2); // 64-bit
        header.putLong(0x1263); // features, as QEMU's plugin writes them
        header.putLong(0x7bff); // info sections present
        header.putShort((short) 1024); // max stack depth
        header.putShort((short) 0);
        header.putInt(0);
        StringBuilder tids = new StringBuilder();
        for (CallStack s : all) {
            tids.append(tids.isEmpty() ? "" : ",").append(s.tid);
        }
        String exe = program != null ? program.path() : "";
        String info = String.join("\n",
                "exename:" + exe,
                "build_id:0000000000000000000000000000000000000000",
                "exit_status:0",
                "cmdline:" + exe,
                "cpuinfo:lines=2",
                "cpuinfo:nr_cpus=" + all.size() + " / " + all.size() + " (online / possible)",
                "cpuinfo:desc=" + ctx.targetName(),
                "meminfo:",
                "osinfo:lines=3",
                "osinfo:kernel=Linux",
                "osinfo:hostname=tcg4j",
                "osinfo:distro=",
                "taskinfo:lines=2",
                "taskinfo:nr_tid=" + all.size(),
                "taskinfo:tids=" + tids,
                "usageinfo:lines=6",
                "usageinfo:systime=0.0",
                "usageinfo:usrtime=0.0",
                "usageinfo:ctxsw=0 / 0",
                "usageinfo:maxrss=0",
                "usageinfo:pagefault=0 / 0",
                "usageinfo:iops=0 / 0",
                "loadinfo:0 / 0 / 0",
                "record_date:",
                "elapsed_time:",
                "pattern_type:regex",
                "uftrace_version:",
                "utc_offset:0") + "\n";
        try (OutputStream out = Files.newOutputStream(dir.resolve("info"))) {
            out.write(header.array());
            out.write(info.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void writeTasks(List<CallStack> all) throws IOException {
        String exe = program != null ? program.path() : "";
        StringBuilder task = new StringBuilder();
        for (CallStack s : all) {
            task.append("SESS timestamp=0.0 pid=").append(s.tid).append(" sid=0 exename=\"").append(exe).append("\"\n");
            task.append("TASK timestamp=0.0 tid=").append(s.tid).append(" pid=").append(s.tid).append('\n');
        }
        Files.writeString(dir.resolve("task.txt"), task);
    }

    /** The guest's code as /proc/self/maps would show it, which uftrace reads the ELF symbols by. */
    private void writeMap() throws IOException {
        Program p = program != null ? program : new Program("", 0, 0);
        String map = String.format("%012x-%012x r-xp 00000000 00:00 0 %s%n", p.startCode(), p.endCode(), p.path())
                + "7ffffffff000-7ffffffff000 rw-p 00000000 00:00 0 [stack]\n";
        Files.writeString(dir.resolve("sid-0.map"), map);
    }

    private String binaryPathOrEmpty() {
        try {
            return ctx.binaryPath();
        } catch (UnsupportedOperationException e) {
            return "";
        }
    }

    /** One vCPU's frames and its trace file; touched only from that vCPU's thread until the exit. */
    private final class CallStack {
        final int vcpu;
        final int tid;
        final long[] entryPc = new long[MAX_DEPTH + 1];
        final long[] entrySp = new long[MAX_DEPTH + 1];
        int depth;
        final ByteBuffer records = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        final Path file;

        CallStack(int vcpu) {
            this.vcpu = vcpu;
            this.tid = (vcpu + 1) * TRACE_ID_SCALE;
            this.file = dir.resolve(tid + ".dat");
            try {
                Files.write(file, new byte[0]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * A callee runs on a lower stack than its caller was entered with: frames entered at or
         * below the callee's stack pointer were abandoned (by a longjmp or an exception) and close first.
         */
        void enter(long pc) {
            callPending.set(vcpu, 0);
            long now = ctx.readRegister(vcpu, sp);
            closeAbandoned(now);
            if (depth > MAX_DEPTH) {
                return;
            }
            entryPc[depth] = pc;
            entrySp[depth] = now;
            record(RECORD_ENTRY, pc, depth);
            depth++;
        }

        private void closeAbandoned(long now) {
            while (depth > 0 && Long.compareUnsigned(entrySp[depth - 1], now) <= 0) {
                depth--;
                record(RECORD_EXIT, entryPc[depth], depth);
            }
        }

        /**
         * A return restores the stack pointer its function was entered with: frames entered deeper
         * (with a lower sp) were abandoned by a longjmp or an exception and close here too.
         */
        void leave() {
            long now = ctx.readRegister(vcpu, sp);
            while (depth > 0 && Long.compareUnsigned(entrySp[depth - 1], now) <= 0) {
                depth--;
                record(RECORD_EXIT, entryPc[depth], depth);
                if (entrySp[depth] == now) {
                    return;
                }
            }
        }

        private void record(long type, long pc, int atDepth) {
            if (records.remaining() < 16) {
                flush();
            }
            records.putLong(System.nanoTime());
            records.putLong(type | RECORD_MAGIC << 3 | (long) atDepth << 6 | pc << 16);
        }

        void close() {
            while (depth > 0) {
                depth--;
                record(RECORD_EXIT, entryPc[depth], depth);
            }
            flush();
        }

        private void flush() {
            try {
                Files.write(file, Arrays.copyOf(records.array(), records.position()), StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            records.clear();
        }
    }
}
