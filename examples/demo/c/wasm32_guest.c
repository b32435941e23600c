/* A C guest for wasm32 (clang --target=wasm32-wasi): reads a wxl buffer in its own linear
 * memory through the accessors generated from schemas/logs.wxl and runtime-c. */
#include "logs.h"

/* Verifies the buffer and sums its codes; UINT64_MAX when it does not verify. `scratch` holds
 * wxl_verify_scratch_words(len) words. */
__attribute__((export_name("sum_codes")))
uint64_t sum_codes(const uint8_t *buf, uint32_t len, uint64_t *scratch) {
    wxl_error err;
    uint64_t sum = 0;
    uint32_t i;
    logs_Logs root;
    if (logs_verify(buf, len, scratch, wxl_verify_scratch_words(len), &err) != 0) {
        return UINT64_MAX;
    }
    root = logs_root(buf, len);
    for (i = 0; i < logs_Logs_logs_len(root); i++) {
        sum += logs_Log_code(logs_Logs_logs_at(root, i));
    }
    return sum;
}
