/* Reads all of stdin (with read(2) in odd-sized chunks and then stdio) and prints counts,
 * a checksum and the input's lines reversed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    size_t cap = 64, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (cap - len < 37) buf = realloc(buf, cap *= 2);
        ssize_t n = read(0, buf + len, 37);
        if (n < 0) { perror("read"); return 1; }
        if (n == 0) break;
        len += (size_t)n;
    }
    size_t lines = 0, words = 0;
    uint32_t crc = 0xffffffffu;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '\n') lines++;
        int space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !in_word) words++;
        in_word = !space;
        crc ^= c;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    printf("bytes %zu lines %zu words %zu crc32 %08x\n", len, lines, words, crc ^ 0xffffffffu);
    /* lines in reverse order */
    size_t end = len;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && buf[start - 1] != '\n') start--;
        fwrite(buf + start, 1, end - start, stdout);
        if (buf[end - 1] != '\n') putchar('\n');
        end = start;
    }
    fprintf(stderr, "stdin done\n");
    return 0;
}
