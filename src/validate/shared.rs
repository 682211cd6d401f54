//! One quantity, one value: a denominator that several indicators share (the catalogue's
//! `shared_denominator`, e.g. the total household solid waste generated) must come out the
//! same from each indicator's answers, or the report would print two values of one thing.
//! Compared only where every agency asked for an indicator has answered it: a sum with a
//! reply still missing is not yet the quantity.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{AnswerFile, Catalogue, Directory, Letter, asked};

/// An error for each shared denominator whose indicators' answers give different values.
pub(super) fn check(
    whole: &Directory,
    directories: &BTreeMap<i32, Directory>,
    catalogue: &Catalogue,
    letters: &[Letter],
    by_year: &BTreeMap<i32, Vec<AnswerFile>>,
) -> Vec<(i32, Diagnostic)> {
    let mut out = Vec::new();
    for (year, files) in by_year {
        let Some(edition) = catalogue.edition_for(*year) else {
            continue;
        };
        // The year's own directory: what that year's letters asked.
        let dir = directories.get(year).unwrap_or(whole);
        let asked = asked(dir, catalogue, letters, *year);
        let mut quantities: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for i in edition.indicators.values() {
            if let Some(q) = &i.shared_denominator {
                quantities.entry(q.as_str()).or_default().push(i.number);
            }
        }
        for (quantity, numbers) in quantities.iter().filter(|(_, n)| n.len() > 1) {
            // Each indicator's total, from its suppliers, when every one asked has answered.
            let mut totals: Vec<(u32, f64, Vec<&str>, &crate::diagnostic::Position)> = Vec::new();
            for &number in numbers {
                let suppliers: BTreeSet<&str> = asked
                    .keys()
                    .filter(|(_, n)| *n == number)
                    .map(|(r, _)| r.as_str())
                    .collect();
                let answers: Vec<(&str, &crate::model::Answer)> = files
                    .iter()
                    .flat_map(|f| {
                        f.answers
                            .iter()
                            .filter(move |a| a.indicator == number)
                            .map(move |a| (f.recipient.as_str(), a))
                    })
                    .collect();
                let answered: BTreeSet<&str> = answers.iter().map(|(r, _)| *r).collect();
                // Who was asked must be known (a sound request letter) and have answered; an
                // indicator asked of nobody is whole when the Sở gave it itself.
                let own = suppliers.is_empty() && answered.contains(crate::model::ISSUER);
                if answers.is_empty() || !(own || (!suppliers.is_empty() && suppliers.is_subset(&answered))) {
                    continue;
                }
                let Some(total) = answers
                    .iter()
                    .map(|(_, a)| a.denominator_sum())
                    .sum::<Option<f64>>()
                else {
                    continue;
                };
                let who = answers
                    .iter()
                    .map(|(r, _)| dir.recipients.get(*r).map_or(*r, |d| d.name.as_str()))
                    .collect();
                totals.push((number, total, who, &answers[0].1.at));
            }
            let Some((first, rest)) = totals.split_first() else {
                continue;
            };
            for other in rest {
                if (other.1 - first.1).abs() <= 1e-9 * first.1.abs().max(1.0) {
                    continue;
                }
                let parts = |t: &(u32, f64, Vec<&str>, _)| (format!("{:02}", t.0), plain(t.1), t.2.join(", "));
                let ((a, a_value, a_from), (b, b_value, b_from)) = (parts(first), parts(other));
                out.push((
                    *year,
                    Diagnostic::error(
                        Code::Answer,
                        other.3.clone(),
                        format!(
                            "the shared denominator `{quantity}` has two values for {year}: indicator {a} gives {a_value} (from {a_from}); indicator {b} gives {b_value} (from {b_from})"
                        ),
                    )
                    .with_hint("one quantity has one value: correct the answers so that they agree, or tell the agencies which figure is right")
                    .says(
                        "answer-shared-denominator",
                        &[
                            ("quantity", quantity),
                            ("year", &year.to_string()),
                            ("a", &a),
                            ("a_value", &a_value),
                            ("a_from", &a_from),
                            ("b", &b),
                            ("b_value", &b_value),
                            ("b_from", &b_from),
                        ],
                    )
                    .hints("answer-shared-denominator-hint", &[]),
                ));
            }
        }
    }
    out
}

/// A sum as written in YAML: no float noise ("358.6", not "358.59999999999997").
fn plain(v: f64) -> String {
    let text = format!("{v:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}
