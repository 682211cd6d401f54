//! In-process Typst: one `Engine` per run holds the standard library, the fonts (loaded once)
//! and the template sources; each document is compiled through a light `DocumentWorld` view
//! that adds only its JSON input. Templates read that input with `json("/input.json")`, so
//! data reaches Typst as values and is never parsed as markup. Templates can read nothing
//! but the template folder held in memory: no disk access, no packages, no network.
//! Layout runs Typst's own pass loop here rather than through `typst::compile`, so that a
//! document can start from the introspection of the last one made from its template
//! ([`Seeds`]): the same pages, one pass instead of two for a sibling letter.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
pub use typst_layout::PagedDocument;

mod passes;
pub use passes::Seeds;

/// Path, inside the Typst virtual file system, of a document's input data.
pub const INPUT_PATH: &str = "/input.json";

/// The default templates, used when a project has no `templates/` file of the same name.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("cong-van.typ", include_str!("../../templates/cong-van.typ")),
    ("nd30.typ", include_str!("../../templates/nd30.typ")),
    ("bao-cao.typ", include_str!("../../templates/bao-cao.typ")),
    ("in-gop.typ", include_str!("../../templates/in-gop.typ")),
    (
        "so-dang-ky.typ",
        include_str!("../../templates/so-dang-ky.typ"),
    ),
    ("phu-luc.typ", include_str!("../../templates/phu-luc.typ")),
    ("danh-muc.typ", include_str!("../../templates/danh-muc.typ")),
    ("to-trinh.typ", include_str!("../../templates/to-trinh.typ")),
];

/// The bundled fonts (Tinos, Times New Roman metrics, OFL 1.1), used when a project adds none.
const BUILTIN_FONTS: &[&[u8]] = &[
    include_bytes!("../../templates/fonts/Tinos-Regular.ttf"),
    include_bytes!("../../templates/fonts/Tinos-Bold.ttf"),
    include_bytes!("../../templates/fonts/Tinos-Italic.ttf"),
    include_bytes!("../../templates/fonts/Tinos-BoldItalic.ttf"),
];

/// The four styles of a family: (bold, italic, name).
const STYLES: [(bool, bool, &str); 4] = [
    (false, false, "regular"),
    (true, false, "bold"),
    (false, true, "italic"),
    (true, true, "bold italic"),
];

/// (bold, italic) of a font.
fn style_of(info: &FontInfo) -> (bool, bool) {
    (
        info.variant.weight.to_number() >= 600,
        info.variant.style != typst::text::FontStyle::Normal,
    )
}

/// The built-in templates, by file name.
pub fn builtin_templates() -> &'static [(&'static str, &'static str)] {
    BUILTIN_TEMPLATES
}

/// The bundled font files.
pub fn builtin_fonts() -> &'static [&'static [u8]] {
    BUILTIN_FONTS
}

/// A problem compiling a template, located in the template file.
#[derive(Debug, Clone)]
pub struct CompileError {
    /// Template file relative to the project root, when known.
    pub(crate) file: Option<PathBuf>,
    /// 1-based line and column, when known.
    pub(crate) line_column: Option<(usize, usize)>,
    /// Typst's message.
    pub(crate) message: String,
    /// Typst's hints.
    pub(crate) hints: Vec<String>,
}

/// Everything shared by the documents of a run.
pub struct Engine {
    /// What the project's own font families lack (see [`Engine::incomplete_families`]).
    incomplete: Vec<(String, Vec<&'static str>)>,
    library: LazyHash<Library>,
    fonts: FontStore,
    sources: HashMap<FileId, Source>,
    /// Where each template came from, for error messages.
    origins: HashMap<FileId, PathBuf>,
    /// Font families available.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    families: Vec<String>,
    /// Character coverage of every loaded font.
    coverage: Vec<typst::text::Coverage>,
    /// Fingerprints of the templates and of the fonts, for incremental builds.
    fingerprints: (String, String),
    /// Every template is vanban's own, as built in: documents may start their layout from
    /// a sibling's ([`Engine::layout_seeded`]). Their one introspection, the page header,
    /// stands in the margin and cannot move the body, so the pages have one fixpoint and a
    /// seed cannot change them; a project's own template might have several, and the one
    /// reached would then depend on which sibling a thread laid out last.
    seedable: bool,
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("template paths are valid virtual paths");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

fn input_id() -> FileId {
    static ID: OnceLock<FileId> = OnceLock::new();
    *ID.get_or_init(|| file_id(INPUT_PATH))
}

impl Engine {
    /// Loads the templates (project's `templates/` over the built-in ones) and the fonts
    /// (project's `templates/fonts/` first, then the bundled Tinos for missing families).
    pub fn new(project_root: &Path) -> Result<Self, String> {
        let dir = project_root.join("templates");
        let mut sources = HashMap::new();
        let mut origins = HashMap::new();
        for (name, text) in BUILTIN_TEMPLATES {
            let id = file_id(&format!("/{name}"));
            sources.insert(id, Source::new(id, (*text).to_string()));
            origins.insert(id, PathBuf::from(format!("templates/{name}")));
        }
        if dir.is_dir() {
            let entries = std::fs::read_dir(&dir).map_err(|e| {
                format!("cannot read the templates folder `{}`: {e}", dir.display())
            })?;
            let mut names: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "typ"))
                .collect();
            names.sort();
            for path in names {
                let shown = path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .filter(|n| VirtualPath::new(format!("/{n}")).is_ok())
                    .ok_or_else(|| {
                        format!("template file name `templates/{shown}` cannot be used; rename it with letters, digits, `-` and `_`")
                    })?;
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read template `templates/{name}`: {e}"))?;
                let id = file_id(&format!("/{name}"));
                sources.insert(id, Source::new(id, text));
                origins.insert(id, PathBuf::from(format!("templates/{name}")));
            }
        }

        let mut fonts = FontStore::new();
        let mut families: Vec<String> = Vec::new();
        let mut coverage = Vec::new();
        let mut push = |font: Font, fonts: &mut FontStore| {
            let info: FontInfo = font.info().clone();
            families.push(info.family.clone());
            coverage.push(info.coverage.clone());
            fonts.push((font, info));
        };
        let font_dir = dir.join("fonts");
        let mut project_fonts = Vec::new();
        if font_dir.is_dir() {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&font_dir)
                .map_err(|e| format!("cannot read the fonts folder `{}`: {e}", font_dir.display()))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        matches!(
                            e.to_ascii_lowercase().as_str(),
                            "ttf" | "otf" | "ttc" | "otc"
                        )
                    })
                })
                .collect();
            paths.sort();
            for path in paths {
                let data = std::fs::read(&path)
                    .map_err(|e| format!("cannot read font `{}`: {e}", path.display()))?;
                project_fonts.push(data);
            }
        }
        let builtin: Vec<Vec<u8>> = BUILTIN_FONTS.iter().map(|b| b.to_vec()).collect();
        let mut font_bytes = Vec::new();
        let mut user: Vec<Font> = Vec::new();
        let mut bundled: Vec<Font> = Vec::new();
        for (data, own) in project_fonts
            .iter()
            .map(|d| (d, true))
            .chain(builtin.iter().filter(|b| !project_fonts.contains(b)).map(|d| (d, false)))
        {
            font_bytes.extend_from_slice(data);
            for font in Font::iter(Bytes::new(data.clone())) {
                if own { user.push(font.clone()) } else { bundled.push(font.clone()) }
                push(font, &mut fonts);
            }
        }
        // A family the user supplies without all four styles: each missing style is the
        // bundled Tinos's, under the user's family name, so that bold stays bold.
        let mut incomplete = Vec::new();
        let user_families: std::collections::BTreeSet<String> =
            user.iter().map(|f| f.info().family.clone()).collect();
        for family in user_families {
            let has = |bold: bool, italic: bool| {
                user.iter().any(|f| {
                    let info = f.info();
                    info.family == family && style_of(info) == (bold, italic)
                })
            };
            let mut missing = Vec::new();
            for (bold, italic, name) in STYLES {
                if has(bold, italic) {
                    continue;
                }
                missing.push(name);
                if let Some(fallback) = bundled.iter().find(|f| style_of(f.info()) == (bold, italic)) {
                    let mut info = fallback.info().clone();
                    info.family = family.clone();
                    fonts.push((fallback.clone(), info));
                }
            }
            if !missing.is_empty() {
                incomplete.push((family, missing));
            }
        }
        families.sort();
        families.dedup();

        let mut templates: Vec<(&PathBuf, &Source)> =
            sources.iter().map(|(id, s)| (&origins[id], s)).collect();
        templates.sort_by(|a, b| a.0.cmp(b.0));
        let mut template_bytes = Vec::new();
        for (path, source) in templates {
            template_bytes.extend_from_slice(path.to_string_lossy().as_bytes());
            template_bytes.push(0);
            template_bytes.extend_from_slice(source.text().as_bytes());
        }
        let fingerprints = (
            crate::fingerprint::fingerprint(&template_bytes),
            crate::fingerprint::fingerprint(&font_bytes),
        );
        let seedable = sources.iter().all(|(id, source)| {
            BUILTIN_TEMPLATES
                .iter()
                .any(|(name, text)| file_id(&format!("/{name}")) == *id && source.text() == *text)
        });

        Ok(Self {
            incomplete,
            fingerprints,
            library: LazyHash::new(Library::builder().build()),
            fonts,
            sources,
            origins,
            families,
            coverage,
            seedable,
        })
    }

    /// What is missing from the font families the project supplies: each family with the
    /// styles it lacks ("regular", "bold", "italic", "bold italic"), for which the bundled
    /// font is used.
    pub fn incomplete_families(&self) -> &[(String, Vec<&'static str>)] {
        &self.incomplete
    }

    /// Fingerprints of (templates, fonts): a change in either rebuilds every document.
    pub fn fingerprints(&self) -> &(String, String) {
        &self.fingerprints
    }

    /// Font families the engine can use.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    pub fn families(&self) -> &[String] {
        &self.families
    }

    /// Whether some loaded font has a glyph for `c` (Typst drops missing glyphs silently).
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || c.is_control()
            || self.coverage.iter().any(|cov| cov.contains(c as u32))
    }
}


/// The view of the engine one document is compiled through.
struct DocumentWorld<'a> {
    engine: &'a Engine,
    main: FileId,
    input: Bytes,
}

impl DocumentWorld<'_> {
    fn convert(&self, diag: &SourceDiagnostic) -> CompileError {
        let id = diag.span.id();
        let file = id.and_then(|id| self.engine.origins.get(&id).cloned());
        let line_column = id.and_then(|id| {
            let source = self.engine.sources.get(&id)?;
            let range = self.range(diag.span)?;
            let (line, col) = source.lines().byte_to_line_column(range.start)?;
            Some((line + 1, col + 1))
        });
        CompileError {
            file,
            line_column,
            message: diag.message.to_string(),
            hints: diag.hints.iter().map(|h| h.v.to_string()).collect(),
        }
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.engine.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.engine
            .sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == input_id() {
            return Ok(self.input.clone());
        }
        match self.engine.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
            None => Err(FileError::NotFound(id.vpath().get_with_slash().into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Documents carry their own dates; "today" would make output depend on the clock.
        None
    }
}

/// A run of text on a laid-out page: its baseline origin from the top-left page corner (pt).
#[derive(Debug, Clone)]
pub struct TextRun {
    /// 0-based page index.
    pub(crate) page: usize,
    /// The text.
    pub(crate) text: String,
    /// Left edge.
    pub(crate) x: f64,
    /// Baseline.
    pub(crate) y: f64,
    /// Advance width.
    pub(crate) width: f64,
    /// Font size.
    pub(crate) size: f64,
    /// Top of the ink of its glyphs (stacked diacritics included), from the page's top edge.
    pub(crate) top: f64,
    /// Bottom of the ink of its glyphs, from the page's top edge.
    pub(crate) bottom: f64,
}

/// Every text run of a laid-out document, with its page position (to place things such as
/// signature fields over what Typst laid out).
pub fn text_runs(doc: &PagedDocument) -> Vec<TextRun> {
    use typst::layout::{Frame, FrameItem, Point, Transform};
    /// Glyphs' vertical extents in font units (y_min, y_max), by font and glyph, kept for the
    /// whole run on each compiling thread: a Vietnamese letter with its marks is a composite
    /// glyph whose box ttf-parser works out from its outline, and a national campaign sets
    /// the same few hundred glyphs a million times (measured with `vanban bench`). Each
    /// entry holds its font, so no other font can take the address it is found by.
    type Extents = Vec<(Font, std::collections::HashMap<u16, Option<(i16, i16)>>)>;
    thread_local! {
        static EXTENTS: std::cell::RefCell<Extents> = const { std::cell::RefCell::new(Vec::new()) };
    }
    fn extents_of<'a>(
        cache: &'a mut Extents,
        font: &Font,
    ) -> &'a mut std::collections::HashMap<u16, Option<(i16, i16)>> {
        // By the font's bytes and index: Typst makes new instances of a font as its cache is
        // trimmed, and comparing fonts would compare their bytes.
        let same = |f: &Font| f.data().as_ptr() == font.data().as_ptr() && f.index() == font.index();
        let i = match cache.iter().position(|(f, _)| same(f)) {
            Some(i) => i,
            None => {
                cache.push((font.clone(), std::collections::HashMap::new()));
                cache.len() - 1
            }
        };
        &mut cache[i].1
    }
    fn walk(
        frame: &Frame,
        ts: Transform,
        page: usize,
        out: &mut Vec<TextRun>,
        cache: &mut Extents,
    ) {
        for (pos, item) in frame.items() {
            match item {
                FrameItem::Group(group) => {
                    let ts = ts
                        .pre_concat(Transform::translate(pos.x, pos.y))
                        .pre_concat(group.transform);
                    walk(&group.frame, ts, page, out, cache);
                }
                FrameItem::Text(text) => {
                    let p = Point::new(pos.x, pos.y).transform(ts);
                    let (y, size) = (p.y.to_pt(), text.size.to_pt());
                    // Glyph boxes are in font units, y up from the baseline.
                    let scale = size / text.font.units_per_em();
                    let face = text.font.ttf();
                    let extents = extents_of(cache, text.font.font());
                    let (mut top, mut bottom) = (y, y);
                    for g in &text.glyphs {
                        let extent = *extents.entry(g.id).or_insert_with(|| {
                            face.glyph_bounding_box(ttf_parser::GlyphId(g.id))
                                .map(|b| (b.y_min, b.y_max))
                        });
                        if let Some((y_min, y_max)) = extent {
                            let shift = g.y_offset.at(text.size).to_pt();
                            top = top.min(y - f64::from(y_max) * scale - shift);
                            bottom = bottom.max(y - f64::from(y_min) * scale - shift);
                        }
                    }
                    out.push(TextRun {
                        page,
                        text: text.text.to_string(),
                        x: p.x.to_pt(),
                        y,
                        width: text.width().to_pt(),
                        size,
                        top,
                        bottom,
                    });
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    EXTENTS.with_borrow_mut(|cache| {
        for (i, page) in doc.pages().iter().enumerate() {
            walk(&page.frame, Transform::identity(), i, &mut out, cache);
        }
    });
    out
}

/// The height of a page, in points.
pub fn page_height(doc: &PagedDocument, page: usize) -> Option<f64> {
    doc.pages().get(page).map(|p| p.frame.height().to_pt())
}
