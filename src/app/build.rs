//! `vanban build`: every document whose inputs changed since the last build, compiled into
//! `out/`, obsolete outputs removed, corrected figures reported. [`produce`], the part after
//! planning (engine, glyph check, lock, manifest, queue, record), is shared with `remind`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Progress, RunReport, Timings};
use crate::Error;
use crate::compile::Engine;
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::manifest::{self, Rebuild};
use crate::output::signature::Signer;
use crate::output::verify::Margins;
use crate::plan::{Figure, Job, MERGED};
use crate::queue::{self, Failure, StepClock, Task};
use crate::render::vi::format_fixed;

/// How a build runs.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Rebuild every document, whether its inputs changed or not.
    pub force: bool,
    /// Also write each letter's print run: all per-agency letters in one PDF.
    pub merged: bool,
    /// Mark every unregistered document "DỰ THẢO", for review; a registered one never is.
    pub draft: bool,
    /// With `force`, also overwrite PDFs that carry a digital signature.
    pub force_signed: bool,
    /// Which unanswered items are warned about (`--as-of`, `--year`).
    pub chase: super::Chase,
}

/// An indicator value that changed since the previous build.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Data year.
    pub year: i32,
    /// Indicator number, "01".
    pub number: String,
    /// The value before.
    pub before: Figure,
    /// The value now.
    pub after: Figure,
}

impl Change {
    /// "44,01 % → 45,2 %".
    pub fn describe(&self) -> String {
        let show = |v: &Figure| match v.value {
            Some(x) => format!("{} {}", format_fixed(x, v.decimals), v.unit),
            None => "chưa tính được".to_string(),
        };
        format!("{} → {}", show(&self.before), show(&self.after))
    }
}

/// Builds every document of the project at `root` into `out` with default options.
pub fn build(root: &Path, out: &Path, progress: &(dyn Fn(Progress) + Sync)) -> RunReport {
    build_with(root, out, &BuildOptions::default(), progress)
}

/// Builds the documents whose inputs changed since the last build into `out` (all of them
/// with `force`), removes obsolete outputs and records what each PDF was made from; a
/// document's problems never stop the others.
pub fn build_with(
    root: &Path,
    out: &Path,
    options: &BuildOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> RunReport {
    let mut timings = Timings::default();
    // Print runs once made are kept up to date by every build: a stale one would be printed.
    let merged = options.merged || manifest::recorded(out).iter().any(|k| k.ends_with(MERGED));
    let plan_options = crate::plan::Options {
        merged,
        draft: options.draft,
    };
    // The fonts and templates load on a thread of their own while the project is read and
    // planned: a one-figure correction spends a twentieth of its time loading them.
    let (engine, (planned, sources)) = std::thread::scope(|scope| {
        let loading = std::thread::Builder::new().spawn_scoped(scope, || Engine::new(root));
        let planned = super::planned(root, plan_options, options.chase, &mut timings);
        let engine = match loading {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => Engine::new(root),
        };
        (engine, planned)
    });
    let how = Production {
        sources: &sources,
        force: options.force.then_some(Rebuild::Forced),
        keep_signed: !options.force_signed,
        prune: Some(Prune {
            sound: &planned.sound,
            merged,
        }),
        reminder: false,
        engine: Some(engine),
    };
    produce(
        root,
        out,
        &planned.jobs,
        planned.diagnostics,
        how,
        timings,
        progress,
    )
}

/// What a run does with the documents it produces.
pub(crate) struct Production<'a> {
    /// The text of every project file read, where a character no font has is reported.
    pub(crate) sources: &'a [(PathBuf, String)],
    /// Compile every document, for this reason, whatever the manifest says.
    pub(crate) force: Option<Rebuild>,
    /// Remove outputs no longer produced (a build's whole set of documents).
    pub(crate) prune: Option<Prune<'a>>,
    /// The documents are follow-up letters: recorded so that builds leave them alone.
    pub(crate) reminder: bool,
    /// A forced rebuild leaves a signed PDF as it is.
    pub(crate) keep_signed: bool,
    /// The fonts and templates, when loaded beforehand; else loaded first thing.
    pub(crate) engine: Option<Result<Engine, String>>,
}

/// What a build knows to decide that an output is obsolete.
pub(crate) struct Prune<'a> {
    /// Letter files that validated: an output they no longer produce is obsolete.
    sound: &'a BTreeSet<PathBuf>,
    /// Whether print runs were asked for.
    merged: bool,
}

/// Compiles `jobs` into `out`: loads the engine (unless `how` brings it), warns about
/// characters no font has, takes the output folder's lock, compiles what the manifest says
/// changed (or everything, when forced), removes obsolete outputs when pruning, reports
/// corrected figures, and saves the manifest.
pub(crate) fn produce(
    root: &Path,
    out: &Path,
    jobs: &[Job],
    mut diagnostics: Vec<Diagnostic>,
    mut how: Production,
    mut timings: Timings,
    progress: &(dyn Fn(Progress) + Sync),
) -> RunReport {
    let start = Instant::now();
    let engine = match how.engine.take().unwrap_or_else(|| Engine::new(root)) {
        Ok(engine) => engine,
        Err(message) => return RunReport::failed(diagnostics, Error::Setup(message)),
    };
    let start = timings.stage("load fonts and templates", start);
    let (glyphs, unprintable) = glyph_errors(&engine, how.sources);
    diagnostics.extend(glyphs);
    diagnostics.extend(font_warnings(&engine));
    let start = timings.stage("check glyphs", start);
    // Two runs writing into one out/ would interleave their files and manifests.
    let _lock = match crate::output::lock::lock(out) {
        Ok(lock) => lock,
        Err(error) => return RunReport::failed(diagnostics, error),
    };
    crate::output::clean_temporaries(out);
    let old = manifest::load(out);
    let mut new = manifest::Manifest {
        values: old.values.clone(),
        ..Default::default()
    };
    if how.prune.is_none() {
        // Not the whole set of documents: every other output stays as recorded.
        new.documents = old.documents.clone();
    }
    let (templates, fonts) = engine.fingerprints().clone();

    // Decide what to compile, and why.
    let mut todo: Vec<(&Job, manifest::Entry, Rebuild, Option<String>)> = Vec::new();
    let mut report = RunReport::default();
    // Each job's input fingerprint and the fingerprint of its file on disk, on every core: a
    // national campaign has two thousand outputs to compare on every build.
    let compared = crate::parallel::map_in_order(jobs, |job| {
        let input = crate::fingerprint::fingerprint(job.input());
        let on_disk = old
            .documents
            .get(&key(&job.output))
            .and_then(|p| manifest::on_disk(&out.join(&job.output), p));
        (input, on_disk)
    });
    for (job, (input, on_disk)) in jobs.iter().zip(compared) {
        // A character no font has would be dropped, or fail PDF/A: the document is not made
        // (the error stands at the character's place in the YAML).
        let unprintable_here = (!unprintable.is_empty())
            .then(|| job.text().chars().find(|c| unprintable.contains(c)))
            .flatten();
        if let Some(c) = unprintable_here {
            report.failed += 1;
            diagnostics.push(
                Diagnostic::error(
                    Code::Glyph,
                    Position::file(&job.source),
                    format!(
                        "`{}` is not written: it would print `{c}` (U+{:04X}), which no font has",
                        job.output.display(),
                        c as u32
                    ),
                )
                .with_hint("see the error at the character's place")
                .says(
                    "build-glyph-output",
                    &[
                        ("output", &job.output.display().to_string()),
                        ("char", &c.to_string()),
                        ("code", &format!("{:04X}", c as u32)),
                    ],
                )
                .hints("build-glyph-output-hint", &[]),
            );
            if let Some(previous) = old.documents.get(&key(&job.output)) {
                new.documents.insert(key(&job.output), previous.clone());
            }
            continue;
        }
        let output_key = key(&job.output);
        let entry = manifest::Entry {
            source: key(&job.source),
            input,
            templates: templates.clone(),
            fonts: fonts.clone(),
            tool: env!("CARGO_PKG_VERSION").to_string(),
            pdf: String::new(),
            stamp: None,
            reminder: how.reminder,
            unsigned: true,
        };
        let previous = old.documents.get(&output_key);
        let natural = manifest::reason(previous, &entry, on_disk.as_deref());
        // A follow-up letter signed since it was written is never overwritten by the next
        // `remind`; a build's `--force` overwrites, as asked.
        let mut why = match how.force {
            Some(_) if how.reminder && natural == Some(Rebuild::ChangedOutside) => natural,
            Some(forced) => Some(forced),
            None => natural,
        };
        // A signed document is never replaced, whatever changed (data, templates, vanban
        // itself) and even when forced, unless asked by name (`--force-signed`): it is what
        // was issued. A file unchanged since vanban wrote it unsigned is not read again.
        let unchanged_unsigned =
            previous.is_some_and(|p| p.unsigned && on_disk.as_deref() == Some(p.pdf.as_str()));
        if how.keep_signed
            && why.is_some_and(|w| w != Rebuild::OutputMissing)
            && !unchanged_unsigned
            && std::fs::read(out.join(&job.output))
                .is_ok_and(|pdf| crate::output::signature::fill::is_signed(&pdf))
        {
            why = Some(Rebuild::ChangedOutside);
        }
        if why == Some(Rebuild::ChangedOutside) {
            // Perhaps signed, numbered or stamped since: never overwrite it unasked.
            diagnostics.push(
                Diagnostic::warning(
                    Code::ChangedOutside,
                    Position::file(out.join(&job.output)),
                    format!(
                        "`{}` was changed outside vanban and is not overwritten",
                        job.output.display()
                    ),
                )
                .with_hint("move it away to have it rebuilt, or run `vanban build --force`")
                .says(
                    "build-changed-outside",
                    &[("output", &job.output.display().to_string())],
                )
                .hints("build-changed-outside-hint", &[]),
            );
            if let Some(previous) = previous {
                new.documents.insert(output_key, previous.clone());
            }
            continue;
        }
        match (why, previous) {
            (Some(why), _) => {
                // The file at the output path is the one recorded: its fingerprint is known.
                let known = previous
                    .filter(|p| on_disk.as_deref() == Some(p.pdf.as_str()))
                    .map(|p| p.pdf.clone());
                todo.push((job, entry, why, known));
            }
            (None, Some(previous)) => {
                new.documents.insert(output_key, previous.clone());
                report.unchanged.push(job.output.clone());
            }
            (None, None) => unreachable!("a document without a previous entry is new"),
        }
    }

    let start = timings.stage("compare with the manifest", start);
    let clock = StepClock::default();
    let tasks: Vec<Task> = todo
        .iter()
        .map(|(job, _, _, known)| Task {
            on_disk: known.clone(),
            ..task(job)
        })
        .collect();
    let warnings = std::sync::Mutex::new(Vec::new());
    let compiled = queue::run(
        &engine,
        &tasks,
        out,
        &clock,
        &|done, total| progress(Progress { done, total }),
        &warnings,
    );
    diagnostics.extend(warnings.into_inner().unwrap_or_default());
    let start = timings.stage("compile, export and write (parallel)", start);
    timings.steps = clock.steps();
    for (result, (job, mut entry, why, _)) in compiled.into_iter().zip(todo) {
        let key = key(&job.output);
        match result {
            Ok(pdf) => {
                entry.pdf = pdf;
                entry.stamp = manifest::stamp(&out.join(&job.output));
                new.documents.insert(key, entry);
                report.written.push(job.output.clone());
                report.rebuilt.push((job.output.clone(), why));
            }
            Err(failure) => {
                // The old PDF, if any, stays; so does its entry, so the next run tries again.
                if let Some(previous) = old.documents.get(&key) {
                    new.documents.insert(key, previous.clone());
                }
                report.failed += 1;
                match failure {
                    Failure::User(diags) => diagnostics.extend(diags),
                    Failure::Fatal(error) => report.fail(error),
                }
            }
        }
    }
    if let Some(prune) = &how.prune {
        remove_obsolete(
            root,
            out,
            &old,
            &mut new,
            prune,
            &mut report,
            &mut diagnostics,
        );
    }
    record_changes(out, jobs, &old, &mut new, &mut report);

    // Typst memoizes across documents; drop what has not been used lately so memory stays
    // bounded over a long run or a `watch` session.
    typst::comemo::evict(10);
    if let Err(e) = manifest::save(out, &new) {
        report.fail(Error::io(
            format!("cannot write the build manifest in `{}`", out.display()),
            e,
        ));
    }
    report.written.sort();
    report.rebuilt.sort_by(|a, b| a.0.cmp(&b.0));
    report.removed.sort();
    report.diagnostics = diagnostics;
    timings.stage("record values and save the manifest", start);
    report.timings = timings;
    report
}

/// A manifest key: the path with forward slashes.
fn key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// What the queue needs of a job: its template, input, paths, date and signer.
fn task(job: &Job) -> Task<'_> {
    let signer = job
        .signature_fields
        .then(|| job.data.frame())
        .flatten()
        .map(|frame| Signer {
            title: frame.signature.title.clone(),
            name: frame.signature.name.clone(),
            agency: frame.agency.clone(),
        });
    let blanks = job
        .signature_fields
        .then(|| job.data.frame())
        .flatten()
        .map_or((false, false), |f| {
            (f.number.is_none(), f.date.day.is_none())
        });
    Task {
        blanks,
        template: job.template.file_name(),
        input: job.input(),
        output: &job.output,
        source: &job.source,
        date: job.date,
        signer,
        margins: {
            let (top, bottom, left, right) = job.template.margins_mm();
            Margins::mm(top, bottom, left, right)
        },
        expected: job.data.expected_text(),
        header_lines: job.data.frame().and_then(|f| {
            // A print run's letters have their own headers; the first page's is checked.
            (!matches!(job.kind, crate::plan::DocKind::PrintRun))
                .then_some(f.governing_lines.len() + f.agency_lines.len())
        }),
        form: match &job.data {
            crate::plan::TemplateData::Form(form) => Some(form),
            _ => None,
        },
        on_disk: None,
    }
}

/// Outputs whose source letter is gone, or no longer produces them, are removed; those of
/// letters that have errors this run are kept until the errors are fixed, and so are print
/// runs not asked for this time and follow-up letters.
fn remove_obsolete(
    root: &Path,
    out: &Path,
    old: &manifest::Manifest,
    new: &mut manifest::Manifest,
    prune: &Prune,
    report: &mut RunReport,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (key, entry) in &old.documents {
        if new.documents.contains_key(key) {
            continue;
        }
        let source = PathBuf::from(&entry.source);
        let unrequested = (!prune.merged && key.ends_with(MERGED)) || entry.reminder;
        if unrequested || (!prune.sound.contains(&source) && root.join(&source).exists()) {
            new.documents.insert(key.clone(), entry.clone());
            continue;
        }
        let path = out.join(key);
        let bytes = std::fs::read(&path).ok();
        // A signed document is kept, even when no letter makes it any more.
        if bytes
            .as_deref()
            .is_some_and(crate::output::signature::fill::is_signed)
        {
            new.documents.insert(key.clone(), entry.clone());
            diagnostics.push(
                Diagnostic::warning(
                    Code::ChangedOutside,
                    Position::file(&path),
                    format!("`{key}` is no longer produced but is signed, so it is kept"),
                )
                .with_hint("move it to the archive yourself if it is not needed here")
                .says("build-signed-kept", &[("output", key)])
                .hints("build-signed-kept-hint", &[]),
            );
            continue;
        }
        let on_disk = bytes.map(|b| crate::fingerprint::fingerprint(&b));
        match on_disk {
            None => report.removed.push(PathBuf::from(key)),
            // Only what vanban wrote, unchanged since, is removed.
            Some(fp) if fp != entry.pdf => diagnostics.push(
                Diagnostic::warning(
                    Code::ChangedOutside,
                    Position::file(&path),
                    format!(
                        "`{key}` is no longer produced but was changed outside vanban, so it is kept"
                    ),
                )
                .with_hint("delete it yourself if it is not needed")
                .says("build-changed-kept", &[("output", key)])
                .hints("build-changed-kept-hint", &[]),
            ),
            Some(_) => match std::fs::remove_file(&path) {
                Ok(()) => report.removed.push(PathBuf::from(key)),
                Err(e) => {
                    new.documents.insert(key.clone(), entry.clone());
                    report.fail(Error::io(
                        format!("cannot remove obsolete `{}`", path.display()),
                        e,
                    ));
                }
            },
        }
    }
}

/// Corrected figures: old → new per indicator of every report written, in the run's report
/// and in `out/<year>/changes.md`; the new values are recorded for the next build.
fn record_changes(
    out: &Path,
    jobs: &[Job],
    old: &manifest::Manifest,
    new: &mut manifest::Manifest,
    report: &mut RunReport,
) {
    let written: BTreeSet<&PathBuf> = report.written.iter().collect();
    let mut changes = Vec::new();
    let mut failure = None;
    for job in jobs.iter().filter(|j| written.contains(&j.output)) {
        let Some((year, values)) = &job.values else {
            continue;
        };
        if let Some(before) = old.values.get(year) {
            let shown = |v: &Figure| v.value.map(|x| format_fixed(x, v.decimals));
            let changed: Vec<Change> = values
                .iter()
                .filter_map(|(number, after)| {
                    let before = before.get(number)?;
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
                let kept = std::fs::read_to_string(&path).ok();
                let text = changes_markdown(*year, &changed, kept.as_deref());
                if let Err(e) = crate::output::write_atomic(&path, text.as_bytes()) {
                    failure
                        .get_or_insert(Error::io(format!("cannot write `{}`", path.display()), e));
                }
                changes.extend(changed);
            }
        }
        new.values.insert(*year, values.clone());
    }
    report.changes.extend(changes);
    if let Some(error) = failure {
        report.fail(error);
    }
}

/// The corrections of a data year as a dated Markdown section, added to what the file held
/// (`changes.md` keeps every correction, not only the last build's): each indicator old → new,
/// and whose figures changed, with the reply they came in.
fn changes_markdown(year: i32, changes: &[Change], before: Option<&str>) -> String {
    let mut md = match before {
        Some(text) if !text.trim().is_empty() => format!("{}\n\n", text.trim_end()),
        _ => format!("# Số liệu đã thay đổi, năm {year}\n\n"),
    };
    let today = crate::render::vi::date(chrono::Local::now().date_naive());
    md.push_str(&format!(
        "## Lần dựng ngày {today}\n\n| Chỉ số | Tên chỉ số | Trước | Sau | Số liệu thay đổi (đơn vị, văn bản) |\n|---|---|---|---|---|\n"
    ));
    for c in changes {
        let (before, after) = c
            .describe()
            .split_once(" → ")
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .unwrap_or_default();
        let whose: Vec<&String> = c
            .after
            .sources
            .iter()
            .filter(|s| !c.before.sources.contains(s))
            .collect();
        let whose = if whose.is_empty() {
            "-".to_string()
        } else {
            whose
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        md.push_str(&format!(
            "| {} | {} | {before} | {after} | {} |\n",
            c.number,
            c.after.name,
            whose.replace('|', "/")
        ));
    }
    md
}

/// A warning for each font family of the project that lacks a style (the bundled Tinos
/// stands in for it).
pub(crate) fn font_warnings(engine: &Engine) -> Vec<Diagnostic> {
    engine
        .incomplete_families()
        .iter()
        .map(|(family, missing)| {
            let styles = missing.join(", ");
            // The styles in Vietnamese, for the catalogue's message.
            let kieu = missing
                .iter()
                .map(|s| match *s {
                    "regular" => "thường",
                    "bold" => "đậm",
                    "italic" => "nghiêng",
                    "bold italic" => "đậm nghiêng",
                    other => other,
                })
                .collect::<Vec<_>>()
                .join(", ");
            let warning = Diagnostic::warning(
                Code::Font,
                Position::file("templates/fonts"),
                format!(
                    "font family `{family}` in templates/fonts/ has no {styles} style: the bundled Tinos stands in for {}",
                    if missing.len() == 1 { "it" } else { "them" }
                ),
            )
            .with_hint("add the family's missing files (for Times New Roman: timesbd.ttf, timesi.ttf, timesbi.ttf), or remove it to use Tinos throughout")
            .hints("build-font-incomplete-hint", &[]);
            let args: &[(&'static str, &str)] =
                &[("family", family), ("styles", &styles), ("styles-vi", &kieu)];
            if missing.len() == 1 {
                warning.says("build-font-incomplete-one", args)
            } else {
                warning.says("build-font-incomplete", args)
            }
        })
        .collect()
}

/// Errors for every character of the YAML sources (outside comments) that no loaded font can
/// print, at its place, naming it and its code point (Typst would drop it without a word, or
/// PDF/A export would fail); and the set of such characters.
pub(crate) fn glyph_errors(
    engine: &Engine,
    sources: &[(PathBuf, String)],
) -> (Vec<Diagnostic>, BTreeSet<char>) {
    let mut errors = Vec::new();
    let mut found = BTreeSet::new();
    for (file, text) in sources {
        for (i, line) in text.lines().enumerate() {
            let value = crate::project::value_part(line);
            let mut seen = BTreeSet::new();
            for (column, c) in value.chars().enumerate() {
                if engine.covers(c) || !seen.insert(c) {
                    continue;
                }
                found.insert(c);
                errors.push(
                    Diagnostic::error(
                        Code::Glyph,
                        Position {
                            file: file.clone(),
                            line: i + 1,
                            column: column + 1,
                        },
                        format!(
                            "character `{c}` (U+{:04X}) is in no font and cannot be printed",
                            c as u32
                        ),
                    )
                    .with_hint("replace it (e.g. `m3` for `m³`, `[ ]` for `☐`), or add a font that has it to templates/fonts/")
                    .says(
                        "build-glyph",
                        &[("char", &c.to_string()), ("code", &format!("{:04X}", c as u32))],
                    )
                    .hints("build-glyph-hint", &[]),
                );
            }
        }
    }
    (errors, found)
}
