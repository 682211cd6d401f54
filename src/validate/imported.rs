//! Answers imported from a reply workbook (`vanban import`) record the sheet and the cell
//! each figure came from; a problem found in such a figure is reported at that cell
//! (`data/2022/replies/bac-son.xlsx!'Biểu mẫu 11'!D11`), where the agency typed it, rather
//! than at the line of the YAML that vanban wrote.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, Position};
use crate::project::RawProject;
use crate::project::raw::{At, RawCells};

/// (answer file, line) → the workbook place of the value written on that line.
pub(super) type Places = BTreeMap<(PathBuf, usize), String>;

/// The workbook place of every imported value of the project's answer files.
pub(super) fn places(raw: &RawProject) -> Places {
    let mut places = Places::new();
    for (_, loaded) in &raw.answers {
        let file = &loaded.path;
        let mut found: Vec<(usize, String)> = Vec::new();
        for answer in &loaded.value.answers {
            let Some(source) = &answer.source else {
                continue;
            };
            let sheet = source.value.as_str();
            let cell = |c: &Option<String>| match c {
                Some(c) => format!("{sheet}!{c}"),
                None => sheet.to_string(),
            };
            let none = RawCells::default();
            let cells = answer.cells.as_ref().unwrap_or(&none);
            for (at, c) in [
                (&answer.numerator, &cells.numerator),
                (&answer.denominator, &cells.denominator),
                (&answer.value, &cells.numerator),
            ] {
                if let Some(at) = at {
                    found.push((line(at), cell(c)));
                }
            }
            found.push((line(&answer.indicator), sheet.to_string()));
            for row in &answer.rows {
                let cells = row.cells.as_ref().unwrap_or(&none);
                found.push((line(&row.numerator), cell(&cells.numerator)));
                if let Some(at) = &row.denominator {
                    found.push((line(at), cell(&cells.denominator)));
                }
                found.push((line(&row.label), cell(&cells.label)));
                if let Some(at) = &row.unit {
                    found.push((line(at), cell(&cells.unit)));
                }
            }
            for evidence in &answer.evidence {
                if let Some(source) = &evidence.source {
                    for at in [Some(&evidence.title), evidence.number.as_ref(), evidence.date.as_ref(), evidence.file.as_ref()]
                        .into_iter()
                        .flatten()
                    {
                        found.push((line(at), source.value.clone()));
                    }
                }
            }
        }
        for text in &loaded.value.texts {
            if let Some(source) = &text.source {
                found.push((line(&text.answer), source.value.clone()));
            }
        }
        places.extend(found.into_iter().map(|(l, p)| ((file.clone(), l), p)));
    }
    places
}

fn line<T>(at: &At<T>) -> usize {
    at.referenced.line() as usize
}

/// Moves every diagnostic at an imported value's line to that value's workbook place.
pub(super) fn relocate(diags: &mut [Diagnostic], places: &Places) {
    if places.is_empty() {
        return;
    }
    for d in diags {
        if let Some(place) = places.get(&(d.position.file.clone(), d.position.line)) {
            d.position = Position::file(place);
        }
    }
}
