//! What calamine does not say of an OpenDocument spreadsheet (`.ods`, as LibreOffice saves a
//! reply form): which cells show another number than they hold. calamine gives an `.ods`
//! cell's value only; a percentage cell (`office:value-type="percentage"`, typed as `45%`)
//! holds 0.45, and a number style with a display factor (`number:display-factor="1000"`)
//! shows 7850000 as 7,850. This reads `content.xml` and `styles.xml` for those cells, as
//! OpenDocument 1.3 Part 3 §19.385 (value-type) and §19.353 (display-factor) define them.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

/// For each sheet, the cells (row, column, 0-based as calamine counts them) whose shown
/// number is the held one times ten to a power other than 0, with that power.
pub(super) type ShownPowers = HashMap<String, HashMap<(u32, u32), i32>>;

/// Columns and rows looked at: a form's figures stand in its first eight columns and its
/// first few thousand rows, while a sheet's last row is often repeated a million times.
const COLUMN_CAP: u32 = 16;
const ROW_CAP: u32 = 8192;
/// Cells recorded in a file, at most: a hostile file cannot make the reader slow or big
/// (more is "cannot read", an error).
const CELL_CAP: usize = 1 << 20;
/// The largest part of the file read: a reply form's `content.xml` is some hundred kilobytes.
const PART_CAP: u64 = 64 << 20;

/// The cells of the `.ods` at `path` that show another number than they hold; none when the
/// file cannot be read as one (calamine then reports why).
pub(super) fn shown_powers(path: &Path) -> Option<ShownPowers> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let mut part = |name: &str| -> Option<String> {
        let mut text = String::new();
        zip.by_name(name).ok()?.take(PART_CAP).read_to_string(&mut text).ok()?;
        Some(text)
    };
    let content = part("content.xml")?;
    let styles = part("styles.xml").unwrap_or_default();
    let mut number_styles = HashMap::new();
    let mut cell_styles = HashMap::new();
    for xml in [&styles, &content] {
        read_styles(xml, &mut number_styles, &mut cell_styles);
    }
    let power_of = |cell_style: Option<&str>| -> i32 {
        cell_style
            .and_then(|s| cell_styles.get(s))
            .and_then(|data: &String| number_styles.get(data))
            .copied()
            .unwrap_or(0)
    };
    read_cells(&content, &power_of)
}

/// The power of each number style (−3 for a display factor of 1000, 2 for a percentage
/// style) and the number style of each cell style.
fn read_styles(xml: &str, numbers: &mut HashMap<String, i32>, cells: &mut HashMap<String, String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut number_style: Option<String> = None;
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) if e.name().as_ref() == "number:number-style" => {
                number_style = None;
                continue;
            }
            Ok(Event::Eof) | Err(_) => return,
            _ => continue,
        };
        match e.name().as_ref() {
            "number:number-style" if !empty => number_style = attribute(&e, "style:name"),
            "number:percentage-style" => {
                if let Some(name) = attribute(&e, "style:name") {
                    numbers.insert(name, 2);
                }
            }
            "number:number" => {
                let factor = attribute(&e, "number:display-factor").and_then(|f| f.parse::<f64>().ok());
                if let (Some(style), Some(factor)) = (&number_style, factor)
                    && factor > 0.0
                    && factor != 1.0
                {
                    numbers.insert(style.clone(), -(factor.log10().round() as i32));
                }
            }
            "style:style" => {
                if let (Some(name), Some(data)) = (attribute(&e, "style:name"), attribute(&e, "style:data-style-name")) {
                    cells.insert(name, data);
                }
            }
            _ => {}
        }
    }
}

/// The cells of every sheet whose style or value type shows another number; none past
/// [`CELL_CAP`] of them.
fn read_cells(xml: &str, power_of: &dyn Fn(Option<&str>) -> i32) -> Option<ShownPowers> {
    let mut shown = ShownPowers::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut sheet = String::new();
    // Each column's default cell style, as far as COLUMN_CAP.
    let mut recorded = 0usize;
    let mut column_styles: Vec<Option<String>> = Vec::new();
    let (mut row, mut column, mut row_repeat) = (0u32, 0u32, 1u32);
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeat);
                continue;
            }
            Ok(Event::Eof) => return Some(shown),
            Err(_) => return None,
            _ => continue,
        };
        let repeated = |key: &str| attribute(&e, key).and_then(|n| n.parse::<u32>().ok()).unwrap_or(1).max(1);
        match e.name().as_ref() {
            "table:table" => {
                sheet = attribute(&e, "table:name").unwrap_or_default();
                column_styles.clear();
                row = 0;
            }
            "table:table-column" => {
                let style = attribute(&e, "table:default-cell-style-name");
                let n = repeated("table:number-columns-repeated").min(COLUMN_CAP);
                for _ in 0..n {
                    if column_styles.len() < COLUMN_CAP as usize {
                        column_styles.push(style.clone());
                    }
                }
            }
            "table:table-row" => {
                column = 0;
                row_repeat = repeated("table:number-rows-repeated");
                // An empty row element has no end event: count it here.
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = repeated("table:number-columns-repeated");
                let style = attribute(&e, "table:style-name")
                    .or_else(|| column_styles.get(column as usize).cloned().flatten());
                let power = if attribute(&e, "office:value-type").as_deref() == Some("percentage") {
                    2
                } else {
                    power_of(style.as_deref())
                };
                if power != 0 && row < ROW_CAP && column < COLUMN_CAP {
                    let cells = shown.entry(sheet.clone()).or_default();
                    for r in row..row.saturating_add(row_repeat).min(ROW_CAP) {
                        for c in column..column.saturating_add(n).min(COLUMN_CAP) {
                            cells.insert((r, c), power);
                            recorded += 1;
                        }
                    }
                    if recorded > CELL_CAP {
                        return None;
                    }
                }
                column = column.saturating_add(n);
            }
            _ => {}
        }
    }
}

/// An attribute's unescaped value.
fn attribute(e: &BytesStart, key: &str) -> Option<String> {
    // LibreOffice writes XML 1.0.
    e.try_get_attribute(key)
        .ok()
        .flatten()?
        .normalized_value(quick_xml::XmlVersion::Explicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_found_where_calamine_counts_them_through_repeats_and_styles() {
        let styles = r#"<office:document-styles><office:styles>
            <number:number-style style:name="N1"><number:number number:display-factor="1000"/></number:number-style>
            <number:number-style style:name="N2"><number:number number:decimal-places="2"/></number:number-style>
            <number:percentage-style style:name="N3"><number:number/><number:text>%</number:text></number:percentage-style>
            </office:styles></office:document-styles>"#;
        let content = r#"<office:document-content><office:automatic-styles>
            <style:style style:name="thousands" style:family="table-cell" style:data-style-name="N1"/>
            <style:style style:name="plain" style:family="table-cell" style:data-style-name="N2"/>
            <style:style style:name="percent" style:family="table-cell" style:data-style-name="N3"/>
            </office:automatic-styles><office:body><office:spreadsheet>
            <table:table table:name="Biểu mẫu 11">
              <table:table-column table:number-columns-repeated="2"/>
              <table:table-column table:default-cell-style-name="thousands"/>
              <table:table-header-rows><table:table-row><table:table-cell/></table:table-row></table:table-header-rows>
              <table:table-row table:number-rows-repeated="2"/>
              <table:table-row>
                <table:table-cell table:number-columns-repeated="2"/>
                <table:table-cell office:value-type="float" office:value="7850000"/>
                <table:table-cell table:number-columns-spanned="2" office:value-type="percentage" office:value="0.45"/>
                <table:covered-table-cell/>
                <table:table-cell table:style-name="plain" office:value-type="float" office:value="1.5"/>
                <table:table-cell table:style-name="percent" office:value-type="float" office:value="0.5"/>
              </table:table-row>
              <table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
            </table:table>
            <table:table table:name="Khác"><table:table-row><table:table-cell office:value-type="percentage" office:value="1"/></table:table-row></table:table>
            </office:spreadsheet></office:body></office:document-content>"#;
        let (mut numbers, mut cells) = (HashMap::new(), HashMap::new());
        read_styles(styles, &mut numbers, &mut cells);
        read_styles(content, &mut numbers, &mut cells);
        assert_eq!(numbers.get("N1"), Some(&-3));
        assert_eq!(numbers.get("N2"), None);
        assert_eq!(numbers.get("N3"), Some(&2));
        let power_of = |style: Option<&str>| {
            style.and_then(|s| cells.get(s)).and_then(|d| numbers.get(d)).copied().unwrap_or(0)
        };
        let shown = read_cells(content, &power_of).unwrap();
        // Row 3 (one header row, two repeated empty ones): C by its column's default style,
        // D a percentage, E covered, F plain, G by its percentage style.
        let sheet = &shown["Biểu mẫu 11"];
        let mut found: Vec<_> = sheet.iter().map(|(&at, &p)| (at, p)).collect();
        found.sort();
        assert_eq!(found, [((3, 2), -3), ((3, 3), 2), ((3, 6), 2)]);
        assert_eq!(shown["Khác"].get(&(0, 0)), Some(&2));
    }

    #[test]
    fn a_percentage_repeated_over_a_whole_sheet_is_followed_only_where_forms_are() {
        let content = r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">
            <table:table-cell table:number-columns-repeated="16384" office:value-type="percentage" office:value="1"/>
            </table:table-row></table:table>"#;
        let shown = read_cells(content, &|_| 0).unwrap();
        assert_eq!(shown["S"].len(), (ROW_CAP * COLUMN_CAP) as usize);
        assert_eq!(shown["S"].get(&(ROW_CAP - 1, COLUMN_CAP - 1)), Some(&2));
        // Sheet after sheet of them is more than a form ever has: not read, and said.
        let many = content.repeat(CELL_CAP / (ROW_CAP * COLUMN_CAP) as usize + 1);
        assert!(read_cells(&many, &|_| 0).is_none());
    }
}
