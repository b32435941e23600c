//! The cross-language tests (see the crate docs): golden vectors, the hostile corpus and the
//! differential check. One test binary, so that the C programs are compiled once.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use wxl_golden::model::{first_difference, flatten};
use wxl_golden::suite::{schema_files, vectors_dir, SchemaCase};
use wxl_golden::{blessing, generated_rust, hostile, mutate, rust_side};

/// Every schema of schemas/ with its vectors and C programs, loaded once.
fn suite() -> &'static [SchemaCase] {
    static SUITE: OnceLock<Vec<SchemaCase>> = OnceLock::new();
    SUITE.get_or_init(|| {
        let scratch = scratch_dir();
        schema_files()
            .iter()
            .map(|path| SchemaCase::load(path, &scratch))
            .collect()
    })
}

/// A folder for the C programs, private to this process (test runs may overlap on a shared
/// target directory). Folders of processes that have ended are removed (where /proc says so).
fn scratch_dir() -> PathBuf {
    let base = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    if let (true, Ok(entries)) = (Path::new("/proc/self").exists(), std::fs::read_dir(&base)) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid = name
                .strip_prefix("golden-")
                .and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(|pid| !Path::new("/proc").join(pid.to_string()).exists()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let dir = base.join(format!("golden-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn every_schema_has_golden_vectors_and_every_file_a_schema() {
    for case in suite() {
        assert!(
            !case.vectors.is_empty(),
            "schemas/{}.wxl has no vectors in tests/vectors/{}/",
            case.stem,
            case.stem
        );
    }
    for entry in std::fs::read_dir(vectors_dir()).expect("tests/vectors") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if !path.is_dir() || name == "hostile" {
            continue;
        }
        assert!(
            suite().iter().any(|c| c.stem == name),
            "tests/vectors/{name}/ is for no schema of schemas/"
        );
        for file in std::fs::read_dir(&path).expect("vector folder") {
            let file = file.expect("entry").path();
            let ok = match file.extension().and_then(|e| e.to_str()) {
                Some("json") => true,
                Some("bin") => file.with_extension("json").exists(),
                _ => false,
            };
            assert!(
                ok,
                "{}: every vector is NAME.json with NAME.bin",
                file.display()
            );
        }
    }
}

/// Rust and C build the same bytes for every vector, and those are the committed bytes.
#[test]
fn rust_and_c_build_identical_bytes_equal_to_the_committed_ones() {
    for case in suite() {
        for vector in &case.vectors {
            let label = format!("{}/{}", case.stem, vector.name);
            let rust = rust_side::build(&case.schema, &vector.root);
            let c = case.c_build(&vector.name);
            assert!(
                rust == c,
                "{label}: Rust built {} bytes, C {} bytes, first difference at {:?}",
                rust.len(),
                c.len(),
                rust.iter().zip(&c).position(|(a, b)| a != b)
            );
            if blessing() {
                std::fs::write(&vector.bin, &rust).expect("write .bin");
            }
            let committed = std::fs::read(&vector.bin).unwrap_or_else(|e| {
                panic!(
                    "{label}: {} ({e}); run with WXL_BLESS=1",
                    vector.bin.display()
                )
            });
            assert!(
                committed == rust,
                "{label}: the builders no longer write the committed bytes (layout drift?)"
            );
        }
    }
}

/// Rust reads what C built, C reads what Rust built, and both read the description.
#[test]
fn rust_reads_c_buffers_and_c_reads_rust_buffers() {
    for case in suite() {
        for vector in &case.vectors {
            let label = format!("{}/{}", case.stem, vector.name);
            let c_built = case.c_build(&vector.name);
            let rust_built = rust_side::build(&case.schema, &vector.root);

            let rust_read = rust_side::read(&case.schema, case.tables, &c_built)
                .unwrap_or_else(|e| panic!("{label}: Rust rejects the C buffer: {e}"));
            let rust_flat = flatten(&case.schema, &rust_read);
            if let Some(diff) = first_difference(&vector.expected, &rust_flat) {
                panic!("{label}: Rust reads the C buffer differently: {diff}");
            }

            let c_flat = case.c_dump(&rust_built).unwrap_or_else(|(code, offset)| {
                panic!("{label}: C rejects the Rust buffer: code {code} at {offset}")
            });
            if let Some(diff) = first_difference(&vector.expected, &c_flat) {
                panic!("{label}: C reads the Rust buffer differently: {diff}");
            }
        }
    }
}

/// The Rust back end's generated code builds every vector byte for byte as C does (and as
/// committed), and reads what C built as the description says.
#[test]
fn generated_rust_code_builds_and_reads_every_vector_like_c() {
    for case in suite() {
        assert!(
            generated_rust::SCHEMAS.contains(&case.stem.as_str()),
            "schemas/{}.wxl has no generated-Rust bridge in tests/golden/src/generated_rust/",
            case.stem
        );
        for vector in &case.vectors {
            let label = format!("{}/{}", case.stem, vector.name);
            let generated = generated_rust::build(&case.stem, &case.schema, &vector.root);
            let c = case.c_build(&vector.name);
            assert!(
                generated == c,
                "{label}: generated Rust and C build different bytes"
            );
            let reading = case
                .generated_rust_read(&c)
                .unwrap_or_else(|e| panic!("{label}: generated Rust rejects the C buffer: {e:?}"));
            if let Some(diff) = first_difference(&vector.expected, &flatten(&case.schema, &reading))
            {
                panic!("{label}: generated Rust reads the C buffer differently: {diff}");
            }
        }
    }
}

/// The verifiers accept every golden buffer.
#[test]
fn every_verifier_accepts_the_golden_buffers() {
    for case in suite() {
        let c_tables = case.c_tables();
        assert_eq!(
            c_tables.check(),
            0,
            "{}: the C tables are malformed",
            case.stem
        );
        let buffers: Vec<Vec<u8>> = case
            .vectors
            .iter()
            .map(|v| rust_side::build(&case.schema, &v.root))
            .collect();
        for (vector, buf) in case.vectors.iter().zip(&buffers) {
            let label = format!("{}/{}", case.stem, vector.name);
            assert_eq!(case.rust_verdict(buf), (0, 0), "{label}: the Rust verifier");
            assert_eq!(
                case.c_ffi_verdict(&c_tables, buf),
                (0, 0),
                "{label}: the C verifier"
            );
        }
        for (vector, verdict) in case.vectors.iter().zip(case.c_verify_batch(&buffers)) {
            assert_eq!(
                verdict,
                (0, 0),
                "{}/{}: the generated C verify",
                case.stem,
                vector.name
            );
        }
    }
}

/// The hostile corpus on disk is what the case definitions make (so a change to them, or to
/// the golden buffers they start from, shows), and the manifest lists exactly those files.
#[test]
fn hostile_corpus_is_up_to_date() {
    let dir = vectors_dir().join("hostile");
    let cases = hostile::cases(suite());
    let manifest = hostile::manifest(&cases);
    if blessing() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("hostile folder");
        for case in &cases {
            std::fs::write(dir.join(format!("{}.bin", case.name)), &case.bytes)
                .expect("write case");
        }
        std::fs::write(dir.join("manifest.json"), &manifest).expect("write manifest");
    }
    let committed = std::fs::read_to_string(dir.join("manifest.json"))
        .expect("tests/vectors/hostile/manifest.json (WXL_BLESS=1 writes it)");
    assert_eq!(
        committed, manifest,
        "the manifest differs from the case definitions"
    );
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("hostile")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = cases
        .iter()
        .map(|c| format!("{}.bin", c.name))
        .chain(["manifest.json".to_string()])
        .collect();
    expected.sort();
    assert_eq!(
        files, expected,
        "tests/vectors/hostile/ holds other files than the cases"
    );
    for case in &cases {
        let bytes = std::fs::read(dir.join(format!("{}.bin", case.name))).expect("case file");
        assert!(
            bytes == case.bytes,
            "hostile/{}.bin differs from its definition",
            case.name
        );
    }
}

/// Every verifier (the Rust runtime, the C runtime through the FFI, the generated C verify and
/// the generated Rust module with its own tables) rejects every hostile buffer with the
/// manifest's kind and offset.
#[test]
fn every_verifier_rejects_the_hostile_corpus_alike() {
    let dir = vectors_dir().join("hostile");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json")).expect("manifest"),
    )
    .expect("manifest JSON");
    let entries = manifest.as_array().expect("a list");
    assert!(
        entries.len() >= 30,
        "the corpus shrank to {} cases",
        entries.len()
    );
    // Every rule but BUFFER_TOO_LONG (a 4 GiB buffer) has at least one case.
    for kind in wxl_runtime::ErrorKind::ALL {
        let covered = entries.iter().any(|e| e["error"] == kind.name());
        assert!(
            covered || kind == wxl_runtime::ErrorKind::BufferTooLong,
            "no hostile case for {}",
            kind.name()
        );
    }
    for case in suite() {
        let c_tables = case.c_tables();
        let mine: Vec<&serde_json::Value> = entries
            .iter()
            .filter(|e| e["schema"] == format!("{}.wxl", case.stem))
            .collect();
        let buffers: Vec<Vec<u8>> = mine
            .iter()
            .map(|e| std::fs::read(dir.join(e["file"].as_str().expect("file"))).expect("case file"))
            .collect();
        let generated = case.c_verify_batch(&buffers);
        for ((entry, buf), c_generated) in mine.iter().zip(&buffers).zip(generated) {
            let file = entry["file"].as_str().expect("file");
            let expected = (
                hostile::code_of(entry["error"].as_str().expect("error")),
                entry["offset"].as_u64().expect("offset") as u32,
            );
            assert_eq!(
                case.rust_verdict(buf),
                expected,
                "{file}: the Rust verifier ({})",
                entry["why"]
            );
            assert_eq!(
                case.c_ffi_verdict(&c_tables, buf),
                expected,
                "{file}: the C verifier ({})",
                entry["why"]
            );
            assert_eq!(
                c_generated, expected,
                "{file}: the generated C verify ({})",
                entry["why"]
            );
        }
    }
}

/// Seeded mutations of every golden buffer: the Rust verifier, the C verifier (FFI), the
/// generated C verify and the generated Rust module give the same verdict, kind and offset;
/// where they accept, the runtime's readers, the generated Rust views and the generated C
/// getters read the same values.
#[test]
fn differential_mutations_get_the_same_verdict_and_reading() {
    // WXL_DIFF_SEED and WXL_DIFF_PER_VECTOR explore further; the defaults are what CI runs.
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let per_vector = env("WXL_DIFF_PER_VECTOR", 400) as usize;
    let mut rng = mutate::Rng::new(env("WXL_DIFF_SEED", 0x5EED_0F3A_11CE));
    let (mut total, mut accepted) = (0, 0);
    for case in suite() {
        let c_tables = case.c_tables();
        let ir_tables = wxl_ir::tables::compute(&case.schema);
        let max_id = ir_tables.types.len() as u16 + 16;
        let mut mutants = Vec::new();
        for vector in &case.vectors {
            let buf = rust_side::build(&case.schema, &vector.root);
            let starts: Vec<u32> = wxl_golden::raw::objects(&buf, &ir_tables)
                .iter()
                .map(|o| o.at)
                .collect();
            mutants
                .extend((0..per_vector).map(|_| mutate::mutate(&mut rng, &buf, &starts, max_id)));
        }
        let c_readings = case.c_dump_batch(&mutants);
        for (i, (mutant, c_reading)) in mutants.iter().zip(c_readings).enumerate() {
            let label = format!(
                "{} mutant {i} ({})",
                case.stem,
                wxl_golden::model::hex(&mutant[..mutant.len().min(64)])
            );
            let rust = case.rust_verdict(mutant);
            assert_eq!(
                case.c_ffi_verdict(&c_tables, mutant),
                rust,
                "{label}: C (FFI) and Rust verdicts differ"
            );
            match c_reading {
                Err(c) => assert_eq!(c, rust, "{label}: generated C and Rust verdicts differ"),
                Ok(c_flat) => {
                    assert_eq!(
                        rust,
                        (0, 0),
                        "{label}: generated C accepts what Rust rejects"
                    );
                    let rust_flat = flatten(
                        &case.schema,
                        &rust_side::read(&case.schema, case.tables, mutant).expect("verified"),
                    );
                    if let Some(diff) = first_difference(&rust_flat, &c_flat) {
                        panic!("{label}: Rust and C read an accepted mutant differently: {diff}");
                    }
                    accepted += 1;
                }
            }
            total += 1;
        }
    }
    eprintln!("differential: {accepted} of {total} mutants accepted and read alike");
    assert!(total >= 3000 || per_vector < 400, "only {total} mutants");
    // Most mutants must be rejected somewhere interesting, and some must survive to compare readers.
    assert!(
        accepted > 50 && accepted < total / 2,
        "{accepted} of {total} mutants accepted"
    );
}
