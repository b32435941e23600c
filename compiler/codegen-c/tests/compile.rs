//! The generated C works: for every schema in schemas/, `tests/c/<schema>.c` builds buffers
//! with the generated builders, verifies them with runtime-c and reads every field back. Each
//! program is compiled with gcc and clang, as C99 and C11, `-Wall -Wextra -Wpedantic
//! -Werror`, plainly and with AddressSanitizer and UndefinedBehaviorSanitizer, and run.

mod common;

use std::path::Path;

use common::cc;

/// Writes the header of every schema in `folder` into `include`; returns the schema stems.
fn write_headers(folder: &Path, include: &Path) -> Vec<String> {
    let mut stems = Vec::new();
    for path in common::schema_files(folder) {
        let (name, text) = common::header(&path);
        std::fs::write(include.join(name), text).expect("write header");
        stems.push(common::stem(&path));
    }
    stems
}

#[test]
fn round_trips_in_c_for_every_example_schema() {
    let dir = cc::Scratch::new("round-trips");
    let include = dir.join("include");
    std::fs::create_dir_all(&include).expect("include folder");
    let stems = write_headers(&common::workspace().join("schemas"), &include);
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/c");
    let runtime = cc::runtime_source();
    let mut failures = Vec::new();
    for stem in &stems {
        let source = tests.join(format!("{stem}.c"));
        assert!(
            source.exists(),
            "schemas/{stem}.wxl has no C test: write {}",
            source.display()
        );
        for config in cc::all_configs() {
            let program = dir.join(format!("{stem}-{}", config.label()));
            let includes = [include.as_path(), &cc::runtime_include(), tests.as_path()];
            match cc::compile(&config, &includes, &[&source, &runtime], &program) {
                Ok(()) => {
                    let output = cc::run(&program);
                    assert!(
                        output.contains(&format!("{stem}: ok")),
                        "{stem} ({}) said:\n{output}",
                        config.label()
                    );
                }
                Err(error) => failures.push(format!("{stem}: {error}")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The headers of the checker's valid cases (every scalar, enum and reference kind, rec
/// groups, explicit ids, C keywords as field names) compile warning-free and their tables
/// pass `wxl_schema_check`.
#[test]
fn headers_of_every_valid_check_case_compile() {
    let dir = cc::Scratch::new("check-cases");
    let folder = common::workspace().join("tests/cases/check/valid");
    let stems = write_headers(&folder, &dir);
    let runtime = cc::runtime_source();
    let mut failures = Vec::new();
    for stem in &stems {
        let schema = common::compile(&folder.join(format!("{stem}.wxl")));
        let names = wxl_codegen_c::names(&schema, &wxl_codegen_c::Options::new(stem.clone()));
        let source = dir.join(format!("{stem}_main.c"));
        let main = format!(
            "#include \"{stem}.h\"\n#include \"{stem}.h\" /* the guard makes a second include harmless */\n\
             int main(void) {{ return wxl_schema_check({}()) == 0 ? 0 : 1; }}\n",
            names.schema_item("schema")
        );
        std::fs::write(&source, main).expect("write main");
        for cc_name in ["gcc", "clang"] {
            for std in ["c99", "c11"] {
                let config = cc::Config {
                    cc: cc_name,
                    std,
                    sanitize: false,
                };
                let program = dir.join(format!("{stem}-{}", config.label()));
                match cc::compile(
                    &config,
                    &[&dir, &cc::runtime_include()],
                    &[&source, &runtime],
                    &program,
                ) {
                    Ok(()) => {
                        cc::run(&program);
                    }
                    Err(error) => failures.push(format!("{stem}: {error}")),
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The compile-time checks are live: a header whose offset constant disagrees with the C
/// layout does not compile, under C99 (negative array size) or C11 (`_Static_assert`).
#[test]
fn a_wrong_offset_stops_the_build() {
    let dir = cc::Scratch::new("static-asserts");
    let (name, text) = common::header(&common::workspace().join("schemas/logs.wxl"));
    let broken = text.replace(
        "#define logs_Log_code_OFFSET 20u",
        "#define logs_Log_code_OFFSET 22u",
    );
    assert_ne!(
        broken, text,
        "the header no longer defines logs_Log_code_OFFSET as 20"
    );
    std::fs::write(dir.join(&name), broken).expect("write header");
    let source = dir.join("main.c");
    std::fs::write(
        &source,
        "#include \"logs.h\"\nint main(void) { return 0; }\n",
    )
    .expect("write main");
    for cc_name in ["gcc", "clang"] {
        for std in ["c99", "c11"] {
            let config = cc::Config {
                cc: cc_name,
                std,
                sanitize: false,
            };
            let result = cc::compile(
                &config,
                &[&dir, &cc::runtime_include()],
                &[&source],
                &dir.join("main"),
            );
            let error = result.expect_err(&format!(
                "{} compiled a header with a wrong offset",
                config.label()
            ));
            assert!(
                error.contains("logs_Log_code_offset"),
                "{} did not name the check:\n{error}",
                config.label()
            );
        }
    }
}
