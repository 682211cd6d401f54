//! Output files: every PDF is written to a temporary file beside its target and renamed into
//! place, so `out/` only ever holds complete files, old or new.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prefix of temporary files; anything left with it after a crash is cleaned up on the next run.
const TEMP_PREFIX: &str = ".vanban-tmp-";

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id()));
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

/// Removes temporary files an interrupted run left below `out`; recent ones may belong to a
/// run still going (a `watch` next to a `build`) and are left alone.
pub fn clean_temporaries(out: &Path) -> Vec<PathBuf> {
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

/// An empty digital-signature form field to add to a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureField {
    /// Field name, shown by signing tools.
    pub name: String,
    /// 0-based page index.
    pub page: usize,
    /// Rectangle in PDF user space (points, origin at the bottom left): x0, y0, x1, y1.
    pub rect: [f64; 4],
}

/// A PDF text string: UTF-16BE with a byte-order mark, so Vietnamese names survive.
fn text_string(text: &str) -> lopdf::Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Adds empty signature fields as an incremental update, leaving the original bytes (and so
/// the PDF/A conformance of what Typst wrote) untouched before the appended section.
pub fn add_signature_fields(pdf: Vec<u8>, fields: &[SignatureField]) -> Result<Vec<u8>, String> {
    use lopdf::{Dictionary, Object, Stream};
    if fields.is_empty() {
        return Ok(pdf);
    }
    let mut doc = lopdf::IncrementalDocument::load_from(pdf.as_slice())
        .map_err(|e| format!("cannot read the PDF to add signature fields: {e}"))?;
    let prev = doc.get_prev_documents();
    let pages = prev.get_pages();
    let root = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no catalog: {e}"))?;
    let mut annotations: std::collections::BTreeMap<lopdf::ObjectId, Vec<Object>> =
        Default::default();
    let mut refs = Vec::new();
    for field in fields {
        let page = *pages.get(&(field.page as u32 + 1)).ok_or_else(|| {
            format!(
                "the PDF has no page {} for field `{}`",
                field.page + 1,
                field.name
            )
        })?;
        let [x0, y0, x1, y1] = field.rect;
        // PDF/A wants an appearance for every widget: an empty one until it is signed.
        let appearance = Stream::new(
            Dictionary::from_iter([
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Form".to_vec())),
                (
                    "BBox",
                    Object::Array(vec![
                        0.into(),
                        0.into(),
                        Object::Real((x1 - x0) as f32),
                        Object::Real((y1 - y0) as f32),
                    ]),
                ),
            ]),
            Vec::new(),
        );
        let appearance = doc.new_document.add_object(appearance);
        let widget = Dictionary::from_iter([
            ("Type", Object::Name(b"Annot".to_vec())),
            ("Subtype", Object::Name(b"Widget".to_vec())),
            ("FT", Object::Name(b"Sig".to_vec())),
            ("T", text_string(&field.name)),
            (
                "Rect",
                Object::Array(
                    [x0, y0, x1, y1]
                        .iter()
                        .map(|v| Object::Real(*v as f32))
                        .collect(),
                ),
            ),
            // Printable, as PDF/A requires of annotations.
            ("F", Object::Integer(4)),
            ("P", Object::Reference(page)),
            (
                "AP",
                Object::Dictionary(Dictionary::from_iter([(
                    "N",
                    Object::Reference(appearance),
                )])),
            ),
        ]);
        let id = doc.new_document.add_object(widget);
        annotations
            .entry(page)
            .or_default()
            .push(Object::Reference(id));
        refs.push(Object::Reference(id));
    }
    for (page, added) in annotations {
        doc.opt_clone_object_to_new_document(page)
            .map_err(|e| e.to_string())?;
        let existing = {
            let prev = doc.get_prev_documents();
            match prev
                .get_object(page)
                .and_then(Object::as_dict)
                .map(|d| d.get(b"Annots"))
            {
                Ok(Ok(Object::Array(a))) => a.clone(),
                Ok(Ok(Object::Reference(r))) => prev
                    .get_object(*r)
                    .and_then(Object::as_array)
                    .cloned()
                    .unwrap_or_default(),
                _ => Vec::new(),
            }
        };
        let dict = doc
            .new_document
            .get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        let mut all = existing;
        all.extend(added);
        dict.set("Annots", Object::Array(all));
    }
    doc.opt_clone_object_to_new_document(root)
        .map_err(|e| e.to_string())?;
    let catalog = doc
        .new_document
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| e.to_string())?;
    catalog.set(
        "AcroForm",
        Object::Dictionary(Dictionary::from_iter([("Fields", Object::Array(refs))])),
    );
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("cannot write the signature fields: {e}"))?;
    Ok(out)
}

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
pub fn lock(out: &Path) -> Result<Lock, String> {
    fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder `{}`: {e}", out.display()))?;
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
                        return Err(format!(
                            "another vanban run (process {pid}) is writing into `{}`; wait for it to finish",
                            out.display()
                        ));
                    }
                    // Left behind by a run that was killed: take it over.
                    _ => {
                        let _ = fs::remove_file(&path);
                    }
                }
            }
            Err(e) => {
                return Err(format!(
                    "cannot write into the output folder `{}`: {e}",
                    out.display()
                ));
            }
        }
    }
    Err(format!("cannot take the lock `{}`", path.display()))
}

#[cfg(test)]
mod lock_tests {
    use super::*;

    #[test]
    fn a_second_run_is_refused_and_a_dead_runs_lock_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path()).unwrap();
        let refused = lock(dir.path()).unwrap_err();
        assert!(refused.contains("another vanban run"), "{refused}");
        drop(held);
        assert!(!dir.path().join(LOCK).exists(), "released on drop");
        // A process id that cannot be running.
        fs::write(dir.path().join(LOCK), "4294967295").unwrap();
        assert!(lock(dir.path()).is_ok());
    }
}
