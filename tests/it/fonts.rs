//! Fonts: every glyph the example renders comes from the bundled Tinos, and every character
//! of the example's data exists in it (Typst does not warn about missing glyphs).

use std::collections::BTreeSet;

use typst::foundations::Bytes;
use typst::text::Font;
use vanban::compile::Engine;

use crate::support::{example, runs};

#[test]
fn every_character_of_the_example_exists_in_each_bundled_style() {
    let (jobs, diags) = vanban::app::documents(&example(), false);
    assert!(diags.iter().all(|d| !d.is_error()));
    let mut text = String::new();
    for job in &jobs {
        text.push_str(&job.text());
    }
    // Fixed wording of the templates, too.
    for t in [
        "templates/cong-van.typ",
        "templates/nd30.typ",
        "templates/bao-cao.typ",
    ] {
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
    let (jobs, _) = vanban::app::documents(&example(), false);
    let engine = Engine::new(&example()).unwrap();
    assert!(jobs.len() > 20);
    for job in jobs
        .iter()
        .filter(|j| j.kind != vanban::plan::DocKind::Form)
    {
        let doc = engine
            .layout(job.template.file_name(), job.input().to_vec())
            .unwrap();
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

/// A copy of Tinos Regular whose `name` table says "Times New Roman", standing in for the
/// real font a user would drop into `templates/fonts/` (which we may not ship).
fn renamed_tinos(family: &str) -> Vec<u8> {
    let data = std::fs::read(example().join("templates/fonts/Tinos-Regular.ttf")).unwrap();
    let be16 = |o: usize| u16::from_be_bytes([data[o], data[o + 1]]) as usize;
    let num_tables = be16(4);
    let utf16: Vec<u8> = family.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let regular: Vec<u8> = "Regular"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let ps: Vec<u8> = family
        .replace(' ', "")
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let records: [(u16, &[u8]); 4] = [(1, &utf16), (2, &regular), (4, &utf16), (6, &ps)];
    let mut name = Vec::new();
    name.extend(0u16.to_be_bytes());
    name.extend((records.len() as u16).to_be_bytes());
    name.extend((6 + 12 * records.len() as u16).to_be_bytes());
    let mut strings = Vec::new();
    for (id, s) in records {
        for v in [3u16, 1, 0x409, id, s.len() as u16, strings.len() as u16] {
            name.extend(v.to_be_bytes());
        }
        strings.extend_from_slice(s);
    }
    name.extend(strings);
    let mut out = data.clone();
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
    let offset = out.len();
    out.extend(&name);
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        if &data[rec..rec + 4] == b"name" {
            out[rec + 8..rec + 12].copy_from_slice(&(offset as u32).to_be_bytes());
            out[rec + 12..rec + 16].copy_from_slice(&(name.len() as u32).to_be_bytes());
        }
    }
    out
}

fn families_used(root: &std::path::Path) -> BTreeSet<String> {
    let (jobs, diags) = vanban::app::documents(root, false);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let engine = Engine::new(root).unwrap();
    let doc = engine
        .layout(jobs[0].template.file_name(), jobs[0].input().to_vec())
        .unwrap();
    runs(&doc).into_iter().map(|r| r.family).collect()
}

#[test]
fn a_times_new_roman_dropped_into_the_project_is_used_first() {
    let project = tempfile::tempdir().unwrap();
    let fixture = crate::support::fixture("injection");
    for dir in ["data", "letters/2022"] {
        std::fs::create_dir_all(project.path().join(dir)).unwrap();
        for entry in std::fs::read_dir(fixture.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(
                &path,
                project.path().join(dir).join(path.file_name().unwrap()),
            )
            .unwrap();
        }
    }
    assert_eq!(
        families_used(project.path()),
        ["Tinos".to_string()].into(),
        "bundled font by default"
    );
    std::fs::create_dir_all(project.path().join("templates/fonts")).unwrap();
    std::fs::write(
        project.path().join("templates/fonts/times.ttf"),
        renamed_tinos("Times New Roman"),
    )
    .unwrap();
    let used = families_used(project.path());
    // The templates ask for "Times New Roman" first, so the project's copy wins.
    assert!(used.contains("Times New Roman"), "{used:?}");
}

#[test]
fn characters_no_font_has_are_reported_not_dropped_silently() {
    let project = tempfile::tempdir().unwrap();
    let fixture = crate::support::fixture("mixed");
    for f in [
        "data/agency.yaml",
        "data/recipients.yaml",
        "data/indicators.yaml",
    ] {
        std::fs::create_dir_all(project.path().join(f).parent().unwrap()).unwrap();
        std::fs::copy(fixture.join(f), project.path().join(f)).unwrap();
    }
    std::fs::create_dir_all(project.path().join("letters")).unwrap();
    std::fs::write(
        project.path().join("letters/thu.yaml"),
        "kind: cong-van\ndata_year: 2022\nunit: BVMT\ndate: \"2023-03-05\"\nsigner: gd\nrecipients: [r1]\nsubject: \"CO₂ ✓ 水\"\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(project.path(), out.path(), &|_| {});
    // Errors at the character's place in the YAML, and the letter is not written.
    let warned: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == vanban::diagnostic::Code::Glyph && d.position.line == 7)
        .map(|d| d.message.clone())
        .collect();
    assert!(!out.path().join("2022/thu.pdf").exists());
    assert!(
        warned.iter().any(|m| m.contains("`水` (U+6C34)")),
        "{warned:?}"
    );
    assert!(
        warned.iter().any(|m| m.contains("`✓` (U+2713)")),
        "{warned:?}"
    );
    assert!(
        !warned.iter().any(|m| m.contains("`₂`")),
        "Tinos has subscript two: {warned:?}"
    );
}
