/* The C side of the demo: reads a buffer Rust built, and builds one for Rust and WASM to
 * read, through the accessors wxl generated from schemas/logs.wxl (logs.h). */
#include <stdlib.h>
#include <string.h>

#include "logs.h"

/* What every language computes over a Logs buffer; the demo checks that they agree. */
typedef struct demo_summary {
    uint32_t records;
    uint64_t code_sum;
    uint64_t size_sum;
    uint32_t address_sum;
    uint64_t text_bytes;
    int32_t error_code;
    uint32_t error_offset;
} demo_summary;

int demo_c_read_logs(const uint8_t *buf, size_t len, demo_summary *out) {
    size_t words = wxl_verify_scratch_words(len);
    uint64_t *scratch = (uint64_t *)malloc(words * sizeof(uint64_t) + 8);
    wxl_error err;
    uint32_t i;
    logs_Logs root;
    memset(out, 0, sizeof *out);
    if (scratch == NULL) {
        return -1;
    }
    if (logs_verify(buf, len, scratch, words, &err) != 0) {
        out->error_code = (int32_t)err.code;
        out->error_offset = err.offset;
        free(scratch);
        return 1;
    }
    free(scratch);
    root = logs_root(buf, len);
    out->records = logs_Logs_logs_len(root);
    for (i = 0; i < out->records; i++) {
        logs_Log log = logs_Logs_logs_at(root, i);
        logs_Address address = logs_Log_address(log);
        out->code_sum += logs_Log_code(log);
        out->size_sum += logs_Log_size(log);
        out->address_sum += (uint32_t)address.x0 + address.x1 + address.x2 + address.x3;
        out->text_bytes += logs_Log_request(log).len + logs_Log_date(log).len;
    }
    return 0;
}

/* Builds `count` records; the buffer stays valid until demo_c_free. */
int demo_c_build_logs(uint32_t count, wxl_builder **out_builder, const uint8_t **out, size_t *out_len) {
    wxl_builder *b = (wxl_builder *)malloc(sizeof(wxl_builder));
    logs_Log_ref *records = (logs_Log_ref *)malloc(sizeof(logs_Log_ref) * (count ? count : 1));
    uint32_t i;
    logs_ArrayOfLog_ref array;
    logs_Logs_ref root;
    int status;
    if (b == NULL || records == NULL) {
        free(b);
        free(records);
        return -1;
    }
    logs_builder_init(b);
    for (i = 0; i < count; i++) {
        logs_Address address;
        wxl_string_ref identity = wxl_string_create(b, "-", 1);
        wxl_string_ref userid = wxl_string_create(b, "carol", 5);
        wxl_string_ref date = wxl_string_create(b, "25/Nov/2026:09:00:00 +0000", 26);
        wxl_string_ref request = wxl_string_create(b, "GET /from/c HTTP/1.1", 20);
        address.x0 = 10;
        address.x1 = 0;
        address.x2 = (uint8_t)(i >> 8);
        address.x3 = (uint8_t)i;
        logs_Log_begin(b);
        logs_Log_add_address(b, address);
        logs_Log_add_identity(b, identity);
        logs_Log_add_userid(b, userid);
        logs_Log_add_date(b, date);
        logs_Log_add_request(b, request);
        logs_Log_add_code(b, (uint16_t)(i % 2 ? 404 : 200));
        logs_Log_add_size(b, 1000u + i);
        records[i] = logs_Log_end(b);
    }
    array = logs_ArrayOfLog_create(b, records, count);
    free(records);
    logs_Logs_begin(b);
    logs_Logs_add_logs(b, array);
    root = logs_Logs_end(b);
    status = logs_finish(b, root, out, out_len);
    *out_builder = b;
    return status;
}

void demo_c_free(wxl_builder *b) {
    if (b != NULL) {
        wxl_builder_free(b);
        free(b);
    }
}
