//! How a workbook cell writes a number, and what a reader must not take for it: Vietnamese
//! notation typed as text (`7.850`, `32,4`), date serials, and number formats that show
//! another number than the cell holds. A cell formatted as a percentage shows `45%` and
//! holds 0.45; a format ending in a comma (`#,##0,`) shows 7850000 as `7,850`. The agency
//! reads and checks what the cell shows, so what it holds is never imported in silence.

use std::collections::HashMap;

use calamine::StyleRange;
use chrono::NaiveDate;

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
    Xlsx(StyleRange),
    Ods(HashMap<(u32, u32), i32>),
    Unknown,
}

impl Shown {
    /// The power of ten the cell at `(row, column)` shows `held` at (2 for a percentage).
    pub(super) fn power(&self, row: u32, column: u16, held: f64) -> i32 {
        let at = (row, u32::from(column));
        match self {
            Shown::Xlsx(styles) => styles
                .get(at)
                .and_then(|style| style.number_format.as_ref())
                .map_or(0, |format| shown_power(&format.format_code, held)),
            Shown::Ods(cells) => cells.get(&at).copied().unwrap_or(0),
            Shown::Unknown => 0,
        }
    }
}

/// The power of ten a number format applies to `value` before showing it: 2 for each `%`
/// (a percentage shows 0.45 as 45%), −3 for each comma after the last digit placeholder
/// (`#,##0,` shows thousands), 0 when the cell shows what it holds. The section the value
/// falls in counts (`positive;negative;zero`, ECMA-376 Part 1 §18.8.31); quoted text,
/// `\`-escaped characters, `[…]` conditions and colours, and the `_`/`*` spacing marks
/// are literal, never scaling.
fn shown_power(format_code: &str, value: f64) -> i32 {
    let sections = sections(format_code);
    let section = match (value, sections.len()) {
        (v, n) if v < 0.0 && n >= 2 => &sections[1],
        (v, n) if v == 0.0 && n >= 3 => &sections[2],
        _ => &sections[0],
    };
    let mut power = 0;
    // Commas right after a digit placeholder, not yet followed by another: scaling ones.
    let mut trailing_commas = 0;
    let mut after_digit = false;
    for c in section.chars() {
        match c {
            '0' | '#' | '?' => {
                after_digit = true;
                trailing_commas = 0;
            }
            ',' if after_digit => trailing_commas += 1,
            '%' => power += 2,
            '.' => {}
            _ => {
                // Anything else ends the number: commas before it scaled it.
                power -= 3 * trailing_commas;
                trailing_commas = 0;
                after_digit = false;
            }
        }
    }
    power - 3 * trailing_commas
}

/// The sections of a format code with their literals taken out.
fn sections(format_code: &str) -> Vec<String> {
    let mut sections = vec![String::new()];
    let mut chars = format_code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
                // A literal stands between placeholders: it ends a run of commas.
                sections.last_mut().expect("one section at least").push(' ');
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
                sections.last_mut().expect("one section at least").push(' ');
            }
            ';' => sections.push(String::new()),
            _ => sections.last_mut().expect("one section at least").push(c),
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
    format!("{mantissa}e{}", exponent + power)
        .parse()
        .unwrap_or(value * 10f64.powi(power))
}

/// A number whose cell shows another: both, in Vietnamese notation as the cell shows them
/// (`45%` and `0,45`).
#[derive(Debug, PartialEq)]
pub(super) struct Misshown {
    pub(super) shown: String,
    pub(super) held: String,
}

/// The figure a cell holding `held` gives, shown at ten to `power` times that (see
/// [`Shown::power`]), in a row `counted_in` a unit: `held` itself when the cell shows it; the percentage shown
/// when the row is counted in percent ("45%" in a "%" row is 45); otherwise the two figures,
/// for an error, since the agency checked the one shown and vanban will not guess.
pub(super) fn reading(held: f64, power: i32, counted_in: Option<&str>) -> Result<f64, Misshown> {
    match power {
        0 => Ok(held),
        2 if counted_in.map(str::trim) == Some("%") => Ok(shifted(held, 2)),
        power => Err(Misshown {
            shown: as_shown(held, power),
            held: plain_number(held).replace('.', ","),
        }),
    }
}

/// What a cell shows of `value` under a format of `power` (see [`shown_power`]): `45%`,
/// `7850`; the figure as a reader of the cell sees it.
fn as_shown(value: f64, power: i32) -> String {
    let percent = if power > 0 { (power / 2) as usize } else { 0 };
    let number = plain_number(shifted(value, power)).replace('.', ",");
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

    #[test]
    fn a_format_that_shows_another_number_is_told_from_one_that_does_not() {
        // What the forms themselves use, and Excel's built-in number formats.
        for plain in ["General", "#,##0.##", "0", "0.00", "#,##0", "#,##0.00", "0.00E+00", "@"] {
            assert_eq!(shown_power(plain, 0.45), 0, "{plain}");
        }
        assert_eq!(shown_power("0%", 0.45), 2);
        assert_eq!(shown_power("0.00%", 0.45), 2);
        assert_eq!(shown_power("#,##0.0%;[Red]-#,##0.0%", -0.45), 2);
        // Thousands and millions shown by trailing commas; a comma between digits groups.
        assert_eq!(shown_power("#,##0,", 7_850_000.0), -3);
        assert_eq!(shown_power("0.0,,", 7_850_000.0), -6);
        assert_eq!(shown_power("#,##0,\" nghìn\"", 7_850_000.0), -3);
        assert_eq!(shown_power("#,##0, \"tấn\"", 7_850_000.0), -3);
        // A literal percent sign, quoted or escaped, and a condition are not scaling.
        assert_eq!(shown_power("0\"%\"", 45.0), 0);
        assert_eq!(shown_power("0\\%", 45.0), 0);
        assert_eq!(shown_power("[>=100]#,##0;0.0", 45.0), 0);
        // The section a value falls in decides.
        assert_eq!(shown_power("0;0%", 45.0), 0);
        assert_eq!(shown_power("0;0%", -45.0), 2);
        assert_eq!(shown_power("0%;0%;\"không\"", 0.0), 0);
    }

    #[test]
    fn a_figure_is_shown_as_its_cell_shows_it_without_binary_noise() {
        assert_eq!(shifted(0.45, 2), 45.0);
        assert_eq!(shifted(0.075, 2), 7.5);
        assert_eq!(shifted(7_850_000.0, -3), 7850.0);
        assert_eq!(shifted(0.1 + 0.2, 2).to_string(), "30.000000000000004");
        assert_eq!(as_shown(0.45, 2), "45%");
        assert_eq!(as_shown(0.075, 2), "7,5%");
        assert_eq!(as_shown(7_850_000.0, -3), "7850");
    }

    #[test]
    fn a_percentage_is_read_as_shown_only_in_a_row_counted_in_percent() {
        let reading = |held, format: Option<&str>, unit| {
            reading(held, format.map_or(0, |f| shown_power(f, held)), unit)
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
    }
}
