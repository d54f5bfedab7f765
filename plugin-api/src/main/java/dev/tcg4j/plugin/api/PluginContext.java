package dev.tcg4j.plugin.api;

import java.util.List;
import java.util.Set;

/**
 * A plugin's handle on the emulator, given to {@link Plugin#install}. It is safe to keep and to use
 * from any callback. Callbacks run on the thread of the vCPU they concern; a plugin that shares state
 * between vCPUs must synchronize it itself (or use a {@link Scoreboard}, which needs no locking).
 *
 * <p>Registrations may be made at any time, from any callback: a translation callback registered
 * after the guest started sees every block translated from then on, and the emulator drops the blocks
 * already translated so that they are translated again, as QEMU does.
 *
 * <p>The methods that touch a vCPU ({@link #readRegister}, {@link #writeRegister},
 * {@link #readMemory}, {@link #writeMemory}, {@link #setPc}) are valid only inside a callback of that
 * vCPU, on its thread, and only with the {@link RegAccess} the callback was registered with; otherwise
 * they throw {@link IllegalStateException}.
 *
 * <p>The methods added after the first version of this interface have defaults that throw
 * {@link UnsupportedOperationException}, so that test doubles written against it keep compiling; the
 * emulator implements them all.
 */
public interface PluginContext {
    /**
     * The QEMU plugin API version whose user-mode functions this API offers (see docs/PLUGINS.md for
     * the function-by-function table).
     */
    int API_VERSION = 6;

    /**
     * The guest architecture.
     *
     * @return QEMU's target name: for example {@code "riscv64"}
     */
    String targetName();

    /**
     * The API version, as QEMU's {@code qemu_info_t.version.cur}.
     *
     * @return {@link #API_VERSION}
     */
    default int apiVersion() {
        return API_VERSION;
    }

    /**
     * Whether this is system emulation ({@code qemu_info_t.system_emulation}).
     *
     * @return always false: tcg4j emulates user mode only
     */
    default boolean isSystemEmulation() {
        return false;
    }

    /**
     * The number of vCPUs started so far: one more than the highest vCPU index seen. Scoreboard sums
     * cover exactly these.
     *
     * @return the number of vCPUs started so far
     */
    int vcpuCount();

    /**
     * The start of the program's code (the lowest executable segment), as {@code qemu_plugin_start_code}.
     *
     * @return its guest virtual address
     */
    default long startCode() {
        throw unsupported("startCode");
    }

    /**
     * The end of the program's code, exclusive, as {@code qemu_plugin_end_code}.
     *
     * @return its guest virtual address
     */
    default long endCode() {
        throw unsupported("endCode");
    }

    /**
     * The program's entry point, as {@code qemu_plugin_entry_code}.
     *
     * @return its guest virtual address
     */
    default long entryCode() {
        throw unsupported("entryCode");
    }

    /**
     * The guest program's path, as {@code qemu_plugin_path_to_binary}.
     *
     * @return its absolute path
     */
    default String binaryPath() {
        throw unsupported("binaryPath");
    }

    /**
     * Runs {@code cb} when a vCPU (a guest thread, in user mode) starts.
     *
     * @param cb the callback; it runs on the starting vCPU's own thread
     */
    void onVcpuInit(VcpuCallback cb);

    /**
     * Runs {@code cb} when a vCPU stops.
     *
     * @param cb the callback; it runs on the stopping vCPU's own thread
     */
    void onVcpuExit(VcpuCallback cb);

    /**
     * Runs {@code cb} once, when the guest program exits: the place to print results.
     *
     * @param cb the callback; it runs after every vCPU stopped, so scoreboards and whatever the
     *     vCPU threads wrote are final and visible to it
     */
    void onExit(ExitCallback cb);

    /**
     * Runs {@code cb} each time a translation block is translated, before it first runs. This is
     * where a plugin looks at the block's instructions and asks for execution-time instrumentation.
     * Registering one makes the translator emit instrumentation points; a plugin that registers none
     * costs nothing at run time.
     *
     * @param cb the callback; it runs on the thread of the vCPU that translates the block, and two
     *     vCPUs may translate at the same time
     */
    void onTbTranslate(TbTranslateCallback cb);

    /**
     * Runs {@code cb} when a vCPU enters a system call, with its number and arguments.
     *
     * @param cb the callback; it runs on the calling vCPU's own thread
     */
    default void onSyscall(SyscallCallback cb) {
        throw unsupported("onSyscall");
    }

    /**
     * Runs {@code cb} when a system call returns, with the value the guest gets.
     *
     * @param cb the callback; it runs on the calling vCPU's own thread
     */
    default void onSyscallReturn(SyscallReturnCallback cb) {
        throw unsupported("onSyscallReturn");
    }

    /**
     * Asks {@code filter} before each system call runs; it may perform or skip the call itself.
     *
     * @param filter the filter; it runs on the calling vCPU's own thread
     */
    default void onSyscallFilter(SyscallFilter filter) {
        throw unsupported("onSyscallFilter");
    }

    /**
     * Runs {@code cb} after each discontinuity of one of {@code kinds}.
     *
     * @param kinds the kinds to report
     * @param cb the callback; it runs on the vCPU's own thread
     */
    default void onDiscontinuity(Set<Discontinuity> kinds, DiscontinuityCallback cb) {
        throw unsupported("onDiscontinuity");
    }

    /**
     * Runs {@code cb} each time the emulator drops all translated code.
     *
     * @param cb the callback; it runs on the thread that asked for the flush
     */
    default void onFlush(FlushCallback cb) {
        throw unsupported("onFlush");
    }

    /**
     * Writes text to the plugin output (stderr, or the {@code -D} log file), as {@code qemu_plugin_outs}.
     * Safe from any thread; each call's text stays in one piece.
     *
     * @param text the text, with its own new lines
     */
    void out(String text);

    /**
     * A new scoreboard with {@code u64PerVcpu} zeroed 64-bit entries for every vCPU, as
     * {@code qemu_plugin_scoreboard_new(u64PerVcpu * 8)}.
     *
     * @param u64PerVcpu the entries in each vCPU's row
     * @return the scoreboard
     */
    Scoreboard newScoreboard(int u64PerVcpu);

    /**
     * The guest's registers, as {@code qemu_plugin_get_registers}.
     *
     * @return the same list for every vCPU
     */
    default List<Register> registers() {
        throw unsupported("registers");
    }

    /**
     * The register's value, zero-extended from its size, as {@code qemu_plugin_read_register}. In a
     * block or instruction callback the pc is the block's or the instruction's address.
     *
     * @param vcpuIndex the vCPU whose callback is running
     * @param reg the register, from {@link #registers()}
     * @return its value
     */
    default long readRegister(int vcpuIndex, Register reg) {
        throw unsupported("readRegister");
    }

    /**
     * Sets a register, as {@code qemu_plugin_write_register}. The pc cannot be written this way; use
     * {@link #setPc}.
     *
     * @param vcpuIndex the vCPU whose callback is running
     * @param reg the register, from {@link #registers()}
     * @param value its new value
     */
    default void writeRegister(int vcpuIndex, Register reg, long value) {
        throw unsupported("writeRegister");
    }

    /**
     * Reads {@code into.length} bytes of guest memory at virtual address {@code vaddr}, as
     * {@code qemu_plugin_read_memory_vaddr}; false (and {@code into} unspecified) when some byte is not
     * readable.
     *
     * @param vcpuIndex the vCPU whose callback is running
     * @param vaddr the guest virtual address
     * @param into receives the bytes
     * @return true when every byte was read
     */
    default boolean readMemory(int vcpuIndex, long vaddr, byte[] into) {
        throw unsupported("readMemory");
    }

    /**
     * Writes {@code data} to guest memory at virtual address {@code vaddr}, as
     * {@code qemu_plugin_write_memory_vaddr}, ignoring page protections as a debugger does; false (and
     * nothing written) when some byte is not mapped. Translated code on the written pages is dropped.
     *
     * @param vcpuIndex the vCPU whose callback is running
     * @param vaddr the guest virtual address
     * @param data the bytes to write
     * @return true when every byte was written
     */
    default boolean writeMemory(int vcpuIndex, long vaddr, byte[] data) {
        throw unsupported("writeMemory");
    }

    /**
     * Leaves the running callback and resumes the vCPU at {@code pc}, as {@code qemu_plugin_set_pc}:
     * the rest of the instruction or block, or the system call being filtered, does not run. Needs
     * {@link RegAccess#RW_REGS_PC}. Never returns normally.
     *
     * @param vcpuIndex the vCPU whose callback is running
     * @param pc where it resumes
     */
    default void setPc(int vcpuIndex, long pc) {
        throw unsupported("setPc");
    }

    /**
     * Ends the guest process with exit status {@code status}, as {@code exit_group(status)} would, where
     * a QEMU plugin calls {@code exit()} (later QEMU's stoptrigger does): the other vCPUs stop, and
     * every plugin's at-exit callbacks run. Valid inside any callback of {@code vcpuIndex}, on its
     * thread. Never returns normally.
     *
     * @param vcpuIndex the vCPU whose callback is running
     * @param status the exit status the process ends with, as its parent sees it
     */
    default void exitProcess(int vcpuIndex, int status) {
        throw unsupported("exitProcess");
    }

    /**
     * Removes every callback this plugin registered, at-exit ones included, and drops translated code
     * so that its instrumentation costs nothing any more; then runs {@code done}, after which none of
     * the old callbacks runs again. The plugin may register anew, as after {@code qemu_plugin_reset}.
     *
     * @param done run once the reset took effect
     */
    default void reset(Runnable done) {
        throw unsupported("reset");
    }

    /**
     * As {@link #reset}, and the plugin may register nothing afterwards, as {@code qemu_plugin_uninstall}.
     *
     * @param done run once the uninstall took effect
     */
    default void uninstall(Runnable done) {
        throw unsupported("uninstall");
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(what + " is not offered by this PluginContext");
    }
}
