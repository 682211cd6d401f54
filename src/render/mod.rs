//! Rendering: fills in the Tera text of a planned document (subject, paragraphs, requests,
//! file names) and assembles the structured data a Typst template receives. Tera output is
//! never parsed as Typst: it travels as string values, so markup in data prints literally.

pub(crate) mod data;
pub(crate) mod merge;
pub(crate) mod report;
pub(crate) mod to_trinh;
pub(crate) mod vi;

use data::{Block, Frame, LetterData, Signature};
use std::collections::BTreeMap;

use merge::{Merge, fill};

use crate::compute::{DocumentPlan, Item, Section, Target};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Agency, Letter, Request, SectionStyle, Signer, Text};

/// A rendered document: where it goes and what its template gets.
#[derive(Debug)]
pub(crate) struct RenderedLetter {
    /// Output path relative to `out/`.
    pub(crate) output: String,
    /// Template data.
    pub(crate) data: LetterData,
    /// What the document asks, in order, as worded for its addressee: the agency's reply
    /// form is made of it.
    pub(crate) asked: Vec<Asked>,
}

/// One thing a document asks for, worded for its addressee.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Asked {
    /// An indicator, with the letter's note on what part this addressee gives.
    Indicator {
        /// Indicator number.
        number: u32,
        /// The request's note as filled in, if any.
        note: Option<String>,
    },
    /// A free-text request, as the letter words it.
    Text(String),
}

fn signature(s: &Signer) -> Signature {
    Signature {
        authority: s
            .authority
            .iter()
            .map(|(a, of)| format!("{} {}", a.prefix(), of))
            .collect(),
        title: s.title.clone(),
        name: s.name.clone(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The appendix a per-agency letter becomes when the letter goes as one with per-agency
/// appendices: its requests, under a heading naming the agency, citing the letter by number,
/// date and issuer (blank where the letter has none yet).
pub(crate) fn appendix_of(
    agency: &Agency,
    letter: &Letter,
    recipient: &str,
    data: &LetterData,
) -> data::AppendixData {
    let frame = &data.frame;
    let number = frame.number.clone().unwrap_or_else(|| "      ".into());
    let day = frame.date.day.clone().unwrap_or_else(|| "      ".into());
    let reference = format!(
        "(Kèm theo Công văn số {number}/{} ngày {day}/{:0>2}/{} của {})",
        frame.symbol,
        vi::month_number(letter.date),
        frame.date.year,
        agency.short_name
    );
    data::AppendixData {
        kind: "phu-luc",
        agency: agency.name.clone(),
        subject: frame.subject.clone(),
        symbol: frame.symbol.clone(),
        heading: format!("Nội dung đề nghị {recipient} cung cấp").to_uppercase(),
        reference,
        body: data
            .body
            .iter()
            .filter(|b| !matches!(b, Block::Para { .. }))
            .cloned()
            .collect(),
        illustrative: frame.illustrative,
        draft: frame.draft,
    }
}

/// Renders one planned document, or every problem found in its text.
pub(crate) fn render_letter(
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
        cc: match plan.target {
            Target::Combined => &letter.cc,
            Target::Agency(_) => &letter.per_agency_cc,
        },
    };
    render_worded(agency, plan, &wording)
}

/// The words around a letter's requests: its own, or those of a follow-up letter.
pub(crate) struct Wording<'a> {
    /// Trích yếu (Tera).
    pub(crate) subject: &'a Text,
    /// Paragraphs before the requests (Tera).
    pub(crate) opening: &'a [Text],
    /// Paragraphs after them (Tera).
    pub(crate) closing: &'a [Text],
    /// More values for the Tera context.
    pub(crate) extra: Vec<(&'static str, String)>,
    /// Output folder under the data year, for per-agency letters.
    pub(crate) folder: String,
    /// "Nơi nhận" lines between "Như trên" and "Lưu".
    pub(crate) cc: &'a [String],
}

/// How a letter addresses its addressee, for its texts (`{{ addressee.* }}`): the name,
/// the short name, the honorific ("Quý Sở", "Quý Ủy ban"…) and whether it goes to many.
fn addressee(plan: &DocumentPlan<'_>) -> BTreeMap<&'static str, tera::Value> {
    let mut a = BTreeMap::new();
    match plan.target {
        Target::Agency(r) => {
            a.insert("name", r.name.clone().into());
            a.insert("short_name", r.short.clone().unwrap_or_else(|| r.name.clone()).into());
            a.insert(
                "honorific",
                r.honorific.clone().unwrap_or_else(|| honorific(&r.name)).into(),
            );
            a.insert("many", false.into());
        }
        Target::Combined => {
            let many = plan.addressees.len() > 1;
            a.insert("name", plan.addressees.join("; ").into());
            a.insert("short_name", plan.addressees.join("; ").into());
            a.insert("honorific", "các Quý cơ quan, đơn vị".into());
            a.insert("many", many.into());
        }
    }
    a
}

/// How a letter addresses one agency by the kind of body its name says it is: "Quý Sở" for
/// a Sở, "Quý Ủy ban" for an UBND, "Quý Cục", "Quý Ban", "Quý Công ty", "Quý Trạm"; "Quý cơ
/// quan" otherwise. A recipient's `honorific` overrides it.
fn honorific(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let kind = [
        ("sở ", "Sở"),
        ("ubnd", "Ủy ban"),
        ("ủy ban", "Ủy ban"),
        ("uỷ ban", "Ủy ban"),
        ("cục ", "Cục"),
        ("ban ", "Ban"),
        ("công ty", "Công ty"),
        ("trạm ", "Trạm"),
    ]
    .into_iter()
    .find(|(prefix, _)| lower.starts_with(prefix))
    .map_or("cơ quan", |(_, kind)| kind);
    format!("Quý {kind}")
}

/// Renders a planned document with the given wording.
pub(crate) fn render_worded(
    agency: &Agency,
    plan: &DocumentPlan<'_>,
    wording: &Wording<'_>,
) -> Result<RenderedLetter, Vec<Diagnostic>> {
    let letter = plan.letter;
    let mut merge = Merge::new(agency, letter);
    for (k, v) in &wording.extra {
        merge.context.insert(*k, v);
    }
    merge.context.insert("addressee", &addressee(plan));
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
    let mut asked = Vec::new();
    // A lone section needs no "1.".
    let count_sections = numbered && plan.sections.len() > 1;
    for (i, section) in plan.sections.iter().enumerate() {
        let items: Vec<String> = section
            .items
            .iter()
            .map(|item| match render_item(&merge, letter, item, numbered) {
                Ok(s) => {
                    asked.push(match item.request {
                        Request::Text(_) => Asked::Text(upper_first(&s)),
                        Request::Indicator(r) => Asked::Indicator {
                            number: r.number,
                            note: r
                                .note
                                .as_ref()
                                .and_then(|n| merge.render(n, &[]).ok())
                                .map(|n| n.trim().to_string())
                                .filter(|n| !n.is_empty()),
                        },
                    });
                    s
                }
                Err(d) => {
                    errors.push(d);
                    String::new()
                }
            })
            .collect();
        section_blocks(&mut body, count_sections.then_some(i + 1), section, items, numbered);
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
        // The letter's own name; a follow-up letter's, beside its folder.
        Target::Combined => format!("{}/{}.pdf", letter.data_year, wording.folder),
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
        wording
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
                letter.symbol(agency),
                subject,
                addressees,
                cc,
            ),
            body,
        },
        asked,
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
        Diagnostic::error(Code::MailMerge, 
            pattern.at.clone(),
            format!("cannot fill in the file name pattern: {cause}"),
        )
        .with_hint("use placeholders such as {{ recipient.id }}")
        .says("render-file-name", &[("cause", &cause)])
        .hints("render-file-name-hint", &[])
    })?;
    let name = name.trim();
    crate::model::portable_name(
        name,
        pattern.at.clone(),
        &format!(
            "file name pattern gives a name for recipient `{}`: the name",
            r.id
        ),
        Code::MailMerge,
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
                return Err(Diagnostic::error(Code::MailMerge, 
                    r.at.clone(),
                    format!("unknown indicator {:02}", r.number),
                )
                .says("render-unknown-indicator", &[("number", &format!("{:02}", r.number))]));
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
            // A note may say something to one addressee only (`{% if … %}`): empty, it adds
            // nothing.
            match &r.note {
                Some(note) => match merge.render(note, &[])? {
                    n if n.trim().is_empty() => sentence,
                    n => format!("{sentence} {}", n.trim()),
                },
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
    number: Option<usize>,
    section: &Section<'_>,
    items: Vec<String>,
    numbered: bool,
) {
    let mut items = items.into_iter();
    if let (true, Some(heading)) = (numbered, &section.heading) {
        let heading = match number {
            Some(n) => format!("{n}. {heading}"),
            None => heading.clone(),
        };
        match section.style {
            SectionStyle::Inline => {
                let label = format!("{heading}:");
                match items.next() {
                    Some(first) => body.push(Block::InlineHeading { label, text: first }),
                    None => body.push(Block::Heading { text: heading }),
                }
            }
            _ => body.push(Block::Heading { text: heading }),
        }
    }
    let dash = !numbered || section.style != SectionStyle::Plain;
    for text in items {
        body.push(Block::Item { text, dash });
    }
}

#[cfg(test)]
mod tests {
    use super::vi::{date_line, date_parts, number_line};
    use super::*;
    use crate::model::LetterDate;
    use tera::Context;
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
