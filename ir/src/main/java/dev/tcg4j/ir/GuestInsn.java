package dev.tcg4j.ir;

/**
 * A guest instruction of a block as the translator saw it: its address, its length in bytes and its
 * raw encoding (little-endian, {@code size} bytes).
 */
public record GuestInsn(long vaddr, int size, long bits) {
    public byte[] bytes() {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (bits >>> (8 * i));
        }
        return b;
    }
}
