/* Guest of the patch plugin test (QEMU's tests/tcg/plugins/patch.c): the plugin rewrites the code
 * of patch_target in guest memory the first time it is about to run, so that it returns 2. Without
 * the plugin it returns 1. The call goes through a volatile pointer so that it is not inlined. */
#include <stdio.h>

__attribute__((noinline)) int patch_target(void)
{
    return 1;
}

int (*volatile target)(void) = patch_target;

int main(void)
{
    int sum = 0;
    for (int i = 0; i < 3; i++) {
        sum += target();
    }
    printf("patch_target returned %d in all\n", sum);
    return 0;
}
