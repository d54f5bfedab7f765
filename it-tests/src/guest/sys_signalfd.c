/* signalfd: blocked signals read as signalfd_siginfo, poll and epoll see them, non-blocking reads
 * say EAGAIN, and the mask can be changed. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    sigaddset(&mask, SIGUSR2);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    printf("signalfd created: %d\n", sfd > 2);
    struct signalfd_siginfo si;
    errno = 0;
    printf("read nothing %zd errno %d\n", read(sfd, &si, sizeof si), errno);
    struct pollfd pf = {sfd, POLLIN, 0};
    printf("poll before %d\n", poll(&pf, 1, 0));

    kill(getpid(), SIGUSR1);
    printf("poll after kill %d revents %#x\n", poll(&pf, 1, 0), pf.revents);
    ssize_t n = read(sfd, &si, sizeof si);
    printf("read %zd signo %u code %d pid is mine %d uid is mine %d\n", n, si.ssi_signo, si.ssi_code,
            si.ssi_pid == (unsigned) getpid(), si.ssi_uid == (unsigned) getuid());
    printf("poll after read %d\n", poll(&pf, 1, 0));

    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR2);
    kill(getpid(), SIGUSR1);
    struct signalfd_siginfo two[2];
    n = read(sfd, two, sizeof two);
    printf("read two %zd: %u (code %d) %u (code %d)\n", n, two[0].ssi_signo, two[0].ssi_code, two[1].ssi_signo,
            two[1].ssi_code);
    errno = 0;
    printf("short buffer %zd errno %d\n", read(sfd, &si, 16), errno);

    int ep = epoll_create1(0);
    struct epoll_event e = {.events = EPOLLIN, .data.u64 = 99};
    epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &e);
    struct epoll_event out;
    printf("epoll before %d\n", epoll_wait(ep, &out, 1, 0));
    raise(SIGUSR2);
    printf("epoll after raise %d data %llu\n", epoll_wait(ep, &out, 1, 1000), (unsigned long long) out.data.u64);
    read(sfd, &si, sizeof si);
    printf("raised signo %u\n", si.ssi_signo);

    sigset_t only2;
    sigemptyset(&only2);
    sigaddset(&only2, SIGUSR2);
    printf("change mask returns same fd %d\n", signalfd(sfd, &only2, 0) == sfd);
    kill(getpid(), SIGUSR1);
    errno = 0;
    printf("USR1 no longer read %zd errno %d\n", read(sfd, &si, sizeof si), errno);
    sigset_t pending;
    sigpending(&pending);
    printf("USR1 still pending %d\n", sigismember(&pending, SIGUSR1));
    errno = 0;
    printf("signalfd on a pipe fd %d errno %d\n", signalfd(1, &mask, 0), errno);

    /* a blocking signalfd woken by a timer */
    int bfd = signalfd(-1, &mask, 0);
    timer_t t;
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR2;
    sev.sigev_value.sival_int = 31337;
    timer_create(CLOCK_MONOTONIC, &sev, &t);
    struct itimerspec its = {.it_value = {0, 20 * 1000 * 1000}};
    timer_settime(t, 0, &its, NULL);
    n = read(bfd, &si, sizeof si);
    printf("blocking read %zd signo %u code %d int %d\n", n, si.ssi_signo, si.ssi_code, si.ssi_int);
    return 0;
}
