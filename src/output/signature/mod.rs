//! Empty digital-signature fields over the signature block ND 30 lays out: where they go,
//! measured on the laid-out page ([`place`]), and how they are added to the PDF as an
//! incremental update ([`add_fields`]): written directly for PDFs shaped as Typst writes them
//! (`direct`), through lopdf for anything else (`with_lopdf`).

mod direct;
pub(crate) mod fill;
mod with_lopdf;

use crate::Error;
use crate::compile::{PagedDocument, TextRun, page_height};

/// Who signs a document, as the signature block prints it: what the fields are placed by
/// and named after.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Signer {
    /// The title line above the signature ("PHÓ GIÁM ĐỐC"), as given (any case).
    pub(crate) title: String,
    /// The signer's name below it.
    pub(crate) name: String,
    /// The issuing agency, whose seal goes beside the signature.
    pub(crate) agency: String,
}

/// The runs of each visual line (same page and baseline, close together) joined left to
/// right: Typst may split one line into several runs (fonts, scripts).
fn lines(mut runs: Vec<TextRun>) -> Vec<TextRun> {
    let key = |r: &TextRun| (r.page, (r.y * 4.0).round() as i64);
    runs.sort_by(|a, b| key(a).cmp(&key(b)).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<TextRun> = Vec::new();
    for r in runs {
        match out.last_mut() {
            Some(l) if key(l) == key(&r) && r.x - (l.x + l.width) < 12.0 => {
                if r.x - (l.x + l.width) > 0.5 {
                    l.text.push(' ');
                }
                l.text.push_str(&r.text);
                l.width = r.x + r.width - l.x;
            }
            _ => out.push(r),
        }
    }
    for l in &mut out {
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// Why a field cannot be placed on the laid-out page; its `Display` is the English reason
/// (the command line says it from the catalogue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unplaced {
    /// The signer's name stands on one line, but not under the title on one line.
    TitleNotAboveName {
        /// The title, as printed (upper case).
        title: String,
        /// The signer's name.
        name: String,
    },
    /// The signer's name is not on one line anywhere.
    NameNotOnOneLine {
        /// The signer's name.
        name: String,
    },
    /// A page (1-based) without a size.
    NoPageSize {
        /// 1-based page.
        page: usize,
    },
    /// No blank for the number after "Số:" on page 1.
    NoNumberBlank,
    /// No blank for the day between "ngày" and "tháng" on page 1.
    NoDayBlank,
}

impl std::fmt::Display for Unplaced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TitleNotAboveName { title, name } => {
                write!(f, "the title `{title}` is not on one line above the name `{name}`")
            }
            Self::NameNotOnOneLine { name } => {
                write!(f, "the signer's name `{name}` is not on one line")
            }
            Self::NoPageSize { page } => write!(f, "page {page} has no size"),
            Self::NoNumberBlank => {
                f.write_str("the blank for the number after \"Số:\" is not on page 1")
            }
            Self::NoDayBlank => {
                f.write_str("the blank for the day between \"ngày\" and \"tháng\" is not on page 1")
            }
        }
    }
}

/// Where ND 30 puts the signatures, on the laid-out page: the signer's field over the space
/// between the title line and the name (ô 7c), 60 mm wide and centred on the title; the
/// seal's, a square of at most 36 mm, overlapping its left third (ô 8). Rectangles in PDF
/// points from the bottom-left page corner, whatever the height of the block above the title.
/// Fails, saying why, when the block is not found (the name under the title, on one page):
/// a field is never silently left out.
pub(crate) fn place(
    doc: &PagedDocument,
    runs: &[TextRun],
    signer: &Signer,
) -> Result<Vec<SignatureField>, Unplaced> {
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (title, name, agency) = (
        words(&signer.title.to_uppercase()),
        words(&signer.name),
        signer.agency.trim(),
    );
    let runs = lines(runs.to_vec());
    // The last place the name stands under the title (on its page, within the block's
    // height): the closing block. The name may stand elsewhere too (a list of suppliers).
    let Some((name_run, title_run)) = runs.iter().rev().filter(|r| r.text == name).find_map(|n| {
        runs.iter()
            .filter(|t| t.page == n.page && t.text == title && t.y < n.y && n.y - t.y < 200.0)
            .max_by(|a, b| a.y.total_cmp(&b.y))
            .map(|t| (n, t))
    }) else {
        return Err(if runs.iter().any(|r| r.text == name) {
            Unplaced::TitleNotAboveName {
                title: title.clone(),
                name: name.clone(),
            }
        } else {
            Unplaced::NameNotOnOneLine { name: name.clone() }
        });
    };
    let Some(height) = page_height(doc, name_run.page) else {
        return Err(Unplaced::NoPageSize {
            page: name_run.page + 1,
        });
    };
    let mm = 72.0 / 25.4;
    let centre = title_run.x + title_run.width / 2.0;
    let (top, bottom) = (
        title_run.y + 0.4 * title_run.size,
        name_run.y - name_run.size,
    );
    let width = 60.0 * mm;
    let sig = [
        centre - width / 2.0,
        height - bottom,
        centre + width / 2.0,
        height - top,
    ];
    let side = (bottom - top).min(36.0 * mm);
    let seal_right = sig[0] + width / 3.0;
    let middle = (sig[1] + sig[3]) / 2.0;
    let seal = [
        seal_right - side,
        middle - side / 2.0,
        seal_right,
        middle + side / 2.0,
    ];
    Ok(vec![
        SignatureField {
            name: format!("Chữ ký số - {name}"),
            text: false,
            page: name_run.page,
            rect: sig,
        },
        SignatureField {
            name: format!("Dấu - {agency}"),
            text: false,
            page: name_run.page,
            rect: seal,
        },
    ])
}

/// How a text field's value is set: the form font at the body's 13 pt, black.
pub(crate) const TEXT_APPEARANCE: &str = "/TiRo 13 Tf 0 g";
/// The form font's resource name.
pub(crate) const FORM_FONT_NAME: &str = "TiRo";
/// The form's default font: a placeholder until a value is filled in, when the filled
/// appearance embeds the font it draws with (PDF/A).
pub(crate) const FORM_FONT: &str =
    "<</Type/Font/Subtype/Type1/BaseFont/Times-Roman/Encoding/WinAnsiEncoding>>";

/// Name of the text field over the blank number (ô 3), filled in by `vanban register`.
pub(crate) const NUMBER_FIELD: &str = "Số văn bản";
/// Name of the text field over the blank day of the date line (ô 4).
pub(crate) const DAY_FIELD: &str = "Ngày ban hành";

/// Text fields over the blanks an unregistered document leaves on page 1 for the văn thư:
/// the number between "Số:" and "/<ký hiệu>", the day between "ngày" and "tháng" (ND 30
/// signing order: the leader signs first, the number and date come after). Fails when an
/// asked-for blank is not found where the header puts it.
pub(crate) fn place_blanks(
    doc: &PagedDocument,
    runs: &[TextRun],
    number: bool,
    day: bool,
) -> Result<Vec<SignatureField>, Unplaced> {
    let runs: Vec<TextRun> = lines(runs.iter().filter(|r| r.page == 0).cloned().collect())
        .into_iter()
        .filter(|r| r.page == 0)
        .collect();
    let Some(height) = page_height(doc, 0) else {
        return Err(Unplaced::NoPageSize { page: 1 });
    };
    let between = |left: &dyn Fn(&str) -> bool, right: &dyn Fn(&str) -> bool| {
        runs.iter().find_map(|l| {
            left(&l.text).then_some(())?;
            let r = runs.iter().find(|r| (r.y - l.y).abs() < 1.0 && r.x > l.x && right(&r.text))?;
            let (x0, x1) = (l.x + l.width + 1.0, r.x - 1.0);
            (x1 - x0 > 6.0).then_some([
                x0,
                height - (l.y + 0.3 * l.size),
                x1,
                height - (l.y - 0.9 * l.size),
            ])
        })
    };
    let mut out = Vec::new();
    if number {
        let rect = between(&|t| t == "Số:", &|t| t.starts_with('/'))
            .ok_or(Unplaced::NoNumberBlank)?;
        out.push(SignatureField {
            name: NUMBER_FIELD.into(),
            text: true,
            page: 0,
            rect,
        });
    }
    if day {
        let rect = between(&|t| t.ends_with("ngày"), &|t| t.starts_with("tháng"))
            .ok_or(Unplaced::NoDayBlank)?;
        out.push(SignatureField {
            name: DAY_FIELD.into(),
            text: true,
            page: 0,
            rect,
        });
    }
    Ok(out)
}

/// An empty form field to add to a PDF: a digital-signature field, or a text field the văn
/// thư fills in after the leader signed (the number, the day).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SignatureField {
    /// Field name, shown by signing tools.
    pub(crate) name: String,
    /// A text field (filled in later) rather than a signature field.
    pub(crate) text: bool,
    /// 0-based page index.
    pub(crate) page: usize,
    /// Rectangle in PDF user space (points, origin at the bottom left): x0, y0, x1, y1.
    pub(crate) rect: [f64; 4],
}

/// A PDF text string: UTF-16BE with a byte-order mark, so Vietnamese names survive.
fn text_string(text: &str) -> lopdf::Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// Adds empty signature fields as an incremental update, leaving the original bytes (and so
/// the PDF/A conformance of what Typst wrote) untouched before the appended section.
/// A PDF vanban wrote that cannot take them is an internal error.
pub(crate) fn add_fields(pdf: Vec<u8>, fields: &[SignatureField]) -> Result<Vec<u8>, Error> {
    if fields.is_empty() {
        return Ok(pdf);
    }
    if let Some(updated) = direct::append_fields_directly(&pdf, fields) {
        return Ok(updated);
    }
    with_lopdf::add_fields_with_lopdf(pdf, fields).map_err(Error::Internal)
}

#[cfg(test)]
mod tests {
    use super::direct::append_fields_directly;
    use super::with_lopdf::add_fields_with_lopdf;
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
                text: false,
                page: 1,
                rect: [350.5, 370.25, 520.0, 455.125],
            },
            SignatureField {
                name: "Dấu - SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG".into(),
                text: false,
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
        let (pages, fields) = read_back(&add_fields(pdf, &fields()).unwrap());
        let kinds: Vec<&str> = pages[1].iter().map(|a| a.0.as_str()).collect();
        assert_eq!(kinds, ["Link", "Widget", "Widget"]);
        assert_eq!(fields, 2);
    }

    #[test]
    fn signature_fields_in_a_pdf_with_a_cross_reference_stream_go_through_lopdf() {
        let pdf = pdf_with(false, lopdf::xref::XrefType::CrossReferenceStream);
        assert!(append_fields_directly(&pdf, &fields()).is_none());
        let (pages, fields) = read_back(&add_fields(pdf, &fields()).unwrap());
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
        let (pages, fields) = read_back(&add_fields(pdf, &on_third).unwrap());
        let counts: Vec<usize> = pages.iter().map(Vec::len).collect();
        assert_eq!((counts, fields), (vec![0, 0, 2], 2));
    }

    #[test]
    fn signature_fields_on_a_missing_page_are_an_error() {
        let mut far = fields();
        far[0].page = 5;
        assert!(append_fields_directly(&two_page_pdf(false), &far).is_none());
        let err = add_fields(two_page_pdf(false), &far)
            .unwrap_err()
            .to_string();
        assert!(err.contains("no page 6"), "{err}");
    }
}
