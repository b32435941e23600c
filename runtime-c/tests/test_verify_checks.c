/* Verifier: field checks (INVALID_BOOL, INVALID_ENUM), reference checks (codes 15..18),
 * REQUIRED_FIELD_ABSENT, and the order of the reference checks. */
#include "verify_util.h"

/* Item field offsets (schemas.h). */
enum { F_FLAG = 0, F_COLOR = 1, F_LEVEL = 2, F_SHAPE = 4, F_MAYBE = 8, F_ANY = 12,
       F_SMALL = 16, F_BLOB = 20, F_ARR = 24, F_ST = 28, F_NOTHING = 32, F_BIG = 40,
       F_WIDE = 48 };

static uint32_t item0(uint32_t field) { return body_of(z.item0) + field; }
static uint32_t item1(uint32_t field) { return body_of(z.item1) + field; }

static void bools(void) {
    zoo_fresh();
    ZOO_PATCH8(item0(F_FLAG), 2, WXL_ERR_INVALID_BOOL, item0(F_FLAG));
    ZOO_PATCH8(item1(F_FLAG), 0xFF, WXL_ERR_INVALID_BOOL, item1(F_FLAG));
    ZOO_PATCH8(item1(F_FLAG), 1, WXL_OK, 0);
    ZOO_PATCH8(body_of(z.flags) + 3, 7, WXL_ERR_INVALID_BOOL, body_of(z.flags) + 3);
    ZOO_PATCH8(body_of(z.flags) + 4, 2, WXL_ERR_INVALID_BOOL, body_of(z.flags) + 4);
    ZOO_PATCH8(body_of(z.pairs) + 8, 2, WXL_ERR_INVALID_BOOL, body_of(z.pairs) + 8);
}

/* Long bool arrays take the 8-bytes-at-a-time path: the first bad byte is still reported. */
static void bool_arrays(void) {
    static const uint32_t bad[][2] = {{13, 17}, {2, 9}, {7, 8}, {0, 19}, {19, 19}, {16, 16}};
    static const wxl_verify_options as_flags = {NULL, ZOO_FLAGS};
    uint8_t flags[20];
    uint32_t i, at;
    hb h;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(flags, 1, sizeof flags);
        hb_init(&h, NULL);
        at = hb_word(&h, ZOO_FLAGS | 20u << 16);
        hb_bytes(&h, flags, sizeof flags);
        h.b[at + 4 + bad[i][1]] = 0x80;
        h.b[at + 4 + bad[i][0]] = 2;
        EXPECT_ERR(h.b, h.len, &zoo_schema, NULL, WXL_ERR_INVALID_BOOL, at + 4 + bad[i][0]);
    }
    hb_init(&h, NULL);
    memset(flags, 1, sizeof flags);
    hb_root(&h, hb_word(&h, ZOO_FLAGS | 20u << 16));
    hb_bytes(&h, flags, sizeof flags);
    EXPECT_OK(h.b, h.len, &zoo_schema, &as_flags);
}

static void enums(void) {
    zoo_fresh();
    ZOO_PATCH8(item0(F_COLOR), 3, WXL_ERR_INVALID_ENUM, item0(F_COLOR));
    ZOO_PATCH8(item0(F_COLOR), 1, WXL_OK, 0);
    ZOO_PATCH8(item0(F_LEVEL), 5, WXL_ERR_INVALID_ENUM, item0(F_LEVEL)); /* 0x0305 */
    ZOO_PATCH8(item0(F_LEVEL) + 1, 0, WXL_ERR_INVALID_ENUM, item0(F_LEVEL)); /* 1000 -> 232 */
    zoo_fresh();
    wxl_store_u16(z_buf + item0(F_LEVEL), 5);
    EXPECT_OK(z_buf, z_len, &zoo_schema, NULL);
    wxl_store_u16(z_buf + item0(F_LEVEL), 0);
    EXPECT_ERR(z_buf, z_len, &zoo_schema, NULL, WXL_ERR_INVALID_ENUM, item0(F_LEVEL));
    ZOO_PATCH8(item0(F_BIG), 0xFE, WXL_ERR_INVALID_ENUM, item0(F_BIG));
    ZOO_PATCH8(item1(F_BIG) + 7, 0x80, WXL_ERR_INVALID_ENUM, item1(F_BIG));
    ZOO_PATCH32(item0(F_WIDE), 8, WXL_ERR_INVALID_ENUM, item0(F_WIDE));
    ZOO_PATCH32(item0(F_WIDE), 7, WXL_OK, 0);
    ZOO_PATCH8(body_of(z.pairs) + 9, 5, WXL_ERR_INVALID_ENUM, body_of(z.pairs) + 9);
    ZOO_PATCH8(body_of(z.pairs) + 1, 4, WXL_OK, 0);
}

static void null_refs(void) {
    zoo_fresh();
    ZOO_PATCH32(item0(F_SHAPE), 0, WXL_ERR_NULL_REF, item0(F_SHAPE));
    ZOO_PATCH32(item0(F_SMALL), 0, WXL_ERR_NULL_REF, item0(F_SMALL));
    ZOO_PATCH32(body_of(z.names) + 4, 0, WXL_ERR_NULL_REF, body_of(z.names) + 4);
    ZOO_PATCH32(body_of(z.items) + 8, 0, WXL_ERR_NULL_REF, body_of(z.items) + 8);
    ZOO_PATCH32(body_of(z.zoo), 0, WXL_ERR_NULL_REF, body_of(z.zoo));
    /* Nullable fields and elements accept null. */
    ZOO_PATCH32(item0(F_MAYBE), 0, WXL_OK, 0);
    ZOO_PATCH32(body_of(z.shapes), 0, WXL_OK, 0);
    ZOO_PATCH32(body_of(z.zoo) + 24, 0, WXL_OK, 0);
}

static void backward_refs(void) {
    zoo_fresh();
    ZOO_PATCH32(item0(F_SHAPE), z.item0, WXL_ERR_REF_NOT_BACKWARD, item0(F_SHAPE)); /* self */
    ZOO_PATCH32(item0(F_SHAPE), z.item1, WXL_ERR_REF_NOT_BACKWARD, item0(F_SHAPE));
    ZOO_PATCH32(item0(F_ANY), 0xFFFFFFFCu, WXL_ERR_REF_NOT_BACKWARD, item0(F_ANY));
    ZOO_PATCH32(body_of(z.zoo), z.zoo, WXL_ERR_REF_NOT_BACKWARD, body_of(z.zoo));
}

static void object_starts(void) {
    zoo_fresh();
    ZOO_PATCH32(item0(F_SHAPE), z.circle + 2, WXL_ERR_REF_NOT_OBJECT_START, item0(F_SHAPE));
    ZOO_PATCH32(item0(F_SHAPE), z.circle + 4, WXL_ERR_REF_NOT_OBJECT_START, item0(F_SHAPE));
    ZOO_PATCH32(item0(F_SHAPE), 4, WXL_ERR_REF_NOT_OBJECT_START, item0(F_SHAPE));
    ZOO_PATCH32(item0(F_SHAPE), 12, WXL_ERR_REF_NOT_OBJECT_START, item0(F_SHAPE));
    ZOO_PATCH32(item0(F_ANY), z.name_a + 8, WXL_ERR_REF_NOT_OBJECT_START, item0(F_ANY));
    /* v % 4 == 2 is reported before the backward rule, v >= h before the bitmap. */
    ZOO_PATCH32(item0(F_SHAPE), z.item1 + 2, WXL_ERR_REF_NOT_OBJECT_START, item0(F_SHAPE));
    ZOO_PATCH32(item0(F_SHAPE), z.item1 + 4, WXL_ERR_REF_NOT_BACKWARD, item0(F_SHAPE));
}

static void heap_types(void) {
    zoo_fresh();
    ZOO_PATCH32(item0(F_SHAPE), wxl_i31_from_u(3), WXL_ERR_REF_TYPE_MISMATCH, item0(F_SHAPE));
    ZOO_PATCH32(item0(F_SHAPE), z.name_a, WXL_ERR_REF_TYPE_MISMATCH, item0(F_SHAPE));
    ZOO_PATCH32(item0(F_SHAPE), z.shape, WXL_OK, 0);
    ZOO_PATCH32(item0(F_MAYBE), z.square, WXL_ERR_REF_TYPE_MISMATCH, item0(F_MAYBE));
    ZOO_PATCH32(item0(F_MAYBE), z.shape, WXL_ERR_REF_TYPE_MISMATCH, item0(F_MAYBE));
    ZOO_PATCH32(item0(F_BLOB), z.name_a, WXL_ERR_REF_TYPE_MISMATCH, item0(F_BLOB));
    ZOO_PATCH32(item0(F_ARR), z.shape, WXL_ERR_REF_TYPE_MISMATCH, item0(F_ARR));
    ZOO_PATCH32(item0(F_ARR), z.blob, WXL_OK, 0);
    ZOO_PATCH32(item0(F_ARR), z.doubles, WXL_OK, 0);
    ZOO_PATCH32(item0(F_ST), z.flags, WXL_ERR_REF_TYPE_MISMATCH, item0(F_ST));
    ZOO_PATCH32(item0(F_ST), z.name_b, WXL_ERR_REF_TYPE_MISMATCH, item0(F_ST));
    ZOO_PATCH32(item0(F_ST), z.pairs, WXL_ERR_REF_TYPE_MISMATCH, item0(F_ST));
    ZOO_PATCH32(item0(F_ST), z.circle, WXL_OK, 0);
    ZOO_PATCH32(item0(F_NOTHING), z.circle, WXL_ERR_REF_TYPE_MISMATCH, item0(F_NOTHING));
    ZOO_PATCH32(item0(F_NOTHING), 1, WXL_ERR_REF_TYPE_MISMATCH, item0(F_NOTHING));
    ZOO_PATCH32(item0(F_SMALL), z.circle, WXL_ERR_REF_TYPE_MISMATCH, item0(F_SMALL));
    ZOO_PATCH32(item0(F_SMALL), 0xFFFFFFFFu, WXL_OK, 0);
    ZOO_PATCH32(item0(F_ANY), z.blob, WXL_OK, 0);
    ZOO_PATCH32(item0(F_ANY), 0x7FFFFFFFu, WXL_OK, 0);
    ZOO_PATCH32(body_of(z.names), z.blob, WXL_ERR_REF_TYPE_MISMATCH, body_of(z.names));
    ZOO_PATCH32(body_of(z.items) + 4, z.circle, WXL_ERR_REF_TYPE_MISMATCH, body_of(z.items) + 4);
    ZOO_PATCH32(body_of(z.pairs) + 4, z.flags, WXL_ERR_REF_TYPE_MISMATCH, body_of(z.pairs) + 4);
    /* An i31 where none is allowed is a type mismatch, checked before the backward rule. */
    ZOO_PATCH32(item0(F_BLOB), 0xFFFFFFFFu, WXL_ERR_REF_TYPE_MISMATCH, item0(F_BLOB));
}

/* Builds: string, Circle, Item of `stored` bytes (fields from a full Item), list, Zoo. */
static size_t short_item(uint32_t stored, uint8_t flag, uint8_t *dst, uint32_t *item_at) {
    wxl_builder b;
    const uint8_t *out;
    size_t len = 0;
    uint32_t s, c, list;
    wxl_builder_init(&b, NULL);
    s = wxl_builder_string(&b, "s", 1);
    wxl_builder_struct_begin(&b, ZOO_CIRCLE, 8, 16);
    wxl_builder_set_ref(&b, 4, s);
    c = wxl_builder_end(&b);
    wxl_builder_struct_begin(&b, ZOO_ITEM, ZOO_ITEM_ALIGN, stored);
    if (stored >= 1)
        wxl_builder_set_u8(&b, 0, flag);
    if (stored >= 4)
        wxl_builder_set_u16(&b, 2, 1); /* level: 0 is not a declared value */
    if (stored >= 8)
        wxl_builder_set_ref(&b, 4, c);
    if (stored >= 20)
        wxl_builder_set_ref(&b, 16, wxl_i31_from_u(5));
    if (stored >= 52)
        wxl_builder_set_u32(&b, 48, 7);
    *item_at = wxl_builder_end(&b);
    list = wxl_builder_refs(&b, ZOO_ITEM_LIST, item_at, 1);
    wxl_builder_struct_begin(&b, ZOO_ZOO, ZOO_ZOO_ALIGN, 4); /* only `items` stored */
    wxl_builder_set_ref(&b, 0, list);
    if (wxl_builder_finish(&b, wxl_builder_end(&b), &out, &len) == WXL_OK)
        memcpy(dst, out, len);
    wxl_builder_free(&b);
    return len;
}

static void required_fields(void) {
    static const uint32_t absent_shape[] = {0, 1, 4, 5, 7};
    static const uint32_t absent_small[] = {8, 16, 19};
    static const uint32_t fine[] = {20, 40, 47, 52, 56, 64};
    uint8_t buf[256];
    uint32_t i, item;
    size_t len;
    for (i = 0; i < sizeof absent_shape / sizeof absent_shape[0]; i++) {
        len = short_item(absent_shape[i], 1, buf, &item);
        EXPECT_ERR(buf, len, &zoo_schema, NULL, WXL_ERR_REQUIRED_FIELD_ABSENT, item);
    }
    for (i = 0; i < sizeof absent_small / sizeof absent_small[0]; i++) {
        len = short_item(absent_small[i], 1, buf, &item);
        EXPECT_ERR(buf, len, &zoo_schema, NULL, WXL_ERR_REQUIRED_FIELD_ABSENT, item);
    }
    /* Absent bools, enums and nullable references are not checked; 64 > declared size. */
    for (i = 0; i < sizeof fine / sizeof fine[0]; i++) {
        len = short_item(fine[i], 1, buf, &item);
        EXPECT_OK(buf, len, &zoo_schema, NULL);
    }
    /* Checks run in offset order: a bad bool at 0 precedes the absent reference at 4. */
    len = short_item(4, 2, buf, &item);
    EXPECT_ERR(buf, len, &zoo_schema, NULL, WXL_ERR_INVALID_BOOL, item + 4);
    len = short_item(1, 3, buf, &item);
    EXPECT_ERR(buf, len, &zoo_schema, NULL, WXL_ERR_INVALID_BOOL, item + 4);
}

/* The enum at 48 is absent (stored 50) and so not checked, even if the bytes hold garbage. */
static void partial_enum_absent(void) {
    uint8_t buf[256];
    uint32_t item;
    size_t len = short_item(51, 1, buf, &item);
    EXPECT_OK(buf, len, &zoo_schema, NULL);
    buf[item + 4 + 48] = 0x55; /* inside the body, but the 4-byte enum is not stored */
    EXPECT_OK(buf, len, &zoo_schema, NULL);
    len = short_item(52, 1, buf, &item);
    buf[item + 4 + 48] = 0x55;
    EXPECT_ERR(buf, len, &zoo_schema, NULL, WXL_ERR_INVALID_ENUM, item + 4 + 48);
}

int main(void) {
    RUN(bools);
    RUN(bool_arrays);
    RUN(enums);
    RUN(null_refs);
    RUN(backward_refs);
    RUN(object_starts);
    RUN(heap_types);
    RUN(required_fields);
    RUN(partial_enum_absent);
    return test_summary("test_verify_checks");
}
