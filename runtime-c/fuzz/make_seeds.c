/* Writes the seed corpus of fuzz_verify into the directory given as argv[1] (`make seeds`). */
#include <stdio.h>
#include <stdlib.h>

#include "zoo_build.h"

static int write_file(const char *dir, const char *name, const uint8_t *p, size_t n) {
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s\n", path);
        return 1;
    }
    return 0;
}

/* The smallest valid zoo: an empty item list and a 4-byte Zoo. */
static int minimal(const char *dir) {
    wxl_builder b;
    const uint8_t *out;
    size_t len;
    uint32_t list, zoo;
    int rc;
    wxl_builder_init(&b, (const uint8_t *)"ZOO1");
    list = wxl_builder_refs(&b, ZOO_ITEM_LIST, NULL, 0);
    wxl_builder_struct_begin(&b, ZOO_ZOO, ZOO_ZOO_ALIGN, 4);
    wxl_builder_set_ref(&b, 0, list);
    zoo = wxl_builder_end(&b);
    rc = wxl_builder_finish(&b, zoo, &out, &len) || write_file(dir, "zoo_minimal", out, len);
    wxl_builder_free(&b);
    return rc;
}

/* A long-form string (non-canonical length) followed by padding: exercises the long path. */
static int long_form(const char *dir) {
    uint8_t buf[32] = {0x57, 0x58, 0x4C, 0x00, 1, 0, 0, 0, 'Z', 'O', 'O', '1', 16, 0, 0, 0};
    wxl_store_u32(buf + 16, WXL_TYPE_ID_STRING | 0xFFFF0000u);
    wxl_store_u32(buf + 20, 3);
    memcpy(buf + 24, "abc", 3);
    return write_file(dir, "long_form", buf, sizeof buf);
}

int main(int argc, char **argv) {
    wxl_builder b;
    zoo_offsets o;
    const uint8_t *out;
    size_t len;
    int rc;
    if (argc != 2) {
        fprintf(stderr, "usage: make_seeds DIR\n");
        return 2;
    }
    wxl_builder_init(&b, (const uint8_t *)"ZOO1");
    rc = zoo_build(&b, &o, &out, &len) || write_file(argv[1], "zoo_full", out, len);
    wxl_builder_free(&b);
    rc = rc || minimal(argv[1]) || long_form(argv[1]);
    return rc;
}
