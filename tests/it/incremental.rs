//! Rebuilds after corrections: only documents whose inputs changed are compiled, with the
//! reason; obsolete outputs are removed; corrected indicator values are reported.

use std::path::{Path, PathBuf};

use vanban::RunReport as Report;
use vanban::app::BuildOptions;

use crate::support::{alter, example_copy};

fn build(root: &Path, out: &Path, force: bool) -> Report {
    let report = vanban::app::build::build_with(
        root,
        out,
        &BuildOptions {
            force,
            ..Default::default()
        },
        &|_| {},
    );
    assert_ne!(report.exit_code(), 2, "{:?}", report.fatal);
    report
}

/// Each document compiled, as "path (reason)".
fn rebuilt(report: &Report) -> Vec<String> {
    report
        .rebuilt
        .iter()
        .map(|(p, why)| format!("{} ({why})", p.display()))
        .collect()
}

#[test]
fn an_unchanged_project_rebuilds_nothing_and_one_figure_rebuilds_only_the_report() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    let first = build(project.path(), out.path(), false);
    assert_eq!(
        first.rebuilt.len(),
        48,
        "22 agency letters and their reply workbooks, the combined letter, the report, its evidence list and the tờ trình"
    );
    assert!(
        first
            .rebuilt
            .iter()
            .all(|(_, why)| why.to_string() == "new")
    );
    let second = build(project.path(), out.path(), false);
    assert!(second.rebuilt.is_empty(), "{:?}", second.rebuilt);
    assert_eq!(second.unchanged.len(), 48);

    alter(
        project.path(),
        "data/2022/so-xay-dung.yaml",
        "numerator: 7850",
        "numerator: 8850",
    );
    let third = build(project.path(), out.path(), false);
    assert_eq!(rebuilt(&third), ["2022/bao-cao-ket-qua.pdf (data changed)"]);
    assert_eq!(third.unchanged.len(), 47);
    // 9 000 → 10 000 m³/day treated of 20 450: 44,01 % → 48,90 %.
    let change = third
        .changes
        .iter()
        .find(|c| c.number == "01")
        .expect("indicator 01 changed");
    assert_eq!(change.describe(), "44,01 % → 48,90 %");
    assert_eq!(
        third.changes.len(),
        1,
        "no other indicator moved: {:?}",
        third.changes
    );
    let md = std::fs::read_to_string(out.path().join("2022/changes.md")).unwrap();
    assert!(md.contains("| 01 | Tỷ lệ nước thải đô thị được thu gom, xử lý đạt quy chuẩn kỹ thuật môi trường | 44,01 % | 48,90 % |"), "{md}");
    // Whose figures changed, and in which reply.
    assert!(
        md.contains("Sở Xây dựng: 10000 / 20450 (Văn bản số 215/SXD-QLHT ngày 24/02/2023)"),
        "{md}"
    );
    // A second correction is added, dated; the first stays.
    alter(
        project.path(),
        "data/2022/so-xay-dung.yaml",
        "numerator: 8850",
        "numerator: 9850",
    );
    build(project.path(), out.path(), false);
    let md = std::fs::read_to_string(out.path().join("2022/changes.md")).unwrap();
    assert_eq!(md.matches("## Lần dựng ngày").count(), 2, "{md}");
    assert!(
        md.contains("| 44,01 % | 48,90 % |") && md.contains("| 48,90 % | 53,79 % |"),
        "{md}"
    );
}

#[test]
fn a_new_signer_rebuilds_everything_and_force_rebuilds_all() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    build(project.path(), out.path(), false);
    alter(
        project.path(),
        "data/agency.yaml",
        "Nguyễn Hữu Trực",
        "Hoàng Văn Bình",
    );
    let report = build(project.path(), out.path(), false);
    // Every document the Sở signs: letters and tờ trình (the report is the UBND tỉnh's).
    assert_eq!(report.rebuilt.len(), 24);
    assert!(
        report
            .rebuilt
            .iter()
            .all(|(_, why)| why.to_string() == "data changed")
    );
    assert!(report.changes.is_empty(), "figures did not change");
    let forced = build(project.path(), out.path(), true);
    assert_eq!(forced.rebuilt.len(), 48);
    assert!(
        forced
            .rebuilt
            .iter()
            .all(|(_, why)| why.to_string() == "forced")
    );
}

#[test]
fn outputs_of_removed_recipients_are_removed_and_missing_outputs_rebuilt() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    build(project.path(), out.path(), false);
    let water = PathBuf::from("2022/de-nghi-cung-cap-thong-tin/tram-cap-nuoc-van-quan.pdf");
    assert!(out.path().join(&water).is_file());
    alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "  - \"don-vi-cap-nuoc\"\n",
        "",
    );
    let report = build(project.path(), out.path(), false);
    assert_eq!(
        report.removed,
        [
            PathBuf::from("2022/de-nghi-cung-cap-thong-tin/cong-ty-cap-thoat-nuoc.pdf"),
            PathBuf::from("2022/de-nghi-cung-cap-thong-tin/cong-ty-cap-thoat-nuoc.xlsx"),
            water.clone(),
            water.with_extension("xlsx"),
        ]
    );
    assert!(!out.path().join(&water).exists());
    // The report no longer counts the water units' replies among its sources.
    assert_eq!(
        rebuilt(&report),
        [
            "2022/bao-cao-ket-qua.pdf (data changed)",
            "2022/de-nghi-cung-cap-thong-tin.pdf (data changed)"
        ]
    );

    std::fs::remove_file(
        out.path()
            .join("2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf"),
    )
    .unwrap();
    let report = build(project.path(), out.path(), false);
    assert_eq!(
        rebuilt(&report),
        ["2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf (output missing)"]
    );
}

#[test]
fn outputs_of_a_letter_with_errors_are_kept_until_it_is_fixed() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    build(project.path(), out.path(), false);
    alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "date: \"2023-02\"",
        "date: \"2023-02-30\"",
    );
    let report = build(project.path(), out.path(), false);
    assert_eq!(report.exit_code(), 1);
    assert!(report.removed.is_empty(), "{:?}", report.removed);
    assert!(
        out.path()
            .join("2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf")
            .is_file()
    );
}

#[test]
fn the_command_says_what_it_rebuilt_and_why() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    let run = || {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["build", "--lang", "en"])
            .arg(project.path())
            .arg("--out")
            .arg(out.path())
            .output()
            .unwrap();
        (
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let (stdout, _) = run();
    assert!(stdout.contains("bao-cao-ket-qua.pdf (new)"), "{stdout}");
    alter(
        project.path(),
        "data/2022/so-xay-dung.yaml",
        "numerator: 7850",
        "numerator: 8850",
    );
    let (stdout, stderr) = run();
    assert!(
        stdout.contains("bao-cao-ket-qua.pdf (data changed)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("changed 2022 chỉ số 01: 44,01 % → 48,90 %"),
        "{stdout}"
    );
    assert!(stdout.contains("47 document(s) up to date"), "{stdout}");
    assert!(
        stderr.contains("1 document(s) written, 47 up to date"),
        "{stderr}"
    );
}

#[test]
fn a_forced_rebuild_leaves_identical_pdfs_untouched_and_rewrites_the_rest() {
    use std::os::unix::fs::MetadataExt;
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    build(project.path(), out.path(), false);
    let letter = out
        .path()
        .join("2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf");
    let edited = out
        .path()
        .join("2022/de-nghi-cung-cap-thong-tin/so-xay-dung.pdf");
    let original = std::fs::read(&edited).unwrap();
    let before = std::fs::metadata(&letter).unwrap();
    std::fs::write(&edited, b"%PDF edited by hand").unwrap();
    let forced = build(project.path(), out.path(), true);
    assert_eq!(forced.rebuilt.len(), 48, "every document is compiled again");
    let after = std::fs::metadata(&letter).unwrap();
    assert_eq!(
        (after.ino(), after.mtime_nsec(), after.mtime()),
        (before.ino(), before.mtime_nsec(), before.mtime()),
        "a PDF identical to the one on disk is not written again"
    );
    assert_eq!(
        std::fs::read(&edited).unwrap(),
        original,
        "`--force` overwrites a file changed outside vanban"
    );
    // Different bytes (a new signer) replace the file.
    alter(
        project.path(),
        "data/agency.yaml",
        "Nguyễn Hữu Trực",
        "Hoàng Văn Bình",
    );
    build(project.path(), out.path(), true);
    assert_ne!(std::fs::metadata(&letter).unwrap().ino(), before.ino());
    let text = pdf_extract::extract_text(&letter).unwrap();
    assert!(text.contains("Hoàng Văn Bình"), "{text}");
    // And a later plain build sees everything up to date.
    assert!(build(project.path(), out.path(), false).rebuilt.is_empty());
}

#[test]
fn a_forced_build_reads_only_changed_files_for_a_signature_and_keeps_the_signed_one() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    build(project.path(), out.path(), false);
    let manifest = std::fs::read_to_string(out.path().join(vanban::manifest::FILE)).unwrap();
    assert!(
        manifest.contains("\"unsigned\": true") || manifest.contains("\"unsigned\":true"),
        "what a build writes is recorded as unsigned"
    );
    // Signed outside vanban: the bytes and the stamp differ from what was recorded.
    let signed = out
        .path()
        .join("2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf");
    let mut bytes = std::fs::read(&signed).unwrap();
    bytes.extend_from_slice(b"\n1 0 obj <</ByteRange [0 1 2 3]>> endobj\n");
    std::fs::write(&signed, &bytes).unwrap();
    let forced = build(project.path(), out.path(), true);
    assert_eq!(
        std::fs::read(&signed).unwrap(),
        bytes,
        "the signed PDF stays"
    );
    assert_eq!(
        forced.rebuilt.len(),
        47,
        "every other document is compiled again"
    );
    assert!(forced.diagnostics.iter().any(|d| {
        d.message
            .contains("was changed outside vanban and is not overwritten")
    }));
}

#[test]
fn files_changed_outside_vanban_are_neither_overwritten_nor_removed() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    build(project.path(), out.path(), false);
    let signed = out
        .path()
        .join("2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf");
    std::fs::write(&signed, b"%PDF signed by the leader").unwrap();
    // A new signer would rebuild everything, but not over the signed file.
    alter(
        project.path(),
        "data/agency.yaml",
        "Nguyễn Hữu Trực",
        "Hoàng Văn Bình",
    );
    let report = build(project.path(), out.path(), false);
    assert_eq!(
        std::fs::read(&signed).unwrap(),
        b"%PDF signed by the leader"
    );
    assert!(report.diagnostics.iter().any(|d| {
        d.message
            .contains("was changed outside vanban and is not overwritten")
    }));
    assert_eq!(report.rebuilt.len(), 23);
    // Nor is it removed when the letter stops producing it (here: new file names).
    alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "file_name: \"{{ recipient.id }}\"",
        "file_name: \"cv-{{ recipient.id }}\"",
    );
    let report = build(project.path(), out.path(), false);
    assert!(signed.exists(), "{:?}", report.removed);
    assert_eq!(
        report.removed.len(),
        43,
        "the other old per-agency letters go, and every old workbook"
    );
    assert!(report.diagnostics.iter().any(|d| {
        d.message
            .contains("is no longer produced but was changed outside vanban")
    }));
}

#[test]
fn a_manifest_entry_outside_the_output_folder_is_never_touched() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    build(project.path(), out.path(), false);
    let victim = project.path().join("data/agency.yaml");
    let manifest = std::fs::read_to_string(out.path().join(vanban::manifest::FILE)).unwrap();
    let forged = manifest.replacen(
        "\"documents\": {",
        "\"documents\": {\"../data/agency.yaml\": {\"source\": \"letters/gone.yaml\", \"input\": \"\", \"templates\": \"\", \"fonts\": \"\", \"tool\": \"\", \"pdf\": \"\"},",
        1,
    );
    std::fs::write(out.path().join(vanban::manifest::FILE), forged).unwrap();
    build(project.path(), out.path(), false);
    assert!(
        victim.is_file(),
        "a forged manifest entry deleted a project file"
    );
}
