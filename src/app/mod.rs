//! The commands, one orchestrator per file: the only code that sequences the stages
//! (`project` → `validate` → `compute` → `plan` → `render` → `compile` → `output`). Each
//! returns a [`RunReport`] or its own result type; nothing here prints (`cli` does).

pub mod bench;
pub mod build;
pub mod bundle;
pub mod check;
pub mod import;
pub mod new_year;
pub mod register;
pub mod remind;
mod reply_files;
pub mod review;
pub mod schema;
mod signed;
pub mod status;
pub mod watch;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::Error;
use crate::diagnostic::Diagnostic;
pub use crate::manifest::Rebuild;
use crate::model::Project;
use crate::plan::{self, Job, RegisterFile};
use crate::render::data::RegisterRow;

pub use build::{BuildOptions, Change};

/// What a command did: documents written, kept and removed, corrected figures, problems.
#[derive(Debug, Default)]
pub struct RunReport {
    /// Files written, relative to the output folder.
    pub written: Vec<PathBuf>,
    /// Documents that could not be produced.
    pub failed: usize,
    /// Documents compiled this run, with the reason.
    pub rebuilt: Vec<(PathBuf, Rebuild)>,
    /// Documents whose inputs had not changed.
    pub unchanged: Vec<PathBuf>,
    /// Obsolete outputs removed.
    pub removed: Vec<PathBuf>,
    /// Indicator values that changed since the previous build.
    pub changes: Vec<Change>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// A failure outside the user's files (exit status 2), if any; the first one.
    pub fatal: Option<Error>,
    /// Where the run's time went, for `vanban bench` and `--verbose`.
    pub timings: Timings,
}

/// Exit status of a run whose documents were all written without an error.
pub const EXIT_OK: u8 = 0;
/// Exit status when the user's files have errors or a document could not be made.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit status of an internal or input/output failure.
pub const EXIT_FAILURE: u8 = 2;

impl RunReport {
    /// A run that stopped on a failure outside the user's files.
    pub(crate) fn failed(diagnostics: Vec<Diagnostic>, error: Error) -> Self {
        Self {
            diagnostics,
            fatal: Some(error),
            ..Default::default()
        }
    }

    /// A run that found only `diagnostics`.
    pub fn with_diagnostics(diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            diagnostics,
            ..Default::default()
        }
    }

    /// Exit status: [`EXIT_OK`], [`EXIT_PROBLEMS`] or [`EXIT_FAILURE`].
    pub fn exit_code(&self) -> u8 {
        if self.fatal.is_some() {
            EXIT_FAILURE
        } else if self.failed > 0 || self.diagnostics.iter().any(Diagnostic::is_error) {
            EXIT_PROBLEMS
        } else {
            EXIT_OK
        }
    }

    /// Keeps the first failure outside the user's files.
    pub(crate) fn fail(&mut self, error: Error) {
        self.fatal.get_or_insert(error);
    }
}

/// Where a build's time went: each stage's wall time in order, then, for the documents
/// compiled in parallel, each step's time summed over the threads.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    /// Stage name and wall time, in the order the stages ran.
    pub stages: Vec<(&'static str, Duration)>,
    /// Per-document step name and its time summed over all documents and threads.
    pub steps: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Records the wall time of `stage`, which started at `since`; returns now.
    pub(crate) fn stage(&mut self, stage: &'static str, since: Instant) -> Instant {
        let now = Instant::now();
        self.stages.push((stage, now - since));
        now
    }
}

/// The project folder `start` is in: `start`, or the nearest parent that is a project (with
/// `data/agency.yaml`, or `data/` and `letters/`), as cargo and git find theirs.
pub fn project_root(start: &Path) -> PathBuf {
    crate::project::find_root(start)
}

/// A day as the documents write it, "dd/mm/yyyy", for messages of the command line.
pub fn date_text(day: chrono::NaiveDate) -> String {
    crate::render::vi::date(day)
}

/// Progress of a run that compiles documents, for the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Documents finished so far.
    pub done: usize,
    /// Documents in the run.
    pub total: usize,
}

/// The project read and checked: the model when the shared data could be read, and every
/// problem found.
pub(crate) struct Checked {
    pub(crate) model: Option<Project>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The text of every file read, by path, for the glyph check.
    pub(crate) sources: Vec<(PathBuf, String)>,
}

/// Reads and validates the project at `root` (used by every command), recording the two
/// stages' times in `timings`.
pub(crate) fn load_checked(root: &Path, timings: &mut Timings) -> Checked {
    let start = Instant::now();
    let (mut raw, mut diagnostics) = crate::project::load(root);
    let sources = std::mem::take(&mut raw.sources);
    let start = timings.stage("read and parse YAML", start);
    let (model, more) = crate::validate::validate(raw);
    diagnostics.extend(more);
    timings.stage("validate", start);
    Checked {
        model,
        diagnostics,
        sources,
    }
}

/// The outgoing registers kept in the project, each read for its table; the numbers they
/// give the letters' documents; and warnings about their order.
pub(crate) fn registers(root: &Path) -> (Vec<RegisterFile>, plan::Numbers, Vec<Diagnostic>) {
    use crate::project::register;
    let mut warnings = Vec::new();
    let mut numbers = plan::Numbers::new();
    let files = register::books(root)
        .into_iter()
        .map(|(issuer, year)| {
            let source = register::file(issuer.as_deref(), year);
            let rows = register::read(root, issuer.as_deref(), year).map(|entries| {
                warnings.extend(register::order_warnings(&entries, &source));
                for e in entries.iter().filter(|e| !e.document.is_empty()) {
                    numbers.insert((e.letter.clone(), e.document.clone()), e.number.clone());
                }
                entries
                    .into_iter()
                    .map(|e| RegisterRow {
                        number: e.number,
                        date: e.date,
                        symbol: e.symbol,
                        subject: e.subject,
                        recipients: e.recipients,
                        signer: e.signer,
                        archive: e.archive,
                        copies: e.copies,
                        sent: e.sent,
                        receipt: e.receipt,
                        note: e.note,
                        letter: e.letter,
                    })
                    .collect()
            });
            RegisterFile {
                issuer,
                year,
                source,
                rows,
            }
        })
        .collect();
    (files, numbers, warnings)
}

/// The text of every file read, by path.
pub(crate) type Sources = Vec<(PathBuf, String)>;

/// Which unanswered items `build` and `check` warn about: those overdue on `as_of` (`None`:
/// today) in data year `year` (`None`: the latest with a request letter).
#[derive(Debug, Clone, Copy, Default)]
pub struct Chase {
    /// The day the deadlines are measured against (`--as-of`); today when `None`.
    pub as_of: Option<NaiveDate>,
    /// The data year whose answers are chased (`--year`); the latest when `None`.
    pub year: Option<i32>,
}

impl Chase {
    /// The day deadlines are measured against.
    pub(crate) fn day(&self) -> NaiveDate {
        self.as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// Reads, checks and plans every document of the project (print runs too with `merged`),
/// with the warnings about answers overdue as `chase` says; also returns the text of every
/// file read.
pub(crate) fn planned(
    root: &Path,
    options: plan::Options,
    chase: Chase,
    timings: &mut Timings,
) -> (plan::Planned, Sources) {
    let Checked {
        model,
        mut diagnostics,
        sources,
    } = load_checked(root, timings);
    let start = Instant::now();
    let Some(model) = model else {
        let planned = plan::Planned {
            diagnostics,
            ..Default::default()
        };
        return (planned, sources);
    };
    diagnostics.extend(crate::compute::obligations::warnings(
        &model,
        chase.day(),
        chase.year,
    ));
    diagnostics.extend(plan::evidence_warnings(&model));
    let (registers, numbers, warnings) = registers(root);
    let mut planned = plan::documents(&model, options, registers, &numbers);
    diagnostics.extend(warnings);
    diagnostics.append(&mut planned.diagnostics);
    planned.diagnostics = diagnostics;
    timings.stage("compute and fill in (Tera)", start);
    (planned, sources)
}

/// Every document `build` makes of the project at `root`, planned but not compiled, and the
/// problems found; with `merged` the print runs too.
pub fn documents(root: &Path, merged: bool) -> (Vec<Job>, Vec<Diagnostic>) {
    let options = plan::Options {
        merged,
        ..Default::default()
    };
    let (planned, _) = planned(root, options, Chase::default(), &mut Timings::default());
    (planned.jobs, planned.diagnostics)
}
