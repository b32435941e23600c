/* Verifier: header, items and object-level rules (codes 1..12, 20, 21), their offsets and
 * their order. Field and reference checks are in test_verify_checks.c. */
#include "verify_util.h"

static void valid_buffers_pass(void) {
    static const wxl_verify_options ident = {(const uint8_t *)"ZOO1", 0};
    zoo_fresh();
    EXPECT_OK(z_buf, z_len, &zoo_schema, NULL);
    EXPECT_OK(z_buf, z_len, &zoo_schema, &ident);
    CHECK(wxl_verify(z_buf, z_len, &zoo_schema, NULL, g_scratch, 4096, NULL) == WXL_OK);
}

static void header_lengths(void) {
    uint8_t small[20] = {0};
    hb h;
    EXPECT_ERR(NULL, 0, &zoo_schema, NULL, WXL_ERR_BUFFER_TOO_SHORT, 0);
    EXPECT_ERR(small, 12, &zoo_schema, NULL, WXL_ERR_BUFFER_TOO_SHORT, 0);
    EXPECT_ERR(small, 13, &zoo_schema, NULL, WXL_ERR_BUFFER_TOO_SHORT, 0); /* before % 4 */
    EXPECT_ERR(small, 18, &zoo_schema, NULL, WXL_ERR_LENGTH_NOT_MULTIPLE_OF_4, 0);
    /* The length checks come before any read: a huge length over a small buffer is safe. */
    EXPECT_ERR(small, (size_t)0xFFFFFFFDu, &zoo_schema, NULL, WXL_ERR_BUFFER_TOO_LONG, 0);
    EXPECT_ERR(small, (size_t)0xFFFFFFFFu, &zoo_schema, NULL, WXL_ERR_BUFFER_TOO_LONG, 0);
    hb_init(&h, NULL);
    EXPECT_ERR(h.b, 16, &bare_schema, NULL, WXL_ERR_ROOT_INVALID, 12); /* no objects */
}

static void header_fields(void) {
    static const wxl_verify_options want = {(const uint8_t *)"ZOO2", 0};
    uint32_t i;
    hb h;
    for (i = 0; i < 4; i++) {
        hb_init(&h, NULL);
        h.b[i] ^= 0x20;
        h.b[4] = 7; /* also a bad version: the magic is reported first */
        EXPECT_ERR(h.b, 16, &bare_schema, NULL, WXL_ERR_BAD_MAGIC, 0);
    }
    hb_init(&h, NULL);
    h.b[4] = 0;
    EXPECT_ERR(h.b, 16, &bare_schema, NULL, WXL_ERR_BAD_VERSION, 4);
    h.b[4] = 1, h.b[5] = 1; /* version 0x0101 */
    EXPECT_ERR(h.b, 16, &bare_schema, NULL, WXL_ERR_BAD_VERSION, 4);
    h.b[5] = 0, h.b[7] = 0x80;
    EXPECT_ERR(h.b, 16, &bare_schema, NULL, WXL_ERR_BAD_FLAGS, 6);
    h.b[7] = 0, h.b[6] = 1;
    EXPECT_ERR(h.b, 16, &bare_schema, NULL, WXL_ERR_BAD_FLAGS, 6);
    zoo_fresh();
    EXPECT_ERR(z_buf, z_len, &zoo_schema, &want, WXL_ERR_WRONG_IDENTIFIER, 8);
    z_buf[8] = 'X'; /* no identifier asked for: not checked */
    EXPECT_OK(z_buf, z_len, &zoo_schema, NULL);
}

static void padding_runs(void) {
    hb h;
    uint32_t s;
    hb_init(&h, NULL);
    hb_word(&h, 0), hb_word(&h, 0), hb_word(&h, 0);
    s = hb_string(&h, "a");
    hb_root(&h, s);
    EXPECT_OK(h.b, h.len, &bare_schema, NULL); /* three words: allowed */
    hb_init(&h, NULL);
    hb_word(&h, 0), hb_word(&h, 0), hb_word(&h, 0), hb_word(&h, 0);
    hb_root(&h, hb_string(&h, "a"));
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_BAD_PADDING, 28); /* the fourth */
}

static void padding_at_end(void) {
    hb h;
    uint32_t i;
    for (i = 1; i <= 3; i++) {
        uint32_t k;
        hb_init(&h, NULL);
        hb_root(&h, hb_string(&h, "abcd"));
        for (k = 0; k < i; k++)
            hb_word(&h, 0);
        EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_BAD_PADDING, h.len - 4);
    }
    hb_init(&h, NULL);
    hb_root(&h, hb_string(&h, "abcd"));
    for (i = 0; i < 5; i++)
        hb_word(&h, 0);
    /* A run of five ending the buffer: the fourth word comes first in pass order. */
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_BAD_PADDING, h.len - 8);
}

static void tail_padding(void) {
    hb h;
    uint32_t s;
    hb_init(&h, NULL);
    s = hb_string(&h, "abc");
    hb_root(&h, s);
    h.b[s + 4 + 3] = 'x';
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_BAD_PADDING, s + 7);
    hb_init(&h, NULL);
    s = hb_string(&h, "a");
    hb_root(&h, s);
    h.b[s + 7] = 1, h.b[s + 6] = 1; /* the first nonzero byte is reported */
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_BAD_PADDING, s + 6);
    h.b[s + 5] = 0xC0; /* tail padding is checked before the body's UTF-8 */
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_BAD_PADDING, s + 5);
}

static void unknown_types(void) {
    static const uint32_t ids[] = {0, 3, 15, 0xFFFF, ZOO_UNUSED, ZOO_V128S + 1, 0x1234};
    uint32_t i;
    hb h;
    for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        hb_init(&h, NULL);
        hb_word(&h, 0);
        hb_word(&h, ids[i] | 1u << 16); /* nonzero even for id 0: not padding */
        hb_word(&h, 0x01010101);
        EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_UNKNOWN_TYPE, 20);
    }
    hb_init(&h, NULL);
    hb_word(&h, ZOO_SHAPE | 8u << 16);
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_UNKNOWN_TYPE, 16);
    /* An unknown type wins over everything later in the same object. */
    hb_init(&h, NULL);
    hb_word(&h, ZOO_UNUSED | 0xFFFFu << 16);
    hb_word(&h, 3);
    EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_UNKNOWN_TYPE, 16);
}

static void long_lengths(void) {
    hb h;
    hb_init(&h, NULL);
    hb_word(&h, WXL_TYPE_ID_STRING | 0xFFFFu << 16);
    hb_word(&h, 0xFFFE);
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_NON_CANONICAL_LENGTH, 20);
    hb_init(&h, NULL);
    hb_word(&h, WXL_TYPE_ID_BYTES | 0xFFFFu << 16);
    hb_word(&h, 0);
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_NON_CANONICAL_LENGTH, 20);
    /* Canonical but too long for the buffer. */
    hb_init(&h, NULL);
    hb_word(&h, WXL_TYPE_ID_BYTES | 0xFFFFu << 16);
    hb_word(&h, 0xFFFF);
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_OBJECT_OUT_OF_BOUNDS, 16);
}

/* A long-form tag in the last word has no length word: out of bounds, after alignment. */
static void long_length_missing(void) {
    hb h;
    hb_init(&h, NULL);
    hb_word(&h, WXL_TYPE_ID_STRING | 0xFFFFu << 16);
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_OBJECT_OUT_OF_BOUNDS, 16);
    hb_init(&h, NULL);
    hb_word(&h, 0);
    hb_word(&h, ZOO_DOUBLES | 0xFFFFu << 16); /* body would be at 28: misaligned for 8 */
    EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_MISALIGNED_BODY, 20);
    hb_init(&h, NULL);
    hb_word(&h, ZOO_DOUBLES | 0xFFFFu << 16); /* body would be at 24: aligned */
    EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_OBJECT_OUT_OF_BOUNDS, 16);
}

static void misaligned_bodies(void) {
    hb h;
    uint32_t at;
    hb_init(&h, NULL);
    hb_word(&h, ZOO_DOUBLES); /* empty array of f64, body at 20 */
    EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_MISALIGNED_BODY, 16);
    hb_init(&h, NULL);
    hb_word(&h, 0);
    at = hb_word(&h, ZOO_V128S); /* body at 24: 8- but not 16-aligned */
    EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_MISALIGNED_BODY, at);
    hb_init(&h, NULL);
    hb_word(&h, ZOO_CIRCLE | 100u << 16); /* misaligned and out of bounds: alignment first */
    EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_MISALIGNED_BODY, 16);
    hb_init(&h, NULL);
    hb_word(&h, 0), hb_word(&h, 0), hb_word(&h, 0);
    hb_root(&h, hb_word(&h, ZOO_V128S)); /* body at 32 */
    EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_ROOT_INVALID, 12);
}

static void out_of_bounds(void) {
    hb h;
    hb_init(&h, NULL);
    hb_word(&h, WXL_TYPE_ID_STRING | 5u << 16);
    hb_word(&h, 0x61616161); /* 4 of the 5 bytes */
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_OBJECT_OUT_OF_BOUNDS, 16);
    /* 0x20000000 * 8 = 2^32: zero in 32-bit arithmetic, caught in 64-bit. */
    hb_init(&h, NULL);
    hb_word(&h, ZOO_DOUBLES | 0xFFFFu << 16);
    hb_word(&h, 0x20000000);
    EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_OBJECT_OUT_OF_BOUNDS, 16);
    hb_init(&h, NULL);
    hb_word(&h, WXL_TYPE_ID_BYTES | 0xFFFFu << 16);
    hb_word(&h, 0xFFFFFFFFu);
    EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_OBJECT_OUT_OF_BOUNDS, 16);
    hb_init(&h, NULL);
    hb_word(&h, ZOO_SHAPE | 12u << 16); /* stored size past the end */
    hb_word(&h, 1), hb_word(&h, 0);
    EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_OBJECT_OUT_OF_BOUNDS, 16);
}

static void utf8_in_strings(void) {
    static const char *bad[] = {"\xC0\x80", "abcdefghijklmnopqrstuvwxyz\xFF", "\xED\xA0\x80",
                                "ok\xF4\x90\x80\x80", "\xE2\x82"};
    uint32_t i, s;
    hb h;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        hb_init(&h, NULL);
        hb_word(&h, 0);
        s = hb_string(&h, bad[i]);
        hb_root(&h, s);
        EXPECT_ERR(h.b, h.len, &bare_schema, NULL, WXL_ERR_INVALID_UTF8, s + 4); /* body */
    }
    hb_init(&h, NULL);
    hb_root(&h, hb_string(&h, "\xF4\x8F\xBF\xBF \xE2\x97\x8B \xC2\x80"));
    EXPECT_OK(h.b, h.len, &bare_schema, NULL);
    hb_init(&h, NULL);
    hb_word(&h, WXL_TYPE_ID_BYTES | 2u << 16);
    hb_word(&h, 0xFFC0);
    hb_root(&h, 16);
    EXPECT_OK(h.b, h.len, &bare_schema, NULL); /* bytes: no UTF-8 check */
}

static void root_rules(void) {
    static const uint32_t bad_roots[] = {0, 1, 2, 4, 8, 12, 20, 0x7FFFFFFCu, 0xFFFFFFFFu};
    static const wxl_verify_options as_item = {NULL, ZOO_ITEM};
    static const wxl_verify_options as_shape = {NULL, ZOO_SHAPE};
    static const wxl_verify_options as_circle = {NULL, ZOO_CIRCLE};
    uint32_t i;
    for (i = 0; i < sizeof bad_roots / sizeof bad_roots[0]; i++)
        ZOO_PATCH32(12, bad_roots[i], WXL_ERR_ROOT_INVALID, 12);
    ZOO_PATCH32(12, z.item0, WXL_ERR_ROOT_INVALID, 12); /* not a Zoo */
    ZOO_PATCH32(12, z.zoo + 4, WXL_ERR_ROOT_INVALID, 12); /* inside the body */
    ZOO_PATCH32(12, (uint32_t)z_len, WXL_ERR_ROOT_INVALID, 12);
    wxl_store_u32(z_buf + 12, z.item0);
    EXPECT_OK(z_buf, z_len, &zoo_schema, &as_item);
    wxl_store_u32(z_buf + 12, z.circle);
    EXPECT_OK(z_buf, z_len, &zoo_schema, &as_shape); /* a subtype */
    EXPECT_ERR(z_buf, z_len, &zoo_schema, &as_circle, WXL_OK, 0);
    wxl_store_u32(z_buf + 12, z.shape);
    EXPECT_ERR(z_buf, z_len, &zoo_schema, &as_circle, WXL_ERR_ROOT_INVALID, 12); /* supertype */
    wxl_store_u32(z_buf + 12, z.name_a);
    EXPECT_ERR(z_buf, z_len, &zoo_schema, &as_shape, WXL_ERR_ROOT_INVALID, 12);
}

/* Items are checked front to back: the first broken object wins, and objects before root. */
static void first_error_wins(void) {
    zoo_fresh();
    z_buf[body_of(z.item1)] = 9;     /* INVALID_BOOL in the later object */
    z_buf[body_of(z.item0) + 1] = 9; /* INVALID_ENUM in the earlier one */
    wxl_store_u32(z_buf + 12, 0);
    EXPECT_ERR(z_buf, z_len, &zoo_schema, NULL, WXL_ERR_INVALID_ENUM, body_of(z.item0) + 1);
    z_buf[body_of(z.item0)] = 2; /* lower offset in the same struct */
    EXPECT_ERR(z_buf, z_len, &zoo_schema, NULL, WXL_ERR_INVALID_BOOL, body_of(z.item0));
}

static void scratch_handling(void) {
    size_t need;
    wxl_error e;
    zoo_fresh();
    need = wxl_verify_scratch_words(z_len);
    CHECK_EQ(need, (z_len / 4 + 63) / 64);
    CHECK_EQ(wxl_verify_scratch_words(16), 1);
    CHECK_EQ(wxl_verify_scratch_words(1024), 4);
    CHECK_EQ(wxl_verify_scratch_words(1028), 5);
    CHECK(wxl_verify(z_buf, z_len, &zoo_schema, NULL, g_scratch, need - 1, &e) ==
          WXL_ERR_SCRATCH_TOO_SMALL);
    CHECK_EQ(e.code, WXL_ERR_SCRATCH_TOO_SMALL);
    memset(g_scratch, 0xFF, sizeof g_scratch); /* stale bits must not count as tag words */
    CHECK(wxl_verify(z_buf, z_len, &zoo_schema, NULL, g_scratch, need, &e) == WXL_OK);
    memset(g_scratch, 0xFF, sizeof g_scratch);
    ZOO_PATCH32(body_of(z.item0) + 4, z.circle + 4, WXL_ERR_REF_NOT_OBJECT_START,
                body_of(z.item0) + 4);
    /* Header errors need no scratch at all. */
    CHECK(wxl_verify(z_buf, 8, &zoo_schema, NULL, NULL, 0, &e) == WXL_ERR_BUFFER_TOO_SHORT);
}

static void long_string_roundtrip(void) {
    size_t n = 0x10003, len;
    char *s = (char *)malloc(n);
    uint64_t *scratch;
    const uint8_t *out;
    wxl_builder b;
    uint32_t at;
    wxl_error e;
    memset(s, 'a', n);
    wxl_builder_init(&b, NULL);
    at = wxl_builder_string(&b, s, n);
    CHECK(wxl_builder_finish(&b, at, &out, &len) == WXL_OK);
    CHECK_EQ(wxl_load_u32(out + at), WXL_TYPE_ID_STRING | 0xFFFF0000u);
    CHECK_EQ(wxl_load_u32(out + at + 4), n);
    scratch = (uint64_t *)calloc(wxl_verify_scratch_words(len), 8);
    CHECK(wxl_verify(out, len, &bare_schema, NULL, scratch, wxl_verify_scratch_words(len), &e) ==
          WXL_OK);
    free(scratch);
    free(s);
    wxl_builder_free(&b);
}

static void error_names(void) {
    CHECK(strcmp(wxl_error_name(WXL_OK), "OK") == 0);
    CHECK(strcmp(wxl_error_name(1), "BUFFER_TOO_SHORT") == 0);
    CHECK(strcmp(wxl_error_name(3), "LENGTH_NOT_MULTIPLE_OF_4") == 0);
    CHECK(strcmp(wxl_error_name(8), "BAD_PADDING") == 0);
    CHECK(strcmp(wxl_error_name(12), "OBJECT_OUT_OF_BOUNDS") == 0);
    CHECK(strcmp(wxl_error_name(17), "REF_NOT_OBJECT_START") == 0);
    CHECK(strcmp(wxl_error_name(19), "REQUIRED_FIELD_ABSENT") == 0);
    CHECK(strcmp(wxl_error_name(21), "ROOT_INVALID") == 0);
    CHECK(strcmp(wxl_error_name(WXL_ERR_SCRATCH_TOO_SMALL), "SCRATCH_TOO_SMALL") == 0);
    CHECK(strcmp(wxl_error_name(WXL_ERR_FIELD_ABSENT), "FIELD_ABSENT") == 0);
    CHECK(strcmp(wxl_error_name(22), "UNKNOWN_ERROR") == 0);
    CHECK(strcmp(wxl_error_name(-1), "UNKNOWN_ERROR") == 0);
    CHECK(strcmp(wxl_error_name(69), "UNKNOWN_ERROR") == 0);
}

int main(void) {
    RUN(valid_buffers_pass);
    RUN(header_lengths);
    RUN(header_fields);
    RUN(padding_runs);
    RUN(padding_at_end);
    RUN(tail_padding);
    RUN(unknown_types);
    RUN(long_lengths);
    RUN(long_length_missing);
    RUN(misaligned_bodies);
    RUN(out_of_bounds);
    RUN(utf8_in_strings);
    RUN(root_rules);
    RUN(first_error_wins);
    RUN(scratch_handling);
    RUN(long_string_roundtrip);
    RUN(error_names);
    return test_summary("test_verify");
}
