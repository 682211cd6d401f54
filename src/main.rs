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
    },
    /// Validate the project without rendering.
    Check {
        /// Project folder (default: the current folder).
        path: Option<PathBuf>,
    },
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
        Command::Build { path, out, quiet } => {
            let root = path.unwrap_or_else(|| PathBuf::from("."));
            let out = out.unwrap_or_else(|| root.join("out"));
            let tty = std::io::stderr().is_terminal() && !quiet;
            let progress = move |p: Progress| {
                if tty {
                    eprint!("\rđang dựng / building {}/{}", p.done, p.total);
                    let _ = std::io::stderr().flush();
                }
            };
            let report = vanban::build(&root, &out, &progress);
            if tty {
                eprintln!();
            }
            if !quiet {
                for path in &report.written {
                    println!("wrote {}", out.join(path).display());
                }
            }
            (root, report, quiet)
        }
        Command::Check { path } => {
            let root = path.unwrap_or_else(|| PathBuf::from("."));
            (root.clone(), vanban::check(&root), false)
        }
    };
    print_report(&root, &report, quiet, building);
    ExitCode::from(report.exit_code() as u8)
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
            "{errors} error(s), {warnings} warning(s); {} document(s) written{failed}",
            report.written.len(),
        );
    } else if !quiet {
        eprintln!(
            "ok: {} document(s) written, no problems",
            report.written.len()
        );
    }
}
