/* A freestanding program (no libc) whose executed instruction and memory-access counts
 * are known by hand; the QEMU oracle test checks the oracle plugin against them.
 *
 *   lla  a1, cell          2 instructions (auipc + addi, pc-relative: no GOT load;
 *                          relaxation is off)
 *   li   a2, 10            1
 *   li   a0, 0             1
 * loop (10 iterations, 5 instructions each = 50):
 *   ld   t0, 0(a1)         1 load per iteration  -> 10 loads
 *   add  a0, a0, t0
 *   sd   a0, 8(a1)         1 store per iteration -> 10 stores
 *   addi a2, a2, -1
 *   bnez a2, loop
 *   li   a7, 94            1 (exit_group)
 *   ecall                  1
 * total: 2 + 1 + 1 + 50 + 1 + 1 = 56 instructions, 10 loads, 10 stores;
 * exit status = 10 * 3 = 30. */
    .option norelax
    .option norvc
    .section .text
    .globl _start
_start:
    lla  a1, cell
    li   a2, 10
    li   a0, 0
1:
    ld   t0, 0(a1)
    add  a0, a0, t0
    sd   a0, 8(a1)
    addi a2, a2, -1
    bnez a2, 1b
    li   a7, 94
    ecall

    .section .data
    .balign 8
cell:
    .dword 3
    .dword 0
