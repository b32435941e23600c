/* geometry.h: a schema with a value struct and no object types. Its verifier tables are
 * empty; with no root type, any object may be the root. */
#include "check.h"
#include "geometry.h"

int main(void) {
    wxl_builder b;
    const uint8_t *buf;
    size_t len;
    wxl_string_ref text;
    wxl_error err;
    uint8_t raw[geometry_Vector3_SIZE];
    geometry_Vector3 v, back;

    CHECK(wxl_schema_check(geometry_schema()) == 0);
    CHECK(geometry_schema()->type_count == 0 && !geometry_schema()->has_root);
    CHECK(geometry_Vector3_SIZE == 12 && geometry_Vector3_ALIGN == 4);
    CHECK(geometry_Vector3_z_OFFSET == 8);

    v.x = -1.25f;
    v.y = 3.0e38f;
    v.z = 1.0e-45f; /* a subnormal survives the round trip */
    geometry_Vector3_store(raw, &v);
    back = geometry_Vector3_load(raw);
    CHECK(memcmp(&back, &v, sizeof v) == 0);
    CHECK(wxl_load_f32(raw + geometry_Vector3_y_OFFSET) == 3.0e38f);

    geometry_builder_init(&b);
    text = wxl_string_create_cstr(&b, "points only");
    CHECK(geometry_finish(&b, text.off, &buf, &len) == WXL_OK);
    CHECK(verify_buffer(geometry_verify, buf, len, &err) == WXL_OK);
    CHECK(str_is(wxl_str_of(wxl_root(buf, len)), "points only"));
    /* An object of a type the schema does not know is rejected. */
    {
        uint8_t *bad = copy_of(buf, len);
        bad[16] = 99;
        CHECK(verify_buffer(geometry_verify, bad, len, &err) == WXL_ERR_UNKNOWN_TYPE);
        CHECK(err.offset == 16);
        free(bad);
    }
    wxl_builder_free(&b);
    puts("geometry: ok");
    return 0;
}
