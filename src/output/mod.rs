//! Output files: every file is written to a temporary file beside its target and renamed
//! into place, so `out/` only ever holds complete files, old or new. Below: the PDF/A export
//! (`pdf`), the lock that keeps two runs out of one folder (`lock`) and the signature fields
//! placed over the laid-out signature block (`signature`).

pub mod lock;
pub(crate) mod pdf;
pub(crate) mod signature;
pub(crate) mod verify;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prefix of temporary files; anything left with it after a crash is cleaned up on the next run.
const TEMP_PREFIX: &str = ".vanban-tmp-";

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temporary(path)?;
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Files written together: each goes to a temporary file beside its target; [`Batch::commit`]
/// makes them all durable at once and only then renames each into place, so `out/` still
/// only ever holds complete files. One sync of the file system for a whole build instead of
/// one per file: a cold national build spends about 0.3 s less system time on 2 cores
/// (measured with alternating cold builds).
#[derive(Default)]
pub(crate) struct Batch {
    /// Temporary file and target of each file staged.
    staged: Vec<(PathBuf, PathBuf)>,
}

impl Batch {
    /// Writes `bytes` to a temporary file beside `path`; the file is in place after
    /// [`Batch::commit`]. An error leaves nothing behind.
    pub(crate) fn stage(&mut self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let tmp = temporary(path)?;
        let written = fs::File::create(&tmp).and_then(|mut file| file.write_all(bytes));
        if let Err(error) = written {
            let _ = fs::remove_file(&tmp);
            return Err(error);
        }
        self.staged.push((tmp, path.to_path_buf()));
        Ok(())
    }

    /// Makes every staged file durable, then renames each into place; returns the targets
    /// that could not be put in place, each with its error (their temporary files removed).
    pub(crate) fn commit(self) -> Vec<(PathBuf, std::io::Error)> {
        let synced = sync_all_at_once(&self.staged);
        let mut failed = Vec::new();
        for (tmp, path) in self.staged {
            let placed = match &synced {
                Ok(()) => fs::rename(&tmp, &path),
                Err(error) => Err(std::io::Error::new(error.kind(), error.to_string())),
            };
            if let Err(error) = placed {
                let _ = fs::remove_file(&tmp);
                failed.push((path, error));
            }
        }
        failed
    }
}

/// Makes the staged files durable: one `syncfs` of their file system on Linux (they are all
/// below one output folder), else each file's own `fsync`.
fn sync_all_at_once(staged: &[(PathBuf, PathBuf)]) -> std::io::Result<()> {
    if staged.is_empty() {
        return Ok(());
    }
    #[cfg(target_os = "linux")]
    if rustix::fs::syncfs(fs::File::open(&staged[0].0)?).is_ok() {
        return Ok(());
    }
    for (tmp, _) in staged {
        fs::File::open(tmp)?.sync_all()?;
    }
    Ok(())
}

/// A temporary file's path beside `path` (its folder created if need be).
fn temporary(path: &Path) -> std::io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    Ok(dir.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id())))
}

/// Removes temporary files an interrupted run left below `out`; recent ones may belong to a
/// run still going (a `watch` next to a `build`) and are left alone.
pub(crate) fn clean_temporaries(out: &Path) -> Vec<PathBuf> {
    let stale = |entry: &walkdir::DirEntry| {
        entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|age| age > std::time::Duration::from_secs(600))
    };
    let mut removed = Vec::new();
    if !out.is_dir() {
        return removed;
    }
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let is_temp = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(TEMP_PREFIX));
        if entry.file_type().is_file()
            && is_temp
            && stale(&entry)
            && fs::remove_file(entry.path()).is_ok()
        {
            removed.push(entry.into_path());
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;


    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/letter.pdf");
        write_atomic(&target, b"old").unwrap();
        write_atomic(&target, b"new content").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new content");
        let left: Vec<_> = fs::read_dir(target.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn stale_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir
            .path()
            .join("2022")
            .join(format!("{TEMP_PREFIX}1-x.pdf"));
        fs::create_dir_all(stale.parent().unwrap()).unwrap();
        fs::write(&stale, b"half").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let fresh = dir
            .path()
            .join("2022")
            .join(format!("{TEMP_PREFIX}2-y.pdf"));
        fs::write(&fresh, b"being written").unwrap();
        fs::write(dir.path().join("2022/keep.pdf"), b"ok").unwrap();
        assert_eq!(clean_temporaries(dir.path()), vec![stale.clone()]);
        assert!(!stale.exists());
        assert!(
            fresh.exists(),
            "a temporary file being written by another run is left alone"
        );
        assert!(dir.path().join("2022/keep.pdf").exists());
    }
}
