package dev.tcg4j.injector.gen;

import dev.tcg4j.injector.instrument.TbRequests;

/** What plugin-gen needs of the plugin core: whether anyone asked for blocks, and who to show them to. */
public interface TranslationCallbacks {
    /** True when some plugin registered a TB-translation callback. */
    boolean wanted();

    /** Runs every plugin's TB-translation callback on the block; they record their requests in it. */
    void translated(TbRequests tb);
}
