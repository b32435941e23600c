/*
 * wxl.c: verifier, UTF-8 validator, table check and builder of the wxl C runtime.
 *
 * Every invariant wxl_verify checks, in the order it checks them (LAYOUT.md section 6).
 * The first one broken is reported, with the offset in brackets.
 *
 * Header:
 *   H1  len >= 16                                        BUFFER_TOO_SHORT         [0]
 *   H2  len <= 0xFFFFFFFC                                BUFFER_TOO_LONG          [0]
 *   H3  len % 4 == 0                                     LENGTH_NOT_MULTIPLE_OF_4 [0]
 *   H4  bytes 0..4 are 57 58 4C 00                       BAD_MAGIC                [0]
 *   H5  u16 at 4 is 1                                    BAD_VERSION              [4]
 *   H6  u16 at 6 is 0                                    BAD_FLAGS                [6]
 *   H7  bytes 8..12 equal the expected identifier        WRONG_IDENTIFIER         [8]
 *       (only when the caller passes one)
 * Items, from offset 16 to len, front to back:
 *   P1  at most 3 padding (zero) words in a row          BAD_PADDING   [the 4th word]
 *   P2  the buffer does not end with padding             BAD_PADDING   [len - 4]
 * Each object, tag word at h:
 *   O1  type id is 1, 2 or a used schema id              UNKNOWN_TYPE             [h]
 *   O2  a long length (short = 0xFFFF) is >= 0xFFFF     NON_CANONICAL_LENGTH     [h + 4]
 *   O3  body offset % body alignment == 0                MISALIGNED_BODY          [h]
 *       (4 for string and bytes, the table's body_align otherwise)
 *   O4  body + size, rounded up to 4, <= len (64-bit)    OBJECT_OUT_OF_BOUNDS     [h]
 *       (size: stored size, count * stride, byte count)
 *   O5  tail padding bytes after the body are 0          BAD_PADDING    [the first nonzero]
 *   O6  string body is well-formed UTF-8                 INVALID_UTF8             [body]
 *   O7  struct checks, in offset order; array element checks, element by element:
 * Each check at offset a (inside the body, or inside element i):
 *   C1  an absent non-null reference field (struct)      REQUIRED_FIELD_ABSENT    [h]
 *       (absent: offset + size > stored size; absent bools, enums, nullable refs: no check)
 *   C2  bool byte is 0 or 1                              INVALID_BOOL             [a]
 *   C3  closed enum value is one of the declared values  INVALID_ENUM             [a]
 *   C4  reference v == 0 only when nullable              NULL_REF                 [a]
 *   C5  v odd (i31) only when the heap is i31/eq/any     REF_TYPE_MISMATCH        [a]
 *   C6  v % 4 != 2                                       REF_NOT_OBJECT_START     [a]
 *   C7  v < h                                            REF_NOT_BACKWARD         [a]
 *   C8  v is a tag word already seen (bitmap)            REF_NOT_OBJECT_START     [a]
 *   C9  the target's type id is accepted by the heap     REF_TYPE_MISMATCH        [a]
 * Root, after the last item:
 *   R1  u32 at 12 is nonzero, % 4 == 0, < len, a tag word seen, and of the root type or
 *       a subtype (any object when there is no root type)   ROOT_INVALID          [12]
 *
 * The tables are trusted (the compiler generates them; wxl_schema_check proves it in tests):
 * every check lies inside the declared size or the element, alignments are 4, 8 or 16.
 */
#include "wxl.h"

#include <stdlib.h>

/* ------------------------------------------------------------------------------------------ */
/* Error names.                                                                                */

static const char *const k_error_names[] = {
    "OK",
    "BUFFER_TOO_SHORT",
    "BUFFER_TOO_LONG",
    "LENGTH_NOT_MULTIPLE_OF_4",
    "BAD_MAGIC",
    "BAD_VERSION",
    "BAD_FLAGS",
    "WRONG_IDENTIFIER",
    "BAD_PADDING",
    "UNKNOWN_TYPE",
    "NON_CANONICAL_LENGTH",
    "MISALIGNED_BODY",
    "OBJECT_OUT_OF_BOUNDS",
    "INVALID_BOOL",
    "INVALID_ENUM",
    "NULL_REF",
    "REF_NOT_BACKWARD",
    "REF_NOT_OBJECT_START",
    "REF_TYPE_MISMATCH",
    "REQUIRED_FIELD_ABSENT",
    "INVALID_UTF8",
    "ROOT_INVALID",
};

static const char *const k_api_error_names[] = {
    "SCRATCH_TOO_SMALL", "OUT_OF_MEMORY", "BUFFER_FULL", "BUILDER_MISUSE", "FIELD_ABSENT",
};

const char *wxl_error_name(int code) {
    if (code >= 0 && code < (int)(sizeof k_error_names / sizeof k_error_names[0]))
        return k_error_names[code];
    if (code >= WXL_ERR_SCRATCH_TOO_SMALL && code <= WXL_ERR_FIELD_ABSENT)
        return k_api_error_names[code - WXL_ERR_SCRATCH_TOO_SMALL];
    return "UNKNOWN_ERROR";
}

/* ------------------------------------------------------------------------------------------ */
/* UTF-8 (Unicode 15, table 3-7). The ASCII fast path tests 16 bytes per iteration; the slow   */
/* path decodes one sequence and goes back to the fast path.                                   */

#define WXL_HIGH_BITS 0x8080808080808080ull

/* Length of the well-formed sequence at p[0..n) (p[0] >= 0x80), or 0 when ill-formed. */
static size_t utf8_sequence(const uint8_t *p, size_t n) {
    uint8_t c = p[0], lo = 0x80, hi = 0xBF;
    size_t len, i;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4;
    else
        return 0; /* continuation byte, overlong lead C0/C1, or F5..FF */
    if (len > n)
        return 0; /* truncated */
    /* The second byte's range excludes overlongs (E0, F0), surrogates (ED), > U+10FFFF (F4). */
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (i = 2; i < len; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    return len;
}

bool wxl_utf8_valid(const uint8_t *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        while (i + 16 <= n && ((wxl_load_u64(p + i) | wxl_load_u64(p + i + 8)) & WXL_HIGH_BITS) == 0)
            i += 16;
        while (i < n && p[i] < 0x80)
            i++;
        if (i < n) {
            size_t len = utf8_sequence(p + i, n - i);
            if (len == 0)
                return false;
            i += len;
        }
    }
    return true;
}

/* A string body followed by its zero tail padding, n a multiple of 4: the zeros are ASCII and
 * cannot complete a sequence, so this equals validating the body alone. Short strings (most)
 * then take whole-word steps without a byte loop. */
static bool utf8_valid_padded(const uint8_t *p, size_t n) {
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        if ((wxl_load_u64(p + i) & WXL_HIGH_BITS) != 0)
            return wxl_utf8_valid(p + i, n - i);
    if (i < n && (wxl_load_u32(p + i) & 0x80808080u) != 0)
        return wxl_utf8_valid(p + i, n - i);
    return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Verifier.                                                                                   */

/* What the item loop needs to know about the type of the object at h. */
enum vkind { V_STRING, V_BYTES, V_STRUCT, V_ARRAY };

typedef struct vtype {
    enum vkind kind;
    uint32_t align;
    uint32_t unit; /* body bytes per unit of the length: 1, or an array's stride */
    const wxl_type_info *info; /* NULL for string and bytes */
} vtype;

typedef struct vctx {
    const uint8_t *buf;
    uint32_t len;
    const wxl_schema *schema;
    uint64_t *marks; /* bit k: a tag word starts at offset 4k */
    wxl_error *err;
} vctx;

static int fail(vctx *c, int code, uint32_t offset) {
    c->err->code = code;
    c->err->offset = offset;
    return code;
}

static void mark(uint64_t *marks, uint32_t h) { marks[h >> 8] |= 1ull << ((h >> 2) & 63); }

static bool marked(const uint64_t *marks, uint32_t h) {
    return (marks[h >> 8] >> ((h >> 2) & 63)) & 1;
}

size_t wxl_verify_scratch_words(size_t len) { return (len / 4 + 63) / 64; }

static int check_header(vctx *c, size_t len, const wxl_verify_options *opts) {
    static const uint8_t magic[4] = {0x57, 0x58, 0x4C, 0x00};
    if (len < WXL_HEADER_SIZE)
        return fail(c, WXL_ERR_BUFFER_TOO_SHORT, 0);
    if (len > WXL_MAX_LEN)
        return fail(c, WXL_ERR_BUFFER_TOO_LONG, 0);
    if (len % 4 != 0)
        return fail(c, WXL_ERR_LENGTH_NOT_MULTIPLE_OF_4, 0);
    if (memcmp(c->buf, magic, 4) != 0)
        return fail(c, WXL_ERR_BAD_MAGIC, 0);
    if (wxl_load_u16(c->buf + 4) != WXL_LAYOUT_VERSION)
        return fail(c, WXL_ERR_BAD_VERSION, 4);
    if (wxl_load_u16(c->buf + 6) != 0)
        return fail(c, WXL_ERR_BAD_FLAGS, 6);
    if (opts != NULL && opts->identifier != NULL && memcmp(c->buf + 8, opts->identifier, 4) != 0)
        return fail(c, WXL_ERR_WRONG_IDENTIFIER, 8);
    return WXL_OK;
}

/* Whether a reference with `check`'s heap type accepts an object of type `id`. */
static bool heap_accepts(const wxl_schema *s, const wxl_check *check, uint16_t id) {
    const wxl_type_info *t;
    switch (check->heap) {
    case WXL_HEAP_TYPE:
        return wxl_is_subtype(s, id, check->heap_type);
    case WXL_HEAP_STRING:
        return id == WXL_TYPE_ID_STRING;
    case WXL_HEAP_BYTES:
        return id == WXL_TYPE_ID_BYTES;
    case WXL_HEAP_STRUCT:
        t = wxl_schema_type(s, id);
        return t != NULL && t->kind == WXL_KIND_STRUCT;
    case WXL_HEAP_ARRAY:
        if (id == WXL_TYPE_ID_STRING || id == WXL_TYPE_ID_BYTES)
            return true;
        t = wxl_schema_type(s, id);
        return t != NULL && t->kind == WXL_KIND_ARRAY;
    case WXL_HEAP_ANY:
        return true;
    default: /* I31, NONE: no object */
        return false;
    }
}

/* C4..C9 for the reference at offset a, held by the object at h. */
static int check_ref(vctx *c, const wxl_check *check, uint32_t a, uint32_t h) {
    uint32_t v = wxl_load_u32(c->buf + a);
    if (v == 0)
        return check->nullable ? WXL_OK : fail(c, WXL_ERR_NULL_REF, a);
    if (v & 1u) {
        if (check->heap == WXL_HEAP_I31 || check->heap == WXL_HEAP_ANY)
            return WXL_OK;
        return fail(c, WXL_ERR_REF_TYPE_MISMATCH, a);
    }
    if (v & 2u)
        return fail(c, WXL_ERR_REF_NOT_OBJECT_START, a);
    if (v >= h)
        return fail(c, WXL_ERR_REF_NOT_BACKWARD, a);
    if (!marked(c->marks, v))
        return fail(c, WXL_ERR_REF_NOT_OBJECT_START, a);
    if (!heap_accepts(c->schema, check, (uint16_t)(wxl_load_u32(c->buf + v) & 0xFFFFu)))
        return fail(c, WXL_ERR_REF_TYPE_MISMATCH, a);
    return WXL_OK;
}

static uint64_t load_width(const uint8_t *p, uint8_t width) {
    switch (width) {
    case 1:
        return p[0];
    case 2:
        return wxl_load_u16(p);
    case 4:
        return wxl_load_u32(p);
    default:
        return wxl_load_u64(p);
    }
}

static bool enum_has(const wxl_check *check, uint64_t v) {
    uint32_t lo = 0, hi = check->value_count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (check->values[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < check->value_count && check->values[lo] == v;
}

/* C2..C9 for the present value at offset a. */
static int check_value(vctx *c, const wxl_check *check, uint32_t a, uint32_t h) {
    switch (check->kind) {
    case WXL_CHECK_BOOL:
        return c->buf[a] > 1 ? fail(c, WXL_ERR_INVALID_BOOL, a) : WXL_OK;
    case WXL_CHECK_ENUM:
        if (!enum_has(check, load_width(c->buf + a, check->width)))
            return fail(c, WXL_ERR_INVALID_ENUM, a);
        return WXL_OK;
    default:
        return check_ref(c, check, a, h);
    }
}

static uint32_t check_size(const wxl_check *check) {
    switch (check->kind) {
    case WXL_CHECK_BOOL:
        return 1;
    case WXL_CHECK_ENUM:
        return check->width;
    default:
        return 4;
    }
}

/* O7 for a struct stored shorter than declared: some checks may be absent (C1). */
static int check_struct_partial(vctx *c, const wxl_type_info *t, uint32_t h, uint32_t body,
                                uint32_t stored) {
    uint32_t i;
    for (i = 0; i < t->check_count; i++) {
        const wxl_check *check = &t->checks[i];
        int rc;
        if ((uint64_t)check->offset + check_size(check) > stored) {
            if (check->kind == WXL_CHECK_REF && !check->nullable)
                return fail(c, WXL_ERR_REQUIRED_FIELD_ABSENT, h);
            continue;
        }
        rc = check_value(c, check, body + check->offset, h);
        if (rc != WXL_OK)
            return rc;
    }
    return WXL_OK;
}

/* O7 for a struct with `stored` body bytes at `body`. The tables keep every check inside the
 * declared size, so a struct stored at full size (the usual case) skips the presence tests. */
static int check_struct(vctx *c, const wxl_type_info *t, uint32_t h, uint32_t body,
                        uint32_t stored) {
    uint32_t i;
    if (stored < t->size)
        return check_struct_partial(c, t, h, body, stored);
    for (i = 0; i < t->check_count; i++) {
        int rc = check_value(c, &t->checks[i], body + t->checks[i].offset, h);
        if (rc != WXL_OK)
            return rc;
    }
    return WXL_OK;
}

/* An array of bools: OR 8 bytes at a time, then locate the first byte above 1, if any. */
static int check_bools(vctx *c, uint32_t body, uint32_t count) {
    uint32_t i = 0;
    for (; i + 8 <= count; i += 8)
        if ((wxl_load_u64(c->buf + body + i) & 0xFEFEFEFEFEFEFEFEull) != 0)
            break;
    for (; i < count; i++)
        if (c->buf[body + i] > 1)
            return fail(c, WXL_ERR_INVALID_BOOL, body + i);
    return WXL_OK;
}

/* An array of references: one check per 4-byte element, no per-element dispatch. */
static int check_refs(vctx *c, const wxl_check *check, uint32_t h, uint32_t body, uint32_t count) {
    uint32_t at, end = body + 4 * count;
    for (at = body; at < end; at += 4) {
        int rc = check_ref(c, check, at, h);
        if (rc != WXL_OK)
            return rc;
    }
    return WXL_OK;
}

/* O7 for an array of `count` elements at `body`: every element is present. */
static int check_array(vctx *c, const wxl_type_info *t, uint32_t h, uint32_t body,
                       uint32_t count) {
    uint32_t i, k;
    if (t->check_count == 0)
        return WXL_OK; /* arrays of plain scalars: O(1) */
    if (t->check_count == 1 && t->checks[0].offset == 0) {
        if (t->size == 1 && t->checks[0].kind == WXL_CHECK_BOOL)
            return check_bools(c, body, count);
        if (t->size == 4 && t->checks[0].kind == WXL_CHECK_REF)
            return check_refs(c, &t->checks[0], h, body, count);
    }
    for (i = 0; i < count; i++) {
        uint32_t elem = body + i * t->size;
        for (k = 0; k < t->check_count; k++) {
            int rc = check_value(c, &t->checks[k], elem + t->checks[k].offset, h);
            if (rc != WXL_OK)
                return rc;
        }
    }
    return WXL_OK;
}

/* O1: the type of id, or false when the schema does not define it. */
static bool resolve_type(const wxl_schema *s, uint16_t id, vtype *out) {
    out->align = 4;
    out->unit = 1;
    out->info = NULL;
    if (id == WXL_TYPE_ID_STRING || id == WXL_TYPE_ID_BYTES) {
        out->kind = id == WXL_TYPE_ID_STRING ? V_STRING : V_BYTES;
        return true;
    }
    out->info = wxl_schema_type(s, id);
    if (out->info == NULL)
        return false;
    out->align = out->info->body_align;
    out->kind = out->info->kind == WXL_KIND_ARRAY ? V_ARRAY : V_STRUCT;
    if (out->kind == V_ARRAY)
        out->unit = out->info->size;
    return true;
}

static int check_body(vctx *c, const vtype *t, uint32_t h, uint32_t body, uint32_t length) {
    switch (t->kind) {
    case V_STRING:
        if (!utf8_valid_padded(c->buf + body, (length + 3) & ~3u))
            return fail(c, WXL_ERR_INVALID_UTF8, body);
        return WXL_OK;
    case V_BYTES:
        return WXL_OK;
    case V_STRUCT:
        return check_struct(c, t->info, h, body, length);
    default:
        return check_array(c, t->info, h, body, length);
    }
}

/* O1..O7 for the object at h (tag != 0); on success *next is the next item's offset. */
static int check_object(vctx *c, uint32_t h, uint32_t tag, uint32_t *next) {
    vtype t;
    uint32_t length = tag >> 16, header = 4, i;
    uint64_t body, end, stop;
    if (!resolve_type(c->schema, (uint16_t)(tag & 0xFFFFu), &t))
        return fail(c, WXL_ERR_UNKNOWN_TYPE, h);
    if (length == WXL_LONG_LENGTH) {
        header = 8;
        /* Without a long length word the object cannot fit: O4 reports it (after O3). */
        if ((uint64_t)h + 8 <= c->len) {
            length = wxl_load_u32(c->buf + h + 4);
            if (length < WXL_LONG_LENGTH)
                return fail(c, WXL_ERR_NON_CANONICAL_LENGTH, h + 4);
        }
    }
    body = (uint64_t)h + header;
    if ((body & (t.align - 1)) != 0)
        return fail(c, WXL_ERR_MISALIGNED_BODY, h);
    end = body + (uint64_t)length * t.unit;
    stop = (end + 3) & ~(uint64_t)3;
    if (stop > c->len)
        return fail(c, WXL_ERR_OBJECT_OUT_OF_BOUNDS, h);
    /* Tail padding: the top (4 - end % 4) bytes of the last word, tested in one load. */
    if ((end & 3) != 0 && wxl_load_u32(c->buf + stop - 4) >> (8 * (end & 3)) != 0) {
        for (i = (uint32_t)end; c->buf[i] == 0; i++)
            ;
        return fail(c, WXL_ERR_BAD_PADDING, i);
    }
    *next = (uint32_t)stop;
    return check_body(c, &t, h, (uint32_t)body, length);
}

/* P1, P2 and every object, front to back. */
static int check_items(vctx *c) {
    uint32_t pos = WXL_HEADER_SIZE, padding = 0;
    while (pos < c->len) {
        uint32_t tag = wxl_load_u32(c->buf + pos), next;
        int rc;
        if (tag == 0) {
            if (++padding > 3)
                return fail(c, WXL_ERR_BAD_PADDING, pos);
            pos += 4;
            continue;
        }
        padding = 0;
        rc = check_object(c, pos, tag, &next);
        if (rc != WXL_OK)
            return rc;
        mark(c->marks, pos);
        pos = next;
    }
    if (padding != 0)
        return fail(c, WXL_ERR_BAD_PADDING, c->len - 4);
    return WXL_OK;
}

/* R1. */
static int check_root(vctx *c, const wxl_verify_options *opts) {
    uint32_t r = wxl_load_u32(c->buf + 12);
    uint32_t want = opts != NULL ? opts->root_type : 0;
    if (want == 0 && c->schema->has_root)
        want = c->schema->root;
    if (r == 0 || (r & 3u) != 0 || r >= c->len || !marked(c->marks, r))
        return fail(c, WXL_ERR_ROOT_INVALID, 12);
    if (want != 0 && !wxl_is_subtype(c->schema, wxl_load_u32(c->buf + r) & 0xFFFFu, want))
        return fail(c, WXL_ERR_ROOT_INVALID, 12);
    return WXL_OK;
}

int wxl_verify(const uint8_t *buf, size_t len, const wxl_schema *schema,
               const wxl_verify_options *opts, uint64_t *scratch, size_t scratch_words,
               wxl_error *err) {
    wxl_error local;
    vctx c;
    int rc;
    c.buf = buf;
    c.len = 0;
    c.schema = schema;
    c.marks = scratch;
    c.err = err != NULL ? err : &local;
    c.err->code = WXL_OK;
    c.err->offset = 0;
    rc = check_header(&c, len, opts);
    if (rc != WXL_OK)
        return rc;
    c.len = (uint32_t)len;
    if (scratch_words < wxl_verify_scratch_words(len))
        return fail(&c, WXL_ERR_SCRATCH_TOO_SMALL, 0);
    memset(scratch, 0, wxl_verify_scratch_words(len) * sizeof *scratch);
    rc = check_items(&c);
    if (rc != WXL_OK)
        return rc;
    return check_root(&c, opts);
}

/* ------------------------------------------------------------------------------------------ */
/* Table check (wxl_schema_check).                                                             */

static bool is_body_align(uint32_t a) { return a == 4 || a == 8 || a == 16; }

static bool check_ok(const wxl_check *k, const wxl_schema *s, uint32_t limit) {
    uint32_t i;
    if (k->kind < WXL_CHECK_BOOL || k->kind > WXL_CHECK_REF)
        return false;
    if ((uint64_t)k->offset + check_size(k) > limit)
        return false;
    if (k->kind == WXL_CHECK_REF) {
        if (k->heap < WXL_HEAP_TYPE || k->heap > WXL_HEAP_NONE)
            return false;
        return k->heap != WXL_HEAP_TYPE || wxl_schema_type(s, k->heap_type) != NULL;
    }
    if (k->kind == WXL_CHECK_ENUM) {
        if (k->width != 1 && k->width != 2 && k->width != 4 && k->width != 8)
            return false;
        if (k->value_count == 0 || k->values == NULL)
            return false;
        for (i = 1; i < k->value_count; i++)
            if (k->values[i - 1] >= k->values[i])
                return false;
    }
    return true;
}

static bool type_ok(const wxl_type_info *t, const wxl_schema *s, uint32_t id) {
    uint32_t i;
    if (t->kind == WXL_KIND_UNUSED)
        return true;
    if (t->kind != WXL_KIND_STRUCT && t->kind != WXL_KIND_ARRAY)
        return false;
    if (!is_body_align(t->body_align) || t->ancestor_count == 0 || t->ancestors == NULL)
        return false;
    if (t->ancestors[t->ancestor_count - 1] != id)
        return false;
    if (t->check_count != 0 && t->checks == NULL)
        return false;
    for (i = 0; i < t->check_count; i++) {
        if (!check_ok(&t->checks[i], s, t->size))
            return false;
        if (i > 0 && t->checks[i - 1].offset + check_size(&t->checks[i - 1]) > t->checks[i].offset)
            return false; /* unsorted or overlapping */
    }
    return true;
}

uint32_t wxl_schema_check(const wxl_schema *s) {
    uint32_t i;
    if (s->type_count > 0xFFFFu - WXL_FIRST_SCHEMA_TYPE_ID || (s->type_count && !s->types))
        return 1;
    for (i = 0; i < s->type_count; i++)
        if (!type_ok(&s->types[i], s, i + WXL_FIRST_SCHEMA_TYPE_ID))
            return i + 1;
    if (s->has_root && wxl_schema_type(s, s->root) == NULL)
        return s->type_count + 1;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Builder. Growable storage is over-allocated by 15 bytes and the data pointer rounded up to  */
/* 16, so buffers are 16-aligned with plain C99 realloc.                                       */

static int bfail(wxl_builder *b, int code) {
    if (b->error == WXL_OK)
        b->error = code;
    return b->error;
}

static size_t data_shift(const wxl_builder *b) {
    return (size_t)(b->data - (uint8_t *)b->raw);
}

/* Make room for `need` bytes in total. */
static bool grow(wxl_builder *b, size_t need) {
    size_t cap = b->cap < 256 ? 256 : b->cap, old_shift, shift;
    void *raw;
    if (b->raw == NULL && b->data != NULL) {
        bfail(b, WXL_ERR_BUFFER_FULL); /* a fixed buffer */
        return false;
    }
    while (cap < need)
        cap = cap > ((size_t)-1) / 4 ? need : cap * 2;
    old_shift = b->raw != NULL ? data_shift(b) : 0;
    raw = cap <= ((size_t)-1) - 15 ? realloc(b->raw, cap + 15) : NULL;
    if (raw == NULL) {
        bfail(b, WXL_ERR_OUT_OF_MEMORY); /* the old storage stays valid and owned */
        return false;
    }
    shift = (size_t)((16u - ((uintptr_t)raw & 15u)) & 15u);
    if (shift != old_shift && b->len != 0)
        memmove((uint8_t *)raw + shift, (uint8_t *)raw + old_shift, b->len);
    b->raw = raw;
    b->data = (uint8_t *)raw + shift;
    b->cap = cap;
    return true;
}

/* Room for n more bytes at b->data + b->len; false on error. */
static bool reserve(wxl_builder *b, uint64_t n) {
    if ((uint64_t)b->len + n > WXL_MAX_LEN) {
        bfail(b, WXL_ERR_BUFFER_TOO_LONG);
        return false;
    }
    return b->len + (size_t)n <= b->cap || grow(b, b->len + (size_t)n);
}

static void write_header(wxl_builder *b) {
    static const uint8_t magic[4] = {0x57, 0x58, 0x4C, 0x00};
    b->len = 0;
    b->open_obj = 0;
    if (!reserve(b, WXL_HEADER_SIZE))
        return;
    memset(b->data, 0, WXL_HEADER_SIZE);
    b->len = WXL_HEADER_SIZE;
    memcpy(b->data, magic, 4);
    wxl_store_u16(b->data + 4, WXL_LAYOUT_VERSION);
    memcpy(b->data + 8, b->identifier, 4);
}

static void init_common(wxl_builder *b, const uint8_t *identifier) {
    memset(b, 0, sizeof *b);
    if (identifier != NULL)
        memcpy(b->identifier, identifier, 4);
}

void wxl_builder_init(wxl_builder *b, const uint8_t *identifier) {
    init_common(b, identifier);
    write_header(b);
}

void wxl_builder_init_fixed(wxl_builder *b, uint8_t *mem, size_t cap, const uint8_t *identifier) {
    init_common(b, identifier);
    b->data = mem;
    b->cap = mem != NULL ? cap : 0;
    if (mem == NULL) {
        bfail(b, WXL_ERR_BUILDER_MISUSE);
        return;
    }
    write_header(b);
}

void wxl_builder_reset(wxl_builder *b) {
    b->error = WXL_OK;
    write_header(b);
}

void wxl_builder_free(wxl_builder *b) {
    free(b->raw);
    b->raw = NULL;
    b->data = NULL;
    b->len = b->cap = 0;
}

wxl_builder *wxl_builder_new(const uint8_t *identifier) {
    wxl_builder *b = (wxl_builder *)malloc(sizeof *b);
    if (b != NULL)
        wxl_builder_init(b, identifier);
    return b;
}

void wxl_builder_delete(wxl_builder *b) {
    if (b == NULL)
        return;
    wxl_builder_free(b);
    free(b);
}

int wxl_builder_error(const wxl_builder *b) { return b->error; }

/* Appends minimal padding, the tag word (and long length) and room for a body of `bytes`
 * whose tail padding is zeroed; the caller fills the body. Returns the tag offset (0 on
 * error); *body gets the body offset. */
static uint32_t emit_object(wxl_builder *b, uint16_t type_id, uint32_t align, uint32_t length,
                            uint64_t bytes, size_t *body) {
    uint32_t header = length < WXL_LONG_LENGTH ? 4 : 8;
    uint32_t short_length = length < WXL_LONG_LENGTH ? length : WXL_LONG_LENGTH;
    uint64_t padded = (bytes + 3) & ~(uint64_t)3;
    size_t pad, at, k;
    if (b->error != WXL_OK)
        return 0;
    if (b->open_obj != 0 || !is_body_align(align) || type_id == 0 || type_id == 0xFFFFu) {
        bfail(b, WXL_ERR_BUILDER_MISUSE);
        return 0;
    }
    /* Minimal padding: the fewest zero words that make (tag + header) a multiple of align. */
    pad = (size_t)(0u - (uint32_t)(b->len + header)) & (align - 1);
    if (!reserve(b, pad + header + padded))
        return 0;
    for (k = 0; k < pad; k += 4)
        wxl_store_u32(b->data + b->len + k, 0);
    at = b->len + pad;
    wxl_store_u32(b->data + at, (uint32_t)type_id | short_length << 16);
    if (header == 8)
        wxl_store_u32(b->data + at + 4, length);
    *body = at + header;
    if (padded != bytes)
        wxl_store_u32(b->data + *body + padded - 4, 0); /* the word holding the tail padding */
    b->len = *body + (size_t)padded;
    return (uint32_t)at;
}

/* An object whose body is `count` elements of `stride` bytes copied from `src`. */
static uint32_t emit_copy(wxl_builder *b, uint16_t type_id, uint32_t align, uint32_t stride,
                          const void *src, size_t count) {
    uint64_t bytes = (uint64_t)count * stride;
    size_t body;
    uint32_t at;
    if ((uint64_t)count > 0xFFFFFFFFu || bytes > WXL_MAX_LEN) {
        bfail(b, WXL_ERR_BUFFER_TOO_LONG);
        return 0;
    }
    at = emit_object(b, type_id, align, (uint32_t)count, bytes, &body);
    if (at != 0 && bytes != 0)
        memcpy(b->data + body, src, (size_t)bytes);
    return at;
}

uint32_t wxl_builder_string(wxl_builder *b, const char *s, size_t n) {
    if (n != 0 && !wxl_utf8_valid((const uint8_t *)s, n)) {
        bfail(b, WXL_ERR_INVALID_UTF8);
        return 0;
    }
    return emit_copy(b, WXL_TYPE_ID_STRING, 4, 1, s, n);
}

uint32_t wxl_builder_bytes(wxl_builder *b, const void *p, size_t n) {
    return emit_copy(b, WXL_TYPE_ID_BYTES, 4, 1, p, n);
}

uint32_t wxl_builder_raw_array(wxl_builder *b, uint16_t type_id, uint32_t body_align,
                               uint32_t stride, const void *elems, size_t count) {
    return emit_copy(b, type_id, body_align, stride, elems, count);
}

#if !WXL_LITTLE_ENDIAN
/* Big-endian (or unknown) hosts: store each element little-endian. */
static void store_scalars(uint8_t *dst, const void *src, uint32_t size, size_t count) {
    const uint8_t *s = (const uint8_t *)src;
    size_t i;
    for (i = 0; i < count; i++, s += size, dst += size) {
        uint16_t v16;
        uint32_t v32;
        uint64_t v64;
        switch (size) {
        case 2: memcpy(&v16, s, 2); wxl_store_u16(dst, v16); break;
        case 4: memcpy(&v32, s, 4); wxl_store_u32(dst, v32); break;
        case 8: memcpy(&v64, s, 8); wxl_store_u64(dst, v64); break;
        default: memcpy(dst, s, size); break; /* u8, v128: bytes as they are */
        }
    }
}
#endif

uint32_t wxl_builder_scalars(wxl_builder *b, uint16_t type_id, uint32_t body_align,
                             uint32_t elem_size, const void *elems, size_t count) {
    if (elem_size != 1 && elem_size != 2 && elem_size != 4 && elem_size != 8 && elem_size != 16) {
        bfail(b, WXL_ERR_BUILDER_MISUSE);
        return 0;
    }
#if WXL_LITTLE_ENDIAN
    return emit_copy(b, type_id, body_align, elem_size, elems, count);
#else
    {
        size_t body;
        uint32_t at;
        if ((uint64_t)count > 0xFFFFFFFFu || (uint64_t)count * elem_size > WXL_MAX_LEN) {
            bfail(b, WXL_ERR_BUFFER_TOO_LONG);
            return 0;
        }
        at = emit_object(b, type_id, body_align, (uint32_t)count, (uint64_t)count * elem_size,
                         &body);
        if (at != 0)
            store_scalars(b->data + body, elems, elem_size, count);
        return at;
    }
#endif
}

uint32_t wxl_builder_refs(wxl_builder *b, uint16_t type_id, const uint32_t *refs, size_t count) {
    return wxl_builder_scalars(b, type_id, 4, 4, refs, count);
}

static int begin(wxl_builder *b, uint16_t type_id, uint32_t align, uint32_t length,
                 uint64_t bytes) {
    size_t body;
    uint32_t at;
    if (bytes > WXL_MAX_LEN)
        return bfail(b, WXL_ERR_BUFFER_TOO_LONG);
    at = emit_object(b, type_id, align, length, bytes, &body);
    if (at == 0)
        return b->error;
    memset(b->data + body, 0, (size_t)bytes); /* unset fields read as 0 */
    b->open_obj = at;
    b->open_body = body;
    b->open_size = (size_t)bytes;
    return WXL_OK;
}

int wxl_builder_struct_begin(wxl_builder *b, uint16_t type_id, uint32_t body_align,
                             uint32_t size) {
    return begin(b, type_id, body_align, size, size);
}

int wxl_builder_array_begin(wxl_builder *b, uint16_t type_id, uint32_t body_align,
                            uint32_t stride, uint32_t count) {
    return begin(b, type_id, body_align, count, (uint64_t)count * stride);
}

uint32_t wxl_builder_end(wxl_builder *b) {
    uint32_t at = b->open_obj;
    if (b->error != WXL_OK)
        return 0;
    if (at == 0) {
        bfail(b, WXL_ERR_BUILDER_MISUSE);
        return 0;
    }
    b->open_obj = 0;
    return at;
}

/* The address of bytes [off, off + n) of the open object's body, or NULL (misuse). */
static uint8_t *open_field(wxl_builder *b, uint32_t off, size_t n) {
    if (b->error != WXL_OK)
        return NULL;
    if (b->open_obj == 0 || (uint64_t)off + n > b->open_size) {
        bfail(b, WXL_ERR_BUILDER_MISUSE);
        return NULL;
    }
    return b->data + b->open_body + off;
}

/* A reference is stored as a u32 (for the setter family below). */
static void wxl_store_ref(uint8_t *p, uint32_t v) { wxl_store_u32(p, v); }

#define WXL_BUILDER_SETTER(name, T, size)                                                      \
    void wxl_builder_set_##name(wxl_builder *b, uint32_t off, T v) {                           \
        uint8_t *p = open_field(b, off, size);                                                 \
        if (p != NULL)                                                                         \
            wxl_store_##name(p, v);                                                            \
    }
WXL_BUILDER_SETTER(u8, uint8_t, 1)
WXL_BUILDER_SETTER(i8, int8_t, 1)
WXL_BUILDER_SETTER(u16, uint16_t, 2)
WXL_BUILDER_SETTER(i16, int16_t, 2)
WXL_BUILDER_SETTER(u32, uint32_t, 4)
WXL_BUILDER_SETTER(i32, int32_t, 4)
WXL_BUILDER_SETTER(u64, uint64_t, 8)
WXL_BUILDER_SETTER(i64, int64_t, 8)
WXL_BUILDER_SETTER(f32, float, 4)
WXL_BUILDER_SETTER(f64, double, 8)
WXL_BUILDER_SETTER(bool, bool, 1)
WXL_BUILDER_SETTER(ref, uint32_t, 4)
#undef WXL_BUILDER_SETTER

void wxl_builder_set_raw(wxl_builder *b, uint32_t off, const void *p, size_t n) {
    uint8_t *dst = open_field(b, off, n);
    if (dst != NULL && n != 0)
        memcpy(dst, p, n);
}

int wxl_builder_finish(wxl_builder *b, uint32_t root, const uint8_t **out, size_t *out_len) {
    if (b->error == WXL_OK && (b->open_obj != 0 || root == 0 || (root & 3u) != 0 || root >= b->len))
        bfail(b, WXL_ERR_BUILDER_MISUSE);
    if (b->error != WXL_OK)
        return b->error;
    wxl_store_u32(b->data + 12, root);
    *out = b->data;
    *out_len = b->len;
    return WXL_OK;
}
