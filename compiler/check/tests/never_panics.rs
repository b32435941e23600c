//! The compiler never panics, whatever the input: seeded proptest rounds over the three front
//! ends (token soups and structured random schemas for `.wxl`, random text for `.wat`, random
//! bytes for `.wasm`), each compiled all the way through checks and layout.

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use wxl_check::{compile, Config, MemLoader};

const TOKENS: &[&str] = &[
    "struct", "value", "array", "enum", "open", "final", "rec", "{", "}", "(", ")", ":", ";", ",",
    "=", "[", "]", "mut", "ref", "null", "@id(17)", "@id(16)", "@deprecated", "A", "B", "C",
    "A.B", "i32", "u8", "s16", "f64", "v128", "bool", "string", "bytes", "anyref", "funcref",
    "any", "none", "i31", "1", "-3", "0x10", "1.5", "\"s\"", "\"ABCD\"", "root", "identifier",
    "import", "\"a.wxl\"", "package", "///doc\n", "//!top\n", ".", "true", "inf", "\u{0}", "é",
];

fn compile_text(name: &str, bytes: Vec<u8>) {
    let mut loader = MemLoader::default();
    loader.files.insert(PathBuf::from(name), bytes.clone());
    // An import of itself and of a sibling exercise the import paths too.
    loader.files.insert(PathBuf::from("a.wxl"), bytes);
    let compilation = compile(&PathBuf::from(name), &loader, &Config::default());
    let _ = compilation.render_plain();
}

fn runner() -> TestRunner {
    let config = RunnerConfig { cases: 400, failure_persistence: None, ..RunnerConfig::default() };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]))
}

#[test]
fn token_soup_never_panics() {
    let strategy = prop::collection::vec(prop::sample::select(TOKENS), 0..80);
    runner()
        .run(&strategy, |tokens| {
            compile_text("main.wxl", tokens.join(" ").into_bytes());
            Ok(())
        })
        .expect("no panic");
}

/// A random but mostly well-formed schema, so the checks (not only the parser) get exercised.
fn schema_strategy() -> impl Strategy<Value = String> {
    let names = ["T0", "T1", "T2", "T3", "V0", "E0"];
    let field_type = prop::sample::select(vec![
        "i32", "u8", "bool", "f64", "string", "ref null T0", "ref T1", "ref null T2", "T3", "V0",
        "E0", "[T0]", "[mut u16]", "[[f32]]", "anyref", "ref null struct", "ref i31", "eqref",
    ]);
    let field = (any::<bool>(), prop::sample::select(vec!["a", "b", "c", "d"]), field_type)
        .prop_map(|(mutable, name, ty)| format!("{}{name}: {ty}", if mutable { "mut " } else { "" }));
    let fields = prop::collection::vec(field, 0..5).prop_map(|f| f.join(", "));
    let ty = (0..6usize, any::<bool>(), prop::option::of(0..4usize), fields, 0..4u8).prop_map(
        move |(name, is_final, supertype, fields, kind)| {
            let name = names[name];
            let final_word = if is_final { "final " } else { "" };
            let sup = supertype.map(|s| format!(" : T{s}")).unwrap_or_default();
            match kind {
                0 => format!("value struct {name} {{ {fields} }}"),
                1 => format!("enum {name} : u8 {{ A = 1, B = 2 }}"),
                2 => format!("{final_word}array {name}{sup} = ref null T0;"),
                _ => format!("{final_word}struct {name}{sup} {{ {fields} }}"),
            }
        },
    );
    let group = (prop::collection::vec(ty, 1..4), any::<bool>()).prop_map(|(types, rec)| {
        if rec { format!("rec {{ {} }}", types.join(" ")) } else { types.join("\n") }
    });
    prop::collection::vec(group, 1..6).prop_map(|groups| format!("root T0;\n{}", groups.join("\n")))
}

#[test]
fn random_schemas_never_panic() {
    runner()
        .run(&schema_strategy(), |schema| {
            compile_text("main.wxl", schema.into_bytes());
            Ok(())
        })
        .expect("no panic");
}

#[test]
fn random_wat_and_wasm_never_panic() {
    let wat = prop::collection::vec(
        prop::sample::select(vec![
            "(module", "(type", "$a", "$b", "(struct", "(field", "(mut", "i8", "i32", "(ref",
            "null", "(sub", "final", "(rec", "(array", "(func", "(param", "anyref", ")", ")", "0",
        ]),
        0..60,
    );
    runner()
        .run(&wat, |tokens| {
            compile_text("main.wat", tokens.join(" ").into_bytes());
            Ok(())
        })
        .expect("no panic");
    let header = vec![0x00u8, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    let wasm = prop::collection::vec(any::<u8>(), 0..200).prop_map(move |tail| {
        let mut bytes = header.clone();
        bytes.push(1); // type section id, so the random tail is read as types
        bytes.extend(tail);
        bytes
    });
    runner()
        .run(&wasm, |bytes| {
            compile_text("main.wasm", bytes);
            Ok(())
        })
        .expect("no panic");
}
