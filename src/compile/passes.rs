//! Typst's compile loop, run by vanban so that a document can start from a sibling's
//! introspection: evaluate the main file (`typst-eval`), then lay it out until the answers a
//! pass used (page numbers, queried labels) are those of the pages it made, as
//! `typst::compile` does in Typst 0.15.1, at most five passes. Typst always starts from an
//! empty introspection; [`Seeds`] start a document from the last one of its template on
//! the same thread, which saves a sibling letter its second pass.

use std::collections::HashMap;

use typst::World;
use typst::comemo::{Constraint, Track};
use typst::diag::{At, SourceResult};
use typst::engine::{Route, Sink, Traced};
use typst::foundations::{Bytes, Output, StyleChain, Target, TargetElem};
use typst::introspection::{EmptyIntrospector, Introspector, MAX_ITERS};
use typst::syntax::{FileId, Span};
use typst::utils::Protected;

use super::{CompileError, DocumentWorld, Engine, PagedDocument, file_id};

impl Engine {
    /// Compiles `template` with `input` (JSON bytes) into laid-out pages, as `typst compile`
    /// would: layout starts from an empty introspection.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    pub fn layout(
        &self,
        template: &str,
        input: Vec<u8>,
    ) -> Result<PagedDocument, Vec<CompileError>> {
        self.layout_seeded(template, input, &mut Seeds::default())
    }

    /// Compiles `template` with `input` (JSON bytes) into laid-out pages, starting layout
    /// from what the last document of the same template in `seeds` answered (page numbers,
    /// queried labels) and leaving this one there for the next.
    ///
    /// Typst lays a document out until the answers it used are those of the pages it made
    /// (`typst::compile`, at most five passes); from nothing, a document whose header
    /// numbers pages always takes two. A sibling letter (same template, same page count)
    /// answers as this one will, so its seed makes the first pass the last: the pages are
    /// the same as from nothing, only the check that ends the loop passes sooner, and a
    /// seed that answers wrongly costs only the pass that shows it. Only vanban's own
    /// templates are seeded (see `seedable`); a seeded layout that fails or does not settle
    /// is done again from nothing, so its errors are those `typst compile` gives. Errors are
    /// Typst's, each once, positioned in the template.
    pub fn layout_seeded(
        &self,
        template: &str,
        input: Vec<u8>,
        seeds: &mut Seeds,
    ) -> Result<PagedDocument, Vec<CompileError>> {
        let world = DocumentWorld {
            engine: self,
            main: file_id(&format!("/{template}")),
            input: Bytes::new(input),
        };
        let seed = seeds.last.get(&world.main).filter(|_| self.seedable);
        let mut laid = converge(&world, seed);
        // A failure before the first pass (the template's own code) owes nothing to the seed.
        if seed.is_some()
            && laid.passes > 0
            && !matches!(laid, Laid { result: Ok(_), settled: true, .. })
        {
            let again = converge(&world, None);
            laid = Laid {
                passes: laid.passes + again.passes,
                ..again
            };
        }
        seeds.passes = laid.passes;
        let document = laid.result.map_err(|errors| {
            let mut seen = std::collections::HashSet::new();
            errors
                .iter()
                .filter(|e| seen.insert((e.span, e.message.clone())))
                .map(|e| world.convert(e))
                .collect::<Vec<_>>()
        })?;
        if self.seedable {
            seeds.last.insert(world.main, document.clone());
        }
        Ok(document)
    }
}

/// The last document laid out from each template on one compiling thread, to start the
/// next document of that template from ([`Engine::layout_seeded`]). A document's pages are
/// shared, not copied: keeping one per template costs next to nothing.
#[derive(Default)]
pub struct Seeds {
    last: HashMap<FileId, PagedDocument>,
    passes: usize,
}

impl Seeds {
    /// How many layout passes the last [`Engine::layout_seeded`] took: 1 to 5, up to 10 when
    /// a seeded layout was done again from nothing, 0 when it failed before laying out.
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    pub fn passes(&self) -> usize {
        self.passes
    }
}

/// A layout: the document or Typst's errors, the passes it took, and whether the last
/// pass found the answers it used (else it stopped at Typst's limit).
struct Laid {
    result: SourceResult<PagedDocument>,
    passes: usize,
    settled: bool,
}

/// Evaluates the world's main file and lays it out until its introspection is stable,
/// starting from `seed`'s.
fn converge(world: &dyn World, seed: Option<&PagedDocument>) -> Laid {
    let (mut passes, mut settled) = (0, false);
    let result = (|| {
        let world = world.track();
        let traced = Traced::default();
        let traced = traced.track();
        let mut sink = Sink::new();
        let library = world.library();
        let base = StyleChain::new(&library.styles);
        let target = TargetElem::target.set(Target::Paged).wrap();
        let styles = base.chain(&target);
        let main = world.source(world.main()).at(Span::detached())?;
        let content = typst_eval::eval(
            world,
            library,
            traced,
            sink.track_mut(),
            Route::default().track(),
            &main,
        )?
        .content();
        let empty = EmptyIntrospector;
        let mut previous: Option<PagedDocument> = None;
        loop {
            let introspector: &dyn Introspector = match (&previous, seed) {
                (Some(document), _) | (None, Some(document)) => Output::introspector(document),
                (None, None) => &empty,
            };
            let constraint = Constraint::new();
            let mut pass_sink = Sink::new();
            let mut engine = typst::engine::Engine {
                library,
                world,
                introspector: Protected::new(introspector.track_with(&constraint)),
                traced,
                sink: pass_sink.track_mut(),
                route: Route::default(),
            };
            let document = PagedDocument::create(&mut engine, &content, styles)?;
            passes += 1;
            settled = constraint.validate(Output::introspector(&document));
            // As Typst: after the last pass allowed, the document stands as it is.
            if settled || passes >= MAX_ITERS {
                sink.extend_from_sink(pass_sink);
                let delayed = sink.delayed();
                if !delayed.is_empty() {
                    return Err(delayed);
                }
                return Ok(document);
            }
            previous = Some(document);
        }
    })();
    Laid {
        result,
        passes,
        settled,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// A project whose template `dem.typ` prints its page count on every page and breaks
    /// pages as its input says, and whose `loi.typ` refers twice to a label no page has when
    /// its input says `bad`.
    fn counting_project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/dem.typ"),
            "#let n = json(\"/input.json\").pages\n\
             #for i in range(n) { if i > 0 { pagebreak() }; context [trang #here().page() / #counter(page).final().first()] }\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("templates/loi.typ"),
            "#if json(\"/input.json\").bad { for i in range(2) [@khong-co] } else [được]\n",
        )
        .unwrap();
        dir
    }

    /// The project's engine, seeding its own templates as it seeds vanban's.
    fn seeding_engine(project: &Path) -> Engine {
        let mut engine = Engine::new(project).unwrap();
        assert!(!engine.seedable, "a project's own templates are not seeded");
        engine.seedable = true;
        engine
    }

    fn text_of(document: &PagedDocument) -> String {
        fn walk(frame: &typst::layout::Frame, out: &mut String) {
            for (_, item) in frame.items() {
                match item {
                    typst::layout::FrameItem::Group(g) => walk(&g.frame, out),
                    typst::layout::FrameItem::Text(t) => out.push_str(&t.text),
                    _ => {}
                }
            }
        }
        let mut out = String::new();
        for page in document.pages() {
            walk(&page.frame, &mut out);
            out.push('|');
        }
        out
    }

    fn count(engine: &Engine, pages: u32, seeds: &mut Seeds) -> String {
        let input = format!("{{\"pages\": {pages}}}").into_bytes();
        text_of(&engine.layout_seeded("dem.typ", input, seeds).unwrap())
    }

    #[test]
    fn a_seed_that_answers_alike_saves_a_pass_and_a_wrong_one_costs_one() {
        let project = counting_project();
        let engine = seeding_engine(project.path());
        let mut fresh = Seeds::default();
        let two = count(&engine, 2, &mut fresh);
        assert_eq!(two, "trang 1 / 2|trang 2 / 2|");
        assert_eq!(fresh.passes(), 2, "from nothing, page numbers take a second pass");

        // A sibling of the same length answers alike: one pass, the same pages.
        assert_eq!(count(&engine, 2, &mut fresh), two);
        assert_eq!(fresh.passes(), 1);

        // A seed of another length answers wrongly: the pass that shows it, then the
        // document as from nothing.
        let three = count(&engine, 3, &mut fresh);
        assert_eq!(three, "trang 1 / 3|trang 2 / 3|trang 3 / 3|");
        assert!(fresh.passes() >= 2, "{} passes", fresh.passes());
        assert_eq!(count(&engine, 3, &mut Seeds::default()), three);
    }

    #[test]
    fn only_vanbans_own_templates_are_seeded() {
        let project = counting_project();
        let engine = Engine::new(project.path()).unwrap();
        let mut seeds = Seeds::default();
        count(&engine, 2, &mut seeds);
        count(&engine, 2, &mut seeds);
        assert_eq!(seeds.passes(), 2, "a project's template is laid out as Typst would");
        let example = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(Engine::new(example).unwrap().seedable, "the example's templates are vanban's");
    }

    #[test]
    fn a_seeded_layout_that_fails_gives_typsts_errors_each_once() {
        let project = counting_project();
        let engine = seeding_engine(project.path());
        let mut seeds = Seeds::default();
        let layout = |bad: bool, seeds: &mut Seeds| {
            let input = format!("{{\"bad\": {bad}}}").into_bytes();
            engine.layout_seeded("loi.typ", input, seeds)
        };
        assert!(layout(false, &mut seeds).is_ok());
        let errors = layout(true, &mut seeds).unwrap_err();
        // Two references to the label, one place in the template: one error.
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("khong-co"), "{}", errors[0].message);
        assert_eq!(errors[0].file.as_deref(), Some(Path::new("templates/loi.typ")));
        assert_eq!(errors[0].line_column.map(|(line, _)| line), Some(1));
        // Tried from the seed, then again from nothing, as `typst compile` would.
        assert!(seeds.passes() >= 2, "{} passes", seeds.passes());
        let unseeded = layout(true, &mut Seeds::default()).unwrap_err();
        assert_eq!(unseeded.len(), 1);
        assert_eq!(unseeded[0].message, errors[0].message);
    }

    #[test]
    fn an_unreadable_input_is_typsts_error_once() {
        let project = counting_project();
        let engine = seeding_engine(project.path());
        let mut seeds = Seeds::default();
        let errors = engine
            .layout_seeded("dem.typ", b"{\"trang\": 2}".to_vec(), &mut seeds)
            .unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("pages"), "{}", errors[0].message);
        assert_eq!(seeds.passes(), 0, "no pass: the template fails before layout");
    }
}
