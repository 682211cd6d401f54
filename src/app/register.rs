//! `vanban register`: the văn thư gives a signed letter its number and date. The letter's
//! YAML is stamped as text (comments and layout kept), the letter is rebuilt, and the
//! registration is appended to the year's outgoing register, which `build` renders too.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::RunReport;
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::plan::{DocKind, Job};
use crate::project::{self, register};
use crate::render::data::Frame;
use crate::render::vi;

pub use crate::project::register::Entry;

use crate::manifest;
use crate::output::signature;

/// The (year, month) a letter prints with a blank day ("date: 2023-02"), from its text.
fn blank_day(text: &str) -> Option<(i32, u32)> {
    let line = text.lines().find(|l| l.starts_with("date:"))?;
    let value = crate::project::value_part(line)["date:".len()..]
        .trim()
        .trim_matches(['"', '\'']);
    let (year, month) = value.split_once('-')?;
    (month.len() == 2).then_some(())?;
    Some((year.parse().ok()?, month.parse().ok()?))
}

/// The letter file `given` names, relative to the project root: a path relative to the
/// current folder or to the project, an absolute one, or a letter's id (its file name
/// without `.yaml`). Returned as given when nothing matches (the registration then says so).
pub fn resolve_letter(root: &Path, given: &Path) -> std::path::PathBuf {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let inside = |p: &Path| {
        p.canonicalize()
            .ok()
            .and_then(|c| c.strip_prefix(&canonical_root).ok().map(Path::to_path_buf))
    };
    if (given.is_absolute() || given.exists())
        && let Some(rel) = inside(given)
    {
        return rel;
    }
    if root.join(given).is_file() {
        return given.to_path_buf();
    }
    let id = given.to_string_lossy();
    if !id.contains(['/', '\\']) {
        let wanted = format!("{}.yaml", id.trim_end_matches(".yaml"));
        let found: Vec<std::path::PathBuf> = walkdir::WalkDir::new(root.join("letters"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy() == wanted)
            .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
            .collect();
        if let [only] = found.as_slice() {
            return only.clone();
        }
    }
    given.to_path_buf()
}

/// What a registration did.
#[derive(Debug)]
pub struct Registered {
    /// The register row of the letter itself (the combined letter, or the report).
    pub entry: Entry,
    /// Every row of this registration: the letter's, then each per-agency letter's.
    pub entries: Vec<Entry>,
    /// Whether the row was new (false when the same registration was repeated).
    pub appended: bool,
    /// The rebuild that followed.
    pub build: RunReport,
}

/// A number the register can hold: 1 to 99 999 (ND 30 Điều 15: numbered from 01 each
/// calendar year); else the error for `letter`.
fn register_number(letter: &Path, number: u32) -> Result<(), Vec<Diagnostic>> {
    if (1..=99_999).contains(&number) {
        return Ok(());
    }
    Err(vec![
        Diagnostic::error(
            Code::Register,
            Position::file(letter),
            format!("number {number} is not a register number"),
        )
        .with_hint("numbers start at 1 each calendar year and count the documents issued"),
    ])
}

/// Registers `letter` (a path relative to the project root) with `number` and `date`.
pub fn register(
    root: &Path,
    letter: &Path,
    number: u32,
    date: NaiveDate,
) -> Result<Registered, Vec<Diagnostic>> {
    let fail = |message: String, hint: &str| {
        vec![Diagnostic::error(Code::Register, Position::file(letter), message).with_hint(hint)]
    };
    register_number(letter, number)?;
    let path = root.join(letter);
    let original = project::read_text(&path, letter).map_err(|d| vec![*d])?;
    if let Some(existing) = register::number_in(&original)
        && existing != number
    {
        return Err(fail(
            format!(
                "`{}` is already registered as number {existing:02}",
                letter.display()
            ),
            "a letter keeps the number it was issued with; register a new letter instead",
        ));
    }
    let year = date.year();
    let mut entries =
        register::read(root, year).map_err(|m| fail(m, "fix or restore the register file"))?;
    let letter_key = letter.to_string_lossy().replace('\\', "/");
    // Numbers are compared as numbers: 6, 06 and 6.0 (as a spreadsheet saves it) are one.
    if let Some(other) = entries
        .iter()
        .find(|e| register::parse_number(&e.number) == Some(number) && e.letter != letter_key)
    {
        let holder = if other.letter.is_empty() {
            format!("“{}” (a row typed into the register)", other.subject)
        } else {
            format!("`{}`", other.letter)
        };
        return Err(fail(
            format!("number {number:02} of {year} is already given to {holder}"),
            "numbers run once per calendar year; take the next free number",
        ));
    }

    // Problems of the letter as it is are reported first, at its own lines.
    let (_, before) = super::documents(root, false);
    let broken: Vec<Diagnostic> = before
        .into_iter()
        .filter(|d| d.is_error() && d.position.file == letter)
        .collect();
    if !broken.is_empty() {
        return Err(broken);
    }
    // Stamp the letter, and put it back as it was if it does not build any more.
    let stamped = register::stamp(&original, number, date);
    crate::output::write_atomic(&path, stamped.as_bytes())
        .map_err(|e| fail(format!("cannot write: {e}"), "check the file's permissions"))?;
    // Puts the letter back as it was; a failure to do so is said, never swallowed.
    let restore = |errors: &mut Vec<Diagnostic>| {
        if let Err(e) = crate::output::write_atomic(&path, original.as_bytes()) {
            errors.extend(fail(
                format!(
                    "`{}` was stamped with number {number:02} but could not be put back: {e}",
                    letter.display()
                ),
                "remove `number:` and restore `date:` in the file by hand",
            ));
        }
    };
    let (jobs, diags) = super::documents(root, false);
    let mut errors: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| d.is_error() && d.position.file == letter)
        .collect();
    // Every document of the letter is a document of its own (ND 30 Điều 15.1): the combined
    // letter (or the report) takes `number`, each per-agency letter the next ones, in order.
    let documents: Vec<&Job> = jobs
        .iter()
        .filter(|j| {
            j.source == letter
                && matches!(
                    j.kind,
                    DocKind::Combined | DocKind::PerAgency | DocKind::Report
                )
        })
        .collect();
    if errors.is_empty() && documents.is_empty() {
        errors = fail(
            format!("`{}` produces no document to register", letter.display()),
            "check that it is a letter in letters/",
        );
    }
    if !errors.is_empty() {
        restore(&mut errors);
        return Err(errors);
    }
    // Its own rows (a corrected date) may be replaced; a row from before documents were
    // recorded stands for the first document.
    let own = |e: &Entry, document: &str, k: usize| {
        e.letter == letter_key && (e.document == document || (e.document.is_empty() && k == 0))
    };
    let rows = match numbered_rows(&documents, number, date, &letter_key, &entries, own) {
        Ok(rows) => rows,
        Err(message) => {
            let mut errors = fail(
                message,
                "a letter and each of its per-agency letters take consecutive free numbers; start from a number after the last one given",
            );
            restore(&mut errors);
            return Err(errors);
        }
    };
    let entry = rows.first().cloned().expect("a document to register");
    let mut appended = false;
    for row in &rows {
        // The same document registered again (a corrected date) replaces its row.
        let same = entries.iter().position(|e| {
            e.letter == row.letter
                && (e.document == row.document
                    || (e.document.is_empty() && row.number == entry.number))
        });
        if !entries.contains(row) {
            appended = true;
            match same {
                Some(i) => entries[i] = row.clone(),
                None => entries.push(row.clone()),
            }
        }
    }
    let csv = root.join(register::file(year));
    let previous_csv = std::fs::read(&csv).ok();
    // Puts the register back as it was, with the letter: nothing half-registered.
    let undo = |errors: &mut Vec<Diagnostic>| {
        restore(errors);
        let back = match &previous_csv {
            Some(bytes) => crate::output::write_atomic(&csv, bytes),
            None => std::fs::remove_file(&csv),
        };
        if let Err(e) = back {
            errors.extend(fail(
                format!(
                    "the register `{}` could not be put back: {e}",
                    csv.display()
                ),
                "remove this registration's rows from the register by hand",
            ));
        }
    };
    if appended && let Err(e) = crate::output::write_atomic(&csv, &register::to_csv(&entries)) {
        let mut errors = fail(
            format!("cannot write `{}`: {e}", csv.display()),
            "check the permissions of data/so-dang-ky-di/",
        );
        restore(&mut errors);
        return Err(errors);
    }
    // Documents signed since they were built: the number and the day go into their fields;
    // they are not rendered again (that would break the leader's signature).
    let out = root.join("out");
    let (numbered, _) = super::documents(root, false);
    let filled = {
        // Two runs must not write into out/ at once.
        let _lock = crate::output::lock::lock(&out).map_err(|e| {
            let mut errors = fail(
                format!("{e}"),
                "wait for the other run, then register again",
            );
            undo(&mut errors);
            errors
        })?;
        fill_signed(&out, letter, &numbered, &rows, date, blank_day(&original))
    };
    let warnings = match filled {
        Ok(warnings) => warnings,
        Err(mut errors) => {
            undo(&mut errors);
            return Err(errors);
        }
    };
    let mut build = super::build::build(root, &out, &|_| {});
    build.diagnostics.extend(warnings);
    let file = register::file(year);
    for warning in register::order_warnings(&entries, &file) {
        if !build.diagnostics.contains(&warning) {
            build.diagnostics.push(warning);
        }
    }
    Ok(Registered {
        entry,
        entries: rows,
        appended,
        build,
    })
}

/// The register row of one document: its number, the letter's date, its own addressees and
/// "Nơi nhận", the kept copy and the number of copies (ND 30 Phụ lục IV).
/// The register rows of `documents`, numbered from `number` in their order and dated `date`
/// (ND 30 Điều 15: each document its own number); or the message naming the first document
/// whose number is already held, and by what: a document of another letter, a row typed into
/// the register, or another document of this letter. `own(entry, document, k)` tells the
/// rows this registration may replace.
fn numbered_rows(
    documents: &[&Job],
    number: u32,
    date: NaiveDate,
    letter_key: &str,
    entries: &[Entry],
    own: impl Fn(&Entry, &str, usize) -> bool,
) -> Result<Vec<Entry>, String> {
    let mut rows = Vec::new();
    for (k, job) in documents.iter().enumerate() {
        let Some(frame) = job.data.frame() else {
            continue;
        };
        let Some(n) = u32::try_from(k).ok().and_then(|k| number.checked_add(k)) else {
            continue;
        };
        let document = job.output.to_string_lossy().replace('\\', "/");
        if let Some(other) = entries
            .iter()
            .find(|e| register::parse_number(&e.number) == Some(n) && !own(e, &document, k))
        {
            let holder = if other.letter.is_empty() {
                format!("“{}” (a row typed into the register)", other.subject)
            } else if other.letter == letter_key {
                format!("`{}` of this letter", other.document)
            } else {
                format!("`{}`", other.letter)
            };
            return Err(format!(
                "number {n:02} of {}, for `{document}`, is already given to {holder}",
                date.year()
            ));
        }
        rows.push(entry_of(frame, n, date, letter_key, &document));
    }
    Ok(rows)
}

fn entry_of(frame: &Frame, number: u32, date: NaiveDate, letter: &str, document: &str) -> Entry {
    Entry {
        number: vi::number_text(number),
        date: vi::date(date),
        symbol: frame.symbol.clone(),
        subject: match frame.kind {
            "bao-cao" => format!("Báo cáo {}", frame.subject),
            _ => format!("Công văn V/v {}", frame.subject),
        },
        recipients: frame
            .addressees
            .iter()
            .chain(
                frame
                    .cc
                    .iter()
                    .filter(|c| !c.contains("Như trên") && !c.contains("Lưu:")),
            )
            .map(|l| {
                l.trim_start_matches("- ")
                    .trim_end_matches([';', '.'])
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("; "),
        archive: frame
            .cc
            .iter()
            .find_map(|c| c.strip_prefix("- Lưu: "))
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_string(),
        copies: (frame.addressees.len()
            + frame.cc.iter().filter(|c| !c.contains("Như trên")).count())
        .to_string(),
        sent: String::new(),
        receipt: String::new(),
        note: String::new(),
        signer: frame.signature.name.clone(),
        letter: letter.to_string(),
        document: document.to_string(),
    }
}

/// Fills the number (and the blank day) into the fields of every document of `letter` in
/// `jobs` whose PDF in `out` has been signed since it was built, as an incremental update,
/// and records the filled files in the manifest so no build replaces them. `rows` give each
/// document's number; `blank_day` is the month a letter prints with its day left blank.
fn fill_signed(
    out: &Path,
    letter: &Path,
    jobs: &[Job],
    rows: &[Entry],
    date: NaiveDate,
    blank_day: Option<(i32, u32)>,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let mut warnings = Vec::new();
    let fail = |message: String, hint: &str| {
        vec![Diagnostic::error(Code::Register, Position::file(letter), message).with_hint(hint)]
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
            return Err(fail(
                format!(
                    "the signed `{document}` prints tháng {m:02} năm {y}; it cannot be dated {}",
                    vi::date(date)
                ),
                "register it in the month it prints, or render it again and have it signed again",
            ));
        }
        let mut values = vec![(signature::NUMBER_FIELD, row.number.clone(), false)];
        if blank_day.is_some() {
            values.push((signature::DAY_FIELD, format!("{:02}", date.day()), true));
        }
        let Some(filled) = signature::fill::fill_text_fields(signed, &values).map_err(|why| {
            fail(
                format!("`{document}` is signed but its number cannot be filled in: {why}"),
                "render it again, have it signed again, then register it",
            )
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
                .with_hint("a PDF built by this vanban has the fields; sign that one to have the number filled in"),
            );
            continue;
        };
        crate::output::write_atomic(&out.join(&job.output), &filled).map_err(|e| {
            fail(
                format!("cannot write `{}`: {e}", out.join(&job.output).display()),
                "check the permissions of the output folder",
            )
        })?;
        let mut recorded = manifest::load(out);
        if let Some(entry) = recorded.documents.get_mut(&document) {
            entry.input = crate::fingerprint::fingerprint(job.input());
            entry.pdf = crate::fingerprint::fingerprint(&filled);
            entry.stamp = manifest::stamp(&out.join(&job.output));
            if let Err(e) = manifest::save(out, &recorded) {
                return Err(fail(
                    format!("cannot record the filled `{document}`: {e}"),
                    "check the permissions of the output folder",
                ));
            }
        }
    }
    Ok(warnings)
}

/// Registers the follow-up letters of `letter` dated `as_of` (as `vanban remind --as-of`
/// writes them): each takes the next number from `number`, one register row each, dated
/// `as_of`; the follow-ups are written again with their numbers (a signed one has them
/// filled into its fields instead).
pub fn register_reminders(
    root: &Path,
    letter: &Path,
    as_of: NaiveDate,
    number: u32,
) -> Result<Registered, Vec<Diagnostic>> {
    let fail = |message: String, hint: &str| {
        vec![Diagnostic::error(Code::Register, Position::file(letter), message).with_hint(hint)]
    };
    register_number(letter, number)?;
    let (jobs, diags) = super::remind::documents(root, as_of);
    let errors: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| d.is_error() && d.position.file == letter)
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let documents: Vec<&Job> = jobs
        .iter()
        .filter(|j| j.source == letter && j.kind == DocKind::Reminder)
        .collect();
    if documents.is_empty() {
        return Err(fail(
            format!(
                "`{}` has no follow-up letters on {}",
                letter.display(),
                vi::date(as_of)
            ),
            "run `vanban remind --as-of` for that day first; only agencies that still owe items get one",
        ));
    }
    let year = as_of.year();
    let mut entries =
        register::read(root, year).map_err(|m| fail(m, "fix or restore the register file"))?;
    let letter_key = letter.to_string_lossy().replace('\\', "/");
    let own =
        |e: &Entry, document: &str, _: usize| e.letter == letter_key && e.document == document;
    let rows = numbered_rows(&documents, number, as_of, &letter_key, &entries, own).map_err(|m| {
        fail(
            m,
            "the follow-up letters take consecutive free numbers; start after the last one given",
        )
    })?;
    let mut appended = false;
    for row in &rows {
        if !entries.contains(row) {
            appended = true;
            match entries
                .iter()
                .position(|e| e.letter == row.letter && e.document == row.document)
            {
                Some(i) => entries[i] = row.clone(),
                None => entries.push(row.clone()),
            }
        }
    }
    if appended {
        let file = register::file(year);
        crate::output::write_atomic(&root.join(&file), &register::to_csv(&entries)).map_err(
            |e| {
                fail(
                    format!("cannot write `{}`: {e}", root.join(&file).display()),
                    "check the permissions of data/so-dang-ky-di/",
                )
            },
        )?;
    }
    let out = root.join("out");
    let (numbered, _) = super::remind::documents(root, as_of);
    let warnings = {
        let _lock = crate::output::lock::lock(&out).map_err(|e| {
            fail(
                format!("{e}"),
                "wait for the other run, then register again",
            )
        })?;
        fill_signed(&out, letter, &numbered, &rows, as_of, None)?
    };
    let mut build = super::remind::remind_year(root, &out, as_of, None, &|_| {});
    // The follow-ups' own warnings (who owes what) are what they are about.
    build.diagnostics.retain(|d| d.is_error());
    build.diagnostics.extend(warnings);
    for warning in register::order_warnings(&entries, &register::file(year)) {
        build.diagnostics.push(warning);
    }
    Ok(Registered {
        entry: rows[0].clone(),
        entries: rows,
        appended,
        build,
    })
}
