//! Signature-ready, archival PDFs: PDF/A-2b with its metadata, byte-identical across builds,
//! and empty signature fields where ND 30 puts the signatures, added as an incremental update
//! that qpdf accepts and pdfsig lists.

use std::path::Path;
use std::process::Command;

use lopdf::{Document, Object};

use crate::support::{alter, build, example, example_copy, line, lines, runs};

const LETTER: &str = "2022/de-nghi-cung-cap-thong-tin.pdf";

fn metadata(pdf: &Path) -> String {
    let doc = Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let id = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .unwrap();
    let stream = doc.get_object(id).and_then(Object::as_stream).unwrap();
    String::from_utf8(stream.content.clone()).unwrap()
}

#[test]
fn builds_are_byte_identical_whatever_the_clock() {
    let (a, _) = build(&example());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(&example(), b.path(), &|_| {});
    // 26 PDFs (the report's evidence list and the tờ trình among them) and the 22 agencies'
    // workbooks.
    assert_eq!(report.written.len(), 48);
    for file in &report.written {
        let (x, y) = (
            std::fs::read(a.path().join(file)).unwrap(),
            std::fs::read(b.path().join(file)).unwrap(),
        );
        assert!(x == y, "{} differs between two builds", file.display());
    }
}

#[test]
fn pdfs_are_pdf_a_2b_with_title_author_language_keywords_and_the_document_date() {
    let (out, _) = build(&example());
    let xmp = metadata(&out.path().join(LETTER));
    for expected in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
        "<rdf:li xml:lang=\"x-default\">V/v đề nghị cung cấp thông tin thực hiện Bộ chỉ số đánh giá kết quả bảo vệ môi trường của tỉnh năm 2022</rdf:li>",
        "<dc:creator><rdf:Seq><rdf:li>SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG</rdf:li>",
        "<dc:language><rdf:Bag><rdf:li>vi</rdf:li>",
        "<pdf:Keywords>công văn, STNMT-BVMT</pdf:Keywords>",
        // The letter is dated February 2023 (the day is filled in at signing).
        "<xmp:CreateDate>2023-02-01T00:00:00+00:00</xmp:CreateDate>",
    ] {
        assert!(xmp.contains(expected), "XMP lacks {expected}");
    }
    // The report that goes up is the UBND tỉnh's (its draft), with its symbol.
    let report = metadata(&out.path().join("2022/bao-cao-ket-qua.pdf"));
    assert!(report.contains("<pdf:Keywords>báo cáo, BC-UBND, 2022</pdf:Keywords>"));
    assert!(
        report.contains("<rdf:li>ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN</rdf:li>"),
        "{report}"
    );
    // Every font is embedded.
    let doc = Document::load(out.path().join(LETTER)).unwrap();
    let descriptors: Vec<_> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"FontDescriptor")
        })
        .collect();
    assert!(!descriptors.is_empty());
    assert!(
        descriptors.iter().all(|d| d.has(b"FontFile2")),
        "a font is not embedded"
    );
}

/// The signature fields of a PDF: (name, page index, rect).
pub fn fields(pdf: &Path) -> Vec<(String, usize, [f64; 4])> {
    let doc = Document::load(pdf).unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let Ok(form) = doc.catalog().unwrap().get(b"AcroForm") else {
        return Vec::new();
    };
    let refs = form
        .as_dict()
        .unwrap()
        .get(b"Fields")
        .and_then(Object::as_array)
        .unwrap();
    refs.iter()
        .filter_map(|r| {
            let d = doc
                .get_object(r.as_reference().unwrap())
                .and_then(Object::as_dict)
                .unwrap();
            // The text fields for the number and the day are not signature fields.
            (d.get(b"FT").and_then(Object::as_name).unwrap() == b"Sig").then_some(d)
        })
        .map(|d| {
            assert!(d.has(b"AP"), "PDF/A widgets need an appearance");
            let name = match d.get(b"T").unwrap() {
                Object::String(bytes, _) => {
                    let units: Vec<u16> = bytes[2..]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16(&units).unwrap()
                }
                other => panic!("{other:?}"),
            };
            let page = d.get(b"P").and_then(Object::as_reference).unwrap();
            let rect: Vec<f64> = d
                .get(b"Rect")
                .and_then(Object::as_array)
                .unwrap()
                .iter()
                .map(|v| v.as_float().unwrap() as f64)
                .collect();
            (
                name,
                pages.iter().position(|p| *p == page).unwrap(),
                [rect[0], rect[1], rect[2], rect[3]],
            )
        })
        .collect()
}

#[test]
fn signature_fields_stand_where_nd30_puts_the_signature_and_the_seal() {
    let (out, _) = build(&example());
    let found = fields(&out.path().join(LETTER));
    let names: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "Chữ ký số - Nguyễn Hữu Trực",
            "Dấu - SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
        ]
    );
    // Compare with the laid-out closing block (Typst's y grows downwards; PDF's upwards).
    let doc = crate::support::layout(&example(), LETTER);
    let l = lines(&runs(&doc));
    let (title, name) = (line(&l, "PHÓ GIÁM ĐỐC"), line(&l, "Nguyễn Hữu Trực"));
    let height = 841.89;
    let (sig, seal) = (found[0].2, found[1].2);
    assert_eq!(
        found[0].1 + 1,
        name.page,
        "on the page of the signature block"
    );
    assert!(
        sig[3] <= height - title.y && sig[1] >= height - name.y,
        "between the title and the name: {sig:?}"
    );
    assert!(sig[3] - sig[1] > 40.0, "room for a signature image");
    let centre = title.x + title.width / 2.0;
    assert!(
        ((sig[0] + sig[2]) / 2.0 - centre).abs() < 1.0,
        "centred on the signature block"
    );
    let third = (sig[2] - sig[0]) / 3.0;
    assert!(
        (seal[2] - (sig[0] + third)).abs() < 0.5,
        "the seal covers the left third of the signature"
    );
    assert!(seal[0] < sig[0] && seal[1] >= sig[1] - 0.5 && seal[3] <= sig[3] + 0.5);
    // The fields are an update appended to Typst's file, which stays as it was.
    let bytes = std::fs::read(out.path().join(LETTER)).unwrap();
    assert_eq!(bytes.windows(5).filter(|w| w == b"%%EOF").count(), 2);
}

#[test]
fn qpdf_accepts_the_files_and_pdfsig_lists_the_unsigned_fields() {
    let (out, _) = build(&example());
    for file in [
        LETTER,
        "2022/to-trinh-tu-danh-gia.pdf",
        "2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf",
    ] {
        let path = out.path().join(file);
        let qpdf = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf is installed (tests/run installs it)");
        let text = String::from_utf8_lossy(&qpdf.stdout);
        assert_eq!(
            qpdf.status.code(),
            Some(0),
            "{file}: {text}{}",
            String::from_utf8_lossy(&qpdf.stderr)
        );
        assert!(
            text.contains("No syntax or stream encoding errors found"),
            "{text}"
        );
        let sig = Command::new("pdfsig")
            .arg(&path)
            .output()
            .expect("pdfsig is installed (tests/run installs it)");
        let text = String::from_utf8_lossy(&sig.stdout);
        assert!(
            text.contains("Signature Field Name: Chữ ký số - Nguyễn Hữu Trực"),
            "{file}: {text}"
        );
        assert!(
            text.contains("Signature Field Name: Dấu - SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"),
            "{text}"
        );
        assert_eq!(
            text.matches("The signature form field is not signed.")
                .count(),
            2,
            "{text}"
        );
    }
}

#[test]
fn a_letter_option_turns_the_fields_off() {
    let project = example_copy();
    alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "  file_name:",
        "  signature_fields: false\n  file_name:",
    );
    let (out, report) = build(project.path());
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    assert!(fields(&out.path().join(LETTER)).is_empty());
    assert_eq!(
        fields(&out.path().join("2022/bao-cao-ket-qua.pdf")).len(),
        2,
        "the report keeps its fields"
    );
}

#[test]
fn the_print_run_holds_every_agency_letter_in_order_numbered_on_its_own() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    let options = vanban::app::BuildOptions {
        merged: true,
        ..Default::default()
    };
    let report = vanban::app::build::build_with(project.path(), out.path(), &options, &|_| {});
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    let merged = out
        .path()
        .join("2022/de-nghi-cung-cap-thong-tin-in-gop.pdf");
    let pages =
        pdf_extract::extract_text_from_mem_by_pages(&std::fs::read(&merged).unwrap()).unwrap();
    // One letter per agency, in the order they are addressed, each restarting its numbers.
    let order = ["Sở Xây dựng", "Sở Y tế", "Sở Công Thương"];
    let starts: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        .collect();
    assert_eq!(starts.len(), 22);
    for (k, name) in order.iter().enumerate() {
        let first = crate::support::squash(&pages[starts[k]]);
        assert!(
            first.contains(&crate::support::squash(&format!("Kính gửi: {name}."))),
            "letter {k} is not for {name}"
        );
    }
    let per_agency: usize = std::fs::read_dir(out.path().join("2022/de-nghi-cung-cap-thong-tin"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| Document::load(p).unwrap().get_pages().len())
        .sum();
    assert_eq!(
        pages.len(),
        per_agency,
        "every page of every per-agency letter"
    );
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(pages.len());
        for (i, page) in pages[start..end].iter().enumerate() {
            let head = page
                .trim_start()
                .lines()
                .next()
                .unwrap_or_default()
                .trim()
                .to_string();
            if i == 0 {
                assert!(
                    head.parse::<u32>().is_err(),
                    "the first page of letter {n} has no number"
                );
            } else {
                assert_eq!(head, (i + 1).to_string(), "page {} of letter {n}", i + 1);
            }
        }
    }
    assert!(fields(&merged).is_empty(), "a print run is not signed");
    // A later build without --merged leaves the print run alone.
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert!(report.removed.is_empty() && merged.is_file());
}

#[test]
fn registration_numbers_the_letter_keeps_its_comments_and_fills_the_register() {
    use std::path::PathBuf;
    let project = example_copy();
    let letter = PathBuf::from("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    let before = std::fs::read_to_string(project.path().join(&letter)).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2023, 2, 15).unwrap();
    let done = vanban::app::register::register(project.path(), &letter, 5, date).unwrap();
    assert!(done.appended);
    assert_eq!(done.entry.number, "05");
    assert_eq!(done.entry.symbol, "STNMT-BVMT");
    let after = std::fs::read_to_string(project.path().join(&letter)).unwrap();
    assert!(after.contains("number: 5\n") && after.contains("date: \"2023-02-15\"\n"));
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
    };
    assert_eq!(comments(&after), comments(&before), "comments are kept");
    // The final PDF carries the number (padded) and the date.
    let text = crate::support::squash(&crate::support::pdf_text(
        &project
            .path()
            .join("out/2022/de-nghi-cung-cap-thong-tin.pdf"),
    ));
    assert!(
        text.contains("Số:05/STNMT-BVMT") && text.contains("LạngSơn,ngày15tháng02năm2023"),
        "{text}"
    );
    // The register, as CSV and as a PDF table.
    let csv = std::fs::read_to_string(project.path().join("data/so-dang-ky-di/2023.csv")).unwrap();
    // One number per document (ND 30 Điều 15.1): the letter 05, its 22 per-agency letters
    // 06 to 27, one row each.
    assert_eq!(csv.lines().count(), 24, "a header and 23 rows: {csv}");
    assert_eq!(done.entries.len(), 23);
    assert_eq!(done.entries[1].number, "06");
    assert_eq!(done.entries[22].number, "27");
    assert!(
        csv.contains(",2022/de-nghi-cung-cap-thong-tin/so-xay-dung.pdf"),
        "{csv}"
    );
    let so_xay_dung = crate::support::squash(&crate::support::pdf_text(
        &project
            .path()
            .join("out/2022/de-nghi-cung-cap-thong-tin/so-xay-dung.pdf"),
    ));
    assert!(
        so_xay_dung.contains("Số:06/STNMT-BVMT"),
        "its own number, not 05"
    );
    // The columns of ND 30 Phụ lục IV: số, ký hiệu, ngày, tên loại và trích yếu, người ký,
    // nơi nhận (every addressee and the Nơi nhận list), bản lưu, số lượng bản, …
    assert!(csv.starts_with("\u{feff}Số,Ký hiệu,Ngày tháng,Tên loại và trích yếu,Người ký,Nơi nhận,Đơn vị, người nhận bản lưu") || csv.starts_with("\u{feff}Số,Ký hiệu,Ngày tháng,Tên loại và trích yếu,Người ký,Nơi nhận,\"Đơn vị, người nhận bản lưu\""), "{csv}");
    assert!(
        csv.contains("05,STNMT-BVMT,15/02/2023,Công văn V/v đề nghị cung cấp thông tin"),
        "{csv}"
    );
    assert!(csv.contains(",Nguyễn Hữu Trực,\"Các Sở: Xây dựng"), "{csv}");
    assert!(
        csv.contains("Trạm cấp nước sinh hoạt huyện Văn Quan; UBND tỉnh (để B/c); Lãnh đạo Sở"),
        "{csv}"
    );
    assert!(
        csv.contains(",\"VT, BVMT\",13,,,,letters/2022/de-nghi-cung-cap-thong-tin.yaml"),
        "{csv}"
    );
    let table = crate::support::squash(&crate::support::pdf_text(
        &project.path().join("out/2023/so-dang-ky-van-ban-di.pdf"),
    ));
    assert!(
        table.contains("SỔĐĂNGKÝVĂNBẢNĐI")
            && table.contains("05/STNMT-BVMT15/02/2023CôngvănV/vđềnghịcungcấp"),
        "{table}"
    );
    // Repeating it changes nothing; a different number is refused; so is a taken number.
    let again = vanban::app::register::register(project.path(), &letter, 5, date).unwrap();
    assert!(!again.appended);
    let other = vanban::app::register::register(project.path(), &letter, 6, date).unwrap_err();
    assert!(
        other[0]
            .message
            .contains("is already registered as number 05"),
        "{other:?}"
    );
    let report = PathBuf::from("letters/2022/to-trinh-tu-danh-gia.yaml");
    let taken = vanban::app::register::register(project.path(), &report, 5, date).unwrap_err();
    assert!(
        taken[0]
            .message
            .contains("number 05 of 2023 is already given to"),
        "{taken:?}"
    );
    assert!(
        !std::fs::read_to_string(project.path().join(&report))
            .unwrap()
            .contains("number:"),
        "a refused registration changes nothing"
    );
}

#[test]
fn a_print_run_is_kept_up_to_date_by_every_build() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    let merged = vanban::app::BuildOptions {
        merged: true,
        ..Default::default()
    };
    let first = vanban::app::build::build_with(project.path(), out.path(), &merged, &|_| {});
    assert_eq!(first.exit_code(), 0, "{:?}", first.diagnostics);
    crate::support::alter(
        project.path(),
        "letters/2022/de-nghi-cung-cap-thong-tin.yaml",
        "Đây là báo cáo rất",
        "Đây là một báo cáo rất",
    );
    // A plain build after the letter changed rebuilds its print run too.
    let plain = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert!(
        plain
            .rebuilt
            .iter()
            .any(|(p, _)| p.ends_with("de-nghi-cung-cap-thong-tin-in-gop.pdf")),
        "{:?}",
        plain.rebuilt
    );
    let text = crate::support::squash(&crate::support::pdf_text(
        &out.path()
            .join("2022/de-nghi-cung-cap-thong-tin-in-gop.pdf"),
    ));
    assert!(text.contains("Đâylàmộtbáocáorất"));
}

#[test]
fn a_draft_build_marks_unregistered_documents_and_never_the_registered_final() {
    let project = example_copy();
    crate::support::alter(
        project.path(),
        "letters/2022/bao-cao-ket-qua.yaml",
        "data_year: 2022\n",
        "data_year: 2022\nnumber: 12\n",
    );
    let out = tempfile::tempdir().unwrap();
    let draft = vanban::app::BuildOptions {
        draft: true,
        ..Default::default()
    };
    let report = vanban::app::build::build_with(project.path(), out.path(), &draft, &|_| {});
    assert_eq!(report.exit_code(), 0, "{:?}", report.diagnostics);
    let read = |f: &str| crate::support::squash(&crate::support::pdf_text(&out.path().join(f)));
    assert!(read("2022/de-nghi-cung-cap-thong-tin.pdf").starts_with("DỰTHẢO"));
    assert!(read("2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf").starts_with("DỰTHẢO"));
    assert!(
        !read("2022/bao-cao-ket-qua.pdf").contains("DỰTHẢO"),
        "registered: no mark"
    );
    // The next plain build replaces the review copies with unmarked ones.
    let plain = vanban::app::build::build(project.path(), out.path(), &|_| {});
    assert!(plain.rebuilt.len() >= 23);
    assert!(!read("2022/de-nghi-cung-cap-thong-tin.pdf").contains("DỰTHẢO"));
}

/// Runs pyHanko (Python) with `args`; its standard output, and whether it succeeded.
fn pyhanko(args: &[&str]) -> (String, bool) {
    let output = std::process::Command::new("python3")
        .arg("-m")
        .arg("pyhanko")
        .args(args)
        .output()
        .expect("python3 with pyHanko is installed (tests/run installs it)");
    (
        String::from_utf8_lossy(&output.stdout).to_string()
            + &String::from_utf8_lossy(&output.stderr),
        output.status.success(),
    )
}

/// ND 30's signing order, proven with a real signer: the leader signs the unnumbered PDF,
/// `register` fills the number and the day into its fields as an incremental update, and the
/// leader's signature stays valid, the changes being form filling only.
#[test]
fn the_leader_signs_first_and_the_number_is_filled_in_after_without_breaking_the_signature() {
    let project = example_copy();
    let root = project.path();
    let build = vanban::app::build::build(root, &root.join("out"), &|_| {});
    assert_eq!(build.exit_code(), 0, "{:?}", build.diagnostics);
    let pdf = root.join("out/2022/de-nghi-cung-cap-thong-tin.pdf");
    let names: Vec<String> = fields_any(&pdf).into_iter().map(|f| f.0).collect();
    assert!(
        names.contains(&"Số văn bản".to_string()) && names.contains(&"Ngày ban hành".to_string()),
        "{names:?}"
    );

    // A test certificate, and the leader's signature in its field.
    let keys = tempfile::tempdir().unwrap();
    let (key, cert) = (keys.path().join("k.pem"), keys.path().join("c.pem"));
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "30",
            "-subj",
            "/CN=Nguyen Huu Truc/O=So TNMT Lang Son",
        ])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl is installed (tests/run installs it)");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let signed = keys.path().join("signed.pdf");
    let (said, ok) = pyhanko(&[
        "sign",
        "addsig",
        "--field",
        "Chữ ký số - Nguyễn Hữu Trực",
        "pemder",
        "--key",
        key.to_str().unwrap(),
        "--cert",
        cert.to_str().unwrap(),
        "--no-pass",
        pdf.to_str().unwrap(),
        signed.to_str().unwrap(),
    ]);
    assert!(ok, "{said}");
    std::fs::copy(&signed, &pdf).unwrap();
    let signed_bytes = std::fs::read(&pdf).unwrap();

    // The văn thư numbers it: the signed file is filled in, not rendered again.
    let letter = Path::new("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    let date = chrono::NaiveDate::from_ymd_opt(2023, 2, 15).unwrap();
    let done = vanban::app::register::register(root, letter, 5, date).unwrap();
    assert_eq!(done.entry.number, "05");
    let filled = std::fs::read(&pdf).unwrap();
    assert!(
        filled.starts_with(&signed_bytes),
        "an incremental update after the signed bytes"
    );
    let (said, ok) = pyhanko(&[
        "sign",
        "validate",
        "--pretty-print",
        "--trust",
        cert.to_str().unwrap(),
        pdf.to_str().unwrap(),
    ]);
    assert!(ok, "{said}");
    assert!(
        said.contains("All modifications relate to signing and form filling operations"),
        "{said}"
    );
    assert!(said.contains("The signature is judged VALID."), "{said}");
    // The number and the day are values of the fields and visible on the page.
    let values = field_values(&pdf);
    assert_eq!(values.get("Số văn bản").map(String::as_str), Some("05"));
    assert_eq!(values.get("Ngày ban hành").map(String::as_str), Some("15"));
    let page = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let page = String::from_utf8_lossy(&page.stdout).to_string();
    let header: String = page.lines().take(12).collect::<Vec<_>>().join("\n");
    assert!(header.contains("05") && header.contains("15"), "{header}");

    // No build replaces the signed letter, not even a forced one.
    let forced = vanban::app::BuildOptions {
        force: true,
        ..Default::default()
    };
    vanban::app::build::build_with(root, &root.join("out"), &forced, &|_| {});
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        filled,
        "the signed, numbered letter stays"
    );
    // Nor a plain build after its data changed: it is what was issued.
    alter(root, "data/agency.yaml", "Phòng Kiểm soát", "Phòng Quản lý");
    vanban::app::build::build(root, &root.join("out"), &|_| {});
    assert_eq!(std::fs::read(&pdf).unwrap(), filled, "issued is issued");
}

#[test]
fn a_signed_letter_printed_with_a_month_cannot_be_registered_in_another_and_nothing_is_half_written()
 {
    let project = example_copy();
    let root = project.path();
    vanban::app::build::build(root, &root.join("out"), &|_| {});
    let pdf = root.join("out/2022/bao-cao-ket-qua.pdf");
    // A signature's byte range is enough for vanban to treat the file as signed.
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes.extend_from_slice(b"\n% /ByteRange [0 0 0 0]\n");
    std::fs::write(&pdf, &bytes).unwrap();
    let letter = Path::new("letters/2022/bao-cao-ket-qua.yaml");
    let yaml = std::fs::read_to_string(root.join(letter)).unwrap();
    let april = chrono::NaiveDate::from_ymd_opt(2023, 4, 2).unwrap();
    let refused = vanban::app::register::register(root, letter, 5, april).unwrap_err();
    assert!(
        refused[0]
            .message
            .contains("prints tháng 03 năm 2023; it cannot be dated 02/04/2023"),
        "{refused:?}"
    );
    assert_eq!(
        std::fs::read_to_string(root.join(letter)).unwrap(),
        yaml,
        "the letter is put back"
    );
    assert!(
        !root.join("data/so-dang-ky-di/2023.csv").exists(),
        "no register row is left"
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        bytes,
        "the signed file is untouched"
    );
}

/// Every form field of a PDF: (name, kind).
fn fields_any(pdf: &Path) -> Vec<(String, String)> {
    let doc = Document::load(pdf).unwrap();
    let form = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .unwrap()
        .as_dict()
        .unwrap();
    form.get(b"Fields")
        .and_then(Object::as_array)
        .unwrap()
        .iter()
        .map(|r| {
            let d = doc
                .get_object(r.as_reference().unwrap())
                .and_then(Object::as_dict)
                .unwrap();
            (
                text_of(d.get(b"T").unwrap()),
                String::from_utf8_lossy(d.get(b"FT").unwrap().as_name().unwrap()).to_string(),
            )
        })
        .collect()
}

/// The values of a PDF's filled text fields, by name, as the last update left them.
fn field_values(pdf: &Path) -> std::collections::BTreeMap<String, String> {
    let doc = Document::load(pdf).unwrap();
    let form = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .unwrap()
        .as_dict()
        .unwrap();
    form.get(b"Fields")
        .and_then(Object::as_array)
        .unwrap()
        .iter()
        .filter_map(|r| {
            let d = doc
                .get_object(r.as_reference().unwrap())
                .and_then(Object::as_dict)
                .unwrap();
            let value = d.get(b"V").ok()?;
            matches!(value, Object::String(..))
                .then(|| (text_of(d.get(b"T").unwrap()), text_of(value)))
        })
        .collect()
}

/// A PDF text string as text (UTF-16BE with a byte-order mark, or single bytes).
fn text_of(object: &Object) -> String {
    match object {
        Object::String(bytes, _) if bytes.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        Object::String(bytes, _) => String::from_utf8_lossy(bytes).to_string(),
        other => panic!("{other:?}"),
    }
}
