//! Schema text with `n` type declarations, for the compiler's speed (`benches/compiler.rs`).
//!
//! The declarations cycle through every kind a real schema has: closed enums, value structs,
//! structs with scalars, strings and arrays, subtypes, named arrays, references to earlier types,
//! final structs and rec groups. Each struct refers to the struct declared before it, so no two
//! are structurally equal (equal types would be merged into one, and the compiler would then do
//! less work than the count says).

use std::fmt::Write;

/// The kinds, in the order they repeat. Each is one declaration, except `Rec` (a group of two).
const CYCLE: usize = 8;

/// A schema of exactly `n` declared types (enums and value structs included).
pub fn schema(n: usize) -> String {
    let mut out = String::from("//! Generated for the compiler benchmark.\npackage generated;\n\n");
    // The struct most recently declared (every struct refers to it).
    let mut last_struct: Option<String> = None;
    // The `prev` line of the last S, which its subtype T repeats (same field, same type).
    let mut s_prev = String::new();
    let mut made = 0;
    let mut i = 0;
    while made < n {
        let prev = last_struct.as_deref().map_or(String::new(), |p| format!("    prev: ref null {p},\n"));
        match i % CYCLE {
            0 => writeln!(out, "enum E{i} : u8 {{ A = 0, B = 1, C = 2 }}").unwrap(),
            1 => writeln!(out, "value struct V{i} {{ x: f32, y: f32, z: f32 }}").unwrap(),
            2 => {
                writeln!(out, "/// Doc comment of S{i}.\nstruct S{i} {{\n{prev}    name: string,\n    count: u32 = 7,\n    flag: bool,\n    ratio: f64,\n}}").unwrap();
                last_struct = Some(format!("S{i}"));
                s_prev.clone_from(&prev);
            }
            3 => {
                // A subtype of the struct just declared: its fields first, then one more.
                let base = i - 1;
                writeln!(out, "struct T{i} : S{base} {{\n{s_prev}    name: string,\n    count: u32,\n    flag: bool,\n    ratio: f64,\n    extra: i64,\n}}").unwrap();
                last_struct = Some(format!("T{i}"));
            }
            4 => writeln!(out, "array A{i} = ref null {};", last_struct.as_deref().unwrap_or("string")).unwrap(),
            5 => {
                let (e, v, a) = (i - 5, i - 4, i - 1);
                writeln!(out, "struct R{i} {{\n{prev}    kind: E{e},\n    at: V{v},\n    items: ref A{a},\n    tags: [string],\n    mut hits: u64,\n}}").unwrap();
                last_struct = Some(format!("R{i}"));
            }
            6 => {
                writeln!(out, "final struct F{i} {{\n{prev}    a: u8,\n    b: i16,\n    c: u32,\n    d: u64,\n    data: ref null bytes,\n    any: anyref,\n}}").unwrap();
                last_struct = Some(format!("F{i}"));
            }
            _ => {
                if made + 2 > n {
                    // No room for a pair: one more enum instead.
                    writeln!(out, "open enum O{i} : u16 {{ X = 1, Y = 100 }}").unwrap();
                } else {
                    writeln!(out, "rec {{\n    struct N{i} {{\n{prev}        next: ref null N{i},\n        m: ref null M{i},\n    }}\n    struct M{i} {{ back: ref null N{i}, values: [f32] }}\n}}").unwrap();
                    last_struct = Some(format!("N{i}"));
                    made += 1;
                }
            }
        }
        made += 1;
        i += 1;
    }
    if let Some(root) = last_struct {
        writeln!(out, "\nroot {root};").unwrap();
    }
    out
}

/// The schema of `n` types, checked by `wxl_check` from memory (as `wxl check` does from disk).
pub fn check(text: &str) -> wxl_ir::Schema {
    let mut loader = wxl_check::MemLoader::default();
    loader.files.insert("generated.wxl".into(), text.as_bytes().to_vec());
    let compilation = wxl_check::compile(std::path::Path::new("generated.wxl"), &loader, &wxl_check::Config::default());
    match compilation.schema {
        Some(schema) => schema,
        None => panic!("generated schema does not check:\n{}", compilation.render_plain()),
    }
}

/// `wxl build --lang rust` on schema text: check, then the Rust back end (no file written).
pub fn build_rust(text: &str) -> usize {
    let schema = check(text);
    let files = wxl_codegen_rust::generate(&schema, &wxl_codegen_rust::Options::new("generated"));
    files.values().map(Vec::len).sum()
}
