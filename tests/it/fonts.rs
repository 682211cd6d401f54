//! Fonts: every glyph the example renders comes from the bundled Tinos, and every character
//! of the example's data exists in it (Typst does not warn about missing glyphs).

use std::collections::BTreeSet;

use typst::foundations::Bytes;
use typst::text::Font;
use vanban::compile::Engine;

use crate::support::{example, runs};

fn strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => out.push_str(s),
        serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn every_character_of_the_example_exists_in_each_bundled_style() {
    let (jobs, diags) = vanban::prepare(&example());
    assert!(diags.iter().all(|d| !d.is_error()));
    let mut text = String::new();
    for job in &jobs {
        strings(&serde_json::from_slice(&job.input()).unwrap(), &mut text);
    }
    // Fixed wording of the templates, too.
    for t in ["templates/cong-van.typ", "templates/nd30.typ"] {
        text.push_str(&std::fs::read_to_string(example().join(t)).unwrap());
    }
    let chars: BTreeSet<char> = text.chars().filter(|c| !c.is_control()).collect();
    assert!(
        chars.contains(&'ự') && chars.contains(&'Ở'),
        "the text exercises Vietnamese letters"
    );
    for style in ["Regular", "Bold", "Italic", "BoldItalic"] {
        let data =
            std::fs::read(example().join(format!("templates/fonts/Tinos-{style}.ttf"))).unwrap();
        let font = Font::new(Bytes::new(data), 0).unwrap();
        let missing: Vec<char> = chars
            .iter()
            .copied()
            .filter(|&c| !font.info().coverage.contains(c as u32))
            .collect();
        assert!(missing.is_empty(), "Tinos {style} lacks {missing:?}");
    }
}

#[test]
fn every_rendered_glyph_is_a_real_tinos_glyph() {
    let (jobs, _) = vanban::prepare(&example());
    let engine = Engine::new(&example()).unwrap();
    assert!(jobs.len() > 20);
    for job in &jobs {
        let doc = engine.layout(job.template, job.input()).unwrap();
        for run in runs(&doc) {
            assert_eq!(
                run.family,
                "Tinos",
                "{:?} in {}",
                run.text,
                job.output.display()
            );
            assert!(
                !run.glyph_ids.contains(&0),
                "{:?} has a missing glyph in {}",
                run.text,
                job.output.display()
            );
        }
    }
}

#[test]
fn the_bundled_fonts_are_the_four_tinos_styles_with_their_licence() {
    let engine = Engine::new(&example()).unwrap();
    assert_eq!(engine.families(), ["Tinos"]);
    let licence = std::fs::read_to_string(example().join("templates/fonts/OFL.txt")).unwrap();
    assert!(licence.contains("SIL Open Font License"));
}
