//! The pipeline's messages: batches of web-server log records (`schemas/logs.wxl`, the `log`
//! data set of rust_serialization_benchmark), and the digest all three languages compute.

use wxl_runtime::{Builder, Ref};

use crate::logs::{self, AddressArgs, ArrayOfLog, LogArgs, LogsArgs};

const USERS: [&str; 9] = ["-", "alice", "bob", "carmen", "david", "eric", "frank", "george", "harry"];
const PATHS: [&str; 6] =
    ["/css/index.css", "/js/app.min.js", "/img/logo-big.png", "/api/v1/items?page=3", "/index.html", "/favicon.ico"];
const CODES: [u16; 6] = [200, 200, 200, 304, 404, 500];

/// One log record.
#[derive(Clone, Debug)]
pub struct Record {
    pub address: [u8; 4],
    pub userid: &'static str,
    pub date: String,
    pub request: String,
    pub code: u16,
    pub size: u64,
}

/// `n` records from a fixed seed.
pub fn records(n: usize) -> Vec<Record> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let r = next();
            Record {
                address: (r as u32).to_le_bytes(),
                userid: USERS[(r >> 32) as usize % USERS.len()],
                date: format!("{}/Mar/1998:{}:{}:{} +0300", 1 + (r >> 8) % 28, (r >> 16) % 24, (r >> 24) % 60, (r >> 40) % 60),
                request: format!("GET {} HTTP/1.1", PATHS[(r >> 48) as usize % PATHS.len()]),
                code: CODES[(r >> 52) as usize % CODES.len()],
                size: next() % 100_000,
            }
        })
        .collect()
}

/// The records of message `seq`: 1 to 8 consecutive records of `pool`.
pub fn batch(pool: &[Record], seq: u64) -> &[Record] {
    let count = 1 + (seq % 8) as usize;
    let start = (seq as usize * 13) % (pool.len() - count);
    &pool[start..start + count]
}

/// Build a `Logs` message holding `records` into `b` and finish it (generated builders).
pub fn build(b: &mut Builder, records: &[Record], refs: &mut Vec<Ref<logs::Log<'static>>>) {
    refs.clear();
    let identity = b.shared_string("-");
    for r in records {
        let userid = b.shared_string(r.userid);
        let date = b.string(&r.date);
        let request = b.string(&r.request);
        let [x0, x1, x2, x3] = r.address;
        let log = LogArgs {
            address: AddressArgs { x0, x1, x2, x3 },
            identity,
            userid,
            date,
            request,
            code: r.code,
            size: r.size,
        };
        refs.push(log.build(b));
    }
    let logs = ArrayOfLog::build(b, refs);
    let root = LogsArgs { logs }.build(b);
    logs::finish(b, root);
}

/// The digest of a message (as c/consumer.c and wasm/digest.wat compute it from the bytes):
/// per record, code + size + the address bytes + the date's length + every request byte.
pub fn digest(records: &[Record]) -> u64 {
    records
        .iter()
        .map(|r| {
            let fields = u64::from(r.code) + r.size + r.address.iter().map(|&x| u64::from(x)).sum::<u64>();
            fields + r.date.len() as u64 + r.request.bytes().map(u64::from).sum::<u64>()
        })
        .fold(0, u64::wrapping_add)
}
