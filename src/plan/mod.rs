//! Planning: the checked model in, the list of documents to make out. Each [`Job`] says what
//! kind of document it is, which template lays it out, its typed template data (serialised
//! once, here), where it goes and what it was made from. No Typst, no file access: the
//! register rows come in from `app`, the answers are in the model.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::Datelike;
use serde::Serialize;

use crate::compute::{self, Target};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::model::{Letter, LetterDate, LetterKind, Project};
use crate::render::data::{
    AppendixData, Block, Frame, LetterData, PrintRunData, RegisterData, RegisterRow, ReportData,
};
use crate::render;

mod forms;
mod report;
mod reminders;
mod review;

pub(crate) use reminders::reminders;
pub(crate) use report::evidence_warnings;
pub(crate) use review::reviews;

/// What a document is; decides its template, whether it is signed, and how commands treat it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// A request letter to all its addressees (`out/<year>/<letter>.pdf`).
    Combined,
    /// A request letter's copy for one agency (`out/<year>/<letter>/<agency>.pdf`).
    PerAgency,
    /// A report (báo cáo).
    Report,
    /// A follow-up letter (công văn đôn đốc) to an agency that still owes items.
    Reminder,
    /// A letter's print run: every per-agency letter in one PDF (`build --merged`).
    PrintRun,
    /// A per-agency appendix of a letter sent as one (`output: per_agency: appendix`).
    Appendix,
    /// A calendar year's outgoing register as a table.
    Register,
    /// A tờ trình (`out/<year>/<letter>.pdf`).
    ToTrinh,
    /// A report's list of evidence documents as a document of its own, the dossier's index
    /// (`out/<year>/<report>-danh-muc-tai-lieu-kiem-chung.pdf`).
    EvidenceIndex,
    /// An agency's reply workbook (Biểu mẫu), beside its letter
    /// (`out/<year>/<letter>/<agency>.xlsx`).
    Form,
}

/// A Typst template; [`Template::file_name`] is the one place a `.typ` name appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// `cong-van.typ`: letters and follow-ups.
    CongVan,
    /// `bao-cao.typ`: reports.
    BaoCao,
    /// `in-gop.typ`: print runs.
    InGop,
    /// `so-dang-ky.typ`: the outgoing register.
    SoDangKy,
    /// `phu-luc.typ`: a per-agency appendix.
    PhuLuc,
    /// `danh-muc.typ`: a report's list of evidence documents.
    DanhMuc,
    /// `to-trinh.typ`: a tờ trình.
    ToTrinh,
    /// No Typst template: a reply workbook, written by `form::write`.
    Workbook,
}

impl Template {
    /// The page margins the template lays out with, in millimetres: top, bottom, left,
    /// right (ND 30 Phụ lục I §I.5; the register's landscape table pages have their own).
    pub(crate) fn margins_mm(self) -> (f64, f64, f64, f64) {
        match self {
            Self::CongVan
            | Self::BaoCao
            | Self::InGop
            | Self::PhuLuc
            | Self::DanhMuc
            | Self::ToTrinh => {
                (20.0, 20.0, 30.0, 15.0)
            }
            Self::SoDangKy | Self::Workbook => (20.0, 20.0, 20.0, 20.0),
        }
    }

    /// The template's file name in `templates/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::CongVan => "cong-van.typ",
            Self::BaoCao => "bao-cao.typ",
            Self::InGop => "in-gop.typ",
            Self::SoDangKy => "so-dang-ky.typ",
            Self::PhuLuc => "phu-luc.typ",
            Self::DanhMuc => "danh-muc.typ",
            Self::ToTrinh => "to-trinh.typ",
            Self::Workbook => "",
        }
    }
}

/// The typed data a template receives.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub(crate) enum TemplateData {
    /// A letter, per-agency letter or follow-up.
    Letter(Box<LetterData>),
    /// A report.
    Report(Box<ReportData>),
    /// A print run.
    PrintRun(PrintRunData),
    /// An outgoing register.
    Register(RegisterData),
    /// A per-agency appendix.
    Appendix(Box<AppendixData>),
    /// A reply workbook.
    Form(Box<crate::form::Form>),
    /// A report's list of evidence documents.
    EvidenceIndex(Box<crate::render::data::EvidenceIndexData>),
}

/// The strings of a frame that must be readable on the page: addressees, "Nơi nhận",
/// the signature block.
fn frame_text(frame: &Frame, out: &mut Vec<String>) {
    out.extend(frame.addressees.iter().cloned());
    out.extend(frame.cc.iter().cloned());
    out.extend(frame.signature.authority.iter().cloned());
    out.push(frame.signature.title.clone());
    out.push(frame.signature.name.clone());
}

/// The strings of a letter that must be readable: its frame and its requests.
fn letter_text(letter: &LetterData, out: &mut Vec<String>) {
    frame_text(&letter.frame, out);
    for block in &letter.body {
        match block {
            Block::Item { text, .. } | Block::Heading { text } => out.push(text.clone()),
            Block::InlineHeading { label, text } => {
                out.push(label.clone());
                out.push(text.clone());
            }
            Block::Para { .. } => {}
        }
    }
}

impl TemplateData {
    /// The strings from the data that the laid-out pages must carry, whole: recipients,
    /// "Nơi nhận" lines, the signer, the requests (each checked after layout).
    pub(crate) fn expected_text(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self {
            Self::Letter(d) => letter_text(d, &mut out),
            Self::Report(d) => frame_text(&d.frame, &mut out),
            Self::PrintRun(d) => d.letters.iter().for_each(|l| letter_text(l, &mut out)),
            Self::Register(d) => out.extend(d.entries.iter().map(|e| e.subject.clone())),
            Self::Appendix(d) => {
                out.push(d.reference.clone());
                for block in &d.body {
                    if let Block::Item { text, .. } | Block::Heading { text } = block {
                        out.push(text.clone());
                    }
                }
            }
            Self::Form(_) => {}
            Self::EvidenceIndex(d) => out.extend(d.items.iter().map(|i| i.code.clone())),
        }
        out.iter().map(|t| typographic(t)).collect()
    }

    /// The header, addressees and signature block, for documents that have them.
    pub(crate) fn frame(&self) -> Option<&Frame> {
        match self {
            Self::Letter(d) => Some(&d.frame),
            Self::Report(d) => Some(&d.frame),
            Self::PrintRun(_)
            | Self::Register(_)
            | Self::Appendix(_)
            | Self::Form(_)
            | Self::EvidenceIndex(_) => None,
        }
    }
}

/// An indicator value a report shows, recorded so the next build can report corrections.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Figure {
    /// Indicator name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Value, if computed.
    pub value: Option<f64>,
    /// Decimals shown.
    pub decimals: u32,
    /// What each agency gave for it and in which reply: "Sở Xây dựng: 7850 / 14200 (Văn bản
    /// số 215/SXD-QLHT ngày 24/02/2023)", so a correction can say whose figures changed.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One document ready to compile.
#[derive(Debug)]
pub struct Job {
    /// What it is.
    pub kind: DocKind,
    /// The template that lays it out.
    pub template: Template,
    pub(crate) data: TemplateData,
    /// `data` as JSON bytes, serialised once.
    input: Vec<u8>,
    /// Output path relative to the output folder.
    pub output: PathBuf,
    /// The project file it comes from.
    pub source: PathBuf,
    /// The document date (year, month, day), for PDF metadata.
    pub date: Option<(i32, u32, u32)>,
    /// For a report: its data year and the values it shows, by indicator number ("01").
    pub values: Option<(i32, BTreeMap<String, Figure>)>,
    /// Add empty signature fields for the signer and the seal.
    pub signature_fields: bool,
}

impl Job {
    fn new(kind: DocKind, data: TemplateData, output: PathBuf, source: &Path) -> Self {
        let template = match &data {
            TemplateData::Letter(_) => Template::CongVan,
            TemplateData::Report(_) => Template::BaoCao,
            TemplateData::PrintRun(_) => Template::InGop,
            TemplateData::Register(_) => Template::SoDangKy,
            TemplateData::Appendix(_) => Template::PhuLuc,
            TemplateData::Form(_) => Template::Workbook,
            TemplateData::EvidenceIndex(_) => Template::DanhMuc,
        };
        let mut value = serde_json::to_value(&data).expect("template data always serializes");
        typographic_quotes(&mut value);
        let input = serde_json::to_vec(&value).expect("template data always serializes");
        Self {
            kind,
            template,
            data,
            input,
            output,
            source: source.to_path_buf(),
            date: None,
            values: None,
            signature_fields: false,
        }
    }

    /// The template input as JSON bytes.
    pub fn input(&self) -> &[u8] {
        &self.input
    }

    /// Every string of the template input, concatenated: the text the document prints.
    pub fn text(&self) -> String {
        fn collect(value: &serde_json::Value, out: &mut String) {
            match value {
                serde_json::Value::String(s) => out.push_str(s),
                serde_json::Value::Array(a) => a.iter().for_each(|v| collect(v, out)),
                serde_json::Value::Object(o) => o.values().for_each(|v| collect(v, out)),
                _ => {}
            }
        }
        let mut text = String::new();
        if let Ok(value) = serde_json::to_value(&self.data) {
            collect(&value, &mut text);
        }
        text
    }
}

/// Straight double quotes in every text of the template data become typographic ones, “…”,
/// as a Vietnamese official letter prints them.
fn typographic_quotes(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(s) if s.contains('"') => *s = typographic(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(typographic_quotes),
        serde_json::Value::Object(o) => o.values_mut().for_each(typographic_quotes),
        _ => {}
    }
}

/// `text` with its straight double quotes as “ and ”: one that follows a space, a bracket,
/// a dash or the start of the text opens, any other closes.
fn typographic(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut prev = ' ';
    for c in text.chars() {
        out.push(match c {
            '"' if prev.is_whitespace() || "([{“-–".contains(prev) => '“',
            '"' => '”',
            _ => c,
        });
        prev = c;
    }
    out
}

/// The (year, month, day) of a letter date; the first of the month when the day is blank.
fn ymd(date: LetterDate) -> (i32, u32, u32) {
    match date {
        LetterDate::Full(d) => (d.year(), d.month(), d.day()),
        LetterDate::Month { year, month } => (year, month, 1),
    }
}

/// The documents of a run and what is known about their sources.
#[derive(Debug, Default)]
pub(crate) struct Planned {
    /// The documents, each output once.
    pub(crate) jobs: Vec<Job>,
    /// Problems found while planning and filling in.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Letter files all of whose documents could be made: an output they no longer produce
    /// is obsolete.
    pub(crate) sound: BTreeSet<PathBuf>,
}

/// Suffix of a letter's print run (`build --merged`).
pub(crate) const MERGED: &str = "-in-gop.pdf";

/// One outgoing register: whose it is, its calendar year, its file (relative to the project
/// root), and its rows as read from disk or why they could not be read.
pub(crate) struct RegisterFile {
    /// The issuing body keeping it: an id of `Project::issuers`, `None` for the agency.
    pub(crate) issuer: Option<String>,
    /// The calendar year it numbers (ND 30 Điều 15.1: numbers run once per year).
    pub(crate) year: i32,
    /// Its file, relative to the project root.
    pub(crate) source: PathBuf,
    /// Its rows, or why they could not be read.
    pub(crate) rows: Result<Vec<RegisterRow>, String>,
}

/// Which documents a run makes beyond the letters' own, and how.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    /// Each request letter's print run too (`build --merged`).
    pub(crate) merged: bool,
    /// Mark every unregistered document "DỰ THẢO" (`build --draft`); a registered one never.
    pub(crate) draft: bool,
}

/// The registered numbers of documents: (letter file, document relative to `out/`) → the
/// number as printed ("06"), from the outgoing registers.
pub(crate) type Numbers = BTreeMap<(String, String), String>;

/// Every document of `model`: each letter's (in parallel), each register's; with `merged`
/// each request letter's print run too. A per-agency letter carries the number the register
/// gives it, or none. An output two documents would write is an error.
pub(crate) fn documents(
    model: &Project,
    options: Options,
    registers: Vec<RegisterFile>,
    numbers: &Numbers,
) -> Planned {
    let mut planned = Planned {
        sound: model.letters.iter().map(|l| l.path.clone()).collect(),
        ..Default::default()
    };
    // Letters are independent: a national campaign's thousand are filled in on every core.
    let per_letter = crate::parallel::map_in_order(&model.letters, |letter| {
        letter_jobs(model, letter, options, numbers)
    });
    for (letter, (jobs, errors)) in model.letters.iter().zip(per_letter) {
        if !errors.is_empty() {
            planned.sound.remove(&letter.path);
            planned.diagnostics.extend(errors);
        }
        planned.jobs.extend(jobs);
    }
    for RegisterFile {
        issuer,
        year,
        source,
        rows,
    } in registers
    {
        // Another body's register prints that body's header; one whose body the project no
        // longer describes cannot be printed as anyone's.
        let keeper = match &issuer {
            None => &model.agency,
            Some(id) => match model.issuers.get(id) {
                Some(body) => body,
                None => {
                    planned.diagnostics.push(
                        Diagnostic::error(
                            Code::Register,
                            Position::file(&source),
                            format!("the register `{}` is kept for `{id}`, which data/issuers.yaml does not describe", source.display()),
                        )
                        .with_hint("add that body to data/issuers.yaml, or move its register out of data/so-dang-ky-di/")
                        .says("plan-register-unknown-issuer", &[("register", &source.display().to_string()), ("issuer", id)])
                        .hints("plan-register-unknown-issuer-hint", &[]),
                    );
                    continue;
                }
            },
        };
        match rows {
            Ok(entries) => {
                let data = TemplateData::Register(RegisterData {
                    kind: "so-dang-ky",
                    governing_body: keeper.governing_body.clone(),
                    agency: keeper.name.clone(),
                    governing_lines: keeper.governing_lines.clone(),
                    agency_lines: keeper.name_lines.clone(),
                    year,
                    entries,
                });
                let output = match &issuer {
                    None => PathBuf::from(format!("{year}/so-dang-ky-van-ban-di.pdf")),
                    Some(id) => PathBuf::from(format!("{year}/so-dang-ky-van-ban-di-{id}.pdf")),
                };
                let mut job = Job::new(DocKind::Register, data, output, &source);
                job.date = Some((year, 12, 31));
                planned.jobs.push(job);
            }
            // The message is the register reader's own; the hint is in the catalogue.
            Err(message) => planned.diagnostics.push(
                Diagnostic::error(Code::Register, Position::file(source), message)
                    .with_hint(
                        "the register is written by `vanban register`; restore it from a backup",
                    )
                    .hints("plan-register-unreadable-hint", &[]),
            ),
        }
    }
    let mut seen = BTreeMap::new();
    let diagnostics = &mut planned.diagnostics;
    planned.jobs.retain(|job| {
        if let Some(first) = seen.insert(job.output.clone(), job.source.clone()) {
            diagnostics.push(
                Diagnostic::error(
                    Code::OutputTwice,
                    Position::file(&job.source),
                    format!(
                        "output `{}` would be written twice (also by `{}`)",
                        job.output.display(),
                        first.display()
                    ),
                )
                .with_hint(
                    "give each letter its own file name and each recipient a distinct file name pattern",
                )
                .says(
                    "plan-output-twice",
                    &[
                        ("output", &job.output.display().to_string()),
                        ("other", &first.display().to_string()),
                    ],
                )
                .hints("plan-output-twice-hint", &[]),
            );
            return false;
        }
        true
    });
    planned
}

/// Computes and fills in every document of one letter: a report, or a request letter's
/// combined and per-agency letters (and, when `merged`, its print run); with the problems
/// that kept any of them from being made.
fn letter_jobs(
    model: &Project,
    letter: &Letter,
    options: Options,
    numbers: &Numbers,
) -> (Vec<Job>, Vec<Diagnostic>) {
    let merged = options.merged;
    // A draft review copy, never the registered final.
    let draft = options.draft && letter.number.is_none();
    let (mut jobs, mut errors) = (Vec::new(), Vec::new());
    let Some(edition) = model.catalogue.edition_for(letter.data_year) else {
        return (jobs, errors);
    };
    let job = |kind, data, output: String| {
        let mut job = Job::new(kind, data, PathBuf::from(output), &letter.path);
        job.date = Some(ymd(letter.date));
        job.signature_fields = letter.signature_fields;
        job
    };
    if letter.kind == LetterKind::ToTrinh {
        let cited = report::cited_by_to_trinh(model, letter);
        match render::to_trinh::render_to_trinh(model.agency_of(letter), letter, &cited) {
            Ok((output, mut data)) => {
                data.frame.draft = draft;
                // What it submits is built from example figures: it says so too.
                data.frame.illustrative = model
                    .answers
                    .get(&letter.data_year)
                    .is_some_and(|files| files.iter().any(|f| f.illustrative));
                let mut doc = job(DocKind::ToTrinh, TemplateData::Letter(Box::new(data)), output);
                doc.template = Template::ToTrinh;
                jobs.push(doc);
            }
            Err(e) => errors.extend(e),
        }
        return (jobs, errors);
    }
    if letter.kind == LetterKind::BaoCao {
        match report::report(model, letter) {
            Ok((output, mut data, values)) => {
                data.frame.draft = draft;
                let index = render::report::evidence_index(&data);
                let mut report = job(DocKind::Report, TemplateData::Report(Box::new(data)), output);
                report.values = Some((letter.data_year, values));
                jobs.push(report);
                let mut index = job(
                    DocKind::EvidenceIndex,
                    TemplateData::EvidenceIndex(Box::new(index)),
                    format!("{}/{}-danh-muc-tai-lieu-kiem-chung.pdf", letter.data_year, letter.id),
                );
                // Not signed on its own: it goes with the report.
                index.signature_fields = false;
                jobs.push(index);
            }
            Err(e) => errors.extend(e),
        }
        return (jobs, errors);
    }
    let mut print_run = Vec::new();
    for plan in compute::plan_letter(letter, model.directory_for(letter.data_year), edition) {
        match render::render_letter(model.agency_of(letter), &plan) {
            Ok(mut rendered) => {
                if matches!(plan.target, Target::Agency(_)) && !letter.appendices {
                    // A per-agency letter is a document of its own (ND 30 Điều 15.1): its
                    // own number from the register, never the combined letter's.
                    let key = (
                        letter.path.to_string_lossy().replace('\\', "/"),
                        rendered.output.replace('\\', "/"),
                    );
                    rendered.data.frame.number = numbers.get(&key).cloned();
                }
                // A registered document is final, never a draft.
                rendered.data.frame.draft = draft && rendered.data.frame.number.is_none();
                if let Target::Agency(r) = plan.target
                    && let Some(form) = forms::form(model, letter, r, &rendered, edition)
                {
                    let output = rendered.output.replace(".pdf", ".xlsx");
                    if !letter.appendices {
                        let file = Path::new(&output)
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        // Said before the closing paragraphs, as the letter's attachment.
                        let at = rendered.data.body.len().saturating_sub(letter.closing.len());
                        let text = forms::attachment(&form, &file);
                        rendered.data.body.insert(at, Block::Para { text });
                    }
                    let mut workbook = job(DocKind::Form, TemplateData::Form(Box::new(form)), output);
                    workbook.signature_fields = false;
                    jobs.push(workbook);
                }
                match plan.target {
                    // Sent as one letter: the agency's part is an appendix, not a letter.
                    Target::Agency(r) if letter.appendices => {
                        let data = render::appendix_of(model.agency_of(letter), letter, &r.name, &rendered.data);
                        let mut appendix = job(
                            DocKind::Appendix,
                            TemplateData::Appendix(Box::new(data)),
                            rendered.output,
                        );
                        // Signed as part of the letter.
                        appendix.signature_fields = false;
                        jobs.push(appendix);
                    }
                    Target::Agency(_) => {
                        print_run.push(rendered.data.clone());
                        jobs.push(job(
                            DocKind::PerAgency,
                            TemplateData::Letter(Box::new(rendered.data)),
                            rendered.output,
                        ));
                    }
                    Target::Combined => jobs.push(job(
                        DocKind::Combined,
                        TemplateData::Letter(Box::new(rendered.data)),
                        rendered.output,
                    )),
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if merged && !print_run.is_empty() && errors.is_empty() {
        // One file to print and post: every per-agency letter, numbered on its own.
        let first = &print_run[0].frame;
        let data = PrintRunData {
            kind: "in-gop",
            subject: first.subject.clone(),
            agency: first.agency.clone(),
            letters: print_run,
        };
        let mut run = job(
            DocKind::PrintRun,
            TemplateData::PrintRun(data),
            format!("{}/{}{MERGED}", letter.data_year, letter.id),
        );
        // A print run is not what gets signed.
        run.signature_fields = false;
        jobs.push(run);
    }
    (jobs, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_quotes_become_typographic_ones() {
        assert_eq!(
            typographic("ghi rõ \"Số liệu chính thức\" hoặc (\"ước tính\")"),
            "ghi rõ “Số liệu chính thức” hoặc (“ước tính”)"
        );
        assert_eq!(typographic("\"a\""), "“a”");
    }
}
