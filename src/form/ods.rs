//! What calamine does not say of an OpenDocument spreadsheet (`.ods`, as LibreOffice saves a
//! reply form): which cells show another number than they hold. calamine gives an `.ods`
//! cell's value only; a percentage cell (`office:value-type="percentage"`, typed as `45%`)
//! holds 0.45, and a number style with a display factor (`number:display-factor="1000"`)
//! shows 7850000 as 7,850. This reads `content.xml` and `styles.xml` for those cells, by
//! those two attributes of OpenDocument 1.3 Part 3 (`office:value-type`,
//! `number:display-factor`).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

/// For each sheet, the cells (row, column, 0-based as calamine counts them) whose shown
/// number is the held one times ten to a power other than 0, with that power.
pub(super) type ShownPowers = HashMap<String, HashMap<(u32, u32), i32>>;

/// Columns looked at: a form's figures stand in its first eight columns, while a sheet's
/// last cell is often repeated sixteen thousand times.
const COLUMN_CAP: u32 = 16;
/// Cells recorded in a file, at most: a hostile file cannot make the reader slow or big
/// (more is "cannot read", an error).
const CELL_CAP: usize = 1 << 20;
/// The largest part of the file read: a reply form's `content.xml` is some hundred kilobytes.
const PART_CAP: u64 = 64 << 20;
/// Parent styles followed, at most (a cycle in an edited file ends there).
const PARENT_CAP: usize = 16;

/// A cell style: its own number style, if it names one, and the style it inherits from.
#[derive(Default)]
struct CellStyle {
    data: Option<String>,
    parent: Option<String>,
}

/// The cells of the `.ods` at `path` that show another number than they hold; none when the
/// file cannot be read as one.
pub(super) fn shown_powers(path: &Path) -> Option<ShownPowers> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let mut part = |name: &str| -> Option<Option<String>> {
        let Ok(file) = zip.by_name(name) else {
            return Some(None);
        };
        if file.size() > PART_CAP {
            return None;
        }
        let mut text = String::new();
        file.take(PART_CAP).read_to_string(&mut text).ok()?;
        Some(Some(text))
    };
    let content = part("content.xml")??;
    let styles = part("styles.xml")?.unwrap_or_default();
    let mut number_styles = HashMap::new();
    let mut cell_styles = HashMap::new();
    for xml in [&styles, &content] {
        read_styles(xml, &mut number_styles, &mut cell_styles)?;
    }
    read_cells(&content, &|name| power_of(name, &number_styles, &cell_styles))
}

/// The power a cell style shows numbers at: its number style's, or (without one of its own)
/// its parent's.
fn power_of(name: Option<&str>, numbers: &HashMap<String, i32>, cells: &HashMap<String, CellStyle>) -> i32 {
    let mut style = name.and_then(|n| cells.get(n));
    for _ in 0..PARENT_CAP {
        let Some(this) = style else {
            return 0;
        };
        if let Some(data) = &this.data {
            return numbers.get(data).copied().unwrap_or(0);
        }
        style = this.parent.as_deref().and_then(|p| cells.get(p));
    }
    0
}

/// The power of each number style (−3 for a display factor of 1000, 2 for a percentage
/// style, 0 for one that shows what it holds) and each cell style; none when the XML is
/// not well formed.
fn read_styles(xml: &str, numbers: &mut HashMap<String, i32>, cells: &mut HashMap<String, CellStyle>) -> Option<()> {
    let mut reader = quick_xml::Reader::from_str(xml);
    // The number or currency style being read, whose `number:number` may scale.
    let mut number_style: Option<String> = None;
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) if matches!(e.name().as_ref(), "number:number-style" | "number:currency-style") => {
                number_style = None;
                continue;
            }
            Ok(Event::Eof) => return Some(()),
            Err(_) => return None,
            _ => continue,
        };
        match e.name().as_ref() {
            "number:number-style" | "number:currency-style" => {
                if let Some(name) = attribute(&e, "style:name") {
                    // A later definition of a name replaces an earlier one, scaled or not.
                    numbers.insert(name.clone(), 0);
                    number_style = (!empty).then_some(name);
                }
            }
            "number:percentage-style" => {
                if let Some(name) = attribute(&e, "style:name") {
                    numbers.insert(name, 2);
                }
            }
            "number:number" => {
                let factor = attribute(&e, "number:display-factor").and_then(|f| f.parse::<f64>().ok());
                if let (Some(style), Some(factor)) = (&number_style, factor)
                    && factor.is_finite()
                    && factor > 0.0
                    && factor != 1.0
                {
                    // Any factor shows another number; its power, for the message, bounded.
                    let power = -(factor.log10().round() as i32).clamp(-15, 15);
                    numbers.insert(style.clone(), if power == 0 { -1 } else { power });
                }
            }
            "style:style" => {
                if let Some(name) = attribute(&e, "style:name") {
                    let style = CellStyle {
                        data: attribute(&e, "style:data-style-name"),
                        parent: attribute(&e, "style:parent-style-name"),
                    };
                    cells.insert(name, style);
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
                // Only a cell with a value can show one: calamine reads the others as empty.
                let power = match attribute(&e, "office:value-type").as_deref() {
                    None => 0,
                    Some("percentage") => 2,
                    Some(_) => power_of(style.as_deref()),
                };
                if power != 0 && column < COLUMN_CAP {
                    let cells = shown.entry(sheet.clone()).or_default();
                    for r in row..row.saturating_add(row_repeat) {
                        for c in column..column.saturating_add(n).min(COLUMN_CAP) {
                            cells.insert((r, c), power);
                            recorded += 1;
                        }
                        if recorded > CELL_CAP {
                            return None;
                        }
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

    const STYLES: &str = r#"<office:document-styles><office:styles>
        <number:number-style style:name="N1"><number:number number:display-factor="1000"/></number:number-style>
        <number:number-style style:name="N2"><number:number number:decimal-places="2"/></number:number-style>
        <number:percentage-style style:name="N3"><number:number/><number:text>%</number:text></number:percentage-style>
        <number:currency-style style:name="N4"><number:number number:display-factor="1000000"/><number:text> ₫</number:text></number:currency-style>
        <number:number-style style:name="N5"><number:number number:display-factor="1000"/></number:number-style>
        <number:number-style style:name="N6"><number:number number:display-factor="inf"/></number:number-style>
        <style:style style:name="Nghìn" style:family="table-cell" style:data-style-name="N1"/>
        </office:styles></office:document-styles>"#;
    const CONTENT: &str = r#"<office:document-content><office:automatic-styles>
        <number:number-style style:name="N5"><number:number number:decimal-places="0"/></number:number-style>
        <style:style style:name="thousands" style:family="table-cell" style:data-style-name="N1"/>
        <style:style style:name="plain" style:family="table-cell" style:data-style-name="N2"/>
        <style:style style:name="percent" style:family="table-cell" style:data-style-name="N3"/>
        <style:style style:name="millions" style:family="table-cell" style:data-style-name="N4"/>
        <style:style style:name="inherits" style:family="table-cell" style:parent-style-name="Nghìn"/>
        <style:style style:name="redefined" style:family="table-cell" style:data-style-name="N5"/>
        <style:style style:name="loop" style:family="table-cell" style:parent-style-name="loop"/>
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
          <table:table-row>
            <table:table-cell table:style-name="millions" office:value-type="currency" office:value="7000000"/>
            <table:table-cell table:style-name="inherits" office:value-type="float" office:value="7000"/>
            <table:table-cell table:style-name="percent"/>
            <table:table-cell table:style-name="redefined" office:value-type="float" office:value="7000"/>
            <table:table-cell table:style-name="loop" office:value-type="float" office:value="7"/>
          </table:table-row>
          <table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
        </table:table>
        <table:table table:name="Khác"><table:table-row><table:table-cell office:value-type="percentage" office:value="1"/></table:table-row></table:table>
        </office:spreadsheet></office:body></office:document-content>"#;

    fn read(content: &str) -> Option<ShownPowers> {
        let (mut numbers, mut cells) = (HashMap::new(), HashMap::new());
        read_styles(STYLES, &mut numbers, &mut cells)?;
        read_styles(content, &mut numbers, &mut cells)?;
        read_cells(content, &|name| power_of(name, &numbers, &cells))
    }

    #[test]
    fn cells_are_found_where_calamine_counts_them_through_repeats_and_styles() {
        let shown = read(CONTENT).unwrap();
        let mut found: Vec<_> = shown["Biểu mẫu 11"].iter().map(|(&at, &p)| (at, p)).collect();
        found.sort();
        // Row 3 (one header row, two repeated empty ones): C by its column's default style,
        // D a percentage, E covered, F plain, G by its percentage style. Row 4: millions in
        // a currency style, thousands from the parent style; an empty percent cell, a style
        // redefined as plain and a style that is its own parent show nothing else.
        assert_eq!(
            found,
            [((3, 2), -3), ((3, 3), 2), ((3, 6), 2), ((4, 0), -6), ((4, 1), -3)]
        );
        assert_eq!(shown["Khác"].get(&(0, 0)), Some(&2));
    }

    #[test]
    fn a_percentage_repeated_over_a_whole_sheet_is_read_only_as_far_as_a_form_could_go() {
        let whole = r#"<table:table table:name="S"><table:table-row table:number-rows-repeated="1048576">
            <table:table-cell table:number-columns-repeated="16384" office:value-type="percentage" office:value="1"/>
            </table:table-row></table:table>"#;
        // A million rows of sixteen form columns is more than a form ever has: not read, and
        // said; and it ends at the cap, not after sixteen million cells.
        assert!(read(whole).is_none());
        let some = whole.replace("1048576", "100");
        let shown = read(&some).unwrap();
        assert_eq!(shown["S"].len(), 100 * COLUMN_CAP as usize);
        assert_eq!(shown["S"].get(&(99, COLUMN_CAP - 1)), Some(&2));
        // A file that is no XML is not read either.
        assert!(read("<table:table table:name=\"S\"><table:table-row></table:table>").is_none());
    }
}
