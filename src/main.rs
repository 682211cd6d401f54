//! The `vanban` command line: parses arguments, runs a library command and prints its report
//! (progress on a terminal, colour only there, `--quiet` and `--verbose`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vanban::diagnostic::{Reporter, summary};
use vanban::{Progress, Report};

/// Renders Vietnamese official letters (ND 30/2020) from YAML through Typst.
#[derive(Parser)]
#[command(name = "vanban", version, about)]
struct Cli {
    /// Print nothing but errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print the documents that were up to date.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render the letters and reports whose inputs changed into PDFs under `out/`.
    Build {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
        /// Output folder (default: `<project>/out`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Rebuild every document, not only those whose inputs changed.
        #[arg(long)]
        force: bool,
        /// Also write one PDF per letter with all its per-agency letters, for printing.
        #[arg(long)]
        merged: bool,
        /// Write the stage times and peak memory of this run as JSON (for `vanban bench`).
        #[arg(long, hide = true)]
        timings: Option<PathBuf>,
    },
    /// Build, then rebuild whenever a file of the project is saved (Ctrl-C to stop).
    Watch {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
        /// Output folder (default: `<project>/out`).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write follow-up letters (công văn đôn đốc) to agencies that still owe items.
    Remind {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
        /// The date of the follow-up letters, YYYY-MM-DD: who owed what on that day.
        #[arg(long, value_parser = parse_day)]
        as_of: chrono::NaiveDate,
        /// Output folder (default: `<project>/out`).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Record a signed letter's number and date, rebuild it, and add it to the outgoing register.
    Register {
        /// The letter file, e.g. letters/2022/de-nghi-cung-cap-thong-tin.yaml.
        letter: PathBuf,
        /// The number the văn thư gives it.
        #[arg(long)]
        number: u32,
        /// The date it is issued, YYYY-MM-DD.
        #[arg(long, value_parser = parse_day)]
        date: chrono::NaiveDate,
        /// Project folder (default: the current folder).
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Write next data year's letters from this year's, with TODOs for what must be checked.
    NewYear {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
        /// The data year to start from (default: the latest).
        #[arg(long)]
        from: Option<i32>,
    },
    /// Measure full builds, a correction rebuild and peak memory on a synthetic national
    /// campaign, and write the results as Markdown.
    Bench {
        /// Provinces in the synthetic campaign.
        #[arg(long, default_value_t = 63)]
        provinces: usize,
        /// Recipients per province.
        #[arg(long, default_value_t = 15)]
        recipients: usize,
        /// Where to write the Markdown report.
        #[arg(long, default_value = "out/bench.md")]
        report: PathBuf,
        /// Generate the campaign here and keep it (its `campaign/` and `typst/` folders are
        /// replaced; default: a temporary folder, removed).
        #[arg(long)]
        work: Option<PathBuf>,
        /// How many times each build is measured (the report gives the median).
        #[arg(long, default_value_t = 3)]
        repeat: usize,
    },
    /// Write JSON Schemas of every YAML file kind into data/schemas/, for editors.
    Schema {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
    },
    /// Validate the project without rendering.
    Check {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
        /// Output format of the problems found.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show, per agency and request, what was received, what is late and what is missing.
    Status {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
        /// Data year (default: the latest year with a request letter).
        #[arg(long)]
        year: Option<i32>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// How `check` and `status` print.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For people, on the terminal.
    Text,
    /// JSON, for other tools.
    Json,
}

/// What the user asked to see, and what the terminal can show.
#[derive(Clone, Copy)]
struct Terminal {
    quiet: bool,
    verbose: bool,
    /// Standard error is a terminal: progress and colour.
    tty: bool,
}

fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Panics are caught where they can happen (Tera, Typst) and reported as diagnostics;
    // the default hook would print Rust's panic message to the user first.
    std::panic::set_hook(Box::new(|_| {}));
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(code) => code,
        Err(_) => {
            eprintln!("error: internal error in vanban; please report it with the project files");
            ExitCode::from(2)
        }
    }
}

/// A fresh folder for the benchmark's synthetic project.
fn tempfile_dir() -> Result<PathBuf, String> {
    let dir = std::env::temp_dir().join(format!("vanban-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    Ok(dir)
}

fn folder(path: Option<PathBuf>) -> PathBuf {
    path.unwrap_or_else(|| PathBuf::from("."))
}

fn run(cli: Cli) -> ExitCode {
    let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let term = Terminal {
        quiet: cli.quiet,
        verbose: cli.verbose,
        tty: std::io::stderr().is_terminal() && !no_colour,
    };
    let progress = move |p: Progress| {
        if term.tty && !term.quiet && p.total > 1 {
            let width = 30;
            let filled = p.done * width / p.total.max(1);
            eprint!(
                "\r[{}{}] {}/{} ",
                "#".repeat(filled),
                ".".repeat(width - filled),
                p.done,
                p.total
            );
            if p.done == p.total {
                eprint!("\r{}\r", " ".repeat(width + 20));
            }
            let _ = std::io::stderr().flush();
        }
    };
    let code = |report: &Report| ExitCode::from(report.exit_code() as u8);
    match cli.command {
        Command::Build {
            path,
            out,
            force,
            merged,
            timings,
        } => {
            let root = folder(path);
            let out = out.unwrap_or_else(|| root.join("out"));
            let report = vanban::build_with(
                &root,
                &out,
                &vanban::BuildOptions { force, merged },
                &progress,
            );
            print_build(&root, &out, &report, term);
            if let Some(path) = timings
                && let Err(message) =
                    vanban::bench::write_measured(&path, &report.timings, report.rebuilt.len())
            {
                eprintln!("{}: {message}", paint("error", term));
                return ExitCode::from(2);
            }
            code(&report)
        }
        Command::Watch { path, out } => {
            let root = folder(path);
            let out = out.unwrap_or_else(|| root.join("out"));
            let result = vanban::watch::watch(&root, &out, &progress, |report, changed| {
                if !changed.is_empty() && !term.quiet {
                    let names: Vec<String> =
                        changed.iter().map(|p| p.display().to_string()).collect();
                    emit(&format!("\nchanged: {}\n", names.join(", ")));
                }
                print_build(&root, &out, report, term);
                if !term.quiet {
                    eprintln!("watching {} for changes (Ctrl-C to stop)", root.display());
                }
            });
            if let Err(message) = result {
                eprintln!("{}: {message}", paint("error", term));
            }
            ExitCode::from(2)
        }
        Command::Remind { path, as_of, out } => {
            let root = folder(path);
            let out = out.unwrap_or_else(|| root.join("out"));
            let mut report = vanban::remind(&root, &out, as_of, &progress);
            // Missing and late answers are what the letters are about: show only errors.
            report
                .diagnostics
                .retain(|d| d.is_error() || d.message.contains("has no deadline"));
            if !term.quiet {
                let mut text: String = report
                    .written
                    .iter()
                    .map(|p| format!("wrote {}\n", out.join(p).display()))
                    .collect();
                if report.written.is_empty() && report.diagnostics.is_empty() {
                    text.push_str(&format!(
                        "nothing is overdue on {}\n",
                        as_of.format("%d/%m/%Y")
                    ));
                }
                emit(&text);
            }
            print_problems(&root, &report, term);
            code(&report)
        }
        Command::Register {
            letter,
            number,
            date,
            project,
        } => {
            let root = folder(project);
            // Accept the path as typed from the current folder or relative to the project.
            let letter = letter
                .strip_prefix(&root)
                .map(Path::to_path_buf)
                .unwrap_or(letter);
            let report = match vanban::register::register(&root, &letter, number, date) {
                Ok(done) => {
                    if !term.quiet {
                        let e = &done.entry;
                        let what = if done.appended {
                            "registered"
                        } else {
                            "already registered"
                        };
                        emit(&format!(
                            "{what}: Số {}/{} ngày {} — {}\n",
                            e.number, e.symbol, e.date, e.letter
                        ));
                    }
                    print_build(&root, &root.join("out"), &done.build, term);
                    done.build
                }
                Err(diagnostics) => Report {
                    diagnostics,
                    ..Default::default()
                },
            };
            print_problems(
                &root,
                &Report {
                    diagnostics: report
                        .diagnostics
                        .iter()
                        .filter(|d| d.is_error())
                        .cloned()
                        .collect(),
                    ..Default::default()
                },
                term,
            );
            code(&report)
        }
        Command::NewYear { path, from } => {
            let root = folder(path);
            let report = match vanban::next_year::new_year(&root, from) {
                Ok(created) => {
                    if !term.quiet {
                        let text: String = created
                            .files
                            .iter()
                            .map(|f| format!("created {}\n", f.display()))
                            .collect();
                        emit(&text);
                        eprintln!("fill in every TODO, then run `vanban check`");
                    }
                    Report::default()
                }
                Err(diagnostics) => Report {
                    diagnostics,
                    ..Default::default()
                },
            };
            print_problems(&root, &report, term);
            code(&report)
        }
        Command::Bench {
            provinces,
            recipients,
            report,
            work,
            repeat,
        } => {
            let keep = work.is_some();
            let work = match work.map_or_else(tempfile_dir, |dir| {
                std::fs::create_dir_all(&dir)
                    .map(|()| dir.clone())
                    .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))
            }) {
                Ok(dir) => dir,
                Err(message) => {
                    eprintln!("{}: {message}", paint("error", term));
                    return ExitCode::from(2);
                }
            };
            let exe = match std::env::current_exe() {
                Ok(exe) => exe,
                Err(e) => {
                    eprintln!(
                        "{}: cannot find the vanban program to run builds: {e}",
                        paint("error", term)
                    );
                    return ExitCode::from(2);
                }
            };
            let size = vanban::bench::Size {
                provinces,
                recipients,
                repeat,
            };
            let step = |what: &str| {
                if !term.quiet {
                    eprintln!("bench: {what}…");
                }
            };
            let result = vanban::bench::run(&exe, &work, size, &step);
            if !keep {
                let _ = std::fs::remove_dir_all(&work);
            }
            match result {
                Ok(results) => {
                    let md = vanban::bench::markdown(&results);
                    if let Some(dir) = report.parent() {
                        let _ = std::fs::create_dir_all(dir);
                    }
                    if let Err(e) = std::fs::write(&report, &md) {
                        eprintln!(
                            "{}: cannot write `{}`: {e}",
                            paint("error", term),
                            report.display()
                        );
                        return ExitCode::from(2);
                    }
                    emit(&md);
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("{}: {message}", paint("error", term));
                    ExitCode::from(2)
                }
            }
        }
        Command::Schema { path } => {
            let root = folder(path);
            let dir = root.join(vanban::project::SCHEMA_DIR);
            let mut report = Report::default();
            for (name, json) in vanban::project::schemas() {
                let target = dir.join(name);
                match vanban::output::write_atomic(&target, json.as_bytes()) {
                    Ok(()) if !term.quiet => emit(&format!("wrote {}\n", target.display())),
                    Ok(()) => {}
                    Err(e) => {
                        report
                            .fatal
                            .get_or_insert(format!("cannot write `{}`: {e}", target.display()));
                    }
                }
            }
            print_problems(&root, &report, term);
            code(&report)
        }
        Command::Check { path, format } => {
            let root = folder(path);
            let report = vanban::check(&root);
            if format == Format::Json {
                emit(&format!(
                    "{}\n",
                    vanban::diagnostic::to_json(&report.diagnostics)
                ));
                return code(&report);
            }
            print_problems(&root, &report, term);
            let (errors, warnings) = summary(&report.diagnostics);
            if errors + warnings > 0 {
                eprintln!("{errors} error(s), {warnings} warning(s)");
            } else if !term.quiet {
                eprintln!("ok: no problems found");
            }
            code(&report)
        }
        Command::Status { path, year, format } => {
            let root = folder(path);
            let (rows, diagnostics) = vanban::status(&root, year);
            match format {
                Format::Json => match serde_json::to_string_pretty(&rows) {
                    Ok(json) => emit(&format!("{json}\n")),
                    Err(e) => eprintln!("{}: cannot write JSON: {e}", paint("error", term)),
                },
                Format::Text => emit(&status_table(&rows)),
            }
            // The table already shows what is missing or late: print only the errors.
            let diagnostics = diagnostics.into_iter().filter(|d| d.is_error()).collect();
            let report = Report {
                diagnostics,
                ..Default::default()
            };
            print_problems(&root, &report, term);
            code(&report)
        }
    }
}

/// Writes to standard output; a closed pipe (`| head`) is not an error worth a panic.
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// "error"/"warning" in colour on a terminal, plain elsewhere.
fn paint(label: &str, term: Terminal) -> String {
    if !term.tty {
        return label.to_string();
    }
    let colour = if label == "error" { "31" } else { "33" };
    format!("\x1b[1;{colour}m{label}\x1b[0m")
}

/// Prints the diagnostics (warnings too unless `--quiet`) and a fatal failure, if any.
fn print_problems(root: &Path, report: &Report, term: Terminal) {
    let shown: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| !term.quiet || d.is_error())
        .cloned()
        .collect();
    let text = Reporter::new(root).render_all(&shown);
    for line in text.lines() {
        let painted = if let Some(rest) = line.strip_prefix("error:") {
            format!("{}:{rest}", paint("error", term))
        } else if let Some(rest) = line.strip_prefix("warning:") {
            format!("{}:{rest}", paint("warning", term))
        } else {
            line.to_string()
        };
        eprintln!("{painted}");
    }
    if let Some(fatal) = &report.fatal {
        eprintln!("{}: {fatal}", paint("error", term));
    }
}

/// What a build did: documents written and why, removed, changed figures, then problems.
fn print_build(root: &Path, out: &Path, report: &Report, term: Terminal) {
    if !term.quiet {
        let mut text = String::new();
        for (p, why) in &report.rebuilt {
            text.push_str(&format!("wrote {} ({why})\n", out.join(p).display()));
        }
        for p in &report.removed {
            text.push_str(&format!(
                "removed {} (its source is gone)\n",
                out.join(p).display()
            ));
        }
        for c in &report.changes {
            text.push_str(&format!(
                "changed {} chỉ số {}: {}\n",
                c.year,
                c.number,
                c.describe()
            ));
        }
        if term.verbose {
            for p in &report.unchanged {
                text.push_str(&format!("up to date {}\n", out.join(p).display()));
            }
            for (stage, d) in &report.timings.stages {
                text.push_str(&format!("time {stage}: {} ms\n", d.as_millis()));
            }
            for (step, d) in report.timings.steps.iter().filter(|(_, d)| !d.is_zero()) {
                text.push_str(&format!(
                    "time per document, summed over threads, {step}: {} ms\n",
                    d.as_millis()
                ));
            }
        }
        if !report.unchanged.is_empty() {
            text.push_str(&format!(
                "{} document(s) up to date\n",
                report.unchanged.len()
            ));
        }
        emit(&text);
    }
    print_problems(root, report, term);
    let (errors, warnings) = summary(&report.diagnostics);
    let failed = if report.failed > 0 {
        format!(", {} failed", report.failed)
    } else {
        String::new()
    };
    if errors + warnings > 0 || report.failed > 0 {
        if !term.quiet || errors > 0 {
            eprintln!(
                "{errors} error(s), {warnings} warning(s); {} document(s) written, {} up to date{failed}",
                report.written.len(),
                report.unchanged.len(),
            );
        }
    } else if !term.quiet {
        eprintln!(
            "ok: {} document(s) written, {} up to date, no problems",
            report.written.len(),
            report.unchanged.len()
        );
    }
}

fn status_table(rows: &[vanban::compute::report::StatusRow]) -> String {
    use vanban::compute::report::State;
    let width = |f: &dyn Fn(&vanban::compute::report::StatusRow) -> String, head: &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .chain([head.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let state = |r: &vanban::compute::report::StatusRow| {
        match r.state {
            State::Received => "đã nhận / received",
            State::Late => "nộp muộn / late",
            State::Missing => "chưa nộp / missing",
        }
        .to_string()
    };
    let received = |r: &vanban::compute::report::StatusRow| {
        r.received
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| "-".into())
    };
    let name = |r: &vanban::compute::report::StatusRow| r.name.clone();
    let item = |r: &vanban::compute::report::StatusRow| r.item.clone();
    let heads = [
        "Đơn vị / agency",
        "Yêu cầu / request",
        "Trạng thái / state",
        "Ngày nhận / received",
    ];
    let widths = [
        width(&name, heads[0]),
        width(&item, heads[1]),
        width(&state, heads[2]),
        width(&received, heads[3]),
    ];
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    let mut out = String::new();
    let line = |cells: [String; 4]| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| pad(c, w))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
            + "\n"
    };
    out.push_str(&line(heads.map(String::from)));
    out.push_str(&line(widths.map(|w| "-".repeat(w))));
    for r in rows {
        out.push_str(&line([name(r), item(r), state(r), received(r)]));
    }
    let count = |s: State| rows.iter().filter(|r| r.state == s).count();
    out.push_str(&format!(
        "\n{} requested: {} received, {} late, {} missing\n",
        rows.len(),
        count(State::Received),
        count(State::Late),
        count(State::Missing)
    ));
    out
}
