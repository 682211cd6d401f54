//! The checks of single values of an answer file: its dates (a reply between the request
//! and the report that counts it), its figures (finite, not negative, not absurdly large)
//! and its evidence files (inside the project, present).

use std::path::{Component, Path};

use super::{parse_date, position};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::model::{Letter, LetterDate, LetterKind};
use crate::project::At;

/// A reply cannot arrive before the first request letter of its year was sent, nor after
/// the report of that year that counts it was dated: either is an error at `received`.
pub(super) fn received_in_time(
    got: chrono::NaiveDate,
    year: i32,
    letters: &[Letter],
    at: Position,
    diags: &mut Vec<Diagnostic>,
) {
    let of_year = |kind: LetterKind| {
        letters
            .iter()
            .filter(move |l| l.kind == kind && l.data_year == year)
    };
    let show = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    if let Some(sent) = of_year(LetterKind::CongVan).map(|l| l.date.first_day()).min()
        && got < sent
    {
        diags.push(
            Diagnostic::error(
                Code::Answer,
                at.clone(),
                format!(
                    "received date {} is before the request letter of {year} was sent ({})",
                    show(got),
                    show(sent)
                ),
            )
            .with_hint("check the received date (day/month/year order, and the year)")
            .says(
                "answer-received-before-request",
                &[("received", &show(got)), ("year", &year.to_string()), ("sent", &show(sent))],
            )
            .hints("answer-received-before-request-hint", &[]),
        );
    }
    // A report dated with a full day counts what had arrived by then.
    let reported = of_year(LetterKind::BaoCao)
        .filter_map(|l| match l.date {
            LetterDate::Full(d) => Some(d),
            LetterDate::Month { .. } => None,
        })
        .max();
    if let Some(reported) = reported
        && got > reported
    {
        diags.push(
            Diagnostic::error(
                Code::Answer,
                at,
                format!(
                    "received date {} is after the report of {year} is dated ({})",
                    show(got),
                    show(reported)
                ),
            )
            .with_hint("check the received date, or date the report after the reply arrived")
            .says(
                "answer-received-after-report",
                &[
                    ("received", &show(got)),
                    ("year", &year.to_string()),
                    ("reported", &show(reported)),
                ],
            )
            .hints("answer-received-after-report-hint", &[]),
        );
    }
}

pub(super) fn date_of(
    file: &Path,
    at: &At<String>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    match parse_date(&at.value, false) {
        Some(LetterDate::Full(d)) => Some(d),
        _ => {
            diags.push(
                Diagnostic::error(Code::Answer, 
                    position(file, at),
                    format!("{what} `{}` is not a date", at.value),
                )
                .with_hint("write dates as `YYYY-MM-DD`")
                // The catalogue selects its own words by the first word ("received", "reply").
                .says(
                    "answer-not-a-date",
                    &[
                        ("what", what),
                        ("field", what.split(' ').next().unwrap_or_default()),
                        ("value", &at.value),
                    ],
                )
                .hints("answer-not-a-date-hint", &[]),
            );
            None
        }
    }
}

pub(super) fn figure(file: &Path, at: &At<f64>, what: &str, diags: &mut Vec<Diagnostic>) -> f64 {
    /// Beyond this, sums lose precision; no form counts that much.
    const LARGEST: f64 = 1e15;
    let v = at.value;
    let problem = if !v.is_finite() {
        Some((
            format!("{what} is not a number"),
            "write the figure in digits, e.g. `1234.5`",
            "answer-figure-nan",
        ))
    } else if v < 0.0 {
        Some((
            format!("{what} {v} is negative"),
            "figures count things: write zero or a positive number",
            "answer-figure-negative",
        ))
    } else if v > LARGEST {
        Some((
            format!("{what} {v} is too large"),
            "check the figure and its unit; figures are limited to 10^15",
            "answer-figure-large",
        ))
    } else {
        None
    };
    if let Some((message, hint, key)) = problem {
        let shown = v.to_string();
        diags.push(
            Diagnostic::error(Code::Answer, position(file, at), message)
                .with_hint(hint)
                .says(key, &[("what", what), ("value", &shown)])
                .hints(match key {
                    "answer-figure-nan" => "answer-figure-nan-hint",
                    "answer-figure-negative" => "answer-figure-negative-hint",
                    _ => "answer-figure-large-hint",
                }, &[]),
        );
        return 0.0;
    }
    v
}

/// Checks that an evidence path is relative, stays inside the project and exists.
pub(super) fn evidence_file(
    root: &Path,
    pending: &std::collections::BTreeSet<std::path::PathBuf>,
    file: &Path,
    at: &At<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let value = at.value.trim();
    let path = Path::new(value);
    let escapes = path.is_absolute()
        || path.components().any(|c| {
            matches!(
                c,
                Component::ParentDir | Component::Prefix(_) | Component::RootDir
            )
        });
    let hint = "give a path inside the project folder, e.g. `data/evidence/2022/bien-ban.pdf`";
    if escapes {
        diags.push(
            Diagnostic::error(Code::Evidence, 
                position(file, at),
                format!("evidence file `{value}` is outside the project folder"),
            )
            .with_hint(hint)
            .says("answer-evidence-outside", &[("file", value)])
            .hints("answer-evidence-path-hint", &[]),
        );
        return None;
    }
    if pending.contains(path) {
        return Some(value.to_string());
    }
    let full = root.join(path);
    let inside = match (full.canonicalize(), root.canonicalize()) {
        (Ok(f), Ok(r)) if f.is_file() => Some(f.starts_with(r)),
        _ => None,
    };
    match inside {
        None => {
            let missing = Diagnostic::error(
                Code::Evidence,
                position(file, at),
                format!("evidence file `{value}` does not exist"),
            )
            .says("answer-evidence-missing", &[("file", value)]);
            // The name as typed (composed accents) against a name a Mac wrote (decomposed):
            // the same on screen, another file to the file system. Said, never renamed here.
            let twin = full
                .parent()
                .zip(full.file_name().and_then(|n| n.to_str()))
                .and_then(|(folder, name)| {
                    // The file itself (there, but not readable as a path) is no twin.
                    crate::project::file_named(folder, name)
                        .filter(|found| found.file_name().and_then(|n| n.to_str()) != Some(name))
                });
            diags.push(match twin {
                Some(twin) => {
                    let found = twin.file_name().unwrap_or_default().to_string_lossy().into_owned();
                    missing
                        .with_hint(format!("a file whose name looks the same is there, `{found}`, its accents encoded another way (as a Mac writes names): retype the file's name, then build again"))
                        .hints("answer-evidence-encoded-hint", &[("found", &found)])
                }
                None => missing
                    .with_hint("check the path (it is relative to the project folder) or remove `file`")
                    .hints("answer-evidence-missing-hint", &[]),
            });
            None
        }
        Some(false) => {
            diags.push(
                Diagnostic::error(Code::Evidence, 
                    position(file, at),
                    format!("evidence file `{value}` links outside the project folder"),
                )
                .with_hint(hint)
                .says("answer-evidence-link-outside", &[("file", value)])
                .hints("answer-evidence-path-hint", &[]),
            );
            None
        }
        Some(true) => Some(value.to_string()),
    }
}

