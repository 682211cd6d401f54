//! The signature fields appended straight after the bytes of a PDF shaped as Typst writes it,
//! without reading the document back: the fast path of [`super::add_fields`].

use std::collections::BTreeMap;

use super::SignatureField;

/// The incremental update written straight after the bytes, for PDFs shaped as Typst writes
/// them: a classic cross-reference table, a flat page tree, no annotations on the signed
/// page, no form in the catalog. Reading a whole PDF back to change two objects was a tenth
/// of a national build; anything shaped otherwise returns `None` and goes through lopdf.
pub(super) fn append_fields_directly(pdf: &[u8], fields: &[SignatureField]) -> Option<Vec<u8>> {
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
        // A text field says how its value will be set (the form's /DR font).
        let kind = if field.text {
            format!("/FT/Tx/DA({})", super::TEXT_APPEARANCE)
        } else {
            "/FT/Sig".to_string()
        };
        // Printable (/F 4), as PDF/A requires of annotations.
        out.extend_from_slice(
            format!(
                "{widget} 0 obj\n<</Type/Annot/Subtype/Widget{kind}/T{}/Rect[{x0} {y0} {x1} {y1}]/F 4/P {page} 0 R/AP<</N {appearance} 0 R>>>>\nendobj\n",
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
    // Text fields name the form's font; it is embedded when a value is filled in.
    let resources = if fields.iter().any(|f| f.text) {
        let font = next;
        next = next.checked_add(1)?;
        entries.push((font, out.len()));
        out.extend_from_slice(
            format!("{font} 0 obj\n{}\nendobj\n", super::FORM_FONT).as_bytes(),
        );
        format!("/DR<</Font<</{} {font} 0 R>>>>", super::FORM_FONT_NAME)
    } else {
        String::new()
    };
    entries.push((root, out.len()));
    out.extend_from_slice(format!("{root} 0 obj\n").as_bytes());
    out.extend_from_slice(&catalog[..catalog.len() - 2]);
    out.extend_from_slice(
        format!("/AcroForm<</Fields[{}]{resources}>>>>\nendobj\n", refs(&widgets)).as_bytes(),
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

