/**
 * Exact IEEE-754 semantics of the RISC-V F and D extensions for translated code.
 *
 * <p>{@link dev.tcg4j.frontend.riscv.fpu.FpHelpers} is the only public class: one static helper per
 * rounding, comparing or converting instruction. Round-to-nearest work is done on the host FPU with
 * error-free transformations deciding exactness and the side of the exact value, which also serves
 * the directed modes ({@code DirectedRounding}); singles are computed in double precision and
 * rounded once more with the double-rounding cases repaired. Whatever the fast paths cannot decide
 * cheaply (NaNs, infinities, results near underflow or overflow) goes to {@code SoftFloat}, an
 * integer-significand implementation of every operation in every mode.
 */
package dev.tcg4j.frontend.riscv.fpu;
