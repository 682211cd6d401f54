//! The command line (binary only): parses nothing itself (see `args`), runs the command's
//! orchestrator in `vanban::app` and shows its result (`show`) on the terminal (`terminal`).
//! The only code of vanban that prints.

pub(crate) mod args;
mod help;
mod lang;
mod show;
mod terminal;

use std::path::PathBuf;
use std::process::ExitCode;

use vanban::app::build::{self, BuildOptions};
use vanban::app::{bench, check, new_year, register, remind, schema, status, watch};
use vanban::diagnostic::{Code, summary};
use vanban::{Progress, RunReport};

use args::{Cli, Command, Format};
use show::{check_summary, print_build, print_problems, status_table};
use terminal::{Terminal, emit, paint};

/// Runs the command `cli` names and returns its exit status.
pub(crate) fn run(cli: Cli) -> ExitCode {
    let term = Terminal::new(cli.quiet, cli.verbose, cli.lang);
    let progress = move |p: Progress| term.progress(p);
    let code = |report: &RunReport| ExitCode::from(report.exit_code());
    match cli.command {
        Command::Build {
            project,
            out,
            force,
            merged,
            draft,
            force_signed,
            chase,
            timings,
        } => {
            let root = project.root();
            let out = out.folder(&root);
            let report = build::build_with(
                &root,
                &out,
                &BuildOptions {
                    force,
                    merged,
                    draft,
                    force_signed,
                    chase: chase.chase(),
                },
                &progress,
            );
            print_build(&root, &out, &report, term);
            if let Some(path) = timings
                && let Err(message) =
                    bench::write_measured(&path, &report.timings, report.rebuilt.len())
            {
                eprintln!("{}: {message}", paint("error", term));
                return ExitCode::from(2);
            }
            code(&report)
        }
        Command::Watch { project, out } => {
            let root = project.root();
            let out = out.folder(&root);
            let result = watch::watch(&root, &out, &progress, |report, changed| {
                if !changed.is_empty() && !term.quiet {
                    let names: Vec<String> =
                        changed.iter().map(|p| p.display().to_string()).collect();
                    let line = term
                        .messages()
                        .get("watch-changed", &[("names", names.join(", ").into())]);
                    emit(&format!("\n{line}\n"));
                }
                print_build(&root, &out, report, term);
                if !term.quiet {
                    let line = term.messages().get(
                        "watch-started",
                        &[("path", root.display().to_string().into())],
                    );
                    eprintln!("{line}");
                }
            });
            if let Err(message) = result {
                eprintln!("{}: {message}", paint("error", term));
            }
            ExitCode::from(2)
        }
        Command::Remind {
            project,
            as_of,
            year,
            out,
        } => {
            let root = project.root();
            let out = out.folder(&root);
            let mut report = remind::remind_year(&root, &out, as_of, year, &progress);
            // Missing and late answers are what the letters are about: show only errors,
            // letters that cannot be chased, and characters that will not print.
            report
                .diagnostics
                .retain(|d| d.is_error() || matches!(d.code, Code::NoDeadline | Code::Glyph));
            if !term.quiet {
                let date = vanban::app::date_text(as_of);
                let nothing = ("remind-nothing", &[("date", date.into())][..]);
                emit(&show::follow_ups(
                    &report,
                    &out,
                    "remind-wrote",
                    nothing,
                    term,
                ));
            }
            print_problems(&root, &report, term);
            code(&report)
        }
        Command::Register {
            letter,
            number,
            date,
            reminder,
            project,
        } => {
            let root = vanban::app::project_root(&project.unwrap_or_else(|| PathBuf::from(".")));
            // The letter by id or path, relative to here or to the project, or absolute.
            let letter = register::resolve_letter(&root, &letter);
            let registered = match (reminder, date) {
                (Some(as_of), _) => register::register_reminders(&root, &letter, as_of, number),
                (None, Some(date)) => register::register(&root, &letter, number, date),
                (None, None) => unreachable!("clap requires --date without --reminder"),
            };
            let report = match registered {
                Ok(done) => {
                    if !term.quiet {
                        let m = term.messages();
                        let e = &done.entry;
                        let key = if done.appended {
                            "register-done"
                        } else {
                            "register-again"
                        };
                        let mut text = m.get(
                            key,
                            &[
                                ("number", e.number.clone().into()),
                                ("symbol", e.symbol.clone().into()),
                                ("date", e.date.clone().into()),
                                ("letter", e.letter.clone().into()),
                            ],
                        );
                        text.push('\n');
                        if let (Some(first), Some(last)) =
                            (done.entries.get(1), done.entries.last())
                        {
                            let line = m.get(
                                "register-per-agency",
                                &[
                                    ("count", (done.entries.len() - 1).into()),
                                    ("first", first.number.clone().into()),
                                    ("last", last.number.clone().into()),
                                ],
                            );
                            text.push_str(&format!("  {line}\n"));
                        }
                        emit(&text);
                    }
                    print_build(&root, &root.join("out"), &done.build, term);
                    done.build
                }
                Err(diagnostics) => RunReport::with_diagnostics(diagnostics),
            };
            print_problems(
                &root,
                &RunReport::with_diagnostics(
                    report
                        .diagnostics
                        .iter()
                        .filter(|d| d.is_error() || d.code == Code::Register)
                        .cloned()
                        .collect(),
                ),
                term,
            );
            code(&report)
        }
        Command::Bundle { project, year, out } => {
            let root = project.root();
            let out = out.folder(&root);
            let options = vanban::app::bundle::BundleOptions { year };
            let done = vanban::app::bundle::bundle(&root, &out, options, &progress);
            if !term.quiet
                && let Some(archive) = &done.archive
            {
                let m = term.messages();
                let line = m.get(
                    "bundle-wrote",
                    &[
                        ("path", archive.display().to_string().into()),
                        ("files", done.files.into()),
                        ("evidence", done.evidence.into()),
                    ],
                );
                emit(&format!("{line}\n"));
            }
            print_problems(&root, &done.report, term);
            code(&done.report)
        }
        Command::Review {
            project,
            as_of,
            year,
            out,
        } => {
            let root = project.root();
            let out = out.folder(&root);
            let vi = lang::Messages::new(lang::Lang::Vi);
            let options = vanban::app::review::ReviewOptions { as_of, year };
            let report =
                vanban::app::review::review(&root, &out, options, &|t| vi.localized(t), &progress);
            if !term.quiet {
                let nothing = ("review-nothing", &[][..]);
                emit(&show::follow_ups(
                    &report,
                    &out,
                    "review-wrote",
                    nothing,
                    term,
                ));
            }
            print_problems(&root, &report, term);
            code(&report)
        }
        Command::Import {
            files,
            dry_run,
            received,
            project,
        } => {
            let root = vanban::app::project_root(&project.unwrap_or_else(|| PathBuf::from(".")));
            let options = vanban::app::import::ImportOptions { dry_run, received };
            let done = vanban::app::import::import(&root, &files, &options);
            if !term.quiet {
                emit(&show::imported(&done, dry_run, term));
            }
            let mut report = RunReport::with_diagnostics(done.diagnostics);
            report.fatal = done.fatal;
            print_problems(&root, &report, term);
            code(&report)
        }
        Command::NewYear { project, from } => {
            let root = project.root();
            let report = match new_year::new_year(&root, from) {
                Ok(created) => {
                    if !term.quiet {
                        let m = term.messages();
                        let text: String = created
                            .files
                            .iter()
                            .map(|f| {
                                let path = f.display().to_string();
                                format!("{}\n", m.get("new-year-created", &[("path", path.into())]))
                            })
                            .collect();
                        emit(&text);
                        eprintln!("{}", m.get("new-year-next", &[]));
                    }
                    RunReport::default()
                }
                Err(diagnostics) => RunReport::with_diagnostics(diagnostics),
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
            let size = bench::Size {
                provinces,
                recipients,
                repeat,
            };
            let step = |what: &str| {
                if !term.quiet {
                    eprintln!("bench: {what}…");
                }
            };
            match bench::bench(size, work.as_deref(), &report, &step) {
                Ok(md) => {
                    emit(&md);
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("{}: {error}", paint("error", term));
                    ExitCode::from(vanban::app::EXIT_FAILURE)
                }
            }
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "vanban", &mut script);
            emit(&String::from_utf8_lossy(&script));
            ExitCode::SUCCESS
        }
        Command::Schema { project } => {
            let root = project.root();
            let mut report = RunReport::default();
            match schema::write(&root) {
                Ok(written) if !term.quiet => {
                    let text: String = written
                        .iter()
                        .map(|p| format!("wrote {}\n", p.display()))
                        .collect();
                    emit(&text);
                }
                Ok(_) => {}
                Err(error) => report.fatal = Some(error),
            }
            print_problems(&root, &report, term);
            code(&report)
        }
        Command::Check {
            project,
            chase,
            format,
        } => {
            let root = project.root();
            let report = check::check_with(&root, chase.chase());
            if format == Format::Json {
                // Stable codes, the English text and the Vietnamese one side by side.
                let vi = lang::Messages::new(lang::Lang::Vi);
                emit(&format!(
                    "{}\n",
                    vanban::diagnostic::to_json_with(&report.diagnostics, &|t| vi.localized(t))
                ));
                return code(&report);
            }
            print_problems(&root, &report, term);
            let (errors, warnings) = summary(&report.diagnostics);
            if errors + warnings > 0 || !term.quiet {
                eprintln!("{}", check_summary(errors, warnings, term));
            }
            code(&report)
        }
        Command::Status {
            project,
            year,
            format,
        } => {
            let root = project.root();
            let (rows, diagnostics) = status::status(&root, year);
            match format {
                Format::Json => match serde_json::to_string_pretty(&rows) {
                    Ok(json) => emit(&format!("{json}\n")),
                    Err(e) => eprintln!("{}: cannot write JSON: {e}", paint("error", term)),
                },
                // An empty table beside an error would read as "nobody owes anything".
                Format::Text if rows.is_empty() && diagnostics.iter().any(|d| d.is_error()) => {}
                Format::Text => emit(&status_table(&rows, term)),
            }
            // The table already shows what is missing or late: print only the errors.
            let diagnostics = diagnostics.into_iter().filter(|d| d.is_error()).collect();
            let report = RunReport::with_diagnostics(diagnostics);
            print_problems(&root, &report, term);
            code(&report)
        }
    }
}
