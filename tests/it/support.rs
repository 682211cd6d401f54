//! Shared helpers of the integration tests: building a project into a temporary folder,
//! reading PDF text back, and walking Typst's laid-out frames.

use std::path::{Path, PathBuf};

use typst::layout::{Abs, FrameItem, Point, Transform};
use unicode_normalization::UnicodeNormalization;
use vanban::compile::{Engine, PagedDocument};

/// The repository root, which is also the shipped example project.
pub fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture project under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    example().join("tests/fixtures").join(name)
}

/// Builds `root` into a fresh temporary output folder.
pub fn build(root: &Path) -> (tempfile::TempDir, vanban::RunReport) {
    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(root, out.path(), &|_| {});
    (out, report)
}

/// The text of a PDF, NFC, as a PDF reader extracts it, without the page numbers that
/// head pages (they would cut sentences running across a page break).
pub fn pdf_text(path: &Path) -> String {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes)
        .unwrap_or_else(|e| panic!("cannot extract text from {}: {e}", path.display()));
    let mut text = String::new();
    for (i, page) in pages.iter().enumerate() {
        let mut page = page.trim_start();
        if i > 0 {
            // A page number heads every page but the first (and an appendix's first).
            let first = page.lines().next().unwrap_or_default();
            if !first.is_empty() && first.trim().chars().all(|c| c.is_ascii_digit()) {
                page = &page[first.len()..];
            }
        }
        text.push_str(page);
        text.push('\n');
    }
    text.nfc().collect()
}

/// Removes every whitespace character, so line breaks and justification do not matter.
pub fn squash(text: &str) -> String {
    // Zero-width spaces are break opportunities the templates add inside very long words.
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200B}')
        .collect()
}

/// A run of text on a laid-out page, with its baseline origin in points from the page corner.
#[derive(Debug, Clone)]
pub struct Run {
    pub page: usize,
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    /// Width without trailing spaces (a justified line's last run may end in one).
    pub ink_width: f64,
    pub size: f64,
    pub family: String,
    pub bold: bool,
    pub italic: bool,
    pub glyph_ids: Vec<u16>,
}

/// Lays out one job of the example with the engine, for layout checks.
pub fn layout(root: &Path, output: &str) -> PagedDocument {
    let (jobs, diags) = vanban::app::documents(root, false);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    let job = jobs
        .iter()
        .find(|j| j.output == Path::new(output))
        .unwrap_or_else(|| panic!("no job writes {output}"));
    let engine = Engine::new(root).unwrap();
    engine
        .layout(job.template.file_name(), job.input().to_vec())
        .unwrap_or_else(|e| panic!("{e:?}"))
}

/// A straight rule on a page: start point and length, in points.
#[derive(Debug, Clone)]
pub struct Rule {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub length: f64,
}

/// Every text run of a document, in page order.
pub fn runs(doc: &PagedDocument) -> Vec<Run> {
    scan(doc).0
}

/// Every horizontal rule of a document.
pub fn rules(doc: &PagedDocument) -> Vec<Rule> {
    scan(doc).1
}

fn scan(doc: &PagedDocument) -> (Vec<Run>, Vec<Rule>) {
    let mut out = (Vec::new(), Vec::new());
    for (i, page) in doc.pages().iter().enumerate() {
        walk(&page.frame, Transform::identity(), i + 1, &mut out);
    }
    out
}

fn walk(frame: &typst::layout::Frame, ts: Transform, page: usize, out: &mut (Vec<Run>, Vec<Rule>)) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let ts = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                walk(&group.frame, ts, page, out);
            }
            FrameItem::Shape(shape, _) => {
                if let typst::visualize::Geometry::Line(to) = shape.geometry {
                    let p = Point::new(pos.x, pos.y).transform(ts);
                    out.1.push(Rule {
                        page,
                        x: p.x.to_pt(),
                        y: p.y.to_pt(),
                        length: to.x.to_pt(),
                    });
                }
            }
            FrameItem::Text(text) => {
                let p = Point::new(pos.x, pos.y).transform(ts);
                let info = text.font.info();
                out.0.push(Run {
                    page,
                    text: text.text.to_string(),
                    x: p.x.to_pt(),
                    y: p.y.to_pt(),
                    width: text.width().to_pt(),
                    ink_width: {
                        let mut w = text.width().to_pt();
                        for g in text.glyphs.iter().rev() {
                            if text.text[g.range()].chars().all(char::is_whitespace) {
                                w -= g.x_advance.at(text.size).to_pt();
                            } else {
                                break;
                            }
                        }
                        w
                    },
                    size: text.size.to_pt(),
                    family: info.family.clone(),
                    bold: info.variant.weight.to_number() >= 600,
                    italic: info.variant.style != typst::text::FontStyle::Normal,
                    glyph_ids: text.glyphs.iter().map(|g| g.id).collect(),
                });
            }
            _ => {}
        }
    }
}

/// Joins the runs of each visual line (same page and baseline), left to right.
pub fn lines(runs: &[Run]) -> Vec<Run> {
    let mut sorted = runs.to_vec();
    // Baselines of one line may differ by rounding: compare them on a 0.25 pt grid.
    let key = |r: &Run| (r.page, (r.y * 4.0).round() as i64);
    sorted.sort_by(|a, b| key(a).cmp(&key(b)).then(a.x.partial_cmp(&b.x).unwrap()));
    let mut lines: Vec<Run> = Vec::new();
    for r in sorted {
        match lines.last_mut() {
            Some(l) if key(l) == key(&r) && r.x - (l.x + l.width) < 30.0 => {
                let gap = r.x - (l.x + l.width);
                if gap > 0.5 {
                    l.text.push(' ');
                }
                l.text.push_str(&r.text);
                l.width = r.x + r.width - l.x;
                l.ink_width = r.x + r.ink_width - l.x;
            }
            _ => lines.push(r),
        }
    }
    lines
}

/// The first line whose text starts with `prefix`.
pub fn line<'a>(lines: &'a [Run], prefix: &str) -> &'a Run {
    lines
        .iter()
        .find(|l| l.text.trim_start().starts_with(prefix))
        .unwrap_or_else(|| {
            panic!(
                "no line starts with {prefix:?}; lines: {:#?}",
                lines.iter().map(|l| &l.text).collect::<Vec<_>>()
            )
        })
}

/// Millimetres to points.
pub fn mm(v: f64) -> f64 {
    Abs::mm(v).to_pt()
}

/// A copy of the example project's data and letters in a temporary folder, to alter.
pub fn example_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["data", "letters"] {
        for entry in walkdir::WalkDir::new(example().join(sub))
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(example()).unwrap();
                std::fs::create_dir_all(dir.path().join(rel).parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), dir.path().join(rel)).unwrap();
            }
        }
    }
    dir
}

/// Replaces `from` (which must occur) by `to` in a project file.
pub fn alter(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Every document file below `dir` (the build manifest aside), relative to it, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() != vanban::manifest::FILE)
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}
