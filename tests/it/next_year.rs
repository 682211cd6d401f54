//! `vanban new-year`: next year's letters from this year's, with TODOs that `check` chases.

use crate::support::{build, example_copy};

#[test]
fn new_year_writes_next_years_letters_with_todos_that_check_reports() {
    let project = example_copy();
    let created = vanban::app::new_year::new_year(project.path(), None).unwrap();
    let names: Vec<String> = created
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect();
    assert_eq!(
        names,
        [
            "letters/2023/bao-cao-ket-qua.yaml",
            "letters/2023/de-nghi-cung-cap-thong-tin.yaml",
            "letters/2023/to-trinh-tu-danh-gia.yaml"
        ]
    );
    let letter = std::fs::read_to_string(
        project
            .path()
            .join("letters/2023/de-nghi-cung-cap-thong-tin.yaml"),
    )
    .unwrap();
    assert!(letter.contains("data_year: 2023\n"));
    assert!(letter.contains("date: \"2024-02\"\n"));
    assert!(letter.contains("deadline: \"TODO 2024-02-28\"\n"));
    assert!(letter.contains(
        "  huong_dan_bo: \"TODO (năm trước: Công văn số 373/BTNMT-MT ngày 01/02/2023)\""
    ));
    assert!(
        letter.contains("# Văn bản hướng dẫn của Bộ"),
        "comments survive"
    );

    let report = vanban::app::check::check(project.path());
    let todos: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message == "a TODO is left here")
        .collect();
    // The request letter: its deadline and five cited documents; the report: four.
    let in_letter = todos
        .iter()
        .filter(|d| {
            d.position
                .file
                .ends_with("2023/de-nghi-cung-cap-thong-tin.yaml")
        })
        .count();
    assert_eq!(in_letter, 6, "{todos:#?}");
    assert!(
        todos
            .iter()
            .all(|d| d.position.line > 0 && d.position.column > 0)
    );
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("is not a date")),
        "a TODO deadline is one problem"
    );

    // Last year's documents still build; next year's wait for their TODOs.
    let (out, report) = build(project.path());
    assert!(
        out.path()
            .join("2022/de-nghi-cung-cap-thong-tin.pdf")
            .is_file()
    );
    assert!(!out.path().join("2023").exists(), "{:?}", report.written);

    let again = vanban::app::new_year::new_year(project.path(), None).unwrap_err();
    assert!(again[0].message.contains("still has TODOs"), "{again:?}");
    let twice = vanban::app::new_year::new_year(project.path(), Some(2022)).unwrap_err();
    assert!(twice[0].message.contains("already exists"), "{twice:?}");
}
