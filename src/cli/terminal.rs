//! The terminal: what the user asked to see (`--quiet`, `--verbose`), whether standard error
//! is a terminal (progress bar and colour only there, never with `NO_COLOR`), and writing.

use std::io::{IsTerminal, Write};

use vanban::Progress;

use super::lang::{Lang, Messages};

/// What the user asked to see, and what the terminal can show.
#[derive(Clone, Copy)]
pub(crate) struct Terminal {
    /// `--quiet`: nothing but errors.
    pub(crate) quiet: bool,
    /// `--verbose`: documents up to date and stage times too.
    pub(crate) verbose: bool,
    /// Standard error is a terminal: progress and colour.
    pub(crate) tty: bool,
    /// The language of everything printed (`--lang`, else the locale, else Vietnamese).
    pub(crate) lang: Lang,
}

/// Writes to standard output; a closed pipe (`| head`) is not an error worth a panic.
pub(crate) fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// "error"/"warning" (the catalogue's `label-error`, `label-warning`) in the user's language,
/// in colour on a terminal, plain elsewhere.
pub(crate) fn paint(label: &str, term: Terminal) -> String {
    let word = Messages::new(term.lang).get(&format!("label-{label}"), &[]);
    if !term.tty {
        return word;
    }
    let colour = if label == "error" { "31" } else { "33" };
    format!("\x1b[1;{colour}m{word}\x1b[0m")
}

impl Terminal {
    /// The terminal as the flags and the environment describe it.
    pub(crate) fn new(quiet: bool, verbose: bool, lang: Option<Lang>) -> Self {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            quiet,
            verbose,
            tty: std::io::stderr().is_terminal() && !no_colour,
            lang: Lang::pick(lang),
        }
    }

    /// The message catalogue of the user's language.
    pub(crate) fn messages(self) -> Messages {
        Messages::new(self.lang)
    }

    /// Draws the progress bar on standard error, on a terminal, unless quiet.
    pub(crate) fn progress(self, p: Progress) {
        if self.tty && !self.quiet && p.total > 1 {
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
    }
}
