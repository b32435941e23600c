//! Rows to text: offset, up to 8 bytes of hex, label; the verifier's error marked under its
//! byte.

use std::fmt::Write;

use super::Row;

const PER_LINE: usize = 8;

pub(super) fn render(buf: &[u8], rows: &[Row], error: Option<wxl_runtime::Error>) -> String {
    let width = buf.len().to_string().len().max(6);
    let mut out = String::new();
    let _ = writeln!(out, "{:>width$}  {:<hex$} meaning", "offset", "bytes", hex = PER_LINE * 3 - 1);
    let mut marked = false;
    for row in rows {
        let bytes = buf.get(row.start..row.start + row.len).unwrap_or_default();
        for (k, chunk) in bytes.chunks(PER_LINE).enumerate() {
            let start = row.start + k * PER_LINE;
            let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
            let label = if k == 0 { row.label.as_str() } else { "" };
            let line = format!("{start:>width$}  {:<hex$} {label}", hex.join(" "), hex = PER_LINE * 3 - 1);
            out.push_str(line.trim_end());
            out.push('\n');
            if let Some(e) = error.filter(|e| !marked && (start..start + chunk.len()).contains(&(e.offset as usize))) {
                let column = width + 2 + 3 * (e.offset as usize - start);
                let _ = writeln!(
                    out,
                    "{}^^ {} at offset {}: the verifier stops here",
                    " ".repeat(column),
                    e.kind,
                    e.offset
                );
                marked = true;
            }
        }
    }
    out.push('\n');
    match error {
        None => out.push_str("verdict: valid\n"),
        Some(e) => {
            let _ = writeln!(out, "verdict: invalid: {} at offset {}", e.kind, e.offset);
        }
    }
    out
}
