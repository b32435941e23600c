/* Hand-written tables for the schemas described in schemas.h. */
#include "schemas.h"

#define STR_REF(off) {.offset = (off), .kind = WXL_CHECK_REF, .heap = WXL_HEAP_STRING}
#define OPT_STR_REF(off)                                                                       \
    {.offset = (off), .kind = WXL_CHECK_REF, .nullable = 1, .heap = WXL_HEAP_STRING}
#define TYPE_REF(off, id, null)                                                                \
    {.offset = (off), .kind = WXL_CHECK_REF, .nullable = (null), .heap = WXL_HEAP_TYPE,      \
     .heap_type = (id)}
#define HEAP_REF(off, h, null) {.offset = (off), .kind = WXL_CHECK_REF, .nullable = (null), .heap = (h)}
#define ENUM(off, w, vals)                                                                     \
    {.offset = (off), .kind = WXL_CHECK_ENUM, .width = (w), .values = (vals),                 \
     .value_count = WXL_COUNT(vals)}
#define BOOL(off) {.offset = (off), .kind = WXL_CHECK_BOOL}
#define CHECKS(c) .checks = (c), .check_count = WXL_COUNT(c)
#define ANCESTORS(a) .ancestors = (a), .ancestor_count = WXL_COUNT(a)

/* ---- logs ---- */

static const wxl_check log_checks[] = {STR_REF(4), STR_REF(8), STR_REF(12), STR_REF(16)};
static const wxl_check log_list_checks[] = {TYPE_REF(0, LOGS_LOG, 0)};
static const wxl_check logs_checks[] = {TYPE_REF(0, LOGS_LOG_LIST, 0)};
static const uint16_t log_anc[] = {LOGS_LOG};
static const uint16_t log_list_anc[] = {LOGS_LOG_LIST};
static const uint16_t logs_anc[] = {LOGS_LOGS};

static const wxl_type_info logs_types[] = {
    {.kind = WXL_KIND_STRUCT, .body_align = 8, .size = 32, CHECKS(log_checks), ANCESTORS(log_anc)},
    {.kind = WXL_KIND_ARRAY, .body_align = 4, .size = 4, CHECKS(log_list_checks),
     ANCESTORS(log_list_anc)},
    {.kind = WXL_KIND_STRUCT, .body_align = 4, .size = 4, CHECKS(logs_checks),
     ANCESTORS(logs_anc)},
};
const wxl_schema logs_schema = {.identifier = {'L', 'O', 'G', 'S'}, .has_root = 1,
                                .root = LOGS_LOGS, .types = logs_types,
                                .type_count = WXL_COUNT(logs_types)};

static const wxl_type_info logs_v0_types[] = {
    {.kind = WXL_KIND_STRUCT, .body_align = 4, .size = 20, CHECKS(log_checks), ANCESTORS(log_anc)},
    {.kind = WXL_KIND_ARRAY, .body_align = 4, .size = 4, CHECKS(log_list_checks),
     ANCESTORS(log_list_anc)},
    {.kind = WXL_KIND_STRUCT, .body_align = 4, .size = 4, CHECKS(logs_checks),
     ANCESTORS(logs_anc)},
};
const wxl_schema logs_v0_schema = {.identifier = {'L', 'O', 'G', 'S'}, .has_root = 1,
                                   .root = LOGS_LOGS, .types = logs_v0_types,
                                   .type_count = WXL_COUNT(logs_v0_types)};

/* ---- mesh ---- */

static const wxl_check mesh_checks[] = {TYPE_REF(0, MESH_TRIANGLES, 0)};
static const uint16_t tris_anc[] = {MESH_TRIANGLES};
static const uint16_t mesh_anc[] = {MESH_MESH};
static const wxl_type_info mesh_types[] = {
    {.kind = WXL_KIND_ARRAY, .body_align = 4, .size = 48, ANCESTORS(tris_anc)},
    {.kind = WXL_KIND_STRUCT, .body_align = 4, .size = 4, CHECKS(mesh_checks), ANCESTORS(mesh_anc)},
};
const wxl_schema mesh_schema = {.has_root = 1, .root = MESH_MESH, .types = mesh_types,
                                .type_count = WXL_COUNT(mesh_types)};

/* ---- cfg ---- */

static const wxl_check cfg_v0_checks[] = {OPT_STR_REF(4)};
static const wxl_check cfg_v1_checks[] = {OPT_STR_REF(4), BOOL(10), OPT_STR_REF(12)};
static const uint16_t cfg_anc[] = {CFG_CONFIG};
static const wxl_type_info cfg_v0_types[] = {
    {.kind = WXL_KIND_STRUCT, .body_align = 4, .size = 8, CHECKS(cfg_v0_checks), ANCESTORS(cfg_anc)},
};
static const wxl_type_info cfg_v1_types[] = {
    {.kind = WXL_KIND_STRUCT, .body_align = 4, .size = 16, CHECKS(cfg_v1_checks),
     ANCESTORS(cfg_anc)},
};
const wxl_schema cfg_v0_schema = {.has_root = 1, .root = CFG_CONFIG, .types = cfg_v0_types,
                                  .type_count = WXL_COUNT(cfg_v0_types)};
const wxl_schema cfg_v1_schema = {.has_root = 1, .root = CFG_CONFIG, .types = cfg_v1_types,
                                  .type_count = WXL_COUNT(cfg_v1_types)};

/* ---- zoo ---- */

static const uint64_t color_values[] = {0, 1, 2};
static const uint64_t level_values[] = {1, 5, 1000};
static const uint64_t big_values[] = {0, UINT64_MAX};
static const uint64_t wide_values[] = {7, 0x80000000u};
static const uint64_t pair_e_values[] = {3, 4};

static const wxl_check shape_checks[] = {OPT_STR_REF(4)};
static const wxl_check item_checks[] = {
    BOOL(0),
    ENUM(1, 1, color_values),
    ENUM(2, 2, level_values),
    TYPE_REF(4, ZOO_SHAPE, 0),
    TYPE_REF(8, ZOO_CIRCLE, 1),
    HEAP_REF(12, WXL_HEAP_ANY, 1),
    HEAP_REF(16, WXL_HEAP_I31, 0),
    HEAP_REF(20, WXL_HEAP_BYTES, 1),
    HEAP_REF(24, WXL_HEAP_ARRAY, 1),
    HEAP_REF(28, WXL_HEAP_STRUCT, 1),
    HEAP_REF(32, WXL_HEAP_NONE, 1),
    ENUM(40, 8, big_values),
    ENUM(48, 4, wide_values),
};
static const wxl_check item_list_checks[] = {TYPE_REF(0, ZOO_ITEM, 0)};
static const wxl_check flags_checks[] = {BOOL(0)};
static const wxl_check pairs_checks[] = {BOOL(0), ENUM(1, 1, pair_e_values), OPT_STR_REF(4)};
static const wxl_check zoo_checks[] = {
    TYPE_REF(0, ZOO_ITEM_LIST, 0), TYPE_REF(4, ZOO_SHAPE_LIST, 1), TYPE_REF(8, ZOO_FLAGS, 1),
    TYPE_REF(12, ZOO_PAIRS, 1),    TYPE_REF(16, ZOO_DOUBLES, 1),   TYPE_REF(20, ZOO_NAMES, 1),
    OPT_STR_REF(24),
};
static const wxl_check shape_list_checks[] = {TYPE_REF(0, ZOO_SHAPE, 1)};
static const wxl_check names_checks[] = {STR_REF(0)};

static const uint16_t shape_anc[] = {ZOO_SHAPE};
static const uint16_t circle_anc[] = {ZOO_SHAPE, ZOO_CIRCLE};
static const uint16_t square_anc[] = {ZOO_SHAPE, ZOO_SQUARE};
static const uint16_t item_anc[] = {ZOO_ITEM};
static const uint16_t item_list_anc[] = {ZOO_ITEM_LIST};
static const uint16_t flags_anc[] = {ZOO_FLAGS};
static const uint16_t pairs_anc[] = {ZOO_PAIRS};
static const uint16_t doubles_anc[] = {ZOO_DOUBLES};
static const uint16_t zoo_anc[] = {ZOO_ZOO};
static const uint16_t shape_list_anc[] = {ZOO_SHAPE_LIST};
static const uint16_t names_anc[] = {ZOO_NAMES};
static const uint16_t v128s_anc[] = {ZOO_V128S};

#define STRUCT(align, sz) .kind = WXL_KIND_STRUCT, .body_align = (align), .size = (sz)
#define ARRAY(align, stride) .kind = WXL_KIND_ARRAY, .body_align = (align), .size = (stride)

static const wxl_type_info zoo_types[] = {
    [ZOO_SHAPE - 16] = {STRUCT(4, 8), CHECKS(shape_checks), ANCESTORS(shape_anc)},
    [ZOO_CIRCLE - 16] = {STRUCT(8, 16), CHECKS(shape_checks), ANCESTORS(circle_anc)},
    [ZOO_SQUARE - 16] = {STRUCT(4, 12), CHECKS(shape_checks), ANCESTORS(square_anc)},
    [ZOO_ITEM - 16] = {STRUCT(8, 56), CHECKS(item_checks), ANCESTORS(item_anc)},
    [ZOO_ITEM_LIST - 16] = {ARRAY(4, 4), CHECKS(item_list_checks), ANCESTORS(item_list_anc)},
    [ZOO_FLAGS - 16] = {ARRAY(4, 1), CHECKS(flags_checks), ANCESTORS(flags_anc)},
    [ZOO_PAIRS - 16] = {ARRAY(4, 8), CHECKS(pairs_checks), ANCESTORS(pairs_anc)},
    [ZOO_DOUBLES - 16] = {ARRAY(8, 8), ANCESTORS(doubles_anc)},
    [ZOO_ZOO - 16] = {STRUCT(8, 40), CHECKS(zoo_checks), ANCESTORS(zoo_anc)},
    [ZOO_SHAPE_LIST - 16] = {ARRAY(4, 4), CHECKS(shape_list_checks), ANCESTORS(shape_list_anc)},
    [ZOO_NAMES - 16] = {ARRAY(4, 4), CHECKS(names_checks), ANCESTORS(names_anc)},
    [ZOO_V128S - 16] = {ARRAY(16, 16), ANCESTORS(v128s_anc)},
};
const wxl_schema zoo_schema = {.identifier = {'Z', 'O', 'O', '1'}, .has_root = 1,
                               .root = ZOO_ZOO, .types = zoo_types,
                               .type_count = WXL_COUNT(zoo_types)};
