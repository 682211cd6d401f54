//! Entry points for the fuzz targets under tests/fuzz (feature `fuzzing`): the loading and
//! validation path and the text-rendering path, on bytes instead of files.

use std::path::Path;

/// Reads `bytes` as each YAML file kind, then a letter through validation against the
/// shipped example's data; must never panic.
pub fn load_and_validate(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let rel = Path::new("letters/fuzz.yaml");
    let _ = crate::project::parse_yaml::<crate::project::RawAgency>(text, rel);
    let _ = crate::project::parse_yaml::<crate::project::RawRecipients>(text, rel);
    let _ = crate::project::parse_yaml::<crate::project::RawCatalogue>(text, rel);
    let _ = crate::project::parse_yaml::<crate::project::RawAnswerFile>(text, rel);
    let _ = crate::project::todos(text, rel);
    let _ = crate::project::next_year::advance(text, 2022, rel);
    if let Ok(letter) = crate::project::parse_yaml::<crate::project::RawLetter>(text, rel) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut raw, _) = crate::project::load(root);
        raw.letters = vec![crate::project::Loaded {
            path: rel.to_path_buf(),
            value: letter,
        }];
        raw.answers.clear();
        let _ = crate::validate::validate(raw);
    }
}

/// Fills `bytes` in as Tera text and as a number to format; must never panic.
pub fn render_text(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let _ = crate::render::merge::fill_for_fuzzing(text);
    if bytes.len() >= 8 {
        let v = f64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"));
        let _ = crate::render::vi::format_number(v, u32::from(bytes[0] % 8));
    }
}
