//! `vanban check`: reads, validates and plans the whole project, compiling nothing, and
//! returns every problem found.

use std::path::Path;

use super::{Chase, RunReport, Timings};

/// Validates the project at `root` and plans its documents without rendering any; every
/// character that no font can print is an error at its place, as in a build. Answers
/// overdue today are warned about.
pub fn check(root: &Path) -> RunReport {
    check_with(root, Chase::default())
}

/// [`check`], warning about the answers overdue as `chase` says (`--as-of`, `--year`).
pub fn check_with(root: &Path, chase: Chase) -> RunReport {
    let (mut planned, sources) =
        super::planned(root, Default::default(), chase, &mut Timings::default());
    match crate::compile::Engine::new(root) {
        Ok(engine) => {
            planned
                .diagnostics
                .extend(super::build::glyph_errors(&engine, &sources).0);
            planned
                .diagnostics
                .extend(super::build::font_warnings(&engine));
        }
        Err(message) => {
            return RunReport::failed(planned.diagnostics, crate::Error::Setup(message));
        }
    }
    RunReport::with_diagnostics(planned.diagnostics)
}
