//! The signature fields added through lopdf, for any PDF it can read: the fallback of
//! [`super::add_fields`] for cross-reference streams, nested page trees, pages that already
//! carry annotations, existing forms and encryption.

use super::{SignatureField, text_string};

/// The incremental update through lopdf, for any PDF it can read.
pub(super) fn add_fields_with_lopdf(
    pdf: Vec<u8>,
    fields: &[SignatureField],
) -> Result<Vec<u8>, String> {
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
        let mut widget = Dictionary::from_iter([
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
        if field.text {
            widget.set("FT", Object::Name(b"Tx".to_vec()));
            widget.set(
                "DA",
                Object::string_literal(super::TEXT_APPEARANCE.as_bytes().to_vec()),
            );
        }
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
    let font = fields.iter().any(|f| f.text).then(|| {
        doc.new_document.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"Type1".to_vec())),
            ("BaseFont", Object::Name(b"Times-Roman".to_vec())),
            ("Encoding", Object::Name(b"WinAnsiEncoding".to_vec())),
        ]))
    });
    let mut form = Dictionary::from_iter([("Fields", Object::Array(refs))]);
    if let Some(font) = font {
        form.set(
            "DR",
            Object::Dictionary(Dictionary::from_iter([(
                "Font",
                Object::Dictionary(Dictionary::from_iter([(
                    super::FORM_FONT_NAME,
                    Object::Reference(font),
                )])),
            )])),
        );
    }
    let catalog = doc
        .new_document
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| e.to_string())?;
    catalog.set("AcroForm", Object::Dictionary(form));
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("cannot write the signature fields: {e}"))?;
    Ok(out)
}

