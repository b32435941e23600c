//! Three languages, one layout, no copies: a Rust producer builds log batches in place in a
//! wxl channel's shared memory; a C consumer process verifies and reads each one in place with
//! its generated C accessors; a WASM module, in a wasmtime host whose linear memory ends with
//! the same shared memory, reads the same bytes with its generated WASM accessors. All three
//! compute the same digest of every message; [`run`] checks they agree. See README.md.

pub mod data;
pub mod tap;

/// The generated Rust module of `schemas/logs.wxl` (build.rs).
#[allow(clippy::all)]
mod generated {
    wxl_runtime::include_schema!("logs");
}
pub use generated::logs;

use std::io::{BufRead, BufReader, Lines};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use wxl_channel::{Config, Producer};

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// What each side saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub messages: u64,
    pub bytes: u64,
    /// Digest sums: computed by the producer from its data, by the C consumer and by the WASM
    /// module from the bytes in shared memory.
    pub producer: u64,
    pub c: u64,
    pub wasm: u64,
    /// Messages whose C and WASM digests differed.
    pub mismatches: u64,
    pub elapsed: Duration,
}

impl Report {
    pub fn agrees(&self) -> bool {
        self.producer == self.c && self.c == self.wasm && self.mismatches == 0
    }
}

/// A child process whose output we read line by line; killed if still running when dropped.
struct Role {
    child: Child,
    lines: Lines<BufReader<ChildStdout>>,
}

impl Role {
    fn spawn(program: &Path, args: &[&str]) -> Result<Role, Error> {
        let mut child = Command::new(program).args(args).stdout(Stdio::piped()).spawn()?;
        let lines = BufReader::new(child.stdout.take().expect("piped")).lines();
        Ok(Role { child, lines })
    }

    fn line(&mut self) -> Result<String, Error> {
        Ok(self.lines.next().ok_or("a pipeline process exited early")??)
    }

    fn finish(mut self) -> Result<Vec<u64>, Error> {
        let line = self.line()?;
        let status = self.child.wait()?;
        if !status.success() {
            return Err(format!("a pipeline process failed: {status}").into());
        }
        Ok(line.split(' ').skip(1).map(|n| n.parse()).collect::<Result<_, _>>()?)
    }
}

impl Drop for Role {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Run the pipeline for `messages` messages. `pipeline` is this package's binary (it serves
/// the `wasm-tap` role); the C consumer is the executable build.rs compiled.
pub fn run(pipeline: &Path, messages: u64) -> Result<Report, Error> {
    let dir = std::env::temp_dir().join(format!("wxl-pipeline-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let (channel_path, tap_path) = (socket(&dir, "channel"), socket(&dir, "tap"));
    let mut wasm = Role::spawn(pipeline, &["wasm-tap", &tap_path])?;
    expect_listening(&mut wasm)?;
    let mut c = Role::spawn(Path::new(env!("WXL_PIPELINE_C_CONSUMER")), &[&channel_path, &tap_path])?;
    expect_listening(&mut c)?;

    // The producer: this process. Each message is built in place in shared memory.
    let started = Instant::now();
    let mut producer = Producer::new(Config { slots: 256, data_size: 8 << 20, ..Config::default() })?;
    producer.connect(UnixStream::connect(&channel_path)?)?;
    let pool = data::records(4096);
    let (mut expected, mut refs) = (0u64, Vec::new());
    for seq in 0..messages {
        let records = data::batch(&pool, seq);
        let mut draft = producer.begin()?;
        data::build(draft.builder(), records, &mut refs);
        draft.commit()?;
        expected = expected.wrapping_add(data::digest(records));
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while producer.acknowledged()? < messages && producer.peer_alive() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_micros(200));
    }
    let elapsed = started.elapsed();
    drop(producer); // end of stream: the consumer drains, reports and exits
    let c = c.finish()?;
    let wasm = wasm.finish()?;
    let _ = std::fs::remove_dir_all(&dir);
    if c.len() != 5 || wasm.len() != 2 || wasm[0] != c[0] {
        return Err(format!("unexpected reports: c {c:?}, wasm {wasm:?}").into());
    }
    Ok(Report { messages: c[0], bytes: c[1], producer: expected, c: c[2], wasm: wasm[1], mismatches: c[4], elapsed })
}

fn socket(dir: &Path, name: &str) -> String {
    let path: PathBuf = dir.join(format!("{name}.sock"));
    path.to_string_lossy().into_owned()
}

fn expect_listening(role: &mut Role) -> Result<(), Error> {
    match role.line()?.as_str() {
        "listening" => Ok(()),
        other => Err(format!("unexpected: {other}").into()),
    }
}
