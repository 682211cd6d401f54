//! `vanban review`: a letter asking each agency whose answers have problems to review them,
//! citing its reply, listing each problem where the agency typed it, with a new deadline.

use crate::support::{alter, example_copy, pdf_text, squash};

const FOLDER: &str = "2022/de-nghi-cung-cap-thong-tin-ra-soat-2023-03-03";

fn review(root: &std::path::Path, out: &std::path::Path) -> vanban::RunReport {
    let options = vanban::app::review::ReviewOptions {
        as_of: chrono::NaiveDate::from_ymd_opt(2023, 3, 3),
        year: Some(2022),
    };
    // Each problem in Vietnamese, as the command line gives it.
    vanban::app::review::review(
        root,
        out,
        options,
        &|t| Some(format!("«{}»", t.key)),
        &|_| {},
    )
}

#[test]
fn an_agency_whose_answers_fail_checks_gets_a_letter_listing_each_problem_at_its_cell() {
    let project = example_copy();
    let root = project.path();
    alter(
        root,
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "date: \"2023-02\"\n",
        "number: 12\ndate: \"2023-02-06\"\n",
    );
    // An imported figure made wrong: the numerator above the denominator.
    alter(
        root,
        "data/2022/bac-son.yaml",
        "numerator: 2.9",
        "numerator: 20",
    );
    let out = tempfile::tempdir().unwrap();
    let report = review(root, out.path());
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    let written: Vec<String> = report
        .written
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(
        written,
        [format!("{FOLDER}/bac-son.pdf")],
        "only the agency with problems"
    );
    let text = squash(&pdf_text(&out.path().join(FOLDER).join("bac-son.pdf")));
    for expected in [
        "V/v đề nghị rà soát, bổ sung số liệu",
        "Kính gửi: UBND huyện Bắc Sơn.",
        "đã nhận được Văn bản số 171/UBND-TNMT ngày 22/02/2023",
        "Công văn số 12/STNMT-BVMT ngày 06/02/2023",
        // Where, what is wrong (the catalogue's words, here its key), what is expected.
        "- Biểu mẫu 11, ô D11: «answer-numerator-over-denominator» — «answer-swapped-hint».",
        "trước ngày 08/03/2023",
    ] {
        assert!(
            text.contains(&squash(expected)),
            "{expected:?} not in {text}"
        );
    }
}

#[test]
fn a_letter_without_review_wording_says_so_and_one_without_problems_writes_nothing() {
    let project = example_copy();
    let root = project.path();
    alter(
        root,
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "date: \"2023-02\"\n",
        "number: 12\ndate: \"2023-02-06\"\n",
    );
    let out = tempfile::tempdir().unwrap();
    let report = review(root, out.path());
    assert!(
        report.written.is_empty() && report.diagnostics.is_empty(),
        "{:?}",
        report.diagnostics
    );

    alter(
        root,
        "data/2022/bac-son.yaml",
        "numerator: 2.9",
        "numerator: -2.9",
    );
    let letter = root.join("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    let text = std::fs::read_to_string(&letter).unwrap();
    let (start, end) = (
        text.find("review:\n").unwrap(),
        text.find("reminder:\n").unwrap(),
    );
    std::fs::write(&letter, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let report = review(root, out.path());
    assert!(report.written.is_empty());
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains("has no `review` wording")),
        "{:?}",
        report.diagnostics
    );
}
