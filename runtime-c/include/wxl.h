/*
 * wxl.h: the wxl C runtime (C99, libc only).
 *
 * The binary layout is docs/LAYOUT.md; this header follows it byte for byte.
 *   - Schema tables: plain static data, emitted by the code generator with C99 designated
 *     initializers. They mirror runtime-rs/src/schema.rs field for field.
 *   - Verifier (src/wxl.c): one forward pass, no allocation; the caller passes the bitmap.
 *   - Readers (static inline, below): every load goes through memcpy or bytes, so a buffer at
 *     any address is read without alignment or strict-aliasing UB. They assume a buffer that
 *     wxl_verify accepted: they do no bounds checks beyond field presence.
 *   - Builder (src/wxl.c): writes front to back; children before parents; root at finish.
 */
#ifndef WXL_H
#define WXL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------ */
/* Constants of the layout (LAYOUT.md sections 3 and 4.1).                                     */

#define WXL_LAYOUT_VERSION 1u
#define WXL_HEADER_SIZE 16u
#define WXL_MAX_LEN 0xFFFFFFFCu
#define WXL_TYPE_ID_STRING 1u
#define WXL_TYPE_ID_BYTES 2u
#define WXL_FIRST_SCHEMA_TYPE_ID 16u
/* A short length of 0xFFFF means "the length is the next u32". */
#define WXL_LONG_LENGTH 0xFFFFu

/* Element count of a static array, for the `*_count` fields of generated tables. */
#define WXL_COUNT(a) ((uint32_t)(sizeof(a) / sizeof((a)[0])))

/* ------------------------------------------------------------------------------------------ */
/* Schema tables (mirror of runtime-rs/src/schema.rs). Zero is never a valid kind, so a        */
/* forgotten initializer is caught by wxl_schema_check.                                        */

enum wxl_check_kind {
    WXL_CHECK_BOOL = 1, /* a byte that must be 0 or 1 */
    WXL_CHECK_ENUM = 2, /* a closed enum: the value must be one of `values` */
    WXL_CHECK_REF = 3   /* a reference */
};

enum wxl_heap_kind {
    WXL_HEAP_TYPE = 1,   /* schema type `heap_type` and its subtypes */
    WXL_HEAP_STRING = 2, /* type id 1 */
    WXL_HEAP_BYTES = 3,  /* type id 2 */
    WXL_HEAP_STRUCT = 4, /* any struct object */
    WXL_HEAP_ARRAY = 5,  /* any array object, string or bytes */
    WXL_HEAP_ANY = 6,    /* any object or i31 value (`eq` and `any`) */
    WXL_HEAP_I31 = 7,    /* i31 values only */
    WXL_HEAP_NONE = 8    /* null only */
};

enum wxl_type_kind {
    WXL_KIND_UNUSED = 0, /* an id no type uses (explicit ids leave gaps); zero-init = unused */
    WXL_KIND_STRUCT = 1,
    WXL_KIND_ARRAY = 2
};

/* One check at a fixed offset inside a struct body or inside each array element. */
typedef struct wxl_check {
    uint32_t offset;        /* relative to the body (struct) or the element (array) */
    uint8_t kind;           /* enum wxl_check_kind */
    uint8_t width;          /* ENUM: 1, 2, 4 or 8 bytes */
    uint8_t nullable;       /* REF: 1 when null is allowed */
    uint8_t heap;           /* REF: enum wxl_heap_kind */
    uint16_t heap_type;     /* REF with WXL_HEAP_TYPE: the schema type id */
    uint32_t value_count;   /* ENUM: number of `values` */
    const uint64_t *values; /* ENUM: allowed raw values, zero-extended, sorted ascending */
} wxl_check;

/* One schema type. */
typedef struct wxl_type_info {
    uint8_t kind;               /* enum wxl_type_kind */
    uint32_t body_align;        /* max(4, largest field or element alignment): 4, 8 or 16 */
    uint32_t size;              /* struct: declared size; array: element size (stride) */
    uint32_t check_count;
    uint32_t ancestor_count;    /* subtyping depth + 1 */
    const wxl_check *checks;    /* sorted by offset; arrays: the checks of one element */
    const uint16_t *ancestors;  /* root supertype first, the type itself last */
} wxl_type_info;

/* The tables of one schema. `types[i]` describes type id `i + 16`. */
typedef struct wxl_schema {
    uint8_t identifier[4]; /* the file identifier, or four zero bytes */
    uint8_t has_root;      /* 1 when `root` is meaningful */
    uint16_t root;         /* the root type id */
    uint32_t type_count;
    const wxl_type_info *types;
} wxl_schema;

/* The entry for a schema type id, or NULL when `id` is not one of the schema's types. */
static inline const wxl_type_info *wxl_schema_type(const wxl_schema *s, uint32_t id) {
    const wxl_type_info *t;
    if (id < WXL_FIRST_SCHEMA_TYPE_ID || id - WXL_FIRST_SCHEMA_TYPE_ID >= s->type_count)
        return NULL;
    t = &s->types[id - WXL_FIRST_SCHEMA_TYPE_ID];
    return t->kind == WXL_KIND_UNUSED ? NULL : t;
}

/* Whether an object of type `actual` is accepted where `expected` is declared:
 * depth[actual] >= depth[expected] && ancestors[actual][depth[expected]] == expected. */
static inline bool wxl_is_subtype(const wxl_schema *s, uint32_t actual, uint32_t expected) {
    const wxl_type_info *a, *e;
    uint32_t depth;
    if (actual == expected)
        return true;
    a = wxl_schema_type(s, actual);
    e = wxl_schema_type(s, expected);
    if (a == NULL || e == NULL || e->ancestor_count == 0)
        return false;
    depth = e->ancestor_count - 1;
    return depth < a->ancestor_count && a->ancestors[depth] == expected;
}

/* Sanity check of hand-written or generated tables: kinds set, checks sorted and inside the
 * declared size (or element), enum widths and sorted values, power-of-two alignments, each
 * type last in its own ancestors. Returns 0 when well formed, else 1 + the offending index.
 * The verifier trusts the tables; run this once in the generated code's tests. */
uint32_t wxl_schema_check(const wxl_schema *s);

/* ------------------------------------------------------------------------------------------ */
/* Error codes: 1..21 are LAYOUT.md section 6, identical in every runtime. 64.. are errors of  */
/* this API (misuse, memory), which no buffer rule produces.                                   */

typedef enum wxl_error_code {
    WXL_OK = 0,
    WXL_ERR_BUFFER_TOO_SHORT = 1,
    WXL_ERR_BUFFER_TOO_LONG = 2,
    WXL_ERR_LENGTH_NOT_MULTIPLE_OF_4 = 3,
    WXL_ERR_BAD_MAGIC = 4,
    WXL_ERR_BAD_VERSION = 5,
    WXL_ERR_BAD_FLAGS = 6,
    WXL_ERR_WRONG_IDENTIFIER = 7,
    WXL_ERR_BAD_PADDING = 8,
    WXL_ERR_UNKNOWN_TYPE = 9,
    WXL_ERR_NON_CANONICAL_LENGTH = 10,
    WXL_ERR_MISALIGNED_BODY = 11,
    WXL_ERR_OBJECT_OUT_OF_BOUNDS = 12,
    WXL_ERR_INVALID_BOOL = 13,
    WXL_ERR_INVALID_ENUM = 14,
    WXL_ERR_NULL_REF = 15,
    WXL_ERR_REF_NOT_BACKWARD = 16,
    WXL_ERR_REF_NOT_OBJECT_START = 17,
    WXL_ERR_REF_TYPE_MISMATCH = 18,
    WXL_ERR_REQUIRED_FIELD_ABSENT = 19,
    WXL_ERR_INVALID_UTF8 = 20,
    WXL_ERR_ROOT_INVALID = 21,
    WXL_ERR_SCRATCH_TOO_SMALL = 64, /* wxl_verify: fewer than wxl_verify_scratch_words(len) */
    WXL_ERR_OUT_OF_MEMORY = 65,     /* builder: realloc failed */
    WXL_ERR_BUFFER_FULL = 66,       /* builder: the fixed buffer is too small */
    WXL_ERR_BUILDER_MISUSE = 67,    /* builder: bad argument or call order */
    WXL_ERR_FIELD_ABSENT = 68       /* in-place setter: the field is not stored */
} wxl_error_code;

/* The first rule broken and where (LAYOUT.md section 6, "offset reported"). */
typedef struct wxl_error {
    int code; /* enum wxl_error_code */
    uint32_t offset;
} wxl_error;

/* "BAD_PADDING" for 8, "OK" for 0, "UNKNOWN_ERROR" for a code not listed above. */
const char *wxl_error_name(int code);

/* ------------------------------------------------------------------------------------------ */
/* Verifier.                                                                                   */

typedef struct wxl_verify_options {
    const uint8_t *identifier; /* 4 bytes the header must hold, or NULL: no check */
    uint16_t root_type;        /* 0: the schema's root (any object when it has none) */
} wxl_verify_options;

/* Words of scratch wxl_verify needs for a buffer of `len` bytes: one bit per 4-byte word. */
size_t wxl_verify_scratch_words(size_t len);

/* Checks `buf` against `schema` (LAYOUT.md section 6) and returns WXL_OK or the code of the
 * first rule broken, also stored with its offset in `*err` (which may be NULL). `opts` may be
 * NULL. `scratch` must hold wxl_verify_scratch_words(len) words; its contents are overwritten.
 * No allocation, no recursion; time linear in len plus the checked fields. */
int wxl_verify(const uint8_t *buf, size_t len, const wxl_schema *schema,
               const wxl_verify_options *opts, uint64_t *scratch, size_t scratch_words,
               wxl_error *err);

/* Whether `p[0..n)` is well-formed UTF-8 (no overlongs, surrogates, > U+10FFFF, truncation). */
bool wxl_utf8_valid(const uint8_t *p, size_t n);

/* ------------------------------------------------------------------------------------------ */
/* Little-endian loads and stores at any address.                                              */

/* -DWXL_LITTLE_ENDIAN=0 forces the portable byte-wise path (the tests build it on x86). */
#if defined(WXL_LITTLE_ENDIAN)
#elif defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WXL_LITTLE_ENDIAN 1
#elif defined(_M_X64) || defined(_M_IX86) || defined(_M_ARM64) || defined(_M_ARM)
#define WXL_LITTLE_ENDIAN 1
#else
#define WXL_LITTLE_ENDIAN 0 /* unknown or big-endian: byte-wise loads, correct anywhere */
#endif

static inline uint8_t wxl_load_u8(const uint8_t *p) { return p[0]; }

static inline uint16_t wxl_load_u16(const uint8_t *p) {
#if WXL_LITTLE_ENDIAN
    uint16_t v;
    memcpy(&v, p, sizeof v);
    return v;
#else
    return (uint16_t)(p[0] | (uint16_t)(p[1] << 8));
#endif
}

static inline uint32_t wxl_load_u32(const uint8_t *p) {
#if WXL_LITTLE_ENDIAN
    uint32_t v;
    memcpy(&v, p, sizeof v);
    return v;
#else
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
#endif
}

static inline uint64_t wxl_load_u64(const uint8_t *p) {
#if WXL_LITTLE_ENDIAN
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
#else
    return (uint64_t)wxl_load_u32(p) | (uint64_t)wxl_load_u32(p + 4) << 32;
#endif
}

static inline void wxl_store_u8(uint8_t *p, uint8_t v) { p[0] = v; }

static inline void wxl_store_u16(uint8_t *p, uint16_t v) {
#if WXL_LITTLE_ENDIAN
    memcpy(p, &v, sizeof v);
#else
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
#endif
}

static inline void wxl_store_u32(uint8_t *p, uint32_t v) {
#if WXL_LITTLE_ENDIAN
    memcpy(p, &v, sizeof v);
#else
    wxl_store_u16(p, (uint16_t)v);
    wxl_store_u16(p + 2, (uint16_t)(v >> 16));
#endif
}

static inline void wxl_store_u64(uint8_t *p, uint64_t v) {
#if WXL_LITTLE_ENDIAN
    memcpy(p, &v, sizeof v);
#else
    wxl_store_u32(p, (uint32_t)v);
    wxl_store_u32(p + 4, (uint32_t)(v >> 32));
#endif
}

/* Signed and float loads/stores reinterpret the unsigned bits through memcpy: exact-width
 * signed types are two's complement by C99 7.18.1.1, so this is defined behaviour. */
#define WXL_BITCAST_ACCESS(name, T, U, ubits)                                                  \
    static inline T wxl_load_##name(const uint8_t *p) {                                        \
        U u = wxl_load_u##ubits(p);                                                            \
        T t;                                                                                   \
        memcpy(&t, &u, sizeof t);                                                              \
        return t;                                                                              \
    }                                                                                          \
    static inline void wxl_store_##name(uint8_t *p, T t) {                                     \
        U u;                                                                                   \
        memcpy(&u, &t, sizeof u);                                                              \
        wxl_store_u##ubits(p, u);                                                              \
    }
WXL_BITCAST_ACCESS(i8, int8_t, uint8_t, 8)
WXL_BITCAST_ACCESS(i16, int16_t, uint16_t, 16)
WXL_BITCAST_ACCESS(i32, int32_t, uint32_t, 32)
WXL_BITCAST_ACCESS(i64, int64_t, uint64_t, 64)
WXL_BITCAST_ACCESS(f32, float, uint32_t, 32)
WXL_BITCAST_ACCESS(f64, double, uint64_t, 64)
#undef WXL_BITCAST_ACCESS

static inline bool wxl_load_bool(const uint8_t *p) { return p[0] != 0; }
static inline void wxl_store_bool(uint8_t *p, bool v) { p[0] = v ? 1 : 0; }

/* ------------------------------------------------------------------------------------------ */
/* Readers. A view is a buffer plus the offset of an object's tag word (0 = null).             */

typedef struct wxl_view {
    const uint8_t *buf;
    uint32_t len; /* the buffer length (buffers never exceed WXL_MAX_LEN) */
    uint32_t obj; /* offset of the tag word; 0 for a null reference */
} wxl_view;

/* A decoded tag word. */
typedef struct wxl_object {
    uint16_t type;   /* type id */
    uint32_t length; /* struct: stored size; array: count; string, bytes: byte count */
    uint32_t body;   /* offset of the body */
} wxl_object;

static inline wxl_object wxl_object_at(const uint8_t *buf, uint32_t obj) {
    uint32_t tag = wxl_load_u32(buf + obj);
    wxl_object o;
    o.type = (uint16_t)(tag & 0xFFFFu);
    o.length = tag >> 16;
    o.body = obj + 4;
    if (o.length == WXL_LONG_LENGTH) {
        o.length = wxl_load_u32(buf + obj + 4);
        o.body = obj + 8;
    }
    return o;
}

/* The root object of a verified buffer. */
static inline wxl_view wxl_root(const uint8_t *buf, size_t len) {
    wxl_view v;
    v.buf = buf;
    v.len = (uint32_t)len;
    v.obj = wxl_load_u32(buf + 12);
    return v;
}

static inline wxl_view wxl_view_at(wxl_view base, uint32_t obj) {
    base.obj = obj;
    return base;
}

static inline bool wxl_is_null(wxl_view v) { return v.obj == 0; }
static inline uint16_t wxl_type_of(wxl_view v) { return wxl_object_at(v.buf, v.obj).type; }
static inline uint32_t wxl_length(wxl_view v) { return wxl_object_at(v.buf, v.obj).length; }
static inline const uint8_t *wxl_body(wxl_view v) {
    return v.buf + wxl_object_at(v.buf, v.obj).body;
}

/* The address of a struct field, or NULL when the stored size does not hold it (absent).
 * `v` must be a non-null struct view. */
static inline const uint8_t *wxl_field(wxl_view v, uint32_t off, uint32_t size) {
    wxl_object o = wxl_object_at(v.buf, v.obj);
    if ((uint64_t)off + size > o.length)
        return NULL;
    return v.buf + o.body + off;
}

/* Presence-aware scalar getters: wxl_get_u16(v, 20, 200) is field `u16 @20 = 200`. */
#define WXL_FIELD_GETTER(name, T, size)                                                        \
    static inline T wxl_get_##name(wxl_view v, uint32_t off, T def) {                          \
        const uint8_t *p = wxl_field(v, off, size);                                            \
        return p != NULL ? wxl_load_##name(p) : def;                                           \
    }
WXL_FIELD_GETTER(u8, uint8_t, 1)
WXL_FIELD_GETTER(i8, int8_t, 1)
WXL_FIELD_GETTER(u16, uint16_t, 2)
WXL_FIELD_GETTER(i16, int16_t, 2)
WXL_FIELD_GETTER(u32, uint32_t, 4)
WXL_FIELD_GETTER(i32, int32_t, 4)
WXL_FIELD_GETTER(u64, uint64_t, 8)
WXL_FIELD_GETTER(i64, int64_t, 8)
WXL_FIELD_GETTER(f32, float, 4)
WXL_FIELD_GETTER(f64, double, 8)
WXL_FIELD_GETTER(bool, bool, 1)
#undef WXL_FIELD_GETTER

/* A reference field's raw value: 0 when null or absent, odd for an i31, else an object. */
static inline uint32_t wxl_get_ref(wxl_view v, uint32_t off) { return wxl_get_u32(v, off, 0); }

/* The object a reference field points to (obj 0 when null or absent). Only for fields whose
 * heap type admits no i31 (an i31 value is not an object: read those with wxl_get_ref). */
static inline wxl_view wxl_get_view(wxl_view v, uint32_t off) {
    return wxl_view_at(v, wxl_get_ref(v, off));
}

/* i31 references: bit 0 set, value in bits 1..31. */
static inline bool wxl_ref_is_i31(uint32_t ref) { return (ref & 1u) != 0; }
static inline uint32_t wxl_i31_get_u(uint32_t ref) { return ref >> 1; }
static inline int32_t wxl_i31_get_s(uint32_t ref) {
    /* sign-extend 31 bits without relying on implementation-defined shifts */
    return (int32_t)((ref >> 1) ^ 0x40000000u) - 0x40000000;
}
static inline uint32_t wxl_i31_from_u(uint32_t value) { return (value << 1) | 1u; }
static inline uint32_t wxl_i31_from_s(int32_t value) { return ((uint32_t)value << 1) | 1u; }

/* Strings and byte strings: pointer + length, not NUL-terminated. NULL ptr for null. */
typedef struct wxl_str {
    const char *ptr;
    uint32_t len;
} wxl_str;

typedef struct wxl_bytes {
    const uint8_t *ptr;
    uint32_t len;
} wxl_bytes;

/* The string object `s` (a view of type id 1, or null). */
static inline wxl_str wxl_str_of(wxl_view s) {
    wxl_str r = {NULL, 0};
    if (s.obj != 0) {
        wxl_object o = wxl_object_at(s.buf, s.obj);
        r.ptr = (const char *)(s.buf + o.body);
        r.len = o.length;
    }
    return r;
}

static inline wxl_bytes wxl_bytes_of(wxl_view s) {
    wxl_bytes r = {NULL, 0};
    if (s.obj != 0) {
        wxl_object o = wxl_object_at(s.buf, s.obj);
        r.ptr = s.buf + o.body;
        r.len = o.length;
    }
    return r;
}

static inline wxl_str wxl_get_str(wxl_view v, uint32_t off) {
    return wxl_str_of(wxl_get_view(v, off));
}
static inline wxl_bytes wxl_get_bytes(wxl_view v, uint32_t off) {
    return wxl_bytes_of(wxl_get_view(v, off));
}

/* Arrays. `a` is an array view (null reads as empty); `i` must be below wxl_array_len(a). */
static inline uint32_t wxl_array_len(wxl_view a) {
    return a.obj == 0 ? 0 : wxl_object_at(a.buf, a.obj).length;
}

/* Element i's address, for arrays of value structs (read fields with wxl_load_*). */
static inline const uint8_t *wxl_array_elem(wxl_view a, uint32_t stride, uint32_t i) {
    return wxl_body(a) + (size_t)i * stride;
}

/* Element i of an array of references. */
static inline uint32_t wxl_array_ref(wxl_view a, uint32_t i) {
    return wxl_load_u32(wxl_array_elem(a, 4, i));
}
static inline wxl_view wxl_array_view(wxl_view a, uint32_t i) {
    return wxl_view_at(a, wxl_array_ref(a, i));
}

/* Element i of an array of scalars: wxl_array_get_f32(a, i). */
#define WXL_ELEM_GETTER(name, T, size)                                                         \
    static inline T wxl_array_get_##name(wxl_view a, uint32_t i) {                             \
        return wxl_load_##name(wxl_array_elem(a, size, i));                                    \
    }
WXL_ELEM_GETTER(u8, uint8_t, 1)
WXL_ELEM_GETTER(i8, int8_t, 1)
WXL_ELEM_GETTER(u16, uint16_t, 2)
WXL_ELEM_GETTER(i16, int16_t, 2)
WXL_ELEM_GETTER(u32, uint32_t, 4)
WXL_ELEM_GETTER(i32, int32_t, 4)
WXL_ELEM_GETTER(u64, uint64_t, 8)
WXL_ELEM_GETTER(i64, int64_t, 8)
WXL_ELEM_GETTER(f32, float, 4)
WXL_ELEM_GETTER(f64, double, 8)
WXL_ELEM_GETTER(bool, bool, 1)
#undef WXL_ELEM_GETTER

/* ------------------------------------------------------------------------------------------ */
/* In-place setters on a mutable verified buffer: scalar fields only (a reference written in   */
/* place could break the backward rule). WXL_ERR_FIELD_ABSENT when the field is not stored.    */

typedef struct wxl_view_mut {
    uint8_t *buf;
    uint32_t len;
    uint32_t obj;
} wxl_view_mut;

#define WXL_FIELD_SETTER(name, T, size)                                                        \
    static inline int wxl_set_##name(wxl_view_mut v, uint32_t off, T value) {                  \
        wxl_object o = wxl_object_at(v.buf, v.obj);                                            \
        if ((uint64_t)off + size > o.length)                                                   \
            return WXL_ERR_FIELD_ABSENT;                                                       \
        wxl_store_##name(v.buf + o.body + off, value);                                         \
        return WXL_OK;                                                                         \
    }
WXL_FIELD_SETTER(u8, uint8_t, 1)
WXL_FIELD_SETTER(i8, int8_t, 1)
WXL_FIELD_SETTER(u16, uint16_t, 2)
WXL_FIELD_SETTER(i16, int16_t, 2)
WXL_FIELD_SETTER(u32, uint32_t, 4)
WXL_FIELD_SETTER(i32, int32_t, 4)
WXL_FIELD_SETTER(u64, uint64_t, 8)
WXL_FIELD_SETTER(i64, int64_t, 8)
WXL_FIELD_SETTER(f32, float, 4)
WXL_FIELD_SETTER(f64, double, 8)
WXL_FIELD_SETTER(bool, bool, 1)
#undef WXL_FIELD_SETTER

/* ------------------------------------------------------------------------------------------ */
/* Builder. Objects are appended front to back; each call returns the new object's offset, or  */
/* 0 once an error has occurred (the first error sticks and wxl_builder_finish reports it).    */
/* At most one struct or array is open (between *_begin and wxl_builder_end) at a time.        */

typedef struct wxl_builder {
    uint8_t *data;         /* 16-aligned start of the buffer (growable builders) */
    void *raw;             /* what realloc returned; NULL for a fixed buffer */
    size_t len;            /* bytes written, always a multiple of 4 */
    size_t cap;            /* usable bytes at data */
    size_t open_body;      /* body offset of the open object */
    size_t open_size;      /* body size of the open object */
    uint32_t open_obj;     /* tag offset of the open object, 0 when none is open */
    int error;             /* first error (enum wxl_error_code), sticky */
    uint8_t identifier[4]; /* kept for wxl_builder_reset */
} wxl_builder;

/* A growable builder (malloc/realloc); `identifier` is 4 bytes or NULL for zeros. */
void wxl_builder_init(wxl_builder *b, const uint8_t *identifier);
/* A builder writing into `mem[0..cap)`; WXL_ERR_BUFFER_FULL when it does not fit. */
void wxl_builder_init_fixed(wxl_builder *b, uint8_t *mem, size_t cap, const uint8_t *identifier);
/* Start a new buffer in the same storage (serializing into a reused buffer). */
void wxl_builder_reset(wxl_builder *b);
/* Release a growable builder's storage. */
void wxl_builder_free(wxl_builder *b);
/* Heap-allocated growable builder, for FFI callers that cannot embed the struct. */
wxl_builder *wxl_builder_new(const uint8_t *identifier);
void wxl_builder_delete(wxl_builder *b);
int wxl_builder_error(const wxl_builder *b);

/* Strings (must be valid UTF-8, else WXL_ERR_INVALID_UTF8) and byte strings. */
uint32_t wxl_builder_string(wxl_builder *b, const char *s, size_t n);
uint32_t wxl_builder_bytes(wxl_builder *b, const void *p, size_t n);

/* An array of `count` scalars of `elem_size` (1, 2, 4, 8; 16 = v128 raw bytes) from native
 * memory: one memcpy on little-endian hosts. Bool elements must be 0 or 1 (not checked). */
uint32_t wxl_builder_scalars(wxl_builder *b, uint16_t type_id, uint32_t body_align,
                             uint32_t elem_size, const void *elems, size_t count);
/* An array of references (stride 4, body alignment 4). */
uint32_t wxl_builder_refs(wxl_builder *b, uint16_t type_id, const uint32_t *refs, size_t count);
/* An array whose elements are already in wire layout (value structs): count * stride bytes. */
uint32_t wxl_builder_raw_array(wxl_builder *b, uint16_t type_id, uint32_t body_align,
                               uint32_t stride, const void *elems, size_t count);

/* Open a struct of `size` declared bytes (zero-filled), or an array of `count` elements of
 * `stride` bytes; set its bytes with wxl_builder_set_* (offsets relative to the body; for an
 * array element i, i * stride + field offset); wxl_builder_end returns its offset. */
int wxl_builder_struct_begin(wxl_builder *b, uint16_t type_id, uint32_t body_align,
                             uint32_t size);
int wxl_builder_array_begin(wxl_builder *b, uint16_t type_id, uint32_t body_align,
                            uint32_t stride, uint32_t count);
uint32_t wxl_builder_end(wxl_builder *b);

void wxl_builder_set_u8(wxl_builder *b, uint32_t off, uint8_t v);
void wxl_builder_set_i8(wxl_builder *b, uint32_t off, int8_t v);
void wxl_builder_set_u16(wxl_builder *b, uint32_t off, uint16_t v);
void wxl_builder_set_i16(wxl_builder *b, uint32_t off, int16_t v);
void wxl_builder_set_u32(wxl_builder *b, uint32_t off, uint32_t v);
void wxl_builder_set_i32(wxl_builder *b, uint32_t off, int32_t v);
void wxl_builder_set_u64(wxl_builder *b, uint32_t off, uint64_t v);
void wxl_builder_set_i64(wxl_builder *b, uint32_t off, int64_t v);
void wxl_builder_set_f32(wxl_builder *b, uint32_t off, float v);
void wxl_builder_set_f64(wxl_builder *b, uint32_t off, double v);
void wxl_builder_set_bool(wxl_builder *b, uint32_t off, bool v);
/* A reference: an object offset returned earlier, 0 for null, or wxl_i31_from_*(x). */
void wxl_builder_set_ref(wxl_builder *b, uint32_t off, uint32_t ref);
/* `n` raw bytes (a value struct in wire layout, a v128). */
void wxl_builder_set_raw(wxl_builder *b, uint32_t off, const void *p, size_t n);

/* Writes the root reference and hands out the buffer (owned by the builder, valid until the
 * next reset or free). Returns WXL_OK or the first error. */
int wxl_builder_finish(wxl_builder *b, uint32_t root, const uint8_t **out, size_t *out_len);

/* ------------------------------------------------------------------------------------------ */
/* Support for generated headers (wxl-codegen-c). WXL_GENERATED_SUPPORT is this section's      */
/* version: a generated header refuses an older wxl.h with #error.                             */

#define WXL_GENERATED_SUPPORT 1

/* A compile-time check: _Static_assert under C11 (static_assert under C++11), else a typedef   */
/* of a char array whose size is -1 when `cond` fails (C99). `name` must be a unique identifier. */
#if defined(__cplusplus) && __cplusplus >= 201103L
#define WXL_STATIC_ASSERT(cond, name) static_assert(cond, #name)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define WXL_STATIC_ASSERT(cond, name) _Static_assert(cond, #name)
#else
#define WXL_STATIC_ASSERT(cond, name) typedef char wxl_static_assert_##name[(cond) ? 1 : -1]
#endif

/* References returned by builders, typed so that a string cannot be passed for bytes. */
typedef struct wxl_string_ref {
    uint32_t off; /* the object's offset; 0 after a builder error */
} wxl_string_ref;

typedef struct wxl_bytes_ref {
    uint32_t off;
} wxl_bytes_ref;

/* A v128 value: 16 raw bytes, lane 0 first. */
typedef struct wxl_v128 {
    uint8_t bytes[16];
} wxl_v128;

static inline wxl_string_ref wxl_string_create(wxl_builder *b, const char *s, size_t n) {
    wxl_string_ref r;
    r.off = wxl_builder_string(b, s, n);
    return r;
}

/* A NUL-terminated string (the NUL is not stored). */
static inline wxl_string_ref wxl_string_create_cstr(wxl_builder *b, const char *s) {
    return wxl_string_create(b, s, strlen(s));
}

static inline wxl_bytes_ref wxl_bytes_create(wxl_builder *b, const void *p, size_t n) {
    wxl_bytes_ref r;
    r.off = wxl_builder_bytes(b, p, n);
    return r;
}

/* Non-finite float defaults are spelled by their bits (C99 has no portable literal). */
static inline float wxl_f32_from_bits(uint32_t bits) {
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

static inline double wxl_f64_from_bits(uint64_t bits) {
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

/* A v128 field: its 16 bytes, or zeros when absent. */
static inline wxl_v128 wxl_get_v128(wxl_view v, uint32_t off) {
    wxl_v128 r;
    const uint8_t *p = wxl_field(v, off, 16);
    if (p != NULL)
        memcpy(r.bytes, p, 16);
    else
        memset(r.bytes, 0, 16);
    return r;
}

static inline wxl_v128 wxl_load_v128(const uint8_t *p) {
    wxl_v128 r;
    memcpy(r.bytes, p, 16);
    return r;
}

/* The object an `anyref`/`eqref` value refers to: obj 0 for null and for i31 values. */
static inline wxl_view wxl_ref_view(wxl_view base, uint32_t ref) {
    return wxl_view_at(base, (ref & 3u) == 0 ? ref : 0);
}

/* The writable address of a field of a mutable view, or NULL when it is absent. */
static inline uint8_t *wxl_field_mut(wxl_view_mut v, uint32_t off, uint32_t size) {
    wxl_object o = wxl_object_at(v.buf, v.obj);
    if ((uint64_t)off + size > o.length)
        return NULL;
    return v.buf + o.body + off;
}

/* The writable address of element i (below the length) of a mutable array view. */
static inline uint8_t *wxl_array_elem_mut(wxl_view_mut a, uint32_t stride, uint32_t i) {
    return a.buf + wxl_object_at(a.buf, a.obj).body + (size_t)i * stride;
}

#ifdef __cplusplus
}
#endif

#endif /* WXL_H */
