//! The test harness: a [`Session`] runs the generated module in wasmtime over one memory and
//! records every step (memory writes, calls with their results, memory reads, expected traps)
//! so that `tests/node.rs` can replay exactly the same steps in Node 22 and demand the same
//! results.
#![allow(dead_code)]

pub mod layout;
pub mod oracle;
pub mod runtime;
pub mod scenarios;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value as Json};
use wasmtime::{Engine, Instance, Linker, Memory, MemoryType, Module, Store, Val};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The checked schema of a file (relative to the workspace).
pub fn schema(path: &str) -> wxl_ir::Schema {
    let compilation = wxl_check::compile_file(&workspace().join(path), &wxl_check::Config::default());
    let rendered = compilation.render_plain();
    compilation.schema.unwrap_or_else(|| panic!("{path} does not compile:\n{rendered}"))
}

/// The generated files for a schema file, named after its stem.
pub fn generated(path: &str) -> wxl_ir::GeneratedFiles {
    let stem = Path::new(path).file_stem().unwrap().to_string_lossy().into_owned();
    wxl_codegen_wasm::generate(&schema(path), &wxl_codegen_wasm::Options { module_name: stem })
}

pub fn engine() -> Engine {
    let mut config = wasmtime::Config::new();
    config.wasm_gc(true).wasm_function_references(true).wasm_simd(true).wasm_threads(true).shared_memory(true);
    Engine::new(&config).expect("engine")
}

/// A value passed to or returned by an export. References are named slots.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    I32(i32),
    I64(i64),
    F32(u32),
    F64(u64),
    /// A GC reference kept in a slot of the session; `Null` is a null reference.
    Ref(String),
    Null,
}

pub fn i32v(v: i32) -> V {
    V::I32(v)
}

pub fn f32v(v: f32) -> V {
    V::F32(v.to_bits())
}

pub fn f64v(v: f64) -> V {
    V::F64(v.to_bits())
}

impl V {
    fn json(&self) -> Json {
        match self {
            V::I32(v) => json!(["i32", v.to_string()]),
            V::I64(v) => json!(["i64", v.to_string()]),
            V::F32(v) => json!(["f32", v.to_string()]),
            V::F64(v) => json!(["f64", v.to_string()]),
            V::Ref(slot) => json!(["ref", slot]),
            V::Null => json!(["null"]),
        }
    }

    pub fn as_i32(&self) -> i32 {
        match self {
            V::I32(v) => *v,
            other => panic!("expected an i32, got {other:?}"),
        }
    }
}

/// One instance of a generated module (and, optionally, a guest module importing it) in
/// wasmtime, plus the record of every step.
pub struct Session {
    pub label: String,
    pub store: Store<()>,
    pub memory: Memory,
    instance: Instance,
    guest: Option<Instance>,
    slots: HashMap<String, Val>,
    steps: Vec<Json>,
    wasm: Vec<u8>,
    guest_wasm: Option<Vec<u8>>,
    pages: u32,
}

impl Session {
    /// The module generated for a schema file, over a fresh memory of `pages` pages.
    pub fn new(label: &str, schema_path: &str, pages: u32) -> Session {
        let files = generated(schema_path);
        let stem = Path::new(schema_path).file_stem().unwrap().to_string_lossy().into_owned();
        let wasm = files[&format!("{stem}.wasm")].clone();
        Session::from_wasm(label, wasm, pages)
    }

    pub fn from_wasm(label: &str, wasm: Vec<u8>, pages: u32) -> Session {
        let engine = engine();
        let module = Module::new(&engine, &wasm).expect("wasmtime compiles the module");
        let mut store = Store::new(&engine, ());
        let memory = Memory::new(&mut store, MemoryType::new(pages, None)).expect("memory");
        let instance = Instance::new(&mut store, &module, &[memory.into()]).expect("instantiate");
        Session {
            label: label.to_string(),
            store,
            memory,
            instance,
            guest: None,
            slots: HashMap::new(),
            steps: Vec::new(),
            wasm,
            guest_wasm: None,
            pages,
        }
    }

    /// Instantiates a guest module that imports the accessor module's exports as module
    /// `wxl` (and the memory as `env.memory`); `guest.<name>` calls then reach it.
    pub fn add_guest(&mut self, guest_wat: &str) {
        let guest = wat::parse_str(guest_wat).unwrap_or_else(|e| panic!("guest WAT: {e}"));
        let engine = self.store.engine().clone();
        let module = Module::new(&engine, &guest).unwrap_or_else(|e| panic!("guest module: {e:?}"));
        let mut linker: Linker<()> = Linker::new(&engine);
        linker.define(&mut self.store, "env", "memory", self.memory).expect("define memory");
        linker.instance(&mut self.store, "wxl", self.instance).expect("define wxl");
        let instance = linker.instantiate(&mut self.store, &module).unwrap_or_else(|e| panic!("guest instance: {e:?}"));
        self.guest = Some(instance);
        self.guest_wasm = Some(guest);
    }

    pub fn write(&mut self, addr: usize, bytes: &[u8]) {
        self.memory.data_mut(&mut self.store)[addr..addr + bytes.len()].copy_from_slice(bytes);
        self.steps.push(json!({"op": "write", "addr": addr, "hex": hex(bytes)}));
    }

    /// Reads memory; the bytes become an expectation of the replay.
    pub fn read(&mut self, addr: usize, len: usize) -> Vec<u8> {
        let bytes = self.memory.data(&self.store)[addr..addr + len].to_vec();
        self.steps.push(json!({"op": "read", "addr": addr, "hex": hex(&bytes)}));
        bytes
    }

    fn func(&mut self, name: &str) -> wasmtime::Func {
        let (instance, export) = match name.strip_prefix("guest.") {
            Some(rest) => (self.guest.expect("no guest"), rest),
            None => (self.instance, name),
        };
        instance
            .get_func(&mut self.store, export)
            .unwrap_or_else(|| panic!("[{}] no export `{name}`", self.label))
    }

    fn to_val(&self, v: &V) -> Val {
        match v {
            V::I32(x) => Val::I32(*x),
            V::I64(x) => Val::I64(*x),
            V::F32(x) => Val::F32(*x),
            V::F64(x) => Val::F64(*x),
            V::Ref(slot) => *self.slots.get(slot).unwrap_or_else(|| panic!("no slot {slot}")),
            V::Null => Val::AnyRef(None),
        }
    }

    fn run(&mut self, name: &str, args: &[V]) -> wasmtime::Result<Vec<Val>> {
        let func = self.func(name);
        let ty = func.ty(&self.store);
        let vals: Vec<Val> = args.iter().map(|a| self.to_val(a)).collect();
        let mut results: Vec<Val> = ty.results().map(|_| Val::I32(0)).collect();
        func.call(&mut self.store, &vals, &mut results)?;
        Ok(results)
    }

    fn value_of(&self, name: &str, val: &Val) -> V {
        match val {
            Val::I32(x) => V::I32(*x),
            Val::I64(x) => V::I64(*x),
            Val::F32(x) => V::F32(*x),
            Val::F64(x) => V::F64(*x),
            Val::AnyRef(None) => V::Null,
            other => panic!("[{}] {name} returned {other:?}: save references with `save`", self.label),
        }
    }

    /// Calls an export; its results become expectations of the replay.
    pub fn call(&mut self, name: &str, args: &[V]) -> Vec<V> {
        let results = self
            .run(name, args)
            .unwrap_or_else(|e| panic!("[{}] {name}({args:?}) trapped: {e:?}", self.label));
        let results: Vec<V> = results.iter().map(|v| self.value_of(name, v)).collect();
        self.steps.push(json!({
            "op": "call", "fn": name,
            "args": args.iter().map(V::json).collect::<Vec<_>>(),
            "expect": results.iter().map(V::json).collect::<Vec<_>>(),
        }));
        results
    }

    /// Calls an export returning one i32.
    pub fn i32(&mut self, name: &str, args: &[V]) -> i32 {
        let results = self.call(name, args);
        assert_eq!(results.len(), 1, "[{}] {name} returns {} values", self.label, results.len());
        results[0].as_i32()
    }

    /// Calls an export and checks its results.
    pub fn expect(&mut self, name: &str, args: &[V], expected: &[V]) {
        let results = self.call(name, args);
        assert_eq!(results, expected, "[{}] {name}({args:?})", self.label);
    }

    /// Calls an export returning a GC reference and keeps it in `slot`.
    pub fn save(&mut self, name: &str, args: &[V], slot: &str) {
        let results = self
            .run(name, args)
            .unwrap_or_else(|e| panic!("[{}] {name}({args:?}) trapped: {e:?}", self.label));
        assert_eq!(results.len(), 1);
        assert!(matches!(results[0], Val::AnyRef(Some(_))), "[{}] {name} returned {:?}", self.label, results[0]);
        self.slots.insert(slot.to_string(), results[0]);
        self.steps.push(json!({
            "op": "save", "fn": name,
            "args": args.iter().map(V::json).collect::<Vec<_>>(),
            "slot": slot,
        }));
    }

    /// Expects a call to trap.
    pub fn trap(&mut self, name: &str, args: &[V]) {
        let result = self.run(name, args);
        assert!(result.is_err(), "[{}] {name}({args:?}) should trap, returned {:?}", self.label, result.ok());
        self.steps.push(json!({
            "op": "trap", "fn": name,
            "args": args.iter().map(V::json).collect::<Vec<_>>(),
        }));
    }

    /// Writes `count` f32 values `(i % modulus)` from `addr` (exact in every engine).
    pub fn f32_mod(&mut self, addr: usize, count: usize, modulus: usize) {
        let data = self.memory.data_mut(&mut self.store);
        for i in 0..count {
            let v = (i % modulus) as f32;
            data[addr + 4 * i..addr + 4 * i + 4].copy_from_slice(&v.to_le_bytes());
        }
        self.steps.push(json!({"op": "f32mod", "addr": addr, "count": count, "modulus": modulus}));
    }

    /// `verify(buf, len, scratch)` and the error offset.
    pub fn verify(&mut self, buf: usize, len: usize, scratch: usize) -> (i32, i32) {
        let code = self.i32("verify", &[i32v(buf as i32), i32v(len as i32), i32v(scratch as i32)]);
        let offset = self.i32("verify_error_offset", &[]);
        (code, offset)
    }

    /// The record, for the Node replay.
    pub fn record(&self) -> Json {
        json!({
            "label": self.label,
            "pages": self.pages,
            "module": hex(&self.wasm),
            "guest": self.guest_wasm.as_ref().map(|g| hex(g)),
            "steps": self.steps,
        })
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
