//! The outgoing register on disk (sổ đăng ký văn bản đi, ND 30 Phụ lục IV):
//! `data/so-dang-ky-di/<year>.csv`, one row per registered document, and the edit that
//! writes a registration's number and date into the letter's YAML as text (comments and
//! layout kept).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};


/// Folder of the outgoing registers, one CSV per calendar year.
pub(crate) const DIR: &str = "data/so-dang-ky-di";

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
pub(crate) fn read(root: &Path, year: i32) -> Result<Vec<Entry>, String> {
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
pub(crate) fn years(root: &Path) -> Vec<i32> {
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

/// The register file of `year`, relative to the project root.
pub(crate) fn file(year: i32) -> PathBuf {
    PathBuf::from(DIR).join(format!("{year}.csv"))
}

/// The register as CSV bytes, header first.
pub(crate) fn to_csv(entries: &[Entry]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for e in entries {
        writer
            .serialize(e)
            .expect("a register row of strings always serializes");
    }
    writer
        .into_inner()
        .expect("writing CSV into memory cannot fail")
}

/// What the letter file says about registration: its number line, if any.
pub(crate) fn number_in(text: &str) -> Option<u32> {
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
pub(crate) fn stamp(text: &str, number: u32, date: NaiveDate) -> String {
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
