//! Writes a [`Form`] as an `.xlsx` workbook with rust_xlsxwriter: a sheet of general
//! information, one "Biểu mẫu NN" sheet per requested indicator, the free-text requests, the
//! evidence list and the hidden sheet naming the letter. Input cells are unlocked and
//! yellow, everything else is protected; the cells check what the agency types (numbers ≥ 0,
//! a rate's numerator ≤ its denominator, dates) as it types.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::{
    BUDGET_STATUS_LABEL, BUDGET_STATUSES, BUDGET_YEAR_LABEL, EVIDENCE_ROWS, EVIDENCE_SHEET,
    EXTRA_ROWS, Form, FormKind, FormSheet, HEADING_ROW, INFO_SHEET,
    LAYOUT, LIST_FIRST_ROW, META_SHEET, REPLY_ROW, TEXT_SHEET, TOTAL_LABEL, col, sheet_name,
};

/// The font of every cell: the one the letters print in.
const FONT: &str = "Times New Roman";

/// The formats of a workbook.
struct Formats {
    plain: Format,
    bold: Format,
    title: Format,
    wrap: Format,
    heading: Format,
    locked: Format,
    last_year: Format,
    input: Format,
    input_text: Format,
    input_date: Format,
}

impl Formats {
    fn new() -> Self {
        let plain = Format::new().set_font_name(FONT).set_font_size(12);
        let cell = plain
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        let input = cell
            .clone()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFFF2CC));
        Self {
            bold: plain.clone().set_bold(),
            title: plain.clone().set_bold().set_font_size(13),
            wrap: plain.clone().set_text_wrap(),
            heading: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9E1F2)),
            locked: cell.clone().set_text_wrap(),
            last_year: cell
                .clone()
                .set_num_format("#,##0.##")
                .set_background_color(Color::RGB(0xEDEDED)),
            input: input.clone().set_num_format("#,##0.##"),
            input_text: input.clone().set_text_wrap(),
            input_date: input.set_num_format("dd/mm/yyyy"),
            plain,
        }
    }
}

/// The workbook's bytes. Errors are rust_xlsxwriter's (a sheet name or a validation it
/// refuses), a fault of vanban rather than of the user's data.
pub(crate) fn write(form: &Form) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut book = Workbook::new();
    // A national campaign writes a thousand of these: the fastest deflate level costs a few
    // kilobytes a file and saves most of the time spent compressing (measured with `vanban
    // bench`).
    book.set_zip_compression_level(1);
    // Fixed metadata: the same form gives the same bytes, build after build.
    let (y, m, d) = form
        .date
        .map_or((form.year + 1, 1, 1), |d| {
            use chrono::Datelike;
            (d.year(), d.month(), d.day())
        });
    let created = ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("Biểu mẫu cung cấp thông tin năm {}", form.year))
            .set_author(&form.issuer_short)
            .set_creation_datetime(&created),
    );

    info_sheet(book.add_worksheet(), form, &f)?;
    let mut placed = Vec::new();
    for sheet in &form.sheets {
        let (first, last) = indicator_sheet(book.add_worksheet(), form, sheet, &f)?;
        placed.push((sheet.number, sheet_name(sheet.form), first, last, sheet.kind));
    }
    if !form.texts.is_empty() {
        text_sheet(book.add_worksheet(), form, &f)?;
    }
    evidence_sheet(book.add_worksheet(), form, &f)?;
    meta_sheet(book.add_worksheet(), form, &placed)?;
    book.save_to_buffer()
}

/// "Công văn số 06/STNMT-BVMT ngày 15/02/2023 của Sở …" or, before registration, the
/// letter by its subject.
fn letter_reference(form: &Form) -> String {
    let number = form
        .number
        .as_deref()
        .map(|n| format!(" số {n}"))
        .unwrap_or_default();
    let date = form
        .date
        .map(|d| format!(" ngày {}", d.format("%d/%m/%Y")))
        .unwrap_or_default();
    format!(
        "Kèm theo Công văn{number}{date} của {} về việc {}",
        form.issuer_short, form.subject
    )
}

fn info_sheet(ws: &mut Worksheet, form: &Form, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(INFO_SHEET)?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 70)?;
    ws.write_string_with_format(0, 0, &form.issuer, &f.bold)?;
    ws.write_string_with_format(
        1,
        0,
        format!("BIỂU MẪU CUNG CẤP THÔNG TIN, SỐ LIỆU NĂM {}", form.year),
        &f.title,
    )?;
    ws.merge_range(2, 0, 2, 1, &letter_reference(form), &f.wrap)?;
    ws.set_row_height(2, 48)?;
    let lines: [(&str, String); 3] = [
        ("Đơn vị cung cấp:", form.recipient_name.clone()),
        ("Năm số liệu:", form.year.to_string()),
        (
            "Hạn gửi:",
            form.deadline
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_else(|| "theo công văn".to_string()),
        ),
    ];
    for (i, (label, value)) in lines.iter().enumerate() {
        let row = 4 + i as u32;
        ws.write_string_with_format(row, 0, *label, &f.plain)?;
        ws.write_string_with_format(row, 1, value, &f.bold)?;
    }
    ws.write_string_with_format(REPLY_ROW, 0, "Số văn bản trả lời:", &f.plain)?;
    ws.write_blank(REPLY_ROW, 1, &f.input_text)?;
    ws.write_string_with_format(REPLY_ROW + 1, 0, "Ngày văn bản trả lời:", &f.plain)?;
    ws.write_blank(REPLY_ROW + 1, 1, &f.input_date)?;
    ws.add_data_validation(REPLY_ROW + 1, 1, REPLY_ROW + 1, 1, &date_rule()?)?;
    let mut guide = vec![
        "Hướng dẫn điền biểu:".to_string(),
        "1. Mỗi chỉ số một trang tính “Biểu mẫu …”. Chỉ điền vào các ô nền vàng; các ô khác đã được khóa.".to_string(),
        "2. Gõ số bằng chữ số, không gõ dấu phân cách hàng nghìn, không gõ đơn vị vào ô số; số âm không được nhận.".to_string(),
        "3. Chỉ số tính theo tỷ lệ: tử số không lớn hơn mẫu số. Số liệu năm trước (nền xám) chỉ để đối chiếu.".to_string(),
        "4. Có thể thêm dòng vào các dòng trống của biểu; dòng không có số liệu thì để trống cả dòng.".to_string(),
        "5. Tài liệu minh chứng ghi ở trang “Tài liệu minh chứng”; tệp gửi kèm đặt cùng thư mục với tệp này.".to_string(),
        "6. Không đổi tên, không xóa trang tính nào; gửi lại chính tệp này sau khi điền.".to_string(),
    ];
    if form.illustrative {
        guide.push(
            "Số liệu năm trước trong biểu là SỐ LIỆU MINH HỌA, không phải số liệu chính thức."
                .to_string(),
        );
    }
    for (i, line) in guide.iter().enumerate() {
        let format = if i == 0 { &f.bold } else { &f.wrap };
        ws.merge_range(12 + i as u32, 0, 12 + i as u32, 1, line, format)?;
    }
    ws.protect();
    ws.set_active(true);
    Ok(())
}

/// A date between 2000 and 2100, as Excel checks it.
fn date_rule() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(2000, 1, 1)?,
            ExcelDateTime::from_ymd(2100, 12, 31)?,
        ))
        .set_error_title("Ngày không hợp lệ")?
        .set_error_message("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 24/02/2023.")
}

/// Writes one indicator's sheet; returns its first and last figure rows (0-based).
fn indicator_sheet(
    ws: &mut Worksheet,
    form: &Form,
    sheet: &FormSheet,
    f: &Formats,
) -> Result<(u32, u32), XlsxError> {
    ws.set_name(sheet_name(sheet.form))?;
    for (column, width) in [(0, 6), (1, 44), (2, 12), (3, 15), (4, 15), (5, 15), (6, 15), (7, 30)] {
        ws.set_column_width(column, width)?;
    }
    let this = form.year;
    let last = form.year - 1;
    ws.write_string_with_format(0, 0, sheet_name(sheet.form), &f.title)?;
    ws.merge_range(
        1,
        0,
        1,
        col::NOTE,
        &format!("Chỉ số {:02}: {}", sheet.number, sheet.name),
        &f.bold.clone().set_text_wrap(),
    )?;
    ws.set_row_height(1, 36)?;
    let denominator = match sheet.kind {
        FormKind::Rate => sheet.denominator.clone().map(|d| format!("Mẫu số: {d}")),
        FormKind::PerPopulation => Some(format!(
            "Mẫu số: {} (Cục Thống kê cung cấp; đơn vị không điền)",
            sheet.denominator.as_deref().unwrap_or("dân số")
        )),
        FormKind::Total => None,
    };
    let lines = [
        Some(format!("Đơn vị tính của chỉ số: {}", sheet.unit)),
        sheet.numerator.clone().map(|n| {
            if sheet.kind == FormKind::Total {
                format!("Số liệu: {n}")
            } else {
                format!("Tử số: {n}")
            }
        }),
        denominator,
        Some(format!("Đơn vị tính của số liệu: {}", sheet.form_unit)),
        sheet.note.clone(),
        Some(format!("Đơn vị cung cấp: {}", form.recipient_name)),
        form.illustrative.then(|| {
            format!("Số liệu năm {last} là SỐ LIỆU MINH HỌA, không phải số liệu chính thức.")
        }),
    ];
    for (i, line) in lines.into_iter().flatten().enumerate() {
        ws.merge_range(2 + i as u32, 0, 2 + i as u32, col::NOTE, &line, &f.wrap)?;
    }
    let (this_numerator, this_denominator, last_numerator, last_denominator) = match sheet.kind {
        FormKind::Total => (
            format!("Số liệu năm {this}"),
            "(không điền)".to_string(),
            format!("Số liệu năm {last}"),
            "(không dùng)".to_string(),
        ),
        FormKind::PerPopulation => (
            format!("Tử số năm {this}"),
            "Mẫu số (không điền)".to_string(),
            format!("Tử số năm {last}"),
            "(không dùng)".to_string(),
        ),
        FormKind::Rate => (
            format!("Tử số năm {this}"),
            format!("Mẫu số năm {this}"),
            format!("Tử số năm {last}"),
            format!("Mẫu số năm {last}"),
        ),
    };
    let headings = [
        "STT".to_string(),
        "Nội dung".to_string(),
        "Đơn vị tính".to_string(),
        this_numerator,
        this_denominator,
        last_numerator,
        last_denominator,
        "Ghi chú".to_string(),
    ];
    for (column, text) in headings.iter().enumerate() {
        ws.write_string(HEADING_ROW, column as u16, text)?;
    }
    ws.set_range_format(HEADING_ROW, 0, HEADING_ROW, col::NOTE, &f.heading)?;
    ws.set_row_height(HEADING_ROW, 36)?;

    let prefilled: Vec<(String, Option<f64>, Option<f64>)> = if sheet.rows.is_empty() {
        vec![(TOTAL_LABEL.to_string(), None, None)]
    } else {
        sheet
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.last_numerator, r.last_denominator))
            .collect()
    };
    let first = HEADING_ROW + 1;
    let count = prefilled.len() as u32 + EXTRA_ROWS;
    let last_row = first + count - 1;
    let asks_denominator = sheet.kind == FormKind::Rate;
    // Values go in unformatted and each column takes its format once, as a range:
    // rust_xlsxwriter hashes a format on every formatted write, and a national campaign
    // writes a thousand workbooks (measured with `vanban bench`).
    for i in 0..count {
        let row = first + i;
        let (label, last_n, last_d) = prefilled.get(i as usize).cloned().unwrap_or_default();
        ws.write_number(row, 0, f64::from(i + 1))?;
        ws.write_string(row, col::LABEL, &label)?;
        ws.write_string(row, col::UNIT, &sheet.form_unit)?;
        for (column, value) in [(col::LAST_NUMERATOR, last_n), (col::LAST_DENOMINATOR, last_d)] {
            if let Some(v) = value {
                ws.write_number(row, column, v)?;
            }
        }
    }
    let denominator_format = if asks_denominator { &f.input } else { &f.last_year };
    let columns = [
        (0, 0, &f.locked),
        (col::LABEL, col::UNIT, &f.input_text),
        (col::NUMERATOR, col::NUMERATOR, &f.input),
        (col::DENOMINATOR, col::DENOMINATOR, denominator_format),
        (col::LAST_NUMERATOR, col::LAST_DENOMINATOR, &f.last_year),
        (col::NOTE, col::NOTE, &f.input_text),
    ];
    for (from, to, format) in columns {
        ws.set_range_format(first, from, last_row, to, format)?;
    }
    // As the agency types: numbers ≥ 0, and a rate's numerator never above its denominator.
    let d = super::cell_name(first, col::NUMERATOR);
    let e = super::cell_name(first, col::DENOMINATOR);
    let numerator_rule = if asks_denominator {
        DataValidation::new().allow_custom(Formula::new(format!(
            "=AND(ISNUMBER({d}),{d}>=0,OR(ISBLANK({e}),{d}<={e}))"
        )))
    } else {
        DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
    }
    .set_error_title("Số liệu không hợp lệ")?
    .set_error_message(if asks_denominator {
        "Nhập một số không âm, không lớn hơn mẫu số cùng dòng."
    } else {
        "Nhập một số không âm (chữ số, không kèm đơn vị)."
    })?;
    ws.add_data_validation(first, col::NUMERATOR, last_row, col::NUMERATOR, &numerator_rule)?;
    if asks_denominator {
        let denominator_rule = DataValidation::new()
            .allow_custom(Formula::new(format!(
                "=AND(ISNUMBER({e}),{e}>=0,OR(ISBLANK({d}),{d}<={e}))"
            )))
            .set_error_title("Số liệu không hợp lệ")?
            .set_error_message("Nhập một số không âm, không nhỏ hơn tử số cùng dòng.")?;
        ws.add_data_validation(first, col::DENOMINATOR, last_row, col::DENOMINATOR, &denominator_rule)?;
    }
    // A budget indicator's figures say how final they are and of which year.
    let mut sign = last_row + 2;
    if sheet.budget {
        let (status, year) = (last_row + 2, last_row + 3);
        ws.write_string_with_format(status, col::LABEL, BUDGET_STATUS_LABEL, &f.bold)?;
        ws.write_blank(status, col::NUMERATOR, &f.input_text)?;
        let choices = DataValidation::new()
            .allow_list_strings(&BUDGET_STATUSES)?
            .set_error_title("Tình trạng số liệu không hợp lệ")?
            .set_error_message("Chọn dự toán, ước thực hiện hoặc quyết toán.")?;
        ws.add_data_validation(status, col::NUMERATOR, status, col::NUMERATOR, &choices)?;
        ws.write_string_with_format(year, col::LABEL, BUDGET_YEAR_LABEL, &f.bold)?;
        ws.write_blank(year, col::NUMERATOR, &f.input)?;
        let years = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(1900, 2999))
            .set_error_title("Năm không hợp lệ")?
            .set_error_message("Nhập năm ngân sách, ví dụ 2022.")?;
        ws.add_data_validation(year, col::NUMERATOR, year, col::NUMERATOR, &years)?;
        sign = year + 2;
    }
    ws.write_string_with_format(sign, col::LABEL, "Người lập biểu", &f.bold)?;
    ws.write_string_with_format(sign + 1, col::LABEL, "(Ký, ghi rõ họ tên)", &f.plain)?;
    ws.merge_range(sign, col::LAST_NUMERATOR, sign, col::NOTE, "Thủ trưởng đơn vị", &f.bold)?;
    ws.merge_range(
        sign + 1,
        col::LAST_NUMERATOR,
        sign + 1,
        col::NOTE,
        "(Ký tên, đóng dấu)",
        &f.plain,
    )?;
    ws.protect();
    Ok((first, last_row))
}

fn text_sheet(ws: &mut Worksheet, form: &Form, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(TEXT_SHEET)?;
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 60)?;
    ws.set_column_width(2, 60)?;
    ws.write_string_with_format(0, 0, "CÁC NỘI DUNG KHÁC ĐỀ NGHỊ CUNG CẤP", &f.title)?;
    for (column, text) in ["STT", "Nội dung đề nghị", "Trả lời"].iter().enumerate() {
        ws.write_string(LIST_FIRST_ROW - 1, column as u16, *text)?;
    }
    ws.set_range_format(LIST_FIRST_ROW - 1, 0, LIST_FIRST_ROW - 1, 2, &f.heading)?;
    for (i, request) in form.texts.iter().enumerate() {
        let row = LIST_FIRST_ROW + i as u32;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &f.locked)?;
        ws.write_string_with_format(row, 1, request, &f.locked)?;
        ws.write_blank(row, 2, &f.input_text)?;
        ws.set_row_height(row, 90)?;
    }
    ws.protect();
    Ok(())
}

fn evidence_sheet(ws: &mut Worksheet, form: &Form, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(EVIDENCE_SHEET)?;
    for (column, width) in [(0, 6), (1, 9), (2, 50), (3, 18), (4, 14), (5, 30)] {
        ws.set_column_width(column, width)?;
    }
    ws.write_string_with_format(0, 0, "TÀI LIỆU MINH CHỨNG GỬI KÈM", &f.title)?;
    ws.write_string_with_format(
        1,
        0,
        "Mỗi tài liệu một dòng; cột “Chỉ số” ghi số chỉ số (ví dụ 11); tệp đặt cùng thư mục với tệp này.",
        &f.plain,
    )?;
    let headings = ["STT", "Chỉ số", "Tên tài liệu", "Số, ký hiệu", "Ngày ban hành", "Tên tệp gửi kèm"];
    for (column, text) in headings.iter().enumerate() {
        ws.write_string(LIST_FIRST_ROW - 1, column as u16, *text)?;
    }
    ws.set_range_format(LIST_FIRST_ROW - 1, 0, LIST_FIRST_ROW - 1, 5, &f.heading)?;
    let last = LIST_FIRST_ROW + EVIDENCE_ROWS - 1;
    for i in 0..EVIDENCE_ROWS {
        ws.write_number(LIST_FIRST_ROW + i, 0, f64::from(i + 1))?;
    }
    // One format per column, as on an indicator sheet.
    let columns = [
        (0, 0, &f.locked),
        (1, 1, &f.input),
        (2, 3, &f.input_text),
        (4, 4, &f.input_date),
        (5, 5, &f.input_text),
    ];
    for (from, to, format) in columns {
        ws.set_range_format(LIST_FIRST_ROW, from, last, to, format)?;
    }
    let numbers: Vec<String> = form.sheets.iter().map(|s| s.number.to_string()).collect();
    if !numbers.is_empty() {
        let rule = DataValidation::new()
            .allow_list_strings(&numbers)?
            .set_error_title("Chỉ số không có trong biểu")?
            .set_error_message("Ghi số của một chỉ số có trong các trang “Biểu mẫu …”.")?;
        ws.add_data_validation(LIST_FIRST_ROW, 1, last, 1, &rule)?;
    }
    ws.add_data_validation(LIST_FIRST_ROW, 4, last, 4, &date_rule()?)?;
    ws.protect();
    Ok(())
}

fn meta_sheet(
    ws: &mut Worksheet,
    form: &Form,
    placed: &[(u32, String, u32, u32, FormKind)],
) -> Result<(), XlsxError> {
    ws.set_name(META_SHEET)?;
    let mut rows: Vec<Vec<String>> = vec![
        vec!["layout".into(), LAYOUT.into()],
        vec!["letter".into(), form.letter.clone()],
        vec!["letter_file".into(), form.letter_file.clone()],
        vec!["document".into(), form.document.clone()],
        vec!["number".into(), form.number.clone().unwrap_or_default()],
        vec!["recipient".into(), form.recipient.clone()],
        vec!["year".into(), form.year.to_string()],
    ];
    for (number, name, first, last, kind) in placed {
        rows.push(vec![
            "sheet".into(),
            number.to_string(),
            name.clone(),
            first.to_string(),
            last.to_string(),
            kind.name().into(),
        ]);
    }
    for (i, text) in form.texts.iter().enumerate() {
        rows.push(vec![
            "text".into(),
            (LIST_FIRST_ROW + i as u32).to_string(),
            text.clone(),
        ]);
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, value)?;
        }
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}
