//! `data/recipients.yaml`: recipients, groups, section styles and what each must supply.

use super::*;

pub(super) fn section_style(
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
                Diagnostic::error(Code::Directory, 
                    position(file, at),
                    format!("unknown section style `{other}`"),
                )
                .with_hint("use `list`, `inline` or `plain`")
                .says("directory-section-style", &[("style", other)])
                .hints("directory-section-style-hint", &[]),
            );
            None
        }
    }
}

/// The data years something of the directory applies to (`from_year`, `to_year`), both ends
/// included; open where not given.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Years {
    from: Option<i32>,
    to: Option<i32>,
}

impl Years {
    /// Whether `year` is within.
    fn contains(self, year: i32) -> bool {
        self.from.is_none_or(|f| f <= year) && self.to.is_none_or(|t| year <= t)
    }
}

/// The years of `what`, checked: a range that ends before it begins is an error at its end.
fn years(
    file: &Path,
    from: &Option<At<i32>>,
    to: &Option<At<i32>>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Years {
    let years = Years {
        from: from.as_ref().map(|f| f.value),
        to: to.as_ref().map(|t| t.value),
    };
    if let (Some(f), Some(t)) = (years.from, to)
        && t.value < f
    {
        diags.push(
            Diagnostic::error(Code::Directory, position(file, t), format!("{what}: `to_year` {} is before `from_year` {f}", t.value))
                .with_hint("`from_year` and `to_year` are the first and last data years it applies to")
                .says(
                    "directory-years-reversed",
                    &[
                        ("kind", if what.starts_with("recipient") { "recipient" } else { "request" }),
                        ("id", what.split('`').nth(1).unwrap_or_default()),
                        ("to", &t.value.to_string()),
                        ("from", &f.to_string()),
                    ],
                )
                .hints("directory-years-reversed-hint", &[]),
        );
        // Said once, at its root: the range is not applied, so nothing follows from it.
        return Years::default();
    }
    years
}

/// The data years of each part of the directory, for [`for_year`]; empty when nothing has
/// years (then every year's directory is the whole one).
#[derive(Debug, Default)]
pub(super) struct DirectoryYears {
    /// Each recipient's years.
    recipients: BTreeMap<String, Years>,
    /// The years of each request of a group or recipient, in their order, by its id.
    requests: BTreeMap<String, Vec<Years>>,
}

impl DirectoryYears {
    /// Whether any part of the directory is limited to some years.
    pub(super) fn any(&self) -> bool {
        self.recipients.values().chain(self.requests.values().flatten()).any(|y| *y != Years::default())
    }
}

/// The directory as letters of data year `year` see it: the recipients and requests of that
/// year (pepi.md: the directory and requests are data per year or edition).
pub(super) fn for_year(dir: &Directory, years: &DirectoryYears, year: i32) -> Directory {
    let keep = |id: &str| years.recipients.get(id).is_none_or(|y| y.contains(year));
    let requests = |id: &str, all: &[Request]| -> Vec<Request> {
        let limits = years.requests.get(id);
        all.iter()
            .enumerate()
            .filter(|(i, _)| limits.and_then(|l| l.get(*i)).is_none_or(|y| y.contains(year)))
            .map(|(_, r)| r.clone())
            .collect()
    };
    Directory {
        groups: dir
            .groups
            .iter()
            .map(|(id, g)| {
                let mut g = g.clone();
                g.requests = requests(id, &g.requests);
                g.members.retain(|m| keep(m));
                (id.clone(), g)
            })
            .collect(),
        recipients: dir
            .recipients
            .iter()
            .filter(|(id, _)| keep(id))
            .map(|(id, r)| {
                let mut r = r.clone();
                r.requests = requests(id, &r.requests);
                (id.clone(), r)
            })
            .collect(),
        order: dir.order.iter().filter(|id| keep(id)).cloned().collect(),
    }
}

pub(super) fn check_requests(
    file: &Path,
    raw: &[RawRequest],
    limits: &mut Vec<Years>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Request> {
    let mut out = Vec::new();
    for r in raw {
        let before = out.len();
        let opt = |v: &Option<At<String>>| v.as_ref().map(|s| s.value.trim().to_string());
        match (&r.indicator, &r.text) {
            (Some(n), None) => out.push(Request::Indicator(IndicatorRequest {
                number: n.value,
                at: position(file, n),
                name: opt(&r.name),
                unit: opt(&r.unit),
                basis: opt(&r.basis),
                guidance: opt(&r.guidance),
                note: r.note.as_ref().map(|n| text(file, n)),
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
                            Diagnostic::error(Code::Directory, 
                                position(file, v),
                                format!("`{field}` only applies to indicator requests"),
                            )
                            .with_hint("write the whole request in `text`, or use `indicator:` instead")
                            .says("directory-indicator-field", &[("field", field)])
                            .hints("directory-indicator-field-hint", &[]),
                        );
                    }
                }
                out.push(Request::Text(text(file, t)));
            }
            (Some(n), Some(_)) => diags.push(
                Diagnostic::error(Code::Directory, position(file, n), "request has both `indicator` and `text`")
                    .with_hint("a request is either an indicator of the catalogue or free text; split it in two")
                    .says("directory-request-both", &[])
                    .hints("directory-request-both-hint", &[]),
            ),
            (None, None) => {
                let at = [&r.name, &r.unit, &r.basis, &r.guidance, &r.note]
                    .into_iter()
                    .flatten()
                    .next()
                    .map(|a| position(file, a))
                    .unwrap_or_else(|| Position::file(file));
                diags.push(
                    Diagnostic::error(Code::Directory, at, "request has neither `indicator` nor `text`")
                        .with_hint("add `indicator: <number>` or `text: <what is asked>`")
                        .says("directory-request-neither", &[])
                        .hints("directory-request-neither-hint", &[]),
                );
            }
        }
        if out.len() > before {
            limits.push(years(file, &r.from_year, &r.to_year, "request", diags));
        }
    }
    out
}

pub(super) fn check_directory(
    file: &Path,
    raw: &RawRecipients,
    diags: &mut Vec<Diagnostic>,
    broken: &mut Broken,
) -> (Directory, DirectoryYears) {
    let mut dir = Directory::default();
    let mut limits = DirectoryYears::default();
    let mut ids: BTreeSet<String> = BTreeSet::new();
    for g in &raw.groups {
        let id = g.id.value.trim().to_string();
        let before = diags.len();
        if !ids.insert(id.clone()) {
            diags.push(
                Diagnostic::error(Code::Directory, position(file, &g.id), format!("id `{id}` is used twice"))
                    .with_hint("recipients and groups share one set of ids; rename one")
                    .says("directory-id-twice", &[("id", &id)])
                    .hints("directory-id-twice-hint", &[]),
            );
        }
        let style = match g.style.value.trim() {
            "listed" => Some(GroupStyle::Listed),
            "addressed" => Some(GroupStyle::Addressed),
            "joint" => Some(GroupStyle::Joint),
            other => {
                diags.push(
                    Diagnostic::error(Code::Directory, 
                        position(file, &g.style),
                        format!("group `{id}` has unknown style `{other}`"),
                    )
                    .with_hint("use `listed`, `addressed` or `joint` (see README)")
                    .says("directory-group-style", &[("id", &id), ("style", other)])
                    .hints("directory-group-style-hint", &[]),
                );
                None
            }
        };
        if style == Some(GroupStyle::Listed) && g.label.is_none() {
            diags.push(
                Diagnostic::error(Code::Directory, 
                    position(file, &g.id),
                    format!("listed group `{id}` has no `label`"),
                )
                .with_hint("add `label:`, e.g. `label: Các Sở`")
                .says("directory-listed-no-label", &[("id", &id)])
                .hints("directory-listed-no-label-hint", &[]),
            );
        }
        if style == Some(GroupStyle::Addressed) && g.name.is_none() {
            diags.push(
                Diagnostic::error(Code::Directory, 
                    position(file, &g.id),
                    format!("addressed group `{id}` has no `name`"),
                )
                .with_hint("add `name:` with the name the group is addressed by")
                .says("directory-addressed-no-name", &[("id", &id)])
                .hints("directory-addressed-no-name-hint", &[]),
            );
        }
        let section = section_style(file, g.section.as_ref(), diags);
        let mut request_years = Vec::new();
        let requests = check_requests(file, &g.requests, &mut request_years, diags);
        limits.requests.insert(id.clone(), request_years);
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
                Diagnostic::error(Code::Directory, position(file, &r.id), format!("id `{id}` is used twice"))
                    .with_hint("recipients and groups share one set of ids; rename one")
                    .says("directory-id-twice", &[("id", &id)])
                    .hints("directory-id-twice-hint", &[]),
            );
        }
        let group = r.group.as_ref().map(|g| g.value.trim().to_string());
        if let (Some(gid), Some(at)) = (&group, &r.group) {
            match dir.groups.get_mut(gid) {
                Some(g) => {
                    if g.style == GroupStyle::Listed && r.short.is_none() {
                        diags.push(
                            Diagnostic::error(Code::Directory, 
                                position(file, &r.id),
                                format!("recipient `{id}` is in listed group `{gid}` but has no `short` name"),
                            )
                            .with_hint("add `short:`, the name as it reads after the group label, e.g. `short: Xây dựng`")
                            .says("directory-listed-no-short", &[("id", &id), ("group", gid)])
                            .hints("directory-listed-no-short-hint", &[]),
                        );
                    }
                    g.members.push(id.clone());
                }
                None => diags.push(with_known(
                    Diagnostic::error(Code::Directory, 
                        position(file, at),
                        format!("recipient `{id}` names unknown group `{gid}`"),
                    )
                    .says("directory-unknown-group", &[("id", &id), ("group", gid)]),
                    "groups",
                    "groups",
                    gid,
                    dir.groups.keys(),
                )),
            }
        }
        let section = section_style(file, r.section.as_ref(), diags);
        let mut request_years = Vec::new();
        let requests = check_requests(file, &r.requests, &mut request_years, diags);
        limits.requests.insert(id.clone(), request_years);
        let own = years(file, &r.from_year, &r.to_year, &format!("recipient `{id}`"), diags);
        limits.recipients.insert(id.clone(), own);
        let name = non_empty(file, &r.name, "recipient name", diags);
        if let Err(d) = portable_name(&id, position(file, &r.id), "recipient id", Code::Directory) {
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
                honorific: r.honorific.as_ref().map(|s| s.value.trim().to_string()),
                heading: r.heading.as_ref().map(|h| h.value.trim().to_string()),
                group,
                requests,
                notes: r.notes.iter().map(|n| text(file, n)).collect(),
                section: section.unwrap_or(SectionStyle::List),
            },
        );
    }
    (dir, limits)
}
