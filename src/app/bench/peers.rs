//! The peers `vanban bench` measures vanban against, on the same documents, templates, fonts
//! and inputs at the same parallelism: the Python package `typst` in a worker pool (one
//! `typst.Compiler` per process, the loop a user who knows Typst would write) and one `typst
//! compile` process per document. Each is found on PATH as a user has it, and refused (with
//! why) when it is not of the Typst series vanban links.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::plan::{DocKind, Job};

/// The version line of the `typst` on PATH, if it is the version vanban links.
pub(super) fn typst_on_path() -> Result<String, String> {
    let output = Command::new("typst")
        .arg("--version")
        .output()
        .map_err(|_| "not measured: no `typst` binary on PATH".to_string())?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if version.split_whitespace().nth(1) != Some(TYPST_VERSION) {
        return Err(format!(
            "not measured: `typst` on PATH is `{version}`, not {TYPST_VERSION} as linked into vanban"
        ));
    }
    Ok(version)
}

/// The Typst version vanban is built with.
pub(super) const TYPST_VERSION: &str = "0.15.1";

/// Every document of a full build (per-agency letters, combined letters and reports) laid
/// out for `typst compile`: one root per document holding the templates and its
/// `/input.json`, as vanban gives each document its own view of the same files.
pub(super) struct TypstDocuments {
    pub(super) fonts: PathBuf,
    pub(super) roots: Vec<(PathBuf, &'static str)>,
    pub(super) letters: usize,
}

pub(super) fn typst_documents(root: &Path, work: &Path) -> Result<TypstDocuments, String> {
    let (mut jobs, diagnostics) = super::super::documents(root, false);
    // The peer compiles Typst documents; reply workbooks are not Typst's to make.
    jobs.retain(|j| j.kind != crate::plan::DocKind::Form);
    if diagnostics
        .iter()
        .any(crate::diagnostic::Diagnostic::is_error)
    {
        return Err("the synthetic campaign did not validate".into());
    }
    let dir = work.join("typst");
    let _ = std::fs::remove_dir_all(&dir);
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).map_err(|e| e.to_string())?;
    for (i, bytes) in crate::compile::builtin_fonts().iter().enumerate() {
        std::fs::write(fonts.join(format!("{i}.ttf")), bytes).map_err(|e| e.to_string())?;
    }
    let mut roots = Vec::new();
    for (i, job) in jobs.iter().enumerate() {
        let letter = dir.join(format!("{i:04}"));
        std::fs::create_dir_all(&letter).map_err(|e| e.to_string())?;
        for (name, text) in crate::compile::builtin_templates() {
            std::fs::write(letter.join(name), text).map_err(|e| e.to_string())?;
        }
        std::fs::write(letter.join("input.json"), job.input()).map_err(|e| e.to_string())?;
        roots.push((letter, job.template.file_name()));
    }
    Ok(TypstDocuments {
        fonts,
        letters: jobs.iter().filter(|j| is_agency_letter(j)).count(),
        roots,
    })
}

/// Compiles `documents` with one `typst compile` process each, `parallel` at a time;
/// returns the wall time.
pub(super) fn typst_compile(
    fonts: &Path,
    documents: &[&(PathBuf, &'static str)],
    parallel: usize,
) -> Result<Duration, String> {
    let next = AtomicUsize::new(0);
    let failure = std::sync::Mutex::new(None);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..parallel {
            scope.spawn(|| {
                while let Some((letter, template)) =
                    documents.get(next.fetch_add(1, Ordering::Relaxed))
                {
                    let output = Command::new("typst")
                        .arg("compile")
                        .arg("--root")
                        .arg(letter)
                        .arg("--font-path")
                        .arg(fonts)
                        .arg("--ignore-system-fonts")
                        .arg("--pdf-standard")
                        .arg("a-2b")
                        .arg("--jobs")
                        .arg("1")
                        .arg(letter.join(template))
                        .arg(letter.join("out.pdf"))
                        .stdout(Stdio::null())
                        .stderr(Stdio::piped())
                        .output();
                    let problem = match output {
                        Ok(o) if o.status.success() => None,
                        Ok(o) => Some(String::from_utf8_lossy(&o.stderr).trim().to_string()),
                        Err(e) => Some(e.to_string()),
                    };
                    if let Some(problem) = problem {
                        failure
                            .lock()
                            .expect("no thread panics holding it")
                            .get_or_insert(format!("`typst compile` failed: {problem}"));
                    }
                }
            });
        }
    });
    let wall = start.elapsed();
    match failure.into_inner().expect("threads joined") {
        Some(problem) => Err(problem),
        None => Ok(wall),
    }
}

/// The loop a user who knows Typst writes in Python: one worker process per core, each with
/// one `typst.Compiler` (fonts loaded once per process), compiling the documents listed one
/// per line as `root<TAB>template` into `root/out.pdf`; prints how many it compiled.
const PYTHON_PEER: &str = r#"import multiprocessing, sys
import typst

compiler = None

def start(fonts):
    global compiler
    compiler = typst.Compiler(font_paths=[fonts], ignore_system_fonts=True)

def compile_one(document):
    root, template = document
    compiler.compile(input=root + "/" + template, root=root, output=root + "/out.pdf", pdf_standards="a-2b")
    return 1

if __name__ == "__main__":
    fonts, workers, listing = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(listing, encoding="utf-8") as f:
        documents = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    with multiprocessing.Pool(workers, initializer=start, initargs=(fonts,)) as pool:
        print(sum(pool.imap_unordered(compile_one, documents)))
"#;

/// The version of the Python package `typst` that `python3` imports, if it is the 0.15 series
/// vanban's Typst belongs to.
pub(super) fn python_typst() -> Result<String, String> {
    let output = Command::new("python3")
        .args(["-c", "import typst; print(typst.__version__)"])
        .stderr(Stdio::null())
        .output()
        .map_err(|_| "not measured: no `python3` on PATH".to_string())?;
    if !output.status.success() {
        return Err("not measured: `python3` cannot import the package `typst` (pip install \"typst==0.15.*\")".into());
    }
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let series = TYPST_VERSION
        .rsplit_once('.')
        .map_or(TYPST_VERSION, |(s, _)| s);
    if !version.starts_with(&format!("{series}.")) {
        return Err(format!(
            "not measured: the Python package `typst` is {version}, not {series} as vanban's Typst"
        ));
    }
    Ok(version)
}

/// Writes the Python peer and its list of documents into `dir`; returns the script and list.
pub(super) fn python_peer(
    dir: &Path,
    documents: &TypstDocuments,
) -> Result<(PathBuf, PathBuf), String> {
    let script = dir.join("peer.py");
    std::fs::write(&script, PYTHON_PEER).map_err(|e| e.to_string())?;
    let listing = dir.join("documents.tsv");
    let lines: String = documents
        .roots
        .iter()
        .map(|(root, template)| format!("{}\t{template}\n", root.display()))
        .collect();
    std::fs::write(&listing, lines).map_err(|e| e.to_string())?;
    Ok((script, listing))
}

/// Runs the Python peer once over every document, as a new `python3` process; its wall time.
pub(super) fn python_compile(
    script: &Path,
    fonts: &Path,
    listing: &Path,
    parallel: usize,
    expected: usize,
) -> Result<Duration, String> {
    let start = Instant::now();
    let output = Command::new("python3")
        .arg(script)
        .arg(fonts)
        .arg(parallel.to_string())
        .arg(listing)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run `python3`: {e}"))?;
    let wall = start.elapsed();
    let compiled: Option<usize> = String::from_utf8_lossy(&output.stdout).trim().parse().ok();
    if !output.status.success() || compiled != Some(expected) {
        let why = String::from_utf8_lossy(&output.stderr);
        let last = why.lines().last().unwrap_or("").trim().to_string();
        return Err(format!(
            "the Python `typst` peer failed ({}): {last}",
            output.status
        ));
    }
    Ok(wall)
}

/// Whether a job is a per-agency letter.
fn is_agency_letter(job: &Job) -> bool {
    job.kind == DocKind::PerAgency
}
