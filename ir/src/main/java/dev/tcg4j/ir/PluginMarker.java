package dev.tcg4j.ir;

/** Where a PLUGIN_CB marker stands, as plugin-gen's PLUGIN_GEN_* kinds. */
public enum PluginMarker {
    FROM_TB, FROM_INSN, AFTER_INSN, AFTER_TB;

    public String mnemonic() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
