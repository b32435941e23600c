/* Helpers for the verifier tests: hand-assembled buffers, a patched zoo fixture, expect_err. */
#ifndef WXL_TEST_VERIFY_UTIL_H
#define WXL_TEST_VERIFY_UTIL_H

#include <stdlib.h>

#include "check.h"
#include "zoo_build.h"

/* A schema with no types and no root: only strings and bytes, any object may be the root. */
static const wxl_schema bare_schema = {.has_root = 0};

/* ---- hand-assembled buffers ---- */

typedef struct hb {
    uint8_t b[512];
    uint32_t len;
} hb;

/* A valid header: magic, version 1, flags 0, identifier (NULL: zeros), root 0. */
static inline void hb_init(hb *h, const char *identifier) {
    memset(h, 0, sizeof *h);
    memcpy(h->b, "WXL", 4);
    h->b[4] = 1;
    if (identifier != NULL)
        memcpy(h->b + 8, identifier, 4);
    h->len = 16;
}

static inline uint32_t hb_word(hb *h, uint32_t w) {
    uint32_t at = h->len;
    wxl_store_u32(h->b + at, w);
    h->len += 4;
    return at;
}

/* Appends n bytes, then zeros up to a multiple of 4. */
static inline void hb_bytes(hb *h, const void *p, uint32_t n) {
    memcpy(h->b + h->len, p, n);
    h->len += (n + 3) & ~3u;
}

/* A string object; returns its offset. */
static inline uint32_t hb_string(hb *h, const char *s) {
    uint32_t n = (uint32_t)strlen(s), at = hb_word(h, WXL_TYPE_ID_STRING | n << 16);
    hb_bytes(h, s, n);
    return at;
}

static inline void hb_root(hb *h, uint32_t root) { wxl_store_u32(h->b + 12, root); }

/* ---- verification ---- */

static uint64_t g_scratch[1u << 12];

static inline int verify_opts(const uint8_t *buf, size_t len, const wxl_schema *s,
                              const wxl_verify_options *opts, wxl_error *err) {
    return wxl_verify(buf, len, s, opts, g_scratch, sizeof g_scratch / sizeof g_scratch[0], err);
}

/* Checks that verifying gives `code` at `offset` (both the return value and *err). */
#define EXPECT_ERR(buf, len, schema, opts, code, offset)                                       \
    expect_err_((buf), (len), (schema), (opts), (code), (offset), __FILE__, __LINE__)

static inline void expect_err_(const uint8_t *buf, size_t len, const wxl_schema *s,
                               const wxl_verify_options *opts, int code, uint32_t offset,
                               const char *file, int line) {
    wxl_error e;
    int rc = verify_opts(buf, len, s, opts, &e);
    g_checks++;
    if (rc != code || e.code != code || (code != WXL_OK && e.offset != offset)) {
        g_failures++;
        fprintf(stderr, "%s:%d: expected %s at %u, got %s (returned %s) at %u\n", file, line,
                wxl_error_name(code), offset, wxl_error_name(e.code), wxl_error_name(rc),
                e.offset);
    }
}

#define EXPECT_OK(buf, len, schema, opts) EXPECT_ERR(buf, len, schema, opts, WXL_OK, 0)

/* ---- the zoo fixture: a valid buffer in z_buf, patched per test ---- */

static uint8_t z_buf[2048];
static size_t z_len;
static zoo_offsets z;

/* Rebuilds the pristine zoo buffer into z_buf. */
static inline void zoo_fresh(void) {
    wxl_builder b;
    const uint8_t *out;
    wxl_builder_init(&b, (const uint8_t *)"ZOO1");
    if (zoo_build(&b, &z, &out, &z_len) != WXL_OK || z_len > sizeof z_buf) {
        fprintf(stderr, "zoo_build failed\n");
        exit(2);
    }
    memcpy(z_buf, out, z_len);
    wxl_builder_free(&b);
}

/* Body offset of the short-form object at `obj`. */
static inline uint32_t body_of(uint32_t obj) { return obj + 4; }

/* Writes a u32 into the fixture and verifies it against zoo, expecting code at offset. */
#define ZOO_PATCH32(at, value, code, offset)                                                   \
    do {                                                                                       \
        zoo_fresh();                                                                           \
        wxl_store_u32(z_buf + (at), (value));                                                  \
        EXPECT_ERR(z_buf, z_len, &zoo_schema, NULL, (code), (offset));                         \
    } while (0)

#define ZOO_PATCH8(at, value, code, offset)                                                    \
    do {                                                                                       \
        zoo_fresh();                                                                           \
        z_buf[(at)] = (uint8_t)(value);                                                        \
        EXPECT_ERR(z_buf, z_len, &zoo_schema, NULL, (code), (offset));                         \
    } while (0)

#endif
