//! The WASM side: the module wxl generated (logs.wasm) runs in wasmtime over a memory that
//! holds the buffer, and reads it through its exports (`verify`, `Logs.logs`, `Log.code`, ...).

use std::sync::OnceLock;

use wasmtime::{Engine, Instance, Memory, MemoryType, Module, Store};

use crate::Summary;

static MODULE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/logs.wasm"));

/// Where the buffer sits in linear memory; the verifier's scratch follows it.
const BUFFER_AT: usize = 1 << 16;

/// The engine and the compiled module, compiled once per process.
fn compiled() -> wasmtime::Result<&'static (Engine, Module)> {
    static COMPILED: OnceLock<(Engine, Module)> = OnceLock::new();
    if let Some(compiled) = COMPILED.get() {
        return Ok(compiled);
    }
    let engine = Engine::default();
    let module = Module::new(&engine, MODULE)?;
    Ok(COMPILED.get_or_init(|| (engine, module)))
}

/// Verifies and reads `buf` inside a WASM module.
pub fn read_logs_in_wasm(buf: &[u8]) -> wasmtime::Result<Summary> {
    let (engine, module) = compiled()?;
    let mut store = Store::new(engine, ());
    let scratch_at = BUFFER_AT + buf.len().next_multiple_of(8);
    let bytes_needed = scratch_at + buf.len() / 32 + 64;
    let pages = bytes_needed.div_ceil(1 << 16) as u64;
    let memory = Memory::new(&mut store, MemoryType::new(pages as u32, None))?;
    let instance = Instance::new(&mut store, module, &[memory.into()])?;
    // The host owns this memory; a producer sharing it (see the channel crate) would build in
    // place. Here the buffer is written once.
    memory.write(&mut store, BUFFER_AT, buf)?;
    let base = BUFFER_AT as i32;
    let verify = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "verify")?;
    let code = verify.call(&mut store, (base, buf.len() as i32, scratch_at as i32))?;
    if code != 0 {
        let offset = instance.get_typed_func::<(), i32>(&mut store, "verify_error_offset")?.call(&mut store, ())?;
        return Ok(Summary { error_code: code, error_offset: offset as u32, ..Summary::default() });
    }
    let get = |name: &str, store: &mut Store<()>| instance.get_typed_func::<(i32, i32), i32>(store, name);
    let root = instance.get_typed_func::<i32, i32>(&mut store, "root")?.call(&mut store, base)?;
    let logs = get("Logs.logs", &mut store)?.call(&mut store, (base, root))?;
    let count = get("ArrayOfLog.len", &mut store)?.call(&mut store, (base, logs))?;
    let element = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "ArrayOfLog.get")?;
    let code_of = get("Log.code", &mut store)?;
    let size_of = instance.get_typed_func::<(i32, i32), i64>(&mut store, "Log.size")?;
    let address: Vec<_> = ["x0", "x1", "x2", "x3"]
        .iter()
        .map(|x| get(&format!("Log.address.{x}"), &mut store))
        .collect::<Result<_, _>>()?;
    let request_len = get("Log.request.len", &mut store)?;
    let date_len = get("Log.date.len", &mut store)?;
    let mut summary = Summary { records: count as u32, ..Summary::default() };
    for i in 0..count {
        let log = element.call(&mut store, (base, logs, i))?;
        summary.code_sum += code_of.call(&mut store, (base, log))? as u64;
        summary.size_sum += size_of.call(&mut store, (base, log))? as u64;
        for part in &address {
            summary.address_sum += part.call(&mut store, (base, log))? as u32;
        }
        summary.text_bytes += (request_len.call(&mut store, (base, log))? + date_len.call(&mut store, (base, log))?) as u64;
    }
    Ok(summary)
}
