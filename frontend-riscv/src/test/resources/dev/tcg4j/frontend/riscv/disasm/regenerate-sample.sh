#!/bin/sh
# Regenerates sample.bin and sample.objdump, the disassembler fixture. Run from this directory
# with the Debian riscv64-linux-gnu toolchain (gcc 12, binutils 2.40).
set -e
t=$(mktemp -d)
riscv64-linux-gnu-gcc -O2 -march=rv64gc -mabi=lp64d -c sample.c -o "$t/a.o"
riscv64-linux-gnu-as -march=rv64gc sample-extra.s -o "$t/b.o"
riscv64-linux-gnu-objcopy -O binary -j .text "$t/a.o" "$t/a.bin"
riscv64-linux-gnu-objcopy -O binary -j .text "$t/b.o" "$t/b.bin"
cat "$t/a.bin" "$t/b.bin" > sample.bin
riscv64-linux-gnu-objdump -D -b binary -m riscv:rv64 sample.bin > sample.objdump
rm -r "$t"
