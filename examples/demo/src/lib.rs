//! The main job of the README: one schema (schemas/logs.wxl) compiled to Rust, C and WASM by
//! build.rs; a buffer built in Rust is verified and read in place by C and by a WASM module,
//! and a buffer built in C is read by Rust and WASM. Every reader computes the same
//! [`Summary`], and the demo checks that they agree.

pub mod c;
pub mod wasm;

wxl_runtime::include_schema!("logs");

/// What every language computes over a Logs buffer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Summary {
    pub records: u32,
    pub code_sum: u64,
    pub size_sum: u64,
    pub address_sum: u32,
    pub text_bytes: u64,
    /// 0, or the verifier's error code (docs/LAYOUT.md §6).
    pub error_code: i32,
    pub error_offset: u32,
}

/// Builds `count` log records with the Rust accessors generated from the schema.
pub fn build_logs_in_rust(builder: &mut wxl_runtime::Builder, count: u32) -> Vec<u8> {
    builder.clear();
    const USERS: [&str; 4] = ["-", "alice", "bob", "harry"];
    let mut records = Vec::with_capacity(count as usize);
    for i in 0..count {
        let args = logs::LogArgs {
            address: logs::AddressArgs { x0: 192, x1: 168, x2: (i >> 8) as u8, x3: i as u8 },
            identity: builder.string("-"),
            userid: builder.string(USERS[i as usize % USERS.len()]),
            date: builder.string("25/Nov/2026:08:47:00 +0000"),
            request: builder.string(&format!("GET /page/{i} HTTP/1.1")),
            code: [200, 304, 404][i as usize % 3],
            size: 512 + u64::from(i) * 3,
        };
        records.push(args.build(builder));
    }
    let logs = logs::ArrayOfLog::build(builder, &records);
    let root = logs::LogsArgs { logs }.build(builder);
    logs::finish(builder, root).to_vec()
}

/// Verifies and reads a buffer with the Rust accessors.
pub fn read_logs_in_rust(buf: &[u8]) -> Summary {
    let root = match logs::root(buf) {
        Ok(root) => root,
        Err(error) => {
            return Summary { error_code: i32::from(error.kind.code()), error_offset: error.offset, ..Summary::default() }
        }
    };
    let mut summary = Summary::default();
    for log in root.logs().iter() {
        let address = log.address();
        summary.records += 1;
        summary.code_sum += u64::from(log.code());
        summary.size_sum += log.size();
        summary.address_sum += [address.x0(), address.x1(), address.x2(), address.x3()].iter().map(|b| u32::from(*b)).sum::<u32>();
        summary.text_bytes += (log.request().len() + log.date().len()) as u64;
    }
    summary
}
