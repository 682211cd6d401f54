//! `vanban register`: the văn thư gives a signed letter its number and date. The letter's
//! YAML is stamped as text (comments and layout kept), the letter is rebuilt, and the
//! registration is appended to the year's outgoing register, which `build` renders too.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::RunReport;
use super::signed::fill_signed;
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::plan::{DocKind, Job};
use crate::project::{self, register};
use crate::render::data::Frame;
use crate::render::vi;

pub use crate::project::register::Entry;

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
        .with_hint("numbers start at 1 each calendar year and count the documents issued")
        .says(
            "registering-not-a-number",
            &[("number", &number.to_string())],
        )
        .hints("registering-not-a-number-hint", &[]),
    ])
}

/// The error for a lock on the output folder that cannot be taken (another run holds it).
fn lock_error(letter: &Path, e: &crate::Error) -> Diagnostic {
    let error = Diagnostic::error(Code::Register, Position::file(letter), e.to_string())
        .with_hint("wait for the other run, then register again")
        .hints("registering-locked-hint", &[]);
    match e {
        crate::Error::Locked { pid, out } => error.says(
            "registering-locked",
            &[
                ("pid", &pid.to_string()),
                ("out", &out.display().to_string()),
            ],
        ),
        // The output folder cannot be made or written: the error's own words.
        _ => error,
    }
}

/// The error for number `n` of `year` that is already held by `other`: a row typed into the
/// register, another letter, or (for `document` of the letter `letter_key`) another document
/// of the same letter. Without `document`, the number of the letter itself.
fn number_taken(
    letter: &Path,
    n: u32,
    year: i32,
    document: Option<&str>,
    other: &Entry,
    letter_key: &str,
) -> Diagnostic {
    let holder = if other.letter.is_empty() {
        format!("“{}” (a row typed into the register)", other.subject)
    } else if document.is_some() && other.letter == letter_key {
        format!("`{}` of this letter", other.document)
    } else {
        format!("`{}`", other.letter)
    };
    let message = match document {
        Some(document) => {
            format!("number {n:02} of {year}, for `{document}`, is already given to {holder}")
        }
        None => format!("number {n:02} of {year} is already given to {holder}"),
    };
    let error = Diagnostic::error(Code::Register, Position::file(letter), message);
    let (number, year) = (format!("{n:02}"), year.to_string());
    match document {
        None if other.letter.is_empty() => error.says(
            "registering-number-taken-by-row",
            &[
                ("number", &number),
                ("year", &year),
                ("subject", &other.subject),
            ],
        ),
        None => error.says(
            "registering-number-taken",
            &[
                ("number", &number),
                ("year", &year),
                ("other", &other.letter),
            ],
        ),
        Some(document) if other.letter.is_empty() => error.says(
            "registering-document-number-taken-by-row",
            &[
                ("number", &number),
                ("year", &year),
                ("document", document),
                ("subject", &other.subject),
            ],
        ),
        Some(document) if other.letter == letter_key => error.says(
            "registering-document-number-taken-here",
            &[
                ("number", &number),
                ("year", &year),
                ("document", document),
                ("other", &other.document),
            ],
        ),
        Some(document) => error.says(
            "registering-document-number-taken",
            &[
                ("number", &number),
                ("year", &year),
                ("document", document),
                ("other", &other.letter),
            ],
        ),
    }
}

/// The body whose register numbers `letter`'s documents: the id of the letter's `issuer`
/// (data/issuers.yaml) as written, even in a letter with errors (reported before anything is
/// numbered), `None` for the agency. ND 30 Điều 15: each body numbers the documents it issues.
fn keeper_of(root: &Path, letter: &Path) -> Option<String> {
    let (raw, _) = crate::project::load(root);
    let letter = raw.letters.into_iter().find(|l| l.path == letter)?;
    letter.value.issuer.map(|i| i.value.trim().to_string())
}

/// Registers `letter` (a path relative to the project root) with `number` and `date`, in the
/// register of the body that issues it (the agency's, or that of its `issuer`).
pub fn register(
    root: &Path,
    letter: &Path,
    number: u32,
    date: NaiveDate,
) -> Result<Registered, Vec<Diagnostic>> {
    let fail = |message: String, hint: &str| {
        Diagnostic::error(Code::Register, Position::file(letter), message).with_hint(hint)
    };
    register_number(letter, number)?;
    let path = root.join(letter);
    let original = project::read_text(&path, letter).map_err(|d| vec![*d])?;
    if let Some(existing) = register::number_in(&original)
        && existing != number
    {
        return Err(vec![
            fail(
                format!(
                    "`{}` is already registered as number {existing:02}",
                    letter.display()
                ),
                "a letter keeps the number it was issued with; register a new letter instead",
            )
            .says(
                "registering-already-numbered",
                &[
                    ("letter", &letter.display().to_string()),
                    ("number", &format!("{existing:02}")),
                ],
            )
            .hints("registering-already-numbered-hint", &[]),
        ]);
    }
    let year = date.year();
    let keeper = keeper_of(root, letter);
    let keeper = keeper.as_deref();
    // The reader's message is its own; the hint is in the catalogue.
    let mut entries = register::read(root, keeper, year).map_err(|m| {
        vec![
            fail(m, "fix or restore the register file")
                .hints("registering-register-unreadable-hint", &[]),
        ]
    })?;
    let letter_key = letter.to_string_lossy().replace('\\', "/");
    // Numbers are compared as numbers: 6, 06 and 6.0 (as a spreadsheet saves it) are one.
    if let Some(other) = entries
        .iter()
        .find(|e| register::parse_number(&e.number) == Some(number) && e.letter != letter_key)
    {
        return Err(vec![
            number_taken(letter, number, year, None, other, &letter_key)
                .with_hint("numbers run once per calendar year; take the next free number")
                .hints("registering-number-taken-hint", &[]),
        ]);
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
    crate::output::write_atomic(&path, stamped.as_bytes()).map_err(|e| {
        vec![
            fail(format!("cannot write: {e}"), "check the file's permissions")
                .says("registering-cannot-stamp", &[("cause", &e.to_string())])
                .hints("registering-cannot-stamp-hint", &[]),
        ]
    })?;
    // Puts the letter back as it was; a failure to do so is said, never swallowed.
    let restore = |errors: &mut Vec<Diagnostic>| {
        if let Err(e) = crate::output::write_atomic(&path, original.as_bytes()) {
            errors.push(
                fail(
                    format!(
                        "`{}` was stamped with number {number:02} but could not be put back: {e}",
                        letter.display()
                    ),
                    "remove `number:` and restore `date:` in the file by hand",
                )
                .says(
                    "registering-not-restored",
                    &[
                        ("letter", &letter.display().to_string()),
                        ("number", &format!("{number:02}")),
                        ("cause", &e.to_string()),
                    ],
                )
                .hints("registering-not-restored-hint", &[]),
            );
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
                    DocKind::Combined | DocKind::PerAgency | DocKind::Report | DocKind::ToTrinh
                )
        })
        .collect();
    if errors.is_empty() && documents.is_empty() {
        errors = vec![
            fail(
                format!("`{}` produces no document to register", letter.display()),
                "check that it is a letter in letters/",
            )
            .says(
                "registering-no-document",
                &[("letter", &letter.display().to_string())],
            )
            .hints("registering-no-document-hint", &[]),
        ];
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
    let rows = match numbered_rows(&documents, number, date, letter, &entries, own) {
        Ok(rows) => rows,
        Err(taken) => {
            let mut errors = vec![
                taken
                    .with_hint("a letter and each of its per-agency letters take consecutive free numbers; start from a number after the last one given")
                    .hints("registering-numbers-run-hint", &[]),
            ];
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
    let csv = root.join(register::file(keeper, year));
    let previous_csv = std::fs::read(&csv).ok();
    // Puts the register back as it was, with the letter: nothing half-registered.
    let undo = |errors: &mut Vec<Diagnostic>| {
        restore(errors);
        let back = match &previous_csv {
            Some(bytes) => crate::output::write_atomic(&csv, bytes),
            None => std::fs::remove_file(&csv),
        };
        if let Err(e) = back {
            errors.push(
                fail(
                    format!(
                        "the register `{}` could not be put back: {e}",
                        csv.display()
                    ),
                    "remove this registration's rows from the register by hand",
                )
                .says(
                    "registering-register-not-restored",
                    &[
                        ("register", &csv.display().to_string()),
                        ("cause", &e.to_string()),
                    ],
                )
                .hints("registering-register-not-restored-hint", &[]),
            );
        }
    };
    if appended && let Err(e) = crate::output::write_atomic(&csv, &register::to_csv(&entries)) {
        let mut errors = vec![
            fail(
                format!("cannot write `{}`: {e}", csv.display()),
                "check the permissions of data/so-dang-ky-di/",
            )
            .says(
                "registering-cannot-write-register",
                &[
                    ("register", &csv.display().to_string()),
                    ("cause", &e.to_string()),
                ],
            )
            .hints("registering-cannot-write-register-hint", &[]),
        ];
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
            let mut errors = vec![lock_error(letter, &e)];
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
    let file = register::file(keeper, year);
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
/// The register rows of `documents` of `letter`, numbered from `number` in their order and
/// dated `date` (ND 30 Điều 15: each document its own number); or the error (without a hint)
/// naming the first document whose number is already held, and by what: a document of
/// another letter, a row typed into the register, or another document of this letter.
/// `own(entry, document, k)` tells the rows this registration may replace.
fn numbered_rows(
    documents: &[&Job],
    number: u32,
    date: NaiveDate,
    letter: &Path,
    entries: &[Entry],
    own: impl Fn(&Entry, &str, usize) -> bool,
) -> Result<Vec<Entry>, Diagnostic> {
    let letter_key = letter.to_string_lossy().replace('\\', "/");
    let letter_key = letter_key.as_str();
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
            return Err(number_taken(
                letter,
                n,
                date.year(),
                Some(document.as_str()),
                other,
                letter_key,
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
        Diagnostic::error(Code::Register, Position::file(letter), message).with_hint(hint)
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
        return Err(vec![
            fail(
                format!(
                    "`{}` has no follow-up letters on {}",
                    letter.display(),
                    vi::date(as_of)
                ),
                "run `vanban remind --as-of` for that day first; only agencies that still owe items get one",
            )
            .says(
                "registering-no-follow-ups",
                &[("letter", &letter.display().to_string()), ("date", &vi::date(as_of))],
            )
            .hints("registering-no-follow-ups-hint", &[]),
        ]);
    }
    let year = as_of.year();
    // A follow-up of another body's letter is that body's document, in its register.
    let keeper = keeper_of(root, letter);
    let keeper = keeper.as_deref();
    // The reader's message is its own; the hint is in the catalogue.
    let mut entries = register::read(root, keeper, year).map_err(|m| {
        vec![
            fail(m, "fix or restore the register file")
                .hints("registering-register-unreadable-hint", &[]),
        ]
    })?;
    let letter_key = letter.to_string_lossy().replace('\\', "/");
    let own =
        |e: &Entry, document: &str, _: usize| e.letter == letter_key && e.document == document;
    let rows = numbered_rows(&documents, number, as_of, letter, &entries, own).map_err(|taken| {
        vec![
            taken
                .with_hint(
                    "the follow-up letters take consecutive free numbers; start after the last one given",
                )
                .hints("registering-follow-up-numbers-hint", &[]),
        ]
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
        let file = register::file(keeper, year);
        crate::output::write_atomic(&root.join(&file), &register::to_csv(&entries)).map_err(
            |e| {
                let shown = root.join(&file).display().to_string();
                vec![
                    fail(
                        format!("cannot write `{shown}`: {e}"),
                        "check the permissions of data/so-dang-ky-di/",
                    )
                    .says(
                        "registering-cannot-write-register",
                        &[("register", &shown), ("cause", &e.to_string())],
                    )
                    .hints("registering-cannot-write-register-hint", &[]),
                ]
            },
        )?;
    }
    let out = root.join("out");
    let (numbered, _) = super::remind::documents(root, as_of);
    let warnings = {
        let _lock = crate::output::lock::lock(&out).map_err(|e| vec![lock_error(letter, &e)])?;
        fill_signed(&out, letter, &numbered, &rows, as_of, None)?
    };
    let mut build = super::remind::remind_year(root, &out, as_of, None, &|_| {});
    // The follow-ups' own warnings (who owes what) are what they are about.
    build.diagnostics.retain(|d| d.is_error());
    build.diagnostics.extend(warnings);
    for warning in register::order_warnings(&entries, &register::file(keeper, year)) {
        build.diagnostics.push(warning);
    }
    Ok(Registered {
        entry: rows[0].clone(),
        entries: rows,
        appended,
        build,
    })
}
