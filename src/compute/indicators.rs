//! Indicator values from the answers: sums of numerators and denominators across suppliers
//! and rows, never averages of percentages (pepi.md), and scores only from catalogue rules.

use crate::model::{
    Answer, AnswerFile, Compute, Edition, Evidence, Indicator, Population,
};

/// One indicator's figures and value for one data year.
#[derive(Debug, Clone)]
pub(crate) struct IndicatorResult<'a> {
    /// The catalogue entry.
    pub(crate) indicator: &'a Indicator,
    /// Σ numerators, when any figures were given.
    pub(crate) numerator: Option<f64>,
    /// The denominator used: Σ denominators or the population figure.
    pub(crate) denominator: Option<f64>,
    /// Whether the denominator is a population figure.
    pub(crate) denominator_is_population: bool,
    /// The computed (or directly given) value.
    pub(crate) value: Option<f64>,
    /// Recipient ids of the suppliers, in file order.
    pub(crate) suppliers: Vec<&'a str>,
    /// The answers behind it, with their supplier.
    pub(crate) answers: Vec<(&'a str, &'a Answer)>,
}

impl<'a> IndicatorResult<'a> {
    /// Every evidence document behind the value.
    pub(crate) fn evidence(&self) -> impl Iterator<Item = &'a Evidence> + '_ {
        self.answers.iter().flat_map(|(_, a)| a.evidence.iter())
    }

    #[cfg(test)]
    /// Every form row behind the value, with its supplier.
    pub(crate) fn rows(&self) -> impl Iterator<Item = (&'a str, &'a crate::model::Row)> + '_ {
        self.answers
            .iter()
            .flat_map(|(s, a)| a.rows.iter().map(move |r| (*s, r)))
    }
}

/// The population figures of a year: the first file that carries them (validation has made
/// sure the others agree).
pub(crate) fn population(files: &[AnswerFile]) -> Option<&Population> {
    files.iter().find_map(|f| f.population.as_ref())
}

/// Computes every indicator of `edition` active in `year` from the year's answers.
pub(crate) fn indicator_results<'a>(
    edition: &'a Edition,
    year: i32,
    files: &'a [AnswerFile],
) -> Vec<IndicatorResult<'a>> {
    let population = population(files);
    edition
        .indicators
        .values()
        .filter(|i| i.active_in(year))
        .map(|indicator| {
            let answers: Vec<(&str, &Answer)> = files
                .iter()
                .flat_map(|f| {
                    f.answers
                        .iter()
                        .filter(|a| a.indicator == indicator.number)
                        .map(move |a| (f.recipient.as_str(), a))
                })
                .collect();
            compute_one(indicator, answers, population)
        })
        .collect()
}

fn compute_one<'a>(
    indicator: &'a Indicator,
    answers: Vec<(&'a str, &'a Answer)>,
    population: Option<&Population>,
) -> IndicatorResult<'a> {
    let mut suppliers: Vec<&str> = Vec::new();
    for (s, _) in &answers {
        if !suppliers.contains(s) {
            suppliers.push(s);
        }
    }
    let with_figures: Vec<&Answer> = answers
        .iter()
        .map(|(_, a)| *a)
        .filter(|a| a.numerator_sum().is_some())
        .collect();
    let numerator = (!with_figures.is_empty()).then(|| {
        with_figures
            .iter()
            .filter_map(|a| a.numerator_sum())
            .sum::<f64>()
    });
    let pop = indicator.population.and_then(|k| population?.figure(k));
    let direct = match answers.as_slice() {
        [(_, a)] if a.numerator_sum().is_none() => a.value,
        _ => None,
    };
    let (denominator, from_population, value) = match indicator.compute {
        Some(Compute::Rate) if indicator.population.is_some() => {
            (pop, true, ratio(numerator, pop, 100.0).or(direct))
        }
        Some(Compute::Rate) => {
            let den = with_figures
                .iter()
                .map(|a| a.denominator_sum())
                .sum::<Option<f64>>();
            let den = if with_figures.is_empty() { None } else { den };
            (den, false, ratio(numerator, den, 100.0).or(direct))
        }
        Some(Compute::PerPopulation { per }) => (pop, true, ratio(numerator, pop, per).or(direct)),
        Some(Compute::Total) => (None, false, numerator.or(direct)),
        None => (None, false, direct),
    };
    IndicatorResult {
        indicator,
        numerator,
        denominator,
        denominator_is_population: from_population,
        value,
        suppliers,
        answers,
    }
}

fn ratio(numerator: Option<f64>, denominator: Option<f64>, scale: f64) -> Option<f64> {
    let (n, d) = (numerator?, denominator?);
    (d > 0.0).then(|| n / d * scale)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostic::Position;
    use crate::model::{PopulationKind, UrbanArea};
    use std::collections::BTreeMap;

    fn indicator(
        number: u32,
        compute: Option<Compute>,
        population: Option<PopulationKind>,
    ) -> Indicator {
        Indicator {
            number,
            name: format!("I{number}"),
            unit: "%".into(),
            form: number,
            group: None,
            notes: None,
            inactive_years: vec![2021],
            compute,
            population,
            decimals: 2,
            higher_is_better: true,
            budget: false,
            form_unit: None,
            numerator: None,
            denominator: None,
            scoring: vec![],
            same_as: None,
            shared_denominator: None,
        }
    }

    pub(crate) fn answer(indicator: u32, n: Option<f64>, d: Option<f64>, rows: &[(f64, f64)]) -> Answer {
        Answer {
            indicator,
            at: Position::file("x"),
            numerator: n,
            denominator: d,
            value: None,
            rows: rows
                .iter()
                .map(|&(n, d)| crate::model::Row {
                    label: "r".into(),
                    unit: None,
                    numerator: n,
                    denominator: Some(d),
                    note: None,
                })
                .collect(),
            note: None,
            evidence: vec![],
            budget: None,
        }
    }

    pub(crate) fn file(recipient: &str, answers: Vec<Answer>, population: Option<Population>) -> AnswerFile {
        AnswerFile {
            path: format!("data/2022/{recipient}.yaml").into(),
            year: 2022,
            illustrative: true,
            recipient: recipient.into(),
            reply: None,
            received: None,
            received_at: None,
            answers,
            texts: vec![],
            population,
        }
    }

    fn edition(indicators: Vec<Indicator>) -> Edition {
        Edition {
            id: "e".into(),
            title: "t".into(),
            decision: None,
            from_year: 2020,
            to_year: None,
            indicators: indicators
                .into_iter()
                .map(|i| (i.number, i))
                .collect::<BTreeMap<_, _>>(),
            unnamed: Vec::new(),
            unnamed_note: None,
        }
    }

    fn pop() -> Population {
        Population {
            urban: vec![
                UrbanArea {
                    district: "A".into(),
                    area: "TP".into(),
                    kind: Some("II".into()),
                    population: 150_000.0,
                },
                UrbanArea {
                    district: "B".into(),
                    area: "TT".into(),
                    kind: Some("V".into()),
                    population: 50_000.0,
                },
            ],
            rural_population: Some(600_000.0),
            rural_households: Some(150_000.0),
            total: Some(800_000.0),
            reference: None,
        }
    }

    #[test]
    fn a_rate_sums_numerators_and_denominators_across_suppliers_and_rows() {
        // Sở Xây dựng: 30 of 40 t/day; district A rows 5/10 and 1/50. Averaging the three
        // percentages would give (75 + 50 + 2) / 3 = 42.33; the sum gives 36 / 100 = 36 %.
        let e = edition(vec![indicator(11, Some(Compute::Rate), None)]);
        let files = vec![
            file("sxd", vec![answer(11, Some(30.0), Some(40.0), &[])], None),
            file(
                "a",
                vec![answer(11, None, None, &[(5.0, 10.0), (1.0, 50.0)])],
                None,
            ),
        ];
        let r = &indicator_results(&e, 2022, &files)[0];
        assert_eq!(r.numerator, Some(36.0));
        assert_eq!(r.denominator, Some(100.0));
        assert_eq!(r.value, Some(36.0));
        assert_eq!(r.suppliers, ["sxd", "a"]);
        assert_eq!(r.rows().count(), 2);
    }

    #[test]
    fn a_per_population_figure_divides_by_the_statistics_office_population() {
        // 30 buses for 150 000 + 50 000 urban inhabitants: 30 / 200 000 × 10 000 = 1.5.
        let e = edition(vec![
            indicator(
                7,
                Some(Compute::PerPopulation { per: 10_000.0 }),
                Some(PopulationKind::Urban),
            ),
            indicator(
                25,
                Some(Compute::PerPopulation { per: 1_000_000.0 }),
                Some(PopulationKind::Total),
            ),
        ]);
        let files = vec![
            file("tk", vec![], Some(pop())),
            file("gt", vec![answer(7, Some(30.0), None, &[])], None),
            file("nv", vec![answer(25, Some(52.0), None, &[])], None),
            file("h", vec![answer(25, Some(24.0), None, &[])], None),
        ];
        let r = indicator_results(&e, 2022, &files);
        assert_eq!(r[0].denominator, Some(200_000.0));
        assert!((r[0].value.unwrap() - 1.5).abs() < 1e-9);
        // 52 + 24 = 76 officials for 800 000 inhabitants: 95 per million.
        assert_eq!(r[1].numerator, Some(76.0));
        assert!((r[1].value.unwrap() - 95.0).abs() < 1e-9);
    }

    #[test]
    fn a_rate_over_a_population_figure_and_a_total() {
        let e = edition(vec![
            indicator(
                16,
                Some(Compute::Rate),
                Some(PopulationKind::RuralHouseholds),
            ),
            indicator(20, Some(Compute::Total), None),
            indicator(2, None, None),
        ]);
        let files = vec![
            file("tk", vec![], Some(pop())),
            file(
                "nn",
                vec![
                    answer(16, Some(135_000.0), None, &[]),
                    answer(20, None, None, &[(2.5, 0.0), (1.25, 0.0)]),
                ],
                None,
            ),
        ];
        let r = indicator_results(&e, 2022, &files);
        assert_eq!(r[0].indicator.number, 2);
        assert_eq!(r[0].value, None, "no computation, no figures");
        assert!(
            (r[1].value.unwrap() - 90.0).abs() < 1e-9,
            "135 000 / 150 000 households"
        );
        assert!(r[1].denominator_is_population);
        assert_eq!(r[2].value, Some(3.75));
    }

    #[test]
    fn scores_come_only_from_the_catalogue_rules_first_match_wins() {
        use crate::model::ScoreRule;
        let mut i = indicator(1, Some(Compute::Rate), None);
        assert_eq!(i.score(95.0), None, "no rules, no score");
        i.scoring = vec![
            ScoreRule {
                at_least: Some(90.0),
                at_most: None,
                points: 3.0,
            },
            ScoreRule {
                at_least: Some(50.0),
                at_most: Some(90.0),
                points: 1.5,
            },
            ScoreRule {
                at_least: None,
                at_most: None,
                points: 0.0,
            },
        ];
        assert_eq!(i.score(95.0), Some(3.0));
        assert_eq!(i.score(90.0), Some(3.0));
        assert_eq!(i.score(60.0), Some(1.5));
        assert_eq!(i.score(10.0), Some(0.0));
    }

    #[test]
    fn missing_figures_give_no_value_and_inactive_indicators_are_left_out() {
        let e = edition(vec![indicator(1, Some(Compute::Rate), None)]);
        let none: Vec<AnswerFile> = vec![];
        let r = indicator_results(&e, 2022, &none);
        assert_eq!(
            (r[0].value, r[0].numerator, r[0].suppliers.len()),
            (None, None, 0)
        );
        assert!(indicator_results(&e, 2021, &none).is_empty());
        // A zero denominator gives no value rather than a division by zero.
        let files = vec![file("a", vec![answer(1, Some(0.0), Some(0.0), &[])], None)];
        assert_eq!(indicator_results(&e, 2022, &files)[0].value, None);
    }
}
