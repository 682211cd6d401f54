//! Registration (`vanban register`): the văn thư gives a signed letter its number and date.
//! The letter's YAML is edited as text (comments and layout kept), the letter is rebuilt, and
//! the registration is appended to the year's outgoing register (sổ đăng ký văn bản đi),
//! `data/so-dang-ky-di/<year>.csv`, which `build` also renders as a PDF table.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Position};

/// Folder of the outgoing registers, one CSV per calendar year.
pub const DIR: &str = "data/so-dang-ky-di";

/// One row of the outgoing register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Số, as printed ("05").
    pub number: String,
    /// Ngày tháng, "dd/mm/yyyy".
    pub date: String,
    /// Ký hiệu, e.g. "STNMT-BVMT".
    pub symbol: String,
    /// Trích yếu.
    pub subject: String,
    /// Nơi nhận.
    pub recipients: String,
    /// Người ký.
    pub signer: String,
    /// The letter file.
    pub letter: String,
}

/// The register of a calendar year, in registration order.
pub fn read(root: &Path, year: i32) -> Result<Vec<Entry>, String> {
    let path = root.join(DIR).join(format!("{year}.csv"));
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut reader = csv::Reader::from_path(&path)
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    reader
        .deserialize()
        .collect::<Result<Vec<Entry>, _>>()
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

/// Every register kept in the project, by year.
pub fn years(root: &Path) -> Vec<i32> {
    let mut years: Vec<i32> = std::fs::read_dir(root.join(DIR))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| e.path().file_stem()?.to_str()?.parse().ok())
        .filter(|y| (1900..=2999).contains(y))
        .collect();
    years.sort();
    years
}

fn write(root: &Path, year: i32, entries: &[Entry]) -> Result<(), String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for e in entries {
        writer.serialize(e).map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    let path = root.join(DIR).join(format!("{year}.csv"));
    crate::output::write_atomic(&path, &bytes)
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// What the letter file says about registration: its number line, if any.
fn number_in(text: &str) -> Option<u32> {
    text.lines()
        .find(|l| l.starts_with("number:"))
        .and_then(|l| {
            l["number:".len()..]
                .trim()
                .trim_matches(['"', '\''])
                .parse()
                .ok()
        })
}

/// The letter text with `number` and `date` set, everything else as it was.
pub fn stamp(text: &str, number: u32, date: NaiveDate) -> String {
    let date_line = format!("date: \"{}\"", date.format("%Y-%m-%d"));
    let mut out = Vec::new();
    let mut has_number = false;
    for line in text.lines() {
        if line.starts_with("number:") {
            out.push(format!("number: {number}"));
            has_number = true;
        } else if line.starts_with("date:") {
            out.push(date_line.clone());
        } else {
            out.push(line.to_string());
        }
    }
    if !has_number {
        // Right after the data year, where a reader expects it.
        let at = out
            .iter()
            .position(|l| l.starts_with("data_year:"))
            .map_or(0, |i| i + 1);
        out.insert(at, format!("number: {number}"));
    }
    out.join("\n") + "\n"
}

/// What a registration did.
#[derive(Debug)]
pub struct Registered {
    /// The register row.
    pub entry: Entry,
    /// Whether the row was new (false when the same registration was repeated).
    pub appended: bool,
    /// The rebuild that followed.
    pub build: crate::Report,
}

/// Registers `letter` (a path relative to the project root) with `number` and `date`.
pub fn register(
    root: &Path,
    letter: &Path,
    number: u32,
    date: NaiveDate,
) -> Result<Registered, Vec<Diagnostic>> {
    let fail = |message: String, hint: &str| {
        vec![Diagnostic::error(Position::file(letter), message).with_hint(hint)]
    };
    if number == 0 {
        return Err(fail(
            "number 0 is not a register number".into(),
            "numbers start at 1 each calendar year",
        ));
    }
    let path = root.join(letter);
    let original = crate::project::read_text(&path, letter).map_err(|d| vec![*d])?;
    if let Some(existing) = number_in(&original)
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
    let mut entries = read(root, year).map_err(|m| fail(m, "fix or restore the register file"))?;
    let letter_key = letter.to_string_lossy().replace('\\', "/");
    if let Some(other) = entries
        .iter()
        .find(|e| e.number == format!("{number:02}") && e.letter != letter_key)
    {
        return Err(fail(
            format!(
                "number {number:02} of {year} is already given to `{}`",
                other.letter
            ),
            "numbers run once per calendar year; take the next free number",
        ));
    }

    // Stamp the letter, and put it back as it was if it does not build any more.
    let stamped = stamp(&original, number, date);
    crate::output::write_atomic(&path, stamped.as_bytes())
        .map_err(|e| fail(format!("cannot write: {e}"), "check the file's permissions"))?;
    let (jobs, diags) = crate::prepare(root);
    let errors: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| d.is_error() && d.position.file == letter)
        .collect();
    // The combined letter (out/<year>/<id>.pdf) names every recipient; else the first one.
    let job = jobs
        .iter()
        .find(|j| j.source == letter && j.output.components().count() == 2)
        .or_else(|| jobs.iter().find(|j| j.source == letter));
    let Some(job) = job.filter(|_| errors.is_empty()) else {
        let _ = crate::output::write_atomic(&path, original.as_bytes());
        let mut errors = errors;
        if errors.is_empty() {
            errors = fail(
                format!("`{}` produces no document to register", letter.display()),
                "check that it is a letter in letters/",
            );
        }
        return Err(errors);
    };
    let data = &job.data;
    let lines = |v: &serde_json::Value| {
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    };
    let entry = Entry {
        number: format!("{number:02}"),
        date: date.format("%d/%m/%Y").to_string(),
        symbol: data["symbol"].as_str().unwrap_or_default().to_string(),
        subject: data["subject"].as_str().unwrap_or_default().to_string(),
        recipients: lines(&data["addressees"]),
        signer: data["signature"]["name"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        letter: letter_key,
    };
    let appended = !entries.contains(&entry);
    if appended {
        entries.push(entry.clone());
        write(root, year, &entries)
            .map_err(|m| fail(m, "check the permissions of data/so-dang-ky-di/"))?;
    }
    let build = crate::build(root, &root.join("out"), &|_| {});
    Ok(Registered {
        entry,
        appended,
        build,
    })
}

/// Where the register of `year` is rendered.
pub fn output(year: i32) -> PathBuf {
    PathBuf::from(format!("{year}/so-dang-ky-van-ban-di.pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamping_sets_number_and_date_and_keeps_the_rest() {
        let text = "# Công văn\nkind: cong-van\ndata_year: 2022\ndate: \"2023-02\"\n# hạn\ndeadline: \"2023-02-28\"\n";
        let date = NaiveDate::from_ymd_opt(2023, 2, 5).unwrap();
        assert_eq!(
            stamp(text, 5, date),
            "# Công văn\nkind: cong-van\ndata_year: 2022\nnumber: 5\ndate: \"2023-02-05\"\n# hạn\ndeadline: \"2023-02-28\"\n"
        );
        assert_eq!(number_in(&stamp(text, 12, date)), Some(12));
    }
}
