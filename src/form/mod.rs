//! The reply workbook (Biểu mẫu) an agency receives with its letter and sends back: the typed
//! [`Form`] that `plan` fills in, its layout (the one place that knows which sheet and cell
//! holds what, so the writer and the reader cannot disagree), the writer (`write`,
//! rust_xlsxwriter) and the reader of a returned workbook (`read`, calamine: `.xlsx`, `.xls`,
//! `.ods`, as re-saved by Excel or LibreOffice).

mod notation;
mod ods;
mod read;
mod write;

pub(crate) use read::{Returned, ReturnedEvidence, read};
pub(crate) use write::write;

use chrono::NaiveDate;
use serde::Serialize;

/// Version of the layout below, in the hidden sheet: a reader refuses a layout it does not
/// know instead of reading figures from the wrong cells.
pub(crate) const LAYOUT: &str = "vanban-bieu-mau-1";

/// The hidden sheet that says which letter, agency and year the workbook belongs to.
pub(crate) const META_SHEET: &str = "vanban";
/// The first sheet: who, for which letter, the reply's number and date.
pub(crate) const INFO_SHEET: &str = "Thông tin chung";
/// Free-text requests and their answers.
pub(crate) const TEXT_SHEET: &str = "Nội dung khác";
/// Evidence documents (tài liệu minh chứng).
pub(crate) const EVIDENCE_SHEET: &str = "Tài liệu minh chứng";

/// Row (0-based) of the reply number on [`INFO_SHEET`]; the date is on the next row; both in
/// column B.
pub(crate) const REPLY_ROW: u32 = 8;
/// Row (0-based) of the column headings on an indicator sheet; figures start below it.
pub(crate) const HEADING_ROW: u32 = 9;
/// Columns (0-based) of an indicator sheet: STT, label, unit, numerator, denominator, last
/// year's numerator and denominator, remarks.
pub(crate) mod col {
    /// What the row is (a district, a facility, "Tổng số").
    pub(crate) const LABEL: u16 = 1;
    /// Unit of the row's figures.
    pub(crate) const UNIT: u16 = 2;
    /// Numerator (or the figure itself).
    pub(crate) const NUMERATOR: u16 = 3;
    /// Denominator.
    pub(crate) const DENOMINATOR: u16 = 4;
    /// Last year's numerator, for comparison (locked).
    pub(crate) const LAST_NUMERATOR: u16 = 5;
    /// Last year's denominator (locked).
    pub(crate) const LAST_DENOMINATOR: u16 = 6;
    /// Remarks.
    pub(crate) const NOTE: u16 = 7;
}
/// Rows (0-based) of the first answer on [`TEXT_SHEET`] and [`EVIDENCE_SHEET`].
pub(crate) const LIST_FIRST_ROW: u32 = 3;
/// Empty rows offered on the evidence sheet.
pub(crate) const EVIDENCE_ROWS: u32 = 30;
/// Empty rows offered below the pre-filled ones on an indicator sheet, for rows the data
/// does not know (a new facility, a new urban area).
pub(crate) const EXTRA_ROWS: u32 = 5;
/// Label (column B) of the row, two below an indicator sheet's last figure row, where a
/// budget indicator's sheet asks how final its figures are (column D, a list); the budget
/// year is on the row below. A reader finds them by this label, so workbooks of sheets
/// without it read as before.
pub(crate) const BUDGET_STATUS_LABEL: &str = "Tình trạng số liệu ngân sách";
/// Label of the budget year's row, below [`BUDGET_STATUS_LABEL`].
pub(crate) const BUDGET_YEAR_LABEL: &str = "Năm ngân sách";
/// How final budget figures are (pepi.md), the choices the form offers.
pub(crate) const BUDGET_STATUSES: [&str; 3] = ["dự toán", "ước thực hiện", "quyết toán"];

/// The label of the one row of an indicator answered as a single total.
pub(crate) const TOTAL_LABEL: &str = "Tổng số";

/// The name of an indicator's sheet: "Biểu mẫu 01" (the catalogue's form number).
pub(crate) fn sheet_name(form: u32) -> String {
    format!("Biểu mẫu {form:02}")
}

/// "A1"-style name of a 0-based cell.
pub(crate) fn cell_name(row: u32, column: u16) -> String {
    let mut letters = String::new();
    let mut c = u32::from(column) + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.insert(0, char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Where a value of a returned workbook is: `file.xlsx!'Biểu mẫu 01'!D7`, the place every
/// diagnostic about it names (a spreadsheet's own notation, so a clerk can paste it into the
/// Name Box).
pub(crate) fn place(workbook: &str, sheet: &str, cell: Option<&str>) -> String {
    match cell {
        Some(cell) => format!("{workbook}!'{sheet}'!{cell}"),
        None => format!("{workbook}!'{sheet}'"),
    }
}

/// One agency's reply workbook for one letter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Form {
    /// The issuing agency as its header names it, capitals.
    pub(crate) issuer: String,
    /// The issuing agency in running text.
    pub(crate) issuer_short: String,
    /// The letter's id (file name without `.yaml`).
    pub(crate) letter: String,
    /// The letter file, relative to the project root.
    pub(crate) letter_file: String,
    /// The agency's document of that letter (its per-agency letter or appendix), relative
    /// to `out/`: the register numbers it under this name.
    pub(crate) document: String,
    /// The per-agency letter's number and symbol once registered ("06/STNMT-BVMT").
    pub(crate) number: Option<String>,
    /// The letter's date once known to the day.
    pub(crate) date: Option<NaiveDate>,
    /// The letter's subject (trích yếu), without "V/v".
    pub(crate) subject: String,
    /// The recipient's id.
    pub(crate) recipient: String,
    /// The recipient's name.
    pub(crate) recipient_name: String,
    /// The data year asked about.
    pub(crate) year: i32,
    /// The answer deadline.
    pub(crate) deadline: Option<NaiveDate>,
    /// Last year's figures shown beside the empty cells are example figures.
    pub(crate) illustrative: bool,
    /// One sheet per requested indicator, in the letter's order.
    pub(crate) sheets: Vec<FormSheet>,
    /// The free-text requests, as the letter words them.
    pub(crate) texts: Vec<String>,
}

/// How an indicator's figures are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum FormKind {
    /// Numerator and denominator; the numerator never above the denominator.
    Rate,
    /// Numerator only: the denominator is a population the statistics office gives.
    PerPopulation,
    /// One figure per row.
    Total,
}

/// One indicator's sheet.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FormSheet {
    /// Indicator number.
    pub(crate) number: u32,
    /// Form number ("Biểu mẫu 01").
    pub(crate) form: u32,
    /// Official name of the indicator (from the catalogue).
    pub(crate) name: String,
    /// Unit of the indicator.
    pub(crate) unit: String,
    /// Unit of the figures the agency types (m3/ngày, tấn/ngày).
    pub(crate) form_unit: String,
    /// The numerator in words.
    pub(crate) numerator: Option<String>,
    /// The denominator in words.
    pub(crate) denominator: Option<String>,
    /// How the figures are asked for.
    pub(crate) kind: FormKind,
    /// What part this agency gives, when the letter says so.
    pub(crate) note: Option<String>,
    /// Budget figures: the sheet asks how final they are and of which year.
    pub(crate) budget: bool,
    /// The rows, pre-filled with labels and last year's figures where the data knows them.
    pub(crate) rows: Vec<FormRow>,
}

/// A pre-filled row of an indicator sheet.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FormRow {
    /// What the row is.
    pub(crate) label: String,
    /// Last year's numerator.
    pub(crate) last_numerator: Option<f64>,
    /// Last year's denominator.
    pub(crate) last_denominator: Option<f64>,
}

/// What the hidden sheet records, read back by the importer.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Meta {
    /// [`LAYOUT`] as written.
    pub(crate) layout: String,
    /// Letter id.
    pub(crate) letter: String,
    /// Letter file.
    pub(crate) letter_file: String,
    /// The agency's document, relative to `out/`.
    pub(crate) document: String,
    /// Number and symbol, when registered at build time.
    pub(crate) number: Option<String>,
    /// Recipient id.
    pub(crate) recipient: String,
    /// Data year.
    pub(crate) year: i32,
    /// Indicator sheets: (indicator, sheet name, first figure row, last figure row, kind).
    pub(crate) sheets: Vec<(u32, String, u32, u32, FormKind)>,
    /// Rows of the free-text answers: (request, row).
    pub(crate) texts: Vec<(String, u32)>,
}

impl FormKind {
    /// Its name in the hidden sheet.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Rate => "rate",
            Self::PerPopulation => "per-population",
            Self::Total => "total",
        }
    }

    /// The kind named `name` in a hidden sheet.
    pub(crate) fn parse(name: &str) -> Option<Self> {
        [Self::Rate, Self::PerPopulation, Self::Total]
            .into_iter()
            .find(|k| k.name() == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(
            place("r.xlsx", "Biểu mẫu 01", Some("D7")),
            "r.xlsx!'Biểu mẫu 01'!D7"
        );
        assert_eq!(sheet_name(1), "Biểu mẫu 01");
    }
}
