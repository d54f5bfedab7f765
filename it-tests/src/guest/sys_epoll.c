/* epoll with an eventfd, a timerfd and a pipe: which become ready, with the data words given;
 * epoll_ctl's errors; eventfd's counter and semaphore modes; timerfd's settime/gettime. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int ev = eventfd(3, EFD_NONBLOCK);
    int tf = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    int p[2];
    pipe(p);
    struct epoll_event e = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ULL};
    printf("ctl add eventfd %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, ev, &e));
    e.data.u64 = 0xabcdef0012345678ULL;
    printf("ctl add timerfd %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, tf, &e));
    e.events = EPOLLIN | EPOLLET;
    e.data.u64 = 42;
    printf("ctl add pipe %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e));
    errno = 0;
    printf("ctl add again %d errno %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e), errno);
    errno = 0;
    printf("ctl mod unknown %d errno %d\n", epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &e), errno);
    errno = 0;
    printf("ctl bad fd %d errno %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, 777, &e), errno);
    errno = 0;
    printf("ctl on itself %d errno %d\n", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &e), errno);

    struct epoll_event out[8];
    int n = epoll_wait(ep, out, 8, 0);
    printf("ready now %d: events %#x data %#llx\n", n, n > 0 ? out[0].events : 0,
            n > 0 ? (unsigned long long) out[0].data.u64 : 0ULL);
    uint64_t v;
    printf("eventfd read %zd value %llu\n", read(ev, &v, 8), (unsigned long long) v);
    errno = 0;
    printf("eventfd read empty %zd errno %d\n", read(ev, &v, 8), errno);
    v = 5;
    write(ev, &v, 8);
    write(ev, &v, 8);
    read(ev, &v, 8);
    printf("eventfd sums writes %llu\n", (unsigned long long) v);

    struct itimerspec its = {.it_value = {0, 20 * 1000 * 1000}, .it_interval = {0, 0}};
    printf("timerfd_settime %d\n", timerfd_settime(tf, 0, &its, NULL));
    n = epoll_wait(ep, out, 8, 5000);
    printf("after wait %d: data %#llx\n", n, n > 0 ? (unsigned long long) out[0].data.u64 : 0ULL);
    uint64_t expirations = 0;
    printf("timerfd read %zd expirations %llu\n", read(tf, &expirations, 8), (unsigned long long) expirations);
    struct itimerspec cur;
    timerfd_gettime(tf, &cur);
    printf("disarmed after one shot: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    its.it_value.tv_sec = 100;
    its.it_interval.tv_sec = 7;
    timerfd_settime(tf, 0, &its, NULL);
    timerfd_gettime(tf, &cur);
    printf("armed: interval %ld, value within 100 s: %d\n", (long) cur.it_interval.tv_sec,
            cur.it_value.tv_sec <= 100 && (cur.it_value.tv_sec > 0 || cur.it_value.tv_nsec > 0));

    write(p[1], "abc", 3);
    n = epoll_wait(ep, out, 8, 1000);
    printf("pipe ready %d data %llu events %#x\n", n, (unsigned long long) out[0].data.u64, out[0].events);
    n = epoll_wait(ep, out, 8, 0);
    printf("edge-triggered: nothing new %d\n", n);
    printf("ctl del %d\n", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    close(p[1]);
    n = epoll_wait(ep, out, 8, 0);
    printf("after del %d\n", n);
    errno = 0;
    printf("wait maxevents 0: %d errno %d\n", epoll_wait(ep, out, 0, 0), errno);

    int sem = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
    read(sem, &v, 8);
    printf("semaphore reads %llu", (unsigned long long) v);
    read(sem, &v, 8);
    printf(" %llu", (unsigned long long) v);
    errno = 0;
    printf(" then %zd errno %d\n", read(sem, &v, 8), errno);
    errno = 0;
    printf("eventfd short read %zd errno %d\n", read(sem, &v, 4), errno);
    return 0;
}
