//! vanban: YAML in, ND 30/2020 Vietnamese official letters out, through Typst in-process.
//!
//! The stages run one way: `project` reads the files, `validate` checks them into the
//! `model`, `compute` plans the documents, `render` fills in the text, `compile` lays the
//! documents out with Typst and exports PDF, `output` writes them atomically. This file wires
//! the stages into the `check` and `build` commands; it prints nothing.

pub mod compile;
pub mod compute;
pub mod diagnostic;
pub mod model;
pub mod output;
pub mod project;
pub mod render;
pub mod validate;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::compile::Engine;
use crate::diagnostic::{Diagnostic, Position};

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
    /// Every problem found.
    pub diagnostics: Vec<Diagnostic>,
    /// An internal or I/O failure (exit status 2), if any.
    pub fatal: Option<String>,
}

impl Report {
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
    let (raw, mut diags) = project::load(root);
    let (model, more) = validate::validate(raw);
    diags.extend(more);
    let Some(model) = model else {
        return (Vec::new(), diags);
    };
    let mut jobs = Vec::new();
    for letter in &model.letters {
        let Some(edition) = model.catalogue.edition_for(letter.data_year) else {
            continue;
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
        };
        if letter.kind == model::LetterKind::BaoCao {
            match prepare_report(&model, letter) {
                Ok((output, data)) => jobs.push(job("bao-cao.typ", output, data)),
                Err(errors) => diags.extend(errors),
            }
            continue;
        }
        for plan in compute::plan_letter(letter, &model.directory, edition) {
            match render::render_letter(&model.agency, &plan) {
                Ok(rendered) => {
                    let data =
                        serde_json::to_value(&rendered.data).expect("letter data serializes");
                    jobs.push(job("cong-van.typ", rendered.output, data));
                }
                Err(errors) => diags.extend(errors),
            }
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
    (jobs, diags)
}

/// Computes and renders a report letter from the answers of its data year and the year before.
fn prepare_report(
    model: &model::Project,
    letter: &model::Letter,
) -> Result<(String, serde_json::Value), Vec<Diagnostic>> {
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
        Some(id) => match model
            .letters
            .iter()
            .find(|l| &l.id == id && l.kind == model::LetterKind::CongVan)
        {
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
        },
        None => model
            .letters
            .iter()
            .find(|l| l.kind == model::LetterKind::CongVan && l.data_year == year),
    };
    // Suppliers are listed in the order of data/recipients.yaml, not of the file names.
    let in_order = |y: i32| {
        let mut files = model.answers.get(&y).cloned().unwrap_or_default();
        files.sort_by_key(|f| model.directory.rank(&f.recipient));
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
    Ok((
        output,
        serde_json::to_value(&data).expect("report data serializes"),
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
    files.sort_by_key(|f| model.directory.rank(&f.recipient));
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
    let (jobs, mut diagnostics) = prepare(root);
    let engine = match Engine::new(root) {
        Ok(engine) => engine,
        Err(message) => {
            return Report {
                diagnostics,
                fatal: Some(message),
                ..Default::default()
            };
        }
    };
    diagnostics.extend(missing_glyphs(&engine, &jobs));
    output::clean_temporaries(out);
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    let results: Vec<Result<PathBuf, Outcome>> = jobs
        .par_iter()
        .map(|job| {
            // A panic inside the compiler must not take the other documents down with it.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                compile_job(&engine, job, out)
            }))
            .unwrap_or_else(|_| {
                Err(Outcome::Io(format!(
                    "internal error while compiling `{}`; please report it with the input files",
                    job.output.display()
                )))
            });
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(Progress { done: n, total });
            result
        })
        .collect();
    let mut report = Report::default();
    for result in results {
        match result {
            Ok(path) => report.written.push(path),
            Err(Outcome::User(diags)) => {
                report.failed += 1;
                diagnostics.extend(diags);
            }
            Err(Outcome::Io(message)) => {
                report.failed += 1;
                report.fatal.get_or_insert(message);
            }
        }
    }
    report.written.sort();
    report.diagnostics = diagnostics;
    report
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

fn compile_job(engine: &Engine, job: &Job, out: &Path) -> Result<PathBuf, Outcome> {
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
    let doc = engine.layout(job.template, job.input()).map_err(to_diags)?;
    let ident = job.output.display().to_string();
    let pdf = engine.pdf(&doc, &ident, job.date).map_err(to_diags)?;
    let path = out.join(&job.output);
    output::write_atomic(&path, &pdf)
        .map_err(|e| Outcome::Io(format!("cannot write `{}`: {e}", path.display())))?;
    Ok(job.output.clone())
}
