//! Figures that move more than a hundredfold (issue #12, field case of a unit or separator
//! slip): against the agency's own figure of the year before, and a row against its
//! siblings. Warnings only: a real change of that size is possible.

use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::AnswerFile;

/// A figure this many times larger or smaller than its reference is probably a typing slip
/// (a unit, a separator, a digit too many).
const JUMP: f64 = 100.0;

/// Whether `a` and `b` differ by more than [`JUMP`] times (both positive).
fn jumped(a: f64, b: f64) -> bool {
    a > 0.0 && b > 0.0 && (a / b > JUMP || b / a > JUMP)
}

/// Warnings for figures that move more than a hundredfold: an agency's numerator or
/// denominator against its own figure of the year before, and a row against the median of
/// its sibling rows.
pub(super) fn jumps(by_year: &BTreeMap<i32, Vec<AnswerFile>>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (year, files) in by_year {
        let previous = by_year.get(&(year - 1));
        for file in files {
            let before = previous.and_then(|p| p.iter().find(|f| f.recipient == file.recipient));
            for answer in &file.answers {
                let old = before.and_then(|b| b.answers.iter().find(|a| a.indicator == answer.indicator));
                if let Some(old) = old {
                    for (what, key, now, then) in [
                        ("numerator", "jump-numerator-year", answer.numerator_sum(), old.numerator_sum()),
                        ("denominator", "jump-denominator-year", answer.denominator_sum(), old.denominator_sum()),
                    ] {
                        if let (Some(now), Some(then)) = (now, then)
                            && jumped(now, then)
                        {
                            out.push(
                                Diagnostic::warning(
                                    Code::Figure,
                                    answer.at.clone(),
                                    format!(
                                        "indicator {:02}: the {what} {now} is more than {JUMP} times away from {then} the year before",
                                        answer.indicator
                                    ),
                                )
                                .with_hint("check the unit and the digits; nothing to do if the figure is right")
                                .says(
                                    key,
                                    &[
                                        ("number", &format!("{:02}", answer.indicator)),
                                        ("now", &now.to_string()),
                                        ("times", &JUMP.to_string()),
                                        ("then", &then.to_string()),
                                    ],
                                )
                                .hints("jump-hint", &[]),
                            );
                        }
                    }
                }
                if answer.rows.len() >= 3 {
                    for (i, row) in answer.rows.iter().enumerate() {
                        let mut others: Vec<f64> = answer
                            .rows
                            .iter()
                            .enumerate()
                            .filter(|(j, _)| *j != i)
                            .map(|(_, r)| r.numerator)
                            .collect();
                        others.sort_by(f64::total_cmp);
                        let median = others[others.len() / 2];
                        if jumped(row.numerator, median) {
                            out.push(
                                Diagnostic::warning(
                                    Code::Figure,
                                    answer.at.clone(),
                                    format!(
                                        "indicator {:02}, row `{}`: the numerator {} is more than {JUMP} times away from the other rows (median {median})",
                                        answer.indicator, row.label, row.numerator
                                    ),
                                )
                                .with_hint("check the unit and the digits; nothing to do if the figure is right")
                                .says(
                                    "jump-row",
                                    &[
                                        ("number", &format!("{:02}", answer.indicator)),
                                        ("label", &row.label),
                                        ("numerator", &row.numerator.to_string()),
                                        ("times", &JUMP.to_string()),
                                        ("median", &median.to_string()),
                                    ],
                                )
                                .hints("jump-hint", &[]),
                            );
                        }
                    }
                }
            }
        }
    }
    out
}
