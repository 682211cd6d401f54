//! The message catalogue of the command line (Fluent): Vietnamese by default, English with
//! `--lang en` or an English locale (`LANG=en…`); every printed label, progress line and
//! summary comes from `i18n/<lang>.ftl`, and every kind of problem ([`Code`]) has a name in
//! both, which the completeness test below holds.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;
use vanban::diagnostic::{Code, Labels, Localized};

// One catalogue per language, kept in parts by the area of the code whose messages they hold.
const VI: &str = concat!(
    include_str!("i18n/vi.ftl"),
    "\n",
    include_str!("i18n/vi-checks.ftl"),
    "\n",
    include_str!("i18n/vi-plan.ftl"),
    "\n",
    include_str!("i18n/vi-answers.ftl"),
);
const EN: &str = concat!(
    include_str!("i18n/en.ftl"),
    "\n",
    include_str!("i18n/en-checks.ftl"),
    "\n",
    include_str!("i18n/en-plan.ftl"),
    "\n",
    include_str!("i18n/en-answers.ftl"),
);

/// A language the command line speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Lang {
    /// Tiếng Việt (default).
    Vi,
    /// English.
    En,
}

impl Lang {
    /// `--lang` when given; else English when the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`,
    /// the first set) is English; else Vietnamese, the language of the documents.
    pub(crate) fn pick(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(|| {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|k| std::env::var(k).ok())
                .find(|v| !v.is_empty())
                .unwrap_or_default();
            if locale.starts_with("en") {
                Lang::En
            } else {
                Lang::Vi
            }
        })
    }
}

/// The messages of one language.
pub(crate) struct Messages {
    bundle: FluentBundle<FluentResource>,
}

impl Messages {
    /// The catalogue of `lang`. Panics only if a shipped `.ftl` file does not parse, which
    /// the tests below rule out.
    pub(crate) fn new(lang: Lang) -> Self {
        let (source, id) = match lang {
            Lang::Vi => (VI, "vi"),
            Lang::En => (EN, "en"),
        };
        let id: LanguageIdentifier = id.parse().expect("a valid language id");
        let mut bundle = FluentBundle::new(vec![id]);
        // No Unicode isolation marks around arguments: they would end up in file names
        // copied from the terminal.
        bundle.set_use_isolating(false);
        let resource =
            FluentResource::try_new(source.to_string()).expect("shipped catalogue parses");
        bundle.add_resource(resource).expect("no duplicate keys");
        Self { bundle }
    }

    /// The message `key` with `args` (name, value); the key itself when it is missing, so
    /// a gap shows rather than hides (the tests keep both catalogues complete).
    pub(crate) fn get(&self, key: &str, args: &[(&str, FluentValue)]) -> String {
        self.lookup(key, args).unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with `args`, or `None` when the catalogue lacks it.
    pub(crate) fn lookup(&self, key: &str, args: &[(&str, FluentValue)]) -> Option<String> {
        let pattern = self.bundle.get_message(key).and_then(|m| m.value())?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        Some(
            self.bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned(),
        )
    }

    /// A diagnostic's catalogue message in this language.
    pub(crate) fn localized(&self, text: &Localized) -> Option<String> {
        let args: Vec<(&str, FluentValue)> = text
            .args
            .iter()
            .map(|(k, v)| {
                // A count is a number for the plural rules; everything else is text, as
                // written ("01", "2022").
                let value = match (*k, v.parse::<i64>()) {
                    ("count", Ok(n)) => FluentValue::from(n),
                    _ => FluentValue::from(v.clone()),
                };
                (*k, value)
            })
            .collect();
        self.lookup(text.key, &args)
    }

    /// The words around a diagnostic, from this catalogue.
    pub(crate) fn labels(lang: Lang) -> Labels {
        let stops = Messages::new(lang);
        let titles = Messages::new(lang);
        let texts = Messages::new(lang);
        let this = Messages::new(lang);
        Labels {
            error: this.get("label-error", &[]),
            warning: this.get("label-warning", &[]),
            hint: this.get("label-hint", &[]),
            stops: Box::new(move |n, list| {
                stops.get(
                    "stops-documents",
                    &[("count", n.into()), ("list", list.to_string().into())],
                )
            }),
            title: Box::new(move |code: Code| {
                Some(titles.get(&format!("code-{}", code.name()), &[]))
            }),
            translate: Box::new(move |text: &Localized| texts.localized(text)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(source: &str) -> Vec<String> {
        let resource = FluentResource::try_new(source.to_string()).expect("parses");
        let mut keys: Vec<String> = resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn both_catalogues_have_every_message_and_a_name_for_every_kind_of_problem() {
        let (vi, en) = (keys(VI), keys(EN));
        assert_eq!(vi, en, "a message lacks a translation");
        for code in Code::ALL {
            let key = format!("code-{}", code.name());
            assert!(vi.contains(&key), "no Vietnamese name for `{key}`");
        }
        // No name for a kind that no longer exists.
        let named = vi.iter().filter(|k| k.starts_with("code-")).count();
        assert_eq!(named, Code::ALL.len());
        for why in vanban::app::Rebuild::ALL {
            let key = format!("why-{}", why.name());
            assert!(vi.contains(&key), "no Vietnamese words for `{key}`");
        }
        assert_eq!(
            vi.iter().filter(|k| k.starts_with("why-")).count(),
            vanban::app::Rebuild::ALL.len()
        );
    }

    #[test]
    fn every_message_the_code_names_is_in_both_catalogues() {
        let keys_vi = keys(VI);
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut used = Vec::new();
        for entry in walkdir::WalkDir::new(&src)
            .into_iter()
            .filter_map(Result::ok)
        {
            // This file names the calls it looks for without making them.
            if entry.path().extension().is_none_or(|x| x != "rs")
                || entry.path().ends_with("cli/lang.rs")
            {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            for call in [".says(", ".hints("] {
                for (at, _) in text.match_indices(call) {
                    let rest = text[at + call.len()..].trim_start();
                    if let Some(rest) = rest.strip_prefix('"') {
                        used.push(rest[..rest.find('"').unwrap()].to_string());
                    }
                }
            }
        }
        assert!(used.len() >= 20, "the scan finds the calls: {used:?}");
        for key in &used {
            assert!(keys_vi.contains(key), "`{key}` is not in the catalogue");
        }
    }

    /// Copies every file below `from` into `to`, keeping the folders.
    fn overlay(from: &std::path::Path, to: &std::path::Path) {
        for entry in walkdir::WalkDir::new(from)
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_type().is_file() {
                let target = to.join(entry.path().strip_prefix(from).unwrap());
                std::fs::create_dir_all(target.parent().unwrap()).unwrap();
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    /// Every project under `tests/fixtures` and the example; a field case (data files
    /// only) is laid over a copy of the example, as the integration tests do.
    fn projects(scratch: &std::path::Path) -> Vec<std::path::PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = vec![root.to_path_buf()];
        for entry in walkdir::WalkDir::new(root.join("tests/fixtures"))
            .into_iter()
            .filter_map(Result::ok)
        {
            if entry.file_name() != "data" || !entry.file_type().is_dir() {
                continue;
            }
            let project = entry.path().parent().unwrap();
            if entry.path().join("agency.yaml").is_file() {
                found.push(project.to_path_buf());
            } else {
                let copy = scratch.join(project.file_name().unwrap());
                for part in ["data", "letters"] {
                    overlay(&root.join(part), &copy.join(part));
                }
                overlay(project, &copy);
                found.push(copy);
            }
        }
        found
    }

    #[test]
    fn the_english_catalogue_says_what_the_diagnostics_say() {
        let en = Messages::new(Lang::En);
        let vi = Messages::new(Lang::Vi);
        let mut seen = 0;
        let scratch = tempfile::tempdir().unwrap();
        for project in projects(scratch.path()) {
            for d in vanban::app::check::check(&project).diagnostics {
                let Some(texts) = &d.texts else { continue };
                if let Some(message) = &texts.message {
                    assert_eq!(
                        en.localized(message).as_deref(),
                        Some(d.message.as_str()),
                        "{}",
                        project.display()
                    );
                    assert!(vi.localized(message).is_some(), "{}", message.key);
                    seen += 1;
                }
                if let (Some(hint), Some(english)) = (&texts.hint, &d.hint) {
                    assert_eq!(
                        en.localized(hint).as_deref(),
                        Some(english.as_str()),
                        "{}",
                        project.display()
                    );
                    seen += 1;
                }
            }
        }
        assert!(seen >= 20, "the fixtures reach the catalogue: {seen}");
    }

    #[test]
    fn messages_fill_in_their_arguments_and_plurals() {
        let vi = Messages::new(Lang::Vi);
        assert_eq!(
            vi.get(
                "check-summary",
                &[("errors", 2.into()), ("warnings", 0.into())]
            ),
            "2 lỗi, 0 cảnh báo"
        );
        let en = Messages::labels(Lang::En);
        assert_eq!((en.stops)(1, "`a`"), "stops 1 document: `a`");
        assert_eq!((en.stops)(3, "`a`"), "stops 3 documents: `a`");
        let vi = Messages::labels(Lang::Vi);
        assert_eq!(
            (vi.title)(Code::NotAnswered).as_deref(),
            Some("chưa trả lời")
        );
        assert_eq!(vi.error, "lỗi");
    }
}
