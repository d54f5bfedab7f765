/* Oracle plugin: counts executed guest instructions, executed translation blocks, and
 * memory accesses split into loads and stores, and reports them through QEMU's log
 * (enable with "-d plugin"; "-D FILE" sends them to a file) as
 *     insns N
 *     loads N
 *     stores N
 *     tbs N
 * Instructions and blocks are counted with inline adds (no call per instruction); each
 * memory access is classified by a callback, so an access is counted exactly once, as a
 * store if QEMU marks it as one and as a load otherwise. Single vCPU (user mode, one
 * thread) is assumed: the counters are plain globals. */
#include <inttypes.h>
#include <stdio.h>

#include "qemu_plugin_v1.h"

ORACLE_EXPORT int qemu_plugin_version = 1;

static uint64_t executed_insns;
static uint64_t executed_tbs;
static uint64_t loads;
static uint64_t stores;

static void on_access(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *userdata) {
    (void)vcpu; (void)vaddr; (void)userdata;
    if (qemu_plugin_mem_is_store(info)) {
        stores++;
    } else {
        loads++;
    }
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb) {
    (void)id;
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &executed_tbs, 1);
    for (size_t i = 0, n = qemu_plugin_tb_n_insns(tb); i < n; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64, &executed_insns, 1);
        qemu_plugin_register_vcpu_mem_cb(insn, on_access, QEMU_PLUGIN_CB_NO_REGS, QEMU_PLUGIN_MEM_RW, NULL);
    }
}

static void on_guest_exit(qemu_plugin_id_t id, void *userdata) {
    (void)id; (void)userdata;
    char report[160];
    snprintf(report, sizeof report, "insns %" PRIu64 "\nloads %" PRIu64 "\nstores %" PRIu64 "\ntbs %" PRIu64 "\n",
             executed_insns, loads, stores, executed_tbs);
    qemu_plugin_outs(report);
}

ORACLE_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv) {
    (void)info; (void)argc; (void)argv;
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
    qemu_plugin_register_atexit_cb(id, on_guest_exit, NULL);
    return 0;
}
