/* Readers: every accessor over the zoo buffer, presence and defaults, i31, subtyping, table
 * checks, evolution and in-place setters. */
#include "verify_util.h"

static bool str_is(wxl_str s, const char *want) {
    return s.ptr != NULL && s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

static void zoo_items(wxl_view root) {
    wxl_view items = zoo_Zoo_items(root), i0, i1;
    CHECK_EQ(wxl_array_len(items), 3);
    i0 = wxl_array_view(items, 0), i1 = wxl_array_view(items, 1);
    CHECK_EQ(i0.obj, z.item0);
    CHECK_EQ(wxl_array_ref(items, 2), z.item0); /* shared */
    CHECK(zoo_Item_flag(i0) && !zoo_Item_flag(i1));
    CHECK_EQ(zoo_Item_color(i0), 2);
    CHECK_EQ(zoo_Item_level(i0), 1000);
    CHECK_EQ(wxl_type_of(zoo_Item_shape(i0)), ZOO_CIRCLE);
    CHECK(zoo_Circle_radius(zoo_Item_shape(i0)) == 2.5);
    CHECK(str_is(zoo_Shape_name(zoo_Item_maybe(i0)), "circle \xE2\x97\x8B"));
    CHECK(wxl_ref_is_i31(zoo_Item_any(i0)) && wxl_i31_get_s(zoo_Item_any(i0)) == -5);
    CHECK_EQ(zoo_Item_small(i0), 123456);
    CHECK(zoo_Item_blob(i0).len == 3 && zoo_Item_blob(i0).ptr[0] == 0xFF);
    CHECK_EQ(wxl_array_len(zoo_Item_arr(i0)), 5);
    CHECK(zoo_Square_side(zoo_Item_st(i0)) == 4.0f);
    CHECK_EQ(zoo_Item_nothing(i0), 0);
    CHECK_EQ(zoo_Item_big(i0), UINT64_MAX);
    CHECK_EQ(zoo_Item_wide(i0), 0x80000000u);
    CHECK(zoo_Item_f(i0) == 3.25f);
    CHECK(wxl_is_null(zoo_Item_maybe(i1)));
    CHECK(zoo_Item_blob(i1).ptr == NULL && zoo_Item_blob(i1).len == 0);
    CHECK(str_is(wxl_str_of(wxl_view_at(root, zoo_Item_any(i1))), "circle \xE2\x97\x8B"));
    CHECK(zoo_Item_small(i1) == -1);
    CHECK(str_is(wxl_str_of(zoo_Item_arr(i1)), "square"));
    CHECK_EQ(wxl_type_of(zoo_Item_st(i1)), ZOO_SHAPE);
    CHECK(zoo_Shape_name(zoo_Item_st(i1)).ptr == NULL);
}

static void zoo_arrays(wxl_view root) {
    wxl_view shapes = zoo_Zoo_shapes(root), pairs = zoo_Zoo_pairs(root), d = zoo_Zoo_doubles(root);
    wxl_view flags = zoo_Zoo_flags(root), names = zoo_Zoo_names(root);
    CHECK_EQ(wxl_array_len(shapes), 4);
    CHECK(wxl_is_null(wxl_array_view(shapes, 1)));
    CHECK_EQ(zoo_Shape_id(wxl_array_view(shapes, 3)), 3);
    CHECK_EQ(wxl_array_len(pairs), 2);
    CHECK(zoo_Pair_on(wxl_array_elem(pairs, ZOO_PAIR_SIZE, 0)));
    CHECK_EQ(zoo_Pair_e(wxl_array_elem(pairs, ZOO_PAIR_SIZE, 1)), 4);
    CHECK_EQ(zoo_Pair_label(wxl_array_elem(pairs, ZOO_PAIR_SIZE, 0)), z.name_b);
    CHECK_EQ(zoo_Pair_label(wxl_array_elem(pairs, ZOO_PAIR_SIZE, 1)), 0);
    CHECK(wxl_array_len(d) == 3 && wxl_array_get_f64(d, 1) == -2.5 && wxl_array_get_f64(d, 2) == 1e300);
    CHECK(wxl_array_get_bool(flags, 0) && !wxl_array_get_bool(flags, 1));
    CHECK_EQ(wxl_array_get_u8(flags, 3), 1);
    CHECK(str_is(wxl_str_of(wxl_array_view(names, 1)), "square"));
    CHECK(str_is(zoo_Zoo_title(root), "zoo"));
    CHECK_EQ(zoo_Zoo_count(root), 42);
    CHECK_EQ(wxl_array_elem(wxl_view_at(root, z.v128s), 16, 1)[3], (uint8_t)(19 * 7));
    CHECK_EQ(wxl_array_len(wxl_view_at(root, 0)), 0); /* null reads as empty */
}

static void zoo_readers(void) {
    wxl_view root;
    zoo_fresh();
    EXPECT_OK(z_buf, z_len, &zoo_schema, NULL);
    root = wxl_root(z_buf, z_len);
    CHECK_EQ(root.obj, z.zoo);
    CHECK_EQ(wxl_type_of(root), ZOO_ZOO);
    CHECK_EQ(wxl_length(root), ZOO_ZOO_SIZE);
    CHECK(wxl_body(root) == z_buf + z.zoo + 4);
    zoo_items(root);
    zoo_arrays(root);
}

/* A struct of every scalar type; read with every stored size from 0 to 48. */
static void scalar_presence(void) {
    static const uint32_t ends[] = {1, 2, 4, 6, 12, 16, 24, 32, 36, 37, 48};
    uint8_t buf[128];
    uint32_t stored, k;
    for (stored = 0; stored <= 48; stored++) {
        wxl_view v;
        memset(buf, 0, sizeof buf);
        wxl_store_u32(buf + 16, 16u | stored << 16);
        wxl_store_u8(buf + 20, 200);
        wxl_store_i8(buf + 21, -3);
        wxl_store_u16(buf + 22, 60000);
        wxl_store_i16(buf + 24, -30000);
        wxl_store_u32(buf + 28, 4000000000u);
        wxl_store_i32(buf + 32, -2000000000);
        wxl_store_u64(buf + 36, 0x0123456789ABCDEFull);
        wxl_store_i64(buf + 44, INT64_MIN);
        wxl_store_f32(buf + 52, -1.25f);
        wxl_store_bool(buf + 56, true);
        wxl_store_f64(buf + 60, 6.5e-300);
        v.buf = buf, v.len = sizeof buf, v.obj = 16;
        CHECK_EQ(wxl_get_u8(v, 0, 9), stored >= ends[0] ? 200 : 9);
        CHECK_EQ(wxl_get_i8(v, 1, 9), stored >= ends[1] ? (uint64_t)(int64_t)-3 : 9);
        CHECK_EQ(wxl_get_u16(v, 2, 9), stored >= ends[2] ? 60000 : 9);
        CHECK(wxl_get_i16(v, 4, 9) == (stored >= ends[3] ? -30000 : 9));
        CHECK_EQ(wxl_get_u32(v, 8, 9), stored >= ends[4] ? 4000000000u : 9);
        CHECK(wxl_get_i32(v, 12, 9) == (stored >= ends[5] ? -2000000000 : 9));
        CHECK_EQ(wxl_get_u64(v, 16, 9), stored >= ends[6] ? 0x0123456789ABCDEFull : 9);
        CHECK(wxl_get_i64(v, 24, 9) == (stored >= ends[7] ? INT64_MIN : 9));
        CHECK(wxl_get_f32(v, 32, 9.0f) == (stored >= ends[8] ? -1.25f : 9.0f));
        CHECK(wxl_get_bool(v, 36, false) == (stored >= ends[9]));
        CHECK(wxl_get_f64(v, 40, 9.0) == (stored >= ends[10] ? 6.5e-300 : 9.0));
        for (k = 0; k < 11; k++)
            CHECK((wxl_field(v, ends[k] - 1, 1) != NULL) == (stored >= ends[k]));
    }
}

/* Long-form struct: the body starts 8 bytes after the tag word. */
static void long_form_struct(void) {
    static uint8_t buf[0x10000 + 64];
    wxl_view v;
    wxl_store_u32(buf + 16, 16u | 0xFFFF0000u);
    wxl_store_u32(buf + 20, 0x10000);
    wxl_store_u16(buf + 24 + 0xFFFE, 0xBEEF);
    v.buf = buf, v.len = sizeof buf, v.obj = 16;
    CHECK_EQ(wxl_length(v), 0x10000);
    CHECK(wxl_body(v) == buf + 24);
    CHECK_EQ(wxl_get_u16(v, 0xFFFE, 0), 0xBEEF);
    CHECK_EQ(wxl_get_u16(v, 0xFFFF, 7), 7);
}

static void i31_values(void) {
    static const int32_t s[] = {-1073741824, -1073741823, -1, 0, 1, 1073741823};
    uint32_t i;
    for (i = 0; i < sizeof s / sizeof s[0]; i++) {
        uint32_t r = wxl_i31_from_s(s[i]);
        CHECK(wxl_ref_is_i31(r));
        CHECK(wxl_i31_get_s(r) == s[i]);
    }
    CHECK_EQ(wxl_i31_get_u(wxl_i31_from_u(0x7FFFFFFFu)), 0x7FFFFFFFu);
    CHECK_EQ(wxl_i31_from_u(0), 1);
    CHECK_EQ(wxl_i31_from_s(-1), 0xFFFFFFFFu);
    CHECK_EQ(wxl_i31_get_u(wxl_i31_from_s(-1)), 0x7FFFFFFFu);
    CHECK(!wxl_ref_is_i31(16));
}

static void subtyping(void) {
    const wxl_schema *s = &zoo_schema;
    CHECK(wxl_is_subtype(s, ZOO_CIRCLE, ZOO_SHAPE));
    CHECK(wxl_is_subtype(s, ZOO_SQUARE, ZOO_SHAPE));
    CHECK(wxl_is_subtype(s, ZOO_SHAPE, ZOO_SHAPE));
    CHECK(!wxl_is_subtype(s, ZOO_SHAPE, ZOO_CIRCLE));
    CHECK(!wxl_is_subtype(s, ZOO_CIRCLE, ZOO_SQUARE));
    CHECK(!wxl_is_subtype(s, ZOO_ITEM, ZOO_SHAPE));
    CHECK(!wxl_is_subtype(s, WXL_TYPE_ID_STRING, ZOO_SHAPE));
    CHECK(!wxl_is_subtype(s, ZOO_UNUSED, ZOO_SHAPE));
    CHECK(!wxl_is_subtype(s, ZOO_CIRCLE, ZOO_UNUSED));
    CHECK(!wxl_is_subtype(s, 999, ZOO_SHAPE));
    CHECK(wxl_is_subtype(s, 999, 999)); /* equal ids, as in schema.rs */
    CHECK(wxl_schema_type(s, ZOO_UNUSED) == NULL);
    CHECK(wxl_schema_type(s, 15) == NULL);
    CHECK(wxl_schema_type(s, ZOO_V128S + 1) == NULL);
    CHECK(wxl_schema_type(s, ZOO_V128S) != NULL);
}

int main(void) {
    RUN(zoo_readers);
    RUN(scalar_presence);
    RUN(long_form_struct);
    RUN(i31_values);
    RUN(subtyping);
    return test_summary("test_read");
}
