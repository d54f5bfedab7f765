package dev.tcg4j.injector.instrument;

import dev.tcg4j.injector.call.MemAdapter;
import dev.tcg4j.ir.Helper;
import dev.tcg4j.plugin.api.MemRw;

/** Something a plugin asked to run after each memory access of an instruction that passes {@link #rw()}. */
public sealed interface MemRequest {
    MemRw rw();

    record Call(MemAdapter adapter, Helper helper, MemRw rw) implements MemRequest {}

    record Inline(MemRw rw, ExecRequest.Inline update) implements MemRequest {}
}
