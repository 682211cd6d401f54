//! Validation: turns the raw, positioned YAML structs into the checked model, collecting every
//! problem as a diagnostic instead of stopping at the first. A letter that refers to anything
//! broken is left out of the model, so the other letters are still built.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Position};
use crate::model::{
    Addressee, Agency, Authority, Catalogue, Compute, Directory, Edition, Group, GroupStyle,
    Indicator, IndicatorRequest, Letter, LetterDate, LetterKind, PopulationKind, Project,
    Recipient, Reminder, Request, ScoreRule, SectionStyle, Signer, Text,
};
use crate::project::{
    At, RawAgency, RawCatalogue, RawLetter, RawProject, RawRecipients, RawRequest,
};

mod answers;

/// The wording of an indicator request when the letter gives none.
pub const DEFAULT_REQUEST_FORMAT: &str = "{{ name }} ({{ unit }}) ({{ basis }} {{ form }} của Chỉ số {{ number }}{% if guidance %} {{ guidance }}{% endif %}).";

/// The position of a spanned value in `file`.
pub fn position<T>(file: &Path, at: &At<T>) -> Position {
    Position {
        file: file.to_path_buf(),
        line: at.referenced.line() as usize,
        column: at.referenced.column() as usize,
    }
}

fn text(file: &Path, at: &At<String>) -> Text {
    Text {
        value: at.value.clone(),
        at: position(file, at),
    }
}

/// The checked shared data every letter is validated against.
#[derive(Clone, Copy)]
struct Shared<'a> {
    agency: &'a Agency,
    agency_known: bool,
    dir: &'a Directory,
    catalogue: &'a Catalogue,
    broken: &'a Broken,
}

/// What validation knows is broken, so letters that use it can be held back.
#[derive(Default)]
struct Broken {
    recipients: BTreeSet<String>,
    groups: BTreeSet<String>,
    signers: BTreeSet<String>,
    /// Shared data files with errors: every letter depends on them.
    shared: Vec<String>,
}

/// Checks the raw project; returns the model (with only the sound letters) and all problems.
pub fn validate(raw: RawProject) -> (Option<Project>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut broken = Broken::default();

    let agency = raw
        .agency
        .as_ref()
        .map(|a| check_agency(&a.path, &a.value, &mut diags, &mut broken));
    let before = diags.len();
    let catalogue = raw
        .catalogue
        .as_ref()
        .map(|c| check_catalogue(&c.path, &c.value, &mut diags))
        .unwrap_or_default();
    if diags[before..].iter().any(Diagnostic::is_error) {
        broken.shared.push("data/indicators.yaml".into());
    }
    let directory = raw
        .recipients
        .as_ref()
        .map(|r| check_directory(&r.path, &r.value, &mut diags, &mut broken))
        .unwrap_or_default();

    // A missing or unreadable data file is reported by `project`; letters are still checked
    // so that their own problems show in the same run, but none is built.
    let agency_known = agency.is_some();
    let agency = agency.unwrap_or_else(Agency::unknown);
    for (present, file) in [
        (agency_known, "data/agency.yaml"),
        (raw.recipients.is_some(), "data/recipients.yaml"),
        (raw.catalogue.is_some(), "data/indicators.yaml"),
    ] {
        if !present {
            broken.shared.push(file.into());
        }
    }
    broken.shared.sort();
    broken.shared.dedup();

    let mut letters = Vec::new();
    // Outputs go to out/<data year>/<id>: an id must be unique within its data year.
    let mut seen_ids: BTreeMap<(i32, String), PathBuf> = BTreeMap::new();
    for loaded in &raw.letters {
        let before = diags.len();
        let letter = check_letter(
            &loaded.path,
            &loaded.value,
            &Shared {
                agency: &agency,
                agency_known,
                dir: &directory,
                catalogue: &catalogue,
                broken: &broken,
            },
            &mut diags,
        );
        if let Some(letter) = letter {
            if let Some(other) = seen_ids.get(&(letter.data_year, letter.id.clone())) {
                diags.push(
                    Diagnostic::error(
                        Position::file(&loaded.path),
                        format!(
                            "letter id `{}` is also used by `{}`",
                            letter.id,
                            other.display()
                        ),
                    )
                    .with_hint("letters are named after their file name; rename one of the files"),
                );
                continue;
            }
            // A letter with TODOs left (reported by `project`) is checked but not built.
            if diags[before..].iter().all(|d| !d.is_error())
                && !raw.unfinished.contains(&loaded.path)
            {
                seen_ids.insert((letter.data_year, letter.id.clone()), loaded.path.clone());
                letters.push(letter);
            }
        }
    }

    if !agency_known {
        return (None, diags);
    }
    let (answers, mut broken_years) =
        answers::check_answers(&raw, &agency, &directory, &catalogue, &letters, &mut diags);
    broken_years.extend(raw.unreadable_years.iter().copied());
    let project = Project {
        answers,
        broken_years,
        root: raw.root,
        agency,
        directory,
        catalogue,
        letters,
    };
    (Some(project), diags)
}

fn non_empty(file: &Path, at: &At<String>, what: &str, diags: &mut Vec<Diagnostic>) -> String {
    let value = at.value.trim();
    if value.is_empty() {
        diags.push(
            Diagnostic::error(position(file, at), format!("{what} is empty"))
                .with_hint(format!("write the {what}")),
        );
    }
    value.to_string()
}

fn check_agency(
    file: &Path,
    raw: &RawAgency,
    diags: &mut Vec<Diagnostic>,
    broken: &mut Broken,
) -> Agency {
    let mut units = BTreeMap::new();
    for unit in &raw.units {
        units.insert(
            unit.id.value.trim().to_string(),
            unit.name.value.trim().to_string(),
        );
    }
    let mut signers = BTreeMap::new();
    for s in &raw.signers {
        let id = s.id.value.trim().to_string();
        let before = diags.len();
        if signers.contains_key(&id) {
            diags.push(
                Diagnostic::error(
                    position(file, &s.id),
                    format!("signer id `{id}` is used twice"),
                )
                .with_hint("give every signer a different id"),
            );
            // The first definition stands; letters using the id keep working.
            continue;
        }
        let authority = match (&s.authority, &s.on_behalf_of) {
            (None, None) => None,
            (Some(a), Some(f)) => match Authority::parse(&a.value) {
                Some(auth) => Some((auth, non_empty(file, f, "signer `for` title", diags))),
                None => {
                    diags.push(
                        Diagnostic::error(
                            position(file, a),
                            format!("signer `{id}` has unknown authority `{}`", a.value),
                        )
                        .with_hint("use one of TM, KT, TL, TUQ, Q (ND 30/2020, Phụ lục I §II.7b)"),
                    );
                    None
                }
            },
            (Some(a), None) => {
                diags.push(
                    Diagnostic::error(
                        position(file, a),
                        format!("signer `{id}` has an authority but no `for`"),
                    )
                    .with_hint("add `for:` with the head's title, e.g. `for: GIÁM ĐỐC` for \"KT. GIÁM ĐỐC\""),
                );
                None
            }
            (None, Some(f)) => {
                diags.push(
                    Diagnostic::error(
                        position(file, f),
                        format!("signer `{id}` has `for` but no authority"),
                    )
                    .with_hint("add `authority:` (TM, KT, TL, TUQ or Q) or remove `for`"),
                );
                None
            }
        };
        let signer = Signer {
            id: id.clone(),
            name: non_empty(file, &s.name, "signer name", diags),
            authority,
            title: non_empty(file, &s.title, "signer title", diags),
        };
        if diags.len() > before {
            broken.signers.insert(id.clone());
        }
        signers.insert(id, signer);
    }
    let before = diags.len();
    let agency = Agency {
        governing_body: raw
            .governing_body
            .as_ref()
            .map(|g| g.value.trim().to_string()),
        name: non_empty(file, &raw.name, "agency name", diags),
        short_name: non_empty(file, &raw.short_name, "agency short name", diags),
        abbreviation: non_empty(file, &raw.abbreviation, "agency abbreviation", diags),
        place: non_empty(file, &raw.place, "agency place name", diags),
        units,
        contact: raw.contact.as_ref().map(|c| c.value.trim().to_string()),
        signers,
    };
    if diags.len() > before {
        broken.shared.push(file.display().to_string());
    }
    agency
}

fn check_catalogue(file: &Path, raw: &RawCatalogue, diags: &mut Vec<Diagnostic>) -> Catalogue {
    let mut editions: Vec<Edition> = Vec::new();
    for e in &raw.editions {
        let mut indicators = BTreeMap::new();
        for i in &e.indicators {
            let number = i.number.value;
            if indicators.contains_key(&number) {
                diags.push(
                    Diagnostic::error(
                        position(file, &i.number),
                        format!(
                            "indicator {number:02} appears twice in edition `{}`",
                            e.id.value
                        ),
                    )
                    .with_hint("each indicator number may appear once per edition"),
                );
                continue;
            }
            indicators.insert(
                number,
                Indicator {
                    number,
                    name: non_empty(file, &i.name, "indicator name", diags),
                    unit: i.unit.value.trim().to_string(),
                    form: i.form.as_ref().map_or(number, |f| f.value),
                    group: i.group.as_ref().map(|g| g.value.clone()),
                    notes: i.notes.as_ref().map(|n| n.value.clone()),
                    inactive_years: i.inactive_years.iter().map(|y| y.value).collect(),
                    compute: indicator_compute(file, i, diags),
                    population: i
                        .population
                        .as_ref()
                        .and_then(|p| population_kind(file, p, diags)),
                    decimals: i.decimals.as_ref().map_or(2, |d| d.value.min(6)),
                    higher_is_better: i.higher_is_better.as_ref().is_none_or(|h| h.value),
                    form_unit: i.form_unit.as_ref().map(|u| u.value.trim().to_string()),
                    numerator: i.numerator.as_ref().map(|u| u.value.trim().to_string()),
                    denominator: i.denominator.as_ref().map(|u| u.value.trim().to_string()),
                    scoring: i
                        .scoring
                        .iter()
                        .map(|r| ScoreRule {
                            at_least: r.at_least.as_ref().map(|a| a.value),
                            at_most: r.at_most.as_ref().map(|a| a.value),
                            points: r.points.value,
                        })
                        .collect(),
                },
            );
        }
        let from_year = e.from_year.value;
        let to_year = e.to_year.as_ref().map(|t| t.value);
        if let (Some(to), Some(at)) = (to_year, e.to_year.as_ref())
            && to < from_year
        {
            diags.push(
                Diagnostic::error(
                    position(file, at),
                    format!(
                        "edition `{}` ends ({to}) before it starts ({from_year})",
                        e.id.value
                    ),
                )
                .with_hint("`to_year` must not be earlier than `from_year`"),
            );
        }
        let overlaps = editions.iter().find(|other| {
            let a_end = to_year.unwrap_or(i32::MAX);
            let b_end = other.to_year.unwrap_or(i32::MAX);
            from_year <= b_end && other.from_year <= a_end
        });
        if let Some(other) = overlaps {
            diags.push(
                Diagnostic::error(
                    position(file, &e.from_year),
                    format!(
                        "edition `{}` covers the same data years as edition `{}`",
                        e.id.value, other.id
                    ),
                )
                .with_hint(
                    "each data year must belong to exactly one edition; adjust from_year/to_year",
                ),
            );
        }
        editions.push(Edition {
            id: e.id.value.trim().to_string(),
            title: e.title.value.trim().to_string(),
            decision: e.decision.as_ref().map(|d| d.value.trim().to_string()),
            from_year,
            to_year,
            indicators,
        });
    }
    Catalogue { editions }
}

fn indicator_compute(
    file: &Path,
    i: &crate::project::RawIndicator,
    diags: &mut Vec<Diagnostic>,
) -> Option<Compute> {
    let at = i.compute.as_ref()?;
    let number = i.number.value;
    match at.value.trim() {
        "rate" => Some(Compute::Rate),
        "total" => Some(Compute::Total),
        "per_population" => {
            let per = i.per.as_ref().map(|p| p.value);
            if i.population.is_none() || per.is_none_or(|p| p <= 0.0) {
                diags.push(
                    Diagnostic::error(
                        position(file, at),
                        format!("indicator {number:02} is computed per population but lacks `population` or a positive `per`"),
                    )
                    .with_hint("add `population: urban|rural|total|rural_households` and `per: 10000` (or 1000000)"),
                );
                return None;
            }
            Some(Compute::PerPopulation {
                per: per.unwrap_or(1.0),
            })
        }
        other => {
            diags.push(
                Diagnostic::error(
                    position(file, at),
                    format!("indicator {number:02} has unknown computation `{other}`"),
                )
                .with_hint("use `rate`, `per_population` or `total`, or leave `compute` out"),
            );
            None
        }
    }
}

fn population_kind(
    file: &Path,
    at: &At<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<PopulationKind> {
    match at.value.trim() {
        "urban" => Some(PopulationKind::Urban),
        "rural" => Some(PopulationKind::Rural),
        "total" => Some(PopulationKind::Total),
        "rural_households" => Some(PopulationKind::RuralHouseholds),
        other => {
            diags.push(
                Diagnostic::error(
                    position(file, at),
                    format!("unknown population figure `{other}`"),
                )
                .with_hint("use `urban`, `rural`, `total` or `rural_households`"),
            );
            None
        }
    }
}

fn section_style(
    file: &Path,
    at: Option<&At<String>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<SectionStyle> {
    let Some(at) = at else {
        return Some(SectionStyle::List);
    };
    match at.value.trim() {
        "list" => Some(SectionStyle::List),
        "inline" => Some(SectionStyle::Inline),
        "plain" => Some(SectionStyle::Plain),
        other => {
            diags.push(
                Diagnostic::error(
                    position(file, at),
                    format!("unknown section style `{other}`"),
                )
                .with_hint("use `list`, `inline` or `plain`"),
            );
            None
        }
    }
}

fn check_requests(file: &Path, raw: &[RawRequest], diags: &mut Vec<Diagnostic>) -> Vec<Request> {
    let mut out = Vec::new();
    for r in raw {
        let opt = |v: &Option<At<String>>| v.as_ref().map(|s| s.value.trim().to_string());
        match (&r.indicator, &r.text) {
            (Some(n), None) => out.push(Request::Indicator(IndicatorRequest {
                number: n.value,
                at: position(file, n),
                name: opt(&r.name),
                unit: opt(&r.unit),
                basis: opt(&r.basis),
                guidance: opt(&r.guidance),
                note: opt(&r.note),
            })),
            (None, Some(t)) => {
                for (field, value) in [
                    ("name", &r.name),
                    ("unit", &r.unit),
                    ("basis", &r.basis),
                    ("guidance", &r.guidance),
                    ("note", &r.note),
                ] {
                    if let Some(v) = value {
                        diags.push(
                            Diagnostic::error(
                                position(file, v),
                                format!("`{field}` only applies to indicator requests"),
                            )
                            .with_hint("write the whole request in `text`, or use `indicator:` instead"),
                        );
                    }
                }
                out.push(Request::Text(text(file, t)));
            }
            (Some(n), Some(_)) => diags.push(
                Diagnostic::error(position(file, n), "request has both `indicator` and `text`")
                    .with_hint("a request is either an indicator of the catalogue or free text; split it in two"),
            ),
            (None, None) => {
                let at = [&r.name, &r.unit, &r.basis, &r.guidance, &r.note]
                    .into_iter()
                    .flatten()
                    .next()
                    .map(|a| position(file, a))
                    .unwrap_or_else(|| Position::file(file));
                diags.push(
                    Diagnostic::error(at, "request has neither `indicator` nor `text`")
                        .with_hint("add `indicator: <number>` or `text: <what is asked>`"),
                );
            }
        }
    }
    out
}

fn check_directory(
    file: &Path,
    raw: &RawRecipients,
    diags: &mut Vec<Diagnostic>,
    broken: &mut Broken,
) -> Directory {
    let mut dir = Directory::default();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for g in &raw.groups {
        let id = g.id.value.trim().to_string();
        let before = diags.len();
        if !ids.insert(id.clone()) {
            diags.push(
                Diagnostic::error(position(file, &g.id), format!("id `{id}` is used twice"))
                    .with_hint("recipients and groups share one set of ids; rename one"),
            );
        }
        let style = match g.style.value.trim() {
            "listed" => Some(GroupStyle::Listed),
            "addressed" => Some(GroupStyle::Addressed),
            "joint" => Some(GroupStyle::Joint),
            other => {
                diags.push(
                    Diagnostic::error(
                        position(file, &g.style),
                        format!("group `{id}` has unknown style `{other}`"),
                    )
                    .with_hint("use `listed`, `addressed` or `joint` (see README)"),
                );
                None
            }
        };
        if style == Some(GroupStyle::Listed) && g.label.is_none() {
            diags.push(
                Diagnostic::error(
                    position(file, &g.id),
                    format!("listed group `{id}` has no `label`"),
                )
                .with_hint("add `label:`, e.g. `label: Các Sở`"),
            );
        }
        if style == Some(GroupStyle::Addressed) && g.name.is_none() {
            diags.push(
                Diagnostic::error(
                    position(file, &g.id),
                    format!("addressed group `{id}` has no `name`"),
                )
                .with_hint("add `name:` with the name the group is addressed by"),
            );
        }
        let section = section_style(file, g.section.as_ref(), diags);
        let requests = check_requests(file, &g.requests, diags);
        if diags.len() > before {
            broken.groups.insert(id.clone());
        }
        dir.groups.insert(
            id.clone(),
            Group {
                id,
                style: style.unwrap_or(GroupStyle::Listed),
                label: g.label.as_ref().map(|l| l.value.trim().to_string()),
                name: g.name.as_ref().map(|n| n.value.trim().to_string()),
                requests,
                notes: g.notes.iter().map(|n| text(file, n)).collect(),
                section: section.unwrap_or(SectionStyle::List),
                members: Vec::new(),
            },
        );
    }
    for r in &raw.recipients {
        let id = r.id.value.trim().to_string();
        let before = diags.len();
        if !ids.insert(id.clone()) {
            diags.push(
                Diagnostic::error(position(file, &r.id), format!("id `{id}` is used twice"))
                    .with_hint("recipients and groups share one set of ids; rename one"),
            );
        }
        let group = r.group.as_ref().map(|g| g.value.trim().to_string());
        if let (Some(gid), Some(at)) = (&group, &r.group) {
            match dir.groups.get_mut(gid) {
                Some(g) => {
                    if g.style == GroupStyle::Listed && r.short.is_none() {
                        diags.push(
                            Diagnostic::error(
                                position(file, &r.id),
                                format!("recipient `{id}` is in listed group `{gid}` but has no `short` name"),
                            )
                            .with_hint("add `short:`, the name as it reads after the group label, e.g. `short: Xây dựng`"),
                        );
                    }
                    g.members.push(id.clone());
                }
                None => diags.push(
                    Diagnostic::error(
                        position(file, at),
                        format!("recipient `{id}` names unknown group `{gid}`"),
                    )
                    .with_hint(known("groups", dir.groups.keys())),
                ),
            }
        }
        let section = section_style(file, r.section.as_ref(), diags);
        let requests = check_requests(file, &r.requests, diags);
        let name = non_empty(file, &r.name, "recipient name", diags);
        if let Err(d) = portable_name(&id, position(file, &r.id), "recipient id") {
            diags.push(d);
        }
        if diags.len() > before {
            broken.recipients.insert(id.clone());
        }
        if !dir.recipients.contains_key(&id) {
            dir.order.push(id.clone());
        }
        dir.recipients.insert(
            id.clone(),
            Recipient {
                id,
                name,
                short: r.short.as_ref().map(|s| s.value.trim().to_string()),
                heading: r.heading.as_ref().map(|h| h.value.trim().to_string()),
                group,
                requests,
                notes: r.notes.iter().map(|n| text(file, n)).collect(),
                section: section.unwrap_or(SectionStyle::List),
            },
        );
    }
    dir
}

fn known<'a>(what: &str, ids: impl Iterator<Item = &'a String>) -> String {
    let list: Vec<&str> = ids.map(String::as_str).take(12).collect();
    if list.is_empty() {
        format!("no {what} are defined yet")
    } else {
        format!("known {what}: {}", list.join(", "))
    }
}

/// Checks that `name` can be a file name on every system the PDFs travel to.
pub fn portable_name(name: &str, at: Position, what: &str) -> Result<(), Diagnostic> {
    let reserved = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "LPT1", "LPT2", "LPT3",
    ];
    let bad_char = name.chars().find(|c| {
        c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
    });
    let problem = if name.is_empty() {
        Some("is empty".to_string())
    } else if name.starts_with('.') || name.ends_with(['.', ' ']) {
        Some("starts with a dot or ends with a dot or space".to_string())
    } else if let Some(c) = bad_char {
        Some(format!("contains {c:?}"))
    } else if reserved.contains(&name.to_ascii_uppercase().as_str()) {
        Some("is a reserved device name on Windows".to_string())
    } else if name.len() > 150 {
        Some(format!("is {} bytes long", name.len()))
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(p) => Err(Diagnostic::error(
            at,
            format!("{what} `{name}` {p}, so it cannot name an output file"),
        )
        .with_hint("use letters, digits, `-` and `_`, e.g. `so-xay-dung`")),
    }
}

/// Parses "YYYY-MM-DD" or, when `allow_month` is set, "YYYY-MM".
pub fn parse_date(value: &str, allow_month: bool) -> Option<LetterDate> {
    let value = value.trim();
    if let Ok(d) = NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        return Some(LetterDate::Full(d));
    }
    if allow_month {
        let (y, m) = value.split_once('-')?;
        if y.len() == 4 && (1..=2).contains(&m.len()) {
            let year: i32 = y.parse().ok()?;
            let month: u32 = m.parse().ok()?;
            if (1..=12).contains(&month) {
                return Some(LetterDate::Month { year, month });
            }
        }
    }
    None
}

fn check_letter(
    file: &Path,
    raw: &RawLetter,
    shared: &Shared<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Letter> {
    let Shared {
        agency,
        agency_known,
        dir,
        catalogue,
        broken,
    } = *shared;
    let before = diags.len();
    let mut blocked_by: Vec<String> = Vec::new();
    let shared_ok = broken.shared.is_empty();
    // References are checked against a file only when that file could be read and checked.
    let sound = |file: &str| !broken.shared.iter().any(|f| f == file);
    let id = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if let Err(d) = portable_name(&id, Position::file(file), "letter file name") {
        diags.push(d);
    }

    let kind = match raw.kind.value.trim() {
        "cong-van" => Some(LetterKind::CongVan),
        "bao-cao" => Some(LetterKind::BaoCao),
        other => {
            diags.push(
                Diagnostic::error(
                    position(file, &raw.kind),
                    format!("letter kind `{other}` is not supported"),
                )
                .with_hint("use `kind: cong-van` (request letter) or `kind: bao-cao` (report)"),
            );
            None
        }
    };
    let is_report = kind == Some(LetterKind::BaoCao);
    if !(1900..=2999).contains(&raw.data_year.value) {
        diags.push(
            Diagnostic::error(
                position(file, &raw.data_year),
                format!("data year {} is out of range", raw.data_year.value),
            )
            .with_hint("write the year the figures are about, e.g. `data_year: 2022`"),
        );
    }
    let date = parse_date(&raw.date.value, true);
    if date.is_none() {
        diags.push(
            Diagnostic::error(
                position(file, &raw.date),
                format!("letter date `{}` is not a date", raw.date.value),
            )
            .with_hint("write `YYYY-MM-DD`, or `YYYY-MM` to leave the day blank for signing"),
        );
    }
    let deadline = raw
        .deadline
        .as_ref()
        // A TODO is reported on its own; it is not also "not a date".
        .filter(|d| !d.value.contains("TODO"))
        .and_then(|d| match parse_date(&d.value, false) {
            Some(LetterDate::Full(date)) => Some(date),
            _ => {
                diags.push(
                    Diagnostic::error(
                        position(file, d),
                        format!("deadline `{}` is not a date", d.value),
                    )
                    .with_hint("write the deadline as `YYYY-MM-DD`"),
                );
                None
            }
        });
    if let Some(n) = &raw.number
        && n.value == 0
    {
        diags.push(
            Diagnostic::error(position(file, n), "letter number 0 is not a valid number")
                .with_hint("numbers start at 1; remove `number` for an unregistered draft"),
        );
    }
    let unit = raw
        .unit
        .as_ref()
        .map(|u| u.value.trim().to_string())
        .unwrap_or_default();
    match (&raw.unit, is_report) {
        (Some(at), _) => {
            if agency_known && !agency.units.is_empty() && !agency.units.contains_key(&unit) {
                diags.push(
                    Diagnostic::error(position(file, at), format!("unknown drafting unit `{unit}`"))
                        .with_hint(known("units in data/agency.yaml", agency.units.keys())),
                );
            }
        }
        (None, false) => diags.push(
            Diagnostic::error(position(file, &raw.kind), "công văn has no drafting `unit`")
                .with_hint("add `unit:`, the drafting unit's abbreviation in the symbol, e.g. `unit: BVMT`"),
        ),
        (None, true) => {}
    }
    let signer_id = raw.signer.value.trim();
    let signer = agency.signers.get(signer_id).cloned();
    if signer.is_none() && agency_known {
        diags.push(
            Diagnostic::error(
                position(file, &raw.signer),
                format!("unknown signer `{signer_id}`"),
            )
            .with_hint(known("signers in data/agency.yaml", agency.signers.keys())),
        );
    } else if broken.signers.contains(signer_id) {
        blocked_by.push(format!("signer `{signer_id}`"));
    }

    let edition = catalogue.edition_for(raw.data_year.value);
    if edition.is_none() && sound("data/indicators.yaml") {
        diags.push(
            Diagnostic::error(
                position(file, &raw.data_year),
                format!(
                    "no indicator catalogue edition covers data year {}",
                    raw.data_year.value
                ),
            )
            .with_hint(
                "add an edition to data/indicators.yaml whose from_year/to_year include this year",
            ),
        );
    }

    let mut addressees = Vec::new();
    let mut seen = BTreeSet::new();
    if is_report && !raw.recipients.is_empty() {
        diags.push(
            Diagnostic::error(
                position(file, &raw.recipients[0]),
                "a report is not sent to recipients",
            )
            .with_hint("write the bodies a report is sent up to as lines under `to:`"),
        );
    }
    if !is_report && !raw.to.is_empty() {
        diags.push(
            Diagnostic::error(position(file, &raw.to[0]), "`to` only applies to reports")
                .with_hint("address a công văn with `recipients:` ids from data/recipients.yaml"),
        );
    }
    if raw.recipients.is_empty() && !is_report {
        diags.push(
            Diagnostic::error(position(file, &raw.kind), "letter has no recipients").with_hint(
                "add `recipients:` with recipient or group ids from data/recipients.yaml",
            ),
        );
    }
    for r in &raw.recipients {
        let rid = r.value.trim().to_string();
        if !seen.insert(rid.clone()) {
            diags.push(
                Diagnostic::error(
                    position(file, r),
                    format!("recipient `{rid}` is listed twice"),
                )
                .with_hint("remove the repeated entry"),
            );
            continue;
        }
        let members: Vec<&Recipient> = if let Some(g) = dir.groups.get(&rid) {
            if broken.groups.contains(&rid) {
                blocked_by.push(format!("group `{rid}`"));
            }
            if g.members.is_empty() {
                diags.push(
                    Diagnostic::error(position(file, r), format!("group `{rid}` has no members"))
                        .with_hint("set `group:` on the recipients that belong to it in data/recipients.yaml"),
                );
            }
            addressees.push(Addressee::Group(rid.clone()));
            g.members
                .iter()
                .filter_map(|m| dir.recipients.get(m))
                .collect()
        } else if let Some(rec) = dir.recipients.get(&rid) {
            addressees.push(Addressee::Recipient(rid.clone()));
            vec![rec]
        } else {
            if sound("data/recipients.yaml") {
                diags.push(
                    Diagnostic::error(position(file, r), format!("unknown recipient `{rid}`"))
                        .with_hint(known(
                            "recipients and groups",
                            dir.groups.keys().chain(dir.recipients.keys()),
                        )),
                );
            }
            continue;
        };
        for m in &members {
            if broken.recipients.contains(&m.id) {
                blocked_by.push(format!("recipient `{}`", m.id));
            }
            if let Some(g) = &m.group
                && broken.groups.contains(g)
            {
                blocked_by.push(format!("group `{g}`"));
            }
        }
        // Every indicator asked of these recipients (directly or through their group) must
        // exist in the data year's edition.
        if let Some(edition) = edition {
            let mut groups: Vec<&String> =
                members.iter().filter_map(|m| m.group.as_ref()).collect();
            groups.sort();
            groups.dedup();
            let group_requests = groups
                .into_iter()
                .filter_map(|g| dir.groups.get(g))
                .flat_map(|g| g.requests.iter());
            let all = group_requests.chain(members.iter().flat_map(|m| m.requests.iter()));
            for req in all {
                if let Request::Indicator(ir) = req
                    && !edition.indicators.contains_key(&ir.number)
                {
                    diags.push(
                        Diagnostic::error(
                            ir.at.clone(),
                            format!(
                                "indicator {:02} is not in edition `{}` of the catalogue (data year {})",
                                ir.number, edition.id, raw.data_year.value
                            ),
                        )
                        .with_hint(format!(
                            "asked by letter `{}`; add indicator {:02} to edition `{}` in data/indicators.yaml, or fix the number",
                            file.display(),
                            ir.number,
                            edition.id
                        )),
                    );
                }
            }
        }
    }

    let letter_errors = diags[before..].iter().any(Diagnostic::is_error);
    blocked_by.extend(broken.shared.iter().map(|f| format!("`{f}`")));
    if !blocked_by.is_empty() && !letter_errors {
        blocked_by.sort();
        blocked_by.dedup();
        diags.push(
            Diagnostic::error(
                Position::file(file),
                format!(
                    "letter `{id}` was not built because {} {} errors",
                    blocked_by.join(", "),
                    if blocked_by.len() == 1 { "has" } else { "have" }
                ),
            )
            .with_hint("fix the errors reported for data/ above"),
        );
    }
    if diags[before..].iter().any(Diagnostic::is_error) || !shared_ok {
        return None;
    }
    let signer = signer?;
    Some(Letter {
        path: file.to_path_buf(),
        kind: kind?,
        to: raw.to.iter().map(|t| t.value.trim().to_string()).collect(),
        request_letter: raw
            .request_letter
            .as_ref()
            .map(|r| r.value.trim().to_string()),
        id,
        data_year: raw.data_year.value,
        number: raw.number.as_ref().map(|n| n.value),
        archive: raw.archive.as_ref().map_or_else(
            || {
                if unit.is_empty() {
                    "VT".to_string()
                } else {
                    format!("VT, {unit}")
                }
            },
            |a| a.value.trim().to_string(),
        ),
        unit,
        date: date?,
        deadline,
        subject: text(file, &raw.subject),
        signer,
        addressees,
        vars: raw
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), v.value.clone()))
            .collect(),
        request_format: raw.request_format.as_ref().map_or_else(
            || Text {
                value: DEFAULT_REQUEST_FORMAT.into(),
                at: Position::file(file),
            },
            |f| text(file, f),
        ),
        basis: raw.basis.as_ref().map_or_else(
            || "Thống kê theo Biểu mẫu".into(),
            |b| b.value.trim().to_string(),
        ),
        guidance: raw
            .guidance
            .as_ref()
            .map_or_else(String::new, |g| g.value.trim().to_string()),
        opening: raw.opening.iter().map(|t| text(file, t)).collect(),
        closing: raw.closing.iter().map(|t| text(file, t)).collect(),
        cc: raw.cc.iter().map(|c| c.value.trim().to_string()).collect(),
        reminder: raw.reminder.as_ref().map(|r| Reminder {
            subject: text(file, &r.subject),
            opening: r.opening.iter().map(|t| text(file, t)).collect(),
            closing: r.closing.iter().map(|t| text(file, t)).collect(),
            days: r.days.as_ref().map_or(7, |d| d.value),
        }),
        signature_fields: raw.output.signature_fields,
        combined: raw.output.combined,
        per_agency: raw.output.per_agency,
        file_name: raw.output.file_name.as_ref().map_or_else(
            || Text {
                value: "{{ recipient.id }}".into(),
                at: Position::file(file),
            },
            |f| text(file, f),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_and_month_dates() {
        assert_eq!(
            parse_date("2023-02-05", true),
            Some(LetterDate::Full(
                NaiveDate::from_ymd_opt(2023, 2, 5).unwrap()
            ))
        );
        assert_eq!(
            parse_date("2023-02", true),
            Some(LetterDate::Month {
                year: 2023,
                month: 2
            })
        );
        assert_eq!(parse_date("2023-02", false), None);
        assert_eq!(parse_date("2023-13", true), None);
        assert_eq!(parse_date("2023-02-30", true), None);
        assert_eq!(parse_date("05/02/2023", true), None);
    }
}
