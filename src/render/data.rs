//! Every template input, typed: the contract between vanban and the Typst templates. Each
//! struct is serialised once, as `/input.json`, when its document is compiled; templates
//! read it with `json("/input.json")`, so data is never parsed as markup. Nothing reads
//! these back by JSON key.

use serde::Serialize;

use super::vi::{date_parts, number_text};
use crate::model::{Agency, Letter};

/// The data a letter template receives, serialized as JSON.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LetterData {
    /// Header, addressees and signature, as every document has them.
    #[serde(flatten)]
    pub(crate) frame: Frame,
    /// The body, in order.
    pub(crate) body: Vec<Block>,
}

/// What every ND 30 document carries around its body: the header columns, the number and
/// date, the subject, "Kính gửi", "Nơi nhận" and the signature block.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Frame {
    /// Document kind, for the template.
    pub(crate) kind: &'static str,
    /// Tên cơ quan chủ quản.
    pub(crate) governing_body: Option<String>,
    /// Tên cơ quan ban hành.
    pub(crate) agency: String,
    /// Tên cơ quan chủ quản as the header prints it, line by line (none: a one-block
    /// header, as for an UBND).
    pub(crate) governing_lines: Vec<String>,
    /// Tên cơ quan ban hành as the header prints it, line by line.
    pub(crate) agency_lines: Vec<String>,
    /// Registered number, zero-padded below 10; none for a draft.
    pub(crate) number: Option<String>,
    /// Ký hiệu, e.g. "STNMT-BVMT".
    pub(crate) symbol: String,
    /// The date line, in parts.
    pub(crate) date: DateParts,
    /// Trích yếu (without "V/v ").
    pub(crate) subject: String,
    /// "Kính gửi" lines with their final ";" or ".".
    pub(crate) addressees: Vec<String>,
    /// "Nơi nhận" lines as printed.
    pub(crate) cc: Vec<String>,
    /// Signature block.
    pub(crate) signature: Signature,
    /// Whether the figures are illustrative.
    pub(crate) illustrative: bool,
    /// A draft review copy: marked "DỰ THẢO" above the header.
    pub(crate) draft: bool,
}

impl Frame {
    /// The frame of a letter of `agency`; `symbol` is the part after the number.
    pub(super) fn new(
        agency: &Agency,
        letter: &Letter,
        kind: &'static str,
        symbol: String,
        subject: String,
        addressees: Vec<String>,
        cc: Vec<String>,
    ) -> Self {
        Self {
            kind,
            governing_body: agency.governing_body.clone(),
            agency: agency.name.clone(),
            governing_lines: agency.governing_lines.clone(),
            agency_lines: agency.name_lines.clone(),
            number: letter.number.map(number_text),
            symbol,
            date: date_parts(&agency.place, letter.date),
            subject,
            addressees,
            cc,
            signature: super::signature(&letter.signer),
            illustrative: false,
            draft: false,
        }
    }
}

/// The date line in parts, so the template can leave blanks for the day.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct DateParts {
    /// Place name.
    pub(crate) place: String,
    /// Day, two digits, or none to leave a blank.
    pub(crate) day: Option<String>,
    /// Month per the zero-padding rule.
    pub(crate) month: String,
    /// Year.
    pub(crate) year: String,
}

/// One block of the body.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum Block {
    /// An ordinary paragraph.
    Para {
        /// Its text.
        text: String,
    },
    /// A numbered section heading on its own line.
    Heading {
        /// "1. Sở Xây dựng".
        text: String,
    },
    /// A numbered heading followed on the same line by the first item.
    InlineHeading {
        /// "4. Sở Giao thông vận tải:".
        label: String,
        /// The item.
        text: String,
    },
    /// A request item.
    Item {
        /// Its text.
        text: String,
        /// Whether it starts with "- ".
        dash: bool,
    },
}

/// The signature block (ô 7a, 7b).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Signature {
    /// "KT. GIÁM ĐỐC", when there is a prefix.
    pub(crate) authority: Vec<String>,
    /// "PHÓ GIÁM ĐỐC".
    pub(crate) title: String,
    /// "Nguyễn Hữu Trực".
    pub(crate) name: String,
}


/// The data `bao-cao.typ` receives.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReportData {
    /// Header, addressees and signature.
    #[serde(flatten)]
    pub(crate) frame: Frame,
    /// Data year.
    pub(crate) year: i32,
    /// Previous data year.
    pub(crate) previous_year: i32,
    /// Basis paragraphs.
    pub(crate) opening: Vec<String>,
    /// Summary table, one row per active indicator.
    pub(crate) summary: Vec<SummaryRow>,
    /// Whether the catalogue has scoring rules (the table then has a score column).
    pub(crate) scored: bool,
    /// Figures behind each indicator.
    pub(crate) details: Vec<Detail>,
    /// Whether a request letter was found to check answers against.
    pub(crate) status_known: bool,
    /// Active indicators that could not be computed.
    pub(crate) unavailable: Vec<String>,
    /// Indicators of the edition whose official name is not known, so not in the report
    /// ("06", "08"), and why; said in the report, never left out silently.
    pub(crate) unnamed: Vec<String>,
    /// Why they are unnamed.
    pub(crate) unnamed_note: Option<String>,
    /// Requests not answered.
    pub(crate) missing: Vec<Gap>,
    /// Answers received after the deadline.
    pub(crate) late: Vec<Gap>,
    /// The deadline, "dd/mm/yyyy".
    pub(crate) deadline: Option<String>,
    /// Bars of the chart (percentages only, on one scale).
    pub(crate) chart: Vec<Bar>,
    /// Appendix: each form's rows.
    pub(crate) appendix: Vec<Form>,
    /// The issuing agency in running text, for the appendix's "(Kèm theo Báo cáo số … của …)".
    pub(crate) issuer: String,
    /// The self-assessed scores summed per group and in total, when any was entered.
    pub(crate) scores: Option<ScoreSummary>,
    /// The numbered list of evidence documents (tài liệu kiểm chứng), its second appendix.
    pub(crate) evidence_list: Vec<EvidenceItem>,
    /// Laid out as a self-assessment report (the UBND tỉnh's to the Ministry) rather than the
    /// agency's own report: its sections.
    pub(crate) self_assessment: Option<SelfAssessmentData>,
    /// Closing paragraphs.
    pub(crate) closing: Vec<String>,
}

/// The sections of a self-assessment report that are not the agency report's (pepi.md "Who
/// signs what goes up"): the prose from the letter, and who the data came from.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SelfAssessmentData {
    /// Each body whose figures the report uses and by which reply: "Sở Xây dựng (văn bản số
    /// 215/SXD-QLHT ngày 24/02/2023)", in the directory's order.
    pub(crate) sources: Vec<String>,
    /// "Đánh giá chung" paragraphs.
    pub(crate) general: Vec<String>,
    /// "Tồn tại, hạn chế và nguyên nhân" paragraphs.
    pub(crate) shortcomings: Vec<String>,
    /// "Đề xuất, kiến nghị" paragraphs.
    pub(crate) proposals: Vec<String>,
}

/// One evidence document of the numbered list: "TLKC 01.1 – Báo cáo … số 12/BC-SXD ngày
/// 16/01/2023 của Sở Xây dựng – tệp minh-chung/chi-so-01/…".
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct EvidenceItem {
    /// "TLKC 01.1": the indicator, then the document's place among its evidence.
    pub(crate) code: String,
    /// Indicator number, "01".
    pub(crate) indicator: String,
    /// The document: title, number, date and who gave it.
    pub(crate) text: String,
    /// Its file inside the project, if it has one.
    pub(crate) source: Option<String>,
    /// Where the file is in the dossier (`vanban bundle`).
    pub(crate) file: Option<String>,
}

/// The data `danh-muc.typ` receives: the evidence list of a report as a document of its own,
/// the index of the dossier (`vanban bundle`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EvidenceIndexData {
    /// Tên cơ quan chủ quản, line by line.
    pub(crate) governing_lines: Vec<String>,
    /// Tên cơ quan ban hành, line by line.
    pub(crate) agency_lines: Vec<String>,
    /// The issuing agency, capitals, for the PDF metadata.
    pub(crate) agency: String,
    /// Data year.
    pub(crate) year: i32,
    /// "(Kèm theo Báo cáo số …/BC-STNMT ngày … của …)".
    pub(crate) reference: String,
    /// The report's figures are examples.
    pub(crate) illustrative: bool,
    /// The documents.
    pub(crate) items: Vec<EvidenceItem>,
}

/// The self-assessed scores of a report, summed (points formatted "12,5").
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScoreSummary {
    /// Per indicator group ("I"), in catalogue order.
    pub(crate) groups: Vec<ScoreGroup>,
    /// All groups together.
    pub(crate) total: String,
    /// Last year's appraised scores together, where given.
    pub(crate) appraised_last_year: Option<String>,
    /// How each indicator was scored: "Chỉ số 01: …".
    pub(crate) methods: Vec<String>,
}

/// The scores of one group of indicators.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScoreGroup {
    /// The group ("I"), or none for indicators without one.
    pub(crate) group: Option<String>,
    /// Its indicators' points together.
    pub(crate) points: String,
    /// How many of its indicators are scored, of how many.
    pub(crate) scored: usize,
    /// Its indicators.
    pub(crate) indicators: usize,
    /// Last year's appraised points together, where given.
    pub(crate) appraised_last_year: Option<String>,
    /// How many of its indicators have last year's appraised points.
    pub(crate) appraised: usize,
}

/// One row of the summary table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SummaryRow {
    /// "01".
    pub(crate) number: String,
    /// Indicator name.
    pub(crate) name: String,
    /// Unit.
    pub(crate) unit: String,
    /// Previous year's value, formatted.
    pub(crate) previous: Option<String>,
    /// This year's value, formatted.
    pub(crate) current: Option<String>,
    /// Change, formatted with its sign.
    pub(crate) change: Option<String>,
    /// Supplying agencies.
    pub(crate) suppliers: Vec<String>,
    /// Number of evidence documents.
    pub(crate) evidence: usize,
    /// Points per the catalogue's scoring rules, when it has any.
    pub(crate) score: Option<String>,
}

/// The figures behind one indicator's value.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Detail {
    /// "01".
    pub(crate) number: String,
    /// Name.
    pub(crate) name: String,
    /// Unit.
    pub(crate) unit: String,
    /// `rate`, `per_population`, `total` or `none`.
    pub(crate) formula: &'static str,
    /// Multiplier of a per-population figure, formatted.
    pub(crate) per: Option<String>,
    /// Value with unit.
    pub(crate) value: Option<String>,
    /// Σ numerators.
    pub(crate) numerator: Option<String>,
    /// What it counts.
    pub(crate) numerator_label: Option<String>,
    /// Denominator used.
    pub(crate) denominator: Option<String>,
    /// What it counts (the population figure's name when it is one).
    pub(crate) denominator_label: Option<String>,
    /// Where a population denominator comes from and how final it is, printed beside it.
    pub(crate) denominator_source: Option<String>,
    /// Supplying agencies.
    pub(crate) suppliers: Vec<String>,
    /// Evidence documents.
    pub(crate) evidence: Vec<EvidenceLine>,
    /// For budget figures, each supplier's status and year: "quyết toán năm 2022 (Sở Tài
    /// chính)"; said too when a supplier did not give it.
    pub(crate) budget: Vec<String>,
    /// Remarks from the answers.
    pub(crate) notes: Vec<String>,
}

/// An evidence document as listed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EvidenceLine {
    /// Title.
    pub(crate) title: String,
    /// Number and symbol.
    pub(crate) number: Option<String>,
    /// "dd/mm/yyyy".
    pub(crate) date: Option<String>,
    /// Path inside the project.
    pub(crate) file: Option<String>,
}

/// A missing or late item.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Gap {
    /// Agency name.
    pub(crate) agency: String,
    /// Items concerned ("Chỉ số 24", …).
    pub(crate) items: Vec<String>,
    /// Indicator numbers concerned.
    pub(crate) indicators: Vec<String>,
    /// When it arrived, for late answers.
    pub(crate) received: Option<String>,
}

/// One indicator in the chart.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Bar {
    /// "01".
    pub(crate) label: String,
    /// Previous year's value.
    pub(crate) previous: Option<f64>,
    /// This year's value.
    pub(crate) current: Option<f64>,
    /// Previous year's value as printed in the summary table.
    pub(crate) previous_text: Option<String>,
    /// This year's value as printed in the summary table.
    pub(crate) current_text: Option<String>,
}

/// One form of the appendix.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Form {
    /// "Biểu mẫu 01".
    pub(crate) form: String,
    /// Indicator number and name.
    pub(crate) number: String,
    /// Indicator name.
    pub(crate) name: String,
    /// Unit of the figures.
    pub(crate) unit: Option<String>,
    /// Whether rows have denominators.
    pub(crate) has_denominator: bool,
    /// The rows.
    pub(crate) rows: Vec<FormRow>,
}

/// One row of a form in the appendix.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FormRow {
    /// Supplying agency.
    pub(crate) supplier: String,
    /// What the row is.
    pub(crate) label: String,
    /// Numerator, formatted.
    pub(crate) numerator: String,
    /// Denominator, formatted.
    pub(crate) denominator: Option<String>,
}


/// The data `phu-luc.typ` receives: a per-agency appendix of one letter (`output:
/// per_agency: appendix`), which shares the letter's number (ND 30 Phụ lục I §III.1.đ).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AppendixData {
    /// Always "phu-luc".
    pub(crate) kind: &'static str,
    /// The issuing agency, for the PDF's author.
    pub(crate) agency: String,
    /// The letter's trích yếu, for the PDF's title.
    pub(crate) subject: String,
    /// Ký hiệu, for the PDF's keywords.
    pub(crate) symbol: String,
    /// "NỘI DUNG ĐỀ NGHỊ SỞ Y TẾ CUNG CẤP".
    pub(crate) heading: String,
    /// "(Kèm theo Công văn số 05/STNMT-BVMT ngày 15/02/2023 của Sở Tài nguyên và Môi
    /// trường)", blanks where the letter has no number or day yet.
    pub(crate) reference: String,
    /// The agency's requests.
    pub(crate) body: Vec<Block>,
    /// Whether the figures are illustrative.
    pub(crate) illustrative: bool,
    /// A draft review copy.
    pub(crate) draft: bool,
}

/// The data `in-gop.typ` receives: a letter's print run, every per-agency letter of it one
/// after the other, each numbered on its own.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrintRunData {
    /// Always "in-gop".
    pub(crate) kind: &'static str,
    /// The first letter's trích yếu, for the PDF's title.
    pub(crate) subject: String,
    /// The issuing agency, for the PDF's author.
    pub(crate) agency: String,
    /// The per-agency letters, in the order they are printed.
    pub(crate) letters: Vec<LetterData>,
}

/// The data `so-dang-ky.typ` receives: a calendar year's outgoing register (sổ đăng ký văn
/// bản đi, ND 30 Phụ lục IV) as a table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RegisterData {
    /// Always "so-dang-ky".
    pub(crate) kind: &'static str,
    /// Tên cơ quan chủ quản.
    pub(crate) governing_body: Option<String>,
    /// Tên cơ quan ban hành.
    pub(crate) agency: String,
    /// Tên cơ quan chủ quản as the header prints it, line by line (none: a one-block
    /// header, as for an UBND).
    pub(crate) governing_lines: Vec<String>,
    /// Tên cơ quan ban hành as the header prints it, line by line.
    pub(crate) agency_lines: Vec<String>,
    /// The calendar year.
    pub(crate) year: i32,
    /// The rows, in registration order.
    pub(crate) entries: Vec<RegisterRow>,
}

/// One registered document, as the register prints it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RegisterRow {
    /// Số, as printed ("05").
    pub(crate) number: String,
    /// Ngày tháng, "dd/mm/yyyy".
    pub(crate) date: String,
    /// Ký hiệu, e.g. "STNMT-BVMT".
    pub(crate) symbol: String,
    /// Trích yếu.
    pub(crate) subject: String,
    /// Nơi nhận.
    pub(crate) recipients: String,
    /// Người ký.
    pub(crate) signer: String,
    /// The "Lưu" line.
    pub(crate) archive: String,
    /// Copies issued.
    pub(crate) copies: String,
    /// Ngày chuyển.
    pub(crate) sent: String,
    /// Ký nhận.
    pub(crate) receipt: String,
    /// Ghi chú.
    pub(crate) note: String,
    /// The letter file.
    pub(crate) letter: String,
}
