//! An answer file (`data/<year>/<agency>.yaml`) as `vanban import` writes it: [`AnswerDoc`]
//! holds what the file says, read from an existing file ([`AnswerDoc::from_raw`]) or made
//! from a returned workbook, and [`AnswerDoc::to_yaml`] writes it back as YAML in one fixed
//! order, every string quoted and every figure in plain digits, so importing the same
//! workbook twice writes the same bytes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::raw::{RawAnswerFile, RawCells};

/// One agency's answers for a data year.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct AnswerDoc {
    /// The comment lines the file starts with (without the schema line), kept as written.
    pub(crate) header: Vec<String>,
    /// Example figures, not official.
    pub(crate) illustrative: bool,
    /// The recipient id.
    pub(crate) recipient: String,
    /// The reply letter's number and date ("YYYY-MM-DD").
    pub(crate) reply: Option<(String, String)>,
    /// The day it was received ("YYYY-MM-DD").
    pub(crate) received: Option<String>,
    /// Figures per indicator.
    pub(crate) answers: Vec<AnswerEntry>,
    /// Free-text answers.
    pub(crate) texts: Vec<TextEntry>,
    /// The `population:` block, verbatim (the statistics office's figures are not imported
    /// from a reply form).
    pub(crate) population: Option<String>,
}

/// Where an imported value was typed: the cells of its sheet.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Cells {
    /// Label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) label: Option<String>,
    /// Unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) unit: Option<String>,
    /// Numerator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) numerator: Option<String>,
    /// Denominator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) denominator: Option<String>,
    /// Remarks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
}

/// The figures for one indicator.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct AnswerEntry {
    /// Indicator number.
    pub(crate) indicator: u32,
    /// The workbook sheet it came from.
    pub(crate) source: Option<String>,
    /// Numerator given directly.
    pub(crate) numerator: Option<f64>,
    /// Denominator given directly.
    pub(crate) denominator: Option<f64>,
    /// Value given directly.
    pub(crate) value: Option<f64>,
    /// The cells of the direct figures.
    pub(crate) cells: Option<Cells>,
    /// Rows that add up.
    pub(crate) rows: Vec<RowEntry>,
    /// Remarks.
    pub(crate) note: Option<String>,
    /// Budget figures: dự toán, ước thực hiện or quyết toán.
    pub(crate) status: Option<String>,
    /// Budget figures: the budget year.
    pub(crate) reference_year: Option<i32>,
    /// Evidence documents.
    pub(crate) evidence: Vec<EvidenceEntry>,
}

/// One row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RowEntry {
    /// What the row is.
    pub(crate) label: String,
    /// Unit.
    pub(crate) unit: Option<String>,
    /// Numerator.
    pub(crate) numerator: f64,
    /// Denominator.
    pub(crate) denominator: Option<f64>,
    /// Remarks.
    pub(crate) note: Option<String>,
    /// Its cells.
    pub(crate) cells: Option<Cells>,
}

/// An evidence document.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct EvidenceEntry {
    /// Title.
    pub(crate) title: String,
    /// Number and symbol.
    pub(crate) number: Option<String>,
    /// Date, "YYYY-MM-DD".
    pub(crate) date: Option<String>,
    /// File inside the project.
    pub(crate) file: Option<String>,
    /// The workbook row it came from.
    pub(crate) source: Option<String>,
}

/// A free-text answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TextEntry {
    /// What was asked.
    pub(crate) about: String,
    /// The answer.
    pub(crate) answer: String,
    /// The workbook cell it came from.
    pub(crate) source: Option<String>,
}

fn cells(raw: &Option<RawCells>) -> Option<Cells> {
    raw.as_ref().map(|c| Cells {
        label: c.label.clone(),
        unit: c.unit.clone(),
        numerator: c.numerator.clone(),
        denominator: c.denominator.clone(),
        note: c.note.clone(),
    })
}

impl AnswerDoc {
    /// What an existing answer file says; `text` is the file as read, for its leading
    /// comments and its population block.
    pub(crate) fn from_raw(raw: &RawAnswerFile, text: &str) -> Self {
        let header = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .filter(|l| !l.contains("$schema"))
            .map(str::to_string)
            .collect();
        Self {
            header,
            illustrative: raw.illustrative,
            recipient: raw
                .recipient
                .as_ref()
                .map(|r| r.value.clone())
                .unwrap_or_default(),
            reply: raw
                .reply
                .as_ref()
                .map(|r| (r.number.value.clone(), r.date.value.clone())),
            received: raw.received.as_ref().map(|r| r.value.clone()),
            answers: raw
                .answers
                .iter()
                .map(|a| AnswerEntry {
                    indicator: a.indicator.value,
                    source: a.source.as_ref().map(|s| s.value.clone()),
                    numerator: a.numerator.as_ref().map(|v| v.value),
                    denominator: a.denominator.as_ref().map(|v| v.value),
                    value: a.value.as_ref().map(|v| v.value),
                    cells: cells(&a.cells),
                    rows: a
                        .rows
                        .iter()
                        .map(|r| RowEntry {
                            label: r.label.value.clone(),
                            unit: r.unit.as_ref().map(|u| u.value.clone()),
                            numerator: r.numerator.value,
                            denominator: r.denominator.as_ref().map(|v| v.value),
                            note: r.note.as_ref().map(|n| n.value.clone()),
                            cells: cells(&r.cells),
                        })
                        .collect(),
                    note: a.note.as_ref().map(|n| n.value.clone()),
                    status: a.status.as_ref().map(|s| s.value.clone()),
                    reference_year: a.reference_year.as_ref().map(|y| y.value),
                    evidence: a
                        .evidence
                        .iter()
                        .map(|e| EvidenceEntry {
                            title: e.title.value.clone(),
                            number: e.number.as_ref().map(|v| v.value.clone()),
                            date: e.date.as_ref().map(|v| v.value.clone()),
                            file: e.file.as_ref().map(|v| v.value.clone()),
                            source: e.source.as_ref().map(|v| v.value.clone()),
                        })
                        .collect(),
                })
                .collect(),
            texts: raw
                .texts
                .iter()
                .map(|t| TextEntry {
                    about: t.about.value.clone(),
                    answer: t.answer.value.clone(),
                    source: t.source.as_ref().map(|s| s.value.clone()),
                })
                .collect(),
            population: population_block(text),
        }
    }

    /// The file's text: the schema line, the kept comments, then every field in a fixed
    /// order.
    pub(crate) fn to_yaml(&self) -> String {
        let mut y = String::from("# yaml-language-server: $schema=../schemas/answers.schema.json\n");
        for line in &self.header {
            y.push_str(line);
            y.push('\n');
        }
        y.push('\n');
        if self.illustrative {
            y.push_str("illustrative: true\n");
        }
        y.push_str(&format!("recipient: {}\n", q(&self.recipient)));
        if let Some((number, date)) = &self.reply {
            y.push_str(&format!("reply:\n  number: {}\n  date: {}\n", q(number), q(date)));
        }
        if let Some(received) = &self.received {
            y.push_str(&format!("received: {}\n", q(received)));
        }
        if !self.answers.is_empty() {
            y.push_str("\nanswers:\n");
        }
        for a in &self.answers {
            y.push_str(&format!("  - indicator: {}\n", a.indicator));
            if let Some(source) = &a.source {
                y.push_str(&format!("    source: {}\n", q(source)));
            }
            for (key, value) in [("numerator", a.numerator), ("denominator", a.denominator), ("value", a.value)] {
                if let Some(v) = value {
                    y.push_str(&format!("    {key}: {}\n", plain(v)));
                }
            }
            if let Some(c) = &a.cells {
                y.push_str(&format!("    cells: {}\n", inline(c)));
            }
            if !a.rows.is_empty() {
                y.push_str("    rows:\n");
            }
            for r in &a.rows {
                y.push_str(&format!("      - label: {}\n", q(&r.label)));
                if let Some(unit) = &r.unit {
                    y.push_str(&format!("        unit: {}\n", q(unit)));
                }
                y.push_str(&format!("        numerator: {}\n", plain(r.numerator)));
                if let Some(d) = r.denominator {
                    y.push_str(&format!("        denominator: {}\n", plain(d)));
                }
                if let Some(note) = &r.note {
                    y.push_str(&format!("        note: {}\n", q(note)));
                }
                if let Some(c) = &r.cells {
                    y.push_str(&format!("        cells: {}\n", inline(c)));
                }
            }
            if let Some(note) = &a.note {
                y.push_str(&format!("    note: {}\n", q(note)));
            }
            if let Some(status) = &a.status {
                y.push_str(&format!("    status: {}\n", q(status)));
            }
            if let Some(year) = a.reference_year {
                y.push_str(&format!("    reference_year: {year}\n"));
            }
            if !a.evidence.is_empty() {
                y.push_str("    evidence:\n");
            }
            for e in &a.evidence {
                y.push_str(&format!("      - title: {}\n", q(&e.title)));
                for (key, value) in [("number", &e.number), ("date", &e.date), ("file", &e.file), ("source", &e.source)] {
                    if let Some(v) = value {
                        y.push_str(&format!("        {key}: {}\n", q(v)));
                    }
                }
            }
        }
        if !self.texts.is_empty() {
            y.push_str("\ntexts:\n");
        }
        for t in &self.texts {
            y.push_str(&format!("  - about: {}\n    answer: {}\n", q(&t.about), q(&t.answer)));
            if let Some(source) = &t.source {
                y.push_str(&format!("    source: {}\n", q(source)));
            }
        }
        if let Some(block) = &self.population {
            y.push('\n');
            y.push_str(block.trim_end());
            y.push('\n');
        }
        y
    }
}

/// A YAML double-quoted string (JSON's escaping is YAML's).
fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// A figure in plain digits, "7850", "32.4": never a thousands separator or an exponent.
pub(crate) fn plain(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Cells as a one-line mapping.
fn inline(c: &Cells) -> String {
    let parts: Vec<String> = [
        ("label", &c.label),
        ("unit", &c.unit),
        ("numerator", &c.numerator),
        ("denominator", &c.denominator),
        ("note", &c.note),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k}: {}", q(v))))
    .collect();
    format!("{{{}}}", parts.join(", "))
}

/// The top-level `population:` block of a file's text, up to the next top-level key.
fn population_block(text: &str) -> Option<String> {
    let start = text.lines().position(|l| l.starts_with("population:"))?;
    let mut block = Vec::new();
    for (i, line) in text.lines().enumerate().skip(start) {
        let top_level = !line.is_empty() && !line.starts_with([' ', '#']);
        if i > start && top_level {
            break;
        }
        block.push(line);
    }
    Some(block.join("\n"))
}

/// Every figure of a document by what it is: "Chỉ số 11 – tử số" → 2.9.
fn figures(doc: &AnswerDoc) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for a in &doc.answers {
        let head = format!("Chỉ số {:02}", a.indicator);
        for (name, v) in [
            ("tử số", a.numerator),
            ("mẫu số", a.denominator),
            ("giá trị", a.value),
        ] {
            if let Some(v) = v {
                out.insert(format!("{head} – {name}"), v);
            }
        }
        for r in &a.rows {
            out.insert(format!("{head} – {} – tử số", r.label), r.numerator);
            if let Some(d) = r.denominator {
                out.insert(format!("{head} – {} – mẫu số", r.label), d);
            }
        }
    }
    out
}

/// Old → new per figure that changes: (what, before, after), "2,9" as the documents write
/// figures, none where there was or is no such figure.
pub(crate) fn changes(before: Option<&AnswerDoc>, after: &AnswerDoc) -> Vec<(String, Option<String>, Option<String>)> {
    let old = before.map(figures).unwrap_or_default();
    let new = figures(after);
    let shown = |v: f64| plain(v).replace('.', ",");
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .map(|k| (k.clone(), old.get(k).map(|v| shown(*v)), new.get(k).map(|v| shown(*v))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_written_reads_back_as_the_same_document() {
        let doc = AnswerDoc {
            header: vec!["# Trả lời của UBND huyện Bắc Sơn.".into()],
            illustrative: true,
            recipient: "bac-son".into(),
            reply: Some(("171/UBND-TNMT".into(), "2023-02-22".into())),
            received: Some("2023-02-24".into()),
            answers: vec![AnswerEntry {
                indicator: 11,
                source: Some("r.xlsx!'Biểu mẫu 11'".into()),
                numerator: Some(2.9),
                denominator: Some(16.5),
                cells: Some(Cells {
                    numerator: Some("D11".into()),
                    denominator: Some("E11".into()),
                    ..Default::default()
                }),
                note: Some("Ghi chú \"trích\"".into()),
                ..Default::default()
            }],
            texts: vec![TextEntry {
                about: "Số công chức".into(),
                answer: "03 công chức".into(),
                source: None,
            }],
            population: Some("population:\n  rural_population: 100".into()),
        };
        let text = doc.to_yaml();
        let raw: RawAnswerFile = crate::project::parse_yaml(&text, std::path::Path::new("a.yaml")).unwrap();
        assert_eq!(AnswerDoc::from_raw(&raw, &text), doc);
        assert!(text.contains("numerator: 2.9\n"), "{text}");
    }
}
