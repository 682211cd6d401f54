//! Validation of what came back (`data/<year>/*.yaml`): who answered, whether they were asked,
//! whether the figures make sense, whether the population figures agree and the evidence
//! files exist inside the project. Missing and late answers are warnings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::answer_values::{date_of, evidence_file, figure, received_in_time};
use super::{position, with_known};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::model::{Asked, asked, 
    Answer, AnswerFile, Catalogue, Compute, Directory, Evidence, Letter,
    LetterKind, Population, Row, UrbanArea,
};
use crate::project::{RawAnswerFile, RawProject};

fn population(
    raw: &crate::project::RawPopulation,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Population {
    Population {
        urban: raw
            .urban
            .iter()
            .map(|a| UrbanArea {
                district: a.district.value.trim().to_string(),
                area: a.area.value.trim().to_string(),
                kind: a.kind.as_ref().map(|k| k.value.trim().to_string()),
                population: figure(file, &a.population, "population", diags),
            })
            .collect(),
        rural_population: raw
            .rural_population
            .as_ref()
            .map(|p| figure(file, p, "rural-population", diags)),
        rural_households: raw
            .rural_households
            .as_ref()
            .map(|p| figure(file, p, "rural-households", diags)),
        total: raw
            .total_population
            .as_ref()
            .map(|p| figure(file, p, "total-population", diags)),
        reference: {
            let parts: Vec<String> = [
                raw.source.as_ref().map(|s| s.value.trim().to_string()),
                raw.reference_year.as_ref().map(|y| format!("năm {}", y.value)),
                raw.status.as_ref().map(|s| format!("số liệu {}", s.value.trim())),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        },
    }
}

/// Checks every answer file; returns the answers of the years without errors and the years
/// whose answers have errors. While data/recipients.yaml has errors (`recipients_sound`
/// false) an answer from a recipient it does not give is a consequence of those errors, not
/// reported again; its year is held back all the same.
pub(super) fn check_answers(
    raw: &RawProject,
    recipients_sound: bool,
    dir: &Directory,
    directories: &BTreeMap<i32, Directory>,
    catalogue: &Catalogue,
    letters: &[Letter],
    diags: &mut Vec<Diagnostic>,
) -> (BTreeMap<i32, Vec<AnswerFile>>, BTreeSet<i32>) {
    let mut by_year: BTreeMap<i32, Vec<AnswerFile>> = BTreeMap::new();
    let mut broken: BTreeSet<i32> = BTreeSet::new();
    let mut seen: BTreeMap<(i32, String), &Path> = BTreeMap::new();
    let mut first_population: BTreeMap<i32, (Population, &Path)> = BTreeMap::new();
    // What each year's letters ask, worked out once per year rather than once per answer.
    let mut asked_in: BTreeMap<i32, Asked> = BTreeMap::new();

    for (year, loaded) in &raw.answers {
        let (year, file) = (*year, loaded.path.as_path());
        let f: &RawAnswerFile = &loaded.value;
        let before = diags.len();
        // Where the answerer is named, for errors about it.
        let named_at = || match &f.recipient {
            Some(r) => position(file, r),
            None => Position::file(file),
        };
        let recipient = match (&f.recipient, f.issuer) {
            (None, true) => crate::model::ISSUER.to_string(),
            (Some(r), false) => r.value.trim().to_string(),
            (given, _) => {
                diags.push(
                    Diagnostic::error(
                        Code::Answer,
                        named_at(),
                        "an answer file names its recipient, or says `issuer: true` for the issuing agency's own figures, not both".to_string(),
                    )
                    .with_hint("write `recipient: <id>` for an agency's reply, or `issuer: true` alone for the Sở's own figures")
                    .says("answer-who", &[])
                    .hints("answer-who-hint", &[]),
                );
                broken.insert(year);
                let _ = given;
                continue;
            }
        };
        if !dir.recipients.contains_key(&recipient) && !recipients_sound {
            broken.insert(year);
            continue;
        }
        if !dir.recipients.contains_key(&recipient) {
            diags.push(with_known(
                Diagnostic::error(Code::Answer, 
                    named_at(),
                    format!("unknown recipient `{recipient}`"),
                )
                .says("unknown-recipient", &[("id", &recipient)]),
                "recipients",
                "recipients",
                &recipient,
                dir.recipients.keys(),
            ));
        }
        if let Some(other) = seen.insert((year, recipient.clone()), file) {
            diags.push(
                Diagnostic::error(Code::Answer, 
                    named_at(),
                    format!(
                        "`{recipient}` already answered for {year} in `{}`",
                        other.display()
                    ),
                )
                .with_hint("keep one file per agency and year; put corrections into that file")
                .says(
                    "answer-recipient-twice",
                    &[
                        ("recipient", &recipient),
                        ("year", &year.to_string()),
                        ("other", &other.display().to_string()),
                    ],
                )
                .hints("answer-recipient-twice-hint", &[]),
            );
        }
        let asked = asked_in
            .entry(year)
            // What that year's letters asked, of that year's directory.
            .or_insert_with(|| asked(directories.get(&year).unwrap_or(dir), catalogue, letters, year));
        let has_letter = letters
            .iter()
            .any(|l| l.kind == LetterKind::CongVan && l.data_year == year);
        let edition = catalogue.edition_for(year);
        if edition.is_none() {
            diags.push(
                Diagnostic::error(Code::Answer, Position::file(file), format!("no indicator catalogue edition covers data year {year}"))
                    .with_hint("add an edition to data/indicators.yaml whose from_year/to_year include this year")
                    .says("answer-no-edition", &[("year", &year.to_string())])
                    .hints("answer-no-edition-hint", &[]),
            );
        }
        let reply = f.reply.as_ref().and_then(|r| {
            let date = date_of(file, &r.date, "reply date", diags)?;
            Some((r.number.value.trim().to_string(), date))
        });
        let received = f
            .received
            .as_ref()
            .and_then(|r| date_of(file, r, "received date", diags));
        if let (Some(got), Some(at)) = (received, f.received.as_ref()) {
            received_in_time(got, year, letters, position(file, at), diags);
        }

        let mut answers = Vec::new();
        let mut answered = BTreeSet::new();
        for a in &f.answers {
            let number = a.indicator.value;
            let at = position(file, &a.indicator);
            if !answered.insert(number) {
                diags.push(
                    Diagnostic::error(Code::Answer, 
                        at.clone(),
                        format!("indicator {number:02} is answered twice in this file"),
                    )
                    .with_hint(
                        "give all of an indicator's figures in one answer, as rows if they add up",
                    )
                    .says("answer-twice", &[("number", &format!("{number:02}"))])
                    .hints("answer-twice-hint", &[]),
                );
            }
            let indicator = edition.and_then(|e| e.indicators.get(&number));
            if let Some(e) = edition
                && indicator.is_none()
            {
                diags.push(
                    Diagnostic::error(Code::Answer, 
                        at.clone(),
                        format!(
                            "indicator {number:02} is not in edition `{}` of the catalogue",
                            e.id
                        ),
                    )
                    .with_hint("check the number against data/indicators.yaml")
                    .says(
                        "answer-not-in-edition",
                        &[("number", &format!("{number:02}")), ("edition", &e.id)],
                    )
                    .hints("answer-not-in-edition-hint", &[]),
                );
            }
            let inactive = indicator.is_some_and(|i| !i.active_in(year));
            if inactive {
                diags.push(
                    Diagnostic::warning(Code::Answer, at.clone(), format!("indicator {number:02} is not evaluated in {year}; these figures are not used"))
                        .with_hint("remove them, or take the year out of `inactive_years` in data/indicators.yaml")
                        .says("answer-inactive", &[("number", &format!("{number:02}")), ("year", &year.to_string())])
                        .hints("answer-inactive-hint", &[]),
                );
            }
            // The issuer's own figures are asked of nobody.
            if has_letter
                && indicator.is_some()
                && !inactive
                && recipient != crate::model::ISSUER
                && !asked.contains_key(&(recipient.clone(), number))
            {
                let name = dir
                    .recipients
                    .get(&recipient)
                    .map_or(recipient.as_str(), |r| r.name.as_str());
                diags.push(
                    Diagnostic::error(Code::Answer, 
                        at.clone(),
                        format!(
                            "{} answers indicator {number:02}, which it was not asked for in {year}",
                            name
                        ),
                    )
                    .with_hint("check the indicator number, or add the request to data/recipients.yaml")
                    .says(
                        "answer-not-asked",
                        &[
                            ("name", name),
                            ("number", &format!("{number:02}")),
                            ("year", &year.to_string()),
                        ],
                    )
                    .hints("answer-not-asked-hint", &[]),
                );
            }
            let numerator = a
                .numerator
                .as_ref()
                .map(|v| figure(file, v, "numerator", diags));
            let denominator = a
                .denominator
                .as_ref()
                .map(|v| figure(file, v, "denominator", diags));
            let value = a.value.as_ref().map(|v| figure(file, v, "value", diags));
            if !a.rows.is_empty()
                && (numerator.is_some() || denominator.is_some() || value.is_some())
            {
                diags.push(
                    Diagnostic::error(Code::Answer, at.clone(), format!("indicator {number:02} gives both rows and totals"))
                        .with_hint("give either `rows`, which are added up, or `numerator`/`denominator`, not both")
                        .says("answer-rows-and-totals", &[("number", &format!("{number:02}"))])
                        .hints("answer-rows-and-totals-hint", &[]),
                );
            }
            // Without a computation only a lone agency's `value` is shown: figures would
            // print as "-" in the report, silently.
            if let Some(i) = indicator
                && i.compute.is_none()
                && !inactive
                && (numerator.is_some() || !a.rows.is_empty())
            {
                diags.push(
                    Diagnostic::warning(
                        Code::Empty,
                        at.clone(),
                        format!(
                            "indicator {number:02} has figures here, but data/indicators.yaml gives it no `compute`, so the report shows \"-\" for it"
                        ),
                    )
                    .with_hint(format!(
                        "add `compute: total`, `rate` or `per_population` to indicator {number:02} in data/indicators.yaml, or give only its `value`"
                    ))
                    .says("indicator-no-compute", &[("number", &format!("{number:02}"))])
                    .hints("indicator-no-compute-hint", &[("number", &format!("{number:02}"))]),
                );
            }
            let needs_denominator = indicator
                .is_some_and(|i| i.compute == Some(Compute::Rate) && i.population.is_none());
            if needs_denominator
                && a.rows.is_empty()
                && numerator.is_some()
                && denominator.is_none()
            {
                diags.push(
                    Diagnostic::error(Code::Answer, 
                        at.clone(),
                        format!("indicator {number:02} is a rate but has no denominator"),
                    )
                    .with_hint("add `denominator:`, the whole the numerator is part of")
                    .says("answer-rate-no-denominator", &[("number", &format!("{number:02}"))])
                    .hints("answer-rate-no-denominator-hint", &[]),
                );
            }
            if needs_denominator && a.rows.iter().any(|r| r.denominator.is_none()) {
                diags.push(
                    Diagnostic::error(Code::Answer, 
                        at.clone(),
                        format!("indicator {number:02} is a rate but a row has no denominator"),
                    )
                    .with_hint("give every row a `denominator:`")
                    .says("answer-rate-row-no-denominator", &[("number", &format!("{number:02}"))])
                    .hints("answer-rate-row-no-denominator-hint", &[]),
                );
            }
            if a.rows.is_empty() && numerator.is_none() && value.is_none() {
                diags.push(
                    Diagnostic::error(Code::Answer, at.clone(), format!("indicator {number:02} has no figures"))
                        .with_hint(
                            "add `numerator` (and `denominator` for a rate), `rows`, or `value`",
                        )
                        .says("answer-no-figures", &[("number", &format!("{number:02}"))])
                        .hints("answer-no-figures-hint", &[]),
                );
            }
            let is_rate = indicator.is_some_and(|i| i.compute == Some(Compute::Rate));
            let percent = indicator.is_some_and(|i| i.unit.trim() == "%");
            if let (Some(v), true, Some(at_v)) = (value, percent, a.value.as_ref())
                && !(0.0..=100.0).contains(&v)
            {
                diags.push(
                    Diagnostic::error(Code::Answer, 
                        position(file, at_v),
                        format!("percentage {v} is outside 0–100"),
                    )
                    .with_hint("a percentage given directly must lie between 0 and 100")
                    .says("answer-percentage-range", &[("value", &v.to_string())])
                    .hints("answer-percentage-range-hint", &[]),
                );
            }
            if let (true, Some(n), Some(d), Some(at_n)) =
                (is_rate, numerator, denominator, a.numerator.as_ref())
                && n > d
            {
                diags.push(
                    Diagnostic::error(Code::Answer, 
                        position(file, at_n),
                        format!("numerator {n} is greater than denominator {d} for a rate"),
                    )
                    .with_hint(
                        "a rate counts part of a whole: check whether the two figures are swapped",
                    )
                    .says(
                        "answer-numerator-over-denominator",
                        &[("numerator", &n.to_string()), ("denominator", &d.to_string())],
                    )
                    .hints("answer-swapped-hint", &[]),
                );
            }
            let mut rows = Vec::new();
            for r in &a.rows {
                let n = figure(file, &r.numerator, "numerator", diags);
                let d = r
                    .denominator
                    .as_ref()
                    .map(|v| figure(file, v, "denominator", diags));
                if let (true, Some(d)) = (is_rate, d)
                    && n > d
                {
                    diags.push(
                        Diagnostic::error(Code::Answer, 
                            position(file, &r.numerator),
                            format!("row `{}`: numerator {n} is greater than denominator {d}", r.label.value.trim()),
                        )
                        .with_hint("a rate counts part of a whole: check whether the two figures are swapped")
                        .says(
                            "answer-row-numerator-over-denominator",
                            &[
                                ("label", r.label.value.trim()),
                                ("numerator", &n.to_string()),
                                ("denominator", &d.to_string()),
                            ],
                        )
                        .hints("answer-swapped-hint", &[]),
                    );
                }
                let unit = r.unit.as_ref().map(|u| u.value.trim().to_string());
                if let (Some(u), Some(form_unit), Some(at_u)) = (
                    &unit,
                    indicator.and_then(|i| i.form_unit.as_ref()),
                    r.unit.as_ref(),
                ) && u != form_unit
                {
                    diags.push(
                        Diagnostic::error(Code::Answer, 
                            position(file, at_u),
                            format!("row unit `{u}` differs from the form's unit `{form_unit}` (indicator {number:02})"),
                        )
                        .with_hint(format!("convert the figures to {form_unit}, as the form asks"))
                        .says(
                            "answer-row-unit",
                            &[
                                ("unit", u),
                                ("expected", form_unit),
                                ("number", &format!("{number:02}")),
                            ],
                        )
                        .hints("answer-row-unit-hint", &[("expected", form_unit)]),
                    );
                }
                rows.push(Row {
                    label: r.label.value.trim().to_string(),
                    unit,
                    numerator: n,
                    denominator: d,
                    note: r.note.as_ref().map(|n| n.value.trim().to_string()),
                });
            }
            let evidence = a
                .evidence
                .iter()
                .map(|e| Evidence {
                    title: e.title.value.trim().to_string(),
                    number: e.number.as_ref().map(|n| n.value.trim().to_string()),
                    date: e
                        .date
                        .as_ref()
                        .and_then(|d| date_of(file, d, "evidence date", diags)),
                    file: e
                        .file
                        .as_ref()
                        .and_then(|p| evidence_file(&raw.root, &raw.pending, file, p, diags)),
                })
                .collect();
            let budget = budget_status(file, a, indicator.is_some_and(|i| i.budget), number, &at, diags);
            answers.push(Answer {
                indicator: number,
                at,
                budget,
                numerator,
                denominator,
                value,
                rows,
                note: a.note.as_ref().map(|n| n.value.trim().to_string()),
                evidence,
            });
        }

        let population = f.population.as_ref().map(|p| population(p, file, diags));
        if let Some(p) = &population {
            match first_population.get(&year) {
                Some((first, other)) if first != p => diags.push(
                    Diagnostic::error(Code::Answer, 
                        f.population
                            .as_ref()
                            .and_then(|p| {
                                p.urban
                                    .first()
                                    .map(|a| position(file, &a.population))
                                    .or(p.rural_population.as_ref().map(|r| position(file, r)))
                                    .or(p.rural_households.as_ref().map(|r| position(file, r)))
                            })
                            .unwrap_or_else(|| Position::file(file)),
                        format!("population figures for {year} disagree with `{}`", other.display()),
                    )
                    .with_hint("every agency must use the same statistics office figures; keep them in one file")
                    .says(
                        "answer-population-disagree",
                        &[("year", &year.to_string()), ("other", &other.display().to_string())],
                    )
                    .hints("answer-population-disagree-hint", &[]),
                ),
                Some(_) => {}
                None => {
                    first_population.insert(year, (p.clone(), file));
                }
            }
        }

        if diags[before..].iter().any(Diagnostic::is_error) {
            broken.insert(year);
        }
        by_year.entry(year).or_default().push(AnswerFile {
            path: file.to_path_buf(),
            year,
            illustrative: f.illustrative,
            recipient,
            reply,
            received,
            received_at: f.received.as_ref().map(|r| position(file, r)),
            answers,
            texts: f
                .texts
                .iter()
                .map(|t| {
                    (
                        t.about.value.trim().to_string(),
                        t.answer.value.trim().to_string(),
                    )
                })
                .collect(),
            population,
        });
    }

    // Checks across the files of a year: how suppliers' figures combine.
    for (year, files) in &by_year {
        let Some(edition) = catalogue.edition_for(*year) else {
            continue;
        };
        let pop = files.iter().find_map(|f| f.population.as_ref());
        for indicator in edition.indicators.values() {
            let answers: Vec<&Answer> = files
                .iter()
                .flat_map(|f| f.answers.iter())
                .filter(|a| a.indicator == indicator.number)
                .collect();
            let value_only: Vec<&&Answer> = answers
                .iter()
                .filter(|a| a.numerator_sum().is_none() && a.value.is_some())
                .collect();
            if answers.len() > 1 && !value_only.is_empty() {
                diags.push(
                    Diagnostic::error(Code::Answer, 
                        value_only[0].at.clone(),
                        format!("indicator {:02} has several suppliers, so a value alone cannot be added up", indicator.number),
                    )
                    .with_hint("give `numerator` and `denominator` (or rows) instead of `value`")
                    .says(
                        "answer-value-several-suppliers",
                        &[("number", &format!("{:02}", indicator.number))],
                    )
                    .hints("answer-value-several-suppliers-hint", &[]),
                );
                broken.insert(*year);
            }
            let (Some(Compute::Rate), Some(kind)) = (indicator.compute, indicator.population)
            else {
                continue;
            };
            let total: f64 = answers.iter().filter_map(|a| a.numerator_sum()).sum();
            let first = answers.iter().find(|a| a.numerator_sum().is_some());
            if let (Some(whole), Some(first)) = (pop.and_then(|p| p.figure(kind)), first)
                && total > whole
            {
                diags.push(
                    Diagnostic::error(Code::Answer, 
                        first.at.clone(),
                        format!(
                            "indicator {:02}: the numerators add up to {total}, more than the {} ({whole})",
                            indicator.number,
                            kind.label()
                        ),
                    )
                    .with_hint("a rate over a population counts part of it: check the figures and their unit")
                    .says(
                        "answer-numerators-over-population",
                        &[
                            ("number", &format!("{:02}", indicator.number)),
                            ("total", &total.to_string()),
                            ("population", kind.label()),
                            ("whole", &whole.to_string()),
                        ],
                    )
                    .hints("answer-numerators-over-population-hint", &[]),
                );
                broken.insert(*year);
            }
        }
    }

    diags.extend(super::jumps::jumps(&by_year));
    (by_year, broken)
}

/// How final a budget figure is, as the Ministry's forms distinguish them.
const BUDGET_STATUSES: [&str; 3] = ["dự toán", "ước thực hiện", "quyết toán"];

/// The status and year of an answer's budget figures (pepi.md: budget figures carry their
/// reference year and status, printed beside them): one of [`BUDGET_STATUSES`], else an error
/// at it; a warning when an answer to a budget indicator does not say; an error when an answer
/// to another indicator does.
fn budget_status(
    file: &Path,
    a: &crate::project::RawAnswer,
    budget: bool,
    number: u32,
    at: &Position,
    diags: &mut Vec<Diagnostic>,
) -> Option<(String, Option<i32>)> {
    let shown = format!("{number:02}");
    let year = a.reference_year.as_ref().map(|y| y.value);
    match (&a.status, budget) {
        (None, true) => {
            diags.push(
                Diagnostic::warning(Code::Answer, at.clone(), format!("indicator {shown}: the budget figures do not say whether they are dự toán, ước thực hiện or quyết toán"))
                    .with_hint("add `status: \"quyết toán\"` (or \"dự toán\", \"ước thực hiện\") and `reference_year:` to the answer; the report prints them beside the figures")
                    .says("answer-budget-status-missing", &[("number", &shown)])
                    .hints("answer-budget-status-hint", &[]),
            );
            None
        }
        (None, false) => {
            if let Some(y) = &a.reference_year {
                diags.push(
                    Diagnostic::error(Code::Answer, position(file, y), format!("indicator {shown}: `reference_year` is for budget figures, and data/indicators.yaml does not say this indicator's are"))
                        .with_hint("remove `reference_year:`, or mark the indicator `budget: true` in data/indicators.yaml")
                        .says("answer-budget-year-not-budget", &[("number", &shown)])
                        .hints("answer-budget-year-not-budget-hint", &[]),
                );
            }
            None
        }
        (Some(s), false) => {
            diags.push(
                Diagnostic::error(Code::Answer, position(file, s), format!("indicator {shown}: `status` is for budget figures, and data/indicators.yaml does not say this indicator's are"))
                    .with_hint("remove `status:`, or mark the indicator `budget: true` in data/indicators.yaml")
                    .says("answer-budget-status-not-budget", &[("number", &shown)])
                    .hints("answer-budget-status-not-budget-hint", &[]),
            );
            None
        }
        (Some(s), true) => {
            let given = s.value.trim().to_lowercase();
            if BUDGET_STATUSES.contains(&given.as_str()) {
                Some((given, year))
            } else {
                diags.push(
                    Diagnostic::error(Code::Answer, position(file, s), format!("indicator {shown}: budget status `{}` is not dự toán, ước thực hiện or quyết toán", s.value.trim()))
                        .with_hint("write one of \"dự toán\", \"ước thực hiện\", \"quyết toán\"")
                        .says("answer-budget-status-unknown", &[("number", &shown), ("status", s.value.trim())])
                        .hints("answer-budget-status-unknown-hint", &[]),
                );
                None
            }
        }
    }
}
