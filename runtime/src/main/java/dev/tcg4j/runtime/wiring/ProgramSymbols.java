package dev.tcg4j.runtime.wiring;

import dev.tcg4j.ir.spi.SymbolLookup;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;

/**
 * The symbols of every image loaded in the run, as QEMU keeps its syminfos list: plugins and the
 * block log look names up here, and each image's symbols are added when the loader has placed it.
 */
@RunScope
final class ProgramSymbols implements SymbolLookup {
    private final List<SymbolLookup> images = new CopyOnWriteArrayList<>();

    @Inject
    ProgramSymbols() {}

    void add(SymbolLookup image) {
        images.add(image);
    }

    @Override
    public String symbolAt(long vaddr) {
        for (SymbolLookup image : images) {
            String name = image.symbolAt(vaddr);
            if (name != null) {
                return name;
            }
        }
        return null;
    }
}
