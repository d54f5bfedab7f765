/* Indirect calls through function-pointer tables and dense switch statements compiled to
 * jump tables, driving a small bytecode interpreter. */
#include <stdint.h>
#include <stdio.h>

typedef uint64_t (*binop)(uint64_t, uint64_t);
static uint64_t op_add(uint64_t a, uint64_t b) { return a + b; }
static uint64_t op_sub(uint64_t a, uint64_t b) { return a - b; }
static uint64_t op_mul(uint64_t a, uint64_t b) { return a * b; }
static uint64_t op_xor(uint64_t a, uint64_t b) { return a ^ b; }
static uint64_t op_rot(uint64_t a, uint64_t b) { b &= 63; return b ? (a << b) | (a >> (64 - b)) : a; }
static binop const table[] = {op_add, op_sub, op_mul, op_xor, op_rot};

enum { PUSH, ADD, SUB, MUL, DUP, SWAP, JNZ, DEC, DROP, XOR, HALT, NOP1, NOP2, NOP3, SHL, SHR };

static uint64_t run(const uint8_t *code) {
    uint64_t stack[64];
    int sp = 0, pc = 0;
    for (;;) {
        uint8_t op = code[pc++];
        switch (op) { /* dense cases: a jump table */
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { uint64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case JNZ: { int8_t off = (int8_t)code[pc++]; if (stack[--sp]) pc += off; break; }
        case DEC: stack[sp - 1]--; break;
        case DROP: sp--; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case HALT: return stack[sp - 1];
        case NOP1: case NOP2: case NOP3: break;
        case SHL: stack[sp - 1] <<= 1; break;
        case SHR: stack[sp - 1] >>= 1; break;
        default: return ~0ull;
        }
    }
}

static const char *name_of(int k) {
    switch (k) {
    case 0: return "zero"; case 1: return "one"; case 2: return "two"; case 3: return "three";
    case 4: return "four"; case 5: return "five"; case 6: return "six"; case 7: return "seven";
    case 8: return "eight"; case 9: return "nine"; default: return "many";
    }
}

int main(void) {
    uint64_t acc = 1;
    for (int i = 0; i < 1000; i++) {
        binop f = table[(acc >> 7) % 5];
        acc = f(acc, (uint64_t)i * 0x9e3779b97f4a7c15ull) | 1;
    }
    printf("table acc %016llx\n", (unsigned long long)acc);
    /* stack [acc, counter] = [1, 20]; loop: acc = (acc * 3) << 1 >> 1; counter--; while counter != 0 */
    static const uint8_t prog[] = {PUSH, 1, PUSH, 20,
                                   /* 4: */ SWAP, PUSH, 3, MUL, NOP1, SHL, SHR, SWAP, DEC, DUP, JNZ, (uint8_t)-12,
                                   /* 16: */ DROP, HALT};
    printf("bytecode result %llu\n", (unsigned long long)run(prog));
    for (int k = 0; k < 12; k++) printf("%s%c", name_of(k), k == 11 ? '\n' : ' ');
    /* A call through a volatile pointer the compiler cannot resolve. */
    binop volatile vp = op_mul;
    printf("volatile call %llu\n", (unsigned long long)vp(6, 7));
    return 0;
}
