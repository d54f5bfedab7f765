/* Oracle plugin: writes the executed instruction stream and its memory accesses to the file
 * given by the argument out=PATH (default oracle-trace.txt), one line per event:
 *     I <vaddr hex> <size> <disassembly>
 *     M <vaddr hex> <size in bytes> <r|w>
 * An "M" line follows the "I" line of the instruction that made the access. The Java side
 * (dev.tcg4j.it.harness.TraceDiff) compares such a trace with another emulator's and names
 * the first instruction where they part. Single vCPU assumed. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_plugin_v1.h"

ORACLE_EXPORT int qemu_plugin_version = 1;

static FILE *trace;

/* What an instruction's callback needs, captured once at translation. Never freed: a TB may
 * be re-translated, but the trace plugin is for short runs. */
struct insn_info {
    uint64_t vaddr;
    unsigned size;
    char *disassembly;
};

static void on_insn(unsigned int vcpu, void *userdata) {
    (void)vcpu;
    const struct insn_info *i = userdata;
    fprintf(trace, "I %" PRIx64 " %u %s\n", i->vaddr, i->size, i->disassembly);
}

static void on_access(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *userdata) {
    (void)vcpu; (void)userdata;
    fprintf(trace, "M %" PRIx64 " %u %c\n", vaddr, 1u << qemu_plugin_mem_size_shift(info),
            qemu_plugin_mem_is_store(info) ? 'w' : 'r');
}

/* QEMU pads its disassembly with runs of spaces; one space apart keeps traces readable. */
static char *squeeze_spaces(char *text) {
    char *out = text;
    int last_space = 1;
    for (char *in = text; *in; in++) {
        int space = *in == ' ' || *in == '\t';
        if (!(space && last_space)) *out++ = space ? ' ' : *in;
        last_space = space;
    }
    if (out > text && out[-1] == ' ') out--;
    *out = 0;
    return text;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
    (void)id;
    for (size_t k = 0, n = qemu_plugin_tb_n_insns(tb); k < n; k++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, k);
        struct insn_info *i = malloc(sizeof *i);
        i->vaddr = qemu_plugin_insn_vaddr(insn);
        i->size = (unsigned)qemu_plugin_insn_size(insn);
        char *text = qemu_plugin_insn_disas(insn);
        i->disassembly = text ? squeeze_spaces(text) : strdup("?");
        qemu_plugin_register_vcpu_insn_exec_cb(insn, on_insn, QEMU_PLUGIN_CB_NO_REGS, i);
        qemu_plugin_register_vcpu_mem_cb(insn, on_access, QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW, NULL);
    }
}

static void on_guest_exit(qemu_plugin_id_t id, void *userdata) {
    (void)id; (void)userdata;
    fflush(trace);
}

ORACLE_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv) {
    (void)info;
    const char *path = "oracle-trace.txt";
    for (int k = 0; k < argc; k++)
        if (strncmp(argv[k], "out=", 4) == 0) path = argv[k] + 4;
    trace = fopen(path, "w");
    if (!trace) {
        perror(path);
        return -1;
    }
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_guest_exit, NULL);
    return 0;
}
