//! Where `vanban import` keeps what came back and how it writes it: the returned workbook
//! under `data/<year>/replies/` (never replacing an earlier reply that figures still cite),
//! the evidence files beside it under `data/evidence/<year>/<agency>/` (never replacing
//! another document of the same name), then the answer file, last.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::import::Pending;
use crate::Error;
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::form;
use crate::project::reply::{AnswerDoc, EvidenceEntry};

/// The day a reply is kept under: the one asked, the one already recorded, or today.
pub(super) fn received_day(
    asked: Option<NaiveDate>,
    today: NaiveDate,
    before: Option<&AnswerDoc>,
) -> String {
    match (asked, before.and_then(|b| b.received.clone())) {
        (Some(day), _) => day.format("%Y-%m-%d").to_string(),
        (None, Some(kept)) => kept,
        (None, None) => today.format("%Y-%m-%d").to_string(),
    }
}

/// Where a returned workbook is kept: where it is when it already is among the year's
/// replies; else `data/<year>/replies/<agency>-<received>.<ext>`, with `-2`, `-3`… when a
/// different workbook has that name, so an earlier reply that figures still cite is never
/// replaced; the same workbook keeps its name.
pub(super) fn kept_name(
    root: &Path,
    given: &Path,
    year: i32,
    recipient: &str,
    extension: &str,
    day: String,
) -> PathBuf {
    let replies = PathBuf::from(format!("data/{year}/replies"));
    if let (Ok(given), Ok(folder)) = (given.canonicalize(), root.join(&replies).canonicalize())
        && given.parent() == Some(folder.as_path())
        && let Some(name) = given.file_name()
    {
        return replies.join(name);
    }
    let bytes = std::fs::read(given).unwrap_or_default();
    (1..)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            replies.join(format!("{recipient}-{day}{suffix}.{extension}"))
        })
        .find(|candidate| std::fs::read(root.join(candidate)).map_or(true, |old| old == bytes))
        .expect("a free name")
}

/// The lines (1-based) of comments after the opening block of comments, which a rewrite
/// does not keep.
pub(super) fn comments_after_header(text: &str) -> Vec<usize> {
    let header = text.lines().take_while(|l| l.starts_with('#')).count();
    text.lines()
        .enumerate()
        .skip(header)
        .filter(|(_, l)| l.trim_start().starts_with('#'))
        .map(|(i, _)| i + 1)
        .collect()
}

/// What an evidence row needs to become an entry of the answer file.
pub(super) struct Evidence<'a> {
    pub(super) root: &'a Path,
    /// The folder of the workbook, where the files it names are.
    pub(super) folder: &'a Path,
    pub(super) shown: &'a str,
    pub(super) kept: &'a str,
    pub(super) year: i32,
    pub(super) recipient: &'a str,
}

impl Evidence<'_> {
    /// The entry of evidence row `e`, its file to copy, or why the file cannot be taken.
    pub(super) fn entry(
        &self,
        e: &form::ReturnedEvidence,
        copies: &mut Vec<(PathBuf, PathBuf)>,
        errors: &mut Vec<Diagnostic>,
    ) -> EvidenceEntry {
        let file = e.file.as_ref().and_then(|name| {
            let at = || Position::file(form::place(self.shown, &name.sheet, Some(&name.cell)));
            let Some((from, to)) = evidence_copy(self.folder, &name.value, self.year, self.recipient) else {
                errors.push(
                    Diagnostic::error(Code::Workbook, at(), format!("evidence file `{}` is not beside the workbook", name.value))
                        .with_hint("put the file the agency sent in the workbook's folder under this name, or clear the cell")
                        .says("workbook-evidence-missing", &[("name", &name.value)])
                        .hints("workbook-evidence-missing-hint", &[]),
                );
                return None;
            };
            // A different document of the same name, imported before, is never replaced.
            let new = std::fs::read(&from).ok();
            if let Ok(old) = std::fs::read(self.root.join(&to))
                && Some(&old) != new.as_ref()
            {
                errors.push(
                    Diagnostic::error(Code::Workbook, at(), format!("another file named `{}` was imported before for this agency", name.value))
                        .with_hint("rename the new file (add its number or date), beside the workbook and in this cell")
                        .says("workbook-evidence-clash", &[("name", &name.value)])
                        .hints("workbook-evidence-clash-hint", &[]),
                );
                return None;
            }
            let kept = to.to_string_lossy().replace('\\', "/");
            copies.push((from, to));
            Some(kept)
        });
        EvidenceEntry {
            title: e.title.value.clone(),
            number: e.number.as_ref().map(|n| n.value.clone()),
            date: e
                .date
                .as_ref()
                .map(|d| d.value.format("%Y-%m-%d").to_string()),
            file,
            source: Some(form::place(self.kept, &e.title.sheet, Some(&e.title.cell))),
        }
    }
}

/// Where an evidence file named in a workbook is (beside it) and where it is kept; none when
/// it is not there or its name is a path.
fn evidence_copy(
    folder: &Path,
    name: &str,
    year: i32,
    recipient: &str,
) -> Option<(PathBuf, PathBuf)> {
    let plain = Path::new(name).file_name()? == std::ffi::OsStr::new(name);
    if !plain {
        return None;
    }
    // Found however its name's accents are encoded (a Mac's zip writes them decomposed), and
    // kept under the name composed (NFC), as the answer file, read as NFC, names it.
    let from = crate::project::file_named(folder, name)?;
    let kept: String = unicode_normalization::UnicodeNormalization::nfc(name).collect();
    Some((
        from,
        PathBuf::from(format!("data/evidence/{year}/{recipient}/{kept}")),
    ))
}

/// Writes one import: the evidence files, the workbook, then the answer file (the last, so
/// an interruption never leaves answers pointing at files not there).
pub(super) fn write(root: &Path, p: &Pending, text: &str) -> Result<(), Error> {
    let copy = |from: &Path, to: &Path| -> Result<(), Error> {
        let target = root.join(to);
        let bytes = std::fs::read(from)
            .map_err(|e| Error::io(format!("cannot read `{}`", from.display()), e))?;
        if std::fs::read(&target).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        crate::output::write_atomic(&target, &bytes)
            .map_err(|e| Error::io(format!("cannot write `{}`", target.display()), e))
    };
    for (from, to) in &p.copies {
        copy(from, to)?;
    }
    copy(&p.given, &p.kept)?;
    let target = root.join(&p.answers);
    if std::fs::read_to_string(&target).is_ok_and(|old| old == text) {
        return Ok(());
    }
    crate::output::write_atomic(&target, text.as_bytes())
        .map_err(|e| Error::io(format!("cannot write `{}`", target.display()), e))
}
