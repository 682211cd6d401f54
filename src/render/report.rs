//! The report (báo cáo, Mẫu 1.4): turns the computed indicator values of a data year and the
//! previous one, and the status of the requests, into the structured data `bao-cao.typ`
//! lays out. Numbers are formatted the Vietnamese way here; sentences live in the template.

use std::collections::BTreeMap;

use super::data::{
    Bar, Detail, EvidenceIndexData, EvidenceItem, EvidenceLine, Form, FormRow, Frame, Gap, ReportData, ScoreGroup, SelfAssessmentData,
    ScoreSummary,
    SummaryRow,
};
use super::merge::Merge;
use super::vi::{date, format_change, format_fixed, format_number, format_value};
use crate::compute::indicators::IndicatorResult;
use crate::compute::obligations::{State, StatusRow};
use crate::diagnostic::Diagnostic;
use crate::model::{Agency, AnswerFile, Compute, Directory, Letter};

/// Everything the report is made from.
pub(crate) struct ReportInput<'a> {
    /// The issuing agency.
    pub(crate) agency: &'a Agency,
    /// Recipients, for names.
    pub(crate) dir: &'a Directory,
    /// The report letter.
    pub(crate) letter: &'a Letter,
    /// This year's results.
    pub(crate) current: &'a [IndicatorResult<'a>],
    /// Last year's value of each indicator of this year's edition (by its number), where
    /// last year measured the same thing: same edition, or the catalogue's `same_as`.
    pub(crate) previous: &'a BTreeMap<u32, f64>,
    /// The request status of this year; none when no request letter was found.
    pub(crate) status: Option<&'a [StatusRow]>,
    /// The deadline of the request letter.
    pub(crate) deadline: Option<chrono::NaiveDate>,
    /// Whether any figure is illustrative.
    pub(crate) illustrative: bool,
    /// The request letter as a report cites it ("Công văn số 12/STNMT-BVMT ngày 06/02/2023
    /// của … về việc …"), from its registered number and date; `{{ request_letter }}` in the
    /// report's texts.
    pub(crate) request_reference: Option<String>,
    /// Where this year's population figures come from and how final they are.
    pub(crate) population_reference: Option<String>,
    /// This year's answer files the report counts, in the directory's order: who the data
    /// came from and by which reply.
    pub(crate) files: &'a [AnswerFile],
    /// The data year's catalogue edition: its unnamed indicators are said.
    pub(crate) edition: &'a crate::model::Edition,
}

fn name_of(dir: &Directory, id: &str) -> String {
    dir.recipients
        .get(id)
        .map_or_else(|| id.to_string(), |r| r.name.clone())
}

/// Who the figures came from, each with the reply they came in: "Sở Xây dựng (văn bản số
/// 215/SXD-QLHT ngày 24/02/2023)"; the agency's own figures say so.
fn sources(dir: &Directory, files: &[AnswerFile]) -> Vec<String> {
    files
        .iter()
        .filter(|f| !f.answers.is_empty() || !f.texts.is_empty() || f.population.is_some())
        .map(|f| {
            let name = name_of(dir, &f.recipient);
            match (&f.reply, f.received) {
                _ if f.recipient == crate::model::ISSUER => format!("{name} (số liệu tự tổng hợp)"),
                (Some((number, day)), _) => format!("{name} (văn bản số {number} ngày {})", date(*day)),
                (None, Some(day)) => format!("{name} (nhận ngày {})", date(day)),
                (None, None) => name,
            }
        })
        .collect()
}

fn gaps(rows: &[StatusRow], state: State) -> Vec<Gap> {
    let mut out: Vec<Gap> = Vec::new();
    for r in rows.iter().filter(|r| r.state == state) {
        let at = match out.iter().position(|g| g.agency == r.name) {
            Some(i) => i,
            None => {
                out.push(Gap {
                    agency: r.name.clone(),
                    items: vec![],
                    indicators: vec![],
                    received: r.received.map(date),
                });
                out.len() - 1
            }
        };
        out[at].items.push(r.item.clone());
        if let Some(n) = r.indicator {
            out[at].indicators.push(format!("{n:02}"));
        }
    }
    out
}

/// Every assessed indicator without a value, never left out silently: its number and who
/// was asked for it ("16 (Sở Nông nghiệp và Phát triển nông thôn: chưa nộp)"), or that nobody
/// was.
fn unavailable(input: &ReportInput<'_>) -> Vec<String> {
    input
        .current
        .iter()
        .filter(|r| r.value.is_none())
        .map(|r| {
            let number = r.indicator.number;
            let asked: Vec<String> = input
                .status
                .unwrap_or_default()
                .iter()
                .filter(|s| s.indicator == Some(number))
                .map(|s| {
                    let state = match s.state {
                        State::Missing => "chưa nộp",
                        State::Late => "nộp muộn, chưa đủ số liệu",
                        State::Received => "đã nộp, chưa đủ số liệu",
                    };
                    format!("{}: {state}", s.name)
                })
                .collect();
            if asked.is_empty() {
                format!("{number:02} (chưa đề nghị đơn vị nào cung cấp)")
            } else {
                format!("{number:02} ({})", asked.join("; "))
            }
        })
        .collect()
}

/// The numbered list of evidence documents, by indicator and then as the answers list them:
/// "TLKC 01.1", "TLKC 01.2"…, each with who gave it and where its file goes in the dossier.
pub(crate) fn evidence_list(dir: &Directory, current: &[IndicatorResult<'_>]) -> Vec<EvidenceItem> {
    let mut items = Vec::new();
    for r in current {
        let number = format!("{:02}", r.indicator.number);
        let mut k = 0;
        for (supplier, answer) in &r.answers {
            for e in &answer.evidence {
                k += 1;
                let mut text = e.title.clone();
                if let Some(n) = &e.number {
                    text.push_str(&format!(" số {n}"));
                }
                if let Some(d) = e.date {
                    text.push_str(&format!(" ngày {}", date(d)));
                }
                text.push_str(&format!(" của {}", name_of(dir, supplier)));
                let file = e.file.as_ref().map(|f| {
                    let name = std::path::Path::new(f)
                        .file_name()
                        .map_or_else(|| f.clone(), |n| n.to_string_lossy().into_owned());
                    // Prefixed by its place in the list: two agencies may send files of one name.
                    format!("minh-chung/chi-so-{number}/{number}.{k}-{name}")
                });
                items.push(EvidenceItem {
                    code: format!("TLKC {number}.{k}"),
                    indicator: number.clone(),
                    text,
                    source: e.file.clone(),
                    file,
                });
            }
        }
    }
    items
}

/// A report's evidence list as a document of its own, referring to the report.
pub(crate) fn evidence_index(report: &ReportData) -> EvidenceIndexData {
    let f = &report.frame;
    let day = f.date.day.clone().unwrap_or_else(|| "     ".into());
    let month = format!("{:0>2}", f.date.month);
    let number = f.number.clone().unwrap_or_else(|| "      ".into());
    EvidenceIndexData {
        governing_lines: f.governing_lines.clone(),
        agency_lines: f.agency_lines.clone(),
        agency: f.agency.clone(),
        year: report.year,
        reference: format!(
            "(Kèm theo Báo cáo số {number}/{} ngày {day}/{month}/{} của {})",
            f.symbol, f.date.year, report.issuer
        ),
        illustrative: f.illustrative,
        items: report.evidence_list.clone(),
    }
}

/// The Sở's scores summed per indicator group and in total, with last year's appraised
/// scores where given; none when it entered none.
fn score_summary(letter: &Letter, current: &[IndicatorResult<'_>]) -> Option<ScoreSummary> {
    if letter.scores.is_empty() {
        return None;
    }
    let points = |s: f64| format_number(s, 2);
    let mut groups: Vec<ScoreGroup> = Vec::new();
    let mut sums: Vec<(f64, Option<f64>)> = Vec::new();
    for r in current {
        let group = r.indicator.group.clone();
        let at = match groups.iter().position(|g| g.group == group) {
            Some(at) => at,
            None => {
                groups.push(ScoreGroup {
                    group,
                    points: String::new(),
                    scored: 0,
                    indicators: 0,
                    appraised_last_year: None,
                    appraised: 0,
                });
                sums.push((0.0, None));
                groups.len() - 1
            }
        };
        groups[at].indicators += 1;
        let entered = letter.scores.iter().find(|s| s.indicator == r.indicator.number);
        // The same points the table shows: the Sở's, else the catalogue's official rule.
        let points = entered
            .map(|s| s.points)
            .or_else(|| r.value.and_then(|v| r.indicator.score(v)));
        if let Some(points) = points {
            groups[at].scored += 1;
            sums[at].0 += points;
        }
        if let Some(a) = entered.and_then(|s| s.appraised_last_year) {
            groups[at].appraised += 1;
            sums[at].1 = Some(sums[at].1.unwrap_or(0.0) + a);
        }
    }
    for (g, (sum, appraised)) in groups.iter_mut().zip(&sums) {
        g.points = points(*sum);
        g.appraised_last_year = appraised.map(points);
    }
    let total: f64 = sums.iter().map(|s| s.0).sum();
    let appraised: Option<f64> = sums.iter().filter_map(|s| s.1).reduce(|a, b| a + b);
    let methods = letter
        .scores
        .iter()
        .filter_map(|s| s.method.as_ref().map(|m| format!("Chỉ số {:02}: {m}", s.indicator)))
        .collect();
    Some(ScoreSummary {
        groups,
        total: points(total),
        appraised_last_year: appraised.map(points),
        methods,
    })
}

/// Renders the report's data, or every problem found in its text.
pub(crate) fn render_report(input: &ReportInput<'_>) -> Result<(String, ReportData), Vec<Diagnostic>> {
    let letter = input.letter;
    let merge = Merge::new(input.agency, letter);
    let mut errors = Vec::new();
    let reference = input.request_reference.clone().unwrap_or_default();
    let extra: &[(&str, &str)] = &[("request_letter", reference.as_str())];
    let mut text = |t| {
        merge
            .render(t, extra)
            .map_err(|d| errors.push(d))
            .unwrap_or_default()
    };
    let subject = text(&letter.subject);
    let opening: Vec<String> = letter.opening.iter().map(&mut text).collect();
    let closing: Vec<String> = letter.closing.iter().map(&mut text).collect();
    let self_assessment = letter.self_assessment.as_ref().map(|s| SelfAssessmentData {
        sources: sources(input.dir, input.files),
        general: s.general.iter().map(&mut text).collect(),
        shortcomings: s.shortcomings.iter().map(&mut text).collect(),
        proposals: s.proposals.iter().map(&mut text).collect(),
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    let dir = input.dir;

    let mut summary = Vec::new();
    let mut details = Vec::new();
    let mut chart = Vec::new();
    let mut appendix = Vec::new();
    for r in input.current {
        let ind = r.indicator;
        let previous = input.previous.get(&ind.number).copied();
        let fmt = |v: f64| format_fixed(v, ind.decimals);
        let suppliers: Vec<String> = r.suppliers.iter().map(|s| name_of(dir, s)).collect();
        summary.push(SummaryRow {
            number: format!("{:02}", ind.number),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            previous: previous.map(fmt),
            current: r.value.map(fmt),
            // The change is that of the figures as printed, so the row adds up for a reader.
            change: previous
                .zip(r.value)
                .map(|(p, c)| format_change(p, c, ind.decimals)),
            suppliers: suppliers.clone(),
            evidence: r.evidence().count(),
            // The Sở's own score where it entered one; the catalogue's official rule else.
            score: letter
                .scores
                .iter()
                .find(|s| s.indicator == ind.number)
                .map(|s| s.points)
                .or_else(|| r.value.and_then(|v| ind.score(v)))
                .map(|p| format_number(p, 2)),
        });
        if ind.unit.trim() == "%" && (r.value.is_some() || previous.is_some()) {
            chart.push(Bar {
                label: format!("{:02}", ind.number),
                previous,
                current: r.value,
                previous_text: previous.map(fmt),
                current_text: r.value.map(fmt),
            });
        }
        if r.answers.is_empty() && r.value.is_none() {
            continue;
        }
        details.push(Detail {
            number: format!("{:02}", ind.number),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            formula: match ind.compute {
                Some(Compute::Rate) => "rate",
                Some(Compute::PerPopulation { .. }) => "per_population",
                Some(Compute::Total) => "total",
                None => "none",
            },
            per: match ind.compute {
                Some(Compute::PerPopulation { per }) => Some(format_number(per, 0)),
                _ => None,
            },
            value: r.value.map(|v| format_value(v, ind)),
            numerator: r.numerator.map(|v| format_number(v, 2)),
            numerator_label: ind.numerator.clone(),
            denominator: r.denominator.map(|v| format_number(v, 2)),
            denominator_label: if r.denominator_is_population {
                ind.population.map(|p| p.label().to_string())
            } else {
                ind.denominator.clone()
            },
            denominator_source: r
                .denominator_is_population
                .then(|| input.population_reference.clone())
                .flatten(),
            suppliers,
            evidence: r
                .evidence()
                .map(|e| EvidenceLine {
                    title: e.title.clone(),
                    number: e.number.clone(),
                    date: e.date.map(date),
                    file: e.file.clone(),
                })
                .collect(),
            budget: if ind.budget {
                r.answers
                    .iter()
                    .map(|(s, a)| {
                        let status = match &a.budget {
                            Some((status, Some(y))) => format!("{status} năm {y}"),
                            Some((status, None)) => status.clone(),
                            None => "chưa ghi dự toán, ước thực hiện hay quyết toán".into(),
                        };
                        format!("{status} ({})", name_of(dir, s))
                    })
                    .collect()
            } else {
                Vec::new()
            },
            notes: r
                .answers
                .iter()
                .filter_map(|(s, a)| a.note.as_ref().map(|n| format!("{}: {n}", name_of(dir, s))))
                .collect(),
        });
        let rows: Vec<FormRow> = r
            .answers
            .iter()
            .flat_map(|(s, a)| {
                let supplier = name_of(dir, s);
                if a.rows.is_empty() {
                    a.numerator
                        .map(|n| FormRow {
                            supplier: supplier.clone(),
                            label: String::new(),
                            numerator: format_number(n, 2),
                            denominator: a.denominator.map(|d| format_number(d, 2)),
                        })
                        .into_iter()
                        .collect::<Vec<_>>()
                } else {
                    a.rows
                        .iter()
                        .map(|row| FormRow {
                            supplier: supplier.clone(),
                            label: row.label.clone(),
                            numerator: format_number(row.numerator, 2),
                            denominator: row.denominator.map(|d| format_number(d, 2)),
                        })
                        .collect()
                }
            })
            .collect();
        if !rows.is_empty() {
            appendix.push(Form {
                form: format!("{:02}", ind.form),
                number: format!("{:02}", ind.number),
                name: ind.name.clone(),
                unit: ind.form_unit.clone(),
                has_denominator: rows.iter().any(|r| r.denominator.is_some()),
                rows,
            });
        }
    }

    let n = letter.to.len();
    let addressees = letter
        .to
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{a}{}", if i + 1 == n { "." } else { ";" }))
        .collect();
    let mut cc = Vec::new();
    if !letter.to.is_empty() {
        cc.push("- Như trên;".to_string());
    }
    cc.extend(
        letter
            .cc
            .iter()
            .map(|c| format!("- {};", c.trim_end_matches(';'))),
    );
    cc.push(format!("- Lưu: {}.", letter.archive.trim_end_matches('.')));

    let mut frame = Frame::new(
        input.agency,
        letter,
        "bao-cao",
        format!("BC-{}", input.agency.abbreviation),
        subject,
        addressees,
        cc,
    );
    frame.illustrative = input.illustrative;
    let data = ReportData {
        frame,
        year: letter.data_year,
        previous_year: letter.data_year - 1,
        opening,
        scored: !letter.scores.is_empty()
            || input
                .current
                .iter()
                .any(|r| !r.indicator.scoring.is_empty()),
        scores: score_summary(letter, input.current),
        evidence_list: evidence_list(dir, input.current),
        summary,
        details,
        status_known: input.status.is_some(),
        unavailable: unavailable(input),
        unnamed: input
            .edition
            .unnamed
            .iter()
            .map(|n| format!("{n:02}"))
            .collect(),
        unnamed_note: input.edition.unnamed_note.clone(),
        missing: gaps(input.status.unwrap_or_default(), State::Missing),
        late: gaps(input.status.unwrap_or_default(), State::Late),
        deadline: input.deadline.map(date),
        chart,
        appendix,
        issuer: input.agency.short_name.clone(),
        self_assessment,
        closing,
    };
    Ok((format!("{}/{}.pdf", letter.data_year, letter.id), data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_dots_for_thousands_and_a_comma_for_decimals() {
        assert_eq!(format_number(1_234_567.0, 0), "1.234.567");
        assert_eq!(format_number(1_234_567.0, 2), "1.234.567");
        assert_eq!(format_number(85.5, 2), "85,5");
        assert_eq!(format_number(85.456, 2), "85,46");
        assert_eq!(format_number(999.999, 2), "1.000");
        assert_eq!(format_number(100.0, 1), "100");
        assert_eq!(format_number(0.05, 1), "0,1");
        assert_eq!(format_number(-1234.5, 1), "-1.234,5");
        assert_eq!(format_number(-0.001, 2), "0");
        assert_eq!(format_number(12.0, 0), "12");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(format_change(1.0, 2.7, 2), "+1,70");
        assert_eq!(format_change(1.0, 0.7, 2), "-0,30");
        assert_eq!(format_change(1.0, 1.0001, 2), "0,00");
    }
}
