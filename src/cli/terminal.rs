//! The terminal: what the user asked to see (`--quiet`, `--verbose`), whether standard error
//! is a terminal (progress bar and colour only there, never with `NO_COLOR`), and writing.

use std::io::{IsTerminal, Write};

use vanban::Progress;

/// What the user asked to see, and what the terminal can show.
#[derive(Clone, Copy)]
pub(crate) struct Terminal {
    /// `--quiet`: nothing but errors.
    pub(crate) quiet: bool,
    /// `--verbose`: documents up to date and stage times too.
    pub(crate) verbose: bool,
    /// Standard error is a terminal: progress and colour.
    pub(crate) tty: bool,
}

/// Writes to standard output; a closed pipe (`| head`) is not an error worth a panic.
pub(crate) fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// "error"/"warning" in colour on a terminal, plain elsewhere.
pub(crate) fn paint(label: &str, term: Terminal) -> String {
    if !term.tty {
        return label.to_string();
    }
    let colour = if label == "error" { "31" } else { "33" };
    format!("\x1b[1;{colour}m{label}\x1b[0m")
}

impl Terminal {
    /// The terminal as the flags and the environment describe it.
    pub(crate) fn new(quiet: bool, verbose: bool) -> Self {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            quiet,
            verbose,
            tty: std::io::stderr().is_terminal() && !no_colour,
        }
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
