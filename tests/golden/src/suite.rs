//! Everything the tests share: each schema of schemas/ with its IR, its runtime tables, its
//! golden vectors (tests/vectors/<schema>/NAME.json and NAME.bin) and its C program compiled
//! with gcc and clang. Built once per test process.

use std::path::{Path, PathBuf};

use wxl_ir::Schema;
use wxl_runtime::schema::Schema as Tables;
use wxl_runtime_c::CSchema;

use crate::cc;
use crate::json::{parse_description, read_values, Description};
use crate::model::{flatten, Flat, Val};

/// One golden vector.
pub struct Vector {
    /// The file stem: `small` for tests/vectors/logs/small.json.
    pub name: String,
    pub description: Description,
    pub root: Val,
    /// The description's values in canonical form: what every reading must give.
    pub expected: Flat,
    /// Where the committed buffer is.
    pub bin: PathBuf,
}

/// One schema of schemas/.
pub struct SchemaCase {
    /// `logs` for schemas/logs.wxl.
    pub stem: String,
    pub schema: Schema,
    pub tables: &'static Tables,
    pub vectors: Vec<Vector>,
    /// The C program built by each compiler: (compiler, program).
    pub programs: Vec<(&'static str, PathBuf)>,
    scratch: PathBuf,
}

pub fn vectors_dir() -> PathBuf {
    cc::workspace().join("tests/vectors")
}

/// The `.wxl` files of schemas/, sorted.
pub fn schema_files() -> Vec<PathBuf> {
    let dir = cc::workspace().join("schemas");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "wxl"))
        .collect();
    files.sort();
    files
}

pub fn compile_schema(path: &Path) -> Schema {
    let compilation = wxl_check::compile_file(path, &wxl_check::Config::default());
    let rendered = compilation.render_plain();
    compilation
        .schema
        .unwrap_or_else(|| panic!("{} does not compile:\n{rendered}", path.display()))
}

/// The JSON descriptions of a schema's vectors, sorted by name.
fn load_vectors(stem: &str, schema: &Schema) -> Vec<Vector> {
    let dir = vectors_dir().join(stem);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            let text = std::fs::read_to_string(&path).expect("read description");
            let description =
                parse_description(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(
                description.schema,
                format!("{stem}.wxl"),
                "{}: wrong schema",
                path.display()
            );
            let root = read_values(schema, &description.values)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let expected = flatten(schema, &root);
            Vector {
                name,
                description,
                root,
                expected,
                bin: path.with_extension("bin"),
            }
        })
        .collect()
}

impl SchemaCase {
    /// Loads a schema and its vectors and builds its C program under `scratch`.
    pub fn load(path: &Path, scratch: &Path) -> SchemaCase {
        let stem = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let schema = compile_schema(path);
        let tables = crate::rust_side::tables(&wxl_ir::tables::compute(&schema));
        let vectors = load_vectors(&stem, &schema);
        let scratch = scratch.join(&stem);
        std::fs::create_dir_all(&scratch).expect("scratch folder");

        let options = wxl_codegen_c::Options::new(stem.clone());
        for (name, bytes) in wxl_codegen_c::generate(&schema, &options) {
            std::fs::write(scratch.join(name), bytes).expect("write header");
        }
        let names = wxl_codegen_c::names(&schema, &options);
        let roots: Vec<(String, Val)> = vectors
            .iter()
            .map(|v| (v.name.clone(), v.root.clone()))
            .collect();
        let (support, program) =
            crate::c_program::program(&schema, &names, &format!("{stem}.h"), &roots);
        std::fs::write(scratch.join(crate::c_program::SUPPORT_HEADER), support)
            .expect("write program");
        let source = scratch.join("golden.c");
        std::fs::write(&source, program).expect("write program");
        let programs = cc::COMPILERS
            .iter()
            .map(|&compiler| {
                let program = scratch.join(format!("golden-{compiler}"));
                cc::compile(compiler, &scratch, &source, &program);
                (compiler, program)
            })
            .collect();
        SchemaCase {
            stem,
            schema,
            tables,
            vectors,
            programs,
            scratch,
        }
    }

    /// The C runtime's tables for this schema (converted from the Rust ones).
    pub fn c_tables(&self) -> CSchema {
        CSchema::from_rust(self.tables)
    }

    /// The buffer the C program builds for a vector, with each compiler (they must agree).
    pub fn c_build(&self, vector: &str) -> Vec<u8> {
        let mut result: Option<Vec<u8>> = None;
        for (compiler, program) in &self.programs {
            let out = cc::temp_file(&self.scratch, vector);
            cc::run(program, &[Path::new("build"), Path::new(vector), &out]);
            let bytes = std::fs::read(&out).expect("read built buffer");
            let _ = std::fs::remove_file(&out);
            if let Some(first) = &result {
                assert!(
                    first == &bytes,
                    "{}/{vector}: gcc and clang builds differ ({compiler})",
                    self.stem
                );
            }
            result = Some(bytes);
        }
        result.expect("at least one compiler")
    }

    /// What the C program reads from `buf` (each compiler must read the same).
    pub fn c_dump(&self, buf: &[u8]) -> Result<Flat, (u32, u32)> {
        let input = cc::temp_file(&self.scratch, "dump");
        std::fs::write(&input, buf).expect("write buffer");
        let mut result = None;
        for (compiler, program) in &self.programs {
            let reading = cc::parse_dump(&cc::run(program, &[Path::new("dump"), &input]));
            if let Some(first) = &result {
                assert!(
                    first == &reading,
                    "{}: gcc and clang read differently ({compiler})",
                    self.stem
                );
            }
            result = Some(reading);
        }
        let _ = std::fs::remove_file(&input);
        result.expect("at least one compiler")
    }

    /// The C program's reading of each buffer (generated verify, then the getters).
    pub fn c_dump_batch(&self, buffers: &[Vec<u8>]) -> Vec<Result<Flat, (u32, u32)>> {
        let input = cc::temp_file(&self.scratch, "batch");
        std::fs::write(&input, cc::batch_file(buffers)).expect("write batch");
        let mut result: Option<Vec<Result<Flat, (u32, u32)>>> = None;
        for (compiler, program) in &self.programs {
            let readings = cc::parse_batch(&cc::run(program, &[Path::new("dump-batch"), &input]));
            assert_eq!(
                readings.len(),
                buffers.len(),
                "{compiler} read a different number of buffers"
            );
            if let Some(first) = &result {
                assert!(
                    first == &readings,
                    "{}: gcc and clang read differently ({compiler})",
                    self.stem
                );
            }
            result = Some(readings);
        }
        let _ = std::fs::remove_file(&input);
        result.expect("at least one compiler")
    }

    /// The generated verify's verdict on each buffer: `(code, offset)`, code 0 for accepted.
    pub fn c_verify_batch(&self, buffers: &[Vec<u8>]) -> Vec<(u32, u32)> {
        self.c_dump_batch(buffers)
            .into_iter()
            .map(|r| r.err().unwrap_or((0, 0)))
            .collect()
    }

    /// The Rust verifier's verdict in the same form.
    pub fn rust_verdict(&self, buf: &[u8]) -> (u32, u32) {
        match crate::rust_side::verify(&self.schema, self.tables, buf) {
            Ok(()) => (0, 0),
            Err(e) => (u32::from(e.kind.code()), e.offset),
        }
    }

    /// What the Rust back end's generated module reads (its own tables verify first).
    pub fn generated_rust_read(&self, buf: &[u8]) -> Result<Val, (u32, u32)> {
        crate::generated_rust::read(&self.stem, &self.schema, buf)
            .map_err(|e| (u32::from(e.kind.code()), e.offset))
    }

    /// The C runtime's verdict through the FFI (same options as the generated verify).
    pub fn c_ffi_verdict(&self, c_tables: &CSchema, buf: &[u8]) -> (u32, u32) {
        match wxl_runtime_c::verify(buf, c_tables, self.schema.identifier, None) {
            Ok(()) => (0, 0),
            Err(e) => (e.code, e.offset),
        }
    }
}
