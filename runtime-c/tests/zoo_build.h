/* Builds one buffer of the zoo schema that uses every type and every check kind. */
#ifndef WXL_TEST_ZOO_BUILD_H
#define WXL_TEST_ZOO_BUILD_H

#include "schemas.h"

/* Offsets of the tag words of the objects zoo_build writes. */
typedef struct zoo_offsets {
    uint32_t name_a, name_b, blob, shape, circle, square, v128s, doubles, flags, pairs;
    uint32_t item0, item1, items, names, shapes, title, zoo;
} zoo_offsets;

/* Builds the buffer into `b` (already initialised); returns wxl_builder_finish's code. */
int zoo_build(wxl_builder *b, zoo_offsets *o, const uint8_t **out, size_t *len);

#endif
