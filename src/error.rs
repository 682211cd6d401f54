//! `vanban::Error`: the failures that stop a run or a document for a reason outside the
//! user's files (input/output, a lock held by another run, fonts or templates that cannot
//! be loaded, a compiler panic). Problems in the user's files are `Diagnostic`s instead.

use std::path::PathBuf;

/// A failure outside the user's files; the run exits with status 2.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read, written, created or removed; `action` says what
    /// was tried and on which path ("cannot write `out/2022/a.pdf`").
    Io {
        /// What was tried, naming the path.
        action: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// Another vanban run (process `pid`) is writing into `out`.
    Locked {
        /// The process holding the lock.
        pid: u32,
        /// The output folder.
        out: PathBuf,
    },
    /// Fonts, templates or another part of the run's setup could not be had; the text says
    /// which and why.
    Setup(String),
    /// A bug in vanban or a library it uses (a panic while compiling or writing).
    Internal(String),
}

impl Error {
    /// An input/output failure while doing `action` (which names the path).
    pub(crate) fn io(action: impl Into<String>, source: std::io::Error) -> Self {
        Self::Io {
            action: action.into(),
            source,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io { action, source } => write!(f, "{action}: {source}"),
            Self::Locked { pid, out } => write!(
                f,
                "another vanban run (process {pid}) is writing into `{}`; wait for it to finish",
                out.display()
            ),
            Self::Setup(message) | Self::Internal(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_object_and_the_cause() {
        let e = Error::io(
            "cannot write `out/a.pdf`",
            std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied"),
        );
        assert_eq!(e.to_string(), "cannot write `out/a.pdf`: denied");
        assert!(std::error::Error::source(&e).is_some());
        let e = Error::Locked {
            pid: 7,
            out: PathBuf::from("out"),
        };
        assert!(e.to_string().contains("process 7"));
    }
}
