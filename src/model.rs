//! The checked model: what `validate` produces from the raw YAML and every later stage reads.
//! Every value here has been checked; text that is still a Tera template is kept as `Text`
//! with the position it came from so a rendering error can point at it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::diagnostic::Position;

/// A piece of user text with where it was written; may hold Tera placeholders.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The text, NFC.
    pub value: String,
    /// Where it came from.
    pub at: Position,
}

/// The whole checked project.
#[derive(Debug)]
pub struct Project {
    /// Project root on disk.
    pub root: PathBuf,
    /// The issuing agency.
    pub agency: Agency,
    /// Recipients and groups.
    pub directory: Directory,
    /// Indicator catalogue.
    pub catalogue: Catalogue,
    /// Letters that passed validation.
    pub letters: Vec<Letter>,
    /// Answers by data year, including years with errors (see `broken_years`).
    pub answers: BTreeMap<i32, Vec<AnswerFile>>,
    /// Data years whose answers have errors.
    pub broken_years: std::collections::BTreeSet<i32>,
}

/// The issuing agency (cơ quan ban hành).
#[derive(Debug)]
pub struct Agency {
    /// Tên cơ quan chủ quản.
    pub governing_body: Option<String>,
    /// Tên cơ quan ban hành, capitals.
    pub name: String,
    /// Name in running text.
    pub short_name: String,
    /// Abbreviation in number symbols.
    pub abbreviation: String,
    /// Place name of the date line.
    pub place: String,
    /// Drafting units by abbreviation.
    pub units: BTreeMap<String, String>,
    /// Contact line.
    pub contact: Option<String>,
    /// Signers by id.
    pub signers: BTreeMap<String, Signer>,
}

impl Agency {
    /// A stand-in used while `data/agency.yaml` is unreadable, so letters can still be checked.
    pub fn unknown() -> Self {
        Self {
            governing_body: None,
            name: String::new(),
            short_name: String::new(),
            abbreviation: String::new(),
            place: String::new(),
            units: BTreeMap::new(),
            contact: None,
            signers: BTreeMap::new(),
        }
    }
}

/// The signing-authority prefix of ND30 (ô 7a).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    /// Thay mặt (on behalf of a collective).
    Tm,
    /// Ký thay (a deputy for the head).
    Kt,
    /// Thừa lệnh.
    Tl,
    /// Thừa ủy quyền.
    Tuq,
    /// Quyền (acting head).
    Q,
}

impl Authority {
    /// Parses "KT", "KT." and lowercase forms.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().trim_end_matches('.').to_uppercase().as_str() {
            "TM" => Some(Self::Tm),
            "KT" => Some(Self::Kt),
            "TL" => Some(Self::Tl),
            "TUQ" => Some(Self::Tuq),
            "Q" => Some(Self::Q),
            _ => None,
        }
    }

    /// The prefix as printed, with its dot.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Tm => "TM.",
            Self::Kt => "KT.",
            Self::Tl => "TL.",
            Self::Tuq => "TUQ.",
            Self::Q => "Q.",
        }
    }
}

/// A person who signs.
#[derive(Debug, Clone)]
pub struct Signer {
    /// Id used by letters.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Prefix and what it is for, e.g. (KT, "GIÁM ĐỐC").
    pub authority: Option<(Authority, String)>,
    /// Own title.
    pub title: String,
}

/// How a group appears in "Kính gửi" and in the sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupStyle {
    /// One "Kính gửi" line "label: short, short, …"; one section per member.
    Listed,
    /// Addressed by one name; one section; one per-agency letter per member.
    Addressed,
    /// Members listed one per line; one section for all of them together.
    Joint,
}

/// How a numbered section is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionStyle {
    /// Heading line, then dash items.
    List,
    /// "N. Heading: first item", then dash items.
    Inline,
    /// Heading line, then items without dashes.
    Plain,
}

/// A group of recipients.
#[derive(Debug, Clone)]
pub struct Group {
    /// Id.
    pub id: String,
    /// Style.
    pub style: GroupStyle,
    /// Label of a listed group.
    pub label: Option<String>,
    /// Name of an addressed group.
    pub name: Option<String>,
    /// Items asked of every member.
    pub requests: Vec<Request>,
    /// Paragraphs after the items.
    pub notes: Vec<Text>,
    /// Section style.
    pub section: SectionStyle,
    /// Member ids in file order.
    pub members: Vec<String>,
}

/// One agency that receives letters.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipient {
    /// Id.
    pub id: String,
    /// Name after "Kính gửi".
    pub name: String,
    /// Name inside a listed group line.
    pub short: Option<String>,
    /// Section heading when it differs from the name.
    pub heading: Option<String>,
    /// Group id.
    pub group: Option<String>,
    /// Items asked of it.
    pub requests: Vec<Request>,
    /// Paragraphs after its items.
    pub notes: Vec<Text>,
    /// Section style.
    pub section: SectionStyle,
}

/// Something a recipient is asked to supply.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// An indicator of the catalogue, with optional wording overrides.
    Indicator(IndicatorRequest),
    /// Free text (Tera).
    Text(Text),
}

/// A request for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRequest {
    /// Indicator number.
    pub number: u32,
    /// Where the number was written.
    pub at: Position,
    /// Name as worded in this request.
    pub name: Option<String>,
    /// Unit as written in this request.
    pub unit: Option<String>,
    /// Basis phrase override.
    pub basis: Option<String>,
    /// Guidance phrase override.
    pub guidance: Option<String>,
    /// Text appended after the request.
    pub note: Option<String>,
}

/// Recipients and groups, in file order.
#[derive(Debug, Default)]
pub struct Directory {
    /// Groups by id.
    pub groups: BTreeMap<String, Group>,
    /// Recipients by id.
    pub recipients: BTreeMap<String, Recipient>,
    /// Recipient ids in file order, the order agencies are listed in.
    pub order: Vec<String>,
}

impl Directory {
    /// Where a recipient stands in file order (unknown ids last).
    pub fn rank(&self, id: &str) -> usize {
        self.order
            .iter()
            .position(|o| o == id)
            .unwrap_or(usize::MAX)
    }

    /// Everything asked of a recipient: its group's requests, then its own.
    pub fn requests_of<'a>(&'a self, r: &'a Recipient) -> Vec<&'a Request> {
        let group = r.group.as_ref().and_then(|g| self.groups.get(g));
        let mut out: Vec<&Request> = Vec::new();
        for req in group
            .into_iter()
            .flat_map(|g| g.requests.iter())
            .chain(r.requests.iter())
        {
            // An indicator asked through the group and again directly is one request.
            let repeated = matches!(req, Request::Indicator(ir)
                if out.iter().any(|o| matches!(o, Request::Indicator(p) if p.number == ir.number)));
            if !repeated {
                out.push(req);
            }
        }
        out
    }
}

/// The indicator catalogue.
#[derive(Debug, Default)]
pub struct Catalogue {
    /// Editions, oldest first.
    pub editions: Vec<Edition>,
}

impl Catalogue {
    /// The edition that applies to a data year.
    pub fn edition_for(&self, year: i32) -> Option<&Edition> {
        self.editions
            .iter()
            .find(|e| e.from_year <= year && e.to_year.is_none_or(|to| year <= to))
    }
}

/// One edition of the indicator set.
#[derive(Debug)]
pub struct Edition {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Issuing decision.
    pub decision: Option<String>,
    /// First data year.
    pub from_year: i32,
    /// Last data year.
    pub to_year: Option<i32>,
    /// Indicators by number.
    pub indicators: BTreeMap<u32, Indicator>,
}

/// One indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Number.
    pub number: u32,
    /// Official name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Form number.
    pub form: u32,
    /// Group within the edition.
    pub group: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Years it is not evaluated.
    pub inactive_years: Vec<i32>,
    /// How its value is computed, if at all.
    pub compute: Option<Compute>,
    /// Population figure it uses (rate denominator or per-population divisor).
    pub population: Option<PopulationKind>,
    /// Decimals shown.
    pub decimals: u32,
    /// Whether a higher value is better.
    pub higher_is_better: bool,
    /// Unit of the figures in the form's rows.
    pub form_unit: Option<String>,
    /// What the numerator counts.
    pub numerator: Option<String>,
    /// What the denominator counts.
    pub denominator: Option<String>,
    /// Scoring rules from the catalogue; empty when none are official.
    pub scoring: Vec<ScoreRule>,
}

/// One scoring rule of the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRule {
    /// Lowest value it applies to.
    pub at_least: Option<f64>,
    /// Highest value it applies to.
    pub at_most: Option<f64>,
    /// Points given.
    pub points: f64,
}

impl Indicator {
    /// The points a value earns: the first rule whose bounds hold it.
    pub fn score(&self, value: f64) -> Option<f64> {
        self.scoring
            .iter()
            .find(|r| r.at_least.is_none_or(|a| value >= a) && r.at_most.is_none_or(|b| value <= b))
            .map(|r| r.points)
    }

    /// Whether the indicator is evaluated in `year`.
    pub fn active_in(&self, year: i32) -> bool {
        !self.inactive_years.contains(&year)
    }
}

/// How an indicator's value is computed from the figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Compute {
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

/// Which population figure an indicator uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PopulationKind {
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
    pub fn label(self) -> &'static str {
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
pub struct Population {
    /// Urban areas: (district, area, type, population).
    pub urban: Vec<UrbanArea>,
    /// Rural population.
    pub rural_population: Option<f64>,
    /// Rural households.
    pub rural_households: Option<f64>,
}

/// One urban area of type IV and above.
#[derive(Debug, Clone, PartialEq)]
pub struct UrbanArea {
    /// District.
    pub district: String,
    /// Area name.
    pub area: String,
    /// Urban type.
    pub kind: Option<String>,
    /// Population.
    pub population: f64,
}

impl Population {
    /// The figure of a kind, if the data has it.
    pub fn figure(&self, kind: PopulationKind) -> Option<f64> {
        let urban =
            (!self.urban.is_empty()).then(|| self.urban.iter().map(|a| a.population).sum::<f64>());
        match kind {
            PopulationKind::Urban => urban,
            PopulationKind::Rural => self.rural_population,
            PopulationKind::Total => Some(urban? + self.rural_population?),
            PopulationKind::RuralHouseholds => self.rural_households,
        }
    }
}

/// What one agency sent back for a data year.
#[derive(Debug, Clone)]
pub struct AnswerFile {
    /// Its file.
    pub path: PathBuf,
    /// Data year.
    pub year: i32,
    /// Example figures, not official.
    pub illustrative: bool,
    /// The recipient who answered.
    pub recipient: String,
    /// The reply letter's number and date.
    pub reply: Option<(String, NaiveDate)>,
    /// When it was received.
    pub received: Option<NaiveDate>,
    /// Where the received date was written.
    pub received_at: Option<Position>,
    /// Figures per indicator.
    pub answers: Vec<Answer>,
    /// Free-text answers: (about, answer).
    pub texts: Vec<(String, String)>,
    /// Population figures, if this file carries them.
    pub population: Option<Population>,
}

/// The figures one agency gave for one indicator.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Indicator number.
    pub indicator: u32,
    /// Where it was written.
    pub at: Position,
    /// Numerator given directly.
    pub numerator: Option<f64>,
    /// Denominator given directly.
    pub denominator: Option<f64>,
    /// Value given directly.
    pub value: Option<f64>,
    /// Rows that add up.
    pub rows: Vec<Row>,
    /// Remarks.
    pub note: Option<String>,
    /// Evidence documents.
    pub evidence: Vec<Evidence>,
}

impl Answer {
    /// Σ numerators (direct or over the rows).
    pub fn numerator_sum(&self) -> Option<f64> {
        if self.rows.is_empty() {
            self.numerator
        } else {
            Some(self.rows.iter().map(|r| r.numerator).sum())
        }
    }

    /// Σ denominators (direct or over the rows).
    pub fn denominator_sum(&self) -> Option<f64> {
        if self.rows.is_empty() {
            self.denominator
        } else {
            self.rows.iter().map(|r| r.denominator).sum::<Option<f64>>()
        }
    }
}

/// One row of a form.
#[derive(Debug, Clone)]
pub struct Row {
    /// What the row is.
    pub label: String,
    /// Unit of its figures.
    pub unit: Option<String>,
    /// Numerator.
    pub numerator: f64,
    /// Denominator.
    pub denominator: Option<f64>,
    /// Remarks.
    pub note: Option<String>,
}

/// An evidence document.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Title.
    pub title: String,
    /// Number and symbol.
    pub number: Option<String>,
    /// Date as written.
    pub date: Option<NaiveDate>,
    /// A file inside the project.
    pub file: Option<String>,
}

/// The letter date: a full date, or month and year when the day is filled in at signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterDate {
    /// A full date.
    Full(NaiveDate),
    /// Month and year only.
    Month {
        /// Year.
        year: i32,
        /// Month 1–12.
        month: u32,
    },
}

impl LetterDate {
    /// The calendar year of the date.
    pub fn year(self) -> i32 {
        match self {
            Self::Full(d) => chrono::Datelike::year(&d),
            Self::Month { year, .. } => year,
        }
    }
}

/// Something a letter is addressed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addressee {
    /// A single recipient.
    Recipient(String),
    /// A group.
    Group(String),
}

/// Which kind of document a letter file describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterKind {
    /// Công văn (Mẫu 1.5): a request letter.
    CongVan,
    /// Báo cáo (Mẫu 1.4): the report built from the answers.
    BaoCao,
}

/// Wording of a follow-up letter.
#[derive(Debug, Clone)]
pub struct Reminder {
    /// Trích yếu (Tera).
    pub subject: Text,
    /// Paragraphs before the missing items (Tera).
    pub opening: Vec<Text>,
    /// Paragraphs after them (Tera).
    pub closing: Vec<Text>,
    /// Days to the new deadline.
    pub days: u32,
}

/// A checked outgoing letter.
#[derive(Debug, Clone)]
pub struct Letter {
    /// Path of its YAML file, relative to the root.
    pub path: PathBuf,
    /// Công văn or báo cáo.
    pub kind: LetterKind,
    /// "Kính gửi" lines of a report.
    pub to: Vec<String>,
    /// The request letter a report checks answers against.
    pub request_letter: Option<String>,
    /// Id: the file stem.
    pub id: String,
    /// Data year.
    pub data_year: i32,
    /// Registered number.
    pub number: Option<u32>,
    /// Drafting unit abbreviation.
    pub unit: String,
    /// Date.
    pub date: LetterDate,
    /// Deadline for answers.
    pub deadline: Option<NaiveDate>,
    /// Trích yếu (Tera).
    pub subject: Text,
    /// Signer.
    pub signer: Signer,
    /// Addressees in order.
    pub addressees: Vec<Addressee>,
    /// Extra Tera values.
    pub vars: BTreeMap<String, String>,
    /// Wording of indicator requests (Tera).
    pub request_format: Text,
    /// Default basis phrase.
    pub basis: String,
    /// Default guidance phrase.
    pub guidance: String,
    /// Paragraphs before the sections (Tera).
    pub opening: Vec<Text>,
    /// Paragraphs after them (Tera).
    pub closing: Vec<Text>,
    /// "Nơi nhận" lines.
    pub cc: Vec<String>,
    /// The "Lưu:" line.
    pub archive: String,
    /// Produce the combined letter.
    pub combined: bool,
    /// Produce one letter per agency.
    pub per_agency: bool,
    /// Per-agency file name pattern (Tera).
    pub file_name: Text,
    /// Wording of its follow-up letter, if it has one.
    pub reminder: Option<Reminder>,
    /// Add empty digital-signature fields to its PDFs.
    pub signature_fields: bool,
}
