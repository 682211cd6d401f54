//! Everything vanban shows: diagnostics with their source lines, what a build wrote and why,
//! the closing summary, the status table.

use std::path::Path;

use vanban::RunReport;
use vanban::app::status::{State, StatusRow};
use vanban::diagnostic::{Code, Reporter, summary};

use fluent_bundle::FluentValue;

use super::lang::Messages;
use super::terminal::{Terminal, emit, paint};

/// Prints the diagnostics (warnings too unless `--quiet`) and a fatal failure, if any.
pub(crate) fn print_problems(root: &Path, report: &RunReport, term: Terminal) {
    // Overdue answers are summed up per agency; which indicators, where asked and what to do
    // are behind `--verbose`.
    let summed = !term.verbose;
    let shown: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !term.quiet || d.is_error())
        .filter(|d| !(summed && d.code == Code::NotAnswered))
        .cloned()
        .collect();
    let overdue: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| summed && !term.quiet && d.code == Code::NotAnswered)
        .filter_map(|d| overdue_line(d, term))
        .collect();
    let labels = Messages::labels(term.lang);
    let (error, warning) = (format!("{} ", labels.error), format!("{} ", labels.warning));
    let text = Reporter::new(root).with_labels(labels).render_all(&shown);
    for line in text.lines() {
        // Each diagnostic's first line starts "lỗi (…): " or "cảnh báo (…): ".
        let painted = if let Some(rest) = line.strip_prefix(&error) {
            format!("{} {rest}", paint("error", term))
        } else if let Some(rest) = line.strip_prefix(&warning) {
            format!("{} {rest}", paint("warning", term))
        } else {
            line.to_string()
        };
        eprintln!("{painted}");
    }
    if !overdue.is_empty() {
        let m = term.messages();
        for line in &overdue {
            eprintln!("{line}");
        }
        eprintln!("  = {}\n", m.get("not-answered-more", &[]));
    }
    if let Some(fatal) = &report.fatal {
        eprintln!("{}: {fatal}", paint("error", term));
    }
}

/// "cảnh báo (chưa trả lời): Đình Lập: 2 nội dung quá hạn (hạn 28/02/2023)".
fn overdue_line(d: &vanban::diagnostic::Diagnostic, term: Terminal) -> Option<String> {
    let m = term.messages();
    let args: Vec<(&str, FluentValue)> = d
        .texts
        .as_ref()?
        .message
        .as_ref()?
        .args
        .iter()
        .map(|(k, v)| {
            let value = match (*k, v.parse::<i64>()) {
                ("count", Ok(n)) => FluentValue::from(n),
                _ => FluentValue::from(v.clone()),
            };
            (*k, value)
        })
        .collect();
    Some(format!(
        "{} ({}): {}",
        paint("warning", term),
        m.get("code-not-answered", &[]),
        m.get("not-answered-short", &args)
    ))
}

/// What a build did: documents written and why, removed, changed figures, then problems.
pub(crate) fn print_build(root: &Path, out: &Path, report: &RunReport, term: Terminal) {
    let m = term.messages();
    let path = |p: &Path| out.join(p).display().to_string();
    if !term.quiet {
        let mut text = String::new();
        let mut line = |key: &str, args: &[(&str, FluentValue)]| {
            text.push_str(&m.get(key, args));
            text.push('\n');
        };
        for (p, why) in &report.rebuilt {
            line(
                "build-wrote",
                &[
                    ("path", path(p).into()),
                    ("why", m.get(&format!("why-{}", why.name()), &[]).into()),
                ],
            );
        }
        for p in &report.removed {
            line("build-removed", &[("path", path(p).into())]);
        }
        for c in &report.changes {
            line(
                "build-changed",
                &[
                    ("year", c.year.into()),
                    ("number", c.number.clone().into()),
                    ("what", c.describe().into()),
                ],
            );
        }
        if term.verbose {
            for p in &report.unchanged {
                line("build-up-to-date", &[("path", path(p).into())]);
            }
            for (stage, d) in &report.timings.stages {
                line(
                    "build-time",
                    &[
                        ("stage", (*stage).into()),
                        ("ms", (d.as_millis() as u64).into()),
                    ],
                );
            }
            for (step, d) in report.timings.steps.iter().filter(|(_, d)| !d.is_zero()) {
                line(
                    "build-time-steps",
                    &[
                        ("step", (*step).into()),
                        ("ms", (d.as_millis() as u64).into()),
                    ],
                );
            }
        }
        if !report.unchanged.is_empty() {
            line(
                "build-unchanged",
                &[("count", report.unchanged.len().into())],
            );
        }
        emit(&text);
    }
    print_problems(root, report, term);
    let (errors, warnings) = summary(&report.diagnostics);
    let counts = [
        ("errors", FluentValue::from(errors)),
        ("warnings", warnings.into()),
        ("written", report.written.len().into()),
        ("unchanged", report.unchanged.len().into()),
        ("failed", report.failed.into()),
    ];
    if errors + warnings > 0 || report.failed > 0 {
        if !term.quiet || errors > 0 {
            eprintln!("{}", m.get("build-summary", &counts));
        }
    } else if !term.quiet {
        eprintln!("{}", m.get("build-ok", &counts));
    }
}

/// The closing line of `check`: the counts, or that nothing was found.
pub(crate) fn check_summary(errors: usize, warnings: usize, term: Terminal) -> String {
    let m = term.messages();
    if errors + warnings > 0 {
        m.get(
            "check-summary",
            &[("errors", errors.into()), ("warnings", warnings.into())],
        )
    } else {
        m.get("check-ok", &[])
    }
}

/// The status table in the reader's language, with its totals.
pub(crate) fn status_table(rows: &[StatusRow], term: Terminal) -> String {
    let m = term.messages();
    let width = |f: &dyn Fn(&StatusRow) -> String, head: &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .chain([head.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let state = |r: &StatusRow| {
        m.get(
            match r.state {
                State::Received => "status-received",
                State::Late => "status-late",
                State::Missing => "status-missing",
            },
            &[],
        )
    };
    let received = |r: &StatusRow| {
        r.received
            .map(vanban::app::date_text)
            .unwrap_or_else(|| "-".into())
    };
    let name = |r: &StatusRow| r.name.clone();
    let item = |r: &StatusRow| r.item.clone();
    let heads = [
        "status-head-agency",
        "status-head-request",
        "status-head-state",
        "status-head-received",
    ]
    .map(|k| m.get(k, &[]));
    let widths = [
        width(&name, &heads[0]),
        width(&item, &heads[1]),
        width(&state, &heads[2]),
        width(&received, &heads[3]),
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
    out.push_str(&line(heads.clone()));
    out.push_str(&line(widths.map(|w| "-".repeat(w))));
    for r in rows {
        out.push_str(&line([name(r), item(r), state(r), received(r)]));
    }
    let count = |s: State| rows.iter().filter(|r| r.state == s).count();
    let totals = m.get(
        "status-totals",
        &[
            ("requested", rows.len().into()),
            ("received", count(State::Received).into()),
            ("late", count(State::Late).into()),
            ("missing", count(State::Missing).into()),
        ],
    );
    out.push_str(&format!("\n{totals}\n"));
    out
}

/// What an import wrote (or, with `--dry-run`, would write): each answer file and its
/// changed figures, old → new.
pub(crate) fn imported(
    report: &vanban::app::import::ImportReport,
    dry_run: bool,
    term: Terminal,
) -> String {
    let m = term.messages();
    let mut text = String::new();
    for i in &report.imported {
        let key = match (dry_run, i.created, i.changed) {
            (_, false, false) => "import-unchanged",
            (true, true, _) => "import-would-create",
            (true, false, _) => "import-would-update",
            (false, true, _) => "import-created",
            (false, false, _) => "import-updated",
        };
        let line = m.get(
            key,
            &[
                ("answers", i.answers.display().to_string().into()),
                ("workbook", i.workbook.display().to_string().into()),
            ],
        );
        text.push_str(&format!("{line}\n"));
        for c in &i.changes {
            let none = "—".to_string();
            text.push_str(&format!(
                "  {}: {} → {}\n",
                c.what,
                c.before.as_ref().unwrap_or(&none),
                c.after.as_ref().unwrap_or(&none)
            ));
        }
    }
    text
}

/// The follow-up letters a run wrote, one line each (`wrote`, with the path), or, when it
/// wrote none and found nothing wrong, the `nothing` line with its arguments.
pub(crate) fn follow_ups(
    report: &RunReport,
    out: &Path,
    wrote: &str,
    nothing: (&str, &[(&str, FluentValue)]),
    term: Terminal,
) -> String {
    let m = term.messages();
    let mut text: String = report
        .written
        .iter()
        .map(|p| {
            let path = out.join(p).display().to_string();
            format!("{}\n", m.get(wrote, &[("path", path.into())]))
        })
        .collect();
    if report.written.is_empty() && report.diagnostics.is_empty() {
        text.push_str(&m.get(nothing.0, nothing.1));
        text.push('\n');
    }
    text
}
