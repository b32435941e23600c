/* Builder: exact bytes, minimal padding, long lengths, fixed buffers, errors, round trips. */
#include "verify_util.h"

static int verify_len(const uint8_t *buf, size_t len, const wxl_schema *s) {
    uint64_t *scratch = (uint64_t *)malloc(wxl_verify_scratch_words(len) * 8 + 8);
    wxl_error e;
    int rc = wxl_verify(buf, len, s, NULL, scratch, wxl_verify_scratch_words(len), &e);
    if (rc != WXL_OK)
        fprintf(stderr, "verify: %s at %u\n", wxl_error_name(rc), e.offset);
    free(scratch);
    return rc;
}

/* The bytes LAYOUT.md prescribes for: string "hi"; struct 16 (align 8, size 12) { 7, ref,
 * 9 }; array 28 of one v128 (align 16); root = the struct. */
static void golden_bytes(void) {
    static const uint8_t want[] = {
        0x57, 0x58, 0x4C, 0x00, 0x01, 0x00, 0x00, 0x00, 'T', 'E', 'S', 'T', 0x1C, 0, 0, 0,
        0x01, 0x00, 0x02, 0x00, 'h', 'i', 0x00, 0x00, /* string at 16 */
        0x00, 0x00, 0x00, 0x00,                       /* padding: the body must be 8-aligned */
        0x10, 0x00, 0x0C, 0x00, 7, 0, 0, 0, 16, 0, 0, 0, 9, 0, 0, 0, /* struct at 28 */
        0x1C, 0x00, 0x01, 0x00, /* array at 44: body at 48 is 16-aligned, no padding */
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    };
    static const uint8_t lanes[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    wxl_builder b;
    const uint8_t *out;
    size_t len;
    uint32_t s, st, arr;
    wxl_builder_init(&b, (const uint8_t *)"TEST");
    s = wxl_builder_string(&b, "hi", 2);
    wxl_builder_struct_begin(&b, 16, 8, 12);
    wxl_builder_set_u32(&b, 0, 7);
    wxl_builder_set_ref(&b, 4, s);
    wxl_builder_set_u32(&b, 8, 9);
    st = wxl_builder_end(&b);
    arr = wxl_builder_scalars(&b, 28, 16, 16, lanes, 1);
    CHECK(wxl_builder_finish(&b, st, &out, &len) == WXL_OK);
    CHECK_EQ(s, 16);
    CHECK_EQ(st, 28);
    CHECK_EQ(arr, 44);
    CHECK_EQ(len, sizeof want);
    CHECK(len == sizeof want && memcmp(out, want, len) == 0);
    CHECK_EQ(((uintptr_t)out) % 16, 0);
    wxl_builder_free(&b);
}

/* For every start position mod 16 and every alignment: the fewest padding words. */
static void minimal_padding(void) {
    static const uint32_t aligns[] = {4, 8, 16};
    uint32_t a, pre, header;
    for (a = 0; a < 3; a++) {
        for (pre = 0; pre < 4; pre++) {
            for (header = 4; header <= 8; header += 4) {
                wxl_builder b;
                uint32_t count = header == 4 ? 3 : 0xFFFF, at, pad, k;
                size_t before;
                wxl_builder_init(&b, NULL);
                if (pre > 0)
                    wxl_builder_bytes(&b, "xxxxxxxx", 4 * pre - 4); /* 16 + 4 * pre */
                before = b.len;
                at = wxl_builder_array_begin(&b, 16, aligns[a], 1, count) == WXL_OK ? b.open_obj : 0;
                wxl_builder_end(&b);
                pad = at - (uint32_t)before;
                CHECK((at + header) % aligns[a] == 0);
                CHECK(pad < aligns[a] && pad % 4 == 0);
                CHECK_EQ(pad, (aligns[a] - (before + header) % aligns[a]) % aligns[a]);
                for (k = (uint32_t)before; k < at; k++)
                    CHECK_EQ(b.data[k], 0);
                CHECK_EQ(wxl_load_u32(b.data + at) >> 16, header == 4 ? count : 0xFFFF);
                wxl_builder_free(&b);
            }
        }
    }
}

static void long_lengths(void) {
    wxl_builder b;
    const uint8_t *out;
    size_t len;
    uint32_t short_at, long_at, st;
    wxl_builder_init(&b, NULL);
    wxl_builder_array_begin(&b, ZOO_FLAGS, 4, 1, 0xFFFE);
    short_at = wxl_builder_end(&b);
    wxl_builder_array_begin(&b, ZOO_FLAGS, 4, 1, 0xFFFF);
    long_at = wxl_builder_end(&b);
    wxl_builder_struct_begin(&b, ZOO_SHAPE, 4, 0x10000);
    wxl_builder_set_u32(&b, 0xFFFC, 5);
    st = wxl_builder_end(&b);
    CHECK(wxl_builder_finish(&b, st, &out, &len) == WXL_OK);
    CHECK_EQ(wxl_load_u32(out + short_at), ZOO_FLAGS | 0xFFFEu << 16);
    CHECK_EQ(long_at, short_at + 4 + 0x10000); /* 0xFFFE bytes + 2 of tail padding */
    CHECK_EQ(wxl_load_u32(out + long_at), ZOO_FLAGS | 0xFFFFu << 16);
    CHECK_EQ(wxl_load_u32(out + long_at + 4), 0xFFFF);
    CHECK_EQ(st, long_at + 8 + 0x10000);
    CHECK_EQ(wxl_load_u32(out + st + 4), 0x10000);
    CHECK_EQ(wxl_get_u32(wxl_view_at(wxl_root(out, len), st), 0xFFFC, 0), 5);
    CHECK_EQ(len, st + 8 + 0x10000);
    wxl_builder_free(&b);
}

/* The same calls into a fixed buffer give the same bytes; too small a buffer is an error. */
static void fixed_buffers(void) {
    static uint8_t mem[4096];
    wxl_builder g, f;
    const uint8_t *a, *c;
    size_t alen, clen;
    zoo_offsets o;
    wxl_builder_init(&g, (const uint8_t *)"ZOO1");
    CHECK(zoo_build(&g, &o, &a, &alen) == WXL_OK);
    wxl_builder_init_fixed(&f, mem, sizeof mem, (const uint8_t *)"ZOO1");
    CHECK(zoo_build(&f, &o, &c, &clen) == WXL_OK);
    CHECK(c == mem && clen == alen && memcmp(a, c, alen) == 0);
    wxl_builder_init_fixed(&f, mem, alen - 4, (const uint8_t *)"ZOO1");
    CHECK(zoo_build(&f, &o, &c, &clen) == WXL_ERR_BUFFER_FULL);
    wxl_builder_init_fixed(&f, mem, 12, NULL);
    CHECK(wxl_builder_error(&f) == WXL_ERR_BUFFER_FULL);
    CHECK_EQ(wxl_builder_string(&f, "a", 1), 0);
    wxl_builder_init_fixed(&f, NULL, 100, NULL);
    CHECK(wxl_builder_error(&f) == WXL_ERR_BUILDER_MISUSE);
    wxl_builder_free(&g);
}

/* Each misuse sets BUILDER_MISUSE; the first error sticks and later calls return 0. */
static int misuse_case(int which) {
    wxl_builder b;
    const uint8_t *out;
    size_t len;
    uint32_t s;
    int rc;
    wxl_builder_init(&b, NULL);
    s = wxl_builder_string(&b, "s", 1);
    switch (which) {
    case 0: wxl_builder_struct_begin(&b, 16, 4, 4); wxl_builder_struct_begin(&b, 16, 4, 4); break;
    case 1: wxl_builder_end(&b); break;
    case 2: wxl_builder_set_u32(&b, 0, 1); break;
    case 3: wxl_builder_struct_begin(&b, 16, 4, 4); wxl_builder_set_u16(&b, 3, 1); break;
    case 4: wxl_builder_struct_begin(&b, 16, 2, 4); break;
    case 5: wxl_builder_struct_begin(&b, 16, 32, 4); break;
    case 6: wxl_builder_struct_begin(&b, 0, 4, 4); break;
    case 7: wxl_builder_struct_begin(&b, 0xFFFF, 4, 4); break;
    case 8: wxl_builder_struct_begin(&b, 16, 4, 4); s = 0; break; /* finish while open */
    case 9: s = 0; break;
    case 10: s = 18; break;
    case 11: s = 1000; break;
    case 12: wxl_builder_scalars(&b, 16, 4, 3, "abc", 1); break;
    case 13: wxl_builder_struct_begin(&b, 16, 4, 4); wxl_builder_string(&b, "t", 1); break;
    default: wxl_builder_array_begin(&b, 16, 4, 8, 2); wxl_builder_set_raw(&b, 12, "12345", 5);
    }
    if (which == 8)
        s = 16;
    CHECK_EQ(wxl_builder_string(&b, "later", 5) != 0, wxl_builder_error(&b) == WXL_OK &&
                                                        b.open_obj == 0);
    rc = wxl_builder_finish(&b, s, &out, &len);
    wxl_builder_free(&b);
    return rc;
}

static void misuse(void) {
    int i;
    for (i = 0; i <= 14; i++) {
        int rc = misuse_case(i);
        if (rc != WXL_ERR_BUILDER_MISUSE)
            fprintf(stderr, "misuse case %d: %s\n", i, wxl_error_name(rc));
        CHECK_EQ(rc, WXL_ERR_BUILDER_MISUSE);
    }
}

static void invalid_utf8_and_reset(void) {
    wxl_builder b;
    const uint8_t *out;
    size_t len, first_len;
    uint8_t first[64];
    uint32_t s;
    wxl_builder_init(&b, NULL);
    CHECK_EQ(wxl_builder_string(&b, "\xED\xA0\x80", 3), 0);
    CHECK_EQ(wxl_builder_bytes(&b, "ok", 2), 0); /* sticky */
    CHECK(wxl_builder_finish(&b, 16, &out, &len) == WXL_ERR_INVALID_UTF8);
    wxl_builder_reset(&b);
    s = wxl_builder_string(&b, "\xC3\xA9t\xC3\xA9", 5);
    CHECK(wxl_builder_finish(&b, s, &out, &len) == WXL_OK);
    CHECK(len <= sizeof first);
    first_len = len;
    memcpy(first, out, len);
    wxl_builder_reset(&b);
    s = wxl_builder_string(&b, "\xC3\xA9t\xC3\xA9", 5);
    CHECK(wxl_builder_finish(&b, s, &out, &len) == WXL_OK);
    CHECK(len == first_len && memcmp(out, first, len) == 0);
    CHECK(verify_len(out, len, &bare_schema) == WXL_OK);
    wxl_builder_free(&b);
}

/* The benchmark's log shape: N logs, verify, read every field back. */
static void logs_roundtrip(void) {
    static const char *users[] = {"-", "alice", "bob", "carol"};
    enum { N = 1000 };
    wxl_builder *b = wxl_builder_new((const uint8_t *)"LOGS");
    uint32_t logs[N], i, dash = wxl_builder_string(b, "-", 1), u[4], list, root;
    const uint8_t *out;
    size_t len;
    wxl_view v;
    char date[32];
    for (i = 0; i < 4; i++)
        u[i] = wxl_builder_string(b, users[i], strlen(users[i]));
    for (i = 0; i < N; i++) {
        uint32_t d, r;
        int n = sprintf(date, "%u/Mar/1998:13:5:59 +0300", i);
        d = wxl_builder_string(b, date, (size_t)n);
        r = wxl_builder_string(b, "GET /css/index.css HTTP/1.1", 27);
        wxl_builder_struct_begin(b, LOGS_LOG, LOGS_LOG_ALIGN, LOGS_LOG_SIZE);
        wxl_builder_set_u8(b, 0, (uint8_t)i), wxl_builder_set_u8(b, 3, 10);
        wxl_builder_set_ref(b, 4, dash), wxl_builder_set_ref(b, 8, u[i % 4]);
        wxl_builder_set_ref(b, 12, d), wxl_builder_set_ref(b, 16, r);
        wxl_builder_set_u16(b, 20, (uint16_t)(200 + i % 300));
        wxl_builder_set_u64(b, 24, (uint64_t)i * 1000003u);
        logs[i] = wxl_builder_end(b);
    }
    list = wxl_builder_refs(b, LOGS_LOG_LIST, logs, N);
    wxl_builder_struct_begin(b, LOGS_LOGS, 4, 4);
    wxl_builder_set_ref(b, 0, list);
    root = wxl_builder_end(b);
    CHECK(wxl_builder_finish(b, root, &out, &len) == WXL_OK);
    CHECK(verify_len(out, len, &logs_schema) == WXL_OK);
    v = logs_Logs_logs(logs_root(out, len));
    CHECK_EQ(wxl_array_len(v), N);
    for (i = 0; i < N; i++) {
        wxl_view l = wxl_array_view(v, i);
        int n = sprintf(date, "%u/Mar/1998:13:5:59 +0300", i);
        CHECK(logs_Log_address_x(l, 0) == (uint8_t)i && logs_Log_address_x(l, 3) == 10);
        CHECK(logs_Log_code(l) == 200 + i % 300 && logs_Log_size(l) == (uint64_t)i * 1000003u);
        CHECK(logs_Log_userid(l).len == strlen(users[i % 4]));
        CHECK(logs_Log_identity(l).len == 1 && logs_Log_request(l).len == 27);
        CHECK(logs_Log_date(l).len == (uint32_t)n && memcmp(logs_Log_date(l).ptr, date, n) == 0);
    }
    wxl_builder_delete(b);
}

/* The mesh: value structs copied from a C array in wire layout, one memcpy. */
typedef struct tri {
    float v[4][3];
} tri;
typedef char tri_is_48_bytes[sizeof(tri) == MESH_TRIANGLE_SIZE ? 1 : -1];

static void mesh_roundtrip(void) {
    enum { N = 500 };
    static tri tris[N];
    wxl_builder b;
    const uint8_t *out;
    size_t len;
    uint32_t i, k, arr, root;
    wxl_view t;
    for (i = 0; i < N; i++)
        for (k = 0; k < 12; k++)
            tris[i].v[k / 3][k % 3] = (float)i + (float)k / 16.0f;
    wxl_builder_init(&b, NULL);
    arr = wxl_builder_raw_array(&b, MESH_TRIANGLES, 4, MESH_TRIANGLE_SIZE, tris, N);
    wxl_builder_struct_begin(&b, MESH_MESH, 4, 4);
    wxl_builder_set_ref(&b, 0, arr);
    root = wxl_builder_end(&b);
    CHECK(wxl_builder_finish(&b, root, &out, &len) == WXL_OK);
    CHECK_EQ(len, 16 + 4 + N * 48 + 8); /* header, tag, body, Mesh */
    CHECK(verify_len(out, len, &mesh_schema) == WXL_OK);
    t = mesh_Mesh_triangles(wxl_root(out, len));
    CHECK_EQ(wxl_array_len(t), N);
    for (i = 0; i < N; i++)
        CHECK(mesh_coord(t, i, 3, 2) == (float)i + 11.0f / 16.0f);
    wxl_builder_free(&b);
}

static void scalar_arrays(void) {
    static const uint16_t u16s[] = {1, 0xFFFF, 0x1234};
    static const int64_t i64s[] = {INT64_MIN, -1, INT64_MAX};
    static const float f32s[] = {0.5f, -0.0f};
    wxl_builder b;
    const uint8_t *out;
    size_t len;
    uint32_t a, c, d;
    wxl_view r;
    wxl_builder_init(&b, NULL);
    a = wxl_builder_scalars(&b, 16, 4, 2, u16s, 3);
    c = wxl_builder_scalars(&b, 17, 8, 8, i64s, 3);
    d = wxl_builder_scalars(&b, 18, 4, 4, f32s, 2);
    CHECK(wxl_builder_finish(&b, a, &out, &len) == WXL_OK);
    r = wxl_root(out, len);
    CHECK_EQ(wxl_array_get_u16(wxl_view_at(r, a), 1), 0xFFFF);
    CHECK_EQ(out[a + 4 + 4], 0x34); /* little-endian in the buffer */
    CHECK(wxl_array_get_i64(wxl_view_at(r, c), 0) == INT64_MIN);
    CHECK(wxl_array_get_i64(wxl_view_at(r, c), 2) == INT64_MAX);
    CHECK((c + 4) % 8 == 0);
    CHECK(wxl_array_get_f32(wxl_view_at(r, d), 0) == 0.5f);
    CHECK_EQ(out[d + 4 + 7], 0x80); /* -0.0f sign bit */
    wxl_builder_free(&b);
}

/* Growing through many reallocations keeps the data 16-aligned and the bytes intact. */
static void growth_alignment(void) {
    wxl_builder b;
    const uint8_t *out;
    size_t len;
    uint32_t i, first = 0, last = 0;
    char text[40];
    wxl_builder_init(&b, NULL);
    for (i = 0; i < 5000; i++) {
        int n = sprintf(text, "string number %u", i);
        last = wxl_builder_string(&b, text, (size_t)n);
        if (i == 0)
            first = last;
        CHECK_EQ(((uintptr_t)b.data) % 16, 0);
    }
    CHECK(wxl_builder_finish(&b, last, &out, &len) == WXL_OK);
    CHECK(memcmp(out + first + 4, "string number 0", 15) == 0);
    CHECK(verify_len(out, len, &bare_schema) == WXL_OK);
    wxl_builder_free(&b);
}

static void zoo_roundtrip(void) {
    zoo_fresh();
    EXPECT_OK(z_buf, z_len, &zoo_schema, NULL);
    CHECK_EQ(z_len % 4, 0);
    CHECK_EQ((z.circle + 4) % 8, 0);
    CHECK_EQ((z.v128s + 4) % 16, 0);
    CHECK_EQ((z.item0 + 4) % 8, 0);
}

int main(void) {
    RUN(golden_bytes);
    RUN(minimal_padding);
    RUN(long_lengths);
    RUN(fixed_buffers);
    RUN(misuse);
    RUN(invalid_utf8_and_reset);
    RUN(logs_roundtrip);
    RUN(mesh_roundtrip);
    RUN(scalar_arrays);
    RUN(growth_alignment);
    RUN(zoo_roundtrip);
    return test_summary("test_build");
}
