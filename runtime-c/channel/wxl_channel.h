/*
 * wxl_channel.h: the consumer end of a wxl channel in C99 (POSIX, Linux).
 *
 * The producer (runtime-rs/channel, crate wxl-channel) hands over two sealed memfds over a
 * Unix socket: a control block (a wxl buffer of runtime-rs/channel/schemas/channel.wxl, read
 * with the generated channel.h) and a data region holding the messages. docs/CHANNEL.md is the
 * guide, docs/LAYOUT.md section 10 the memory model.
 *
 *   wxl_channel c;
 *   if (wxl_channel_connect(&c, sock) != WXL_CHANNEL_OK) ...
 *   wxl_channel_msg m;
 *   while (wxl_channel_recv(&c, &m, -1) == WXL_CHANNEL_OK) {
 *       wxl_channel_copy(&c, &m, buf, cap);        // private copy: safe against any producer
 *       logs_verify(buf, m.len, ...); ... generated accessors on buf ...
 *       wxl_channel_ack(&c, &m);                   // the producer may reuse the memory
 *   }                                              // WXL_CHANNEL_CLOSED: producer gone, drained
 *
 * The producer can still write a message after it was received. wxl_channel_copy reads it with
 * 8-byte atomic loads into memory of the caller's: verify that copy, then read it with the
 * generated accessors (which trust a verified buffer). wxl_channel_in_place skips the copy, for
 * producers you trust not to rewrite unacknowledged messages: the accessors do no bounds checks
 * beyond field presence, so a rewrite after verification could send them out of bounds.
 *
 * Not thread-safe: one thread per wxl_channel.
 */
#ifndef WXL_CHANNEL_H
#define WXL_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    WXL_CHANNEL_OK = 0,
    /* The producer closed the socket or died, and every message it committed was received. */
    WXL_CHANNEL_CLOSED = 1,
    /* Nothing arrived in time. */
    WXL_CHANNEL_TIMEOUT = 2,
    /* The producer broke the protocol (bad handshake, unsealed memory, a descriptor outside the
     * data region, a counter moving backwards): close the channel. */
    WXL_CHANNEL_PROTOCOL = 3,
    /* A system call failed (errno tells). */
    WXL_CHANNEL_IO = 4,
    /* The control block does not verify. */
    WXL_CHANNEL_CONTROL = 5,
    /* The caller's buffer is too small or misaligned. */
    WXL_CHANNEL_ARGUMENT = 6
};

typedef struct wxl_channel {
    int sock;
    int data_fd;
    uint8_t *ctl;           /* control memfd, mapped read-write (atomics only) */
    size_t ctl_size;
    const uint8_t *data;    /* data memfd, mapped read-only */
    size_t data_size;
    uint32_t slots;
    size_t head_at, tail_at, producer_sleeping_at, consumer_sleeping_at, ring_at;
    uint64_t next;          /* next sequence number to deliver (= acknowledged) */
    uint64_t head;          /* head as last read */
    int closed;             /* socket at end of stream */
    uint32_t spin_ns;       /* how long recv polls memory before it sleeps */
    const char *error;      /* what went wrong, for messages */
} wxl_channel;

/* A received message: seq, and where it lies in the data region. */
typedef struct wxl_channel_msg {
    uint64_t seq;
    uint32_t offset;
    uint32_t len;
} wxl_channel_msg;

/* Receive the region over `sock` (the channel owns it from now on), check its seals, map it,
 * verify a copy of the control block, and start at the last acknowledged message. On failure
 * c->error says why; wxl_channel_close(c) releases what was acquired (the socket included). */
int wxl_channel_connect(wxl_channel *c, int sock);

/* The next message; timeout_ms < 0 waits as long as it takes. */
int wxl_channel_recv(wxl_channel *c, wxl_channel_msg *m, int timeout_ms);

/* Copy message m into dst (8-aligned, at least wxl_channel_copy_size(m) bytes) with atomic
 * loads: a producer writing meanwhile makes the copy stale or torn, never undefined. */
size_t wxl_channel_copy_size(const wxl_channel_msg *m);
int wxl_channel_copy(const wxl_channel *c, const wxl_channel_msg *m, void *dst, size_t cap);

/* The message where it lies (trusted producers only, see above). */
const uint8_t *wxl_channel_in_place(const wxl_channel *c, const wxl_channel_msg *m);

/* Acknowledge m (and everything before it): the producer may reuse its memory. */
void wxl_channel_ack(wxl_channel *c, const wxl_channel_msg *m);

/* Messages committed so far (read now). */
uint64_t wxl_channel_committed(const wxl_channel *c);

/* Unmap, close. */
void wxl_channel_close(wxl_channel *c);

const char *wxl_channel_status_name(int status);

#ifdef __cplusplus
}
#endif

#endif /* WXL_CHANNEL_H */
