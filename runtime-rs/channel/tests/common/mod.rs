//! Messages of the tests and of the peer tool: `schemas/logs.wxl` batches whose every field is
//! a function of the message's sequence number, so a reader can check each one it gets.
#![allow(dead_code)]

wxl_runtime::include_schema!("logs");

use logs::{AddressArgs, ArrayOfLog, LogArgs, Logs, LogsArgs};
use wxl_runtime::{Builder, FromObject, Ref, Verified};

const USERS: [&str; 9] = ["-", "alice", "bob", "carmen", "david", "eric", "frank", "george", "harry"];

/// How many records message `seq` holds when messages hold 1..=`max` records.
pub fn records_for(seq: u64, max: usize) -> usize {
    1 + (seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize % max
}

fn date(seq: u64, i: usize) -> String {
    format!("{:02}/Mar/1998:{:02}:{:02}:{:02} +0300", 1 + seq % 28, seq % 24, i % 60, (seq + i as u64) % 60)
}

fn request(seq: u64, i: usize) -> String {
    format!("GET /item/{seq}/{i}/index.html HTTP/1.1")
}

/// Build message `seq` with `records` records into `b` (cleared first) and finish it.
pub fn build(b: &mut Builder, seq: u64, records: usize) {
    b.clear();
    let dash = b.shared_string("-");
    let mut refs: Vec<Ref<logs::Log<'static>>> = Vec::with_capacity(records);
    for i in 0..records {
        let user = b.shared_string(USERS[(seq as usize + i) % USERS.len()]);
        let date = b.string(&date(seq, i));
        let request = b.string(&request(seq, i));
        let a = (seq as u32).wrapping_add(i as u32).to_le_bytes();
        let log = LogArgs {
            address: AddressArgs { x0: a[0], x1: a[1], x2: a[2], x3: a[3] },
            identity: dash,
            userid: user,
            date,
            request,
            code: 200 + ((seq as usize + i) % 300) as u16,
            size: seq * 1000 + i as u64,
        };
        refs.push(log.build(b));
    }
    let array = ArrayOfLog::build(b, &refs);
    let root = LogsArgs { logs: array }.build(b);
    logs::finish(b, root);
}

/// The root of a verified message.
pub fn root<'a>(verified: &Verified<'a>) -> Logs<'a> {
    Logs::from_object(verified.root()).unwrap_or_default()
}

/// Check every field of message `seq`, which should hold `records` records.
pub fn check(root: Logs<'_>, seq: u64, records: usize) -> Result<(), String> {
    let logs = root.logs();
    if logs.len() != records {
        return Err(format!("message {seq}: {} records, expected {records}", logs.len()));
    }
    for (i, log) in logs.iter().enumerate() {
        let a = (seq as u32).wrapping_add(i as u32).to_le_bytes();
        let address = log.address();
        let got = [address.x0(), address.x1(), address.x2(), address.x3()];
        let ok = got == a
            && log.identity() == "-"
            && log.userid() == USERS[(seq as usize + i) % USERS.len()]
            && log.date() == date(seq, i)
            && log.request() == request(seq, i)
            && log.code() == 200 + ((seq as usize + i) % 300) as u16
            && log.size() == seq * 1000 + i as u64;
        if !ok {
            return Err(format!("message {seq}: record {i} differs: {log:?}"));
        }
    }
    Ok(())
}

/// Read every field of every record (what a reader of a hostile message does): a checksum.
pub fn walk(root: Logs<'_>) -> u64 {
    let mut sum = 0u64;
    for log in root.logs().iter() {
        let a = log.address();
        sum = sum
            .wrapping_add(u64::from(a.x0()) + u64::from(a.x3()))
            .wrapping_add(log.identity().len() as u64 + log.userid().len() as u64)
            .wrapping_add(log.date().len() as u64 + log.request().bytes().map(u64::from).sum::<u64>())
            .wrapping_add(u64::from(log.code()))
            .wrapping_add(log.size());
    }
    sum
}
