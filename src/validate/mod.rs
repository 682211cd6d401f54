//! Validation: turns the raw, positioned YAML structs into the checked model, collecting every
//! problem as a diagnostic instead of stopping at the first. A letter that refers to anything
//! broken is left out of the model, so the other letters are still built.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic, Position};
use crate::model::{portable_name, 
    Addressee, Agency, Authority, Catalogue, Compute, Directory, Edition, Group, GroupStyle,
    Indicator, IndicatorRequest, Letter, LetterDate, LetterKind, PopulationKind, Project,
    Recipient, Reminder, Request, ScoreRule, SectionStyle, Signer, Text,
};
use crate::project::{
    At, RawAgency, RawCatalogue, RawLetter, RawProject, RawRecipients, RawRequest,
};

mod agency;
mod answer_values;
mod answers;
mod catalogue;
mod directory;
mod imported;
mod shared;
mod jumps;
mod letter;

use agency::check_agency;
use catalogue::check_catalogue;
use directory::check_directory;
use letter::check_letter;

/// The wording of an indicator request when the letter gives none.
pub(crate) const DEFAULT_REQUEST_FORMAT: &str = "{{ name }} ({{ unit }}) ({{ basis }} {{ form }} của Chỉ số {{ number }}{% if guidance %} {{ guidance }}{% endif %}).";

/// The position of a spanned value in `file`.
pub(crate) fn position<T>(file: &Path, at: &At<T>) -> Position {
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
    /// The file describing `agency`: data/agency.yaml, or data/issuers.yaml for another body.
    agency_file: &'static str,
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
pub(crate) fn validate(raw: RawProject) -> (Option<Project>, Vec<Diagnostic>) {
    let places = imported::places(&raw);
    let (project, mut diags) = validate_raw(raw);
    imported::relocate(&mut diags, &places);
    (project, diags)
}

fn validate_raw(raw: RawProject) -> (Option<Project>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut broken = Broken::default();

    let agency = raw
        .agency
        .as_ref()
        .map(|a| check_agency(&a.path, &a.value, &mut diags, &mut broken));
    let issuers = issuers(&raw, &mut diags);
    // data/issuers.yaml is there but could not be read (reported by `project`): the other
    // bodies' letters are held back by it, not called letters of an unknown body.
    let issuers_unreadable = raw.issuers.is_none() && raw.root.join("data/issuers.yaml").is_file();
    let unknown_issuer = Agency::unknown();
    let before = diags.len();
    let catalogue = raw
        .catalogue
        .as_ref()
        .map(|c| check_catalogue(&c.path, &c.value, &mut diags))
        .unwrap_or_default();
    if diags[before..].iter().any(Diagnostic::is_error) {
        broken.shared.push("data/indicators.yaml".into());
    }
    let (directory, directory_years) = raw
        .recipients
        .as_ref()
        .map(|r| check_directory(&r.path, &r.value, &mut diags, &mut broken))
        .unwrap_or_default();
    // Each data year's directory, when some recipient or request is limited to some years:
    // a letter sees only the recipients and requests of its year.
    let mut directories: BTreeMap<i32, Directory> = BTreeMap::new();
    if directory_years.any() {
        let years = raw
            .letters
            .iter()
            .map(|l| l.value.data_year.value)
            .chain(raw.answers.iter().map(|(y, _)| *y));
        for year in years {
            directories
                .entry(year)
                .or_insert_with(|| directory::for_year(&directory, &directory_years, year));
        }
    }

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
    let recipients_sound = !broken.shared.iter().any(|f| f == "data/recipients.yaml");

    let mut letters = Vec::new();
    // Outputs go to out/<data year>/<id>: an id must be unique within its data year.
    let mut seen_ids: BTreeMap<(i32, String), PathBuf> = BTreeMap::new();
    for loaded in &raw.letters {
        let before = diags.len();
        // A letter of another issuing body is checked against that body (its signers), and
        // held back by that body's broken signers rather than the agency's.
        let issuer_broken;
        let (issuer, letter_broken) = match &loaded.value.issuer {
            None => (Some(&agency), &broken),
            Some(id) => match issuers.get(id.value.trim()) {
                Some((other, own)) => {
                    issuer_broken = Broken {
                        recipients: broken.recipients.clone(),
                        groups: broken.groups.clone(),
                        signers: own.signers.clone(),
                        shared: broken.shared.iter().chain(&own.shared).cloned().collect(),
                    };
                    (Some(other), &issuer_broken)
                }
                None if issuers_unreadable => {
                    let mut shared = broken.shared.clone();
                    shared.push("data/issuers.yaml".into());
                    issuer_broken = Broken {
                        recipients: broken.recipients.clone(),
                        groups: broken.groups.clone(),
                        signers: BTreeSet::new(),
                        shared,
                    };
                    (Some(&unknown_issuer), &issuer_broken)
                }
                None => {
                    diags.push(with_known(
                        Diagnostic::error(
                            Code::Letter,
                            position(&loaded.path, id),
                            format!("unknown issuer `{}`", id.value.trim()),
                        )
                        .says("letter-unknown-issuer", &[("id", id.value.trim())]),
                        "issuers",
                        "issuers in data/issuers.yaml",
                        id.value.trim(),
                        issuers.keys(),
                    ));
                    (None, &broken)
                }
            },
        };
        let Some(issuer) = issuer else { continue };
        let letter = check_letter(
            &loaded.path,
            &loaded.value,
            &Shared {
                agency: issuer,
                // An issuer whose file could not be read: its signers are not known either.
                agency_known: agency_known && !std::ptr::eq(issuer, &unknown_issuer),
                agency_file: if loaded.value.issuer.is_some() {
                    "data/issuers.yaml"
                } else {
                    "data/agency.yaml"
                },
                dir: directories
                    .get(&loaded.value.data_year.value)
                    .unwrap_or(&directory),
                catalogue: &catalogue,
                broken: letter_broken,
            },
            &mut diags,
        );
        if let Some(letter) = letter {
            if let Some(other) = seen_ids.get(&(letter.data_year, letter.id.clone())) {
                let other = other.display().to_string();
                diags.push(
                    Diagnostic::error(Code::Letter, 
                        Position::file(&loaded.path),
                        format!("letter id `{}` is also used by `{other}`", letter.id),
                    )
                    .with_hint("letters are named after their file name; rename one of the files")
                    .says("validate-letter-id-twice", &[("id", &letter.id), ("other", &other)])
                    .hints("validate-letter-id-twice-hint", &[]),
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

    unaddressed(&raw, &directory, &letters, &mut diags);
    if !agency_known {
        return (None, diags);
    }
    // The Sở's own figures answer under the agency's name, in every year's directory.
    let mut directory = directory;
    let issuer = crate::model::Recipient {
        id: crate::model::ISSUER.to_string(),
        name: agency.short_name.clone(),
        short: None,
        heading: None,
        honorific: None,
        group: None,
        requests: Vec::new(),
        notes: Vec::new(),
        section: crate::model::SectionStyle::Plain,
    };
    for dir in std::iter::once(&mut directory).chain(directories.values_mut()) {
        dir.recipients.insert(crate::model::ISSUER.to_string(), issuer.clone());
    }
    let (answers, mut broken_years) =
        answers::check_answers(
            &raw,
            recipients_sound,
            &directory,
            &directories,
            &catalogue,
            &letters,
            &mut diags,
        );
    broken_years.extend(raw.unreadable_years.iter().copied());
    for (year, error) in shared::check(&directory, &directories, &catalogue, &letters, &answers) {
        broken_years.insert(year);
        diags.push(error);
    }
    let unsound_letters = raw
        .letter_files
        .iter()
        .filter(|f| !letters.iter().any(|l| &l.path == *f))
        .filter_map(|f| f.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let project = Project {
        issuers: issuers.into_iter().map(|(id, (body, _))| (id, body)).collect(),
        unsound_letters,
        answers,
        broken_years,

        agency,
        directory,
        directories,
        catalogue,
        letters,
    };
    (Some(project), diags)
}

/// A warning for every recipient that no sound request letter addresses, at its `id`: it
/// would never be asked for anything, which is usually a letter's `to:` that forgot it.
/// Nothing is said while the project has no request letter, or one is broken (the broken
/// one may be the letter that addresses it).
fn unaddressed(raw: &RawProject, dir: &Directory, letters: &[Letter], diags: &mut Vec<Diagnostic>) {
    let requests: Vec<&Letter> = letters
        .iter()
        .filter(|l| l.kind == LetterKind::CongVan)
        .collect();
    let Some(file) = &raw.recipients else {
        return;
    };
    if requests.is_empty() || letters.len() < raw.letter_files.len() {
        return;
    }
    let addressed: BTreeSet<&str> = requests
        .iter()
        .flat_map(|l| l.agencies(dir))
        .map(|r| r.id.as_str())
        .collect();
    for r in &file.value.recipients {
        if dir.recipients.contains_key(&r.id.value) && !addressed.contains(r.id.value.as_str()) {
            diags.push(
                Diagnostic::warning(
                    Code::Empty,
                    position(&file.path, &r.id),
                    format!("recipient `{}` is not addressed by any request letter", r.id.value),
                )
                .with_hint("add it to a letter's `recipients:`, or remove it from data/recipients.yaml if it no longer receives letters")
                .says("recipient-unaddressed", &[("id", &r.id.value)])
                .hints("recipient-unaddressed-hint", &[]),
            );
        }
    }
}

fn non_empty(file: &Path, at: &At<String>, what: &str, diags: &mut Vec<Diagnostic>) -> String {
    let value = at.value.trim();
    if value.is_empty() {
        let d = Diagnostic::error(Code::Directory, position(file, at), format!("{what} is empty"))
            .with_hint(format!("write the {what}"));
        // One catalogue entry for each field this is asked of.
        diags.push(match what {
            "recipient name" => d
                .says("validate-empty-recipient-name", &[])
                .hints("validate-empty-recipient-name-hint", &[]),
            "indicator name" => d
                .says("validate-empty-indicator-name", &[])
                .hints("validate-empty-indicator-name-hint", &[]),
            "signer name" => d
                .says("validate-empty-signer-name", &[])
                .hints("validate-empty-signer-name-hint", &[]),
            "signer title" => d
                .says("validate-empty-signer-title", &[])
                .hints("validate-empty-signer-title-hint", &[]),
            "signer `for` title" => d
                .says("validate-empty-signer-for", &[])
                .hints("validate-empty-signer-for-hint", &[]),
            "agency short name" => d
                .says("validate-empty-agency-short-name", &[])
                .hints("validate-empty-agency-short-name-hint", &[]),
            "agency abbreviation" => d
                .says("validate-empty-agency-abbreviation", &[])
                .hints("validate-empty-agency-abbreviation-hint", &[]),
            "agency place name" => d
                .says("validate-empty-agency-place", &[])
                .hints("validate-empty-agency-place-hint", &[]),
            _ => d,
        });
    }
    value.to_string()
}

/// The hint for an unknown id: the closest known id by edit distance when one is close
/// The other issuing bodies of data/issuers.yaml, checked like the agency, by id, each with
/// what of it has errors: the ids of its signers (their letters are held back, as the
/// agency's) and the file itself when its header has errors (then all its letters are). An
/// id is a path (its register's folder): it must be portable, and used once.
fn issuers(
    raw: &RawProject,
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, (Agency, Broken)> {
    let mut out = BTreeMap::new();
    let Some(file) = &raw.issuers else {
        return out;
    };
    for other in &file.value.issuers {
        let Some(id) = &other.id else {
            diags.push(
                Diagnostic::error(Code::Agency, position(&file.path, &other.name), "an issuer has no `id`".to_string())
                    .with_hint("give each of `issuers` an id, e.g. `id: \"ubnd-tinh\"`, which letters name as `issuer`")
                    .says("agency-issuer-no-id", &[])
                    .hints("agency-issuer-no-id-hint", &[]),
            );
            continue;
        };
        // Its problems are its own: they stop only its letters.
        let mut broken = Broken::default();
        let agency = check_agency(&file.path, other, diags, &mut broken);
        let name = id.value.trim().to_string();
        if let Err(d) = portable_name(&name, position(&file.path, id), "issuer id", Code::Agency) {
            diags.push(d);
            continue;
        }
        if out.contains_key(&name) {
            diags.push(
                Diagnostic::error(Code::Agency, position(&file.path, id), format!("issuer id `{name}` is used twice"))
                    .with_hint("give every issuing body a different id")
                    .says("agency-issuer-twice", &[("id", &name)])
                    .hints("agency-issuer-twice-hint", &[]),
            );
            continue;
        }
        out.insert(name, (agency, broken));
    }
    out
}

/// `d` with the hint of [`known`], in the catalogue too (`kind`: recipients, groups,
/// units, signers or addressees, how the Vietnamese names what is listed).
fn with_known<'a>(
    d: Diagnostic,
    kind: &'static str,
    what: &str,
    given: &str,
    ids: impl Iterator<Item = &'a String>,
) -> Diagnostic {
    let all: Vec<&String> = ids.filter(|id| id.as_str() != crate::model::ISSUER).collect();
    let english = known(what, given, all.iter().copied());
    let closest = closest(given, &all);
    let shown: Vec<&str> = all.iter().take(KNOWN_SHOWN).map(|s| s.as_str()).collect();
    let total = all.len().to_string();
    let cut = if all.len() > KNOWN_SHOWN { "yes" } else { "no" };
    let list = shown.join(", ");
    let key = match (all.is_empty(), closest) {
        (true, _) => "known-none",
        (false, Some(_)) => "known-closest",
        (false, None) => "known-list",
    };
    d.with_hint(english).hints(
        key,
        &[
            ("kind", kind),
            ("what", what),
            ("id", closest.unwrap_or_default()),
            ("list", &list),
            ("cut", cut),
            ("total", &total),
        ],
    )
}

/// Ids a "known …" hint lists before it says how many there are in all.
const KNOWN_SHOWN: usize = 12;

/// The known id closest to `given` by edit distance (strsim), if close enough.
fn closest<'a>(given: &str, all: &[&'a String]) -> Option<&'a str> {
    all.iter()
        .map(|id| (strsim::normalized_damerau_levenshtein(given, id), id.as_str()))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, id)| id)
}

fn known<'a>(what: &str, given: &str, ids: impl Iterator<Item = &'a String>) -> String {
    const SHOWN: usize = 12;
    let all: Vec<&str> = ids.map(String::as_str).collect();
    if all.is_empty() {
        return format!("no {what} are defined yet");
    }
    let closest = all
        .iter()
        .map(|id| (strsim::normalized_damerau_levenshtein(given, id), *id))
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let mut list = all.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if all.len() > SHOWN {
        list.push_str(&format!(", … ({} in all)", all.len()));
    }
    match closest {
        Some((_, id)) => format!("did you mean `{id}`? known {what}: {list}"),
        None => format!("known {what}: {list}"),
    }
}

/// Parses "YYYY-MM-DD" or, when `allow_month` is set, "YYYY-MM".
pub(crate) fn parse_date(value: &str, allow_month: bool) -> Option<LetterDate> {
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
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_gets_the_closest_id_and_a_long_list_says_it_is_cut() {
        let ids: Vec<String> = (0..20).map(|i| format!("so-{i:02}")).chain(["so-y-te".to_string()]).collect();
        let hint = known("recipients", "so-yte", ids.iter());
        assert!(hint.starts_with("did you mean `so-y-te`?"), "{hint}");
        assert!(hint.ends_with(", … (21 in all)"), "{hint}");
        let hint = known("recipients", "xyz", ids.iter().take(2));
        assert_eq!(hint, "known recipients: so-00, so-01");
    }

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
