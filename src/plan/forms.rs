//! The reply workbook of each agency a request letter goes to: what it asks (as worded for
//! that agency), the official name, unit and parts of each indicator from the catalogue, and
//! last year's rows and figures beside the empty cells, where last year was asked in the
//! same catalogue edition (never by number alone across editions).

use crate::form::{Form, FormKind, FormRow, FormSheet, TOTAL_LABEL, sheet_name};
use crate::model::{Compute, Edition, Letter, LetterDate, Project, Recipient};
use crate::render::{Asked, RenderedLetter};

/// The reply form of `recipient` for `letter`, from its rendered document; none when the
/// document asks for nothing (every request was addressed to someone else).
pub(super) fn form(
    model: &Project,
    letter: &Letter,
    recipient: &Recipient,
    rendered: &RenderedLetter,
    edition: &Edition,
) -> Option<Form> {
    let year = letter.data_year;
    // Last year's reply of this agency, only when last year used the same edition: an
    // indicator number means another measure in another edition.
    let last = model
        .catalogue
        .edition_for(year - 1)
        .filter(|e| e.id == edition.id)
        .and_then(|_| model.answers.get(&(year - 1)))
        .and_then(|files| files.iter().find(|f| f.recipient == recipient.id));
    let mut sheets = Vec::new();
    let mut texts = Vec::new();
    for asked in &rendered.asked {
        match asked {
            Asked::Text(text) => texts.push(text.clone()),
            Asked::Indicator { number, note } => {
                let Some(indicator) = edition.indicators.get(number) else {
                    continue;
                };
                let kind = match indicator.compute {
                    // A rate over a population: the statistics office gives the denominator.
                    Some(Compute::Rate) if indicator.population.is_some() => {
                        FormKind::PerPopulation
                    }
                    Some(Compute::Rate) => FormKind::Rate,
                    Some(Compute::PerPopulation { .. }) => FormKind::PerPopulation,
                    Some(Compute::Total) => FormKind::Total,
                    None if indicator.denominator.is_some() => FormKind::Rate,
                    None => FormKind::Total,
                };
                let previous = last.and_then(|f| f.answers.iter().find(|a| a.indicator == *number));
                let rows = match previous {
                    Some(a) if !a.rows.is_empty() => a
                        .rows
                        .iter()
                        .map(|r| FormRow {
                            label: r.label.clone(),
                            last_numerator: Some(r.numerator),
                            last_denominator: r.denominator,
                        })
                        .collect(),
                    Some(a) if a.numerator.is_some() || a.value.is_some() => vec![FormRow {
                        label: TOTAL_LABEL.to_string(),
                        last_numerator: a.numerator.or(a.value),
                        last_denominator: a.denominator,
                    }],
                    _ => Vec::new(),
                };
                sheets.push(FormSheet {
                    number: *number,
                    form: indicator.form,
                    name: indicator.name.clone(),
                    unit: indicator.unit.clone(),
                    form_unit: indicator
                        .form_unit
                        .clone()
                        .unwrap_or_else(|| indicator.unit.clone()),
                    numerator: indicator.numerator.clone(),
                    denominator: indicator.denominator.clone(),
                    kind,
                    note: note.clone(),
                    budget: indicator.budget,
                    rows,
                });
            }
        }
    }
    if sheets.is_empty() && texts.is_empty() {
        return None;
    }
    let frame = &rendered.data.frame;
    Some(Form {
        issuer: frame.agency.clone(),
        issuer_short: model.agency.short_name.clone(),
        letter: letter.id.clone(),
        letter_file: letter.path.to_string_lossy().replace('\\', "/"),
        document: rendered.output.replace('\\', "/"),
        number: frame.number.as_ref().map(|n| format!("{n}/{}", frame.symbol)),
        date: match letter.date {
            LetterDate::Full(d) => Some(d),
            _ => None,
        },
        subject: frame.subject.clone(),
        recipient: recipient.id.clone(),
        recipient_name: recipient.name.clone(),
        year,
        deadline: letter.deadline,
        illustrative: last.is_some_and(|f| f.illustrative)
            && sheets.iter().any(|s| !s.rows.is_empty()),
        sheets,
        texts,
    })
}

/// The sentence a per-agency letter says its workbook with, before its closing paragraphs.
pub(super) fn attachment(form: &Form, file: &str) -> String {
    let mut parts: Vec<String> = form.sheets.iter().map(|s| sheet_name(s.form)).collect();
    if !form.texts.is_empty() {
        parts.push("các nội dung khác".to_string());
    }
    parts.push("danh mục tài liệu minh chứng".to_string());
    format!(
        "(Gửi kèm theo Công văn này tệp biểu mẫu {file} gồm: {}. Đề nghị điền thông tin, số liệu vào tệp và gửi lại tệp cùng văn bản trả lời.)",
        parts.join("; ")
    )
}
