//! Bad input: every problem of a run is reported together with file, line, column and a
//! snippet; broken letters are not written, the others are; the command exits with 1.

use std::process::Command;

use vanban::diagnostic::Reporter;

use crate::support::{build, fixture};

#[test]
fn all_problems_of_a_run_are_reported_together_with_positions() {
    let root = fixture("mixed");
    let report = vanban::check(&root);
    let text = Reporter::new(&root).render_all(&report.diagnostics);
    insta::assert_snapshot!("mixed_check", text);
    assert_eq!(report.exit_code(), 1);
}

#[test]
fn broken_letters_are_not_written_and_the_good_one_is() {
    let root = fixture("mixed");
    let (out, report) = build(&root);
    assert_eq!(report.exit_code(), 1);
    let written: std::collections::BTreeSet<_> = report
        .written
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(
        written,
        [
            "2022/a-good.pdf".to_string(),
            "2022/a-good/r1.pdf".to_string()
        ]
        .into()
    );
    let mut files: Vec<String> = walkdir::WalkDir::new(out.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(out.path())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    files.sort();
    // The good letter's combined PDF only (it has per-agency output too).
    assert_eq!(files, ["2022/a-good.pdf", "2022/a-good/r1.pdf"]);
    let text = crate::support::pdf_text(&out.path().join("2022/a-good.pdf"));
    assert!(crate::support::squash(&text).contains("V/vđềnghịcungcấpsốliệunăm2022"));
}

#[test]
fn the_command_exits_1_and_prints_every_error_with_its_place() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--quiet"])
        .arg(fixture("mixed"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    for place in [
        "letters/b-references.yaml:7:9",
        "letters/b-references.yaml:10:5",
        "letters/c-syntax.yaml:4:10",
        "letters/d-type.yaml:3:12",
        "letters/e-field.yaml:6:1",
        "data/recipients.yaml:10:20",
        "letters/g-date.yaml:5:7",
        "letters/h-placeholder.yaml:10:5",
    ] {
        assert!(stderr.contains(place), "{place} missing from:\n{stderr}");
    }
    assert!(stderr.contains("9 error(s)"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"));
}

#[test]
fn a_missing_data_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("letters")).unwrap();
    let report = vanban::check(dir.path());
    let messages: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        messages,
        [
            "required file `data/agency.yaml` is missing",
            "required file `data/recipients.yaml` is missing",
            "required file `data/indicators.yaml` is missing"
        ]
    );
}

#[test]
fn data_errors_are_all_reported_and_hold_back_only_the_letters_using_them() {
    let root = fixture("broken-data");
    let report = vanban::check(&root);
    let text = Reporter::new(&root).render_all(&report.diagnostics);
    insta::assert_snapshot!("broken_data_check", text);
    let (out, report) = build(&root);
    assert_eq!(report.exit_code(), 1);
    // The letter to the sound recipient, signed by the sound signer, is still written.
    assert!(out.path().join("2022/ok.pdf").is_file());
    assert!(!out.path().join("2022/blocked.pdf").exists());
}
