/* /proc/self/stat as proc_pid_stat(5) describes it, for the guest process rather than the emulator
 * running it: its pid, name (prctl PR_SET_NAME's), state, relatives, thread count and CPU time;
 * /proc/self/status (proc_pid_status(5)) and comm likewise, with the signal masks. The exit status
 * counts the fields that are not as specified. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

/* fields[i] is field i+1 of the man page, after the name in parentheses */
static long fields[52];
static char name[64];

static void read_stat(void) {
    char buf[2048];
    FILE *f = fopen("/proc/self/stat", "r");
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *open = strchr(buf, '('), *close = strrchr(buf, ')');
    snprintf(name, sizeof name, "%.*s", (int)(close - open - 1), open + 1);
    sscanf(buf, "%ld", &fields[0]);
    char *p = close + 2;
    fields[2] = *p; /* the state, a letter */
    p += 2;
    for (int i = 3; i < 52 && *p; i++) {
        fields[i] = strtol(p, &p, 10);
        while (*p == ' ') {
            p++;
        }
    }
}

/* the value of "Key:" in /proc/self/status, as a string */
static const char *status_field(const char *key) {
    static char value[256];
    char line[512];
    FILE *f = fopen("/proc/self/status", "r");
    value[0] = 0;
    size_t len = strlen(key);
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, len) == 0 && line[len] == ':') {
            char *v = line + len + 1;
            while (*v == ' ' || *v == '\t') {
                v++;
            }
            v[strcspn(v, "\n")] = 0;
            snprintf(value, sizeof value, "%s", v);
            break;
        }
    }
    fclose(f);
    return value;
}

static long status_number(const char *key) {
    return strtol(status_field(key), NULL, 10);
}

static unsigned long long status_mask(const char *key) {
    return strtoull(status_field(key), NULL, 16);
}

static void on_term(int sig) {
    (void)sig;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int release;

static void *parked(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    while (!release) {
        pthread_cond_wait(&cond, &lock);
    }
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    int wrong = 0;
    read_stat();
    wrong += fields[0] != getpid() || fields[3] != getppid() || fields[4] != getpgrp() || fields[5] != getsid(0);
    wrong += fields[2] != 'R' || fields[19] != 1;
    printf("pid %d, ppid %d, pgrp %d, session %d, state %c\n", fields[0] == getpid(), fields[3] == getppid(),
           fields[4] == getpgrp(), fields[5] == getsid(0), (char)fields[2]);
    printf("name (%s)\n", name);
    printf("threads %ld\n", fields[19]);
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        pthread_create(&t[i], NULL, parked, NULL);
    }
    read_stat();
    printf("with two more threads %ld\n", fields[19]);
    wrong += fields[19] != 3;
    char status_name[64];
    snprintf(status_name, sizeof status_name, "%s", status_field("Name"));
    long status_threads = status_number("Threads");
    printf("status: name %s, pid %d, tgid %d, ppid %d, threads %ld\n", status_name,
           status_number("Pid") == getpid(), status_number("Tgid") == getpid(), status_number("PPid") == getppid(),
           status_threads);
    wrong += strcmp(status_name, "proc_stat") != 0 || status_number("Pid") != getpid()
             || status_number("PPid") != getppid() || status_threads != 3;
    pthread_mutex_lock(&lock);
    release = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    prctl(PR_SET_NAME, "renamed-stat");
    read_stat();
    printf("after PR_SET_NAME (%s)\n", name);
    wrong += strcmp(name, "renamed-stat") != 0;
    char comm[64] = "";
    FILE *c = fopen("/proc/self/comm", "r");
    if (c) {
        if (!fgets(comm, sizeof comm, c)) {
            comm[0] = 0;
        }
        fclose(c);
    }
    printf("comm %s", comm);
    wrong += strcmp(comm, "renamed-stat\n") != 0;

    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGTERM, on_term);
    kill(getpid(), SIGUSR1); /* stays pending, blocked */
    unsigned long long usr1 = 1ULL << (SIGUSR1 - 1), usr2 = 1ULL << (SIGUSR2 - 1), term = 1ULL << (SIGTERM - 1);
    unsigned long long blk = status_mask("SigBlk"), ign = status_mask("SigIgn"), cgt = status_mask("SigCgt");
    unsigned long long pnd = status_mask("SigPnd") | status_mask("ShdPnd");
    printf("SigBlk has USR1 %d, SigIgn has USR2 %d, SigCgt has TERM %d, USR1 pending %d\n", (blk & usr1) != 0,
           (ign & usr2) != 0, (cgt & term) != 0, (pnd & usr1) != 0);
    wrong += !(blk & usr1) || !(ign & usr2) || !(cgt & term) || !(pnd & usr1) || (cgt & usr2) || (ign & term);
    signal(SIGUSR1, SIG_IGN); /* discards the pending one */
    struct timespec ts;
    do {
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    } while (ts.tv_sec * 1000 + ts.tv_nsec / 1000000 < 300);
    read_stat();
    printf("utime+stime after 300 ms of CPU at least 20 ticks: %d\n", fields[13] + fields[14] >= 20);
    wrong += fields[13] + fields[14] < 20;
    return wrong;
}
