//! The indicator catalogue as checked: its editions (one per decision issuing an indicator
//! set, by data years), each indicator's name, unit, formula and scoring rules, and the
//! numbers whose official name is not known (pepi.md "Indicators named in the letter").

use std::collections::BTreeMap;

use super::PopulationKind;

/// The indicator catalogue.
#[derive(Debug, Default)]
pub(crate) struct Catalogue {
    /// Editions, oldest first.
    pub(crate) editions: Vec<Edition>,
}

impl Catalogue {
    /// The edition that applies to a data year.
    pub(crate) fn edition_for(&self, year: i32) -> Option<&Edition> {
        self.editions
            .iter()
            .find(|e| e.from_year <= year && e.to_year.is_none_or(|to| year <= to))
    }
}

/// One edition of the indicator set.
#[derive(Debug)]
pub(crate) struct Edition {
    /// Id.
    pub(crate) id: String,
    /// Title.
    #[allow(dead_code, reason = "part of the checked model; no document prints it yet")]
    pub(crate) title: String,
    /// Issuing decision.
    #[allow(dead_code, reason = "part of the checked model; no document prints it yet")]
    pub(crate) decision: Option<String>,
    /// First data year.
    pub(crate) from_year: i32,
    /// Last data year.
    pub(crate) to_year: Option<i32>,
    /// Indicators by number.
    pub(crate) indicators: BTreeMap<u32, Indicator>,
    /// Numbers of indicators of the edition whose official wording is not known.
    pub(crate) unnamed: Vec<u32>,
    /// Why, as printed with them.
    pub(crate) unnamed_note: Option<String>,
}

/// One indicator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Indicator {
    /// Number.
    pub(crate) number: u32,
    /// Official name.
    pub(crate) name: String,
    /// Unit.
    pub(crate) unit: String,
    /// Form number.
    pub(crate) form: u32,
    /// Group within the edition.
    pub(crate) group: Option<String>,
    /// Notes.
    pub(crate) notes: Option<String>,
    /// Years it is not evaluated.
    pub(crate) inactive_years: Vec<i32>,
    /// How its value is computed, if at all.
    pub(crate) compute: Option<Compute>,
    /// Population figure it uses (rate denominator or per-population divisor).
    pub(crate) population: Option<PopulationKind>,
    /// Decimals shown.
    pub(crate) decimals: u32,
    /// Whether a higher value is better.
    pub(crate) higher_is_better: bool,
    /// Its figures are budget figures, whose answers say how final they are.
    pub(crate) budget: bool,
    /// Unit of the figures in the form's rows.
    pub(crate) form_unit: Option<String>,
    /// What the numerator counts.
    pub(crate) numerator: Option<String>,
    /// What the denominator counts.
    pub(crate) denominator: Option<String>,
    /// Scoring rules from the catalogue; empty when none are official.
    pub(crate) scoring: Vec<ScoreRule>,
    /// The indicator of another edition that is the same measure: (edition id, number).
    pub(crate) same_as: Option<(String, u32)>,
    /// The quantity its denominator shares with other indicators, by name.
    pub(crate) shared_denominator: Option<String>,
}

/// One scoring rule of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScoreRule {
    /// Lowest value it applies to.
    pub(crate) at_least: Option<f64>,
    /// Highest value it applies to.
    pub(crate) at_most: Option<f64>,
    /// Points given.
    pub(crate) points: f64,
}

impl Indicator {
    /// The points a value earns: the first rule whose bounds hold it.
    pub(crate) fn score(&self, value: f64) -> Option<f64> {
        self.scoring
            .iter()
            .find(|r| r.at_least.is_none_or(|a| value >= a) && r.at_most.is_none_or(|b| value <= b))
            .map(|r| r.points)
    }

    /// Whether the indicator is evaluated in `year`.
    pub(crate) fn active_in(&self, year: i32) -> bool {
        !self.inactive_years.contains(&year)
    }
}

/// How an indicator's value is computed from the figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Compute {
    /// Σ numerators / Σ denominators × 100.
    Rate,
    /// Σ numerators / population × `per`.
    PerPopulation {
        /// 10 000 or 1 000 000.
        per: f64,
    },
    /// Σ numerators.
    Total,
}
