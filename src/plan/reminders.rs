//! The follow-up letters (công văn đôn đốc) due on a day: planned from each request letter's
//! obligations, worded by its `reminder` text, citing the original.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};

use super::{DocKind, Job, TemplateData};
use crate::compute::{self, obligations};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::model::{LetterDate, LetterKind, Project};
use crate::render::{self, vi};

/// The follow-up letters due on `as_of`: for every request letter whose deadline has passed,
/// one letter to each agency that still owed items on that day, listing exactly those,
/// citing the original and giving a new deadline. Letters that cannot be chased say why.
/// Only the request letters of data year `year` are chased (default: the latest year with
/// a request letter), so last year's letters are not chased again after `new-year`.
pub(crate) fn reminders(
    model: &Project,
    as_of: NaiveDate,
    year: Option<i32>,
    numbers: &super::Numbers,
) -> (Vec<Job>, Vec<Diagnostic>) {
    let (mut jobs, mut diagnostics) = (Vec::new(), Vec::new());
    let requests = || {
        model
            .letters
            .iter()
            .filter(|l| l.kind == LetterKind::CongVan)
    };
    let Some(year) = year.or_else(|| model.latest_request_year()) else {
        return (jobs, diagnostics);
    };
    for letter in requests().filter(|l| l.data_year == year) {
        let Some(edition) = model.catalogue.edition_for(letter.data_year) else {
            continue;
        };
        let at = || Position::file(&letter.path);
        let Some(deadline) = letter.deadline else {
            diagnostics.push(
                Diagnostic::warning(
                    Code::NoDeadline,
                    at(),
                    format!(
                        "letter `{}` has no deadline, so nothing it asks for can be overdue",
                        letter.id
                    ),
                )
                .with_hint("add `deadline: YYYY-MM-DD` to the letter to chase late answers")
                .says("remind-no-deadline", &[("letter", &letter.id)])
                .hints("remind-no-deadline-hint", &[]),
            );
            continue;
        };
        if model.broken_years.contains(&letter.data_year) {
            diagnostics.push(
                Diagnostic::error(
                    Code::Blocked,
                    at(),
                    format!(
                        "no follow-up letters for `{}`: the answers in data/{}/ have errors",
                        letter.id, letter.data_year
                    ),
                )
                .with_hint("fix the answers first, or a follow-up would chase items already sent")
                .says(
                    "remind-blocked-by-answers",
                    &[("letter", &letter.id), ("year", &letter.data_year.to_string())],
                )
                .hints("remind-blocked-by-answers-hint", &[]),
            );
            continue;
        }
        if as_of <= deadline {
            continue;
        }
        let Some(reminder) = &letter.reminder else {
            diagnostics.push(no_wording(letter, Wording::Reminder));
            continue;
        };
        // What had arrived by `as_of`: a reply received later was still owed then.
        let mut files = model
            .answers
            .get(&letter.data_year)
            .cloned()
            .unwrap_or_default();
        files.retain(|f| f.received.is_none_or(|r| r <= as_of));
        files.sort_by_cached_key(|f| model.directory.rank(&f.recipient));
        let status = obligations::of_letter(model.directory_for(letter.data_year), Some(edition), letter, &files);
        // The follow-up is dated `as_of`, unregistered, and cites the original.
        let symbol = letter.symbol(model.agency_of(letter));
        let originals = originals(model, letter, edition);
        let cited_number = |target: &compute::Target| -> Option<String> {
            let recipient = match target {
                compute::Target::Agency(r) => Some(r.id.as_str()),
                compute::Target::Combined => None,
            };
            cited(letter, numbers, &originals, recipient)
        };
        // A follow-up cites the original by number and date: one not yet issued has none.
        if letter.number.is_none() {
            diagnostics.push(
                Diagnostic::error(
                    Code::Blocked,
                    at(),
                    format!(
                        "no follow-up letters for `{}`: it has no number yet, and a follow-up cites the original by its number and date",
                        letter.id
                    ),
                )
                .with_hint(format!(
                    "register it first: vanban register {} --number N --date YYYY-MM-DD",
                    letter.path.display()
                ))
                .says("remind-unregistered", &[("letter", &letter.id)])
                .hints(
                    "remind-unregistered-hint",
                    &[("path", &letter.path.display().to_string())],
                ),
            );
            continue;
        }
        // The original's trích yếu, as it was printed.
        let (letter_subject, new_deadline, follow_up) =
            match follow_up_of(model, letter, as_of, reminder.days) {
                Ok(parts) => parts,
                Err(d) => {
                    diagnostics.push(d);
                    continue;
                }
            };
        let plans = if reminder.combined {
            compute::plan_combined_reminder(&follow_up, model.directory_for(letter.data_year), edition, &status)
                .into_iter()
                .collect()
        } else {
            compute::plan_reminders(&follow_up, model.directory_for(letter.data_year), edition, &status)
        };
        for plan in plans {
            let Some(cited) = cited_number(&plan.target) else {
                diagnostics.push(
                    Diagnostic::error(
                        Code::Blocked,
                        at(),
                        format!(
                            "no follow-up letter to {} for `{}`: the letter it was sent has no number yet",
                            plan.addressees.join(", "),
                            letter.id
                        ),
                    )
                    .with_hint(format!(
                        "register the letter's documents first: vanban register {} --number N --date YYYY-MM-DD",
                        letter.path.display()
                    ))
                    .says(
                        "remind-agency-unregistered",
                        &[("agencies", &plan.addressees.join(", ")), ("letter", &letter.id)],
                    )
                    .hints(
                        "remind-agency-unregistered-hint",
                        &[("path", &letter.path.display().to_string())],
                    ),
                );
                continue;
            };
            let letter_number = format!("{cited}/{symbol}");
            // The attachments went with the original; the follow-up does not carry them.
            let mut own = follow_up.clone();
            if let Some(guidance) = own.guidance.strip_suffix("gửi kèm theo") {
                own.guidance = format!("{guidance}đã gửi kèm Công văn số {letter_number}");
            }
            let plan = compute::DocumentPlan {
                letter: &own,
                ..plan
            };
            let wording = render::Wording {
                subject: &reminder.subject,
                opening: &reminder.opening,
                closing: &reminder.closing,
                extra: vec![
                    ("as_of", vi::date(as_of)),
                    ("new_deadline", vi::date(new_deadline)),
                    ("deadline", vi::date(deadline)),
                    ("letter_number", letter_number),
                    ("letter_date", vi::letter_date(letter.date)),
                    ("letter_subject", letter_subject.clone()),
                ],
                folder: format!("{}-don-doc-{}", letter.id, as_of.format("%Y-%m-%d")),
                cc: &reminder.cc,
            };
            match render::render_worded(model.agency_of(letter), &plan, &wording) {
                Ok(rendered) => jobs.push(follow_up_job(letter, rendered, as_of, numbers)),
                Err(errors) => diagnostics.extend(errors),
            }
        }
    }
    (jobs, diagnostics)
}


/// What each agency received of `letter`: its own document's output path, by recipient id,
/// unless the letter went as one.
pub(super) fn originals(
    model: &Project,
    letter: &crate::model::Letter,
    edition: &crate::model::Edition,
) -> BTreeMap<String, String> {
    let mut originals = BTreeMap::new();
    if letter.per_agency && !letter.appendices {
        for plan in compute::plan_letter(letter, model.directory_for(letter.data_year), edition) {
            if let compute::Target::Agency(r) = plan.target
                && let Ok(rendered) = render::render_letter(model.agency_of(letter), &plan)
            {
                originals.insert(r.id.clone(), rendered.output.replace('\\', "/"));
            }
        }
    }
    originals
}

/// The registered number of what `recipient` received of `letter` ("06"): its own
/// document's, or the letter's when it was sent the letter itself; none before registration.
pub(super) fn cited(
    letter: &crate::model::Letter,
    numbers: &super::Numbers,
    originals: &BTreeMap<String, String>,
    recipient: Option<&str>,
) -> Option<String> {
    let key = letter.path.to_string_lossy().replace('\\', "/");
    let own = recipient
        .and_then(|r| originals.get(r))
        .and_then(|doc| numbers.get(&(key, doc.clone())).cloned());
    own.or_else(|| {
        (letter.combined || letter.appendices)
            .then_some(letter.number)
            .flatten()
            .map(vi::number_text)
    })
}

/// What a letter that follows up `letter` on `as_of` starts from: the original's trích yếu as
/// it was printed, the new deadline `days` later, and the letter dated `as_of`, unregistered,
/// with that deadline.
pub(super) fn follow_up_of(
    model: &Project,
    letter: &crate::model::Letter,
    as_of: NaiveDate,
    days: u32,
) -> Result<(String, NaiveDate, crate::model::Letter), Diagnostic> {
    let subject = render::merge::Merge::new(model.agency_of(letter), letter).render(&letter.subject, &[])?;
    let new_deadline = as_of + chrono::Days::new(u64::from(days));
    let mut follow_up = letter.clone();
    follow_up.date = LetterDate::Full(as_of);
    follow_up.number = None;
    follow_up.deadline = Some(new_deadline);
    Ok((subject, new_deadline, follow_up))
}

/// Which follow-up wording a letter lacks.
#[derive(Clone, Copy)]
pub(super) enum Wording {
    /// `reminder`, for `vanban remind`.
    Reminder,
    /// `review`, for `vanban review`.
    Review,
}

/// The error of a letter without the wording a follow-up letter is written in.
pub(super) fn no_wording(letter: &crate::model::Letter, which: Wording) -> Diagnostic {
    let (message, hint, key, hint_key) = match which {
        Wording::Reminder => (
            "has no `reminder` wording, so no follow-up letter can be written",
            "add `reminder:` with `subject`, `opening`, `closing` (see README)",
            "remind-no-wording",
            "remind-no-wording-hint",
        ),
        Wording::Review => (
            "has no `review` wording, so no review letter can be written",
            "add `review:` with `subject`, `opening`, `closing`, `days` (see README)",
            "review-no-wording",
            "review-no-wording-hint",
        ),
    };
    Diagnostic::error(
        Code::Letter,
        Position::file(&letter.path),
        format!("letter `{}` {message}", letter.id),
    )
    .with_hint(hint)
    .says(key, &[("letter", &letter.id)])
    .hints(hint_key, &[])
}

/// A follow-up letter (công văn đôn đốc, đề nghị rà soát) as a job: numbered when registered
/// as a document of its own, dated `as_of`, signed as its letter is.
pub(super) fn follow_up_job(
    letter: &crate::model::Letter,
    mut rendered: render::RenderedLetter,
    as_of: NaiveDate,
    numbers: &super::Numbers,
) -> Job {
    let key = (
        letter.path.to_string_lossy().replace('\\', "/"),
        rendered.output.replace('\\', "/"),
    );
    rendered.data.frame.number = numbers.get(&key).cloned();
    let mut job = Job::new(
        DocKind::Reminder,
        TemplateData::Letter(Box::new(rendered.data)),
        PathBuf::from(rendered.output),
        &letter.path,
    );
    job.date = Some((as_of.year(), as_of.month(), as_of.day()));
    job.signature_fields = letter.signature_fields;
    job
}
