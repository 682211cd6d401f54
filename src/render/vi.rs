//! Vietnamese dates and numbers, the one formatter every document, message and file uses:
//! "dd/mm/yyyy" dates, ND 30 date lines and registered numbers (Phụ lục I §II.5–6), and
//! figures with "." between thousands and "," before decimals.

use chrono::{Datelike, NaiveDate};

use super::data::DateParts;
use crate::model::{Indicator, LetterDate};

/// A day as "dd/mm/yyyy" ("05/03/2023"), as dates are written in letters and registers.
pub(crate) fn date(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

/// The month of a letter date (1–12).
pub(crate) fn month_number(day: LetterDate) -> u32 {
    match day {
        LetterDate::Full(d) => d.month(),
        LetterDate::Month { month, .. } => month,
    }
}

/// A letter date as "dd/mm/yyyy", or with six blank spaces for a day not yet given (a
/// letter dated when it is signed): "      /03/2023".
pub(crate) fn letter_date(day: LetterDate) -> String {
    match day {
        LetterDate::Full(d) => date(d),
        LetterDate::Month { year, month } => format!("      /{month:02}/{year}"),
    }
}

/// Month per ND30: months 1 and 2 are padded ("02"), months 3–12 are not ("3").
pub(crate) fn month_text(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// The date parts of a letter date.
pub(crate) fn date_parts(place: &str, date: LetterDate) -> DateParts {
    let (day, month, year) = match date {
        LetterDate::Full(d) => (Some(format!("{:02}", d.day())), d.month(), d.year()),
        LetterDate::Month { year, month } => (None, month, year),
    };
    DateParts {
        place: place.to_string(),
        day,
        month: month_text(month),
        year: year.to_string(),
    }
}

#[cfg(test)]
/// The date line as text; the blank day is six spaces, as on the printed draft.
pub(crate) fn date_line(place: &str, date: LetterDate) -> String {
    let p = date_parts(place, date);
    let day = p.day.unwrap_or_else(|| "      ".into());
    format!("{}, ngày {} tháng {} năm {}", p.place, day, p.month, p.year)
}

/// The registered number as printed: below 10 with a leading zero.
pub(crate) fn number_text(number: u32) -> String {
    format!("{number:02}")
}

#[cfg(test)]
/// "Số: 05/STNMT-BVMT", or the draft form with a blank number.
pub(crate) fn number_line(number: Option<u32>, symbol: &str) -> String {
    match number {
        Some(n) => format!("Số: {}/{symbol}", number_text(n)),
        None => format!("Số:      /{symbol}"),
    }
}


/// `value` rounded half away from zero at `decimals` decimals, on its shortest decimal form
/// (so 2,675, stored as 2,67499…, rounds to 2,68 as a reader expects), as a whole number of
/// 10^-decimals; `None` when it is too large to count that way.
pub(crate) fn scaled(value: f64, decimals: u32) -> Option<i128> {
    if !value.is_finite() || decimals > 12 {
        return None;
    }
    let text = format!("{}", value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let d = decimals as usize;
    if int.len() + d > 36 {
        return None;
    }
    let kept: String = frac.chars().chain(std::iter::repeat('0')).take(d).collect();
    let mut n: i128 = format!("{int}{kept}").parse().ok()?;
    if frac.chars().nth(d).is_some_and(|c| c >= '5') {
        n += 1;
    }
    Some(if value < 0.0 { -n } else { n })
}

/// A whole number of 10^-decimals as Vietnamese text: "." between thousands, "," before the
/// decimals; all `decimals` kept when `fixed`, trailing zeros dropped otherwise.
fn write_scaled(n: i128, decimals: u32, fixed: bool) -> String {
    let unit = 10i128.pow(decimals);
    let (int, frac) = (n.abs() / unit, n.abs() % unit);
    let int = int.to_string();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let frac = format!("{frac:0width$}", width = decimals as usize);
    let frac = if fixed { &frac[..] } else { frac.trim_end_matches('0') };
    let sign = if n < 0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// Formats a figure as Vietnamese text: "." between thousands, "," before decimals, at most
/// `decimals` decimals (rounded half away from zero) with trailing zeros dropped
/// ("1.234.567", "85,5"): for counts and sums, whose decimals are not a precision.
pub(crate) fn format_number(value: f64, decimals: u32) -> String {
    match scaled(value, decimals) {
        Some(n) => write_scaled(n, decimals, false),
        // Beyond what any form counts: plain digits, never a wrong rounding.
        None => format!("{value}"),
    }
}

/// Formats an indicator value with exactly `decimals` decimals, the indicator's precision
/// from the catalogue ("1,00", never "1" beside "1,003"), rounded half away from zero.
pub(crate) fn format_fixed(value: f64, decimals: u32) -> String {
    match scaled(value, decimals) {
        Some(n) => write_scaled(n, decimals, true),
        None => format!("{value}"),
    }
}

/// A value with its unit, at the indicator's precision: "85,50 %", "1,5 xe/10.000 người".
pub(crate) fn format_value(value: f64, indicator: &Indicator) -> String {
    format!(
        "{} {}",
        format_fixed(value, indicator.decimals),
        indicator.unit
    )
}

/// The change between two values as their printed figures differ, with its sign, at
/// `decimals` decimals: "+1,70", "-0,30", "0,00". Computed from the rounded figures, so a
/// row of the report adds up for its reader.
pub(crate) fn format_change(previous: f64, current: f64, decimals: u32) -> String {
    match (scaled(previous, decimals), scaled(current, decimals)) {
        (Some(p), Some(c)) => {
            let text = write_scaled(c - p, decimals, true);
            if c > p { format!("+{text}") } else { text }
        }
        _ => format!("{}", current - previous),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_day_month_year_with_leading_zeros() {
        let d = NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
        assert_eq!(date(d), "05/03/2023");
        assert_eq!(letter_date(LetterDate::Full(d)), "05/03/2023");
        assert_eq!(
            letter_date(LetterDate::Month {
                year: 2023,
                month: 1
            }),
            "      /01/2023"
        );
        // ND 30: months 1 and 2 padded in the date line, 3 to 12 not.
        assert_eq!(date_line("Lạng Sơn", LetterDate::Full(d)), "Lạng Sơn, ngày 05 tháng 3 năm 2023");
        assert_eq!(number_line(Some(5), "STNMT-BVMT"), "Số: 05/STNMT-BVMT");
    }

    #[test]
    fn rounding_is_half_away_from_zero_on_the_decimal_value() {
        assert_eq!(format_number(79.625, 2), "79,63");
        assert_eq!(format_number(2.675, 2), "2,68");
        assert_eq!(format_number(-2.675, 2), "-2,68");
        assert_eq!(format_number(0.125, 2), "0,13");
        assert_eq!(format_number(1_234_567.0, 0), "1.234.567");
        assert_eq!(format_number(85.5, 2), "85,5");
        assert_eq!(format_number(999.999, 2), "1.000");
        assert_eq!(format_number(-0.001, 2), "0");
        assert_eq!(format_fixed(1.0, 2), "1,00");
        assert_eq!(format_fixed(1.003, 3), "1,003");
        assert_eq!(format_fixed(0.95, 2), "0,95");
        assert_eq!(format_fixed(44.0088, 2), "44,01");
    }

    #[test]
    fn the_change_is_that_of_the_printed_figures() {
        // 79,625 prints 79,63 and 78,994 prints 78,99: the change reads 0,64, not 0,63.
        assert_eq!(format_change(78.994, 79.625, 2), "+0,64");
        assert_eq!(format_change(2.0, 1.0, 1), "-1,0");
        assert_eq!(format_change(1.004, 1.0, 2), "0,00");
    }
}
