//! vanban: YAML in, ND 30/2020 Vietnamese official letters out, through Typst in-process.
//!
//! The stages run one way: `project` reads the files, `validate` checks them into the
//! `model`, `compute` plans the documents, `render` fills in the text, `compile` lays the
//! documents out with Typst and exports PDF, `output` writes them atomically. This file wires
//! the stages into the `check` and `build` commands; it prints nothing.

pub mod bench;
pub mod compile;
pub mod compute;
pub mod diagnostic;
pub mod manifest;
pub mod model;
pub mod next_year;
pub mod output;
pub mod project;
pub mod register;
pub mod render;
pub mod validate;
pub mod watch;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::compile::Engine;
use crate::diagnostic::{Diagnostic, Position};

/// Entry points for the fuzz targets under tests/fuzz: the loading and validation path and
/// the text-rendering path, on bytes instead of files.
#[doc(hidden)]
pub mod fuzzing {
    use std::path::Path;

    /// Reads `bytes` as each YAML file kind, then a letter through validation against the
    /// shipped example's data; must never panic.
    pub fn load_and_validate(bytes: &[u8]) {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        let rel = Path::new("letters/fuzz.yaml");
        let _ = crate::project::parse_yaml::<crate::project::RawAgency>(text, rel);
        let _ = crate::project::parse_yaml::<crate::project::RawRecipients>(text, rel);
        let _ = crate::project::parse_yaml::<crate::project::RawCatalogue>(text, rel);
        let _ = crate::project::parse_yaml::<crate::project::RawAnswerFile>(text, rel);
        let _ = crate::project::todos(text, rel);
        let _ = crate::next_year::advance(text, 2022, rel);
        if let Ok(letter) = crate::project::parse_yaml::<crate::project::RawLetter>(text, rel) {
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let (mut raw, _) = crate::project::load(root);
            raw.letters = vec![crate::project::Loaded {
                path: rel.to_path_buf(),
                value: letter,
            }];
            raw.answers.clear();
            let _ = crate::validate::validate(raw);
        }
    }

    /// Fills `bytes` in as Tera text and as a number to format; must never panic.
    pub fn render_text(bytes: &[u8]) {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        let _ = crate::render::fill_for_fuzzing(text);
        if bytes.len() >= 8 {
            let v = f64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"));
            let _ = crate::render::report::format_number(v, u32::from(bytes[0] % 8));
        }
    }
}

/// One document ready to compile: its template, its data and where it goes.
#[derive(Debug)]
pub struct Job {
    /// Template file name in `templates/`.
    pub template: &'static str,
    /// Output path relative to the output folder.
    pub output: PathBuf,
    /// The letter file it comes from.
    pub source: PathBuf,
    /// The data handed to the template.
    pub data: serde_json::Value,
    /// The document date, for PDF metadata.
    pub date: Option<(i32, u32, u32)>,
    /// For a report: its data year and the indicator values it shows.
    pub values: Option<(i32, BTreeMap<String, manifest::Value>)>,
    /// Add empty signature fields for the signer and the seal.
    pub signature_fields: bool,
}

impl Job {
    /// Every string of the template input, concatenated: the text the document prints.
    pub fn text(&self) -> String {
        let mut text = String::new();
        collect_strings(&self.data, &mut text);
        text
    }

    /// The template input as JSON bytes.
    pub fn input(&self) -> Vec<u8> {
        serde_json::to_vec(&self.data).expect("letter data always serializes")
    }
}

/// What a build or check produced.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written, relative to the output folder.
    pub written: Vec<PathBuf>,
    /// Documents that could not be produced.
    pub failed: usize,
    /// Documents compiled this run, with the reason.
    pub rebuilt: Vec<(PathBuf, &'static str)>,
    /// Documents whose inputs had not changed.
    pub unchanged: Vec<PathBuf>,
    /// Obsolete outputs removed.
    pub removed: Vec<PathBuf>,
    /// Indicator values that changed since the previous build.
    pub changes: Vec<Change>,
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// An internal or I/O failure (exit status 2), if any.
    pub fatal: Option<String>,
    /// Where the run's time went, for `vanban bench` and `--verbose`.
    pub timings: Timings,
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
    fn stage(&mut self, stage: &'static str, since: Instant) -> Instant {
        let now = Instant::now();
        self.stages.push((stage, now - since));
        now
    }
}

/// Per-document step times, summed across the compiling threads and the writer thread.
#[derive(Default)]
struct StepClock {
    nanos: [AtomicU64; STEPS.len()],
}

/// The steps of compiling one document, in order.
const STEPS: [&str; 5] = [
    "layout (Typst)",
    "PDF export",
    "signature fields",
    "trim Typst's cache",
    "write to disk (writer thread)",
];

impl StepClock {
    /// Adds the time since `since` to step `step`; returns now.
    fn add(&self, step: usize, since: Instant) -> Instant {
        let now = Instant::now();
        self.nanos[step].fetch_add((now - since).as_nanos() as u64, Ordering::Relaxed);
        now
    }

    fn steps(&self) -> Vec<(&'static str, Duration)> {
        STEPS
            .iter()
            .zip(&self.nanos)
            .map(|(name, n)| (*name, Duration::from_nanos(n.load(Ordering::Relaxed))))
            .collect()
    }
}

impl Report {
    /// A run that stopped on an internal or I/O failure.
    fn failed(diagnostics: Vec<Diagnostic>, message: String) -> Self {
        Self {
            diagnostics,
            fatal: Some(message),
            ..Default::default()
        }
    }

    /// Exit status: 0 all written, 1 problems in the user's files, 2 internal or I/O failure.
    pub fn exit_code(&self) -> i32 {
        if self.fatal.is_some() {
            2
        } else if self.failed > 0 || self.diagnostics.iter().any(Diagnostic::is_error) {
            1
        } else {
            0
        }
    }
}

/// Progress of a build, for the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// Documents finished so far.
    pub done: usize,
    /// Documents in the run.
    pub total: usize,
}

/// Loads, validates, plans and renders every document of the project at `root`.
pub fn prepare(root: &Path) -> (Vec<Job>, Vec<Diagnostic>) {
    let planned = plan(root, false);
    (planned.jobs, planned.diagnostics)
}

/// As [`prepare`], with each letter's print run (`build --merged`).
pub fn prepare_merged(root: &Path) -> (Vec<Job>, Vec<Diagnostic>) {
    let planned = plan(root, true);
    (planned.jobs, planned.diagnostics)
}

/// The documents of a run and what is known about their sources.
struct Planned {
    jobs: Vec<Job>,
    diagnostics: Vec<Diagnostic>,
    /// Letter files that validated: an output they no longer produce is obsolete.
    sound: BTreeSet<PathBuf>,
    timings: Timings,
}

/// Suffix of a letter's print run (`build --merged`).
const MERGED: &str = "-in-gop.pdf";

fn plan(root: &Path, merged: bool) -> Planned {
    let mut timings = Timings::default();
    let start = Instant::now();
    let (raw, mut diags) = project::load(root);
    let start = timings.stage("read and parse YAML", start);
    let (model, more) = validate::validate(raw);
    diags.extend(more);
    let start = timings.stage("validate", start);
    let Some(model) = model else {
        return Planned {
            jobs: Vec::new(),
            diagnostics: diags,
            sound: BTreeSet::new(),
            timings,
        };
    };
    let mut sound: BTreeSet<PathBuf> = model.letters.iter().map(|l| l.path.clone()).collect();
    let mut jobs = Vec::new();
    // Letters are independent: a national campaign's thousand are filled in on every core.
    for (letter, planned) in model
        .letters
        .iter()
        .zip(in_parallel(&model.letters, |letter| {
            plan_letter(&model, letter, merged)
        }))
    {
        if !planned.errors.is_empty() {
            sound.remove(&letter.path);
            diags.extend(planned.errors);
        }
        jobs.extend(planned.jobs);
    }
    // The outgoing registers, one table per calendar year.
    for year in register::years(root) {
        match register::read(root, year) {
            Ok(entries) => jobs.push(Job {
                template: "so-dang-ky.typ",
                output: register::output(year),
                source: PathBuf::from(register::DIR).join(format!("{year}.csv")),
                data: serde_json::json!({
                    "kind": "so-dang-ky",
                    "governing_body": model.agency.governing_body,
                    "agency": model.agency.name,
                    "year": year,
                    "entries": entries,
                }),
                date: Some((year, 12, 31)),
                values: None,
                signature_fields: false,
            }),
            Err(message) => diags.push(
                Diagnostic::error(
                    Position::file(PathBuf::from(register::DIR).join(format!("{year}.csv"))),
                    message,
                )
                .with_hint(
                    "the register is written by `vanban register`; restore it from a backup",
                ),
            ),
        }
    }
    let mut seen = std::collections::BTreeMap::new();
    jobs.retain(|job| {
        if let Some(first) = seen.insert(job.output.clone(), job.source.clone()) {
            diags.push(
                Diagnostic::error(
                    Position::file(&job.source),
                    format!("output `{}` would be written twice (also by `{}`)", job.output.display(), first.display()),
                )
                .with_hint("give each letter its own file name and each recipient a distinct file name pattern"),
            );
            return false;
        }
        true
    });
    timings.stage("compute and fill in (Tera)", start);
    Planned {
        jobs,
        diagnostics: diags,
        sound,
        timings,
    }
}

/// The documents of one letter, and the problems that kept any of them from being made.
struct LetterJobs {
    jobs: Vec<Job>,
    errors: Vec<Diagnostic>,
}

/// Computes and fills in every document of one letter: a report, or a request letter's
/// combined and per-agency letters (and, when `merged`, its print run).
fn plan_letter(model: &model::Project, letter: &model::Letter, merged: bool) -> LetterJobs {
    let mut out = LetterJobs {
        jobs: Vec::new(),
        errors: Vec::new(),
    };
    let Some(edition) = model.catalogue.edition_for(letter.data_year) else {
        return out;
    };
    let date = match letter.date {
        model::LetterDate::Full(d) => {
            use chrono::Datelike;
            Some((d.year(), d.month(), d.day()))
        }
        model::LetterDate::Month { year, month } => Some((year, month, 1)),
    };
    let job = |template, output: String, data: serde_json::Value| Job {
        template,
        output: PathBuf::from(output),
        source: letter.path.clone(),
        data,
        date,
        values: None,
        signature_fields: letter.signature_fields,
    };
    if letter.kind == model::LetterKind::BaoCao {
        match prepare_report(model, letter) {
            Ok((output, data, values)) => {
                let mut job = job("bao-cao.typ", output, data);
                job.values = Some((letter.data_year, values));
                out.jobs.push(job);
            }
            Err(errors) => out.errors.extend(errors),
        }
        return out;
    }
    let mut print_run = Vec::new();
    for plan in compute::plan_letter(letter, &model.directory, edition) {
        match render::render_letter(&model.agency, &plan) {
            Ok(rendered) => {
                let data = serde_json::to_value(&rendered.data).expect("letter data serializes");
                if matches!(plan.target, compute::Target::Agency(_)) {
                    print_run.push(data.clone());
                }
                out.jobs.push(job("cong-van.typ", rendered.output, data));
            }
            Err(errors) => out.errors.extend(errors),
        }
    }
    if merged && !print_run.is_empty() && out.errors.is_empty() {
        // One file to print and post: every per-agency letter, numbered on its own.
        let first = &print_run[0];
        let data = serde_json::json!({
            "kind": "in-gop",
            "subject": first["subject"],
            "agency": first["agency"],
            "letters": print_run,
        });
        let mut merged_job = job(
            "in-gop.typ",
            format!("{}/{}{MERGED}", letter.data_year, letter.id),
            data,
        );
        // A print run is not what gets signed.
        merged_job.signature_fields = false;
        out.jobs.push(merged_job);
    }
    out
}

/// `f` applied to every item, on as many threads as there are cores, results in order.
/// The threads get the compiling threads' deep stacks: deeply nested user text must give an
/// error, never overflow a small stack.
pub(crate) fn in_parallel<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let spawned = std::thread::Builder::new()
                    .stack_size(STACK)
                    .spawn_scoped(scope, move || part.iter().map(f).collect::<Vec<U>>());
                (part, spawned)
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|(part, spawned)| match spawned {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // No thread to be had: this part is done here.
                Err(_) => part.iter().map(f).collect(),
            })
            .collect()
    })
}

/// Computes and renders a report letter from the answers of its data year and the year before.
type ReportJob = (String, serde_json::Value, BTreeMap<String, manifest::Value>);

fn prepare_report(
    model: &model::Project,
    letter: &model::Letter,
) -> Result<ReportJob, Vec<Diagnostic>> {
    use compute::report::{indicator_results, status};
    let year = letter.data_year;
    if model.broken_years.contains(&year) {
        return Err(vec![
            Diagnostic::error(
                Position::file(&letter.path),
                format!(
                    "report `{}` was not built because the answers in data/{year}/ have errors",
                    letter.id
                ),
            )
            .with_hint("fix the errors reported for data/ above"),
        ]);
    }
    let request = match &letter.request_letter {
        Some(id) => {
            match model.letters.iter().find(|l| {
                &l.id == id && l.data_year == year && l.kind == model::LetterKind::CongVan
            }) {
                Some(l) => Some(l),
                None => {
                    return Err(vec![
                    Diagnostic::error(
                        Position::file(&letter.path),
                        format!("report `{}` names request letter `{id}`, which is not a sound công văn", letter.id),
                    )
                    .with_hint("`request_letter` is the file name (without .yaml) of a công văn in letters/"),
                ]);
                }
            }
        }
        None => model
            .letters
            .iter()
            .find(|l| l.kind == model::LetterKind::CongVan && l.data_year == year),
    };
    // A report counts the answers of the agencies its request letter addressed (all of them
    // when it names none), listed in the order of data/recipients.yaml.
    let addressed: Option<BTreeSet<&str>> = request.map(|l| {
        compute::agencies(l, &model.directory)
            .into_iter()
            .map(|r| r.id.as_str())
            .collect()
    });
    let in_order = |y: i32| {
        let mut files = model.answers.get(&y).cloned().unwrap_or_default();
        if let Some(addressed) = &addressed {
            files.retain(|f| addressed.contains(f.recipient.as_str()));
        }
        files.sort_by_cached_key(|f| model.directory.rank(&f.recipient));
        files
    };
    let (files, previous_files) = (&in_order(year), &in_order(year - 1));
    let edition = model.catalogue.edition_for(year).expect("validated");
    let current = indicator_results(edition, year, files);
    let previous = model
        .catalogue
        .edition_for(year - 1)
        .map(|e| indicator_results(e, year - 1, previous_files))
        .unwrap_or_default();
    let status_rows = request.map(|l| status(&model.directory, Some(edition), l, files));

    let input = render::report::ReportInput {
        agency: &model.agency,
        dir: &model.directory,
        letter,
        current: &current,
        previous: &previous,
        status: status_rows.as_deref(),
        deadline: request.and_then(|l| l.deadline),
        illustrative: files.iter().chain(previous_files).any(|f| f.illustrative),
    };
    let (output, data) = render::report::render_report(&input)?;
    let values = current
        .iter()
        .map(|r| {
            let i = r.indicator;
            let value = manifest::Value {
                name: i.name.clone(),
                unit: i.unit.clone(),
                value: r.value,
                decimals: i.decimals,
            };
            (format!("{:02}", i.number), value)
        })
        .collect();
    Ok((
        output,
        serde_json::to_value(&data).expect("report data serializes"),
        values,
    ))
}

/// Where every request of a data year stands: received, late or missing.
pub fn status(
    root: &Path,
    year: Option<i32>,
) -> (Vec<compute::report::StatusRow>, Vec<Diagnostic>) {
    let (raw, mut diags) = project::load(root);
    let (model, more) = validate::validate(raw);
    diags.extend(more);
    let Some(model) = model else {
        return (Vec::new(), diags);
    };
    let requests = model
        .letters
        .iter()
        .filter(|l| l.kind == model::LetterKind::CongVan);
    let Some(year) = year.or_else(|| requests.clone().map(|l| l.data_year).max()) else {
        return (Vec::new(), diags);
    };
    let mut files = model.answers.get(&year).cloned().unwrap_or_default();
    files.sort_by_cached_key(|f| model.directory.rank(&f.recipient));
    let edition = model.catalogue.edition_for(year);
    let mut letters: Vec<&model::Letter> = requests.filter(|l| l.data_year == year).collect();
    // With several request letters, an item counts once, against the earliest deadline.
    letters.sort_by_key(|l| l.deadline);
    let mut rows: Vec<compute::report::StatusRow> = Vec::new();
    for letter in letters {
        for row in compute::report::status(&model.directory, edition, letter, &files) {
            if !rows
                .iter()
                .any(|r| r.recipient == row.recipient && r.item == row.item)
            {
                rows.push(row);
            }
        }
    }
    (rows, diags)
}

/// Validates the project without rendering anything.
pub fn check(root: &Path) -> Report {
    let (jobs, diagnostics) = prepare(root);
    let _ = jobs;
    Report {
        diagnostics,
        ..Default::default()
    }
}

/// Builds every document into `out`, reporting progress; problems never stop other documents.
pub fn build(root: &Path, out: &Path, progress: &(dyn Fn(Progress) + Sync)) -> Report {
    build_with(root, out, &BuildOptions::default(), progress)
}

/// How a build runs.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Rebuild every document, whether its inputs changed or not.
    pub force: bool,
    /// Also write each letter's print run: all per-agency letters in one PDF.
    pub merged: bool,
}

/// An indicator value that changed since the previous build.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Data year.
    pub year: i32,
    /// Indicator number, "01".
    pub number: String,
    /// The value before and after.
    pub before: manifest::Value,
    /// The value now.
    pub after: manifest::Value,
}

impl Change {
    /// "44,01 % → 45,2 %".
    pub fn describe(&self) -> String {
        let show = |v: &manifest::Value| match v.value {
            Some(x) => format!(
                "{} {}",
                render::report::format_number(x, v.decimals),
                v.unit
            ),
            None => "chưa tính được".to_string(),
        };
        format!("{} → {}", show(&self.before), show(&self.after))
    }
}

/// Builds the documents whose inputs changed since the last build into `out` (all of them
/// with `force`), removes obsolete outputs and records what each PDF was made from.
pub fn build_with(
    root: &Path,
    out: &Path,
    options: &BuildOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Report {
    let Planned {
        jobs,
        mut diagnostics,
        sound,
        mut timings,
    } = plan(root, options.merged);
    let start = Instant::now();
    let engine = match Engine::new(root) {
        Ok(engine) => engine,
        Err(message) => {
            return Report::failed(diagnostics, message);
        }
    };
    let start = timings.stage("load fonts and templates", start);
    diagnostics.extend(missing_glyphs(&engine, &jobs));
    let start = timings.stage("check glyphs", start);
    // Two runs writing into one out/ would interleave their files and manifests.
    let _lock = match output::lock(out) {
        Ok(lock) => lock,
        Err(message) => {
            return Report::failed(diagnostics, message);
        }
    };
    output::clean_temporaries(out);
    let old = manifest::load(out);
    let mut new = manifest::Manifest {
        values: old.values.clone(),
        ..Default::default()
    };
    let (templates, fonts) = engine.fingerprints().clone();

    // Decide what to compile, and why.
    let mut todo: Vec<(&Job, manifest::Entry, &'static str)> = Vec::new();
    let mut report = Report::default();
    for job in &jobs {
        let key = job.output.to_string_lossy().replace('\\', "/");
        let entry = manifest::Entry {
            source: job.source.to_string_lossy().replace('\\', "/"),
            input: manifest::fingerprint(&job.input()),
            templates: templates.clone(),
            fonts: fonts.clone(),
            tool: env!("CARGO_PKG_VERSION").to_string(),
            pdf: String::new(),
            stamp: None,
        };
        let previous = old.documents.get(&key);
        let on_disk = previous.and_then(|p| manifest::on_disk(&out.join(&job.output), p));
        let why = if options.force {
            Some("forced")
        } else {
            manifest::reason(previous, &entry, on_disk.as_deref())
        };
        if why == Some("output changed outside vanban") {
            // Perhaps signed, numbered or stamped since: never overwrite it unasked.
            diagnostics.push(
                Diagnostic::warning(
                    Position::file(out.join(&job.output)),
                    format!(
                        "`{}` was changed outside vanban and is not overwritten",
                        job.output.display()
                    ),
                )
                .with_hint("move it away to have it rebuilt, or run `vanban build --force`"),
            );
            if let Some(previous) = previous {
                new.documents.insert(key, previous.clone());
            }
            continue;
        }
        match (why, previous) {
            (Some(why), _) => todo.push((job, entry, why)),
            (None, Some(previous)) => {
                new.documents.insert(key, previous.clone());
                report.unchanged.push(job.output.clone());
            }
            (None, None) => unreachable!("a document without a previous entry is new"),
        }
    }

    let start = timings.stage("compare with the manifest", start);
    let clock = StepClock::default();
    let compiled = compile_all(
        &engine,
        &todo.iter().map(|(job, _, _)| *job).collect::<Vec<_>>(),
        out,
        &clock,
        progress,
    );
    let results: Vec<(Result<String, Outcome>, &Job, manifest::Entry, &'static str)> = compiled
        .into_iter()
        .zip(todo)
        .map(|(result, (job, entry, why))| (result, job, entry, why))
        .collect();
    let start = timings.stage("compile, export and write (parallel)", start);
    timings.steps = clock.steps();
    for (result, job, mut entry, why) in results {
        let key = job.output.to_string_lossy().replace('\\', "/");
        match result {
            Ok(pdf) => {
                entry.pdf = pdf;
                entry.stamp = manifest::stamp(&out.join(&job.output));
                new.documents.insert(key, entry);
                report.written.push(job.output.clone());
                report.rebuilt.push((job.output.clone(), why));
            }
            Err(outcome) => {
                // The old PDF, if any, stays; so does its entry, so the next run tries again.
                if let Some(previous) = old.documents.get(&key) {
                    new.documents.insert(key, previous.clone());
                }
                report.failed += 1;
                match outcome {
                    Outcome::User(diags) => diagnostics.extend(diags),
                    Outcome::Io(message) => {
                        report.fatal.get_or_insert(message);
                    }
                }
            }
        }
    }

    // Outputs whose source letter is gone, or no longer produces them, are removed; those of
    // letters that have errors this run are kept until the errors are fixed.
    for (key, entry) in &old.documents {
        if new.documents.contains_key(key) {
            continue;
        }
        let source = PathBuf::from(&entry.source);
        // Kept while its letter exists but did not validate this run.
        // A print run not asked for this time is left as it is.
        let unrequested = !options.merged && key.ends_with(MERGED);
        if unrequested || (!sound.contains(&source) && root.join(&source).exists()) {
            new.documents.insert(key.clone(), entry.clone());
            continue;
        }
        let path = out.join(key);
        let on_disk = std::fs::read(&path).ok().map(|b| manifest::fingerprint(&b));
        match on_disk {
            None => report.removed.push(PathBuf::from(key)),
            // Only what vanban wrote, unchanged since, is removed.
            Some(fp) if fp != entry.pdf => diagnostics.push(
                Diagnostic::warning(
                    Position::file(&path),
                    format!("`{key}` is no longer produced but was changed outside vanban, so it is kept"),
                )
                .with_hint("delete it yourself if it is not needed"),
            ),
            Some(_) => match std::fs::remove_file(&path) {
                Ok(()) => report.removed.push(PathBuf::from(key)),
                Err(e) => {
                    new.documents.insert(key.clone(), entry.clone());
                    report.fatal.get_or_insert(format!("cannot remove obsolete `{}`: {e}", path.display()));
                }
            },
        }
    }

    // Corrected figures: old → new per indicator, in the terminal report and changes.md.
    for job in jobs.iter().filter(|j| report.written.contains(&j.output)) {
        let Some((year, values)) = &job.values else {
            continue;
        };
        if let Some(before) = old.values.get(year) {
            let changed: Vec<Change> = values
                .iter()
                .filter_map(|(number, after)| {
                    let before = before.get(number)?;
                    let shown = |v: &manifest::Value| {
                        v.value
                            .map(|x| render::report::format_number(x, v.decimals))
                    };
                    (shown(before) != shown(after)).then(|| Change {
                        year: *year,
                        number: number.clone(),
                        before: before.clone(),
                        after: after.clone(),
                    })
                })
                .collect();
            if !changed.is_empty() {
                let path = out.join(year.to_string()).join("changes.md");
                if let Err(e) =
                    output::write_atomic(&path, changes_markdown(*year, &changed).as_bytes())
                {
                    report
                        .fatal
                        .get_or_insert(format!("cannot write `{}`: {e}", path.display()));
                }
                report.changes.extend(changed);
            }
        }
        new.values.insert(*year, values.clone());
    }

    // Typst memoizes across documents; drop what has not been used lately so memory stays
    // bounded over a long run or a `watch` session.
    typst::comemo::evict(10);
    if let Err(e) = manifest::save(out, &new) {
        report.fatal.get_or_insert(format!(
            "cannot write the build manifest in `{}`: {e}",
            out.display()
        ));
    }
    report.written.sort();
    report.rebuilt.sort();
    report.removed.sort();
    report.diagnostics = diagnostics;
    timings.stage("record values and save the manifest", start);
    report.timings = timings;
    report
}

/// The corrections of a data year as a Markdown table, for the sender to pass on.
fn changes_markdown(year: i32, changes: &[Change]) -> String {
    let mut md = format!(
        "# Số liệu đã thay đổi, năm {year}\n\n| Chỉ số | Tên chỉ số | Trước | Sau |\n|---|---|---|---|\n"
    );
    for c in changes {
        let (before, after) = c
            .describe()
            .split_once(" → ")
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .unwrap_or_default();
        md.push_str(&format!(
            "| {} | {} | {before} | {after} |\n",
            c.number, c.after.name
        ));
    }
    md
}

/// The follow-up letters due on `as_of`, planned but not compiled, with the problems found.
pub fn prepare_reminders(root: &Path, as_of: chrono::NaiveDate) -> (Vec<Job>, Vec<Diagnostic>) {
    let (jobs, diagnostics, _) = plan_reminders(root, as_of);
    (jobs, diagnostics)
}

/// The follow-up letters due on `as_of`, the problems found, and whether the project
/// validated.
fn plan_reminders(root: &Path, as_of: chrono::NaiveDate) -> (Vec<Job>, Vec<Diagnostic>, bool) {
    let (raw, mut diagnostics) = project::load(root);
    let (model, more) = validate::validate(raw);
    diagnostics.extend(more);
    let Some(model) = model else {
        return (Vec::new(), diagnostics, false);
    };
    let mut jobs = Vec::new();
    for letter in model
        .letters
        .iter()
        .filter(|l| l.kind == model::LetterKind::CongVan)
    {
        let Some(edition) = model.catalogue.edition_for(letter.data_year) else {
            continue;
        };
        let Some(deadline) = letter.deadline else {
            diagnostics.push(
                Diagnostic::warning(
                    Position::file(&letter.path),
                    format!(
                        "letter `{}` has no deadline, so nothing it asks for can be overdue",
                        letter.id
                    ),
                )
                .with_hint("add `deadline: YYYY-MM-DD` to the letter to chase late answers"),
            );
            continue;
        };
        if model.broken_years.contains(&letter.data_year) {
            diagnostics.push(
                Diagnostic::error(
                    Position::file(&letter.path),
                    format!(
                        "no follow-up letters for `{}`: the answers in data/{}/ have errors",
                        letter.id, letter.data_year
                    ),
                )
                .with_hint("fix the answers first, or a follow-up would chase items already sent"),
            );
            continue;
        }
        if as_of <= deadline {
            continue;
        }
        let Some(reminder) = &letter.reminder else {
            diagnostics.push(
                Diagnostic::error(
                    Position::file(&letter.path),
                    format!("letter `{}` has no `reminder` wording, so no follow-up letter can be written", letter.id),
                )
                .with_hint("add `reminder:` with `subject`, `opening`, `closing` (see README)"),
            );
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
        let status = compute::report::status(&model.directory, Some(edition), letter, &files);
        // The follow-up is dated `as_of`, unregistered, and cites the original.
        let symbol = format!("{}-{}", model.agency.abbreviation, letter.unit);
        let letter_number = match letter.number {
            Some(n) => format!("{}/{symbol}", render::number_text(n)),
            None => format!("      /{symbol}"),
        };
        let letter_date = match letter.date {
            model::LetterDate::Full(d) => d.format("%d/%m/%Y").to_string(),
            model::LetterDate::Month { year, month } => format!("      /{month:02}/{year}"),
        };
        let new_deadline = as_of + chrono::Days::new(u64::from(reminder.days));
        let mut follow_up = letter.clone();
        follow_up.date = model::LetterDate::Full(as_of);
        follow_up.number = None;
        follow_up.deadline = Some(new_deadline);
        let wording = render::Wording {
            subject: &reminder.subject,
            opening: &reminder.opening,
            closing: &reminder.closing,
            extra: vec![
                ("as_of", as_of.format("%d/%m/%Y").to_string()),
                ("new_deadline", new_deadline.format("%d/%m/%Y").to_string()),
                ("deadline", deadline.format("%d/%m/%Y").to_string()),
                ("letter_number", letter_number),
                ("letter_date", letter_date),
            ],
            folder: format!("{}-don-doc-{}", letter.id, as_of.format("%Y-%m-%d")),
        };
        for plan in compute::plan_reminders(&follow_up, &model.directory, edition, &status) {
            match render::render_worded(&model.agency, &plan, &wording) {
                Ok(rendered) => {
                    use chrono::Datelike;
                    jobs.push(Job {
                        template: "cong-van.typ",
                        output: PathBuf::from(rendered.output),
                        source: letter.path.clone(),
                        data: serde_json::to_value(&rendered.data).expect("letter data serializes"),
                        date: Some((as_of.year(), as_of.month(), as_of.day())),
                        values: None,
                        signature_fields: letter.signature_fields,
                    });
                }
                Err(errors) => diagnostics.extend(errors),
            }
        }
    }
    (jobs, diagnostics, true)
}

/// Renders the follow-up letters (công văn đôn đốc) due on `as_of`: for every request letter
/// whose deadline has passed, one letter to each agency that still owes items, listing
/// exactly those, citing the original and giving a new deadline.
pub fn remind(
    root: &Path,
    out: &Path,
    as_of: chrono::NaiveDate,
    progress: &(dyn Fn(Progress) + Sync),
) -> Report {
    let (jobs, mut diagnostics, sound) = plan_reminders(root, as_of);
    if !sound {
        return Report {
            diagnostics,
            ..Default::default()
        };
    }
    let engine = match Engine::new(root) {
        Ok(engine) => engine,
        Err(message) => {
            return Report::failed(diagnostics, message);
        }
    };
    let results: Vec<(Result<String, Outcome>, &Job)> = compile_all(
        &engine,
        &jobs.iter().collect::<Vec<_>>(),
        out,
        &StepClock::default(),
        progress,
    )
    .into_iter()
    .zip(&jobs)
    .collect();
    let mut report = Report::default();
    for (result, job) in results {
        match result {
            Ok(_) => {
                report.written.push(job.output.clone());
                report.rebuilt.push((job.output.clone(), "overdue"));
            }
            Err(Outcome::User(d)) => {
                report.failed += 1;
                diagnostics.extend(d);
            }
            Err(Outcome::Io(m)) => {
                report.failed += 1;
                report.fatal.get_or_insert(m);
            }
        }
    }
    report.written.sort();
    report.rebuilt.sort();
    report.diagnostics = diagnostics;
    report
}

/// Where ND 30 puts the signatures, on the laid-out page: the signer's field over the space
/// between the title line and the name (ô 7c), the seal's overlapping its left third (ô 8).
fn signature_fields(
    doc: &compile::PagedDocument,
    data: &serde_json::Value,
) -> Vec<output::SignatureField> {
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().trim().to_string();
    let (title, name, agency) = (
        text(&data["signature"]["title"]).to_uppercase(),
        text(&data["signature"]["name"]),
        text(&data["agency"]),
    );
    let runs = compile::text_runs(doc);
    // The last place the name stands under the title: the closing block.
    let Some(name_run) = runs.iter().rev().find(|r| r.text.trim() == name) else {
        return Vec::new();
    };
    let Some(title_run) = runs
        .iter()
        .rev()
        .find(|r| r.page == name_run.page && r.text.trim() == title && r.y < name_run.y)
    else {
        return Vec::new();
    };
    let Some(height) = compile::page_height(doc, name_run.page) else {
        return Vec::new();
    };
    let mm = 72.0 / 25.4;
    let centre = title_run.x + title_run.width / 2.0;
    let (top, bottom) = (
        title_run.y + 0.4 * title_run.size,
        name_run.y - name_run.size,
    );
    let width = 60.0 * mm;
    let sig = [
        centre - width / 2.0,
        height - bottom,
        centre + width / 2.0,
        height - top,
    ];
    let side = (bottom - top).min(36.0 * mm);
    let seal_right = sig[0] + width / 3.0;
    let middle = (sig[1] + sig[3]) / 2.0;
    let seal = [
        seal_right - side,
        middle - side / 2.0,
        seal_right,
        middle + side / 2.0,
    ];
    vec![
        output::SignatureField {
            name: format!("Chữ ký số - {name}"),
            page: name_run.page,
            rect: sig,
        },
        output::SignatureField {
            name: format!("Dấu - {agency}"),
            page: name_run.page,
            rect: seal,
        },
    ]
}

/// Stack of each compiling thread: Typst recurses deeply on long tables and lists.
const STACK: usize = 64 << 20;

/// Typst's memoization cache is trimmed after every this many documents, dropping what the
/// last trims left unused: memory stays bounded over a national campaign, and what every
/// document shares (templates, fonts, shaping) stays cached. Tuned with `vanban bench`.
const EVICT_EVERY: usize = 8;
/// Trims a cached result survives unused.
const EVICT_AGE: usize = 1;
/// Finished PDFs waiting for the writer, at most: enough that a slow `fsync` does not stall
/// the compiling threads, few enough to bound memory (a letter's PDF is about 50 KB).
const WRITE_QUEUE: usize = 64;

/// Compiles `jobs` on one thread per core, each document from data to PDF bytes on one
/// thread, while a writer thread writes the finished PDFs; returns each job's PDF
/// fingerprint or why it failed, in the order of `jobs`.
///
/// Plain threads rather than a rayon pool: Typst and krilla use rayon inside, and a pool
/// thread waiting on them would pick up whole other documents, so hundreds were half-built
/// at once (memory) on one thread's stack (overflow). The bounded queue to the writer keeps
/// at most `WRITE_QUEUE` finished PDFs in memory.
fn compile_all(
    engine: &Engine,
    jobs: &[&Job],
    out: &Path,
    clock: &StepClock,
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<Result<String, Outcome>> {
    // Typst lays out pages on rayon's global pool: its threads need deep stacks too.
    static POOL: std::sync::Once = std::sync::Once::new();
    POOL.call_once(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .stack_size(STACK)
            .thread_name(|i| format!("vanban-typst-{i}"))
            .build_global();
    });
    let total = jobs.len();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, total.max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let finished = || {
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        progress(Progress { done: n, total });
    };
    let produced = AtomicUsize::new(0);
    let work = |send: std::sync::mpsc::SyncSender<(usize, Vec<u8>)>| {
        let mut failed = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(job) = jobs.get(i) else { break };
            // A panic inside the compiler must not take the other documents down with it.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                produce_pdf(engine, job, clock)
            }))
            .unwrap_or_else(|_| {
                Err(Outcome::Io(format!(
                    "internal error while compiling `{}`; please report it with the input files",
                    job.output.display()
                )))
            });
            if (produced.fetch_add(1, Ordering::Relaxed) + 1).is_multiple_of(EVICT_EVERY) {
                let start = Instant::now();
                typst::comemo::evict(EVICT_AGE);
                clock.add(3, start);
            }
            match result {
                Ok(pdf) => {
                    if send.send((i, pdf)).is_err() {
                        break;
                    }
                }
                Err(outcome) => {
                    failed.push((i, outcome));
                    finished();
                }
            }
        }
        failed
    };
    let mut results: Vec<Option<Result<String, Outcome>>> = (0..total).map(|_| None).collect();
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(WRITE_QUEUE);
        let writer = scope.spawn(|| {
            let mut written = Vec::new();
            for (i, pdf) in receive {
                let start = Instant::now();
                let path = out.join(&jobs[i].output);
                // A panic here must not lose what was already written and recorded.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    write_unless_same(&path, &pdf)
                }))
                .unwrap_or_else(|_| {
                    Err(Outcome::Io(format!(
                        "internal error while writing `{}`",
                        path.display()
                    )))
                });
                clock.add(4, start);
                written.push((i, result));
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(finished));
            }
            written
        });
        let mut handles = Vec::new();
        for _ in 0..workers {
            let send = send.clone();
            let spawned = std::thread::Builder::new()
                .name("vanban-compile".into())
                .stack_size(STACK)
                .spawn_scoped(scope, || work(send));
            if let Ok(handle) = spawned {
                handles.push(handle);
            }
        }
        if handles.is_empty() {
            // No thread could be started: compile here, one document after the other.
            for (i, outcome) in work(send.clone()) {
                results[i] = Some(Err(outcome));
            }
        }
        drop(send);
        for handle in handles {
            for (i, outcome) in handle.join().unwrap_or_default() {
                results[i] = Some(Err(outcome));
            }
        }
        for (i, result) in writer.join().unwrap_or_default() {
            results[i] = Some(result);
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Outcome::Io("a compiling thread stopped".into()))))
        .collect()
}

/// Warns about characters no loaded font can print: Typst would drop them without a word.
fn missing_glyphs(engine: &Engine, jobs: &[Job]) -> Vec<Diagnostic> {
    let mut found: std::collections::BTreeSet<(PathBuf, char)> = Default::default();
    for job in jobs {
        for c in job.text().chars().filter(|&c| !engine.covers(c)) {
            found.insert((job.source.clone(), c));
        }
    }
    found
        .into_iter()
        .map(|(source, c)| {
            Diagnostic::warning(
                Position::file(&source),
                format!(
                    "character `{c}` (U+{:04X}) is in no font and will not print",
                    c as u32
                ),
            )
            .with_hint("replace it, or add a font that has it to templates/fonts/")
        })
        .collect()
}

fn collect_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => out.push_str(s),
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

enum Outcome {
    User(Vec<Diagnostic>),
    Io(String),
}

/// Writes `pdf` to `path` atomically, unless the file there already holds exactly these
/// bytes (vanban's output is reproducible, so a forced rebuild mostly produces the same
/// files): then its time, and any viewer or signing tool that has it open, are left alone.
/// Returns the PDF's fingerprint.
fn write_unless_same(path: &Path, pdf: &[u8]) -> Result<String, Outcome> {
    let same = std::fs::metadata(path).is_ok_and(|m| m.len() == pdf.len() as u64)
        && std::fs::read(path).is_ok_and(|bytes| bytes == pdf);
    if !same {
        output::write_atomic(path, pdf)
            .map_err(|e| Outcome::Io(format!("cannot write `{}`: {e}", path.display())))?;
    }
    Ok(manifest::fingerprint(pdf))
}

/// Lays out `job`, exports it to PDF and adds its signature fields.
fn produce_pdf(engine: &Engine, job: &Job, clock: &StepClock) -> Result<Vec<u8>, Outcome> {
    let to_diags = |errors: Vec<compile::CompileError>| {
        Outcome::User(
            errors
                .into_iter()
                .map(|e| {
                    let position = match (&e.file, e.line_column) {
                        (Some(f), Some((line, column))) => Position {
                            file: f.clone(),
                            line,
                            column,
                        },
                        (Some(f), None) => Position::file(f),
                        _ => Position::file(&job.source),
                    };
                    let mut d = Diagnostic::error(
                        position,
                        format!(
                            "template error while building `{}`: {}",
                            job.output.display(),
                            e.message
                        ),
                    );
                    d.hint = Some(if e.hints.is_empty() {
                        "fix the template, or delete the project's copy to use the built-in one"
                            .into()
                    } else {
                        e.hints.join("; ")
                    });
                    d
                })
                .collect(),
        )
    };
    let start = Instant::now();
    let doc = engine.layout(job.template, job.input()).map_err(to_diags)?;
    let start = clock.add(0, start);
    let ident = job.output.display().to_string();
    let mut pdf = engine.pdf(&doc, &ident, job.date).map_err(to_diags)?;
    let start = clock.add(1, start);
    if job.signature_fields {
        let fields = signature_fields(&doc, &job.data);
        pdf = output::add_signature_fields(pdf, &fields).map_err(Outcome::Io)?;
    }
    clock.add(2, start);
    Ok(pdf)
}
