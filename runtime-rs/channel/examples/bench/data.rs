//! The benchmark's data: log records (the `log` set of rust_serialization_benchmark), written
//! as wxl buffers (generated builders) or as prost messages, and the digest a reader computes
//! over every field it reads, whatever the encoding.

use wxl_runtime::{Builder, Ref};

use crate::logs::{self, AddressArgs, ArrayOfLog, LogArgs, Logs, LogsArgs};

const USERS: [&str; 9] = ["-", "alice", "bob", "carmen", "david", "eric", "frank", "george", "harry"];
const PATHS: [&str; 6] =
    ["/css/index.css", "/js/app.min.js", "/img/logo-big.png", "/api/v1/items?page=3", "/index.html", "/favicon.ico"];

#[derive(Clone, Debug)]
pub struct Record {
    pub address: [u8; 4],
    pub identity: &'static str,
    pub userid: &'static str,
    pub date: String,
    pub request: String,
    pub code: u16,
    pub size: u64,
}

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
                identity: "-",
                userid: USERS[(r >> 32) as usize % USERS.len()],
                date: format!("{}/Mar/1998:{}:{}:{} +0300", 1 + (r >> 8) % 28, (r >> 16) % 24, (r >> 24) % 60, (r >> 40) % 60),
                request: format!("GET {} HTTP/1.1", PATHS[(r >> 48) as usize % PATHS.len()]),
                code: [200, 200, 200, 304, 404, 500][(r >> 52) as usize % 6],
                size: next() % 100_000,
            }
        })
        .collect()
}

/// Write `records` as one `Logs` buffer into `b` (cleared first) and finish it.
pub fn build_wxl(b: &mut Builder, records: &[Record], refs: &mut Vec<Ref<logs::Log<'static>>>) {
    b.clear();
    refs.clear();
    for r in records {
        let identity = b.shared_string(r.identity);
        let userid = b.shared_string(r.userid);
        let date = b.string(&r.date);
        let request = b.string(&r.request);
        let [x0, x1, x2, x3] = r.address;
        let args = LogArgs { address: AddressArgs { x0, x1, x2, x3 }, identity, userid, date, request, code: r.code, size: r.size };
        refs.push(args.build(b));
    }
    let logs = ArrayOfLog::build(b, refs);
    let root = LogsArgs { logs }.build(b);
    logs::finish(b, root);
}

/// Read every field of a verified `Logs` (in place): the digest.
pub fn digest_wxl(root: Logs<'_>) -> u64 {
    let mut sum = 0u64;
    for log in root.logs().iter() {
        let a = log.address();
        sum = sum
            .wrapping_add(u64::from(log.code()) + log.size())
            .wrapping_add(u64::from(a.x0()) + u64::from(a.x1()) + u64::from(a.x2()) + u64::from(a.x3()))
            .wrapping_add((log.identity().len() + log.userid().len() + log.date().len()) as u64)
            .wrapping_add(log.request().bytes().map(u64::from).sum::<u64>());
    }
    sum
}

/// The same records as protobuf (prost): what services send by default.
#[derive(Clone, PartialEq, prost::Message)]
pub struct PbLog {
    #[prost(fixed32, tag = "1")]
    pub address: u32,
    #[prost(string, tag = "2")]
    pub identity: String,
    #[prost(string, tag = "3")]
    pub userid: String,
    #[prost(string, tag = "4")]
    pub date: String,
    #[prost(string, tag = "5")]
    pub request: String,
    #[prost(uint32, tag = "6")]
    pub code: u32,
    #[prost(uint64, tag = "7")]
    pub size: u64,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct PbLogs {
    #[prost(message, repeated, tag = "1")]
    pub logs: Vec<PbLog>,
}

pub fn to_pb(records: &[Record]) -> PbLogs {
    PbLogs {
        logs: records
            .iter()
            .map(|r| PbLog {
                address: u32::from_le_bytes(r.address),
                identity: r.identity.into(),
                userid: r.userid.into(),
                date: r.date.clone(),
                request: r.request.clone(),
                code: u32::from(r.code),
                size: r.size,
            })
            .collect(),
    }
}

pub fn digest_pb(logs: &PbLogs) -> u64 {
    let mut sum = 0u64;
    for log in &logs.logs {
        let a = log.address.to_le_bytes();
        sum = sum
            .wrapping_add(u64::from(log.code) + log.size)
            .wrapping_add(a.iter().map(|&x| u64::from(x)).sum::<u64>())
            .wrapping_add((log.identity.len() + log.userid.len() + log.date.len()) as u64)
            .wrapping_add(log.request.bytes().map(u64::from).sum::<u64>());
    }
    sum
}

/// The records of message `i` of a case: `per_message` consecutive records of the pool.
pub fn batch(pool: &[Record], i: u64, per_message: usize) -> &[Record] {
    let start = (i as usize * 7) % (pool.len() - per_message);
    &pool[start..start + per_message]
}
