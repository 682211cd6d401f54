//! The letters asking an agency to review and complete its reply ("đề nghị rà soát, bổ sung
//! số liệu"): one to each agency whose answers fail checks or carry warnings, citing its reply
//! (number, date), listing each problem in plain Vietnamese and giving a new deadline; worded
//! by the request letter's `review` text as a follow-up is by its `reminder`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::reminders::{Wording, cited, follow_up_job, follow_up_of, no_wording, originals};
use super::Job;
use crate::compute::{DocumentPlan, Target};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::model::{LetterKind, Project};
use crate::render::data::Block;
use crate::render::{self, vi};

/// The review letters of data year `year` (default: the latest with a request letter),
/// dated `as_of`: one per agency in `problems` (recipient id → each problem as a sentence),
/// for each request letter of that year that addressed it.
pub(crate) fn reviews(
    model: &Project,
    as_of: NaiveDate,
    year: Option<i32>,
    numbers: &super::Numbers,
    problems: &BTreeMap<String, Vec<String>>,
) -> (Vec<Job>, Vec<Diagnostic>) {
    let (mut jobs, mut diagnostics) = (Vec::new(), Vec::new());
    let Some(year) = year.or_else(|| model.latest_request_year()) else {
        return (jobs, diagnostics);
    };
    let letters = model
        .letters
        .iter()
        .filter(|l| l.kind == LetterKind::CongVan && l.data_year == year);
    for letter in letters {
        let Some(edition) = model.catalogue.edition_for(year) else {
            continue;
        };
        let at = || Position::file(&letter.path);
        let addressed = letter.agencies(model.directory_for(letter.data_year));
        let due: Vec<_> = addressed
            .iter()
            .filter(|r| problems.contains_key(&r.id))
            .collect();
        if due.is_empty() {
            continue;
        }
        let Some(review) = &letter.review else {
            diagnostics.push(no_wording(letter, Wording::Review));
            continue;
        };
        let originals = originals(model, letter, edition);
        let symbol = letter.symbol(model.agency_of(letter));
        let (letter_subject, new_deadline, own) =
            match follow_up_of(model, letter, as_of, review.days) {
                Ok(parts) => parts,
                Err(d) => {
                    diagnostics.push(d);
                    continue;
                }
            };
        for recipient in due {
            let Some(number) = cited(letter, numbers, &originals, Some(&recipient.id)) else {
                diagnostics.push(
                    Diagnostic::error(
                        Code::Blocked,
                        at(),
                        format!(
                            "no review letter to {} for `{}`: the letter it was sent has no number yet",
                            recipient.name, letter.id
                        ),
                    )
                    .with_hint(format!(
                        "register the letter's documents first: vanban register {} --number N --date YYYY-MM-DD",
                        letter.path.display()
                    ))
                    .says(
                        "review-unregistered",
                        &[("agency", &recipient.name), ("letter", &letter.id)],
                    )
                    .hints(
                        "review-unregistered-hint",
                        &[("path", &letter.path.display().to_string())],
                    ),
                );
                continue;
            };
            let reply = model
                .answers
                .get(&year)
                .and_then(|files| files.iter().find(|f| f.recipient == recipient.id));
            let reply_text = match reply.and_then(|f| f.reply.clone()) {
                Some((number, date)) => format!("Văn bản số {number} ngày {}", vi::date(date)),
                None => match reply.and_then(|f| f.received) {
                    Some(day) => format!("văn bản trả lời nhận ngày {}", vi::date(day)),
                    None => "văn bản trả lời".to_string(),
                },
            };
            let plan = DocumentPlan {
                letter: &own,
                target: Target::Agency(recipient),
                addressees: vec![recipient.name.clone()],
                sections: Vec::new(),
            };
            let wording = render::Wording {
                subject: &review.subject,
                opening: &review.opening,
                closing: &review.closing,
                extra: vec![
                    ("as_of", vi::date(as_of)),
                    ("new_deadline", vi::date(new_deadline)),
                    ("reply", reply_text),
                    ("letter_number", format!("{number}/{symbol}")),
                    ("letter_date", vi::letter_date(letter.date)),
                    ("letter_subject", letter_subject.clone()),
                ],
                folder: format!("{}-ra-soat-{}", letter.id, as_of.format("%Y-%m-%d")),
                cc: &review.cc,
            };
            match render::render_worded(model.agency_of(letter), &plan, &wording) {
                Ok(mut rendered) => {
                    // The problems, one item each, between the opening and the closing.
                    let at = rendered.data.body.len().saturating_sub(review.closing.len());
                    let items = problems[&recipient.id].iter().map(|p| Block::Item {
                        text: p.clone(),
                        dash: true,
                    });
                    rendered.data.body.splice(at..at, items);
                    jobs.push(follow_up_job(letter, rendered, as_of, numbers));
                }
                Err(errors) => diagnostics.extend(errors),
            }
        }
    }
    (jobs, diagnostics)
}
