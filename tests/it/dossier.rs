//! What goes up with the report (issue 15, the parts done so far): the report says on every
//! page that example figures are examples, cites its request letter by the number and date
//! the register gave it, its appendix says which report it belongs to, and last year's
//! values are compared only where the catalogue says two indicators are the same measure.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{alter, example_copy, squash};

fn page_texts(pdf: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    for n in 1.. {
        let out = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(pdf)
            .arg("-")
            .output()
            .unwrap();
        if !out.status.success() {
            break;
        }
        pages.push(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    pages
}

/// The 2022 report's template data, as JSON, after checking the project plans without errors.
fn report_data(root: &Path) -> serde_json::Value {
    let (jobs, diagnostics) = vanban::app::documents(root, false);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    let report = jobs
        .iter()
        .find(|j| j.output == Path::new("2022/bao-cao-ket-qua.pdf"))
        .expect("the report is planned");
    serde_json::from_slice(report.input()).unwrap()
}

#[test]
fn every_page_of_a_report_from_example_figures_says_so() {
    let project = example_copy();
    let out = project.path().join("out");
    let report = vanban::app::build::build(project.path(), &out, &|_| {});
    assert!(
        report
            .written
            .contains(&PathBuf::from("2022/bao-cao-ket-qua.pdf")),
        "{:?}",
        report.diagnostics
    );
    let pages = page_texts(&out.join("2022/bao-cao-ket-qua.pdf"));
    assert!(pages.len() > 3, "{}", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("SỐ LIỆU MINH HỌA"),
            "page {} does not say its figures are examples",
            i + 1
        );
    }
    // The body points to its appendix, and the appendix to its report.
    let all = squash(&pages.concat());
    assert!(
        all.contains(&squash("tại Phụ lục kèm theo Báo cáo này")),
        "{all}"
    );
    assert!(
        all.contains(&squash(
            "/BC-UBND ngày /03/2023 của Ủy ban nhân dân tỉnh Lạng Sơn)"
        )),
        "{all}"
    );
}

#[test]
fn the_report_cites_its_request_letter_by_the_number_and_date_the_register_gave_it() {
    let project = example_copy();
    let root = project.path();
    let out = root.join("out");
    let before = vanban::app::build::build(root, &out, &|_| {});
    assert!(before.fatal.is_none());
    let text = squash(&crate::support::pdf_text(
        &out.join("2022/bao-cao-ket-qua.pdf"),
    ));
    assert!(
        text.contains(&squash(
            "theo Công văn tháng 02/2023 của Sở Tài nguyên và Môi trường về việc đề nghị cung cấp"
        )),
        "{text}"
    );
    let letter = PathBuf::from("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    let date = chrono::NaiveDate::from_ymd_opt(2023, 2, 6).unwrap();
    vanban::app::register::register(root, &letter, 12, date).expect("registered");
    let after = vanban::app::build::build(root, &out, &|_| {});
    assert!(after.fatal.is_none());
    let text = squash(&crate::support::pdf_text(
        &out.join("2022/bao-cao-ket-qua.pdf"),
    ));
    assert!(
        text.contains(&squash("theo Công văn số 12/STNMT-BVMT ngày 06/02/2023 của Sở Tài nguyên và Môi trường về việc đề nghị cung cấp thông tin")),
        "{text}"
    );
}

/// The summary rows of the 2022 report's template data: indicator number → last year's value.
fn previous_values(root: &Path) -> Vec<(String, Option<String>)> {
    let data = report_data(root);
    data["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["number"].as_str().unwrap().to_string(),
                r["previous"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn across_a_change_of_edition_only_indicators_said_to_be_the_same_measure_are_compared() {
    let project = example_copy();
    let root = project.path();
    let same_edition = previous_values(root);
    let value = |rows: &[(String, Option<String>)], n: &str| {
        rows.iter()
            .find(|(k, _)| k == n)
            .and_then(|(_, v)| v.clone())
    };
    assert!(value(&same_edition, "11").is_some() && value(&same_edition, "12").is_some());

    // 2022 in an edition of its own: the same numbers, but another set.
    let file = root.join("data/indicators.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find("  - id: \"pepi-2019\"").unwrap();
    let old = text[start..].replacen("to_year: 2024", "to_year: 2021", 1);
    let new = text[start..]
        .replacen("id: \"pepi-2019\"", "id: \"pepi-moi\"", 1)
        .replacen("from_year: 2020", "from_year: 2022", 1)
        .replacen(
            "      - number: 11\n",
            "      - number: 11\n        same_as: { edition: \"pepi-2019\", number: 11 }\n",
            1,
        );
    std::fs::write(&file, format!("{}{old}{new}", &text[..start])).unwrap();
    let two_editions = previous_values(root);
    assert_eq!(
        value(&two_editions, "11"),
        value(&same_edition, "11"),
        "11 is said to be the same measure"
    );
    assert_eq!(
        value(&two_editions, "12"),
        None,
        "12 of another edition is another measure"
    );

    // A `same_as` naming what does not exist is an error at its place.
    alter(
        root,
        "data/indicators.yaml",
        "same_as: { edition: \"pepi-2019\", number: 11 }",
        "same_as: { edition: \"pepi-2019\", number: 99 }",
    );
    let check = vanban::app::check::check(root);
    assert!(
        check.diagnostics.iter().any(|d| d.is_error()
            && d.message
                .contains("`same_as` names indicator 99 of edition `pepi-2019`")),
        "{:?}",
        check.diagnostics
    );
}

#[test]
fn scores_the_sở_enters_are_summed_per_group_and_in_total_beside_last_years_appraisal() {
    let project = example_copy();
    let root = project.path();
    let data = report_data(root);
    assert_eq!(data["scored"], true);
    // The example's (illustrative) scores: 1.5 + 0.5 + 1 in group I; 1.5 + 0.5 appraised.
    let scores = &data["scores"];
    assert_eq!(scores["total"], "3");
    assert_eq!(scores["groups"][0]["group"], "I");
    assert_eq!(scores["groups"][0]["points"], "3");
    assert_eq!(scores["groups"][0]["scored"], 3);
    assert_eq!(scores["groups"][0]["appraised_last_year"], "2");
    assert_eq!(scores["groups"][0]["appraised"], 2);
    let row = |n: &str| {
        data["summary"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["number"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(row("01")["score"], "1,5");
    assert_eq!(
        row("03")["score"],
        serde_json::Value::Null,
        "no score is invented"
    );

    // A score for an indicator the edition lacks, or on a công văn, is an error.
    alter(
        root,
        "letters/2022/bao-cao-ket-qua.yaml",
        "  - indicator: 12\n    points: 1\n",
        "  - indicator: 99\n    points: 1\n",
    );
    let check = vanban::app::check::check(root);
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.starts_with("score of indicator 99")),
        "{:?}",
        check.diagnostics
    );
}

#[test]
fn the_dossier_is_one_archive_whose_index_csv_and_checksums_match_its_files() {
    let project = example_copy();
    let root = project.path();
    let out = root.join("out");
    // A letter numbered in December of the data year: its register lands in out/2022/ but is
    // the Sở's book, not part of the dossier.
    let letter = PathBuf::from("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    let december = chrono::NaiveDate::from_ymd_opt(2022, 12, 20).unwrap();
    vanban::app::register::register(root, &letter, 3, december).expect("registered");
    assert!(out.join("2022/so-dang-ky-van-ban-di.pdf").is_file());
    // Another data year's broken letter does not stop this year's dossier.
    std::fs::create_dir_all(root.join("letters/2021")).unwrap();
    std::fs::write(
        root.join("letters/2021/bao-cao-2021.yaml"),
        "kind: \"bao-cao\"\ndata_year: 2021\ndate: \"2022-03\"\nsubject: \"Báo cáo\"\nsigner: \"khong-co\"\nto: [\"Ủy ban nhân dân tỉnh Lạng Sơn\"]\n",
    )
    .unwrap();
    let done = vanban::app::bundle::bundle(
        root,
        &out,
        vanban::app::bundle::BundleOptions::default(),
        &|_| {},
    );
    assert!(done.report.fatal.is_none(), "{:?}", done.report.fatal);
    assert!(
        done.report
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.position.file == Path::new("letters/2021/bao-cao-2021.yaml")),
        "the 2021 letter's error is reported: {:?}",
        done.report.diagnostics
    );
    let archive = done.archive.expect("the dossier is written");
    assert_eq!(archive, out.join("2022/ho-so-2022.zip"));
    // Read with Python's zipfile, csv and hashlib, not with what wrote it.
    let check = r#"
import csv, hashlib, io, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
sums = dict(reversed(l.split("  ", 1)) for l in z.read("SHA256SUMS").decode().splitlines())
assert set(sums) == names - {"SHA256SUMS"}, (set(sums) ^ names)
for name, digest in sums.items():
    assert hashlib.sha256(z.read(name)).hexdigest() == digest, name
rows = list(csv.DictReader(io.StringIO(z.read("danh-muc-tai-lieu-kiem-chung.csv").decode("utf-8-sig"))))
for r in rows:
    if r["Tệp trong hồ sơ"]:
        assert r["Tệp trong hồ sơ"] in names, r
        assert hashlib.sha256(z.read(r["Tệp trong hồ sơ"])).hexdigest() == r["SHA-256"], r
print("\n".join(r["Mã"] for r in rows))
print("files", len([r for r in rows if r["Tệp trong hồ sơ"]]))
assert "van-ban/bao-cao-ket-qua.pdf" in names and "danh-muc-tai-lieu-kiem-chung.pdf" in names
assert "bieu-mau-tra-loi/bac-son.xlsx" in names
assert not any("so-dang-ky" in n for n in names), names
"#;
    let output = Command::new("python3")
        .arg("-c")
        .arg(check)
        .arg(&archive)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let listed = String::from_utf8(output.stdout).unwrap();
    assert!(
        listed.contains("TLKC 01.1") && listed.contains("TLKC 21.2"),
        "{listed}"
    );
    assert!(listed.contains("files 3"), "{listed}");
    // The index PDF lists the same codes.
    let index = squash(&crate::support::pdf_text(
        &out.join("2022/bao-cao-ket-qua-danh-muc-tai-lieu-kiem-chung.pdf"),
    ));
    for code in listed.lines().filter(|l| l.starts_with("TLKC")) {
        assert!(index.contains(&squash(code)), "{code} not in the index");
    }
    assert_eq!(done.evidence, 4);
    // Assessed indicators with figures and no evidence are named, once.
    let check = vanban::app::check::check(root);
    let warning = check
        .diagnostics
        .iter()
        .find(|d| d.message.contains("have figures but no evidence document"))
        .expect("a warning about figures without evidence");
    assert!(warning.message.contains("03, 04"), "{}", warning.message);
}

#[test]
fn evidence_outside_the_project_stops_the_dossier() {
    let project = example_copy();
    let root = project.path();
    alter(
        root,
        "data/2022/so-xay-dung.yaml",
        "file: \"data/evidence/2022/sxd-bc-nuoc-thai.txt\"",
        "file: \"../../etc/passwd\"",
    );
    let out = root.join("out");
    let done = vanban::app::bundle::bundle(
        root,
        &out,
        vanban::app::bundle::BundleOptions::default(),
        &|_| {},
    );
    assert!(done.archive.is_none());
    assert!(!out.join("2022/ho-so-2022.zip").exists());
    assert!(
        done.report
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains("outside the project")),
        "{:?}",
        done.report.diagnostics
    );
    assert!(
        done.report
            .diagnostics
            .iter()
            .any(|d| d.message == "no dossier for 2022: the build has errors")
    );
}

#[test]
fn a_denominator_two_indicators_share_has_one_value_once_every_agency_answered() {
    let project = example_copy();
    let root = project.path();
    let shared = |d: &vanban::diagnostic::Diagnostic| d.message.contains("shared denominator");
    // Đình Lập has not answered: indicator 11's sum is not yet the quantity, nothing is said.
    assert!(
        !vanban::app::check::check(root)
            .diagnostics
            .iter()
            .any(shared)
    );
    // With its part, 11's parts add up to 12's whole province: 346.6 + 11 = 357.6.
    let reply = |denominator: &str| {
        format!(
            "illustrative: true\nrecipient: \"dinh-lap\"\nreceived: \"2023-02-27\"\nanswers:\n  - indicator: 11\n    numerator: 1\n    denominator: {denominator}\n"
        )
    };
    std::fs::write(root.join("data/2022/dinh-lap.yaml"), reply("11")).unwrap();
    let agreed = vanban::app::check::check(root);
    assert!(
        !agreed.diagnostics.iter().any(shared),
        "{:?}",
        agreed.diagnostics
    );
    // One figure off: an error naming both indicators and where their values come from.
    std::fs::write(root.join("data/2022/dinh-lap.yaml"), reply("12")).unwrap();
    let check = vanban::app::check::check(root);
    let error = check
        .diagnostics
        .iter()
        .find(|d| shared(d))
        .expect("the two values disagree");
    assert!(error.is_error());
    assert!(
        error.message.contains("indicator 11 gives 358.6"),
        "{}",
        error.message
    );
    assert!(
        error
            .message
            .contains("indicator 12 gives 357.6 (from Sở Xây dựng)"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("UBND huyện Đình Lập"),
        "{}",
        error.message
    );
}

#[test]
fn every_assessed_indicator_without_a_value_is_listed_with_who_was_asked_for_it() {
    let project = example_copy();
    let root = project.path();
    // Sở Nông nghiệp's reply is not in: its three indicators have no value; nor are the
    // Sở's own figures (02), which no agency is asked for.
    std::fs::remove_file(root.join("data/2022/so-nn-ptnt.yaml")).unwrap();
    std::fs::remove_file(root.join("data/2022/so-tnmt.yaml")).unwrap();
    let data = report_data(root);
    let unavailable: Vec<&str> = data["unavailable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        unavailable.contains(&"02 (chưa đề nghị đơn vị nào cung cấp)"),
        "{unavailable:?}"
    );
    assert!(
        unavailable
            .iter()
            .any(|u| u.starts_with("16 (") && u.contains("chưa nộp")),
        "{unavailable:?}"
    );
    // Every active indicator of the edition has its row in the summary table.
    let rows = data["summary"].as_array().unwrap().len();
    assert_eq!(rows, 18, "the example catalogue's 18 group-I indicators");
}

#[test]
fn total_population_is_the_yearbooks_own_figure_printed_with_its_source_and_status() {
    let project = example_copy();
    let root = project.path();
    let data = report_data(root);
    let detail = |data: &serde_json::Value, n: &str| {
        data["details"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["number"] == n)
            .unwrap()
            .clone()
    };
    let d25 = detail(&data, "25");
    assert!(d25["value"].is_string(), "{d25}");
    assert_eq!(d25["denominator_label"], "tổng dân số");
    assert_eq!(
        d25["denominator_source"],
        "Niên giám thống kê tỉnh Lạng Sơn, năm 2022, số liệu sơ bộ"
    );
    // Without the yearbook's total, it is not made up from urban + rural.
    alter(
        root,
        "data/2022/cuc-thong-ke.yaml",
        "  total_population: 807300\n",
        "",
    );
    let data = report_data(root);
    assert!(detail(&data, "25")["value"].is_null());
    let unavailable = data["unavailable"].to_string();
    assert!(unavailable.contains("25 ("), "{unavailable}");
}

#[test]
fn the_sở_answers_its_own_indicators_and_the_report_names_it_as_their_supplier() {
    let project = example_copy();
    let root = project.path();
    let data = report_data(root);
    let row = data["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["number"] == "02")
        .unwrap()
        .clone();
    assert_eq!(row["current"], "87,50");
    assert_eq!(
        row["suppliers"],
        serde_json::json!(["Sở Tài nguyên và Môi trường"])
    );
    // An answer file is either an agency's or the issuer's, not both.
    alter(
        root,
        "data/2022/so-tnmt.yaml",
        "issuer: true\n",
        "issuer: true\nrecipient: \"so-xay-dung\"\n",
    );
    let check = vanban::app::check::check(root);
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains("`issuer: true`")),
        "{:?}",
        check.diagnostics
    );
}

#[test]
fn the_tờ_trình_asks_the_ubnd_to_approve_and_cites_the_draft_report_and_the_request() {
    let project = example_copy();
    let root = project.path();
    let out = root.join("out");
    let letter = PathBuf::from("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    let date = chrono::NaiveDate::from_ymd_opt(2023, 2, 6).unwrap();
    vanban::app::register::register(root, &letter, 12, date).expect("registered");
    let report = vanban::app::build::build(root, &out, &|_| {});
    assert!(
        report.fatal.is_none() && report.failed == 0,
        "{:?}",
        report.diagnostics
    );
    let text = squash(&crate::support::pdf_text(
        &out.join("2022/to-trinh-tu-danh-gia.pdf"),
    ));
    for expected in [
        "Số: /TTr-STNMT",
        "TỜ TRÌNH",
        "Về việc đề nghị phê duyệt kết quả tự đánh giá các chỉ số nhóm I",
        "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.",
        "theo Công văn số 12/STNMT-BVMT ngày 06/02/2023",
        "xây dựng dự thảo Báo cáo kết quả tự đánh giá các chỉ số nhóm I",
        "Hồ sơ kèm theo gồm:",
        "- Danh mục tài liệu kiểm chứng năm 2022",
        "KT. GIÁM ĐỐC",
    ] {
        assert!(
            text.contains(&squash(expected)),
            "{expected:?} not in {text}"
        );
    }
    // It submits a report of example figures: every page says so.
    for page in page_texts(&out.join("2022/to-trinh-tu-danh-gia.pdf")) {
        assert!(page.contains("SỐ LIỆU MINH HỌA"), "{page}");
    }
    // Whom it goes to is required.
    alter(
        root,
        "letters/2022/to-trinh-tu-danh-gia.yaml",
        "to:\n  - \"Ủy ban nhân dân tỉnh Lạng Sơn\"\n",
        "",
    );
    let check = vanban::app::check::check(root);
    assert!(
        check
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message == "a tờ trình says whom it goes to"),
        "{:?}",
        check.diagnostics
    );
}

#[test]
fn the_ubnd_report_to_the_ministry_has_the_ubnd_header_and_signature_block() {
    let project = example_copy();
    let root = project.path();
    // The example ships the UBND tỉnh as a second issuing body (data/issuers.yaml) and its
    // report to the Ministry, drafted by the Sở.
    let out = root.join("out");
    let built = vanban::app::build::build(root, &out, &|_| {});
    assert!(
        built.fatal.is_none() && built.failed == 0,
        "{:?}",
        built.diagnostics
    );
    let pages = page_texts(&out.join("2022/bao-cao-ket-qua.pdf"));
    let first = squash(&pages[0]);
    for expected in [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LẠNG SƠN",
        "/BC-UBND",
        "Kính gửi: Bộ Tài nguyên và Môi trường.",
    ] {
        assert!(
            first.contains(&squash(expected)),
            "{expected:?} not on page 1: {first}"
        );
    }
    // No governing body above the UBND, unlike a Sở's header.
    assert!(!first.contains(&squash("UBND TỈNH LẠNG SƠN")), "{first}");
    let all = squash(&pages.concat());
    assert!(
        all.contains(&squash("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH")),
        "the UBND's signature block: {all}"
    );
    // Laid out as a self-assessment: how the data were collected and from whom (each reply
    // by its number), results per indicator, the summary table with the scores summed per
    // group and in total, then the prose sections, in that order.
    let sections = [
        "I. TÌNH HÌNH THU THẬP SỐ LIỆU",
        "Sở Xây dựng (văn bản số 215/SXD-QLHT ngày 24/02/2023)",
        "Sở Tài nguyên và Môi trường (số liệu tự tổng hợp)",
        "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ SỐ NĂM 2022",
        "III. BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ",
        "Cộng nhóm I (3/18 chỉ số được chấm)",
        "Tổng cộng",
        "IV. ĐÁNH GIÁ CHUNG",
        "V. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "UBND huyện Đình Lập",
        "VI. ĐỀ XUẤT, KIẾN NGHỊ",
        "kính báo cáo Bộ Tài nguyên và Môi trường./.",
    ];
    let mut from = 0;
    for expected in sections {
        let at = all[from..]
            .find(&squash(expected))
            .unwrap_or_else(|| panic!("{expected:?} not after byte {from}: {all}"));
        from += at;
    }
    // The tờ trình submits this draft, cited by its title.
    let to_trinh = squash(&crate::support::pdf_text(
        &out.join("2022/to-trinh-tu-danh-gia.pdf"),
    ));
    assert!(
        to_trinh.contains(&squash(
            "dự thảo Báo cáo kết quả tự đánh giá các chỉ số nhóm I"
        )),
        "{to_trinh}"
    );
    // Its register is the UBND's own: number 7 there does not clash with the Sở's 7, and
    // the Sở's register does not list it.
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 20).unwrap();
    let sos = PathBuf::from("letters/2022/to-trinh-tu-danh-gia.yaml");
    vanban::app::register::register(root, &sos, 7, date).expect("the Sở's tờ trình takes 7");
    let letter = PathBuf::from("letters/2022/bao-cao-ket-qua.yaml");
    let registered = vanban::app::register::register(root, &letter, 7, date)
        .expect("the UBND's report takes its own 7");
    assert_eq!(registered.entry.symbol, "BC-UBND");
    let ubnd = std::fs::read_to_string(root.join("data/so-dang-ky-di/ubnd-tinh/2023.csv")).unwrap();
    let own = std::fs::read_to_string(root.join("data/so-dang-ky-di/2023.csv")).unwrap();
    assert!(
        ubnd.contains("bao-cao-ket-qua") && !ubnd.contains("to-trinh"),
        "{ubnd}"
    );
    assert!(
        own.contains("to-trinh") && !own.contains("bao-cao-ket-qua"),
        "{own}"
    );
    // Each register prints with its own body's header; the report carries its number.
    let book = squash(&crate::support::pdf_text(
        &out.join("2023/so-dang-ky-van-ban-di-ubnd-tinh.pdf"),
    ));
    assert!(
        book.contains(&squash("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN")) && book.contains("07"),
        "{book}"
    );
    let numbered = squash(&crate::support::pdf_text(
        &out.join("2022/bao-cao-ket-qua.pdf"),
    ));
    assert!(numbered.contains(&squash("Số: 07/BC-UBND")), "{numbered}");
    // Only a report is laid out as a self-assessment.
    alter(
        root,
        "letters/2022/to-trinh-tu-danh-gia.yaml",
        "archive: \"VT, BVMT\"",
        "archive: \"VT, BVMT\"\nself_assessment:\n  general:\n    - \"Đánh giá.\"",
    );
    let check = vanban::app::check::check(root);
    let error = check
        .diagnostics
        .iter()
        .find(|d| d.message == "`self_assessment` belongs to a report (kind: bao-cao)")
        .unwrap_or_else(|| panic!("{:?}", check.diagnostics));
    assert_eq!(
        error.position.file,
        Path::new("letters/2022/to-trinh-tu-danh-gia.yaml")
    );
    assert!(error.position.line > 30, "{error:?}");
    // An unknown issuer is an error at its place, with the known ones.
    alter(
        root,
        "letters/2022/bao-cao-ket-qua.yaml",
        "issuer: \"ubnd-tinh\"",
        "issuer: \"ubnd-tnh\"",
    );
    let check = vanban::app::check::check(root);
    let error = check
        .diagnostics
        .iter()
        .find(|d| d.message == "unknown issuer `ubnd-tnh`")
        .expect("unknown issuer");
    assert!(
        error
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("did you mean `ubnd-tinh`")),
        "{error:?}"
    );
}

#[test]
fn the_agencys_own_report_to_the_ubnd_keeps_its_own_sections_beside_the_self_assessment() {
    let project = example_copy();
    let root = project.path();
    // The Sở's own report to the UBND tỉnh, beside the UBND's draft the example ships.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/so-report.yaml");
    std::fs::copy(fixture, root.join("letters/2022/bao-cao-so.yaml")).unwrap();
    let out = root.join("out");
    let built = vanban::app::build::build(root, &out, &|_| {});
    assert!(
        built.fatal.is_none() && built.failed == 0,
        "{:?}",
        built.diagnostics
    );
    let own = squash(&crate::support::pdf_text(&out.join("2022/bao-cao-so.pdf")));
    for expected in [
        "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
        "/BC-STNMT",
        "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn.",
        "I. CĂN CỨ XÂY DỰNG BÁO CÁO",
        "V. SO SÁNH NĂM 2022 VỚI NĂM 2021",
        "kính báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo./.",
    ] {
        assert!(own.contains(&squash(expected)), "{expected:?} not in {own}");
    }
    assert!(!own.contains(&squash("ĐÁNH GIÁ CHUNG")), "{own}");
    let draft = squash(&crate::support::pdf_text(
        &out.join("2022/bao-cao-ket-qua.pdf"),
    ));
    assert!(draft.contains(&squash("IV. ĐÁNH GIÁ CHUNG")), "{draft}");
}

#[test]
fn a_broken_issuer_holds_back_only_its_own_documents() {
    let project = example_copy();
    let root = project.path();
    // The UBND's signer has no title: its report is held back, the Sở's documents are not.
    alter(
        root,
        "data/issuers.yaml",
        "title: \"PHÓ CHỦ TỊCH\"",
        "title: \"\"",
    );
    let check = vanban::app::check::check(root);
    let errors: Vec<_> = check.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(
        errors[0].position.file == Path::new("data/issuers.yaml"),
        "the root cause first: {errors:?}"
    );
    let report = errors
        .iter()
        .find(|d| d.position.file == Path::new("letters/2022/bao-cao-ket-qua.yaml"))
        .unwrap_or_else(|| panic!("the report is held back: {errors:?}"));
    assert!(
        report.message.contains("signer `pho-chu-tich-ubnd`"),
        "{report:?}"
    );
    // A clerk reads the cause in Vietnamese, with no English word in it.
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["check", "--lang", "vi"])
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        said.contains("văn bản không dựng được vì người ký `pho-chu-tich-ubnd` có lỗi"),
        "{said}"
    );
    assert!(
        errors.iter().all(|d| d.position.file
            != Path::new("letters/2022/to-trinh-tu-danh-gia.yaml")
            && d.position.file != Path::new("letters/2022/de-nghi-cung-cap-thong-tin.yaml")),
        "{errors:?}"
    );
    // An error in the body's own header (its symbol) holds back all its documents.
    alter(
        root,
        "data/issuers.yaml",
        "title: \"\"",
        "title: \"PHÓ CHỦ TỊCH\"",
    );
    alter(
        root,
        "data/issuers.yaml",
        "abbreviation: \"UBND\"",
        "abbreviation: \"\"",
    );
    let check = vanban::app::check::check(root);
    let errors: Vec<_> = check.diagnostics.iter().filter(|d| d.is_error()).collect();
    let report = errors
        .iter()
        .find(|d| d.position.file == Path::new("letters/2022/bao-cao-ket-qua.yaml"))
        .unwrap_or_else(|| panic!("the report is held back: {errors:?}"));
    assert!(report.message.contains("`data/issuers.yaml`"), "{report:?}");
    assert!(
        errors
            .iter()
            .all(|d| d.position.file != Path::new("letters/2022/to-trinh-tu-danh-gia.yaml")),
        "{errors:?}"
    );
    alter(
        root,
        "data/issuers.yaml",
        "abbreviation: \"\"",
        "abbreviation: \"UBND\"",
    );
    alter(
        root,
        "data/issuers.yaml",
        "title: \"PHÓ CHỦ TỊCH\"",
        "title: \"\"",
    );
    // A data/issuers.yaml that cannot be read holds back only its bodies' documents, without
    // calling their issuer unknown.
    alter(
        root,
        "data/issuers.yaml",
        "title: \"\"",
        "title: [\"PHÓ CHỦ TỊCH\"",
    );
    let check = vanban::app::check::check(root);
    let errors: Vec<_> = check.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(
        errors.iter().all(|d| !d.message.contains("unknown issuer")),
        "{errors:?}"
    );
    let report = errors
        .iter()
        .find(|d| d.position.file == Path::new("letters/2022/bao-cao-ket-qua.yaml"))
        .unwrap_or_else(|| panic!("the report is held back: {errors:?}"));
    assert!(report.message.contains("data/issuers.yaml"), "{report:?}");
    assert!(
        errors
            .iter()
            .all(|d| d.position.file != Path::new("letters/2022/to-trinh-tu-danh-gia.yaml")),
        "{errors:?}"
    );
}

#[test]
fn indicators_whose_official_name_is_not_known_are_said_not_invented() {
    let project = example_copy();
    let root = project.path();
    let data = report_data(root);
    assert_eq!(
        data["unnamed"],
        serde_json::json!(["06", "08", "10", "14", "17", "18", "22", "23"])
    );
    // None of them has a row of its own with a made-up name.
    let rows: Vec<&str> = data["summary"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_str().unwrap())
        .collect();
    assert!(
        rows.iter().all(|n| !["06", "08", "10"].contains(n)),
        "{rows:?}"
    );
    let out = root.join("out");
    let built = vanban::app::build::build(root, &out, &|_| {});
    assert!(built.failed == 0, "{:?}", built.diagnostics);
    let text = squash(&crate::support::pdf_text(
        &out.join("2022/bao-cao-ket-qua.pdf"),
    ));
    assert!(
        text.contains(&squash(
            "Các chỉ số 06, 08, 10, 14, 17, 18, 22, 23 của Bộ chỉ số chưa được tổng hợp trong báo cáo này do chưa xác định được tên gọi chính thức"
        )),
        "{text}"
    );
    // A number both named and unnamed is an error at its place.
    alter(
        root,
        "data/indicators.yaml",
        "unnamed: [6, 8,",
        "unnamed: [6, 7, 8,",
    );
    let check = vanban::app::check::check(root);
    let error = check
        .diagnostics
        .iter()
        .find(|d| {
            d.message
                == "unnamed indicator 07 of edition `pepi-2019` is also an indicator with a name"
        })
        .unwrap_or_else(|| panic!("{:?}", check.diagnostics));
    assert_eq!(error.position.file, Path::new("data/indicators.yaml"));
}

#[test]
fn budget_figures_say_how_final_they_are_or_are_flagged() {
    let project = example_copy();
    let root = project.path();
    let messages = |root: &Path| -> Vec<(bool, String, PathBuf, usize)> {
        vanban::app::check::check(root)
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.is_error(),
                    d.message.clone(),
                    d.position.file.clone(),
                    d.position.line,
                )
            })
            .collect()
    };
    assert!(
        messages(root)
            .iter()
            .all(|(_, m, _, _)| !m.contains("budget"))
    );
    // Not one of dự toán, ước thực hiện, quyết toán: an error at the value.
    alter(
        root,
        "data/2022/so-tai-chinh.yaml",
        "status: \"ước thực hiện\"",
        "status: \"sơ bộ\"",
    );
    let found = messages(root);
    assert!(
        found.iter().any(|(e, m, f, l)| *e
            && m == "indicator 24: budget status `sơ bộ` is not dự toán, ước thực hiện or quyết toán"
            && f == Path::new("data/2022/so-tai-chinh.yaml")
            && *l > 0),
        "{found:?}"
    );
    // Not said at all: a warning, and the report says it is not known.
    alter(
        root,
        "data/2022/so-tai-chinh.yaml",
        "    status: \"sơ bộ\"\n",
        "",
    );
    let found = messages(root);
    assert!(
        found.iter().any(|(e, m, _, _)| !*e
            && m == "indicator 24: the budget figures do not say whether they are dự toán, ước thực hiện or quyết toán"),
        "{found:?}"
    );
    let data = report_data(root);
    let detail = data["details"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["number"] == "24")
        .unwrap();
    assert_eq!(
        detail["budget"],
        serde_json::json!(["chưa ghi dự toán, ước thực hiện hay quyết toán (Sở Tài chính)"])
    );
    // On an indicator that is not a budget one: an error.
    alter(
        root,
        "data/2022/so-xay-dung.yaml",
        "  - indicator: 13\n",
        "  - indicator: 13\n    status: \"dự toán\"\n",
    );
    assert!(
        messages(root).iter().any(|(e, m, _, _)| *e && m.starts_with("indicator 13: `status` is for budget figures")),
        "{:?}",
        messages(root)
    );
}

#[test]
fn a_letter_keeps_asking_what_it_asked_after_the_next_sets_requests_and_bodies_are_added() {
    let project = example_copy();
    let root = project.path();
    let inputs = |root: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let (jobs, diagnostics) = vanban::app::documents(root, false);
        assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
        let mut v: Vec<_> = jobs
            .iter()
            .filter(|j| j.output.starts_with("2022"))
            .map(|j| (j.output.clone(), j.input().to_vec()))
            .collect();
        v.sort();
        v
    };
    let before = inputs(root);
    // From 2025: a new indicator set, the Sở Xây dựng asked only its new indicator 1, Đình Lập
    // (district level abolished) no longer addressed, a merged Sở addressed from 2025.
    alter(
        root,
        "data/indicators.yaml",
        "editions:\n",
        "editions:\n  - id: \"pepi-2025\"\n    title: \"Bộ chỉ số 2025\"\n    from_year: 2025\n    indicators:\n      - number: 1\n        name: \"Chỉ số một của bộ 2025\"\n        unit: \"%\"\n        group: \"I\"\n        compute: \"rate\"\n",
    );
    alter(
        root,
        "data/recipients.yaml",
        "    requests:\n      - indicator: 1\n      - indicator: 11\n",
        "    requests:\n      - indicator: 1\n        to_year: 2024\n      - indicator: 1\n        from_year: 2025\n        name: \"chỉ số một (bộ 2025)\"\n      - indicator: 11\n        to_year: 2024\n",
    );
    for n in [12, 13, 15] {
        alter(
            root,
            "data/recipients.yaml",
            &format!("      - indicator: {n}\n"),
            &format!("      - indicator: {n}\n        to_year: 2024\n"),
        );
    }
    alter(
        root,
        "data/recipients.yaml",
        "  - id: \"dinh-lap\"\n    name: \"UBND huyện Đình Lập\"\n",
        "  - id: \"dinh-lap\"\n    name: \"UBND huyện Đình Lập\"\n    to_year: 2024\n",
    );
    alter(
        root,
        "data/recipients.yaml",
        "  - id: \"so-xay-dung\"\n",
        "  - id: \"so-nn-mt\"\n    name: \"Sở Nông nghiệp và Môi trường\"\n    short: \"Nông nghiệp và Môi trường\"\n    group: \"cac-so\"\n    from_year: 2025\n    requests:\n      - text: \"Số liệu năm {{ year }} của Sở mới.\"\n  - id: \"so-xay-dung\"\n",
    );
    // The 2022 documents are exactly what they were.
    assert_eq!(inputs(root), before, "2022 asks what it asked");
    // A 2025 letter sees the 2025 directory and requests: Đình Lập is no longer there.
    std::fs::create_dir_all(root.join("letters/2025")).unwrap();
    let letter = "kind: \"cong-van\"\ndata_year: 2025\nunit: \"BVMT\"\ndate: \"2026-02\"\ndeadline: \"2026-02-28\"\nsubject: \"đề nghị cung cấp thông tin năm {{ year }}\"\nsigner: \"nguyen-huu-truc\"\nrecipients: [\"so-xay-dung\", \"so-nn-mt\"DINH]\nopening: [\"Đề nghị cung cấp:\"]\n";
    std::fs::write(
        root.join("letters/2025/de-nghi.yaml"),
        letter.replace("DINH", ", \"dinh-lap\""),
    )
    .unwrap();
    let check = vanban::app::check::check(root);
    assert!(
        check.diagnostics.iter().any(|d| d.is_error()
            && d.position.file == Path::new("letters/2025/de-nghi.yaml")
            && d.message.contains("dinh-lap")),
        "{:?}",
        check.diagnostics
    );
    std::fs::write(
        root.join("letters/2025/de-nghi.yaml"),
        letter.replace("DINH", ""),
    )
    .unwrap();
    let (jobs, diagnostics) = vanban::app::documents(root, false);
    let outputs: Vec<String> = jobs
        .iter()
        .filter(|j| j.output.starts_with("2025"))
        .map(|j| j.output.to_string_lossy().into_owned())
        .collect();
    assert!(
        outputs.iter().any(|o| o.ends_with("/so-nn-mt.pdf")),
        "{outputs:?} {diagnostics:?}"
    );
    assert!(
        !outputs.iter().any(|o| o.ends_with("/dinh-lap.pdf")),
        "{outputs:?}"
    );
    let sxd = jobs
        .iter()
        .find(|j| j.output == Path::new("2025/de-nghi/so-xay-dung.pdf"))
        .expect("the Sở Xây dựng is asked in 2025");
    let text = String::from_utf8_lossy(sxd.input()).into_owned();
    assert!(text.contains("Chỉ số một (bộ 2025) (%)"), "{text}");
    assert!(
        !text.contains("phân loại tại nguồn"),
        "indicator 11 of 2022 is not asked in 2025: {text}"
    );
    // A range that ends before it begins is an error at its end.
    alter(
        root,
        "data/recipients.yaml",
        "    name: \"UBND huyện Đình Lập\"\n    to_year: 2024\n",
        "    name: \"UBND huyện Đình Lập\"\n    to_year: 2019\n    from_year: 2020\n",
    );
    let check = vanban::app::check::check(root);
    assert!(
        check.diagnostics.iter().any(|d| d.is_error()
            && d.message == "recipient `dinh-lap`: `to_year` 2019 is before `from_year` 2020"),
        "{:?}",
        check.diagnostics
    );
}
