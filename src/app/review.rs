//! `vanban review`: for each agency whose answers of a data year fail checks or carry
//! warnings (hand-written or imported from its workbook), a letter "đề nghị rà soát, bổ sung
//! số liệu" citing its reply and listing each problem in plain Vietnamese, planned by
//! `plan::reviews` and produced like the follow-up letters (recorded so that builds leave
//! them alone).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::build::{Production, produce};
use super::{Checked, Progress, RunReport, Timings};
use crate::diagnostic::{Code, Diagnostic, Localized};
use crate::manifest::Rebuild;

/// How a review runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewOptions {
    /// The letters' date (default: today).
    pub as_of: Option<NaiveDate>,
    /// The data year whose answers are reviewed (default: the latest with a request letter).
    pub year: Option<i32>,
}

/// Writes into `out` a review letter to every agency whose answers have problems;
/// `vietnamese` words a problem's catalogued message or hint in Vietnamese (the letters are
/// Vietnamese whatever the command line's language).
pub fn review(
    root: &Path,
    out: &Path,
    options: ReviewOptions,
    vietnamese: &dyn Fn(&Localized) -> Option<String>,
    progress: &(dyn Fn(Progress) + Sync),
) -> RunReport {
    let mut timings = Timings::default();
    let Checked {
        model,
        diagnostics,
        sources,
    } = super::load_checked(root, &mut timings);
    let Some(model) = model else {
        return RunReport::with_diagnostics(diagnostics);
    };
    let as_of = options
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let Some(year) = options.year.or_else(|| model.latest_request_year()) else {
        return RunReport::with_diagnostics(diagnostics);
    };
    let problems = problems(&model, year, &diagnostics, vietnamese);
    let (_, numbers, _) = super::registers(root);
    let (jobs, mut found) = crate::plan::reviews(&model, as_of, Some(year), &numbers, &problems);
    // What the letters are about stays in them; the run reports what stops a letter.
    found.retain(|d| d.is_error());
    let how = Production {
        sources: &sources,
        force: Some(Rebuild::Overdue),
        keep_signed: true,
        prune: None,
        reminder: true,
        engine: None,
    };
    produce(root, out, &jobs, found, how, timings, progress)
}

/// Each agency's problems with its answers of `year`, as sentences for its letter: the
/// sheet and cell of an imported figure, what is wrong, and what is expected.
fn problems(
    model: &crate::model::Project,
    year: i32,
    diagnostics: &[Diagnostic],
    vietnamese: &dyn Fn(&Localized) -> Option<String>,
) -> BTreeMap<String, Vec<String>> {
    let files: BTreeMap<String, &str> = model
        .answers
        .get(&year)
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f.path.to_string_lossy().replace('\\', "/"),
                f.recipient.as_str(),
            )
        })
        .collect();
    let replies = format!("data/{year}/replies/");
    let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for d in diagnostics {
        if !matches!(
            d.code,
            Code::Answer | Code::Figure | Code::Evidence | Code::Text
        ) {
            continue;
        }
        let file = d.position.file.to_string_lossy().replace('\\', "/");
        let (workbook, place) = match file.split_once("!'") {
            Some((workbook, rest)) => (workbook.to_string(), Some(rest.to_string())),
            None => (file.clone(), None),
        };
        let recipient = match files.get(&workbook) {
            Some(r) => r.to_string(),
            None => match workbook.strip_prefix(&replies) {
                Some(name) => name.split('.').next().unwrap_or_default().to_string(),
                None => continue,
            },
        };
        // "Biểu mẫu 11'!D11" → "Biểu mẫu 11, ô D11: ".
        let place = place
            .map(|p| match p.split_once("'!") {
                Some((sheet, cell)) => format!("{sheet}, ô {cell}: "),
                None => format!("{}: ", p.trim_end_matches('\'')),
            })
            .unwrap_or_default();
        let texts = d.texts.as_deref();
        let message = texts
            .and_then(|t| t.message.as_ref())
            .and_then(vietnamese)
            .unwrap_or_else(|| "số liệu chưa hợp lệ".to_string());
        let hint = texts.and_then(|t| t.hint.as_ref()).and_then(vietnamese);
        let mut sentence = format!("{place}{message}");
        if let Some(hint) = hint {
            sentence.push_str(&format!(" — {hint}"));
        }
        sentence.push('.');
        let sentence = upper_first(&decimal_commas(&sentence));
        let list = problems.entry(recipient).or_default();
        if !list.contains(&sentence) {
            list.push(sentence);
        }
    }
    problems
}

/// "16.5" → "16,5": a letter writes decimals the Vietnamese way (the messages carry the
/// figures as typed in YAML).
fn decimal_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(char::is_ascii_digit)
            };
            if c == '.' && digit(i.checked_sub(1)) && digit(Some(i + 1)) {
                ','
            } else {
                c
            }
        })
        .collect()
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
