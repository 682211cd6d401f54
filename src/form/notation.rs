//! How a workbook cell writes a number, and what a reader must not take for it: Vietnamese
//! notation typed as text (`7.850`, `32,4`), date serials, and number formats that show
//! another number than the cell holds. A cell formatted as a percentage shows `45%` and
//! holds 0.45; a format ending in a comma (`#,##0,`) shows 7850000 as `7,850`. The agency
//! reads and checks what the cell shows, so what it holds is never imported in silence.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::Path;

use calamine::{Sheets, StyleRange};
use chrono::NaiveDate;

use super::ods::ShownPowers;
use crate::diagnostic::{Code, Diagnostic, Position};

/// A number as text without a spurious ".0".
pub(super) fn plain_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// What text in Vietnamese number notation means: `7.850` → 7850, `32,4` → 32.4,
/// `1.234,5` → 1234.5; none when it is not a number so written.
pub(super) fn vietnamese_reading(text: &str) -> Option<String> {
    let t = text.replace(' ', "");
    let (whole, fraction) = match t.split_once(',') {
        Some((w, f)) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => (w, Some(f)),
        Some(_) => return None,
        None => (t.as_str(), None),
    };
    let groups: Vec<&str> = whole.split('.').collect();
    let grouped = groups.len() > 1
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3);
    if !groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())) || (groups.len() > 1 && !grouped) {
        return None;
    }
    if fraction.is_none() && groups.len() == 1 {
        return None;
    }
    let digits = groups.concat();
    Some(match fraction {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    })
}

/// The day of a spreadsheet date serial (days since 30/12/1899, the 1900 system).
pub(super) fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// How a sheet's cells show their numbers, where the file says: calamine's formats of an
/// `.xlsx`, the cells [`super::ods`] found in an `.ods`; an `.xls` says nothing calamine gives.
pub(super) enum Shown {
    /// The sheet's cell formats, as calamine reads them from an `.xlsx`.
    Xlsx(StyleRange),
    /// The cells of an `.ods` sheet that show another number, with the power of ten.
    Ods(HashMap<(u32, u32), i32>),
    /// Nothing known: every cell shows what it holds.
    Unknown,
}

impl Shown {
    /// How the cell at `(row, column)` shows `held`.
    pub(super) fn display(&self, row: u32, column: u16, held: f64) -> Display {
        let at = (row, u32::from(column));
        match self {
            Shown::Xlsx(styles) => styles
                .get(at)
                .and_then(|style| style.number_format.as_ref())
                .map_or(Display::AS_HELD, |format| display(&format.format_code, held)),
            Shown::Ods(cells) => Display {
                power: cells.get(&at).copied().unwrap_or(0),
                decimals: None,
            },
            Shown::Unknown => Display::AS_HELD,
        }
    }
}

/// What `book` (at `path`, named `shown`) says of how its cells show numbers, for the
/// whole file: an `.ods`'s cells, read once. An `.ods` that cannot be read so is an error;
/// an `.xls` or `.xlsb`, which says nothing calamine gives, a warning, since a percentage
/// typed into one arrives as what it holds.
pub(super) fn file_formats<RS: Read + Seek>(
    book: &Sheets<RS>,
    path: &Path,
    shown: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ShownPowers> {
    match book {
        Sheets::Ods(_) => {
            let cells = super::ods::shown_powers(path);
            if cells.is_none() {
                diagnostics.push(unreadable(shown));
            }
            cells
        }
        Sheets::Xls(_) | Sheets::Xlsb(_) => {
            diagnostics.push(
                Diagnostic::warning(Code::Workbook, Position::file(shown), format!("vanban cannot see how the cells of `{shown}` show their numbers: a figure typed as 45% is read as 0.45"))
                    .with_hint("check the figures in `vanban import --dry-run`, or open the file in Excel or LibreOffice, save it as .xlsx and import that")
                    .says("workbook-formats-unknown", &[("file", shown)])
                    .hints("workbook-formats-unknown-hint", &[]),
            );
            None
        }
        Sheets::Xlsx(_) => None,
    }
}

/// How the sheet `name` of `book` (named `shown`) shows its numbers, from its formats (an
/// `.xlsx`) or from what [`file_formats`] found (an `.ods`); an error when the formats of
/// an `.xlsx` sheet cannot be read.
pub(super) fn sheet_formats<RS: Read + Seek>(
    book: &mut Sheets<RS>,
    ods: Option<&ShownPowers>,
    (shown, name): (&str, &str),
    diagnostics: &mut Vec<Diagnostic>,
) -> Shown {
    match book {
        Sheets::Xlsx(xlsx) => xlsx.worksheet_style(name).map_or_else(
            |_| {
                diagnostics.push(unreadable(&super::place(shown, name, None)));
                Shown::Unknown
            },
            Shown::Xlsx,
        ),
        Sheets::Ods(_) => Shown::Ods(ods.and_then(|o| o.get(name)).cloned().unwrap_or_default()),
        _ => Shown::Unknown,
    }
}

/// The error of a file (or sheet) whose cells' formats cannot be read.
fn unreadable(shown: &str) -> Diagnostic {
    Diagnostic::error(Code::Workbook, Position::file(shown), format!("cannot read how the cells of `{shown}` show their numbers"))
        .with_hint("open it in LibreOffice and save it as .xlsx, then import that file")
        .says("workbook-formats-unreadable", &[("file", shown)])
        .hints("workbook-formats-unreadable-hint", &[])
}

/// How a number format shows a value: ten to `power` times it (2 for a percentage, −3 for
/// thousands), rounded to `decimals` places where the format says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Display {
    /// The shown number is the held one times ten to this.
    pub(super) power: i32,
    /// Places after the decimal point the format shows; none when not known (an `.ods`).
    pub(super) decimals: Option<usize>,
}

impl Display {
    /// A cell that shows what it holds.
    const AS_HELD: Display = Display { power: 0, decimals: None };
}

/// How `format_code` shows `value`: 2 more powers of ten for each `%` (a percentage shows
/// 0.45 as 45%), 3 fewer for each comma after the last digit placeholder, before the
/// decimal point or the end (`#,##0,` shows thousands). The section the value falls in
/// counts: by its `[>=1000]` condition where sections have one, else by sign
/// (`positive;negative;zero`), ECMA-376 Part 1 §18.8.31. Quoted text, `\`-escaped
/// characters, other `[…]` (colours, locales, elapsed time) and the `_`/`*` spacing marks
/// are literal, never scaling.
fn display(format_code: &str, value: f64) -> Display {
    let sections = sections(format_code);
    let section = if sections.iter().any(|(condition, _)| condition.is_some()) {
        sections
            .iter()
            .find(|(condition, _)| condition.as_ref().is_none_or(|c| c.holds(value)))
            .unwrap_or(&sections[0])
    } else {
        match (value, sections.len()) {
            (v, n) if v < 0.0 && n >= 2 => &sections[1],
            (v, n) if v == 0.0 && n >= 3 => &sections[2],
            _ => &sections[0],
        }
    };
    let mut power = 0;
    // Commas right after a digit placeholder, not yet followed by another: scaling ones.
    let mut trailing_commas = 0;
    let mut after_digit = false;
    let mut decimals: Option<usize> = None;
    for c in section.1.chars() {
        match c {
            '0' | '#' | '?' => {
                after_digit = true;
                trailing_commas = 0;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            ',' if after_digit => trailing_commas += 1,
            '%' => power += 2,
            '.' => {
                power -= 3 * trailing_commas;
                trailing_commas = 0;
                decimals.get_or_insert(0);
            }
            _ => {
                // Anything else ends the number: commas before it scaled it.
                power -= 3 * trailing_commas;
                trailing_commas = 0;
                after_digit = false;
            }
        }
    }
    Display {
        power: power - 3 * trailing_commas,
        decimals: Some(decimals.unwrap_or(0)),
    }
}

/// A section's `[>=1000]` condition.
struct Condition {
    op: String,
    bound: f64,
}

impl Condition {
    fn parse(text: &str) -> Option<Condition> {
        let split = text.find(|c: char| !matches!(c, '<' | '>' | '='))?;
        let (op, bound) = text.split_at(split);
        matches!(op, "<" | ">" | "=" | "<=" | ">=" | "<>").then_some(())?;
        Some(Condition {
            op: op.to_string(),
            bound: bound.trim().parse().ok()?,
        })
    }

    fn holds(&self, value: f64) -> bool {
        match self.op.as_str() {
            "<" => value < self.bound,
            ">" => value > self.bound,
            "=" => value == self.bound,
            "<=" => value <= self.bound,
            ">=" => value >= self.bound,
            _ => value != self.bound,
        }
    }
}

/// The sections of a format code, each with its condition and its text, literals out.
fn sections(format_code: &str) -> Vec<(Option<Condition>, String)> {
    let mut sections = vec![(None, String::new())];
    let mut chars = format_code.chars();
    while let Some(c) = chars.next() {
        let section = sections.last_mut().expect("one section at least");
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
                // A literal stands between placeholders: it ends a run of commas.
                section.1.push(' ');
            }
            '[' => {
                let inside: String = chars.by_ref().take_while(|&q| q != ']').collect();
                if let Some(condition) = Condition::parse(&inside) {
                    section.0 = Some(condition);
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
                section.1.push(' ');
            }
            ';' => sections.push((None, String::new())),
            _ => section.1.push(c),
        }
    }
    sections
}

/// `value` times ten to `power`, worked on its shortest decimal form so that 0.45 becomes
/// exactly 45 rather than 45.00000000000001.
fn shifted(value: f64, power: i32) -> f64 {
    let written = format!("{value:e}");
    let (mantissa, exponent) = written.split_once('e').unwrap_or((written.as_str(), "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    format!("{mantissa}e{}", exponent.saturating_add(power))
        .parse()
        .unwrap_or(f64::NAN)
}

/// A number whose cell shows another: both, in Vietnamese notation as the cell shows them
/// (`45%` and `0,45`).
#[derive(Debug, PartialEq)]
pub(super) struct Misshown {
    /// What the cell shows: `45%`.
    pub(super) shown: String,
    /// What it holds: `0,45`.
    pub(super) held: String,
}

/// The figure a cell holding `held` gives, shown as `display` says (see [`Shown::display`]),
/// in a row `counted_in` a unit: `held` itself when the cell shows it (and 0, however
/// shown); the percentage shown when the row is counted in percent ("45%" in a "%" row is
/// 45); otherwise the two figures, for an error, since the agency checked the one shown and
/// vanban will not guess.
pub(super) fn reading(held: f64, display: Display, counted_in: Option<&str>) -> Result<f64, Misshown> {
    match display.power {
        _ if held == 0.0 => Ok(held),
        0 => Ok(held),
        2 if counted_in.map(str::trim) == Some("%") => Ok(shifted(held, 2)),
        _ => Err(Misshown {
            shown: as_shown(held, display),
            held: plain_number(held).replace('.', ","),
        }),
    }
}

/// What a cell shows of `value` (`45%`, `7850`), in Vietnamese notation: the figure as a
/// reader of the cell sees it, rounded as the format rounds it where that is known.
fn as_shown(value: f64, display: Display) -> String {
    as_text(value, display).replace('.', ",")
}

/// A number in a text cell (a note, an answer) as its cell shows it (`100%`), written as
/// vanban writes numbers in text (`7.5`); the number itself when the cell shows it.
pub(super) fn as_text(value: f64, display: Display) -> String {
    if display.power == 0 {
        return plain_number(value);
    }
    let percent = if display.power > 0 { (display.power / 2) as usize } else { 0 };
    let shown = shifted(value, display.power);
    let number = match display.decimals {
        Some(places) => format!("{shown:.places$}"),
        None => plain_number(shown),
    };
    format!("{number}{}", "%".repeat(percent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_notation_is_read_as_a_clerk_means_it() {
        assert_eq!(vietnamese_reading("7.850").as_deref(), Some("7850"));
        assert_eq!(vietnamese_reading("1.234.567").as_deref(), Some("1234567"));
        assert_eq!(vietnamese_reading("32,4").as_deref(), Some("32.4"));
        assert_eq!(vietnamese_reading("1.234,5").as_deref(), Some("1234.5"));
        assert_eq!(vietnamese_reading("2,9 tấn"), None);
        assert_eq!(vietnamese_reading("12"), None);
        assert_eq!(vietnamese_reading("7.85"), None);
    }

    #[test]
    fn serials_are_days_since_1899() {
        assert_eq!(serial_date(44981.0), NaiveDate::from_ymd_opt(2023, 2, 24));
        assert_eq!(serial_date(-3.0), None);
    }

    fn display_power(format_code: &str, value: f64) -> i32 {
        display(format_code, value).power
    }

    #[test]
    fn a_format_that_shows_another_number_is_told_from_one_that_does_not() {
        // What the forms themselves use, and Excel's built-in number formats.
        for plain in ["General", "#,##0.##", "0", "0.00", "#,##0", "#,##0.00", "0.00E+00", "@"] {
            assert_eq!(display_power(plain, 0.45), 0, "{plain}");
        }
        assert_eq!(display_power("0%", 0.45), 2);
        assert_eq!(display_power("0.00%", 0.45), 2);
        assert_eq!(display_power("#,##0.0%;[Red]-#,##0.0%", -0.45), 2);
        // Thousands and millions shown by trailing commas; a comma between digits groups.
        assert_eq!(display_power("#,##0,", 7_850_000.0), -3);
        assert_eq!(display_power("0.0,,", 7_850_000.0), -6);
        assert_eq!(display_power("#,##0,\" nghìn\"", 7_850_000.0), -3);
        assert_eq!(display_power("#,##0, \"tấn\"", 7_850_000.0), -3);
        // A literal percent sign, quoted or escaped, and a condition are not scaling.
        assert_eq!(display_power("0\"%\"", 45.0), 0);
        assert_eq!(display_power("0\\%", 45.0), 0);
        assert_eq!(display_power("[>=100]#,##0;0.0", 45.0), 0);
        // The section a value falls in decides.
        assert_eq!(display_power("0;0%", 45.0), 0);
        assert_eq!(display_power("0;0%", -45.0), 2);
        assert_eq!(display_power("0%;0%;\"không\"", 0.0), 0);
        // A comma just before the decimal point scales too.
        assert_eq!(display_power("#,##0,.0", 7_850_000.0), -3);
        assert_eq!(display_power("0,.00", 7_850_000.0), -3);
        // Sections chosen by their conditions, as Excel does: millions, thousands, units.
        let by_size = "[>=1000000]0.0,,\"M\";[>=1000]0.0,\"K\";0";
        assert_eq!(display_power(by_size, 45.0), 0);
        assert_eq!(display_power(by_size, 5000.0), -3);
        assert_eq!(display_power(by_size, 7_850_000.0), -6);
        // Vietnamese accounting and currency formats show what they hold.
        assert_eq!(display_power("_-* #,##0 _₫_-;-* #,##0 _₫_-;_-* \"-\" _₫_-;_-@_-", 1500.0), 0);
        assert_eq!(display_power("#,##0 [$₫-42A]", 1500.0), 0);
        assert_eq!(display_power("[$-42A]dd/mm/yyyy", 44981.0), 0);
    }

    #[test]
    fn a_figure_is_shown_as_its_cell_shows_it_without_binary_noise() {
        assert_eq!(shifted(0.45, 2), 45.0);
        assert_eq!(shifted(0.075, 2), 7.5);
        assert_eq!(shifted(7_850_000.0, -3), 7850.0);
        assert_eq!(shifted(0.1 + 0.2, 2).to_string(), "30.000000000000004");
        let shown = |value, format| as_shown(value, display(format, value));
        assert_eq!(shown(0.45, "0%"), "45%");
        assert_eq!(shown(0.075, "0.0%"), "7,5%");
        assert_eq!(shown(0.456, "0%"), "46%");
        assert_eq!(shown(7_850_000.0, "#,##0,"), "7850");
        assert_eq!(shown(7_850_123.0, "#,##0,"), "7850");
        // Where the format's rounding is not known (an .ods), the figure in full.
        let ods = Display { power: -3, decimals: None };
        assert_eq!(as_shown(7_850_123.0, ods), "7850,123");
        // In a text cell: "100%" stays what the agency wrote, a plain number stays itself.
        assert_eq!(as_text(1.0, display("0%", 1.0)), "100%");
        assert_eq!(as_text(0.075, display("0.0%", 0.075)), "7.5%");
        assert_eq!(as_text(7.5, display("General", 7.5)), "7.5");
    }

    #[test]
    fn a_percentage_is_read_as_shown_only_in_a_row_counted_in_percent() {
        let reading = |held, format: Option<&str>, unit| {
            reading(held, format.map_or(Display::AS_HELD, |f| display(f, held)), unit)
        };
        assert_eq!(reading(0.45, None, Some("tấn/ngày")), Ok(0.45));
        assert_eq!(reading(1.8, Some("#,##0.##"), Some("tấn/ngày")), Ok(1.8));
        assert_eq!(reading(0.45, Some("0%"), Some("%")), Ok(45.0));
        assert_eq!(reading(0.075, Some("0.0%"), Some(" % ")), Ok(7.5));
        let misshown = |shown: &str, held: &str| {
            Err(Misshown { shown: shown.to_string(), held: held.to_string() })
        };
        assert_eq!(reading(0.45, Some("0%"), Some("tấn/ngày")), misshown("45%", "0,45"));
        assert_eq!(reading(0.45, Some("0%"), None), misshown("45%", "0,45"));
        // Thousands shown are never read as the figure, whatever the unit.
        assert_eq!(reading(7_850_000.0, Some("#,##0,"), Some("%")), misshown("7850", "7850000"));
        // Nothing can be misread of a 0.
        assert_eq!(reading(0.0, Some("0%"), Some("tấn/ngày")), Ok(0.0));
        assert_eq!(reading(0.0, Some("#,##0,"), None), Ok(0.0));
    }
}
