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
    /// A returned reply workbook (`vanban import`): unreadable, not a vanban form, of another
    /// letter, or a cell that holds no usable value.
    Workbook,
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

/// A message of the command line's catalogue (`src/cli/i18n/*.ftl`): its key and its
/// arguments as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized {
    /// The catalogue key, e.g. `not-answered`.
    pub key: &'static str,
    /// Named arguments.
    pub args: Vec<(&'static str, String)>,
}

impl Localized {
    fn new(key: &'static str, args: &[(&'static str, &str)]) -> Self {
        Self {
            key,
            args: args.iter().map(|(k, v)| (*k, (*v).to_string())).collect(),
        }
    }
}

/// A diagnostic's message and hint in the catalogue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Texts {
    /// The message.
    pub message: Option<Localized>,
    /// The hint.
    pub hint: Option<Localized>,
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
    /// The message and hint in the command line's catalogue, where it has them: shown in
    /// the user's language; `message` and `hint` are their English text (issue #16).
    /// Boxed: most diagnostics have none, and every `Result<_, Diagnostic>` carries it.
    pub texts: Option<Box<Texts>>,
    /// The documents this one problem stops, when it is reported for each of them (a
    /// template error, a letter blocked by shared data); [`in_cause_order`] merges the
    /// reports of one problem into one diagnostic listing them all. Empty otherwise.
    pub documents: Vec<String>,
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
            texts: None,
            documents: Vec::new(),
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
            texts: None,
            documents: Vec::new(),
        }
    }

    /// The same diagnostic whose message is the catalogue's `key` with `args` (the English
    /// `message` stays, for JSON and for a reader without the catalogue).
    pub fn says(mut self, key: &'static str, args: &[(&'static str, &str)]) -> Self {
        self.texts.get_or_insert_default().message = Some(Localized::new(key, args));
        self
    }

    /// The same diagnostic whose hint is the catalogue's `key` with `args`.
    pub fn hints(mut self, key: &'static str, args: &[(&'static str, &str)]) -> Self {
        self.texts.get_or_insert_default().hint = Some(Localized::new(key, args));
        self
    }

    /// The same diagnostic naming `document` as one it stops.
    pub fn stopping(mut self, document: impl Into<String>) -> Self {
        self.documents.push(document.into());
        self
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

impl Code {
    /// Every kind of problem, for the message catalogue's completeness test.
    pub const ALL: [Code; 25] = [
        Code::Yaml,
        Code::Todo,
        Code::Agency,
        Code::Catalogue,
        Code::Directory,
        Code::Letter,
        Code::Answer,
        Code::Figure,
        Code::Evidence,
        Code::NotAnswered,
        Code::AnsweredLate,
        Code::NoDeadline,
        Code::Blocked,
        Code::Empty,
        Code::MailMerge,
        Code::Template,
        Code::Workbook,
        Code::Glyph,
        Code::Font,
        Code::Text,
        Code::Layout,
        Code::OutputTwice,
        Code::ChangedOutside,
        Code::Register,
        Code::NewYear,
    ];

    /// The stable kebab-case name (`not-answered`), as in `check --format json`.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// Words a count and a list of documents: "stops 3 documents: `a`, `b`, `c`".
pub type StopsText = Box<dyn Fn(usize, &str) -> String>;

/// The words around a rendered diagnostic, in the reader's language: the command line fills
/// them from its message catalogue; [`Labels::default`] is English without titles.
pub struct Labels {
    /// "error".
    pub error: String,
    /// "warning".
    pub warning: String,
    /// "hint".
    pub hint: String,
    /// "stops 3 documents: `a`, `b`, `c`" from the count and the list.
    pub stops: StopsText,
    /// The name of a kind of problem, shown after the severity ("lỗi (mẫu Typst): …").
    pub title: Box<dyn Fn(Code) -> Option<String>>,
    /// A catalogue message in the reader's language; `None` keeps the English text.
    pub translate: Translate,
}

/// Turns a catalogue message into the reader's language.
pub type Translate = Box<dyn Fn(&Localized) -> Option<String>>;

impl Default for Labels {
    fn default() -> Self {
        Self {
            error: "error".into(),
            warning: "warning".into(),
            hint: "hint".into(),
            stops: Box::new(|n, list| match n {
                1 => format!("stops 1 document: {list}"),
                n => format!("stops {n} documents: {list}"),
            }),
            title: Box::new(|_| None),
            translate: Box::new(|_| None),
        }
    }
}

/// Renders diagnostics as text with the offending source line, reading sources from `root`.
pub struct Reporter<'a> {
    root: &'a Path,
    labels: Labels,
}

impl<'a> Reporter<'a> {
    /// A reporter that resolves relative diagnostic paths against the project root, in
    /// English.
    pub fn new(root: &'a Path) -> Self {
        Self {
            root,
            labels: Labels::default(),
        }
    }

    /// The same reporter writing `labels` around the messages.
    pub fn with_labels(mut self, labels: Labels) -> Self {
        self.labels = labels;
        self
    }

    /// Renders one diagnostic in the rustc-like style used by every command.
    pub fn render(&self, diag: &Diagnostic) -> String {
        let mut out = String::new();
        let label = match diag.severity {
            Severity::Error => &self.labels.error,
            Severity::Warning => &self.labels.warning,
        };
        let message = diag
            .texts
            .as_ref()
            .and_then(|t| t.message.as_ref())
            .and_then(|t| (self.labels.translate)(t))
            .unwrap_or_else(|| diag.message.clone());
        match (self.labels.title)(diag.code) {
            Some(title) => {
                let _ = writeln!(out, "{label} ({title}): {message}");
            }
            None => {
                let _ = writeln!(out, "{label}: {message}");
            }
        }
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
        // A problem at the document's own file needs no list of the one it stops.
        if !diag.documents.is_empty() && diag.documents != [file.as_str()] {
            let _ = writeln!(out, "{pad} = {}", self.stopped(&diag.documents));
        }
        if let Some(hint) = &diag.hint {
            let hint = diag
                .texts
                .as_ref()
                .and_then(|t| t.hint.as_ref())
                .and_then(|t| (self.labels.translate)(t))
                .unwrap_or_else(|| hint.clone());
            let _ = writeln!(out, "{pad} = {}: {hint}", self.labels.hint);
        }
        out
    }

    /// Renders a list of diagnostics in the order of their cause ([`in_cause_order`]).
    pub fn render_all(&self, diags: &[Diagnostic]) -> String {
        let mut out = String::new();
        for diag in &in_cause_order(diags) {
            out.push_str(&self.render(diag));
            out.push('\n');
        }
        out
    }

    /// "stops 3 documents: a, b, c", the list cut after eight with the count.
    fn stopped(&self, documents: &[String]) -> String {
        const SHOWN: usize = 8;
        let mut list = documents
            .iter()
            .take(SHOWN)
            .map(|d| format!("`{d}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if documents.len() > SHOWN {
            list.push_str(&format!(", … ({})", documents.len()));
        }
        (self.labels.stops)(documents.len(), &list)
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
    to_json_with(diags, &|_| None)
}

/// [`to_json`] with the Vietnamese text of each message and hint the catalogue has
/// (`message_vi`, `hint_vi`; null where it has none), from `vietnamese`.
pub fn to_json_with(
    diags: &[Diagnostic],
    vietnamese: &dyn Fn(&Localized) -> Option<String>,
) -> String {
    let items: Vec<serde_json::Value> = in_cause_order(diags)
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
                "message_vi": d.texts.as_ref().and_then(|t| t.message.as_ref()).and_then(vietnamese),
                "hint_vi": d.texts.as_ref().and_then(|t| t.hint.as_ref()).and_then(vietnamese),
                "documents": d.documents,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

/// Counts errors and warnings for the closing summary line.
pub fn summary(diags: &[Diagnostic]) -> (usize, usize) {
    // The same problem reached through several documents is reported, and counted, once.
    let unique = in_cause_order(diags);
    let errors = unique.iter().filter(|d| d.is_error()).count();
    (errors, unique.len() - errors)
}

/// The diagnostics as a clerk should read them (issue #16): one problem once, however many
/// documents reported it (their `documents` merged, at the first one's place); errors before
/// warnings; and among them root causes first (unreadable files, the shared data every
/// letter depends on, templates), then the rest in file order, then what could not be made
/// because of them ([`Code::Blocked`]), so the first error is the one to fix.
pub fn in_cause_order(diags: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut merged: Vec<Diagnostic> = Vec::new();
    for d in diags {
        let same = merged.iter_mut().find(|m| {
            m.code == d.code
                && m.severity == d.severity
                && m.message == d.message
                && m.hint == d.hint
                // One broken template is one place; a blocked letter is reported at each
                // letter, and the cause in its message is what makes it one problem.
                && (m.position == d.position
                    || (m.code == Code::Blocked
                        && !m.documents.is_empty()
                        && !d.documents.is_empty()))
        });
        match same {
            Some(m) => {
                for doc in &d.documents {
                    if !m.documents.contains(doc) {
                        m.documents.push(doc.clone());
                    }
                }
            }
            None => merged.push(d.clone()),
        }
    }
    let rank = |d: &Diagnostic| {
        let file = d.position.file.to_string_lossy().replace('\\', "/");
        let shared = [
            "data/agency.yaml",
            "data/recipients.yaml",
            "data/indicators.yaml",
        ]
        .contains(&file.as_str())
            || file.starts_with("templates/");
        match d.code {
            Code::Blocked => 2,
            Code::Template => 0,
            _ if shared => 0,
            _ => 1,
        }
    };
    merged.sort_by(|a, b| {
        (
            a.severity,
            rank(a),
            &a.position.file,
            a.position.line,
            a.position.column,
        )
            .cmp(&(
                b.severity,
                rank(b),
                &b.position.file,
                b.position.line,
                b.position.column,
            ))
    });
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(file: &str, line: usize) -> Position {
        Position {
            file: file.into(),
            line,
            column: 1,
        }
    }

    #[test]
    fn problems_are_shown_once_roots_first_and_two_broken_templates_stay_two() {
        let blocked = |letter: &str| {
            Diagnostic::error(
                Code::Blocked,
                Position::file(letter),
                "letter not built because `data/recipients.yaml` has errors",
            )
            .stopping(letter)
        };
        let template = |file: &str, document: &str| {
            Diagnostic::error(
                Code::Template,
                at(file, 3),
                "template error: unclosed delimiter",
            )
            .stopping(document)
        };
        let diags = vec![
            blocked("letters/a.yaml"),
            Diagnostic::error(
                Code::Answer,
                at("data/2022/x.yaml", 4),
                "indicator 01 has no figures",
            ),
            template("templates/cong-van.typ", "2022/a.pdf"),
            blocked("letters/b.yaml"),
            template("templates/cong-van.typ", "2022/a/x.pdf"),
            template("templates/bao-cao.typ", "2022/bao-cao.pdf"),
            Diagnostic::error(
                Code::Yaml,
                at("data/recipients.yaml", 9),
                "invalid YAML: missing field `name`",
            ),
        ];
        let shown = in_cause_order(&diags);
        let order: Vec<(Code, &str, usize)> = shown
            .iter()
            .map(|d| (d.code, d.position.file.to_str().unwrap(), d.documents.len()))
            .collect();
        assert_eq!(
            order,
            [
                (Code::Yaml, "data/recipients.yaml", 0),
                (Code::Template, "templates/bao-cao.typ", 1),
                (Code::Template, "templates/cong-van.typ", 2),
                (Code::Answer, "data/2022/x.yaml", 0),
                (Code::Blocked, "letters/a.yaml", 2),
            ]
        );
        assert_eq!(summary(&diags), (5, 0));
    }
}
