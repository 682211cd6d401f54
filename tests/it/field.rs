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
}

/// The text of each page of a PDF as poppler's pdftotext reads it (in reading order),
/// squashed.
fn pages(path: &Path) -> Vec<String> {
    let output = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext is installed (tests/run installs poppler-utils)");
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .split('\u{c}')
        .map(squash)
        .collect()
}

#[test]
fn case_04_a_tie_rounds_half_away_from_zero_and_the_change_is_that_of_the_printed_figures() {
    let project = field_project("04-rounding-ties");
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    let text = squash(&pdf_text(&out.path().join("2022/bao-cao-ket-qua.pdf")));
    // 318 500 / 400 000 = 79,625 % exactly → 79,63; 2021: 98,82 as printed; change -19,19.
    assert!(text.contains("%98,8279,63-19,19SởYtế"), "{text}");
    assert!(
        text.contains("môitrường:79,63%."),
        "the detail prints the same figure"
    );
    // The chart labels the bars with the same figures as the table.
    let chart_and_table = text.matches("79,63").count();
    assert!(
        chart_and_table >= 3,
        "table, detail and chart: {chart_and_table}"
    );
}

#[test]
fn case_18_no_row_of_the_summary_table_is_split_across_pages() {
    // Typst's frames: for each row of the summary table, the name column's text on the page
    // where the row starts is the whole indicator name.
    let root = crate::support::example();
    let doc = crate::support::layout(&root, "2022/bao-cao-ket-qua.pdf");
    let runs = crate::support::runs(&doc);
    let (jobs, _) = vanban::app::documents(&root, false);
    let job = jobs
        .iter()
        .find(|j| j.output == Path::new("2022/bao-cao-ket-qua.pdf"))
        .unwrap();
    let data: serde_json::Value = serde_json::from_slice(job.input()).unwrap();
    let summary = data["summary"].as_array().unwrap();
    let start = |number: &str| {
        runs.iter()
            .position(|r| r.text.trim() == number)
            .unwrap_or_else(|| panic!("no row {number}"))
    };
    let mut pages_used = std::collections::BTreeSet::new();
    for (k, row) in summary.iter().enumerate() {
        let number = row["number"].as_str().unwrap();
        let name = squash(row["name"].as_str().unwrap());
        let first = &runs[start(number)];
        let name_x = runs[start(number) + 1].x;
        let unit_x = runs
            .iter()
            .filter(|r| r.page == first.page && (r.y - first.y).abs() < 1.0 && r.x > name_x)
            .map(|r| r.x)
            .fold(f64::INFINITY, f64::min);
        let next = summary
            .get(k + 1)
            .map(|n| &runs[start(n["number"].as_str().unwrap())]);
        let mut cell: Vec<&crate::support::Run> = runs
            .iter()
            .filter(|r| {
                r.page == first.page
                    && r.y >= first.y - 1.0
                    && r.x >= name_x - 1.0
                    && r.x < unit_x - 1.0
                    && next.is_none_or(|n| n.page != first.page || r.y < n.y - 1.0)
            })
            .collect();
        cell.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let text: String = cell.iter().map(|r| squash(&r.text)).collect();
        // The name's characters in order (a wrapped unit may stand between its lines).
        let mut rest = text.chars();
        let whole = name.chars().all(|c| rest.any(|t| t == c));
        assert!(
            whole,
            "row {number} is split: on page {} only {text:?} of {name:?}",
            first.page + 1
        );
        pages_used.insert(first.page);
    }
    assert!(pages_used.len() > 1, "the table runs over several pages");
}
