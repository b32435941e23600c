//! The producer: builds messages in place in the data region and publishes their descriptors.
//!
//! The data region is a byte ring used in FIFO order. Positions (`wpos`, message starts) count
//! bytes from the channel's creation, so `pos % data_size` is the offset; a message never
//! wraps: when it does not fit before the end, the producer skips to the start. The producer
//! keeps its own record of where each unacknowledged message starts (`starts`), so nothing the
//! consumer writes (only `tail` and a flag) can make it hand out memory still in use.

use std::os::unix::net::UnixStream;
use std::sync::atomic::{fence, AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use wxl_runtime::Builder;

use crate::ctl::{slot, Layout, VERSION};
use crate::link::{self, Hello};
use crate::region;
use crate::sys::Mapping;
use crate::backoff::Backoff;
use crate::Error;

/// How a channel is sized and how long a side spins before it sleeps.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Descriptors in the ring: at most this many messages are unacknowledged at once.
    pub slots: u32,
    /// Bytes of message data (a multiple of 16, at most 4 GiB): at most this much data is
    /// unacknowledged at once, and no message is larger.
    pub data_size: usize,
    /// How long a waiting side polls shared memory before it sleeps on the socket. Spinning
    /// costs a core; sleeping costs a system call and a wake-up (several microseconds).
    pub spin: Duration,
}

impl Default for Config {
    fn default() -> Config {
        Config { slots: 1024, data_size: 8 << 20, spin: Duration::from_micros(50) }
    }
}

/// The room a draft asks for when the caller does not say.
pub const DEFAULT_HINT: usize = 4096;

fn round16(n: u64) -> u64 {
    n.div_ceil(16) * 16
}

/// The sending end of a channel. Single-threaded: one draft at a time.
pub struct Producer {
    ctl_fd: OwnedFd,
    data_fd: OwnedFd,
    ctl: Mapping,
    data: Arc<Mapping>,
    layout: Layout,
    sock: Option<UnixStream>,
    spin: Duration,
    /// Messages committed (the next sequence number).
    head: u64,
    /// Messages the consumer has acknowledged, as last read (validated).
    tail: u64,
    /// Where the next message may start.
    wpos: u64,
    /// Start position of each unacknowledged message, by `seq % slots`.
    starts: Vec<u64>,
    /// The return flag of a lease whose builder was moved out of its draft.
    escaped: Option<Arc<AtomicBool>>,
    /// The return flag of the next lease (reused while leases come back).
    returned: Arc<AtomicBool>,
    /// The builder drafts use, kept between them with its allocations.
    spare: Builder,
}

impl std::fmt::Debug for Producer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Producer").field("head", &self.head).field("tail", &self.tail).finish_non_exhaustive()
    }
}

impl Producer {
    /// A channel with no consumer yet: create the memfds; [`connect`](Self::connect) a
    /// consumer's socket.
    pub fn new(config: Config) -> Result<Producer, Error> {
        let owned = region::create(config.slots, config.data_size as u64)?;
        let slots = owned.layout.slots as usize;
        Ok(Producer {
            ctl_fd: owned.ctl_fd,
            data_fd: owned.data_fd,
            ctl: owned.ctl,
            data: Arc::new(owned.data),
            layout: owned.layout,
            sock: None,
            spin: config.spin,
            head: 0,
            tail: 0,
            wpos: 0,
            starts: vec![0; slots],
            escaped: None,
            returned: Arc::new(AtomicBool::new(true)),
            spare: Builder::new(),
        })
    }

    /// Hand the region to a consumer over `sock` (a new one after the last died: it goes on
    /// from the last acknowledged message).
    pub fn connect(&mut self, sock: UnixStream) -> Result<(), Error> {
        link::send_hello(&sock, Hello { version: VERSION, ctl_len: self.layout.len as u32 }, &self.ctl_fd, &self.data_fd)?;
        self.sock = Some(sock);
        Ok(())
    }

    /// Messages committed so far.
    pub fn committed(&self) -> u64 {
        self.head
    }

    /// Messages the consumer has acknowledged (read from shared memory now).
    pub fn acknowledged(&mut self) -> Result<u64, Error> {
        self.refresh_tail()?;
        Ok(self.tail)
    }

    /// False once the consumer's end of the socket is closed (it exited or died), or when no
    /// consumer is connected.
    pub fn peer_alive(&self) -> bool {
        self.sock.as_ref().is_some_and(|s| !link::peer_closed(s))
    }

    /// The data memfd (for tests and tools that inspect the region).
    pub fn data_fd(&self) -> BorrowedFd<'_> {
        self.data_fd.as_fd()
    }

    /// Start a message, waiting for room if the ring is full (backpressure); its builder
    /// writes straight into the data region.
    pub fn begin(&mut self) -> Result<Draft<'_>, Error> {
        self.begin_sized(DEFAULT_HINT, None)
    }

    /// Like [`begin`](Self::begin), but wants `hint` contiguous bytes (a message larger than
    /// the room it gets is moved once at commit) and waits at most `timeout`.
    pub fn begin_sized(&mut self, hint: usize, timeout: Option<Duration>) -> Result<Draft<'_>, Error> {
        if let Some(flag) = &self.escaped {
            if !flag.load(Ordering::Acquire) {
                return Err(Error::LeaseHeld);
            }
            self.escaped = None;
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        let need = round16(hint.max(64) as u64).min(self.layout.data_size);
        let (pos, run) = self.reserve(need, deadline)?;
        let offset = (pos % self.layout.data_size) as usize;
        if !self.returned.load(Ordering::Acquire) {
            // The last lease is still out (a builder moved out of a draft): a fresh flag.
            self.returned = Arc::new(AtomicBool::new(false));
        }
        self.returned.store(false, Ordering::Relaxed);
        let returned = Arc::clone(&self.returned);
        let lease = self.data.lend(offset, run as usize, Arc::clone(&returned));
        let ptr = lease.as_ptr();
        let mut builder = std::mem::take(&mut self.spare);
        builder.use_external(lease);
        Ok(Draft { producer: self, builder, pos, ptr, returned, done: false })
    }

    /// Send a finished buffer by copying it into the region (one copy; [`begin`](Self::begin)
    /// builds in place instead).
    pub fn send(&mut self, bytes: &[u8]) -> Result<u64, Error> {
        self.send_timeout(bytes, None)
    }

    /// [`send`](Self::send), waiting at most `timeout` for room.
    pub fn send_timeout(&mut self, bytes: &[u8], timeout: Option<Duration>) -> Result<u64, Error> {
        if self.escaped.as_ref().is_some_and(|f| !f.load(Ordering::Acquire)) {
            return Err(Error::LeaseHeld);
        }
        let len = bytes.len() as u64;
        if len == 0 || len > self.layout.data_size || len > u64::from(u32::MAX) {
            return Err(Error::Config("message empty or larger than the data region"));
        }
        let deadline = timeout.map(|t| Instant::now() + t);
        let (pos, _) = self.reserve(round16(len), deadline)?;
        self.data.store_bytes((pos % self.layout.data_size) as usize, bytes);
        Ok(self.publish(pos, len))
    }

    /// Read and validate the consumer's `tail`.
    fn refresh_tail(&mut self) -> Result<(), Error> {
        let tail = self.ctl.u64_at(self.layout.tail).load(Ordering::Acquire);
        if tail < self.tail || tail > self.head {
            return Err(Error::Protocol("consumer moved tail backwards or past head"));
        }
        self.tail = tail;
        Ok(())
    }

    /// A free contiguous run of at least `need` bytes (position, length), if there is one.
    fn fit(&mut self, need: u64) -> Option<(u64, u64)> {
        let size = self.layout.data_size;
        if self.head - self.tail >= u64::from(self.layout.slots) {
            return None;
        }
        let released = if self.tail == self.head { self.wpos } else { self.starts[(self.tail % u64::from(self.layout.slots)) as usize] };
        let free = size - (self.wpos - released);
        let to_end = size - self.wpos % size;
        if to_end >= need && free >= need {
            return Some((self.wpos, free.min(to_end)));
        }
        if to_end < need && free >= to_end + need {
            // Skip the tail end of the ring; the gap is released with the next message.
            self.wpos += to_end;
            return Some((self.wpos, (free - to_end).min(size)));
        }
        None
    }

    /// Wait until `fit(need)` succeeds: spin, then sleep on the socket (the consumer wakes us
    /// when it frees room and sees our flag).
    fn reserve(&mut self, need: u64, deadline: Option<Instant>) -> Result<(u64, u64), Error> {
        if need > self.layout.data_size {
            return Err(Error::Config("message larger than the data region"));
        }
        // Room is usually there by the last `tail` read: then neither the consumer's cache
        // line nor the clock is touched.
        if let Some(found) = self.fit(need) {
            return Ok(found);
        }
        let backoff = Backoff::new(self.spin);
        loop {
            self.refresh_tail()?;
            if let Some(found) = self.fit(need) {
                return Ok(found);
            }
            let now = Instant::now();
            if deadline.is_some_and(|d| now >= d) {
                return Err(Error::Timeout);
            }
            if backoff.snooze(now) {
                continue;
            }
            if self.sock.is_none() {
                return Err(Error::Closed);
            }
            let flag = self.layout.producer_sleeping;
            self.ctl.u32_at(flag).store(1, Ordering::Relaxed);
            // Pairs with the consumer's fence between its `tail` store and its flag load: one
            // of us sees the other's write, so a wake-up cannot be lost.
            fence(Ordering::SeqCst);
            self.refresh_tail()?;
            if let Some(found) = self.fit(need) {
                self.ctl.u32_at(flag).store(0, Ordering::Relaxed);
                return Ok(found);
            }
            let slept = link::sleep(self.sock.as_ref().expect("checked"), deadline);
            self.ctl.u32_at(flag).store(0, Ordering::Relaxed);
            if let Err(e) = slept {
                if matches!(e, Error::Closed) {
                    self.sock = None;
                }
                return Err(e);
            }
        }
    }

    /// Publish the message of `len` bytes at `pos`: descriptor, then `head` (release), then a
    /// wake-up if the consumer sleeps.
    fn publish(&mut self, pos: u64, len: u64) -> u64 {
        let seq = self.head;
        let at = self.layout.slot(seq);
        self.ctl.u64_at(at + slot::SEQ).store(seq, Ordering::Relaxed);
        self.ctl.u32_at(at + slot::OFFSET).store((pos % self.layout.data_size) as u32, Ordering::Relaxed);
        self.ctl.u32_at(at + slot::LEN).store(len as u32, Ordering::Relaxed);
        self.starts[(seq % u64::from(self.layout.slots)) as usize] = pos;
        self.wpos = pos + round16(len);
        self.head = seq + 1;
        self.ctl.u64_at(self.layout.head).store(self.head, Ordering::Release);
        // Pairs with the consumer's fence between its flag store and its `head` load.
        fence(Ordering::SeqCst);
        let flag = self.ctl.u32_at(self.layout.consumer_sleeping);
        if flag.load(Ordering::Relaxed) != 0 && flag.swap(0, Ordering::AcqRel) != 0 {
            if let Some(sock) = &self.sock {
                // A dead consumer is noticed when the producer next waits; the message is
                // committed either way (a restarted consumer reads it).
                let _ = link::wake(sock);
            }
        }
        seq
    }

    /// Overwrite bytes of the data region, committed messages included: what a hostile
    /// producer does. For tests of consumers only.
    #[doc(hidden)]
    pub fn hostile_write(&mut self, offset: usize, bytes: &[u8]) {
        assert!(self.escaped.is_none(), "no writes while a lease may be out");
        self.data.store_bytes(offset, bytes);
    }

    /// Overwrite a descriptor (hostile producers, for tests).
    #[doc(hidden)]
    pub fn hostile_descriptor(&mut self, seq: u64, offset: u32, len: u32) {
        let at = self.layout.slot(seq);
        self.ctl.u32_at(at + slot::OFFSET).store(offset, Ordering::Relaxed);
        self.ctl.u32_at(at + slot::LEN).store(len, Ordering::Relaxed);
    }

    /// Where message `seq` (still unacknowledged) lies: data offset and length.
    #[doc(hidden)]
    pub fn descriptor(&self, seq: u64) -> (u32, u32) {
        let at = self.layout.slot(seq);
        (self.ctl.u32_at(at + slot::OFFSET).load(Ordering::Relaxed), self.ctl.u32_at(at + slot::LEN).load(Ordering::Relaxed))
    }
}

/// A message being built in place. Build with [`builder`](Self::builder), `finish` the buffer
/// (generated `finish` or `Builder::finish`), then [`commit`](Self::commit). Dropping a draft
/// discards it.
pub struct Draft<'p> {
    producer: &'p mut Producer,
    builder: Builder,
    /// Data position of the lent range.
    pos: u64,
    /// Its address, to recognize it when the builder gives it back.
    ptr: *const u128,
    returned: Arc<AtomicBool>,
    done: bool,
}

impl std::fmt::Debug for Draft<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Draft").field("pos", &self.pos).field("len", &self.builder.len()).finish_non_exhaustive()
    }
}

impl Draft<'_> {
    /// The builder; it writes into the data region until the message outgrows the room it
    /// was given, then into its own memory (the message is then copied once at commit).
    pub fn builder(&mut self) -> &mut Builder {
        &mut self.builder
    }

    /// Publish the finished buffer; returns its sequence number.
    pub fn commit(mut self) -> Result<u64, Error> {
        self.done = true;
        let len = self.builder.len() as u64;
        if let Some(memory) = self.builder.take_external() {
            if std::ptr::eq(memory.as_ptr(), self.ptr) {
                let first = memory.as_slice().first().copied().unwrap_or(0).to_le_bytes();
                drop(memory);
                // Keep the builder (and its allocations) for the next draft.
                self.producer.spare = std::mem::take(&mut self.builder);
                if first[0..4] != *b"WXL\0" || len < 16 {
                    return Err(Error::NotFinished);
                }
                return Ok(self.producer.publish(self.pos, len));
            }
            // Memory of some other builder swapped in: send its bytes by copy.
            let bytes: Vec<u8> = memory.as_slice().iter().flat_map(|w| w.to_le_bytes()).take(len as usize).collect();
            return self.copy_commit(&bytes);
        }
        // The builder outgrew the lent range (or was replaced): copy its bytes in once.
        let bytes = self.builder.as_bytes().to_vec();
        self.copy_commit(&bytes)
    }

    fn copy_commit(&mut self, bytes: &[u8]) -> Result<u64, Error> {
        if bytes.len() < 16 || bytes[0..4] != *b"WXL\0" {
            return Err(Error::NotFinished);
        }
        if !self.returned.load(Ordering::Acquire) {
            // Our lease lives in a builder moved out of the draft: its range stays taken.
            self.producer.escaped = Some(Arc::clone(&self.returned));
            return Err(Error::LeaseHeld);
        }
        self.producer.send(bytes)
    }
}

impl Drop for Draft<'_> {
    fn drop(&mut self) {
        drop(std::mem::take(&mut self.builder));
        if !self.done && !self.returned.load(Ordering::Acquire) {
            self.producer.escaped = Some(Arc::clone(&self.returned));
        }
    }
}
