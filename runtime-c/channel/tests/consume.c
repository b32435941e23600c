/*
 * consume.c: a C consumer process for the channel tests (runtime-rs/channel/tests/c.rs).
 *
 *   consume <socket-path> copy <max-records>     copy, verify, check every field of every message
 *   consume <socket-path> inplace <max-records>  verify and read in place (trusted producer)
 *   consume <socket-path> hostile                copy, verify, read every field; count rejections
 *
 * It listens on <socket-path> and takes one producer (wxl-channel-peer produce|evil). Messages
 * are logs.wxl batches whose fields are functions of the sequence number, as in
 * runtime-rs/channel/tests/common/mod.rs. Prints "ok <n>" / "hostile <accepted> <rejected>"
 * at the end of the stream; exit 0 on success, 2 when a message fails its check, 1 otherwise.
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

static const char *const USERS[9] = {"-", "alice", "bob", "carmen", "david", "eric", "frank", "george", "harry"};

static size_t records_for(uint64_t seq, size_t max) {
    return 1 + (size_t)((seq * 0x9E3779B97F4A7C15ull) >> 40) % max;
}

static int str_is(wxl_str s, const char *text) {
    size_t n = strlen(text);
    return s.ptr != NULL && s.len == n && memcmp(s.ptr, text, n) == 0;
}

/* Every field of message `seq`; 0 when all match. */
static int check(logs_Logs root, uint64_t seq, size_t records) {
    logs_ArrayOfLog logs = logs_Logs_logs(root);
    uint32_t i;
    char date[64], request[96];
    if (logs_ArrayOfLog_len(logs) != records) {
        fprintf(stderr, "message %llu: %u records, expected %zu\n", (unsigned long long)seq, logs_ArrayOfLog_len(logs), records);
        return 1;
    }
    for (i = 0; i < records; i++) {
        logs_Log log = logs_ArrayOfLog_at(logs, i);
        logs_Address a = logs_Log_address(log);
        uint32_t x = (uint32_t)(seq + i);
        snprintf(date, sizeof date, "%02u/Mar/1998:%02u:%02u:%02u +0300", (unsigned)(1 + seq % 28), (unsigned)(seq % 24),
                 (unsigned)(i % 60), (unsigned)((seq + i) % 60));
        snprintf(request, sizeof request, "GET /item/%llu/%u/index.html HTTP/1.1", (unsigned long long)seq, i);
        if (a.x0 != (uint8_t)x || a.x1 != (uint8_t)(x >> 8) || a.x2 != (uint8_t)(x >> 16) || a.x3 != (uint8_t)(x >> 24) ||
            !str_is(logs_Log_identity(log), "-") || !str_is(logs_Log_userid(log), USERS[(seq + i) % 9]) ||
            !str_is(logs_Log_date(log), date) || !str_is(logs_Log_request(log), request) ||
            logs_Log_code(log) != 200 + (seq + i) % 300 || logs_Log_size(log) != seq * 1000 + i) {
            fprintf(stderr, "message %llu: record %u differs\n", (unsigned long long)seq, i);
            return 1;
        }
    }
    return 0;
}

/* Read every field of every record (what a reader of a hostile message does). */
static uint64_t walk(logs_Logs root) {
    logs_ArrayOfLog logs = logs_Logs_logs(root);
    uint32_t i, n = logs_ArrayOfLog_len(logs), k;
    uint64_t sum = 0;
    for (i = 0; i < n; i++) {
        logs_Log log = logs_ArrayOfLog_at(logs, i);
        wxl_str s[4];
        logs_Address a = logs_Log_address(log);
        s[0] = logs_Log_identity(log);
        s[1] = logs_Log_userid(log);
        s[2] = logs_Log_date(log);
        s[3] = logs_Log_request(log);
        sum += a.x0 + a.x3 + logs_Log_code(log) + logs_Log_size(log);
        for (k = 0; k < 4; k++) {
            uint32_t j;
            for (j = 0; j < s[k].len; j++)
                sum += (unsigned char)s[k].ptr[j];
        }
    }
    return sum;
}

static int listen_once(const char *path) {
    struct sockaddr_un addr;
    int l, s;
    memset(&addr, 0, sizeof addr);
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof addr.sun_path)
        return -1;
    strcpy(addr.sun_path, path);
    unlink(path);
    l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (l < 0 || bind(l, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(l, 1) != 0)
        return -1;
    printf("listening\n");
    fflush(stdout);
    s = accept(l, NULL, NULL);
    close(l);
    unlink(path);
    return s;
}

int main(int argc, char **argv) {
    wxl_channel c;
    wxl_channel_msg m;
    int sock, status, inplace, hostile;
    size_t max = 0, cap;
    uint64_t *copy, *scratch, received = 0, rejected = 0, sum = 0;
    if (argc < 3 || (strcmp(argv[2], "hostile") != 0 && argc < 4)) {
        fprintf(stderr, "usage: consume <socket> copy|inplace <max-records> | consume <socket> hostile\n");
        return 1;
    }
    inplace = strcmp(argv[2], "inplace") == 0;
    hostile = strcmp(argv[2], "hostile") == 0;
    if (!hostile)
        max = (size_t)strtoul(argv[3], NULL, 10);
    sock = listen_once(argv[1]);
    if (sock < 0) {
        perror("listen");
        return 1;
    }
    status = wxl_channel_connect(&c, sock);
    if (status != WXL_CHANNEL_OK) {
        fprintf(stderr, "connect: %s (%s)\n", wxl_channel_status_name(status), c.error ? c.error : "");
        return 1;
    }
    cap = c.data_size;
    copy = (uint64_t *)malloc(cap);
    scratch = (uint64_t *)malloc(wxl_verify_scratch_words(cap) * 8 + 8);
    if (copy == NULL || scratch == NULL)
        return 1;
    while ((status = wxl_channel_recv(&c, &m, 20000)) == WXL_CHANNEL_OK) {
        const uint8_t *buf = inplace ? wxl_channel_in_place(&c, &m) : (const uint8_t *)copy;
        wxl_error err;
        if (m.seq != received) {
            fprintf(stderr, "got message %llu, expected %llu\n", (unsigned long long)m.seq, (unsigned long long)received);
            return 2;
        }
        if (!inplace && wxl_channel_copy(&c, &m, copy, cap) != WXL_CHANNEL_OK)
            return 1;
        if (logs_verify(buf, m.len, scratch, wxl_verify_scratch_words(m.len), &err) != WXL_OK) {
            if (!hostile) {
                fprintf(stderr, "message %llu: %s at %u\n", (unsigned long long)m.seq, wxl_error_name(err.code), err.offset);
                return 2;
            }
            rejected++;
        } else if (hostile) {
            sum += walk(logs_root(buf, m.len));
        } else if (check(logs_root(buf, m.len), m.seq, records_for(m.seq, max)) != 0) {
            return 2;
        }
        wxl_channel_ack(&c, &m);
        received++;
    }
    if (status != WXL_CHANNEL_CLOSED) {
        fprintf(stderr, "recv: %s (%s)\n", wxl_channel_status_name(status), c.error ? c.error : "");
        return 1;
    }
    if (received != wxl_channel_committed(&c)) {
        fprintf(stderr, "received %llu of %llu\n", (unsigned long long)received, (unsigned long long)wxl_channel_committed(&c));
        return 2;
    }
    if (hostile)
        printf("hostile %llu %llu %llx\n", (unsigned long long)(received - rejected), (unsigned long long)rejected, (unsigned long long)sum);
    else
        printf("ok %llu\n", (unsigned long long)received);
    wxl_channel_close(&c);
    free(copy);
    free(scratch);
    return 0;
}
