package dev.tcg4j.plugin.api;

/** Called for each block being translated; the view is valid only during the call. */
@FunctionalInterface
public interface TbTranslateCallback {
    void onTranslate(TbView tb);
}
