/* Ordinary compiled code for the disassembler fixture (see regenerate-sample.sh). */
#include <stdint.h>
#include <string.h>

struct node { struct node *next; long key; double weight; };

long sum(const long *a, int n) { long s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int divmod(int a, int b) { return a / b + a % b; }
unsigned long udiv(unsigned long a, unsigned long b) { return a / b ^ a % b; }
double dot(const double *a, const double *b, int n) { double s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
float scale(float x, int k) { return x * (float) k + 0.5f; }
long tolong(double d) { return (long) d; }
struct node *find(struct node *n, long key) { while (n && n->key != key) n = n->next; return n; }
int cmp(double a, double b) { return a < b ? -1 : a > b; }
uint32_t rot(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }
long fetchadd(long *p) { return __atomic_fetch_add(p, 1, __ATOMIC_SEQ_CST); }
int cas(int *p, int e, int d) { return __atomic_compare_exchange_n(p, &e, d, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
void copy(char *d, const char *s, unsigned n) { memcpy(d, s, n); }
short narrow(long x) { return (short) x; }
unsigned char byte(unsigned long x) { return x >> 3; }
long sel(long a, long b, long c) { return a > b ? c : -c; }
