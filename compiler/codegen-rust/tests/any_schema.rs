//! The back end never panics and always emits code that parses, for any schema the checks
//! accept: seeded proptest rounds over random schemas mixing every kind of type and field.

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, RngAlgorithm, TestRng, TestRunner};
use wxl_check::{compile, Config, MemLoader};
use wxl_codegen_rust::{generate, Embedding, Options};

#[path = "common/random_schema.rs"]
mod random_schema;
use random_schema::random_schema;

#[test]
fn accepted_schemas_generate_code_that_parses() {
    let config = RunnerConfig { cases: 100, failure_persistence: None, ..RunnerConfig::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]));
    let accepted = std::cell::Cell::new(0);
    runner
        .run(&any::<u64>(), |seed| {
            let text = random_schema(seed);
            let mut loader = MemLoader::default();
            loader.files.insert(PathBuf::from("main.wxl"), text.clone().into_bytes());
            let compilation = compile(&PathBuf::from("main.wxl"), &loader, &Config::default());
            let Some(schema) = &compilation.schema else { return Ok(()) };
            accepted.set(accepted.get() + 1);
            for embedding in [Embedding::ModuleFile, Embedding::Include] {
                let mut options = Options::new("random");
                options.object_api = true;
                options.embedding = embedding;
                let code = String::from_utf8(generate(schema, &options).remove("random.rs").expect("one file"))
                    .expect("UTF-8");
                // Formatted output starts with the header and has one item per line; the
                // unformatted fallback (tokens that did not parse) is one long line.
                prop_assert!(syn::parse_file(&code).is_ok() && code.lines().count() > 20, "{text}\n{code}");
            }
            Ok(())
        })
        .expect("code that parses");
    let accepted = accepted.get();
    assert!(accepted > 60, "only {accepted} random schemas passed the checks");
}
