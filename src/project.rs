//! The project on disk: finds the YAML files under `data/` and `letters/` (walkdir), reads them
//! as NFC text and deserializes them into raw structs that keep the position of every value
//! (serde-saphyr `Spanned`). Nothing here checks meaning; that is `validate`'s job.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;
use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Position};

/// A value with the place it was written (serde-saphyr's `Spanned`), described in the JSON
/// Schemas as the plain value it holds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct At<T>(pub Spanned<T>);

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

/// Largest YAML file we read; anything bigger is certainly not hand-typed data.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The issuing agency and its signers (`data/agency.yaml`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    /// Tên cơ quan chủ quản, e.g. "UBND TỈNH LẠNG SƠN".
    pub governing_body: Option<At<String>>,
    /// Tên cơ quan ban hành in capitals, e.g. "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG".
    pub name: At<String>,
    /// The agency's name in running text, e.g. "Sở Tài nguyên và Môi trường".
    pub short_name: At<String>,
    /// Abbreviation used in number symbols, e.g. "STNMT".
    pub abbreviation: At<String>,
    /// Place name for the date line, e.g. "Lạng Sơn".
    pub place: At<String>,
    /// Drafting units (đơn vị soạn thảo) by abbreviation.
    #[serde(default)]
    pub units: Vec<RawUnit>,
    /// Contact line a letter may quote.
    pub contact: Option<At<String>>,
    /// The people who sign.
    #[serde(default)]
    pub signers: Vec<RawSigner>,
}

/// A drafting unit of the agency.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    /// Abbreviation, e.g. "BVMT".
    pub id: At<String>,
    /// Full name.
    pub name: At<String>,
}

/// A person who signs letters.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSigner {
    /// Reference used by letters.
    pub id: At<String>,
    /// Full name as printed under the signature.
    pub name: At<String>,
    /// Authority prefix: KT, TM, TL, TUQ, Q (with or without the dot), or absent.
    pub authority: Option<At<String>>,
    /// What the prefix is for, e.g. "GIÁM ĐỐC" in "KT. GIÁM ĐỐC".
    #[serde(rename = "for")]
    pub on_behalf_of: Option<At<String>>,
    /// The signer's own title, e.g. "PHÓ GIÁM ĐỐC".
    pub title: At<String>,
}

/// Recipients and their groups (`data/recipients.yaml`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRecipients {
    /// Groups that recipients are listed under.
    #[serde(default)]
    pub groups: Vec<RawGroup>,
    /// The agencies letters are sent to.
    #[serde(default)]
    pub recipients: Vec<RawRecipient>,
}

/// A group of recipients.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    /// Reference used by letters and recipients.
    pub id: At<String>,
    /// `listed`, `addressed` or `joint` (see README).
    pub style: At<String>,
    /// For `listed`: the label before the members' short names, e.g. "Các Sở".
    pub label: Option<At<String>>,
    /// For `addressed`: the name the group is addressed by.
    pub name: Option<At<String>>,
    /// Items asked of every member.
    #[serde(default)]
    pub requests: Vec<RawRequest>,
    /// Paragraphs printed after the group's items.
    #[serde(default)]
    pub notes: Vec<At<String>>,
    /// How the section is set: `list` (default), `inline` or `plain`.
    pub section: Option<At<String>>,
}

/// One agency that receives letters.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRecipient {
    /// Reference used by letters; also the default output file name.
    pub id: At<String>,
    /// Name as written after "Kính gửi".
    pub name: At<String>,
    /// Name in a `listed` group line, e.g. "Xây dựng" in "Các Sở: Xây dựng, …".
    pub short: Option<At<String>>,
    /// Heading of its numbered section, when it differs from the name.
    pub heading: Option<At<String>>,
    /// The group it is listed under.
    pub group: Option<At<String>>,
    /// What it must supply.
    #[serde(default)]
    pub requests: Vec<RawRequest>,
    /// Paragraphs printed after its items.
    #[serde(default)]
    pub notes: Vec<At<String>>,
    /// How its section is set: `list` (default), `inline` or `plain`.
    pub section: Option<At<String>>,
}

/// One thing a recipient is asked for: an indicator of the catalogue, or free text.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRequest {
    /// Indicator number in the catalogue edition of the letter's data year.
    pub indicator: Option<At<u32>>,
    /// Free-text request (Tera text), instead of an indicator.
    pub text: Option<At<String>>,
    /// Wording of the indicator name in this request, when it differs from the catalogue.
    pub name: Option<At<String>>,
    /// Unit as written in this request.
    pub unit: Option<At<String>>,
    /// Overrides the letter's `basis` phrase (e.g. "thống kê theo Biểu mẫu số").
    pub basis: Option<At<String>>,
    /// Overrides the letter's `guidance` phrase.
    pub guidance: Option<At<String>>,
    /// Text appended after the request sentence.
    pub note: Option<At<String>>,
}

/// The indicator catalogue (`data/indicators.yaml`): one or more editions.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCatalogue {
    /// Editions, each valid for a range of data years.
    pub editions: Vec<RawEdition>,
}

/// One edition of the indicator set.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEdition {
    /// Reference, e.g. "pepi-2019".
    pub id: At<String>,
    /// Title of the indicator set.
    pub title: At<String>,
    /// The decision that issued it.
    pub decision: Option<At<String>>,
    /// First data year it applies to.
    pub from_year: At<i32>,
    /// Last data year it applies to, if it has ended.
    pub to_year: Option<At<i32>>,
    /// The indicators.
    pub indicators: Vec<RawIndicator>,
}

/// One indicator (chỉ số thành phần).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    /// Its number in the edition.
    pub number: At<u32>,
    /// Official name.
    pub name: At<String>,
    /// Unit, e.g. "%".
    pub unit: At<String>,
    /// Form (biểu mẫu) number; defaults to the indicator number.
    pub form: Option<At<u32>>,
    /// Group within the edition, e.g. "I".
    pub group: Option<At<String>>,
    /// Free notes.
    pub notes: Option<At<String>>,
    /// Data years in which it is not evaluated.
    #[serde(default)]
    pub inactive_years: Vec<At<i32>>,
    /// How the value is computed: `rate`, `per_population` or `total`; absent: not computed.
    pub compute: Option<At<String>>,
    /// For `per_population`: the multiplier (10000 or 1000000).
    pub per: Option<At<f64>>,
    /// Population figure used: `urban`, `rural`, `total` or `rural_households`. For a rate,
    /// it is the denominator; for `per_population`, the divisor.
    pub population: Option<At<String>>,
    /// Decimals shown.
    pub decimals: Option<At<u32>>,
    /// Whether a higher value is better.
    pub higher_is_better: Option<At<bool>>,
    /// Unit of the figures in the form's rows, e.g. "m3/ngày".
    pub form_unit: Option<At<String>>,
    /// What the numerator counts.
    pub numerator: Option<At<String>>,
    /// What the denominator counts.
    pub denominator: Option<At<String>>,
    /// Official scoring rules, first match wins; absent: the report shows no score.
    #[serde(default)]
    pub scoring: Vec<RawScoreRule>,
}

/// One scoring rule: `points` when the value lies within the bounds given.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScoreRule {
    /// Lowest value the rule applies to.
    pub at_least: Option<At<f64>>,
    /// Highest value the rule applies to.
    pub at_most: Option<At<f64>>,
    /// Points given.
    pub points: At<f64>,
}

/// One outgoing letter (`letters/**/*.yaml`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLetter {
    /// Only `cong-van` for now.
    pub kind: At<String>,
    /// The data year the letter asks about.
    pub data_year: At<i32>,
    /// Registered number; absent for the unregistered draft.
    pub number: Option<At<u32>>,
    /// Drafting unit abbreviation for the symbol (STNMT-**BVMT**); công văn only.
    pub unit: Option<At<String>>,
    /// "YYYY-MM-DD", or "YYYY-MM" when the day is filled in at signing.
    pub date: At<String>,
    /// Deadline for answers, "YYYY-MM-DD".
    pub deadline: Option<At<String>>,
    /// Trích yếu after "V/v" (Tera text).
    pub subject: At<String>,
    /// Signer id.
    pub signer: At<String>,
    /// Recipient or group ids, in the order they are addressed (công văn).
    #[serde(default)]
    pub recipients: Vec<At<String>>,
    /// "Kính gửi" lines of a report sent upward (báo cáo).
    #[serde(default)]
    pub to: Vec<At<String>>,
    /// The request letter whose deadline and requests a report checks answers against.
    pub request_letter: Option<At<String>>,
    /// Extra values for the Tera text.
    #[serde(default)]
    pub vars: BTreeMap<String, At<String>>,
    /// How an indicator request is worded (Tera text).
    pub request_format: Option<At<String>>,
    /// Default "basis" phrase for indicator requests.
    pub basis: Option<At<String>>,
    /// Default "guidance" phrase for indicator requests.
    pub guidance: Option<At<String>>,
    /// Paragraphs before the per-recipient sections (Tera text).
    #[serde(default)]
    pub opening: Vec<At<String>>,
    /// Paragraphs after them (Tera text).
    #[serde(default)]
    pub closing: Vec<At<String>>,
    /// "Nơi nhận" lines between "Như trên" and "Lưu".
    #[serde(default)]
    pub cc: Vec<At<String>>,
    /// The "Lưu:" line; default "VT, <unit>".
    pub archive: Option<At<String>>,
    /// Which documents to produce.
    #[serde(default)]
    pub output: RawOutput,
    /// Wording of the follow-up letter (công văn đôn đốc) `vanban remind` sends.
    pub reminder: Option<RawReminder>,
}

/// Wording of a follow-up letter; Tera text with `as_of`, `new_deadline`, `letter_number`,
/// `letter_date` and `deadline` besides the letter's own values.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReminder {
    /// Trích yếu after "V/v".
    pub subject: At<String>,
    /// Paragraphs before the missing items.
    #[serde(default)]
    pub opening: Vec<At<String>>,
    /// Paragraphs after them.
    #[serde(default)]
    pub closing: Vec<At<String>>,
    /// Days from the reminder's date to its new deadline (default 7).
    pub days: Option<At<u32>>,
}

/// Which documents a letter produces.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOutput {
    /// The combined letter to all recipients.
    #[serde(default = "yes")]
    pub combined: bool,
    /// One letter per agency.
    #[serde(default = "yes")]
    pub per_agency: bool,
    /// File name pattern for per-agency letters (Tera text, `recipient.id` etc.).
    pub file_name: Option<At<String>>,
    /// Empty digital-signature fields for the signer and the agency seal.
    #[serde(default = "yes")]
    pub signature_fields: bool,
}

impl Default for RawOutput {
    fn default() -> Self {
        Self {
            combined: true,
            per_agency: true,
            file_name: None,
            signature_fields: true,
        }
    }
}

fn yes() -> bool {
    true
}

/// What one agency sent back for a data year (`data/<year>/*.yaml`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnswerFile {
    /// Marks example figures that are not official.
    #[serde(default)]
    pub illustrative: bool,
    /// Who answered: a recipient id.
    pub recipient: At<String>,
    /// The reply letter.
    pub reply: Option<RawReply>,
    /// Date the reply was received, "YYYY-MM-DD".
    pub received: Option<At<String>>,
    /// Figures per indicator.
    #[serde(default)]
    pub answers: Vec<RawAnswer>,
    /// Answers to free-text requests.
    #[serde(default)]
    pub texts: Vec<RawTextAnswer>,
    /// Population figures (from the statistics office's yearbook).
    pub population: Option<RawPopulation>,
}

/// The reply letter's number and date.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReply {
    /// Number and symbol, e.g. "215/SXD-QLHT".
    pub number: At<String>,
    /// Date, "YYYY-MM-DD".
    pub date: At<String>,
}

/// The figures for one indicator.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAnswer {
    /// Indicator number.
    pub indicator: At<u32>,
    /// Numerator (or the total), when given directly.
    pub numerator: Option<At<f64>>,
    /// Denominator, when given directly.
    pub denominator: Option<At<f64>>,
    /// The value itself (e.g. a percent), when only that is known.
    pub value: Option<At<f64>>,
    /// Rows that add up.
    #[serde(default)]
    pub rows: Vec<RawRow>,
    /// Remarks.
    pub note: Option<At<String>>,
    /// Evidence documents (tài liệu minh chứng).
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
}

/// One row of a form.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRow {
    /// What the row is: a district, an urban area, a facility.
    pub label: At<String>,
    /// Unit of its figures; must match the form's.
    pub unit: Option<At<String>>,
    /// Numerator figure.
    pub numerator: At<f64>,
    /// Denominator figure.
    pub denominator: Option<At<f64>>,
    /// Remarks.
    pub note: Option<At<String>>,
}

/// An evidence document.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    /// Title.
    pub title: At<String>,
    /// Number and symbol.
    pub number: Option<At<String>>,
    /// Date, "YYYY-MM-DD".
    pub date: Option<At<String>>,
    /// A file inside the project.
    pub file: Option<At<String>>,
}

/// A free-text answer.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTextAnswer {
    /// What was asked, in short.
    pub about: At<String>,
    /// The answer.
    pub answer: At<String>,
}

/// Population figures.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPopulation {
    /// Urban population by urban area (type IV and above), per district.
    #[serde(default)]
    pub urban: Vec<RawUrbanArea>,
    /// Rural population.
    pub rural_population: Option<At<f64>>,
    /// Rural households.
    pub rural_households: Option<At<f64>>,
}

/// One urban area.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUrbanArea {
    /// District (huyện, thành phố).
    pub district: At<String>,
    /// Urban area.
    pub area: At<String>,
    /// Urban type (II, III, IV…).
    #[serde(rename = "type")]
    pub kind: Option<At<String>>,
    /// Population.
    pub population: At<f64>,
}

/// A parsed file and its path relative to the project root.
#[derive(Debug)]
pub struct Loaded<T> {
    /// Relative path, used in diagnostics and output names.
    pub path: PathBuf,
    /// The raw content.
    pub value: T,
}

/// Everything read from a project folder.
#[derive(Debug, Default)]
pub struct RawProject {
    /// The project root.
    pub root: PathBuf,
    /// `data/agency.yaml`.
    pub agency: Option<Loaded<RawAgency>>,
    /// `data/recipients.yaml`.
    pub recipients: Option<Loaded<RawRecipients>>,
    /// `data/indicators.yaml`.
    pub catalogue: Option<Loaded<RawCatalogue>>,
    /// Every letter, sorted by path.
    pub letters: Vec<Loaded<RawLetter>>,
    /// Answers by data year (`data/<year>/*.yaml`), sorted by path.
    pub answers: Vec<(i32, Loaded<RawAnswerFile>)>,
    /// Data years with an answer file that could not be read: their report is held back.
    pub unreadable_years: Vec<i32>,
    /// Letter files with a TODO left: not built until it is filled in.
    pub unfinished: Vec<PathBuf>,
}

/// JSON Schemas of every YAML file kind, by file name, for editors with YAML support.
pub fn schemas() -> Vec<(&'static str, String)> {
    fn one<T: schemars::JsonSchema>() -> String {
        let schema = schemars::schema_for!(T);
        serde_json::to_string_pretty(&schema).expect("schemas serialize") + "\n"
    }
    vec![
        ("agency.schema.json", one::<RawAgency>()),
        ("recipients.schema.json", one::<RawRecipients>()),
        ("indicators.schema.json", one::<RawCatalogue>()),
        ("letter.schema.json", one::<RawLetter>()),
        ("answers.schema.json", one::<RawAnswerFile>()),
    ]
}

/// Where the schemas live in a project, relative to its root.
pub const SCHEMA_DIR: &str = "data/schemas";

/// Reads the project at `root`; every unreadable or malformed file becomes a diagnostic.
pub fn load(root: &Path) -> (RawProject, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut project = RawProject {
        root: root.to_path_buf(),
        ..Default::default()
    };

    project.agency = load_required(root, "data/agency.yaml", &mut diags);
    project.recipients = load_required(root, "data/recipients.yaml", &mut diags);
    project.catalogue = load_required(root, "data/indicators.yaml", &mut diags);

    if let Ok(entries) = std::fs::read_dir(root.join("data")) {
        let mut years: Vec<(i32, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_dir())
            .filter_map(|e| Some((e.file_name().to_str()?.parse::<i32>().ok()?, e.path())))
            .filter(|(year, _)| (1900..=2999).contains(year))
            .collect();
        years.sort();
        let files: Vec<(i32, PathBuf)> = years
            .into_iter()
            .flat_map(|(year, dir)| yaml_files(&dir).into_iter().map(move |p| (year, p)))
            .collect();
        // A national campaign has a thousand answer files: they are parsed on every core.
        let parsed = crate::in_parallel(&files, |(_, path)| {
            let rel = relative(root, path);
            let mut found = Vec::new();
            let file = load_file::<RawAnswerFile>(path, &rel, &mut found);
            (rel, file, found)
        });
        for ((year, _), (rel, file, found)) in files.iter().zip(parsed) {
            diags.extend(found);
            match file {
                Some(file) => project.answers.push((
                    *year,
                    Loaded {
                        path: rel,
                        value: file,
                    },
                )),
                None => project.unreadable_years.push(*year),
            }
        }
    }

    let letters_dir = root.join("letters");
    if !letters_dir.is_dir() {
        diags.push(
            Diagnostic::error(Position::file("letters"), "project has no letters folder")
                .with_hint("create `letters/` with one YAML file per outgoing letter"),
        );
    }
    for path in yaml_files(&letters_dir) {
        let rel = relative(root, &path);
        let text = match read_text(&path, &rel) {
            Ok(text) => text,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        let todos = todos(&text, &rel);
        if !todos.is_empty() {
            project.unfinished.push(rel.clone());
            diags.extend(todos);
        }
        match parse_yaml::<RawLetter>(&text, &rel) {
            Ok(letter) => project.letters.push(Loaded {
                path: rel,
                value: letter,
            }),
            Err(d) => diags.push(*d),
        }
    }
    (project, diags)
}

/// A line without its trailing comment: a `#` after white space, outside quotes.
fn value_part(line: &str) -> &str {
    let (mut single, mut double, mut prev) = (false, false, ' ');
    for (i, c) in line.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single && prev != '\\' => double = !double,
            '#' if !single && !double && prev.is_whitespace() => return &line[..i],
            _ => {}
        }
        prev = c;
    }
    line
}

/// Every "TODO" left in the values of a file (comments aside), as errors: a letter with
/// placeholders from `vanban new-year` must not be printed.
pub fn todos(text: &str, rel: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let line = value_part(line);
        let mut from = 0;
        while let Some(at) = line[from..].find("TODO") {
            let byte = from + at;
            let column = line[..byte].chars().count() + 1;
            out.push(
                Diagnostic::error(
                    Position {
                        file: rel.to_path_buf(),
                        line: i + 1,
                        column,
                    },
                    "a TODO is left here",
                )
                .with_hint("fill in the value for the new year and remove the TODO"),
            );
            from = byte + 4;
        }
    }
    out
}

/// YAML files below `dir`, sorted, not following links out of it.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    files
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn load_required<T: DeserializeOwned>(
    root: &Path,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Loaded<T>> {
    let path = root.join(rel);
    if !path.is_file() {
        diags.push(
            Diagnostic::error(Position::file(rel), format!("required file `{rel}` is missing"))
                .with_hint("every project needs data/agency.yaml, data/recipients.yaml and data/indicators.yaml; see README"),
        );
        return None;
    }
    let value = load_file(&path, Path::new(rel), diags)?;
    Some(Loaded {
        path: PathBuf::from(rel),
        value,
    })
}

/// Reads one YAML file as NFC text and deserializes it, reporting problems at their position.
pub fn load_file<T: DeserializeOwned>(
    path: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let text = match read_text(path, rel) {
        Ok(text) => text,
        Err(diag) => {
            diags.push(*diag);
            return None;
        }
    };
    parse_yaml(&text, rel).map_err(|d| diags.push(*d)).ok()
}

/// Reads a text file, refusing oversized and non-UTF-8 files, and normalizes it to NFC.
pub fn read_text(path: &Path, rel: &Path) -> Result<String, Box<Diagnostic>> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Box::new(Diagnostic::error(
            Position::file(rel),
            format!("cannot read `{}`: {e}", rel.display()),
        ))
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::error(
                Position::file(rel),
                format!(
                    "file `{}` is too large ({} bytes)",
                    rel.display(),
                    meta.len()
                ),
            )
            .with_hint(format!("YAML files are limited to {MAX_FILE_BYTES} bytes")),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(Diagnostic::error(
            Position::file(rel),
            format!("cannot read `{}`: {e}", rel.display()),
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..offset];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(valid)
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .count()
            + 1;
        Box::new(
            Diagnostic::error(
                Position {
                    file: rel.to_path_buf(),
                    line,
                    column,
                },
                format!("file `{}` is not valid UTF-8", rel.display()),
            )
            .with_hint("save the file as UTF-8 (in Word or Notepad: \"Save as\", encoding UTF-8)"),
        )
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .replace("\r\n", "\n");
    Ok(text.nfc().collect())
}

/// Deserializes YAML text; a syntax or type error becomes one diagnostic at its position.
pub fn parse_yaml<T: DeserializeOwned>(text: &str, rel: &Path) -> Result<T, Box<Diagnostic>> {
    let mut options = serde_saphyr::options::Options::default();
    options.budget = Some(serde_saphyr::budget::Budget::default());
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let (line, column) = err
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((0, 0));
        let message = yaml_message(&err);
        Box::new(
            Diagnostic::error(
                Position {
                    file: rel.to_path_buf(),
                    line,
                    column,
                },
                message,
            )
            .with_hint(yaml_hint(&err)),
        )
    })
}

/// The bare message of a YAML error, without the crate's own location suffix or snippet.
fn yaml_message(err: &serde_saphyr::Error) -> String {
    let mut options = serde_saphyr::RenderOptions::default();
    options.snippets = serde_saphyr::SnippetMode::Off;
    let plain = err.render_with_options(options);
    let first = plain.lines().next().unwrap_or("invalid YAML").trim();
    // The crate appends " at line X, column Y"; our reporter prints the position itself.
    let first = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let mut message = first.trim_end_matches('.').to_string();
    if let Some(c) = message.get(..1) {
        let lower = c.to_lowercase();
        message.replace_range(..1, &lower);
    }
    if message.starts_with("invalid i") || message.starts_with("invalid u") {
        return "invalid YAML: expected a whole number here".into();
    }
    if message == "expected string scalar" {
        return "invalid YAML: expected a single text value here".into();
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("invalid YAML: key `{key}` appears twice");
    }
    format!("invalid YAML: {message}")
}

fn yaml_hint(err: &serde_saphyr::Error) -> String {
    let text = err.to_string();
    if text.contains("duplicate mapping key") {
        "keep one of the two; the second would silently replace the first".into()
    } else if text.contains("found a tab") {
        "indent with spaces: YAML does not allow tabs for indentation".into()
    } else if text.contains("budget") || text.contains("alias") {
        "the file expands to too much data (aliases?); write the values out plainly".into()
    } else if text.contains("invalid i") || text.contains("invalid u") {
        "write the number in digits without quotes, e.g. `2022`".into()
    } else if text.contains("expected string scalar") {
        "write plain text; quote it (\"…\") if it contains `:`, `#`, `[` or `{`".into()
    } else if text.contains("unknown field") {
        "check the spelling of the field; README lists the fields of every file".into()
    } else if text.contains("missing field") {
        "add the missing field; README lists the fields of every file".into()
    } else if text.contains("invalid type") {
        "the value has the wrong type; quote text values and write numbers without quotes".into()
    } else {
        "fix the YAML at this position (indentation, a missing colon or quote)".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_as_nfc_without_bom_or_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        // "Lạng Sơn" typed with combining marks (NFD), a BOM and Windows line endings.
        let nfd = "\u{feff}place: \"La\u{323}ng So\u{31b}n\"\r\nx: 1\r\n";
        std::fs::write(&path, nfd).unwrap();
        let text = read_text(&path, Path::new("a.yaml")).unwrap();
        assert_eq!(text, "place: \"L\u{1ea1}ng S\u{1a1}n\"\nx: 1\n");
    }

    #[test]
    fn todos_in_values_count_and_todos_in_comments_do_not() {
        let text = "a: \"TODO 2024\"\n# TODO in a comment\nb: 1  # TODO later\nc: \"x # TODO inside quotes\"\n";
        let found: Vec<(usize, usize)> = todos(text, Path::new("l.yaml"))
            .iter()
            .map(|d| (d.position.line, d.position.column))
            .collect();
        assert_eq!(found, [(1, 5), (4, 9)]);
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, b"a: 1\nname: S\xe1 x\n").unwrap();
        let diag = read_text(&path, Path::new("a.yaml")).unwrap_err();
        assert_eq!((diag.position.line, diag.position.column), (2, 8));
        assert!(diag.message.contains("not valid UTF-8"));
    }
}
