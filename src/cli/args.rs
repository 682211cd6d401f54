//! The command line's arguments (clap): every command, with the project folder and the output
//! folder as shared argument groups flattened into the commands that take them.

use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

/// The project folder argument every command that reads a project takes.
#[derive(Args, Debug, Clone)]
pub(crate) struct ProjectArgs {
    /// Project folder (default: the current folder).
    pub(crate) path: Option<PathBuf>,
}

impl ProjectArgs {
    /// The project folder: the one given or the current folder, or the project either is in.
    pub(crate) fn root(&self) -> PathBuf {
        vanban::app::project_root(&self.path.clone().unwrap_or_else(|| PathBuf::from(".")))
    }
}

/// The output folder argument of the commands that write documents.
#[derive(Args, Debug, Clone)]
pub(crate) struct OutArgs {
    /// Output folder (default: `<project>/out`; a relative one is in the project folder).
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
}

impl OutArgs {
    /// The output folder for the project at `root`.
    pub(crate) fn folder(&self, root: &std::path::Path) -> PathBuf {
        match &self.out {
            Some(out) if out.is_relative() => root.join(out),
            Some(out) => out.clone(),
            None => root.join("out"),
        }
    }
}

/// Which unanswered items `build` and `check` warn about.
#[derive(Args, Debug, Clone)]
pub(crate) struct ChaseArgs {
    /// Warn about answers overdue on this day, YYYY-MM-DD (default: today).
    #[arg(long, value_parser = parse_day)]
    pub(crate) as_of: Option<chrono::NaiveDate>,
    /// Data year whose missing answers are warned about (default: the latest).
    #[arg(long)]
    pub(crate) year: Option<i32>,
}

impl ChaseArgs {
    /// The options for the app layer.
    pub(crate) fn chase(&self) -> vanban::app::Chase {
        vanban::app::Chase {
            as_of: self.as_of,
            year: self.year,
        }
    }
}

/// Renders Vietnamese official letters (ND 30/2020) from YAML through Typst.
#[derive(Parser)]
#[command(
    name = "vanban",
    version = concat!(env!("CARGO_PKG_VERSION"), " (Typst 0.15.1, in-process)"),
    about
)]
pub(crate) struct Cli {
    /// Print nothing but errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Also print the documents that were up to date, and each overdue item.
    #[arg(long, short, global = true)]
    pub(crate) verbose: bool,
    /// Language of messages: vi (default) or en; without it, an English locale (LANG=en…)
    /// gives English.
    #[arg(long, global = true, value_enum)]
    pub(crate) lang: Option<super::lang::Lang>,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Render the letters and reports whose inputs changed into PDFs under `out/`.
    Build {
        #[command(flatten)]
        project: ProjectArgs,
        #[command(flatten)]
        out: OutArgs,
        /// Rebuild every document, not only those whose inputs changed.
        #[arg(long)]
        force: bool,
        /// Also write one PDF per letter with all its per-agency letters, for printing.
        #[arg(long)]
        merged: bool,
        /// Mark every unregistered document "DỰ THẢO", as a review copy.
        #[arg(long)]
        draft: bool,
        /// With --force, also overwrite PDFs that have been signed.
        #[arg(long, requires = "force")]
        force_signed: bool,
        #[command(flatten)]
        chase: ChaseArgs,
        /// Write the stage times and peak memory of this run as JSON (for `vanban bench`).
        #[arg(long, hide = true)]
        timings: Option<PathBuf>,
    },
    /// Build, then rebuild whenever a file of the project is saved (Ctrl-C to stop).
    Watch {
        #[command(flatten)]
        project: ProjectArgs,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Write follow-up letters (công văn đôn đốc) to agencies that still owe items.
    Remind {
        #[command(flatten)]
        project: ProjectArgs,
        /// The date of the follow-up letters, YYYY-MM-DD: who owed what on that day.
        #[arg(long, value_parser = parse_day)]
        as_of: chrono::NaiveDate,
        /// Data year whose request letters are chased (default: the latest).
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Build, then write the year's dossier as one archive: documents, evidence, index, checksums.
    Bundle {
        #[command(flatten)]
        project: ProjectArgs,
        /// Data year of the dossier (default: the latest).
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Write a letter asking each agency whose answers have problems to review them.
    Review {
        #[command(flatten)]
        project: ProjectArgs,
        /// The letters' date, YYYY-MM-DD (default: today).
        #[arg(long, value_parser = parse_day)]
        as_of: Option<chrono::NaiveDate>,
        /// Data year whose answers are reviewed (default: the latest).
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        out: OutArgs,
    },
    /// Bring returned reply workbooks (.xlsx, .xls, .ods) into data/<year>/, checked first.
    Import {
        /// The workbooks the agencies sent back.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Show what would change (old → new per figure); write nothing.
        #[arg(long)]
        dry_run: bool,
        /// The day the replies were received, YYYY-MM-DD (default: today for a new reply).
        #[arg(long, value_parser = parse_day)]
        received: Option<chrono::NaiveDate>,
        /// The project folder (default: the project the current folder is in).
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Record a signed letter's number and date, rebuild it, and add it to the outgoing register.
    Register {
        /// The letter file, e.g. letters/2022/de-nghi-cung-cap-thong-tin.yaml.
        letter: PathBuf,
        /// The number the văn thư gives it.
        #[arg(long)]
        number: u32,
        /// The date it is issued, YYYY-MM-DD.
        #[arg(long, value_parser = parse_day, required_unless_present = "reminder")]
        date: Option<chrono::NaiveDate>,
        /// Register the letter's follow-up letters of this day (as `remind --as-of` wrote
        /// them), numbered from --number, instead of the letter.
        #[arg(long, value_parser = parse_day, conflicts_with = "date")]
        reminder: Option<chrono::NaiveDate>,
        /// Project folder (default: the current folder).
        #[arg(long)]
        project: Option<PathBuf>,
    },
    /// Print the shell completion script for SHELL (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Write next data year's letters from this year's, with TODOs for what must be checked.
    NewYear {
        #[command(flatten)]
        project: ProjectArgs,
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
        #[command(flatten)]
        project: ProjectArgs,
    },
    /// Validate the project without rendering.
    Check {
        #[command(flatten)]
        project: ProjectArgs,
        #[command(flatten)]
        chase: ChaseArgs,
        /// Output format of the problems found.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Show, per agency and request, what was received, what is late and what is missing.
    Status {
        #[command(flatten)]
        project: ProjectArgs,
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
pub(crate) enum Format {
    /// For people, on the terminal.
    Text,
    /// JSON, for other tools.
    Json,
}

pub(crate) fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write YYYY-MM-DD"))
}

/// Parses the command line, its `--help` in the language the user reads (`--lang`, else the
/// locale, else Vietnamese), decided before parsing so that the help itself is in it.
pub(crate) fn parse() -> Cli {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let flag = raw.iter().enumerate().find_map(|(i, a)| {
        let a = a.to_str()?;
        let value = match a.strip_prefix("--lang=") {
            Some(v) => v.to_string(),
            None if a == "--lang" => raw.get(i + 1)?.to_str()?.to_string(),
            None => return None,
        };
        <super::lang::Lang as clap::ValueEnum>::from_str(&value, true).ok()
    });
    let lang = super::lang::Lang::pick(flag);
    let messages = super::lang::Messages::new(lang);
    let cmd = super::help::localize(Cli::command(), &messages);
    let matches = match cmd.try_get_matches_from(raw) {
        Ok(matches) => matches,
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => {
            // The few words clap writes itself, in the reader's language too.
            let text = super::help::words(&e.render().to_string(), &messages);
            super::terminal::emit(&text);
            std::process::exit(0);
        }
        Err(e) => {
            // clap's own words around the user's mistake, in the reader's language too.
            let text = super::help::words(&e.render().to_string(), &messages);
            if e.use_stderr() {
                #[allow(clippy::print_stderr)]
                {
                    eprint!("{text}");
                }
            } else {
                super::terminal::emit(&text);
            }
            std::process::exit(e.exit_code());
        }
    };
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}
