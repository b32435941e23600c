//! A line writer for WAT text: two spaces per level, one form or comment per line.

pub(crate) struct Out {
    pub text: String,
}

impl Out {
    pub fn new() -> Out {
        Out { text: String::new() }
    }

    /// One line at `depth` levels (the module's fields are at depth 1).
    pub fn line(&mut self, depth: usize, line: impl AsRef<str>) {
        for _ in 0..depth {
            self.text.push_str("  ");
        }
        self.text.push_str(line.as_ref());
        self.text.push('\n');
    }

    pub fn blank(&mut self) {
        self.text.push('\n');
    }

    /// A section banner at depth 1.
    pub fn banner(&mut self, title: &str) {
        self.blank();
        self.line(1, format!(";; ==== {title} {}", "=".repeat(84usize.saturating_sub(title.len()))));
    }

    /// A sub-section heading at depth 1.
    pub fn heading(&mut self, title: &str) {
        self.blank();
        self.line(1, format!(";; ---- {title} {}", "-".repeat(84usize.saturating_sub(title.len()))));
    }

    pub fn raw(&mut self, text: &str) {
        self.text.push_str(text);
    }
}

/// A br_table dispatch on a type id: `cases` (id, comment, body lines that must not fall
/// through: each ends with `return`), ids without a case and ids outside 16.. go to
/// `default` (lines after the dispatch). `selector` is a WAT expression of the id.
pub(crate) fn id_dispatch(
    out: &mut Out,
    depth: usize,
    selector: &str,
    cases: &[(u16, String, Vec<String>)],
    default: &[String],
) {
    if cases.is_empty() {
        for line in default {
            out.line(depth, line);
        }
        return;
    }
    let first = 16u16;
    let last = cases.iter().map(|c| c.0).max().unwrap_or(first);
    let label = |id: u16| format!("$id{id}");
    out.line(depth, "(block $default");
    for (id, _, _) in cases.iter().rev() {
        out.line(depth, format!("(block {}", label(*id)));
    }
    let targets: Vec<String> = (first..=last)
        .map(|id| if cases.iter().any(|c| c.0 == id) { label(id) } else { "$default".to_string() })
        .collect();
    out.line(depth + 1, format!("(br_table {} $default (i32.sub {selector} (i32.const {first}))))", targets.join(" ")));
    for (id, comment, body) in cases {
        out.line(depth + 1, format!(";; {id}: {comment}"));
        let count = body.len();
        for (i, line) in body.iter().enumerate() {
            if i + 1 == count {
                out.line(depth + 1, format!("{line})"));
            } else {
                out.line(depth + 1, line);
            }
        }
        if count == 0 {
            out.line(depth + 1, "(unreachable))");
        }
    }
    // Each case's last line closed the block around it; the last one closed `$default`.
    for line in default {
        out.line(depth, line);
    }
}
