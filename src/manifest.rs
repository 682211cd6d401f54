//! The build manifest (`out/.vanban-manifest.json`): what each PDF was made from (its data,
//! the templates, the fonts, the tool's version) and the indicator values of each report, so
//! a rebuild compiles only what changed, says why, removes outputs whose source is gone and
//! reports corrected figures.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// File name of the manifest inside the output folder.
pub const FILE: &str = ".vanban-manifest.json";

/// What one output was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The letter file it comes from.
    pub source: String,
    /// Fingerprint of its template data.
    pub input: String,
    /// Fingerprint of the templates.
    pub templates: String,
    /// Fingerprint of the fonts.
    pub fonts: String,
    /// The vanban version that wrote it.
    pub tool: String,
    /// Fingerprint of the PDF written.
    pub pdf: String,
    /// Size and modification time (ns since the epoch) of the PDF written: when both still
    /// match, the file is not read again to fingerprint it.
    #[serde(default)]
    pub stamp: Option<(u64, u128)>,
}

/// Size and modification time of a file, if it exists.
pub fn stamp(path: &Path) -> Option<(u64, u128)> {
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
pub fn on_disk(path: &Path, entry: &Entry) -> Option<String> {
    let now = stamp(path)?;
    if entry.stamp == Some(now) {
        return Some(entry.pdf.clone());
    }
    std::fs::read(path).ok().map(|b| fingerprint(&b))
}

/// One computed indicator value, as recorded for the next build's comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    /// Indicator name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Value, if computed.
    pub value: Option<f64>,
    /// Decimals shown.
    pub decimals: u32,
}

/// The whole manifest.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Outputs by path relative to the output folder.
    #[serde(default)]
    pub documents: BTreeMap<String, Entry>,
    /// Indicator values by data year and indicator number ("01").
    #[serde(default)]
    pub values: BTreeMap<i32, BTreeMap<String, Value>>,
}

/// Whether a manifest key is a plain relative path inside the output folder: a damaged or
/// hand-edited manifest must never make vanban touch files elsewhere.
fn inside(key: &str) -> bool {
    let path = Path::new(key);
    !key.is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && key.ends_with(".pdf")
}

/// A stable 64-bit FNV-1a fingerprint, hex: the same bytes give the same text on every
/// machine and Rust version (std's hasher promises neither).
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Reads the manifest; a missing or unreadable one is empty (everything is rebuilt).
pub fn load(out: &Path) -> Manifest {
    let mut manifest: Manifest = std::fs::read(out.join(FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    manifest.documents.retain(|key, _| inside(key));
    manifest
}

/// Writes the manifest atomically.
pub fn save(out: &Path, manifest: &Manifest) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(manifest).map_err(std::io::Error::other)?;
    crate::output::write_atomic(&out.join(FILE), &json)
}

/// Why an output must be rebuilt, or none when it is up to date.
pub fn reason(old: Option<&Entry>, new: &Entry, on_disk: Option<&str>) -> Option<&'static str> {
    let Some(old) = old else { return Some("new") };
    if on_disk.is_none() {
        Some("output missing")
    } else if on_disk != Some(old.pdf.as_str()) {
        Some("output changed outside vanban")
    } else if old.input != new.input {
        Some("data changed")
    } else if old.templates != new.templates {
        Some("templates changed")
    } else if old.fonts != new.fonts {
        Some("fonts changed")
    } else if old.tool != new.tool {
        Some("vanban version changed")
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
        }
    }

    #[test]
    fn fingerprints_are_stable_and_distinguish_inputs() {
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
        assert_ne!(fingerprint(b"ab"), fingerprint(b"ba"));
    }

    #[test]
    fn reasons_name_what_changed() {
        let old = entry("x");
        assert_eq!(reason(None, &old, None), Some("new"));
        assert_eq!(reason(Some(&old), &old, Some("p")), None);
        assert_eq!(reason(Some(&old), &old, None), Some("output missing"));
        assert_eq!(
            reason(Some(&old), &old, Some("q")),
            Some("output changed outside vanban")
        );
        assert_eq!(
            reason(Some(&old), &entry("y"), Some("p")),
            Some("data changed")
        );
        let mut t = old.clone();
        t.templates = "u".into();
        assert_eq!(reason(Some(&old), &t, Some("p")), Some("templates changed"));
        let mut v = old.clone();
        v.tool = "2".into();
        assert_eq!(
            reason(Some(&old), &v, Some("p")),
            Some("vanban version changed")
        );
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
    }

    #[test]
    fn a_corrupt_manifest_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), b"{not json").unwrap();
        assert_eq!(load(dir.path()), Manifest::default());
        let mut m = Manifest::default();
        m.documents.insert("2022/a.pdf".into(), entry("x"));
        save(dir.path(), &m).unwrap();
        assert_eq!(load(dir.path()), m);
    }
}
