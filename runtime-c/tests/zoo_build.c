/* The zoo buffer: every check kind, sharing (item0 twice), subtypes, i31 values. */
#include "zoo_build.h"

static uint32_t shape(wxl_builder *b, uint16_t type, uint32_t size, uint32_t id, uint32_t name) {
    wxl_builder_struct_begin(b, type, type == ZOO_CIRCLE ? 8 : 4, size);
    wxl_builder_set_u32(b, 0, id);
    wxl_builder_set_ref(b, 4, name);
    if (type == ZOO_CIRCLE)
        wxl_builder_set_f64(b, 8, 2.5);
    if (type == ZOO_SQUARE)
        wxl_builder_set_f32(b, 8, 4.0f);
    return wxl_builder_end(b);
}

static uint32_t pairs(wxl_builder *b, uint32_t label) {
    wxl_builder_array_begin(b, ZOO_PAIRS, 4, ZOO_PAIR_SIZE, 2);
    wxl_builder_set_bool(b, 0, true);
    wxl_builder_set_u8(b, 1, 3);
    wxl_builder_set_ref(b, 4, label);
    wxl_builder_set_bool(b, 8 + 0, false);
    wxl_builder_set_u8(b, 8 + 1, 4);
    return wxl_builder_end(b);
}

/* Item fields in offset order; `refs` holds shape, maybe, any, small, blob, arr, st. */
static uint32_t item(wxl_builder *b, bool flag, uint8_t color, uint16_t level,
                     const uint32_t refs[7], uint64_t big, uint32_t wide, float f) {
    uint32_t i;
    wxl_builder_struct_begin(b, ZOO_ITEM, ZOO_ITEM_ALIGN, ZOO_ITEM_SIZE);
    wxl_builder_set_bool(b, 0, flag);
    wxl_builder_set_u8(b, 1, color);
    wxl_builder_set_u16(b, 2, level);
    for (i = 0; i < 7; i++)
        wxl_builder_set_ref(b, 4 + 4 * i, refs[i]);
    wxl_builder_set_u64(b, 40, big);
    wxl_builder_set_u32(b, 48, wide);
    wxl_builder_set_f32(b, 52, f);
    return wxl_builder_end(b);
}

static void scalars(wxl_builder *b, zoo_offsets *o) {
    static const double doubles[] = {1.0, -2.5, 1e300};
    static const uint8_t flags[] = {1, 0, 1, 1, 0};
    uint8_t v128[32];
    uint32_t i;
    for (i = 0; i < sizeof v128; i++)
        v128[i] = (uint8_t)(i * 7);
    o->v128s = wxl_builder_scalars(b, ZOO_V128S, 16, 16, v128, 2);
    o->doubles = wxl_builder_scalars(b, ZOO_DOUBLES, 8, 8, doubles, 3);
    o->flags = wxl_builder_scalars(b, ZOO_FLAGS, 4, 1, flags, 5);
}

static void items(wxl_builder *b, zoo_offsets *o) {
    uint32_t r0[7], r1[7], list[3];
    r0[0] = o->circle, r0[1] = o->circle, r0[2] = wxl_i31_from_s(-5), r0[3] = wxl_i31_from_u(123456);
    r0[4] = o->blob, r0[5] = o->flags, r0[6] = o->square;
    r1[0] = o->square, r1[1] = 0, r1[2] = o->name_a, r1[3] = wxl_i31_from_s(-1);
    r1[4] = 0, r1[5] = o->name_b, r1[6] = o->shape;
    o->item0 = item(b, true, 2, 1000, r0, UINT64_MAX, 0x80000000u, 3.25f);
    o->item1 = item(b, false, 0, 1, r1, 0, 7, -0.0f);
    list[0] = o->item0, list[1] = o->item1, list[2] = o->item0;
    o->items = wxl_builder_refs(b, ZOO_ITEM_LIST, list, 3);
}

static uint32_t zoo(wxl_builder *b, const zoo_offsets *o) {
    wxl_builder_struct_begin(b, ZOO_ZOO, ZOO_ZOO_ALIGN, ZOO_ZOO_SIZE);
    wxl_builder_set_ref(b, 0, o->items);
    wxl_builder_set_ref(b, 4, o->shapes);
    wxl_builder_set_ref(b, 8, o->flags);
    wxl_builder_set_ref(b, 12, o->pairs);
    wxl_builder_set_ref(b, 16, o->doubles);
    wxl_builder_set_ref(b, 20, o->names);
    wxl_builder_set_ref(b, 24, o->title);
    wxl_builder_set_u64(b, 32, 42);
    return wxl_builder_end(b);
}

int zoo_build(wxl_builder *b, zoo_offsets *o, const uint8_t **out, size_t *len) {
    static const uint8_t blob[] = {0xFF, 0x00, 0x80};
    uint32_t refs[4];
    o->name_a = wxl_builder_string(b, "circle \xE2\x97\x8B", 10);
    o->name_b = wxl_builder_string(b, "square", 6);
    o->blob = wxl_builder_bytes(b, blob, sizeof blob);
    o->shape = shape(b, ZOO_SHAPE, 8, 1, 0);
    o->circle = shape(b, ZOO_CIRCLE, 16, 2, o->name_a);
    o->square = shape(b, ZOO_SQUARE, 12, 3, o->name_b);
    scalars(b, o);
    o->pairs = pairs(b, o->name_b);
    items(b, o);
    refs[0] = o->name_a, refs[1] = o->name_b;
    o->names = wxl_builder_refs(b, ZOO_NAMES, refs, 2);
    refs[0] = o->shape, refs[1] = 0, refs[2] = o->circle, refs[3] = o->square;
    o->shapes = wxl_builder_refs(b, ZOO_SHAPE_LIST, refs, 4);
    o->title = wxl_builder_string(b, "zoo", 3);
    o->zoo = zoo(b, o);
    return wxl_builder_finish(b, o->zoo, out, len);
}
