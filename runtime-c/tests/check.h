/* A tiny test harness: CHECK records a failure and goes on; main returns test_summary(). */
#ifndef WXL_TEST_CHECK_H
#define WXL_TEST_CHECK_H

#include <stdio.h>

static int g_checks, g_failures, g_tests;

#define CHECK(cond)                                                                            \
    do {                                                                                       \
        g_checks++;                                                                            \
        if (!(cond)) {                                                                         \
            g_failures++;                                                                      \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);           \
        }                                                                                      \
    } while (0)

/* Compares two unsigned integers and prints both on failure. */
#define CHECK_EQ(a, b)                                                                         \
    do {                                                                                       \
        unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b);         \
        g_checks++;                                                                            \
        if (a_ != b_) {                                                                        \
            g_failures++;                                                                      \
            fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %s (%llu != %llu)\n", __FILE__,     \
                    __LINE__, #a, #b, a_, b_);                                                 \
        }                                                                                      \
    } while (0)

#define RUN(test)                                                                              \
    do {                                                                                       \
        int before_ = g_failures;                                                              \
        g_tests++;                                                                             \
        test();                                                                                \
        if (g_failures != before_)                                                             \
            fprintf(stderr, "FAILED %s\n", #test);                                             \
    } while (0)

static int test_summary(const char *program) {
    printf("%s: %d tests, %d checks, %d failures\n", program, g_tests, g_checks, g_failures);
    return g_failures == 0 && g_checks > 0 ? 0 : 1;
}

#endif
