//! Snapshot tests over `tests/cases/wasm/*.wat` (workspace root), the spec GC corpus under
//! `tests/cases/spec-gc/`, and text/binary agreement on both.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use wxl_syntax::ast::{
    ElementDef, FieldDef, Finality, Item, SourceFile, TypeDef, TypeDefKind, TypeExpr,
};
use wxl_syntax::{Diagnostic, Span};
use wxl_wasm_front::{parse_wasm, parse_wat, Parse};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `.wat` files of a directory, sorted.
fn wat_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "wat"))
        .collect();
    files.sort();
    files
}

/// The text under a span, on one line, shortened.
fn snippet(source: &str, span: Span) -> String {
    let text = source.get(span.range()).unwrap_or("<bad span>");
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 48 {
        format!("`{}…`", one_line.chars().take(47).collect::<String>())
    } else {
        format!("`{one_line}`")
    }
}

/// A readable dump of a parse. With `source`, every span is shown as the text it covers;
/// without, spans are left out (to compare text and binary inputs).
fn render(parse: &Parse, source: Option<&str>) -> String {
    let at = |span: Span| match source {
        Some(s) => format!(" @ {}", snippet(s, span)),
        None => String::new(),
    };
    let mut out = String::new();
    for item in &parse.tree.items {
        match item {
            Item::Type(ty) => render_type(&mut out, ty, "", &at),
            Item::Rec(group) => {
                writeln!(out, "rec{}", at(group.span)).unwrap();
                for ty in &group.types {
                    render_type(&mut out, ty, "  ", &at);
                }
            }
            other => writeln!(out, "unexpected item {other:?}").unwrap(),
        }
    }
    for d in &parse.diagnostics {
        render_diagnostic(&mut out, d, &at);
    }
    out
}

fn render_diagnostic(out: &mut String, d: &Diagnostic, at: &dyn Fn(Span) -> String) {
    let code = d.code.as_deref().unwrap_or("-");
    writeln!(out, "{:?}[{code}]: {}", d.severity, d.message).unwrap();
    for label in &d.labels {
        let span = Span::new(label.file_id, label.range.start, label.range.end);
        writeln!(out, "  label: {}{}", label.message, at(span)).unwrap();
    }
}

fn render_type(out: &mut String, ty: &TypeDef, indent: &str, at: &dyn Fn(Span) -> String) {
    let header = |finality: &Finality, supertype: &Option<wxl_syntax::ast::Path>| {
        let fin = match finality {
            Finality::Final => "final",
            Finality::NonFinal => "non-final",
        };
        match supertype {
            Some(p) => format!("{fin} <: {}{}", p.joined(), at(p.span)),
            None => fin.to_string(),
        }
    };
    let name = format!("{}{}", ty.name.name, at(ty.name.span));
    match &ty.kind {
        TypeDefKind::Struct {
            finality,
            supertype,
            fields,
        } => {
            let h = header(finality, supertype);
            writeln!(out, "{indent}struct {name} {h}{}", at(ty.span)).unwrap();
            for field in fields {
                render_field(out, field, indent, at);
            }
        }
        TypeDefKind::Array {
            finality,
            supertype,
            element,
        } => {
            let h = header(finality, supertype);
            writeln!(out, "{indent}array {name} {h}{}", at(ty.span)).unwrap();
            render_element(out, element, indent, at);
        }
        TypeDefKind::Func { params, results, .. } => {
            let params: Vec<String> = params.iter().map(|p| render_ty(p, at)).collect();
            let results: Vec<String> = results.iter().map(|r| render_ty(r, at)).collect();
            writeln!(out, "{indent}func {name}({}) -> ({}){}", params.join(", "), results.join(", "), at(ty.span)).unwrap()
        }
        other => writeln!(out, "{indent}unexpected kind {other:?}").unwrap(),
    }
}

fn render_ty(ty: &TypeExpr, at: &dyn Fn(Span) -> String) -> String {
    match ty {
        TypeExpr::Named(p) => format!("{}{}", p.joined(), at(p.span)),
        TypeExpr::Ref {
            nullable,
            heap,
            span,
        } => {
            let null = if *nullable { "null " } else { "" };
            format!(
                "(ref {null}{}{}){}",
                heap.joined(),
                at(heap.span),
                at(*span)
            )
        }
        other => format!("unexpected {other:?}"),
    }
}

fn render_field(out: &mut String, f: &FieldDef, indent: &str, at: &dyn Fn(Span) -> String) {
    let m = if f.mutable { "mut " } else { "" };
    let ty = render_ty(&f.ty, at);
    writeln!(
        out,
        "{indent}  field {m}{}{}: {ty}{}",
        f.name.name,
        at(f.name.span),
        at(f.span)
    )
    .unwrap();
}

fn render_element(out: &mut String, e: &ElementDef, indent: &str, at: &dyn Fn(Span) -> String) {
    let m = if e.mutable { "mut " } else { "" };
    writeln!(
        out,
        "{indent}  element {m}{}{}",
        render_ty(&e.ty, at),
        at(e.span)
    )
    .unwrap();
}

/// A group of one type means the same as a lone type (the binary format cannot tell them
/// apart), so compare with those merged.
fn merge_singleton_recs(parse: &Parse) -> Parse {
    let items = parse
        .tree
        .items
        .iter()
        .map(|item| match item {
            Item::Rec(group) if group.types.len() == 1 => Item::Type(group.types[0].clone()),
            other => other.clone(),
        })
        .collect();
    Parse {
        tree: SourceFile {
            items,
            ..parse.tree.clone()
        },
        diagnostics: parse.diagnostics.clone(),
    }
}

/// Assembles `text` and checks that the binary reads as the same tree, spans aside. The binary
/// may have more types at the end: the function types `wat` adds for functions written without
/// a type use.
fn assert_binary_agrees(name: &str, text: &str, from_text: &Parse) {
    let bytes = wat::parse_str(text).unwrap_or_else(|e| panic!("{name}: wat: {e}"));
    let from_binary = parse_wasm(0, &bytes);
    let mut from_text = merge_singleton_recs(from_text);
    let mut from_binary = merge_singleton_recs(&from_binary);
    let n = from_text.tree.items.len();
    assert!(
        from_binary.tree.items.len() >= n,
        "{name}: binary has fewer items"
    );
    for extra in from_binary.tree.items.drain(n..) {
        assert!(
            matches!(
                &extra,
                Item::Type(TypeDef {
                    kind: TypeDefKind::Func { .. },
                    ..
                })
            ),
            "{name}: unexpected extra item in binary: {extra:?}"
        );
    }
    // Only the codes: the messages name text or binary constructs.
    let codes = |p: &mut Parse| -> Vec<String> {
        p.diagnostics
            .drain(..)
            .map(|d| d.code.unwrap_or_default())
            .collect()
    };
    assert_eq!(
        codes(&mut from_text),
        codes(&mut from_binary),
        "{name}: diagnostics differ"
    );
    assert_eq!(
        render(&from_text, None),
        render(&from_binary, None),
        "{name}: trees differ"
    );
}

#[test]
fn snapshots_of_wasm_cases() {
    let dir = workspace().join("tests/cases/wasm");
    let files = wat_files(&dir);
    assert!(files.len() >= 5, "expected the cases in {}", dir.display());
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let parse = parse_wat(0, &text);
        insta::with_settings!({
            snapshot_path => "../../../tests/snapshots/wasm",
            prepend_module_to_snapshot => false,
            input_file => &path,
        }, {
            insta::assert_snapshot!(name.clone(), render(&parse, Some(&text)));
        });
        assert_binary_agrees(&name, &text, &parse);
    }
}

/// `(expected message, file)` of every invalid corpus module.
fn corpus(kind: &str) -> Vec<(PathBuf, String)> {
    let dir = workspace().join("tests/cases/spec-gc").join(kind);
    wat_files(&dir)
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

#[test]
fn spec_gc_corpus_parses_without_diagnostics() {
    let valid = corpus("valid");
    let invalid = corpus("invalid");
    assert!(valid.len() >= 50, "only {} valid corpus files", valid.len());
    assert!(
        invalid.len() >= 20,
        "only {} invalid corpus files",
        invalid.len()
    );
    for (path, text) in valid.iter().chain(&invalid) {
        let name = path.display().to_string();
        let parse = parse_wat(0, text);
        let mut rendered = String::new();
        for d in &parse.diagnostics {
            render_diagnostic(&mut rendered, d, &|s| snippet(text, s));
        }
        assert!(parse.diagnostics.is_empty(), "{name}:\n{rendered}");
        assert!(!parse.tree.items.is_empty(), "{name}: no types");
        assert_binary_agrees(&name, text, &parse);
    }
    for (path, text) in &invalid {
        let first = text.lines().next().unwrap_or_default();
        let expect = first.strip_prefix(";; expect: ").unwrap_or_default();
        assert!(
            !expect.trim().is_empty(),
            "{}: no `;; expect: ...` first line",
            path.display()
        );
    }
}

/// Cutting or flipping bytes of real modules must give diagnostics, never a panic.
#[test]
fn damaged_inputs_do_not_panic() {
    let mut inputs: Vec<String> = wat_files(&workspace().join("tests/cases/wasm"))
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    inputs.extend(corpus("valid").into_iter().take(20).map(|(_, t)| t));
    for text in &inputs {
        let bytes = wat::parse_str(text).unwrap();
        for cut in 0..bytes.len() {
            let _ = parse_wasm(0, &bytes[..cut]);
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0xff;
            let _ = parse_wasm(0, &flipped);
        }
        for (cut, _) in text.char_indices() {
            let _ = parse_wat(0, &text[..cut]);
        }
    }
}
