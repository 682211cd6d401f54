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

/// A checked outgoing letter.
#[derive(Debug)]
pub struct Letter {
    /// Path of its YAML file, relative to the root.
    pub path: PathBuf,
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
}
