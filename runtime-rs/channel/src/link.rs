//! The Unix socket between the two processes: the handshake that hands over the memfds
//! (SCM_RIGHTS), wake-up bytes for a side that sleeps, and death detection (end of stream).

use std::io::{IoSlice, IoSliceMut};
use std::mem::MaybeUninit;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use rustix::event::{poll, PollFd, PollFlags, Timespec};
use rustix::fd::{AsFd, OwnedFd};
use rustix::io::Errno;
use rustix::net::{
    recv, recvmsg, send, sendmsg, RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags, ReturnFlags,
    SendAncillaryBuffer, SendAncillaryMessage, SendFlags,
};

use crate::Error;

/// First bytes of the handshake message.
const HELLO_MAGIC: [u8; 4] = *b"WXLH";
/// Handshake: magic, protocol version (u32), control buffer length (u32), 4 zero bytes.
const HELLO_LEN: usize = 16;

/// What the producer tells a consumer besides the two file descriptors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hello {
    pub version: u32,
    /// Length of the control buffer at offset 0 of the control memfd.
    pub ctl_len: u32,
}

impl Hello {
    fn encode(&self) -> [u8; HELLO_LEN] {
        let mut out = [0u8; HELLO_LEN];
        out[0..4].copy_from_slice(&HELLO_MAGIC);
        out[4..8].copy_from_slice(&self.version.to_le_bytes());
        out[8..12].copy_from_slice(&self.ctl_len.to_le_bytes());
        out
    }

    fn decode(bytes: &[u8; HELLO_LEN]) -> Result<Hello, Error> {
        if bytes[0..4] != HELLO_MAGIC || bytes[12..16] != [0; 4] {
            return Err(Error::Protocol("bad handshake"));
        }
        let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
        Ok(Hello { version: word(4), ctl_len: word(8) })
    }
}

/// Send the handshake with the control and data memfds.
pub fn send_hello(sock: &UnixStream, hello: Hello, ctl: &OwnedFd, data: &OwnedFd) -> Result<(), Error> {
    let fds = [ctl.as_fd(), data.as_fd()];
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(2))];
    let mut control = SendAncillaryBuffer::new(&mut space);
    if !control.push(SendAncillaryMessage::ScmRights(&fds)) {
        return Err(Error::Protocol("ancillary buffer too small"));
    }
    let bytes = hello.encode();
    let sent = sendmsg(sock, &[IoSlice::new(&bytes)], &mut control, SendFlags::NOSIGNAL)?;
    if sent != HELLO_LEN {
        return Err(Error::Protocol("short handshake write"));
    }
    Ok(())
}

/// Receive the handshake: exactly two descriptors (control, data) and the hello bytes.
pub fn recv_hello(sock: &UnixStream) -> Result<(Hello, OwnedFd, OwnedFd), Error> {
    let mut bytes = [0u8; HELLO_LEN];
    // Room for more descriptors than expected, so that extra ones are received (and closed)
    // rather than making the message look truncated.
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(8))];
    let mut control = RecvAncillaryBuffer::new(&mut space);
    let got = recvmsg(sock, &mut [IoSliceMut::new(&mut bytes)], &mut control, RecvFlags::CMSG_CLOEXEC)?;
    let mut fds: Vec<OwnedFd> = Vec::new();
    for message in control.drain() {
        if let RecvAncillaryMessage::ScmRights(received) = message {
            fds.extend(received);
        }
    }
    if got.bytes == 0 {
        return Err(Error::Closed);
    }
    if got.bytes != HELLO_LEN || got.flags.contains(ReturnFlags::CTRUNC) {
        return Err(Error::Protocol("short or truncated handshake"));
    }
    let hello = Hello::decode(&bytes)?;
    if fds.len() != 2 {
        return Err(Error::Protocol("handshake without exactly two descriptors"));
    }
    let data = fds.pop().expect("two");
    let ctl = fds.pop().expect("two");
    Ok((hello, ctl, data))
}

/// Wake the peer: one byte, never blocking. A full socket buffer means the peer has wake-ups
/// pending already, so it is not an error.
pub fn wake(sock: &UnixStream) -> Result<(), Error> {
    match send(sock, &[1], SendFlags::DONTWAIT | SendFlags::NOSIGNAL) {
        Ok(_) | Err(Errno::AGAIN) | Err(Errno::INTR) => Ok(()),
        Err(Errno::PIPE) | Err(Errno::CONNRESET) => Err(Error::Closed),
        Err(e) => Err(e.into()),
    }
}

/// Read and discard pending wake-up bytes without blocking; `Err(Closed)` at end of stream.
pub fn drain(sock: &UnixStream) -> Result<(), Error> {
    let mut buf = [0u8; 64];
    loop {
        match recv(sock, &mut buf, RecvFlags::DONTWAIT) {
            Ok((_, 0)) => return Err(Error::Closed),
            Ok((_, n)) if n < buf.len() => return Ok(()),
            Ok(_) | Err(Errno::INTR) => {}
            Err(Errno::AGAIN) => return Ok(()),
            Err(Errno::CONNRESET) => return Err(Error::Closed),
            Err(e) => return Err(e.into()),
        }
    }
}

/// Sleep until the peer writes a byte or closes, or `until` passes; then drain. Returns
/// `Ok(())` when woken (or the time is up: callers re-check their condition), `Err(Closed)`
/// when the peer is gone.
pub fn sleep(sock: &UnixStream, until: Option<Instant>) -> Result<(), Error> {
    // Never sleep longer than this: a hostile or buggy peer may skip a wake-up, and a
    // periodic re-check bounds the damage to latency.
    const MAX_NAP: Duration = Duration::from_millis(50);
    let nap = match until {
        Some(t) => t.saturating_duration_since(Instant::now()).min(MAX_NAP),
        None => MAX_NAP,
    };
    let timeout = Timespec { tv_sec: nap.as_secs() as _, tv_nsec: nap.subsec_nanos() as _ };
    let mut fds = [PollFd::new(sock, PollFlags::IN | PollFlags::RDHUP)];
    match poll(&mut fds, Some(&timeout)) {
        Ok(_) | Err(Errno::INTR) => {}
        Err(e) => return Err(e.into()),
    }
    let events = fds[0].revents();
    if events.intersects(PollFlags::HUP | PollFlags::ERR) && !events.contains(PollFlags::IN) {
        return Err(Error::Closed);
    }
    if events.contains(PollFlags::IN) {
        drain(sock)?;
    }
    Ok(())
}

/// Whether the peer has closed its end (without consuming wake-up bytes).
pub fn peer_closed(sock: &UnixStream) -> bool {
    let mut fds = [PollFd::new(sock, PollFlags::RDHUP)];
    let zero = Timespec { tv_sec: 0, tv_nsec: 0 };
    match poll(&mut fds, Some(&zero)) {
        Ok(_) => fds[0].revents().intersects(PollFlags::RDHUP | PollFlags::HUP | PollFlags::ERR),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustix::fs::{memfd_create, MemfdFlags};

    #[test]
    fn hello_carries_two_fds() {
        let (a, b) = UnixStream::pair().unwrap();
        let x = memfd_create("x", MemfdFlags::CLOEXEC).unwrap();
        let y = memfd_create("y", MemfdFlags::CLOEXEC).unwrap();
        rustix::fs::ftruncate(&x, 4096).unwrap();
        send_hello(&a, Hello { version: 1, ctl_len: 320 }, &x, &y).unwrap();
        let (hello, ctl, data) = recv_hello(&b).unwrap();
        assert_eq!(hello, Hello { version: 1, ctl_len: 320 });
        assert_eq!(rustix::fs::fstat(&ctl).unwrap().st_size, 4096);
        assert_eq!(rustix::fs::fstat(&data).unwrap().st_size, 0);
    }

    #[test]
    fn bad_handshakes_are_refused() {
        let (a, b) = UnixStream::pair().unwrap();
        send(&a, &[0u8; HELLO_LEN], SendFlags::empty()).unwrap();
        assert!(matches!(recv_hello(&b), Err(Error::Protocol(_))));
        let mut hello = Hello { version: 1, ctl_len: 8 }.encode();
        hello[12] = 1;
        assert!(Hello::decode(&hello).is_err());
        drop(a);
        assert!(matches!(recv_hello(&b), Err(Error::Closed)));
    }

    #[test]
    fn wake_sleep_and_death() {
        let (a, b) = UnixStream::pair().unwrap();
        assert!(!peer_closed(&b));
        wake(&a).unwrap();
        let t = Instant::now();
        sleep(&b, Some(t + Duration::from_secs(5))).unwrap();
        assert!(t.elapsed() < Duration::from_secs(1));
        // Nothing pending: the nap ends by itself.
        sleep(&b, Some(Instant::now() + Duration::from_millis(5))).unwrap();
        drop(a);
        assert!(peer_closed(&b));
        assert!(matches!(sleep(&b, None), Err(Error::Closed)));
        assert!(matches!(wake(&b), Err(Error::Closed)));
    }
}
