#define _GNU_SOURCE
/* A loopback TCP echo server on a thread, a client on the main thread; then the same over an
 * abstract AF_UNIX socket; connect to a closed port is refused. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int listener;

static void *serve(void *arg) {
    (void) arg;
    struct sockaddr_storage peer;
    socklen_t len = sizeof peer;
    int c = accept4(listener, (struct sockaddr *) &peer, &len, SOCK_CLOEXEC);
    if (c < 0) {
        perror("accept4");
        return NULL;
    }
    char buf[256];
    ssize_t n;
    while ((n = recv(c, buf, sizeof buf, 0)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            buf[i] = (char) toupper((unsigned char) buf[i]);
        }
        send(c, buf, (size_t) n, 0);
    }
    close(c);
    return NULL;
}

static void exchange(int s, const char *what) {
    const char *lines[] = {"alpha\n", "beta gamma\n", "the last line\n"};
    for (int i = 0; i < 3; i++) {
        size_t len = strlen(lines[i]);
        send(s, lines[i], len, 0);
        char buf[64];
        size_t got = 0;
        while (got < len) {
            ssize_t n = recv(s, buf + got, sizeof buf - got, 0);
            if (n <= 0) {
                break;
            }
            got += (size_t) n;
        }
        printf("%s echo: %.*s", what, (int) got, buf);
    }
}

int main(void) {
    listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    printf("SO_REUSEADDR %d\n", setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    printf("bind %d\n", bind(listener, (struct sockaddr *) &addr, sizeof addr));
    printf("listen %d\n", listen(listener, 4));
    socklen_t len = sizeof addr;
    getsockname(listener, (struct sockaddr *) &addr, &len);
    printf("bound to %s, port assigned %s, len %u\n", inet_ntoa(addr.sin_addr), addr.sin_port != 0 ? "yes" : "no", len);

    pthread_t t;
    pthread_create(&t, NULL, serve, NULL);
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    printf("connect %d\n", connect(s, (struct sockaddr *) &addr, sizeof addr));
    printf("TCP_NODELAY %d\n", setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one));
    int v = 0;
    len = sizeof v;
    getsockopt(s, IPPROTO_TCP, TCP_NODELAY, &v, &len);
    printf("TCP_NODELAY reads %d\n", v != 0);
    struct sockaddr_in peer;
    len = sizeof peer;
    getpeername(s, (struct sockaddr *) &peer, &len);
    printf("peer family %d same port %d\n", peer.sin_family, peer.sin_port == addr.sin_port);
    exchange(s, "tcp");
    shutdown(s, SHUT_WR);
    pthread_join(t, NULL);
    char b;
    printf("after server close recv %zd\n", recv(s, &b, 1, 0));
    close(s);
    close(listener);

    errno = 0;
    int r = socket(AF_INET, SOCK_STREAM, 0);
    printf("connect to closed port %d errno %d\n", connect(r, (struct sockaddr *) &addr, sizeof addr), errno);
    close(r);

    listener = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un un = {.sun_family = AF_UNIX};
    snprintf(un.sun_path + 1, sizeof un.sun_path - 1, "tcg4j-echo-%d", (int) getpid());
    socklen_t ulen = (socklen_t) (offsetof(struct sockaddr_un, sun_path) + 1 + strlen(un.sun_path + 1));
    printf("unix bind %d listen %d\n", bind(listener, (struct sockaddr *) &un, ulen), listen(listener, 1));
    pthread_create(&t, NULL, serve, NULL);
    s = socket(AF_UNIX, SOCK_STREAM, 0);
    printf("unix connect %d\n", connect(s, (struct sockaddr *) &un, ulen));
    exchange(s, "unix");
    close(s);
    pthread_join(t, NULL);
    close(listener);

    int u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in ua = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(u, (struct sockaddr *) &ua, sizeof ua);
    len = sizeof ua;
    getsockname(u, (struct sockaddr *) &ua, &len);
    printf("sendto %zd\n", sendto(u, "datagram", 8, 0, (struct sockaddr *) &ua, sizeof ua));
    char d[16] = {0};
    struct sockaddr_in from;
    len = sizeof from;
    printf("recvfrom %zd '%s' from same port %d\n", recvfrom(u, d, sizeof d, 0, (struct sockaddr *) &from, &len), d,
            from.sin_port == ua.sin_port);
    return 0;
}
