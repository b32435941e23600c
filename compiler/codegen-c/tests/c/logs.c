/* logs.h: build a batch with the generated builders, verify it, read every field back;
 * identifier and root checks; defaults of fields an older writer did not store; a fixed
 * builder writes the same bytes as a growable one. */
#include "check.h"
#include "logs.h"

#define COUNT 3

static const char *const dates[COUNT] = {"17/Mar/1998:13:05:59 +0300", "18/Mar/1998:00:00:01 +0000",
                                         "19/Mar/1998:23:59:59 -1200"};

/* The same calls, into any builder; errors stick, so only finish's result is checked. */
static int build(wxl_builder *b, const uint8_t **out, size_t *len) {
    logs_Log_ref items[COUNT];
    logs_ArrayOfLog_ref list;
    logs_Logs_ref root;
    int i;
    for (i = 0; i < COUNT; i++) {
        logs_Address address = {192, 168, 1, (uint8_t)(10 + i)};
        wxl_string_ref identity = wxl_string_create_cstr(b, "-");
        wxl_string_ref userid = wxl_string_create_cstr(b, i == 1 ? "frank" : "-");
        wxl_string_ref date = wxl_string_create_cstr(b, dates[i]);
        wxl_string_ref request = wxl_string_create_cstr(b, "GET /index.html HTTP/1.1");
        logs_Log_begin(b);
        logs_Log_add_address(b, address);
        logs_Log_add_identity(b, identity);
        logs_Log_add_userid(b, userid);
        logs_Log_add_date(b, date);
        logs_Log_add_request(b, request);
        logs_Log_add_code(b, (uint16_t)(200 + i));
        logs_Log_add_size(b, UINT64_C(5000000000) + (uint64_t)i);
        items[i] = logs_Log_end(b);
    }
    list = logs_ArrayOfLog_create(b, items, COUNT);
    logs_Logs_begin(b);
    logs_Logs_add_logs(b, list);
    root = logs_Logs_end(b);
    return logs_finish(b, root, out, len);
}

static void read_back(const uint8_t *buf, size_t len) {
    logs_Logs root = logs_root(buf, len);
    logs_ArrayOfLog list = logs_Logs_logs(root);
    uint32_t i;
    CHECK(!logs_Logs_is_null(root));
    CHECK(logs_ArrayOfLog_len(list) == COUNT);
    CHECK(logs_Logs_logs_len(root) == COUNT);
    for (i = 0; i < COUNT; i++) {
        logs_Log log = logs_ArrayOfLog_at(list, i);
        logs_Address address = logs_Log_address(log);
        CHECK(address.x0 == 192 && address.x1 == 168 && address.x2 == 1 && address.x3 == 10 + i);
        CHECK(str_is(logs_Log_identity(log), "-"));
        CHECK(str_is(logs_Log_userid(log), i == 1 ? "frank" : "-"));
        CHECK(str_is(logs_Log_date(log), dates[i]));
        CHECK(str_is(logs_Log_request(log), "GET /index.html HTTP/1.1"));
        CHECK(logs_Log_code(log) == 200 + i);
        CHECK(logs_Log_size(log) == UINT64_C(5000000000) + i);
        CHECK(logs_Log_code(logs_Logs_logs_at(root, i)) == 200 + i);
    }
}

/* A Log written by an older schema version that ended after `request` (stored size 20):
 * `code` and `size` read as their defaults, and the buffer still verifies. */
static void older_writer(void) {
    wxl_builder b;
    const uint8_t *buf;
    size_t len;
    logs_Log_ref items[1];
    logs_ArrayOfLog_ref list;
    logs_Logs_ref root;
    wxl_string_ref dash;
    logs_Log log;
    logs_builder_init(&b);
    dash = wxl_string_create_cstr(&b, "-");
    CHECK(wxl_builder_struct_begin(&b, logs_Log_TYPE_ID, logs_Log_BODY_ALIGN, logs_Log_code_OFFSET) == WXL_OK);
    logs_Log_add_identity(&b, dash);
    logs_Log_add_userid(&b, dash);
    logs_Log_add_date(&b, dash);
    logs_Log_add_request(&b, dash);
    items[0] = logs_Log_end(&b);
    list = logs_ArrayOfLog_create(&b, items, 1);
    CHECK(logs_Logs_begin(&b) == WXL_OK);
    logs_Logs_add_logs(&b, list);
    root = logs_Logs_end(&b);
    CHECK(logs_finish(&b, root, &buf, &len) == WXL_OK);
    CHECK(verify_buffer(logs_verify, buf, len, NULL) == WXL_OK);
    log = logs_Logs_logs_at(logs_root(buf, len), 0);
    CHECK(logs_Log_code(log) == 0);
    CHECK(logs_Log_size(log) == 0);
    CHECK(str_is(logs_Log_request(log), "-"));
    wxl_builder_free(&b);
}

int main(void) {
    wxl_builder b, fixed, anonymous;
    const uint8_t *buf, *again, *other;
    size_t len, again_len, other_len;
    uint8_t small[64], *big;
    wxl_error err;

    CHECK(wxl_schema_check(logs_schema()) == 0);
    logs_builder_init(&b);
    CHECK(build(&b, &buf, &len) == WXL_OK);
    CHECK(verify_buffer(logs_verify, buf, len, &err) == WXL_OK);
    CHECK(memcmp(buf + 8, logs_IDENTIFIER, 4) == 0);
    read_back(buf, len);

    /* Typed views reject objects of other types. */
    CHECK(logs_Log_is_null(logs_Log_from_view(logs_root(buf, len).v)));
    CHECK(!logs_Logs_is_null(logs_Logs_from_view(logs_root(buf, len).v)));

    /* The same calls into caller memory: the same bytes, or BUFFER_FULL when too small. */
    big = (uint8_t *)malloc(len);
    CHECK(big != NULL);
    logs_builder_init_fixed(&fixed, big, len);
    CHECK(build(&fixed, &again, &again_len) == WXL_OK);
    CHECK(again_len == len && memcmp(again, buf, len) == 0);
    logs_builder_init_fixed(&fixed, small, sizeof small);
    CHECK(build(&fixed, &again, &again_len) == WXL_ERR_BUFFER_FULL);

    /* Without the identifier, logs_verify refuses the buffer. */
    wxl_builder_init(&anonymous, NULL);
    CHECK(build(&anonymous, &other, &other_len) == WXL_OK);
    CHECK(verify_buffer(logs_verify, other, other_len, &err) == WXL_ERR_WRONG_IDENTIFIER);
    CHECK(err.offset == 8);

    older_writer();
    free(big);
    wxl_builder_free(&anonymous);
    wxl_builder_free(&b);
    puts("logs: ok");
    return 0;
}
