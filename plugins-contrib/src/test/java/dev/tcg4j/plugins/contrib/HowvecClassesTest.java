package dev.tcg4j.plugins.contrib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RISC-V class table of howvec on encodings assembled by hand from the ISA manual. */
class HowvecClassesTest {
    private static List<HowvecPlugin.InsnClass> table() {
        List<HowvecPlugin.InsnClass> t = new ArrayList<>();
        for (HowvecPlugin.ClassRow row : HowvecPlugin.RISCV_TABLE) {
            t.add(new HowvecPlugin.InsnClass(row.name(), row.opt(), row.mask(), row.pattern(), HowvecPlugin.CountType.CLASS));
        }
        return t;
    }

    @ParameterizedTest(name = "{0} is {2}")
    @CsvSource(delimiter = '|', value = {
        "addi a0,a0,1       | 00150513 | alui",
        "ld a0,8(sp)        | 00813503 | ld",
        "sd a0,8(sp)        | 00a13423 | st",
        "fld fa0,0(a0)      | 00053507 | fld",
        "fsd fa0,0(a0)      | 00a53027 | fst",
        "fmadd.d            | 02b57543 | fma",
        "fnmadd.d           | 02b5754f | fma",
        "fadd.d             | 02b57553 | fpu",
        "mul a0,a0,a1       | 02b50533 | muldiv",
        "add a0,a0,a1       | 00b50533 | alur",
        "mulw a0,a0,a1      | 02b5053b | muldivw",
        "addw a0,a0,a1      | 00b5053b | alurw",
        "addiw a0,a0,1      | 0015051b | aluiw",
        "lui a0,0x12345     | 12345537 | lui",
        "auipc a0,0         | 00000517 | auipc",
        "amoadd.w           | 00b5202f | amo",
        "fence              | 0ff0000f | fence",
        "beq a0,a1,.        | 00b50063 | bcc",
        "jal ra,.           | 000000ef | jal",
        "jalr ra,0(a0)      | 000500e7 | jalr",
        "ecall              | 00000073 | ecall",
        "ebreak             | 00100073 | ebreak",
        "csrr a0,fcsr       | 00302573 | csr",
        "c.addi4spn a0,sp,8 | 00000028 | caddi4spn",
        "c.ld a0,0(a1)      | 00006188 | cld",
        "c.sd a0,0(a1)      | 0000e188 | cst",
        "c.addi a0,1        | 00000505 | calu",
        "c.li a0,1          | 00004505 | calu",
        "c.j .              | 0000a001 | cj",
        "c.beqz a0,.        | 0000c101 | cbcc",
        "c.bnez a0,.        | 0000e101 | cbcc",
        "c.slli a0,1        | 00000506 | cslli",
        "c.ldsp a0,8(sp)    | 00006522 | cldsp",
        "c.jr ra            | 00008082 | cjr",
        "c.jalr a0          | 00009502 | cjr",
        "c.ebreak           | 00009002 | cebreak",
        "c.mv a0,a1         | 0000852e | cmv",
        "c.add a0,a1        | 0000952e | cmv",
        "c.sdsp a0,8(sp)    | 0000e42a | cstsp",
    })
    void classifiesByMajorOpcodeAndCompressedQuadrant(String insn, String hex, String expectedClass) {
        int opcode = Integer.parseUnsignedInt(hex, 16);
        assertEquals(expectedClass, HowvecPlugin.classify(table(), opcode).opt, insn);
    }

    @Test
    void takesTheOpcodeLittleEndianFromTheInstructionsOwnBytes() {
        assertEquals(0x00150513, HowvecPlugin.opcode(new byte[] {0x13, 0x05, 0x15, 0x00}));
        // a compressed instruction's opcode is its 16 bits, nothing from beyond it
        assertEquals(0x0505, HowvecPlugin.opcode(new byte[] {0x05, 0x05}));
    }
}
