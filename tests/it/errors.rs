//! Bad input: every problem of a run is reported together with file, line, column and a
//! snippet; broken letters are not written, the others are; the command exits with 1.

use std::process::Command;

use vanban::diagnostic::Reporter;

use crate::support::{build, fixture};

#[test]
fn all_problems_of_a_run_are_reported_together_with_positions() {
    let root = fixture("mixed");
    let report = vanban::app::check::check(&root);
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
            "2022/a-good/r1.pdf".to_string(),
            "2022/a-good/r1.xlsx".to_string()
        ]
        .into()
    );
    let files = crate::support::files_in(out.path());
    // The good letter's combined PDF only (it has per-agency output too).
    assert_eq!(
        files,
        [
            "2022/a-good.pdf",
            "2022/a-good/r1.pdf",
            "2022/a-good/r1.xlsx"
        ]
    );
    let text = crate::support::pdf_text(&out.path().join("2022/a-good.pdf"));
    assert!(crate::support::squash(&text).contains("V/vđềnghịcungcấpsốliệunăm2022"));
}

#[test]
fn the_command_exits_1_and_prints_every_error_with_its_place() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--quiet", "--lang", "vi"])
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
    // Vietnamese by default: the words around the messages and the summary.
    assert!(
        stderr.contains("lỗi (tệp YAML): YAML không hợp lệ: "),
        "{stderr}"
    );
    assert!(stderr.contains("8 lỗi, 0 cảnh báo"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"));
}

#[test]
fn a_missing_data_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("letters")).unwrap();
    let report = vanban::app::check::check(dir.path());
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
    let report = vanban::app::check::check(&root);
    let text = Reporter::new(&root).render_all(&report.diagnostics);
    insta::assert_snapshot!("broken_data_check", text);
    let (out, report) = build(&root);
    assert_eq!(report.exit_code(), 1);
    // The letter to the sound recipient, signed by the sound signer, is still written.
    assert!(out.path().join("2022/ok.pdf").is_file());
    assert!(!out.path().join("2022/blocked.pdf").exists());
}

/// A copy of the `mixed` fixture's data with one letter, with some files replaced.
fn project(letter: &str, replace: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("mixed");
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::create_dir_all(dir.path().join("letters")).unwrap();
    for f in [
        "data/agency.yaml",
        "data/recipients.yaml",
        "data/indicators.yaml",
    ] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(dir.path().join("letters/thu.yaml"), letter).unwrap();
    for (path, text) in replace {
        std::fs::write(dir.path().join(path), text).unwrap();
    }
    dir
}

const LETTER: &str = "kind: cong-van\ndata_year: 2022\nunit: BVMT\ndate: \"2023-03-05\"\nsigner: gd\nrecipients: [r1]\n";

fn messages(root: &std::path::Path) -> Vec<String> {
    vanban::app::check::check(root)
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn tera_text_cannot_read_the_environment_or_crash_the_run() {
    for (subject, expect) in [
        (
            "{{ get_env(name=\"HOME\") }}",
            "`get_env` is not available in letters",
        ),
        (
            "{{ (-9223372036854775807 - 1) % -1 }}",
            "a calculation in it overflows",
        ),
        (
            "{% for i in range(end=100000000) %}x{% endfor %}",
            "`range` is limited",
        ),
        ("{{ khong_co", "expected"),
    ] {
        let dir = project(&format!("{LETTER}subject: '{subject}'\n"), &[]);
        let (out, report) = build(dir.path());
        assert_eq!(report.exit_code(), 1, "{subject}");
        let all = messages(dir.path()).join("\n");
        assert!(
            all.contains("cannot fill in text") && all.contains(expect),
            "{subject}: {all}"
        );
        assert!(!out.path().join("2022/thu.pdf").exists());
    }
}

#[test]
fn file_names_from_patterns_and_ids_must_be_portable() {
    for pattern in ["../../x", "a:b", "CON", ".hidden", "{{ recipient.id }}/x"] {
        let dir = project(
            &format!("{LETTER}subject: thử\noutput:\n  file_name: \"{pattern}\"\n"),
            &[],
        );
        let (out, report) = build(dir.path());
        assert_eq!(report.exit_code(), 1, "{pattern}");
        let all = messages(dir.path()).join("\n");
        assert!(
            all.contains("cannot name an output file"),
            "{pattern}: {all}"
        );
        let written = crate::support::files_in(out.path());
        // The combined letter is sound and written; the per-agency one is not.
        assert_eq!(written, ["2022/thu.pdf"], "{pattern}");
    }
    let recipients = "recipients:\n  - id: \"../r1\"\n    name: \"Sở Xây dựng\"\n";
    let dir = project(
        &format!("{LETTER}subject: thử\n"),
        &[("data/recipients.yaml", recipients)],
    );
    let report = vanban::app::check::check(dir.path());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("recipient id `../r1`"))
        .expect("id rejected");
    assert_eq!((d.position.line, d.position.column), (2, 9));
}

#[test]
fn an_empty_agency_field_holds_back_every_letter() {
    let agency = std::fs::read_to_string(fixture("mixed/data/agency.yaml"))
        .unwrap()
        .replace("place: \"Thử\"", "place: \"  \"");
    let dir = project(
        &format!("{LETTER}subject: thử\n"),
        &[("data/agency.yaml", &agency)],
    );
    let (out, report) = build(dir.path());
    assert_eq!(report.exit_code(), 1);
    assert!(report.written.is_empty(), "{:?}", report.written);
    let all = messages(dir.path()).join("\n");
    assert!(all.contains("agency place name is empty"), "{all}");
    assert!(
        all.contains("not built because `data/agency.yaml` has errors"),
        "{all}"
    );
    let blocked: Vec<Vec<String>> = vanban::app::check::check(dir.path())
        .diagnostics
        .into_iter()
        .filter(|d| d.code == vanban::diagnostic::Code::Blocked)
        .map(|d| d.documents)
        .collect();
    assert_eq!(blocked, [["letters/thu.yaml"]]);
    assert!(!out.path().join("2022").exists());
}

#[test]
fn letters_are_still_checked_when_the_agency_file_is_broken() {
    let letter = LETTER.replace("recipients: [r1]", "recipients: [nobody]");
    let dir = project(
        &format!("{letter}subject: thử\n"),
        &[("data/agency.yaml", "name: [\n")],
    );
    let all = messages(dir.path()).join("\n");
    assert!(all.contains("invalid YAML"), "{all}");
    assert!(all.contains("unknown recipient `nobody`"), "{all}");
}

#[test]
fn a_member_addressed_alone_gets_its_group_items_everywhere() {
    let recipients = "groups:\n  - id: g\n    style: addressed\n    name: \"UBND các huyện\"\n    requests:\n      - indicator: 1\nrecipients:\n  - id: r1\n    name: \"UBND huyện A\"\n    group: g\n    requests:\n      - text: \"Riêng huyện A.\"\n";
    let dir = project(
        &format!("{LETTER}subject: thử\n"),
        &[("data/recipients.yaml", recipients)],
    );
    let (out, report) = build(dir.path());
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    for file in ["2022/thu.pdf", "2022/thu/r1.pdf"] {
        let text = crate::support::squash(&crate::support::pdf_text(&out.path().join(file)));
        assert!(
            text.contains("củaChỉsố01)."),
            "{file}: group item missing or stray space: {text}"
        );
        assert!(text.contains("RiênghuyệnA."), "{file}");
    }
    // A bad indicator in the group is caught by validation, at its place.
    let broken = recipients.replace("indicator: 1", "indicator: 7");
    let dir = project(
        &format!("{LETTER}subject: thử\n"),
        &[("data/recipients.yaml", &broken)],
    );
    let d = vanban::app::check::check(dir.path()).diagnostics;
    let d = d
        .iter()
        .find(|d| d.message.contains("indicator 07"))
        .expect("caught");
    assert_eq!(d.position.line, 6);
}

#[test]
fn the_same_problem_is_counted_once() {
    let recipients = "recipients:\n  - id: r1\n    name: \"A\"\n  - id: r2\n    name: \"B\"\n";
    let letter = "kind: cong-van\ndata_year: 2022\nunit: BVMT\ndate: \"2023-03-05\"\nsigner: gd\nrecipients: [r1, r2]\nsubject: \"x\"\nopening: [\"{{ khong_co }}\"]\n";
    let dir = project(letter, &[("data/recipients.yaml", recipients)]);
    let report = vanban::app::check::check(dir.path());
    assert!(report.diagnostics.len() >= 3, "one per document");
    assert_eq!(vanban::diagnostic::summary(&report.diagnostics), (1, 0));
}

#[test]
fn check_can_report_in_json() {
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["check", "--format", "json"])
        .arg(fixture("mixed"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(items.len(), 8);
    let signer = items
        .iter()
        .find(|i| i["message"] == "unknown signer `ghost`")
        .unwrap();
    assert_eq!(signer["file"], "letters/b-references.yaml");
    assert_eq!(
        (signer["line"].as_u64(), signer["column"].as_u64()),
        (Some(7), Some(9))
    );
    assert_eq!(signer["severity"], "error");
}

#[test]
fn hostile_yaml_gets_a_clear_error_not_a_panic() {
    let laughs = {
        let mut s = String::from(
            "kind: cong-van\ndata_year: 2022\nunit: BVMT\ndate: \"2023-03-05\"\nsigner: gd\nsubject: x\nrecipients: [r1]\nvars:\n  a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n",
        );
        for (i, prev) in ('b'..='j').zip('a'..='i') {
            s.push_str(&format!(
                "  {i}: &{i} [{}]\n",
                vec![format!("*{prev}"); 9].join(",")
            ));
        }
        s
    };
    let deep = format!("kind: {}{}\n", "[".repeat(5000), "]".repeat(5000));
    for (name, text, expected) in [
        (
            "duplicate",
            "kind: cong-van\nkind: cong-van\n".to_string(),
            "key `kind` appears twice",
        ),
        (
            "tab",
            "kind: cong-van\n\tdata_year: 2022\n".to_string(),
            "tab",
        ),
        ("laughs", laughs, "invalid YAML"),
        ("deep", deep, "invalid YAML"),
    ] {
        let dir = project(&text, &[]);
        let report = vanban::app::check::check(dir.path());
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.position.file.ends_with("thu.yaml"))
            .unwrap_or_else(|| {
                panic!(
                    "{name}: no diagnostic for the letter: {:?}",
                    report.diagnostics
                )
            });
        assert!(d.message.contains(expected), "{name}: {}", d.message);
        assert!(d.position.line >= 1 && d.hint.is_some(), "{name}: {d:?}");
    }
}

#[test]
fn two_builds_at_once_are_refused_with_a_clear_message() {
    let dir = project(&format!("{LETTER}subject: thử\n"), &[]);
    let out = tempfile::tempdir().unwrap();
    let held = vanban::output::lock::lock(out.path()).unwrap();
    let report = vanban::app::build::build(dir.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 2);
    assert!(
        report
            .fatal
            .as_ref()
            .is_some_and(|e| e.to_string().contains("another vanban run")),
        "{:?}",
        report.fatal
    );
    assert!(report.written.is_empty());
    drop(held);
    assert_eq!(
        vanban::app::build::build(dir.path(), out.path(), &|_| {}).exit_code(),
        0
    );
}
