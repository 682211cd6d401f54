//! Reply workbooks: what `build` writes for each agency, read back by a real spreadsheet
//! library (openpyxl), filled in as an agency would, re-saved by LibreOffice, and brought
//! back with `vanban import`.

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban::app::import::{ImportOptions, ImportReport, import};

use crate::support::{example_copy, pdf_text, squash};

const LETTER: &str = "out/2022/de-nghi-cung-cap-thong-tin";

fn tool() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/fill_form.py")
}

/// The example copied and built into its own `out/`.
fn built() -> tempfile::TempDir {
    let project = example_copy();
    let report = vanban::app::build::build(project.path(), &project.path().join("out"), &|_| {});
    assert!(
        report.fatal.is_none() && report.failed == 0,
        "{:?}",
        report.diagnostics
    );
    project
}

/// LibreOffice's command.
fn soffice() -> &'static str {
    ["soffice", "libreoffice"]
        .into_iter()
        .find(|s| {
            Command::new(s)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("LibreOffice is needed (tests/run installs libreoffice-calc-nogui)")
}

/// Fills `from` into `to` with openpyxl: "Sheet!Cell=n:1.5", "…=s:text", "…=d:2023-02-22".
fn fill(from: &Path, to: &Path, cells: &[&str]) {
    let status = Command::new("python3")
        .arg(tool())
        .arg(from)
        .arg(to)
        .args(cells)
        .status()
        .expect("python3 runs");
    assert!(
        status.success(),
        "openpyxl could not fill {}",
        from.display()
    );
}

/// `agency`'s form of the example letter filled in with `cells`, as returned into
/// `inbox/<agency>.xlsx`.
fn returned(root: &Path, agency: &str, cells: &[&str]) -> PathBuf {
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let to = inbox.join(format!("{agency}.xlsx"));
    fill(
        &root.join(LETTER).join(format!("{agency}.xlsx")),
        &to,
        cells,
    );
    to
}

/// What openpyxl reads of a workbook.
fn inspect(path: &Path) -> serde_json::Value {
    let output = Command::new("python3")
        .arg(tool())
        .arg("--inspect")
        .arg(path)
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn run(root: &Path, files: &[PathBuf], dry_run: bool) -> ImportReport {
    let options = ImportOptions {
        dry_run,
        received: Some(chrono::NaiveDate::from_ymd_opt(2023, 2, 27).unwrap()),
    };
    import(root, files, &options)
}

/// Đình Lập's form filled in: indicator 11 and 26, the reply's number and date, one
/// evidence document sent beside the workbook.
fn dinh_lap_filled(root: &Path) -> PathBuf {
    dinh_lap_filled_with(root, "bien-ban.pdf", "bien-ban.pdf")
}

/// As [`dinh_lap_filled`], the evidence file saved as `on_disk` and named `in_cell` in the
/// workbook.
fn dinh_lap_filled_with(root: &Path, on_disk: &str, in_cell: &str) -> PathBuf {
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(inbox.join(on_disk), b"%PDF minh chung").unwrap();
    let filled = inbox.join("dinh-lap.xlsx");
    let evidence = format!("Tài liệu minh chứng!F4=s:{in_cell}");
    fill(
        &root.join(LETTER).join("dinh-lap.xlsx"),
        &filled,
        &[
            "Thông tin chung!B9=s:45/UBND-TNMT",
            "Thông tin chung!B10=d:2023-02-25",
            "Biểu mẫu 11!D11=n:1.8",
            "Biểu mẫu 11!E11=n:11",
            "Biểu mẫu 26!D11=n:3",
            "Biểu mẫu 26!E11=n:3",
            "Nội dung khác!C4=s:Phòng Tài nguyên và Môi trường: 02 công chức",
            "Tài liệu minh chứng!B4=n:11",
            "Tài liệu minh chứng!C4=s:Báo cáo công tác thu gom chất thải rắn năm 2022",
            "Tài liệu minh chứng!D4=s:12/BC-UBND",
            "Tài liệu minh chứng!E4=d:2023-01-20",
            &evidence,
        ],
    );
    filled
}

#[test]
fn each_agency_gets_a_protected_workbook_that_checks_what_is_typed_and_names_its_letter() {
    let project = built();
    let book = inspect(&project.path().join(LETTER).join("so-xay-dung.xlsx"));
    let names: Vec<&String> = book.as_object().unwrap().keys().collect();
    for sheet in [
        "Thông tin chung",
        "Biểu mẫu 01",
        "Biểu mẫu 11",
        "Biểu mẫu 15",
        "Tài liệu minh chứng",
        "vanban",
    ] {
        assert!(
            names.iter().any(|n| *n == sheet),
            "no sheet {sheet} in {names:?}"
        );
    }
    assert_eq!(book["vanban"]["state"], "hidden");
    assert_eq!(book["vanban"]["cells"]["A6"], "recipient");
    assert_eq!(book["vanban"]["cells"]["B6"], "so-xay-dung");
    assert_eq!(book["vanban"]["cells"]["B7"], "2022");
    let rate = &book["Biểu mẫu 01"];
    assert_eq!(rate["protected"], true);
    assert!(
        rate["cells"]["A2"]
            .as_str()
            .unwrap()
            .contains("Tỷ lệ nước thải đô thị")
    );
    // Last year's rows and figures beside the empty cells (2021, the same edition).
    assert!(
        rate["cells"]["B11"]
            .as_str()
            .unwrap()
            .starts_with("Nhà máy xử lý nước thải")
    );
    assert_eq!(rate["cells"]["F11"], 7420);
    assert_eq!(rate["cells"]["C11"], "m3/ngày");
    let unlocked: Vec<&str> = rate["unlocked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(unlocked.contains(&"D11") && unlocked.contains(&"E11") && unlocked.contains(&"H11"));
    assert!(!unlocked.contains(&"F11") && !unlocked.contains(&"A2"));
    let rules = rate["validations"].as_array().unwrap();
    assert!(
        rules.iter().any(|r| r["type"] == "custom"
            && r["formula"].as_str().unwrap().contains("D11<=E11")
            && r["range"].as_str().unwrap().starts_with("D11")),
        "{rules:?}"
    );
    // A rate over a population: the numerator only.
    assert!(
        book["Biểu mẫu 15"]["cells"]["E10"]
            .as_str()
            .unwrap()
            .contains("không điền")
    );
    assert!(
        !book["Biểu mẫu 15"]["unlocked"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "E11")
    );
    let info = &book["Thông tin chung"];
    assert!(
        info["validations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["type"] == "date" && r["range"] == "B10")
    );
    assert_eq!(info["cells"]["B5"], "Sở Xây dựng");
    // The letter names its attachment.
    let letter = squash(&pdf_text(
        &project.path().join(LETTER).join("so-xay-dung.pdf"),
    ));
    assert!(
        letter.contains(&squash(
            "tệp biểu mẫu so-xay-dung.xlsx gồm: Biểu mẫu 01; Biểu mẫu 11"
        )),
        "{letter}"
    );
}

#[test]
fn a_filled_workbook_comes_back_without_retyping_once_and_only_once() {
    let project = built();
    let root = project.path();
    let filled = dinh_lap_filled(root);
    let answers = root.join("data/2022/dinh-lap.yaml");
    assert!(!answers.exists());

    let dry = run(root, std::slice::from_ref(&filled), true);
    assert!(
        dry.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        dry.diagnostics
    );
    assert_eq!(dry.imported.len(), 1);
    assert!(dry.imported[0].created);
    assert!(
        dry.imported[0]
            .changes
            .iter()
            .any(|c| c.what == "Chỉ số 11 – tử số"
                && c.after.as_deref() == Some("1,8")
                && c.before.is_none())
    );
    assert!(!answers.exists(), "--dry-run writes nothing");
    assert!(
        !root
            .join("data/2022/replies/dinh-lap-2023-02-27.xlsx")
            .exists()
    );

    let done = run(root, std::slice::from_ref(&filled), false);
    assert!(
        done.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        done.diagnostics
    );
    let yaml = std::fs::read_to_string(&answers).unwrap();
    assert!(
        yaml.contains("source: \"data/2022/replies/dinh-lap-2023-02-27.xlsx!'Biểu mẫu 11'\""),
        "{yaml}"
    );
    assert!(yaml.contains("numerator: 1.8\n    denominator: 11\n    cells: {numerator: \"D11\", denominator: \"E11\"}"), "{yaml}");
    assert!(
        yaml.contains("number: \"45/UBND-TNMT\"\n  date: \"2023-02-25\""),
        "{yaml}"
    );
    assert!(yaml.contains("received: \"2023-02-27\""), "{yaml}");
    assert!(
        yaml.contains("file: \"data/evidence/2022/dinh-lap/bien-ban.pdf\""),
        "{yaml}"
    );
    assert_eq!(
        std::fs::read(root.join("data/evidence/2022/dinh-lap/bien-ban.pdf")).unwrap(),
        b"%PDF minh chung"
    );
    assert!(
        root.join("data/2022/replies/dinh-lap-2023-02-27.xlsx")
            .is_file()
    );
    let (rows, _) = vanban::app::status::status(root, Some(2022));
    let dinh_lap: Vec<_> = rows.iter().filter(|r| r.recipient == "dinh-lap").collect();
    assert!(
        !dinh_lap.is_empty() && dinh_lap.iter().all(|r| r.received.is_some()),
        "{dinh_lap:?}"
    );

    // The same workbook again changes nothing.
    let again = run(root, &[filled], false);
    assert!(
        again.imported[0].changes.is_empty()
            && !again.imported[0].created
            && !again.imported[0].changed
    );
    assert_eq!(std::fs::read_to_string(&answers).unwrap(), yaml);

    // A corrected workbook: one figure changes, and the next build remakes the report only.
    let corrected = root.join("inbox/dinh-lap-2.xlsx");
    fill(
        &root.join("inbox/dinh-lap.xlsx"),
        &corrected,
        &["Biểu mẫu 11!D11=n:2.4"],
    );
    let out = root.join("out");
    let before = vanban::app::build::build(root, &out, &|_| {});
    // The report and its evidence list, which now has Đình Lập's document.
    assert_eq!(before.rebuilt.len(), 2, "{:?}", before.rebuilt);
    let fixed = run(root, &[corrected], false);
    assert_eq!(
        fixed.imported[0].changes.len(),
        1,
        "{:?}",
        fixed.imported[0].changes
    );
    assert_eq!(fixed.imported[0].changes[0].before.as_deref(), Some("1,8"));
    assert_eq!(fixed.imported[0].changes[0].after.as_deref(), Some("2,4"));
    let after = vanban::app::build::build(root, &out, &|_| {});
    let rebuilt: Vec<String> = after
        .rebuilt
        .iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(rebuilt, ["2022/bao-cao-ket-qua.pdf"]);
    assert!(
        after.changes.iter().any(|c| c.number == "11"),
        "{:?}",
        after.changes
    );
}

#[test]
fn every_bad_cell_is_an_error_at_its_cell_and_nothing_is_written() {
    let project = built();
    let root = project.path();
    let bad = returned(
        root,
        "bac-son",
        &[
            // Vietnamese notation typed as text, a negative figure, a swapped rate.
            "Biểu mẫu 11!D11=s:2,9",
            "Biểu mẫu 11!E11=n:16.5",
            "Biểu mẫu 26!D11=n:-2",
            "Biểu mẫu 26!E11=n:2",
            "Biểu mẫu 11!D12=n:30",
            "Biểu mẫu 11!E12=n:12",
            "Biểu mẫu 11!B12=s:Xã Vũ Lễ",
            // Another district's area in Bắc Sơn's form.
            "Biểu mẫu 11!B13=s:Huyện Cao Lộc (phần nông thôn)",
            "Biểu mẫu 11!D13=n:1",
            "Biểu mẫu 11!E13=n:2",
            "Thông tin chung!B9=s:171/UBND-TNMT",
        ],
    );
    // A workbook of another data year.
    let other_year = returned(
        root,
        "loc-binh",
        &[
            "vanban!B7=s:2021",
            "Biểu mẫu 11!D11=n:1",
            "Biểu mẫu 11!E11=n:2",
        ],
    );
    // Cells a clerk leaves odd: a space for "empty", a total beside its rows, a remark on a
    // row without figures, a figure below the form's rows, another unit on the total.
    let odd = returned(
        root,
        "cao-loc",
        &[
            "Biểu mẫu 11!D11=n:3",
            "Biểu mẫu 11!E11=n:10",
            "Biểu mẫu 11!C11=s:kg/ngày",
            "Biểu mẫu 26!D11=n:1",
            "Biểu mẫu 26!E11=n:2",
            "Biểu mẫu 26!B12=s:Xã A",
            "Biểu mẫu 26!D12=n:1",
            "Biểu mẫu 26!E12=s: ",
            "Biểu mẫu 26!B13=s:Xã B",
            "Biểu mẫu 26!D13=n:1",
            "Biểu mẫu 26!E13=n:2",
            "Biểu mẫu 26!H14=s:ghi chú lẻ",
            "Biểu mẫu 26!D17=n:9",
        ],
    );
    let before = std::fs::read(root.join("data/2022/bac-son.yaml")).unwrap();
    let loc_binh = std::fs::read(root.join("data/2022/loc-binh.yaml")).unwrap();
    let report = run(root, &[bad, other_year, odd], false);
    let mut seen: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| {
            format!(
                "{} | {} | {}",
                d.position.file.display(),
                d.code.name(),
                d.message
            )
        })
        .collect();
    seen.sort();
    insta::assert_snapshot!("import_errors", seen.join("\n"));
    assert!(report.imported.is_empty());
    assert_eq!(report.exit_code(), 1);
    assert_eq!(
        std::fs::read(root.join("data/2022/bac-son.yaml")).unwrap(),
        before
    );
    assert!(!root.join("data/2022/replies/loc-binh.xlsx").exists());
    assert_eq!(
        std::fs::read(root.join("data/2022/replies/bac-son.xlsx")).unwrap(),
        std::fs::read(crate::support::example().join("data/2022/replies/bac-son.xlsx")).unwrap()
    );
    assert_eq!(
        std::fs::read(root.join("data/2022/loc-binh.yaml")).unwrap(),
        loc_binh
    );
}

#[test]
fn a_workbook_resaved_by_libreoffice_as_xlsx_or_ods_imports_the_same() {
    let soffice = soffice();
    let project = built();
    let root = project.path();
    let filled = dinh_lap_filled(root);
    let resaved = root.join("resaved");
    let status = Command::new(soffice)
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&resaved)
        .arg(&filled)
        .env("HOME", root)
        .status()
        .unwrap();
    assert!(status.success());
    let copy = resaved.join("dinh-lap.xlsx");
    assert!(copy.is_file());
    assert_ne!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&filled).unwrap(),
        "LibreOffice wrote its own file"
    );
    std::fs::copy(
        root.join("inbox/bien-ban.pdf"),
        resaved.join("bien-ban.pdf"),
    )
    .unwrap();
    // And as an OpenDocument spreadsheet, which calamine reads too.
    let ods_dir = root.join("ods");
    let status = Command::new(soffice)
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(&ods_dir)
        .arg(&filled)
        .env("HOME", root)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::copy(
        root.join("inbox/bien-ban.pdf"),
        ods_dir.join("bien-ban.pdf"),
    )
    .unwrap();
    let from_ods = run(root, &[ods_dir.join("dinh-lap.ods")], true);
    assert!(
        from_ods.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        from_ods.diagnostics
    );
    let from_excel = run(root, &[filled], true);
    assert_eq!(from_excel.imported[0].changes, from_ods.imported[0].changes);
    // Not only the figures: texts, evidence, reply, sources and cells, all of it.
    assert_eq!(
        from_excel.imported[0].text,
        from_ods.imported[0].text.replace(".ods", ".xlsx")
    );
    let from_libreoffice = run(root, &[copy], true);
    assert!(
        from_libreoffice.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        from_libreoffice.diagnostics
    );
    assert_eq!(
        from_excel.imported[0].changes,
        from_libreoffice.imported[0].changes
    );
    assert_eq!(
        from_excel.imported[0].text,
        from_libreoffice.imported[0].text
    );
    assert!(!from_libreoffice.imported[0].changes.is_empty());
}

#[test]
fn the_example_ships_a_returned_workbook_that_its_answers_were_imported_from() {
    let project = example_copy();
    let root = project.path();
    let reply = root.join("data/2022/replies/bac-son.xlsx");
    let book = inspect(&reply);
    assert_eq!(book["Biểu mẫu 11"]["cells"]["D11"], 2.9);
    // Received as recorded: no `--received`.
    let options = ImportOptions {
        dry_run: true,
        received: None,
    };
    let report = import(root, &[reply], &options);
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    let imported = &report.imported[0];
    assert_eq!(imported.answers, Path::new("data/2022/bac-son.yaml"));
    assert!(
        !imported.changed,
        "data/2022/bac-son.yaml is what the shipped reply gives"
    );
    // A problem in an imported figure is reported at its cell, also by `check`.
    crate::support::alter(
        root,
        "data/2022/bac-son.yaml",
        "numerator: 2.9",
        "numerator: -2.9",
    );
    let check = vanban::app::check::check_with(root, vanban::app::Chase::default());
    assert!(
        check.diagnostics.iter().any(|d| d.is_error()
            && d.position.file == Path::new("data/2022/replies/bac-son.xlsx!'Biểu mẫu 11'!D11")),
        "{:?}",
        check.diagnostics
    );
}

#[test]
fn a_form_of_a_letter_numbered_otherwise_than_registered_is_refused() {
    let project = built();
    let root = project.path();
    let letter = PathBuf::from("letters/2022/de-nghi-cung-cap-thong-tin.yaml");
    let date = chrono::NaiveDate::from_ymd_opt(2023, 2, 6).unwrap();
    vanban::app::register::register(root, &letter, 12, date).expect("registered");
    // The register numbered the per-agency letters; the form a clerk sends says its number.
    let build = vanban::app::build::build(root, &root.join("out"), &|_| {});
    assert!(build.fatal.is_none());
    let form = inspect(&root.join(LETTER).join("bac-son.xlsx"));
    let number = form["vanban"]["cells"]["B5"].as_str().unwrap().to_string();
    assert!(number.ends_with("/STNMT-BVMT"), "{number}");
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let right = inbox.join("right.xlsx");
    fill(
        &root.join(LETTER).join("bac-son.xlsx"),
        &right,
        &["Biểu mẫu 11!D11=n:2.9", "Biểu mẫu 11!E11=n:16.5"],
    );
    let report = run(root, std::slice::from_ref(&right), true);
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    let wrong = inbox.join("wrong.xlsx");
    fill(&right, &wrong, &["vanban!B5=s:99/STNMT-BVMT"]);
    let report = run(root, &[wrong], false);
    assert!(report.imported.is_empty());
    assert!(
        report.diagnostics.iter().any(|d| d.is_error()
            && d.position.file == Path::new("inbox/wrong.xlsx")
            && d.message.contains(&format!(
                "registered as number {}",
                number.split('/').next().unwrap()
            ))),
        "{:?}",
        report.diagnostics
    );
}

#[test]
fn budget_figures_come_back_with_how_final_they_are_and_their_year() {
    let project = built();
    let root = project.path();
    let form = root.join(LETTER).join("so-tai-chinh.xlsx");
    // The budget indicator's sheet asks, below its rows, for the status (a list) and the year.
    let sheet = &inspect(&form)["Biểu mẫu 24"];
    assert_eq!(sheet["cells"]["B18"], "Tình trạng số liệu ngân sách");
    assert_eq!(sheet["cells"]["B19"], "Năm ngân sách");
    let validations = sheet["validations"].as_array().unwrap();
    assert!(
        validations.iter().any(|v| v["range"] == "D18"
            && v["type"] == "list"
            && v["formula"].as_str().unwrap().contains("quyết toán")),
        "{validations:?}"
    );
    let unlocked = sheet["unlocked"].as_array().unwrap();
    assert!(unlocked.contains(&"D18".into()) && unlocked.contains(&"D19".into()));
    // Another indicator's sheet does not ask.
    assert!(
        inspect(&root.join(LETTER).join("so-xay-dung.xlsx"))["Biểu mẫu 01"]["cells"]
            .as_object()
            .unwrap()
            .values()
            .all(|v| v != "Tình trạng số liệu ngân sách")
    );

    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let filled = inbox.join("so-tai-chinh.xlsx");
    let figures = [
        "Thông tin chung!B9=s:605/STC-QLNS",
        "Thông tin chung!B10=d:2023-03-08",
        "Biểu mẫu 24!D11=n:120000",
        "Biểu mẫu 24!E11=n:12000000",
    ];
    // A status the list does not offer (typed past Excel's check) is an error at its cell.
    let mut wrong = figures.to_vec();
    wrong.push("Biểu mẫu 24!D18=s:sơ bộ");
    fill(&form, &filled, &wrong);
    let refused = run(root, std::slice::from_ref(&filled), true);
    assert!(
        refused.diagnostics.iter().any(|d| d.is_error()
            && d.position
                .file
                .to_string_lossy()
                .ends_with("so-tai-chinh.xlsx!'Biểu mẫu 24'!D18")
            && d.message.contains("sơ bộ")),
        "{:?}",
        refused.diagnostics
    );
    // Left empty, the status recorded before is kept, not lost.
    fill(&form, &filled, &figures);
    let kept = run(root, std::slice::from_ref(&filled), false);
    assert!(
        kept.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        kept.diagnostics
    );
    let yaml = std::fs::read_to_string(root.join("data/2022/so-tai-chinh.yaml")).unwrap();
    assert!(
        yaml.contains("status: \"ước thực hiện\"\n    reference_year: 2022"),
        "{yaml}"
    );
    // Given, it is imported with its year, and the report prints it beside the figures.
    let mut given = figures.to_vec();
    given.extend(["Biểu mẫu 24!D18=s:quyết toán", "Biểu mẫu 24!D19=n:2022"]);
    fill(&form, &filled, &given);
    let done = run(root, std::slice::from_ref(&filled), false);
    assert!(
        done.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        done.diagnostics
    );
    let yaml = std::fs::read_to_string(root.join("data/2022/so-tai-chinh.yaml")).unwrap();
    assert!(
        yaml.contains("status: \"quyết toán\"\n    reference_year: 2022"),
        "{yaml}"
    );
    let out = root.join("out");
    let report = vanban::app::build::build(root, &out, &|_| {});
    assert!(report.failed == 0, "{:?}", report.diagnostics);
    let text = crate::support::squash(&crate::support::pdf_text(
        &out.join("2022/bao-cao-ket-qua.pdf"),
    ));
    assert!(
        text.contains(&crate::support::squash(
            "Tình trạng số liệu ngân sách: quyết toán năm 2022 (Sở Tài chính)."
        )),
        "{text}"
    );
}

#[test]
fn an_evidence_file_named_on_a_mac_is_found_and_kept_under_its_composed_name() {
    use unicode_normalization::UnicodeNormalization;
    let project = built();
    let root = project.path();
    // The agency typed the name in the workbook (composed accents); its zip, made on a Mac,
    // named the file with decomposed ones: the same on screen, not to the file system.
    let composed = "Biên bản họp.pdf";
    let decomposed: String = composed.nfd().collect();
    assert_ne!(composed, decomposed);
    let filled = dinh_lap_filled_with(root, &decomposed, composed);
    let done = run(root, &[filled], false);
    assert!(
        done.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        done.diagnostics
    );
    let kept = root.join("data/evidence/2022/dinh-lap").join(composed);
    assert_eq!(std::fs::read(&kept).unwrap(), b"%PDF minh chung");
    let yaml = std::fs::read_to_string(root.join("data/2022/dinh-lap.yaml")).unwrap();
    assert!(
        yaml.contains(&format!("file: \"data/evidence/2022/dinh-lap/{composed}\"")),
        "{yaml}"
    );
    let (_, diagnostics) = vanban::app::documents(root, false);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");

    // Copied by hand under the Mac's name, the file is not the one the answer names: said so,
    // with the file that is there. (A Mac's own file system finds it under either name.)
    if cfg!(target_os = "macos") {
        return;
    }
    std::fs::rename(&kept, kept.with_file_name(&decomposed)).unwrap();
    let (_, diagnostics) = vanban::app::documents(root, false);
    let missing = diagnostics
        .iter()
        .find(|d| d.is_error() && d.message.contains("does not exist"))
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    let hint = missing.hint.as_deref().unwrap_or_default();
    assert!(
        hint.contains(&decomposed) && hint.contains("retype"),
        "{hint}"
    );
}

#[test]
fn a_figure_whose_cell_shows_another_number_is_an_error_at_its_cell() {
    let project = built();
    let root = project.path();
    // "45%" typed into a figure cell (Excel keeps 0.45 and formats the cell as a
    // percentage), and a format that shows thousands: the agency checked 45% and 7,850.
    let shown = returned(
        root,
        "bac-son",
        &[
            "Biểu mẫu 11!D11=n:0.45@0%",
            "Biểu mẫu 11!E11=n:16.5",
            "Biểu mẫu 26!D11=n:7850000@#,##0,",
            "Biểu mẫu 26!E11=n:9000000",
        ],
    );
    // The same cells in an OpenDocument file, as LibreOffice saves the form: calamine gives
    // no formats there, vanban reads them from the file.
    let ods_dir = root.join("ods");
    let status = Command::new(soffice())
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(&ods_dir)
        .arg(&shown)
        .env("HOME", root)
        .status()
        .unwrap();
    assert!(status.success());
    let before = std::fs::read(root.join("data/2022/bac-son.yaml")).unwrap();
    for (file, dry_run) in [
        (&shown, true),
        (&shown, false),
        (&ods_dir.join("bac-son.ods"), false),
    ] {
        let report = run(root, std::slice::from_ref(file), dry_run);
        let errors: Vec<String> = report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{} | {}", d.position.file.display(), d.message))
            .collect();
        let shown_as = file.strip_prefix(root).unwrap().display().to_string();
        assert_eq!(
            errors,
            [
                format!(
                    "{shown_as}!'Biểu mẫu 11'!D11 | this cell shows 45% but holds 0,45: its number format shows another figure than the one it holds"
                ),
                format!(
                    "{shown_as}!'Biểu mẫu 26'!D11 | this cell shows 7850 but holds 7850000: its number format shows another figure than the one it holds"
                ),
            ]
        );
        assert!(report.imported.is_empty());
        assert_eq!(report.exit_code(), 1);
    }
    assert_eq!(
        std::fs::read(root.join("data/2022/bac-son.yaml")).unwrap(),
        before
    );
    // The same figures typed plainly go in.
    let plain = returned(
        root,
        "bac-son",
        &[
            "Biểu mẫu 11!D11=n:0.45",
            "Biểu mẫu 11!E11=n:16.5",
            "Biểu mẫu 26!D11=n:7850000",
            "Biểu mẫu 26!E11=n:9000000",
            // An answer typed as "100%" in a text cell stays what the agency wrote.
            "Nội dung khác!C4=n:1@0%",
        ],
    );
    let report = run(root, std::slice::from_ref(&plain), true);
    assert!(
        report.imported[0].text.contains("answer: \"100%\""),
        "{}",
        report.imported[0].text
    );
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("number format")),
        "{:?}",
        report.diagnostics
    );
    assert_eq!(report.imported.len(), 1, "{:?}", report.diagnostics);
    // A legacy .xls says nothing of its formats that vanban can read: a warning says so.
    let xls_dir = root.join("xls");
    let status = Command::new(soffice())
        .args(["--headless", "--convert-to", "xls", "--outdir"])
        .arg(&xls_dir)
        .arg(&plain)
        .env("HOME", root)
        .status()
        .unwrap();
    assert!(status.success());
    let report = run(root, &[xls_dir.join("bac-son.xls")], true);
    let warned: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| format!("{} | {}", d.position.file.display(), d.message))
        .collect();
    assert!(
        warned.contains(&"xls/bac-son.xls | vanban cannot see how the cells of `xls/bac-son.xls` show their numbers: a figure typed as 45% is read as 0.45".to_string()),
        "{warned:?}"
    );
    assert_eq!(report.imported.len(), 1, "{:?}", report.diagnostics);
}

#[test]
fn a_percentage_typed_in_a_row_counted_in_percent_is_the_percentage_shown() {
    // A total asked in percent: the example's indicator 21 (Sở Công Thương) made one.
    let project = example_copy();
    let root = project.path();
    let catalogue = root.join("data/indicators.yaml");
    let text = std::fs::read_to_string(&catalogue).unwrap();
    let edited = text.replace(
        "unit: \"kWh\"\n        group: \"I\"\n        compute: \"total\"\n        decimals: 0\n        form_unit: \"kWh\"",
        "unit: \"%\"\n        group: \"I\"\n        compute: \"total\"\n        decimals: 1\n        form_unit: \"%\"",
    );
    assert_ne!(edited, text, "indicator 21 is where this test expects it");
    std::fs::write(&catalogue, edited).unwrap();
    let report = vanban::app::build::build(root, &root.join("out"), &|_| {});
    assert!(
        report.fatal.is_none() && report.failed == 0,
        "{:?}",
        report.diagnostics
    );
    let returned = returned(root, "so-cong-thuong", &["Biểu mẫu 21!D11=n:0.455@0.0%"]);
    let report = run(root, &[returned], true);
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    let changes = &report.imported[0].changes;
    assert!(
        changes
            .iter()
            .any(|c| c.what.starts_with("Chỉ số 21") && c.after.as_deref() == Some("45,5")),
        "{changes:?}"
    );
}
