//! A channel peer in its own process, for the tests (crashes, restarts, soak, hostile
//! producers) and for trying the channel by hand. Messages are `schemas/logs.wxl` batches
//! whose fields are functions of the sequence number (tests/common), so consumers check them.
//!
//! ```text
//! wxl-channel-peer produce <socket> <count|0> <max-records> [seconds]
//!     connect to <socket>, create a channel, send <count> messages (0: until the consumer
//!     is gone, or for [seconds]), then wait for them to be acknowledged
//! wxl-channel-peer consume <socket> <max-records> [hang]
//!     receive, verify and check messages, print "ok <seq>" after acknowledging each and
//!     "closed <position>" at the end; with "hang", connect and never read
//! wxl-channel-peer evil <socket> <millis>
//!     a hostile producer: commits valid messages and keeps rewriting bytes of the ones the
//!     consumer has not acknowledged (tag words, lengths, references), for <millis>
//! ```
//! Exit codes: 0 done, 1 usage or channel error, 2 a message failed its check.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use wxl_channel::{Config, Consumer, Error, Producer, Snapshot};
use wxl_runtime::Options;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let num = |i: usize| arg(i).and_then(|s| s.parse::<u64>().ok());
    let result = match (arg(0), arg(1)) {
        (Some("produce"), Some(path)) => match (num(2), num(3)) {
            (Some(count), Some(max)) => produce(path, count, max as usize, num(4)),
            _ => usage(),
        },
        (Some("consume"), Some(path)) => match num(2) {
            Some(max) => consume(path, max as usize, arg(3) == Some("hang")),
            None => usage(),
        },
        (Some("evil"), Some(path)) => match num(2) {
            Some(millis) => evil(path, Duration::from_millis(millis)),
            None => usage(),
        },
        _ => usage(),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("wxl-channel-peer: {e}");
            ExitCode::from(1)
        }
    }
}

fn usage() -> Result<ExitCode, Error> {
    eprintln!("usage: wxl-channel-peer produce <socket> <count> <max-records> [seconds]");
    eprintln!("       wxl-channel-peer consume <socket> <max-records> [hang]");
    eprintln!("       wxl-channel-peer evil <socket> <millis>");
    Ok(ExitCode::from(1))
}

fn small_config() -> Config {
    Config { slots: 64, data_size: 256 << 10, ..Config::default() }
}

fn produce(path: &str, count: u64, max: usize, seconds: Option<u64>) -> Result<ExitCode, Error> {
    let mut producer = Producer::new(small_config())?;
    producer.connect(UnixStream::connect(path)?)?;
    let stop = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let mut seq = 0;
    while (count == 0 || seq < count) && stop.is_none_or(|t| Instant::now() < t) {
        let records = common::records_for(seq, max);
        let mut draft = match producer.begin() {
            Ok(draft) => draft,
            Err(Error::Closed) => return Ok(ExitCode::SUCCESS),
            Err(e) => return Err(e),
        };
        common::build(draft.builder(), seq, records);
        draft.commit()?;
        seq += 1;
    }
    // Let the consumer finish before the socket closes (it would drain anyway).
    let deadline = Instant::now() + Duration::from_secs(10);
    while producer.acknowledged()? < seq && producer.peer_alive() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn consume(path: &str, max: usize, hang: bool) -> Result<ExitCode, Error> {
    let mut consumer = Consumer::connect(UnixStream::connect(path)?)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "start {}", consumer.position())?;
    out.flush()?;
    if hang {
        std::thread::sleep(Duration::from_secs(3600));
    }
    let mut snapshot = Snapshot::new();
    loop {
        let message = match consumer.recv() {
            Ok(message) => message,
            Err(Error::Closed) => break,
            Err(e) => return Err(e),
        };
        let seq = message.seq();
        let verified = match message.read(&mut snapshot, &common::logs::SCHEMA, &Options::default()) {
            Ok(verified) => verified,
            Err(e) => {
                writeln!(out, "bad {seq} {e}")?;
                return Ok(ExitCode::from(2));
            }
        };
        if let Err(e) = common::check(common::root(&verified), seq, common::records_for(seq, max)) {
            writeln!(out, "bad {seq} {e}")?;
            return Ok(ExitCode::from(2));
        }
        message.ack();
        writeln!(out, "ok {seq}")?;
        out.flush()?;
    }
    writeln!(out, "closed {}", consumer.position())?;
    Ok(ExitCode::SUCCESS)
}

/// A xorshift generator: hostile, but reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn evil(path: &str, duration: Duration) -> Result<ExitCode, Error> {
    let mut producer = Producer::new(Config { slots: 16, data_size: 64 << 10, ..Config::default() })?;
    producer.connect(UnixStream::connect(path)?)?;
    let stop = Instant::now() + duration;
    let mut rng = Rng(0x5EED_0FE7_1234_5679);
    let mut seq = 0u64;
    while Instant::now() < stop {
        // Keep a few messages committed, then scribble over the unacknowledged ones.
        if producer.committed() - producer.acknowledged()? < 8 {
            let mut draft = match producer.begin_sized(4096, Some(Duration::from_millis(10))) {
                Ok(draft) => draft,
                Err(Error::Timeout) => continue,
                Err(Error::Closed) => return Ok(ExitCode::SUCCESS),
                Err(e) => return Err(e),
            };
            common::build(draft.builder(), seq, common::records_for(seq, 6));
            draft.commit()?;
            seq += 1;
        }
        // Pace the attack: a few rewrites per message on average, at random moments, so
        // that some land while the consumer copies and some messages go untouched.
        let pause = Instant::now() + Duration::from_micros(rng.next() % 20);
        while Instant::now() < pause {
            std::hint::spin_loop();
        }
        let (tail, head) = (producer.acknowledged()?, producer.committed());
        if head == tail || !rng.next().is_multiple_of(4) {
            continue;
        }
        let victim = tail + rng.next() % (head - tail);
        let (offset, len) = producer.descriptor(victim);
        let (offset, len) = (offset as usize, len as usize);
        if len < 16 {
            continue;
        }
        for _ in 0..1 + rng.next() % 4 {
            let at = offset + rng.next() as usize % len;
            if rng.next().is_multiple_of(2) {
                // An ASCII letter: inside a string it stays valid UTF-8, inside a scalar it
                // changes a value the consumer may then read (stale or torn, still safe).
                producer.hostile_write(at, &[b'A' + (rng.next() % 26) as u8]);
                continue;
            }
            let at = at / 4 * 4;
            let value: u32 = match rng.next() % 6 {
                // A reference to anywhere, or past the end.
                0 => (rng.next() % (2 * len as u64)) as u32 & !3,
                // A tag word with a huge short length, or the long form.
                1 => 0xFFFF_0010 | (rng.next() as u32 & 0x3),
                2 => ((rng.next() as u32) << 16) | (16 + (rng.next() % 4) as u32),
                // A long length word.
                3 => u32::MAX - (rng.next() % 64) as u32,
                4 => 0,
                _ => rng.next() as u32,
            };
            producer.hostile_write(at, &value.to_le_bytes());
        }
    }
    Ok(ExitCode::SUCCESS)
}
