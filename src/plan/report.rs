//! A report's document: the answers of its data year and the year before, counted against
//! the request letter it names, computed and filled in; blocked, with the cause, when what it
//! depends on has errors or holds nothing.

use std::collections::{BTreeMap, BTreeSet};

use super::Figure;
use crate::compute::{indicators::indicator_results, obligations};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::model::{AnswerFile, Letter, LetterDate, LetterKind, Project};
use crate::render::data::ReportData;
use crate::render::{self, report::ReportInput};

/// A report's output path, data and shown values.
pub(super) type ReportParts = (String, ReportData, BTreeMap<String, Figure>);

/// Computes and renders a report from the answers of its data year and the year before.
pub(super) fn report(model: &Project, letter: &Letter) -> Result<ReportParts, Vec<Diagnostic>> {
    let year = letter.data_year;
    let blocked = |message: String, hint: &str| {
        vec![Diagnostic::error(Code::Blocked, Position::file(&letter.path), message).with_hint(hint)]
    };
    let year_text = year.to_string();
    if model.broken_years.contains(&year) {
        let mut blocked = blocked(
            format!(
                "report `{}` was not built because the answers in data/{year}/ have errors",
                letter.id
            ),
            "fix the errors reported for data/ above; this follows from them",
        );
        blocked[0] = blocked[0]
            .clone()
            .says(
                "report-blocked-by-answers",
                &[("report", &letter.id), ("year", &year_text)],
            )
            .hints("blocked-hint", &[]);
        return Err(blocked);
    }
    let request = match &letter.request_letter {
        Some(id) => Some(
            named_request(model, id, year)
                .ok_or_else(|| {
                    // A letter that exists but has errors is the cause, reported at its
                    // place; this is only what follows from it.
                    if model.unsound_letters.contains(id) {
                        let mut blocked = blocked(
                            format!(
                                "report `{}` was not built because its request letter `{id}` has errors",
                                letter.id
                            ),
                            "fix the errors reported for that letter above; this follows from them",
                        );
                        blocked[0] = blocked[0]
                            .clone()
                            .says(
                                "report-blocked-by-request",
                                &[("report", &letter.id), ("request", id)],
                            )
                            .hints("report-blocked-by-request-hint", &[]);
                        blocked
                    } else {
                        let mut blocked = blocked(
                            format!(
                                "report `{}` names request letter `{id}`, which is not a công văn in letters/",
                                letter.id
                            ),
                            "`request_letter` is the file name (without .yaml) of a công văn in letters/",
                        );
                        blocked[0] = blocked[0]
                            .clone()
                            .says(
                                "plan-no-request-letter",
                                &[("report", &letter.id), ("request", id)],
                            )
                            .hints("plan-no-request-letter-hint", &[]);
                        blocked
                    }
                })?,
        ),
        None => model
            .letters
            .iter()
            .find(|l| l.kind == LetterKind::CongVan && l.data_year == year),
    };
    let (files, previous_files) = (
        &counted(model, addressed_by(model, request, year), year),
        &counted(model, addressed_by(model, None, year - 1), year - 1),
    );
    // A report of nothing would print a table of dashes that reads like figures.
    if files.is_empty() {
        return Err(vec![
            Diagnostic::error(
                Code::Empty,
                Position::file(&letter.path),
                format!(
                    "report `{}` was not built: data/{year}/ has no answers from the agencies its request letter addresses",
                    letter.id
                ),
            )
            .with_hint(format!(
                "add each agency's reply as data/{year}/<agency id>.yaml; `vanban status --year {year}` shows who owes what"
            ))
            .says(
                "report-no-answers",
                &[("report", &letter.id), ("year", &year_text)],
            )
            .hints("report-no-answers-hint", &[("year", &year_text)]),
        ]);
    }
    let edition = model.catalogue.edition_for(year).expect("validated");
    let current = indicator_results(edition, year, files);
    let previous = previous_values(model, edition, year, previous_files);
    let status_rows =
        request.map(|l| obligations::of_letter(model.directory_for(year), Some(edition), l, files));
    let input = ReportInput {
        agency: model.agency_of(letter),
        dir: &model.directory,
        letter,
        current: &current,
        previous: &previous,
        status: status_rows.as_deref(),
        deadline: request.and_then(|l| l.deadline),
        illustrative: files.iter().chain(previous_files).any(|f| f.illustrative),
        request_reference: request.map(|l| request_reference(model, l)),
        population_reference: files
            .iter()
            .find_map(|f| f.population.as_ref().and_then(|p| p.reference.clone())),
        files,
        edition,
    };
    let (output, data) = render::report::render_report(&input)?;
    let values = current
        .iter()
        .map(|r| {
            let i = r.indicator;
            let sources = r
                .answers
                .iter()
                .map(|(supplier, a)| {
                    let name = model
                        .directory
                        .recipients
                        .get(*supplier)
                        .map_or(*supplier, |d| d.name.as_str());
                    let figures = match (a.numerator_sum(), a.denominator_sum(), a.value) {
                        (Some(n), Some(d), _) => format!("{n} / {d}"),
                        (Some(n), None, _) => n.to_string(),
                        (None, _, Some(v)) => v.to_string(),
                        _ => "-".to_string(),
                    };
                    let reply = files
                        .iter()
                        .find(|f| f.recipient == *supplier)
                        .and_then(|f| f.reply.as_ref())
                        .map(|(number, day)| {
                            format!(" (Văn bản số {number} ngày {})", render::vi::date(*day))
                        })
                        .unwrap_or_default();
                    format!("{name}: {}{reply}", figures.replace('.', ","))
                })
                .collect();
            let figure = Figure {
                name: i.name.clone(),
                unit: i.unit.clone(),
                value: r.value,
                decimals: i.decimals,
                sources,
            };
            (format!("{:02}", i.number), figure)
        })
        .collect();
    Ok((output, data, values))
}

/// How a report cites its request letter: by the number and date the register gave it
/// ("Công văn số 12/STNMT-BVMT ngày 06/02/2023 của Sở … về việc …"), or, before it is
/// registered, by its month ("Công văn tháng 02/2023 của …").
fn request_reference(model: &Project, request: &Letter) -> String {
    let agency = model.agency_of(request);
    let subject = render::merge::Merge::new(agency, request)
        .render(&request.subject, &[])
        .unwrap_or_else(|_| request.subject.value.clone());
    let when = match (request.number, request.date) {
        (Some(n), LetterDate::Full(d)) => format!(
            " số {}/{} ngày {}",
            render::vi::number_text(n),
            request.symbol(agency),
            render::vi::date(d)
        ),
        (_, LetterDate::Full(d)) => format!(" ngày {}", render::vi::date(d)),
        (_, LetterDate::Month { year, month }) => format!(" tháng {month:02}/{year}"),
    };
    format!(
        "Công văn{when} của {} về việc {subject}",
        agency.short_name
    )
}

/// Last year's value of each indicator of `edition` (by its number) that last year measured
/// the same way: by number within one edition; across a change of edition only through the
/// catalogue's `same_as`, never by number alone (another edition's 11 is another measure).
fn previous_values(
    model: &Project,
    edition: &crate::model::Edition,
    year: i32,
    files: &[crate::model::AnswerFile],
) -> BTreeMap<u32, f64> {
    let Some(last) = model.catalogue.edition_for(year - 1) else {
        return BTreeMap::new();
    };
    let results = indicator_results(last, year - 1, files);
    let value_of = |number: u32| {
        results
            .iter()
            .find(|r| r.indicator.number == number)
            .and_then(|r| r.value)
    };
    edition
        .indicators
        .values()
        .filter_map(|i| {
            let number = if last.id == edition.id {
                i.number
            } else {
                match &i.same_as {
                    Some((other, number)) if *other == last.id => *number,
                    _ => return None,
                }
            };
            value_of(number).map(|v| (i.number, v))
        })
        .collect()
}

/// The request letter (công văn) of data year `year` whose id a report's `request_letter`
/// names, if it is a sound letter of the project.
fn named_request<'a>(model: &'a Project, id: &str, year: i32) -> Option<&'a Letter> {
    model
        .letters
        .iter()
        .find(|l| l.id == id && l.data_year == year && l.kind == LetterKind::CongVan)
}

/// The agencies whose answers for data year `year` a report counts: those its request letter
/// `request` addressed, else those the year's request letters addressed, from that year's
/// directory (a district abolished since still counts for its years); `None` (all) when the
/// year has no request letter.
fn addressed_by<'a>(
    model: &'a Project,
    request: Option<&'a Letter>,
    year: i32,
) -> Option<BTreeSet<&'a str>> {
    let letters: Vec<&Letter> = match request {
        Some(l) => vec![l],
        None => model
            .letters
            .iter()
            .filter(|l| l.kind == LetterKind::CongVan && l.data_year == year)
            .collect(),
    };
    (!letters.is_empty()).then(|| {
        letters
            .iter()
            .flat_map(|l| l.agencies(model.directory_for(year)))
            .map(|r| r.id.as_str())
            .collect()
    })
}

/// The answer files of data year `year` from `addressed` (all when `None`) and the agency's
/// own, in the order of data/recipients.yaml. Only those are copied: a national campaign
/// has a thousand files a year and a report counts fifteen.
fn counted(model: &Project, addressed: Option<BTreeSet<&str>>, year: i32) -> Vec<AnswerFile> {
    let mut files: Vec<AnswerFile> = model
        .answers
        .get(&year)
        .into_iter()
        .flatten()
        .filter(|f| {
            addressed.as_ref().is_none_or(|a| {
                f.recipient == crate::model::ISSUER || a.contains(f.recipient.as_str())
            })
        })
        .cloned()
        .collect();
    files.sort_by_cached_key(|f| model.directory.rank(&f.recipient));
    files
}

/// A warning for each report whose assessed indicators have figures but no evidence document:
/// the Ministry's council asks for the evidence behind every figure. One warning per report,
/// naming the indicators.
pub(crate) fn evidence_warnings(model: &Project) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for letter in model.letters.iter().filter(|l| l.kind == LetterKind::BaoCao) {
        let year = letter.data_year;
        let Some(edition) = model.catalogue.edition_for(year) else {
            continue;
        };
        if model.broken_years.contains(&year) {
            continue;
        }
        // The figures the report counts, as it counts them (a report whose request letter
        // is missing is an error of its own).
        let request = match &letter.request_letter {
            Some(id) => match named_request(model, id, year) {
                Some(l) => Some(l),
                None => continue,
            },
            None => None,
        };
        let files = counted(model, addressed_by(model, request, year), year);
        let without: Vec<String> = indicator_results(edition, year, &files)
            .iter()
            .filter(|r| r.indicator.active_in(year) && r.value.is_some() && r.evidence().next().is_none())
            .map(|r| format!("{:02}", r.indicator.number))
            .collect();
        if without.is_empty() {
            continue;
        }
        let list = without.join(", ");
        warnings.push(
            Diagnostic::warning(
                Code::Evidence,
                Position::file(&letter.path),
                format!("report `{}`: indicators {list} have figures but no evidence document", letter.id),
            )
            .with_hint(format!("add `evidence:` to their answers in data/{year}/ (title, number, date, file)"))
            .says("report-no-evidence", &[("report", &letter.id), ("list", &list), ("count", &without.len().to_string())])
            .hints("report-no-evidence-hint", &[("year", &year.to_string())]),
        );
    }
    warnings
}

/// What a tờ trình of `letter`'s data year cites: the year's request letter (as a report
/// cites it) and the year's report by its title.
pub(crate) fn cited_by_to_trinh(model: &Project, letter: &Letter) -> render::to_trinh::Cited {
    let year = letter.data_year;
    // The request letter of the year; the report that goes up (another body's, the UBND's,
    // when there is one).
    let of_kind = |kind: LetterKind| {
        model
            .letters
            .iter()
            .filter(|l| l.kind == kind && l.data_year == year)
            .max_by_key(|l| l.issuer.is_some())
    };
    let report = of_kind(LetterKind::BaoCao);
    // The request letter the report answers; else the year's (the Sở's own) công văn.
    let request = report
        .and_then(|r| r.request_letter.as_ref())
        .and_then(|id| {
            model
                .letters
                .iter()
                .find(|l| &l.id == id && l.kind == LetterKind::CongVan && l.data_year == year)
        })
        .or_else(|| {
            model
                .letters
                .iter()
                .find(|l| l.kind == LetterKind::CongVan && l.data_year == year && l.issuer.is_none())
        });
    render::to_trinh::Cited {
        request_letter: request.map(|l| request_reference(model, l)),
        report: report.map(|l| {
            let subject = render::merge::Merge::new(model.agency_of(l), l)
                .render(&l.subject, &[])
                .unwrap_or_else(|_| l.subject.value.clone());
            // "Kết quả …" inside a sentence: "dự thảo Báo cáo kết quả …".
            let mut chars = subject.chars();
            let subject: String = chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or_default();
            format!("dự thảo Báo cáo {subject}")
        }),
    }
}
