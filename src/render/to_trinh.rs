//! A tờ trình (ND 30 Phụ lục III: "TTr"): the Sở asks the UBND tỉnh to approve something (the
//! self-assessment) and to sign what goes with it (the report to the Ministry). Its texts are
//! the letter's own (Tera, with `{{ request_letter }}` and `{{ report }}` besides the usual
//! values), its attachments listed under "Hồ sơ kèm theo".

use super::data::{Block, Frame, LetterData};
use super::merge::Merge;
use crate::diagnostic::Diagnostic;
use crate::model::{Agency, Letter};

/// What a tờ trình may cite besides its own values.
pub(crate) struct Cited {
    /// The request letter, as a report cites it.
    pub(crate) request_letter: Option<String>,
    /// The report it submits, by its title ("dự thảo Báo cáo kết quả …").
    pub(crate) report: Option<String>,
}

/// The tờ trình's output path and template data, or every problem found in its texts.
pub(crate) fn render_to_trinh(
    agency: &Agency,
    letter: &Letter,
    cited: &Cited,
) -> Result<(String, LetterData), Vec<Diagnostic>> {
    let merge = Merge::new(agency, letter);
    let request = cited.request_letter.clone().unwrap_or_default();
    let report = cited.report.clone().unwrap_or_default();
    let extra: &[(&str, &str)] = &[("request_letter", &request), ("report", &report)];
    let mut errors = Vec::new();
    let mut text = |t| merge.render(t, extra).map_err(|d| errors.push(d)).unwrap_or_default();
    let subject = text(&letter.subject);
    let mut body: Vec<Block> = letter.opening.iter().map(|p| Block::Para { text: text(p) }).collect();
    if !letter.attachments.is_empty() {
        body.push(Block::Para {
            text: "Hồ sơ kèm theo gồm:".to_string(),
        });
        body.extend(letter.attachments.iter().map(|a| Block::Item {
            text: a.clone(),
            dash: true,
        }));
    }
    body.extend(letter.closing.iter().map(|p| Block::Para { text: text(p) }));
    if !errors.is_empty() {
        return Err(errors);
    }
    let n = letter.to.len();
    let addressees = letter
        .to
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{a}{}", if i + 1 == n { "." } else { ";" }))
        .collect();
    let mut cc = vec!["- Như trên;".to_string()];
    cc.extend(letter.cc.iter().map(|c| format!("- {};", c.trim_end_matches(';'))));
    cc.push(format!("- Lưu: {}.", letter.archive.trim_end_matches('.')));
    // ND 30 Phụ lục III: the tờ trình's abbreviation is "TTr", before the agency's.
    let symbol = format!("TTr-{}", agency.abbreviation);
    let frame = Frame::new(agency, letter, "to-trinh", symbol, subject, addressees, cc);
    let output = format!("{}/{}.pdf", letter.data_year, letter.id);
    Ok((output, LetterData { frame, body }))
}
