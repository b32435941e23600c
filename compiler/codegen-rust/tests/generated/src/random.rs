//! Random values of `everything.wxl` (one field of every kind), and a builder that writes them
//! through the generated `Args` in the order the object API's `pack` does, so both can be
//! compared byte for byte.

use std::rc::Rc;

use wxl_runtime::{AnyArg, Builder, Ref};

use crate::everything as e;

/// xorshift64*: small, seedable, good enough to pick test values.
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence depends only on `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// True once in `one_in` times, on average.
    pub fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }

    fn bits<T>(&mut self, from: impl Fn(u64) -> T) -> T {
        from(self.next_u64())
    }

    fn text(&mut self) -> Rc<str> {
        const PIECES: &[&str] = &["", "a", "wxl", "ünï", "日本", "🦀", " ", "long text "];
        let count = self.below(4);
        (0..count).map(|_| PIECES[self.below(PIECES.len() as u64) as usize]).collect::<String>().into()
    }

    fn data(&mut self) -> Rc<[u8]> {
        (0..self.below(9)).map(|_| self.next_u64() as u8).collect()
    }

    fn list<T>(&mut self, mut item: impl FnMut(&mut Rng) -> T) -> Rc<[T]> {
        (0..self.below(5)).map(|_| item(self)).collect()
    }

    fn maybe<T>(&mut self, item: impl FnOnce(&mut Rng) -> T) -> Option<T> {
        (!self.chance(3)).then(|| item(self))
    }

    /// An i31 value (31-bit signed).
    fn i31(&mut self) -> i32 {
        ((self.next_u64() as u32) << 1) as i32 >> 1
    }
}

fn color(rng: &mut Rng) -> e::Color {
    [e::Color::Red, e::Color::Green, e::Color::Blue][rng.below(3) as usize]
}

fn pair(rng: &mut Rng) -> e::PairT {
    e::PairT { a: rng.bits(|v| v as u8), b: rng.bits(|v| v as u32) }
}

fn tagged(rng: &mut Rng) -> e::TaggedT {
    e::TaggedT { label: rng.text(), pair: pair(rng), flag: rng.chance(2) }
}

fn leaf(rng: &mut Rng) -> Rc<e::LeafT> {
    Rc::new(e::LeafT { value: rng.bits(|v| v as i64) })
}

/// What an abstract reference slot accepts.
#[derive(Clone, Copy)]
enum Slot {
    /// `anyref`, `eqref`: i31 values and any object.
    Any,
    /// `structref`: struct objects.
    Struct,
    /// `arrayref`: arrays, strings and byte strings.
    Array,
}

fn any(rng: &mut Rng, slot: Slot) -> e::AnyT {
    let choice = match slot {
        Slot::Any => rng.below(5),
        Slot::Struct => 1,
        Slot::Array => 2 + rng.below(3),
    };
    match choice {
        0 => e::AnyT::I31(rng.i31()),
        1 => e::AnyT::Leaf(leaf(rng)),
        2 => e::AnyT::String(rng.text()),
        3 => e::AnyT::Bytes(rng.data()),
        _ => e::AnyT::ArrayOfF64(rng.list(|r| r.bits(f64::from_bits))),
    }
}

/// A random `Everything`: every field of every kind, each picked independently.
pub fn everything(rng: &mut Rng) -> e::EverythingT {
    e::EverythingT {
        flag: rng.chance(2),
        u_8: rng.bits(|v| v as u8),
        i_8: rng.bits(|v| v as i8),
        u_16: rng.bits(|v| v as u16),
        i_16: rng.bits(|v| v as i16),
        u_32: rng.bits(|v| v as u32),
        i_32: rng.bits(|v| v as i32),
        u_64: rng.next_u64(),
        i_64: rng.bits(|v| v as i64),
        f_32: rng.bits(|v| f32::from_bits(v as u32)),
        f_64: rng.bits(f64::from_bits),
        vector: rng.bits(|v| u128::from(v) << 64 | u128::from(v.rotate_left(7))),
        color: color(rng),
        signed: [e::Signed::Minus, e::Signed::Zero, e::Signed::Plus][rng.below(3) as usize],
        code: e::Code(rng.bits(|v| v as u32)),
        wide: e::Wide(rng.next_u64()),
        pair: pair(rng),
        tagged: tagged(rng),
        text: rng.text(),
        maybe_text: rng.maybe(Rng::text),
        blob: rng.data(),
        maybe_blob: rng.maybe(Rng::data),
        leaf: leaf(rng),
        maybe_leaf: rng.maybe(leaf),
        any_ref: rng.maybe(|r| any(r, Slot::Any)),
        eq_ref: rng.maybe(|r| any(r, Slot::Any)),
        small: rng.maybe(Rng::i31),
        some_struct: rng.maybe(|r| any(r, Slot::Struct)),
        some_array: rng.maybe(|r| any(r, Slot::Array)),
        nothing: None,
        numbers: rng.list(|r| r.bits(f64::from_bits)),
        flags: rng.list(|r| r.chance(2)),
        colors: rng.list(color),
        codes: rng.list(|r| e::Code(r.bits(|v| v as u32 % 500))),
        pairs: rng.list(pair),
        tags: rng.list(tagged),
        texts: rng.list(Rng::text),
        maybe_texts: rng.list(|r| r.maybe(Rng::text)),
        blobs: rng.list(Rng::data),
        leaves: rng.list(leaf),
        maybe_leaves: rng.list(|r| r.maybe(leaf)),
        grid: rng.list(|r| r.list(|r| r.bits(|v| v as i32))),
        anys: rng.list(|r| r.maybe(|r| any(r, Slot::Any))),
        smalls: rng.list(|r| r.maybe(Rng::i31)),
        vectors: rng.list(|r| u128::from(r.next_u64())),
        octets: rng.list(|r| r.bits(|v| v as u8)),
        signed_octets: rng.list(|r| r.bits(|v| v as i8)),
        counter: rng.next_u64(),
        ratio: rng.bits(|v| f32::from_bits(v as u32)),
        mode: color(rng),
        on: rng.chance(2),
    }
}

/// Writes `value` with the generated builders (`Args` and arrays' `build`), children in the
/// order the object API's `pack` writes them.
pub fn build_everything(b: &mut Builder, value: &e::EverythingT) -> Ref<e::Everything<'static>> {
    let tagged = tagged_args(b, &value.tagged);
    let text = b.string(&value.text);
    let maybe_text = value.maybe_text.as_ref().map(|t| b.string(t));
    let blob = b.bytes(&value.blob);
    let maybe_blob = value.maybe_blob.as_ref().map(|d| b.bytes(d));
    let leaf = leaf_ref(b, &value.leaf);
    let maybe_leaf = value.maybe_leaf.as_ref().map(|l| leaf_ref(b, l));
    let any_ref = value.any_ref.as_ref().map(|a| any_arg(b, a));
    let eq_ref = value.eq_ref.as_ref().map(|a| any_arg(b, a));
    let some_struct = value.some_struct.as_ref().map(|a| object(b, a).cast());
    let some_array = value.some_array.as_ref().map(|a| object(b, a).cast());
    let numbers = e::ArrayOfF64::build(b, &value.numbers);
    let flags = e::ArrayOfBool::build(b, &value.flags);
    let colors = e::ArrayOfColor::build(b, &value.colors);
    let codes = e::ArrayOfCode::build(b, &value.codes);
    let pairs: Vec<_> = value.pairs.iter().map(pair_args).collect();
    let pairs = e::ArrayOfPair::build(b, &pairs);
    let tags: Vec<_> = value.tags.iter().map(|t| tagged_args(b, t)).collect();
    let tags = e::ArrayOfTagged::build(b, &tags);
    let texts: Vec<_> = value.texts.iter().map(|t| b.string(t)).collect();
    let texts = e::ArrayOfString::build(b, &texts);
    let maybe_texts: Vec<_> = value.maybe_texts.iter().map(|t| t.as_ref().map(|t| b.string(t))).collect();
    let maybe_texts = e::ArrayOfNullableString::build(b, &maybe_texts);
    let blobs: Vec<_> = value.blobs.iter().map(|d| b.bytes(d)).collect();
    let blobs = e::ArrayOfBytes::build(b, &blobs);
    let leaves: Vec<_> = value.leaves.iter().map(|l| leaf_ref(b, l)).collect();
    let leaves = e::ArrayOfLeaf::build(b, &leaves);
    let maybe_leaves: Vec<_> = value.maybe_leaves.iter().map(|l| l.as_ref().map(|l| leaf_ref(b, l))).collect();
    let maybe_leaves = e::ArrayOfNullableLeaf::build(b, &maybe_leaves);
    let grid: Vec<_> = value.grid.iter().map(|row| e::ArrayOfI32::build(b, row)).collect();
    let grid = e::ArrayOfArrayOfI32::build(b, &grid);
    let anys: Vec<_> = value.anys.iter().map(|a| a.as_ref().map(|a| any_arg(b, a))).collect();
    let anys = e::ArrayOfNullableAnyRef::build(b, &anys);
    let smalls = e::ArrayOfNullableI31Ref::build(b, &value.smalls);
    let vectors = e::ArrayOfV128::build(b, &value.vectors);
    let octets = e::ArrayOfU8::build(b, &value.octets);
    let signed_octets = e::ArrayOfI8::build(b, &value.signed_octets);
    e::EverythingArgs {
        flag: value.flag,
        u_8: value.u_8,
        i_8: value.i_8,
        u_16: value.u_16,
        i_16: value.i_16,
        u_32: value.u_32,
        i_32: value.i_32,
        u_64: value.u_64,
        i_64: value.i_64,
        f_32: value.f_32,
        f_64: value.f_64,
        vector: value.vector,
        color: value.color,
        signed: value.signed,
        code: value.code,
        wide: value.wide,
        pair: pair_args(&value.pair),
        tagged,
        text,
        maybe_text,
        blob,
        maybe_blob,
        leaf,
        maybe_leaf,
        any_ref,
        eq_ref,
        small: value.small,
        some_struct,
        some_array,
        nothing: None,
        numbers,
        flags,
        colors,
        codes,
        pairs,
        tags,
        texts,
        maybe_texts,
        blobs,
        leaves,
        maybe_leaves,
        grid,
        anys,
        smalls,
        vectors,
        octets,
        signed_octets,
        counter: value.counter,
        ratio: value.ratio,
        mode: value.mode,
        on: value.on,
    }
    .build(b)
}

fn pair_args(pair: &e::PairT) -> e::PairArgs {
    e::PairArgs { a: pair.a, b: pair.b }
}

fn tagged_args(b: &mut Builder, tagged: &e::TaggedT) -> e::TaggedArgs {
    e::TaggedArgs { label: b.string(&tagged.label), pair: pair_args(&tagged.pair), flag: tagged.flag }
}

fn leaf_ref(b: &mut Builder, leaf: &e::LeafT) -> Ref<e::Leaf<'static>> {
    e::LeafArgs { value: leaf.value }.build(b)
}

fn any_arg(b: &mut Builder, value: &e::AnyT) -> AnyArg {
    match value {
        e::AnyT::I31(v) => AnyArg::I31(*v),
        other => AnyArg::Object(object(b, other)),
    }
}

/// The object of an `AnyT` built by `random` (leaves, strings, byte strings, `[f64]`).
fn object(b: &mut Builder, value: &e::AnyT) -> Ref {
    match value {
        e::AnyT::String(text) => b.string(text).cast(),
        e::AnyT::Bytes(data) => b.bytes(data).cast(),
        e::AnyT::Leaf(leaf) => leaf_ref(b, leaf).cast(),
        e::AnyT::ArrayOfF64(numbers) => e::ArrayOfF64::build(b, numbers).cast(),
        other => panic!("`random` makes no {other:?}"),
    }
}
