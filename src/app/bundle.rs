//! `vanban bundle`: the dossier of a data year as one archive,
//! `out/<year>/ho-so-<year>.zip`. A build runs first, so the documents are the latest (or,
//! for the signed ones, what was signed). The archive holds those documents under
//! `van-ban/`, each evidence file under `minh-chung/chi-so-NN/` as the index lists it, the
//! returned workbooks under `bieu-mau-tra-loi/`, the index as a PDF and as a CSV, and the
//! SHA-256 checksum of every file. Evidence that is not inside the project is refused.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Progress, RunReport};
use crate::Error;
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::plan::{DocKind, TemplateData};

/// How a bundle is made.
#[derive(Debug, Clone, Copy, Default)]
pub struct BundleOptions {
    /// The data year (default: the latest with a request letter).
    pub year: Option<i32>,
}

/// What a bundle wrote: the archive and how many files it holds, or the build's problems.
#[derive(Debug, Default)]
pub struct Bundled {
    /// The archive, when written.
    pub archive: Option<PathBuf>,
    /// Files in it.
    pub files: usize,
    /// Evidence documents listed.
    pub evidence: usize,
    /// The build that ran first, and every problem found.
    pub report: RunReport,
}

/// Builds the project at `root` into `out`, then writes the dossier of the data year.
pub fn bundle(
    root: &Path,
    out: &Path,
    options: BundleOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Bundled {
    let mut report = super::build::build(root, out, progress);
    let mut bundled = Bundled::default();
    let (jobs, _) = super::documents(root, false);
    let checked = super::load_checked(root, &mut super::Timings::default());
    let year = options
        .year
        .or_else(|| checked.model.as_ref().and_then(|m| m.latest_request_year()));
    let Some(year) = year else {
        report.diagnostics.push(
            Diagnostic::error(
                Code::Evidence,
                Position::file("letters"),
                "no dossier: no request letter says which data year it is".to_string(),
            )
            .with_hint("give the year: vanban bundle --year YYYY")
            .says("bundle-no-year", &[])
            .hints("bundle-no-year-hint", &[]),
        );
        bundled.report = report;
        return bundled;
    };
    let refuse = |message: String, hint: &str, key: &'static str, hint_key: &'static str| {
        Diagnostic::error(
            Code::Evidence,
            Position::file(format!("out/{year}")),
            message,
        )
        .with_hint(hint.to_string())
        .says(key, &[("year", &year.to_string())])
        .hints(hint_key, &[])
    };
    // A dossier is sent as a whole: nothing of a year with errors goes out. Errors of another
    // data year's letters or answers do not touch it, nor do the registers' (not part of
    // it); those of shared files do, and so does a failure of the run itself.
    let years = letter_years(root);
    let touches = |d: &Diagnostic| {
        !d.position.file.starts_with(crate::project::register::DIR)
            && year_of(&d.position.file, &years).is_none_or(|y| y == year)
    };
    if report.fatal.is_some()
        || report
            .diagnostics
            .iter()
            .any(|d| d.is_error() && touches(d))
    {
        report.diagnostics.push(refuse(
            format!("no dossier for {year}: the build has errors"),
            "fix the errors above, then run `vanban bundle` again",
            "bundle-refused",
            "bundle-refused-hint",
        ));
        bundled.report = report;
        return bundled;
    }
    // The evidence list of the report that goes up: another body's (the UBND's) when the
    // year has one, as the tờ trình submits it.
    let goes_up = |j: &&crate::plan::Job| {
        checked
            .model
            .as_ref()
            .and_then(|m| m.letters.iter().find(|l| l.path == j.source))
            .is_some_and(|l| l.issuer.is_some())
    };
    let index = jobs
        .iter()
        .filter(|j| j.kind == DocKind::EvidenceIndex && j.output.starts_with(year.to_string()))
        .max_by_key(|j| (goes_up(j), std::cmp::Reverse(j.output.clone())));
    let Some((index_job, items)) = index.and_then(|j| match &j.data {
        TemplateData::EvidenceIndex(d) => Some((j, d.items.clone())),
        _ => None,
    }) else {
        report.diagnostics.push(refuse(
            format!("no dossier for {year}: no report of that year lists its evidence"),
            "write the year's report (kind: bao-cao) first",
            "bundle-no-report",
            "bundle-no-report-hint",
        ));
        bundled.report = report;
        return bundled;
    };

    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let read = |path: &Path| {
        std::fs::read(path).map_err(|e| Error::io(format!("cannot read `{}`", path.display()), e))
    };
    // The year's documents as they are in out/: the latest, or what was signed.
    let folder = out.join(year.to_string());
    // The outgoing registers are the bodies' own books of a calendar year, not the dossier's.
    let registers: Vec<PathBuf> = jobs
        .iter()
        .filter(|j| j.kind == DocKind::Register)
        .map(|j| out.join(&j.output))
        .collect();
    let mut documents: Vec<PathBuf> = walkdir::WalkDir::new(&folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .filter(|p| {
            // Also a register printed by an earlier run under a name no job makes now.
            !registers.contains(p)
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("so-dang-ky-van-ban-di"))
        })
        .collect();
    documents.sort();
    let root_canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let result = (|| -> Result<(), Error> {
        for path in &documents {
            let rel = path.strip_prefix(&folder).unwrap_or(path);
            entries.push((format!("van-ban/{}", slash(rel)), read(path)?));
        }
        let index_pdf = out.join(&index_job.output);
        entries.push(("danh-muc-tai-lieu-kiem-chung.pdf".into(), read(&index_pdf)?));
        for item in &items {
            let (Some(source), Some(file)) = (&item.source, &item.file) else {
                continue;
            };
            let path = root.join(source);
            // Validation keeps evidence inside the project; a link that leads out is refused.
            let inside = path
                .canonicalize()
                .is_ok_and(|p| p.starts_with(&root_canonical));
            if !inside {
                return Err(Error::Internal(format!(
                    "evidence file `{source}` is not inside the project; it is not put in the dossier"
                )));
            }
            if !entries.iter().any(|(name, _)| name == file) {
                entries.push((file.clone(), read(&path)?));
            }
        }
        let replies = root.join(format!("data/{year}/replies"));
        if let Ok(list) = std::fs::read_dir(&replies) {
            let mut names: Vec<PathBuf> = list
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            names.sort();
            for path in names {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                entries.push((format!("bieu-mau-tra-loi/{name}"), read(&path)?));
            }
        }
        let sum = |bytes: &[u8]| format!("{:x}", Sha256::digest(bytes));
        let mut csv = csv::Writer::from_writer(Vec::new());
        let header = ["Mã", "Chỉ số", "Tài liệu", "Tệp trong hồ sơ", "SHA-256"];
        csv.write_record(header)
            .map_err(|e| Error::Internal(e.to_string()))?;
        for item in &items {
            let checksum = item
                .file
                .as_ref()
                .and_then(|f| entries.iter().find(|(n, _)| n == f))
                .map(|(_, b)| sum(b))
                .unwrap_or_default();
            let file = item.file.clone().unwrap_or_default();
            csv.write_record([&item.code, &item.indicator, &item.text, &file, &checksum])
                .map_err(|e| Error::Internal(e.to_string()))?;
        }
        let csv = csv
            .into_inner()
            .map_err(|e| Error::Internal(e.to_string()))?;
        // With a BOM, so that Excel opens the Vietnamese as UTF-8.
        let mut with_bom = "\u{feff}".as_bytes().to_vec();
        with_bom.extend(csv);
        entries.push(("danh-muc-tai-lieu-kiem-chung.csv".into(), with_bom));
        let sums: String = entries
            .iter()
            .map(|(name, bytes)| format!("{}  {name}\n", sum(bytes)))
            .collect();
        entries.push(("SHA256SUMS".into(), sums.into_bytes()));
        let archive = folder.join(format!("ho-so-{year}.zip"));
        let bytes = zip_of(&entries)?;
        crate::output::write_atomic(&archive, &bytes)
            .map_err(|e| Error::io(format!("cannot write `{}`", archive.display()), e))?;
        bundled.archive = Some(archive);
        Ok(())
    })();
    if let Err(e) = result {
        report.fail(e);
    }
    bundled.files = entries.len();
    bundled.evidence = items.len();
    bundled.report = report;
    bundled
}

/// The data year of every letter file the project has, readable or with errors, by path
/// relative to the root.
fn letter_years(root: &Path) -> std::collections::BTreeMap<PathBuf, i32> {
    let (raw, _) = crate::project::load(root);
    raw.letters
        .iter()
        .map(|l| (l.path.clone(), l.value.data_year.value))
        .collect()
}

/// The data year a file with a problem belongs to: a letter's, `data/<year>/…`'s or
/// `out/<year>/…`'s; `None` for what every year shares (catalogue, directory, agency,
/// templates, a letter that cannot be read).
fn year_of(file: &Path, letters: &std::collections::BTreeMap<PathBuf, i32>) -> Option<i32> {
    if let Some(year) = letters.get(file) {
        return Some(*year);
    }
    let mut parts = file.components().map(|c| c.as_os_str().to_string_lossy());
    match (parts.next().as_deref(), parts.next()) {
        (Some("data" | "out"), Some(second)) => second.parse().ok(),
        _ => None,
    }
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The archive's bytes; fixed times, so the same dossier gives the same archive.
fn zip_of(entries: &[(String, Vec<u8>)]) -> Result<Vec<u8>, Error> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let fail = |e: &dyn std::fmt::Display| {
        Error::Internal(format!("cannot write the dossier archive: {e}"))
    };
    for (name, bytes) in entries {
        writer
            .start_file(name.as_str(), options)
            .map_err(|e| fail(&e))?;
        writer.write_all(bytes).map_err(|e| fail(&e))?;
    }
    let cursor = writer.finish().map_err(|e| fail(&e))?;
    Ok(cursor.into_inner())
}
