//! The outgoing registers on disk (sổ đăng ký văn bản đi, ND 30 Phụ lục IV), one per issuing
//! body and calendar year: `data/so-dang-ky-di/<year>.csv` for the agency and
//! `data/so-dang-ky-di/<issuer>/<year>.csv` for each other body of `data/issuers.yaml` (each
//! body numbers its own documents, ND 30 Điều 15), one row per registered document; and the edit that
//! writes a registration's number and date into the letter's YAML as text (comments and
//! layout kept).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Position};


/// Folder of the outgoing registers, one CSV per calendar year.
pub(crate) const DIR: &str = "data/so-dang-ky-di";

/// One row of the outgoing register, with the columns of ND 30 Phụ lục IV Mục I, under
/// their Vietnamese headings (the English ones of earlier registers are read too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// (1) Số, as printed ("05").
    #[serde(rename = "Số", alias = "number")]
    pub number: String,
    /// (1) Ký hiệu, e.g. "STNMT-BVMT".
    #[serde(rename = "Ký hiệu", alias = "symbol")]
    pub symbol: String,
    /// (2) Ngày tháng, "dd/mm/yyyy".
    #[serde(rename = "Ngày tháng", alias = "date")]
    pub date: String,
    /// (3) Tên loại và trích yếu: "Công văn V/v …", "Báo cáo …".
    #[serde(rename = "Tên loại và trích yếu", alias = "subject")]
    pub subject: String,
    /// (4) Người ký.
    #[serde(rename = "Người ký", alias = "signer")]
    pub signer: String,
    /// (5) Nơi nhận: every addressee and the "Nơi nhận" list, "; " between them.
    #[serde(rename = "Nơi nhận", alias = "recipients")]
    pub recipients: String,
    /// (6) Đơn vị, người nhận bản lưu: the "Lưu" line.
    #[serde(rename = "Đơn vị, người nhận bản lưu", default)]
    pub archive: String,
    /// (7) Số lượng bản: one per addressee and "Nơi nhận" line, and the kept copy.
    #[serde(rename = "Số lượng bản", default)]
    pub copies: String,
    /// (8) Ngày chuyển, filled in by the văn thư.
    #[serde(rename = "Ngày chuyển", default)]
    pub sent: String,
    /// (9) Ký nhận, signed on the printed register.
    #[serde(rename = "Ký nhận", default)]
    pub receipt: String,
    /// (10) Ghi chú.
    #[serde(rename = "Ghi chú", default)]
    pub note: String,
    /// The letter file it was registered from (empty for a row typed by hand).
    #[serde(rename = "Tệp văn bản", alias = "letter", default)]
    pub letter: String,
    /// The document of that letter, relative to `out/` ("2022/x/so-y-te.pdf" for a
    /// per-agency letter); empty in rows of earlier registers (the letter itself).
    #[serde(rename = "Tài liệu", default)]
    pub document: String,
}

/// The register of a calendar year, in registration order, as people keep it: the file
/// may have been saved by Excel or LibreOffice (a byte-order mark, CRLF line ends, `5` for
/// `05`, dates as d/m/yyyy) or have rows typed by hand. Numbers are read as numbers and
/// written back padded ("05"), dates as dd/mm/yyyy. A row that cannot be read is an error
/// naming its line.
pub(crate) fn read(root: &Path, issuer: Option<&str>, year: i32) -> Result<Vec<Entry>, String> {
    let path = root.join(file(issuer, year));
    if !path.exists() {
        return Ok(Vec::new());
    }
    let bytes =
        std::fs::read(&path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?
        .clone();
    let mut entries = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        // The record's own line: a quoted field may span several lines.
        let line = record.position().map_or(0, |p| p.line() as usize);
        let mut entry: Entry = record
            .deserialize(Some(&headers))
            .map_err(|e| format!("cannot read `{}`, line {line}: {e}", path.display()))?;
        let number = parse_number(&entry.number).ok_or_else(|| {
            format!(
                "`{}`, line {line}: number `{}` is not a whole number",
                path.display(),
                entry.number
            )
        })?;
        let date = parse_date(&entry.date).ok_or_else(|| {
            format!(
                "`{}`, line {line}: date `{}` is not a date (dd/mm/yyyy)",
                path.display(),
                entry.date
            )
        })?;
        entry.number = format!("{number:02}");
        entry.date = date.format("%d/%m/%Y").to_string();
        entries.push(entry);
    }
    Ok(entries)
}

/// A register number as people type it: "05", "5", "5.0" (a spreadsheet's number).
pub(crate) fn parse_number(text: &str) -> Option<u32> {
    let text = text.trim();
    let text = text.strip_suffix(".0").unwrap_or(text);
    text.parse().ok().filter(|n| *n > 0)
}

/// A register date as people type it: dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

/// Warnings for numbers out of the order of their dates (numbers and dates rise together
/// within a year, ND 30 Điều 15), each naming the neighbours; and for a number given twice.
pub(crate) fn order_warnings(entries: &[Entry], file: &Path) -> Vec<Diagnostic> {
    let mut rows: Vec<(u32, NaiveDate, usize)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((parse_number(&e.number)?, parse_date(&e.date)?, i + 2)))
        .collect();
    rows.sort();
    let mut out = Vec::new();
    let at = |line: usize| Position {
        file: file.to_path_buf(),
        line,
        column: 1,
    };
    for pair in rows.windows(2) {
        let ((n1, d1, l1), (n2, d2, l2)) = (pair[0], pair[1]);
        if n1 == n2 {
            out.push(
                Diagnostic::warning(
                    Code::Register,
                    at(l2),
                    format!("number {n2:02} is given twice (lines {l1} and {l2})"),
                )
                .with_hint("each document has a number of its own; correct the register")
                .says(
                    "register-number-twice",
                    &[
                        ("number", &format!("{n2:02}")),
                        ("first", &l1.to_string()),
                        ("second", &l2.to_string()),
                    ],
                )
                .hints("register-number-twice-hint", &[]),
            );
        } else if d2 < d1 {
            out.push(
                Diagnostic::warning(
                    Code::Register,
                    at(l2),
                    format!(
                        "number {n2:02} is dated {}, before number {n1:02} ({})",
                        d2.format("%d/%m/%Y"),
                        d1.format("%d/%m/%Y")
                    ),
                )
                .with_hint("numbers and dates rise together within a year; check both rows")
                .says(
                    "register-number-out-of-order",
                    &[
                        ("number", &format!("{n2:02}")),
                        ("date", &d2.format("%d/%m/%Y").to_string()),
                        ("previous", &format!("{n1:02}")),
                        ("previous_date", &d1.format("%d/%m/%Y").to_string()),
                    ],
                )
                .hints("register-number-out-of-order-hint", &[]),
            );
        }
    }
    out
}

/// Every register kept in the project: the issuer (`None`: the agency) and the calendar
/// year of each, the agency's first, then other bodies' by id, years ascending.
pub(crate) fn books(root: &Path) -> Vec<(Option<String>, i32)> {
    let years_in = |dir: &Path| {
        let mut years: Vec<i32> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.path().file_stem()?.to_str()?.parse().ok())
            .filter(|y| (1900..=2999).contains(y))
            .collect();
        years.sort();
        years
    };
    let dir = root.join(DIR);
    let mut books: Vec<(Option<String>, i32)> =
        years_in(&dir).into_iter().map(|y| (None, y)).collect();
    let mut issuers: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .collect();
    issuers.sort();
    for issuer in issuers {
        for year in years_in(&dir.join(&issuer)) {
            books.push((Some(issuer.clone()), year));
        }
    }
    books
}

/// The register file of `issuer` (`None`: the agency) for `year`, relative to the project
/// root.
pub(crate) fn file(issuer: Option<&str>, year: i32) -> PathBuf {
    match issuer {
        None => PathBuf::from(DIR).join(format!("{year}.csv")),
        Some(id) => PathBuf::from(DIR).join(id).join(format!("{year}.csv")),
    }
}

/// The register as CSV bytes as Excel opens them: a UTF-8 byte-order mark (without it Excel
/// on Windows reads Vietnamese as mojibake), CRLF line ends, header first.
pub(crate) fn to_csv(entries: &[Entry]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
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
            super::value_part(l)["number:".len()..]
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

    #[test]
    fn a_register_saved_by_excel_reads_back_with_numbers_as_numbers() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join(DIR);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join("2023.csv"),
            "\u{feff}number,date,symbol,subject,recipients,signer,letter\r\n5,6/2/2023,A,B,C,D,x.yaml\r\n06,07/02/2023,A,B,C,D,\r\n",
        )
        .unwrap();
        let entries = read(dir.path(), None, 2023).unwrap();
        assert_eq!(entries[0].number, "05");
        assert_eq!(entries[0].date, "06/02/2023");
        assert_eq!(entries[1].number, "06");
        let written = to_csv(&entries);
        assert!(written.starts_with("\u{feff}Số,Ký hiệu,Ngày tháng,".as_bytes()));
        assert!(String::from_utf8(written.clone()).unwrap().contains("\r\n05,A,06/02/2023,"));
        std::fs::write(folder.join("2023.csv"), written).unwrap();
        assert_eq!(read(dir.path(), None, 2023).unwrap(), entries, "reads back as written");
    }

    #[test]
    fn numbers_out_of_date_order_are_warned_about_with_their_neighbours() {
        let entry = |n: &str, d: &str| Entry {
            number: n.into(),
            date: d.into(),
            symbol: String::new(),
            subject: String::new(),
            recipients: String::new(),
            signer: String::new(),
            archive: String::new(),
            copies: String::new(),
            sent: String::new(),
            receipt: String::new(),
            note: String::new(),
            letter: String::new(),
            document: String::new(),
        };
        let found = order_warnings(
            &[entry("05", "06/02/2023"), entry("07", "01/02/2023"), entry("6", "07/02/2023"), entry("07", "08/02/2023")],
            Path::new("r.csv"),
        );
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"number 07 is dated 01/02/2023, before number 06 (07/02/2023)"), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("number 07 is given twice")), "{messages:?}");
    }
}
