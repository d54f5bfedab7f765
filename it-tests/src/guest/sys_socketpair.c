#define _GNU_SOURCE
/* socketpair + SCM_RIGHTS: a descriptor passed over an AF_UNIX socket reads the same file, with the
 * payload in several iovecs; datagram pairs keep message boundaries; shutdown ends the stream. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static int send_fd(int sock, int fd, const char *a, const char *b) {
    struct iovec iov[2] = {{(void *) a, strlen(a)}, {(void *) b, strlen(b)}};
    char control[CMSG_SPACE(sizeof(int))];
    memset(control, 0, sizeof control);
    struct msghdr msg = {0};
    msg.msg_iov = iov;
    msg.msg_iovlen = 2;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof(int));
    return (int) sendmsg(sock, &msg, 0);
}

/* recvmmsg(2): with a timeout, the time left is written back once something was received (qemu 7.2
 * ignores the timeout). Exits 0 when it was, 1 when the timeout still holds what was passed. */
static int recvmmsg_timeout_left(void) {
    int dg[2];
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, dg) != 0) {
        perror("socketpair");
        return 2;
    }
    send(dg[0], "one", 3, 0);
    send(dg[0], "two", 3, 0);
    char bufs[4][8];
    struct iovec iov[4];
    struct mmsghdr in[4];
    memset(in, 0, sizeof in);
    for (int i = 0; i < 4; i++) {
        iov[i].iov_base = bufs[i];
        iov[i].iov_len = sizeof bufs[i];
        in[i].msg_hdr.msg_iov = &iov[i];
        in[i].msg_hdr.msg_iovlen = 1;
    }
    struct timespec timeout = {5, 0};
    int got = recvmmsg(dg[1], in, 4, MSG_WAITFORONE, &timeout);
    int written = timeout.tv_sec < 5 && timeout.tv_sec >= 0 && timeout.tv_nsec >= 0 && timeout.tv_nsec < 1000000000L;
    printf("recvmmsg with a timeout %d, time left written back: %s\n", got, written ? "yes" : "no");
    return got == 2 && written ? 0 : 1;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "recvmmsg-timeout") == 0) {
        return recvmmsg_timeout_left();
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
        perror("socketpair");
        return 1;
    }
    int p[2];
    pipe(p);
    write(p[1], "through the passed fd", 21);
    close(p[1]);
    printf("sendmsg %d\n", send_fd(sv[0], p[0], "hello ", "world"));
    close(p[0]);

    char head[4], tail[16];
    struct iovec iov[2] = {{head, sizeof head}, {tail, sizeof tail}};
    char control[CMSG_SPACE(sizeof(int)) + 16];
    struct msghdr msg = {0};
    msg.msg_iov = iov;
    msg.msg_iovlen = 2;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t n = recvmsg(sv[1], &msg, MSG_CMSG_CLOEXEC);
    printf("recvmsg %zd: '%.4s' '%.*s' truncated %d\n", n, head, (int) (n - 4), tail, (msg.msg_flags & MSG_CTRUNC) != 0);
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    int got = -1;
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
        memcpy(&got, CMSG_DATA(c), sizeof got);
        printf("cmsg len %zu, fd received: %s, cloexec %d\n", (size_t) c->cmsg_len, got > 2 ? "yes" : "no",
                (fcntl(got, F_GETFD) & FD_CLOEXEC) != 0);
        char buf[64] = {0};
        ssize_t r = read(got, buf, sizeof buf - 1);
        printf("read via passed fd %zd: %s\n", r, buf);
        close(got);
    } else {
        printf("no SCM_RIGHTS\n");
    }

    int badfd = 999;
    errno = 0;
    printf("sendmsg bad fd %d errno %d\n", send_fd(sv[0], badfd, "x", "y"), errno);

    int type = 0;
    socklen_t len = sizeof type;
    printf("getsockopt SO_TYPE %d %d len %u\n", getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len), type, len);
    int domain = 0;
    len = sizeof domain;
    getsockopt(sv[0], SOL_SOCKET, SO_DOMAIN, &domain, &len);
    printf("SO_DOMAIN %d\n", domain);

    printf("shutdown %d\n", shutdown(sv[0], SHUT_WR));
    char b;
    printf("read after peer shutdown %zd\n", read(sv[1], &b, 1));
    errno = 0;
    printf("send on shut socket %zd errno %d\n", send(sv[0], "z", 1, MSG_NOSIGNAL), errno);

    int dg[2];
    socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
    send(dg[0], "one", 3, 0);
    send(dg[0], "three", 5, 0);
    char d[16];
    ssize_t a = recv(dg[1], d, sizeof d, 0);
    ssize_t bb = recv(dg[1], d + 8, 8, 0);
    printf("datagrams %zd %zd '%.3s' '%.5s'\n", a, bb, d, d + 8);
    errno = 0;
    printf("recv nothing nonblocking %zd errno %d\n", recv(dg[1], d, sizeof d, MSG_DONTWAIT), errno);
    errno = 0;
    printf("socket bad family %d errno %d\n", socket(12345, SOCK_STREAM, 0), errno);
    errno = 0;
    printf("getsockopt on a pipe %d errno %d\n", getsockopt(p[0] = dup(1), SOL_SOCKET, SO_TYPE, &type, &len), errno);

    /* sendmmsg and recvmmsg: several datagrams in one call each; MSG_WAITFORONE returns what came */
    const char *words[3] = {"alpha", "be", "gamma!"};
    struct iovec out_iov[3], in_iov[4];
    struct mmsghdr out[3], in[4];
    char in_buf[4][16];
    memset(out, 0, sizeof out);
    memset(in, 0, sizeof in);
    memset(in_buf, 0, sizeof in_buf);
    for (int i = 0; i < 3; i++) {
        out_iov[i].iov_base = (void *) words[i];
        out_iov[i].iov_len = strlen(words[i]);
        out[i].msg_hdr.msg_iov = &out_iov[i];
        out[i].msg_hdr.msg_iovlen = 1;
    }
    for (int i = 0; i < 4; i++) {
        in_iov[i].iov_base = in_buf[i];
        in_iov[i].iov_len = sizeof in_buf[i] - 1;
        in[i].msg_hdr.msg_iov = &in_iov[i];
        in[i].msg_hdr.msg_iovlen = 1;
    }
    int sent = sendmmsg(dg[0], out, 3, 0);
    printf("sendmmsg %d lens %u %u %u\n", sent, out[0].msg_len, out[1].msg_len, out[2].msg_len);
    int received = recvmmsg(dg[1], in, 4, MSG_WAITFORONE, NULL);
    printf("recvmmsg %d: '%s' %u '%s' %u '%s' %u\n", received, in_buf[0], in[0].msg_len, in_buf[1], in[1].msg_len,
           in_buf[2], in[2].msg_len);
    errno = 0;
    printf("recvmmsg nothing nonblocking %d errno %d\n", recvmmsg(dg[1], in, 4, MSG_DONTWAIT, NULL), errno);
    return 0;
}
