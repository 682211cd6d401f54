//! The lock that keeps two vanban runs from writing into one output folder at once: their
//! files and manifests would interleave. A lock left by a killed run is taken over.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

/// Name of the lock file that keeps two builds of one project from interleaving.
pub const LOCK: &str = ".vanban.lock";

/// Held while a run writes into `out`; released when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether the process that wrote a lock still runs (where that can be known).
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// Takes the output folder's lock, or says which run holds it. A lock left by a run that
/// was killed is taken over.
pub fn lock(out: &Path) -> Result<Lock, Error> {
    fs::create_dir_all(out)
        .map_err(|e| {
            Error::io(
                format!("cannot create the output folder `{}`", out.display()),
                e,
            )
        })?;
    let path = out.join(LOCK);
    for _ in 0..2 {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                let _ = write!(file, "{}", std::process::id());
                return Ok(Lock { path });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = fs::read_to_string(&path)
                    .ok()
                    .and_then(|s| s.trim().parse::<u32>().ok());
                match holder {
                    Some(pid) if alive(pid) => {
                        return Err(Error::Locked {
                            pid,
                            out: out.to_path_buf(),
                        });
                    }
                    // Left behind by a run that was killed: take it over.
                    _ => {
                        let _ = fs::remove_file(&path);
                    }
                }
            }
            Err(e) => {
                return Err(Error::io(
                    format!("cannot write into the output folder `{}`", out.display()),
                    e,
                ));
            }
        }
    }
    Err(Error::Setup(format!(
        "cannot take the lock `{}`",
        path.display()
    )))
}

#[cfg(test)]
mod lock_tests {
    use super::*;

    #[test]
    fn a_second_run_is_refused_and_a_dead_runs_lock_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path()).unwrap();
        let refused = lock(dir.path()).unwrap_err().to_string();
        assert!(refused.contains("another vanban run"), "{refused}");
        drop(held);
        assert!(!dir.path().join(LOCK).exists(), "released on drop");
        // A process id that cannot be running.
        fs::write(dir.path().join(LOCK), "4294967295").unwrap();
        assert!(lock(dir.path()).is_ok());
    }
}

