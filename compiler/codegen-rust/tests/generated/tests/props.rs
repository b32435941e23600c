//! Property tests through the generated code of `everything.wxl` (one field of every kind).

use proptest::prelude::*;
use wxl_codegen_rust_tests::everything as e;
use wxl_codegen_rust_tests::harness;
use wxl_codegen_rust_tests::random::{self, Rng};
use wxl_runtime::Builder;

fn pack(value: &e::EverythingT) -> Vec<u8> {
    let mut builder = Builder::new();
    let root = value.pack(&mut builder);
    e::finish(&mut builder, root).to_vec()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random values built with the `Args` builders read back the same through the views, and
    /// the object API writes the very same bytes.
    #[test]
    fn random_values_round_trip(seed in any::<u64>()) {
        let value = random::everything(&mut Rng::new(seed));
        let mut builder = Builder::new();
        let root = random::build_everything(&mut builder, &value);
        let buf = e::finish(&mut builder, root).to_vec();
        prop_assert_eq!(&pack(&value), &buf);

        let view = e::root(&buf).expect("a built buffer verifies");
        prop_assert_eq!(view.u_64(), value.u_64);
        prop_assert_eq!(view.i_8(), value.i_8);
        prop_assert_eq!(view.f_32().to_bits(), value.f_32.to_bits());
        prop_assert_eq!(view.f_64().to_bits(), value.f_64.to_bits());
        prop_assert_eq!(view.vector(), value.vector);
        prop_assert_eq!((view.color(), view.signed(), view.code(), view.wide()), (value.color, value.signed, value.code, value.wide));
        prop_assert_eq!(view.tagged().label(), &*value.tagged.label);
        prop_assert_eq!(view.tagged().pair().b(), value.tagged.pair.b);
        prop_assert_eq!(view.maybe_text(), value.maybe_text.as_deref());
        prop_assert_eq!(view.blob(), &*value.blob);
        prop_assert_eq!(view.leaf().value(), value.leaf.value);
        prop_assert_eq!(view.small().i31_signed(), value.small);
        prop_assert_eq!(view.texts().iter().collect::<Vec<_>>(), value.texts.iter().map(|t| &**t).collect::<Vec<_>>());
        prop_assert_eq!(view.colors().iter().collect::<Vec<_>>(), value.colors.to_vec());
        prop_assert_eq!(view.octets().as_slice(), Some(&*value.octets));
        prop_assert_eq!(view.grid().iter().map(|row| row.iter().collect()).collect::<Vec<Vec<i32>>>(),
            value.grid.iter().map(|row| row.to_vec()).collect::<Vec<_>>());

        // Unpacking gives the value back (bit for bit: packing it again gives the same bytes).
        let unpacked = e::EverythingT::unpack(view);
        prop_assert_eq!(pack(&unpacked), buf);
    }

    /// Random byte edits of a valid buffer: rejected, or read through every accessor.
    #[test]
    fn edited_buffers_are_rejected_or_read(seed in any::<u64>(), edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)) {
        let value = random::everything(&mut Rng::new(seed));
        let mut buf = pack(&value);
        for (at, byte) in edits {
            let at = at.index(buf.len());
            buf[at] = byte;
        }
        harness::check(&buf);
    }
}
