//! The channel against the usual alternatives, process to process on this host:
//!
//! ```text
//! cargo run --release -p wxl-channel --example bench [-- quick]
//! ```
//! Two cases: one log record per message, and a ~64 KiB batch of log records. For each, four
//! transports (`transport.rs`): the wxl channel with the receiver reading a verified copy
//! (hostile-proof) or in place (trusted producer), the same wxl buffer over a Unix socket, and
//! prost-encoded protobuf over TCP on 127.0.0.1. Measured: throughput (a stream of messages,
//! each built by the sender and verified and read in full by the receiver, which answers once
//! at the end) and round trip (send one message, wait for the 8-byte answer; p50 and p99).
//! Every loop is bounded; every digest is checked, so a transport that lost or garbled a
//! message fails the run. Prints a Markdown table (docs/CHANNEL.md has one).

mod cost;
mod data;
mod transport;

/// The generated module of `schemas/logs.wxl` (build.rs).
#[allow(clippy::all, dead_code)]
mod generated {
    wxl_runtime::include_schema!("logs");
}
use generated::logs;

use std::net::{TcpListener, TcpStream};
use std::os::unix::net::{UnixListener, UnixStream};
use std::process::{Child, Command, ExitCode};
use std::time::{Duration, Instant};

use data::{PbLogs, Record};
use transport::{Client, Error, Kind, Payload, Server};
use wxl_channel::{Consumer, Producer, Snapshot};
use wxl_runtime::{Builder, Verifier};

/// Distinct messages a case cycles through.
const VARIANTS: u64 = 64;

struct Case {
    name: &'static str,
    per_message: usize,
    stream: u64,
    pingpong: u64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("serve") { serve(&args[1..]) } else { run(args.first().map(String::as_str) == Some("quick")) };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Records per message so that a wxl buffer is about 64 KiB.
fn records_for_64k(pool: &[Record]) -> usize {
    let (mut b, mut refs) = (Builder::new(), Vec::new());
    (1..pool.len())
        .find(|&n| {
            data::build_wxl(&mut b, &pool[..n], &mut refs);
            b.len() >= 64 << 10
        })
        .expect("a pool large enough")
}

fn run(quick: bool) -> Result<(), Error> {
    let pool = data::records(4096);
    let big = records_for_64k(&pool);
    let scale = if quick { 20 } else { 1 };
    let cases = [
        Case { name: "log record", per_message: 1, stream: 200_000 / scale, pingpong: 20_000 / scale },
        Case { name: "64 KiB batch", per_message: big, stream: 5_000 / scale, pingpong: 2_000 / scale },
    ];
    println!("(the 64 KiB batch holds {big} log records)\n");
    println!("CPU per message, one thread, no transport (best of 5):\n");
    println!("| message | build into a Vec | build in place | build+commit+recv+verify+read, in place | verify+read in place | copy out+verify+read | copy out only | prost encode | prost decode+read |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for case in &cases {
        let records = &pool[..case.per_message];
        let c = cost::measure(records, if case.per_message == 1 { 20_000 } else { 200 } / scale.min(10))?;
        let us = |ns: f64| if ns < 10_000.0 { format!("{ns:.0} ns") } else { format!("{:.1} us", ns / 1000.0) };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            case.name,
            us(c.build_vec),
            us(c.build_in_place),
            us(c.send_recv_in_place),
            us(c.verify_in_place),
            us(c.copy_verify),
            us(c.copy_only),
            us(c.pb_encode),
            us(c.pb_decode)
        );
    }
    println!("\nProcess to process:\n");
    println!("| message | transport | bytes | messages/s | MB/s | round trip p50 | p99 |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for case in &cases {
        // Best of five runs of each, the transports taking turns: this host is shared, and a
        // run that lost its cores to another process measures the other process.
        let mut rows: Vec<(Kind, Measured, Measured)> = Kind::ALL
            .into_iter()
            .map(|kind| (kind, Measured::default(), Measured { p50: Duration::MAX, p99: Duration::MAX, ..Measured::default() }))
            .collect();
        for _ in 0..5 {
            for (kind, stream, pingpong) in &mut rows {
                let s = measure(*kind, case, &pool, Pattern::Stream)?;
                let p = measure(*kind, case, &pool, Pattern::PingPong)?;
                if s.rate > stream.rate {
                    *stream = s;
                }
                if p.p50 < pingpong.p50 {
                    *pingpong = p;
                }
            }
        }
        let baseline = rows.iter().find(|r| r.0 == Kind::ProstTcp).map(|r| r.1.rate).unwrap_or(1.0);
        for (kind, stream, pingpong) in &rows {
            println!(
                "| {} | {} | {} | {:.0} ({:.1}x) | {:.0} | {:.2} us | {:.2} us |",
                case.name,
                kind.name(),
                stream.bytes,
                stream.rate,
                stream.rate / baseline,
                stream.rate * stream.bytes as f64 / 1e6,
                pingpong.p50.as_secs_f64() * 1e6,
                pingpong.p99.as_secs_f64() * 1e6,
            );
        }
    }
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    Stream,
    PingPong,
}

#[derive(Default)]
struct Measured {
    rate: f64,
    bytes: usize,
    p50: Duration,
    p99: Duration,
}

/// Run one transport × case × pattern against a fresh server process.
fn measure(kind: Kind, case: &Case, pool: &[Record], pattern: Pattern) -> Result<Measured, Error> {
    let batches: Vec<&[Record]> = (0..VARIANTS).map(|i| data::batch(pool, i, case.per_message)).collect();
    let pbs: Vec<PbLogs> = batches.iter().map(|b| data::to_pb(b)).collect();
    let digests: Vec<u64> = pbs.iter().map(data::digest_pb).collect();
    let bytes = {
        let (mut b, mut refs) = (Builder::new(), Vec::new());
        data::build_wxl(&mut b, batches[0], &mut refs);
        if kind == Kind::ProstTcp { prost::Message::encoded_len(&pbs[0]) } else { b.len() }
    };
    let n = if pattern == Pattern::Stream { case.stream } else { case.pingpong };
    let (mut client, mut server) = connect(kind, pattern, n, case.per_message)?;
    let payload = |i: u64| Payload { records: batches[(i % VARIANTS) as usize], pb: &pbs[(i % VARIANTS) as usize] };
    let mut measured = Measured { bytes, ..Measured::default() };
    match pattern {
        Pattern::Stream => {
            let started = Instant::now();
            for i in 0..n {
                client.send(&payload(i))?;
            }
            let total = client.reply()?;
            measured.rate = n as f64 / started.elapsed().as_secs_f64();
            let expected = (0..n).map(|i| digests[(i % VARIANTS) as usize]).fold(0u64, u64::wrapping_add);
            if total != expected {
                return Err(format!("{}: stream digest {total:#x}, expected {expected:#x}", kind.name()).into());
            }
        }
        Pattern::PingPong => {
            let mut rtts = Vec::with_capacity(n as usize);
            for i in 0..n {
                let started = Instant::now();
                client.send(&payload(i))?;
                let digest = client.reply()?;
                rtts.push(started.elapsed());
                if digest != digests[(i % VARIANTS) as usize] {
                    return Err(format!("{}: message {i} answered {digest:#x}", kind.name()).into());
                }
            }
            // The first tenth warms caches, page tables and branch predictors.
            let mut rtts = rtts.split_off(rtts.len() / 10);
            rtts.sort();
            measured.p50 = rtts[rtts.len() / 2];
            measured.p99 = rtts[rtts.len() * 99 / 100];
        }
    }
    drop(client);
    let status = server.wait()?;
    if !status.success() {
        return Err(format!("{} server: {status}", kind.name()).into());
    }
    Ok(measured)
}

/// Start a server process for `kind` and connect to it.
fn connect(kind: Kind, pattern: Pattern, n: u64, per_message: usize) -> Result<(Client, Child), Error> {
    let spawn = |address: &str| -> Result<Child, Error> {
        let pattern = if pattern == Pattern::Stream { "stream" } else { "pingpong" };
        let args = ["serve", kind.name(), address, pattern, &n.to_string()];
        Ok(Command::new(std::env::current_exe()?).args(args).spawn()?)
    };
    if kind == Kind::ProstTcp {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let child = spawn(&listener.local_addr()?.to_string())?;
        let (sock, _) = listener.accept()?;
        sock.set_nodelay(true)?;
        return Ok((Client::Tcp { sock, buf: Vec::new() }, child));
    }
    let path = std::env::temp_dir().join(format!("wxl-bench-{}.sock", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let listener = UnixListener::bind(&path)?;
    let child = spawn(path.to_str().ok_or("temp path")?)?;
    let (sock, _) = listener.accept()?;
    let client = if kind.is_channel() {
        let mut out = Producer::new(transport::channel_config(per_message * 120))?;
        out.connect(sock)?;
        let (back, _) = listener.accept()?;
        let back = Consumer::connect(back)?;
        let hint = (per_message * 160 + 64).max(4096);
        Client::Channel { out, back, snapshot: Snapshot::new(), refs: Vec::new(), hint }
    } else {
        Client::Unix { sock, builder: Builder::new(), refs: Vec::new() }
    };
    let _ = std::fs::remove_file(&path);
    Ok((client, child))
}

/// `serve <kind> <address> stream|pingpong <n>`: the receiving process.
fn serve(args: &[String]) -> Result<(), Error> {
    let kind = args.first().and_then(|k| Kind::parse(k)).ok_or("serve: unknown transport")?;
    let address = args.get(1).ok_or("serve: no address")?;
    let stream = args.get(2).map(String::as_str) == Some("stream");
    let n: u64 = args.get(3).ok_or("serve: no count")?.parse()?;
    let mut server = match kind {
        Kind::ProstTcp => {
            let sock = TcpStream::connect(address.as_str())?;
            sock.set_nodelay(true)?;
            Server::Tcp { sock, buf: Vec::new() }
        }
        Kind::Unix => Server::Unix { sock: UnixStream::connect(address)?, buf: Vec::new(), verifier: Verifier::new() },
        Kind::ChannelCopy | Kind::ChannelInPlace => {
            let inp = Consumer::connect(UnixStream::connect(address)?)?;
            let mut back = Producer::new(transport::channel_config(64))?;
            back.connect(UnixStream::connect(address)?)?;
            Server::Channel { inp, back, snapshot: Snapshot::new(), verifier: Verifier::new(), in_place: kind == Kind::ChannelInPlace }
        }
    };
    let mut total = 0u64;
    for _ in 0..n {
        let digest = server.process()?;
        if stream {
            total = total.wrapping_add(digest);
        } else {
            server.reply(digest)?;
        }
    }
    if stream {
        server.reply(total)?;
    }
    // Wait for the client to go (so that the reply is read before our end closes).
    if let Server::Channel { back, .. } = &mut server {
        let deadline = Instant::now() + Duration::from_secs(10);
        while back.peer_alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    Ok(())
}
