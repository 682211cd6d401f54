//! The build manifest (`out/.vanban-manifest.json`): what each PDF was made from (its data,
//! the templates, the fonts, the tool's version) and the indicator values of each report, so
//! a rebuild compiles only what changed, says why ([`Rebuild`]), removes outputs whose source
//! is gone and reports corrected figures.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::fingerprint::fingerprint;
use crate::plan::Figure;

/// File name of the manifest inside the output folder.
pub const FILE: &str = ".vanban-manifest.json";

/// What one output was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The letter file it comes from.
    pub(crate) source: String,
    /// Fingerprint of its template data.
    pub(crate) input: String,
    /// Fingerprint of the templates.
    pub(crate) templates: String,
    /// Fingerprint of the fonts.
    pub(crate) fonts: String,
    /// The vanban version that wrote it.
    pub(crate) tool: String,
    /// Fingerprint of the PDF written.
    pub(crate) pdf: String,
    /// Size and modification time (ns since the epoch) of the PDF written: when both still
    /// match, the file is not read again to fingerprint it.
    #[serde(default)]
    pub(crate) stamp: Option<(u64, u128)>,
    /// Written by `vanban remind`: a build neither rebuilds nor removes it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) reminder: bool,
    /// The file recorded is one vanban wrote, which carries no signature: while it is
    /// unchanged on disk, a forced build need not read it to know it is not signed. False
    /// for a PDF `vanban register` filled in after signing, and in older manifests.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) unsigned: bool,
}

/// Size and modification time of a file, if it exists.
pub(crate) fn stamp(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), modified.as_nanos()))
}

/// The fingerprint of the file at `path`, trusting `entry`'s when the file's size and time
/// are those recorded (reading a thousand PDFs would dominate a small rebuild).
pub(crate) fn on_disk(path: &Path, entry: &Entry) -> Option<String> {
    let now = stamp(path)?;
    if entry.stamp == Some(now) {
        return Some(entry.pdf.clone());
    }
    std::fs::read(path).ok().map(|b| fingerprint(&b))
}

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    /// Outputs by path relative to the output folder.
    #[serde(default)]
    pub(crate) documents: BTreeMap<String, Entry>,
    /// Indicator values by data year and indicator number ("01").
    #[serde(default)]
    pub(crate) values: BTreeMap<i32, BTreeMap<String, Figure>>,
}

/// Whether a manifest key is a plain relative path inside the output folder: a damaged or
/// hand-edited manifest must never make vanban touch files elsewhere, nor any file but the
/// PDFs and reply workbooks it writes.
fn inside(key: &str) -> bool {
    let path = Path::new(key);
    !key.is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && (key.ends_with(".pdf") || key.ends_with(".xlsx"))
}

/// Reads the manifest; a missing or unreadable one is empty (everything is rebuilt).
pub(crate) fn load(out: &Path) -> Manifest {
    let mut manifest: Manifest = std::fs::read(out.join(FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    manifest.documents.retain(|key, _| inside(key));
    manifest
}

/// The paths of the outputs recorded in `out`'s manifest, without reading their entries
/// (a build asks which it made before taking the lock and reading the whole manifest).
pub(crate) fn recorded(out: &Path) -> Vec<String> {
    #[derive(Deserialize)]
    struct Keys {
        #[serde(default)]
        documents: BTreeMap<String, serde::de::IgnoredAny>,
    }
    std::fs::read(out.join(FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Keys>(&bytes).ok())
        .map(|keys| keys.documents.into_keys().filter(|key| inside(key)).collect())
        .unwrap_or_default()
}

/// Writes the manifest atomically.
pub(crate) fn save(out: &Path, manifest: &Manifest) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(manifest).map_err(std::io::Error::other)?;
    crate::output::write_atomic(&out.join(FILE), &json)
}

/// Why a document is compiled this run; `Display` gives the words of "wrote … (reason)".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rebuild {
    /// Never built before.
    New,
    /// Its PDF is gone from the output folder.
    OutputMissing,
    /// Its PDF was changed outside vanban (signed, stamped): never overwritten unasked.
    ChangedOutside,
    /// Its template data changed.
    DataChanged,
    /// A template changed.
    TemplatesChanged,
    /// A font changed.
    FontsChanged,
    /// Another vanban version wrote it.
    ToolChanged,
    /// `build --force`.
    Forced,
    /// A follow-up letter, written whenever `remind` finds the items overdue.
    Overdue,
}

impl Rebuild {
    /// Every reason, for the message catalogue's completeness test.
    pub const ALL: [Rebuild; 9] = [
        Rebuild::New,
        Rebuild::OutputMissing,
        Rebuild::ChangedOutside,
        Rebuild::DataChanged,
        Rebuild::TemplatesChanged,
        Rebuild::FontsChanged,
        Rebuild::ToolChanged,
        Rebuild::Forced,
        Rebuild::Overdue,
    ];

    /// The stable kebab-case name (`data-changed`), the message catalogue's key.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

impl std::fmt::Display for Rebuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::New => "new",
            Self::OutputMissing => "output missing",
            Self::ChangedOutside => "output changed outside vanban",
            Self::DataChanged => "data changed",
            Self::TemplatesChanged => "templates changed",
            Self::FontsChanged => "fonts changed",
            Self::ToolChanged => "vanban version changed",
            Self::Forced => "forced",
            Self::Overdue => "overdue",
        })
    }
}

/// Why an output must be rebuilt, or none when it is up to date; `on_disk` is the
/// fingerprint of the PDF now on disk, if any.
pub(crate) fn reason(old: Option<&Entry>, new: &Entry, on_disk: Option<&str>) -> Option<Rebuild> {
    let Some(old) = old else {
        return Some(Rebuild::New);
    };
    if on_disk.is_none() {
        Some(Rebuild::OutputMissing)
    } else if on_disk != Some(old.pdf.as_str()) {
        Some(Rebuild::ChangedOutside)
    } else if old.input != new.input {
        Some(Rebuild::DataChanged)
    } else if old.templates != new.templates {
        Some(Rebuild::TemplatesChanged)
    } else if old.fonts != new.fonts {
        Some(Rebuild::FontsChanged)
    } else if old.tool != new.tool {
        Some(Rebuild::ToolChanged)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(input: &str) -> Entry {
        Entry {
            source: "letters/a.yaml".into(),
            input: input.into(),
            templates: "t".into(),
            fonts: "f".into(),
            tool: "1".into(),
            pdf: "p".into(),
            stamp: None,
            reminder: false,
            unsigned: false,
        }
    }

    #[test]
    fn reasons_name_what_changed() {
        let old = entry("x");
        assert_eq!(reason(None, &old, None), Some(Rebuild::New));
        assert_eq!(reason(Some(&old), &old, Some("p")), None);
        assert_eq!(reason(Some(&old), &old, None), Some(Rebuild::OutputMissing));
        assert_eq!(
            reason(Some(&old), &old, Some("q")),
            Some(Rebuild::ChangedOutside)
        );
        assert_eq!(
            reason(Some(&old), &entry("y"), Some("p")),
            Some(Rebuild::DataChanged)
        );
        let mut t = old.clone();
        t.templates = "u".into();
        assert_eq!(reason(Some(&old), &t, Some("p")), Some(Rebuild::TemplatesChanged));
        let mut v = old.clone();
        v.tool = "2".into();
        assert_eq!(
            reason(Some(&old), &v, Some("p")),
            Some(Rebuild::ToolChanged)
        );
        assert_eq!(Rebuild::ChangedOutside.to_string(), "output changed outside vanban");
    }

    #[test]
    fn keys_leaving_the_output_folder_are_dropped_on_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Manifest::default();
        for key in [
            "../x.pdf",
            "/tmp/x.pdf",
            "2022/../../x.pdf",
            "2022/a.yaml",
            "2022/a.pdf",
        ] {
            m.documents.insert(key.into(), entry("x"));
        }
        save(dir.path(), &m).unwrap();
        let kept: Vec<String> = load(dir.path()).documents.into_keys().collect();
        assert_eq!(kept, ["2022/a.pdf"]);
        assert_eq!(recorded(dir.path()), kept, "the keys alone, read the same way");
    }

    #[test]
    fn a_corrupt_manifest_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), b"{not json").unwrap();
        assert_eq!(load(dir.path()), Manifest::default());
        assert!(recorded(dir.path()).is_empty());
        let mut m = Manifest::default();
        m.documents.insert("2022/a.pdf".into(), entry("x"));
        save(dir.path(), &m).unwrap();
        assert_eq!(load(dir.path()), m);
    }
}
