/* wxl_utf8_valid against an independent reference (decode, then range-check the scalar):
 * every 1- and 2-byte input, every 3-byte input with a non-ASCII lead, 4-byte boundaries,
 * and every position relative to the 16-byte ASCII fast path. */
#include <stdlib.h>

#include "check.h"
#include "ref_utf8.h"
#include "wxl.h"

static int g_mismatches;

static void same(const uint8_t *p, size_t n) {
    bool got = wxl_utf8_valid(p, n), want = ref_utf8_valid(p, n);
    if (got != want && g_mismatches++ < 10) {
        size_t i;
        fprintf(stderr, "utf8 mismatch (got %d) on", got);
        for (i = 0; i < n; i++)
            fprintf(stderr, " %02X", p[i]);
        fprintf(stderr, "\n");
    }
}

static void short_inputs(void) {
    uint8_t b[4] = {0};
    uint32_t x;
    g_mismatches = 0;
    same(b, 0);
    for (x = 0; x < 0x100; x++)
        b[0] = (uint8_t)x, same(b, 1);
    for (x = 0; x < 0x10000; x++)
        b[0] = (uint8_t)(x >> 8), b[1] = (uint8_t)x, same(b, 2);
    for (x = 0x800000; x < 0x1000000; x++) {
        b[0] = (uint8_t)(x >> 16), b[1] = (uint8_t)(x >> 8), b[2] = (uint8_t)x;
        same(b, 3);
    }
    CHECK_EQ(g_mismatches, 0);
}

static void four_byte_boundaries(void) {
    static const uint8_t edges[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    uint8_t b[4];
    uint32_t lead, i, j, k;
    g_mismatches = 0;
    for (lead = 0xF0; lead <= 0xFF; lead++)
        for (i = 0; i < sizeof edges; i++)
            for (j = 0; j < sizeof edges; j++)
                for (k = 0; k < sizeof edges; k++) {
                    b[0] = (uint8_t)lead, b[1] = edges[i], b[2] = edges[j], b[3] = edges[k];
                    same(b, 4);
                    same(b, 3);
                }
    CHECK_EQ(g_mismatches, 0);
}

/* Each sample at every offset 0..40 inside ASCII, cut at every length: the fast path's
 * boundaries and truncation at the end of the input. */
static void positions(void) {
    static const char *samples[] = {"\xC3\xA9", "\xE2\x97\x8B", "\xF0\x9F\x98\x80", "\xF4\x8F\xBF\xBF",
                                    "\xC0\xAF", "\xE0\x80\xAF", "\xED\xBF\xBF", "\xF4\x90\x80\x80",
                                    "\x80",     "\xFF",         "\xF8\x88\x80\x80\x80"};
    uint8_t b[64];
    uint32_t s, at, cut;
    g_mismatches = 0;
    for (s = 0; s < sizeof samples / sizeof samples[0]; s++) {
        size_t n = strlen(samples[s]);
        for (at = 0; at <= 40; at++) {
            memset(b, 'a', sizeof b);
            memcpy(b + at, samples[s], n);
            for (cut = 0; cut <= at + n + 8; cut++)
                same(b, cut);
        }
    }
    CHECK_EQ(g_mismatches, 0);
    memset(b, 'a', sizeof b);
    CHECK(wxl_utf8_valid(b, sizeof b));
    b[63] = 0x80;
    CHECK(!wxl_utf8_valid(b, sizeof b));
    CHECK(wxl_utf8_valid(b, 63));
}

/* Random mixes of ASCII and multi-byte sequences (a fixed LCG: reproducible). */
static void random_mixes(void) {
    uint8_t b[48];
    uint32_t seed = 12345, round, i;
    g_mismatches = 0;
    for (round = 0; round < 200000; round++) {
        for (i = 0; i < sizeof b; i++) {
            seed = seed * 1103515245u + 12345u;
            b[i] = (uint8_t)(seed >> 16);
            if ((seed >> 28) < 10)
                b[i] &= 0x7F; /* mostly ASCII, so valid inputs occur too */
        }
        same(b, (seed >> 8) % sizeof b);
    }
    CHECK_EQ(g_mismatches, 0);
}

int main(void) {
    RUN(short_inputs);
    RUN(four_byte_boundaries);
    RUN(positions);
    RUN(random_mixes);
    return test_summary("test_utf8");
}
