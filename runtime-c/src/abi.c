/* For the Rust FFI only (built by build.rs, not part of the C library): the sizes and field
 * offsets of the structs src/lib.rs mirrors, so a Rust test can prove the mirrors match. */
#include <stddef.h>

#include "wxl.h"

size_t wxl_abi_layout(size_t *out, size_t cap);

/* Writes up to `cap` values in the order of src/lib.rs's ABI_FIELDS; returns how many exist. */
size_t wxl_abi_layout(size_t *out, size_t cap) {
    const size_t v[] = {
        sizeof(wxl_check),
        offsetof(wxl_check, offset),
        offsetof(wxl_check, kind),
        offsetof(wxl_check, width),
        offsetof(wxl_check, nullable),
        offsetof(wxl_check, heap),
        offsetof(wxl_check, heap_type),
        offsetof(wxl_check, value_count),
        offsetof(wxl_check, values),
        sizeof(wxl_type_info),
        offsetof(wxl_type_info, kind),
        offsetof(wxl_type_info, body_align),
        offsetof(wxl_type_info, size),
        offsetof(wxl_type_info, check_count),
        offsetof(wxl_type_info, ancestor_count),
        offsetof(wxl_type_info, checks),
        offsetof(wxl_type_info, ancestors),
        sizeof(wxl_schema),
        offsetof(wxl_schema, identifier),
        offsetof(wxl_schema, has_root),
        offsetof(wxl_schema, root),
        offsetof(wxl_schema, type_count),
        offsetof(wxl_schema, types),
        sizeof(wxl_verify_options),
        offsetof(wxl_verify_options, identifier),
        offsetof(wxl_verify_options, root_type),
        sizeof(wxl_error),
        offsetof(wxl_error, code),
        offsetof(wxl_error, offset),
    };
    size_t n = sizeof v / sizeof v[0], i;
    for (i = 0; i < n && i < cap; i++)
        out[i] = v[i];
    return n;
}
