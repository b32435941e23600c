/* The harness of the generated-code tests: CHECK aborts with the failed condition, and
 * helpers that every test needs (verify with fresh scratch, compare strings). */
#ifndef CODEGEN_C_CHECK_H
#define CODEGEN_C_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wxl.h"

#define CHECK(cond)                                                                            \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);           \
            exit(1);                                                                           \
        }                                                                                      \
    } while (0)

/* The signature of every generated `<prefix>_verify`. */
typedef int (*verify_fn)(const uint8_t *, size_t, uint64_t *, size_t, wxl_error *);

/* Verifies with freshly allocated scratch; returns the code, the error in *err. */
static inline int verify_buffer(verify_fn verify, const uint8_t *buf, size_t len, wxl_error *err) {
    size_t words = wxl_verify_scratch_words(len);
    uint64_t *scratch = (uint64_t *)malloc((words ? words : 1) * sizeof *scratch);
    int rc;
    CHECK(scratch != NULL);
    rc = verify(buf, len, scratch, words, err);
    free(scratch);
    return rc;
}

static inline int str_is(wxl_str s, const char *text) {
    return s.ptr != NULL && s.len == strlen(text) && memcmp(s.ptr, text, s.len) == 0;
}

/* A copy the test may modify (the builder owns what it hands out). */
static inline uint8_t *copy_of(const uint8_t *buf, size_t len) {
    uint8_t *copy = (uint8_t *)malloc(len);
    CHECK(copy != NULL);
    memcpy(copy, buf, len);
    return copy;
}

#endif
