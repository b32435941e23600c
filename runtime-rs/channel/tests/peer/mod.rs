//! Peers in other processes (the `wxl-channel-peer` binary), met over a socket path.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// A listening socket in a fresh temporary path.
pub struct Rendezvous {
    pub path: PathBuf,
    listener: UnixListener,
}

impl Rendezvous {
    pub fn new() -> Rendezvous {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("wxl-channel-{}-{n}.sock", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path).expect("bind a socket in the temp dir");
        listener.set_nonblocking(true).expect("nonblocking listener");
        Rendezvous { path, listener }
    }

    /// Accept one connection, failing after `timeout` (a peer that never comes).
    pub fn accept(&self, timeout: Duration) -> UnixStream {
        let deadline = Instant::now() + timeout;
        loop {
            match self.listener.accept() {
                Ok((sock, _)) => {
                    sock.set_nonblocking(false).expect("blocking socket");
                    return sock;
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(e) => panic!("no peer connected: {e}"),
            }
        }
    }

    pub fn arg(&self) -> &str {
        self.path.to_str().expect("utf-8 temp path")
    }
}

impl Drop for Rendezvous {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A peer process; killed (SIGKILL) when dropped, so a failing test leaves nothing behind.
pub struct Peer {
    pub child: Child,
    lines: Option<Receiver<String>>,
}

impl Peer {
    pub fn spawn(args: &[&str]) -> Peer {
        Peer::spawn_program(env!("CARGO_BIN_EXE_wxl-channel-peer").as_ref(), args)
    }

    /// Any program, with its output read line by line.
    pub fn spawn_program(program: &std::path::Path, args: &[&str]) -> Peer {
        let mut child = Command::new(program)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {}: {e}", program.display()));
        let stdout = child.stdout.take();
        Peer { child, lines: stdout.map(lines_of) }
    }

    /// The next line of output, waiting at most `timeout`; None at end of output.
    pub fn line(&self, timeout: Duration) -> Option<String> {
        self.lines.as_ref().and_then(|rx| rx.recv_timeout(timeout).ok())
    }

    /// All remaining lines (until the process closes its output, at most `timeout`).
    pub fn rest(&self, timeout: Duration) -> Vec<String> {
        let deadline = Instant::now() + timeout;
        let mut out = Vec::new();
        while let Some(line) = self.line(deadline.saturating_duration_since(Instant::now())) {
            out.push(line);
        }
        out
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Wait for the exit status, at most `timeout`.
    pub fn wait(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Lines of a child's output through a thread, so reads can time out.
fn lines_of(stdout: ChildStdout) -> Receiver<String> {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}
