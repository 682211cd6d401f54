//! What a clerk sees, in Vietnamese, in each situation of issue 16: the command line run as
//! a user runs it (no `--lang`, no English locale), its output pinned by a snapshot. Paths
//! of the scratch project read `<dự án>`.

use std::path::Path;
use std::process::Command;

use crate::support::{alter, example, example_copy};

/// Runs `vanban ARGS` in `dir` as a clerk would; returns (exit status, stdout + stderr) with
/// the scratch folder's path replaced.
fn clerk(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let scratch = dir.canonicalize().unwrap().display().to_string();
    let text = text
        .replace(&scratch, "<dự án>")
        .replace(&dir.display().to_string(), "<dự án>");
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn a_missing_name_gives_one_root_error_in_vietnamese_then_its_consequence_once() {
    let dir = example_copy();
    alter(
        dir.path(),
        "data/recipients.yaml",
        "    name: \"UBND huyện Đình Lập\"\n",
        "",
    );
    let (code, text) = clerk(dir.path(), &["check"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("vi_missing_name", text);
}

#[test]
fn an_unknown_signer_comes_first_with_the_right_suggestion_then_the_report_it_stops() {
    let dir = example_copy();
    alter(
        dir.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "signer: \"nguyen-huu-truc\"",
        "signer: \"nguyen-huu-truk\"",
    );
    alter(
        dir.path(),
        "data/2022/so-y-te.yaml",
        "recipient: \"so-y-te\"",
        "recipient: \"so-yte\"",
    );
    let (code, text) = clerk(dir.path(), &["check"]);
    assert_eq!(code, 1);
    assert!(text.contains("có phải `so-y-te`?"), "{text}");
    insta::assert_snapshot!("vi_unknown_ids", text);
}

#[test]
fn overdue_answers_are_one_line_per_agency_and_the_details_come_with_verbose() {
    let (_, text) = clerk(
        &example(),
        &["check", "--as-of", "2023-03-10", "--year", "2022"],
    );
    assert!(
        text.contains("Đình Lập: 2 nội dung quá hạn (hạn 28/02/2023)"),
        "{text}"
    );
    insta::assert_snapshot!("vi_overdue", text);
    let (_, verbose) = clerk(
        &example(),
        &[
            "check",
            "--verbose",
            "--as-of",
            "2023-03-10",
            "--year",
            "2022",
        ],
    );
    assert!(verbose.contains("chỉ số 11, 26"), "{verbose}");
}

#[test]
fn a_command_run_from_a_subfolder_finds_its_project_and_a_year_without_letter_says_so() {
    let dir = example_copy();
    let (code, text) = clerk(&dir.path().join("letters"), &["status", "--year", "2019"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("vi_status_empty_year", text);
    let (code, text) = clerk(
        &dir.path().join("letters/2022"),
        &["check", "--as-of", "2023-02-01"],
    );
    assert_eq!(code, 0, "{text}");
    assert!(!dir.path().join("letters/out").exists());
}

#[test]
fn a_returned_workbook_with_bad_cells_is_refused_cell_by_cell_in_vietnamese() {
    let dir = example_copy();
    let reply = dir.path().join("data/2022/replies/bac-son.xlsx");
    let bad = dir.path().join("bac-son-sai.xlsx");
    let status = Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/fill_form.py"))
        .arg(&reply)
        .arg(&bad)
        .args(["Biểu mẫu 11!D11=s:7.850", "Biểu mẫu 26!D11=n:5"])
        .status()
        .unwrap();
    assert!(status.success());
    let (code, text) = clerk(dir.path(), &["import", "bac-son-sai.xlsx", "--dry-run"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("vi_import_errors", text);
}

#[test]
fn a_broken_template_is_said_once_naming_the_documents_it_stops() {
    let dir = example_copy();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    let mut text = std::fs::read_to_string(example().join("templates/cong-van.typ")).unwrap();
    text.push_str("\n#let broken = (\n");
    std::fs::write(dir.path().join("templates/cong-van.typ"), text).unwrap();
    std::fs::copy(
        example().join("templates/nd30.typ"),
        dir.path().join("templates/nd30.typ"),
    )
    .unwrap();
    let (code, text) = clerk(dir.path(), &["build", "--quiet"]);
    assert_eq!(code, 1);
    assert_eq!(text.matches("lỗi (mẫu Typst)").count(), 1, "{text}");
    insta::assert_snapshot!("vi_broken_template", text);
}

#[test]
fn a_report_whose_year_has_no_answers_is_not_built_and_says_why() {
    let dir = example_copy();
    for entry in std::fs::read_dir(dir.path().join("data/2022")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::remove_file(path).unwrap();
        }
    }
    let (code, text) = clerk(dir.path(), &["check", "--as-of", "2023-02-01"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("vi_report_without_answers", text);
}
