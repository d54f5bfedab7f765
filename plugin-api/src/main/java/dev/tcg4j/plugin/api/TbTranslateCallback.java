package dev.tcg4j.plugin.api;

/** Called for each block being translated; the view is valid only during the call. */
@FunctionalInterface
public interface TbTranslateCallback {
    /**
     * A block is being translated. Runs on the translating vCPU's thread; several vCPUs may
     * translate at the same time.
     *
     * @param tb the block, valid only during this call
     */
    void onTranslate(TbView tb);
}
