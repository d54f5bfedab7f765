package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.TbBuilder;

/**
 * The points where plugin instrumentation hooks into translation, as plugin-gen's
 * {@code plugin_gen_tb_start}, {@code plugin_gen_insn_start}, {@code plugin_gen_insn_end},
 * {@code plugin_gen_disable_mem_helpers} and {@code plugin_gen_tb_end}.
 *
 * <p>When {@link #enabled()} is false the translator emits no markers at all. Each translating
 * thread (each vCPU) has hooks of its own: they carry the state of the translation under way.
 */
public interface TranslatorHooks {
    /**
     * Whether markers are emitted.
     *
     * @return true when some plugin asked to see blocks being translated
     */
    boolean enabled();

    /**
     * Start of a block: emits FROM_TB. Resets anything left from an abandoned translation.
     *
     * @param b the block being built
     */
    void tbStart(TbBuilder b);

    /**
     * After the insn_start op of the instruction at {@code pc}: emits FROM_INSN.
     *
     * @param b the block being built
     * @param pc the instruction's guest address
     */
    void insnStart(TbBuilder b, long pc);

    /**
     * After the instruction's ops: emits AFTER_INSN.
     *
     * @param b the block being built
     */
    void insnEnd(TbBuilder b);

    /**
     * Before every exit_tb, goto_tb and goto_ptr: emits AFTER_TB.
     *
     * @param b the block being built
     */
    void beforeExit(TbBuilder b);

    /**
     * End of the block with {@code insnCount} instructions kept (possibly fewer than were started):
     * runs the plugins' translation callbacks, then the inject pass.
     *
     * @param b the block being built
     * @param insnCount the instructions it keeps
     */
    void tbEnd(TbBuilder b, int insnCount);

    /** No instrumentation: a run without plugins. */
    TranslatorHooks NONE = new TranslatorHooks() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void tbStart(TbBuilder b) {}

        @Override
        public void insnStart(TbBuilder b, long pc) {}

        @Override
        public void insnEnd(TbBuilder b) {}

        @Override
        public void beforeExit(TbBuilder b) {}

        @Override
        public void tbEnd(TbBuilder b, int insnCount) {}
    };
}
