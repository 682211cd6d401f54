//! The `vanban` command line: parses arguments, runs a library command and prints its report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vanban::diagnostic::{Reporter, summary};
use vanban::{Progress, Report};

/// Renders Vietnamese official letters (ND 30/2020) from YAML through Typst.
#[derive(Parser)]
#[command(name = "vanban", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render every letter of the project into PDFs under `out/`.
    Build {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
        /// Output folder (default: `<project>/out`).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print nothing but problems.
        #[arg(long, short)]
        quiet: bool,
        /// Rebuild every document, not only those whose inputs changed.
        #[arg(long)]
        force: bool,
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
    /// Write next data year's letters from this year's, with TODOs for what must be checked.
    NewYear {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
        /// The data year to start from (default: the latest).
        #[arg(long)]
        from: Option<i32>,
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

fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write YYYY-MM-DD"))
}

/// How `status` prints.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// A table for the terminal.
    Text,
    /// JSON, for other tools.
    Json,
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

fn run(cli: Cli) -> ExitCode {
    let building = matches!(cli.command, Command::Build { .. });
    let (root, report, quiet) = match cli.command {
        Command::Build {
            path,
            out,
            quiet,
            force,
        } => {
            let root = path.unwrap_or_else(|| PathBuf::from("."));
            let out = out.unwrap_or_else(|| root.join("out"));
            let tty = std::io::stderr().is_terminal() && !quiet;
            let progress = move |p: Progress| {
                if tty {
                    eprint!("\rđang dựng / building {}/{}", p.done, p.total);
                    let _ = std::io::stderr().flush();
                }
            };
            let options = vanban::BuildOptions { force };
            let report = vanban::build_with(&root, &out, &options, &progress);
            if tty {
                eprintln!();
            }
            if !quiet {
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
                if report.unchanged > 0 {
                    text.push_str(&format!("{} document(s) up to date\n", report.unchanged));
                }
                emit(&text);
            }
            (root, report, quiet)
        }
        Command::Status { path, year, format } => {
            let root = path.unwrap_or_else(|| PathBuf::from("."));
            let (rows, diagnostics) = vanban::status(&root, year);
            match format {
                Format::Json => match serde_json::to_string_pretty(&rows) {
                    Ok(json) => emit(&format!("{json}\n")),
                    Err(e) => eprintln!("error: cannot write JSON: {e}"),
                },
                Format::Text => emit(&status_table(&rows)),
            }
            // The table already shows what is missing or late: print only the errors.
            let diagnostics = diagnostics.into_iter().filter(|d| d.is_error()).collect();
            let report = Report {
                diagnostics,
                ..Default::default()
            };
            (root, report, true)
        }
        Command::Remind { path, as_of, out } => {
            let root = path.unwrap_or_else(|| PathBuf::from("."));
            let out = out.unwrap_or_else(|| root.join("out"));
            let mut report = vanban::remind(&root, &out, as_of, &|_| {});
            // Missing and late answers are what the letters are about: show only errors.
            report.diagnostics.retain(|d| d.is_error());
            let mut text = String::new();
            for p in &report.written {
                text.push_str(&format!("wrote {}\n", out.join(p).display()));
            }
            if report.written.is_empty() && report.diagnostics.iter().all(|d| !d.is_error()) {
                text.push_str(&format!(
                    "nothing is overdue on {}\n",
                    as_of.format("%d/%m/%Y")
                ));
            }
            emit(&text);
            (root, report, true)
        }
        Command::NewYear { path, from } => {
            let root = path.unwrap_or_else(|| PathBuf::from("."));
            let report = match vanban::next_year::new_year(&root, from) {
                Ok(created) => {
                    let text: String = created
                        .files
                        .iter()
                        .map(|f| format!("created {}\n", f.display()))
                        .collect();
                    emit(&text);
                    eprintln!("fill in every TODO, then run `vanban check`");
                    Report::default()
                }
                Err(diagnostics) => Report {
                    diagnostics,
                    ..Default::default()
                },
            };
            (root, report, true)
        }
        Command::Schema { path } => {
            let root = path.unwrap_or_else(|| PathBuf::from("."));
            let dir = root.join(vanban::project::SCHEMA_DIR);
            let mut report = Report::default();
            for (name, json) in vanban::project::schemas() {
                match vanban::output::write_atomic(&dir.join(name), json.as_bytes()) {
                    Ok(()) => emit(&format!("wrote {}\n", dir.join(name).display())),
                    Err(e) => {
                        report.fatal.get_or_insert(format!(
                            "cannot write `{}`: {e}",
                            dir.join(name).display()
                        ));
                    }
                }
            }
            (root, report, true)
        }
        Command::Check { path, format } => {
            let root = path.unwrap_or_else(|| PathBuf::from("."));
            let report = vanban::check(&root);
            if format == Format::Json {
                emit(&format!(
                    "{}\n",
                    vanban::diagnostic::to_json(&report.diagnostics)
                ));
                return ExitCode::from(report.exit_code() as u8);
            }
            (root.clone(), report, false)
        }
    };
    print_report(&root, &report, quiet, building);
    ExitCode::from(report.exit_code() as u8)
}

/// Writes to standard output; a closed pipe (`| head`) is not an error worth a panic.
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
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

fn print_report(root: &std::path::Path, report: &Report, quiet: bool, building: bool) {
    let reporter = Reporter::new(root);
    let text = reporter.render_all(&report.diagnostics);
    if !text.is_empty() {
        eprint!("{text}");
    }
    if let Some(fatal) = &report.fatal {
        eprintln!("error: {fatal}");
    }
    let (errors, warnings) = summary(&report.diagnostics);
    if !building {
        if errors + warnings > 0 {
            eprintln!("{errors} error(s), {warnings} warning(s)");
        } else if !quiet {
            eprintln!("ok: no problems found");
        }
    } else if errors + warnings > 0 || report.failed > 0 {
        let failed = if report.failed > 0 {
            format!(", {} failed", report.failed)
        } else {
            String::new()
        };
        eprintln!(
            "{errors} error(s), {warnings} warning(s); {} document(s) written, {} up to date{failed}",
            report.written.len(),
            report.unchanged,
        );
    } else if !quiet {
        eprintln!(
            "ok: {} document(s) written, {} up to date, no problems",
            report.written.len(),
            report.unchanged
        );
    }
}
