//! wxl end to end from `build.rs`: the example schemas' generated modules, included from
//! `$OUT_DIR` (see build.rs), and a small program over the `logs` schema (`main.rs`).

wxl_runtime::include_schema!("logs");
wxl_runtime::include_schema!("mesh");
wxl_runtime::include_schema!("shapes");

use wxl_runtime::Builder;

/// One log record, as the application holds it.
pub struct Request<'t> {
    pub address: [u8; 4],
    pub user: &'t str,
    pub request: &'t str,
    pub code: u16,
    pub size: u64,
}

/// Builds a `Logs` buffer: children first (strings, then each `Log`, then the array), the root
/// last. Repeated texts are written once (`shared_string`).
pub fn write_logs(builder: &mut Builder, requests: &[Request<'_>]) -> Vec<u8> {
    builder.clear();
    let records: Vec<_> = requests
        .iter()
        .map(|r| {
            let [x0, x1, x2, x3] = r.address;
            logs::LogArgs {
                address: logs::AddressArgs { x0, x1, x2, x3 },
                identity: builder.shared_string("-"),
                userid: builder.shared_string(r.user),
                date: builder.shared_string("17/Mar/1998:13:05:59 +0300"),
                request: builder.string(r.request),
                code: r.code,
                size: r.size,
            }
            .build(builder)
        })
        .collect();
    let array = logs::ArrayOfLog::build(builder, &records);
    let root = logs::LogsArgs { logs: array }.build(builder);
    logs::finish(builder, root).to_vec()
}

/// What `main` prints: requests, bytes sent, and the failed requests.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    pub requests: usize,
    pub bytes: u64,
    pub errors: Vec<String>,
}

/// Verifies `buf` (untrusted input) and reads it in place.
pub fn summarize(buf: &[u8]) -> Result<Summary, wxl_runtime::Error> {
    let root = logs::root(buf)?;
    let mut summary = Summary { requests: root.logs().len(), bytes: 0, errors: Vec::new() };
    for log in root.logs() {
        summary.bytes += log.size();
        if log.code() >= 400 {
            let a = log.address();
            summary.errors.push(format!("{}.{}.{}.{} {} {}", a.x0(), a.x1(), a.x2(), a.x3(), log.code(), log.request()));
        }
    }
    Ok(summary)
}
