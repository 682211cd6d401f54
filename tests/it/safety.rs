//! Files and output safety: nothing outside the project is read (templates, evidence links),
//! oversized input is refused, an interrupted build leaves only complete PDFs, and an output
//! folder that cannot be written is a clear error.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{alter, example_copy};

#[test]
fn a_project_template_cannot_read_outside_the_template_folder() {
    let project = example_copy();
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    std::fs::write(
        project.path().join("templates/cong-van.typ"),
        "#read(\"/etc/passwd\")\n#read(\"../data/agency.yaml\")\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 1);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("template error"))
        .expect("a template error");
    assert_eq!(
        d.position.file.display().to_string(),
        "templates/cong-van.typ"
    );
    assert_eq!(d.position.line, 1);
    assert!(
        d.message.contains("not found") || d.message.contains("not exist"),
        "{}",
        d.message
    );
}

#[test]
fn evidence_links_leaving_the_project_and_oversized_files_are_refused() {
    let project = example_copy();
    let link = project.path().join("data/evidence/2022/lien-ket.txt");
    std::os::unix::fs::symlink("/etc/hostname", &link).unwrap();
    alter(
        project.path(),
        "data/2022/so-y-te.yaml",
        "file: \"data/evidence/2022/syt-nuoc-thai-benh-vien.txt\"",
        "file: \"data/evidence/2022/lien-ket.txt\"",
    );
    let report = vanban::app::check::check(project.path());
    assert!(
        report.diagnostics.iter().any(|d| d.message
            == "evidence file `data/evidence/2022/lien-ket.txt` links outside the project folder"),
        "{:?}",
        report.diagnostics
    );

    let big = format!("# {}\n", "x".repeat(5 * 1024 * 1024));
    std::fs::write(project.path().join("letters/2022/lon.yaml"), big).unwrap();
    let report = vanban::app::check::check(project.path());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.position.file.ends_with("lon.yaml"))
        .unwrap();
    assert!(d.message.contains("is too large"), "{}", d.message);
}

#[test]
fn an_unwritable_output_folder_is_a_clear_error() {
    let project = example_copy();
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let report = vanban::app::build::build(project.path(), blocker.path(), &|_| {});
    assert_eq!(report.exit_code(), 2);
    let message = report.fatal.unwrap().to_string();
    assert!(
        message.contains("cannot create the output folder"),
        "{message}"
    );
}

#[test]
fn a_killed_build_leaves_only_complete_pdfs() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    // Kill builds at different moments; whatever is in out/ must be a whole PDF.
    for delay in [30u64, 80, 150, 300] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["build", "--force", "--quiet"])
            .arg(project.path())
            .arg("--out")
            .arg(out.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        for entry in walkdir::WalkDir::new(out.path())
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy().to_string();
            if entry.file_type().is_file()
                && name.ends_with(".pdf")
                && !name.starts_with(".vanban-tmp-")
            {
                let bytes = std::fs::read(entry.path()).unwrap();
                assert!(
                    bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"),
                    "{} is cut short",
                    entry.path().display()
                );
                lopdf::Document::load_mem(&bytes)
                    .unwrap_or_else(|e| panic!("{} is broken: {e}", entry.path().display()));
            }
        }
    }
    // The next build finishes the job.
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(
        report.exit_code(),
        0,
        "{:?} {:?}",
        report.fatal,
        report.diagnostics
    );
}
