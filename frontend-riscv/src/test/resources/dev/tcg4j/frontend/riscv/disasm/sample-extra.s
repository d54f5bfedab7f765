# Instructions compilers rarely emit, for the disassembler fixture (see regenerate-sample.sh).
    .option norvc
    lui a0, 0x12345
    auipc t1, 0xfffff
    slti a0, a1, -7
    sltiu a0, a1, 9
    xori a0, a1, 3
    srai a0, a1, 63
    sraw a0, a1, a2
    mulhsu a0, a1, a2
    mulhu a0, a1, a2
    remuw a0, a1, a2
    lr.d.aq a0, (a1)
    sc.d.rl a0, a2, (a1)
    amoswap.w.aqrl a0, a2, (a1)
    amominu.d a0, a2, (a1)
    fence rw, w
    fence.tso
    fence.i
    ecall
    ebreak
    csrrw a0, fcsr, a1
    csrrsi a0, fflags, 3
    csrrci zero, frm, 1
    csrw fflags, a2
    rdtime a5
    rdinstret a5
    fmadd.s fa0, fa1, fa2, fa3, rtz
    fnmsub.d fa0, fa1, fa2, fa3
    fsqrt.d ft0, ft1
    fsgnjx.s ft0, ft1, ft2
    fmin.d fs0, fs1, fs2
    fclass.d a0, fa0
    fcvt.lu.s a0, fa0, rup
    fcvt.s.lu fa0, a0
    fcvt.s.d fa0, fa1
    fcvt.d.s fa0, fa1
    fmv.w.x ft3, a3
    fmv.d.x ft3, a3
    fle.d a0, fa1, fa2
    fsd fs0, -8(sp)
    .option rvc
    c.addi16sp sp, -64
    c.addi4spn a0, sp, 16
    c.lui a5, 0xfffe1
    c.srli a0, 3
    c.srai a1, 63
    c.andi a2, -1
    c.subw a3, a4
    c.fldsp fs0, 8(sp)
    c.fsdsp fs1, 16(sp)
    c.jalr a5
    c.ebreak
