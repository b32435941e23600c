/* The wxl C rows: the benchmark's reads through runtime-c's inline readers (include/wxl.h).
 * Field offsets are those of schemas/logs.wxl and mesh.wxl (the agreement test checks that
 * these reads give the Rust readers' values, so a wrong offset fails it). */
#include <stddef.h>
#include <stdint.h>

#include "wxl.h"

/* Log { address: Address @0, identity @4, userid @8, date @12, request @16, code: u16 @20,
 * size: u64 @24 }; Logs { logs: [Log] @0 }. */
enum { LOG_ADDRESS = 0, LOG_CODE = 20, LOG_SIZE = 24, LOGS_LOGS = 0 };
/* Triangle { v0 @0, v1 @12, v2 @24, normal @36 } (48 bytes); Mesh { triangles @0 }. */
enum { TRIANGLE_SIZE = 48, TRIANGLE_NORMAL = 36, MESH_TRIANGLES = 0 };

/* Sums of the address bytes, codes and sizes of every log record, into out[0..3]. */
void wxl_bench_log_read(const uint8_t *buf, size_t len, uint64_t *out) {
    wxl_view logs = wxl_get_view(wxl_root(buf, len), LOGS_LOGS);
    uint32_t n = wxl_array_len(logs), i;
    uint64_t address = 0, code = 0, size = 0;
    for (i = 0; i < n; i++) {
        wxl_view log = wxl_array_view(logs, i);
        const uint8_t *a = wxl_field(log, LOG_ADDRESS, 4);
        if (a != NULL)
            address += (uint64_t)a[0] + a[1] + a[2] + a[3];
        code += wxl_get_u16(log, LOG_CODE, 0);
        size += wxl_get_u64(log, LOG_SIZE, 0);
    }
    out[0] = address;
    out[1] = code;
    out[2] = size;
}

/* The XOR of the bit patterns of every triangle's normal (x, y rotated 8, z rotated 16). */
uint32_t wxl_bench_mesh_read(const uint8_t *buf, size_t len) {
    wxl_view tris = wxl_get_view(wxl_root(buf, len), MESH_TRIANGLES);
    uint32_t n = wxl_array_len(tris), i, acc = 0;
    const uint8_t *body = n != 0 ? wxl_body(tris) : NULL;
    for (i = 0; i < n; i++) {
        const uint8_t *normal = body + (size_t)i * TRIANGLE_SIZE + TRIANGLE_NORMAL;
        uint32_t x = wxl_load_u32(normal), y = wxl_load_u32(normal + 4), z = wxl_load_u32(normal + 8);
        acc ^= x ^ (y << 8 | y >> 24) ^ (z << 16 | z >> 16);
    }
    return acc;
}
