/*
 * Hand-written schema tables and accessors for the tests and the fuzz target, shaped the way
 * the code generator will emit them (static const tables, one-line accessors).
 *
 * logs:  Log { address: Address{x0..x3: u8} @0, identity @4, userid @8, date @12,
 *              request @16 (non-null strings), code: u16 = 200 @20, size: u64 @24 }
 *        LogList = [Log]; Logs { logs: LogList @0 } (root, identifier "LOGS")
 * logs_v0: the same without code and size (Log declared size 20, body alignment 4).
 * mesh:  Triangles = [Triangle{v0, v1, v2, normal: Vector3{x, y, z: f32}}] (stride 48);
 *        Mesh { triangles: Triangles @0 } (root, no identifier)
 * cfg_v0 / cfg_v1: Config { a: u32 @0, name: string? @4 } then + { b: u16 = 7 @8,
 *        on: bool = true @10, extra: string? @12 } (append-only evolution, alignment 4)
 * zoo:   every check kind; see schemas.c.
 */
#ifndef WXL_TEST_SCHEMAS_H
#define WXL_TEST_SCHEMAS_H

#include "wxl.h"

extern const wxl_schema logs_schema;
extern const wxl_schema logs_v0_schema;
extern const wxl_schema mesh_schema;
extern const wxl_schema cfg_v0_schema;
extern const wxl_schema cfg_v1_schema;
extern const wxl_schema zoo_schema;

/* ---- logs ---- */
enum { LOGS_LOG = 16, LOGS_LOG_LIST = 17, LOGS_LOGS = 18 };
#define LOGS_LOG_SIZE 32u
#define LOGS_LOG_ALIGN 8u
#define LOGS_V0_LOG_SIZE 20u
#define LOGS_V0_LOG_ALIGN 4u

static inline wxl_view logs_root(const uint8_t *buf, size_t len) { return wxl_root(buf, len); }
static inline wxl_view logs_Logs_logs(wxl_view v) { return wxl_get_view(v, 0); }
static inline uint8_t logs_Log_address_x(wxl_view v, uint32_t i) { return wxl_get_u8(v, i, 0); }
static inline wxl_str logs_Log_identity(wxl_view v) { return wxl_get_str(v, 4); }
static inline wxl_str logs_Log_userid(wxl_view v) { return wxl_get_str(v, 8); }
static inline wxl_str logs_Log_date(wxl_view v) { return wxl_get_str(v, 12); }
static inline wxl_str logs_Log_request(wxl_view v) { return wxl_get_str(v, 16); }
static inline uint16_t logs_Log_code(wxl_view v) { return wxl_get_u16(v, 20, 200); }
static inline uint64_t logs_Log_size(wxl_view v) { return wxl_get_u64(v, 24, 0); }

/* ---- mesh ---- */
enum { MESH_TRIANGLES = 16, MESH_MESH = 17 };
#define MESH_TRIANGLE_SIZE 48u

static inline wxl_view mesh_Mesh_triangles(wxl_view v) { return wxl_get_view(v, 0); }
/* Vector3 `k` (0..3: v0, v1, v2, normal), coordinate `c` (0..2) of triangle i. */
static inline float mesh_coord(wxl_view tris, uint32_t i, uint32_t k, uint32_t c) {
    return wxl_load_f32(wxl_array_elem(tris, MESH_TRIANGLE_SIZE, i) + 12 * k + 4 * c);
}

/* ---- cfg ---- */
enum { CFG_CONFIG = 16 };
#define CFG_V0_SIZE 8u
#define CFG_V1_SIZE 16u
static inline uint32_t cfg_a(wxl_view v) { return wxl_get_u32(v, 0, 0); }
static inline wxl_str cfg_name(wxl_view v) { return wxl_get_str(v, 4); }
static inline uint16_t cfg_b(wxl_view v) { return wxl_get_u16(v, 8, 7); }
static inline bool cfg_on(wxl_view v) { return wxl_get_bool(v, 10, true); }
static inline wxl_str cfg_extra(wxl_view v) { return wxl_get_str(v, 12); }

/* ---- zoo ---- */
enum {
    ZOO_SHAPE = 16,      /* Shape { id: u32 @0, name: string? @4 }                    size 8  */
    ZOO_CIRCLE = 17,     /* Circle <: Shape { .., radius: f64 @8 }          align 8, size 16 */
    ZOO_SQUARE = 18,     /* Square <: Shape { .., side: f32 @8 }                     size 12 */
    ZOO_ITEM = 19,       /* Item, below                                     align 8, size 56 */
    ZOO_ITEM_LIST = 20,  /* [Item]                                                           */
    ZOO_FLAGS = 21,      /* [bool]                                                           */
    ZOO_PAIRS = 22,      /* [Pair { on: bool @0, e: enum u8 {3, 4} @1, label: string? @4 }]  */
    ZOO_DOUBLES = 23,    /* [f64]                                                   align 8  */
    ZOO_UNUSED = 24,     /* a gap: no type has this id                                       */
    ZOO_ZOO = 25,        /* Zoo (root), below                               align 8, size 40 */
    ZOO_SHAPE_LIST = 26, /* [Shape?]                                                         */
    ZOO_NAMES = 27,      /* [string]                                                         */
    ZOO_V128S = 28       /* [v128]                                                 align 16  */
};

/* Item: flag: bool @0, color: enum u8 {0,1,2} @1, level: enum u16 {1,5,1000} @2,
 * shape: Shape @4, maybe: Circle? @8, any: anyref? @12, small: i31ref @16, blob: bytes? @20,
 * arr: arrayref? @24, st: structref? @28, nothing: nullref @32, big: enum u64 {0, ~0} @40,
 * wide: enum u32 {7, 0x80000000} @48, f: f32 = 1.5 @52. */
#define ZOO_ITEM_SIZE 56u
#define ZOO_ITEM_ALIGN 8u
/* Zoo: items: ItemList @0, shapes: ShapeList? @4, flags: Flags? @8, pairs: Pairs? @12,
 * doubles: Doubles? @16, names: Names? @20, title: string? @24, count: u64 = 7 @32. */
#define ZOO_ZOO_SIZE 40u
#define ZOO_ZOO_ALIGN 8u
#define ZOO_PAIR_SIZE 8u

static inline uint32_t zoo_Shape_id(wxl_view v) { return wxl_get_u32(v, 0, 0); }
static inline wxl_str zoo_Shape_name(wxl_view v) { return wxl_get_str(v, 4); }
static inline double zoo_Circle_radius(wxl_view v) { return wxl_get_f64(v, 8, 0.0); }
static inline float zoo_Square_side(wxl_view v) { return wxl_get_f32(v, 8, 0.0f); }

static inline bool zoo_Item_flag(wxl_view v) { return wxl_get_bool(v, 0, false); }
static inline uint8_t zoo_Item_color(wxl_view v) { return wxl_get_u8(v, 1, 0); }
static inline uint16_t zoo_Item_level(wxl_view v) { return wxl_get_u16(v, 2, 1); }
static inline wxl_view zoo_Item_shape(wxl_view v) { return wxl_get_view(v, 4); }
static inline wxl_view zoo_Item_maybe(wxl_view v) { return wxl_get_view(v, 8); }
static inline uint32_t zoo_Item_any(wxl_view v) { return wxl_get_ref(v, 12); }
static inline int32_t zoo_Item_small(wxl_view v) { return wxl_i31_get_s(wxl_get_ref(v, 16)); }
static inline wxl_bytes zoo_Item_blob(wxl_view v) { return wxl_get_bytes(v, 20); }
static inline wxl_view zoo_Item_arr(wxl_view v) { return wxl_get_view(v, 24); }
static inline wxl_view zoo_Item_st(wxl_view v) { return wxl_get_view(v, 28); }
static inline uint32_t zoo_Item_nothing(wxl_view v) { return wxl_get_ref(v, 32); }
static inline uint64_t zoo_Item_big(wxl_view v) { return wxl_get_u64(v, 40, 0); }
static inline uint32_t zoo_Item_wide(wxl_view v) { return wxl_get_u32(v, 48, 7); }
static inline float zoo_Item_f(wxl_view v) { return wxl_get_f32(v, 52, 1.5f); }

static inline wxl_view zoo_Zoo_items(wxl_view v) { return wxl_get_view(v, 0); }
static inline wxl_view zoo_Zoo_shapes(wxl_view v) { return wxl_get_view(v, 4); }
static inline wxl_view zoo_Zoo_flags(wxl_view v) { return wxl_get_view(v, 8); }
static inline wxl_view zoo_Zoo_pairs(wxl_view v) { return wxl_get_view(v, 12); }
static inline wxl_view zoo_Zoo_doubles(wxl_view v) { return wxl_get_view(v, 16); }
static inline wxl_view zoo_Zoo_names(wxl_view v) { return wxl_get_view(v, 20); }
static inline wxl_str zoo_Zoo_title(wxl_view v) { return wxl_get_str(v, 24); }
static inline uint64_t zoo_Zoo_count(wxl_view v) { return wxl_get_u64(v, 32, 7); }

static inline bool zoo_Pair_on(const uint8_t *e) { return wxl_load_bool(e); }
static inline uint8_t zoo_Pair_e(const uint8_t *e) { return wxl_load_u8(e + 1); }
static inline uint32_t zoo_Pair_label(const uint8_t *e) { return wxl_load_u32(e + 4); }

#endif
