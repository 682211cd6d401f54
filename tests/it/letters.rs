//! The shipped example end to end: the combined letter reproduces the seed letter, and each
//! per-agency letter carries exactly its own items.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

use crate::support::{build, example, pdf_text, squash};

/// The two typos of the seed the example corrects, and the accepted "HÒA" spelling.
const SEED_CORRECTIONS: &[(&str, &str)] = &[
    ("môi trương năm", "môi trường năm"),
    ("(kwh)", "(kWh)"),
    ("CỘNG HOÀ", "CỘNG HÒA"),
];

/// Cuts text into sentences (at ".", ";" and ":" followed by white space), whitespace removed.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let ends =
            matches!(c, '.' | ';' | ':') && chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if ends || i + 1 == chars.len() {
            let s = squash(&current);
            if !s.is_empty() {
                out.push(s);
            }
            current.clear();
        }
    }
    out
}

/// The seed letter's header sentences and body sentences (from "Kính gửi" on).
fn seed_sentences() -> (Vec<String>, Vec<String>) {
    // A copy of ../shared/seed/cong-van-lang-son-2023.txt, so the test does not depend on it.
    let path = example().join("tests/fixtures/seed-cong-van-lang-son-2023.txt");
    let mut seed: String = std::fs::read_to_string(&path)
        .expect("seed letter")
        .nfc()
        .collect();
    for (from, to) in SEED_CORRECTIONS {
        seed = seed.replace(from, to);
    }
    let split = seed.find("Kính gửi").expect("Kính gửi in the seed");
    // The header has no sentence punctuation: take its lines.
    let header = seed[..split]
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .collect();
    let body = seed[split..]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (header, sentences(&body))
}

#[test]
fn combined_letter_reproduces_every_seed_sentence_in_order() {
    let (out, report) = build(&example());
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    let text = squash(&pdf_text(
        &out.path().join("2022/de-nghi-cung-cap-thong-tin.pdf"),
    ));
    let (header, body) = seed_sentences();
    assert!(
        header.len() >= 8 && body.len() > 60,
        "the seed cuts into {} + {} sentences",
        header.len(),
        body.len()
    );
    let mut missing = Vec::new();
    // The header is two columns, so its reading order differs; it must all be there.
    for s in &header {
        if !text.contains(s.as_str()) {
            missing.push(s.clone());
        }
    }
    // From "Kính gửi" on, every sentence must come in the seed's order.
    let mut from = text.find("Kínhgửi").expect("Kính gửi in the PDF");
    for s in &body {
        match text[from..].find(s.as_str()) {
            Some(i) => from += i + s.len(),
            None => missing.push(s.clone()),
        }
    }
    assert!(
        missing.is_empty(),
        "seed sentences missing or out of order in the PDF: {missing:#?}"
    );
}

/// Indicator numbers a PDF asks for ("Chỉ số NN").
fn indicators_in(text: &str) -> BTreeSet<String> {
    let squashed = squash(text);
    squashed
        .match_indices("củaChỉsố")
        .map(|(i, m)| squashed[i + m.len()..].chars().take(2).collect())
        .collect()
}

#[test]
fn each_agency_letter_lists_exactly_its_own_items() {
    let (out, report) = build(&example());
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    let dir = out.path().join("2022/de-nghi-cung-cap-thong-tin");
    let expect: &[(&str, &str, &[&str])] = &[
        (
            "so-xay-dung",
            "Sở Xây dựng",
            &["01", "11", "12", "13", "15"],
        ),
        ("so-y-te", "Sở Y tế", &["05", "09"]),
        ("so-cong-thuong", "Sở Công Thương", &["04", "21"]),
        ("so-gtvt", "Sở Giao thông vận tải", &["07"]),
        ("so-noi-vu", "Sở Nội vụ", &["25"]),
        ("so-tai-chinh", "Sở Tài chính", &["24"]),
        (
            "so-nn-ptnt",
            "Sở Nông nghiệp và Phát triển nông thôn",
            &["16", "19", "20"],
        ),
        (
            "bql-kkt",
            "Ban quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
            &["03"],
        ),
        ("cuc-thong-ke", "Cục Thống kê tỉnh Lạng Sơn", &[]),
        ("cao-loc", "UBND huyện Cao Lộc", &["11", "26"]),
        ("van-quan", "UBND huyện Văn Quan", &["11", "26"]),
        ("tp-lang-son", "UBND thành phố Lạng Sơn", &["11", "26"]),
        (
            "cong-ty-cap-thoat-nuoc",
            "Công ty cổ phần cấp thoát nước Lạng Sơn",
            &[],
        ),
        (
            "tram-cap-nuoc-van-quan",
            "Trạm cấp nước sinh hoạt huyện Văn Quan",
            &[],
        ),
    ];
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let files = names.iter().filter(|n| n.ends_with(".pdf")).count();
    // Each agency's reply workbook beside its letter.
    for name in names.iter().filter(|n| n.ends_with(".pdf")) {
        assert!(
            names.contains(&name.replace(".pdf", ".xlsx")),
            "{name} has no workbook"
        );
    }
    assert_eq!(
        files, 22,
        "7 departments, the board, the statistics office, 11 districts, 2 water utilities"
    );
    for (id, name, numbers) in expect {
        let text = pdf_text(&dir.join(format!("{id}.pdf")));
        let flat = squash(&text);
        assert!(
            flat.contains(&squash(&format!("Kính gửi: {name}."))),
            "{id}: \"Kính gửi: {name}.\" not found"
        );
        let found = indicators_in(&text);
        let wanted: BTreeSet<String> = numbers.iter().map(|s| s.to_string()).collect();
        assert_eq!(found, wanted, "{id}: indicators asked");
        // No numbered section headings of the combined letter leak into a per-agency letter.
        assert!(
            !flat.contains("1.SởXâydựng") || *id == "so-xay-dung",
            "{id}: carries section 1"
        );
        assert!(
            !flat.contains("Cácsở:") && !flat.contains("CácSở:"),
            "{id}: lists the other departments"
        );
    }
    let cao_loc = squash(&pdf_text(&dir.join("cao-loc.pdf")));
    let van_quan = squash(&pdf_text(&dir.join("van-quan.pdf")));
    let extra = squash("tình hình hoạt động của các dự án Cụm công nghiệp");
    assert!(cao_loc.contains(&extra), "Cao Lộc gets its own request");
    assert!(
        !van_quan.contains(&extra),
        "Văn Quan does not get Cao Lộc's request"
    );
    let water = squash(&pdf_text(&dir.join("tram-cap-nuoc-van-quan.pdf")));
    assert!(water.contains(&squash("Tổng khối lượng nước sạch phục vụ cho sinh hoạt")));
    assert!(
        water.contains(&squash("trong năm 2022 (m3)")),
        "the data year is filled in"
    );
    let stats = squash(&pdf_text(&dir.join("cuc-thong-ke.pdf")));
    assert!(stats.contains(&squash("- Cung cấp số liệu Dân số khu vực đô thị")));
}

#[test]
fn data_values_are_printed_literally_never_run_as_typst() {
    let root = crate::support::fixture("injection");
    let (out, report) = build(&root);
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    // Names in capitals are upper-cased by the template: compare case-insensitively; straight
    // double quotes print as typographic ones.
    let text = squash(&pdf_text(&out.path().join("2022/thu.pdf")))
        .to_lowercase()
        .replace(['“', '”'], "\"");
    for literal in [
        r#"#read("/etc/passwd")"#,
        "*đậm*",
        "_nghiêng_",
        r#"#import"/x.typ""#,
        "$x^2$",
        "<nhan>",
        "@ref",
        "//khôngphảichúthích",
        "[ngoặc]",
        r"\",
    ] {
        let literal = squash(literal).to_lowercase();
        assert!(
            text.contains(&literal),
            "{literal:?} not printed literally in: {text}"
        );
    }
}

/// A letter to one agency reads as written to it: its honorific instead of "các Quý cơ
/// quan, đơn vị", and a "Nơi nhận" without the combined letter's report upward and website.
#[test]
fn a_per_agency_letter_addresses_its_one_agency_and_has_its_own_nơi_nhận() {
    let (out, report) = crate::support::build(&crate::support::example());
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    let read = |f: &str| squash(&pdf_text(&out.path().join(f)));
    let so_y_te = read("2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf");
    assert!(so_y_te.contains("đềnghịQuýSởphốihợpcungcấp"), "{so_y_te}");
    assert!(so_y_te.contains("VănbảncủaQuýcơquan(kèmtheo"));
    assert!(so_y_te.contains("trântrọngđềnghịQuýSởquantâm"));
    assert!(!so_y_te.contains("cácQuýcơquan"), "no plural to one agency");
    assert!(!so_y_te.contains("UBNDtỉnh(đểB/c)") && !so_y_te.contains("đăngWebsite"));
    assert!(so_y_te.contains("-Lãnhđạosở;") || so_y_te.contains("-LãnhđạoSở;"));
    let huyen = read("2022/de-nghi-cung-cap-thong-tin/cao-loc.pdf");
    assert!(huyen.contains("đềnghịQuýỦybanphốihợp"), "{huyen}");
    // Indicator 11 comes from two suppliers: each letter says which part is its own.
    let so_xay_dung = read("2022/de-nghi-cung-cap-thong-tin/so-xay-dung.pdf");
    assert!(
        so_xay_dung.contains("(PhầnkhuvựcnộithànhthànhphốLạngSơn;"),
        "{so_xay_dung}"
    );
    assert!(huyen.contains("(Phầnđịabànhuyện,thànhphố,khônggồmkhuvựcnộithành"));
    // The combined letter keeps the seed's wording and its whole Nơi nhận.
    let combined = read("2022/de-nghi-cung-cap-thong-tin.pdf");
    assert!(
        !combined.contains("(Phần"),
        "the combined letter keeps the seed's wording"
    );
    assert!(combined.contains("đềnghịcácQuýcơquan,đơnvịphốihợp"));
    assert!(combined.contains("-UBNDtỉnh(đểB/c);") && combined.contains("(đăngWebsite);"));
}

/// Sent as one letter with per-agency appendices, each agency's part is an appendix citing
/// the letter, and only the letter takes a number.
#[test]
fn a_letter_sent_as_one_has_per_agency_appendices_that_share_its_number() {
    let project = crate::support::example_copy();
    crate::support::alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "  per_agency: true",
        "  per_agency: appendix",
    );
    let letter = std::path::Path::new("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    let date = chrono::NaiveDate::from_ymd_opt(2023, 2, 15).unwrap();
    let done = vanban::app::register::register(project.path(), letter, 5, date).unwrap();
    assert_eq!(
        done.entries.len(),
        1,
        "the appendices share the letter's number"
    );
    let appendix = squash(&pdf_text(
        &project
            .path()
            .join("out/2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf"),
    ));
    assert!(
        appendix.starts_with("PhụlụcNỘIDUNGĐỀNGHỊSỞYTẾCUNGCẤP"),
        "{appendix}"
    );
    assert!(
        appendix.contains("(KèmtheoCôngvănsố05/STNMT-BVMTngày15/02/2023củaSởTàinguyênvàMôitrường)"),
        "{appendix}"
    );
    assert!(
        appendix.contains("tỷlệchấtthảinguyhạiytếđượcxửlý"),
        "its requests"
    );
    assert!(
        !appendix.contains("Kínhgửi") && !appendix.contains("Nơinhận"),
        "not a letter"
    );
    assert!(
        crate::archive::fields(
            &project
                .path()
                .join("out/2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf")
        )
        .is_empty(),
        "signed as part of the letter"
    );
}
