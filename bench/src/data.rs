//! The datasets, generated deterministically from a fixed seed with the field distributions of
//! rust_serialization_benchmark's generators (see shared/ANCHORS.md): every contender
//! serializes these same values.
//!
//! The types derive rkyv's traits because rkyv serializes Rust values directly; the other
//! formats build their buffers from them field by field.

/// PCG32 (XSH RR), the generator the benchmark uses through rand_pcg: tiny, fast, and stable
/// across versions of anything, so the datasets never change under us.
#[derive(Clone, Debug)]
pub struct Pcg32 {
    state: u64,
}

impl Pcg32 {
    const MULTIPLIER: u64 = 6_364_136_223_846_793_005;
    const INCREMENT: u64 = 1_442_695_040_888_963_407;

    pub fn new(seed: u64) -> Pcg32 {
        let mut rng = Pcg32 { state: 0 };
        rng.next_u32();
        rng.state = rng.state.wrapping_add(seed);
        rng.next_u32();
        rng
    }

    pub fn next_u32(&mut self) -> u32 {
        let old = self.state;
        self.state = old.wrapping_mul(Self::MULTIPLIER).wrapping_add(Self::INCREMENT);
        let xorshifted = (((old >> 18) ^ old) >> 27) as u32;
        xorshifted.rotate_right((old >> 59) as u32)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is below 2^-32 * n, irrelevant here).
    pub fn below(&mut self, n: u64) -> u64 {
        let wide = (u64::from(self.next_u32()) << 32) | u64::from(self.next_u32());
        ((u128::from(wide) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }

    /// Uniform in `[0, 1)` with 24 random bits, as `rand`'s `gen::<f32>()`.
    pub fn unit_f32(&mut self) -> f32 {
        (self.next_u32() >> 8) as f32 * (1.0 / (1u32 << 24) as f32)
    }

    pub fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// The seed of every dataset.
pub const SEED: u64 = 0x7778_6c20_6265_6e63;
/// The benchmark's sizes.
pub const LOG_RECORDS: usize = 10_000;
pub const MESH_TRIANGLES: usize = 125_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, rkyv::Archive, rkyv::Serialize)]
pub struct Address {
    pub x0: u8,
    pub x1: u8,
    pub x2: u8,
    pub x3: u8,
}

#[derive(Clone, Debug, PartialEq, Eq, rkyv::Archive, rkyv::Serialize)]
pub struct Log {
    pub address: Address,
    pub identity: String,
    pub userid: String,
    pub date: String,
    pub request: String,
    pub code: u16,
    pub size: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, rkyv::Archive, rkyv::Serialize)]
pub struct Logs {
    pub logs: Vec<Log>,
}

const USERIDS: [&str; 9] = ["-", "alice", "bob", "carmen", "david", "eric", "frank", "george", "harry"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const METHODS: [&str; 5] = ["GET", "POST", "PUT", "UPDATE", "DELETE"];
const ROUTES: [&str; 7] = [
    "/favicon.ico",
    "/css/index.css",
    "/css/font-awsome.min.css",
    "/img/logo-full.svg",
    "/img/splash.jpg",
    "/api/login",
    "/api/logout",
];
const PROTOCOLS: [&str; 4] = ["HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/3"];
/// The HTTP status codes the benchmark draws from (every registered code).
const CODES: [u16; 63] = [
    100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306,
    307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
    421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
];

fn timezone(rng: &mut Pcg32) -> String {
    // -1200 ..= +1200 in whole hours, as the benchmark's 25 zones.
    let hours = rng.below(25) as i64 - 12;
    format!("{}{:02}00", if hours < 0 { '-' } else { '+' }, hours.abs())
}

fn log(rng: &mut Pcg32) -> Log {
    let date = format!(
        "{}/{}/{}:{}:{}:{} {}",
        rng.range(1, 28),
        rng.pick(&MONTHS),
        rng.range(1970, 2021),
        rng.below(24),
        rng.below(60),
        rng.below(60),
        timezone(rng),
    );
    let request = format!("{} {} {}", rng.pick(&METHODS), rng.pick(&ROUTES), rng.pick(&PROTOCOLS));
    let address = Address {
        x0: rng.below(256) as u8,
        x1: rng.below(256) as u8,
        x2: rng.below(256) as u8,
        x3: rng.below(256) as u8,
    };
    Log {
        address,
        identity: "-".into(),
        userid: rng.pick(&USERIDS).to_string(),
        date,
        request,
        code: *rng.pick(&CODES),
        size: rng.below(100_000_000),
    }
}

/// `n` log records (the benchmark uses 10,000).
pub fn logs(n: usize) -> Logs {
    let mut rng = Pcg32::new(SEED);
    Logs { logs: (0..n).map(|_| log(&mut rng)).collect() }
}

/// `#[repr(C)]` with only f32 fields: 12 bytes, the layout of every format's Vector3.
#[derive(Clone, Copy, Debug, PartialEq, rkyv::Archive, rkyv::Serialize)]
#[repr(C)]
pub struct Vector3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

/// 48 bytes, no padding: the payload of one triangle.
#[derive(Clone, Copy, Debug, PartialEq, rkyv::Archive, rkyv::Serialize)]
#[repr(C)]
pub struct Triangle {
    pub v0: Vector3,
    pub v1: Vector3,
    pub v2: Vector3,
    pub normal: Vector3,
}

#[derive(Clone, Debug, PartialEq, rkyv::Archive, rkyv::Serialize)]
pub struct Mesh {
    pub triangles: Vec<Triangle>,
}

impl Mesh {
    /// The payload: every triangle's 12 floats, in memory order (little-endian on the targets
    /// this bench runs on, which is also every format's byte order).
    pub fn payload(&self) -> &[u8] {
        // SAFETY: Triangle is repr(C) of 12 f32 with no padding (48 bytes, checked below), so
        // its memory is fully initialized bytes; u8 has alignment 1; the borrow is carried over.
        const _: () = assert!(size_of::<Triangle>() == 48);
        unsafe { core::slice::from_raw_parts(self.triangles.as_ptr().cast::<u8>(), self.triangles.len() * 48) }
    }
}

fn vector(rng: &mut Pcg32) -> Vector3 {
    Vector3 { x: rng.unit_f32(), y: rng.unit_f32(), z: rng.unit_f32() }
}

/// `n` triangles (the benchmark uses 125,000) with coordinates uniform in [0, 1).
pub fn mesh(n: usize) -> Mesh {
    let mut rng = Pcg32::new(SEED ^ 1);
    let triangles = (0..n)
        .map(|_| Triangle { v0: vector(&mut rng), v1: vector(&mut rng), v2: vector(&mut rng), normal: vector(&mut rng) })
        .collect();
    Mesh { triangles }
}
