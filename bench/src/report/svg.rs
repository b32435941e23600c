//! The chart: for each dataset and metric, every contender's time divided by wxl (Rust)'s, as
//! horizontal bars on a log scale (ratios run from below 1 to several hundred). Plain SVG text:
//! no plotting dependency, and the file diffs readably.

use super::{human_ratio, Table, METRICS, ROWS};
use std::fmt::Write;

const COLORS: [&str; 8] = ["#1b7f3b", "#4fb06d", "#8fd19e", "#e07b39", "#c9a227", "#7a5fb5", "#3b6fb6", "#888888"];
const LEFT: f64 = 230.0;
const PLOT: f64 = 560.0;
const BAR: f64 = 13.0;
const GAP: f64 = 3.0;
const TITLE: f64 = 22.0;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// One group of bars: its title and `(row, ratio)` pairs.
struct Group {
    title: String,
    bars: Vec<(usize, f64)>,
}

fn groups(tables: &[&Table]) -> Vec<Group> {
    let mut out = Vec::new();
    for t in tables {
        let wxl = t.row("wxl").expect("a wxl row");
        for (m, (_, title)) in METRICS.iter().enumerate() {
            let Some(base) = t.times[wxl][m] else { continue };
            let bars: Vec<(usize, f64)> =
                (0..ROWS.len()).filter_map(|r| t.times[r][m].map(|time| (r, time / base))).collect();
            if bars.len() > 1 {
                out.push(Group { title: format!("{}: {title}", t.dataset), bars });
            }
        }
    }
    out
}

pub fn render(tables: &[&Table]) -> String {
    let groups = groups(tables);
    let max = groups.iter().flat_map(|g| g.bars.iter().map(|b| b.1)).fold(1.0f64, f64::max);
    let min = groups.iter().flat_map(|g| g.bars.iter().map(|b| b.1)).fold(1.0f64, f64::min);
    // The axis spans whole decades around every ratio.
    let (lo, hi) = (min.log10().floor().min(-1.0), max.log10().ceil().max(1.0));
    let x = |ratio: f64| LEFT + (ratio.log10() - lo) / (hi - lo) * PLOT;
    let height: f64 = 60.0 + groups.iter().map(|g| TITLE + g.bars.len() as f64 * (BAR + GAP) + 8.0).sum::<f64>() + 40.0;
    let width = LEFT + PLOT + 80.0;
    let mut s = String::new();
    writeln!(s, r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0}" viewBox="0 0 {width} {height:.0}" font-family="sans-serif" font-size="11">"#).unwrap();
    writeln!(s, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##).unwrap();
    writeln!(s, r#"<text x="10" y="20" font-size="14" font-weight="bold">Time relative to wxl (Rust), log scale: right of 1x, wxl is faster</text>"#).unwrap();
    // Decade grid lines and labels.
    let top = 40.0;
    let bottom = height - 30.0;
    for d in (lo as i32)..=(hi as i32) {
        let r = 10f64.powi(d);
        let gx = x(r);
        let stroke = if d == 0 { "#000000" } else { "#dddddd" };
        writeln!(s, r#"<line x1="{gx:.1}" y1="{top}" x2="{gx:.1}" y2="{bottom:.0}" stroke="{stroke}"/>"#).unwrap();
        writeln!(s, r#"<text x="{gx:.1}" y="{:.0}" text-anchor="middle">{}</text>"#, bottom + 14.0, human_ratio(r)).unwrap();
    }
    let mut y = 50.0;
    for g in &groups {
        writeln!(s, r#"<text x="10" y="{:.0}" font-weight="bold">{}</text>"#, y + 12.0, escape(&g.title)).unwrap();
        y += TITLE;
        for &(row, ratio) in &g.bars {
            let x0 = LEFT;
            let x1 = x(ratio);
            writeln!(s, r#"<text x="{:.0}" y="{:.0}" text-anchor="end">{}</text>"#, LEFT - 6.0, y + BAR - 3.0, escape(ROWS[row].label)).unwrap();
            writeln!(s, r#"<rect x="{x0:.1}" y="{y:.0}" width="{:.1}" height="{BAR}" fill="{}"/>"#, (x1 - x0).max(1.0), COLORS[row]).unwrap();
            writeln!(s, r#"<text x="{:.1}" y="{:.0}">{}</text>"#, x1 + 4.0, y + BAR - 3.0, human_ratio(ratio)).unwrap();
            y += BAR + GAP;
        }
        y += 8.0;
    }
    writeln!(s, "</svg>").unwrap();
    s
}
