//! The raw structs every YAML file kind deserializes into, keeping the position of every
//! value (`At<T>`), with `deny_unknown_fields`; their JSON Schemas (`vanban schema`) are
//! generated from these same structs.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

/// A value with the place it was written (serde-saphyr's `Spanned`), described in the JSON
/// Schemas as the plain value it holds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(transparent)]
pub(crate) struct At<T>(pub Spanned<T>);

impl<T> std::ops::Deref for At<T> {
    type Target = Spanned<T>;

    fn deref(&self) -> &Spanned<T> {
        &self.0
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for At<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }
}


/// The issuing agency and its signers (`data/agency.yaml`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAgency {
    /// Tên cơ quan chủ quản, e.g. "UBND TỈNH LẠNG SƠN"; a list gives its header lines.
    pub(crate) governing_body: Option<At<RawLines>>,
    /// Tên cơ quan ban hành in capitals, e.g. "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"; a list gives
    /// its header lines, e.g. ["BAN QUẢN LÝ KHU KINH TẾ", "CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN"].
    pub(crate) name: At<RawLines>,
    /// The agency's name in running text, e.g. "Sở Tài nguyên và Môi trường".
    pub(crate) short_name: At<String>,
    /// Abbreviation used in number symbols, e.g. "STNMT".
    pub(crate) abbreviation: At<String>,
    /// Place name for the date line, e.g. "Lạng Sơn".
    pub(crate) place: At<String>,
    /// Drafting units (đơn vị soạn thảo) by abbreviation.
    #[serde(default)]
    pub(crate) units: Vec<RawUnit>,
    /// Contact line a letter may quote.
    pub(crate) contact: Option<At<String>>,
    /// The people who sign.
    #[serde(default)]
    pub(crate) signers: Vec<RawSigner>,
    /// An issuing body of its own (in data/issuers.yaml): its id, which a letter's `issuer`
    /// names.
    pub(crate) id: Option<At<String>>,
}

/// The other bodies whose documents the project prepares (`data/issuers.yaml`, optional):
/// the UBND tỉnh, whose report to the Ministry the Sở drafts (pepi.md "Who signs what goes
/// up"). A file of its own, so that a project's agency.yaml stays the agency's.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIssuers {
    /// Each body described like the agency, with an `id`.
    #[serde(default)]
    pub(crate) issuers: Vec<RawAgency>,
}

/// A name written on one line, or as the lines the header prints (never broken inside).
#[derive(Debug, Clone, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum RawLines {
    /// One text; the header wraps it where it must.
    One(String),
    /// The header's lines, top first.
    Lines(Vec<String>),
}

impl RawLines {
    /// The lines, trimmed.
    pub(crate) fn lines(&self) -> Vec<String> {
        match self {
            Self::One(s) => vec![s.trim().to_string()],
            Self::Lines(l) => l.iter().map(|s| s.trim().to_string()).collect(),
        }
    }
}

/// A drafting unit of the agency.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUnit {
    /// Abbreviation, e.g. "BVMT".
    pub(crate) id: At<String>,
    /// Full name.
    pub(crate) name: At<String>,
}

/// A person who signs letters.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSigner {
    /// Reference used by letters.
    pub(crate) id: At<String>,
    /// Full name as printed under the signature.
    pub(crate) name: At<String>,
    /// Authority prefix: KT, TM, TL, TUQ, Q (with or without the dot), or absent.
    pub(crate) authority: Option<At<String>>,
    /// What the prefix is for, e.g. "GIÁM ĐỐC" in "KT. GIÁM ĐỐC".
    #[serde(rename = "for")]
    pub(crate) on_behalf_of: Option<At<String>>,
    /// The authority lines above the title, each with its prefix, for blocks of more than one
    /// line: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"] (instead of `authority` and `for`).
    pub(crate) authority_lines: Option<Vec<At<String>>>,
    /// The signer's own title, e.g. "PHÓ GIÁM ĐỐC".
    pub(crate) title: At<String>,
}

/// Recipients and their groups (`data/recipients.yaml`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRecipients {
    /// Groups that recipients are listed under.
    #[serde(default)]
    pub(crate) groups: Vec<RawGroup>,
    /// The agencies letters are sent to.
    #[serde(default)]
    pub(crate) recipients: Vec<RawRecipient>,
}

/// A group of recipients.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGroup {
    /// Reference used by letters and recipients.
    pub(crate) id: At<String>,
    /// `listed`, `addressed` or `joint` (see README).
    pub(crate) style: At<String>,
    /// For `listed`: the label before the members' short names, e.g. "Các Sở".
    pub(crate) label: Option<At<String>>,
    /// For `addressed`: the name the group is addressed by.
    pub(crate) name: Option<At<String>>,
    /// Items asked of every member.
    #[serde(default)]
    pub(crate) requests: Vec<RawRequest>,
    /// Paragraphs printed after the group's items.
    #[serde(default)]
    pub(crate) notes: Vec<At<String>>,
    /// How the section is set: `list` (default), `inline` or `plain`.
    pub(crate) section: Option<At<String>>,
}

/// One agency that receives letters.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRecipient {
    /// Reference used by letters; also the default output file name.
    pub(crate) id: At<String>,
    /// Name as written after "Kính gửi".
    pub(crate) name: At<String>,
    /// Name in a `listed` group line, e.g. "Xây dựng" in "Các Sở: Xây dựng, …".
    pub(crate) short: Option<At<String>>,
    /// Heading of its numbered section, when it differs from the name.
    pub(crate) heading: Option<At<String>>,
    /// How a letter to this recipient alone addresses it ("Quý Sở"); default from its name.
    pub(crate) honorific: Option<At<String>>,
    /// The group it is listed under.
    pub(crate) group: Option<At<String>>,
    /// What it must supply.
    #[serde(default)]
    pub(crate) requests: Vec<RawRequest>,
    /// Paragraphs printed after its items.
    #[serde(default)]
    pub(crate) notes: Vec<At<String>>,
    /// How its section is set: `list` (default), `inline` or `plain`.
    pub(crate) section: Option<At<String>>,
    /// First data year whose letters address it (a body set up that year); default: always.
    pub(crate) from_year: Option<At<i32>>,
    /// Last data year whose letters address it (a district abolished after it).
    pub(crate) to_year: Option<At<i32>>,
}

/// One thing a recipient is asked for: an indicator of the catalogue, or free text.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRequest {
    /// Indicator number in the catalogue edition of the letter's data year.
    pub(crate) indicator: Option<At<u32>>,
    /// Free-text request (Tera text), instead of an indicator.
    pub(crate) text: Option<At<String>>,
    /// Wording of the indicator name in this request, when it differs from the catalogue.
    pub(crate) name: Option<At<String>>,
    /// Unit as written in this request.
    pub(crate) unit: Option<At<String>>,
    /// Overrides the letter's `basis` phrase (e.g. "thống kê theo Biểu mẫu số").
    pub(crate) basis: Option<At<String>>,
    /// Overrides the letter's `guidance` phrase.
    pub(crate) guidance: Option<At<String>>,
    /// Text appended after the request sentence.
    pub(crate) note: Option<At<String>>,
    /// First data year whose letters ask it (requests of a new indicator set); default: always.
    pub(crate) from_year: Option<At<i32>>,
    /// Last data year whose letters ask it: a letter of that year keeps asking what it asked
    /// after the next set's requests are added.
    pub(crate) to_year: Option<At<i32>>,
}

/// The indicator catalogue (`data/indicators.yaml`): one or more editions.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCatalogue {
    /// Editions, each valid for a range of data years.
    pub(crate) editions: Vec<RawEdition>,
}

/// One edition of the indicator set.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEdition {
    /// Reference, e.g. "pepi-2019".
    pub(crate) id: At<String>,
    /// Title of the indicator set.
    pub(crate) title: At<String>,
    /// The decision that issued it.
    pub(crate) decision: Option<At<String>>,
    /// First data year it applies to.
    pub(crate) from_year: At<i32>,
    /// Last data year it applies to, if it has ended.
    pub(crate) to_year: Option<At<i32>>,
    /// The indicators.
    pub(crate) indicators: Vec<RawIndicator>,
    /// Numbers of the edition's indicators whose official wording is not known: not invented,
    /// and every report says they are not in it (pepi.md: the catalogue holds only known names).
    #[serde(default)]
    pub(crate) unnamed: Vec<At<u32>>,
    /// Why those are unnamed, printed with them ("4 of them were not assessed for 2021–2022").
    pub(crate) unnamed_note: Option<At<String>>,
}

/// One indicator (chỉ số thành phần).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIndicator {
    /// Its number in the edition.
    pub(crate) number: At<u32>,
    /// Official name.
    pub(crate) name: At<String>,
    /// Unit, e.g. "%".
    pub(crate) unit: At<String>,
    /// Form (biểu mẫu) number; defaults to the indicator number.
    pub(crate) form: Option<At<u32>>,
    /// Group within the edition, e.g. "I".
    pub(crate) group: Option<At<String>>,
    /// Free notes.
    pub(crate) notes: Option<At<String>>,
    /// Data years in which it is not evaluated.
    #[serde(default)]
    pub(crate) inactive_years: Vec<At<i32>>,
    /// How the value is computed: `rate`, `per_population` or `total`; absent: not computed.
    pub(crate) compute: Option<At<String>>,
    /// For `per_population`: the multiplier (10000 or 1000000).
    pub(crate) per: Option<At<f64>>,
    /// Population figure used: `urban`, `rural`, `total` or `rural_households`. For a rate,
    /// it is the denominator; for `per_population`, the divisor.
    pub(crate) population: Option<At<String>>,
    /// Decimals shown.
    pub(crate) decimals: Option<At<u32>>,
    /// Whether a higher value is better.
    pub(crate) higher_is_better: Option<At<bool>>,
    /// Its figures are budget figures: each answer says how final they are (`status`: dự
    /// toán, ước thực hiện or quyết toán) and of which year (pepi.md "Who signs what goes up").
    #[serde(default)]
    pub(crate) budget: bool,
    /// Unit of the figures in the form's rows, e.g. "m3/ngày".
    pub(crate) form_unit: Option<At<String>>,
    /// What the numerator counts.
    pub(crate) numerator: Option<At<String>>,
    /// What the denominator counts.
    pub(crate) denominator: Option<At<String>>,
    /// Official scoring rules, first match wins; absent: the report shows no score.
    #[serde(default)]
    pub(crate) scoring: Vec<RawScoreRule>,
    /// The name of a quantity this indicator's denominator shares with others (total household
    /// solid waste generated): the answers must give it one value.
    pub(crate) shared_denominator: Option<At<String>>,
    /// The indicator of another edition that is the same measure (`{ edition, number }`):
    /// the only way a value is compared with last year's across a change of edition.
    pub(crate) same_as: Option<RawSameAs>,
}

/// A self-assessed score the Sở enters for one indicator of a report.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScore {
    /// Indicator number.
    pub(crate) indicator: At<u32>,
    /// Points given.
    pub(crate) points: At<f64>,
    /// How they were given (the method, in words).
    pub(crate) method: Option<At<String>>,
    /// Last year's score as the Ministry's council appraised it, when known.
    pub(crate) appraised_last_year: Option<At<f64>>,
}

/// An indicator of another edition that measures the same thing.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSameAs {
    /// The other edition's id.
    pub(crate) edition: At<String>,
    /// The indicator's number there.
    pub(crate) number: At<u32>,
}

/// One scoring rule: `points` when the value lies within the bounds given.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawScoreRule {
    /// Lowest value the rule applies to.
    pub(crate) at_least: Option<At<f64>>,
    /// Highest value the rule applies to.
    pub(crate) at_most: Option<At<f64>>,
    /// Points given.
    pub(crate) points: At<f64>,
}

/// One outgoing letter (`letters/**/*.yaml`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLetter {
    /// Only `cong-van` for now.
    pub(crate) kind: At<String>,
    /// The data year the letter asks about.
    pub(crate) data_year: At<i32>,
    /// Registered number; absent for the unregistered draft.
    pub(crate) number: Option<At<u32>>,
    /// Drafting unit abbreviation for the symbol (STNMT-**BVMT**); công văn only.
    pub(crate) unit: Option<At<String>>,
    /// "YYYY-MM-DD", or "YYYY-MM" when the day is filled in at signing.
    pub(crate) date: At<String>,
    /// Deadline for answers, "YYYY-MM-DD".
    pub(crate) deadline: Option<At<String>>,
    /// Trích yếu after "V/v" (Tera text).
    pub(crate) subject: At<String>,
    /// Signer id.
    pub(crate) signer: At<String>,
    /// Recipient or group ids, in the order they are addressed (công văn).
    #[serde(default)]
    pub(crate) recipients: Vec<At<String>>,
    /// "Kính gửi" lines of a report sent upward (báo cáo).
    #[serde(default)]
    pub(crate) to: Vec<At<String>>,
    /// The request letter whose deadline and requests a report checks answers against.
    pub(crate) request_letter: Option<At<String>>,
    /// Extra values for the Tera text.
    #[serde(default)]
    pub(crate) vars: BTreeMap<String, At<String>>,
    /// How an indicator request is worded (Tera text).
    pub(crate) request_format: Option<At<String>>,
    /// Default "basis" phrase for indicator requests.
    pub(crate) basis: Option<At<String>>,
    /// Default "guidance" phrase for indicator requests.
    pub(crate) guidance: Option<At<String>>,
    /// Paragraphs before the per-recipient sections (Tera text).
    #[serde(default)]
    pub(crate) opening: Vec<At<String>>,
    /// Paragraphs after them (Tera text).
    #[serde(default)]
    pub(crate) closing: Vec<At<String>>,
    /// "Nơi nhận" lines between "Như trên" and "Lưu".
    #[serde(default)]
    pub(crate) cc: Vec<At<String>>,
    /// The "Lưu:" line; default "VT, <unit>".
    pub(crate) archive: Option<At<String>>,
    /// Which documents to produce.
    #[serde(default)]
    pub(crate) output: RawOutput,
    /// Wording of the follow-up letter (công văn đôn đốc) `vanban remind` sends.
    pub(crate) reminder: Option<RawReminder>,
    /// Who issues it: the id of one of data/issuers.yaml's bodies (default: the agency).
    pub(crate) issuer: Option<At<String>>,
    /// What goes with a tờ trình ("Dự thảo Báo cáo …", "Danh mục tài liệu kiểm chứng").
    #[serde(default)]
    pub(crate) attachments: Vec<At<String>>,
    /// A report's self-assessed score per indicator, entered by the Sở (báo cáo only).
    #[serde(default)]
    pub(crate) scores: Vec<RawScore>,
    /// A report laid out as a self-assessment (the UBND tỉnh's report to the Ministry): the
    /// prose of its sections; the numbers come from the data (báo cáo only).
    pub(crate) self_assessment: Option<RawSelfAssessment>,
    /// Wording of the letter asking an agency to review and complete its reply ("đề nghị rà
    /// soát, bổ sung số liệu") that `vanban review` sends; Tera text with `reply`,
    /// `as_of`, `new_deadline`, `letter_number`, `letter_date`, `letter_subject`.
    pub(crate) review: Option<RawReminder>,
}

/// The prose sections of a self-assessment report (pepi.md "Who signs what goes up"), each a
/// list of paragraphs in Tera text like `opening`; how the data were collected, the results
/// per indicator and the summary table with the scores come from the data.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSelfAssessment {
    /// "Đánh giá chung": the general assessment.
    #[serde(default)]
    pub(crate) general: Vec<At<String>>,
    /// "Tồn tại, hạn chế và nguyên nhân", before the missing and late data vanban lists.
    #[serde(default)]
    pub(crate) shortcomings: Vec<At<String>>,
    /// "Đề xuất, kiến nghị".
    #[serde(default)]
    pub(crate) proposals: Vec<At<String>>,
}

/// Wording of a follow-up letter; Tera text with `as_of`, `new_deadline`, `letter_number`,
/// `letter_date` and `deadline` besides the letter's own values.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReminder {
    /// Trích yếu after "V/v".
    pub(crate) subject: At<String>,
    /// Paragraphs before the missing items.
    #[serde(default)]
    pub(crate) opening: Vec<At<String>>,
    /// Paragraphs after them.
    #[serde(default)]
    pub(crate) closing: Vec<At<String>>,
    /// Days from the reminder's date to its new deadline (default 7).
    pub(crate) days: Option<At<u32>>,
    /// "Nơi nhận" lines of a follow-up letter between "Như trên" and "Lưu" (default: the
    /// per-agency letters').
    pub(crate) cc: Option<Vec<At<String>>>,
    /// One follow-up letter to every late agency, each with its own list, instead of one
    /// letter per agency.
    #[serde(default)]
    pub(crate) combined: bool,
}

/// Which documents a letter produces.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOutput {
    /// The combined letter to all recipients.
    #[serde(default = "yes")]
    pub(crate) combined: bool,
    /// One letter per agency (`true`), none (`false`), or, as `appendix`, one letter with a
    /// per-agency appendix each (the appendices share the letter's number).
    #[serde(default)]
    pub(crate) per_agency: RawPerAgency,
    /// File name pattern for per-agency letters (Tera text, `recipient.id` etc.).
    pub(crate) file_name: Option<At<String>>,
    /// Empty digital-signature fields for the signer and the agency seal.
    #[serde(default = "yes")]
    pub(crate) signature_fields: bool,
    /// "Nơi nhận" lines of the per-agency letters between "Như trên" and "Lưu" (default: the
    /// letter's `cc` without reports upward "(để B/c)" and publication "(đăng Website)").
    pub(crate) per_agency_cc: Option<Vec<At<String>>>,
}

impl Default for RawOutput {
    fn default() -> Self {
        Self {
            combined: true,
            per_agency: RawPerAgency::default(),
            file_name: None,
            signature_fields: true,
            per_agency_cc: None,
        }
    }
}

fn yes() -> bool {
    true
}

/// What a letter makes per agency: a letter each (`true`), nothing (`false`), or an
/// appendix each to the one letter (`appendix`).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum RawPerAgency {
    /// A letter each, or none.
    Letters(bool),
    /// An appendix each.
    Appendix(AppendixWord),
}

/// The word `appendix`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum AppendixWord {
    /// Per-agency appendices.
    Appendix,
}

impl Default for RawPerAgency {
    fn default() -> Self {
        Self::Letters(true)
    }
}

/// What one agency sent back for a data year (`data/<year>/*.yaml`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAnswerFile {
    /// Marks example figures that are not official.
    #[serde(default)]
    pub(crate) illustrative: bool,
    /// Who answered: a recipient id (none for the issuer's own figures).
    pub(crate) recipient: Option<At<String>>,
    /// The issuing agency's own figures (the Sở supplies some indicators itself), instead of
    /// a recipient's.
    #[serde(default)]
    pub(crate) issuer: bool,
    /// The reply letter.
    pub(crate) reply: Option<RawReply>,
    /// Date the reply was received, "YYYY-MM-DD".
    pub(crate) received: Option<At<String>>,
    /// Figures per indicator.
    #[serde(default)]
    pub(crate) answers: Vec<RawAnswer>,
    /// Answers to free-text requests.
    #[serde(default)]
    pub(crate) texts: Vec<RawTextAnswer>,
    /// Population figures (from the statistics office's yearbook).
    pub(crate) population: Option<RawPopulation>,
}

/// The reply letter's number and date.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReply {
    /// Number and symbol, e.g. "215/SXD-QLHT".
    pub(crate) number: At<String>,
    /// Date, "YYYY-MM-DD".
    pub(crate) date: At<String>,
}

/// The figures for one indicator.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAnswer {
    /// Indicator number.
    pub(crate) indicator: At<u32>,
    /// Numerator (or the total), when given directly.
    pub(crate) numerator: Option<At<f64>>,
    /// Denominator, when given directly.
    pub(crate) denominator: Option<At<f64>>,
    /// The value itself (e.g. a percent), when only that is known.
    pub(crate) value: Option<At<f64>>,
    /// Rows that add up.
    #[serde(default)]
    pub(crate) rows: Vec<RawRow>,
    /// Remarks.
    pub(crate) note: Option<At<String>>,
    /// Evidence documents (tài liệu minh chứng).
    #[serde(default)]
    pub(crate) evidence: Vec<RawEvidence>,
    /// For budget figures (the catalogue's `budget: true`): "dự toán", "ước thực hiện" or
    /// "quyết toán".
    pub(crate) status: Option<At<String>>,
    /// For budget figures: the budget year they are of.
    pub(crate) reference_year: Option<At<i32>>,
    /// The workbook sheet the figures were imported from (`vanban import`),
    /// "data/2022/replies/bac-son.xlsx!'Biểu mẫu 11'".
    pub(crate) source: Option<At<String>>,
    /// The cells of that sheet each figure came from.
    pub(crate) cells: Option<RawCells>,
}

/// The cells ("D11") of an imported sheet that the figures beside them came from.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCells {
    /// The row's label.
    pub(crate) label: Option<String>,
    /// The unit.
    pub(crate) unit: Option<String>,
    /// The numerator.
    pub(crate) numerator: Option<String>,
    /// The denominator.
    pub(crate) denominator: Option<String>,
    /// The remarks.
    pub(crate) note: Option<String>,
}

/// One row of a form.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRow {
    /// What the row is: a district, an urban area, a facility.
    pub(crate) label: At<String>,
    /// Unit of its figures; must match the form's.
    pub(crate) unit: Option<At<String>>,
    /// Numerator figure.
    pub(crate) numerator: At<f64>,
    /// Denominator figure.
    pub(crate) denominator: Option<At<f64>>,
    /// Remarks.
    pub(crate) note: Option<At<String>>,
    /// The cells of the imported sheet the row came from (`vanban import`).
    pub(crate) cells: Option<RawCells>,
}

/// An evidence document.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEvidence {
    /// Title.
    pub(crate) title: At<String>,
    /// Number and symbol.
    pub(crate) number: Option<At<String>>,
    /// Date, "YYYY-MM-DD".
    pub(crate) date: Option<At<String>>,
    /// A file inside the project.
    pub(crate) file: Option<At<String>>,
    /// The workbook row it was imported from (`vanban import`).
    pub(crate) source: Option<At<String>>,
}

/// A free-text answer.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawTextAnswer {
    /// What was asked, in short.
    pub(crate) about: At<String>,
    /// The answer.
    pub(crate) answer: At<String>,
    /// The workbook cell it was imported from (`vanban import`).
    pub(crate) source: Option<At<String>>,
}

/// Population figures.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPopulation {
    /// Urban population by urban area (type IV and above), per district.
    #[serde(default)]
    pub(crate) urban: Vec<RawUrbanArea>,
    /// Rural population.
    pub(crate) rural_population: Option<At<f64>>,
    /// Rural households.
    pub(crate) rural_households: Option<At<f64>>,
    /// Total population, as the statistical yearbook gives it (not urban + rural).
    pub(crate) total_population: Option<At<f64>>,
    /// Where the figures come from, e.g. "Niên giám thống kê tỉnh Lạng Sơn".
    pub(crate) source: Option<At<String>>,
    /// The year the figures are of.
    pub(crate) reference_year: Option<At<i32>>,
    /// How final they are: "sơ bộ", "chính thức", "ước tính".
    pub(crate) status: Option<At<String>>,
}

/// One urban area.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUrbanArea {
    /// District (huyện, thành phố).
    pub(crate) district: At<String>,
    /// Urban area.
    pub(crate) area: At<String>,
    /// Urban type (II, III, IV…).
    #[serde(rename = "type")]
    pub(crate) kind: Option<At<String>>,
    /// Population.
    pub(crate) population: At<f64>,
}

