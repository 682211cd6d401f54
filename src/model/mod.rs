//! The checked model: what `validate` produces from the raw YAML and every later stage reads.
//! Every value here has been checked; text that is still a Tera template is kept as `Text`
//! with the position it came from so a rendering error can point at it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic, Position};

mod answers;
mod catalogue;
mod queries;

pub(crate) use answers::*;
pub(crate) use catalogue::*;

/// A piece of user text with where it was written; may hold Tera placeholders.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Text {
    /// The text, NFC.
    pub(crate) value: String,
    /// Where it came from.
    pub(crate) at: Position,
}

/// The whole checked project.
#[derive(Debug)]
pub(crate) struct Project {
    /// The issuing agency.
    pub(crate) agency: Agency,
    /// Other issuing bodies by id (the UBND tỉnh): a letter's `issuer`.
    pub(crate) issuers: BTreeMap<String, Agency>,
    /// Recipients and groups, of every year.
    pub(crate) directory: Directory,
    /// Each data year's directory, where recipients or requests are limited to some years
    /// (see `directory_for`).
    pub(crate) directories: BTreeMap<i32, Directory>,
    /// Indicator catalogue.
    pub(crate) catalogue: Catalogue,
    /// Letters that passed validation.
    pub(crate) letters: Vec<Letter>,
    /// Answers by data year, including years with errors (see `broken_years`).
    pub(crate) answers: BTreeMap<i32, Vec<AnswerFile>>,
    /// Data years whose answers have errors.
    pub(crate) broken_years: std::collections::BTreeSet<i32>,
    /// The ids (file names without `.yaml`) of the files under `letters/` that are not sound
    /// letters: a report naming one is stopped by that letter's errors, not by a wrong name.
    pub(crate) unsound_letters: std::collections::BTreeSet<String>,
}

/// The issuing agency (cơ quan ban hành).
#[derive(Debug)]
pub(crate) struct Agency {
    /// Tên cơ quan chủ quản, its lines joined with spaces (for running text and metadata).
    pub(crate) governing_body: Option<String>,
    /// Tên cơ quan chủ quản as the header prints it, line by line.
    pub(crate) governing_lines: Vec<String>,
    /// Tên cơ quan ban hành, capitals, its lines joined with spaces.
    pub(crate) name: String,
    /// Tên cơ quan ban hành as the header prints it, line by line.
    pub(crate) name_lines: Vec<String>,
    /// Name in running text.
    pub(crate) short_name: String,
    /// Abbreviation in number symbols.
    pub(crate) abbreviation: String,
    /// Place name of the date line.
    pub(crate) place: String,
    /// Drafting units by abbreviation.
    pub(crate) units: BTreeMap<String, String>,
    /// Contact line.
    pub(crate) contact: Option<String>,
    /// Signers by id.
    pub(crate) signers: BTreeMap<String, Signer>,
}

impl Agency {
    /// A stand-in used while `data/agency.yaml` is unreadable, so letters can still be checked.
    pub(crate) fn unknown() -> Self {
        Self {
            governing_body: None,
            governing_lines: Vec::new(),
            name_lines: Vec::new(),
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
pub(crate) enum Authority {
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
    pub(crate) fn parse(text: &str) -> Option<Self> {
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
    pub(crate) fn prefix(self) -> &'static str {
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
pub(crate) struct Signer {
    /// Id used by letters.
    #[allow(dead_code, reason = "part of the checked model; no document prints it yet")]
    pub(crate) id: String,
    /// Full name.
    pub(crate) name: String,
    /// The authority lines above the title, top first, each a prefix and what it is for:
    /// [(KT, "GIÁM ĐỐC")], or [(TM, "ỦY BAN NHÂN DÂN"), (KT, "CHỦ TỊCH")] (ND 30 Phụ lục I
    /// §II.7b). Empty for a head signing in their own name.
    pub(crate) authority: Vec<(Authority, String)>,
    /// Own title.
    pub(crate) title: String,
}

/// How a group appears in "Kính gửi" and in the sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupStyle {
    /// One "Kính gửi" line "label: short, short, …"; one section per member.
    Listed,
    /// Addressed by one name; one section; one per-agency letter per member.
    Addressed,
    /// Members listed one per line; one section for all of them together.
    Joint,
}

/// How a numbered section is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionStyle {
    /// Heading line, then dash items.
    List,
    /// "N. Heading: first item", then dash items.
    Inline,
    /// Heading line, then items without dashes.
    Plain,
}

/// A group of recipients.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    /// Id.
    #[allow(dead_code, reason = "part of the checked model; no document prints it yet")]
    pub(crate) id: String,
    /// Style.
    pub(crate) style: GroupStyle,
    /// Label of a listed group.
    pub(crate) label: Option<String>,
    /// Name of an addressed group.
    pub(crate) name: Option<String>,
    /// Items asked of every member.
    pub(crate) requests: Vec<Request>,
    /// Paragraphs after the items.
    pub(crate) notes: Vec<Text>,
    /// Section style.
    pub(crate) section: SectionStyle,
    /// Member ids in file order.
    pub(crate) members: Vec<String>,
}

/// One agency that receives letters.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Recipient {
    /// Id.
    pub(crate) id: String,
    /// Name after "Kính gửi".
    pub(crate) name: String,
    /// Name inside a listed group line.
    pub(crate) short: Option<String>,
    /// Section heading when it differs from the name.
    pub(crate) heading: Option<String>,
    /// How a letter to it alone addresses it ("Quý Sở"), when not the default.
    pub(crate) honorific: Option<String>,
    /// Group id.
    pub(crate) group: Option<String>,
    /// Items asked of it.
    pub(crate) requests: Vec<Request>,
    /// Paragraphs after its items.
    pub(crate) notes: Vec<Text>,
    /// Section style.
    pub(crate) section: SectionStyle,
}

/// Something a recipient is asked to supply.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Request {
    /// An indicator of the catalogue, with optional wording overrides.
    Indicator(IndicatorRequest),
    /// Free text (Tera).
    Text(Text),
}

/// A request for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IndicatorRequest {
    /// Indicator number.
    pub(crate) number: u32,
    /// Where the number was written.
    pub(crate) at: Position,
    /// Name as worded in this request.
    pub(crate) name: Option<String>,
    /// Unit as written in this request.
    pub(crate) unit: Option<String>,
    /// Basis phrase override.
    pub(crate) basis: Option<String>,
    /// Guidance phrase override.
    pub(crate) guidance: Option<String>,
    /// Text appended after the request (Tera, like every text of a letter).
    pub(crate) note: Option<Text>,
}

/// Recipients and groups, in file order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Directory {
    /// Groups by id.
    pub(crate) groups: BTreeMap<String, Group>,
    /// Recipients by id.
    pub(crate) recipients: BTreeMap<String, Recipient>,
    /// Recipient ids in file order, the order agencies are listed in.
    pub(crate) order: Vec<String>,
}

impl Directory {
    /// Where a recipient stands in file order (unknown ids last).
    pub(crate) fn rank(&self, id: &str) -> usize {
        self.order
            .iter()
            .position(|o| o == id)
            .unwrap_or(usize::MAX)
    }

    /// Everything asked of a recipient: its group's requests, then its own.
    pub(crate) fn requests_of<'a>(&'a self, r: &'a Recipient) -> Vec<&'a Request> {
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

/// The letter date: a full date, or month and year when the day is filled in at signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LetterDate {
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
    /// The day, or the first day of the month when the day is left blank for signing.
    pub(crate) fn first_day(self) -> NaiveDate {
        match self {
            Self::Full(d) => d,
            Self::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, 1).expect("a validated month")
            }
        }
    }

    /// The calendar year of the date.
    pub(crate) fn year(self) -> i32 {
        match self {
            Self::Full(d) => chrono::Datelike::year(&d),
            Self::Month { year, .. } => year,
        }
    }
}

/// Something a letter is addressed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Addressee {
    /// A single recipient.
    Recipient(String),
    /// A group.
    Group(String),
}

/// Which kind of document a letter file describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LetterKind {
    /// Công văn (Mẫu 1.5): a request letter.
    CongVan,
    /// Báo cáo (Mẫu 1.4): the report built from the answers.
    BaoCao,
    /// Tờ trình (ND 30 Phụ lục III "TTr"): the Sở asks the UBND tỉnh to approve the report.
    ToTrinh,
}

/// Wording of a follow-up letter.
#[derive(Debug, Clone)]
pub(crate) struct Reminder {
    /// Trích yếu (Tera).
    pub(crate) subject: Text,
    /// Paragraphs before the missing items (Tera).
    pub(crate) opening: Vec<Text>,
    /// Paragraphs after them (Tera).
    pub(crate) closing: Vec<Text>,
    /// Days to the new deadline.
    pub(crate) days: u32,
    /// "Nơi nhận" lines between "Như trên" and "Lưu".
    pub(crate) cc: Vec<String>,
    /// One follow-up letter to every late agency instead of one each.
    pub(crate) combined: bool,
}

/// A checked outgoing letter.
#[derive(Debug, Clone)]
pub(crate) struct Letter {
    /// Path of its YAML file, relative to the root.
    pub(crate) path: PathBuf,
    /// Công văn or báo cáo.
    pub(crate) kind: LetterKind,
    /// "Kính gửi" lines of a report.
    pub(crate) to: Vec<String>,
    /// The request letter a report checks answers against.
    pub(crate) request_letter: Option<String>,
    /// Id: the file stem.
    pub(crate) id: String,
    /// Data year.
    pub(crate) data_year: i32,
    /// Registered number.
    pub(crate) number: Option<u32>,
    /// Drafting unit abbreviation.
    pub(crate) unit: String,
    /// Date.
    pub(crate) date: LetterDate,
    /// Deadline for answers.
    pub(crate) deadline: Option<NaiveDate>,
    /// Trích yếu (Tera).
    pub(crate) subject: Text,
    /// Signer.
    pub(crate) signer: Signer,
    /// Addressees in order.
    pub(crate) addressees: Vec<Addressee>,
    /// Extra Tera values.
    pub(crate) vars: BTreeMap<String, String>,
    /// Wording of indicator requests (Tera).
    pub(crate) request_format: Text,
    /// Default basis phrase.
    pub(crate) basis: String,
    /// Default guidance phrase.
    pub(crate) guidance: String,
    /// Paragraphs before the sections (Tera).
    pub(crate) opening: Vec<Text>,
    /// Paragraphs after them (Tera).
    pub(crate) closing: Vec<Text>,
    /// "Nơi nhận" lines.
    pub(crate) cc: Vec<String>,
    /// "Nơi nhận" lines of the per-agency letters.
    pub(crate) per_agency_cc: Vec<String>,
    /// The "Lưu:" line.
    pub(crate) archive: String,
    /// Produce the combined letter.
    pub(crate) combined: bool,
    /// Produce one letter per agency.
    pub(crate) per_agency: bool,
    /// Per-agency documents are appendices sharing its number (`per_agency: appendix`).
    pub(crate) appendices: bool,
    /// Per-agency file name pattern (Tera).
    pub(crate) file_name: Text,
    /// Wording of its follow-up letter, if it has one.
    pub(crate) reminder: Option<Reminder>,
    /// Wording of its review letter (`vanban review`), if it has one.
    pub(crate) review: Option<Reminder>,
    /// A report's self-assessed scores, entered by the Sở.
    pub(crate) scores: Vec<Score>,
    /// A tờ trình's attachments, as listed ("Dự thảo Báo cáo …").
    pub(crate) attachments: Vec<String>,
    /// A report laid out as a self-assessment: its sections' prose.
    pub(crate) self_assessment: Option<SelfAssessment>,
    /// Who issues it, when not the agency: an id of `Project::issuers`.
    pub(crate) issuer: Option<String>,
    /// Add empty digital-signature fields to its PDFs.
    pub(crate) signature_fields: bool,
}

impl Letter {
    /// Ký hiệu (ô 3): "STNMT-BVMT", or the agency's alone without a unit (ND 30 Phụ lục III).
    pub(crate) fn symbol(&self, agency: &Agency) -> String {
        if self.unit.is_empty() {
            agency.abbreviation.clone()
        } else {
            format!("{}-{}", agency.abbreviation, self.unit)
        }
    }

    /// Every agency the letter reaches, in address order, once each (groups' members too).
    pub(crate) fn agencies<'a>(&self, dir: &'a Directory) -> Vec<&'a Recipient> {
        let mut out: Vec<&Recipient> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for a in &self.addressees {
            let ids: Vec<&String> = match a {
                Addressee::Recipient(id) => vec![id],
                Addressee::Group(id) => dir
                    .groups
                    .get(id)
                    .map(|g| g.members.iter().collect())
                    .unwrap_or_default(),
            };
            for id in ids {
                if let Some(r) = dir.recipients.get(id)
                    && seen.insert(r.id.as_str())
                {
                    out.push(r);
                }
            }
        }
        out
    }
}

/// What a year's request letters ask: (recipient, indicator) → the letter asking and where.
pub(crate) type Asked<'a> = BTreeMap<(String, u32), (&'a Letter, Position)>;

/// The (recipient, indicator) pairs the request letters of `year` ask for (indicators active
/// that year only), with the letter asking and where the request is written.
pub(crate) fn asked<'a>(
    dir: &'a Directory,
    catalogue: &Catalogue,
    letters: &'a [Letter],
    year: i32,
) -> Asked<'a> {
    let active = |n: u32| {
        catalogue
            .edition_for(year)
            .and_then(|e| e.indicators.get(&n))
            .is_some_and(|i| i.active_in(year))
    };
    let mut out = BTreeMap::new();
    for letter in letters
        .iter()
        .filter(|l| l.kind == LetterKind::CongVan && l.data_year == year)
    {
        for r in letter.agencies(dir) {
            for req in dir.requests_of(r) {
                if let Request::Indicator(ir) = req
                    && active(ir.number)
                {
                    out.entry((r.id.clone(), ir.number))
                        .or_insert((letter, ir.at.clone()));
                }
            }
        }
    }
    out
}

/// Checks that `name` can be a file name on every system the PDFs travel to (Windows
/// included); the error, of kind `code`, says what is wrong with it.
pub(crate) fn portable_name(
    name: &str,
    at: Position,
    what: &str,
    code: Code,
) -> Result<(), Diagnostic> {
    let reserved = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3",
    ];
    let bad_char = name.chars().find(|c| {
        c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    });
    // What is wrong, in English, with the catalogue's word for it and the detail it names
    // (the character, the length).
    let problem = if name.is_empty() {
        Some(("is empty".to_string(), "empty", String::new()))
    } else if name.starts_with('.') || name.ends_with(['.', ' ']) {
        Some((
            "starts with a dot or ends with a dot or space".to_string(),
            "dot",
            String::new(),
        ))
    } else if let Some(c) = bad_char {
        Some((format!("contains {c:?}"), "char", format!("{c:?}")))
    } else if reserved.contains(&name.to_ascii_uppercase().as_str()) {
        Some((
            "is a reserved device name on Windows".to_string(),
            "reserved",
            String::new(),
        ))
    } else if name.len() > 150 {
        Some((
            format!("is {} bytes long", name.len()),
            "long",
            name.len().to_string(),
        ))
    } else {
        None
    };
    let Some((p, why, detail)) = problem else {
        return Ok(());
    };
    let d = Diagnostic::error(
        code,
        at,
        format!("{what} `{name}` {p}, so it cannot name an output file"),
    )
    .with_hint("use letters, digits, `-` and `_`, e.g. `so-xay-dung`");
    // The catalogue has the names the checks give: a letter's file name, a recipient id,
    // and the name `render` fills a file name pattern with (its `what` names the
    // recipient); any other `what` keeps the English.
    let recipient = what
        .strip_prefix("file name pattern gives a name for recipient `")
        .and_then(|r| r.strip_suffix("`: the name"));
    let subject = match what {
        "letter file name" => "letter-file",
        "recipient id" => "recipient-id",
        _ if recipient.is_some() => "pattern",
        _ => return Err(d),
    };
    let args: &[(&'static str, &str)] = &[
        ("name", name),
        ("detail", &detail),
        ("recipient", recipient.unwrap_or_default()),
    ];
    let d = match (subject, why) {
        ("letter-file", "empty") => d.says("model-letter-file-empty", args),
        ("letter-file", "dot") => d.says("model-letter-file-dot", args),
        ("letter-file", "char") => d.says("model-letter-file-char", args),
        ("letter-file", "reserved") => d.says("model-letter-file-reserved", args),
        ("letter-file", "long") => d.says("model-letter-file-long", args),
        ("recipient-id", "empty") => d.says("model-recipient-id-empty", args),
        ("recipient-id", "dot") => d.says("model-recipient-id-dot", args),
        ("recipient-id", "char") => d.says("model-recipient-id-char", args),
        ("recipient-id", "reserved") => d.says("model-recipient-id-reserved", args),
        ("recipient-id", "long") => d.says("model-recipient-id-long", args),
        ("pattern", "empty") => d.says("model-pattern-name-empty", args),
        ("pattern", "dot") => d.says("model-pattern-name-dot", args),
        ("pattern", "char") => d.says("model-pattern-name-char", args),
        ("pattern", "reserved") => d.says("model-pattern-name-reserved", args),
        ("pattern", "long") => d.says("model-pattern-name-long", args),
        _ => return Err(d),
    };
    Err(d.hints("model-portable-name-hint", &[]))
}
