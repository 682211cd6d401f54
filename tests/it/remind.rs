//! Follow-up letters (công văn đôn đốc): one per agency that still owes items after the
//! deadline, listing exactly those, citing the original letter, with a new deadline.

use std::path::Path;

use crate::support::{files_in, pdf_text, squash};

/// A copy of the example whose request letter was issued as number 12 on 06/02/2023: a
/// follow-up cites the original by its number and date.
pub fn numbered() -> tempfile::TempDir {
    let project = crate::support::example_copy();
    crate::support::alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "date: \"2023-02\"\n",
        "number: 12\ndate: \"2023-02-06\"\n",
    );
    project
}

/// The example, numbered, kept for the whole test run (its files are only read).
fn example() -> std::path::PathBuf {
    static PROJECT: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    PROJECT.get_or_init(numbered).path().to_path_buf()
}

fn remind(as_of: &str) -> (tempfile::TempDir, vanban::RunReport) {
    let out = tempfile::tempdir().unwrap();
    let date = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
    let report = vanban::app::remind::remind(&example(), out.path(), date, &|_| {});
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    (out, report)
}

fn text(out: &Path, file: &str) -> String {
    squash(&pdf_text(
        &out.join("2022/de-nghi-cung-cap-thong-tin-don-doc-2023-03-05")
            .join(file),
    ))
}

#[test]
fn agencies_that_still_owe_items_get_a_letter_listing_exactly_those() {
    let (out, report) = remind("2023-03-05");
    // Đình Lập never answered; Sở Tài chính's reply only arrived on 10/03.
    assert_eq!(
        files_in(out.path()),
        [
            "2022/de-nghi-cung-cap-thong-tin-don-doc-2023-03-05/dinh-lap.pdf",
            "2022/de-nghi-cung-cap-thong-tin-don-doc-2023-03-05/so-tai-chinh.pdf",
        ]
    );
    assert_eq!(report.written.len(), 2);
    let dinh_lap = text(out.path(), "dinh-lap.pdf");
    assert!(dinh_lap.contains("Kínhgửi:UBNDhuyệnĐìnhLập."));
    assert!(dinh_lap.contains("V/vđônđốccungcấpthôngtin"));
    assert!(
        dinh_lap.contains("LạngSơn,ngày05tháng3năm2023"),
        "dated as of the reminder"
    );
    assert!(
        dinh_lap.contains("thờihạngửitrướcngày28/02/2023"),
        "cites the original deadline"
    );
    assert!(
        dinh_lap.contains("Côngvănsố12/STNMT-BVMTngày06/02/2023vềviệcđềnghịcungcấpthôngtin"),
        "cites the original letter by its number, date and trích yếu"
    );
    assert!(
        dinh_lap.contains("trướcngày12/03/2023"),
        "new deadline: 7 days later"
    );
    for owed in ["củaChỉsố11", "củaChỉsố26", "Sốcôngchứcthựchiệnnhiệmvụ"] {
        assert!(dinh_lap.contains(owed), "{owed}");
    }
    let tai_chinh = text(out.path(), "so-tai-chinh.pdf");
    assert!(tai_chinh.contains("củaChỉsố24"));
    assert!(!tai_chinh.contains("củaChỉsố11"), "only what it owes");
}

#[test]
fn nothing_is_written_before_the_deadline_or_once_everything_arrived() {
    let (out, report) = remind("2023-02-20");
    assert!(report.written.is_empty() && files_in(out.path()).is_empty());
    let (out, _) = remind("2023-03-15");
    assert_eq!(
        files_in(out.path()),
        ["2022/de-nghi-cung-cap-thong-tin-don-doc-2023-03-15/dinh-lap.pdf"]
    );
}

#[test]
fn no_follow_ups_from_broken_answers_and_a_word_when_there_is_no_deadline() {
    let project = crate::support::example_copy();
    crate::support::alter(
        project.path(),
        "data/2022/so-y-te.yaml",
        "recipient:",
        "bad: [\nrecipient:",
    );
    let out = tempfile::tempdir().unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
    let report = vanban::app::remind::remind(project.path(), out.path(), date, &|_| {});
    assert!(report.written.is_empty(), "{:?}", report.written);
    assert!(report.diagnostics.iter().any(|d| {
        d.message
            .contains("no follow-up letters for `de-nghi-cung-cap-thong-tin`")
    }));

    let project = crate::support::example_copy();
    crate::support::alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "deadline: \"2023-02-28\"\n",
        "",
    );
    let report = vanban::app::remind::remind(project.path(), out.path(), date, &|_| {});
    assert!(report.written.is_empty());
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("has no deadline"))
    );
}

/// Follow-up letters go through the build's machinery: the output folder's lock, the
/// manifest (so a later build neither rebuilds nor removes them) and the glyph check.
#[test]
fn follow_ups_share_the_builds_lock_and_manifest_and_a_build_leaves_them_alone() {
    let out = tempfile::tempdir().unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();

    let held = vanban::output::lock::lock(out.path()).unwrap();
    let refused = vanban::app::remind::remind(&example(), out.path(), date, &|_| {});
    assert_eq!(refused.exit_code(), 2);
    assert!(
        refused
            .fatal
            .as_ref()
            .is_some_and(|e| e.to_string().contains("another vanban run")),
        "{:?}",
        refused.fatal
    );
    assert!(refused.written.is_empty());
    drop(held);

    let reminded = vanban::app::remind::remind(&example(), out.path(), date, &|_| {});
    assert_eq!(reminded.written.len(), 2, "{:?}", reminded.diagnostics);
    assert!(
        reminded
            .rebuilt
            .iter()
            .all(|(_, why)| why.to_string() == "overdue")
    );
    let manifest = std::fs::read_to_string(out.path().join(vanban::manifest::FILE)).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    for written in &reminded.written {
        let key = written.display().to_string();
        assert_eq!(
            manifest["documents"][&key]["reminder"], true,
            "{key} is recorded as a follow-up letter"
        );
    }

    // A build writes its own documents and keeps the follow-up letters as they are.
    let built = vanban::app::build::build(&example(), out.path(), &|_| {});
    assert!(built.removed.is_empty(), "{:?}", built.removed);
    assert!(
        built
            .rebuilt
            .iter()
            .all(|(p, _)| !p.starts_with("2022/de-nghi-cung-cap-thong-tin-don-doc-2023-03-05")),
        "{:?}",
        built.rebuilt
    );
    for written in &reminded.written {
        assert!(
            out.path().join(written).is_file(),
            "{} kept",
            written.display()
        );
    }
    let again = vanban::app::build::build(&example(), out.path(), &|_| {});
    assert!(again.rebuilt.is_empty() && again.removed.is_empty());
}

#[test]
fn a_follow_up_says_the_attachments_went_with_the_original_and_states_the_consequence() {
    let (out, _) = remind("2023-03-05");
    let dinh_lap = text(out.path(), "dinh-lap.pdf");
    assert!(dinh_lap.contains("đãgửikèmCôngvănsố"), "{dinh_lap}");
    assert!(
        !dinh_lap.contains("gửikèmtheo"),
        "the follow-up carries no attachment"
    );
    assert!(dinh_lap.contains("chưanhậnđượccácnộidungsaucủaQuýỦyban:"));
    assert!(dinh_lap.contains("Quáthờihạntrên,nếukhôngnhậnđượcvănbảncủaQuýỦyban,"));
}

#[test]
fn only_the_data_year_asked_for_is_chased() {
    let project = numbered();
    let letter = std::fs::read_to_string(
        project
            .path()
            .join("letters/2022/de-nghi-cung-cap-thong-tin.yaml"),
    )
    .unwrap()
    .replace("data_year: 2022", "data_year: 2021")
    .replace("number: 12", "number: 30")
    .replace("date: \"2023-02-06\"", "date: \"2022-02-06\"")
    .replace("deadline: \"2023-02-28\"", "deadline: \"2022-02-28\"");
    std::fs::create_dir_all(project.path().join("letters/2021")).unwrap();
    std::fs::write(
        project
            .path()
            .join("letters/2021/de-nghi-cung-cap-thong-tin.yaml"),
        letter,
    )
    .unwrap();
    // Đình Lập owes its 2021 figures too.
    std::fs::remove_file(project.path().join("data/2021/dinh-lap.yaml")).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
    let chased = |year: Option<i32>| {
        let out = tempfile::tempdir().unwrap();
        let report =
            vanban::app::remind::remind_year(project.path(), out.path(), date, year, &|_| {});
        assert!(
            report.diagnostics.iter().all(|d| !d.is_error()),
            "{:?}",
            report.diagnostics
        );
        let years: std::collections::BTreeSet<String> = files_in(out.path())
            .iter()
            .map(|f| f[..4].to_string())
            .collect();
        years
    };
    assert_eq!(
        chased(None),
        ["2022".to_string()].into(),
        "the latest year by default"
    );
    assert_eq!(chased(Some(2021)), ["2021".to_string()].into());
}

#[test]
fn a_follow_up_signed_since_is_not_overwritten_by_the_next_remind() {
    let out = tempfile::tempdir().unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
    let first = vanban::app::remind::remind(&example(), out.path(), date, &|_| {});
    let signed = out.path().join(&first.written[0]);
    let mut bytes = std::fs::read(&signed).unwrap();
    bytes.extend_from_slice(b"\n% signed\n");
    std::fs::write(&signed, &bytes).unwrap();
    let again = vanban::app::remind::remind(&example(), out.path(), date, &|_| {});
    assert_eq!(
        std::fs::read(&signed).unwrap(),
        bytes,
        "the signed file stays"
    );
    assert!(
        again
            .diagnostics
            .iter()
            .any(|d| d.code == vanban::diagnostic::Code::ChangedOutside),
        "{:?}",
        again.diagnostics
    );
    assert_eq!(again.written.len(), first.written.len() - 1);
}

#[test]
fn a_letter_without_a_number_is_not_chased_and_the_message_says_to_register_it() {
    let out = tempfile::tempdir().unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
    let report = vanban::app::remind::remind(&crate::support::example(), out.path(), date, &|_| {});
    assert!(report.written.is_empty());
    let refused = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("it has no number yet"))
        .expect("the refusal");
    assert!(refused.is_error());
    assert!(refused.hint.as_deref().unwrap().starts_with(
        "register it first: vanban register letters/2022/de-nghi-cung-cap-thong-tin.yaml"
    ));
}

#[test]
fn one_combined_follow_up_lists_each_late_agency_with_its_own_items() {
    let project = numbered();
    crate::support::alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "  days: 7\n",
        "  days: 7\n  combined: true\n",
    );
    let out = tempfile::tempdir().unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
    let report = vanban::app::remind::remind(project.path(), out.path(), date, &|_| {});
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    assert_eq!(
        files_in(out.path()),
        ["2022/de-nghi-cung-cap-thong-tin-don-doc-2023-03-05.pdf"]
    );
    let text = squash(&pdf_text(
        &out.path()
            .join("2022/de-nghi-cung-cap-thong-tin-don-doc-2023-03-05.pdf"),
    ));
    // In the order the original addressed them.
    assert!(
        text.contains("Kínhgửi:-SởTàichính;-UBNDhuyệnĐìnhLập."),
        "{text}"
    );
    assert!(text.contains("chưanhậnđượccácnộidungsaucủacácQuýcơquan,đơnvị:"));
    let tai_chinh = text
        .find("1.SởTàichính")
        .expect("a section for the Sở Tài chính");
    let dinh_lap = text
        .find("2.UBNDhuyệnĐìnhLập")
        .expect("a section for Đình Lập");
    assert!(tai_chinh < dinh_lap);
    // Each section lists only its agency's items: Đình Lập owes indicator 11's form.
    assert!(text[dinh_lap..].contains("Biểumẫu11"), "{text}");
}

#[test]
fn follow_up_letters_are_registered_with_numbers_of_their_own() {
    let project = numbered();
    let out = project.path().join("out");
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
    let letter = Path::new("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    // Before the deadline nothing is overdue: nothing to register.
    let early = chrono::NaiveDate::from_ymd_opt(2023, 2, 20).unwrap();
    let refused =
        vanban::app::register::register_reminders(project.path(), letter, early, 40).unwrap_err();
    assert!(
        refused[0]
            .message
            .contains("has no follow-up letters on 20/02/2023"),
        "{refused:?}"
    );
    let first = vanban::app::remind::remind(project.path(), &out, date, &|_| {});
    assert_eq!(first.written.len(), 2);
    let done = vanban::app::register::register_reminders(project.path(), letter, date, 40).unwrap();
    let numbers: Vec<&str> = done.entries.iter().map(|e| e.number.as_str()).collect();
    assert_eq!(numbers, ["40", "41"]);
    assert!(
        done.entries
            .iter()
            .all(|e| e.subject.starts_with("Công văn V/v đôn đốc"))
    );
    // The follow-ups now print their numbers.
    let dinh_lap = squash(&pdf_text(
        &out.join("2022/de-nghi-cung-cap-thong-tin-don-doc-2023-03-05/dinh-lap.pdf"),
    ));
    // Numbered in the order the original addressed them: Sở Tài chính 40, Đình Lập 41.
    assert!(dinh_lap.contains("Số:41/STNMT-BVMT"), "{dinh_lap}");
    let csv = std::fs::read_to_string(project.path().join("data/so-dang-ky-di/2023.csv")).unwrap();
    assert!(csv.contains("2022/de-nghi-cung-cap-thong-tin-don-doc-2023-03-05/so-tai-chinh.pdf"));
}

#[test]
fn a_follow_up_cites_the_number_of_the_letter_its_agency_received() {
    let project = crate::support::example_copy();
    let letter = Path::new("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    let sent = chrono::NaiveDate::from_ymd_opt(2023, 2, 6).unwrap();
    let done = vanban::app::register::register(project.path(), letter, 5, sent).unwrap();
    let own = &done
        .entries
        .iter()
        .find(|e| e.document.ends_with("/dinh-lap.pdf"))
        .unwrap()
        .number;
    assert_ne!(own, "05");
    let out = tempfile::tempdir().unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
    let report = vanban::app::remind::remind(project.path(), out.path(), date, &|_| {});
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    let dinh_lap = text(out.path(), "dinh-lap.pdf");
    assert!(
        dinh_lap.contains(&format!("Côngvănsố{own}/STNMT-BVMTngày06/02/2023")),
        "{dinh_lap}"
    );
    assert!(dinh_lap.contains(&format!("đãgửikèmCôngvănsố{own}/STNMT-BVMT")));
}
