/* shapes.h: subtyping (tests, casts, upcasts), a rec group (a tree of nodes), enums (closed
 * and open), defaults, nullable and abstract references (i31, strings, shapes in an anyref),
 * in-place setters, and a short (older) struct. */
#include "check.h"
#include "shapes.h"

static const uint8_t thumbnail[5] = {0x89, 'P', 'N', 'G', 0};

/* Scene "demo": root node (user_data = i31 -7) with children
 *   [0] a Circle "sun" (Hatched, depth 3, radius 2.5), user_data "warm", layer 100
 *   [1] a Polygon "roof" (Polygon's default fill and depth) with 6 points, not visible, user_data = the
 *       circle itself, layer 7 (not declared: Layer is open)
 *   [2] no shape, default visible */
static int build(wxl_builder *b, const uint8_t **out, size_t *len) {
    static const float points[6] = {0.0f, 0.0f, 4.0f, 0.0f, 2.0f, 3.5f};
    wxl_string_ref sun_name, roof_name, warm, title, tag_strings[2];
    shapes_Circle_ref sun;
    shapes_ArrayOfF32_ref roof_points;
    shapes_Polygon_ref roof;
    shapes_Node_ref kids[3], root_node;
    shapes_Children_ref children;
    shapes_ArrayOfString_ref tags;
    wxl_bytes_ref thumb;
    shapes_Scene_ref scene;

    sun_name = wxl_string_create_cstr(b, "sun");
    shapes_Circle_begin(b);
    shapes_Circle_add_name(b, sun_name);
    shapes_Circle_add_fill(b, shapes_Fill_Hatched);
    shapes_Circle_add_depth(b, 3);
    shapes_Circle_add_radius(b, 2.5);
    sun = shapes_Circle_end(b);

    roof_name = wxl_string_create_cstr(b, "roof");
    roof_points = shapes_ArrayOfF32_create(b, points, 6);
    shapes_Polygon_begin(b);
    shapes_Polygon_add_name(b, roof_name);
    shapes_Polygon_add_points(b, roof_points);
    roof = shapes_Polygon_end(b);

    warm = wxl_string_create_cstr(b, "warm");
    shapes_Node_begin(b);
    shapes_Node_add_shape(b, shapes_Circle_ref_as_Shape(sun));
    shapes_Node_add_layer(b, shapes_Layer_Foreground);
    shapes_Node_add_user_data(b, warm.off);
    kids[0] = shapes_Node_end(b);

    shapes_Node_begin(b);
    shapes_Node_add_shape(b, shapes_Polygon_ref_as_Shape(roof));
    shapes_Node_add_visible(b, false);
    shapes_Node_add_layer(b, (shapes_Layer)7);
    shapes_Node_add_user_data(b, sun.off);
    kids[1] = shapes_Node_end(b);

    shapes_Node_begin(b);
    kids[2] = shapes_Node_end(b);

    children = shapes_Children_create(b, kids, 3);
    shapes_Node_begin(b);
    shapes_Node_add_children(b, children);
    shapes_Node_add_user_data(b, wxl_i31_from_s(-7));
    root_node = shapes_Node_end(b);

    title = wxl_string_create_cstr(b, "demo");
    thumb = wxl_bytes_create(b, thumbnail, sizeof thumbnail);
    tag_strings[0] = wxl_string_create_cstr(b, "small");
    tag_strings[1] = wxl_string_create_cstr(b, "caf\xc3\xa9");
    tags = shapes_ArrayOfString_create(b, tag_strings, 2);
    shapes_Scene_begin(b);
    shapes_Scene_add_title(b, title);
    shapes_Scene_add_root(b, root_node);
    shapes_Scene_add_thumbnail(b, thumb);
    shapes_Scene_add_frame(b, UINT64_C(0xFFFFFFFFFFFF));
    shapes_Scene_add_tags(b, tags);
    scene = shapes_Scene_end(b);
    return shapes_finish(b, scene, out, len);
}

static void read_back(const uint8_t *buf, size_t len) {
    shapes_Scene scene = shapes_root(buf, len);
    shapes_Node root = shapes_Scene_root(scene), sun_node, roof_node, empty;
    shapes_Shape sun, roof;
    shapes_Circle circle;
    shapes_Polygon polygon;
    wxl_bytes thumb = shapes_Scene_thumbnail(scene);
    uint32_t data;

    CHECK(str_is(shapes_Scene_title(scene), "demo"));
    CHECK(thumb.len == sizeof thumbnail && memcmp(thumb.ptr, thumbnail, thumb.len) == 0);
    CHECK(shapes_Scene_frame(scene) == UINT64_C(0xFFFFFFFFFFFF));
    CHECK(shapes_Scene_tags_len(scene) == 2);
    CHECK(str_is(shapes_Scene_tags_at(scene, 0), "small"));
    CHECK(str_is(shapes_Scene_tags_at(scene, 1), "caf\xc3\xa9"));

    CHECK(shapes_Shape_is_null(shapes_Node_shape(root)));
    CHECK(wxl_ref_is_i31(shapes_Node_user_data(root)));
    CHECK(wxl_i31_get_s(shapes_Node_user_data(root)) == -7);
    CHECK(shapes_Node_visible(root) && shapes_Node_layer(root) == shapes_Layer_Background);
    CHECK(shapes_Node_children_len(root) == 3);

    sun_node = shapes_Node_children_at(root, 0);
    sun = shapes_Node_shape(sun_node);
    CHECK(shapes_Shape_is_Circle(sun) && !shapes_Shape_is_Polygon(sun));
    CHECK(shapes_Polygon_is_null(shapes_Shape_as_Polygon(sun)));
    circle = shapes_Shape_as_Circle(sun);
    CHECK(!shapes_Circle_is_null(circle));
    CHECK(str_is(shapes_Circle_name(circle), "sun") && str_is(shapes_Shape_name(sun), "sun"));
    CHECK(shapes_Circle_fill(circle) == shapes_Fill_Hatched);
    CHECK(shapes_Circle_depth(circle) == 3 && shapes_Shape_depth(sun) == 3);
    CHECK(shapes_Circle_radius(circle) == 2.5);
    CHECK(shapes_Shape_depth(shapes_Circle_as_Shape(circle)) == 3);
    CHECK(shapes_Node_layer(sun_node) == shapes_Layer_Foreground);
    data = shapes_Node_user_data(sun_node);
    CHECK(!wxl_ref_is_i31(data));
    CHECK(str_is(wxl_str_of(wxl_ref_view(sun_node.v, data)), "warm"));
    CHECK(shapes_Shape_is_null(shapes_Shape_from_view(wxl_ref_view(sun_node.v, data))));

    roof_node = shapes_Node_children_at(root, 1);
    roof = shapes_Node_shape(roof_node);
    CHECK(shapes_Shape_is_Polygon(roof) && !shapes_Shape_is_Circle(roof));
    polygon = shapes_Shape_as_Polygon(roof);
    CHECK(str_is(shapes_Polygon_name(polygon), "roof"));
    /* Polygon redeclares fill and depth without defaults: begin wrote Solid (0) and 0, which
     * a Shape view reads too (the field is present, so Shape's defaults do not apply). */
    CHECK(shapes_Polygon_fill(polygon) == shapes_Fill_Solid && shapes_Shape_fill(roof) == shapes_Fill_Solid);
    CHECK(shapes_Polygon_depth(polygon) == 0 && shapes_Shape_depth(roof) == 0);
    CHECK(shapes_Polygon_points_len(polygon) == 6);
    CHECK(shapes_Polygon_points_at(polygon, 5) == 3.5f);
    CHECK(!shapes_Node_visible(roof_node));
    CHECK(shapes_Node_layer(roof_node) == 7 && shapes_Layer_name(shapes_Node_layer(roof_node)) == NULL);
    CHECK(strcmp(shapes_Fill_name(shapes_Polygon_fill(polygon)), "Solid") == 0);
    CHECK(strcmp(shapes_Fill_name(shapes_Fill_Outline), "Outline") == 0);
    /* user_data holds the circle: a Shape seen through an anyref. */
    sun = shapes_Shape_from_view(wxl_ref_view(roof_node.v, shapes_Node_user_data(roof_node)));
    CHECK(shapes_Shape_is_Circle(sun));
    CHECK(shapes_Circle_radius(shapes_Shape_as_Circle(sun)) == 2.5);

    empty = shapes_Node_children_at(root, 2);
    CHECK(shapes_Shape_is_null(shapes_Node_shape(empty)));
    CHECK(shapes_Children_is_null(shapes_Node_children(empty)) && shapes_Node_children_len(empty) == 0);
    CHECK(shapes_Node_visible(empty));
    CHECK(shapes_Node_user_data(empty) == 0);
}

/* In-place setters on a copy: the buffer still verifies and reads the new values. */
static void set_in_place(const uint8_t *buf, size_t len) {
    uint8_t *copy = copy_of(buf, len);
    shapes_Scene scene = shapes_root(copy, len);
    shapes_Shape sun = shapes_Node_shape(shapes_Node_children_at(shapes_Scene_root(scene), 0));
    CHECK(shapes_Scene_set_frame(shapes_Scene_mutable(scene, copy), 42) == WXL_OK);
    CHECK(shapes_Shape_set_depth(shapes_Shape_mutable(sun, copy), -9) == WXL_OK);
    CHECK(verify_buffer(shapes_verify, copy, len, NULL) == WXL_OK);
    CHECK(shapes_Scene_frame(scene) == 42);
    CHECK(shapes_Circle_depth(shapes_Shape_as_Circle(sun)) == -9);
    CHECK(shapes_Circle_set_depth(shapes_Circle_mutable(shapes_Shape_as_Circle(sun), copy), 5) == WXL_OK);
    CHECK(shapes_Shape_depth(sun) == 5);
    free(copy);
}

/* A Shape written by an older schema version that only had `name` (stored size 4): fill and
 * depth read as their defaults, and setting depth in place reports that it is absent. */
static void older_writer(void) {
    wxl_builder b;
    const uint8_t *buf;
    size_t len;
    wxl_string_ref name, title;
    uint32_t shape;
    shapes_Node_ref node;
    shapes_ArrayOfString_ref tags;
    shapes_Scene_ref scene;
    shapes_Shape read;
    uint8_t *copy;

    shapes_builder_init(&b);
    name = wxl_string_create_cstr(&b, "old");
    CHECK(wxl_builder_struct_begin(&b, shapes_Shape_TYPE_ID, shapes_Shape_BODY_ALIGN, 4) == WXL_OK);
    shapes_Shape_add_name(&b, name);
    shape = wxl_builder_end(&b);
    shapes_Node_begin(&b);
    shapes_Node_add_shape(&b, (shapes_Shape_ref){shape});
    node = shapes_Node_end(&b);
    title = wxl_string_create_cstr(&b, "");
    tags = shapes_ArrayOfString_create(&b, NULL, 0);
    shapes_Scene_begin(&b);
    shapes_Scene_add_title(&b, title);
    shapes_Scene_add_root(&b, node);
    shapes_Scene_add_tags(&b, tags);
    scene = shapes_Scene_end(&b);
    CHECK(shapes_finish(&b, scene, &buf, &len) == WXL_OK);
    CHECK(verify_buffer(shapes_verify, buf, len, NULL) == WXL_OK);

    read = shapes_Node_shape(shapes_Scene_root(shapes_root(buf, len)));
    CHECK(str_is(shapes_Shape_name(read), "old"));
    CHECK(shapes_Shape_fill(read) == shapes_Fill_Outline);
    CHECK(shapes_Shape_depth(read) == -1);
    CHECK(!shapes_Shape_is_Circle(read) && !shapes_Shape_is_Polygon(read));
    CHECK(str_is(shapes_Scene_title(shapes_root(buf, len)), ""));
    CHECK(shapes_Scene_thumbnail(shapes_root(buf, len)).ptr == NULL);
    copy = copy_of(buf, len);
    read.v.buf = copy;
    CHECK(shapes_Shape_set_depth(shapes_Shape_mutable(read, copy), 1) == WXL_ERR_FIELD_ABSENT);
    free(copy);
    wxl_builder_free(&b);
}

/* The verifier enforces the closed enum and the required reference. */
static void rejected(const uint8_t *buf, size_t len) {
    uint8_t *copy = copy_of(buf, len);
    shapes_Shape sun = shapes_Node_shape(shapes_Node_children_at(shapes_Scene_root(shapes_root(buf, len)), 0));
    uint32_t body = wxl_object_at(buf, sun.v.obj).body;
    wxl_error err;
    copy[body + shapes_Shape_fill_OFFSET] = 3;
    CHECK(verify_buffer(shapes_verify, copy, len, &err) == WXL_ERR_INVALID_ENUM);
    CHECK(err.offset == body + shapes_Shape_fill_OFFSET);
    memcpy(copy, buf, len);
    wxl_store_u32(copy + body + shapes_Shape_name_OFFSET, 0);
    CHECK(verify_buffer(shapes_verify, copy, len, &err) == WXL_ERR_NULL_REF);
    free(copy);
}

int main(void) {
    wxl_builder b;
    const uint8_t *buf;
    size_t len;
    wxl_error err;

    CHECK(wxl_schema_check(shapes_schema()) == 0);
    shapes_builder_init(&b);
    CHECK(build(&b, &buf, &len) == WXL_OK);
    CHECK(verify_buffer(shapes_verify, buf, len, &err) == WXL_OK);
    read_back(buf, len);
    set_in_place(buf, len);
    rejected(buf, len);
    older_writer();
    wxl_builder_free(&b);
    puts("shapes: ok");
    return 0;
}
