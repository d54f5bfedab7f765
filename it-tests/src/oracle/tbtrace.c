/* Oracle plugin: writes one line per executed translation block to the file given by the
 * argument out=PATH (default oracle-tbtrace.txt):
 *     T <vaddr hex> <instructions in the block>
 * so that a block count that differs from QEMU's names the first block the other emulator
 * forms differently (dev.tcg4j.it.harness.TraceDiff compares the lines as they are; tcg4j's
 * it-trace plugin writes the same with blocks=on). Single vCPU assumed. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_plugin_v1.h"

ORACLE_EXPORT int qemu_plugin_version = 1;

static FILE *trace;

struct tb_info {
    uint64_t vaddr;
    size_t insns;
};

static void on_tb(unsigned int vcpu, void *userdata) {
    (void)vcpu;
    const struct tb_info *tb = userdata;
    fprintf(trace, "T %" PRIx64 " %zu\n", tb->vaddr, tb->insns);
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
    (void)id;
    /* Never freed: a block may be re-translated, but the trace plugin is for short runs. */
    struct tb_info *info = malloc(sizeof *info);
    info->vaddr = qemu_plugin_tb_vaddr(tb);
    info->insns = qemu_plugin_tb_n_insns(tb);
    qemu_plugin_register_vcpu_tb_exec_cb(tb, on_tb, QEMU_PLUGIN_CB_NO_REGS, info);
}

static void on_guest_exit(qemu_plugin_id_t id, void *userdata) {
    (void)id; (void)userdata;
    fflush(trace);
}

ORACLE_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv) {
    (void)info;
    const char *path = "oracle-tbtrace.txt";
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
