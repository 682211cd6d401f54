//! Reads a returned reply workbook with calamine (`.xlsx`, `.xls`, `.ods`; as Excel or
//! LibreOffice re-saved it) into [`Returned`]: every value with the cell it came from. What
//! a cell holds that is no usable value (a figure typed as text, `7.850` or `32,4` in
//! Vietnamese notation, a unit in a number cell, a number whose cell's format shows another,
//! a date that is none) is an error at `file.xlsx!'Biểu mẫu 01'!D7`; the checks on the
//! figures themselves are those of the answer files, run on what the import would write.

use std::path::Path;

use calamine::{Data, Range, Reader};
use chrono::NaiveDate;

use super::{
    EVIDENCE_ROWS, EVIDENCE_SHEET, FormKind, INFO_SHEET, LAYOUT, LIST_FIRST_ROW, META_SHEET,
    BUDGET_STATUS_LABEL, BUDGET_STATUSES, Meta, REPLY_ROW, TEXT_SHEET, TOTAL_LABEL, cell_name, col,
    place,
};
use super::notation::{self, Misshown, Shown, plain_number, serial_date, vietnamese_reading};
use crate::diagnostic::{Code, Diagnostic, Position};

/// A value and the cell it was read from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell<T> {
    /// The value.
    pub(crate) value: T,
    /// Sheet name.
    pub(crate) sheet: String,
    /// Cell name, "D7".
    pub(crate) cell: String,
}

/// A figure and its cell.
pub(crate) type Figure = Cell<f64>;

/// What a returned workbook holds.
#[derive(Debug, Clone)]
pub(crate) struct Returned {
    /// What the hidden sheet says.
    pub(crate) meta: Meta,
    /// The reply letter's number, if filled in.
    pub(crate) reply_number: Option<Cell<String>>,
    /// The reply letter's date, if filled in.
    pub(crate) reply_date: Option<Cell<NaiveDate>>,
    /// Figures per indicator sheet that has any.
    pub(crate) answers: Vec<ReturnedAnswer>,
    /// Indicators whose sheet was left empty.
    pub(crate) unanswered: Vec<(u32, String)>,
    /// Free-text answers: (request, answer).
    pub(crate) texts: Vec<(String, Cell<String>)>,
    /// Evidence documents.
    pub(crate) evidence: Vec<ReturnedEvidence>,
}

/// One indicator sheet's figures.
#[derive(Debug, Clone)]
pub(crate) struct ReturnedAnswer {
    /// Indicator number.
    pub(crate) number: u32,
    /// Its sheet.
    pub(crate) sheet: String,
    /// The rows with figures; one row labelled "Tổng số" is the indicator's total.
    pub(crate) rows: Vec<ReturnedRow>,
    /// Budget figures: how final, as chosen on the sheet.
    pub(crate) budget_status: Option<Cell<String>>,
    /// Budget figures: the budget year.
    pub(crate) budget_year: Option<Cell<i32>>,
}

impl ReturnedAnswer {
    /// Whether the figures are one total rather than rows that add up.
    pub(crate) fn is_total(&self) -> bool {
        self.rows.len() == 1 && self.rows[0].label.value == TOTAL_LABEL
    }
}

/// One filled row.
#[derive(Debug, Clone)]
pub(crate) struct ReturnedRow {
    /// What the row is.
    pub(crate) label: Cell<String>,
    /// Unit of its figures.
    pub(crate) unit: Option<Cell<String>>,
    /// Numerator (or the figure).
    pub(crate) numerator: Figure,
    /// Denominator, for a rate.
    pub(crate) denominator: Option<Figure>,
    /// Remarks.
    pub(crate) note: Option<Cell<String>>,
}

/// One evidence row.
#[derive(Debug, Clone)]
pub(crate) struct ReturnedEvidence {
    /// The indicator it supports.
    pub(crate) indicator: Cell<u32>,
    /// Title.
    pub(crate) title: Cell<String>,
    /// Number and symbol.
    pub(crate) number: Option<Cell<String>>,
    /// Date.
    pub(crate) date: Option<Cell<NaiveDate>>,
    /// File name, beside the workbook.
    pub(crate) file: Option<Cell<String>>,
}

/// Reads the workbook at `path`, named `shown` in diagnostics: what it holds and the errors
/// of the cells that hold no usable value (left out of what it holds), with a warning when
/// the file cannot say how its cells show numbers (an `.xls`); or why it cannot be read at
/// all.
pub(crate) fn read(path: &Path, shown: &str) -> Result<(Returned, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| {
        vec![
            Diagnostic::error(
                Code::Workbook,
                Position::file(shown),
                format!("cannot read workbook `{shown}`: {e}"),
            )
            .with_hint("import the .xlsx, .xls or .ods file the agency sent back, as it came")
            .says("workbook-unreadable", &[("file", shown), ("cause", &e.to_string())])
            .hints("workbook-unreadable-hint", &[]),
        ]
    })?;
    let mut errors = Vec::new();
    let meta = match book.worksheet_range(META_SHEET) {
        Ok(range) => meta(&range),
        Err(_) => None,
    };
    let Some(meta) = meta.filter(|m| m.layout == LAYOUT) else {
        return Err(vec![
            Diagnostic::error(
                Code::Workbook,
                Position::file(shown),
                format!("`{shown}` is not a reply form written by vanban (its hidden sheet `{META_SHEET}` is missing or of another version)"),
            )
            .with_hint("import the workbook `vanban build` wrote next to the agency's letter, filled in and sent back; a form the agency made itself must be typed into data/<year>/ by hand")
            .says("workbook-not-form", &[("file", shown)])
            .hints("workbook-not-form-hint", &[]),
        ]);
    };
    // A sheet's values, and how its cells show them where the file says.
    let ods = notation::file_formats(&book, path, shown, &mut errors);
    let mut sheet = |name: &str, errors: &mut Vec<Diagnostic>| match book.worksheet_range(name) {
        Ok(range) => Some((range, notation::sheet_formats(&mut book, ods.as_ref(), (shown, name), errors))),
        Err(_) => {
            errors.push(
                Diagnostic::error(
                    Code::Workbook,
                    Position::file(place(shown, name, None)),
                    format!("sheet `{name}` is missing from `{shown}`"),
                )
                .with_hint("sheets must not be renamed or deleted: ask the agency to fill in the original file")
                .says("workbook-sheet-missing", &[("sheet", name), ("file", shown)])
                .hints("workbook-sheet-missing-hint", &[]),
            );
            None
        }
    };
    let mut returned = Returned {
        meta: meta.clone(),
        reply_number: None,
        reply_date: None,
        answers: Vec::new(),
        unanswered: Vec::new(),
        texts: Vec::new(),
        evidence: Vec::new(),
    };
    let cells = Cells { shown };
    if let Some((info, info_formats)) = sheet(INFO_SHEET, &mut errors) {
        returned.reply_number = cells.text((&info, &info_formats), INFO_SHEET, REPLY_ROW, 1);
        returned.reply_date = cells.date(&info, INFO_SHEET, REPLY_ROW + 1, 1, &mut errors);
    }
    for (number, name, first, last, kind) in &meta.sheets {
        let Some((range, styles)) = sheet(name, &mut errors) else {
            continue;
        };
        let styles = &styles;
        // An edited hidden sheet must not make the reader look elsewhere, or for ever.
        if *first <= super::HEADING_ROW || last < first || *last - *first > MAX_ROWS {
            errors.push(edited(shown));
            continue;
        }
        // Rows typed below the form's last row (where the signature lines begin) are not
        // read: said, not dropped.
        for column in [col::LABEL, col::NUMERATOR, col::DENOMINATOR, col::NOTE] {
            if !blank(&range, last + 1, column) {
                errors.push(
                    Diagnostic::error(
                        Code::Workbook,
                        Position::file(place(shown, name, Some(&cell_name(last + 1, column)))),
                        "this cell is below the rows of the form and would not be read".to_string(),
                    )
                    .with_hint("use the empty rows of the form; for more rows, ask for a form with more rows or send the figures in a separate sheet")
                    .says("workbook-below-rows", &[])
                    .hints("workbook-below-rows-hint", &[]),
                );
            }
        }
        let mut rows = Vec::new();
        let mut unfilled = Vec::new();
        for row in *first..=*last {
            let label = cells.text((&range, styles), name, row, col::LABEL);
            let unit = cells.text((&range, styles), name, row, col::UNIT);
            let counted_in = unit.as_ref().map(|u| u.value.as_str());
            let figure = |column, errors: &mut Vec<Diagnostic>| {
                cells.figure(&range, styles, counted_in, (name, row, column), errors)
            };
            let numerator = figure(col::NUMERATOR, &mut errors);
            let denominator = if *kind == FormKind::Rate {
                figure(col::DENOMINATOR, &mut errors)
            } else {
                None
            };
            let note = cells.text((&range, styles), name, row, col::NOTE);
            let typed = |c: u16| !blank(&range, row, c);
            let any_figure = typed(col::NUMERATOR) || (*kind == FormKind::Rate && typed(col::DENOMINATOR));
            if !any_figure {
                if let Some(note) = &note {
                    errors.push(
                        Diagnostic::error(
                            Code::Workbook,
                            Position::file(place(shown, name, Some(&note.cell))),
                            "this remark stands on a row without figures, so it would not be imported".to_string(),
                        )
                        .with_hint("put the remark on a row with figures, or in the sheet \"Nội dung khác\" or the reply letter")
                        .says("workbook-note-alone", &[])
                        .hints("workbook-note-alone-hint", &[]),
                    );
                }
                if let Some(label) = label.filter(|l| l.value != TOTAL_LABEL) {
                    unfilled.push(label);
                }
                continue;
            }
            let Some(label) = label else {
                let at = cell_name(row, col::LABEL);
                errors.push(
                    Diagnostic::error(
                        Code::Workbook,
                        Position::file(place(shown, name, Some(&at))),
                        "this row has figures but no label".to_string(),
                    )
                    .with_hint("write in column B what the row counts (a district, a facility), or clear its figures")
                    .says("workbook-row-unlabelled", &[])
                    .hints("workbook-row-unlabelled-hint", &[]),
                );
                continue;
            };
            let (Some(numerator), rate_denominator) = (numerator, denominator) else {
                // The numerator cell held no usable value (already reported) or was left empty.
                if typed(col::NUMERATOR) {
                    continue;
                }
                errors.push(cells.missing(name, row, col::NUMERATOR));
                continue;
            };
            if *kind == FormKind::Rate && rate_denominator.is_none() {
                if !typed(col::DENOMINATOR) {
                    errors.push(cells.missing(name, row, col::DENOMINATOR));
                }
                continue;
            }
            rows.push(ReturnedRow {
                label,
                unit,
                numerator,
                denominator: rate_denominator,
                note,
            });
        }
        if rows.len() > 1
            && let Some(total) = rows.iter().find(|r| r.label.value == TOTAL_LABEL)
        {
            errors.push(
                Diagnostic::error(
                    Code::Workbook,
                    Position::file(place(shown, name, Some(&total.label.cell))),
                    format!("a `{TOTAL_LABEL}` row beside rows that add up would be counted twice"),
                )
                .with_hint("give either the total alone, or the rows without the total row")
                .says("workbook-total-and-rows", &[("total", TOTAL_LABEL)])
                .hints("workbook-total-and-rows-hint", &[]),
            );
        }
        if rows.is_empty() {
            // A sheet whose only figures were unusable is not "left empty": its cells'
            // errors say what is wrong.
            if errors.iter().all(|e| !e.position.file.to_string_lossy().contains(&format!("'{name}'!"))) {
                returned.unanswered.push((*number, name.clone()));
            }
            continue;
        }
        // A pre-filled row left empty beside filled ones would be dropped without a word.
        for label in unfilled {
            errors.push(
                Diagnostic::error(
                    Code::Workbook,
                    Position::file(place(shown, name, Some(&label.cell))),
                    format!("row `{}` has no figures while other rows of this sheet have", label.value),
                )
                .with_hint("fill in its figures (0 when there is nothing), or clear its label if it does not apply")
                .says("workbook-row-unfilled", &[("label", &label.value)])
                .hints("workbook-row-unfilled-hint", &[]),
            );
        }
        let (budget_status, budget_year) = budget(&cells, (&range, styles), name, *last, &mut errors);
        returned.answers.push(ReturnedAnswer {
            number: *number,
            sheet: name.clone(),
            rows,
            budget_status,
            budget_year,
        });
    }
    if !meta.texts.is_empty()
        && let Some((range, formats)) = sheet(TEXT_SHEET, &mut errors)
    {
        for (request, row) in &meta.texts {
            if let Some(answer) = cells.text((&range, &formats), TEXT_SHEET, *row, 2) {
                returned.texts.push((request.clone(), answer));
            }
        }
    }
    if let Some((range, styles)) = sheet(EVIDENCE_SHEET, &mut errors) {
        let asked: Vec<u32> = meta.sheets.iter().map(|s| s.0).collect();
        for row in LIST_FIRST_ROW..LIST_FIRST_ROW + EVIDENCE_ROWS {
            if let Some(e) = evidence(&cells, (&range, &styles), row, &asked, &mut errors) {
                returned.evidence.push(e);
            }
        }
    }
    Ok((returned, errors))
}

/// One evidence row, if it has anything in it.
fn evidence(
    cells: &Cells,
    (range, styles): (&Range<Data>, &Shown),
    row: u32,
    asked: &[u32],
    errors: &mut Vec<Diagnostic>,
) -> Option<ReturnedEvidence> {
    let s = EVIDENCE_SHEET;
    let indicator = cells.figure(range, styles, None, (s, row, 1), errors);
    let title = cells.text((range, styles), s, row, 2);
    let number = cells.text((range, styles), s, row, 3);
    let date = cells.date(range, s, row, 4, errors);
    let file = cells.text((range, styles), s, row, 5);
    if indicator.is_none() && title.is_none() && number.is_none() && date.is_none() && file.is_none() {
        return None;
    }
    let indicator = match indicator {
        Some(n) if n.value.fract() == 0.0 && asked.contains(&(n.value as u32)) => Cell {
            value: n.value as u32,
            sheet: n.sheet,
            cell: n.cell,
        },
        _ => {
            let asked: Vec<String> = asked.iter().map(|n| format!("{n:02}")).collect();
            errors.push(
                Diagnostic::error(
                    Code::Workbook,
                    Position::file(place(cells.shown, s, Some(&cell_name(row, 1)))),
                    "the evidence row names no indicator of this form".to_string(),
                )
                .with_hint(format!("write the number of the indicator it supports: {}", asked.join(", ")))
                .says("workbook-evidence-indicator", &[])
                .hints("workbook-evidence-indicator-hint", &[("numbers", &asked.join(", "))]),
            );
            return None;
        }
    };
    let Some(title) = title else {
        errors.push(cells.missing(s, row, 2));
        return None;
    };
    Some(ReturnedEvidence {
        indicator,
        title,
        number,
        date,
        file,
    })
}

/// A budget sheet's status and year (the rows labelled [`BUDGET_STATUS_LABEL`] and
/// [`BUDGET_YEAR_LABEL`] below the figures), each checked: a status other than the form's
/// choices, or a year that is not one, is an error at its cell.
fn budget(
    cells: &Cells<'_>,
    (range, styles): (&Range<Data>, &Shown),
    sheet: &str,
    last: u32,
    errors: &mut Vec<Diagnostic>,
) -> (Option<Cell<String>>, Option<Cell<i32>>) {
    let (row, year_row) = (last + 2, last + 3);
    if cells.text((range, styles), sheet, row, col::LABEL).is_none_or(|l| l.value != BUDGET_STATUS_LABEL) {
        return (None, None);
    }
    let status = cells.text((range, styles), sheet, row, col::NUMERATOR).and_then(|s| {
        let lower = s.value.to_lowercase();
        if BUDGET_STATUSES.contains(&lower.as_str()) {
            return Some(Cell { value: lower, ..s });
        }
        errors.push(
            Diagnostic::error(Code::Workbook, cells.at(sheet, row, col::NUMERATOR), format!("`{}` is not dự toán, ước thực hiện or quyết toán", s.value))
                .with_hint("choose one of the list's values in this cell")
                .says("workbook-budget-status", &[("typed", &s.value)])
                .hints("workbook-budget-status-hint", &[]),
        );
        None
    });
    let year = cells.figure(range, styles, None, (sheet, year_row, col::NUMERATOR), errors).and_then(|y| {
        if y.value.fract() == 0.0 && (1900.0..=2999.0).contains(&y.value) {
            return Some(Cell { value: y.value as i32, sheet: y.sheet, cell: y.cell });
        }
        errors.push(
            Diagnostic::error(Code::Workbook, cells.at(sheet, year_row, col::NUMERATOR), format!("`{}` is not a year", y.value))
                .with_hint("type the budget year, e.g. 2022")
                .says("workbook-budget-year", &[("typed", &y.value.to_string())])
                .hints("workbook-budget-year-hint", &[]),
        );
        None
    });
    (status, year)
}

/// Reads typed values out of cells, naming the workbook in errors.
struct Cells<'a> {
    shown: &'a str,
}

impl Cells<'_> {
    fn at(&self, sheet: &str, row: u32, column: u16) -> Position {
        Position::file(place(self.shown, sheet, Some(&cell_name(row, column))))
    }

    /// An error for a cell that must be filled in.
    fn missing(&self, sheet: &str, row: u32, column: u16) -> Diagnostic {
        Diagnostic::error(
            Code::Workbook,
            self.at(sheet, row, column),
            "this cell is empty but the row needs it".to_string(),
        )
        .with_hint("fill it in (0 when there is nothing), or clear the whole row")
        .says("workbook-cell-empty", &[])
        .hints("workbook-cell-empty-hint", &[])
    }

    /// Text of a cell (a number as written), trimmed; none when empty.
    fn text(&self, (range, formats): (&Range<Data>, &Shown), sheet: &str, row: u32, column: u16) -> Option<Cell<String>> {
        let value = match range.get_value((row, u32::from(column)))? {
            Data::String(s) => s.trim().to_string(),
            // A number as the cell shows it: "100%" typed as an answer is not "1".
            Data::Float(f) => notation::as_text(*f, formats.display(row, column, *f)),
            Data::Int(i) => i.to_string(),
            // A date Excel made of what was typed: as the documents write dates.
            Data::DateTime(d) => match d.as_datetime() {
                Some(t) => t.format("%d/%m/%Y").to_string(),
                None => d.as_f64().to_string(),
            },
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Bool(b) => b.to_string(),
            // A formula error (`#NAME?` from a note typed as "- …") shows as its code: the
            // text is lost, but not in silence (a text cell is never a figure).
            Data::Error(e) => format!("{e}"),
            Data::Empty => String::new(),
        };
        let value: String = unicode_normalization::UnicodeNormalization::nfc(value.as_str()).collect();
        (!value.is_empty()).then(|| Cell {
            value,
            sheet: sheet.to_string(),
            cell: cell_name(row, column),
        })
    }

    /// A figure; text in a figure cell is an error (a spreadsheet does not add it up, and
    /// `7.850` may be 7850 or 7.85), and so is a number whose cell's format shows another
    /// (`45%` holding 0.45), unless the row is `counted_in` percent and shows one percentage.
    fn figure(
        &self,
        range: &Range<Data>,
        formats: &Shown,
        counted_in: Option<&str>,
        (sheet, row, column): (&str, u32, u16),
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Figure> {
        let held = self.number(range, sheet, row, column, errors)?;
        let display = formats.display(row, column, held);
        let value = match notation::reading(held, display, counted_in) {
            Ok(value) => value,
            Err(Misshown { shown, held }) => {
                errors.push(
                    Diagnostic::error(Code::Workbook, self.at(sheet, row, column), format!("this cell shows {shown} but holds {held}: its number format shows another figure than the one it holds"))
                        .with_hint("retype the figure as a plain number in the row's unit (column C): the cell's format cannot be changed while the sheet is protected, so unprotect it first (Review → Unprotect Sheet; there is no password) and set the cell's format to Number")
                        .says("workbook-figure-shown", &[("shown", &shown), ("held", &held)])
                        .hints("workbook-figure-shown-hint", &[]),
                );
                return None;
            }
        };
        Some(Cell {
            value,
            sheet: sheet.to_string(),
            cell: cell_name(row, column),
        })
    }

    /// The number a cell holds; text is an error.
    fn number(
        &self,
        range: &Range<Data>,
        sheet: &str,
        row: u32,
        column: u16,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<f64> {
        let value = match range.get_value((row, u32::from(column)))? {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            Data::Empty => return None,
            Data::String(s) if s.trim().is_empty() => return None,
            Data::String(s) => {
                let typed = s.trim();
                let (message, hint) = match vietnamese_reading(typed) {
                    Some(reading) => (
                        format!("figure `{typed}` is typed as text; in Vietnamese notation it reads {reading}"),
                        format!("retype it in the cell as a number, digits only ({reading}), so the spreadsheet reads it as one"),
                    ),
                    None => (
                        format!("`{typed}` is text, not a figure"),
                        "type only the number in this cell; the unit goes in column C and remarks in column H".to_string(),
                    ),
                };
                let reading = vietnamese_reading(typed);
                let mut d = Diagnostic::error(Code::Workbook, self.at(sheet, row, column), message)
                    .with_hint(hint);
                d = match &reading {
                    Some(r) => {
                        let vi = r.replace('.', ",");
                        d.says("workbook-figure-notation", &[("typed", typed), ("reading", &vi)])
                            .hints("workbook-figure-notation-hint", &[("reading", &vi)])
                    }
                    None => d
                        .says("workbook-figure-text", &[("typed", typed)])
                        .hints("workbook-figure-text-hint", &[]),
                };
                errors.push(d);
                return None;
            }
            other => {
                let shown = format!("{other}");
                errors.push(
                    Diagnostic::error(
                        Code::Workbook,
                        self.at(sheet, row, column),
                        format!("`{shown}` is not a figure"),
                    )
                    .with_hint("type only the number in this cell; the unit goes in column C and remarks in column H")
                    .says("workbook-figure-text", &[("typed", &shown)])
                    .hints("workbook-figure-text-hint", &[]),
                );
                return None;
            }
        };
        Some(value)
    }

    /// A date: a date cell, an ISO date (LibreOffice) or `dd/mm/yyyy` typed as text.
    fn date(
        &self,
        range: &Range<Data>,
        sheet: &str,
        row: u32,
        column: u16,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<Cell<NaiveDate>> {
        let data = range.get_value((row, u32::from(column)))?;
        let day = match data {
            Data::Empty => return None,
            Data::String(s) if s.trim().is_empty() => return None,
            // calamine knows the workbook's date system (1900 or Mac Excel's 1904).
            Data::DateTime(d) => d.as_datetime().map(|t| t.date()),
            Data::Float(f) => serial_date(*f),
            Data::Int(i) => serial_date(*i as f64),
            Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok(),
            Data::String(s) => NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y").ok(),
            _ => None,
        };
        match day {
            Some(value) => Some(Cell {
                value,
                sheet: sheet.to_string(),
                cell: cell_name(row, column),
            }),
            None => {
                let shown = format!("{data}");
                errors.push(
                    Diagnostic::error(
                        Code::Workbook,
                        self.at(sheet, row, column),
                        format!("`{shown}` is not a date"),
                    )
                    .with_hint("type the date as day/month/year, e.g. 24/02/2023")
                    .says("workbook-date", &[("typed", &shown)])
                    .hints("workbook-date-hint", &[]),
                );
                None
            }
        }
    }
}

/// The rows an indicator sheet may have, at most: more means an edited hidden sheet.
const MAX_ROWS: u32 = 2000;

/// Whether a cell holds nothing (or only spaces, the way a clerk clears a cell).
fn blank(range: &Range<Data>, row: u32, column: u16) -> bool {
    match range.get_value((row, u32::from(column))) {
        None | Some(Data::Empty) => true,
        Some(Data::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    }
}

/// The error of a hidden sheet whose rows make no sense: edited by hand.
fn edited(shown: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Workbook,
        Position::file(place(shown, META_SHEET, None)),
        format!("the hidden sheet `{META_SHEET}` of `{shown}` was edited: its rows make no sense"),
    )
    .with_hint("ask the agency to fill in the form as it was sent")
    .says("workbook-meta-edited", &[("sheet", META_SHEET), ("file", shown)])
    .hints("workbook-meta-edited-hint", &[])
}

/// The hidden sheet's records.
fn meta(range: &Range<Data>) -> Option<Meta> {
    let text = |row: u32, column: u32| -> String {
        match range.get_value((row, column)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => plain_number(*f),
            Some(Data::Int(i)) => i.to_string(),
            _ => String::new(),
        }
    };
    let mut meta = Meta::default();
    let (rows, _) = range.end()?;
    for row in 0..=rows {
        match text(row, 0).as_str() {
            "layout" => meta.layout = text(row, 1),
            "letter" => meta.letter = text(row, 1),
            "letter_file" => meta.letter_file = text(row, 1),
            "document" => meta.document = text(row, 1),
            "number" => meta.number = Some(text(row, 1)).filter(|n| !n.is_empty()),
            "recipient" => meta.recipient = text(row, 1),
            "year" => meta.year = text(row, 1).parse().ok()?,
            "sheet" => meta.sheets.push((
                text(row, 1).parse().ok()?,
                text(row, 2),
                text(row, 3).parse().ok()?,
                text(row, 4).parse().ok()?,
                FormKind::parse(&text(row, 5))?,
            )),
            "text" => meta.texts.push((text(row, 2), text(row, 1).parse().ok()?)),
            _ => {}
        }
    }
    Some(meta)
}
