//! What a clerk sees when the project is not yet complete (issue #16): warnings about
//! missing answers only once they are overdue, and empty results said rather than printed.

use std::process::Command;

use chrono::NaiveDate;
use vanban::app::Chase;
use vanban::app::check::check_with;
use vanban::diagnostic::{Code, Diagnostic};

use crate::support::{alter, build, example, example_copy};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn messages(diags: &[Diagnostic], code: Code) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn missing_answers_are_warned_about_once_overdue_one_line_per_agency() {
    let chase = |as_of, year| {
        check_with(
            &example(),
            Chase {
                as_of: Some(as_of),
                year,
            },
        )
        .diagnostics
    };
    // The deadline of the 2022 request letter is 28/02/2023: on that day nothing is owed.
    assert_eq!(
        messages(&chase(day(2023, 2, 28), None), Code::NotAnswered),
        Vec::<String>::new()
    );
    // The day after, Đình Lập owes indicators 11 and 26: one warning, both named.
    let after = chase(day(2023, 3, 1), None);
    assert_eq!(
        messages(&after, Code::NotAnswered),
        [
            "UBND huyện Đình Lập has not answered 2 indicators for 2022 by the deadline 28/02/2023: 11, 26"
        ]
    );
    let warning = after.iter().find(|d| d.code == Code::NotAnswered).unwrap();
    assert_eq!(
        (
            warning.position.file.to_str().unwrap(),
            warning.position.line
        ),
        ("data/recipients.yaml", 23),
        "at the request that asks for the first one"
    );
    // A year no letter asks about is not chased, whatever the day.
    assert_eq!(
        messages(&chase(day(2030, 1, 1), Some(2021)), Code::NotAnswered),
        Vec::<String>::new()
    );
}

#[test]
fn last_years_missing_answers_stop_being_warned_once_a_new_year_starts() {
    let dir = example_copy();
    // Next year's request letter, its deadline still ahead, and one reply already in.
    let letter = std::fs::read_to_string(
        dir.path()
            .join("letters/2022/de-nghi-cung-cap-thong-tin.yaml"),
    )
    .unwrap()
    .replace("2023-02-28", "2027-02-28")
    .replace("date: \"2023-02\"", "date: \"2024-02\"")
    .replacen("data_year: 2022", "data_year: 2023", 1);
    assert!(
        letter.contains("data_year: 2023"),
        "the letter names its data year"
    );
    std::fs::create_dir_all(dir.path().join("letters/2023")).unwrap();
    std::fs::write(
        dir.path()
            .join("letters/2023/de-nghi-cung-cap-thong-tin.yaml"),
        letter,
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("data/2023")).unwrap();
    std::fs::copy(
        dir.path().join("data/2022/so-nn-ptnt.yaml"),
        dir.path().join("data/2023/so-nn-ptnt.yaml"),
    )
    .unwrap();
    alter(
        dir.path(),
        "data/2023/so-nn-ptnt.yaml",
        "  date: \"2023-02-24\"\nreceived: \"2023-02-27\"",
        "  date: \"2024-02-20\"\nreceived: \"2024-02-21\"",
    );
    let diags = check_with(
        dir.path(),
        Chase {
            as_of: Some(day(2026, 11, 30)),
            year: None,
        },
    )
    .diagnostics;
    assert!(!diags.iter().any(Diagnostic::is_error), "{diags:#?}");
    // 2023 is not overdue yet and 2022 is no longer the year being chased.
    assert_eq!(messages(&diags, Code::NotAnswered), Vec::<String>::new());
    // Asked about 2022, its one late agency is named again.
    let diags = check_with(
        dir.path(),
        Chase {
            as_of: Some(day(2026, 11, 30)),
            year: Some(2022),
        },
    )
    .diagnostics;
    assert_eq!(messages(&diags, Code::NotAnswered).len(), 1, "{diags:#?}");
}

#[test]
fn a_report_with_no_answers_is_not_built_and_says_why() {
    let dir = example_copy();
    std::fs::remove_dir_all(dir.path().join("data/2022")).unwrap();
    std::fs::create_dir_all(dir.path().join("data/2022")).unwrap();
    let (out, report) = build(dir.path());
    let empty: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Empty)
        .collect();
    assert_eq!(empty.len(), 1, "{:#?}", report.diagnostics);
    assert!(empty[0].is_error());
    assert_eq!(
        empty[0].message,
        "report `bao-cao-ket-qua` was not built: data/2022/ has no answers from the agencies its request letter addresses"
    );
    assert_eq!(
        empty[0].position.file.to_str(),
        Some("letters/2022/bao-cao-ket-qua.yaml")
    );
    assert!(!out.path().join("2022/bao-cao-ket-qua.pdf").exists());
    // The request letters do not depend on answers and are still made.
    let text = crate::support::pdf_text(&out.path().join("2022/de-nghi-cung-cap-thong-tin.pdf"));
    assert!(crate::support::squash(&text).contains("Kínhgửi"));
}

#[test]
fn status_for_a_year_without_a_request_letter_says_so_and_exits_1() {
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["status", "--year", "2019", "--lang", "vi"])
        .arg(example())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(
            "lỗi (không có gì để dựng): không có công văn đề nghị nào cho số liệu năm 2019"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("vanban status --year 2022"), "{stderr}");
}

#[test]
fn a_recipient_no_letter_addresses_and_figures_nothing_computes_are_warned_about() {
    let dir = example_copy();
    alter(
        dir.path(),
        "data/recipients.yaml",
        "  # --- Đơn vị cấp nước ---\n",
        "  - id: \"so-du-lich\"\n    name: \"Sở Du lịch\"\n    requests:\n      - text: \"số liệu khách du lịch\"\n\n  # --- Đơn vị cấp nước ---\n",
    );
    // Indicator 20 loses its computation: its figures could only print as "-".
    alter(
        dir.path(),
        "data/indicators.yaml",
        "        compute: \"total\"\n        higher_is_better: false\n        form_unit: \"ha\"\n        numerator: \"Diện tích rừng tự nhiên bị cháy",
        "        higher_is_better: false\n        form_unit: \"ha\"\n        numerator: \"Diện tích rừng tự nhiên bị cháy",
    );
    let text = std::fs::read_to_string(dir.path().join("data/recipients.yaml")).unwrap();
    let id_line = text
        .lines()
        .position(|l| l.contains("\"so-du-lich\""))
        .unwrap()
        + 1;
    let diags = vanban::app::check::check(dir.path()).diagnostics;
    let empty: Vec<(&str, usize, &str)> = diags
        .iter()
        .filter(|d| d.code == Code::Empty)
        .map(|d| {
            (
                d.position.file.to_str().unwrap(),
                d.position.line,
                d.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        empty,
        [
            (
                "data/recipients.yaml",
                id_line,
                "recipient `so-du-lich` is not addressed by any request letter"
            ),
            // Last year's figures are shown beside this year's: the same silent "-".
            (
                "data/2021/so-nn-ptnt.yaml",
                21,
                "indicator 20 has figures here, but data/indicators.yaml gives it no `compute`, so the report shows \"-\" for it"
            ),
            (
                "data/2022/so-nn-ptnt.yaml",
                23,
                "indicator 20 has figures here, but data/indicators.yaml gives it no `compute`, so the report shows \"-\" for it"
            ),
        ],
        "{diags:#?}"
    );
}

/// What `check` prints for the project at `root`, as the terminal shows it.
fn printed(root: &std::path::Path) -> String {
    let diags = vanban::app::check::check(root).diagnostics;
    vanban::diagnostic::Reporter::new(root).render_all(&diags)
}

#[test]
fn a_missing_name_in_recipients_gives_one_root_error_then_its_consequence_once() {
    let dir = example_copy();
    alter(
        dir.path(),
        "data/recipients.yaml",
        "    name: \"UBND huyện Đình Lập\"\n",
        "",
    );
    let text = printed(dir.path());
    // The answers of agencies it no longer knows are not reported one by one.
    assert!(!text.contains("unknown recipient"), "{text}");
    insta::assert_snapshot!("missing_recipient_name", text);
}

#[test]
fn a_broken_template_is_one_error_naming_the_documents_it_stops() {
    let dir = example_copy();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    for entry in std::fs::read_dir(example().join("templates")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(
                entry.path(),
                dir.path().join("templates").join(entry.file_name()),
            )
            .unwrap();
        }
    }
    let template = dir.path().join("templates/cong-van.typ");
    let mut text = std::fs::read_to_string(&template).unwrap();
    text.push_str("\n#let broken = (\n");
    std::fs::write(&template, text).unwrap();
    let (_out, report) = build(dir.path());
    let template_errors: Vec<&Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::Template)
        .collect();
    // Reported by each of the 23 documents made with it…
    assert_eq!(template_errors.len(), 23);
    // …shown once, naming them.
    let merged = vanban::diagnostic::in_cause_order(&report.diagnostics);
    let shown: Vec<&Diagnostic> = merged.iter().filter(|d| d.code == Code::Template).collect();
    assert_eq!(shown.len(), 1, "{merged:#?}");
    assert_eq!(shown[0].documents.len(), 23);
    assert_eq!(shown[0].message, "template error: unclosed delimiter");
    assert!(
        merged[0].code == Code::Template,
        "the root comes first: {merged:#?}"
    );
    assert_eq!(vanban::diagnostic::summary(&report.diagnostics).0, 1);
}

#[test]
fn an_error_in_the_request_letter_comes_before_the_report_it_stops() {
    let dir = example_copy();
    alter(
        dir.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "signer: \"nguyen-huu-truc\"",
        "signer: \"nguyen-huu-truk\"",
    );
    let text = printed(dir.path());
    let root = text.find("unknown signer `nguyen-huu-truk`").expect(&text);
    let consequence = text
        .find("report `bao-cao-ket-qua` was not built because its request letter `de-nghi-cung-cap-thong-tin` has errors")
        .expect(&text);
    assert!(root < consequence, "{text}");
    insta::assert_snapshot!("request_letter_error", text);
}

#[test]
fn a_clerk_reads_vietnamese_and_json_keeps_codes_and_both_texts() {
    let dir = example_copy();
    alter(
        dir.path(),
        "data/recipients.yaml",
        "    name: \"UBND huyện Đình Lập\"\n",
        "",
    );
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(args)
            .arg(dir.path())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        (
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    // Vietnamese without asking, the root error first, its consequence once after it.
    let (_, stderr) = run(&["check"]);
    let root = stderr
        .find("lỗi (tệp YAML): thiếu trường `name`")
        .expect(&stderr);
    let consequence = stderr
        .find("lỗi (không dựng được): văn bản không dựng được vì `data/recipients.yaml` có lỗi")
        .expect(&stderr);
    assert!(root < consequence, "{stderr}");
    assert!(stderr.contains("= dừng 3 tài liệu: "), "{stderr}");
    assert!(stderr.trim_end().ends_with("2 lỗi, 0 cảnh báo"), "{stderr}");
    // English on request.
    let (_, stderr) = run(&["check", "--lang", "en"]);
    assert!(
        stderr.contains("error (YAML file): invalid YAML: missing field `name`"),
        "{stderr}"
    );
    assert!(
        stderr.trim_end().ends_with("2 error(s), 0 warning(s)"),
        "{stderr}"
    );
    // JSON: the stable code, the English text and the Vietnamese one.
    let (stdout, _) = run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["code"], "yaml");
    assert_eq!(first["message"], "invalid YAML: missing field `name`");
    assert_eq!(first["message_vi"], "thiếu trường `name`");
    assert_eq!(
        first["hint_vi"],
        "thêm trường còn thiếu; README liệt kê các trường của từng tệp"
    );
}

#[test]
fn what_new_year_did_is_said_in_the_clerks_language() {
    let dir = example_copy();
    let run = |lang: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["new-year", "--lang", lang])
            .arg(dir.path())
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let (code, stdout, stderr) = run("vi");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("đã tạo letters/2023/de-nghi-cung-cap-thong-tin.yaml"),
        "{stdout}"
    );
    assert!(
        stderr.contains("điền mọi chỗ TODO, rồi chạy `vanban check`"),
        "{stderr}"
    );
}
