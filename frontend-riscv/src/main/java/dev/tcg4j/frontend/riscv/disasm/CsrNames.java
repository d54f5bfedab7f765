package dev.tcg4j.frontend.riscv.disasm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** CSR names as objdump prints them; the table is data in {@code csr-names.txt}. */
public final class CsrNames {
    private static final String[] NAMES = load();

    private CsrNames() {}

    /** The CSR's name, or its number in hex ({@code 0x7ff}) when objdump knows no name for it. */
    public static String name(int csr) {
        String n = NAMES[csr & 0xfff];
        return n != null ? n : "0x" + Integer.toHexString(csr & 0xfff);
    }

    private static String[] load() {
        String[] names = new String[4096];
        try (InputStream in = CsrNames.class.getResourceAsStream("csr-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("csr-names.txt missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.trim().split("\\s+");
                names[Integer.parseInt(parts[0], 16)] = parts[1];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
