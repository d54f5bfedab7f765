/* More threads alive at once than a fixed table of vCPUs would hold: NTHREADS workers (argv[1],
 * 300 by default) wait at one barrier until all of them have started, so each runs on a vCPU of its
 * own, then each sums a series of its own and the main thread checks every result. Small stacks keep
 * the guest's memory modest. Prints only what does not depend on the interleaving. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_THREADS 300

static pthread_barrier_t all_started;

static long series(long id) {
    long sum = 0;
    for (long i = 1; i <= 1000 + id; i++) {
        sum += i * (id % 7 + 1);
    }
    return sum;
}

static void *worker(void *arg) {
    long id = (long) arg;
    pthread_barrier_wait(&all_started);
    return (void *) series(id);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : DEFAULT_THREADS;
    pthread_t *threads = calloc(n, sizeof *threads);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_barrier_init(&all_started, NULL, n + 1);
    for (long i = 0; i < n; i++) {
        if (pthread_create(&threads[i], &attr, worker, (void *) i) != 0) {
            printf("pthread_create %ld failed\n", i);
            return 1;
        }
    }
    pthread_barrier_wait(&all_started);
    int wrong = 0;
    long total = 0;
    for (long i = 0; i < n; i++) {
        void *result;
        pthread_join(threads[i], &result);
        wrong += (long) result != series(i);
        total += (long) result;
    }
    printf("%d threads alive at once, %d wrong results, total %ld\n", n, wrong, total);
    return wrong != 0;
}
