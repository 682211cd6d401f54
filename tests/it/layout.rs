//! Layout of the example letters, read from Typst's laid-out frames: page, margins, header
//! columns, number and date line, "Kính gửi", body paragraphs, page numbers and the closing
//! block, against ND 30/2020 Phụ lục I as summarised in shared/domain/nd30.md.

use crate::support::{Run, example, layout, line, lines, mm, rules, runs};

const COMBINED: &str = "2022/de-nghi-cung-cap-thong-tin.pdf";
const TOL: f64 = 0.6;

fn centre(r: &Run) -> f64 {
    r.x + r.width / 2.0
}

fn body_lines() -> (Vec<Run>, Vec<Run>) {
    let doc = layout(&example(), COMBINED);
    let all = runs(&doc);
    (all.clone(), lines(&all))
}

#[test]
fn page_is_a4_portrait_and_text_stays_inside_the_margins() {
    let doc = layout(&example(), COMBINED);
    assert!(
        doc.pages().len() >= 2,
        "the combined letter runs over several pages"
    );
    for page in doc.pages() {
        let size = page.frame.size();
        assert!((size.x.to_pt() - 595.276).abs() < 0.1 && (size.y.to_pt() - 841.89).abs() < 0.1);
    }
    let (left, right, top, bottom) = (mm(30.0), mm(210.0 - 15.0), mm(20.0), mm(297.0 - 20.0));
    for r in runs(&doc) {
        if r.y < top {
            // Only the page number may stand in the top margin.
            assert!(
                r.text.trim().parse::<u32>().is_ok(),
                "{:?} in the top margin",
                r.text
            );
            continue;
        }
        assert!(
            r.x >= left - TOL,
            "{:?} starts left of the margin at {}",
            r.text,
            r.x
        );
        assert!(
            r.x + r.ink_width <= right + TOL,
            "{:?} runs into the right margin: {} > {}",
            r.text,
            r.x + r.ink_width,
            right
        );
        assert!(r.y <= bottom, "{:?} sits in the bottom margin", r.text);
        assert!(
            r.size >= 11.0 - 0.01 && r.size <= 14.0 + 0.01,
            "{:?} has size {}",
            r.text,
            r.size
        );
    }
}

#[test]
fn header_columns_follow_mau_1_5() {
    let (_, l) = body_lines();
    let text_left = mm(30.0);
    let text_width = mm(165.0);
    let governing = line(&l, "UBND TỈNH LẠNG SƠN");
    let agency = line(&l, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG");
    let national = line(&l, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    let motto = line(&l, "Độc lập - Tự do - Hạnh phúc");
    // Governing body upright, agency bold, both 12–13 pt, centred on one axis in the left column.
    assert!(!governing.bold && agency.bold);
    for r in [governing, agency, national] {
        assert!(
            (12.0..=13.0).contains(&r.size),
            "{:?} is {} pt",
            r.text,
            r.size
        );
    }
    assert!((centre(governing) - centre(agency)).abs() < 1.0);
    assert!(
        centre(agency) < text_left + text_width / 2.0,
        "agency block is in the left column"
    );
    // Quốc hiệu bold caps on the first line, right column; Tiêu ngữ bold 13–14 pt centred under it.
    assert!(national.bold && motto.bold && (13.0..=14.0).contains(&motto.size));
    assert!(centre(national) > text_left + text_width / 2.0);
    assert!((centre(national) - centre(motto)).abs() < 1.0);
    assert!(
        (national.y - governing.y).abs() < TOL,
        "both columns start on the same line"
    );
    assert!(
        motto.y > national.y && motto.y - national.y < 2.0 * motto.size,
        "single-spaced"
    );
    // The sizes change together (footnote 2): Quốc hiệu 12 / Tiêu ngữ 13 or 13 / 14.
    assert!((motto.size - national.size - 1.0).abs() < 0.01);

    let doc = layout(&example(), COMBINED);
    let rules: Vec<_> = rules(&doc)
        .into_iter()
        .filter(|r| r.page == 1 && r.y < mm(80.0))
        .collect();
    let under_motto = rules
        .iter()
        .find(|r| {
            r.y > motto.y
                && r.y - motto.y < 8.0
                && (r.x + r.length / 2.0 - centre(motto)).abs() < 1.0
        })
        .expect("a rule under the Tiêu ngữ");
    assert!(
        (under_motto.length - motto.width).abs() < 1.0,
        "the rule is as wide as the Tiêu ngữ"
    );
    let under_agency = rules
        .iter()
        .find(|r| {
            r.y > agency.y
                && r.y - agency.y < 8.0
                && (r.x + r.length / 2.0 - centre(agency)).abs() < 1.0
        })
        .expect("a rule under the agency name");
    let ratio = under_agency.length / agency.width.min(mm(72.0));
    assert!(
        (1.0 / 3.0..=0.5).contains(&ratio),
        "agency rule is {ratio:.2} of the line"
    );
}

#[test]
fn number_date_and_subject_lines() {
    let (_, l) = body_lines();
    let agency = line(&l, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG");
    let motto = line(&l, "Độc lập - Tự do - Hạnh phúc");
    let number = line(&l, "Số:");
    // The blank for the number splits the line; its symbol part stands on the same baseline.
    let symbol = l
        .iter()
        .find(|r| r.text.starts_with('/') && (r.y - number.y).abs() < 0.1)
        .expect("the symbol after the blank");
    let number = &Run {
        text: format!("{} {}", number.text.trim_end(), symbol.text),
        width: symbol.x + symbol.width - number.x,
        ..number.clone()
    };
    let date = line(&l, "Lạng Sơn, ngày");
    let rest = l
        .iter()
        .find(|r| r.text.starts_with("tháng") && (r.y - date.y).abs() < 0.1)
        .expect("the date after the blank day");
    let date = &Run {
        text: format!("{} {}", date.text.trim_end(), rest.text),
        width: rest.x + rest.width - date.x,
        ..date.clone()
    };
    let subject = line(&l, "V/v ");
    assert!((number.size - 13.0).abs() < 0.01 && !number.bold && !number.italic);
    assert!(
        number.text.ends_with("/STNMT-BVMT"),
        "draft number form: {:?}",
        number.text
    );
    assert!(
        (centre(number) - centre(agency)).abs() < 2.0,
        "Số is centred under the agency"
    );
    assert!(date.italic && (13.0..=14.0).contains(&date.size));
    assert!(date.text.ends_with("tháng 02 năm 2023"), "{:?}", date.text);
    assert!(
        (number.y - date.y).abs() < 0.1,
        "Số and the date line share a baseline"
    );
    assert!(
        (centre(date) - centre(motto)).abs() < 2.0,
        "date centred under the Tiêu ngữ"
    );
    assert!((12.0..=13.0).contains(&subject.size) && !subject.bold);
    assert!(
        subject.y - number.y >= subject.size + 6.0 - TOL,
        "6 pt between Số and V/v"
    );
    assert!(
        (centre(subject) - centre(number)).abs() < 3.0,
        "V/v centred under Số"
    );
}

#[test]
fn kinh_gui_lists_several_recipients_as_aligned_dash_lines() {
    // ND 30 Phụ lục I §II.9.d, as in the seed: "Kính gửi:" alone on its line, then one dash
    // line per recipient, the dashes aligned under its colon.
    let (_, l) = body_lines();
    let kg = line(&l, "Kính gửi:");
    let first = l
        .iter()
        .position(|r| r.text.starts_with("Kính gửi:"))
        .unwrap();
    assert_eq!(kg.text, "Kính gửi:", "Kính gửi stands alone");
    let dashes: Vec<&Run> = l[first + 1..]
        .iter()
        .take_while(|r| !r.text.starts_with("Thực hiện"))
        .filter(|r| r.text.starts_with("- "))
        .collect();
    assert_eq!(dashes.len(), 6, "six recipient lines");
    assert!(dashes[0].text.starts_with("- Các Sở:"));
    assert!(dashes[0].y > kg.y, "the first dash line is below Kính gửi");
    let dash_x = dashes[0].x;
    for d in &dashes {
        assert!((d.x - dash_x).abs() < TOL, "dash lines align");
        assert!((13.0..=14.0).contains(&d.size) && !d.bold);
    }
    // Each recipient's last line ends with ";" (the first wraps onto a second line).
    let first_ends = l[first + 1..]
        .iter()
        .take_while(|r| r.text != dashes[1].text)
        .last()
        .unwrap();
    assert!(first_ends.text.ends_with(';'), "{:?}", first_ends.text);
    assert!(dashes[1..5].iter().all(|d| d.text.ends_with(';')));
    assert!(
        dashes[5].text.ends_with("Văn Quan."),
        "last recipient ends with a full stop"
    );
    // Under the colon: right of "Kính gửi", left of the colon's end.
    let colon = kg.x + kg.ink_width;
    assert!(
        dash_x > colon - 6.0 && dash_x < colon,
        "dash at {dash_x}, colon ends at {colon}"
    );
}

#[test]
fn one_recipient_stands_on_the_kinh_gui_line() {
    let doc = layout(&example(), "2022/de-nghi-cung-cap-thong-tin/so-y-te.pdf");
    let l = lines(&runs(&doc));
    let kg = line(&l, "Kính gửi:");
    assert_eq!(kg.text, "Kính gửi: Sở Y tế.");
}

#[test]
fn body_is_justified_indented_and_spaced() {
    let (_, l) = body_lines();
    let start = l
        .iter()
        .position(|r| r.text.starts_with("Thực hiện ý kiến"))
        .unwrap();
    let first = &l[start];
    let (left, right) = (mm(30.0), mm(195.0));
    assert!((13.0..=14.0).contains(&first.size) && !first.bold);
    let indent = first.x - left;
    assert!(
        (indent - mm(10.0)).abs() < TOL || (indent - mm(12.7)).abs() < TOL,
        "first-line indent {indent}"
    );
    let second = &l[start + 1];
    assert!(
        (second.x - left).abs() < TOL,
        "following lines start at the margin"
    );
    assert!(
        (second.x + second.ink_width - right).abs() < 1.0,
        "justified to the right margin"
    );
    let spacing = second.y - first.y;
    assert!(
        spacing >= 1.149 * first.size - TOL && spacing <= 1.724 * first.size + TOL,
        "line spacing {spacing}"
    );
    // The next paragraph (the first section heading) starts at least 6 pt further down.
    let heading = l
        .iter()
        .position(|r| r.text.starts_with("1. Sở Xây dựng"))
        .unwrap();
    let gap = l[heading].y - l[heading - 1].y;
    assert!(
        gap - spacing >= 6.0 - TOL,
        "paragraph spacing {} pt",
        gap - spacing
    );
}

#[test]
fn page_numbers_start_on_page_two_centred_in_the_top_margin() {
    let (all, _) = body_lines();
    let top = mm(20.0);
    assert!(
        !all.iter().any(|r| r.page == 1 && r.y < top),
        "page 1 has no number"
    );
    let pages = all.iter().map(|r| r.page).max().unwrap();
    for p in 2..=pages {
        let n = all
            .iter()
            .find(|r| r.page == p && r.y < top)
            .unwrap_or_else(|| panic!("page {p} has no number"));
        assert_eq!(n.text, p.to_string());
        assert!((13.0..=14.0).contains(&n.size) && !n.bold);
        assert!(
            (centre(n) - (mm(30.0) + mm(165.0) / 2.0)).abs() < 1.0,
            "centred on the text area"
        );
    }
}

#[test]
fn closing_block_has_noi_nhan_level_with_the_authority_line() {
    let (_, l) = body_lines();
    let noi_nhan = line(&l, "Nơi nhận:");
    let authority = line(&l, "KT. GIÁM ĐỐC");
    let title = line(&l, "PHÓ GIÁM ĐỐC");
    let name = line(&l, "Nguyễn Hữu Trực");
    assert!(noi_nhan.bold && noi_nhan.italic && (noi_nhan.size - 12.0).abs() < 0.01);
    assert!(
        (noi_nhan.x - mm(30.0)).abs() < TOL,
        "Nơi nhận is flush with the left margin"
    );
    assert!(
        (noi_nhan.y - authority.y).abs() < 0.1,
        "Nơi nhận shares the authority line's baseline"
    );
    assert_eq!(noi_nhan.page, authority.page);
    for r in [authority, title] {
        assert!(r.bold && (13.0..=14.0).contains(&r.size));
    }
    assert!(
        (centre(authority) - centre(title)).abs() < 1.0
            && (centre(title) - centre(name)).abs() < 1.0
    );
    assert!(
        centre(authority) > mm(30.0) + mm(165.0) / 2.0,
        "signature block in the right half"
    );
    assert!(
        name.bold && name.y - title.y > mm(20.0),
        "room for the signature"
    );
    let items: Vec<&Run> = l
        .iter()
        .filter(|r| {
            r.page == noi_nhan.page
                && r.y > noi_nhan.y
                && r.x < mm(100.0)
                && r.text.starts_with("- ")
        })
        .collect();
    assert_eq!(items.first().map(|r| r.text.as_str()), Some("- Như trên;"));
    assert_eq!(
        items.last().map(|r| r.text.as_str()),
        Some("- Lưu: VT, BVMT.")
    );
    assert!(
        items
            .iter()
            .all(|r| (r.size - 11.0).abs() < 0.01 && !r.bold && (r.x - mm(30.0)).abs() < TOL)
    );
}

#[test]
fn a_letter_laid_out_after_its_sibling_takes_one_pass_and_the_same_pages() {
    use vanban::compile::{Engine, Seeds};
    let root = example();
    let (jobs, diags) = vanban::app::documents(&root, false);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let job = |output: &str| {
        jobs.iter()
            .find(|j| j.output == std::path::Path::new(output))
            .unwrap_or_else(|| panic!("no job writes {output}"))
    };
    let engine = Engine::new(&root).unwrap();
    let pages = |output: &str, seeds: &mut Seeds| {
        let j = job(output);
        let document = engine
            .layout_seeded(j.template.file_name(), j.input().to_vec(), seeds)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let frames: Vec<u128> = document
            .pages()
            .iter()
            .map(|p| typst::utils::hash128(&p.frame))
            .collect();
        (frames, seeds.passes())
    };
    let sibling = "2022/de-nghi-cung-cap-thong-tin/bac-son.pdf";
    let letter = "2022/de-nghi-cung-cap-thong-tin/binh-gia.pdf";
    let (alone, passes) = pages(letter, &mut Seeds::default());
    assert_eq!(passes, 2, "a numbered letter takes two passes from nothing");
    assert_eq!(alone.len(), 2);

    let mut seeds = Seeds::default();
    let (first, _) = pages(sibling, &mut seeds);
    assert_ne!(first, alone, "the siblings differ (recipient)");
    assert_eq!(pages(letter, &mut seeds), (alone.clone(), 1));

    // The four-page combined letter, same template, seeds it too: whatever it answers, the
    // pages stay the same (a seed that answers wrongly is tested in src/compile/passes.rs).
    let mut seeds = Seeds::default();
    pages("2022/de-nghi-cung-cap-thong-tin.pdf", &mut seeds);
    assert_eq!(pages(letter, &mut seeds).0, alone);
}
