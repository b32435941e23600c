//! The transports compared, both ends of each: the wxl channel (reading a verified copy, or
//! in place), a Unix socket carrying the wxl buffer (a copy into and out of the kernel), and
//! prost-encoded protobuf over loopback TCP. Every message is built (or encoded) by the sender
//! and verified (or decoded) and read in full by the receiver; replies are 8-byte values.

use std::io::{IoSlice, Read, Write};
use std::net::TcpStream;
use std::os::unix::net::UnixStream;

use prost::Message as _;
use wxl_channel::{Config, Consumer, Producer, Snapshot};
use wxl_runtime::{Builder, Options, Ref, Verifier};

use crate::data::{self, PbLogs, Record};
use crate::logs;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// wxl channel; the receiver copies each message out and verifies the copy (safe against
    /// a hostile producer).
    ChannelCopy,
    /// wxl channel; the receiver verifies and reads in place (trusted producer).
    ChannelInPlace,
    /// The wxl buffer over a Unix stream socket (length-prefixed).
    Unix,
    /// prost protobuf over TCP on 127.0.0.1 (length-prefixed, TCP_NODELAY).
    ProstTcp,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::ChannelCopy, Kind::ChannelInPlace, Kind::Unix, Kind::ProstTcp];

    pub fn name(self) -> &'static str {
        match self {
            Kind::ChannelCopy => "channel-copy",
            Kind::ChannelInPlace => "channel-inplace",
            Kind::Unix => "unix-socket",
            Kind::ProstTcp => "prost-tcp",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    pub fn is_channel(self) -> bool {
        matches!(self, Kind::ChannelCopy | Kind::ChannelInPlace)
    }
}

/// A channel with room for about 32 messages of `size` bytes in flight (at least 256 KiB):
/// small enough to stay in cache, where building and reading are fastest.
pub fn channel_config(size: usize) -> Config {
    let data_size = (size * 32).next_power_of_two().max(256 << 10);
    Config { slots: 256, data_size, ..Config::default() }
}

/// The sending end (which also receives the 8-byte replies). One per process: its size does
/// not matter.
#[allow(clippy::large_enum_variant)]
pub enum Client {
    Channel { out: Producer, back: Consumer, snapshot: Snapshot, refs: Vec<Ref<logs::Log<'static>>>, hint: usize },
    Unix { sock: UnixStream, builder: Builder, refs: Vec<Ref<logs::Log<'static>>> },
    Tcp { sock: TcpStream, buf: Vec<u8> },
}

/// A message to send: the records, and (for protobuf) the same records as prost structs,
/// which is the form a protobuf user holds its data in.
pub struct Payload<'a> {
    pub records: &'a [Record],
    pub pb: &'a PbLogs,
}

impl Client {
    pub fn send(&mut self, payload: &Payload<'_>) -> Result<(), Error> {
        match self {
            Client::Channel { out, refs, hint, .. } => {
                let mut draft = out.begin_sized(*hint, None)?;
                data::build_wxl(draft.builder(), payload.records, refs);
                draft.commit()?;
            }
            Client::Unix { sock, builder, refs } => {
                data::build_wxl(builder, payload.records, refs);
                write_frame(sock, builder.as_bytes())?;
            }
            Client::Tcp { sock, buf } => {
                buf.clear();
                buf.extend_from_slice(&[0; 4]);
                payload.pb.encode(buf)?;
                let len = (buf.len() - 4) as u32;
                buf[0..4].copy_from_slice(&len.to_le_bytes());
                sock.write_all(buf)?;
            }
        }
        Ok(())
    }

    pub fn reply(&mut self) -> Result<u64, Error> {
        match self {
            Client::Channel { back, snapshot, .. } => {
                let message = back.recv()?;
                let verified = message.read(snapshot, &logs::SCHEMA, &Options::default())?;
                Ok(reply_value(&verified))
            }
            Client::Unix { sock, .. } => read_u64(sock),
            Client::Tcp { sock, .. } => read_u64(sock),
        }
    }
}

/// The receiving end (one per process).
#[allow(clippy::large_enum_variant)]
pub enum Server {
    Channel { inp: Consumer, back: Producer, snapshot: Snapshot, verifier: Verifier, in_place: bool },
    Unix { sock: UnixStream, buf: Vec<u8>, verifier: Verifier },
    Tcp { sock: TcpStream, buf: Vec<u8> },
}

impl Server {
    /// Receive one message, verify or decode it, read every field: its digest.
    pub fn process(&mut self) -> Result<u64, Error> {
        match self {
            Server::Channel { inp, snapshot, verifier, in_place, .. } => {
                let message = inp.recv()?;
                if *in_place {
                    // SAFETY: the benchmark's producer is wxl-channel's: it never rewrites a
                    // message before it is acknowledged (when `message` drops).
                    let bytes = unsafe { message.in_place() };
                    Ok(data::digest_wxl(logs::root_with(verifier, bytes)?))
                } else {
                    let verified = message.read(snapshot, &logs::SCHEMA, &Options::default())?;
                    Ok(data::digest_wxl(root_of(&verified)))
                }
            }
            Server::Unix { sock, buf, verifier } => {
                read_frame(sock, buf)?;
                Ok(data::digest_wxl(logs::root_with(verifier, buf)?))
            }
            Server::Tcp { sock, buf } => {
                read_frame(sock, buf)?;
                Ok(data::digest_pb(&PbLogs::decode(&buf[..])?))
            }
        }
    }

    pub fn reply(&mut self, value: u64) -> Result<(), Error> {
        match self {
            Server::Channel { back, .. } => {
                let mut draft = back.begin()?;
                let b = draft.builder();
                let mut refs = Vec::new();
                let record = Record {
                    address: [0; 4],
                    identity: "",
                    userid: "",
                    date: String::new(),
                    request: String::new(),
                    code: 0,
                    size: value,
                };
                data::build_wxl(b, std::slice::from_ref(&record), &mut refs);
                draft.commit()?;
            }
            Server::Unix { sock, .. } => sock.write_all(&value.to_le_bytes())?,
            Server::Tcp { sock, .. } => sock.write_all(&value.to_le_bytes())?,
        }
        Ok(())
    }
}

fn root_of<'a>(verified: &wxl_runtime::Verified<'a>) -> logs::Logs<'a> {
    <logs::Logs as wxl_runtime::FromObject>::from_object(verified.root()).unwrap_or_default()
}

/// A reply over the channel: one record whose `size` holds the value.
fn reply_value(verified: &wxl_runtime::Verified<'_>) -> u64 {
    root_of(verified).logs().get(0).map_or(0, |log| log.size())
}

fn write_frame(sock: &mut UnixStream, bytes: &[u8]) -> Result<(), Error> {
    let len = (bytes.len() as u32).to_le_bytes();
    let (mut head, mut body): (&[u8], &[u8]) = (&len, bytes);
    while !head.is_empty() || !body.is_empty() {
        let n = sock.write_vectored(&[IoSlice::new(head), IoSlice::new(body)])?;
        let from_head = n.min(head.len());
        head = &head[from_head..];
        body = &body[n - from_head..];
    }
    Ok(())
}

fn read_frame(sock: &mut impl Read, buf: &mut Vec<u8>) -> Result<(), Error> {
    let mut len = [0u8; 4];
    sock.read_exact(&mut len)?;
    buf.resize(u32::from_le_bytes(len) as usize, 0);
    sock.read_exact(buf)?;
    Ok(())
}

fn read_u64(sock: &mut impl Read) -> Result<u64, Error> {
    let mut value = [0u8; 8];
    sock.read_exact(&mut value)?;
    Ok(u64::from_le_bytes(value))
}
