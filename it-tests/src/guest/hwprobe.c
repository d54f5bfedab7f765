/* riscv_hwprobe (system call 258) and AT_HWCAP, printed for every key Linux defines up to 15 and
 * one beyond. Expected values: Linux's arch/riscv/include/uapi/asm/hwprobe.h and
 * Documentation/arch/riscv/hwprobe.rst for the extensions tcg4j implements; an unknown key comes
 * back as key -1, value 0. qemu-riscv64 7.2 lacks the call (ENOSYS). */
#include <errno.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

struct riscv_hwprobe {
    long long key;
    unsigned long long value;
};

int main(void) {
    struct riscv_hwprobe pairs[18];
    for (int i = 0; i < 18; i++) {
        pairs[i].key = i == 17 ? 1000 : i;
        pairs[i].value = 0xdead;
    }
    long r = syscall(258, pairs, 18, 0, 0, 0);
    printf("hwprobe returns %ld\n", r);
    for (int i = 0; i < 18; i++) {
        printf("key %lld value 0x%llx\n", pairs[i].key, pairs[i].value);
    }
    printf("AT_HWCAP 0x%lx\n", getauxval(AT_HWCAP));
    unsigned long bad_cpus = 0;
    long empty = syscall(258, pairs, 1, sizeof bad_cpus, &bad_cpus, 0);
    printf("empty cpu set %ld errno %d\n", empty, empty < 0 ? errno : 0);
    return r == 0 ? 0 : 1;
}
