//! Mail merge: renders the Tera text of a planned document (subject, paragraphs, requests,
//! file names) and assembles the structured data a Typst template receives. Tera output is
//! never parsed as Typst: it travels as string values, so markup in data prints literally.

pub mod report;

use std::collections::{BTreeMap, HashMap};

use chrono::Datelike;
use serde::Serialize;
use tera::{Context, Tera};

use crate::compute::{DocumentPlan, Item, Section, Target};
use crate::diagnostic::Diagnostic;
use crate::model::{Agency, Letter, LetterDate, Request, SectionStyle, Signer, Text};

/// The data a letter template receives, serialized as JSON.
#[derive(Debug, Serialize)]
pub struct LetterData {
    /// Header, addressees and signature, as every document has them.
    #[serde(flatten)]
    pub frame: Frame,
    /// The body, in order.
    pub body: Vec<Block>,
}

/// What every ND 30 document carries around its body: the header columns, the number and
/// date, the subject, "Kính gửi", "Nơi nhận" and the signature block.
#[derive(Debug, Serialize)]
pub struct Frame {
    /// Document kind, for the template.
    pub kind: &'static str,
    /// Tên cơ quan chủ quản.
    pub governing_body: Option<String>,
    /// Tên cơ quan ban hành.
    pub agency: String,
    /// Registered number, zero-padded below 10; none for a draft.
    pub number: Option<String>,
    /// Ký hiệu, e.g. "STNMT-BVMT".
    pub symbol: String,
    /// The date line, in parts.
    pub date: DateParts,
    /// Trích yếu (without "V/v ").
    pub subject: String,
    /// "Kính gửi" lines with their final ";" or ".".
    pub addressees: Vec<String>,
    /// "Nơi nhận" lines as printed.
    pub cc: Vec<String>,
    /// Signature block.
    pub signature: Signature,
    /// Whether the figures are illustrative.
    pub illustrative: bool,
}

impl Frame {
    /// The frame of a letter of `agency`; `symbol` is the part after the number.
    fn new(
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
            number: letter.number.map(number_text),
            symbol,
            date: date_parts(&agency.place, letter.date),
            subject,
            addressees,
            cc,
            signature: signature(&letter.signer),
            illustrative: false,
        }
    }
}

/// The date line in parts, so the template can leave blanks for the day.
#[derive(Debug, Serialize, PartialEq)]
pub struct DateParts {
    /// Place name.
    pub place: String,
    /// Day, two digits, or none to leave a blank.
    pub day: Option<String>,
    /// Month per the zero-padding rule.
    pub month: String,
    /// Year.
    pub year: String,
}

/// One block of the body.
#[derive(Debug, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
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
#[derive(Debug, Serialize, PartialEq)]
pub struct Signature {
    /// "KT. GIÁM ĐỐC", when there is a prefix.
    pub authority: Option<String>,
    /// "PHÓ GIÁM ĐỐC".
    pub title: String,
    /// "Nguyễn Hữu Trực".
    pub name: String,
}

/// A rendered document: where it goes and what its template gets.
#[derive(Debug)]
pub struct RenderedLetter {
    /// Output path relative to `out/`.
    pub output: String,
    /// Template data.
    pub data: LetterData,
}

/// Month per ND30: months 1 and 2 are padded ("02"), months 3–12 are not ("3").
pub fn month_text(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// The date parts of a letter date.
pub fn date_parts(place: &str, date: LetterDate) -> DateParts {
    let (day, month, year) = match date {
        LetterDate::Full(d) => (Some(format!("{:02}", d.day())), d.month(), d.year()),
        LetterDate::Month { year, month } => (None, month, year),
    };
    DateParts {
        place: place.to_string(),
        day,
        month: month_text(month),
        year: year.to_string(),
    }
}

/// The date line as text; the blank day is six spaces, as on the printed draft.
pub fn date_line(place: &str, date: LetterDate) -> String {
    let p = date_parts(place, date);
    let day = p.day.unwrap_or_else(|| "      ".into());
    format!("{}, ngày {} tháng {} năm {}", p.place, day, p.month, p.year)
}

/// The registered number as printed: below 10 with a leading zero.
pub fn number_text(number: u32) -> String {
    format!("{number:02}")
}

/// "Số: 05/STNMT-BVMT", or the draft form with a blank number.
pub fn number_line(number: Option<u32>, symbol: &str) -> String {
    match number {
        Some(n) => format!("Số: {}/{symbol}", number_text(n)),
        None => format!("Số:      /{symbol}"),
    }
}

fn signature(s: &Signer) -> Signature {
    Signature {
        authority: s
            .authority
            .as_ref()
            .map(|(a, of)| format!("{} {}", a.prefix(), of)),
        title: s.title.clone(),
        name: s.name.clone(),
    }
}

/// Renders Tera text with the letter context; errors point at the text's position.
struct Merge {
    context: Context,
}

impl Merge {
    fn new(agency: &Agency, letter: &Letter) -> Self {
        let mut context = Context::new();
        context.insert("year", &letter.data_year);
        context.insert("issue_year", &letter.date.year());
        if let Some(d) = letter.deadline {
            context.insert("deadline", &d.format("%d/%m/%Y").to_string());
        }
        let mut a = BTreeMap::new();
        a.insert("name", agency.name.clone());
        a.insert("short_name", agency.short_name.clone());
        a.insert("abbreviation", agency.abbreviation.clone());
        a.insert("place", agency.place.clone());
        a.insert("contact", agency.contact.clone().unwrap_or_default());
        context.insert("agency", &a);
        for (k, v) in &letter.vars {
            context.insert(k.as_str(), v);
        }
        Self { context }
    }

    fn render(&self, text: &Text, extra: &[(&str, &str)]) -> Result<String, Diagnostic> {
        if !text.value.contains("{{") && !text.value.contains("{%") && !text.value.contains("{#") {
            return Ok(text.value.clone());
        }
        let mut ctx = self.context.clone();
        for (k, v) in extra {
            ctx.insert(*k, v);
        }
        fill(&text.value, &ctx)
            .map(|s| collapse_lines(s.trim()))
            .map_err(|cause| {
                Diagnostic::error(text.at.clone(), format!("cannot fill in text: {cause}"))
                    .with_hint("check the {{ }} placeholders; known names: year, issue_year, deadline, agency.*, and the letter's vars")
            })
    }
}

/// `fill` with an empty context, for the fuzz target.
pub fn fill_for_fuzzing(template: &str) -> Result<String, String> {
    fill(template, &Context::new())
}

/// Renders one Tera text. Tera's environment access is switched off, `range` is capped,
/// and a panic inside Tera (e.g. arithmetic overflow in user text) becomes an error.
///
/// A national campaign fills in the same few texts thousands of times, so a text without
/// Tera syntax is returned as it is, and parsed texts are kept per thread for reuse.
fn fill(template: &str, ctx: &Context) -> Result<String, String> {
    const NAME: &str = "text";
    /// Parsed texts kept per thread; past this many the cache starts over, so hostile input
    /// with endless distinct texts cannot grow it without bound.
    const KEPT: usize = 4096;
    thread_local! {
        static PARSED: std::cell::RefCell<HashMap<String, Tera>> = Default::default();
    }
    if !["{{", "{%", "{#"]
        .iter()
        .any(|open| template.contains(open))
    {
        return Ok(template.to_string());
    }
    let parse = || -> Result<Tera, tera::Error> {
        let mut tera = Tera::default();
        tera.register_function(
            "get_env",
            |_: &std::collections::HashMap<String, tera::Value>| {
                Err(tera::Error::msg("`get_env` is not available in letters"))
            },
        );
        tera.register_function(
            "range",
            |args: &std::collections::HashMap<String, tera::Value>| {
                let num = |k: &str, d: i64| args.get(k).and_then(tera::Value::as_i64).unwrap_or(d);
                let (start, end, step) = (num("start", 0), num("end", 0), num("step_by", 1));
                if step <= 0 || end.saturating_sub(start) > 1000 {
                    return Err(tera::Error::msg(
                        "`range` is limited to 1000 steps of a positive size",
                    ));
                }
                Ok((start..end)
                    .step_by(step as usize)
                    .collect::<Vec<_>>()
                    .into())
            },
        );
        tera.add_raw_template(NAME, template)?;
        Ok(tera)
    };
    let run = || -> Result<String, tera::Error> {
        PARSED.with_borrow_mut(|parsed| {
            if !parsed.contains_key(template) {
                if parsed.len() >= KEPT {
                    parsed.clear();
                }
                parsed.insert(template.to_string(), parse()?);
            }
            parsed[template].render(NAME, ctx)
        })
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(tera_cause(&e)),
        Err(_) => {
            // The cache may hold a half-updated entry after a panic; start it over.
            let _ = PARSED.try_with(|p| p.try_borrow_mut().map(|mut p| p.clear()));
            Err("the text could not be computed (a calculation in it overflows)".into())
        }
    }
}

/// The innermost useful message of a Tera error, lowercase, without Tera's template name.
fn tera_cause(e: &tera::Error) -> String {
    let mut cause = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        let msg = err.to_string();
        if !msg.starts_with("Failed to render") && !msg.starts_with("Failed to parse") {
            cause = msg;
        }
        source = err.source();
    }
    if cause.is_empty() {
        cause = e.to_string();
    }
    // Parse errors carry a drawing of the source; keep the line that says what was expected.
    let useful = cause
        .lines()
        .map(|l| l.trim().trim_start_matches("= "))
        .find(|l| l.starts_with("expected") || l.starts_with("unexpected"))
        .map(str::to_string)
        .unwrap_or_else(|| first_line(&cause));
    first_line(&useful.replace(" while rendering 'text'", ""))
}

/// Joins the lines of a paragraph: a line break typed in YAML is not a paragraph break.
fn collapse_lines(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_line(s: &str) -> String {
    let line = s
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(s);
    let mut line = line.to_string();
    if let Some(c) = line.get(..1) {
        let lower = c.to_lowercase();
        line.replace_range(..1, &lower);
    }
    line
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Renders one planned document, or every problem found in its text.
pub fn render_letter(
    agency: &Agency,
    plan: &DocumentPlan<'_>,
) -> Result<RenderedLetter, Vec<Diagnostic>> {
    let letter = plan.letter;
    let wording = Wording {
        subject: &letter.subject,
        opening: &letter.opening,
        closing: &letter.closing,
        extra: Vec::new(),
        folder: letter.id.clone(),
    };
    render_worded(agency, plan, &wording)
}

/// The words around a letter's requests: its own, or those of a follow-up letter.
pub struct Wording<'a> {
    /// Trích yếu (Tera).
    pub subject: &'a Text,
    /// Paragraphs before the requests (Tera).
    pub opening: &'a [Text],
    /// Paragraphs after them (Tera).
    pub closing: &'a [Text],
    /// More values for the Tera context.
    pub extra: Vec<(&'static str, String)>,
    /// Output folder under the data year, for per-agency letters.
    pub folder: String,
}

/// Renders a planned document with the given wording.
pub fn render_worded(
    agency: &Agency,
    plan: &DocumentPlan<'_>,
    wording: &Wording<'_>,
) -> Result<RenderedLetter, Vec<Diagnostic>> {
    let letter = plan.letter;
    let mut merge = Merge::new(agency, letter);
    for (k, v) in &wording.extra {
        merge.context.insert(*k, v);
    }
    let mut errors = Vec::new();
    let mut ok = |r: Result<String, Diagnostic>| r.map_err(|d| errors.push(d)).unwrap_or_default();

    let subject = ok(merge.render(wording.subject, &[]));
    let mut body = Vec::new();
    for p in wording.opening {
        body.push(Block::Para {
            text: ok(merge.render(p, &[])),
        });
    }
    let numbered = plan.target == Target::Combined;
    for (i, section) in plan.sections.iter().enumerate() {
        let items: Vec<String> = section
            .items
            .iter()
            .map(|item| match render_item(&merge, letter, item, numbered) {
                Ok(s) => s,
                Err(d) => {
                    errors.push(d);
                    String::new()
                }
            })
            .collect();
        section_blocks(&mut body, i + 1, section, items, numbered);
        for n in &section.notes {
            let text = match merge.render(n, &[]) {
                Ok(s) => s,
                Err(d) => {
                    errors.push(d);
                    String::new()
                }
            };
            body.push(Block::Para { text });
        }
    }
    for p in wording.closing {
        let text = match merge.render(p, &[]) {
            Ok(s) => s,
            Err(d) => {
                errors.push(d);
                String::new()
            }
        };
        body.push(Block::Para { text });
    }

    let output = match plan.target {
        Target::Combined => format!("{}/{}.pdf", letter.data_year, letter.id),
        Target::Agency(r) => {
            let name = match render_file_name(&merge, &letter.file_name, r) {
                Ok(n) => n,
                Err(d) => {
                    errors.push(d);
                    r.id.clone()
                }
            };
            format!("{}/{}/{}.pdf", letter.data_year, wording.folder, name)
        }
    };

    let n = plan.addressees.len();
    let addressees = plan
        .addressees
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{a}{}", if i + 1 == n { "." } else { ";" }))
        .collect();
    let mut cc = vec!["- Như trên;".to_string()];
    cc.extend(
        letter
            .cc
            .iter()
            .map(|c| format!("- {};", c.trim_end_matches(';'))),
    );
    cc.push(format!("- Lưu: {}.", letter.archive.trim_end_matches('.')));

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(RenderedLetter {
        output,
        data: LetterData {
            frame: Frame::new(
                agency,
                letter,
                "cong-van",
                format!("{}-{}", agency.abbreviation, letter.unit),
                subject,
                addressees,
                cc,
            ),
            body,
        },
    })
}

fn render_file_name(
    merge: &Merge,
    pattern: &Text,
    r: &crate::model::Recipient,
) -> Result<String, Diagnostic> {
    let mut ctx = merge.context.clone();
    let mut rec = BTreeMap::new();
    rec.insert("id", r.id.as_str());
    rec.insert("name", r.name.as_str());
    ctx.insert("recipient", &rec);
    let name = fill(&pattern.value, &ctx).map_err(|cause| {
        Diagnostic::error(
            pattern.at.clone(),
            format!("cannot fill in the file name pattern: {cause}"),
        )
        .with_hint("use placeholders such as {{ recipient.id }}")
    })?;
    let name = name.trim();
    crate::validate::portable_name(
        name,
        pattern.at.clone(),
        &format!(
            "file name pattern gives a name for recipient `{}`: the name",
            r.id
        ),
    )?;
    Ok(name.to_string())
}

fn render_item(
    merge: &Merge,
    letter: &Letter,
    item: &Item<'_>,
    numbered: bool,
) -> Result<String, Diagnostic> {
    let text = match item.request {
        Request::Text(t) => merge.render(t, &[])?,
        Request::Indicator(r) => {
            let Some(ind) = item.indicator else {
                return Err(Diagnostic::error(
                    r.at.clone(),
                    format!("unknown indicator {:02}", r.number),
                ));
            };
            let name = r.name.clone().unwrap_or_else(|| ind.name.clone());
            let unit = r.unit.clone().unwrap_or_else(|| ind.unit.clone());
            let basis = r.basis.clone().unwrap_or_else(|| letter.basis.clone());
            let guidance = r
                .guidance
                .clone()
                .unwrap_or_else(|| letter.guidance.clone());
            let form = format!("{:02}", ind.form);
            let number = format!("{:02}", ind.number);
            let sentence = merge.render(
                &letter.request_format,
                &[
                    ("name", &name),
                    ("unit", &unit),
                    ("basis", &basis),
                    ("guidance", &guidance),
                    ("form", &form),
                    ("number", &number),
                ],
            )?;
            match &r.note {
                Some(note) => format!("{sentence} {note}"),
                None => sentence,
            }
        }
    };
    Ok(match item.member {
        Some(member) if numbered => format!("{member}: {text}"),
        _ if !numbered => upper_first(&text),
        _ => text,
    })
}

fn section_blocks(
    body: &mut Vec<Block>,
    number: usize,
    section: &Section<'_>,
    items: Vec<String>,
    numbered: bool,
) {
    let mut items = items.into_iter();
    if let (true, Some(heading)) = (numbered, &section.heading) {
        match section.style {
            SectionStyle::Inline => {
                let label = format!("{number}. {heading}:");
                match items.next() {
                    Some(first) => body.push(Block::InlineHeading { label, text: first }),
                    None => body.push(Block::Heading {
                        text: format!("{number}. {heading}"),
                    }),
                }
            }
            _ => body.push(Block::Heading {
                text: format!("{number}. {heading}"),
            }),
        }
    }
    let dash = !numbered || section.style != SectionStyle::Plain;
    for text in items {
        body.push(Block::Item { text, dash });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_text_parsed_once_is_filled_anew_for_every_context() {
        let text = "Năm {{ year }}, {{ agency }}";
        let with = |year: i32, agency: &str| {
            let mut ctx = Context::new();
            ctx.insert("year", &year);
            ctx.insert("agency", agency);
            fill(text, &ctx).unwrap()
        };
        assert_eq!(with(2022, "Sở Y tế"), "Năm 2022, Sở Y tế");
        assert_eq!(with(2023, "Sở Nội vụ"), "Năm 2023, Sở Nội vụ");
        // Without Tera syntax a text comes back as written, braces of other kinds and all.
        let plain = "Số liệu { không phải } mẫu, 100% {x}";
        assert_eq!(fill(plain, &Context::new()).unwrap(), plain);
        // A failing text is not kept, and does not spoil the cache for the next one.
        assert!(fill("{{ 1 / 0 ", &Context::new()).is_err());
        // This one panics inside Tera.
        let overflow = fill("{{ (-9223372036854775807 - 1) % -1 }}", &Context::new());
        assert!(overflow.unwrap_err().contains("overflows"));
        assert_eq!(with(2024, "Sở Tài chính"), "Năm 2024, Sở Tài chính");
    }

    fn full(y: i32, m: u32, d: u32) -> LetterDate {
        LetterDate::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn date_line_pads_day_below_ten_and_months_one_and_two_only() {
        assert_eq!(
            date_line("Lạng Sơn", full(2023, 2, 5)),
            "Lạng Sơn, ngày 05 tháng 02 năm 2023"
        );
        assert_eq!(
            date_line("Lạng Sơn", full(2023, 1, 28)),
            "Lạng Sơn, ngày 28 tháng 01 năm 2023"
        );
        assert_eq!(
            date_line("Hà Nội", full(2020, 3, 5)),
            "Hà Nội, ngày 05 tháng 3 năm 2020"
        );
        assert_eq!(
            date_line("Hà Nội", full(2019, 6, 29)),
            "Hà Nội, ngày 29 tháng 6 năm 2019"
        );
        assert_eq!(
            date_line("Hà Nội", full(2019, 12, 10)),
            "Hà Nội, ngày 10 tháng 12 năm 2019"
        );
        assert_eq!(
            date_line("Hà Nội", full(2019, 10, 1)),
            "Hà Nội, ngày 01 tháng 10 năm 2019"
        );
    }

    #[test]
    fn date_line_leaves_the_day_blank_when_only_the_month_is_known() {
        assert_eq!(
            date_line(
                "Lạng Sơn",
                LetterDate::Month {
                    year: 2023,
                    month: 2
                }
            ),
            format!("Lạng Sơn, ngày {} tháng 02 năm 2023", " ".repeat(6))
        );
        let parts = date_parts(
            "Lạng Sơn",
            LetterDate::Month {
                year: 2023,
                month: 11,
            },
        );
        assert_eq!(parts.day, None);
        assert_eq!(parts.month, "11");
    }

    #[test]
    fn number_line_pads_below_ten_and_blanks_drafts() {
        assert_eq!(number_line(Some(5), "STNMT-BVMT"), "Số: 05/STNMT-BVMT");
        assert_eq!(number_line(Some(123), "STNMT-BVMT"), "Số: 123/STNMT-BVMT");
        assert_eq!(number_line(None, "STNMT-BVMT"), "Số:      /STNMT-BVMT");
    }

    #[test]
    fn upper_first_handles_vietnamese() {
        assert_eq!(upper_first("đề nghị"), "Đề nghị");
        assert_eq!(upper_first(""), "");
    }
}
