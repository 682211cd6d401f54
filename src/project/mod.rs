//! The project on disk: finds the YAML files under `data/` and `letters/` (walkdir), reads them
//! as NFC text and deserializes them into raw structs that keep the position of every value
//! (serde-saphyr `Spanned`). Nothing here checks meaning; that is `validate`'s job.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Position};

mod figures;
mod hygiene;
pub(crate) mod next_year;
pub(crate) mod raw;
pub(crate) mod reply;
pub(crate) mod register;

pub(crate) use hygiene::file_named;
pub(crate) use raw::*;

/// Largest YAML file we read; anything bigger is certainly not hand-typed data.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// A parsed file and its path relative to the project root.
#[derive(Debug)]
pub(crate) struct Loaded<T> {
    /// Relative path, used in diagnostics and output names.
    pub(crate) path: PathBuf,
    /// The raw content.
    pub(crate) value: T,
}

/// Everything read from a project folder.
#[derive(Debug, Default)]
pub(crate) struct RawProject {
    /// The project root.
    pub(crate) root: PathBuf,
    /// `data/agency.yaml`.
    pub(crate) agency: Option<Loaded<RawAgency>>,
    /// `data/issuers.yaml`, when the project prepares other bodies' documents.
    pub(crate) issuers: Option<Loaded<RawIssuers>>,
    /// `data/recipients.yaml`.
    pub(crate) recipients: Option<Loaded<RawRecipients>>,
    /// `data/indicators.yaml`.
    pub(crate) catalogue: Option<Loaded<RawCatalogue>>,
    /// Every letter, sorted by path.
    pub(crate) letters: Vec<Loaded<RawLetter>>,
    /// Every YAML file under `letters/`, read or not, relative to the root: a letter that
    /// others name exists even when it could not be read.
    pub(crate) letter_files: Vec<PathBuf>,
    /// Answers by data year (`data/<year>/*.yaml`), sorted by path.
    pub(crate) answers: Vec<(i32, Loaded<RawAnswerFile>)>,
    /// Data years with an answer file that could not be read: their report is held back.
    pub(crate) unreadable_years: Vec<i32>,
    /// Letter files with a TODO left: not built until it is filled in.
    pub(crate) unfinished: Vec<PathBuf>,
    /// The text of every file read, as parsed (look-alike letters replaced), by path: where
    /// a character that cannot be printed is reported.
    pub(crate) sources: Vec<(PathBuf, String)>,
    /// Files an import is about to copy into the project (evidence beside a returned
    /// workbook), relative to the root: an answer may name them before they are there.
    pub(crate) pending: std::collections::BTreeSet<PathBuf>,
}

/// Answer files as an import would write them, by path relative to the root, read instead
/// of (or beside) those on disk; and the files it would copy in.
#[derive(Debug, Default)]
pub(crate) struct Overlay {
    /// New text of answer files.
    pub(crate) answers: std::collections::BTreeMap<PathBuf, String>,
    /// Files about to be copied in.
    pub(crate) pending: std::collections::BTreeSet<PathBuf>,
}

/// JSON Schemas of every YAML file kind, by file name, for editors with YAML support.
pub(crate) fn schemas() -> Vec<(&'static str, String)> {
    fn one<T: schemars::JsonSchema>() -> String {
        let schema = schemars::schema_for!(T);
        serde_json::to_string_pretty(&schema).expect("schemas serialize") + "\n"
    }
    vec![
        ("agency.schema.json", one::<RawAgency>()),
        ("issuers.schema.json", one::<RawIssuers>()),
        ("recipients.schema.json", one::<RawRecipients>()),
        ("indicators.schema.json", one::<RawCatalogue>()),
        ("letter.schema.json", one::<RawLetter>()),
        ("answers.schema.json", one::<RawAnswerFile>()),
    ]
}

/// Where the schemas live in a project, relative to its root.
pub(crate) const SCHEMA_DIR: &str = "data/schemas";

/// Whether `dir` is a project folder: it has `data/agency.yaml`, or both `data/` and
/// `letters/`.
fn is_project(dir: &Path) -> bool {
    dir.join("data/agency.yaml").is_file() || (dir.join("data").is_dir() && dir.join("letters").is_dir())
}

/// The project folder `start` is in, as cargo and git find theirs: `start` itself when it is
/// one, else the nearest parent that is; `start` when none is (its problems are then reported
/// against it).
pub(crate) fn find_root(start: &Path) -> PathBuf {
    if is_project(start) {
        return start.to_path_buf();
    }
    let absolute = start.canonicalize().unwrap_or_else(|_| start.to_path_buf());
    absolute
        .ancestors()
        .find(|dir| is_project(dir))
        .map_or_else(|| start.to_path_buf(), Path::to_path_buf)
}

/// Reads the project at `root`; every unreadable or malformed file becomes a diagnostic.
pub(crate) fn load(root: &Path) -> (RawProject, Vec<Diagnostic>) {
    load_with(root, &Overlay::default())
}

/// Reads the project at `root` as it would be with `overlay`'s answer files written.
pub(crate) fn load_with(root: &Path, overlay: &Overlay) -> (RawProject, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut project = RawProject {
        root: root.to_path_buf(),
        pending: overlay.pending.clone(),
        ..Default::default()
    };

    // The answer files are parsed on every core while this thread reads the shared files.
    let ((mut agency, mut issuers, mut recipients, mut catalogue), answers) =
        std::thread::scope(|scope| {
            let spawned = std::thread::Builder::new()
                .stack_size(crate::parallel::STACK)
                .spawn_scoped(scope, || parse_answers(root, overlay));
            let shared = load_shared(root, &mut diags);
            let answers = match spawned {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => parse_answers(root, overlay),
            };
            (shared, answers)
        });
    for (year, rel, file, found) in answers {
        diags.extend(found);
        match file {
            Some((file, text)) => {
                project.sources.push((rel.clone(), text));
                project.answers.push((
                    year,
                    Loaded {
                        path: rel,
                        value: file,
                    },
                ));
            }
            None => project.unreadable_years.push(year),
        }
    }
    for (rel, loaded) in [
        ("data/agency.yaml", sources_of(&mut agency)),
        ("data/issuers.yaml", sources_of(&mut issuers)),
        ("data/recipients.yaml", sources_of(&mut recipients)),
        ("data/indicators.yaml", sources_of(&mut catalogue)),
    ] {
        if let Some(text) = loaded {
            project.sources.push((PathBuf::from(rel), text));
        }
    }
    project.agency = agency.map(|(l, _)| l);
    project.issuers = issuers.map(|(l, _)| l);
    project.recipients = recipients.map(|(l, _)| l);
    project.catalogue = catalogue.map(|(l, _)| l);

    let letters_dir = root.join("letters");
    if !letters_dir.is_dir() {
        diags.push(
            Diagnostic::error(Code::Yaml, Position::file("letters"), "project has no letters folder")
                .with_hint("create `letters/` with one YAML file per outgoing letter")
                .says("project-no-letters", &[])
                .hints("project-no-letters-hint", &[]),
        );
    }
    for path in yaml_files(&letters_dir) {
        let rel = relative(root, &path);
        project.letter_files.push(rel.clone());
        let text = match read_text(&path, &rel) {
            Ok(text) => text,
            Err(d) => {
                diags.push(*d);
                continue;
            }
        };
        let todos = todos(&text, &rel);
        if !todos.is_empty() {
            project.unfinished.push(rel.clone());
            diags.extend(todos);
        }
        if let Some((letter, text)) = parse_checked::<RawLetter>(&text, &rel, &mut diags) {
            project.sources.push((rel.clone(), text));
            project.letters.push(Loaded {
                path: rel,
                value: letter,
            });
        }
    }
    (project, diags)
}

/// A line without its trailing comment: a `#` after white space, outside quotes.
pub(crate) fn value_part(line: &str) -> &str {
    // A quote opens a quoted scalar only where a scalar starts (after `: `, `- `, `[`, `{`,
    // `,` or at the line's start); inside plain text (`Int'l`) it is just a character.
    let (mut single, mut double, mut prev, mut last) = (false, false, ' ', ' ');
    for (i, c) in line.char_indices() {
        let starts = matches!(last, ' ' | ':' | '-' | '[' | '{' | ',') && (prev.is_whitespace() || "[{,".contains(prev));
        match c {
            '\'' if double => {}
            '\'' if single => single = false,
            '\'' if starts => single = true,
            '"' if single => {}
            '"' if double && prev != '\\' => double = false,
            '"' if !double && starts => double = true,
            '#' if !single && !double && prev.is_whitespace() => return &line[..i],
            _ => {}
        }
        if !c.is_whitespace() {
            last = c;
        }
        prev = c;
    }
    line
}

/// Every "TODO" left in the values of a file (comments aside), as errors: a letter with
/// placeholders from `vanban new-year` must not be printed.
pub(crate) fn todos(text: &str, rel: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let line = value_part(line);
        let mut from = 0;
        while let Some(at) = line[from..].find("TODO") {
            let byte = from + at;
            let column = line[..byte].chars().count() + 1;
            out.push(
                Diagnostic::error(Code::Todo, 
                    Position {
                        file: rel.to_path_buf(),
                        line: i + 1,
                        column,
                    },
                    "a TODO is left here",
                )
                .with_hint("fill in the value for the new year and remove the TODO")
                .says("project-todo-left", &[])
                .hints("project-todo-left-hint", &[]),
            );
            from = byte + 4;
        }
    }
    out
}

/// YAML files below `dir`, sorted, not following links out of it.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    files
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The text of a loaded required file, taken out of it.
fn sources_of<T>(loaded: &mut Option<(Loaded<T>, String)>) -> Option<String> {
    loaded.as_mut().map(|(_, text)| std::mem::take(text))
}

/// The shared files, each with its text, if it was read.
type Shared = (
    Option<(Loaded<RawAgency>, String)>,
    Option<(Loaded<RawIssuers>, String)>,
    Option<(Loaded<RawRecipients>, String)>,
    Option<(Loaded<RawCatalogue>, String)>,
);

/// One answer file: its year, path, value and text if it parsed, and its diagnostics.
type ParsedAnswer = (i32, PathBuf, Option<(RawAnswerFile, String)>, Vec<Diagnostic>);

/// The shared files: `agency.yaml`, `issuers.yaml` (optional), `recipients.yaml` and
/// `indicators.yaml`.
fn load_shared(root: &Path, diags: &mut Vec<Diagnostic>) -> Shared {
    let agency = load_required(root, "data/agency.yaml", diags);
    let issuers = if root.join("data/issuers.yaml").is_file() {
        load_required(root, "data/issuers.yaml", diags)
    } else {
        None
    };
    let recipients = load_required(root, "data/recipients.yaml", diags);
    let catalogue = load_required(root, "data/indicators.yaml", diags);
    (agency, issuers, recipients, catalogue)
}

/// Every answer file under `data/<year>/` (and `overlay`'s), in path order, parsed on every
/// core.
fn parse_answers(root: &Path, overlay: &Overlay) -> Vec<ParsedAnswer> {
    let Ok(entries) = std::fs::read_dir(root.join("data")) else {
        return Vec::new();
    };
    let mut years: Vec<(i32, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .filter_map(|e| Some((e.file_name().to_str()?.parse::<i32>().ok()?, e.path())))
        .filter(|(year, _)| (1900..=2999).contains(year))
        .collect();
    years.sort();
    let mut files: Vec<(i32, PathBuf)> = years
        .into_iter()
        .flat_map(|(year, dir)| yaml_files(&dir).into_iter().map(move |p| (year, p)))
        .collect();
    for rel in overlay.answers.keys() {
        let year = rel
            .components()
            .nth(1)
            .and_then(|c| c.as_os_str().to_str()?.parse::<i32>().ok());
        if let Some(year) = year
            && !files.iter().any(|(_, p)| relative(root, p) == *rel)
        {
            files.push((year, root.join(rel)));
        }
    }
    files.sort();
    // A national campaign has a thousand answer files.
    crate::parallel::map_in_order(&files, |(year, path)| {
        let rel = relative(root, path);
        let mut found = Vec::new();
        let file = match overlay.answers.get(&rel) {
            Some(text) => parse_checked::<RawAnswerFile>(text, &rel, &mut found),
            None => load_file::<RawAnswerFile>(path, &rel, &mut found),
        };
        (*year, rel, file, found)
    })
}

fn load_required<T: DeserializeOwned>(
    root: &Path,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Loaded<T>, String)> {
    let path = root.join(rel);
    if !path.is_file() {
        diags.push(
            Diagnostic::error(Code::Yaml, Position::file(rel), format!("required file `{rel}` is missing"))
                .with_hint("every project needs data/agency.yaml, data/recipients.yaml and data/indicators.yaml; see README")
                .says("project-required-missing", &[("file", rel)])
                .hints("project-required-missing-hint", &[]),
        );
        return None;
    }
    let (value, text) = load_file(&path, Path::new(rel), diags)?;
    Some((
        Loaded {
            path: PathBuf::from(rel),
            value,
        },
        text,
    ))
}

/// Reads one YAML file as NFC text and deserializes it, reporting problems at their
/// position; returns the value and the text as parsed.
pub(crate) fn load_file<T: DeserializeOwned>(
    path: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(T, String)> {
    let text = match read_text(path, rel) {
        Ok(text) => text,
        Err(diag) => {
            diags.push(*diag);
            return None;
        }
    };
    parse_checked(&text, rel, diags)
}

/// Deserializes a file's text after its hygiene (look-alike letters replaced, legacy
/// encodings warned about) and checking how its figures are written; a file with a figure in
/// the wrong notation is not read further (its numbers cannot be trusted), and a YAML error
/// on the same line as such a figure is its consequence, not reported again. Returns the
/// value and the text as parsed.
fn parse_checked<T: DeserializeOwned>(
    text: &str,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<(T, String)> {
    // Legacy encodings first: in TCVN3 text `Ð` is é, not a look-alike of Đ.
    let legacy = hygiene::legacy(text, rel);
    let flagged: Vec<usize> = legacy.iter().map(|d| d.position.line).collect();
    let (text, notes) = hygiene::normalise(text, rel, &flagged);
    diags.extend(notes);
    diags.extend(legacy);
    // Figures live in the data files; a letter's `vars` may hold any text.
    let figures = if rel.starts_with("letters") {
        Vec::new()
    } else {
        figures::check(&text, rel)
    };
    let parsed = parse_yaml(&text, rel);
    if figures.is_empty() {
        return parsed.map_err(|d| diags.push(*d)).ok().map(|v| (v, text));
    }
    if let Err(d) = parsed
        && !figures.iter().any(|f| f.position.line == d.position.line)
    {
        diags.push(*d);
    }
    diags.extend(figures);
    None
}

/// Reads a text file, refusing oversized and non-UTF-8 files, and normalizes it to NFC.
pub(crate) fn read_text(path: &Path, rel: &Path) -> Result<String, Box<Diagnostic>> {
    let shown = rel.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        Box::new(
            Diagnostic::error(Code::Yaml, 
                Position::file(rel),
                format!("cannot read `{}`: {e}", rel.display()),
            )
            .says("project-unreadable", &[("file", &shown), ("cause", &e.to_string())]),
        )
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::error(Code::Yaml, 
                Position::file(rel),
                format!(
                    "file `{}` is too large ({} bytes)",
                    rel.display(),
                    meta.len()
                ),
            )
            .with_hint(format!("YAML files are limited to {MAX_FILE_BYTES} bytes"))
            .says(
                "project-too-large",
                &[("file", &shown), ("bytes", &meta.len().to_string())],
            )
            .hints("project-too-large-hint", &[("limit", &MAX_FILE_BYTES.to_string())]),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(
            Diagnostic::error(Code::Yaml, 
                Position::file(rel),
                format!("cannot read `{}`: {e}", rel.display()),
            )
            .says("project-unreadable", &[("file", &shown), ("cause", &e.to_string())]),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..offset];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = String::from_utf8_lossy(valid)
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .count()
            + 1;
        Box::new(
            Diagnostic::error(Code::Yaml, 
                Position {
                    file: rel.to_path_buf(),
                    line,
                    column,
                },
                format!("file `{}` is not valid UTF-8", rel.display()),
            )
            .with_hint("save the file as UTF-8 (in Word or Notepad: \"Save as\", encoding UTF-8)")
            .says("project-not-utf8", &[("file", &shown)])
            .hints("project-not-utf8-hint", &[]),
        )
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    // Most files are NFC already, which the quick check tells without building a copy (a
    // national campaign reads a thousand answer files on every build).
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        return Ok(text);
    }
    Ok(text.nfc().collect())
}

/// Deserializes YAML text; a syntax or type error becomes one diagnostic at its position.
pub(crate) fn parse_yaml<T: DeserializeOwned>(text: &str, rel: &Path) -> Result<T, Box<Diagnostic>> {
    let mut options = serde_saphyr::options::Options::default();
    options.budget = Some(serde_saphyr::budget::Budget::default());
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let (line, column) = err
            .location()
            .map(|l| (l.line() as usize, l.column() as usize))
            .unwrap_or((0, 0));
        let message = yaml_message(&err);
        let mut diagnostic = Diagnostic::error(
            Code::Yaml,
            Position {
                file: rel.to_path_buf(),
                line,
                column,
            },
            message.clone(),
        )
        .with_hint(yaml_hint(&err).1);
        // The words of the catalogue around the YAML library's own detail.
        let detail = message.strip_prefix("invalid YAML: ").unwrap_or(&message);
        diagnostic = match detail
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            Some(field) => diagnostic
                .says("yaml-missing-field", &[("field", field)])
                .hints("yaml-missing-field-hint", &[]),
            None => match unknown_field(detail) {
                Some((field, expected)) => diagnostic
                    .says("yaml-unknown-field", &[("field", field), ("expected", expected)])
                    .hints(yaml_hint(&err).0, &[]),
                None => diagnostic
                    .says("yaml-invalid", &[("detail", detail)])
                    .hints(yaml_hint(&err).0, &[]),
            },
        };
        Box::new(diagnostic)
    })
}

/// The bare message of a YAML error, without the crate's own location suffix or snippet.
fn yaml_message(err: &serde_saphyr::Error) -> String {
    let mut options = serde_saphyr::RenderOptions::default();
    options.snippets = serde_saphyr::SnippetMode::Off;
    let plain = err.render_with_options(options);
    let first = plain.lines().next().unwrap_or("invalid YAML").trim();
    // The crate appends " at line X, column Y"; our reporter prints the position itself.
    let first = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let mut message = first.trim_end_matches('.').to_string();
    if let Some(c) = message.get(..1) {
        let lower = c.to_lowercase();
        message.replace_range(..1, &lower);
    }
    if message.starts_with("invalid i") || message.starts_with("invalid u") {
        return "invalid YAML: expected a whole number here".into();
    }
    if message == "expected string scalar" {
        return "invalid YAML: expected a single text value here".into();
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(',').next().unwrap_or(rest).trim();
        return format!("invalid YAML: key `{key}` appears twice");
    }
    format!("invalid YAML: {message}")
}

/// "unknown field `subjcet`, expected one of kind, …" → (`subjcet`, "kind, …").
fn unknown_field(detail: &str) -> Option<(&str, &str)> {
    let rest = detail.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    Some((field, rest.strip_prefix(", expected one of ")?))
}

/// The hint for a YAML error: its catalogue key and its English text.
fn yaml_hint(err: &serde_saphyr::Error) -> (&'static str, &'static str) {
    let text = err.to_string();
    if text.contains("duplicate mapping key") {
        ("yaml-hint-duplicate", "keep one of the two; the second would silently replace the first")
    } else if text.contains("found a tab") {
        ("yaml-hint-tab", "indent with spaces: YAML does not allow tabs for indentation")
    } else if text.contains("budget") || text.contains("alias") {
        ("yaml-hint-budget", "the file expands to too much data (aliases?); write the values out plainly")
    } else if text.contains("invalid i") || text.contains("invalid u") {
        ("yaml-hint-number", "write the number in digits without quotes, e.g. `2022`")
    } else if text.contains("expected string scalar") {
        ("yaml-hint-text", "write plain text; quote it (\"…\") if it contains `:`, `#`, `[` or `{`")
    } else if text.contains("unknown field") {
        ("yaml-hint-unknown-field", "check the spelling of the field; README lists the fields of every file")
    } else if text.contains("missing field") {
        ("yaml-missing-field-hint", "add the missing field; README lists the fields of every file")
    } else if text.contains("invalid type") {
        ("yaml-hint-type", "the value has the wrong type; quote text values and write numbers without quotes")
    } else {
        ("yaml-hint-other", "fix the YAML at this position (indentation, a missing colon or quote)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_as_nfc_without_bom_or_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        // "Lạng Sơn" typed with combining marks (NFD), a BOM and Windows line endings.
        let nfd = "\u{feff}place: \"La\u{323}ng So\u{31b}n\"\r\nx: 1\r\n";
        std::fs::write(&path, nfd).unwrap();
        let text = read_text(&path, Path::new("a.yaml")).unwrap();
        assert_eq!(text, "place: \"L\u{1ea1}ng S\u{1a1}n\"\nx: 1\n");
    }

    #[test]
    fn a_comment_starts_after_a_quoted_value_but_not_after_an_apostrophe_in_plain_text() {
        assert_eq!(value_part("note: Int'l data  # TODO later"), "note: Int'l data  ");
        assert_eq!(value_part("a: 'x # y' # z"), "a: 'x # y' ");
        assert_eq!(value_part("- \"a # b\" # c"), "- \"a # b\" ");
    }

    #[test]
    fn todos_in_values_count_and_todos_in_comments_do_not() {
        let text = "a: \"TODO 2024\"\n# TODO in a comment\nb: 1  # TODO later\nc: \"x # TODO inside quotes\"\n";
        let found: Vec<(usize, usize)> = todos(text, Path::new("l.yaml"))
            .iter()
            .map(|d| (d.position.line, d.position.column))
            .collect();
        assert_eq!(found, [(1, 5), (4, 9)]);
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        std::fs::write(&path, b"a: 1\nname: S\xe1 x\n").unwrap();
        let diag = read_text(&path, Path::new("a.yaml")).unwrap_err();
        assert_eq!((diag.position.line, diag.position.column), (2, 8));
        assert!(diag.message.contains("not valid UTF-8"));
    }
}
