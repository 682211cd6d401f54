//! Output files: every PDF is written to a temporary file beside its target and renamed into
//! place, so `out/` only ever holds complete files, old or new.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Prefix of temporary files; anything left with it after a crash is cleaned up on the next run.
const TEMP_PREFIX: &str = ".vanban-tmp-";

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes temporary files an interrupted run left below `out`; recent ones may belong to a
/// run still going (a `watch` next to a `build`) and are left alone.
pub fn clean_temporaries(out: &Path) -> Vec<PathBuf> {
    let stale = |entry: &walkdir::DirEntry| {
        entry
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|age| age > std::time::Duration::from_secs(600))
    };
    let mut removed = Vec::new();
    if !out.is_dir() {
        return removed;
    }
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let is_temp = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with(TEMP_PREFIX));
        if entry.file_type().is_file()
            && is_temp
            && stale(&entry)
            && fs::remove_file(entry.path()).is_ok()
        {
            removed.push(entry.into_path());
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small PDF as lopdf writes it, two pages, the second with an annotation on it
    /// already when `annots`, with a classic cross-reference table (as Typst writes) or a
    /// cross-reference stream.
    fn two_page_pdf(annots: bool) -> Vec<u8> {
        pdf_with(annots, lopdf::xref::XrefType::CrossReferenceTable)
    }

    fn pdf_with(annots: bool, xref: lopdf::xref::XrefType) -> Vec<u8> {
        use lopdf::{Dictionary, Object};
        let mut doc = lopdf::Document::with_version("1.7");
        doc.reference_table.cross_reference_type = xref;
        let pages_id = doc.new_object_id();
        let mut kids = Vec::new();
        for n in 0..2 {
            let mut page = Dictionary::from_iter([
                ("Type", Object::Name(b"Page".to_vec())),
                ("Parent", Object::Reference(pages_id)),
                (
                    "MediaBox",
                    Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
                ),
            ]);
            if annots && n == 1 {
                let link = doc.add_object(Dictionary::from_iter([
                    ("Type", Object::Name(b"Annot".to_vec())),
                    ("Subtype", Object::Name(b"Link".to_vec())),
                    (
                        "Rect",
                        Object::Array(vec![0.into(), 0.into(), 10.into(), 10.into()]),
                    ),
                ]));
                page.set("Annots", Object::Array(vec![Object::Reference(link)]));
            }
            kids.push(Object::Reference(doc.add_object(page)));
        }
        doc.objects.insert(
            pages_id,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Count", Object::Integer(2)),
                ("Kids", Object::Array(kids)),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages_id)),
            ("Lang", Object::string_literal("vi (Việt) ]>>")),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        doc.trailer.set(
            "ID",
            Object::Array(vec![
                Object::string_literal("a]b"),
                Object::string_literal("c)d"),
            ]),
        );
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    fn fields() -> Vec<SignatureField> {
        vec![
            SignatureField {
                name: "Chữ ký số - Trần Văn Bình".into(),
                page: 1,
                rect: [350.5, 370.25, 520.0, 455.125],
            },
            SignatureField {
                name: "Dấu - SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG".into(),
                page: 1,
                rect: [330.0, 380.0, 410.0, 450.0],
            },
        ]
    }

    /// What a reader finds in an updated PDF: per page, each annotation's (subtype,
    /// field name, rectangle), and the catalog's form fields.
    type Found = (Vec<Vec<(String, String, Vec<f32>)>>, usize);

    fn read_back(pdf: &[u8]) -> Found {
        use lopdf::Object;
        let doc = lopdf::Document::load_mem(pdf).expect("the update reads back");
        let pages = doc
            .get_pages()
            .values()
            .map(|&id| {
                let page = doc.get_dictionary(id).unwrap();
                let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
                    return Vec::new();
                };
                annots
                    .iter()
                    .map(|a| {
                        let a = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
                        let name = |k: &[u8]| {
                            a.get(k)
                                .ok()
                                .and_then(|o| lopdf::decode_text_string(o).ok())
                                .unwrap_or_default()
                        };
                        let subtype = String::from_utf8_lossy(
                            a.get(b"Subtype").and_then(Object::as_name).unwrap(),
                        )
                        .to_string();
                        let rect = a
                            .get(b"Rect")
                            .and_then(Object::as_array)
                            .unwrap()
                            .iter()
                            .map(|v| v.as_float().unwrap())
                            .collect();
                        (subtype, name(b"T"), rect)
                    })
                    .collect()
            })
            .collect();
        let catalog = doc.catalog().unwrap();
        let fields = catalog
            .get(b"AcroForm")
            .and_then(Object::as_dict)
            .and_then(|f| f.get(b"Fields"))
            .and_then(Object::as_array)
            .map_or(0, Vec::len);
        (pages, fields)
    }

    #[test]
    fn signature_fields_written_directly_read_back_as_lopdf_writes_them() {
        let pdf = two_page_pdf(false);
        let direct = append_fields_directly(&pdf, &fields()).expect("a simple PDF is handled");
        let through_lopdf = add_fields_with_lopdf(pdf.clone(), &fields()).unwrap();
        assert!(
            direct.starts_with(&pdf),
            "an incremental update keeps the original bytes"
        );
        let found = read_back(&direct);
        assert_eq!(found, read_back(&through_lopdf));
        assert_eq!(found.1, 2);
        assert!(found.0[0].is_empty());
        assert_eq!(found.0[1].len(), 2);
        assert_eq!(found.0[1][0].1, "Chữ ký số - Trần Văn Bình");
        assert_eq!(found.0[1][0].2, vec![350.5, 370.25, 520.0, 455.125]);
        // The identifier carries over whole, brackets inside its strings and all.
        let tail = String::from_utf8_lossy(&direct[pdf.len()..]).to_string();
        assert!(tail.contains("/ID[(a]b)(c\\)d)]"), "{tail}");
    }

    #[test]
    fn signature_fields_on_a_page_with_annotations_keep_them() {
        let pdf = two_page_pdf(true);
        assert!(append_fields_directly(&pdf, &fields()).is_none());
        let (pages, fields) = read_back(&add_signature_fields(pdf, &fields()).unwrap());
        let kinds: Vec<&str> = pages[1].iter().map(|a| a.0.as_str()).collect();
        assert_eq!(kinds, ["Link", "Widget", "Widget"]);
        assert_eq!(fields, 2);
    }

    #[test]
    fn signature_fields_in_a_pdf_with_a_cross_reference_stream_go_through_lopdf() {
        let pdf = pdf_with(false, lopdf::xref::XrefType::CrossReferenceStream);
        assert!(append_fields_directly(&pdf, &fields()).is_none());
        let (pages, fields) = read_back(&add_signature_fields(pdf, &fields()).unwrap());
        assert_eq!((pages[1].len(), fields), (2, 2));
    }

    #[test]
    fn signature_fields_in_a_nested_page_tree_go_through_lopdf_onto_the_right_page() {
        use lopdf::{Dictionary, Object};
        let mut doc = lopdf::Document::with_version("1.7");
        doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        let (root_pages, inner_pages) = (doc.new_object_id(), doc.new_object_id());
        let page = |doc: &mut lopdf::Document, parent| {
            Object::Reference(doc.add_object(Dictionary::from_iter([
                ("Type", Object::Name(b"Page".to_vec())),
                ("Parent", Object::Reference(parent)),
                (
                    "MediaBox",
                    Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
                ),
            ])))
        };
        let first = page(&mut doc, root_pages);
        let inner = vec![page(&mut doc, inner_pages), page(&mut doc, inner_pages)];
        doc.objects.insert(
            inner_pages,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Parent", Object::Reference(root_pages)),
                ("Count", Object::Integer(2)),
                ("Kids", Object::Array(inner)),
            ])),
        );
        doc.objects.insert(
            root_pages,
            Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Count", Object::Integer(3)),
                (
                    "Kids",
                    Object::Array(vec![first, Object::Reference(inner_pages)]),
                ),
            ])),
        );
        let catalog = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(root_pages)),
        ]));
        doc.trailer.set("Root", Object::Reference(catalog));
        let mut pdf = Vec::new();
        doc.save_to(&mut pdf).unwrap();
        let mut on_third = fields();
        on_third.iter_mut().for_each(|f| f.page = 2);
        assert!(append_fields_directly(&pdf, &on_third).is_none());
        let (pages, fields) = read_back(&add_signature_fields(pdf, &on_third).unwrap());
        let counts: Vec<usize> = pages.iter().map(Vec::len).collect();
        assert_eq!((counts, fields), (vec![0, 0, 2], 2));
    }

    #[test]
    fn signature_fields_on_a_missing_page_are_an_error() {
        let mut far = fields();
        far[0].page = 5;
        assert!(append_fields_directly(&two_page_pdf(false), &far).is_none());
        let err = add_signature_fields(two_page_pdf(false), &far).unwrap_err();
        assert!(err.contains("no page 6"), "{err}");
    }

    #[test]
    fn atomic_write_replaces_whole_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b/letter.pdf");
        write_atomic(&target, b"old").unwrap();
        write_atomic(&target, b"new content").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new content");
        let left: Vec<_> = fs::read_dir(target.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn stale_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir
            .path()
            .join("2022")
            .join(format!("{TEMP_PREFIX}1-x.pdf"));
        fs::create_dir_all(stale.parent().unwrap()).unwrap();
        fs::write(&stale, b"half").unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        fs::File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let fresh = dir
            .path()
            .join("2022")
            .join(format!("{TEMP_PREFIX}2-y.pdf"));
        fs::write(&fresh, b"being written").unwrap();
        fs::write(dir.path().join("2022/keep.pdf"), b"ok").unwrap();
        assert_eq!(clean_temporaries(dir.path()), vec![stale.clone()]);
        assert!(!stale.exists());
        assert!(
            fresh.exists(),
            "a temporary file being written by another run is left alone"
        );
        assert!(dir.path().join("2022/keep.pdf").exists());
    }
}

/// An empty digital-signature form field to add to a PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureField {
    /// Field name, shown by signing tools.
    pub name: String,
    /// 0-based page index.
    pub page: usize,
    /// Rectangle in PDF user space (points, origin at the bottom left): x0, y0, x1, y1.
    pub rect: [f64; 4],
}

/// A PDF text string: UTF-16BE with a byte-order mark, so Vietnamese names survive.
fn text_string(text: &str) -> lopdf::Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Adds empty signature fields as an incremental update, leaving the original bytes (and so
/// the PDF/A conformance of what Typst wrote) untouched before the appended section.
pub fn add_signature_fields(pdf: Vec<u8>, fields: &[SignatureField]) -> Result<Vec<u8>, String> {
    if fields.is_empty() {
        return Ok(pdf);
    }
    if let Some(updated) = append_fields_directly(&pdf, fields) {
        return Ok(updated);
    }
    add_fields_with_lopdf(pdf, fields)
}

/// The incremental update written straight after the bytes, for PDFs shaped as Typst writes
/// them: a classic cross-reference table, a flat page tree, no annotations on the signed
/// page, no form in the catalog. Reading a whole PDF back to change two objects was a tenth
/// of a national build; anything shaped otherwise returns `None` and goes through lopdf.
fn append_fields_directly(pdf: &[u8], fields: &[SignatureField]) -> Option<Vec<u8>> {
    let tail = pdf.len().saturating_sub(1024);
    let startxref = tail + rfind(&pdf[tail..], b"startxref")?;
    let (xref_at, _) = number_at(pdf, skip_space(pdf, startxref + b"startxref".len()))?;
    let xref_at = usize::try_from(xref_at).ok()?;
    let (offsets, trailer) = xref_table(pdf, xref_at)?;
    let reference = |dict: &[u8], key: &[u8]| -> Option<u32> {
        let at = find(dict, key)? + key.len();
        let (id, end) = number_at(dict, skip_space(dict, at))?;
        let (generation, end) = number_at(dict, skip_space(dict, end))?;
        (generation == 0 && dict.get(skip_space(dict, end)) == Some(&b'R'))
            .then(|| u32::try_from(id).ok())?
    };
    let object = |id: u32| object_dict(pdf, *offsets.get(&id)?, id);
    let size = {
        let at = find(trailer, b"/Size")? + b"/Size".len();
        u32::try_from(number_at(trailer, skip_space(trailer, at))?.0).ok()?
    };
    if find(trailer, b"/Encrypt").is_some() {
        return None;
    }
    // New objects are numbered after every object the file has.
    let size = size.max(
        offsets
            .keys()
            .next_back()
            .map_or(0, |last| last.saturating_add(1)),
    );
    let root = reference(trailer, b"/Root")?;
    let catalog = object(root)?;
    if find(catalog, b"/AcroForm").is_some() {
        return None;
    }
    let pages = object(reference(catalog, b"/Pages")?)?;
    let kids = {
        let at = find(pages, b"/Kids")? + b"/Kids".len();
        let at = skip_space(pages, at);
        (pages.get(at) == Some(&b'[')).then_some(())?;
        let end = at + pages[at..].iter().position(|&b| b == b']')?;
        let words: Vec<&[u8]> = pages[at + 1..end]
            .split(|b| b.is_ascii_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        let mut kids = Vec::new();
        for triple in words.chunks(3) {
            match triple {
                [id, b"0", b"R"] => kids.push(std::str::from_utf8(id).ok()?.parse::<u32>().ok()?),
                _ => return None,
            }
        }
        // A flat tree only: every kid a page, as many as the tree counts.
        let at = find(pages, b"/Count")? + b"/Count".len();
        let (count, _) = number_at(pages, skip_space(pages, at))?;
        (usize::try_from(count).ok()? == kids.len()).then_some(kids)?
    };

    let mut out = pdf.to_vec();
    if out.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    let mut entries: Vec<(u32, usize)> = Vec::new();
    let mut next = size;
    let mut on_page: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let mut widgets = Vec::new();
    for field in fields {
        let page = *kids.get(field.page)?;
        let [x0, y0, x1, y1] = field.rect.map(real);
        let (appearance, widget) = (next, next.checked_add(1)?);
        next = next.checked_add(2)?;
        entries.push((appearance, out.len()));
        // PDF/A wants an appearance for every widget: an empty one until it is signed.
        out.extend_from_slice(
            format!(
                "{appearance} 0 obj\n<</Type/XObject/Subtype/Form/BBox[0 0 {} {}]/Length 0>>stream\n\nendstream\nendobj\n",
                real(field.rect[2] - field.rect[0]),
                real(field.rect[3] - field.rect[1])
            )
            .as_bytes(),
        );
        entries.push((widget, out.len()));
        // Printable (/F 4), as PDF/A requires of annotations.
        out.extend_from_slice(
            format!(
                "{widget} 0 obj\n<</Type/Annot/Subtype/Widget/FT/Sig/T{}/Rect[{x0} {y0} {x1} {y1}]/F 4/P {page} 0 R/AP<</N {appearance} 0 R>>>>\nendobj\n",
                hex_text(&field.name)
            )
            .as_bytes(),
        );
        on_page.entry(page).or_default().push(widget);
        widgets.push(widget);
    }
    let refs = |ids: &[u32]| {
        ids.iter()
            .map(|id| format!("{id} 0 R"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (page, added) in &on_page {
        let dict = object(*page)?;
        let is_page = find(dict, b"/Type/Page").is_some() && find(dict, b"/Type/Pages").is_none();
        if !is_page || find(dict, b"/Annots").is_some() {
            return None;
        }
        entries.push((*page, out.len()));
        out.extend_from_slice(format!("{page} 0 obj\n").as_bytes());
        out.extend_from_slice(&dict[..dict.len() - 2]);
        out.extend_from_slice(format!("/Annots[{}]>>\nendobj\n", refs(added)).as_bytes());
    }
    entries.push((root, out.len()));
    out.extend_from_slice(format!("{root} 0 obj\n").as_bytes());
    out.extend_from_slice(&catalog[..catalog.len() - 2]);
    out.extend_from_slice(
        format!("/AcroForm<</Fields[{}]>>>>\nendobj\n", refs(&widgets)).as_bytes(),
    );

    entries.sort();
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    let mut i = 0;
    while i < entries.len() {
        let mut j = i + 1;
        while j < entries.len() && entries[j - 1].0.checked_add(1) == Some(entries[j].0) {
            j += 1;
        }
        out.extend_from_slice(format!("{} {}\n", entries[i].0, j - i).as_bytes());
        for (_, offset) in &entries[i..j] {
            out.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
        }
        i = j;
    }
    // The identifier and the document information carry over, as PDF/A asks.
    out.extend_from_slice(format!("trailer\n<</Size {next}/Root {root} 0 R").as_bytes());
    if let Some(info) = reference(trailer, b"/Info") {
        out.extend_from_slice(format!("/Info {info} 0 R").as_bytes());
    }
    if let Some(at) = find(trailer, b"/ID") {
        let end = array_end(trailer, at)?;
        out.extend_from_slice(&trailer[at..end]);
    }
    out.extend_from_slice(format!("/Prev {xref_at}>>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    Some(out)
}

/// Where the array that follows `at` ends (just after its `]`), its strings skipped.
fn array_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + bytes.get(at..)?.iter().position(|&b| b == b'[')? + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b']' => return Some(i + 1),
            b'(' => i = string_end(bytes, i)?,
            b'<' => i += bytes[i..].iter().position(|&b| b == b'>')?,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The index of the `)` closing the literal string opening at `at`.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let (mut nested, mut i) = (0usize, at);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 1,
            b'(' => nested += 1,
            b')' => {
                nested -= 1;
                if nested == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A PDF real number: at most four decimals, no trailing zeros.
fn real(v: f64) -> String {
    let text = format!("{v:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

/// A PDF text string in hexadecimal UTF-16BE with a byte-order mark.
fn hex_text(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The unsigned integer starting at `at`, and where it ends.
fn number_at(bytes: &[u8], at: usize) -> Option<(u64, usize)> {
    let len = bytes
        .get(at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let text = std::str::from_utf8(&bytes[at..at + len]).ok()?;
    Some((text.parse().ok()?, at + len))
}

/// The object offsets (generation 0, in use) and the trailer dictionary of the classic
/// cross-reference table at `at`.
fn xref_table(pdf: &[u8], at: usize) -> Option<(BTreeMap<u32, usize>, &[u8])> {
    let mut at = skip_space(pdf, at);
    (pdf.get(at..at + 4)? == b"xref").then_some(())?;
    at += 4;
    let mut offsets = BTreeMap::new();
    loop {
        at = skip_space(pdf, at);
        if pdf.get(at..at + 7)? == b"trailer" {
            let start = skip_space(pdf, at + 7);
            let end = start + find(&pdf[start..], b"startxref")?;
            return Some((offsets, &pdf[start..end]));
        }
        let (first, end) = number_at(pdf, at)?;
        let (count, end) = number_at(pdf, skip_space(pdf, end))?;
        at = end;
        for k in 0..count {
            at = skip_space(pdf, at);
            let (offset, end) = number_at(pdf, at)?;
            let (generation, end) = number_at(pdf, skip_space(pdf, end))?;
            let kind = *pdf.get(skip_space(pdf, end))?;
            if kind == b'n' && generation == 0 {
                offsets.insert(
                    u32::try_from(first + k).ok()?,
                    usize::try_from(offset).ok()?,
                );
            }
            at = skip_space(pdf, end) + 1;
        }
    }
}

/// The dictionary (`<<` … `>>`, brackets included) of object `id` written at `at`; `None`
/// for a stream or anything unexpected.
fn object_dict(pdf: &[u8], at: usize, id: u32) -> Option<&[u8]> {
    let header = format!("{id} 0 obj");
    (pdf.get(at..at + header.len())? == header.as_bytes()).then_some(())?;
    let start = skip_space(pdf, at + header.len());
    (pdf.get(start..start + 2)? == b"<<").then_some(())?;
    let (mut depth, mut i) = (0usize, start);
    while i < pdf.len() {
        match pdf[i] {
            b'(' => i = string_end(pdf, i)?,
            b'<' if pdf.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'<' => i += pdf[i..].iter().position(|&b| b == b'>')?,
            b'>' if pdf.get(i + 1) == Some(&b'>') => {
                depth -= 1;
                i += 1;
                if depth == 0 {
                    let dict = &pdf[start..=i];
                    let after = skip_space(pdf, i + 1);
                    return (pdf.get(after..after + 6)? == b"endobj").then_some(dict);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The incremental update through lopdf, for any PDF it can read.
fn add_fields_with_lopdf(pdf: Vec<u8>, fields: &[SignatureField]) -> Result<Vec<u8>, String> {
    use lopdf::{Dictionary, Object, Stream};
    let mut doc = lopdf::IncrementalDocument::load_from(pdf.as_slice())
        .map_err(|e| format!("cannot read the PDF to add signature fields: {e}"))?;
    let prev = doc.get_prev_documents();
    let pages = prev.get_pages();
    let root = prev
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("the PDF has no catalog: {e}"))?;
    let mut annotations: std::collections::BTreeMap<lopdf::ObjectId, Vec<Object>> =
        Default::default();
    let mut refs = Vec::new();
    for field in fields {
        let page = *pages.get(&(field.page as u32 + 1)).ok_or_else(|| {
            format!(
                "the PDF has no page {} for field `{}`",
                field.page + 1,
                field.name
            )
        })?;
        let [x0, y0, x1, y1] = field.rect;
        // PDF/A wants an appearance for every widget: an empty one until it is signed.
        let appearance = Stream::new(
            Dictionary::from_iter([
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Form".to_vec())),
                (
                    "BBox",
                    Object::Array(vec![
                        0.into(),
                        0.into(),
                        Object::Real((x1 - x0) as f32),
                        Object::Real((y1 - y0) as f32),
                    ]),
                ),
            ]),
            Vec::new(),
        );
        let appearance = doc.new_document.add_object(appearance);
        let widget = Dictionary::from_iter([
            ("Type", Object::Name(b"Annot".to_vec())),
            ("Subtype", Object::Name(b"Widget".to_vec())),
            ("FT", Object::Name(b"Sig".to_vec())),
            ("T", text_string(&field.name)),
            (
                "Rect",
                Object::Array(
                    [x0, y0, x1, y1]
                        .iter()
                        .map(|v| Object::Real(*v as f32))
                        .collect(),
                ),
            ),
            // Printable, as PDF/A requires of annotations.
            ("F", Object::Integer(4)),
            ("P", Object::Reference(page)),
            (
                "AP",
                Object::Dictionary(Dictionary::from_iter([(
                    "N",
                    Object::Reference(appearance),
                )])),
            ),
        ]);
        let id = doc.new_document.add_object(widget);
        annotations
            .entry(page)
            .or_default()
            .push(Object::Reference(id));
        refs.push(Object::Reference(id));
    }
    for (page, added) in annotations {
        doc.opt_clone_object_to_new_document(page)
            .map_err(|e| e.to_string())?;
        let existing = {
            let prev = doc.get_prev_documents();
            match prev
                .get_object(page)
                .and_then(Object::as_dict)
                .map(|d| d.get(b"Annots"))
            {
                Ok(Ok(Object::Array(a))) => a.clone(),
                Ok(Ok(Object::Reference(r))) => prev
                    .get_object(*r)
                    .and_then(Object::as_array)
                    .cloned()
                    .unwrap_or_default(),
                _ => Vec::new(),
            }
        };
        let dict = doc
            .new_document
            .get_object_mut(page)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        let mut all = existing;
        all.extend(added);
        dict.set("Annots", Object::Array(all));
    }
    doc.opt_clone_object_to_new_document(root)
        .map_err(|e| e.to_string())?;
    let catalog = doc
        .new_document
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| e.to_string())?;
    catalog.set(
        "AcroForm",
        Object::Dictionary(Dictionary::from_iter([("Fields", Object::Array(refs))])),
    );
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("cannot write the signature fields: {e}"))?;
    Ok(out)
}

/// Name of the lock file that keeps two builds of one project from interleaving.
pub const LOCK: &str = ".vanban.lock";

/// Held while a run writes into `out`; released when dropped.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether the process that wrote a lock still runs (where that can be known).
fn alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// Takes the output folder's lock, or says which run holds it. A lock left by a run that
/// was killed is taken over.
pub fn lock(out: &Path) -> Result<Lock, String> {
    fs::create_dir_all(out)
        .map_err(|e| format!("cannot create the output folder `{}`: {e}", out.display()))?;
    let path = out.join(LOCK);
    for _ in 0..2 {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                let _ = write!(file, "{}", std::process::id());
                return Ok(Lock { path });
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = fs::read_to_string(&path)
                    .ok()
                    .and_then(|s| s.trim().parse::<u32>().ok());
                match holder {
                    Some(pid) if alive(pid) => {
                        return Err(format!(
                            "another vanban run (process {pid}) is writing into `{}`; wait for it to finish",
                            out.display()
                        ));
                    }
                    // Left behind by a run that was killed: take it over.
                    _ => {
                        let _ = fs::remove_file(&path);
                    }
                }
            }
            Err(e) => {
                return Err(format!(
                    "cannot write into the output folder `{}`: {e}",
                    out.display()
                ));
            }
        }
    }
    Err(format!("cannot take the lock `{}`", path.display()))
}

#[cfg(test)]
mod lock_tests {
    use super::*;

    #[test]
    fn a_second_run_is_refused_and_a_dead_runs_lock_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let held = lock(dir.path()).unwrap();
        let refused = lock(dir.path()).unwrap_err();
        assert!(refused.contains("another vanban run"), "{refused}");
        drop(held);
        assert!(!dir.path().join(LOCK).exists(), "released on drop");
        // A process id that cannot be running.
        fs::write(dir.path().join(LOCK), "4294967295").unwrap();
        assert!(lock(dir.path()).is_ok());
    }
}
