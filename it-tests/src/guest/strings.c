/* String and memory functions from glibc (vectorised and unaligned paths included):
 * lengths and offsets around alignment boundaries, comparisons, searches, formatting and
 * parsing. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char area[512];

int main(void) {
    /* strlen/memchr/strchr at every alignment and length up to 40 */
    uint64_t acc = 0;
    for (int off = 0; off < 16; off++)
        for (int n = 0; n < 40; n++) {
            memset(area, 'a' + (n % 26), sizeof area);
            area[off + n] = 0;
            acc = acc * 131 + strlen(area + off);
            char *c = memchr(area + off, 0, 64);
            acc = acc * 131 + (uint64_t)(c - area);
            char *s = strchr(area + off, 'a' + (n % 26));
            acc = acc * 131 + (s ? (uint64_t)(s - area) : 999);
        }
    printf("scan acc %016llx\n", (unsigned long long)acc);
    /* memcpy/memmove with overlap in both directions */
    for (int i = 0; i < 256; i++) area[i] = (char)i;
    memmove(area + 3, area, 100);
    memmove(area + 200, area + 205, 40);
    memcpy(area + 300, area + 17, 77);
    uint64_t sum = 0;
    for (int i = 0; i < 512; i++) sum = sum * 7 + (unsigned char)area[i];
    printf("move sum %016llx\n", (unsigned long long)sum);
    /* comparisons */
    const char *words[] = {"apple", "apples", "Apple", "banana", "", "app", "apple\x80", "apple\x01"};
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            int a = strcmp(words[i], words[j]), b = strncmp(words[i], words[j], 3), c = strcasecmp(words[i], words[j]);
            printf("%c%c%c", a < 0 ? '<' : a > 0 ? '>' : '=', b < 0 ? '<' : b > 0 ? '>' : '=', c < 0 ? '<' : c > 0 ? '>' : '=');
        }
    printf("\n");
    /* searching and tokenising */
    char text[] = "the quick brown fox jumps over the lazy dog";
    printf("strstr %s | strrchr %s | strspn %zu strcspn %zu\n", strstr(text, "fox"), strrchr(text, 't'),
           strspn(text, "the "), strcspn(text, "xyz"));
    char *save, *tok = strtok_r(text, " ", &save);
    int count = 0;
    while (tok) { count++; printf("[%s]", tok); tok = strtok_r(NULL, " ", &save); }
    printf(" %d tokens\n", count);
    /* formatting and parsing */
    char out[128];
    snprintf(out, sizeof out, "%5d|%-5d|%05.1f|%x|%#o|%e|%s|%c|%%|%lld", 42, -42, 3.14159, 0xbeef, 8, 12345.678, "str",
             'z', -9223372036854775807LL - 1);
    printf("%s\n", out);
    printf("strtol %ld %ld %lu strtod %.17g %.17g atoi %d\n", strtol("-0x1f", NULL, 16), strtol("0777", NULL, 0),
           strtoul("18446744073709551615", NULL, 10), strtod("1e-5", NULL), strtod("0x1.8p3", NULL), atoi("  123abc"));
    int upper = 0;
    for (const char *p = text; *p; p++) upper += toupper((unsigned char)*p);
    printf("toupper sum %d\n", upper);
    char dup[64];
    strcpy(dup, "hello");
    strcat(dup, ", world");
    strncat(dup, "!?", sizeof dup - strlen(dup) - 1);
    printf("%s %zu\n", dup, strlen(dup));
    return 0;
}
