//! The laid-out document, checked before its PDF is written: no text stands in a margin (the
//! page number aside) or past the foot of the page, and every string that came from the data
//! (recipients, "Nơi nhận" lines, the signer, the requests) is there to be read. Typst places
//! an unbreakable block that does not fit beyond the page without a word; this is where that
//! becomes an error instead of a letter that silently lost its last lines.

use crate::compile::{PagedDocument, TextRun, text_runs};

/// The text area of a page: its margins in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Margins {
    /// Top margin.
    pub(crate) top: f64,
    /// Bottom margin.
    pub(crate) bottom: f64,
    /// Left margin.
    pub(crate) left: f64,
    /// Right margin.
    pub(crate) right: f64,
}

impl Margins {
    /// Margins in millimetres: top, bottom, left, right.
    pub(crate) fn mm(top: f64, bottom: f64, left: f64, right: f64) -> Self {
        let pt = 72.0 / 25.4;
        Self {
            top: top * pt,
            bottom: bottom * pt,
            left: left * pt,
            right: right * pt,
        }
    }
}

/// How far ink may stray over a margin's edge, in points (rounding, not layout).
const SLACK: f64 = 0.5;

/// The problems of a laid-out document, each a sentence naming the page and the text; empty
/// when the document is sound. `expected` are the data's strings that must be readable.
pub(crate) fn verify(doc: &PagedDocument, margins: Margins, expected: &[String]) -> Vec<String> {
    let runs = text_runs(doc);
    let mut problems = Vec::new();
    let mut strays: Vec<(usize, &str, String, usize)> = Vec::new();
    for run in &runs {
        let Some(page) = doc.pages().get(run.page) else {
            continue;
        };
        let (width, height) = (page.frame.width().to_pt(), page.frame.height().to_pt());
        if is_page_number(run, margins) || run.text.trim().is_empty() {
            continue;
        }
        let place = if run.top < margins.top - SLACK {
            Some("rises into the top margin")
        } else if run.bottom > height - margins.bottom + SLACK {
            Some(if run.y > height { "runs off the foot of the page" } else { "runs into the bottom margin" })
        } else if run.x < margins.left - SLACK {
            Some("runs into the left margin")
        } else if run.x + ink_width(run) > width - margins.right + SLACK {
            Some("runs into the right margin")
        } else {
            None
        };
        if let Some(place) = place {
            // One problem per page and place, naming its first text and how much follows.
            match strays.iter_mut().find(|(p, w, _, _)| *p == run.page && *w == place) {
                Some(stray) => stray.3 += 1,
                None => strays.push((run.page, place, run.text.trim().to_string(), 0)),
            }
        }
    }
    for (page, place, text, more) in strays {
        let more = if more > 0 {
            format!(" (and {more} more run(s) of text)")
        } else {
            String::new()
        };
        problems.push(format!("on page {}, `{text}` {place}{more}", page + 1));
    }
    // The page numbers stand between a paragraph's lines across a page break: not text.
    let printed = squash(
        &runs
            .iter()
            .filter(|r| !is_page_number(r, margins))
            .map(|r| r.text.as_str())
            .collect::<String>(),
    );
    for text in expected {
        let wanted = squash(text);
        if !wanted.is_empty() && !printed.contains(&wanted) {
            problems.push(format!("`{}` is missing from the laid-out pages", text.trim()));
        }
    }
    problems
}

/// Whether the header's left column (the governing body and the agency, ND 30 ô 2) has more
/// lines on page 1 than the `lines` given: a line wrapped.
pub(crate) fn header_wraps(doc: &PagedDocument, margins: Margins, lines: usize) -> bool {
    let runs = text_runs(doc);
    // The header ends with the number line, "Số: …".
    let Some(number) = runs.iter().find(|r| r.page == 0 && r.text.trim_start().starts_with("Số")) else {
        return false;
    };
    let column = margins.left + 72.0 * 72.0 / 25.4;
    let mut baselines: Vec<i64> = runs
        .iter()
        .filter(|r| r.page == 0 && r.y < number.y - 1.0 && r.x < column - 1.0 && !r.text.trim().is_empty())
        .map(|r| (r.y * 2.0).round() as i64)
        .collect();
    baselines.sort();
    baselines.dedup();
    baselines.len() > lines
}

/// Whether a run is the page number, which stands in the top margin by design (Phụ lục I
/// §I.7).
fn is_page_number(run: &TextRun, margins: Margins) -> bool {
    run.bottom < margins.top && run.text.trim().chars().all(|c| c.is_ascii_digit())
}

/// The run's width without trailing spaces (a justified line's last run may end in one).
fn ink_width(run: &TextRun) -> f64 {
    let trimmed = run.text.trim_end();
    if trimmed.len() == run.text.len() || run.text.is_empty() {
        run.width
    } else {
        run.width * trimmed.chars().count() as f64 / run.text.chars().count() as f64
    }
}

/// Text compared without white space and case: line breaks and capitals are layout.
fn squash(text: &str) -> String {
    // Zero-width spaces are break opportunities the template adds inside very long words.
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .flat_map(char::to_lowercase)
        .collect()
}
