//! PDF files: the PDF/A-2b export of a laid-out document, and writing a PDF unless the file
//! on disk already holds the same bytes.

use std::path::Path;

use typst::foundations::{Datetime, Smart};

use crate::Error;
use crate::compile::{CompileError, PagedDocument};
use crate::fingerprint::fingerprint;

/// Exports laid-out pages to PDF/A-2b bytes for archiving; `ident` keeps the PDF's
/// identifier stable and `date` (year, month, day) is the document's, never the clock's, so
/// the same inputs give the same bytes. Errors are the exporter's, without a position.
pub(crate) fn export(
    doc: &PagedDocument,
    ident: &str,
    date: Option<(i32, u32, u32)>,
) -> Result<Vec<u8>, Vec<CompileError>> {
    let timestamp = date
        .and_then(|(y, m, d)| Datetime::from_ymd(y, m as u8, d as u8))
        .map(typst_pdf::Timestamp::new_utc);
    let standards = typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::A_2b])
        .expect("PDF/A-2b alone is a valid set of standards");
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        timestamp,
        standards,
        creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
        ..Default::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| CompileError {
                file: None,
                line_column: None,
                message: e.message.to_string(),
                hints: vec![],
            })
            .collect()
    })
}

/// Stages `pdf` for `path` in `batch` (in place once the batch is committed), unless the file
/// there already holds exactly these bytes (vanban's output is reproducible, so a forced
/// rebuild mostly produces the same files): then its time, and any viewer or signing tool
/// that has it open, are left alone. `on_disk` is the fingerprint of the file now at `path`
/// when the manifest knows it: the same bytes are then not hashed again. Returns the PDF's
/// fingerprint.
pub(crate) fn write_unless_same(
    path: &Path,
    pdf: &[u8],
    on_disk: Option<&str>,
    batch: &mut super::Batch,
) -> Result<String, Error> {
    let same = std::fs::metadata(path).is_ok_and(|m| m.len() == pdf.len() as u64)
        && std::fs::read(path).is_ok_and(|bytes| bytes == pdf);
    if same && let Some(known) = on_disk {
        return Ok(known.to_string());
    }
    if !same {
        batch
            .stage(path, pdf)
            .map_err(|e| Error::io(format!("cannot write `{}`", path.display()), e))?;
    }
    Ok(fingerprint(pdf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_keep_the_file_and_a_known_fingerprint_is_not_computed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        let write = |bytes: &[u8], known: Option<&str>| {
            let mut batch = crate::output::Batch::default();
            let fingerprint = write_unless_same(&path, bytes, known, &mut batch).unwrap();
            assert!(batch.commit().is_empty());
            fingerprint
        };
        assert_eq!(write(b"%PDF one", None), fingerprint(b"%PDF one"));
        let written = std::fs::metadata(&path).unwrap().modified().unwrap();
        // The manifest's fingerprint of the file on disk is returned as it is.
        assert_eq!(write(b"%PDF one", Some("recorded")), "recorded");
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), written);
        // Other bytes are written and fingerprinted, whatever was recorded.
        assert_eq!(write(b"%PDF two", Some("recorded")), fingerprint(b"%PDF two"));
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF two");
    }

    #[test]
    fn a_staged_file_is_in_place_only_after_the_commit_and_nothing_else_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2022/a.pdf");
        let mut batch = crate::output::Batch::default();
        batch.stage(&path, b"%PDF new").unwrap();
        assert!(!path.exists(), "not in place before the commit");
        assert!(batch.commit().is_empty());
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF new");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("2022"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.pdf"], "no temporary file is left");
        // A target that cannot be put in place is named, and its temporary file removed.
        let mut batch = crate::output::Batch::default();
        let blocked = dir.path().join("2022/b.pdf");
        std::fs::create_dir_all(blocked.join("occupied")).unwrap();
        batch.stage(&blocked, b"%PDF b").unwrap();
        let failed = batch.commit();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].0, blocked);
        let mut names: Vec<_> = std::fs::read_dir(dir.path().join("2022"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["a.pdf", "b.pdf"], "only the directory in the way and the first file");
    }
}
