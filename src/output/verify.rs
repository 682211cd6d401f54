//! The laid-out document, checked before its PDF is written: no text stands in a margin (the
//! page number aside) or past the foot of the page, and every string that came from the data
//! (recipients, "Nơi nhận" lines, the signer, the requests) is there to be read. Typst places
//! an unbreakable block that does not fit beyond the page without a word; this is where that
//! becomes an error instead of a letter that silently lost its last lines.

use crate::compile::{PagedDocument, TextRun};

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

/// Where text strays out of the text area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// Above the text area.
    TopMargin,
    /// Below the page itself.
    FootOfPage,
    /// Below the text area, still on the page.
    BottomMargin,
    /// Left of the text area.
    LeftMargin,
    /// Right of the text area.
    RightMargin,
}

impl Place {
    /// The English words, as in "`text` rises into the top margin".
    fn words(self) -> &'static str {
        match self {
            Self::TopMargin => "rises into the top margin",
            Self::FootOfPage => "runs off the foot of the page",
            Self::BottomMargin => "runs into the bottom margin",
            Self::LeftMargin => "runs into the left margin",
            Self::RightMargin => "runs into the right margin",
        }
    }
}

/// One problem of a laid-out document; its `Display` is the English sentence naming the page
/// and the text (the command line says it from the catalogue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Text outside the text area: on `page` (1-based), `text` (the first run, trimmed) is
    /// at `place`, and `more` further runs of text with it.
    Stray {
        /// 1-based page.
        page: usize,
        /// Where the text strays.
        place: Place,
        /// The first run of text there, trimmed.
        text: String,
        /// How many more runs of text stray there too.
        more: usize,
    },
    /// A string of the data (trimmed) that is not on the laid-out pages.
    Missing(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Stray {
                page,
                place,
                text,
                more,
            } => {
                write!(f, "on page {page}, `{text}` {}", place.words())?;
                if *more > 0 {
                    write!(f, " (and {more} more run(s) of text)")?;
                }
                Ok(())
            }
            Self::Missing(text) => write!(f, "`{text}` is missing from the laid-out pages"),
        }
    }
}

/// The problems of a laid-out document whose text runs are `runs` (`text_runs`, computed
/// once per document for every check), each naming the page and the text; empty when the
/// document is sound. `expected` are the data's strings that must be readable.
pub(crate) fn verify(
    doc: &PagedDocument,
    runs: &[TextRun],
    margins: Margins,
    expected: &[String],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut strays: Vec<(usize, Place, String, usize)> = Vec::new();
    for run in runs {
        let Some(page) = doc.pages().get(run.page) else {
            continue;
        };
        let (width, height) = (page.frame.width().to_pt(), page.frame.height().to_pt());
        if in_header(run, margins) || run.text.trim().is_empty() {
            continue;
        }
        let place = if run.top < margins.top - SLACK {
            Some(Place::TopMargin)
        } else if run.bottom > height - margins.bottom + SLACK {
            Some(if run.y > height { Place::FootOfPage } else { Place::BottomMargin })
        } else if run.x < margins.left - SLACK {
            Some(Place::LeftMargin)
        } else if run.x + ink_width(run) > width - margins.right + SLACK {
            Some(Place::RightMargin)
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
        problems.push(Problem::Stray {
            page: page + 1,
            place,
            text,
            more,
        });
    }
    // The page numbers stand between a paragraph's lines across a page break: not text.
    let printed = squash(
        &runs
            .iter()
            .filter(|r| !in_header(r, margins))
            .map(|r| r.text.as_str())
            .collect::<String>(),
    );
    for text in expected {
        let wanted = squash(text);
        if !wanted.is_empty() && !printed.contains(&wanted) {
            problems.push(Problem::Missing(text.trim().to_string()));
        }
    }
    problems
}

/// Whether the header's left column (the governing body and the agency, ND 30 ô 2) has more
/// lines on page 1 than the `lines` given: a line wrapped.
pub(crate) fn header_wraps(runs: &[TextRun], margins: Margins, lines: usize) -> bool {
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

/// Words a template prints in the header of every page, in the top margin by design: the
/// mark of a document built from example figures.
const HEADER_MARKS: [&str; 1] = ["SỐ LIỆU MINH HỌA"];

/// Whether a run is the page number (Phụ lục I §I.7) or a header mark, which stand in the
/// top margin by design.
fn in_header(run: &TextRun, margins: Margins) -> bool {
    let text = run.text.trim();
    run.bottom < margins.top
        && (text.chars().all(|c| c.is_ascii_digit()) || HEADER_MARKS.contains(&text))
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
