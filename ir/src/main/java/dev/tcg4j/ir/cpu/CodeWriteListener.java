package dev.tcg4j.ir.cpu;

/** Told when the guest writes to a page that holds translated code, so its blocks can be dropped. */
public interface CodeWriteListener {
    void onCodeWrite(long pageAddress);
}
