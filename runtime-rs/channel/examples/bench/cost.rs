//! What each step costs on one thread, with no transport: building (into a reused vector, or
//! in place in the channel's region), reading (verify in place, or copy out with atomic loads
//! and verify the copy: the hostile-producer defense), and protobuf's encode and decode.

use std::hint::black_box;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use prost::Message as _;
use wxl_channel::{Consumer, Producer, Snapshot};
use wxl_runtime::{Builder, Options, Verifier};

use crate::data::{self, Record};
use crate::logs;
use crate::transport::{self, Error};

/// Nanoseconds per call of `f`, the best of 5 rounds of `n` calls (this host is shared).
fn time(n: u64, mut f: impl FnMut(u64) -> Result<(), Error>) -> Result<f64, Error> {
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let started = Instant::now();
        for i in 0..n {
            f(i)?;
        }
        best = best.min(started.elapsed());
    }
    Ok(best.as_secs_f64() * 1e9 / n as f64)
}

pub struct Costs {
    pub build_vec: f64,
    pub build_in_place: f64,
    pub send_recv_in_place: f64,
    pub verify_in_place: f64,
    pub copy_verify: f64,
    pub copy_only: f64,
    pub pb_encode: f64,
    pub pb_decode: f64,
}

pub fn measure(records: &[Record], n: u64) -> Result<Costs, Error> {
    let mut refs = Vec::new();
    let mut b = Builder::new();
    let build_vec = time(n, |_| {
        data::build_wxl(&mut b, records, &mut refs);
        black_box(b.len());
        Ok(())
    })?;
    let bytes = b.as_bytes().to_vec();

    let (a, c) = UnixStream::pair()?;
    let mut producer = Producer::new(transport::channel_config(bytes.len()))?;
    producer.connect(a)?;
    let mut consumer = Consumer::connect(c)?;
    let build_in_place = time(n, |_| {
        let mut draft = producer.begin_sized(bytes.len() + 64, None)?;
        data::build_wxl(draft.builder(), records, &mut refs);
        draft.commit()?;
        drop(consumer.recv()?); // acknowledge at once: measures the build, commit and take
        Ok(())
    })?;
    let mut verifier = Verifier::new();
    let mut snapshot = Snapshot::new();
    let send_recv_in_place = time(n, |_| {
        let mut draft = producer.begin_sized(bytes.len() + 64, None)?;
        data::build_wxl(draft.builder(), records, &mut refs);
        draft.commit()?;
        let message = consumer.recv()?;
        // SAFETY: this producer is wxl-channel's, in this thread: it writes nothing meanwhile.
        let root = logs::root_with(&mut verifier, unsafe { message.in_place() })?;
        black_box(data::digest_wxl(root));
        Ok(())
    })?;
    let verify_in_place = time(n, |_| {
        black_box(data::digest_wxl(logs::root_with(&mut verifier, &bytes)?));
        Ok(())
    })?;
    // One message kept in the ring, read over and over.
    let mut draft = producer.begin_sized(bytes.len() + 64, None)?;
    data::build_wxl(draft.builder(), records, &mut refs);
    draft.commit()?;
    let message = consumer.recv()?;
    let copy_verify = time(n, |_| {
        let verified = message.read(&mut snapshot, &logs::SCHEMA, &Options::default())?;
        black_box(data::digest_wxl(<logs::Logs as wxl_runtime::FromObject>::from_object(verified.root()).unwrap_or_default()));
        Ok(())
    })?;
    let copy_only = time(n, |_| {
        black_box(message.copy_into(&mut snapshot).len());
        Ok(())
    })?;
    drop(message);

    let pb = data::to_pb(records);
    let mut buf = Vec::new();
    let pb_encode = time(n, |_| {
        buf.clear();
        pb.encode(&mut buf)?;
        black_box(buf.len());
        Ok(())
    })?;
    let pb_decode = time(n, |_| {
        black_box(data::digest_pb(&data::PbLogs::decode(&buf[..])?));
        Ok(())
    })?;
    Ok(Costs { build_vec, build_in_place, send_recv_in_place, verify_in_place, copy_verify, copy_only, pb_encode, pb_decode })
}
