/* mesh.h (which imports geometry): triangles as plain C structs, copied in one call on
 * little-endian hosts; the element-by-element builder writes the same bytes. Including
 * geometry.h too shows that shared value structs are defined once. */
#include "check.h"
#include "geometry.h"
#include "mesh.h"

#define COUNT 5

static geometry_Vector3 vec(float x, float y, float z) {
    geometry_Vector3 v;
    v.x = x;
    v.y = y;
    v.z = z;
    return v;
}

static int same(geometry_Vector3 a, geometry_Vector3 b) {
    return memcmp(&a, &b, sizeof a) == 0;
}

static mesh_Triangle triangle(int i) {
    mesh_Triangle t;
    float f = (float)i;
    t.v0 = vec(f, 0.5f, -1.0f);
    t.v1 = vec(f + 1.0f, 1.5f, -2.0f);
    t.v2 = vec(f + 2.0f, 2.5f, -3.0f);
    t.normal = vec(0.0f, 0.0f, f < 2 ? 1.0f : -0.0f);
    return t;
}

int main(void) {
    mesh_Triangle items[COUNT];
    wxl_builder b, by_element;
    const uint8_t *buf, *again;
    size_t len, again_len;
    mesh_ArrayOfTriangle_ref list;
    mesh_Mesh_ref root;
    mesh_Mesh mesh;
    uint32_t i;

    CHECK(wxl_schema_check(mesh_schema()) == 0);
    CHECK(sizeof(mesh_Triangle) == 48 && mesh_ArrayOfTriangle_STRIDE == 48);
    for (i = 0; i < COUNT; i++)
        items[i] = triangle((int)i);

    mesh_builder_init(&b);
    list = mesh_ArrayOfTriangle_create(&b, items, COUNT);
    CHECK(mesh_Mesh_begin(&b) == WXL_OK);
    mesh_Mesh_add_triangles(&b, list);
    root = mesh_Mesh_end(&b);
    CHECK(mesh_finish(&b, root, &buf, &len) == WXL_OK);
    CHECK(verify_buffer(mesh_verify, buf, len, NULL) == WXL_OK);
    CHECK(len == 16 + 4 + COUNT * 48 + 8);

    mesh = mesh_root(buf, len);
    CHECK(mesh_Mesh_triangles_len(mesh) == COUNT);
    for (i = 0; i < COUNT; i++) {
        mesh_Triangle t = mesh_Mesh_triangles_at(mesh, i);
        CHECK(same(t.v0, items[i].v0) && same(t.v1, items[i].v1));
        CHECK(same(t.v2, items[i].v2) && same(t.normal, items[i].normal));
    }

    /* Element by element: the same bytes. */
    mesh_builder_init(&by_element);
    CHECK(mesh_ArrayOfTriangle_begin(&by_element, COUNT) == WXL_OK);
    for (i = 0; i < COUNT; i++)
        mesh_ArrayOfTriangle_add_at(&by_element, i, items[i]);
    list = mesh_ArrayOfTriangle_end(&by_element);
    CHECK(mesh_Mesh_begin(&by_element) == WXL_OK);
    mesh_Mesh_add_triangles(&by_element, list);
    root = mesh_Mesh_end(&by_element);
    CHECK(mesh_finish(&by_element, root, &again, &again_len) == WXL_OK);
    CHECK(again_len == len && memcmp(again, buf, len) == 0);

    /* Value-struct helpers: a stored Vector3 loads back; the default is all zeros. */
    {
        uint8_t raw[geometry_Vector3_SIZE];
        geometry_Vector3 v = vec(1.0f, 2.0f, 3.0f), zero = geometry_Vector3_default();
        geometry_Vector3_store(raw, &v);
        CHECK(same(geometry_Vector3_load(raw), v));
        CHECK(zero.x == 0.0f && zero.y == 0.0f && zero.z == 0.0f);
    }

    wxl_builder_free(&by_element);
    wxl_builder_free(&b);
    puts("mesh: ok");
    return 0;
}
