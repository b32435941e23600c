//! The checks, as scenarios: each builds a [`Session`], runs its steps in wasmtime with
//! assertions, and returns the session, whose record Node replays (tests/node.rs).

use super::layout::{with_bytes, with_u32, with_u8, Hand};
use super::{f32v, f64v, i32v, runtime, Session, V};

/// Where things live in the session's memory.
pub const SCRATCH: usize = 0x100; // verifier bitmap: buffers up to 0xF00 * 32 bytes
pub const SRC: usize = 0x800; // staging for builder sources (2 KiB)
pub const BUF: usize = 0x1000; // hand-written buffers
pub const REGION: usize = 0x4000; // builder output
pub const REGION2: usize = 0x8000; // a second builder output
pub const CAP: i32 = 0x4000;

/// A scenario: its name and the function that runs it.
pub type Scenario = (&'static str, fn() -> Session);

/// Every scenario, by name.
pub fn all() -> Vec<Scenario> {
    vec![
        ("logs_read", logs_read),
        ("logs_build", logs_build),
        ("logs_hostile", logs_hostile),
        ("logs_long_forms", logs_long_forms),
        ("logs_unaligned_address", logs_unaligned_address),
        ("logs_random_mutations", logs_random_mutations),
        ("mesh_read", mesh_read),
        ("mesh_large", mesh_large),
        ("shapes_read", shapes_read),
        ("shapes_build", shapes_build),
        ("shapes_hostile", shapes_hostile),
        ("shapes_random_mutations", shapes_random_mutations),
        ("defaults", defaults),
        ("bridge_round_trip", bridge_round_trip),
        ("bridge_random_mutations", bridge_random_mutations),
        ("logs_guest_store", logs_guest_store),
        ("shapes_guest_store", shapes_guest_store),
        ("example_guest", example_guest),
    ]
}

fn a(v: usize) -> V {
    i32v(v as i32)
}

/// Writes `text` at SRC and calls `string.new` (or `bytes.new`).
fn blob(s: &mut Session, function: &str, contents: &[u8]) -> i32 {
    s.write(SRC, contents);
    s.i32(function, &[a(SRC), a(contents.len())])
}

/// Writes u32s at SRC and calls `{array}.new(SRC, count)`.
fn array_u32(s: &mut Session, function: &str, items: &[u32]) -> i32 {
    let bytes: Vec<u8> = items.iter().flat_map(|v| v.to_le_bytes()).collect();
    s.write(SRC, &bytes);
    s.i32(function, &[a(SRC), a(items.len())])
}

/// Every getter on every object of a buffer already in memory at `buf` (tests/common/oracle.rs).
fn every_getter(s: &mut Session, schema_path: &str, buf: usize, bytes: &[u8]) {
    let calls = super::oracle::every_getter(s, &super::schema(schema_path), buf, bytes);
    assert!(calls >= 10, "[{}] only {calls} getters called", s.label);
}

/// Writes `buffer` at `at` and verifies it; asserts the (code, offset).
fn expect_verify(s: &mut Session, what: &str, buffer: &[u8], len: usize, expected: (i32, i32)) {
    s.write(BUF, buffer);
    let got = s.verify(BUF, len, SCRATCH);
    assert_eq!(got, expected, "[{}] {what}: (code, offset)", s.label);
}

// ---------------------------------------------------------------------------------------
// logs.wxl: Log id 16 (body align 8, size 32), ArrayOfLog id 17, Logs id 18.

pub const DATE: &str = "17/Mar/1998:13:05:59 +0300";
pub const REQUEST: &str = "GET /index.html HTTP/1.1";

/// One log record, written by hand (152 bytes, root Logs at 144).
pub fn logs_buffer() -> Vec<u8> {
    let mut h = Hand::header(b"LOGS", 144);
    h.at(16).blob(1, b"-"); // identity
    h.at(24).blob(1, b"alice"); // userid
    h.at(36).blob(1, DATE.as_bytes()); // 26 bytes + 2 padding
    h.at(68).blob(1, REQUEST.as_bytes()); // 24 bytes
    h.at(96).zeros(4); // a padding word: the Log body must be 8-aligned
    h.at(100).tag(16, 32); // Log, stored size 32
    h.at(104).u8(192).u8(168).u8(0).u8(1); // address.x0..x3
    h.at(108).u32(16).u32(24).u32(36).u32(68); // identity, userid, date, request
    h.at(124).u16(200).zeros(2); // code, gap
    h.at(128).u64(1234); // size
    h.at(136).tag(17, 1).u32(100); // ArrayOfLog [Log@100]
    h.at(144).tag(18, 4).u32(136); // Logs { logs }
    h.at(152);
    h.bytes
}

pub fn logs_read() -> Session {
    let mut s = Session::new("logs_read", "schemas/logs.wxl", 8);
    let buffer = logs_buffer();
    expect_verify(&mut s, "hand-written", &buffer, buffer.len(), (0, 0));
    every_getter(&mut s, "schemas/logs.wxl", BUF, &buffer);
    s.expect("verify_with", &[a(BUF), a(buffer.len()), a(SCRATCH), a(0), a(1)], &[i32v(0)]);
    s.expect("verify_scratch_size", &[a(152)], &[i32v(5)]);
    s.expect("verify_scratch_size", &[a(160)], &[i32v(5)]);
    s.expect("verify_scratch_size", &[a(164)], &[i32v(6)]);
    let b = a(BUF);
    s.expect("root", std::slice::from_ref(&b), &[i32v(144)]);
    s.expect("type_id", &[b.clone(), a(144)], &[i32v(18)]);
    s.expect("Logs.logs", &[b.clone(), a(144)], &[i32v(136)]);
    s.expect("ArrayOfLog.len", &[b.clone(), a(136)], &[i32v(1)]);
    s.expect("ArrayOfLog.ptr", &[b.clone(), a(136)], &[a(BUF + 140)]);
    s.expect("ArrayOfLog.at", &[b.clone(), a(136), a(0)], &[i32v(140)]);
    s.expect("ArrayOfLog.get", &[b.clone(), a(136), a(0)], &[i32v(100)]);
    s.trap("ArrayOfLog.get", &[b.clone(), a(136), a(1)]);
    s.trap("ArrayOfLog.at", &[b.clone(), a(136), a(-1i32 as u32 as usize)]);
    let log = a(100);
    s.expect("Log.address", &[b.clone(), log.clone()], &[i32v(104)]);
    for (i, v) in [192, 168, 0, 1].into_iter().enumerate() {
        s.expect(&format!("Log.address.x{i}"), &[b.clone(), log.clone()], &[i32v(v)]);
        s.expect(&format!("Address.x{i}"), &[b.clone(), a(104)], &[i32v(v)]);
    }
    s.expect("Log.identity", &[b.clone(), log.clone()], &[i32v(16)]);
    s.expect("Log.identity.ptr", &[b.clone(), log.clone()], &[a(BUF + 20)]);
    s.expect("Log.identity.len", &[b.clone(), log.clone()], &[i32v(1)]);
    s.expect("Log.userid.len", &[b.clone(), log.clone()], &[i32v(5)]);
    let ptr = s.i32("Log.userid.ptr", &[b.clone(), log.clone()]) as usize;
    assert_eq!(s.read(ptr, 5), b"alice");
    s.expect("Log.date.len", &[b.clone(), log.clone()], &[i32v(26)]);
    let ptr = s.i32("Log.date.ptr", &[b.clone(), log.clone()]) as usize;
    assert_eq!(s.read(ptr, 26), DATE.as_bytes());
    s.expect("Log.request", &[b.clone(), log.clone()], &[i32v(68)]);
    s.expect("string.len", &[b.clone(), a(68)], &[i32v(24)]);
    s.expect("string.ptr", &[b.clone(), a(68)], &[a(BUF + 72)]);
    s.expect("bytes.len", &[b.clone(), a(68)], &[i32v(24)]);
    s.expect("Log.code", &[b.clone(), log.clone()], &[i32v(200)]);
    s.expect("Log.size", &[b.clone(), log.clone()], &[V::I64(1234)]);
    // subtype tests and casts
    s.expect("Log.test", &[b.clone(), log.clone()], &[i32v(1)]);
    s.expect("Log.test", &[b.clone(), a(136)], &[i32v(0)]);
    s.expect("Log.test", &[b.clone(), a(0)], &[i32v(0)]);
    s.expect("Log.test", &[b.clone(), a(5)], &[i32v(0)]);
    s.expect("ArrayOfLog.test", &[b.clone(), a(136)], &[i32v(1)]);
    s.expect("Logs.test", &[b.clone(), a(144)], &[i32v(1)]);
    s.expect("string.test", &[b.clone(), a(16)], &[i32v(1)]);
    s.expect("bytes.test", &[b.clone(), a(16)], &[i32v(0)]);
    s.expect("Log.cast", &[b.clone(), log.clone()], &[i32v(100)]);
    s.trap("Log.cast", &[b.clone(), a(144)]);
    s.trap("Log.cast", &[b.clone(), a(0)]);
    // a getter on null or an i31 value traps, like struct.get
    s.trap("Log.code", &[b.clone(), a(0)]);
    s.trap("Log.code", &[b.clone(), a(85)]);
    s.expect("i31.test", &[a(85)], &[i32v(1)]);
    s.expect("i31.get_u", &[a(85)], &[i32v(42)]);
    s.expect("i31.get_s", &[i32v(-1)], &[i32v(-1)]);
    // the same reads agree with the Rust runtime's reader
    runtime::check_logs_reader(&buffer);
    s
}

/// Builds the record of `logs_buffer` with the module's builders, in the same order.
fn build_logs(s: &mut Session, region: usize) -> i32 {
    s.expect("build.begin", &[a(region), i32v(CAP)], &[i32v(1)]);
    let identity = blob(s, "string.new", b"-");
    let userid = blob(s, "string.new", b"alice");
    let date = blob(s, "string.new", DATE.as_bytes());
    let request = blob(s, "string.new", REQUEST.as_bytes());
    assert_eq!((identity, userid, date, request), (16, 24, 36, 68));
    let log = s.i32(
        "Log.new",
        &[i32v(192), i32v(168), i32v(0), i32v(1), i32v(identity), i32v(userid), i32v(date), i32v(request), i32v(200), V::I64(1234)],
    );
    assert_eq!(log, 100);
    let array = array_u32(s, "ArrayOfLog.new", &[log as u32]);
    let logs = s.i32("Logs.new", &[i32v(array)]);
    assert_eq!(s.i32("build.len", &[]), 152);
    s.i32("build.finish", &[i32v(logs)])
}

pub fn logs_build() -> Session {
    let mut s = Session::new("logs_build", "schemas/logs.wxl", 8);
    let len = build_logs(&mut s, REGION);
    assert_eq!(len, 152);
    let built = s.read(REGION, 152);
    assert_eq!(built, logs_buffer(), "the builders write exactly the hand-written bytes");
    assert_eq!(built, runtime::logs_with_runtime_builder(), "the builders agree with the Rust runtime's builder");
    let got = s.verify(REGION, 152, SCRATCH);
    assert_eq!(got, (0, 0));
    // out of space: every later step returns 0 and finish fails
    s.expect("build.begin", &[a(REGION2), i32v(40)], &[i32v(1)]);
    assert_eq!(blob(&mut s, "string.new", b"alice"), 16);
    assert_eq!(blob(&mut s, "string.new", DATE.as_bytes()), 0);
    assert_eq!(blob(&mut s, "string.new", b"-"), 0);
    s.expect("build.finish", &[i32v(16)], &[i32v(0)]);
    s.expect("build.begin", &[a(REGION2), i32v(8)], &[i32v(0)]);
    // invalid UTF-8 is refused
    s.expect("build.begin", &[a(REGION2), i32v(CAP)], &[i32v(1)]);
    assert_eq!(blob(&mut s, "string.new", &[0x61, 0xC0, 0x80]), 0);
    s.expect("build.finish", &[i32v(16)], &[i32v(0)]);
    // valid UTF-8 of every length is accepted; bytes.new takes anything
    s.expect("build.begin", &[a(REGION2), i32v(CAP)], &[i32v(1)]);
    for text in ["é", "€uro", "𝄞 clef", "ÿ\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}", "plain ascii longer than eight bytes"] {
        assert_ne!(blob(&mut s, "string.new", text.as_bytes()), 0, "{text}");
    }
    let raw = blob(&mut s, "bytes.new", &[0xFF, 0xC0, 0x80]);
    assert_ne!(raw, 0);
    s.expect("type_id", &[a(REGION2), i32v(raw)], &[i32v(2)]);
    s
}

/// (what, buffer, length, expected code, expected offset)
type Case = (&'static str, Vec<u8>, usize, i32, i32);

fn logs_hostile_cases() -> Vec<Case> {
    let good = logs_buffer();
    let n = good.len();
    let mut cases: Vec<Case> = vec![
        ("shorter than the header", good.clone(), 12, 1, 0),
        ("longer than 0xFFFF_FFFC", good.clone(), 0xFFFF_FFFD, 2, 0),
        ("length not a multiple of 4", good.clone(), n - 1, 3, 0),
        ("bad magic", with_u8(&good, 0, b'w'), n, 4, 0),
        ("version 2", with_u8(&good, 4, 2), n, 5, 4),
        ("flags 1", with_u8(&good, 6, 1), n, 6, 6),
        ("nonzero tail padding of a string", with_u8(&good, 22, 0x20), n, 8, 22),
        ("nonzero last tail padding byte", with_u8(&good, 67, 1), n, 8, 67),
        ("unknown type id", with_u32(&good, 100, 0x0020_0063), n, 9, 100),
        ("type id 0 with a length", with_u32(&good, 100, 0x0020_0000), n, 9, 100),
        ("long length below 0xFFFF", with_u32(&good, 16, 0xFFFF_0001), n, 10, 20),
        ("long length word past the end", with_u32(&good[..148], 144, 0xFFFF_0012), 148, 12, 144),
        ("misaligned struct body", with_u32(&good, 96, 0x0020_0010), n, 11, 96),
        ("string longer than the buffer", with_u32(&good, 68, 0xFFFE_0001), n, 12, 68),
        ("long length beyond the buffer", with_bytes(&good, 16, &[1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), n, 12, 16),
        ("array count overflowing 32 bits", with_bytes(&good, 136, &[0x11, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]), n, 12, 136),
        ("truncated in the last object", good[..148].to_vec(), 148, 12, 144),
        ("truncated before the last object", good[..144].to_vec(), 144, 21, 12),
        ("invalid UTF-8: lone continuation", with_u8(&good, 28, 0x80), n, 20, 28),
        ("invalid UTF-8: 0xFF", with_u8(&good, 30, 0xFF), n, 20, 28),
        ("invalid UTF-8: overlong", with_bytes(&good, 28, &[0xC0, 0xAF]), n, 20, 28),
        ("invalid UTF-8: surrogate", with_bytes(&good, 28, &[0xED, 0xA0, 0x80]), n, 20, 28),
        ("invalid UTF-8: above U+10FFFF", with_bytes(&good, 28, &[0xF4, 0x90, 0x80, 0x80]), n, 20, 28),
        ("invalid UTF-8: truncated at the end", with_bytes(&good, 31, &[0xE2, 0x82]), n, 20, 28),
        ("invalid UTF-8: 3-byte overlong", with_bytes(&good, 28, &[0xE0, 0x80, 0x80]), n, 20, 28),
        ("invalid UTF-8: far in a long string", with_u8(&good, 90, 0xC3), n, 20, 72),
        ("required field absent (stored size 8)", with_u32(&good, 100, 0x0008_0010), n, 19, 100),
        ("null reference", with_u32(&good, 108, 0), n, 15, 108),
        ("i31 where a string is required", with_u32(&good, 112, 5), n, 18, 112),
        ("reference with v & 3 == 2", with_u32(&good, 116, 38), n, 17, 116),
        ("reference to itself", with_u32(&good, 148, 144), n, 16, 148),
        ("forward reference", with_u32(&good, 120, 136), n, 16, 120),
        ("reference into a string body", with_u32(&good, 108, 20), n, 17, 108),
        ("reference into a padding word", with_u32(&good, 140, 96), n, 17, 140),
        ("reference to the header", with_u32(&good, 108, 4), n, 17, 108),
        ("array element of the wrong type", with_u32(&good, 140, 16), n, 18, 140),
        ("request field holding the date string", with_u32(&good, 120, 36), n, 0, 0),
        ("root 0", with_u32(&good, 12, 0), n, 21, 12),
        ("root of the wrong type", with_u32(&good, 12, 136), n, 21, 12),
        ("root inside an object", with_u32(&good, 12, 148), n, 21, 12),
        ("root past the end", with_u32(&good, 12, 152), n, 21, 12),
        ("root far past the end", with_u32(&good, 12, 0xFFFF_FFF0), n, 21, 12),
        ("root an i31", with_u32(&good, 12, 7), n, 21, 12),
    ];
    // A buffer ending with a padding word, and one with four padding words in a row.
    let mut ends_padded = good.clone();
    ends_padded.extend_from_slice(&[0; 4]);
    cases.push(("ends with padding", ends_padded, n + 4, 8, n as i32));
    let mut four = good.clone();
    four.extend_from_slice(&[0; 16]);
    cases.push(("four padding words", four, n + 16, 8, n as i32 + 12));
    // A reference to its own holder is not backward.
    cases.push(("reference to its holder", with_u32(&good, 120, 100), n, 16, 120));
    cases
}

pub fn logs_hostile() -> Session {
    let mut s = Session::new("logs_hostile", "schemas/logs.wxl", 8);
    let schema = runtime::tables(&super::schema("schemas/logs.wxl"));
    for (what, buffer, len, code, offset) in logs_hostile_cases() {
        let expected = (code, offset);
        let write_len = buffer.len().min(len);
        s.write(BUF, &buffer[..write_len]);
        let got = s.verify(BUF, len, SCRATCH);
        assert_eq!(got, expected, "[logs_hostile] {what}");
        if len <= buffer.len() {
            assert_eq!(runtime::verify(schema, &buffer[..len]), expected, "runtime-rs agrees: {what}");
        }
    }
    // WRONG_IDENTIFIER only when asked for
    let good = logs_buffer();
    s.write(BUF, &with_u8(&good, 8, b'X'));
    s.expect("verify", &[a(BUF), a(good.len()), a(SCRATCH)], &[i32v(0)]);
    s.expect("verify_with", &[a(BUF), a(good.len()), a(SCRATCH), a(0), a(1)], &[i32v(7)]);
    s.expect("verify_error_offset", &[], &[i32v(8)]);
    // another root type asked for: the Log (type 16) at 100
    s.write(BUF, &with_u32(&good, 12, 100));
    s.expect("verify", &[a(BUF), a(good.len()), a(SCRATCH)], &[i32v(21)]);
    s.expect("verify_with", &[a(BUF), a(good.len()), a(SCRATCH), a(16), a(0)], &[i32v(0)]);
    s.expect("verify_with", &[a(BUF), a(good.len()), a(SCRATCH), a(17), a(0)], &[i32v(21)]);
    s
}

pub fn logs_long_forms() -> Session {
    let mut s = Session::new("logs_long_forms", "schemas/logs.wxl", 24);
    let (source, region, scratch) = (0x1_0000usize, 0x4_0000usize, 0x16_0000usize);
    s.expect("build.begin", &[a(region), i32v(0x10_0000)], &[i32v(1)]);
    // a 70,000-byte string: tag word 0xFFFF0001, then the length
    let text: Vec<u8> = (0..70_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    s.write(source, &text);
    let long = s.i32("string.new", &[a(source), a(text.len())]);
    assert_eq!(long, 16);
    let head = s.read(region + 16, 8);
    assert_eq!(head, [0x01, 0x00, 0xFF, 0xFF, 0x70, 0x11, 0x01, 0x00]);
    // exactly 0xFFFF bytes is long form too, 0xFFFE is not
    let a_ffff = s.i32("string.new", &[a(source), a(0xFFFF)]);
    let head = s.read(region + a_ffff as usize, 8);
    assert_eq!(head, [0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00]);
    let a_fffe = s.i32("string.new", &[a(source), a(0xFFFE)]);
    let head = s.read(region + a_fffe as usize, 4);
    assert_eq!(head, [0x01, 0x00, 0xFE, 0xFF]);
    let dash = blob(&mut s, "string.new", b"-");
    let log = s.i32("Log.new", &[i32v(1), i32v(2), i32v(3), i32v(4), i32v(long), i32v(dash), i32v(a_ffff), i32v(a_fffe), i32v(7), V::I64(-1)]);
    // a Log body needs 8-alignment: the builder put the fewest padding words before it
    assert_eq!((log + 4) % 8, 0);
    let array = s.i32("ArrayOfLog.alloc", &[i32v(70_000)]);
    let head = s.read(region + array as usize, 8);
    assert_eq!(head, [0x11, 0x00, 0xFF, 0xFF, 0x70, 0x11, 0x01, 0x00]);
    let ptr = s.i32("ArrayOfLog.ptr", &[a(region), i32v(array)]) as usize;
    assert_eq!(ptr, region + array as usize + 8);
    let refs: Vec<u8> = (0..70_000).flat_map(|_| (log as u32).to_le_bytes()).collect();
    s.write(ptr, &refs);
    let logs = s.i32("Logs.new", &[i32v(array)]);
    let len = s.i32("build.finish", &[i32v(logs)]) as usize;
    assert_eq!(s.verify(region, len, scratch), (0, 0));
    let built = s.read(region, len);
    every_getter(&mut s, "schemas/logs.wxl", region, &built);
    s.expect("ArrayOfLog.len", &[a(region), i32v(array)], &[i32v(70_000)]);
    s.expect("ArrayOfLog.get", &[a(region), i32v(array), i32v(69_999)], &[i32v(log)]);
    s.expect("Log.identity.len", &[a(region), i32v(log)], &[i32v(70_000)]);
    s.expect("Log.date.len", &[a(region), i32v(log)], &[i32v(0xFFFF)]);
    s.expect("Log.request.len", &[a(region), i32v(log)], &[i32v(0xFFFE)]);
    s.expect("Log.size", &[a(region), i32v(log)], &[V::I64(-1)]);
    // the element at 70,000 does not exist
    s.trap("ArrayOfLog.get", &[a(region), i32v(array), i32v(70_000)]);
    s
}

pub fn logs_unaligned_address() -> Session {
    // Readers never rely on the buffer's address being aligned (LAYOUT.md §2).
    let mut s = Session::new("logs_unaligned_address", "schemas/logs.wxl", 8);
    let buffer = logs_buffer();
    for shift in [1usize, 2, 3] {
        s.write(BUF + shift, &buffer);
        assert_eq!(s.verify(BUF + shift, buffer.len(), SCRATCH + shift), (0, 0));
        s.expect("Log.size", &[a(BUF + shift), a(100)], &[V::I64(1234)]);
        s.expect("Log.code", &[a(BUF + shift), a(100)], &[i32v(200)]);
        s.expect("Log.identity.ptr", &[a(BUF + shift), a(100)], &[a(BUF + shift + 20)]);
    }
    s
}

/// Deterministic pseudo-random numbers (xorshift).
pub struct Rng(u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Mutations of a valid buffer (bytes, words, truncations), each verified by the module and
/// by the Rust runtime: both report the same (code, offset).
fn random_mutations(s: &mut Session, schema_path: &str, good: &[u8], count: usize, seed: u64) {
    let schema = super::runtime::tables(&super::schema(schema_path));
    let mut rng = Rng(seed);
    let interesting = [0u32, 1, 2, 3, 4, 5, 7, 16, 0xFF, 0xFFFF, 0x1_0000, 0xFFFF_0000, 0xFFFF_FFFF, 0x8000_0000];
    let mut codes = std::collections::BTreeMap::new();
    for i in 0..count {
        let mut buffer = good.to_vec();
        let mut len = buffer.len();
        for _ in 0..1 + rng.below(2) {
            match rng.below(6) {
                0 => {
                    let at = rng.below(buffer.len());
                    buffer[at] = rng.next() as u8;
                }
                1 => {
                    let at = rng.below(buffer.len() / 4) * 4;
                    let v = interesting[rng.below(interesting.len())];
                    buffer[at..at + 4].copy_from_slice(&v.to_le_bytes());
                }
                2 => {
                    // a reference-looking value: a small offset, maybe an object start
                    let at = rng.below(buffer.len() / 4) * 4;
                    let v = (rng.below(buffer.len() + 8) as u32) & !1;
                    buffer[at..at + 4].copy_from_slice(&v.to_le_bytes());
                }
                3 => len = rng.below(len + 1),
                4 => {
                    let at = rng.below(buffer.len());
                    buffer[at] ^= 1 << rng.below(8);
                }
                _ => {
                    // the length half of a tag word-like position
                    let at = rng.below(buffer.len() / 4) * 4 + 2;
                    buffer[at] = rng.next() as u8;
                }
            }
        }
        let expected = super::runtime::verify(schema, &buffer[..len]);
        s.write(BUF, &buffer);
        let got = s.verify(BUF, len, SCRATCH);
        assert_eq!(got, expected, "[{}] mutation {i}: wasm {got:?}, runtime-rs {expected:?}", s.label);
        *codes.entry(got.0).or_insert(0) += 1;
    }
    assert!(codes.len() >= 8, "[{}] the mutations reach few rules: {codes:?}", s.label);
}

pub fn logs_random_mutations() -> Session {
    let mut s = Session::new("logs_random_mutations", "schemas/logs.wxl", 8);
    random_mutations(&mut s, "schemas/logs.wxl", &logs_buffer(), 400, 0x5EED_0001);
    s
}

// ---------------------------------------------------------------------------------------
// mesh.wxl: ArrayOfTriangle id 16 (stride 48), Mesh id 17.

fn mesh_buffer() -> Vec<u8> {
    let mut h = Hand::header(b"MESH", 116);
    h.at(16).tag(16, 2); // two triangles
    for t in 0..2 {
        for v in 0..12 {
            h.f32((t * 12 + v) as f32 * 0.5);
        }
    }
    h.at(116).tag(17, 4).u32(16);
    h.at(124);
    h.bytes
}

pub fn mesh_read() -> Session {
    let mut s = Session::new("mesh_read", "schemas/mesh.wxl", 8);
    let buffer = mesh_buffer();
    expect_verify(&mut s, "hand-written", &buffer, buffer.len(), (0, 0));
    every_getter(&mut s, "schemas/mesh.wxl", BUF, &buffer);
    let b = a(BUF);
    s.expect("Mesh.triangles", &[b.clone(), a(116)], &[i32v(16)]);
    s.expect("ArrayOfTriangle.len", &[b.clone(), a(16)], &[i32v(2)]);
    s.expect("ArrayOfTriangle.at", &[b.clone(), a(16), a(1)], &[i32v(20 + 48)]);
    s.expect("Triangle.v0.x", &[b.clone(), a(20)], &[f32v(0.0)]);
    s.expect("Triangle.v2.y", &[b.clone(), a(20)], &[f32v(3.5)]);
    s.expect("Triangle.normal.z", &[b.clone(), a(68)], &[f32v(11.5)]);
    s.expect("Vector3.y", &[b.clone(), a(68 + 36)], &[f32v(11.0)]);
    s.trap("ArrayOfTriangle.at", &[b.clone(), a(16), a(2)]);
    // builders: the same bytes
    s.expect("build.begin", &[a(REGION), i32v(CAP)], &[i32v(1)]);
    s.write(SRC, &buffer[20..116]);
    let array = s.i32("ArrayOfTriangle.new", &[a(SRC), a(2)]);
    let mesh = s.i32("Mesh.new", &[i32v(array)]);
    let len = s.i32("build.finish", &[i32v(mesh)]) as usize;
    assert_eq!(s.read(REGION, len), buffer);
    // errors: the array runs past the end; Mesh holds a null
    expect_verify(&mut s, "count 3", &with_u32(&buffer, 16, 0x0003_0010), buffer.len(), (12, 16));
    expect_verify(&mut s, "null triangles", &with_u32(&buffer, 120, 0), buffer.len(), (15, 120));
    expect_verify(&mut s, "Mesh pointing at itself", &with_u32(&buffer, 120, 116), buffer.len(), (16, 120));
    s
}

pub fn mesh_large() -> Session {
    // 125,000 triangles (6,000,000 bytes): the long length form, and an O(1) body check.
    let mut s = Session::new("mesh_large", "schemas/mesh.wxl", 128);
    let region = 0x10_0000usize;
    let count = 125_000usize;
    s.expect("build.begin", &[a(region), i32v(0x70_0000)], &[i32v(1)]);
    let array = s.i32("ArrayOfTriangle.alloc", &[a(count)]);
    assert_eq!(array, 16);
    let ptr = s.i32("ArrayOfTriangle.ptr", &[a(region), i32v(array)]) as usize;
    assert_eq!(ptr, region + 24);
    s.f32_mod(ptr, count * 12, 1000);
    let mesh = s.i32("Mesh.new", &[i32v(array)]);
    let len = s.i32("build.finish", &[i32v(mesh)]) as usize;
    assert_eq!(len, 16 + 8 + 6_000_000 + 8);
    assert_eq!(s.read(region + 16, 8), [0x10, 0x00, 0xFF, 0xFF, 0x48, 0xE8, 0x01, 0x00]);
    let scratch = 0x8_0000;
    s.expect("verify_scratch_size", &[a(len)], &[a(len.div_ceil(32))]);
    assert_eq!(s.verify(region, len, scratch), (0, 0));
    let last = s.i32("ArrayOfTriangle.at", &[a(region), i32v(array), a(count - 1)]);
    // element i, float k holds (12 i + k) % 1000
    let expected = ((12 * (count - 1) + 9) % 1000) as f32;
    s.expect("Triangle.normal.x", &[a(region), i32v(last)], &[f32v(expected)]);
    s
}

// ---------------------------------------------------------------------------------------
// shapes.wxl: Shape 16, Circle 17, ArrayOfF32 18, Polygon 19, Node 20, Children 21,
// ArrayOfString 22, Scene 23.

pub fn shapes_buffer() -> Vec<u8> {
    let mut h = Hand::header(b"SHPE", 212);
    h.at(16).blob(1, b"circle");
    h.at(28).tag(17, 24); // Circle: body at 32, 8-aligned
    h.at(32).u32(16).u8(1).zeros(3).i32(5).zeros(4).f64(2.5); // name, fill Hatched, depth, radius
    h.at(56).tag(18, 4).f32(0.0).f32(0.0).f32(1.0).f32(0.5); // ArrayOfF32
    h.at(76).blob(1, b"poly");
    h.at(84).tag(19, 16).u32(76).u8(0).zeros(3).i32(7).u32(56); // Polygon: name, Solid, depth, points
    h.at(104).tag(20, 16).u32(28).u32(0).u8(1).u8(0).u16(100).u32(85); // Node A: Circle, i31 42
    h.at(124).tag(20, 16).u32(84).u32(0).u8(0).u8(0).u16(7).u32(76); // Node B: Polygon, layer 7, a string
    h.at(144).tag(21, 2).u32(104).u32(124); // Children
    h.at(156).tag(20, 16).u32(0).u32(144).u8(1).u8(0).u16(0).u32(0); // the root node
    h.at(176).blob(1, b"scene");
    h.at(188).blob(2, &[1, 2, 3]);
    h.at(196).tag(22, 2).u32(16).u32(176); // tags
    h.at(208).zeros(4); // the Scene body must be 8-aligned
    h.at(212).tag(23, 28).u32(176).u32(156).u32(188).zeros(4).u64(99).u32(196);
    h.at(244);
    h.bytes
}

pub fn shapes_read() -> Session {
    let mut s = Session::new("shapes_read", "schemas/shapes.wxl", 8);
    let buffer = shapes_buffer();
    expect_verify(&mut s, "hand-written", &buffer, buffer.len(), (0, 0));
    every_getter(&mut s, "schemas/shapes.wxl", BUF, &buffer);
    let b = a(BUF);
    s.expect("root", std::slice::from_ref(&b), &[i32v(212)]);
    s.expect("Scene.title.len", &[b.clone(), a(212)], &[i32v(5)]);
    s.expect("Scene.root", &[b.clone(), a(212)], &[i32v(156)]);
    s.expect("Scene.thumbnail", &[b.clone(), a(212)], &[i32v(188)]);
    s.expect("Scene.thumbnail.len", &[b.clone(), a(212)], &[i32v(3)]);
    let ptr = s.i32("Scene.thumbnail.ptr", &[b.clone(), a(212)]) as usize;
    assert_eq!(s.read(ptr, 3), [1, 2, 3]);
    s.expect("Scene.frame", &[b.clone(), a(212)], &[V::I64(99)]);
    s.expect("Scene.tags", &[b.clone(), a(212)], &[i32v(196)]);
    s.expect("ArrayOfString.get", &[b.clone(), a(196), a(1)], &[i32v(176)]);
    s.expect("Node.shape", &[b.clone(), a(156)], &[i32v(0)]);
    s.expect("Node.children", &[b.clone(), a(156)], &[i32v(144)]);
    s.expect("Children.len", &[b.clone(), a(144)], &[i32v(2)]);
    s.expect("Children.get", &[b.clone(), a(144), a(0)], &[i32v(104)]);
    s.expect("Node.shape", &[b.clone(), a(104)], &[i32v(28)]);
    s.expect("Node.visible", &[b.clone(), a(104)], &[i32v(1)]);
    s.expect("Node.layer", &[b.clone(), a(104)], &[i32v(100)]);
    s.expect("Node.user_data", &[b.clone(), a(104)], &[i32v(85)]);
    s.expect("i31.get_s", &[i32v(85)], &[i32v(42)]);
    s.expect("Node.user_data", &[b.clone(), a(124)], &[i32v(76)]);
    s.expect("string.test", &[b.clone(), a(76)], &[i32v(1)]);
    s.expect("Node.layer", &[b.clone(), a(124)], &[i32v(7)]);
    s.expect("Node.visible", &[b.clone(), a(124)], &[i32v(0)]);
    // subtyping: a Circle and a Polygon read through Shape
    for (obj, circle, polygon) in [(28, 1, 0), (84, 0, 1)] {
        s.expect("Shape.test", &[b.clone(), a(obj)], &[i32v(1)]);
        s.expect("Circle.test", &[b.clone(), a(obj)], &[i32v(circle)]);
        s.expect("Polygon.test", &[b.clone(), a(obj)], &[i32v(polygon)]);
        s.expect("Shape.cast", &[b.clone(), a(obj)], &[a(obj)]);
    }
    s.expect("Shape.test", &[b.clone(), a(104)], &[i32v(0)]);
    s.trap("Circle.cast", &[b.clone(), a(84)]);
    s.expect("Shape.name", &[b.clone(), a(28)], &[i32v(16)]);
    s.expect("Shape.fill", &[b.clone(), a(28)], &[i32v(1)]);
    s.expect("Shape.depth", &[b.clone(), a(28)], &[i32v(5)]);
    s.expect("Circle.radius", &[b.clone(), a(28)], &[f64v(2.5)]);
    s.expect("Polygon.depth", &[b.clone(), a(84)], &[i32v(7)]);
    s.expect("Polygon.points", &[b.clone(), a(84)], &[i32v(56)]);
    s.expect("ArrayOfF32.get", &[b.clone(), a(56), a(3)], &[f32v(0.5)]);
    s.expect("ArrayOfF32.ptr", &[b.clone(), a(56)], &[a(BUF + 60)]);
    // setters of mut fields, through the supertype too
    s.expect("Shape.depth.set", &[b.clone(), a(28), i32v(-42)], &[i32v(1)]);
    s.expect("Circle.depth", &[b.clone(), a(28)], &[i32v(-42)]);
    s.expect("Scene.frame.set", &[b.clone(), a(212), V::I64(1 << 40)], &[i32v(1)]);
    s.expect("Scene.frame", &[b.clone(), a(212)], &[V::I64(1 << 40)]);
    assert_eq!(s.verify(BUF, buffer.len(), SCRATCH), (0, 0));
    // an old Shape: stored size 4, only `name`; fill and depth read as their defaults
    let mut h = Hand::header(b"SHPE", 24);
    h.at(16).blob(1, b"x");
    h.at(24).tag(16, 4).u32(16);
    let old = h.bytes;
    s.write(BUF, &old);
    s.expect("verify_with", &[b.clone(), a(old.len()), a(SCRATCH), a(16), a(1)], &[i32v(0)]);
    s.expect("Shape.name", &[b.clone(), a(24)], &[i32v(16)]);
    s.expect("Shape.fill", &[b.clone(), a(24)], &[i32v(2)]);
    s.expect("Shape.depth", &[b.clone(), a(24)], &[i32v(-1)]);
    s.expect("Shape.depth.set", &[b.clone(), a(24), i32v(3)], &[i32v(0)]);
    s.expect("verify", &[b.clone(), a(old.len()), a(SCRATCH)], &[i32v(21)]);
    runtime::check_shapes_reader(&shapes_buffer());
    s
}

/// Builds the scene of `shapes_buffer` with the builders; returns the root.
fn build_scene(s: &mut Session, region: usize) -> i32 {
    s.expect("build.begin", &[a(region), i32v(CAP)], &[i32v(1)]);
    let circle_name = blob(s, "string.new", b"circle");
    let circle = s.i32("Circle.new", &[i32v(circle_name), i32v(1), i32v(5), f64v(2.5)]);
    let points: Vec<u8> = [0.0f32, 0.0, 1.0, 0.5].iter().flat_map(|f| f.to_le_bytes()).collect();
    s.write(SRC, &points);
    let points = s.i32("ArrayOfF32.new", &[a(SRC), a(4)]);
    let poly_name = blob(s, "string.new", b"poly");
    let polygon = s.i32("Polygon.new", &[i32v(poly_name), i32v(0), i32v(7), i32v(points)]);
    let node_a = s.i32("Node.new", &[i32v(circle), i32v(0), i32v(1), i32v(100), i32v(85)]);
    let node_b = s.i32("Node.new", &[i32v(polygon), i32v(0), i32v(0), i32v(7), i32v(poly_name)]);
    let children = array_u32(s, "Children.new", &[node_a as u32, node_b as u32]);
    let root = s.i32("Node.new", &[i32v(0), i32v(children), i32v(1), i32v(0), i32v(0)]);
    let title = blob(s, "string.new", b"scene");
    let thumbnail = blob(s, "bytes.new", &[1, 2, 3]);
    let tags = array_u32(s, "ArrayOfString.new", &[circle_name as u32, title as u32]);
    let scene = s.i32("Scene.new", &[i32v(title), i32v(root), i32v(thumbnail), V::I64(99), i32v(tags)]);
    assert_eq!(scene, 212);
    scene
}

pub fn shapes_build() -> Session {
    let mut s = Session::new("shapes_build", "schemas/shapes.wxl", 8);
    let scene = build_scene(&mut s, REGION);
    let len = s.i32("build.finish", &[i32v(scene)]) as usize;
    assert_eq!(s.read(REGION, len), shapes_buffer(), "the builders write exactly the hand-written bytes");
    assert_eq!(s.verify(REGION, len, SCRATCH), (0, 0));
    // a closed enum refuses undeclared values (builder and setter); an open one takes any
    s.expect("build.begin", &[a(REGION2), i32v(CAP)], &[i32v(1)]);
    let name = blob(&mut s, "string.new", b"x");
    s.expect("Shape.new", &[i32v(name), i32v(3), i32v(0)], &[i32v(0)]);
    s.expect("build.finish", &[i32v(16)], &[i32v(0)]);
    s.expect("Node.layer", &[a(REGION), a(124)], &[i32v(7)]);
    s
}

fn shapes_hostile_cases() -> Vec<Case> {
    let good = shapes_buffer();
    let n = good.len();
    vec![
        ("enum value not declared", with_u8(&good, 36, 3), n, 14, 36),
        ("enum value 0xFF", with_u8(&good, 92, 0xFF), n, 14, 92),
        ("bool 2", with_u8(&good, 116, 2), n, 13, 116),
        ("bool 0xFF in the root node", with_u8(&good, 168, 0xFF), n, 13, 168),
        ("open enum takes anything", with_bytes(&good, 138, &[0xFF, 0xFF]), n, 0, 0),
        ("anyref to an array", with_u32(&good, 120, 56), n, 0, 0),
        ("anyref to the middle of an object", with_u32(&good, 120, 60), n, 17, 120),
        ("anyref v & 3 == 2", with_u32(&good, 120, 6), n, 17, 120),
        ("Shape field holding a Node", with_u32(&good, 128, 104), n, 18, 128),
        ("Shape field holding an array", with_u32(&good, 108, 56), n, 18, 108),
        ("Shape field holding an i31", with_u32(&good, 108, 3), n, 18, 108),
        ("bytes field holding a string", with_u32(&good, 224, 176), n, 18, 224),
        ("nullable bytes field null", with_u32(&good, 224, 0), n, 0, 0),
        ("null in a non-null field", with_u32(&good, 220, 0), n, 15, 220),
        ("i31 in a non-null Node field", with_u32(&good, 220, 85), n, 18, 220),
        ("Children element forward", with_u32(&good, 152, 156), n, 16, 152),
        ("Children element a Circle", with_u32(&good, 148, 28), n, 18, 148),
        ("Polygon points a string", with_u32(&good, 100, 16), n, 18, 100),
        ("tags element bytes", with_u32(&good, 200, 188), n, 18, 200),
        ("root a Node", with_u32(&good, 12, 156), n, 21, 12),
        ("NaN radius", with_bytes(&good, 48, &f64::NAN.to_le_bytes()), n, 0, 0),
        ("tail padding of the bytes", with_u8(&good, 195, 9), n, 8, 195),
        ("two errors: the first in pass order", with_u32(&with_u8(&good, 116, 2), 36, 9), n, 14, 36),
    ]
}

pub fn shapes_hostile() -> Session {
    let mut s = Session::new("shapes_hostile", "schemas/shapes.wxl", 8);
    let schema = runtime::tables(&super::schema("schemas/shapes.wxl"));
    for (what, buffer, len, code, offset) in shapes_hostile_cases() {
        s.write(BUF, &buffer);
        assert_eq!(s.verify(BUF, len, SCRATCH), (code, offset), "[shapes_hostile] {what}");
        assert_eq!(runtime::verify(schema, &buffer[..len]), (code, offset), "runtime-rs agrees: {what}");
    }
    // A Node as root is fine when the caller asks for Node (20)
    s.write(BUF, &with_u32(&shapes_buffer(), 12, 156));
    s.expect("verify_with", &[a(BUF), a(244), a(SCRATCH), a(20), a(1)], &[i32v(0)]);
    s.expect("verify_with", &[a(BUF), a(244), a(SCRATCH), a(16), a(1)], &[i32v(21)]);
    s
}

pub fn shapes_random_mutations() -> Session {
    let mut s = Session::new("shapes_random_mutations", "schemas/shapes.wxl", 8);
    random_mutations(&mut s, "schemas/shapes.wxl", &shapes_buffer(), 400, 0x5EED_0002);
    s
}

// ---------------------------------------------------------------------------------------
// defaults.wxl: Holder 16 (body align 16, size 106), Smalls 17.

pub fn defaults() -> Session {
    let mut s = Session::new("defaults", "tests/cases/wasm-backend/defaults.wxl", 8);
    // An old writer's Holder: stored size 0 (every field absent), then one with all fields.
    let mut h = Hand::header(&[0; 4], 28);
    h.at(16).zeros(8); // two padding words: the body must be 16-aligned
    h.at(24).zeros(4); // a third one
    h.at(28).tag(16, 0);
    h.at(32);
    let old = h.bytes;
    s.write(BUF, &old);
    assert_eq!(s.verify(BUF, old.len(), SCRATCH), (0, 0));
    every_getter(&mut s, "tests/cases/wasm-backend/defaults.wxl", BUF, &old);
    let b = a(BUF);
    let o = a(28);
    let expect: Vec<(&str, V)> = vec![
        ("flag", i32v(1)),
        ("small_u", i32v(255)),
        ("small_s", i32v(-128)),
        ("half_u", i32v(65535)),
        ("half_s", i32v(-2)),
        ("word_u", i32v(-1)),
        ("word_s", i32v(i32::MIN)),
        ("long_u", V::I64(-1)),
        ("long_s", V::I64(i64::MIN)),
        ("float", f32v(1.5)),
        ("double", f64v(-0.25)),
        ("small_enum", i32v(2)),
        ("signed_enum", i32v(-5)),
        ("first_enum", i32v(1)),
        ("wide_enum", V::I64(-1)), // no variant is 0: the first one, Big
        ("pair.a", i32v(9)),
        ("pair.b", i32v(-9)),
        ("maybe", i32v(0)),
        ("counter", V::I64(7)),
        ("level", i32v(0)),
        ("pair", i32v(0)),
    ];
    for (field, value) in &expect {
        s.expect(&format!("Holder.{field}"), &[b.clone(), o.clone()], std::slice::from_ref(value));
    }
    s.expect("Holder.vector", &[b.clone(), o.clone()], &[V::I64(0), V::I64(0)]);
    s.expect("Holder.counter.set", &[b.clone(), o.clone(), V::I64(1)], &[i32v(0)]);
    // the builder writes every field; the readers return them
    s.expect("build.begin", &[a(REGION), i32v(CAP)], &[i32v(1)]);
    let args = vec![
        i32v(0), i32v(7), i32v(-7), i32v(40000), i32v(-300), i32v(-5), i32v(-6), V::I64(1 << 63), V::I64(-8),
        f32v(-1.25), f64v(1e300), V::I64(0x0706_0504_0302_0100), V::I64(0x0F0E_0D0C_0B0A_0908), i32v(1), i32v(5), i32v(2),
        V::I64(12345), i32v(200), i32v(-100), i32v(0), V::I64(3), i32v(-5),
    ];
    let holder = s.i32("Holder.new", &args);
    assert_eq!(holder, 28, "three padding words put the body at 32");
    let smalls = {
        s.write(SRC, &[1, 2, 2, 1, 1, 1, 1, 1, 1, 2]);
        s.i32("Smalls.new", &[a(SRC), a(10)])
    };
    let len = s.i32("build.finish", &[i32v(holder)]) as usize;
    assert_eq!(s.verify(REGION, len, SCRATCH), (0, 0));
    let built = s.read(REGION, len);
    every_getter(&mut s, "tests/cases/wasm-backend/defaults.wxl", REGION, &built);
    let r = a(REGION);
    let h = i32v(holder);
    s.expect("Holder.flag", &[r.clone(), h.clone()], &[i32v(0)]);
    s.expect("Holder.small_s", &[r.clone(), h.clone()], &[i32v(-7)]);
    s.expect("Holder.half_u", &[r.clone(), h.clone()], &[i32v(40000)]);
    s.expect("Holder.half_s", &[r.clone(), h.clone()], &[i32v(-300)]);
    s.expect("Holder.long_u", &[r.clone(), h.clone()], &[V::I64(1 << 63)]);
    s.expect("Holder.double", &[r.clone(), h.clone()], &[f64v(1e300)]);
    s.expect("Holder.vector", &[r.clone(), h.clone()], &[V::I64(0x0706_0504_0302_0100), V::I64(0x0F0E_0D0C_0B0A_0908)]);
    s.expect("Holder.signed_enum", &[r.clone(), h.clone()], &[i32v(5)]);
    s.expect("Holder.pair.b", &[r.clone(), h.clone()], &[i32v(-100)]);
    s.expect("Holder.pair", &[r.clone(), h.clone()], &[i32v(holder + 4 + 80)]);
    s.expect("Pair.b", &[r.clone(), i32v(holder + 4 + 80)], &[i32v(-100)]);
    s.expect("Holder.level", &[r.clone(), h.clone()], &[i32v(-5)]);
    // setters: written when present, refused for undeclared enum values
    s.expect("Holder.level.set", &[r.clone(), h.clone(), i32v(5)], &[i32v(1)]);
    s.expect("Holder.level", &[r.clone(), h.clone()], &[i32v(5)]);
    s.expect("Holder.level.set", &[r.clone(), h.clone(), i32v(4)], &[i32v(0)]);
    s.expect("Holder.level", &[r.clone(), h.clone()], &[i32v(5)]);
    s.expect("Holder.counter.set", &[r.clone(), h.clone(), V::I64(-9)], &[i32v(1)]);
    s.expect("Holder.counter", &[r.clone(), h.clone()], &[V::I64(-9)]);
    s.expect("Smalls.get", &[r.clone(), i32v(smalls), a(9)], &[i32v(2)]);
    s.expect("Smalls.set", &[r.clone(), i32v(smalls), a(9), i32v(1)], &[i32v(1)]);
    s.expect("Smalls.set", &[r.clone(), i32v(smalls), a(9), i32v(0)], &[i32v(0)]);
    s.expect("Smalls.get", &[r.clone(), i32v(smalls), a(9)], &[i32v(1)]);
    s.trap("Smalls.set", &[r.clone(), i32v(smalls), a(10), i32v(1)]);
    // invalid enum elements: the first in index order
    let body = REGION + smalls as usize + 4;
    s.write(body + 7, &[9]);
    s.write(body + 3, &[0]);
    s.expect("verify_with", &[r.clone(), a(len), a(SCRATCH), a(0), a(0)], &[i32v(14)]);
    s.expect("verify_error_offset", &[], &[i32v(smalls + 4 + 3)]);
    s
}

// ---------------------------------------------------------------------------------------
// bridge.wxl: Item 16 (align 16, size 56), Heavy 17 (align 16, size 66), Items 18,
// Segments 19 (stride 20), Octets 20, Flags 21, Graph 22.

fn segments_bytes() -> Vec<u8> {
    let mut h = Hand { bytes: Vec::new() };
    h.f32(1.0).f32(2.0).f32(3.0).f32(4.0).u8(5).zeros(3);
    h.f32(-1.0).f32(-2.0).f32(-3.0).f32(-4.0).u8(250).zeros(3);
    h.bytes
}

/// Builds the graph with the builders; returns (root, length, the first item).
fn build_graph(s: &mut Session, region: usize) -> (i32, usize, i32) {
    s.expect("build.begin", &[a(region), i32v(CAP)], &[i32v(1)]);
    let item = s.i32(
        "Item.new",
        &[i32v(1), i32v(7), i32v(0), f32v(1.5), f32v(-2.0), V::I64(-5), i32v(-100), V::I64(0x0102_0304_0506_0708), V::I64(-1), i32v(500), i32v(0)],
    );
    let heavy = s.i32(
        "Heavy.new",
        &[i32v(2), i32v(0), i32v(1), f32v(0.25), f32v(8.0), V::I64(1 << 40), i32v(3), V::I64(11), V::I64(12), i32v(1), i32v(item), f64v(6.5), i32v(-3)],
    );
    let items = array_u32(s, "Items.new", &[item as u32, heavy as u32, 0, item as u32]);
    s.write(SRC, &segments_bytes());
    let segments = s.i32("Segments.new", &[a(SRC), a(2)]);
    s.write(SRC, &[1, 2, 3, 4, 5]);
    let octets = s.i32("Octets.new", &[a(SRC), a(5)]);
    s.write(SRC, &[1, 0, 1, 1, 0, 0, 0, 1, 1, 0]);
    let flags = s.i32("Flags.new", &[a(SRC), a(10)]);
    let graph = s.i32(
        "Graph.new",
        &[i32v(items), i32v(segments), i32v(octets), i32v(flags), i32v(heavy), i32v(item), i32v(77 << 1 | 1)],
    );
    let len = s.i32("build.finish", &[i32v(graph)]) as usize;
    (graph, len, item)
}

pub const BRIDGE_GUEST: &str = r#"
  (import "wxl" "Graph.load" (func $Graph.load (param i32 i32) (result (ref $Graph))))
  (import "wxl" "Item.load" (func $Item.load (param i32 i32) (result (ref $Item))))
  (import "wxl" "Graph.store" (func $Graph.store (param (ref null $Graph)) (result i32)))
  (import "wxl" "Item.store" (func $Item.store (param (ref null $Item)) (result i32)))
  (global $g (mut (ref null $Graph)) (ref.null $Graph))
  ;; loads the graph and keeps it
  (func (export "load") (param $buf i32) (param $obj i32)
    (global.set $g (call $Graph.load (local.get $buf) (local.get $obj))))
  (func (export "store") (result i32)
    (call $Graph.store (global.get $g)))
  ;; fields of the GC objects
  (func (export "first_mass") (result f64)
    (struct.get $Heavy $mass (ref.cast (ref $Heavy) (struct.get $Graph $first (global.get $g)))))
  (func (export "item_small") (param $i i32) (result i32)
    (struct.get_s $Item $small (ref.as_non_null (array.get $Items (struct.get $Graph $items (global.get $g)) (local.get $i)))))
  (func (export "segment_weight") (param $i i32) (result i32)
    (struct.get_u $Segment $weight (array.get $Segments (struct.get $Graph $segments (global.get $g)) (local.get $i))))
  (func (export "segment_to_y") (param $i i32) (result f32)
    (struct.get $Segment $to.y (array.get $Segments (struct.get $Graph $segments (global.get $g)) (local.get $i))))
  (func (export "octets_len") (result i32)
    (array.len (struct.get $Graph $octets (global.get $g))))
  (func (export "tag") (result i32)
    (i31.get_s (ref.as_non_null (struct.get $Graph $tag (global.get $g)))))
  ;; sharing survives the load: items[0], items[3], heavy.next and extra are one object
  (func (export "shared") (result i32)
    (local $items (ref $Items))
    (local.set $items (struct.get $Graph $items (global.get $g)))
    (i32.and
      (i32.and
        (ref.eq (array.get $Items (local.get $items) (i32.const 0)) (array.get $Items (local.get $items) (i32.const 3)))
        (ref.eq (array.get $Items (local.get $items) (i32.const 0))
                (struct.get $Heavy $next (ref.cast (ref $Heavy) (array.get $Items (local.get $items) (i32.const 1))))))
      (ref.eq (array.get $Items (local.get $items) (i32.const 0))
              (ref.cast (ref eq) (struct.get $Graph $extra (global.get $g))))))
  ;; mutate the GC objects, to see the change written by store
  (func (export "bump") (param $v i32)
    (struct.set $Item $counter (ref.as_non_null (array.get $Items (struct.get $Graph $items (global.get $g)) (i32.const 0))) (local.get $v))
    (array.set $Octets (struct.get $Graph $octets (global.get $g)) (i32.const 4) (i32.const 99)))
  ;; a new item whose `next` is a loaded one: store writes the loaded one first
  (func (export "store_new_item") (result i32)
    (call $Item.store
      (struct.new $Item (i32.const 9) (i32.const 1) (i32.const 1) (f32.const 0) (f32.const 0) (i64.const 0)
        (i32.const 0) (v128.const i64x2 0 0) (i32.const 0)
        (array.get $Items (struct.get $Graph $items (global.get $g)) (i32.const 1)))))
"#;

/// A guest module: the schema's GC types (from the generated `.types.wat`) plus `body`.
pub fn guest_module(schema_path: &str, body: &str) -> String {
    let files = super::generated(schema_path);
    let stem = std::path::Path::new(schema_path).file_stem().unwrap().to_string_lossy().into_owned();
    let types = String::from_utf8(files[&format!("{stem}.types.wat")].clone()).unwrap();
    // the types module's fields: everything between its first line `(module ...` and the last `)`
    let start = types.find("(module").expect("types module");
    let inner_start = start + types[start..].find('\n').unwrap() + 1;
    let inner_end = types.rfind(')').unwrap();
    format!("(module $guest\n{}\n{body}\n)\n", &types[inner_start..inner_end])
}

pub fn bridge_round_trip() -> Session {
    let path = "tests/cases/wasm-backend/bridge.wxl";
    let mut s = Session::new("bridge_round_trip", path, 8);
    let (graph, len, item0) = build_graph(&mut s, REGION);
    assert_eq!(item0, 28, "three padding words put the Item body at 32");
    assert_eq!(s.verify(REGION, len, SCRATCH), (0, 0));
    let original = s.read(REGION, len);
    every_getter(&mut s, path, REGION, &original);
    // from the host: load then store gives the same bytes
    s.save("Graph.load", &[a(REGION), i32v(graph)], "graph");
    s.expect("build.begin", &[a(REGION2), i32v(CAP)], &[i32v(1)]);
    let stored = s.i32("Graph.store", &[V::Ref("graph".into())]);
    assert_eq!(stored, graph);
    let len2 = s.i32("build.finish", &[i32v(stored)]) as usize;
    assert_eq!(s.read(REGION2, len2), original, "store(load(buffer)) writes the same bytes");
    // a guest holding the same GC types reads the objects and mutates them
    s.add_guest(&guest_module(path, BRIDGE_GUEST));
    s.call("guest.load", &[a(REGION), i32v(graph)]);
    s.expect("guest.first_mass", &[], &[f64v(6.5)]);
    s.expect("guest.item_small", &[i32v(0)], &[i32v(-100)]);
    s.expect("guest.item_small", &[i32v(1)], &[i32v(3)]);
    s.expect("guest.segment_weight", &[i32v(1)], &[i32v(250)]);
    s.expect("guest.segment_to_y", &[i32v(0)], &[f32v(4.0)]);
    s.expect("guest.octets_len", &[], &[i32v(5)]);
    s.expect("guest.tag", &[], &[i32v(77)]);
    s.expect("guest.shared", &[], &[i32v(1)]);
    s.call("guest.bump", &[i32v(4242)]);
    s.expect("build.begin", &[a(REGION2), i32v(CAP)], &[i32v(1)]);
    let stored = s.i32("guest.store", &[]);
    let len3 = s.i32("build.finish", &[i32v(stored)]) as usize;
    assert_eq!(len3, len);
    assert_eq!(s.verify(REGION2, len3, SCRATCH), (0, 0));
    s.expect("Item.counter", &[a(REGION2), i32v(item0)], &[i32v(4242)]);
    let items = s.i32("Graph.items", &[a(REGION2), i32v(stored)]);
    s.expect("Items.get", &[a(REGION2), i32v(items), i32v(3)], &[i32v(item0)]);
    let octets = s.i32("Graph.octets", &[a(REGION2), i32v(stored)]);
    s.expect("Octets.get", &[a(REGION2), i32v(octets), i32v(4)], &[i32v(99)]);
    // a new object referencing loaded ones: the referenced Heavy and Item are written first
    s.expect("build.begin", &[a(REGION2), i32v(CAP)], &[i32v(1)]);
    let item = s.i32("guest.store_new_item", &[]);
    let len4 = s.i32("build.finish", &[i32v(item)]) as usize;
    s.expect("verify_with", &[a(REGION2), a(len4), a(SCRATCH), a(16), a(0)], &[i32v(0)]);
    s.expect("Item.id", &[a(REGION2), i32v(item)], &[i32v(9)]);
    let next = s.i32("Item.next", &[a(REGION2), i32v(item)]);
    s.expect("Heavy.test", &[a(REGION2), i32v(next)], &[i32v(1)]);
    s.expect("Heavy.mass", &[a(REGION2), i32v(next)], &[f64v(6.5)]);
    let nn = s.i32("Item.next", &[a(REGION2), i32v(next)]);
    s.expect("Item.counter", &[a(REGION2), i32v(nn)], &[i32v(4242)]);
    // an old Item (stored size 8: id, kind, flag): load fills in the defaults, store writes them
    let mut h = Hand::header(b"BRDG", 28);
    h.at(16).zeros(12); // three padding words: the body must be 16-aligned
    h.at(28).tag(16, 8).u32(33).u8(0).u8(0).zeros(2);
    h.at(40);
    let old = h.bytes;
    s.write(BUF, &old);
    s.expect("verify_with", &[a(BUF), a(old.len()), a(SCRATCH), a(16), a(1)], &[i32v(0)]);
    s.save("Item.load", &[a(BUF), a(28)], "old");
    s.expect("build.begin", &[a(REGION2), i32v(CAP)], &[i32v(1)]);
    let item = s.i32("Item.store", &[V::Ref("old".into())]);
    let len5 = s.i32("build.finish", &[i32v(item)]) as usize;
    s.expect("verify_with", &[a(REGION2), a(len5), a(SCRATCH), a(16), a(1)], &[i32v(0)]);
    s.expect("Item.id", &[a(REGION2), i32v(item)], &[i32v(33)]);
    s.expect("Item.small", &[a(REGION2), i32v(item)], &[i32v(-7)]);
    s.expect("Item.flag", &[a(REGION2), i32v(item)], &[i32v(0)]);
    let stored_size = s.read(REGION2 + item as usize + 2, 2);
    assert_eq!(stored_size, 56u16.to_le_bytes(), "written with its declared size");
    // a bool array element 2 at index 9 (past the 8-byte fast path) is INVALID_BOOL
    let (graph, len, _) = build_graph(&mut s, REGION);
    let flags = s.i32("Graph.flags", &[a(REGION), i32v(graph)]);
    s.write(REGION + flags as usize + 4 + 9, &[2]);
    assert_eq!(s.verify(REGION, len, SCRATCH), (13, flags + 4 + 9));
    s
}

pub fn bridge_random_mutations() -> Session {
    let path = "tests/cases/wasm-backend/bridge.wxl";
    let mut s = Session::new("bridge_random_mutations", path, 8);
    let (_, len, _) = build_graph(&mut s, REGION);
    let good = s.read(REGION, len);
    random_mutations(&mut s, path, &good, 400, 0x5EED_0003);
    s
}

// ---------------------------------------------------------------------------------------
// A GC guest builds objects of the schema's types and stores them through the bridge.

const LOGS_GUEST: &str = r#"
  (import "wxl" "Logs.store" (func $Logs.store (param (ref null $Logs)) (result i32)))
  (import "wxl" "build.begin" (func $begin (param i32 i32) (result i32)))
  (import "wxl" "build.finish" (func $finish (param i32) (result i32)))
  (data $text "-alice17/Mar/1998:13:05:59 +0300GET /index.html HTTP/1.1")
  (func $str (param $at i32) (param $len i32) (result (ref $string))
    (array.new_data $string $text (local.get $at) (local.get $len)))
  (func $log (param $identity (ref $string)) (param $userid (ref $string)) (param $code i32) (result (ref $Log))
    (struct.new $Log (i32.const 192) (i32.const 168) (i32.const 0) (i32.const 1)
      (local.get $identity) (local.get $userid)
      (call $str (i32.const 6) (i32.const 26)) (call $str (i32.const 32) (i32.const 24))
      (local.get $code) (i64.const 1234)))
  ;; the record of the hand-written buffer
  (func (export "one") (param $ptr i32) (param $cap i32) (result i32)
    (drop (call $begin (local.get $ptr) (local.get $cap)))
    (call $finish (call $Logs.store
      (struct.new $Logs (array.new_fixed $ArrayOfLog 1
        (call $log (call $str (i32.const 0) (i32.const 1)) (call $str (i32.const 1) (i32.const 5)) (i32.const 200)))))))
  ;; three records sharing one "-" string object four times, and one Log twice
  (func (export "shared") (param $ptr i32) (param $cap i32) (result i32)
    (local $dash (ref $string)) (local $log (ref $Log))
    (local.set $dash (call $str (i32.const 0) (i32.const 1)))
    (local.set $log (call $log (local.get $dash) (local.get $dash) (i32.const 404)))
    (drop (call $begin (local.get $ptr) (local.get $cap)))
    (call $finish (call $Logs.store
      (struct.new $Logs (array.new_fixed $ArrayOfLog 3
        (local.get $log)
        (call $log (local.get $dash) (call $str (i32.const 1) (i32.const 5)) (i32.const 200))
        (local.get $log))))))
"#;

pub fn logs_guest_store() -> Session {
    let mut s = Session::new("logs_guest_store", "schemas/logs.wxl", 8);
    s.add_guest(&guest_module("schemas/logs.wxl", LOGS_GUEST));
    let len = s.i32("guest.one", &[a(REGION), i32v(CAP)]) as usize;
    assert_eq!(s.read(REGION, len), logs_buffer(), "a GC Log stored is the hand-written buffer");
    let len = s.i32("guest.shared", &[a(REGION), i32v(CAP)]) as usize;
    assert_eq!(s.verify(REGION, len, SCRATCH), (0, 0));
    let r = a(REGION);
    let root = s.i32("root", std::slice::from_ref(&r));
    let logs = s.i32("Logs.logs", &[r.clone(), i32v(root)]);
    s.expect("ArrayOfLog.len", &[r.clone(), i32v(logs)], &[i32v(3)]);
    let first = s.i32("ArrayOfLog.get", &[r.clone(), i32v(logs), i32v(0)]);
    let second = s.i32("ArrayOfLog.get", &[r.clone(), i32v(logs), i32v(1)]);
    s.expect("ArrayOfLog.get", &[r.clone(), i32v(logs), i32v(2)], &[i32v(first)]);
    let dash = s.i32("Log.identity", &[r.clone(), i32v(first)]);
    s.expect("Log.userid", &[r.clone(), i32v(first)], &[i32v(dash)]);
    s.expect("Log.identity", &[r.clone(), i32v(second)], &[i32v(dash)]);
    s.expect("string.len", &[r.clone(), i32v(dash)], &[i32v(1)]);
    s.expect("Log.userid.len", &[r.clone(), i32v(second)], &[i32v(5)]);
    s.expect("Log.code", &[r.clone(), i32v(first)], &[i32v(404)]);
    s.expect("Log.code", &[r.clone(), i32v(second)], &[i32v(200)]);
    // one "-", one "alice", two dates and two requests (distinct GC objects), 2 Logs, the
    // array and the root: the shared objects were written once
    let mut objects = 0;
    let mut pos = 16;
    while pos < len {
        let tag = u32::from_le_bytes(s.read(REGION + pos, 4).try_into().unwrap());
        if tag == 0 {
            pos += 4;
            continue;
        }
        objects += 1;
        let id = tag & 0xFFFF;
        let n = (tag >> 16) as usize;
        let unit = match id {
            17 => 4,
            _ => 1,
        };
        pos = (pos + 4 + n * unit + 3) & !3;
    }
    assert_eq!(objects, 2 + 4 + 2 + 1 + 1);
    s
}

const SHAPES_GUEST: &str = r#"
  (import "wxl" "Scene.store" (func $Scene.store (param (ref null $Scene)) (result i32)))
  (import "wxl" "Shape.store" (func $Shape.store (param (ref null $Shape)) (result i32)))
  (import "wxl" "Node.store" (func $Node.store (param (ref null $Node)) (result i32)))
  (import "wxl" "build.begin" (func $begin (param i32 i32) (result i32)))
  (import "wxl" "build.finish" (func $finish (param i32) (result i32)))
  (data $text "circlepolyscene")
  (data $raw "\01\02\03")
  (func $str (param $at i32) (param $len i32) (result (ref $string))
    (array.new_data $string $text (local.get $at) (local.get $len)))
  (func (export "build") (param $ptr i32) (param $cap i32) (result i32)
    (local $circle_name (ref $string)) (local $poly_name (ref $string)) (local $title (ref $string))
    (local $circle (ref $Circle)) (local $polygon (ref $Polygon)) (local $a (ref $Node)) (local $b (ref $Node))
    (local.set $circle_name (call $str (i32.const 0) (i32.const 6)))
    (local.set $poly_name (call $str (i32.const 6) (i32.const 4)))
    (local.set $title (call $str (i32.const 10) (i32.const 5)))
    (local.set $circle (struct.new $Circle (local.get $circle_name) (i32.const 1) (i32.const 5) (f64.const 2.5)))
    (local.set $polygon (struct.new $Polygon (local.get $poly_name) (i32.const 0) (i32.const 7)
      (array.new_fixed $ArrayOfF32 4 (f32.const 0) (f32.const 0) (f32.const 1) (f32.const 0.5))))
    (local.set $a (struct.new $Node (local.get $circle) (ref.null $Children) (i32.const 1) (i32.const 100) (ref.i31 (i32.const 42))))
    (local.set $b (struct.new $Node (local.get $polygon) (ref.null $Children) (i32.const 0) (i32.const 7) (local.get $poly_name)))
    (drop (call $begin (local.get $ptr) (local.get $cap)))
    (call $finish (call $Scene.store
      (struct.new $Scene
        (local.get $title)
        (struct.new $Node (ref.null $Shape) (array.new_fixed $Children 2 (local.get $a) (local.get $b))
          (i32.const 1) (i32.const 0) (ref.null any))
        (array.new_data $bytes $raw (i32.const 0) (i32.const 3))
        (i64.const 99)
        (array.new_fixed $ArrayOfString 2 (local.get $circle_name) (local.get $title))))))
  ;; GC fields hold any i8: an undeclared Fill fails the build, a bool 5 is written as 1
  (func (export "bad_fill") (param $ptr i32) (param $cap i32) (result i32)
    (drop (call $begin (local.get $ptr) (local.get $cap)))
    (call $finish (call $Shape.store
      (struct.new $Circle (call $str (i32.const 0) (i32.const 6)) (i32.const 9) (i32.const 0) (f64.const 1)))))
  (func (export "visible_5") (param $ptr i32) (param $cap i32) (result i32)
    (drop (call $begin (local.get $ptr) (local.get $cap)))
    (call $finish (call $Node.store
      (struct.new $Node (ref.null $Shape) (ref.null $Children) (i32.const 5) (i32.const 3) (ref.null any)))))
"#;

pub fn shapes_guest_store() -> Session {
    let mut s = Session::new("shapes_guest_store", "schemas/shapes.wxl", 8);
    s.add_guest(&guest_module("schemas/shapes.wxl", SHAPES_GUEST));
    let len = s.i32("guest.build", &[a(REGION), i32v(CAP)]) as usize;
    assert_eq!(s.verify(REGION, len, SCRATCH), (0, 0));
    let r = a(REGION);
    let scene = s.i32("root", std::slice::from_ref(&r));
    s.expect("Scene.frame", &[r.clone(), i32v(scene)], &[V::I64(99)]);
    let title = s.i32("Scene.title", &[r.clone(), i32v(scene)]);
    let ptr = s.i32("string.ptr", &[r.clone(), i32v(title)]) as usize;
    assert_eq!(s.read(ptr, 5), b"scene");
    let thumbnail = s.i32("Scene.thumbnail", &[r.clone(), i32v(scene)]);
    s.expect("bytes.test", &[r.clone(), i32v(thumbnail)], &[i32v(1)]);
    let tags = s.i32("Scene.tags", &[r.clone(), i32v(scene)]);
    s.expect("ArrayOfString.get", &[r.clone(), i32v(tags), i32v(1)], &[i32v(title)]);
    let root = s.i32("Scene.root", &[r.clone(), i32v(scene)]);
    s.expect("Node.shape", &[r.clone(), i32v(root)], &[i32v(0)]);
    let children = s.i32("Node.children", &[r.clone(), i32v(root)]);
    let a_node = s.i32("Children.get", &[r.clone(), i32v(children), i32v(0)]);
    let b_node = s.i32("Children.get", &[r.clone(), i32v(children), i32v(1)]);
    // the Circle and the Polygon were written as their run-time types
    let circle = s.i32("Node.shape", &[r.clone(), i32v(a_node)]);
    s.expect("Circle.test", &[r.clone(), i32v(circle)], &[i32v(1)]);
    s.expect("Circle.radius", &[r.clone(), i32v(circle)], &[f64v(2.5)]);
    let polygon = s.i32("Node.shape", &[r.clone(), i32v(b_node)]);
    s.expect("Polygon.test", &[r.clone(), i32v(polygon)], &[i32v(1)]);
    let points = s.i32("Polygon.points", &[r.clone(), i32v(polygon)]);
    s.expect("ArrayOfF32.get", &[r.clone(), i32v(points), i32v(3)], &[f32v(0.5)]);
    s.expect("Node.user_data", &[r.clone(), i32v(a_node)], &[i32v(85)]);
    // the anyref holds the same (array i8) as the Polygon's name: written once, as a string
    let name = s.i32("Polygon.name", &[r.clone(), i32v(polygon)]);
    s.expect("Node.user_data", &[r.clone(), i32v(b_node)], &[i32v(name)]);
    s.expect("string.test", &[r.clone(), i32v(name)], &[i32v(1)]);
    s.expect("Node.layer", &[r.clone(), i32v(b_node)], &[i32v(7)]);
    // the circle's name and the first tag are one object
    let circle_name = s.i32("Shape.name", &[r.clone(), i32v(circle)]);
    s.expect("ArrayOfString.get", &[r.clone(), i32v(tags), i32v(0)], &[i32v(circle_name)]);
    // what GC fields can hold but the layout cannot
    s.expect("guest.bad_fill", &[a(REGION2), i32v(CAP)], &[i32v(0)]);
    let len = s.i32("guest.visible_5", &[a(REGION2), i32v(CAP)]) as usize;
    s.expect("verify_with", &[a(REGION2), a(len), a(SCRATCH), a(20), a(1)], &[i32v(0)]);
    s.expect("Node.visible", &[a(REGION2), a(16)], &[i32v(1)]);
    s.expect("Node.layer", &[a(REGION2), a(16)], &[i32v(3)]);
    s
}

// ---------------------------------------------------------------------------------------
// examples/wasm-guest: a guest reading buffers through the module's imports.

pub fn example_guest() -> Session {
    let mut s = Session::new("example_guest", "schemas/logs.wxl", 8);
    let guest = std::fs::read_to_string(super::workspace().join("examples/wasm-guest/guest.wat")).expect("guest.wat");
    s.add_guest(&guest);
    s.expect("build.begin", &[a(REGION), i32v(CAP)], &[i32v(1)]);
    let mut logs = Vec::new();
    for (user, code, size) in [("alice", 200, 1000), ("bob", 404, 20), ("anna", 200, 500)] {
        let dash = blob(&mut s, "string.new", b"-");
        let userid = blob(&mut s, "string.new", user.as_bytes());
        let date = blob(&mut s, "string.new", DATE.as_bytes());
        let request = blob(&mut s, "string.new", REQUEST.as_bytes());
        let args = [i32v(192), i32v(168), i32v(0), i32v(1), i32v(dash), i32v(userid), i32v(date), i32v(request), i32v(code), V::I64(size)];
        logs.push(s.i32("Log.new", &args) as u32);
    }
    let array = array_u32(&mut s, "ArrayOfLog.new", &logs);
    let root = s.i32("Logs.new", &[i32v(array)]);
    let len = s.i32("build.finish", &[i32v(root)]) as usize;
    s.expect("guest.bytes_with_code", &[a(REGION), a(len), a(SCRATCH), i32v(200)], &[V::I64(1500)]);
    s.expect("guest.bytes_with_code", &[a(REGION), a(len), a(SCRATCH), i32v(404)], &[V::I64(20)]);
    s.expect("guest.users_starting_with", &[a(REGION), i32v(i32::from(b'a'))], &[i32v(2)]);
    // a corrupted buffer: the guest gets the verifier's code
    s.write(REGION + 12, &0u32.to_le_bytes());
    s.expect("guest.bytes_with_code", &[a(REGION), a(len), a(SCRATCH), i32v(200)], &[V::I64(-21)]);
    s
}
