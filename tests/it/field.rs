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
            "data/2022/so-xay-dung.yaml:21:20 write `numerator: 7850` for the whole number (YAML would read 7.850 as 7.85), or `numerator: 7.85` if it is the decimal",
            "data/2022/so-xay-dung.yaml:22:22 write `denominator: 14200` for the whole number (YAML would read 14.200 as 14.2), or `denominator: 14.2` if it is the decimal",
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
        .filter(|page| !page.is_empty())
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

#[test]
fn case_08_a_line_break_in_a_title_is_an_error_and_authority_lines_give_a_signed_block() {
    let project = field_project("08-tm-kt-signature");
    let report = vanban::app::check::check(project.path());
    let broken: Vec<_> = errors(&report)
        .into_iter()
        .filter(|d| d.position.file == Path::new("data/agency.yaml"))
        .collect();
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].message.contains("title has a line break"));
    assert!(
        broken[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("authority_lines")
    );
    assert_eq!(broken[0].position.line, 29, "at the title");

    // Written as the decree's lines, the block prints them and carries both fields.
    crate::support::alter(
        project.path(),
        "data/agency.yaml",
        "    authority: \"TM\"\n    for: \"ỦY BAN NHÂN DÂN\"\n    title: \"KT. CHỦ TỊCH\\nPHÓ CHỦ TỊCH\"",
        "    authority_lines: [\"TM. ỦY BAN NHÂN DÂN\", \"KT. CHỦ TỊCH\"]\n    title: \"PHÓ CHỦ TỊCH\"",
    );
    let out = tempfile::tempdir().unwrap();
    let built = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(built.exit_code(), 0, "{:?}", errors(&built));
    let pdf = out.path().join("2022/bao-cao-ket-qua.pdf");
    let text = squash(&pdf_text(&pdf));
    assert!(
        text.contains("TM.ỦYBANNHÂNDÂNKT.CHỦTỊCHPHÓCHỦTỊCH"),
        "the three lines in order"
    );
    let fields = crate::archive::fields(&pdf);
    let names: Vec<&str> = fields.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "Chữ ký số - Trần Văn Bình",
            "Dấu - SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
        ]
    );

    // Lines that ND 30 does not combine are refused at their place.
    crate::support::alter(
        project.path(),
        "data/agency.yaml",
        "[\"TM. ỦY BAN NHÂN DÂN\", \"KT. CHỦ TỊCH\"]",
        "[\"KT. CHỦ TỊCH\", \"TM. ỦY BAN NHÂN DÂN\"]",
    );
    let report = vanban::app::check::check(project.path());
    assert!(
        errors(&report).iter().any(|d| d
            .message
            .contains("authority lines that ND 30 does not combine")),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn case_06_a_long_nơi_nhận_list_continues_on_the_next_page_and_loses_nothing() {
    let project = field_project("06-long-cc-truncated");
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 0, "{:?}", errors(&report));
    let pdf = out
        .path()
        .join("2022/de-nghi-cung-cap-thong-tin/so-xay-dung.pdf");
    let pages = pages(&pdf);
    let letter = std::fs::read_to_string(
        project
            .path()
            .join("letters/2022/de-nghi-cung-cap-thong-tin.yaml"),
    )
    .unwrap();
    let cc = letter.matches("UBND xã").count();
    assert!(cc > 50, "the case has {cc} commune lines");
    let all: String = pages.concat();
    assert_eq!(all.matches("-UBNDxã").count(), cc, "every line is printed");
    assert!(
        pages.last().unwrap().contains("-Lưu:VT,BVMT."),
        "the list ends, with its Lưu line, on the last page"
    );
    let signed = pages
        .iter()
        .position(|p| p.contains("NguyễnHữuTrực"))
        .unwrap();
    assert!(
        signed < pages.len() - 1,
        "the list continues after the signature's page"
    );
}

#[test]
fn a_block_that_cannot_fit_on_a_page_is_an_error_and_its_pdf_is_not_written() {
    let project = example_copy();
    let long = "Tỷ lệ nước thải đô thị được thu gom ".repeat(120);
    crate::support::alter(
        project.path(),
        "data/indicators.yaml",
        "name: \"Tỷ lệ nước thải đô thị được thu gom, xử lý đạt quy chuẩn kỹ thuật môi trường\"",
        &format!("name: \"{long}\""),
    );
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 1);
    let layout: Vec<_> = errors(&report)
        .into_iter()
        .filter(|d| d.code == vanban::diagnostic::Code::Layout)
        .collect();
    assert!(!layout.is_empty(), "{:?}", report.diagnostics);
    assert!(
        layout.iter().all(|d| d
            .message
            .starts_with("`2022/bao-cao-ket-qua.pdf` is not written:")),
        "{layout:?}"
    );
    assert!(!out.path().join("2022/bao-cao-ket-qua.pdf").exists());
    assert!(
        out.path()
            .join("2022/de-nghi-cung-cap-thong-tin.pdf")
            .exists(),
        "the others are"
    );
}

#[test]
fn case_07_the_signature_page_carries_the_end_of_the_body_and_no_heading_ends_a_page() {
    let root = crate::support::example();
    let (jobs, _) = vanban::app::documents(&root, false);
    for job in jobs.iter().filter(|j| j.signature_fields) {
        let output = job.output.display().to_string();
        let doc = crate::support::layout(&root, &output);
        let lines = crate::support::lines(&crate::support::runs(&doc));
        let closing = lines
            .iter()
            .rfind(|l| l.text.starts_with("Nơi nhận:"))
            .unwrap_or_else(|| panic!("{output} has no Nơi nhận"));
        // Body lines (14 pt) above the closing on its page, the page number aside.
        let above = lines
            .iter()
            .filter(|l| l.page == closing.page && l.y < closing.y && l.size > 13.5 && l.y > 60.0)
            .count();
        assert!(
            above >= 2,
            "{output}: page {} has {above} body line(s) above the signature",
            closing.page + 1
        );
        // A bold heading line is never the last line of a page.
        for page in 0..=closing.page {
            let last = lines
                .iter()
                .filter(|l| l.page == page && l.y > 60.0)
                .max_by(|a, b| a.y.total_cmp(&b.y));
            if let Some(last) = last {
                let heading = last.bold && last.size > 13.5 && !last.text.starts_with("Nơi");
                assert!(
                    !heading || page == closing.page,
                    "{output}: page {} ends with heading {:?}",
                    page + 1,
                    last.text
                );
            }
        }
    }
}

/// Each diagnostic as "file:line:col message".
fn located(report: &vanban::RunReport, code: vanban::diagnostic::Code) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            format!(
                "{}:{}:{} {}",
                d.position.file.display(),
                d.position.line,
                d.position.column,
                d.message
            )
        })
        .collect()
}

#[test]
fn case_05_a_character_no_font_has_is_one_error_at_its_place_in_check_and_build() {
    use vanban::diagnostic::Code;
    let project = field_project("05-missing-glyph-diagnostics");
    let checked = vanban::app::check::check(project.path());
    let glyphs = located(&checked, Code::Glyph);
    assert_eq!(
        glyphs,
        ["data/recipients.yaml:81:39 character `☐` (U+2610) is in no font and cannot be printed"],
        "≥, m³ and CO₂ print; the ballot box does not"
    );
    assert_eq!(checked.exit_code(), 1);
    let out = tempfile::tempdir().unwrap();
    let built = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert!(located(&built, Code::Glyph).contains(&glyphs[0]));
    assert!(
        located(&built, Code::Template).is_empty(),
        "no template is blamed: {:?}",
        built.diagnostics
    );
    // The letters that would print it are not written; the others are.
    assert!(
        !out.path()
            .join("2022/de-nghi-cung-cap-thong-tin/so-cong-thuong.pdf")
            .exists()
    );
    assert!(
        out.path()
            .join("2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf")
            .exists()
    );
    assert!(built.failed >= 1);
}

#[test]
fn case_10_text_in_vni_or_tcvn3_is_warned_about_with_its_unicode_reading() {
    let project = field_project("10-legacy-encoding");
    let report = vanban::app::check::check(project.path());
    let text: Vec<&vanban::diagnostic::Diagnostic> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == vanban::diagnostic::Code::Text)
        .collect();
    assert_eq!(text.len(), 2, "{text:?}");
    let vni = text.iter().find(|d| d.message.contains("VNI")).unwrap();
    assert_eq!(vni.position.file, Path::new("data/recipients.yaml"));
    assert_eq!(vni.position.line, 78);
    assert!(
        vni.hint
            .as_deref()
            .unwrap()
            .contains("Lưu ý: số liệu năm 2022 kèm tài liệu kiểm chứng"),
        "{vni:?}"
    );
    let tcvn3 = text.iter().find(|d| d.message.contains("TCVN3")).unwrap();
    assert_eq!(tcvn3.position.file, Path::new("data/2022/so-xay-dung.yaml"));
    assert!(
        tcvn3
            .hint
            .as_deref()
            .unwrap()
            .contains("Theo báo cáo của UBND huyện và đơn vị thu gom.")
    );
}

#[test]
fn case_11_a_look_alike_eth_is_printed_as_đ_with_a_note() {
    let project = field_project("11-eth-homoglyph");
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 0, "{:?}", errors(&report));
    let notes = located(&report, vanban::diagnostic::Code::Text);
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("letters/2022/de-nghi-cung-cap-thong-tin.yaml:31:"));
    assert!(notes[0].contains("U+00D0"));
    let text = pdf_text(&out.path().join("2022/de-nghi-cung-cap-thong-tin.pdf"));
    assert!(text.contains("3979/QĐ-BTNMT"), "searchable as QĐ");
    assert!(!text.contains('Ð'));
}

#[test]
fn case_12_straight_quotes_print_as_typographic_ones() {
    let project = field_project("12-straight-quotes");
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 0, "{:?}", errors(&report));
    let text = squash(&pdf_text(
        &out.path().join("2022/de-nghi-cung-cap-thong-tin.pdf"),
    ));
    assert!(
        text.contains("“Sốliệuchínhthức”hoặc“Sốliệuướctính”"),
        "{text}"
    );
    assert!(!text.contains('"'));
}

#[test]
fn a_request_note_is_mail_merge_text_like_every_other() {
    let project = example_copy();
    crate::support::alter(
        project.path(),
        "data/recipients.yaml",
        "note: \"(Lưu ý có các tài liệu kiểm chứng theo hướng dẫn).\"",
        "note: \"(Số liệu năm {{ year }}).\"",
    );
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 0, "{:?}", errors(&report));
    let text = squash(&pdf_text(
        &out.path().join("2022/de-nghi-cung-cap-thong-tin.pdf"),
    ));
    assert!(text.contains("(Sốliệunăm2022)."), "{text}");
}

#[test]
fn case_14_a_register_saved_by_excel_keeps_its_numbers_and_opens_in_excel() {
    use chrono::NaiveDate;
    let project = example_copy();
    let day = |m, d| NaiveDate::from_ymd_opt(2023, m, d).unwrap();
    let letter = Path::new("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    vanban::app::register::register(project.path(), letter, 5, day(2, 6)).unwrap();
    let csv = project.path().join("data/so-dang-ky-di/2023.csv");
    let written = std::fs::read(&csv).unwrap();
    assert!(
        written.starts_with("\u{feff}".as_bytes()),
        "a BOM for Excel"
    );
    assert!(
        String::from_utf8(written)
            .unwrap()
            .contains("\r\n05,STNMT-BVMT,06/02/2023,")
    );

    // Excel saved it: BOM, CRLF, 5 for 05; a row numbered 6 was typed by hand.
    std::fs::copy(
        crate::support::fixture("field/14-register-excel-roundtrip/data/so-dang-ky-di/2023.csv"),
        &csv,
    )
    .unwrap();
    // The tờ trình is the Sở's: its register holds the typed row 6.
    let report = Path::new("letters/2022/to-trinh-tu-danh-gia.yaml");
    let refused =
        vanban::app::register::register(project.path(), report, 6, day(3, 15)).unwrap_err();
    assert!(
        refused[0]
            .message
            .starts_with("number 06 of 2023 is already given to"),
        "{refused:?}"
    );
    // Re-registering the letter with its own number: 05 is recognised as its own, and its
    // first per-agency letter would need 06, which the typed row holds.
    let clash = vanban::app::register::register(project.path(), letter, 5, day(2, 6)).unwrap_err();
    assert!(
        clash[0].message.starts_with(
            "number 06 of 2023, for `2022/de-nghi-cung-cap-thong-tin/so-xay-dung.pdf`, is already given to"
        ),
        "{clash:?}"
    );
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        std::fs::read(crate::support::fixture(
            "field/14-register-excel-roundtrip/data/so-dang-ky-di/2023.csv"
        ))
        .unwrap(),
        "a refused registration writes nothing"
    );
    let done = vanban::app::register::register(project.path(), report, 7, day(3, 15)).unwrap();
    assert!(done.appended);
    let text = squash(&pdf_text(
        &project.path().join("out/2023/so-dang-ky-van-ban-di.pdf"),
    ));
    // The typed row and both registrations, in the register's table.
    assert!(text.contains("05/STNMT-BVMT06/02/2023"), "{text}");
    assert!(text.contains("06/STNMT-VP07/02/2023"), "{text}");
    assert!(text.contains("07/TTr-STNMT15/03/2023"), "{text}");
    // A number dated after the one above it is a warning naming both.
    let other = project.path().join("letters/2022/to-trinh-2.yaml");
    std::fs::copy(project.path().join(report), &other).unwrap();
    crate::support::alter(
        project.path(),
        "letters/2022/to-trinh-2.yaml",
        "number: 7\n",
        "",
    );
    let late = vanban::app::register::register(
        project.path(),
        Path::new("letters/2022/to-trinh-2.yaml"),
        4,
        day(3, 20),
    )
    .unwrap();
    assert!(
        late.build
            .diagnostics
            .iter()
            .any(|d| d.message == "number 05 is dated 06/02/2023, before number 04 (20/03/2023)"),
        "{:?}",
        late.build.diagnostics
    );
}

#[test]
fn case_15_a_font_family_without_its_bold_and_italic_falls_back_per_style() {
    // A regular face alone under another family name (Tinos renamed "Tinox": the same
    // situation as times.ttf without timesbd.ttf), asked for first by the templates.
    let project = example_copy();
    let regular =
        std::fs::read(crate::support::example().join("templates/fonts/Tinos-Regular.ttf")).unwrap();
    let utf16: Vec<u8> = "Tinos".encode_utf16().flat_map(u16::to_be_bytes).collect();
    let renamed_utf16: Vec<u8> = "Tinox".encode_utf16().flat_map(u16::to_be_bytes).collect();
    let mut renamed = regular.clone();
    let mut i = 0;
    while i + utf16.len() <= renamed.len() {
        if renamed[i..i + utf16.len()] == utf16[..] {
            renamed[i..i + utf16.len()].copy_from_slice(&renamed_utf16);
        } else if renamed[i..].starts_with(b"Tinos") {
            renamed[i + 4] = b'x';
        }
        i += 1;
    }
    let fonts = project.path().join("templates/fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    std::fs::write(fonts.join("tinox.ttf"), renamed).unwrap();
    let nd30 = std::fs::read_to_string(crate::support::example().join("templates/nd30.typ"))
        .unwrap()
        .replace(
            "font: (\"Times New Roman\", \"Tinos\")",
            "font: (\"Tinox\", \"Tinos\")",
        );
    std::fs::write(project.path().join("templates/nd30.typ"), nd30).unwrap();

    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 0, "{:?}", errors(&report));
    let warned: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == vanban::diagnostic::Code::Font)
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        warned,
        [
            "font family `Tinox` in templates/fonts/ has no bold, italic, bold italic style: the bundled Tinos stands in for them"
        ]
    );
    // The header's bold lines are set in a bold face, not the family's regular one.
    let pdffonts = std::process::Command::new("pdffonts")
        .arg(out.path().join("2022/de-nghi-cung-cap-thong-tin.pdf"))
        .output()
        .expect("pdffonts is installed (poppler-utils)");
    let listed = String::from_utf8(pdffonts.stdout).unwrap();
    assert!(listed.contains("Tinos-Bold"), "{listed}");
    assert!(
        listed.contains("Tinox") || listed.contains("Tinos-Regular"),
        "{listed}"
    );
}

#[test]
fn dates_that_cannot_be_are_errors_at_their_place() {
    let project = example_copy();
    // A deadline before the letter, a reply before the request was sent.
    crate::support::alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "deadline: \"2023-02-28\"",
        "deadline: \"2023-01-28\"",
    );
    let report = vanban::app::check::check(project.path());
    let messages: Vec<String> = errors(&report)
        .iter()
        .map(|d| {
            format!(
                "{}:{} {}",
                d.position.file.display(),
                d.position.line,
                d.message
            )
        })
        .collect();
    assert!(
        messages.iter().any(
            |m| m.starts_with("letters/2022/de-nghi-cung-cap-thong-tin.yaml:11 ")
                && m.ends_with("deadline 28/01/2023 is before the letter's date (01/02/2023)")
        ),
        "{messages:?}"
    );

    let project = example_copy();
    let received = std::fs::read_to_string(project.path().join("data/2022/so-y-te.yaml")).unwrap();
    let line = received
        .lines()
        .find(|l| l.starts_with("received:"))
        .unwrap()
        .to_string();
    crate::support::alter(
        project.path(),
        "data/2022/so-y-te.yaml",
        &line,
        "received: \"2023-01-10\"",
    );
    let report = vanban::app::check::check(project.path());
    let messages: Vec<String> = errors(&report)
        .iter()
        .map(|d| {
            format!(
                "{}:{} {}",
                d.position.file.display(),
                d.position.line,
                d.message
            )
        })
        .collect();
    assert!(
        messages.iter().any(|m| m.starts_with("data/2022/so-y-te.yaml:12 ")
            && m.contains("received date 10/01/2023 is before the request letter of 2022 was sent (01/02/2023)")),
        "{messages:?}"
    );

    // A reply received after the report that counts it was dated.
    let project = example_copy();
    crate::support::alter(
        project.path(),
        "letters/2022/bao-cao-ket-qua.yaml",
        "date: \"2023-03\"",
        "date: \"2023-03-10\"",
    );
    crate::support::alter(
        project.path(),
        "data/2022/so-y-te.yaml",
        &line,
        "received: \"2023-03-20\"",
    );
    let report = vanban::app::check::check(project.path());
    assert!(
        errors(&report).iter().any(|d| d.position.file == Path::new("data/2022/so-y-te.yaml")
            && d.message == "received date 20/03/2023 is after the report of 2022 is dated (10/03/2023)"),
        "{:?}",
        report.diagnostics
    );
}

/// The lines of the header's left column on page 1 (governing body and agency), top first
/// (pages count from 1 in the test support).
fn header_column(root: &Path, output: &str) -> Vec<String> {
    let doc = crate::support::layout(root, output);
    let lines = crate::support::lines(&crate::support::runs(&doc));
    // The symbol ("/STNMT-BVMT") stands on the number line, under the header.
    let number = lines
        .iter()
        .find(|l| l.page == 1 && l.text.starts_with('/'))
        .unwrap();
    let column = crate::support::mm(30.0 + 72.0);
    lines
        .iter()
        .filter(|l| l.page == 1 && l.y < number.y - 1.0 && l.x < column)
        .map(|l| l.text.clone())
        .collect()
}

#[test]
fn case_09_header_names_given_as_lines_are_never_broken_and_a_wrap_is_warned_about() {
    let project = field_project("09-long-agency-name");
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert_eq!(report.exit_code(), 0, "{:?}", errors(&report));
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code == vanban::diagnostic::Code::Layout && d.message.contains("wraps")),
        "one text too long for the column is warned about"
    );

    // Given as lines, each stands whole on a line of its own; metadata joins them.
    crate::support::alter(
        project.path(),
        "data/agency.yaml",
        "governing_body: \"ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\"",
        "governing_body: [\"ỦY BAN NHÂN DÂN\", \"TỈNH LẠNG SƠN\"]",
    );
    crate::support::alter(
        project.path(),
        "data/agency.yaml",
        "name: \"BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN\"",
        "name: [\"BAN QUẢN LÝ KHU KINH TẾ\", \"CỬA KHẨU ĐỒNG ĐĂNG\", \"LẠNG SƠN\"]",
    );
    assert_eq!(
        header_column(project.path(), "2022/de-nghi-cung-cap-thong-tin.pdf"),
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH LẠNG SƠN",
            "BAN QUẢN LÝ KHU KINH TẾ",
            "CỬA KHẨU ĐỒNG ĐĂNG",
            "LẠNG SƠN"
        ]
    );
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("wraps")),
        "{:?}",
        report.diagnostics
    );
    let info = std::process::Command::new("pdfinfo")
        .arg(out.path().join("2022/de-nghi-cung-cap-thong-tin.pdf"))
        .output()
        .unwrap();
    let info = String::from_utf8(info.stdout).unwrap();
    assert!(
        info.contains("Author:          BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG LẠNG SƠN\n"),
        "{info}"
    );
}

#[test]
fn an_ubnd_has_a_one_block_header_and_a_symbol_without_a_drafting_unit() {
    let project = example_copy();
    let agency = std::fs::read_to_string(project.path().join("data/agency.yaml")).unwrap();
    let agency = agency
        .replace("governing_body: \"UBND TỈNH LẠNG SƠN\"\n", "")
        .replace(
            "name: \"SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG\"",
            "name: [\"ỦY BAN NHÂN DÂN\", \"TỈNH LẠNG SƠN\"]",
        )
        .replace("abbreviation: \"STNMT\"", "abbreviation: \"UBND\"");
    std::fs::write(project.path().join("data/agency.yaml"), agency).unwrap();
    crate::support::alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "unit: \"BVMT\"\n",
        "",
    );
    assert_eq!(
        header_column(project.path(), "2022/de-nghi-cung-cap-thong-tin.pdf"),
        ["ỦY BAN NHÂN DÂN", "TỈNH LẠNG SƠN"]
    );
    let doc = crate::support::layout(project.path(), "2022/de-nghi-cung-cap-thong-tin.pdf");
    let lines = crate::support::lines(&crate::support::runs(&doc));
    assert!(
        lines.iter().any(|l| l.page == 1 && l.text == "/UBND"),
        "Số: …/UBND"
    );
}
