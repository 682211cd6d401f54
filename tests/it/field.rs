//! The field cases (`tests/fixtures/field/`, copied from the shared field-case folder): real
//! inputs on which vanban used to be silently wrong, each giving the right result now.

use std::path::Path;

use crate::support::{example_copy, pdf_text, squash};

/// A copy of the example with the files of field case `case` laid over it.
pub fn field_project(case: &str) -> tempfile::TempDir {
    let project = example_copy();
    let from = crate::support::fixture("field").join(case);
    for entry in walkdir::WalkDir::new(&from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(&from).unwrap();
        if entry.file_type().is_file() && rel != Path::new("README.md") {
            let to = project.path().join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
    project
}

fn errors(report: &vanban::RunReport) -> Vec<&vanban::diagnostic::Diagnostic> {
    report.diagnostics.iter().filter(|d| d.is_error()).collect()
}

#[test]
fn case_01_a_figure_with_thousands_dots_is_an_error_at_its_place_and_no_report_is_built() {
    let project = field_project("01-dot-thousands");
    let report = vanban::app::check::check(project.path());
    let figures: Vec<String> = errors(&report)
        .iter()
        .filter(|d| d.code == vanban::diagnostic::Code::Figure)
        .map(|d| {
            format!(
                "{}:{}:{} {}",
                d.position.file.display(),
                d.position.line,
                d.position.column,
                d.hint.as_deref().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            "data/2022/so-xay-dung.yaml:21:20 write figures in plain digits with no separators: `numerator: 7850`",
            "data/2022/so-xay-dung.yaml:22:22 write figures in plain digits with no separators: `denominator: 14200`",
        ]
    );
    // No report shows 18,48 % built on a misread figure.
    let out = tempfile::tempdir().unwrap();
    let built = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(built.exit_code(), 1);
    assert!(!out.path().join("2022/bao-cao-ket-qua.pdf").exists());
    assert!(
        built
            .diagnostics
            .iter()
            .any(|d| d.message.contains("report `bao-cao-ket-qua` was not built")),
        "{:?}",
        built.diagnostics
    );
}

#[test]
fn a_decimal_comma_or_a_quoted_figure_is_an_error_that_says_how_to_write_it() {
    let project = example_copy();
    crate::support::alter(
        project.path(),
        "data/2022/so-xay-dung.yaml",
        "numerator: 7850",
        "numerator: 7850,5",
    );
    crate::support::alter(
        project.path(),
        "data/2022/so-xay-dung.yaml",
        "denominator: 14200",
        "denominator: \"14200\"",
    );
    let report = vanban::app::check::check(project.path());
    let hints: Vec<&str> = errors(&report)
        .iter()
        .filter_map(|d| d.hint.as_deref())
        .collect();
    assert!(
        hints.contains(&"write the decimals after a point: `numerator: 7850.5`"),
        "{hints:?}"
    );
    assert!(
        hints.contains(&"write it without quotes, in plain digits: `denominator: 14200`"),
        "{hints:?}"
    );
    assert!(
        !hints.iter().any(|h| h.contains("indent")),
        "the decimal comma is not blamed on indentation: {hints:?}"
    );
}

#[test]
fn a_figure_a_hundred_times_off_last_years_is_warned_about() {
    let project = example_copy();
    crate::support::alter(
        project.path(),
        "data/2022/so-xay-dung.yaml",
        "numerator: 7850",
        "numerator: 785000000",
    );
    let report = vanban::app::check::check(project.path());
    assert!(
        report.diagnostics.iter().any(|d| !d.is_error()
            && d.code == vanban::diagnostic::Code::Figure
            && d.message.contains("more than 100 times")),
        "{:?}",
        report.diagnostics
    );
    let _ = (pdf_text, squash);
}
