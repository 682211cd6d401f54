//! `vanban import`: returned reply workbooks in, `data/<year>/<agency>.yaml` written or
//! updated. Each workbook is read (`form::read`), attributed to its letter, agency and year
//! by its hidden sheet, merged into the agency's answer file, and the project is checked as
//! it would be with the new file, so the checks of hand-written answers run on imported
//! ones before anything is written; their problems point at the workbook's cells. A
//! workbook with an error writes nothing; the others still go in. The workbook itself is
//! kept under `data/<year>/replies/`, and the evidence files beside it under
//! `data/evidence/<year>/<agency>/`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::Error;
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::form::{self, Returned};
use crate::model::{LetterKind, Project};
use crate::project::Overlay;
use crate::project::reply::{AnswerDoc, AnswerEntry, Cells, RowEntry, TextEntry};

use super::reply_files::{Evidence, comments_after_header, kept_name, received_day, write};

/// How an import runs.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Show what would change; write nothing.
    pub dry_run: bool,
    /// The day the replies were received (default: today for a new reply; an updated reply
    /// keeps the day already recorded).
    pub received: Option<NaiveDate>,
}

/// What one workbook did, or would do.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The workbook as given.
    pub workbook: PathBuf,
    /// The answer file written or updated, relative to the project root.
    pub answers: PathBuf,
    /// The agency.
    pub recipient: String,
    /// The data year.
    pub year: i32,
    /// Whether the answer file is new.
    pub created: bool,
    /// Whether the answer file changes at all (figures, texts, evidence, reply, sources).
    pub changed: bool,
    /// Each figure that changes: what, before, after ("-" for none).
    pub changes: Vec<FigureChange>,
    /// The answer file as written (or, with `--dry-run`, as it would be).
    pub text: String,
}

/// One figure's change.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureChange {
    /// "Chỉ số 11 – tử số", "Chỉ số 01 – Nhà máy … – mẫu số".
    pub what: String,
    /// The value before, as the documents write it; none when new.
    pub before: Option<String>,
    /// The value after; none when removed.
    pub after: Option<String>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Workbooks imported (or, with `--dry-run`, that would be), in the order given.
    pub imported: Vec<Imported>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// A failure outside the user's files.
    pub fatal: Option<Error>,
}

impl ImportReport {
    /// 0 when every workbook went in, 1 when a workbook had errors, 2 on a failure.
    pub fn exit_code(&self) -> u8 {
        if self.fatal.is_some() {
            super::EXIT_FAILURE
        } else if self.diagnostics.iter().any(Diagnostic::is_error) {
            super::EXIT_PROBLEMS
        } else {
            super::EXIT_OK
        }
    }
}

/// One workbook on its way in.
pub(super) struct Pending {
    pub(super) given: PathBuf,
    pub(super) shown: String,
    /// Where the workbook is kept in the project, relative to the root.
    pub(super) kept: PathBuf,
    pub(super) answers: PathBuf,
    pub(super) before: Option<AnswerDoc>,
    pub(super) after: AnswerDoc,
    /// Evidence files to copy: (beside the workbook, into the project).
    pub(super) copies: Vec<(PathBuf, PathBuf)>,
    pub(super) errors: bool,
}

/// Imports `workbooks` into the project at `root`.
pub fn import(root: &Path, workbooks: &[PathBuf], options: &ImportOptions) -> ImportReport {
    let mut report = ImportReport::default();
    let checked = super::load_checked(root, &mut super::Timings::default());
    let Some(model) = checked.model else {
        report.diagnostics = checked.diagnostics;
        return report;
    };
    // What the project says already, so that what an import adds can be told apart.
    let baseline = checked.diagnostics;
    let today = chrono::Local::now().date_naive();
    let received = options.received.unwrap_or(today);
    let mut pending: Vec<Pending> = Vec::new();
    for given in workbooks {
        let shown = shown(root, given);
        let (returned, unusable) = match form::read(given, &shown) {
            Ok(r) => r,
            Err(errors) => {
                report.diagnostics.extend(errors);
                continue;
            }
        };
        // Cells with no usable value are left out, and the rest still checked, so that
        // every problem of the workbook shows in one run; it is not written.
        let unusable_cells = unusable.iter().any(Diagnostic::is_error);
        report.diagnostics.extend(unusable);
        match prepare(
            root,
            &model,
            given,
            &shown,
            &returned,
            options.received,
            received,
        ) {
            Ok((mut p, warnings)) => {
                p.errors |= unusable_cells;
                if let Some(other) = pending.iter().find(|o| o.answers == p.answers) {
                    report.diagnostics.push(
                        Diagnostic::error(
                            Code::Workbook,
                            Position::file(&shown),
                            format!("`{shown}` answers for the same agency and year as `{}`", other.shown),
                        )
                        .with_hint("import one reply per agency and year at a time; the later one replaces the earlier")
                        .says("workbook-twice", &[("file", &shown), ("other", &other.shown)])
                        .hints("workbook-twice-hint", &[]),
                    );
                    continue;
                }
                report.diagnostics.extend(warnings);
                pending.push(p);
            }
            Err(errors) => report.diagnostics.extend(errors),
        }
    }
    if pending.is_empty() {
        return report;
    }

    // The project as it would be: the same checks as for hand-written answers.
    let mut overlay = Overlay::default();
    for p in &pending {
        overlay.answers.insert(p.answers.clone(), p.after.to_yaml());
        overlay
            .pending
            .extend(p.copies.iter().map(|(_, to)| to.clone()));
    }
    let (raw, mut found) = crate::project::load_with(root, &overlay);
    let (_, more) = crate::validate::validate(raw);
    found.extend(more);
    // An error the import brings about in another agency's file (numerators of several
    // agencies now above a population) stops every workbook of the run: which one caused it
    // cannot be told, and the set written must be the set checked.
    let is_ours = |d: &Diagnostic, p: &Pending| {
        let file = d.position.file.to_string_lossy().replace('\\', "/");
        let kept = p.kept.to_string_lossy().replace('\\', "/");
        d.position.file == p.answers || file.starts_with(&format!("{kept}!"))
    };
    let elsewhere: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.is_error() && d.code != Code::Blocked && !baseline.contains(d))
        .filter(|d| !pending.iter().any(|p| is_ours(d, p)))
        .collect();
    if !elsewhere.is_empty() {
        report.diagnostics.extend(elsewhere.into_iter().cloned());
        pending.iter_mut().for_each(|p| p.errors = true);
    }
    for p in &mut pending {
        let kept = p.kept.to_string_lossy().replace('\\', "/");
        for d in &found {
            let file = d.position.file.to_string_lossy().replace('\\', "/");
            let ours = d.position.file == p.answers || file.starts_with(&format!("{kept}!"));
            if !ours || d.code == Code::Blocked {
                continue;
            }
            let mut d = d.clone();
            // Named as the user gave it, until it is kept in the project.
            if let Some(rest) = file.strip_prefix(&kept) {
                d.position = Position::file(format!("{}{rest}", p.shown));
            }
            p.errors |= d.is_error();
            report.diagnostics.push(d);
        }
    }

    for p in pending.into_iter().filter(|p| !p.errors) {
        let changes = changes(p.before.as_ref(), &p.after);
        let text = p.after.to_yaml();
        let changed =
            std::fs::read_to_string(root.join(&p.answers)).map_or(true, |old| old != text);
        if !options.dry_run
            && let Err(e) = write(root, &p, &text)
        {
            report.fatal.get_or_insert(e);
            continue;
        }
        report.imported.push(Imported {
            workbook: p.given,
            answers: p.answers,
            recipient: p.after.recipient.clone(),
            year: year_of(&p.kept),
            created: p.before.is_none(),
            changed,
            changes,
            text,
        });
    }
    report
}

/// The workbook's data year, from where it is kept (`data/<year>/replies/…`).
fn year_of(kept: &Path) -> i32 {
    kept.components()
        .nth(1)
        .and_then(|c| c.as_os_str().to_str()?.parse().ok())
        .unwrap_or_default()
}

/// A path as messages name it: relative to the project root when inside it.
fn shown(root: &Path, given: &Path) -> String {
    let absolute = given.canonicalize().unwrap_or_else(|_| given.to_path_buf());
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    absolute
        .strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| given.to_path_buf())
        .to_string_lossy()
        .replace('\\', "/")
}

/// Attributes a workbook and merges it into its agency's answer file, with what was found
/// on the way (the merge goes on past a cell's error, marked as not to be written); every
/// error when it cannot be attributed.
fn prepare(
    root: &Path,
    model: &Project,
    given: &Path,
    shown: &str,
    returned: &Returned,
    asked_received: Option<NaiveDate>,
    received: NaiveDate,
) -> Result<(Pending, Vec<Diagnostic>), Vec<Diagnostic>> {
    let meta = &returned.meta;
    let at = || Position::file(shown);
    let letter = model
        .letters
        .iter()
        .find(|l| l.kind == LetterKind::CongVan && l.id == meta.letter && l.data_year == meta.year);
    let Some(letter) = letter else {
        return Err(vec![
            Diagnostic::error(
                Code::Workbook,
                at(),
                format!(
                    "`{shown}` answers letter `{}` for data year {}, which this project does not have",
                    meta.letter, meta.year
                ),
            )
            .with_hint("import it into the project (and year) whose letter it answers")
            .says("workbook-other-letter", &[("file", shown), ("letter", &meta.letter), ("year", &meta.year.to_string())])
            .hints("workbook-other-letter-hint", &[]),
        ]);
    };
    let addressed = letter
        .agencies(model.directory_for(letter.data_year))
        .iter()
        .any(|r| r.id == meta.recipient);
    if !addressed {
        return Err(vec![
            Diagnostic::error(
                Code::Workbook,
                at(),
                format!("`{shown}` is the form of `{}`, whom letter `{}` does not address", meta.recipient, letter.id),
            )
            .with_hint("check that the agency sent back its own form; the form names its agency on its first sheet")
            .says("workbook-other-agency", &[("file", shown), ("recipient", &meta.recipient), ("letter", &letter.id)])
            .hints("workbook-other-agency-hint", &[]),
        ]);
    }
    // A workbook sent before the letter was numbered says no number; one sent after says
    // the number the agency received, which must be the one registered now.
    let (_, numbers, _) = super::registers(root);
    let registered = numbers.get(&(meta.letter_file.clone(), meta.document.clone()));
    if let (Some(written), Some(registered)) = (&meta.number, registered)
        && written.split('/').next() != Some(registered.as_str())
    {
        return Err(vec![
            Diagnostic::error(
                Code::Workbook,
                at(),
                format!(
                    "`{shown}` is the form of letter number {written}, but the letter sent to `{}` is registered as number {registered}",
                    meta.recipient
                ),
            )
            .with_hint("import the form that came with the letter as registered; an older form may carry another number")
            .says("workbook-other-number", &[("file", shown), ("written", written), ("recipient", &meta.recipient), ("registered", registered)])
            .hints("workbook-other-number-hint", &[]),
        ]);
    }
    let year = meta.year;
    let existing = model
        .answers
        .get(&year)
        .and_then(|files| files.iter().find(|f| f.recipient == meta.recipient))
        .map(|f| f.path.clone());
    let answers = existing
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("data/{year}/{}.yaml", meta.recipient)));
    let mut lost_comments = Vec::new();
    let before = match &existing {
        Some(path) => {
            let text = crate::project::read_text(&root.join(path), path).map_err(|d| vec![*d])?;
            let raw = crate::project::parse_yaml(&text, path).map_err(|d| vec![*d])?;
            lost_comments = comments_after_header(&text);
            Some(AnswerDoc::from_raw(&raw, &text))
        }
        None if root.join(&answers).exists() => {
            return Err(vec![
                Diagnostic::error(
                    Code::Workbook,
                    Position::file(&answers),
                    format!(
                        "`{}` exists but cannot be read, so `{shown}` cannot be merged into it",
                        answers.display()
                    ),
                )
                .with_hint("fix the errors reported for that file first, then import again")
                .says(
                    "workbook-answers-unreadable",
                    &[("answers", &answers.display().to_string()), ("file", shown)],
                )
                .hints("workbook-answers-unreadable-hint", &[]),
            ]);
        }
        None => None,
    };
    let extension = given
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("xlsx")
        .to_lowercase();
    let kept = kept_name(
        root,
        given,
        year,
        &meta.recipient,
        &extension,
        received_day(asked_received, received, before.as_ref()),
    );
    let kept_name = kept.to_string_lossy().replace('\\', "/");
    let mut after = before.clone().unwrap_or_else(|| AnswerDoc {
        recipient: meta.recipient.clone(),
        header: vec![format!(
            "# Trả lời của {} (năm số liệu {year}), nhập từ biểu mẫu bằng `vanban import`.",
            model
                .directory
                .recipients
                .get(&meta.recipient)
                .map_or(meta.recipient.as_str(), |r| r.name.as_str())
        )],
        ..Default::default()
    });
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    if let Some(&first) = lost_comments.first() {
        let lines: Vec<String> = lost_comments.iter().map(usize::to_string).collect();
        warnings.push(
            Diagnostic::warning(
                Code::Workbook,
                Position {
                    file: answers.clone(),
                    line: first,
                    column: 1,
                },
                format!("the comments at lines {} are not kept when the import rewrites this file", lines.join(", ")),
            )
            .with_hint("move what they say into `note:` fields or the comments at the top of the file, which are kept")
            .says("workbook-comments-lost", &[("lines", &lines.join(", "))])
            .hints("workbook-comments-lost-hint", &[]),
        );
    }
    match (&returned.reply_number, &returned.reply_date) {
        (Some(number), Some(date)) => {
            after.reply = Some((
                number.value.clone(),
                date.value.format("%Y-%m-%d").to_string(),
            ));
        }
        (None, None) => {}
        (number, _) => {
            // A reply is cited by its number and date together.
            let row = if number.is_some() {
                form::REPLY_ROW + 1
            } else {
                form::REPLY_ROW
            };
            let cell = form::cell_name(row, 1);
            errors.push(
                Diagnostic::error(
                    Code::Workbook,
                    Position::file(form::place(shown, form::INFO_SHEET, Some(&cell))),
                    "the reply letter's number and date go together; one of them is empty".to_string(),
                )
                .with_hint("fill in both (the number and date of the agency's reply letter), or clear both")
                .says("workbook-reply-half", &[])
                .hints("workbook-reply-half-hint", &[]),
            );
        }
    }
    after.received = match (asked_received, &after.received) {
        (Some(day), _) => Some(day.format("%Y-%m-%d").to_string()),
        (None, Some(kept)) => Some(kept.clone()),
        (None, None) => Some(received.format("%Y-%m-%d").to_string()),
    };
    errors.extend(out_of_scope(model, &meta.recipient, returned, shown));
    let folder = given.parent().unwrap_or(Path::new("."));
    let mut copies = Vec::new();
    for a in &returned.answers {
        let sheet = form::place(&kept_name, &a.sheet, None);
        let mut entry = AnswerEntry {
            indicator: a.number,
            source: Some(sheet),
            ..Default::default()
        };
        if a.is_total() {
            let row = &a.rows[0];
            // The total keeps no unit of its own: one other than the form's would be lost.
            let expected = model
                .catalogue
                .edition_for(year)
                .and_then(|e| e.indicators.get(&a.number))
                .map(|i| i.form_unit.clone().unwrap_or_else(|| i.unit.clone()));
            if let (Some(unit), Some(expected)) = (&row.unit, &expected)
                && unit.value.trim() != expected.trim()
            {
                errors.push(
                    Diagnostic::error(
                        Code::Workbook,
                        Position::file(form::place(shown, &unit.sheet, Some(&unit.cell))),
                        format!("the unit `{}` is not the form's `{expected}`", unit.value),
                    )
                    .with_hint(format!(
                        "convert the figure to {expected} and write that unit back"
                    ))
                    .says(
                        "workbook-unit",
                        &[("unit", &unit.value), ("expected", expected)],
                    )
                    .hints("workbook-unit-hint", &[("expected", expected)]),
                );
            }
            entry.numerator = Some(row.numerator.value);
            entry.denominator = row.denominator.as_ref().map(|d| d.value);
            entry.note = row.note.as_ref().map(|n| n.value.clone());
            entry.cells = Some(Cells {
                numerator: Some(row.numerator.cell.clone()),
                denominator: row.denominator.as_ref().map(|d| d.cell.clone()),
                note: row.note.as_ref().map(|n| n.cell.clone()),
                ..Default::default()
            });
        } else {
            entry.rows = a
                .rows
                .iter()
                .map(|r| RowEntry {
                    label: r.label.value.clone(),
                    unit: r.unit.as_ref().map(|u| u.value.clone()),
                    numerator: r.numerator.value,
                    denominator: r.denominator.as_ref().map(|d| d.value),
                    note: r.note.as_ref().map(|n| n.value.clone()),
                    cells: Some(Cells {
                        label: Some(r.label.cell.clone()),
                        unit: r.unit.as_ref().map(|u| u.cell.clone()),
                        numerator: Some(r.numerator.cell.clone()),
                        denominator: r.denominator.as_ref().map(|d| d.cell.clone()),
                        note: r.note.as_ref().map(|n| n.cell.clone()),
                    }),
                })
                .collect();
        }
        let previous = after.answers.iter().position(|e| e.indicator == a.number);
        // How final budget figures are: the workbook's when it says, else as recorded.
        let kept = previous.map(|i| &after.answers[i]);
        entry.status = a
            .budget_status
            .as_ref()
            .map(|s| s.value.clone())
            .or_else(|| kept.and_then(|e| e.status.clone()));
        entry.reference_year = a
            .budget_year
            .as_ref()
            .map(|y| y.value)
            .or_else(|| kept.and_then(|e| e.reference_year));
        // Evidence the agency listed replaces what was recorded for the indicator.
        let listed: Vec<&form::ReturnedEvidence> = returned
            .evidence
            .iter()
            .filter(|e| e.indicator.value == a.number)
            .collect();
        if listed.is_empty() {
            entry.evidence = previous
                .map(|i| after.answers[i].evidence.clone())
                .unwrap_or_default();
        }
        for e in listed {
            let evidence = Evidence {
                root,
                folder,
                shown,
                kept: &kept_name,
                year,
                recipient: &meta.recipient,
            };
            entry
                .evidence
                .push(evidence.entry(e, &mut copies, &mut errors));
        }
        match previous {
            Some(i) => after.answers[i] = entry,
            None => after.answers.push(entry),
        }
    }
    // Evidence for an indicator whose sheet is empty in this workbook goes with the figures
    // already recorded; with none, it cannot be recorded and says so.
    let answered: Vec<u32> = returned.answers.iter().map(|a| a.number).collect();
    for e in returned
        .evidence
        .iter()
        .filter(|e| !answered.contains(&e.indicator.value))
    {
        let evidence = Evidence {
            root,
            folder,
            shown,
            kept: &kept_name,
            year,
            recipient: &meta.recipient,
        };
        let entry = evidence.entry(e, &mut copies, &mut errors);
        match after.answers.iter_mut().find(|a| a.indicator == e.indicator.value) {
            Some(a) => {
                if !a.evidence.iter().any(|x| x.title == entry.title && x.number == entry.number) {
                    a.evidence.push(entry);
                }
            }
            None => errors.push(
                Diagnostic::error(
                    Code::Workbook,
                    Position::file(form::place(shown, &e.title.sheet, Some(&e.title.cell))),
                    format!("evidence for indicator {:02}, which has no figures yet, cannot be recorded", e.indicator.value),
                )
                .with_hint("fill in the indicator's sheet, or remove this row")
                .says("workbook-evidence-unanswered", &[("number", &format!("{:02}", e.indicator.value))])
                .hints("workbook-evidence-unanswered-hint", &[]),
            ),
        }
    }
    for (number, sheet) in &returned.unanswered {
        let kept_figures = after.answers.iter().any(|e| e.indicator == *number);
        warnings.push(
            Diagnostic::warning(
                Code::Workbook,
                Position::file(form::place(shown, sheet, None)),
                if kept_figures {
                    format!("sheet `{sheet}` is empty: indicator {number:02} keeps the figures already recorded")
                } else {
                    format!("sheet `{sheet}` is empty: indicator {number:02} stays unanswered")
                },
            )
            .with_hint("ask the agency for the figures if they are due")
            .says(
                if kept_figures { "workbook-sheet-empty-kept" } else { "workbook-sheet-empty" },
                &[("sheet", sheet), ("number", &format!("{number:02}"))],
            )
            .hints("workbook-sheet-empty-hint", &[]),
        );
    }
    for (request, answer) in &returned.texts {
        let entry = TextEntry {
            about: request.clone(),
            answer: answer.value.clone(),
            source: Some(form::place(&kept_name, &answer.sheet, Some(&answer.cell))),
        };
        match after.texts.iter().position(|t| t.about == *request) {
            Some(i) => after.texts[i] = entry,
            None => after.texts.push(entry),
        }
    }
    // The rest is still checked, so that every problem of the workbook shows in one run.
    let has_errors = !errors.is_empty();
    warnings.extend(errors);
    Ok((
        Pending {
            given: given.to_path_buf(),
            shown: shown.to_string(),
            kept,
            answers,
            before,
            after,
            copies,
            errors: has_errors,
        },
        warnings,
    ))
}

/// Old → new per figure, as the documents write figures.
fn changes(before: Option<&AnswerDoc>, after: &AnswerDoc) -> Vec<FigureChange> {
    crate::project::reply::changes(before, after)
        .into_iter()
        .map(|(what, before, after)| FigureChange {
            what,
            before,
            after,
        })
        .collect()
}

/// Rows that name another agency of the same group (a district's form with a row for
/// another district): each agency reports its own area, and the other agency's figures would
/// be counted twice.
fn out_of_scope(
    model: &Project,
    recipient: &str,
    returned: &Returned,
    shown: &str,
) -> Vec<Diagnostic> {
    let dir = model.directory_for(returned.meta.year);
    let Some(group) = dir.recipients.get(recipient).and_then(|r| r.group.clone()) else {
        return Vec::new();
    };
    // "UBND huyện Cao Lộc" → "huyện cao lộc": what a row label would say of that area.
    let area = |name: &str| {
        let lower = name.to_lowercase();
        ["ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd "]
            .iter()
            .find_map(|p| lower.strip_prefix(p).map(str::to_string))
            .unwrap_or(lower)
    };
    let peers: Vec<(&str, String)> = dir
        .recipients
        .values()
        .filter(|r| r.id != recipient && r.group.as_deref() == Some(group.as_str()))
        .map(|r| (r.id.as_str(), area(&r.name)))
        .collect();
    let mut errors = Vec::new();
    for answer in &returned.answers {
        for row in &answer.rows {
            let label = row.label.value.to_lowercase();
            if let Some((other, _)) = peers.iter().find(|(_, a)| label.contains(a.as_str())) {
                errors.push(
                    Diagnostic::error(
                        Code::Workbook,
                        Position::file(form::place(shown, &row.label.sheet, Some(&row.label.cell))),
                        format!("row `{}` is the area of `{other}`, not of `{recipient}`", row.label.value),
                    )
                    .with_hint(format!("each agency reports its own area: `{other}` gives these figures in its own form; remove the row"))
                    .says("workbook-out-of-scope", &[("label", &row.label.value), ("other", other), ("recipient", recipient)])
                    .hints("workbook-out-of-scope-hint", &[("other", other)]),
                );
            }
        }
    }
    errors
}
