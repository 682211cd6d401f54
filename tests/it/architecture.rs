//! The dependency rules of the design (README "Design"): each stage module names only the
//! modules the table allows. Read from the source: every `crate::…` path (`use` lines, brace
//! groups and paths in code) of every file under a module counts as an edge.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::example;

/// Modules every module may name: problems, failures, threads, fingerprints.
const BASE: &[&str] = &["diagnostic", "Error", "parallel", "fingerprint"];

/// What each module may name besides [`BASE`]; `render::vi` is named as such where a module
/// may use the formatter but not the rest of `render`.
const ALLOWED: &[(&str, &[&str])] = &[
    ("plan", &["compute", "render", "model", "form"]),
    ("queue", &["compile", "output", "form"]),
    ("output", &["compile"]),
    ("compile", &[]),
    ("render", &["model", "compute"]),
    // Messages about late answers print their dates with the one formatter.
    ("compute", &["model", "render::vi"]),
    ("validate", &["project", "model"]),
    ("project", &[]),
    ("form", &[]),
    // The model's values keep the position they were written at.
    ("model", &[]),
    ("diagnostic", &[]),
    ("parallel", &[]),
    ("fingerprint", &[]),
    ("error", &[]),
    ("manifest", &["output", "plan"]),
];

/// The `crate::` paths a source text names, as "module" or "module::sub".
fn named(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        // `vanban_crate::` or a longer identifier ending in `crate` is not a path to us.
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let path: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                if !path.is_empty() {
                    found.insert(head(&path));
                }
            }
        } else {
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            found.insert(head(&path));
        }
    }
    found
}

/// "render::vi::date" → "render::vi"; "model::Letter" → "model".
fn head(path: &str) -> String {
    let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [first, second, ..] if second.chars().next().is_some_and(char::is_lowercase) => {
            format!("{first}::{second}")
        }
        [first, ..] => first.to_string(),
        [] => String::new(),
    }
}

/// Every source file of the library, by the top module it belongs to.
fn modules(src: &Path) -> BTreeMap<String, String> {
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let module = first.trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        texts.entry(module).or_default().push_str(&text);
    }
    texts
}

/// The edges a module's text has that the table does not allow.
fn forbidden(module: &str, text: &str) -> Vec<String> {
    let Some((_, allowed)) = ALLOWED.iter().find(|(m, _)| *m == module) else {
        return Vec::new();
    };
    named(text)
        .into_iter()
        .filter(|path| {
            let top = path.split("::").next().unwrap_or_default();
            top != module
                && !BASE.contains(&top)
                && !allowed.contains(&path.as_str())
                && !allowed.contains(&top)
        })
        .collect()
}

#[test]
fn stage_modules_name_only_what_the_design_allows() {
    let texts = modules(&example().join("src"));
    for module in ALLOWED.iter().map(|(m, _)| *m) {
        assert!(
            texts.contains_key(module),
            "no module `{module}` under src/"
        );
    }
    let mut problems = Vec::new();
    for (module, text) in &texts {
        for edge in forbidden(module, text) {
            problems.push(format!("{module} → {edge}"));
        }
        if module != "app" && module != "lib" && module != "fuzzing" {
            assert!(
                !named(text).contains("app"),
                "`{module}` names `crate::app`: only the commands sequence the stages"
            );
        }
    }
    assert!(problems.is_empty(), "forbidden edges: {problems:?}");
}

#[test]
fn only_the_command_line_names_the_library_from_outside() {
    // The binary reaches the library through `app` and `diagnostic` only.
    let mut text = std::fs::read_to_string(example().join("src/main.rs")).unwrap();
    for entry in walkdir::WalkDir::new(example().join("src/cli"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        text.push_str(&std::fs::read_to_string(entry.path()).unwrap());
    }
    let mut outside: BTreeSet<String> = BTreeSet::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("vanban::") {
        rest = &rest[at + "vanban::".len()..];
        let names: Vec<String> = match rest.strip_prefix('{') {
            Some(group) => group[..group.find('}').unwrap_or(group.len())]
                .split(',')
                .map(|p| p.trim().split("::").next().unwrap_or_default().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            None => vec![
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            ],
        };
        for name in names {
            if !["app", "diagnostic", "RunReport", "Progress", "Error"].contains(&name.as_str()) {
                outside.insert(name);
            }
        }
    }
    assert!(outside.is_empty(), "the command line names {outside:?}");
}

#[test]
fn the_checker_sees_forbidden_edges() {
    // An edge in a brace group, in code, and a sub-module path are all found.
    let text =
        "use crate::{model::Letter, render::data::Frame};\nfn f() { crate::app::check::check(p); }";
    assert_eq!(
        named(text),
        BTreeSet::from(["app::check".into(), "model".into(), "render::data".into()])
    );
    assert_eq!(forbidden("compile", text).len(), 3);
    assert_eq!(
        forbidden("compute", "use crate::render::vi::date;"),
        Vec::<String>::new()
    );
    assert_eq!(
        forbidden("compute", "use crate::render::data::Frame;"),
        ["render::data"]
    );
    assert_eq!(
        forbidden("validate", "use crate::compute::obligations;"),
        ["compute::obligations"]
    );
}

#[test]
fn the_entry_points_stay_small_and_no_file_grows_past_700_lines() {
    let lines = |p: &Path| std::fs::read_to_string(p).unwrap().lines().count();
    assert!(lines(&example().join("src/lib.rs")) <= 60);
    assert!(lines(&example().join("src/main.rs")) <= 80);
    for entry in walkdir::WalkDir::new(example().join("src"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let n = lines(entry.path());
        assert!(n <= 700, "{} has {n} lines", entry.path().display());
    }
}
