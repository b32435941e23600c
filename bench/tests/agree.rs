//! Every contender reads the same values from its own buffer, checked and unchecked, and every
//! verifier accepts what its writer wrote: so no row of the results wins by skipping work.
//! Smaller datasets than the bench (same generators) keep this fast in debug builds.

use wxl_bench::data::{self, Logs, Mesh};
use wxl_bench::format::{Aligned, Dataset, Format};
use wxl_bench::peers::{capnp::Capnp, flatbuffers::FlatBuffers, memcpy::Memcpy, planus::Planus, rkyv::Rkyv};
use wxl_bench::wxl::{c::WxlC, rust::Wxl};

fn agrees<D: Dataset, F: Format<D>>(data: &D) {
    let expected = data.expected();
    let mut f = F::new();
    // Twice: the second run reuses the writer's buffers, as the bench does.
    let first = f.serialize(data).to_vec();
    let bytes = Aligned::new(f.serialize(data));
    assert_eq!(first, bytes.bytes(), "{}: a reused writer writes other bytes", F::NAME);
    let bytes = bytes.bytes();
    if let Some(valid) = f.verify(bytes) {
        assert!(valid, "{}: its verifier rejects its own {} buffer", F::NAME, D::NAME);
    }
    // SAFETY: `bytes` is what `serialize` wrote.
    if let Some(sum) = unsafe { f.read_unvalidated(bytes) } {
        assert_eq!(sum, expected, "{}: unvalidated {} read", F::NAME, D::NAME);
    }
    assert_eq!(f.read_validated(bytes), Some(expected), "{}: validated {} read", F::NAME, D::NAME);
}

fn all_formats<D: Dataset>(data: &D)
where
    Wxl: Format<D>,
    WxlC: Format<D>,
    FlatBuffers: Format<D>,
    Planus: Format<D>,
    Capnp: Format<D>,
    Rkyv: Format<D>,
{
    agrees::<D, Wxl>(data);
    agrees::<D, WxlC>(data);
    agrees::<D, FlatBuffers>(data);
    agrees::<D, Planus>(data);
    agrees::<D, Capnp>(data);
    agrees::<D, Rkyv>(data);
}

#[test]
fn log_reads_agree() {
    let logs: Logs = data::logs(500);
    all_formats(&logs);
}

#[test]
fn mesh_reads_agree() {
    let mesh: Mesh = data::mesh(2_000);
    all_formats(&mesh);
    agrees::<Mesh, Memcpy>(&mesh);
}

#[test]
fn datasets_follow_the_benchmark() {
    let logs = data::logs(2_000);
    let fields: usize = logs.logs.iter().map(|l| 4 + l.identity.len() + l.userid.len() + l.date.len() + l.request.len() + 2 + 8).sum();
    // The benchmark's log records carry about 72.6 bytes of payload each.
    let per_record = fields as f64 / logs.logs.len() as f64;
    assert!((66.0..80.0).contains(&per_record), "{per_record} payload bytes per record");
    assert!(logs.logs.iter().all(|l| l.identity == "-" && l.size < 100_000_000 && (100..600).contains(&l.code)));
    let mesh = data::mesh(1_000);
    assert_eq!(mesh.payload().len(), 48_000);
    assert!(mesh.triangles.iter().all(|t| (0.0..1.0).contains(&t.normal.x)));
    // Deterministic: the same seed gives the same data.
    assert_eq!(data::logs(50), data::logs(50));
}

#[test]
fn generated_schemas_check() {
    for n in [1, 2, 7, 8, 9, 100] {
        let text = wxl_bench::schemagen::schema(n);
        let schema = wxl_bench::schemagen::check(&text);
        let declared = schema.types.iter().filter(|t| t.declared).count() + schema.enums.len() + schema.value_structs.len();
        assert!(declared >= n, "{n} types asked, {declared} declared:\n{text}");
        assert!(wxl_bench::schemagen::build_rust(&text) > 0);
    }
}
