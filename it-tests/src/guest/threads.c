/* POSIX threads: mutex, condition variable, barrier, __thread TLS, exit values through
 * pthread_join, 8 threads hammering atomics (AMOs and LR/SC) with exact totals, pthread_exit from
 * the main thread's helpers, a detached thread and thread ids. Everything printed after the joins,
 * so the output is the same whatever the interleaving. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NTHREADS 8
#define ROUNDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long locked_total;

static _Atomic long amo_total;
static _Atomic int amo_word;
static _Atomic long cas_total;
static _Atomic unsigned long max_seen;
static __thread long tls_counter = 100;
static __thread char tls_name[16];

static void *hammer(void *arg) {
    long id = (long) arg;
    snprintf(tls_name, sizeof tls_name, "worker-%ld", id);
    for (int i = 0; i < ROUNDS; i++) {
        atomic_fetch_add(&amo_total, 3);
        atomic_fetch_add(&amo_word, 1);
        long old = atomic_load_explicit(&cas_total, memory_order_relaxed);
        while (!atomic_compare_exchange_weak(&cas_total, &old, old + 2)) {
        }
        unsigned long v = (unsigned long) (id * ROUNDS + i);
        unsigned long m = atomic_load(&max_seen);
        while (v > m && !atomic_compare_exchange_weak(&max_seen, &m, v)) {
        }
        pthread_mutex_lock(&lock);
        locked_total += id;
        pthread_mutex_unlock(&lock);
        tls_counter++;
    }
    if (strncmp(tls_name, "worker-", 7) != 0 || atol(tls_name + 7) != id) {
        return (void *) -1L;
    }
    return (void *) (tls_counter * 10 + id); /* this thread's TLS, not another's */
}

/* condition variable: a bounded queue, one producer, three consumers */
#define QSIZE 4
#define ITEMS 3000
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static int queue[QSIZE], qhead, qcount;
static long consumed_sum[3];
static int consumed_n[3];

static void *producer(void *arg) {
    (void) arg;
    for (int i = 1; i <= ITEMS + 3; i++) {
        pthread_mutex_lock(&qlock);
        while (qcount == QSIZE) {
            pthread_cond_wait(&not_full, &qlock);
        }
        queue[(qhead + qcount) % QSIZE] = i > ITEMS ? 0 : i; /* 0: stop */
        qcount++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&qlock);
    }
    return NULL;
}

static void *consumer(void *arg) {
    long me = (long) arg;
    while (1) {
        pthread_mutex_lock(&qlock);
        while (qcount == 0) {
            pthread_cond_wait(&not_empty, &qlock);
        }
        int v = queue[qhead];
        qhead = (qhead + 1) % QSIZE;
        qcount--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&qlock);
        if (v == 0) {
            return NULL;
        }
        consumed_sum[me] += v;
        consumed_n[me]++;
    }
}

/* barrier: each phase every thread writes its slot, then all read all slots */
#define BTHREADS 5
#define PHASES 50
static pthread_barrier_t barrier;
static int slots[BTHREADS];
static int barrier_errors;
static pthread_mutex_t err_lock = PTHREAD_MUTEX_INITIALIZER;

static void *phased(void *arg) {
    long id = (long) arg;
    for (int p = 0; p < PHASES; p++) {
        slots[id] = p * 100 + (int) id;
        pthread_barrier_wait(&barrier);
        for (int j = 0; j < BTHREADS; j++) {
            if (slots[j] != p * 100 + j) {
                pthread_mutex_lock(&err_lock);
                barrier_errors++;
                pthread_mutex_unlock(&err_lock);
            }
        }
        pthread_barrier_wait(&barrier);
    }
    return NULL;
}

static void *exits_early(void *arg) {
    pthread_exit((void *) ((long) arg + 1000));
    return NULL;
}

static pid_t tids[4];
static void *report_tid(void *arg) {
    tids[(long) arg] = (pid_t) syscall(SYS_gettid);
    return NULL;
}

static _Atomic int detached_done;
static void *detached(void *arg) {
    (void) arg;
    atomic_store(&detached_done, 1);
    return NULL;
}

int main(void) {
    pthread_t t[NTHREADS];
    for (long i = 0; i < NTHREADS; i++) {
        if (pthread_create(&t[i], NULL, hammer, (void *) i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    long results = 0;
    for (long i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        if ((long) r != (100 + ROUNDS) * 10 + i) {
            printf("thread %ld returned %ld\n", i, (long) r);
        }
        results += (long) r;
    }
    printf("join values: %ld\n", results);
    printf("amoadd.d total: %ld (expect %ld)\n", atomic_load(&amo_total), 3L * NTHREADS * ROUNDS);
    printf("amoadd.w total: %d (expect %d)\n", atomic_load(&amo_word), NTHREADS * ROUNDS);
    printf("lr/sc total: %ld (expect %ld)\n", atomic_load(&cas_total), 2L * NTHREADS * ROUNDS);
    printf("max: %lu (expect %lu)\n", atomic_load(&max_seen), (unsigned long) (NTHREADS * ROUNDS - 1));
    printf("mutex total: %ld (expect %ld)\n", locked_total, (long) ROUNDS * (NTHREADS * (NTHREADS - 1) / 2));
    printf("main tls: %ld\n", tls_counter);

    pthread_t p, c[3];
    pthread_create(&p, NULL, producer, NULL);
    for (long i = 0; i < 3; i++) {
        pthread_create(&c[i], NULL, consumer, (void *) i);
    }
    pthread_join(p, NULL);
    long sum = 0;
    int n = 0;
    for (int i = 0; i < 3; i++) {
        pthread_join(c[i], NULL);
        sum += consumed_sum[i];
        n += consumed_n[i];
    }
    printf("condvar: %d items, sum %ld (expect %d, %ld)\n", n, sum, ITEMS, (long) ITEMS * (ITEMS + 1) / 2);

    pthread_barrier_init(&barrier, NULL, BTHREADS);
    pthread_t b[BTHREADS];
    for (long i = 0; i < BTHREADS; i++) {
        pthread_create(&b[i], NULL, phased, (void *) i);
    }
    for (int i = 0; i < BTHREADS; i++) {
        pthread_join(b[i], NULL);
    }
    pthread_barrier_destroy(&barrier);
    printf("barrier: %d phases, %d errors\n", PHASES, barrier_errors);

    pthread_t e;
    void *ev;
    pthread_create(&e, NULL, exits_early, (void *) 7L);
    pthread_join(e, &ev);
    printf("pthread_exit value: %ld\n", (long) ev);

    pthread_t r[4];
    for (long i = 0; i < 4; i++) {
        pthread_create(&r[i], NULL, report_tid, (void *) i);
        pthread_join(r[i], NULL);
    }
    pid_t me = (pid_t) syscall(SYS_gettid);
    int distinct = me == getpid();
    for (int i = 0; i < 4; i++) {
        distinct = distinct && tids[i] > 0 && tids[i] != me;
        for (int j = 0; j < i; j++) {
            distinct = distinct && tids[i] != tids[j];
        }
    }
    printf("main tid is pid, thread tids distinct: %s\n", distinct ? "yes" : "no");

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_t d;
    pthread_create(&d, &attr, detached, NULL);
    while (!atomic_load(&detached_done)) {
        sched_yield();
    }
    printf("detached thread ran\n");
    return 0;
}
