package dev.tcg4j.it.harness;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts reported by the QEMU oracle plugin (it-tests/src/oracle/count.c): executed
 * instructions, loads, stores and executed translation blocks. Instructions, loads and stores
 * are properties of the guest execution; blocks depend on where a translator ends them, and
 * tcg4j ends them where QEMU 7.2 does, so all four must agree.
 */
public record OracleCounts(long insns, long loads, long stores, long tbs) {

    /** Parses the plugin's "name value" lines; fails when one is missing. */
    public static OracleCounts parse(String log) {
        Map<String, Long> values = new HashMap<>();
        for (String line : log.split("\n")) {
            String[] words = line.strip().split("\\s+");
            if (words.length == 2 && words[1].chars().allMatch(Character::isDigit)) {
                values.put(words[0], Long.parseLong(words[1]));
            }
        }
        for (String key : new String[] {"insns", "loads", "stores", "tbs"}) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("oracle log has no '" + key + "' line:\n" + log);
            }
        }
        return new OracleCounts(values.get("insns"), values.get("loads"), values.get("stores"), values.get("tbs"));
    }
}
