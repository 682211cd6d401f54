//! `vanban watch`: rebuilds (incrementally) whenever a file of the project is saved, after the
//! burst of events an editor makes has settled, and never in answer to its own writes.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::build::{BuildOptions, build_with};
use super::{Progress, RunReport};
use crate::Error;

/// How long the project must be quiet before a rebuild starts.
const SETTLE: Duration = Duration::from_millis(300);

/// Whether an event path is one of the project's inputs (not the output folder, not a
/// temporary file, not version control or build output).
fn is_input(root: &Path, out: &Path, path: &Path) -> bool {
    if path.starts_with(out) {
        return false;
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    // vanban's own temporaries, and editors' backup, swap and lock files (Vim's `.swp`,
    // `.swx` and its `4913` probe, Emacs's `~` and `.#`, Office's `~$`).
    let editor = name.ends_with('~')
        || name.starts_with(".#")
        || name.starts_with("~$")
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext));
    if name.starts_with(".vanban-tmp-") || editor {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    matches!(
        rel.components().next().and_then(|c| c.as_os_str().to_str()),
        Some("data" | "letters" | "templates")
    )
}

/// Builds once, then again after every change, calling `report` after each build; returns
/// only if the watcher cannot be set up or stops.
pub fn watch(
    root: &Path,
    out: &Path,
    progress: &(dyn Fn(Progress) + Sync),
    mut report: impl FnMut(&RunReport, &[PathBuf]),
) -> Result<(), Error> {
    let root = root
        .canonicalize()
        .map_err(|e| Error::Setup(format!("cannot watch `{}`: {e}", root.display())))?;
    std::fs::create_dir_all(out)
        .map_err(|e| Error::Setup(format!("cannot create `{}`: {e}", out.display())))?;
    let out = out
        .canonicalize()
        .map_err(|e| Error::Setup(format!("cannot watch `{}`: {e}", out.display())))?;
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        use notify::EventKind::{Create, Modify, Remove};
        use notify::event::ModifyKind;
        // Reading the project (every build does) raises access and metadata events: only
        // content changes count.
        if let Ok(event) = event
            && matches!(
                event.kind,
                Create(_)
                    | Remove(_)
                    | Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
            )
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| Error::Setup(format!("cannot watch files: {e}")))?;
    watcher
        .watch(&root, RecursiveMode::Recursive)
        .map_err(|e| Error::Setup(format!("cannot watch `{}`: {e}", root.display())))?;

    report(
        &build_with(&root, &out, &BuildOptions::default(), progress),
        &[],
    );
    loop {
        let Ok(paths) = rx.recv() else {
            return Err(Error::Internal("the file watcher stopped".into()));
        };
        let mut changed: Vec<PathBuf> = paths
            .into_iter()
            .filter(|p| is_input(&root, &out, p))
            .collect();
        if changed.is_empty() {
            continue;
        }
        // Let the editor finish saving (several events per save) before rebuilding.
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            changed.extend(more.into_iter().filter(|p| is_input(&root, &out, p)));
        }
        changed.sort();
        changed.dedup();
        let changed: Vec<PathBuf> = changed
            .into_iter()
            .map(|p| p.strip_prefix(&root).map(Path::to_path_buf).unwrap_or(p))
            .collect();
        report(
            &build_with(&root, &out, &BuildOptions::default(), progress),
            &changed,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_project_inputs_trigger_a_rebuild() {
        let root = Path::new("/p");
        let out = Path::new("/p/out");
        assert!(is_input(root, out, Path::new("/p/data/2022/a.yaml")));
        assert!(is_input(root, out, Path::new("/p/letters/x.yaml")));
        assert!(is_input(root, out, Path::new("/p/templates/cong-van.typ")));
        assert!(
            !is_input(root, out, Path::new("/p/out/2022/x.pdf")),
            "its own writes"
        );
        assert!(!is_input(root, out, Path::new("/p/data/.vanban-tmp-1-x")));
        assert!(!is_input(root, out, Path::new("/p/target/debug/x")));
        assert!(!is_input(root, out, Path::new("/p/.git/index")));
        assert!(!is_input(root, out, Path::new("/p/data/a.yaml~")));
        for swap in [
            ".a.yaml.swp",
            ".a.yaml.swx",
            "4913",
            ".#a.yaml",
            "~$thu.xlsx",
            "a.yaml.tmp",
        ] {
            assert!(
                !is_input(root, out, &Path::new("/p/letters").join(swap)),
                "{swap}"
            );
        }
    }
}
