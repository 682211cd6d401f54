//! After registration: the number (and the blank day) filled into the fields of the
//! documents that were signed before they were numbered, as an incremental update that keeps
//! the signature valid, and recorded so no build replaces them.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::{Code, Diagnostic, Position};
use crate::manifest;
use crate::output::signature;
use crate::plan::Job;
use crate::project::register::Entry;
use crate::render::vi;

/// Fills the number (and the blank day) into the fields of every document of `letter` in
/// `jobs` whose PDF in `out` has been signed since it was built, as an incremental update,
/// and records the filled files in the manifest so no build replaces them. `rows` give each
/// document's number; `blank_day` is the month a letter prints with its day left blank.
pub(super) fn fill_signed(
    out: &Path,
    letter: &Path,
    jobs: &[Job],
    rows: &[Entry],
    date: NaiveDate,
    blank_day: Option<(i32, u32)>,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let fail = |message: String, hint: &str| {
        Diagnostic::error(Code::Register, Position::file(letter), message).with_hint(hint)
    };
    for job in jobs.iter().filter(|j| j.source == letter) {
        let document = job.output.to_string_lossy().replace('\\', "/");
        let Some(row) = rows.iter().find(|r| r.document == document) else {
            continue;
        };
        let Some(signed) = std::fs::read(out.join(&job.output))
            .ok()
            .filter(|pdf| signature::fill::is_signed(pdf))
        else {
            continue;
        };
        if let Some((y, m)) = blank_day
            && (y, m) != (date.year(), date.month())
        {
            return Err(vec![
                fail(
                    format!(
                        "the signed `{document}` prints tháng {m:02} năm {y}; it cannot be dated {}",
                        vi::date(date)
                    ),
                    "register it in the month it prints, or render it again and have it signed again",
                )
                .says(
                    "registering-signed-month",
                    &[
                        ("document", &document),
                        ("month", &format!("{m:02}")),
                        ("year", &y.to_string()),
                        ("date", &vi::date(date)),
                    ],
                )
                .hints("registering-signed-month-hint", &[]),
            ]);
        }
        let mut values = vec![(signature::NUMBER_FIELD, row.number.clone(), false)];
        if blank_day.is_some() {
            values.push((signature::DAY_FIELD, format!("{:02}", date.day()), true));
        }
        let Some(filled) = signature::fill::fill_text_fields(signed, &values).map_err(|why| {
            vec![
                fail(
                    format!("`{document}` is signed but its number cannot be filled in: {why}"),
                    "render it again, have it signed again, then register it",
                )
                .says(
                    "registering-cannot-fill",
                    &[("document", &document), ("cause", &why)],
                )
                .hints("registering-cannot-fill-hint", &[]),
            ]
        })?
        else {
            warnings.push(
                Diagnostic::warning(
                    Code::Register,
                    Position::file(out.join(&job.output)),
                    format!(
                        "the signed `{document}` has no field for its number: number {} is in the register only",
                        row.number
                    ),
                )
                .with_hint("a PDF built by this vanban has the fields; sign that one to have the number filled in")
                .says(
                    "registering-no-field",
                    &[("document", &document), ("number", &row.number)],
                )
                .hints("registering-no-field-hint", &[]),
            );
            continue;
        };
        crate::output::write_atomic(&out.join(&job.output), &filled).map_err(|e| {
            let shown = out.join(&job.output).display().to_string();
            vec![
                fail(
                    format!("cannot write `{shown}`: {e}"),
                    "check the permissions of the output folder",
                )
                .says(
                    "registering-cannot-write-filled",
                    &[("file", &shown), ("cause", &e.to_string())],
                )
                .hints("registering-cannot-write-filled-hint", &[]),
            ]
        })?;
        let mut recorded = manifest::load(out);
        if let Some(entry) = recorded.documents.get_mut(&document) {
            entry.input = crate::fingerprint::fingerprint(job.input());
            entry.pdf = crate::fingerprint::fingerprint(&filled);
            entry.stamp = manifest::stamp(&out.join(&job.output));
            // It is the signed PDF now: a forced build must read it to see the signature.
            entry.unsigned = false;
            if let Err(e) = manifest::save(out, &recorded) {
                return Err(vec![
                    fail(
                        format!("cannot record the filled `{document}`: {e}"),
                        "check the permissions of the output folder",
                    )
                    .says(
                        "registering-cannot-record",
                        &[("document", &document), ("cause", &e.to_string())],
                    )
                    .hints("registering-cannot-record-hint", &[]),
                ]);
            }
        }
    }
    Ok(warnings)
}
