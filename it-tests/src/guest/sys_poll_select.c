/* poll and select on pipes: readiness, hang-up, invalid descriptors, timeouts. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/select.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_seen;

static void on_usr1(int sig) {
    (void) sig;
    usr1_seen++;
}

int main(void) {
    int p[2];
    pipe(p);
    struct pollfd f[3] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {-1, POLLIN, 0}};
    int n = poll(f, 3, 0);
    printf("poll empty pipe %d: %#x %#x %#x\n", n, f[0].revents, f[1].revents, f[2].revents);
    write(p[1], "x", 1);
    n = poll(f, 2, 1000);
    printf("poll after write %d: %#x %#x\n", n, f[0].revents, f[1].revents);
    struct pollfd bad = {555, POLLIN, 0};
    printf("poll unknown fd %d: %#x\n", poll(&bad, 1, 0), bad.revents);
    n = poll(f, 1, 30);
    printf("poll still readable %d\n", n);
    char c;
    read(p[0], &c, 1);
    n = poll(f, 1, 30);
    printf("poll timeout %d revents %#x\n", n, f[0].revents);

    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    struct timeval tv = {0, 0};
    n = select(p[1] + 1, &rd, &wr, NULL, &tv);
    printf("select %d: read %d write %d\n", n, FD_ISSET(p[0], &rd), FD_ISSET(p[1], &wr));
    write(p[1], "yz", 2);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv.tv_sec = 1;
    n = select(p[0] + 1, &rd, NULL, NULL, &tv);
    printf("select readable %d: %d\n", n, FD_ISSET(p[0], &rd));
    FD_ZERO(&rd);
    FD_SET(60, &rd);
    errno = 0;
    n = select(61, &rd, NULL, NULL, &tv);
    printf("select unknown fd %d errno %d\n", n, errno);
    errno = 0;
    tv.tv_usec = -1;
    printf("select bad timeout %d errno %d\n", select(1, NULL, NULL, NULL, &tv), errno);

    struct timespec ts = {0, 20 * 1000 * 1000};
    sigset_t mask;
    sigemptyset(&mask);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    read(p[0], &c, 1);
    read(p[0], &c, 1);
    n = pselect(p[0] + 1, &rd, NULL, NULL, &ts, &mask);
    printf("pselect timeout %d\n", n);

    /* a signal pending while blocked, which ppoll's mask lets through: the wait ends at once with
     * EINTR and the handler runs (no timeout: a wait that missed it would never end) */
    struct sigaction sa = {0};
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t usr1, before;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1, &before);
    raise(SIGUSR1);
    struct pollfd idle = {p[0], POLLIN, 0};
    errno = 0;
    n = ppoll(&idle, 1, NULL, &before);
    printf("ppoll with a pending signal let through %d errno %d, handler ran %d\n", n, errno, usr1_seen);
    sigprocmask(SIG_SETMASK, &before, NULL);

    close(p[1]);
    n = poll(f, 1, 1000);
    printf("poll after writer closed %d: %#x\n", n, f[0].revents);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    tv.tv_sec = 0;
    tv.tv_usec = 0;
    printf("select at EOF %d\n", select(p[0] + 1, &rd, NULL, NULL, &tv));
    n = ppoll(f, 1, &ts, &mask);
    printf("ppoll %d\n", n);
    return 0;
}
