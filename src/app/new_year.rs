//! `vanban new-year`: writes next data year's letters from this year's (the text edit is
//! `project::next_year`), never overwriting a letter, refusing while this year's have TODOs.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Position};
use crate::project::{self, next_year};

/// What `new-year` wrote.
#[derive(Debug, Default)]
pub struct Created {
    /// New letter files, relative to the project root.
    pub files: Vec<PathBuf>,
}

/// Writes the letters of data year `from + 1` from those of `from` (default: the latest).
pub fn new_year(root: &Path, from: Option<i32>) -> Result<Created, Vec<Diagnostic>> {
    let (raw, diags) = project::load(root);
    let errors: Vec<Diagnostic> = diags
        .into_iter()
        // TODOs are answered below, per letter; anything else means a letter cannot be read.
        .filter(|d| d.is_error() && d.position.file.starts_with("letters") && d.code != Code::Todo)
        .collect();
    if !errors.is_empty() {
        // A letter that cannot be read would silently miss the new year.
        return Err(errors);
    }
    let Some(year) = from.or_else(|| raw.letters.iter().map(|l| l.value.data_year.value).max())
    else {
        return Err(vec![
            Diagnostic::error(
                Code::NewYear,
                Position::file("letters"),
                "there are no letters to start the new year from",
            )
            .with_hint("write this year's letters first; new-year copies them")
            .says("new-year-no-letters", &[])
            .hints("new-year-no-letters-hint", &[]),
        ]);
    };
    let sources: Vec<&PathBuf> = raw
        .letters
        .iter()
        .filter(|l| l.value.data_year.value == year)
        .map(|l| &l.path)
        .collect();
    if sources.is_empty() {
        let mut errors = Vec::new();
        errors.push(
            Diagnostic::error(
                Code::NewYear,
                Position::file("letters"),
                format!("no letter has data year {year}"),
            )
            .with_hint("name a year that has letters with --from, or fix the letters' errors")
            .says("new-year-no-letter-of-year", &[("year", &year.to_string())])
            .hints("new-year-no-letter-of-year-hint", &[]),
        );
        return Err(errors);
    }
    let unfinished: Vec<Diagnostic> = sources
        .iter()
        .filter(|s| raw.unfinished.contains(s))
        .map(|s| {
            Diagnostic::error(
                Code::NewYear,
                Position::file(s),
                format!("`{}` still has TODOs", s.display()),
            )
            .with_hint(
                "finish this year's letters before starting the next, or name the year with --from",
            )
            .says("new-year-todos", &[("file", &s.display().to_string())])
            .hints("new-year-todos-hint", &[])
        })
        .collect();
    if !unfinished.is_empty() {
        return Err(unfinished);
    }
    let mut planned = Vec::new();
    let mut problems = Vec::new();
    for source in sources {
        let target = next_year::target_path(source, year);
        if root.join(&target).exists() {
            problems.push(
                Diagnostic::error(
                    Code::NewYear,
                    Position::file(&target),
                    format!("`{}` already exists", target.display()),
                )
                .with_hint("new-year never overwrites a letter; move or delete it first")
                .says(
                    "new-year-exists",
                    &[("file", &target.display().to_string())],
                )
                .hints("new-year-exists-hint", &[]),
            );
            continue;
        }
        let text = match project::read_text(&root.join(source), source) {
            Ok(text) => text,
            Err(d) => {
                problems.push(*d);
                continue;
            }
        };
        planned.push((target, next_year::advance(&text, year, source)));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut created = Created::default();
    for (target, text) in planned {
        let path = root.join(&target);
        if let Err(e) = crate::output::write_atomic(&path, text.as_bytes()) {
            return Err(vec![
                Diagnostic::error(
                    Code::NewYear,
                    Position::file(&target),
                    format!("cannot write `{}`: {e}", target.display()),
                )
                .says(
                    "new-year-cannot-write",
                    &[
                        ("file", &target.display().to_string()),
                        ("cause", &e.to_string()),
                    ],
                ),
            ]);
        }
        created.files.push(target);
    }
    Ok(created)
}
