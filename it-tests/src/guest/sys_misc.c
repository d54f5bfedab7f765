/* getrusage, times, sched affinity, prctl, membarrier, riscv_flush_icache on rewritten code,
 * getrandom, sysinfo, uname; close_range; mremap to a fixed address; the errno of a clone, mmap and
 * mprotect that make no sense. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

/* li a0, IMM; ret */
static void emit(uint32_t *code, int imm) {
    code[0] = 0x00000513u | ((uint32_t) (imm & 0xfff) << 20);
    code[1] = 0x00008067u;
}

int main(void) {
    struct rusage ru;
    printf("getrusage %d\n", getrusage(RUSAGE_SELF, &ru));
    errno = 0;
    printf("getrusage bad who %d errno %d\n", getrusage(42, &ru), errno);
    struct tms t;
    printf("times ok %d\n", times(&t) != (clock_t) -1);

    cpu_set_t set;
    CPU_ZERO(&set);
    printf("sched_getaffinity %d, some cpu %d\n", sched_getaffinity(0, sizeof set, &set), CPU_COUNT(&set) > 0);
    printf("sched_setaffinity %d\n", sched_setaffinity(0, sizeof set, &set));
    cpu_set_t none;
    CPU_ZERO(&none);
    errno = 0;
    printf("sched_setaffinity empty %d errno %d\n", sched_setaffinity(0, sizeof none, &none), errno);

    char name[16] = {0};
    printf("PR_SET_NAME %d\n", prctl(PR_SET_NAME, "tcg4j-worker-name-long"));
    printf("PR_GET_NAME %d %s\n", prctl(PR_GET_NAME, name), name);
    int sig = -1;
    printf("PR_SET_PDEATHSIG %d", prctl(PR_SET_PDEATHSIG, 9));
    printf(" get %d %d\n", prctl(PR_GET_PDEATHSIG, &sig), sig);
    printf("PR_GET_NO_NEW_PRIVS %d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    printf("PR_SET_NO_NEW_PRIVS %d then %d\n", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    printf("PR_GET_DUMPABLE %d\n", prctl(PR_GET_DUMPABLE));
    errno = 0;
    printf("prctl unknown %d errno %d\n", prctl(12345, 0, 0, 0, 0), errno);

    long mb = syscall(SYS_membarrier, 0, 0, 0);
    printf("membarrier query has GLOBAL %d\n", mb >= 0 && (mb & 1) != 0);
    printf("membarrier global %ld\n", syscall(SYS_membarrier, 1, 0, 0));
    errno = 0;
    printf("membarrier bad cmd %ld errno %d\n", syscall(SYS_membarrier, 12345, 0, 0), errno);

    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int (*fn)(void) = (int (*)(void)) code;
    emit(code, 11);
    __builtin___clear_cache((char *) code, (char *) (code + 2));
    int first = fn();
    emit(code, 22);
    printf("riscv_flush_icache %ld\n", syscall(259, code, code + 2, 0));
    int second = fn();
    printf("rewritten code returns %d then %d\n", first, second);

    unsigned char rnd[32];
    printf("getrandom %zd\n", getrandom(rnd, sizeof rnd, 0));
    errno = 0;
    printf("getrandom bad flags %zd errno %d\n", getrandom(rnd, sizeof rnd, 0x100), errno);
    struct sysinfo si;
    printf("sysinfo %d, mem_unit %d, procs %d\n", sysinfo(&si), si.mem_unit >= 1, si.procs > 0);
    struct utsname u;
    uname(&u);
    printf("uname %s %s\n", u.sysname, u.machine);

    int a = dup(1), b = dup(1), c = dup(1);
    printf("close_range cloexec %ld", syscall(436, a, b, 4));
    printf(", flags %d %d %d\n", fcntl(a, F_GETFD), fcntl(b, F_GETFD), fcntl(c, F_GETFD));
    printf("close_range %ld, then open %d %d %d\n", syscall(436, b, ~0u, 0), fcntl(a, F_GETFD) >= 0,
           fcntl(b, F_GETFD) >= 0, fcntl(c, F_GETFD) >= 0);
    errno = 0;
    printf("close_range first > last %ld errno %d\n", syscall(436, 9, 3, 0), errno);
    errno = 0;
    printf("close_range bad flags %ld errno %d\n", syscall(436, 3, 9, 0x80), errno);
    errno = 0;
    printf("clone CLONE_SIGHAND without CLONE_VM %ld errno %d\n", syscall(SYS_clone, CLONE_SIGHAND | SIGCHLD, 0, 0, 0, 0),
           errno);
    errno = 0;
    void *bad = mmap(NULL, 4096, 0x100 | PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap unknown prot %d errno %d\n", bad == MAP_FAILED, errno);
    errno = 0;
    printf("mprotect unknown prot %d errno %d\n", mprotect(code, 4096, 0x100 | PROT_READ), errno);

    char *from = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *to = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(from, "first page");
    strcpy(from + 4096, "second page");
    to[3 * 4096 - 1] = 'x';
    char *moved = mremap(from, 8192, 3 * 4096, MREMAP_MAYMOVE | MREMAP_FIXED, to);
    errno = 0;
    int old_gone = msync(from, 4096, MS_ASYNC) == -1 && errno == ENOMEM;
    printf("mremap fixed: at the target %d, '%s' '%s', new page zero %d, old range unmapped %d\n", moved == to, to,
           to + 4096, to[3 * 4096 - 1] == 0, old_gone);
    errno = 0;
    printf("mremap fixed without maymove %d errno %d\n", mremap(to, 4096, 4096, MREMAP_FIXED, from) == MAP_FAILED, errno);
    errno = 0;
    printf("mremap fixed onto itself %d errno %d\n", mremap(to, 8192, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, to + 4096)
           == MAP_FAILED, errno);
    return 0;
}
