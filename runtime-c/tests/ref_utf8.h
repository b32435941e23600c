/* A reference UTF-8 validator for tests and the fuzz target: independent of wxl_utf8_valid. */
#ifndef WXL_TEST_REF_UTF8_H
#define WXL_TEST_REF_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The reference: decode each sequence by its lead's bit pattern, then reject overlongs,
 * surrogates and scalars above U+10FFFF. Slow and obviously right. */
static bool ref_utf8_valid(const uint8_t *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint32_t c = p[i], need, cp, min, k;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0)
            need = 1, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            need = 2, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            need = 3, cp = c & 0x07, min = 0x10000;
        else
            return false;
        if (n - i - 1 < need)
            return false;
        for (k = 1; k <= need; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = cp << 6 | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += need + 1;
    }
    return true;
}

#endif
