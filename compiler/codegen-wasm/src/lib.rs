//! The wxl WebAssembly back end (`wxl build --lang wasm`).
//!
//! [`generate`] turns a checked schema into three files:
//!
//! - `{module_name}.wat` and `{module_name}.wasm`: a module that imports its linear memory
//!   (`env.memory`) and exports a verifier, accessors and builders over buffers in that memory
//!   (the layout of docs/LAYOUT.md), and the WASM GC bridge (`T.load`, `T.store`). Any engine
//!   can instantiate it next to a guest module that shares the memory, so a guest in any
//!   language gets typed, verified access without writing accessors itself.
//! - `{module_name}.types.wat`: the schema as WASM GC types (rec groups, `sub`/`final`, field
//!   names), for GC guests to declare the same rec groups and so get the same types
//!   (iso-recursive type identity), which they can then pass to `T.store` and get from
//!   `T.load`.
//!
//! # Exports
//!
//! Conventions: `buf` is the address of a buffer in memory; an *object* `obj` is the offset of
//! an object's tag word in the buffer (what references hold; 0 is null); `ptr` values are
//! addresses in memory. Names are the schema's (`Log`, `code`); types of imported packages
//! that share a name with another type are qualified (`geometry.Vector3`).
//!
//! | export | signature | meaning |
//! |---|---|---|
//! | `verify` | `(buf, len, scratch) -> code` | 0 when the `len` bytes at `buf` are a valid buffer whose root is the schema's root type, else the LAYOUT.md §6 error code |
//! | `verify_with` | `(buf, len, scratch, root_id, check_identifier) -> code` | the same with a chosen root type id (0: the schema's) and the `WRONG_IDENTIFIER` check when `check_identifier != 0` |
//! | `verify_error_offset` | `() -> i32` | the offset §6 reports for the last error |
//! | `verify_scratch_size` | `(len) -> i32` | bytes of scratch `verify` needs: `ceil(len / 32)` (one bit per 4-byte word), any alignment, not overlapping the buffer; `verify` zeroes it itself, and traps (like any load) when the buffer or the scratch lies outside memory |
//! | `root` | `(buf) -> obj` | the root object |
//! | `type_id` | `(buf, obj) -> i32` | the type id in the object's tag word |
//! | `T.f` | `(buf, obj) -> value` | field `f` of struct `T`; its default when absent (stored size too small, §4.2). i32 for bool, 8-, 16- and 32-bit integers and enums (sign-extended for signed types), i64, f32, f64; `v128` as two i64 (bytes 0-7, 8-15); references as the target object (0 for null); abstract references (`anyref`, ...) as the raw value: an object, an i31 value `2v+1`, or 0 |
//! | `T.f.x` | `(buf, obj) -> value` | field `x` of the value struct in field `f` (flattened, any depth) |
//! | `T.f` (value struct field) | `(buf, obj) -> at` | the offset of the inline value, 0 when absent |
//! | `T.f.ptr`, `T.f.len` | `(buf, obj) -> i32` | for a `string` or `bytes` field: address and byte count of the contents (0, 0 for null) |
//! | `T.f.set` | `(buf, obj, v) -> i32` | for a `mut` scalar or enum field (and the leaves of a `mut` value-struct field): 1 when written, 0 when the field is absent or `v` is not a value of a closed enum |
//! | `A.len`, `A.ptr` | `(buf, obj) -> i32` | element count; address of element 0 |
//! | `A.at` | `(buf, obj, i) -> at` | offset of element `i` (traps when `i >= len`) |
//! | `A.get` | `(buf, obj, i) -> value` | element `i` of an array of scalars, enums or references (traps when out of range) |
//! | `A.set` | `(buf, obj, i, v) -> i32` | for arrays of `mut` scalars or enums |
//! | `V.x` | `(buf, at) -> value` | field `x` (flattened) of the value struct `V` at offset `at` (from `T.f` or `A.at`) |
//! | `T.test`, `T.cast` | `(buf, v) -> i32` | `ref.test` / `ref.cast` semantics: whether reference `v` is an object of `T` or a subtype (0 for null and i31), the ancestor tables of §7; `cast` returns `v` or traps |
//! | `string.ptr`, `string.len`, `bytes.ptr`, `bytes.len` | `(buf, obj) -> i32` | contents of a string or byte string object |
//! | `string.test`, `bytes.test` | `(buf, v) -> i32` | whether `v` is a string (byte string) object |
//! | `i31.test`, `i31.get_s`, `i31.get_u` | `(v) -> i32` | i31 values held by abstract references |
//! | `build.begin` | `(ptr, cap) -> i32` | start a buffer in the `cap` bytes at `ptr` (one build at a time per instance); 1 when the header fits |
//! | `string.new`, `bytes.new` | `(src, len) -> obj` | copy `len` bytes from `src` (not overlapping the region past `build.len()`); `string.new` rejects invalid UTF-8 |
//! | `T.new` | `(f1, f2, ...) -> obj` | a struct of type `T` from its flattened field values, in declaration order (`v128`: two i64; references: objects already written) |
//! | `A.new` | `(src, count) -> obj` | an array copying `count` elements from `src` (references as u32 objects) |
//! | `A.alloc` | `(count) -> obj` | an array of zeroed elements, to fill in place at `A.ptr` |
//! | `build.finish` | `(root) -> len` | write the header; the buffer's length, or 0 when a step failed (out of space, invalid UTF-8, undeclared enum value) |
//! | `build.len` | `() -> i32` | bytes written so far |
//! | `T.load` | `(buf, obj) -> (ref $T)` | the object as a GC object (only for *loadable* types, see below) |
//! | `T.store` | `(ref null $T) -> obj` | write a GC object (and what it references) with the builder |
//! | `string.store`, `bytes.store` | `(ref null $string) -> obj` | write an `(array i8)` as a string or byte string |
//!
//! [`generate`] assembles the text with the `wat` crate and validates the binary with
//! wasmparser under exactly [`features`]; the tests check that each of those features is
//! needed and that wasmtime and Node 22 run the module.
//!
//! Builders write front to back exactly the bytes LAYOUT.md prescribes: the fewest padding
//! words before a tag word, zeroed gaps and tail padding, the long length form for lengths of
//! 0xFFFF and more. Builders do not check references; verify what you build when in doubt.
//! Readers trust a verified buffer: they check that `obj` is an object reference (else they
//! trap, like `struct.get` on null) but not its type (use `T.test`/`T.cast`).
//!
//! # The verifier: tables as code
//!
//! `verify` is one forward pass (LAYOUT.md §6), hand-written once in WAT
//! (`src/runtime.wat`, spliced into every module), that calls the schema's tables compiled
//! to code: `$wxl:type.shape` (a `br_table` on the type id giving kind, body alignment and
//! stride), `$wxl:check.body` (a `br_table` to one `$check:T` function per type with checks,
//! straight-line code with the field offsets as immediates), `$wxl:subtype`/`$is:N` (the ancestor
//! tables as membership tests). Why code rather than a table interpreter over a data segment:
//! the module imports its memory, so an active data segment would be written into the
//! user's memory at instantiation (at an address the user must reserve, again in every
//! instance); code needs no memory, lets the engine fold offsets into the loads, and skips
//! the interpretation loop. Arrays of plain scalars have no check function: verifying a mesh
//! is O(1) in its size. The bitmap (one bit per 4-byte word) is the caller's `scratch`, so
//! the module owns no memory and verifiers on several threads never share state.
//!
//! # Shared memory
//!
//! [`generate`] imports a plain memory. [`generate_module`] with
//! [`MemoryImport::Shared`] imports `(memory 1 max shared)` (the threads feature), for a
//! host that shares one memory between threads: instantiate the module once per thread (its
//! globals hold the verifier's and the builder's state), give each thread its own scratch
//! and build region. Readers may run concurrently on a buffer nobody writes; setters and
//! builders are plain stores, so synchronize writers yourself. Nothing in the module uses
//! atomics. (GC objects are per thread: shared GC types are not in any engine yet.)
//!
//! # The WASM GC bridge and its limit
//!
//! `T.store` writes any GC object graph of the schema's types with the builder, each object
//! once per build, children before parents, as its run-time type (tested most derived first).
//! "Once" needs object identity, and GC objects have no identity hash: a hash table keyed by
//! the type id and the object's immutable scalars (an array's length) holds the objects
//! written, found by `ref.eq` in their bucket, so objects alike in those share a bucket (a
//! linear probe among them). It recurses along references: a chain deeper than the engine's
//! stack traps. A bool is written as 0 or 1, an undeclared value of a closed enum or a string
//! that is not UTF-8 fails the build (`build.finish` returns 0). GC types cannot tell apart wxl
//! types that lower alike (`string`/`bytes`/`[u8]`, signed/unsigned, enums/integers): a
//! statically typed field decides; behind an abstract reference (`anyref`...) an `(array i8)`
//! is written as bytes unless the build already holds it as a string, and GC-identical schema
//! types resolve to the last declared.
//!
//! `T.load` materializes, in one forward pass from offset 16 to `obj`, every object before it
//! (children come first, so each reference finds its target made, and a shared object becomes
//! one GC object; nothing recurses). It costs time and a table of `obj / 4` references
//! proportional to `obj`, not to what `obj` reaches: load the root once rather than many
//! objects one by one. The buffer must be verified (a bad one traps, never more).
//!
//! WASM GC 1.0 cannot create an *immutable* array from contents known only at run time
//! (`array.new_fixed` has a static length, `array.new_data`/`new_elem` static contents; see
//! WebAssembly/design#1561). `string` and `bytes` lower to `(array i8)` (LAYOUT.md §4.4) and
//! an array type without `mut` elements to an immutable array, so `T.load` exists only for
//! *loadable* types: structs and arrays with `mut` elements whose references lead only to
//! loadable types or to abstract heap types (an abstract reference to an object that cannot
//! be made traps). `T.store` has no such limit.

mod access;
mod bridge;
mod gctypes;
mod model;
mod out;
mod verifier;

use wxl_ir::{CompositeType, GeneratedFiles, Scalar, Schema, StorageType};

pub use wasmparser::WasmFeatures;

/// Settings of the WASM back end.
#[derive(Clone, Debug)]
pub struct Options {
    /// The base name of the generated files and the module's name (`logs` gives `logs.wat`,
    /// `logs.wasm`, `logs.types.wat`).
    pub module_name: String,
}

/// The memory the generated module imports as `env.memory`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MemoryImport {
    /// `(memory 1)`: any unshared memory of at least one page.
    #[default]
    Plain,
    /// `(memory 1 maximum_pages shared)`: a shared memory (needs the threads feature).
    Shared { maximum_pages: u32 },
}

/// The runtime part of every module, written by hand once.
const RUNTIME: &str = include_str!("runtime.wat");

/// Generates `{module_name}.wat`, `{module_name}.wasm` and `{module_name}.types.wat`.
pub fn generate(schema: &Schema, options: &Options) -> GeneratedFiles {
    generate_module(schema, options, MemoryImport::Plain)
}

/// [`generate`] with a choice of memory import.
///
/// Panics only on a bug of this crate: the generated module is assembled and validated (with
/// exactly [`features`]) before it is returned.
pub fn generate_module(schema: &Schema, options: &Options, memory: MemoryImport) -> GeneratedFiles {
    let model = model::Model::new(schema);
    let name = module_id(&options.module_name);
    let wat_text = module_text(&model, &options.module_name, &name, memory);
    let wasm = match wat::parse_str(&wat_text) {
        Ok(wasm) => wasm,
        Err(error) => panic!("wxl-codegen-wasm generated WAT that does not assemble (a bug): {error}"),
    };
    if let Err(error) = validate(&wasm, features(schema, memory)) {
        panic!("wxl-codegen-wasm generated an invalid module (a bug): {error}");
    }
    let mut files = GeneratedFiles::new();
    files.insert(format!("{}.wat", options.module_name), wat_text.into_bytes());
    files.insert(format!("{}.wasm", options.module_name), wasm);
    files.insert(
        format!("{}.types.wat", options.module_name),
        gctypes::types_module(&model, &name).into_bytes(),
    );
    files
}

/// The WebAssembly features the module for `schema` needs, exactly: GC (with reference types
/// and typed function references, which it builds on), multi-value results, `memory.fill`
/// and `memory.copy` (bulk memory), floats only when the schema stores an `f32` or `f64`,
/// SIMD only when it stores a `v128`, threads only for a shared memory.
pub fn features(schema: &Schema, memory: MemoryImport) -> WasmFeatures {
    let mut features = WasmFeatures::GC
        | WasmFeatures::GC_TYPES
        | WasmFeatures::REFERENCE_TYPES
        | WasmFeatures::FUNCTION_REFERENCES
        | WasmFeatures::MULTI_VALUE
        | WasmFeatures::BULK_MEMORY_OPT;
    if uses_scalar(schema, &[Scalar::F32, Scalar::F64]) {
        features |= WasmFeatures::FLOATS;
    }
    if uses_scalar(schema, &[Scalar::V128]) {
        features |= WasmFeatures::SIMD;
    }
    if matches!(memory, MemoryImport::Shared { .. }) {
        features |= WasmFeatures::THREADS;
    }
    features
}

/// Validates a module with the given features (wasmparser).
pub fn validate(wasm: &[u8], features: WasmFeatures) -> Result<(), String> {
    let mut validator = wasmparser::Validator::new_with_features(features);
    validator.validate_all(wasm).map(|_| ()).map_err(|e| e.to_string())
}

/// Whether a field, element or value-struct field of the schema stores one of `scalars`.
fn uses_scalar(schema: &Schema, scalars: &[Scalar]) -> bool {
    let stores = |s: StorageType| matches!(s, StorageType::Scalar(x) if scalars.contains(&x));
    schema.value_structs.iter().any(|v| v.fields.iter().any(|f| stores(f.ty.storage)))
        || schema.types.iter().any(|t| match &t.composite {
            CompositeType::Struct(st) => st.fields.iter().any(|f| stores(f.ty.storage)),
            CompositeType::Array(a) => stores(a.element.storage),
        })
}

/// A WAT identifier (without `$`) for the module name.
fn module_id(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || "!#$%&'*+-./:<=>?@\\^_`|~".contains(c) { c } else { '_' })
        .collect();
    if id.is_empty() {
        "module".into()
    } else {
        id
    }
}

fn module_text(model: &model::Model<'_>, file_name: &str, id: &str, memory: MemoryImport) -> String {
    let mut out = out::Out::new();
    let package = model.schema.package.as_deref().unwrap_or("(none)");
    out.line(0, format!(";; {file_name}.wat: accessors, verifier and builders for schema package `{package}`,"));
    out.line(0, ";; over buffers in the layout of docs/LAYOUT.md, and the WASM GC bridge.");
    out.line(0, ";; Generated by wxl (wxl-codegen-wasm); do not edit. Exports: see the crate docs.");
    out.line(0, format!("(module ${id}"));
    out.banner("WASM GC types (the same as the .types.wat file)");
    out.raw(&gctypes::type_definitions(model, 2));
    out.line(1, ";; the bridge's own tables");
    out.line(1, "(type $wxl.eqs (array (mut eqref)))");
    out.line(1, "(type $wxl.i32s (array (mut i32)))");
    out.banner("memory: buffers live in the importer's memory");
    match memory {
        MemoryImport::Plain => out.line(1, "(import \"env\" \"memory\" (memory $memory 1))"),
        MemoryImport::Shared { maximum_pages } => {
            out.line(1, format!("(import \"env\" \"memory\" (memory $memory 1 {maximum_pages} shared))"))
        }
    }
    verifier::schema_tables(&mut out, model);
    verifier::body_checks(&mut out, model);
    out.blank();
    out.raw(RUNTIME);
    access::accessors(&mut out, model);
    access::builders(&mut out, model);
    bridge::bridge(&mut out, model);
    out.line(0, ")");
    out.text
}
