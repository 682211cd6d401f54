//! The report and the data behind it: validation of the answers (one fixture, every rule),
//! the example report's figures read back from its PDF, and the `status` command.

use std::process::Command;

use vanban::diagnostic::Reporter;

use crate::support::{build, example, fixture, pdf_text, squash};

#[test]
fn every_answer_rule_is_reported_at_its_place() {
    let root = fixture("answers");
    let report = vanban::app::check::check(&root);
    let text = Reporter::new(&root).render_all(&report.diagnostics);
    insta::assert_snapshot!("answers_check", text);
    let at = |needle: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.message.contains(needle))
            .map(|d| {
                (
                    d.position.file.display().to_string(),
                    d.position.line,
                    d.is_error(),
                )
            })
            .unwrap_or_else(|| panic!("no diagnostic says {needle:?}:\n{text}"))
    };
    assert_eq!(
        at("greater than denominator"),
        ("data/2022/r1.yaml".into(), 7, true)
    );
    assert_eq!(at("is negative"), ("data/2022/r2.yaml".into(), 10, true));
    assert_eq!(at("outside 0–100"), ("data/2022/r3.yaml".into(), 7, true));
    assert_eq!(
        at("differs from the form's unit"),
        ("data/2022/r3.yaml".into(), 11, true)
    );
    assert_eq!(
        at("Sở Giao thông vận tải answers indicator 01, which it was not asked"),
        ("data/2022/r2.yaml".into(), 11, true)
    );
    assert_eq!(
        at("population figures for 2022 disagree"),
        ("data/2022/tk.yaml".into(), 12, true)
    );
    assert_eq!(
        at("is outside the project folder"),
        ("data/2022/r1.yaml".into(), 11, true)
    );
    assert_eq!(at("does not exist"), ("data/2022/r1.yaml".into(), 13, true));
    assert_eq!(
        at("is a rate but has no denominator"),
        ("data/2022/r5.yaml".into(), 12, true)
    );
    assert_eq!(
        at("gives both rows and totals"),
        ("data/2022/r5.yaml".into(), 6, true)
    );
    assert_eq!(
        at("numerator 9 is greater than denominator 3"),
        ("data/2022/r5.yaml".into(), 10, true)
    );
    assert_eq!(
        at("indicator 01 is answered twice"),
        ("data/2022/r5.yaml".into(), 12, true)
    );
    assert_eq!(
        at("indicator 42 is not in edition"),
        ("data/2022/r5.yaml".into(), 16, true)
    );
    assert_eq!(
        at("received date `2023-02-31` is not a date"),
        ("data/2022/r5.yaml".into(), 4, true)
    );
    assert_eq!(
        at("the numerators add up to 200000, more than the dân số đô thị"),
        ("data/2022/r5.yaml".into(), 14, true)
    );
    assert_eq!(
        at("indicator 15 has no figures"),
        ("data/2022/r5-ban-sao.yaml".into(), 5, true)
    );
    assert_eq!(
        at("already answered for 2022"),
        ("data/2022/r5.yaml".into(), 3, true)
    );
    assert_eq!(
        at("a value alone cannot be added up"),
        ("data/2022/r3.yaml".into(), 6, true)
    );
    // Missing answers point at the request, late ones at the received date.
    let missing =
        at("Sở Công Thương has not answered 1 indicator for 2022 by the deadline 28/02/2023: 01");
    assert_eq!(missing, ("data/recipients.yaml".into(), 14, false));
    assert!(
        !text.contains("Sở Nông nghiệp has not answered"),
        "r5 did answer 01"
    );
    assert_eq!(at("answered late"), ("data/2022/r2.yaml".into(), 4, false));
}

#[test]
fn answers_with_errors_hold_back_the_report_but_not_the_letters() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("answers");
    for entry in walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(&src).unwrap();
        std::fs::create_dir_all(dir.path().join(rel).parent().unwrap()).unwrap();
        std::fs::copy(entry.path(), dir.path().join(rel)).unwrap();
    }
    std::fs::write(
        dir.path().join("letters/bao-cao.yaml"),
        "kind: bao-cao\ndata_year: 2022\ndate: \"2023-03\"\nsubject: \"Kết quả năm {{ year }}\"\nsigner: gd\narchive: \"VT, BVMT\"\n",
    )
    .unwrap();
    let (out, report) = build(dir.path());
    assert_eq!(report.exit_code(), 1);
    assert!(
        out.path().join("2022/de-nghi.pdf").is_file(),
        "the request letter is still built"
    );
    assert!(!out.path().join("2022/bao-cao.pdf").exists());
    assert!(report.diagnostics.iter().any(|d| d.message
        == "report `bao-cao` was not built because the answers in data/2022/ have errors"));
}

fn example_report() -> String {
    let (out, report) = build(&example());
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    pdf_text(&out.path().join("2022/bao-cao-ket-qua.pdf"))
}

#[test]
fn the_report_table_carries_both_years_and_the_change() {
    let text = squash(&example_report());
    // Values worked out by hand from data/2021 and data/2022 (see the comments in the test):
    // 01: 8 440 / 20 000 = 42,2 % → 9 000 / 20 450 = 44,01 %, change +1,81.
    // 07: 42 / 137 030 × 10 000 = 3,07 → 46 / 138 880 × 10 000 = 3,31, change +0,24 (as printed).
    // 11: 61,7 / 348,9 = 17,68 % → (32,4 + 40,4) / (128 + 218,6) = 72,8 / 346,6 = 21,00 %, +3,32.
    // Every value prints with its indicator's decimals from the catalogue (42,20, 327,0).
    // 15: 126 150 / 137 030 = 92,06 % → 129 170 / 138 880 = 93,01 %, +0,95.
    // 25: 258 / 801 900 × 10⁶ = 321,7 → 264 / 807 300 × 10⁶ = 327, +5,3.
    for row in [
        "01Tỷlệnướcthảiđôthịđượcthugom,xửlýđạtquychuẩnkỹthuậtmôitrường%42,2044,01+1,81SởXâydựng1",
        "07Sốlượngphươngtiệngiaothôngcôngcộngtrên10.000dânđôthịxe/10.000người3,073,31+0,24SởGiaothôngvậntải",
        "15Tỷlệdânsốđôthịđượccungcấpnướcsạchquahệthốngcấpnướctậptrung%92,0693,01+0,95SởXâydựng",
        "25Sốlượngcôngchức,cánbộthựchiệnnhiệmvụbảovệmôitrườngtrên1triệudânngười/triệudân321,7327,0+5,3",
    ] {
        assert!(text.contains(row), "summary row missing: {row}");
    }
    assert!(
        text.contains("%17,6821,00+3,32SởXâydựng;UBNDthànhphốLạngSơn;"),
        "indicator 11 has several suppliers"
    );
}

#[test]
fn the_report_shows_the_figures_behind_each_indicator() {
    let text = squash(&example_report());
    for figures in [
        // A rate summed over suppliers: numerator and denominator, not an average.
        "Chỉsố11.Tỷlệchấtthảirắnsinhhoạtđượcphânloạitạinguồn:21,00%.",
        "72,8;mẫusố",
        "346,6;cáchtính:tửsố/mẫusố×100.",
        // A per-population figure with the statistics office's population.
        // With where the population comes from and how final it is.
        "46;dânsốđôthị(NiêngiámthốngkêtỉnhLạngSơn,năm2022,sốliệusơbộ):138.880;cáchtính:tửsố/dânsốđôthị×10.000.",
        "264;tổngdânsố(NiêngiámthốngkêtỉnhLạngSơn,năm2022,sốliệusơbộ):807.300;",
        // A total in Vietnamese number format.
        "100.505.000kWh.",
    ] {
        assert!(text.contains(figures), "missing {figures:?}");
    }
}

#[test]
fn the_report_says_its_figures_are_illustrative_and_lists_missing_and_late_data() {
    let raw = example_report();
    let text = squash(&raw);
    let first_page_end = text.find("I.TÌNHHÌNHTHUTHẬP").expect("section I");
    assert!(
        text[..first_page_end].contains("SỐLIỆUMINHHỌA"),
        "the note stands before the body on page 1"
    );
    assert!(text.contains("BÁOCÁO") && text.contains("/BC-UBND"));
    assert!(
        text.contains("-UBNDhuyệnĐìnhLập:Chỉsố11,Chỉsố26,"),
        "the district that did not answer"
    );
    assert!(text.contains("Hạnchế:cácchỉsố11,26đượctínhtrênsốliệuchưađầyđủ"));
    assert!(text.contains("-SởTàichính:nhậnngày10/03/2023(thờihạn28/02/2023)."));
    assert!(text.contains("Phụlục") && text.contains("Biểumẫu01(Chỉsố01)"));
}

#[test]
fn the_appendix_counts_its_pages_from_one() {
    let doc = crate::support::layout(&example(), "2022/bao-cao-ket-qua.pdf");
    let runs = crate::support::runs(&doc);
    let top = crate::support::mm(20.0);
    let appendix = runs
        .iter()
        .find(|r| r.text == "Phụ lục I")
        .expect("appendix title")
        .page;
    assert!(appendix > 2);
    let number = |p: usize| {
        runs.iter()
            .find(|r| r.page == p && r.y < top && r.text.chars().all(|c| c.is_ascii_digit()))
            .map(|r| r.text.clone())
    };
    assert_eq!(
        number(appendix - 1),
        Some((appendix - 1).to_string()),
        "the report counts on"
    );
    assert_eq!(
        number(appendix),
        None,
        "first page of the appendix has no number"
    );
    if doc.pages().len() > appendix {
        assert_eq!(
            number(appendix + 1).as_deref(),
            Some("2"),
            "the appendix counts from 1"
        );
    }
}

#[test]
fn status_lists_received_late_and_missing_items() {
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["status", "--format", "json"])
        .arg(example())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let state = |recipient: &str, indicator: u64| {
        rows.iter()
            .find(|r| r["recipient"] == recipient && r["indicator"] == indicator)
            .map(|r| r["state"].as_str().unwrap().to_string())
    };
    assert_eq!(state("so-xay-dung", 1).as_deref(), Some("received"));
    assert_eq!(state("so-tai-chinh", 24).as_deref(), Some("late"));
    assert_eq!(state("dinh-lap", 11).as_deref(), Some("missing"));
    assert_eq!(
        state("so-xay-dung", 24),
        None,
        "only what was asked is listed"
    );
    let text = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["status", "--lang", "vi"])
        .arg(example())
        .output()
        .unwrap();
    let table = String::from_utf8(text.stdout).unwrap();
    assert!(table.contains("UBND huyện Đình Lập") && table.contains("chưa nộp"));
    let (late, missing) = (
        rows.iter().filter(|r| r["state"] == "late").count(),
        rows.iter().filter(|r| r["state"] == "missing").count(),
    );
    assert!(table.contains(&format!(
        "{} nội dung đề nghị: {} đã nhận, {late} nộp muộn, {missing} chưa nộp",
        rows.len(),
        rows.len() - late - missing
    )));
}

#[test]
fn the_report_title_block_follows_mau_1_4() {
    use crate::support::{line, lines, mm, rules, runs};
    let doc = crate::support::layout(&example(), "2022/bao-cao-ket-qua.pdf");
    let l = lines(&runs(&doc));
    let centre = |r: &crate::support::Run| r.x + r.width / 2.0;
    let axis = mm(30.0) + mm(165.0) / 2.0;
    let kind = line(&l, "BÁO CÁO");
    assert!(kind.bold && (13.0..=14.0).contains(&kind.size) && (centre(kind) - axis).abs() < 1.0);
    let title = line(&l, "Kết quả tự đánh giá các chỉ số nhóm I");
    assert!(
        title.bold && (13.0..=14.0).contains(&title.size) && (centre(title) - axis).abs() < 2.0
    );
    assert!(title.y > kind.y);
    let number = line(&l, "Số:");
    assert!(
        number.y < kind.y,
        "the number stands in the header, above the title"
    );
    let rule = rules(&doc)
        .into_iter()
        .find(|r| {
            r.page == 1
                && r.y > title.y
                && r.y < title.y + 50.0
                && (r.x + r.length / 2.0 - axis).abs() < 1.0
        })
        .expect("a rule under the trích yếu");
    let ratio = rule.length / title.width;
    assert!(
        (1.0 / 3.0..=0.5).contains(&ratio),
        "rule is {ratio:.2} of the title line"
    );
    let kg = line(&l, "Kính gửi:");
    assert_eq!(kg.text, "Kính gửi: Bộ Tài nguyên và Môi trường.");
}

#[test]
fn scores_appear_only_when_the_catalogue_has_scoring_rules_or_the_sở_enters_them() {
    let text = squash(&example_report());
    assert!(
        text.contains("Điểm"),
        "the example's report has the Sở's own scores"
    );
    let dir = tempfile::tempdir().unwrap();
    for sub in ["data", "letters"] {
        for entry in walkdir::WalkDir::new(example().join(sub))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = entry.path().strip_prefix(example()).unwrap();
            std::fs::create_dir_all(dir.path().join(rel).parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), dir.path().join(rel)).unwrap();
        }
    }
    let catalogue = std::fs::read_to_string(dir.path().join("data/indicators.yaml")).unwrap();
    let name = "        name: \"Tỷ lệ nước thải đô thị được thu gom, xử lý đạt quy chuẩn kỹ thuật môi trường\"\n";
    assert!(catalogue.contains(name));
    let scored = catalogue.replacen(
        name,
        &format!("{name}        scoring:\n          - {{ at_least: 80, points: 3 }}\n          - {{ at_least: 40, points: 1.5 }}\n          - {{ points: 0 }}\n"),
        1,
    );
    // Without the Sở's scores, and without rules, nothing is scored: no point is invented.
    let letter = dir.path().join("letters/2022/bao-cao-ket-qua.yaml");
    let text = std::fs::read_to_string(&letter).unwrap();
    let (start, end) = (
        text.find("scores:\n").unwrap(),
        text.find("opening:\n").unwrap(),
    );
    std::fs::write(&letter, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let (out, _) = build(dir.path());
    let text = squash(&pdf_text(&out.path().join("2022/bao-cao-ket-qua.pdf")));
    assert!(!text.contains("Điểm"), "no official scores, none entered");
    std::fs::write(dir.path().join("data/indicators.yaml"), scored).unwrap();
    let (out, report) = build(dir.path());
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    let text = squash(&pdf_text(&out.path().join("2022/bao-cao-ket-qua.pdf")));
    assert!(text.contains("Điểm"), "a score column");
    // 44,01 % lies in [40, 80): 1,5 points.
    assert!(
        text.contains("%42,2044,01+1,81SởXâydựng11,5"),
        "indicator 01 scores 1,5"
    );
}

#[test]
fn an_unreadable_answer_file_holds_back_the_report() {
    let dir = crate::support::example_copy();
    crate::support::alter(
        dir.path(),
        "data/2022/so-xay-dung.yaml",
        "numerator: 7850",
        "numerator: \"abc\"",
    );
    let (out, report) = build(dir.path());
    assert_eq!(report.exit_code(), 1);
    assert!(
        !out.path().join("2022/bao-cao-ket-qua.pdf").exists(),
        "no report from partial data"
    );
    assert!(
        out.path()
            .join("2022/de-nghi-cung-cap-thong-tin.pdf")
            .is_file()
    );
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.position.file.ends_with("so-xay-dung.yaml"))
        .expect("parse error");
    let text = std::fs::read_to_string(dir.path().join("data/2022/so-xay-dung.yaml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("numerator: \"abc\""))
        .unwrap()
        + 1;
    assert_eq!(d.position.line, line);
}

#[test]
fn status_counts_each_request_once_and_skips_inactive_indicators() {
    let dir = crate::support::example_copy();
    // Cao Lộc asked for indicator 11 directly as well as through its group.
    crate::support::alter(
        dir.path(),
        "data/recipients.yaml",
        "    group: \"ubnd-cap-huyen\"\n    requests:\n      - text: >-\n          đề nghị",
        "    group: \"ubnd-cap-huyen\"\n    requests:\n      - indicator: 11\n      - text: >-\n          đề nghị",
    );
    let (rows, _) = vanban::app::status::status(dir.path(), None);
    let cao_loc_11 = rows
        .iter()
        .filter(|r| r.recipient == "cao-loc" && r.indicator == Some(11))
        .count();
    assert_eq!(cao_loc_11, 1);
    assert!(rows.iter().any(|r| r.indicator == Some(26)));
    // Indicator 26 is not evaluated in 2022: nobody is chased for it.
    crate::support::alter(
        dir.path(),
        "data/indicators.yaml",
        "      - number: 26\n",
        "      - number: 26\n        inactive_years: [2022]\n",
    );
    let (rows, diags) = vanban::app::status::status(dir.path(), None);
    assert!(!rows.iter().any(|r| r.indicator == Some(26)));
    assert!(!diags.iter().any(|d| d.is_error()), "{diags:#?}");
    // Đình Lập, which owes 11 and 26, is now chased for 11 alone.
    let overdue: Vec<String> = vanban::app::check::check(dir.path())
        .diagnostics
        .into_iter()
        .filter(|d| d.code == vanban::diagnostic::Code::NotAnswered)
        .map(|d| d.message)
        .collect();
    assert_eq!(
        overdue,
        [
            "UBND huyện Đình Lập has not answered 1 indicator for 2022 by the deadline 28/02/2023: 11"
        ]
    );
    assert!(
        diags
            .iter()
            .any(|d| d.message
                == "indicator 26 is not evaluated in 2022; these figures are not used")
    );
    let text = squash(&pdf_text(
        &build(dir.path()).0.path().join("2022/bao-cao-ket-qua.pdf"),
    ));
    assert!(
        !text.contains("Chỉsố26"),
        "an inactive indicator is left out of the report"
    );
}

#[test]
fn a_report_without_a_request_letter_does_not_claim_complete_data() {
    let dir = crate::support::example_copy();
    std::fs::remove_file(
        dir.path()
            .join("letters/2022/de-nghi-cung-cap-thong-tin.yaml"),
    )
    .unwrap();
    crate::support::alter(
        dir.path(),
        "letters/2022/bao-cao-ket-qua.yaml",
        "request_letter:",
        "# request_letter:",
    );
    let (out, report) = build(dir.path());
    let text = squash(&pdf_text(&out.path().join("2022/bao-cao-ket-qua.pdf")));
    // The report, its evidence list and the tờ trình.
    assert!(report.written.len() == 3, "{:?}", report.diagnostics);
    assert!(text.contains("Khôngcócôngvănđềnghịcungcấpsốliệunăm2022"));
    assert!(!text.contains("đãcungcấpđầyđủ"));
}
