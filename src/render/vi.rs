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


/// Formats a number as Vietnamese text: "." between thousands, "," before decimals,
/// at most `decimals` decimals with trailing zeros dropped ("1.234.567", "85,5").
pub(crate) fn format_number(value: f64, decimals: u32) -> String {
    let fixed = format!("{:.*}", decimals as usize, value.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let frac = frac.trim_end_matches('0');
    let negative =
        value < 0.0 && (grouped.chars().any(|c| c != '0' && c != '.') || !frac.is_empty());
    let sign = if negative { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A value with its unit: "85,5 %", "1,5 xe/10.000 người".
pub(crate) fn format_value(value: f64, indicator: &Indicator) -> String {
    format!(
        "{} {}",
        format_number(value, indicator.decimals),
        indicator.unit
    )
}

/// A change between years with its sign: "+1,7", "-0,3", "0".
pub(crate) fn format_change(change: f64, decimals: u32) -> String {
    let text = format_number(change, decimals);
    if change > 0.0 && text != "0" {
        format!("+{text}")
    } else {
        text
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
}
