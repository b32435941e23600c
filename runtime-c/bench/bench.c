/* `make bench`: build, verify and read the benchmark's log (10,000 records) and mesh
 * (125,000 triangles) shapes; prints times and verifier throughput. Not a test: numbers only. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "schemas.h"

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The strings of the log records, generated once, outside the timed loop. */
static char g_dates[31][40], g_reqs[1000][48];
static size_t g_date_len[31], g_req_len[1000];

static void make_strings(void) {
    uint32_t i;
    for (i = 0; i < 31; i++)
        g_date_len[i] = (size_t)sprintf(g_dates[i], "%u/Mar/1998:13:5:59 +0300", i + 1);
    for (i = 0; i < 1000; i++)
        g_req_len[i] = (size_t)sprintf(g_reqs[i], "GET /css/index%u.css HTTP/1.1", i);
}

static uint32_t build_logs(wxl_builder *b, uint32_t *logs, uint32_t n) {
    static const char *users[] = {"-", "alice", "bob", "carol", "dave", "eve", "frank", "harry"};
    uint32_t i, list;
    for (i = 0; i < n; i++) {
        uint32_t id, u, d, r;
        id = wxl_builder_string(b, "-", 1);
        u = wxl_builder_string(b, users[i % 8], strlen(users[i % 8]));
        d = wxl_builder_string(b, g_dates[i % 31], g_date_len[i % 31]);
        r = wxl_builder_string(b, g_reqs[i % 1000], g_req_len[i % 1000]);
        wxl_builder_struct_begin(b, LOGS_LOG, LOGS_LOG_ALIGN, LOGS_LOG_SIZE);
        wxl_builder_set_u32(b, 0, i * 2654435761u);
        wxl_builder_set_ref(b, 4, id), wxl_builder_set_ref(b, 8, u);
        wxl_builder_set_ref(b, 12, d), wxl_builder_set_ref(b, 16, r);
        wxl_builder_set_u16(b, 20, (uint16_t)(200 + i % 300));
        wxl_builder_set_u64(b, 24, i * 7919u);
        logs[i] = wxl_builder_end(b);
    }
    list = wxl_builder_refs(b, LOGS_LOG_LIST, logs, n);
    wxl_builder_struct_begin(b, LOGS_LOGS, 4, 4);
    wxl_builder_set_ref(b, 0, list);
    return wxl_builder_end(b);
}

static uint32_t build_mesh(wxl_builder *b, const float *tris, uint32_t n) {
    uint32_t arr = wxl_builder_raw_array(b, MESH_TRIANGLES, 4, MESH_TRIANGLE_SIZE, tris, n);
    wxl_builder_struct_begin(b, MESH_MESH, 4, 4);
    wxl_builder_set_ref(b, 0, arr);
    return wxl_builder_end(b);
}

/* Best of `reps` runs of verify, in seconds. */
static double time_verify(const uint8_t *buf, size_t len, const wxl_schema *s, uint64_t *scratch,
                          int reps) {
    double best = 1e9;
    int i;
    for (i = 0; i < reps; i++) {
        double t0 = now();
        if (wxl_verify(buf, len, s, NULL, scratch, wxl_verify_scratch_words(len), NULL) != WXL_OK)
            exit(1);
        if (now() - t0 < best)
            best = now() - t0;
    }
    return best;
}

static void bench_logs(void) {
    wxl_builder b;
    const uint8_t *out;
    size_t len;
    double t0, build = 1e9, verify, read;
    uint64_t sum = 0, *scratch;
    uint32_t i, root = 0, *logs = (uint32_t *)malloc(10000 * sizeof *logs);
    int rep;
    make_strings();
    wxl_builder_init(&b, (const uint8_t *)"LOGS");
    for (rep = 0; rep < 20; rep++) {
        wxl_builder_reset(&b);
        t0 = now();
        root = build_logs(&b, logs, 10000);
        if (now() - t0 < build)
            build = now() - t0;
    }
    if (wxl_builder_finish(&b, root, &out, &len) != WXL_OK)
        exit(1);
    scratch = (uint64_t *)malloc(wxl_verify_scratch_words(len) * 8);
    verify = time_verify(out, len, &logs_schema, scratch, 50);
    t0 = now();
    {
        wxl_view logs = logs_Logs_logs(logs_root(out, len));
        for (i = 0; i < wxl_array_len(logs); i++) {
            wxl_view l = wxl_array_view(logs, i);
            sum += logs_Log_address_x(l, 0) + logs_Log_code(l) + logs_Log_size(l);
        }
    }
    read = now() - t0;
    printf("log:  %zu bytes; build %.0f us; verify %.0f us (%.2f GB/s); read %.1f us (%llu)\n", len,
           build * 1e6, verify * 1e6, (double)len / verify / 1e9, read * 1e6,
           (unsigned long long)sum);
    free(scratch);
    free(logs);
    wxl_builder_free(&b);
}

static void bench_mesh(void) {
    enum { N = 125000 };
    float *tris = (float *)malloc(N * 48);
    wxl_builder b;
    const uint8_t *out;
    size_t len;
    double t0, build = 1e9, verify;
    uint64_t *scratch;
    uint32_t i, root = 0;
    int rep;
    for (i = 0; i < N * 12; i++)
        tris[i] = (float)i;
    wxl_builder_init(&b, NULL);
    for (rep = 0; rep < 20; rep++) {
        wxl_builder_reset(&b);
        t0 = now();
        root = build_mesh(&b, tris, N);
        if (now() - t0 < build)
            build = now() - t0;
    }
    if (wxl_builder_finish(&b, root, &out, &len) != WXL_OK)
        exit(1);
    scratch = (uint64_t *)malloc(wxl_verify_scratch_words(len) * 8);
    verify = time_verify(out, len, &mesh_schema, scratch, 50);
    printf("mesh: %zu bytes; build %.0f us; verify %.1f us (bitmap clear: O(len/32))\n", len,
           build * 1e6, verify * 1e6);
    free(scratch);
    free(tris);
    wxl_builder_free(&b);
}

int main(void) {
    bench_logs();
    bench_mesh();
    return 0;
}
