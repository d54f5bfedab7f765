/* tcg4j-march: rv64gc_zicbom_zicboz_zicbop_zihintpause */
/* Zicbom, Zicboz, Zicbop and the hint extensions in user mode. Expected behaviour: RISC-V
 * Unprivileged ISA, chapter "Cache-Block Management Instructions" (cbo.zero stores zeros to the
 * whole cache block holding rs1, 64 bytes here as riscv_hwprobe reports, and faults as a store;
 * cbo.clean/flush/inval leave memory as it is and fault only where neither a load nor a store
 * may access the block; prefetch.* and the Zihintntl/Zihintpause instructions are HINTs that
 * never fault). qemu-riscv64 7.2 lacks Zicbom and Zicboz. */
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include "isa_check.h"

static sigjmp_buf recover;
static volatile uint64_t fault_address;

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)context;
    fault_address = (uint64_t)info->si_addr;
    siglongjmp(recover, 1);
}

#define CBO(op, p) __asm__ volatile("cbo." op " (%0)" :: "r"(p) : "memory")

/* 1 when the cache-block operation faulted, 0 when it did not */
#define FAULTS(op, p) ({ int f_ = 0; fault_address = 0; if (sigsetjmp(recover, 1)) f_ = 1; else CBO(op, p); f_; })

static unsigned char buffer[256] __attribute__((aligned(64)));

static int all(const unsigned char *p, int n, int value) {
    for (int i = 0; i < n; i++) {
        if (p[i] != value) {
            return 0;
        }
    }
    return 1;
}

static void zero(void) {
    memset(buffer, 0xa5, sizeof buffer);
    CBO("zero", buffer + 64 + 17);
    check("cbo.zero zeroes the 64-byte block", all(buffer + 64, 64, 0), 1);
    check("cbo.zero leaves the block before", all(buffer, 64, 0xa5), 1);
    check("cbo.zero leaves the block after", all(buffer + 128, 128, 0xa5), 1);
}

static void manage(void) {
    memset(buffer, 0x5a, sizeof buffer);
    CBO("clean", buffer);
    CBO("flush", buffer + 63);
    CBO("inval", buffer + 128);
    check("cbo.clean/flush/inval leave memory", all(buffer, sizeof buffer, 0x5a), 1);
}

static void faults(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, 0);
    unsigned char *ro = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char *none = mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("cbo.zero on a read-only page faults", FAULTS("zero", ro + 100), 1);
    check("at the start of the block", fault_address, (uint64_t)(ro + 64));
    check("cbo.clean on a read-only page does not fault", FAULTS("clean", ro + 100), 0);
    check("cbo.flush on an inaccessible page faults", FAULTS("flush", none + 200), 1);
    check("at the start of its block", fault_address, (uint64_t)(none + 192));
    check("cbo.inval on an inaccessible page faults", FAULTS("inval", none), 1);
}

static void hints(void) {
    uint64_t a = 1;
    /* prefetches of any address, mapped or not, do nothing */
    __asm__ volatile("prefetch.r 0(%0)\n prefetch.w 32(%0)\n prefetch.i -64(%0)" :: "r"(0));
    __asm__ volatile("prefetch.r 0(%0)" :: "r"(&a));
    /* ntl.p1, ntl.pall, ntl.s1, ntl.all (add x0,x0,x2..x5) and their compressed forms */
    __asm__ volatile(".insn r 0x33, 0, 0, x0, x0, x2\n .insn r 0x33, 0, 0, x0, x0, x3\n"
                     ".insn r 0x33, 0, 0, x0, x0, x4\n .insn r 0x33, 0, 0, x0, x0, x5\n"
                     ".insn 2, 0x900a\n .insn 2, 0x9016" ::: "memory");
    __asm__ volatile("pause");
    check("hints change nothing", a, 1);
}

int main(void) {
    zero();
    manage();
    faults();
    hints();
    return finish("zicbo");
}
