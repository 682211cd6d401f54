//! Everything vanban shows: diagnostics with their source lines, what a build wrote and why,
//! the closing summary, the status table.

use std::path::Path;

use vanban::RunReport;
use vanban::app::status::{State, StatusRow};
use vanban::diagnostic::{Reporter, summary};

use super::terminal::{Terminal, emit, paint};

/// Prints the diagnostics (warnings too unless `--quiet`) and a fatal failure, if any.
pub(crate) fn print_problems(root: &Path, report: &RunReport, term: Terminal) {
    let shown: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !term.quiet || d.is_error())
        .cloned()
        .collect();
    let text = Reporter::new(root).render_all(&shown);
    for line in text.lines() {
        let painted = if let Some(rest) = line.strip_prefix("error:") {
            format!("{}:{rest}", paint("error", term))
        } else if let Some(rest) = line.strip_prefix("warning:") {
            format!("{}:{rest}", paint("warning", term))
        } else {
            line.to_string()
        };
        eprintln!("{painted}");
    }
    if let Some(fatal) = &report.fatal {
        eprintln!("{}: {fatal}", paint("error", term));
    }
}

/// What a build did: documents written and why, removed, changed figures, then problems.
pub(crate) fn print_build(root: &Path, out: &Path, report: &RunReport, term: Terminal) {
    if !term.quiet {
        let mut text = String::new();
        for (p, why) in &report.rebuilt {
            text.push_str(&format!("wrote {} ({why})\n", out.join(p).display()));
        }
        for p in &report.removed {
            text.push_str(&format!(
                "removed {} (its source is gone)\n",
                out.join(p).display()
            ));
        }
        for c in &report.changes {
            text.push_str(&format!(
                "changed {} chỉ số {}: {}\n",
                c.year,
                c.number,
                c.describe()
            ));
        }
        if term.verbose {
            for p in &report.unchanged {
                text.push_str(&format!("up to date {}\n", out.join(p).display()));
            }
            for (stage, d) in &report.timings.stages {
                text.push_str(&format!("time {stage}: {} ms\n", d.as_millis()));
            }
            for (step, d) in report.timings.steps.iter().filter(|(_, d)| !d.is_zero()) {
                text.push_str(&format!(
                    "time per document, summed over threads, {step}: {} ms\n",
                    d.as_millis()
                ));
            }
        }
        if !report.unchanged.is_empty() {
            text.push_str(&format!(
                "{} document(s) up to date\n",
                report.unchanged.len()
            ));
        }
        emit(&text);
    }
    print_problems(root, report, term);
    let (errors, warnings) = summary(&report.diagnostics);
    let failed = if report.failed > 0 {
        format!(", {} failed", report.failed)
    } else {
        String::new()
    };
    if errors + warnings > 0 || report.failed > 0 {
        if !term.quiet || errors > 0 {
            eprintln!(
                "{errors} error(s), {warnings} warning(s); {} document(s) written, {} up to date{failed}",
                report.written.len(),
                report.unchanged.len(),
            );
        }
    } else if !term.quiet {
        eprintln!(
            "ok: {} document(s) written, {} up to date, no problems",
            report.written.len(),
            report.unchanged.len()
        );
    }
}

pub(crate) fn status_table(rows: &[StatusRow]) -> String {
    let width = |f: &dyn Fn(&StatusRow) -> String, head: &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .chain([head.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let state = |r: &StatusRow| {
        match r.state {
            State::Received => "đã nhận / received",
            State::Late => "nộp muộn / late",
            State::Missing => "chưa nộp / missing",
        }
        .to_string()
    };
    let received = |r: &StatusRow| {
        r.received
            .map(vanban::app::date_text)
            .unwrap_or_else(|| "-".into())
    };
    let name = |r: &StatusRow| r.name.clone();
    let item = |r: &StatusRow| r.item.clone();
    let heads = [
        "Đơn vị / agency",
        "Yêu cầu / request",
        "Trạng thái / state",
        "Ngày nhận / received",
    ];
    let widths = [
        width(&name, heads[0]),
        width(&item, heads[1]),
        width(&state, heads[2]),
        width(&received, heads[3]),
    ];
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    let mut out = String::new();
    let line = |cells: [String; 4]| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| pad(c, w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
            + "\n"
    };
    out.push_str(&line(heads.map(String::from)));
    out.push_str(&line(widths.map(|w| "-".repeat(w))));
    for r in rows {
        out.push_str(&line([name(r), item(r), state(r), received(r)]));
    }
    let count = |s: State| rows.iter().filter(|r| r.state == s).count();
    out.push_str(&format!(
        "\n{} requested: {} received, {} late, {} missing\n",
        rows.len(),
        count(State::Received),
        count(State::Late),
        count(State::Missing)
    ));
    out
}
