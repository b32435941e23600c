/*
 * consumer.c: the pipeline's C consumer process.
 *
 *   pipeline-consumer <channel-socket> <tap-socket>
 *
 * Takes the channel from the Rust producer (listening on <channel-socket>), hands the data
 * region to the WASM host (connecting to <tap-socket>, SCM_RIGHTS), then for every message:
 * verifies it and reads it in place with the generated accessors (logs.h), sends its
 * descriptor to the WASM host, which reads the same bytes in place with the generated WASM
 * accessors and answers with its digest, compares, and only then acknowledges the message
 * (so the producer cannot reuse the memory while the WASM module reads it).
 *
 * In place: the pipeline's producer is wxl-channel's, which never rewrites a message before it
 * is acknowledged. Against a producer that might, use wxl_channel_copy (docs/CHANNEL.md).
 * Prints one summary line; exit 0 when every digest matched.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "logs.h"
#include "wxl_channel.h"

/* The digest every language computes over a message: per record, code + size + the four
 * address bytes + the date's length + every byte of the request. */
static uint64_t digest(logs_Logs root) {
    logs_ArrayOfLog logs = logs_Logs_logs(root);
    uint32_t i, j, n = logs_ArrayOfLog_len(logs);
    uint64_t sum = 0;
    for (i = 0; i < n; i++) {
        logs_Log log = logs_ArrayOfLog_at(logs, i);
        logs_Address a = logs_Log_address(log);
        wxl_str request = logs_Log_request(log);
        sum += logs_Log_code(log) + logs_Log_size(log) + a.x0 + a.x1 + a.x2 + a.x3 + logs_Log_date(log).len;
        for (j = 0; j < request.len; j++)
            sum += (unsigned char)request.ptr[j];
    }
    return sum;
}

static int unix_socket(const char *path, struct sockaddr_un *addr) {
    memset(addr, 0, sizeof *addr);
    addr->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr->sun_path)
        return -1;
    strcpy(addr->sun_path, path);
    return socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

static int listen_once(const char *path) {
    struct sockaddr_un addr;
    int l = unix_socket(path, &addr), s;
    unlink(path);
    if (l < 0 || bind(l, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(l, 1) != 0)
        return -1;
    printf("listening\n");
    fflush(stdout);
    s = accept(l, NULL, NULL);
    close(l);
    unlink(path);
    return s;
}

static int connect_to(const char *path) {
    struct sockaddr_un addr;
    int s = unix_socket(path, &addr);
    if (s < 0 || connect(s, (struct sockaddr *)&addr, sizeof addr) != 0)
        return -1;
    return s;
}

/* "WXLT" + the data region's size, with its descriptor. */
static int send_region(int tap, int fd, uint64_t size) {
    unsigned char hello[12];
    union {
        struct cmsghdr align;
        unsigned char buf[CMSG_SPACE(sizeof(int))];
    } control;
    struct iovec iov;
    struct msghdr msg;
    struct cmsghdr *cm;
    memcpy(hello, "WXLT", 4);
    memcpy(hello + 4, &size, 8);
    memset(&msg, 0, sizeof msg);
    memset(&control, 0, sizeof control);
    iov.iov_base = hello;
    iov.iov_len = sizeof hello;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof control.buf;
    cm = CMSG_FIRSTHDR(&msg);
    cm->cmsg_level = SOL_SOCKET;
    cm->cmsg_type = SCM_RIGHTS;
    cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &fd, sizeof fd);
    return sendmsg(tap, &msg, MSG_NOSIGNAL) == (ssize_t)sizeof hello ? 0 : -1;
}

static int full(int fd, void *buf, size_t n, int writing) {
    size_t done = 0;
    while (done < n) {
        ssize_t r = writing ? send(fd, (char *)buf + done, n - done, MSG_NOSIGNAL) : recv(fd, (char *)buf + done, n - done, 0);
        if (r <= 0)
            return -1;
        done += (size_t)r;
    }
    return 0;
}

int main(int argc, char **argv) {
    wxl_channel c;
    wxl_channel_msg m;
    int sock, tap, status;
    uint64_t *scratch, messages = 0, bytes = 0, total = 0, wasm_total = 0, mismatches = 0;
    if (argc != 3) {
        fprintf(stderr, "usage: pipeline-consumer <channel-socket> <tap-socket>\n");
        return 1;
    }
    sock = listen_once(argv[1]);
    if (sock < 0 || (status = wxl_channel_connect(&c, sock)) != WXL_CHANNEL_OK) {
        fprintf(stderr, "c: no channel (%s)\n", sock < 0 ? "listen" : c.error);
        return 1;
    }
    tap = connect_to(argv[2]);
    if (tap < 0 || send_region(tap, c.data_fd, c.data_size) != 0) {
        fprintf(stderr, "c: no WASM host\n");
        return 1;
    }
    scratch = (uint64_t *)malloc(wxl_verify_scratch_words(c.data_size) * 8 + 8);
    if (scratch == NULL)
        return 1;
    while ((status = wxl_channel_recv(&c, &m, 30000)) == WXL_CHANNEL_OK) {
        const uint8_t *buf = wxl_channel_in_place(&c, &m);
        uint64_t mine = 0, theirs = 0, descriptor[2];
        wxl_error err;
        if (logs_verify(buf, m.len, scratch, wxl_verify_scratch_words(m.len), &err) != WXL_OK) {
            fprintf(stderr, "c: message %llu: %s at %u\n", (unsigned long long)m.seq, wxl_error_name(err.code), err.offset);
            return 1;
        }
        mine = digest(logs_root(buf, m.len));
        descriptor[0] = m.seq;
        descriptor[1] = (uint64_t)m.offset | (uint64_t)m.len << 32;
        if (full(tap, descriptor, sizeof descriptor, 1) != 0 || full(tap, &theirs, sizeof theirs, 0) != 0) {
            fprintf(stderr, "c: the WASM host went away\n");
            return 1;
        }
        mismatches += mine != theirs;
        total += mine;
        wasm_total += theirs;
        bytes += m.len;
        messages++;
        wxl_channel_ack(&c, &m);
    }
    if (status != WXL_CHANNEL_CLOSED) {
        fprintf(stderr, "c: %s (%s)\n", wxl_channel_status_name(status), c.error ? c.error : "");
        return 1;
    }
    printf("c %llu %llu %llu %llu %llu\n", (unsigned long long)messages, (unsigned long long)bytes, (unsigned long long)total,
           (unsigned long long)wasm_total, (unsigned long long)mismatches);
    close(tap);
    wxl_channel_close(&c);
    free(scratch);
    return mismatches == 0 ? 0 : 2;
}
