/*
 * libFuzzer target: clang -fsanitize=fuzzer,address,undefined (see the Makefile).
 *
 * Invariant: a buffer wxl_verify accepts (zoo schema) is readable through every reader
 * without an out-of-bounds access, and what the readers return respects the schema (bools
 * 0/1, declared enum values, accepted reference targets, valid UTF-8). libFuzzer hands the
 * input in a heap block of exactly `size` bytes, so ASan reports any read past its end; the
 * bitmap is a heap block of exactly the words asked for, so ASan checks the verifier too.
 *
 * The walk visits every object front to back and reads every field of it, following each
 * reference one level (to its target's tag and fields): linear, whatever the sharing.
 * Also: wxl_utf8_valid agrees with a reference decoder on the raw input.
 */
#include <stdlib.h>

#include "ref_utf8.h"
#include "schemas.h"

#define REQUIRE(cond)                                                                          \
    do {                                                                                       \
        if (!(cond))                                                                           \
            __builtin_trap();                                                                  \
    } while (0)

static volatile uint64_t g_sink; /* keeps the reads from being optimised away */

/* Floats are sunk by their bits: converting a NaN to an integer would be UB in the harness. */
static void sink_double(double d) {
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    g_sink += u;
}

static void touch(const void *p, size_t n) {
    const uint8_t *b = (const uint8_t *)p;
    uint64_t sum = 0;
    size_t i;
    for (i = 0; i < n; i++)
        sum += b[i];
    g_sink += sum;
}

static void read_str(wxl_str s) {
    touch(s.ptr, s.len);
    REQUIRE(s.ptr == NULL || ref_utf8_valid((const uint8_t *)s.ptr, s.len));
}

/* Any object's tag, and its bytes when it is a string or byte string. */
static void read_any(wxl_view v) {
    uint16_t type;
    if (wxl_is_null(v))
        return;
    type = wxl_type_of(v);
    REQUIRE(type == WXL_TYPE_ID_STRING || type == WXL_TYPE_ID_BYTES ||
            wxl_schema_type(&zoo_schema, type) != NULL);
    if (type == WXL_TYPE_ID_STRING)
        read_str(wxl_str_of(v));
    else if (type == WXL_TYPE_ID_BYTES)
        touch(wxl_bytes_of(v).ptr, wxl_bytes_of(v).len);
    else
        touch(wxl_body(v), 0);
}

static void read_shape(wxl_view v) {
    uint16_t type = wxl_type_of(v);
    REQUIRE(wxl_is_subtype(&zoo_schema, type, ZOO_SHAPE));
    g_sink += zoo_Shape_id(v);
    read_str(zoo_Shape_name(v));
    if (type == ZOO_CIRCLE)
        sink_double(zoo_Circle_radius(v));
    if (type == ZOO_SQUARE)
        sink_double(zoo_Square_side(v));
}

static void read_item_refs(wxl_view v) {
    uint32_t any = zoo_Item_any(v), small = wxl_get_ref(v, 16);
    read_shape(zoo_Item_shape(v));
    if (!wxl_is_null(zoo_Item_maybe(v))) {
        REQUIRE(wxl_type_of(zoo_Item_maybe(v)) == ZOO_CIRCLE);
        read_shape(zoo_Item_maybe(v));
    }
    if (wxl_ref_is_i31(any))
        g_sink += (uint64_t)wxl_i31_get_s(any);
    else
        read_any(wxl_view_at(v, any));
    REQUIRE(small == 0 || wxl_ref_is_i31(small)); /* absent (default) or an i31 */
    g_sink += (uint64_t)zoo_Item_small(v);
    touch(zoo_Item_blob(v).ptr, zoo_Item_blob(v).len);
    read_any(zoo_Item_arr(v));
    if (!wxl_is_null(zoo_Item_st(v)))
        REQUIRE(wxl_schema_type(&zoo_schema, wxl_type_of(zoo_Item_st(v)))->kind == WXL_KIND_STRUCT);
    REQUIRE(zoo_Item_nothing(v) == 0);
}

static void read_item(wxl_view v) {
    uint16_t level = zoo_Item_level(v);
    uint64_t big = zoo_Item_big(v);
    uint32_t wide = zoo_Item_wide(v);
    REQUIRE(wxl_type_of(v) == ZOO_ITEM);
    REQUIRE(wxl_get_u8(v, 0, 0) <= 1);
    g_sink += zoo_Item_flag(v);
    REQUIRE(zoo_Item_color(v) <= 2);
    REQUIRE(level == 1 || level == 5 || level == 1000);
    REQUIRE(big == 0 || big == UINT64_MAX);
    REQUIRE(wide == 7 || wide == 0x80000000u);
    sink_double(zoo_Item_f(v));
    read_item_refs(v);
}

static void read_array(wxl_view v, uint16_t type) {
    uint32_t n = wxl_array_len(v), i;
    for (i = 0; i < n; i++) {
        const uint8_t *pair;
        switch (type) {
        case ZOO_ITEM_LIST: read_item(wxl_array_view(v, i)); break;
        case ZOO_FLAGS: REQUIRE(wxl_array_get_u8(v, i) <= 1); break;
        case ZOO_PAIRS:
            pair = wxl_array_elem(v, ZOO_PAIR_SIZE, i);
            REQUIRE(wxl_load_u8(pair) <= 1 && (zoo_Pair_e(pair) == 3 || zoo_Pair_e(pair) == 4));
            read_str(wxl_str_of(wxl_view_at(v, zoo_Pair_label(pair))));
            break;
        case ZOO_DOUBLES: sink_double(wxl_array_get_f64(v, i)); break;
        case ZOO_SHAPE_LIST:
            if (!wxl_is_null(wxl_array_view(v, i)))
                read_shape(wxl_array_view(v, i));
            break;
        case ZOO_NAMES:
            REQUIRE(wxl_type_of(wxl_array_view(v, i)) == WXL_TYPE_ID_STRING);
            read_str(wxl_str_of(wxl_array_view(v, i)));
            break;
        default: touch(wxl_array_elem(v, 16, i), 16); break; /* ZOO_V128S */
        }
    }
}

static void read_zoo(wxl_view v) {
    wxl_view items = zoo_Zoo_items(v);
    REQUIRE(wxl_type_of(items) == ZOO_ITEM_LIST);
    g_sink += wxl_array_len(items);
    if (!wxl_is_null(zoo_Zoo_shapes(v)))
        REQUIRE(wxl_type_of(zoo_Zoo_shapes(v)) == ZOO_SHAPE_LIST);
    if (!wxl_is_null(zoo_Zoo_flags(v)))
        REQUIRE(wxl_type_of(zoo_Zoo_flags(v)) == ZOO_FLAGS);
    g_sink += wxl_array_len(zoo_Zoo_pairs(v)) + wxl_array_len(zoo_Zoo_doubles(v));
    g_sink += wxl_array_len(zoo_Zoo_names(v)) + zoo_Zoo_count(v);
    read_str(zoo_Zoo_title(v));
}

static void read_object(wxl_view v) {
    uint16_t type = wxl_type_of(v);
    switch (type) {
    case ZOO_SHAPE:
    case ZOO_CIRCLE:
    case ZOO_SQUARE: read_shape(v); break;
    case ZOO_ITEM: read_item(v); break;
    case ZOO_ZOO: read_zoo(v); break;
    case WXL_TYPE_ID_STRING:
    case WXL_TYPE_ID_BYTES: read_any(v); break;
    default:
        REQUIRE(wxl_schema_type(&zoo_schema, type)->kind == WXL_KIND_ARRAY);
        read_array(v, type);
    }
}

/* Every object, front to back, with the same stepping rule as LAYOUT.md section 4.1. */
static void walk(const uint8_t *buf, size_t len) {
    wxl_view v = wxl_root(buf, len);
    uint32_t pos = WXL_HEADER_SIZE;
    REQUIRE(wxl_type_of(v) == ZOO_ZOO);
    read_zoo(v);
    while (pos < len) {
        wxl_object o;
        uint64_t unit = 1;
        const wxl_type_info *t;
        if (wxl_load_u32(buf + pos) == 0) {
            pos += 4;
            continue;
        }
        o = wxl_object_at(buf, pos);
        t = wxl_schema_type(&zoo_schema, o.type);
        if (t != NULL && t->kind == WXL_KIND_ARRAY)
            unit = t->size;
        read_object(wxl_view_at(v, pos));
        pos = (uint32_t)(((uint64_t)o.body + o.length * unit + 3) & ~(uint64_t)3);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    size_t words = wxl_verify_scratch_words(size);
    uint64_t *scratch = (uint64_t *)malloc(words ? words * sizeof(uint64_t) : 1);
    wxl_error err;
    REQUIRE(wxl_utf8_valid(data, size) == ref_utf8_valid(data, size));
    if (scratch == NULL)
        return 0;
    if (wxl_verify(data, size, &zoo_schema, NULL, scratch, words, &err) == WXL_OK)
        walk(data, size);
    else
        REQUIRE(err.code >= WXL_ERR_BUFFER_TOO_SHORT && err.code <= WXL_ERR_ROOT_INVALID &&
                (size < 4 || err.offset < size || err.offset == 0));
    free(scratch);
    return 0;
}
