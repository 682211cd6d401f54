//! The compile-and-write queue: every document from template data to a PDF on disk.
//!
//! [`THREADS_PER_CORE`] plain threads per core each take the next task, lay it out with
//! Typst, export it and add its signature fields, then hand the PDF to a single writer thread
//! through a bounded channel ([`WRITE_QUEUE`] PDFs): writing never stalls the compiling
//! threads, and memory stays bounded. The writer stages each file beside its target and, once
//! every document is done, makes them all durable with one sync and renames them into place
//! ([`crate::output::Batch`]). Plain threads rather than a rayon pool: Typst and krilla use rayon
//! inside, and a pool thread waiting on them would pick up whole other documents, so hundreds
//! were half-built at once (memory) on one thread's stack (overflow). Each thread keeps the
//! last document of every template it laid out, to start the next one's layout from
//! ([`crate::compile::Seeds`]); tasks come in plan order, a letter's siblings together.
//! Every [`EVICT_EVERY`] documents Typst's memoization cache is trimmed. A panic in the
//! compiler or the writer fails that document alone. Results come back in the order of the
//! tasks.

use std::path::Path;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::Error;
use crate::compile::{CompileError, Engine, Seeds};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::output::signature::{self, Signer};
use crate::output::verify::{Margins, Place, Problem, header_wraps, verify};
use crate::parallel::{STACK, cores, deep_rayon_pool};

/// Typst's memoization cache is trimmed after every this many documents, dropping what the
/// last trims left unused: memory stays bounded over a national campaign, and what every
/// document shares (templates, fonts, shaping) stays cached. Tuned with `vanban bench`.
const EVICT_EVERY: usize = 8;
/// Trims a cached result survives unused.
const EVICT_AGE: usize = 1;
/// Compiling threads per core. A compiling thread often waits: on the rayon jobs Typst and
/// krilla hand out, on the writer, on a workbook's own threads; a second thread per core
/// keeps the core busy meanwhile. Measured with `vanban bench` on 2 cores: a warm national
/// build 3.9 s with one per core, 3.3 s with two, no faster with three or four (more memory).
pub(crate) const THREADS_PER_CORE: usize = 2;
/// Finished PDFs waiting for the writer, at most: enough that a slow `fsync` does not stall
/// the compiling threads, few enough to bound memory (a letter's PDF is about 50 KB).
const WRITE_QUEUE: usize = 64;

/// One document to compile and write.
pub(crate) struct Task<'a> {
    /// Template file name in `templates/`.
    pub(crate) template: &'static str,
    /// The template input, JSON bytes.
    pub(crate) input: &'a [u8],
    /// Output path relative to the output folder.
    pub(crate) output: &'a Path,
    /// The project file it comes from, for errors without a template position.
    pub(crate) source: &'a Path,
    /// The document date (year, month, day), for PDF metadata.
    pub(crate) date: Option<(i32, u32, u32)>,
    /// The signer whose signature and seal fields are added, if any.
    pub(crate) signer: Option<Signer>,
    /// Text fields over the blank number and the blank day, for the văn thư to fill in
    /// after the leader signed (with the signer's fields only).
    pub(crate) blanks: (bool, bool),
    /// The page margins the layout must keep to.
    pub(crate) margins: Margins,
    /// Strings from the data that the laid-out pages must carry.
    pub(crate) expected: Vec<String>,
    /// How many lines the header's agency block has as given (governing body and agency),
    /// for documents with an ND 30 header: more laid-out lines mean one wrapped.
    pub(crate) header_lines: Option<usize>,
    /// The fingerprint of the file now at the output path, when the manifest knows it (the
    /// file is unchanged since recorded): output found byte for byte the same is not hashed.
    pub(crate) on_disk: Option<String>,
    /// A reply workbook to write instead of a document to compile.
    pub(crate) form: Option<&'a crate::form::Form>,
}

/// Why a document was not written.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Problems in the user's files or templates.
    User(Vec<Diagnostic>),
    /// A failure outside them.
    Fatal(Error),
}

/// The steps of compiling one document, in order.
const STEPS: [&str; 7] = [
    "layout (Typst)",
    "PDF export",
    "signature fields",
    "trim Typst's cache",
    "write to disk (writer thread)",
    "check the laid-out pages",
    "reply workbooks (xlsx)",
];

/// Per-document step times, summed across the compiling threads and the writer thread.
#[derive(Default)]
pub(crate) struct StepClock {
    nanos: [AtomicU64; STEPS.len()],
}

impl StepClock {
    /// Adds the time since `since` to step `step`; returns now.
    fn add(&self, step: usize, since: Instant) -> Instant {
        let now = Instant::now();
        self.nanos[step].fetch_add((now - since).as_nanos() as u64, Ordering::Relaxed);
        now
    }

    /// Each step's name and its time summed over all documents and threads.
    pub(crate) fn steps(&self) -> Vec<(&'static str, Duration)> {
        STEPS
            .iter()
            .zip(&self.nanos)
            .map(|(name, n)| (*name, Duration::from_nanos(n.load(Ordering::Relaxed))))
            .collect()
    }
}

/// Compiles `tasks` on [`THREADS_PER_CORE`] threads per core while a writer thread writes the finished PDFs
/// below `out`; returns each task's PDF fingerprint or why it failed, in the order of `tasks`.
/// `progress` is called with (documents finished, total) after each; `warnings` receives what
/// the laid-out documents warn about.
pub(crate) fn run(
    engine: &Engine,
    tasks: &[Task],
    out: &Path,
    clock: &StepClock,
    progress: &(dyn Fn(usize, usize) + Sync),
    warnings: &std::sync::Mutex<Vec<Diagnostic>>,
) -> Vec<Result<String, Failure>> {
    deep_rayon_pool();
    let total = tasks.len();
    let workers = (cores() * THREADS_PER_CORE).clamp(1, total.max(1));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let finished = || progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
    let produced = AtomicUsize::new(0);
    let work = |send: std::sync::mpsc::SyncSender<(usize, Vec<u8>)>| {
        let mut failed = Vec::new();
        // Each thread starts a document's layout from its sibling's, the last one this
        // thread laid out from the same template (`Engine::layout_seeded`).
        let mut seeds = Seeds::default();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(task) = tasks.get(i) else { break };
            // A panic inside the compiler must not take the other documents down with it.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                match task.form {
                    Some(form) => {
                        let start = Instant::now();
                        let book = crate::form::write(form).map_err(|e| {
                            Failure::Fatal(Error::Internal(format!(
                                "cannot write the workbook `{}`: {e}",
                                task.output.display()
                            )))
                        });
                        clock.add(6, start);
                        book
                    }
                    None => produce_pdf(engine, &mut seeds, task, clock, warnings),
                }
            }))
            .unwrap_or_else(|_| {
                Err(Failure::Fatal(Error::Internal(format!(
                    "internal error while compiling `{}`; please report it with the input files",
                    task.output.display()
                ))))
            });
            // Only documents Typst laid out fill its cache; a workbook does not.
            if task.form.is_none()
                && (produced.fetch_add(1, Ordering::Relaxed) + 1).is_multiple_of(EVICT_EVERY)
            {
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
                Err(failure) => {
                    failed.push((i, failure));
                    finished();
                }
            }
        }
        failed
    };
    let mut results: Vec<Option<Result<String, Failure>>> = (0..total).map(|_| None).collect();
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(WRITE_QUEUE);
        let writer = scope.spawn(|| {
            let mut written = Vec::new();
            let mut batch = crate::output::Batch::default();
            for (i, pdf) in receive {
                let start = Instant::now();
                let path = out.join(tasks[i].output);
                // A panic here must not lose what was already written and recorded.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    crate::output::pdf::write_unless_same(
                        &path,
                        &pdf,
                        tasks[i].on_disk.as_deref(),
                        &mut batch,
                    )
                    .map_err(Failure::Fatal)
                }))
                .unwrap_or_else(|_| {
                    Err(Failure::Fatal(Error::Internal(format!(
                        "internal error while writing `{}`",
                        path.display()
                    ))))
                });
                clock.add(4, start);
                written.push((i, result));
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(finished));
            }
            // Everything written is made durable at once, then put in place.
            let start = Instant::now();
            for (path, error) in batch.commit() {
                if let Some((_, result)) =
                    written.iter_mut().find(|(i, _)| out.join(tasks[*i].output) == path)
                {
                    *result = Err(Failure::Fatal(Error::io(
                        format!("cannot write `{}`", path.display()),
                        error,
                    )));
                }
            }
            clock.add(4, start);
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
            for (i, failure) in work(send.clone()) {
                results[i] = Some(Err(failure));
            }
        }
        drop(send);
        for handle in handles {
            for (i, failure) in handle.join().unwrap_or_default() {
                results[i] = Some(Err(failure));
            }
        }
        for (i, result) in writer.join().unwrap_or_default() {
            results[i] = Some(result);
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(Failure::Fatal(Error::Internal(
                    "a compiling thread stopped".into(),
                )))
            })
        })
        .collect()
}

/// Template and export errors as diagnostics at the template's position, or else at the
/// project file the document comes from.
fn template_errors(task: &Task, errors: Vec<CompileError>) -> Failure {
    Failure::User(
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
                    _ => Position::file(task.source),
                };
                // One broken template stops every document made with it: reported for
                // each, shown once with the list.
                let d = Diagnostic::error(Code::Template, position, format!("template error: {}", e.message))
                    .says("template-error", &[("detail", &e.message)])
                    .stopping(task.output.display().to_string().replace('\\', "/"));
                if e.hints.is_empty() {
                    d.with_hint("fix the template, or delete the project's copy to use the built-in one")
                        .hints("template-error-hint", &[])
                } else {
                    // Typst's own hints, as Typst words them.
                    d.with_hint(e.hints.join("; "))
                }
            })
            .collect(),
    )
}

/// Lays out `task`, exports it to PDF and adds its signature fields.
fn produce_pdf(
    engine: &Engine,
    seeds: &mut Seeds,
    task: &Task,
    clock: &StepClock,
    warnings: &std::sync::Mutex<Vec<Diagnostic>>,
) -> Result<Vec<u8>, Failure> {
    let start = Instant::now();
    let doc = engine
        .layout_seeded(task.template, task.input.to_vec(), seeds)
        .map_err(|e| template_errors(task, e))?;
    let start = clock.add(0, start);
    // The text runs every check below reads, found once (each glyph's box is looked up).
    let runs = crate::compile::text_runs(&doc);
    let problems = verify(&doc, &runs, task.margins, &task.expected);
    if !problems.is_empty() {
        return Err(Failure::User(
            problems
                .iter()
                .map(|problem| layout_error(task, problem))
                .collect(),
        ));
    }
    if let Some(lines) = task.header_lines
        && header_wraps(&runs, task.margins, lines)
        && let Ok(mut found) = warnings.lock()
    {
        found.push(
            Diagnostic::warning(
                Code::Layout,
                Position::file(task.source),
                format!(
                    "`{}`: a line of the agency's name in the header is too long for its column and wraps",
                    task.output.display()
                ),
            )
            .with_hint("give `governing_body` and `name` in data/agency.yaml as lists of their header lines, e.g. [\"ỦY BAN NHÂN DÂN\", \"TỈNH LẠNG SƠN\"]")
            .says(
                "queue-header-wraps",
                &[("output", &task.output.display().to_string())],
            )
            .hints("queue-header-wraps-hint", &[]),
        );
    }
    let start = clock.add(5, start);
    let ident = task.output.display().to_string();
    let mut pdf = crate::output::pdf::export(&doc, &ident, task.date).map_err(|errors| {
        // The document laid out; PDF/A refused it (the template is not to blame).
        Failure::User(
            errors
                .into_iter()
                .map(|e| {
                    Diagnostic::error(
                        Code::Layout,
                        Position::file(task.source),
                        format!(
                            "`{}` cannot be written as PDF/A-2b: {}",
                            task.output.display(),
                            e.message
                        ),
                    )
                    .with_hint("remove or replace the text the message names")
                    .says(
                        "queue-pdfa",
                        &[("output", &task.output.display().to_string()), ("detail", &e.message)],
                    )
                    .hints("queue-pdfa-hint", &[])
                })
                .collect(),
        )
    })?;
    let start = clock.add(1, start);
    if let Some(signer) = &task.signer {
        let fields = signature::place(&doc, &runs, signer)
            .and_then(|mut fields| {
                let (number, day) = task.blanks;
                fields.extend(signature::place_blanks(&doc, &runs, number, day)?);
                Ok(fields)
            })
            .map_err(|why| Failure::User(vec![unplaced_error(task, &why)]))?;
        pdf = signature::add_fields(pdf, &fields).map_err(Failure::Fatal)?;
    }
    clock.add(2, start);
    Ok(pdf)
}

/// The error for a laid-out document that lost text or put it in a margin: it is not written.
fn layout_error(task: &Task, problem: &Problem) -> Diagnostic {
    let output = task.output.display().to_string();
    let error = Diagnostic::error(
        Code::Layout,
        Position::file(task.source),
        format!("`{output}` is not written: {problem}"),
    )
    .with_hint("shorten the text, or report it if the template should have made room for it")
    .hints("queue-layout-hint", &[]);
    match problem {
        Problem::Missing(text) => {
            error.says("queue-text-missing", &[("output", &output), ("text", text)])
        }
        Problem::Stray {
            page,
            place,
            text,
            more,
        } => {
            let (page, count) = (page.to_string(), more.to_string());
            let args: &[(&'static str, &str)] =
                &[("output", &output), ("page", &page), ("text", text), ("more", &count)];
            match (place, *more > 0) {
                (Place::TopMargin, false) => error.says("queue-stray-top", args),
                (Place::TopMargin, true) => error.says("queue-stray-top-more", args),
                (Place::FootOfPage, false) => error.says("queue-stray-foot", args),
                (Place::FootOfPage, true) => error.says("queue-stray-foot-more", args),
                (Place::BottomMargin, false) => error.says("queue-stray-bottom", args),
                (Place::BottomMargin, true) => error.says("queue-stray-bottom-more", args),
                (Place::LeftMargin, false) => error.says("queue-stray-left", args),
                (Place::LeftMargin, true) => error.says("queue-stray-left-more", args),
                (Place::RightMargin, false) => error.says("queue-stray-right", args),
                (Place::RightMargin, true) => error.says("queue-stray-right-more", args),
            }
        }
    }
}

/// The error for a document whose signature fields cannot be placed.
fn unplaced_error(task: &Task, why: &signature::Unplaced) -> Diagnostic {
    use crate::output::signature::Unplaced;
    let output = task.output.display().to_string();
    let error = Diagnostic::error(
        Code::Template,
        Position::file(task.source),
        format!("the signature fields of `{output}` cannot be placed: {why}"),
    )
    .with_hint("keep the signer's title and name short enough for one line each, or turn `signature_fields` off for this letter")
    .hints("queue-fields-hint", &[]);
    match why {
        Unplaced::TitleNotAboveName { title, name } => error.says(
            "queue-fields-title",
            &[("output", &output), ("title", title), ("name", name)],
        ),
        Unplaced::NameNotOnOneLine { name } => {
            error.says("queue-fields-name", &[("output", &output), ("name", name)])
        }
        Unplaced::NoPageSize { page } => error.says(
            "queue-fields-page-size",
            &[("output", &output), ("page", &page.to_string())],
        ),
        Unplaced::NoNumberBlank => {
            error.says("queue-fields-number-blank", &[("output", &output)])
        }
        Unplaced::NoDayBlank => error.says("queue-fields-day-blank", &[("output", &output)]),
    }
}
