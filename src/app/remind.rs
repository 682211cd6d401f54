//! `vanban remind`: the follow-up letters (công văn đôn đốc) due on a day, planned by
//! `plan::reminders` and produced like a build's documents (engine, glyph check, lock,
//! queue, manifest), recorded so that a later build leaves them alone.

use std::path::Path;

use chrono::NaiveDate;

use super::build::{Production, produce};
use super::{Checked, Progress, RunReport, Sources, Timings};
use crate::diagnostic::Diagnostic;
use crate::manifest::Rebuild;
use crate::plan::Job;

/// Writes into `out` the follow-up letters due on `as_of`: for every request letter whose
/// deadline has passed, one letter to each agency that still owed items on that day.
pub fn remind(
    root: &Path,
    out: &Path,
    as_of: NaiveDate,
    progress: &(dyn Fn(Progress) + Sync),
) -> RunReport {
    remind_year(root, out, as_of, None, progress)
}

/// As [`remind`], chasing only the request letters of data year `year` (default: the latest
/// year with a request letter).
pub fn remind_year(
    root: &Path,
    out: &Path,
    as_of: NaiveDate,
    year: Option<i32>,
    progress: &(dyn Fn(Progress) + Sync),
) -> RunReport {
    let mut timings = Timings::default();
    let (jobs, diagnostics, sources) = plan(root, as_of, year, &mut timings);
    let Some(jobs) = jobs else {
        return RunReport::with_diagnostics(diagnostics);
    };
    let how = Production {
        sources: &sources,
        force: Some(Rebuild::Overdue),
        keep_signed: true,
        prune: None,
        reminder: true,
        engine: None,
    };
    produce(root, out, &jobs, diagnostics, how, timings, progress)
}

/// The follow-up letters due on `as_of`, planned but not compiled, and the problems found.
pub fn documents(root: &Path, as_of: NaiveDate) -> (Vec<Job>, Vec<Diagnostic>) {
    let (jobs, diagnostics, _) = plan(root, as_of, None, &mut Timings::default());
    (jobs.unwrap_or_default(), diagnostics)
}

/// Reads, checks and plans; no jobs when the project's shared data could not be read.
fn plan(
    root: &Path,
    as_of: NaiveDate,
    year: Option<i32>,
    timings: &mut Timings,
) -> (Option<Vec<Job>>, Vec<Diagnostic>, Sources) {
    let Checked {
        model,
        mut diagnostics,
        sources,
    } = super::load_checked(root, timings);
    let Some(model) = model else {
        return (None, diagnostics, sources);
    };
    let (_, numbers, _) = super::registers(root);
    let (jobs, more) = crate::plan::reminders(&model, as_of, year, &numbers);
    diagnostics.extend(more);
    (Some(jobs), diagnostics, sources)
}
