//! `vanban schema`: the JSON Schemas of every YAML file kind, generated from the structs the
//! files are read into, written into `data/schemas/` for editors.

use std::path::{Path, PathBuf};

use crate::Error;

/// Writes every schema below `root`; returns the files written, or the first failure.
pub fn write(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let dir = root.join(crate::project::SCHEMA_DIR);
    let mut written = Vec::new();
    for (name, json) in crate::project::schemas() {
        let target = dir.join(name);
        crate::output::write_atomic(&target, json.as_bytes())
            .map_err(|e| Error::io(format!("cannot write `{}`", target.display()), e))?;
        written.push(target);
    }
    Ok(written)
}

/// Every schema: file name and JSON text.
pub fn schemas() -> Vec<(&'static str, String)> {
    crate::project::schemas()
}
