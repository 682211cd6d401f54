//! Diagnostics: every problem a run finds in the user's files, with the file, line and column
//! it points at, and the one reporter that turns them into text with a source snippet.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the document they belong to, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The document cannot be produced.
    Error,
    /// The document is produced, but the user should look.
    Warning,
}

/// A place in a project file, 1-based line and column (in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The file, relative to the project root where possible.
    pub file: PathBuf,
    /// 1-based line; 0 when only the file is known.
    pub line: usize,
    /// 1-based column in characters; 0 when only the line is known.
    pub column: usize,
}

impl Position {
    /// A position that names the file only.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Self {
            file: file.into(),
            line: 0,
            column: 0,
        }
    }
}

/// What kind of problem a diagnostic is: stable across versions and languages, printed by
/// `check --format json` (kebab-case) and what commands filter on, never the message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// A project file cannot be read, or is not YAML of the expected shape.
    Yaml,
    /// A `TODO` left in a value.
    Todo,
    /// `data/agency.yaml`: the issuing agency, its units and signers.
    Agency,
    /// `data/indicators.yaml`: the indicator catalogue.
    Catalogue,
    /// `data/recipients.yaml`: the recipients, groups and their requests.
    Directory,
    /// A letter file under `letters/`.
    Letter,
    /// An answer file under `data/<year>/`.
    Answer,
    /// A figure written so that it would be read as another number (`7.850`, `32,4`,
    /// `"7850"`), or that moved by more than a factor of 100.
    Figure,
    /// An evidence file an answer links to.
    Evidence,
    /// A requested item that has not been answered.
    NotAnswered,
    /// An answer received after the deadline.
    AnsweredLate,
    /// A request letter without a deadline: nothing it asks can be overdue.
    NoDeadline,
    /// A document not made because what it depends on has errors.
    Blocked,
    /// Nothing to show: a report with no answers, a year with no request letter, a
    /// recipient no letter addresses, an answered indicator with no computation.
    Empty,
    /// Mail-merge (Tera) text that cannot be filled in.
    MailMerge,
    /// A Typst template error, or a PDF export error.
    Template,
    /// A character no font can print.
    Glyph,
    /// A font family in `templates/fonts/` that lacks a style.
    Font,
    /// Text in a legacy encoding, or a look-alike letter of another script.
    Text,
    /// A laid-out document that lost text or put it in a margin; it is not written.
    Layout,
    /// Two documents would be written to one output file.
    OutputTwice,
    /// An output changed outside vanban, left as it is.
    ChangedOutside,
    /// The outgoing register, or a registration.
    Register,
    /// `new-year`: a letter that cannot be carried into the next year.
    NewYear,
}

/// One problem found in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What kind of problem.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub position: Position,
    /// What is wrong, lowercase, naming the object and the cause.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error of kind `code` at `position`.
    pub fn error(code: Code, position: Position, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            position,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning of kind `code` at `position`.
    pub fn warning(code: Code, position: Position, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Warning,
            position,
            message: message.into(),
            hint: None,
        }
    }

    /// The same diagnostic with a hint saying what to do.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this diagnostic stops its document.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Renders diagnostics as text with the offending source line, reading sources from `root`.
pub struct Reporter<'a> {
    root: &'a Path,
}

impl<'a> Reporter<'a> {
    /// A reporter that resolves relative diagnostic paths against the project root.
    pub fn new(root: &'a Path) -> Self {
        Self { root }
    }

    /// Renders one diagnostic in the rustc-like style used by every command.
    pub fn render(&self, diag: &Diagnostic) -> String {
        let mut out = String::new();
        let label = match diag.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}: {}", diag.message);
        let pos = &diag.position;
        let file = pos.file.display().to_string().replace('\\', "/");
        let number = pos.line.to_string();
        let pad = " ".repeat(number.len());
        if pos.line == 0 {
            let _ = writeln!(out, " --> {file}");
        } else {
            let _ = writeln!(out, "{pad}--> {file}:{}:{}", pos.line, pos.column.max(1));
            if let Some(text) = self.source_line(&pos.file, pos.line) {
                let caret_at = pos.column.saturating_sub(1);
                let prefix: String = text
                    .chars()
                    .take(caret_at)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{number} | {text}");
                let _ = writeln!(out, "{pad} | {prefix}^");
            }
        }
        if let Some(hint) = &diag.hint {
            let _ = writeln!(out, "{pad} = hint: {hint}");
        }
        out
    }

    /// Renders a list of diagnostics, errors first and then in file order, with a summary line.
    pub fn render_all(&self, diags: &[Diagnostic]) -> String {
        let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
        sorted.sort_by(|a, b| {
            (
                a.severity,
                &a.position.file,
                a.position.line,
                a.position.column,
            )
                .cmp(&(
                    b.severity,
                    &b.position.file,
                    b.position.line,
                    b.position.column,
                ))
        });
        sorted.dedup();
        // Equal diagnostics that were not adjacent before sorting are adjacent now.
        let mut out = String::new();
        for diag in &sorted {
            out.push_str(&self.render(diag));
            out.push('\n');
        }
        out
    }

    fn source_line(&self, file: &Path, line: usize) -> Option<String> {
        let path = if file.is_absolute() {
            file.to_path_buf()
        } else {
            self.root.join(file)
        };
        let text = std::fs::read_to_string(path).ok()?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        text.lines()
            .nth(line - 1)
            .map(|l| l.trim_end_matches('\r').to_string())
    }
}

/// The diagnostics as a JSON array (code, severity, file, line, column, message, hint), for
/// tools.
pub fn to_json(diags: &[Diagnostic]) -> String {
    let mut unique: Vec<&Diagnostic> = Vec::new();
    for d in diags {
        if !unique.contains(&d) {
            unique.push(d);
        }
    }
    let items: Vec<serde_json::Value> = unique
        .iter()
        .map(|d| {
            serde_json::json!({
                "code": d.code,
                "severity": if d.is_error() { "error" } else { "warning" },
                "file": d.position.file.display().to_string().replace('\\', "/"),
                "line": d.position.line,
                "column": d.position.column,
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

/// Counts errors and warnings for the closing summary line.
pub fn summary(diags: &[Diagnostic]) -> (usize, usize) {
    // The same problem reached through several documents is reported, and counted, once.
    let mut unique: Vec<&Diagnostic> = Vec::new();
    for d in diags {
        if !unique.contains(&d) {
            unique.push(d);
        }
    }
    let errors = unique.iter().filter(|d| d.is_error()).count();
    (errors, unique.len() - errors)
}
