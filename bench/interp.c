/* A bytecode interpreter with a switch: a small stack machine (locals, arithmetic, compare,
 * jumps) runs a program that sums the Collatz step counts of 1..N and hashes them. The dispatch
 * loop has the shape of an embedded scripting language's core. Prints a checksum.
 * Optional argv[1] scales N. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum op { PUSH, LOAD, STORE, ADD, MUL, AND, XOR, SHR, LT, EQ, JMP, JZ, JNZ, HALT };

struct insn { uint8_t op; int32_t arg; };

static int64_t run(const struct insn *code, int64_t *locals) {
    int64_t stack[64];
    int sp = 0;
    for (int pc = 0;;) {
        const struct insn *i = &code[pc++];
        switch (i->op) {
        case PUSH: stack[sp++] = i->arg; break;
        case LOAD: stack[sp++] = locals[i->arg]; break;
        case STORE: locals[i->arg] = stack[--sp]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> stack[sp]); break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case JMP: pc = i->arg; break;
        case JZ: if (stack[--sp] == 0) pc = i->arg; break;
        case JNZ: if (stack[--sp] != 0) pc = i->arg; break;
        case HALT: return stack[sp - 1];
        default: abort();
        }
    }
}

/* A one-pass assembler: labels are resolved when the code is finished. */
static struct insn code[256];
static int here;
static int label_at[16];
static int fixup_label[256];

static void emit(enum op op, int32_t arg) { code[here].op = op; code[here].arg = arg; fixup_label[here] = -1; here++; }
static void jump(enum op op, int label) { fixup_label[here] = label; code[here].op = op; here++; }
static void bind(int label) { label_at[label] = here; }
static void finish(void) {
    for (int i = 0; i < here; i++) if (fixup_label[i] >= 0) code[i].arg = label_at[fixup_label[i]];
}

enum { N, LIMIT, X, STEPS, TOTAL, HASH };
enum { OUTER, INNER, ODD, NEXT, INNER_DONE, END };

static void assemble(void) {
    emit(PUSH, 1); emit(STORE, N);
    bind(OUTER);
    emit(LOAD, N); emit(LOAD, LIMIT); emit(LT, 0); jump(JZ, END);
    emit(LOAD, N); emit(STORE, X); emit(PUSH, 0); emit(STORE, STEPS);
    bind(INNER);
    emit(LOAD, X); emit(PUSH, 1); emit(EQ, 0); jump(JNZ, INNER_DONE);
    emit(LOAD, X); emit(PUSH, 1); emit(AND, 0); jump(JNZ, ODD);
    emit(LOAD, X); emit(PUSH, 1); emit(SHR, 0); emit(STORE, X); jump(JMP, NEXT);
    bind(ODD);
    emit(LOAD, X); emit(PUSH, 3); emit(MUL, 0); emit(PUSH, 1); emit(ADD, 0); emit(STORE, X);
    bind(NEXT);
    emit(LOAD, STEPS); emit(PUSH, 1); emit(ADD, 0); emit(STORE, STEPS); jump(JMP, INNER);
    bind(INNER_DONE);
    emit(LOAD, TOTAL); emit(LOAD, STEPS); emit(ADD, 0); emit(STORE, TOTAL);
    emit(LOAD, HASH); emit(PUSH, 31); emit(MUL, 0); emit(LOAD, STEPS); emit(XOR, 0); emit(STORE, HASH);
    emit(LOAD, N); emit(PUSH, 1); emit(ADD, 0); emit(STORE, N); jump(JMP, OUTER);
    bind(END);
    emit(LOAD, TOTAL); emit(HALT, 0);
    finish();
}

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    assemble();
    int64_t locals[8] = {0};
    locals[LIMIT] = 60000L * scale;
    int64_t total = run(code, locals);
    printf("interp: collatz steps below %lld: %lld, hash %016llx\n", (long long)locals[LIMIT],
           (long long)total, (unsigned long long)locals[HASH]);
    return 0;
}
