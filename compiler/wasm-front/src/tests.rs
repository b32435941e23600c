use wxl_syntax::ast::{Finality, Item, TypeDef, TypeDefKind, TypeExpr};

use crate::{codes, parse_wasm, parse_wat, Parse};

fn codes_of(parse: &Parse) -> Vec<&str> {
    parse
        .diagnostics
        .iter()
        .map(|d| d.code.as_deref().unwrap_or(""))
        .collect()
}

/// The text under the primary label of each diagnostic.
fn labelled<'a>(parse: &Parse, text: &'a str) -> Vec<&'a str> {
    parse
        .diagnostics
        .iter()
        .map(|d| &text[d.labels[0].range.clone()])
        .collect()
}

fn types(parse: &Parse) -> Vec<&TypeDef> {
    parse
        .tree
        .items
        .iter()
        .flat_map(|item| match item {
            Item::Type(t) => vec![t],
            Item::Rec(g) => g.types.iter().collect(),
            _ => vec![],
        })
        .collect()
}

#[test]
fn syntax_error_points_at_the_bad_token() {
    let text = "(module (type $t (struct (field i33))))";
    let parse = parse_wat(3, text);
    assert_eq!(codes_of(&parse), [codes::SYNTAX]);
    assert_eq!(labelled(&parse, text), ["i33"]);
    assert_eq!(parse.diagnostics[0].labels[0].file_id, 3);
    assert!(parse.tree.items.is_empty());
}

#[test]
fn unbalanced_text_is_a_syntax_error() {
    for text in [
        "(module (type (struct)",
        "(module))",
        "\"",
        "(module (type $t (struct (field $x)))",
    ] {
        let parse = parse_wat(0, text);
        assert_eq!(codes_of(&parse), [codes::SYNTAX], "{text}");
        let range = parse.diagnostics[0].labels[0].range.clone();
        assert!(
            range.start <= range.end && range.end <= text.len(),
            "{text}: {range:?}"
        );
    }
}

#[test]
fn empty_and_comment_only_text_is_an_empty_module() {
    for text in [
        "",
        "  \n",
        ";; nothing\n(; at all ;)",
        "(module)",
        "(module $m)",
    ] {
        let parse = parse_wat(0, text);
        assert!(
            parse.diagnostics.is_empty(),
            "{text}: {:?}",
            parse.diagnostics
        );
        assert!(parse.tree.items.is_empty(), "{text}");
    }
}

#[test]
fn module_fields_without_the_module_keyword() {
    let parse = parse_wat(0, "(type $a (struct)) (type $b (array (ref $a)))");
    assert!(parse.diagnostics.is_empty());
    let names: Vec<&str> = types(&parse).iter().map(|t| t.name.name.as_str()).collect();
    assert_eq!(names, ["a", "b"]);
}

#[test]
fn components_and_binary_modules_in_text_are_rejected() {
    for text in [
        "(component)",
        "(module binary \"\\00asm\" \"\\01\\00\\00\\00\")",
    ] {
        let parse = parse_wat(0, text);
        assert_eq!(codes_of(&parse), [codes::NOT_A_MODULE], "{text}");
        assert!(parse.tree.items.is_empty());
    }
    let component = wat::parse_str("(component)").unwrap();
    assert_eq!(codes_of(&parse_wasm(0, &component)), [codes::NOT_A_MODULE]);
}

#[test]
fn finality_follows_the_text_format() {
    let text = "(module
      (type $a (struct))
      (type $b (sub (struct)))
      (type $c (sub $b (struct)))
      (type $d (sub final $c (struct)))
      (type $e (sub final (array i8))))";
    let expect = [
        (Finality::Final, None),
        (Finality::NonFinal, None),
        (Finality::NonFinal, Some("b")),
        (Finality::Final, Some("c")),
        (Finality::Final, None),
    ];
    for parse in [
        parse_wat(0, text),
        parse_wasm(0, &wat::parse_str(text).unwrap()),
    ] {
        let got: Vec<(Finality, Option<String>)> = types(&parse)
            .iter()
            .map(|t| match &t.kind {
                TypeDefKind::Struct {
                    finality,
                    supertype,
                    ..
                }
                | TypeDefKind::Array {
                    finality,
                    supertype,
                    ..
                } => (*finality, supertype.as_ref().map(|p| p.joined())),
                other => panic!("{other:?}"),
            })
            .collect();
        let expect: Vec<(Finality, Option<String>)> = expect
            .iter()
            .map(|(f, s)| (*f, s.map(str::to_string)))
            .collect();
        assert_eq!(got, expect);
    }
}

#[test]
fn binary_rec_groups_of_one_are_lone_types() {
    let text = "(module (rec (type (struct))) (rec) (rec (type (struct)) (type (array i8))) (type (struct)))";
    let parse = parse_wasm(0, &wat::parse_str(text).unwrap());
    assert!(parse.diagnostics.is_empty());
    let shape: Vec<String> = parse
        .tree
        .items
        .iter()
        .map(|item| match item {
            Item::Type(t) => format!("type {}", t.name.name),
            Item::Rec(g) => format!("rec {}", g.types.len()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(shape, ["type type0", "rec 0", "rec 2", "type type3"]);
    // The text keeps the `rec` as written.
    let parse = parse_wat(0, text);
    assert!(matches!(&parse.tree.items[0], Item::Rec(g) if g.types.len() == 1));
}

#[test]
fn binary_spans_are_byte_ranges() {
    let bytes = wat::parse_str("(module (type (struct (field i32) (field (mut i64)))))").unwrap();
    // header (8), section id, size, count, then the type: 5f 02 7f 00 7e 01
    assert_eq!(&bytes[8..17], &[1, 7, 1, 0x5f, 2, 0x7f, 0, 0x7e, 1]);
    let parse = parse_wasm(0, &bytes);
    assert!(parse.diagnostics.is_empty());
    let ty = types(&parse)[0];
    assert_eq!(ty.span.range(), 11..17);
    let TypeDefKind::Struct { fields, .. } = &ty.kind else {
        panic!()
    };
    assert_eq!(fields[0].span.range(), 13..15);
    assert_eq!(fields[0].ty.span().range(), 13..14);
    assert_eq!(fields[1].span.range(), 15..17);
    assert!(fields[1].mutable);
}

#[test]
fn rec_group_span_in_binary_covers_the_group() {
    let bytes = wat::parse_str("(module (rec (type (struct)) (type (struct))))").unwrap();
    // section id, size, count, then 4e 02 5f 00 5f 00
    assert_eq!(&bytes[8..17], &[1, 7, 1, 0x4e, 2, 0x5f, 0, 0x5f, 0]);
    let parse = parse_wasm(0, &bytes);
    let Item::Rec(group) = &parse.tree.items[0] else {
        panic!()
    };
    assert_eq!(group.span.range(), 11..17);
    assert_eq!(group.types[0].span.range(), 13..15);
    assert_eq!(group.types[1].span.range(), 15..17);
}

#[test]
fn malformed_binaries_give_diagnostics() {
    // After the spec's gc/binary-gc.wast: an array type whose mutability byte is 2 (the
    // spec's section claims 5 bytes for these 4; that case is in the list below).
    let bytes = b"\0asm\x01\0\0\0\x01\x04\x01\x5e\x78\x02";
    let parse = parse_wasm(0, bytes);
    assert_eq!(codes_of(&parse), [codes::MALFORMED_BINARY]);
    assert!(
        parse.diagnostics[0].message.contains("mutability"),
        "{}",
        parse.diagnostics[0].message
    );
    assert!(parse.tree.items.is_empty());

    for bytes in [
        &b""[..],
        b"\0asm",
        b"\0asm\x01\0\0\0\x01\x05\x01\x5e\x78\x02",
        b"not wasm at all",
        b"\0asm\x01\0\0\0\x01\xff",
    ] {
        let parse = parse_wasm(0, bytes);
        assert_eq!(codes_of(&parse), [codes::MALFORMED_BINARY], "{bytes:?}");
        let range = parse.diagnostics[0].labels[0].range.clone();
        assert!(range.end <= bytes.len(), "{bytes:?}: {range:?}");
    }
}

#[test]
fn types_before_a_fault_are_kept() {
    // Two groups announced; the second has a bad mutability byte.
    let bytes = b"\0asm\x01\0\0\0\x01\x07\x02\x5e\x78\x00\x5e\x78\x02";
    let parse = parse_wasm(0, bytes);
    assert_eq!(codes_of(&parse), [codes::MALFORMED_BINARY]);
    assert_eq!(types(&parse).len(), 1);
}

#[test]
fn malformed_name_section_is_a_warning() {
    let mut bytes = b"\0asm\x01\0\0\0\x01\x03\x01\x5f\x00".to_vec();
    // custom section "name", subsection 4 (types) claiming a 5-byte name that is not there
    bytes.extend_from_slice(b"\x00\x0a\x04name\x04\x03\x01\x00\x05");
    let parse = parse_wasm(0, &bytes);
    assert_eq!(codes_of(&parse), [codes::MALFORMED_NAMES]);
    assert_eq!(
        parse.diagnostics[0].severity,
        codespan_reporting::diagnostic::Severity::Warning
    );
    assert_eq!(types(&parse)[0].name.name, "type0");
}

#[test]
fn binary_names_come_from_the_name_section() {
    let bytes = wat::parse_str("(module (type $p (struct (field $x i32) (field i32))))").unwrap();
    let parse = parse_wasm(0, &bytes);
    let ty = types(&parse)[0];
    assert_eq!(ty.name.name, "p");
    let TypeDefKind::Struct { fields, .. } = &ty.kind else {
        panic!()
    };
    let names: Vec<&str> = fields.iter().map(|f| f.name.name.as_str()).collect();
    assert_eq!(names, ["x", "field1"]);
}

#[test]
fn post_gc_features_are_reported() {
    let text = "(module
      (type $s (shared (struct)))
      (type $t (struct (field (ref (exact $t))) (field (ref null (shared any)))))
      (type $a (sub (struct)))
      (type $b (sub (struct)))
      (type $c (sub $a $b (struct))))";
    let parse = parse_wat(0, text);
    assert_eq!(
        codes_of(&parse),
        [
            codes::UNSUPPORTED_FEATURE,
            codes::UNSUPPORTED_FEATURE,
            codes::UNSUPPORTED_FEATURE,
            codes::MULTIPLE_SUPERTYPES
        ]
    );
    assert_eq!(
        labelled(&parse, text)[1..],
        ["(exact $t)", "(shared any)", "$b"]
    );
    // The types are still there, without the feature.
    assert_eq!(types(&parse).len(), 5);
    let TypeDefKind::Struct { fields, .. } = &types(&parse)[1].kind else {
        panic!()
    };
    assert!(
        matches!(&fields[0].ty, TypeExpr::Ref { nullable: false, heap, .. } if heap.joined() == "t")
    );
    assert!(
        matches!(&fields[1].ty, TypeExpr::Ref { nullable: true, heap, .. } if heap.joined() == "any")
    );

    let binary = parse_wasm(0, &wat::parse_str(text).unwrap());
    assert_eq!(codes_of(&binary), codes_of(&parse));
}

#[test]
fn unknown_references_stay_unknown() {
    let text = "(module (type $a (struct (field (ref $nope)) (field (ref 7)))) (type (sub $missing (struct))))";
    let parse = parse_wat(0, text);
    assert!(parse.diagnostics.is_empty());
    let ts = types(&parse);
    let TypeDefKind::Struct { fields, .. } = &ts[0].kind else {
        panic!()
    };
    let heaps: Vec<String> = fields
        .iter()
        .map(|f| match &f.ty {
            TypeExpr::Ref { heap, .. } => heap.joined(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(heaps, ["nope", "type7"]);
    let TypeDefKind::Struct {
        supertype: Some(s), ..
    } = &ts[1].kind
    else {
        panic!()
    };
    assert_eq!(s.joined(), "missing");
}

#[test]
fn func_types_and_other_fields() {
    let text = "(module (func $f (param i32)) (type $t (func (param i32) (result i64))) (global i32 (i32.const 0)))";
    let parse = parse_wat(0, text);
    assert!(parse.diagnostics.is_empty());
    let ts = types(&parse);
    assert_eq!(ts.len(), 1);
    assert!(matches!(ts[0].kind, TypeDefKind::Func { .. }));
    assert_eq!(
        &text[ts[0].span.range()],
        "(type $t (func (param i32) (result i64)))"
    );
}
