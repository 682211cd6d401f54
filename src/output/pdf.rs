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

/// Writes `pdf` to `path` atomically, unless the file there already holds exactly these
/// bytes (vanban's output is reproducible, so a forced rebuild mostly produces the same
/// files): then its time, and any viewer or signing tool that has it open, are left alone.
/// `on_disk` is the fingerprint of the file now at `path` when the manifest knows it: the
/// same bytes are then not hashed again. Returns the PDF's fingerprint.
pub(crate) fn write_unless_same(
    path: &Path,
    pdf: &[u8],
    on_disk: Option<&str>,
) -> Result<String, Error> {
    let same = std::fs::metadata(path).is_ok_and(|m| m.len() == pdf.len() as u64)
        && std::fs::read(path).is_ok_and(|bytes| bytes == pdf);
    if same && let Some(known) = on_disk {
        return Ok(known.to_string());
    }
    if !same {
        super::write_atomic(path, pdf)
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
        assert_eq!(
            write_unless_same(&path, b"%PDF one", None).unwrap(),
            fingerprint(b"%PDF one")
        );
        let written = std::fs::metadata(&path).unwrap().modified().unwrap();
        // The manifest's fingerprint of the file on disk is returned as it is.
        assert_eq!(
            write_unless_same(&path, b"%PDF one", Some("recorded")).unwrap(),
            "recorded"
        );
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), written);
        // Other bytes are written and fingerprinted, whatever was recorded.
        assert_eq!(
            write_unless_same(&path, b"%PDF two", Some("recorded")).unwrap(),
            fingerprint(b"%PDF two")
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF two");
    }
}
