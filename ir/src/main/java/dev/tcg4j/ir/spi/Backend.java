package dev.tcg4j.ir.spi;

import dev.tcg4j.ir.TranslationBlock;

/** Turns a translation block's IR into something that runs. */
public interface Backend {
    String name();

    ExecutableBlock compile(TranslationBlock tb);
}
