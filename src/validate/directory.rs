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

pub(super) fn check_requests(file: &Path, raw: &[RawRequest], diags: &mut Vec<Diagnostic>) -> Vec<Request> {
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
    }
    out
}

pub(super) fn check_directory(
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
        let requests = check_requests(file, &r.requests, diags);
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
    dir
}
