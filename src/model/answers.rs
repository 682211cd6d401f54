//! What came back: the answer files of a data year, their figures, rows, evidence and the
//! statistics office's population figures; and the scores and self-assessment the Sở writes
//! about them.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::diagnostic::Position;

/// The id answers of the issuing agency's own figures go under (`issuer: true`): in the
/// directory under the agency's name, so reports name it as a supplier; no letter addresses
/// or asks it.
pub(crate) const ISSUER: &str = "@issuer";

/// Which population figure an indicator uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PopulationKind {
    /// Urban population (areas of type IV and above).
    Urban,
    /// Rural population.
    Rural,
    /// Urban plus rural.
    Total,
    /// Rural households.
    RuralHouseholds,
}

impl PopulationKind {
    /// How the report names the figure.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Urban => "dân số đô thị",
            Self::Rural => "dân số nông thôn",
            Self::Total => "tổng dân số",
            Self::RuralHouseholds => "số hộ gia đình nông thôn",
        }
    }
}

/// Population figures for a data year.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Population {
    /// Urban areas: (district, area, type, population).
    pub(crate) urban: Vec<UrbanArea>,
    /// Rural population.
    pub(crate) rural_population: Option<f64>,
    /// Rural households.
    pub(crate) rural_households: Option<f64>,
    /// Total population: its own figure in the statistical yearbook, never urban (type IV and
    /// above only) plus rural.
    pub(crate) total: Option<f64>,
    /// Where the figures come from and how final they are, as printed beside them
    /// ("Niên giám thống kê năm 2022, số liệu sơ bộ").
    pub(crate) reference: Option<String>,
}

/// One urban area of type IV and above.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UrbanArea {
    /// District.
    pub(crate) district: String,
    /// Area name.
    pub(crate) area: String,
    /// Urban type.
    pub(crate) kind: Option<String>,
    /// Population.
    pub(crate) population: f64,
}

impl Population {
    /// The figure of a kind, if the data has it.
    pub(crate) fn figure(&self, kind: PopulationKind) -> Option<f64> {
        let urban =
            (!self.urban.is_empty()).then(|| self.urban.iter().map(|a| a.population).sum::<f64>());
        match kind {
            PopulationKind::Urban => urban,
            PopulationKind::Rural => self.rural_population,
            PopulationKind::Total => self.total,
            PopulationKind::RuralHouseholds => self.rural_households,
        }
    }
}

/// What one agency sent back for a data year.
#[derive(Debug, Clone)]
pub(crate) struct AnswerFile {
    /// Its file.
    pub(crate) path: PathBuf,
    /// Data year.
    #[allow(dead_code, reason = "part of the checked model; no document prints it yet")]
    pub(crate) year: i32,
    /// Example figures, not official.
    pub(crate) illustrative: bool,
    /// The recipient who answered.
    pub(crate) recipient: String,
    /// The reply letter's number and date.
    pub(crate) reply: Option<(String, NaiveDate)>,
    /// When it was received.
    pub(crate) received: Option<NaiveDate>,
    /// Where the received date was written.
    pub(crate) received_at: Option<Position>,
    /// Figures per indicator.
    pub(crate) answers: Vec<Answer>,
    /// Free-text answers: (about, answer).
    pub(crate) texts: Vec<(String, String)>,
    /// Population figures, if this file carries them.
    pub(crate) population: Option<Population>,
}

/// The figures one agency gave for one indicator.
#[derive(Debug, Clone)]
pub(crate) struct Answer {
    /// Indicator number.
    pub(crate) indicator: u32,
    /// Where it was written.
    pub(crate) at: Position,
    /// Numerator given directly.
    pub(crate) numerator: Option<f64>,
    /// Denominator given directly.
    pub(crate) denominator: Option<f64>,
    /// Value given directly.
    pub(crate) value: Option<f64>,
    /// Rows that add up.
    pub(crate) rows: Vec<Row>,
    /// Remarks.
    pub(crate) note: Option<String>,
    /// Evidence documents.
    pub(crate) evidence: Vec<Evidence>,
    /// Budget figures: how final ("quyết toán") and of which year.
    pub(crate) budget: Option<(String, Option<i32>)>,
}

impl Answer {
    /// Σ numerators (direct or over the rows).
    pub(crate) fn numerator_sum(&self) -> Option<f64> {
        if self.rows.is_empty() {
            self.numerator
        } else {
            Some(self.rows.iter().map(|r| r.numerator).sum())
        }
    }

    /// Σ denominators (direct or over the rows).
    pub(crate) fn denominator_sum(&self) -> Option<f64> {
        if self.rows.is_empty() {
            self.denominator
        } else {
            self.rows.iter().map(|r| r.denominator).sum::<Option<f64>>()
        }
    }
}

/// One row of a form.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// What the row is.
    pub(crate) label: String,
    /// Unit of its figures.
    #[allow(dead_code, reason = "part of the checked model; no document prints it yet")]
    pub(crate) unit: Option<String>,
    /// Numerator.
    pub(crate) numerator: f64,
    /// Denominator.
    pub(crate) denominator: Option<f64>,
    /// Remarks.
    #[allow(dead_code, reason = "part of the checked model; no document prints it yet")]
    pub(crate) note: Option<String>,
}

/// An evidence document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Evidence {
    /// Title.
    pub(crate) title: String,
    /// Number and symbol.
    pub(crate) number: Option<String>,
    /// Date as written.
    pub(crate) date: Option<NaiveDate>,
    /// A file inside the project.
    pub(crate) file: Option<String>,
}

/// A self-assessed score of one indicator, entered by the Sở in a report (no official point
/// rule is known; see `Indicator::scoring` for rules that are).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Score {
    /// Indicator number.
    pub(crate) indicator: u32,
    /// Points.
    pub(crate) points: f64,
    /// The method, in words.
    pub(crate) method: Option<String>,
    /// Last year's appraised score.
    pub(crate) appraised_last_year: Option<f64>,
}

/// The prose of a self-assessment report's sections, in Tera text (its numbers come from the
/// data): the UBND tỉnh's report to the Ministry (pepi.md "Who signs what goes up").
#[derive(Debug, Clone)]
pub(crate) struct SelfAssessment {
    /// "Đánh giá chung".
    pub(crate) general: Vec<super::Text>,
    /// "Tồn tại, hạn chế và nguyên nhân".
    pub(crate) shortcomings: Vec<super::Text>,
    /// "Đề xuất, kiến nghị".
    pub(crate) proposals: Vec<super::Text>,
}
