/*
 * wxl_channel.c: the C consumer of a wxl channel. Protocol and memory model: docs/CHANNEL.md
 * and docs/LAYOUT.md section 10; the Rust side (runtime-rs/channel) is the reference.
 *
 * Shared memory is only accessed with __atomic builtins (relaxed 8- and 4-byte loads and
 * stores, acquire/release on head and tail, seq_cst fences around the sleeping flags), never
 * with plain loads the compiler could repeat or tear, except in wxl_channel_in_place, which is
 * for trusted producers.
 */
#define _GNU_SOURCE /* memfd seals, MSG_CMSG_CLOEXEC, POLLRDHUP */

#include "wxl_channel.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "channel.h"

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif

#define HELLO_LEN 16
#define PROTOCOL_VERSION 1u
#define MAX_SLOTS (1u << 20)
#define MAX_DATA_SIZE ((uint64_t)1 << 32)
/* Never sleep longer than this: a peer that skips a wake-up costs latency, not a hang. */
#define MAX_NAP_MS 50
/* While waiting, spin this long, then yield the core between looks (as runtime-rs/channel). */
#define PURE_SPIN_NS 1000u

/* ---- shared memory: atomics only ---- */

static uint64_t load64(const uint8_t *base, size_t at, int order) {
    return __atomic_load_n((const uint64_t *)(const void *)(base + at), order);
}
static uint32_t load32(const uint8_t *base, size_t at, int order) {
    return __atomic_load_n((const uint32_t *)(const void *)(base + at), order);
}
static void store64(uint8_t *base, size_t at, uint64_t v, int order) {
    __atomic_store_n((uint64_t *)(void *)(base + at), v, order);
}
static void store32(uint8_t *base, size_t at, uint32_t v, int order) {
    __atomic_store_n((uint32_t *)(void *)(base + at), v, order);
}
static uint32_t swap32(uint8_t *base, size_t at, uint32_t v) {
    return __atomic_exchange_n((uint32_t *)(void *)(base + at), v, __ATOMIC_ACQ_REL);
}

/* Copy `words` 8-byte words from shared memory (8-aligned) with relaxed atomic loads. */
static void copy_words(uint64_t *dst, const uint8_t *src, size_t words) {
    size_t i;
    for (i = 0; i < words; i++)
        dst[i] = __atomic_load_n((const uint64_t *)(const void *)(src + 8 * i), __ATOMIC_RELAXED);
}

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int fail(wxl_channel *c, int status, const char *why) {
    c->error = why;
    return status;
}

/* ---- the socket ---- */

/* Receive the hello and exactly two descriptors (extra ones are closed). */
static int recv_hello(wxl_channel *c, uint32_t *ctl_len, int *ctl_fd, int *data_fd) {
    unsigned char bytes[HELLO_LEN];
    union {
        struct cmsghdr align;
        unsigned char buf[CMSG_SPACE(8 * sizeof(int))];
    } control;
    struct iovec iov;
    struct msghdr msg;
    struct cmsghdr *cm;
    int fds[8];
    size_t nfds = 0, i;
    ssize_t got;
    uint32_t version;

    memset(&msg, 0, sizeof msg);
    iov.iov_base = bytes;
    iov.iov_len = sizeof bytes;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof control.buf;
    do
        got = recvmsg(c->sock, &msg, MSG_CMSG_CLOEXEC);
    while (got < 0 && errno == EINTR);
    if (got < 0)
        return fail(c, WXL_CHANNEL_IO, "recvmsg");
    for (cm = CMSG_FIRSTHDR(&msg); cm != NULL; cm = CMSG_NXTHDR(&msg, cm)) {
        if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS) {
            size_t n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            for (i = 0; i < n && nfds < 8; i++)
                memcpy(&fds[nfds++], CMSG_DATA(cm) + i * sizeof(int), sizeof(int));
        }
    }
    if (got == 0 || got != HELLO_LEN || (msg.msg_flags & MSG_CTRUNC) || nfds != 2 ||
        memcmp(bytes, "WXLH", 4) != 0 || memcmp(bytes + 12, "\0\0\0\0", 4) != 0) {
        for (i = 0; i < nfds; i++)
            close(fds[i]);
        return fail(c, got == 0 ? WXL_CHANNEL_CLOSED : WXL_CHANNEL_PROTOCOL, "bad handshake");
    }
    version = (uint32_t)bytes[4] | (uint32_t)bytes[5] << 8 | (uint32_t)bytes[6] << 16 | (uint32_t)bytes[7] << 24;
    *ctl_len = (uint32_t)bytes[8] | (uint32_t)bytes[9] << 8 | (uint32_t)bytes[10] << 16 | (uint32_t)bytes[11] << 24;
    *ctl_fd = fds[0];
    *data_fd = fds[1];
    if (version != PROTOCOL_VERSION) {
        close(fds[0]);
        close(fds[1]);
        return fail(c, WXL_CHANNEL_PROTOCOL, "another protocol version");
    }
    return WXL_CHANNEL_OK;
}

/* Write one wake-up byte, never blocking; a full socket means the peer has some pending. */
static void wake(int sock) {
    static const unsigned char one = 1;
    ssize_t r;
    do
        r = send(sock, &one, 1, MSG_DONTWAIT | MSG_NOSIGNAL);
    while (r < 0 && errno == EINTR);
}

/* Read pending wake-up bytes; 1 at end of stream. */
static int drain(int sock) {
    unsigned char buf[64];
    for (;;) {
        ssize_t r = recv(sock, buf, sizeof buf, MSG_DONTWAIT);
        if (r == 0)
            return 1;
        if (r < 0)
            return errno == EINTR ? drain(sock) : (errno == ECONNRESET ? 1 : 0);
        if ((size_t)r < sizeof buf)
            return 0;
    }
}

/* Sleep until a wake-up byte, end of stream or `ms` milliseconds; 1 when the peer is gone. */
static int nap(int sock, int ms) {
    struct pollfd p;
    p.fd = sock;
    p.events = POLLIN | POLLRDHUP;
    p.revents = 0;
    if (poll(&p, 1, ms) <= 0)
        return 0;
    if ((p.revents & (POLLHUP | POLLERR)) && !(p.revents & POLLIN))
        return 1;
    return (p.revents & POLLIN) ? drain(sock) : 0;
}

/* ---- the region ---- */

/* Size of a memfd sealed with at least `needed`; -1 otherwise. */
static long long sealed_size(int fd, int needed) {
    struct stat st;
    int seals;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    seals = fcntl(fd, F_GET_SEALS);
    if (seals < 0 || (seals & needed) != needed)
        return -1;
    return (long long)st.st_size;
}

/* Verify a private copy of the control block and find the live fields. */
static int read_control(wxl_channel *c, uint32_t ctl_len) {
    size_t words = (ctl_len + 15u) / 16u * 2u;
    uint64_t *copy = (uint64_t *)malloc(words * 8);
    uint64_t *scratch = (uint64_t *)malloc(wxl_verify_scratch_words(ctl_len) * 8 + 8);
    const uint8_t *buf = (const uint8_t *)copy;
    int status = WXL_CHANNEL_OK;
    wxl_error err;
    channel_Channel root;
    channel_Ring ring;
    if (copy == NULL || scratch == NULL) {
        free(copy);
        free(scratch);
        return fail(c, WXL_CHANNEL_IO, "out of memory");
    }
    copy_words(copy, c->ctl, words);
    if (channel_verify(buf, ctl_len, scratch, wxl_verify_scratch_words(ctl_len), &err) != WXL_OK) {
        status = fail(c, WXL_CHANNEL_CONTROL, wxl_error_name(err.code));
    } else {
        root = channel_root(buf, ctl_len);
        ring = channel_Channel_ring(root);
        c->slots = channel_Channel_slot_count(root);
        c->data_size = (size_t)channel_Channel_data_size(root);
        if (channel_Channel_version(root) != PROTOCOL_VERSION)
            status = fail(c, WXL_CHANNEL_PROTOCOL, "control block of another version");
        else if (c->slots == 0 || c->slots > MAX_SLOTS || channel_Ring_len(ring) != c->slots)
            status = fail(c, WXL_CHANNEL_PROTOCOL, "ring size does not match slot_count");
        else if (c->data_size == 0 || (uint64_t)c->data_size > MAX_DATA_SIZE || c->data_size % 16 != 0)
            status = fail(c, WXL_CHANNEL_PROTOCOL, "bad data_size");
        else if (wxl_length(root.v) < channel_Channel_consumer_sleeping_OFFSET + 4)
            status = fail(c, WXL_CHANNEL_PROTOCOL, "control block from an older schema");
        else {
            size_t body = wxl_object_at(buf, root.v.obj).body;
            c->head_at = body + channel_Channel_head_OFFSET;
            c->tail_at = body + channel_Channel_tail_OFFSET;
            c->producer_sleeping_at = body + channel_Channel_producer_sleeping_OFFSET;
            c->consumer_sleeping_at = body + channel_Channel_consumer_sleeping_OFFSET;
            c->ring_at = wxl_object_at(buf, ring.v.obj).body;
        }
    }
    free(copy);
    free(scratch);
    return status;
}

int wxl_channel_connect(wxl_channel *c, int sock) {
    uint32_t ctl_len = 0;
    int ctl_fd = -1, status;
    long long ctl_size, data_size;
    void *p;

    memset(c, 0, sizeof *c);
    c->sock = sock;
    c->data_fd = -1;
    c->spin_ns = 50000;
    status = recv_hello(c, &ctl_len, &ctl_fd, &c->data_fd);
    if (status != WXL_CHANNEL_OK)
        return status;
    ctl_size = sealed_size(ctl_fd, F_SEAL_SHRINK);
    if (ctl_size < 0 || ctl_size > (1ll << 32) || ctl_len < 16 || (long long)((ctl_len + 15u) / 16u * 16u) > ctl_size) {
        close(ctl_fd);
        return fail(c, WXL_CHANNEL_PROTOCOL, "control memfd not sealed or too small");
    }
    p = mmap(NULL, (size_t)ctl_size, PROT_READ | PROT_WRITE, MAP_SHARED, ctl_fd, 0);
    close(ctl_fd);
    if (p == MAP_FAILED)
        return fail(c, WXL_CHANNEL_IO, "mmap control");
    c->ctl = (uint8_t *)p;
    c->ctl_size = (size_t)ctl_size;
    status = read_control(c, ctl_len);
    if (status != WXL_CHANNEL_OK)
        return status;
    data_size = sealed_size(c->data_fd, F_SEAL_SHRINK | F_SEAL_FUTURE_WRITE);
    if (data_size < 0 || (uint64_t)data_size < (uint64_t)c->data_size)
        return fail(c, WXL_CHANNEL_PROTOCOL, "data memfd not sealed or too small");
    p = mmap(NULL, c->data_size, PROT_READ, MAP_SHARED, c->data_fd, 0);
    if (p == MAP_FAILED)
        return fail(c, WXL_CHANNEL_IO, "mmap data");
    c->data = (const uint8_t *)p;
    c->next = load64(c->ctl, c->tail_at, __ATOMIC_ACQUIRE);
    c->head = load64(c->ctl, c->head_at, __ATOMIC_ACQUIRE);
    if (c->next > c->head)
        return fail(c, WXL_CHANNEL_PROTOCOL, "tail past head");
    return WXL_CHANNEL_OK;
}

/* Read head (unless the last value read has messages waiting: the producer's cache line is
 * then left alone): 1 when a message is waiting, 0 when not, -1 on a protocol violation. */
static int poll_head(wxl_channel *c) {
    uint64_t head;
    if (c->head > c->next)
        return 1;
    head = load64(c->ctl, c->head_at, __ATOMIC_ACQUIRE);
    if (head < c->head || head - c->next > c->slots)
        return -1;
    c->head = head;
    return head > c->next;
}

/* The checked descriptor of message `next`. */
static int take(wxl_channel *c, wxl_channel_msg *m) {
    size_t at = c->ring_at + (size_t)(c->next % c->slots) * channel_Slot_SIZE;
    m->seq = load64(c->ctl, at + channel_Slot_seq_OFFSET, __ATOMIC_RELAXED);
    m->offset = load32(c->ctl, at + channel_Slot_offset_OFFSET, __ATOMIC_RELAXED);
    m->len = load32(c->ctl, at + channel_Slot_len_OFFSET, __ATOMIC_RELAXED);
    if (m->seq != c->next)
        return fail(c, WXL_CHANNEL_PROTOCOL, "descriptor of another message");
    if (m->offset % 16 != 0 || m->len < 16 || (uint64_t)m->offset + m->len > c->data_size)
        return fail(c, WXL_CHANNEL_PROTOCOL, "descriptor outside the data region");
    return WXL_CHANNEL_OK;
}

int wxl_channel_recv(wxl_channel *c, wxl_channel_msg *m, int timeout_ms) {
    uint64_t start = now_ns();
    uint64_t deadline = timeout_ms < 0 ? UINT64_MAX : start + (uint64_t)timeout_ms * 1000000u;
    for (;;) {
        uint64_t now;
        int ready = poll_head(c);
        if (ready < 0)
            return fail(c, WXL_CHANNEL_PROTOCOL, "head moved backwards or past the ring");
        if (ready)
            return take(c, m);
        if (c->closed)
            return WXL_CHANNEL_CLOSED;
        now = now_ns();
        if (now >= deadline)
            return WXL_CHANNEL_TIMEOUT;
        if (now - start < c->spin_ns) {
            if (now - start >= PURE_SPIN_NS)
                sched_yield();
            continue;
        }
        store32(c->ctl, c->consumer_sleeping_at, 1, __ATOMIC_RELAXED);
        /* Pairs with the producer's fence between its head store and its flag load. */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        ready = poll_head(c);
        if (ready != 0) {
            store32(c->ctl, c->consumer_sleeping_at, 0, __ATOMIC_RELAXED);
            continue;
        }
        {
            uint64_t left_ms = deadline == UINT64_MAX ? MAX_NAP_MS : (deadline - now) / 1000000u + 1;
            if (nap(c->sock, (int)(left_ms < MAX_NAP_MS ? left_ms : MAX_NAP_MS)))
                c->closed = 1; /* deliver what was committed, then report CLOSED */
        }
        store32(c->ctl, c->consumer_sleeping_at, 0, __ATOMIC_RELAXED);
    }
}

size_t wxl_channel_copy_size(const wxl_channel_msg *m) { return ((size_t)m->len + 15u) / 16u * 16u; }

int wxl_channel_copy(const wxl_channel *c, const wxl_channel_msg *m, void *dst, size_t cap) {
    size_t size = wxl_channel_copy_size(m);
    /* offset and len were checked against data_size (a multiple of 16) by take(). */
    if (cap < size || ((uintptr_t)dst & 7u) != 0 || (uint64_t)m->offset + size > c->data_size)
        return WXL_CHANNEL_ARGUMENT;
    copy_words((uint64_t *)dst, c->data + m->offset, size / 8);
    return WXL_CHANNEL_OK;
}

const uint8_t *wxl_channel_in_place(const wxl_channel *c, const wxl_channel_msg *m) { return c->data + m->offset; }

void wxl_channel_ack(wxl_channel *c, const wxl_channel_msg *m) {
    c->next = m->seq + 1;
    store64(c->ctl, c->tail_at, c->next, __ATOMIC_RELEASE);
    /* Pairs with the producer's fence between its flag store and its tail load. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (load32(c->ctl, c->producer_sleeping_at, __ATOMIC_RELAXED) != 0 && swap32(c->ctl, c->producer_sleeping_at, 0) != 0)
        wake(c->sock);
}

uint64_t wxl_channel_committed(const wxl_channel *c) { return load64(c->ctl, c->head_at, __ATOMIC_ACQUIRE); }

void wxl_channel_close(wxl_channel *c) {
    if (c->data != NULL)
        munmap((void *)(uintptr_t)c->data, c->data_size);
    if (c->ctl != NULL)
        munmap(c->ctl, c->ctl_size);
    if (c->data_fd >= 0)
        close(c->data_fd);
    if (c->sock >= 0)
        close(c->sock);
    c->data = NULL;
    c->ctl = NULL;
    c->data_fd = -1;
    c->sock = -1;
}

const char *wxl_channel_status_name(int status) {
    switch (status) {
    case WXL_CHANNEL_OK: return "OK";
    case WXL_CHANNEL_CLOSED: return "CLOSED";
    case WXL_CHANNEL_TIMEOUT: return "TIMEOUT";
    case WXL_CHANNEL_PROTOCOL: return "PROTOCOL";
    case WXL_CHANNEL_IO: return "IO";
    case WXL_CHANNEL_CONTROL: return "CONTROL";
    case WXL_CHANNEL_ARGUMENT: return "ARGUMENT";
    default: return "UNKNOWN";
    }
}
