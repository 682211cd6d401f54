//! `data/indicators.yaml`: the catalogue's editions, indicators, computations and score
//! rules.

use super::*;

pub(super) fn check_catalogue(file: &Path, raw: &RawCatalogue, diags: &mut Vec<Diagnostic>) -> Catalogue {
    let mut editions: Vec<Edition> = Vec::new();
    for e in &raw.editions {
        let mut indicators = BTreeMap::new();
        // One Biểu mẫu per indicator: two sharing a form number would share a sheet.
        let mut forms: BTreeMap<u32, u32> = BTreeMap::new();
        for i in &e.indicators {
            let number = i.number.value;
            let form = i.form.as_ref().map_or(number, |f| f.value);
            if let Some(other) = forms.insert(form, number)
                && other != number
            {
                let (form, other, number) = (format!("{form:02}"), format!("{other:02}"), format!("{number:02}"));
                diags.push(
                    Diagnostic::error(
                        Code::Catalogue,
                        i.form.as_ref().map_or_else(|| position(file, &i.number), |f| position(file, f)),
                        format!("indicator {number} has form {form}, which is already indicator {other}'s"),
                    )
                    .with_hint("give each indicator its own form number (`form:`)")
                    .says("catalogue-form-twice", &[("number", &number), ("form", &form), ("other", &other)])
                    .hints("catalogue-form-twice-hint", &[]),
                );
            }
            if indicators.contains_key(&number) {
                diags.push(
                    Diagnostic::error(Code::Catalogue, 
                        position(file, &i.number),
                        format!(
                            "indicator {number:02} appears twice in edition `{}`",
                            e.id.value
                        ),
                    )
                    .with_hint("each indicator number may appear once per edition")
                    .says(
                        "catalogue-indicator-twice",
                        &[("number", &format!("{number:02}")), ("edition", &e.id.value)],
                    )
                    .hints("catalogue-indicator-twice-hint", &[]),
                );
                continue;
            }
            indicators.insert(
                number,
                Indicator {
                    number,
                    name: non_empty(file, &i.name, "indicator name", diags),
                    unit: i.unit.value.trim().to_string(),
                    form: i.form.as_ref().map_or(number, |f| f.value),
                    group: i.group.as_ref().map(|g| g.value.clone()),
                    notes: i.notes.as_ref().map(|n| n.value.clone()),
                    inactive_years: i.inactive_years.iter().map(|y| y.value).collect(),
                    compute: indicator_compute(file, i, diags),
                    population: i
                        .population
                        .as_ref()
                        .and_then(|p| population_kind(file, p, diags)),
                    decimals: i.decimals.as_ref().map_or(2, |d| d.value.min(6)),
                    higher_is_better: i.higher_is_better.as_ref().is_none_or(|h| h.value),
                    budget: i.budget,
                    form_unit: i.form_unit.as_ref().map(|u| u.value.trim().to_string()),
                    numerator: i.numerator.as_ref().map(|u| u.value.trim().to_string()),
                    denominator: i.denominator.as_ref().map(|u| u.value.trim().to_string()),
                    scoring: i
                        .scoring
                        .iter()
                        .map(|r| ScoreRule {
                            at_least: r.at_least.as_ref().map(|a| a.value),
                            at_most: r.at_most.as_ref().map(|a| a.value),
                            points: r.points.value,
                        })
                        .collect(),
                    shared_denominator: i
                        .shared_denominator
                        .as_ref()
                        .map(|s| s.value.trim().to_string()),
                    same_as: i
                        .same_as
                        .as_ref()
                        .map(|s| (s.edition.value.trim().to_string(), s.number.value)),
                },
            );
        }
        let from_year = e.from_year.value;
        let to_year = e.to_year.as_ref().map(|t| t.value);
        if let (Some(to), Some(at)) = (to_year, e.to_year.as_ref())
            && to < from_year
        {
            diags.push(
                Diagnostic::error(Code::Catalogue, 
                    position(file, at),
                    format!(
                        "edition `{}` ends ({to}) before it starts ({from_year})",
                        e.id.value
                    ),
                )
                .with_hint("`to_year` must not be earlier than `from_year`")
                .says(
                    "catalogue-edition-ends-early",
                    &[
                        ("edition", &e.id.value),
                        ("to", &to.to_string()),
                        ("from", &from_year.to_string()),
                    ],
                )
                .hints("catalogue-edition-ends-early-hint", &[]),
            );
        }
        let overlaps = editions.iter().find(|other| {
            let a_end = to_year.unwrap_or(i32::MAX);
            let b_end = other.to_year.unwrap_or(i32::MAX);
            from_year <= b_end && other.from_year <= a_end
        });
        if let Some(other) = overlaps {
            diags.push(
                Diagnostic::error(Code::Catalogue, 
                    position(file, &e.from_year),
                    format!(
                        "edition `{}` covers the same data years as edition `{}`",
                        e.id.value, other.id
                    ),
                )
                .with_hint(
                    "each data year must belong to exactly one edition; adjust from_year/to_year",
                )
                .says(
                    "catalogue-edition-overlap",
                    &[("edition", &e.id.value), ("other", &other.id)],
                )
                .hints("catalogue-edition-overlap-hint", &[]),
            );
        }
        // An unnamed number is one the edition has but whose name is not known: never also a
        // named indicator, and listed once.
        let mut unnamed: Vec<u32> = Vec::new();
        for n in &e.unnamed {
            let shown = format!("{:02}", n.value);
            let problem = if indicators.contains_key(&n.value) {
                Some(("is also an indicator with a name", "catalogue-unnamed-named"))
            } else if unnamed.contains(&n.value) {
                Some(("is listed twice", "catalogue-unnamed-twice"))
            } else {
                None
            };
            if let Some((why, key)) = problem {
                diags.push(
                    Diagnostic::error(Code::Catalogue, position(file, n), format!("unnamed indicator {shown} of edition `{}` {why}", e.id.value.trim()))
                        .with_hint("`unnamed` lists the numbers whose official name is not known; remove it from one of the lists")
                        .says(key, &[("number", &shown), ("edition", e.id.value.trim())])
                        .hints("catalogue-unnamed-hint", &[]),
                );
                continue;
            }
            unnamed.push(n.value);
        }
        unnamed.sort_unstable();
        editions.push(Edition {
            id: e.id.value.trim().to_string(),
            title: e.title.value.trim().to_string(),
            decision: e.decision.as_ref().map(|d| d.value.trim().to_string()),
            from_year,
            to_year,
            indicators,
            unnamed,
            unnamed_note: e.unnamed_note.as_ref().map(|n| n.value.trim().to_string()),
        });
    }
    // A `same_as` names an indicator that exists, in another edition.
    for (e, raw_e) in editions.iter().zip(&raw.editions) {
        for i in &raw_e.indicators {
            let Some(same) = &i.same_as else { continue };
            let (other, number) = (same.edition.value.trim(), same.number.value);
            let found = editions
                .iter()
                .find(|o| o.id == other && o.id != e.id)
                .is_some_and(|o| o.indicators.contains_key(&number));
            if !found {
                let shown = format!("{number:02}");
                diags.push(
                    Diagnostic::error(
                        Code::Catalogue,
                        position(file, &same.number),
                        format!("`same_as` names indicator {shown} of edition `{other}`, which the catalogue does not have"),
                    )
                    .with_hint("name another edition's id and an indicator number it has, or remove `same_as`")
                    .says("catalogue-same-as-unknown", &[("number", &shown), ("edition", other)])
                    .hints("catalogue-same-as-unknown-hint", &[]),
                );
            }
        }
    }
    Catalogue { editions }
}

pub(super) fn indicator_compute(
    file: &Path,
    i: &crate::project::RawIndicator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Compute> {
    let at = i.compute.as_ref()?;
    let number = i.number.value;
    match at.value.trim() {
        "rate" => Some(Compute::Rate),
        "total" => Some(Compute::Total),
        "per_population" => {
            let per = i.per.as_ref().map(|p| p.value);
            if i.population.is_none() || per.is_none_or(|p| p <= 0.0) {
                diags.push(
                    Diagnostic::error(Code::Catalogue, 
                        position(file, at),
                        format!("indicator {number:02} is computed per population but lacks `population` or a positive `per`"),
                    )
                    .with_hint("add `population: urban|rural|total|rural_households` and `per: 10000` (or 1000000)")
                    .says("catalogue-per-population", &[("number", &format!("{number:02}"))])
                    .hints("catalogue-per-population-hint", &[]),
                );
                return None;
            }
            Some(Compute::PerPopulation {
                per: per.unwrap_or(1.0),
            })
        }
        other => {
            diags.push(
                Diagnostic::error(Code::Catalogue, 
                    position(file, at),
                    format!("indicator {number:02} has unknown computation `{other}`"),
                )
                .with_hint("use `rate`, `per_population` or `total`, or leave `compute` out")
                .says(
                    "catalogue-unknown-compute",
                    &[("number", &format!("{number:02}")), ("compute", other)],
                )
                .hints("catalogue-unknown-compute-hint", &[]),
            );
            None
        }
    }
}

pub(super) fn population_kind(
    file: &Path,
    at: &At<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PopulationKind> {
    match at.value.trim() {
        "urban" => Some(PopulationKind::Urban),
        "rural" => Some(PopulationKind::Rural),
        "total" => Some(PopulationKind::Total),
        "rural_households" => Some(PopulationKind::RuralHouseholds),
        other => {
            diags.push(
                Diagnostic::error(Code::Catalogue, 
                    position(file, at),
                    format!("unknown population figure `{other}`"),
                )
                .with_hint("use `urban`, `rural`, `total` or `rural_households`")
                .says("catalogue-unknown-population", &[("population", other)])
                .hints("catalogue-unknown-population-hint", &[]),
            );
            None
        }
    }
}
