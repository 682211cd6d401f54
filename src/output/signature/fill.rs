//! Filling in the text fields of a PDF that may already be signed, as an incremental update
//! that leaves every signed byte as it was: the field's value and an appearance drawn with
//! an embedded font (PDF/A), nothing else. This is "form filling" in the sense of a
//! signature's modification rules, so the leader's signature stays valid (ND 30 signing
//! order: sign first, number after).

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::text_string;

/// The font a filled value is drawn with: the bundled Tinos, Regular or Italic (the date
/// line is italic, ND 30 ô 4).
fn font_bytes(italic: bool) -> &'static [u8] {
    crate::compile::builtin_fonts()[if italic { 2 } else { 0 }]
}

/// The text of a PDF text string (UTF-16BE with a byte-order mark, or PDFDocEncoding).
fn decode(object: &Object) -> Option<String> {
    match object {
        Object::String(bytes, _) if bytes.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .filter(|c| c.len() == 2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        Object::String(bytes, _) => Some(bytes.iter().map(|&b| b as char).collect()),
        _ => None,
    }
}

/// The embedded TrueType font, with the widths of the printable ASCII characters (the
/// values filled in are digits).
fn font_objects(doc: &mut lopdf::IncrementalDocument, italic: bool) -> Result<ObjectId, String> {
    let bytes = font_bytes(italic);
    let name = if italic { "Tinos-Italic" } else { "Tinos" };
    let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| format!("the form font: {e}"))?;
    let scale = 1000.0 / f64::from(face.units_per_em());
    let widths: Vec<Object> = (32u8..=126)
        .map(|c| {
            let w = face
                .glyph_index(c as char)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(0.0, |a| f64::from(a) * scale);
            Object::Integer(w.round() as i64)
        })
        .collect();
    let bbox = face.global_bounding_box();
    let file = doc.new_document.add_object(Stream::new(
        Dictionary::from_iter([("Length1", Object::Integer(bytes.len() as i64))]),
        bytes.to_vec(),
    ));
    let descriptor = doc.new_document.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(name.as_bytes().to_vec())),
        // Nonsymbolic, and italic where it is.
        ("Flags", Object::Integer(if italic { 32 + 64 } else { 32 })),
        (
            "FontBBox",
            Object::Array(
                [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max]
                    .iter()
                    .map(|v| Object::Integer((f64::from(*v) * scale).round() as i64))
                    .collect(),
            ),
        ),
        ("ItalicAngle", Object::Integer(if italic { -12 } else { 0 })),
        ("Ascent", Object::Integer((f64::from(face.ascender()) * scale) as i64)),
        ("Descent", Object::Integer((f64::from(face.descender()) * scale) as i64)),
        ("CapHeight", Object::Integer(700)),
        ("StemV", Object::Integer(80)),
        ("FontFile2", Object::Reference(file)),
    ]));
    Ok(doc.new_document.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"TrueType".to_vec())),
        ("BaseFont", Object::Name(name.as_bytes().to_vec())),
        ("FirstChar", Object::Integer(32)),
        ("LastChar", Object::Integer(126)),
        ("Widths", Object::Array(widths)),
        ("Encoding", Object::Name(b"WinAnsiEncoding".to_vec())),
        ("FontDescriptor", Object::Reference(descriptor)),
    ])))
}

/// Fills the text fields named in `values` (field name, value: ASCII digits and `/` as a
/// number or a day is written, italic or not) as an incremental update of `pdf`, each value
/// centred in its field at 13 pt on the line's baseline. A field the PDF does not have is
/// left out (a PDF made before the fields were, or whose number was printed); `None` when
/// it has none of them.
pub(crate) fn fill_text_fields(
    pdf: Vec<u8>,
    values: &[(&str, String, bool)],
) -> Result<Option<Vec<u8>>, String> {
    const SIZE: f64 = 13.0;
    let mut doc = lopdf::IncrementalDocument::load_from(pdf.as_slice())
        .map_err(|e| format!("cannot read the PDF to fill in its fields: {e}"))?;
    let fields: Vec<(ObjectId, String, [f64; 4])> = {
        let prev = doc.get_prev_documents();
        let Ok(form) = prev.catalog().and_then(|c| c.get(b"AcroForm")) else {
            return Ok(None);
        };
        let form = match form {
            Object::Reference(r) => prev.get_object(*r).and_then(Object::as_dict),
            other => other.as_dict(),
        }
        .map_err(|e| e.to_string())?;
        let refs = form
            .get(b"Fields")
            .and_then(Object::as_array)
            .map_err(|e| e.to_string())?;
        refs.iter()
            .filter_map(|r| {
                let id = r.as_reference().ok()?;
                let dict = prev.get_object(id).and_then(Object::as_dict).ok()?;
                let name = decode(dict.get(b"T").ok()?)?;
                let rect: Vec<f64> = dict
                    .get(b"Rect")
                    .and_then(Object::as_array)
                    .ok()?
                    .iter()
                    .filter_map(|v| v.as_float().ok().map(f64::from))
                    .collect();
                let rect: [f64; 4] = rect.try_into().ok()?;
                Some((id, name, rect))
            })
            .collect()
    };
    let values: Vec<&(&str, String, bool)> = values
        .iter()
        .filter(|(name, _, _)| fields.iter().any(|(_, n, _)| n == name))
        .collect();
    if values.is_empty() {
        return Ok(None);
    }
    let mut fonts: std::collections::BTreeMap<bool, ObjectId> = Default::default();
    for (name, value, italic) in values {
        let font = match fonts.get(italic) {
            Some(id) => *id,
            None => {
                let id = font_objects(&mut doc, *italic)?;
                fonts.insert(*italic, id);
                id
            }
        };
        let face = ttf_parser::Face::parse(font_bytes(*italic), 0).map_err(|e| e.to_string())?;
        let em = f64::from(face.units_per_em());
        let (id, _, rect) = fields
            .iter()
            .find(|(_, n, _)| n == name)
            .ok_or_else(|| format!("the PDF has no field `{name}`"))?;
        let (width, height) = (rect[2] - rect[0], rect[3] - rect[1]);
        let text_width: f64 = value
            .chars()
            .filter_map(|c| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)))
            .map(|a| f64::from(a) / em * SIZE)
            .sum();
        let escaped: String = value
            .chars()
            .flat_map(|c| match c {
                '(' | ')' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        let content = format!(
            "/Tx BMC q BT /F1 {SIZE} Tf 0 g {:.2} {:.2} Td ({escaped}) Tj ET Q EMC",
            (width - text_width) / 2.0,
            0.3 * SIZE
        );
        let appearance = doc.new_document.add_object(Stream::new(
            Dictionary::from_iter([
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Form".to_vec())),
                (
                    "BBox",
                    Object::Array(vec![
                        0.into(),
                        0.into(),
                        Object::Real(width as f32),
                        Object::Real(height as f32),
                    ]),
                ),
                (
                    "Resources",
                    Object::Dictionary(Dictionary::from_iter([(
                        "Font",
                        Object::Dictionary(Dictionary::from_iter([("F1", Object::Reference(font))])),
                    )])),
                ),
            ]),
            content.into_bytes(),
        ));
        doc.opt_clone_object_to_new_document(*id)
            .map_err(|e| e.to_string())?;
        let field = doc
            .new_document
            .get_object_mut(*id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| e.to_string())?;
        field.set("V", text_string(value));
        field.set(
            "AP",
            Object::Dictionary(Dictionary::from_iter([("N", Object::Reference(appearance))])),
        );
    }
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("cannot write the filled fields: {e}"))?;
    Ok(Some(out))
}

/// Whether a PDF carries a digital signature (a signed field's value with a byte range).
pub(crate) fn is_signed(pdf: &[u8]) -> bool {
    pdf.windows(b"/ByteRange".len()).any(|w| w == b"/ByteRange")
}
