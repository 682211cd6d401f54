//! `vanban check`: reads, validates and plans the whole project, compiling nothing, and
//! returns every problem found.

use std::path::Path;

use super::{RunReport, Timings};

/// Validates the project at `root` and plans its documents without rendering any.
pub fn check(root: &Path) -> RunReport {
    let planned = super::planned(root, false, &mut Timings::default());
    RunReport::with_diagnostics(planned.diagnostics)
}
