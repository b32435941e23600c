//! `names.wxl`: names Rust does not take as written, defaults of every kind, empty types.

use wxl_codegen_rust_tests::names as n;
use wxl_runtime::{Builder, Ref};

/// A `T` object whose stored size is 0: every field reads as its default.
fn empty_object<T>(type_id: u16) -> Vec<u8> {
    let mut b = Builder::new();
    let object: Ref<T> = b.begin_struct(type_id, 8, 0).end();
    n::finish(&mut b, object).to_vec()
}

/// The schema's `pi: f64 = 3.14159` (clippy takes the literal for a sloppy `PI`).
fn schema_pi() -> f64 {
    "3.14159".parse().expect("a float")
}

fn root<'a, T: wxl_runtime::FromObject<'a>>(buf: &'a [u8]) -> T {
    let verified = n::verify(buf).expect("verifies");
    T::from_object(verified.root()).expect("the root's type")
}

#[test]
fn absent_fields_read_as_the_schema_defaults() {
    let buf = empty_object::<n::Defaults<'static>>(n::Defaults::TYPE_ID);
    let d: n::Defaults<'_> = root(&buf);
    assert_eq!(d.pi(), schema_pi());
    assert_eq!(d.small(), 0.1f32);
    assert_eq!((d.neg_(), d.big(), d.min()), (-128, u64::MAX, i64::MIN));
    assert_eq!((d.inf(), d.ninf()), (f64::INFINITY, f64::NEG_INFINITY));
    assert!(d.nan().is_nan());
    assert!(d.yes());
    assert_eq!((d.method(), d.status()), (n::Method::POST, n::HttpStatus::NotFound));
    // Zero is not a value of `lower_open`: its first variant is the default.
    assert_eq!(d.open_value(), n::LowerOpen::FIRST_VALUE);
    assert_eq!(n::LowerOpen::default(), n::LowerOpen::FIRST_VALUE);
}

#[test]
fn builder_and_owned_defaults_are_the_schemas() {
    let args = n::DefaultsArgs::default();
    assert_eq!((args.pi, args.neg_, args.method, args.open_value), (schema_pi(), -128, n::Method::POST, n::LowerOpen::FIRST_VALUE));
    let owned = n::DefaultsT::default();
    assert_eq!((owned.big, owned.yes, owned.status), (u64::MAX, true, n::HttpStatus::NotFound));
    let mut b = Builder::new();
    let made = args.build(&mut b);
    let buf = n::finish(&mut b, made).to_vec();
    let unpacked = n::DefaultsT::unpack(root(&buf));
    assert_eq!(unpacked.min, i64::MIN);
    assert_eq!(unpacked.small, 0.1);
}

#[test]
fn renamed_items_keep_their_meaning() {
    let mut b = Builder::new();
    let log = n::LogArgs2 { r#type: 1, r#match: 2, self_2: 3, user_id: 4 }.build(&mut b);
    let buf = n::finish(&mut b, log).to_vec();
    let log: n::Log<'_> = root(&buf);
    assert_eq!((log.r#type(), log.r#match(), log.self_2(), log.user_id()), (1, 2, 3, 4));
    // `Option` takes its package's name; `LogArgs` keeps its own, `Log`'s builder moves aside.
    assert_eq!(n::NamesOption::TYPE_ID, 16);
    assert_eq!(n::LogArgs::TYPE_ID, 18);
    assert_eq!(format!("{:?}", n::LowerOpen(9)), "LowerOpen(9)");
    assert_eq!(format!("{:?}", n::LowerOpen::SECOND_VALUE), "second_value");
}

#[test]
#[allow(deprecated, reason = "checks the deprecated variant")]
fn enums_convert_from_and_to_raw_values() {
    assert_eq!(n::Method::try_from(2), Ok(n::Method::PUT));
    assert_eq!(n::Method::try_from(3), Err(3));
    assert_eq!(u16::from(n::HttpStatus::NotFound), 404);
    assert_eq!(n::HttpStatus::from_raw(200), Some(n::HttpStatus::Ok));
}

#[test]
fn empty_types_build_and_read() {
    let mut b = Builder::new();
    let empty = n::EmptyArgs {}.build(&mut b);
    let holder = n::HasEmptyArgs { nothing: n::NothingArgs {}, empty, old: 5, method: n::Method::GET }.build(&mut b);
    let buf = n::finish(&mut b, holder).to_vec();
    let holder: n::HasEmpty<'_> = root(&buf);
    #[allow(deprecated, reason = "reads the deprecated field")]
    let old = holder.old();
    assert_eq!((old, holder.method()), (5, n::Method::GET));
    assert_eq!(format!("{:?}", holder.empty()), "Empty");
    let owned = n::HasEmptyT::unpack(holder);
    assert_eq!(*owned.empty, n::EmptyT {});
}
