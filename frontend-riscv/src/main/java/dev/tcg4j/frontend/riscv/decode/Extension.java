package dev.tcg4j.frontend.riscv.decode;

/** The RV64GC extensions an encoding belongs to. */
public enum Extension {
    RV64I, RV64M, RV64A, RV64F, RV64D, ZICSR, ZIFENCEI
}
