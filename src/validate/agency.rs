//! `data/agency.yaml`: the issuing agency, its drafting units and its signers (ND 30 §II.7
//! authority prefixes).

use super::*;

pub(super) fn check_agency(
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
                Diagnostic::error(Code::Agency, 
                    position(file, &s.id),
                    format!("signer id `{id}` is used twice"),
                )
                .with_hint("give every signer a different id")
                .says("agency-signer-twice", &[("id", &id)])
                .hints("agency-signer-twice-hint", &[]),
            );
            // The first definition stands; letters using the id keep working.
            continue;
        }
        let authority = signer_authority(file, &id, s, diags);
        for (what, at) in [("name", &s.name), ("title", &s.title)]
            .into_iter()
            .chain(s.on_behalf_of.as_ref().map(|f| ("`for`", f)))
        {
            if at.value.contains('\n') {
                diags.push(
                    Diagnostic::error(
                        Code::Agency,
                        position(file, at),
                        format!("signer `{id}`'s {what} has a line break"),
                    )
                    .with_hint("each line of a signature block is its own field: put the lines above the title in `authority_lines`, e.g. [\"TM. ỦY BAN NHÂN DÂN\", \"KT. CHỦ TỊCH\"], and the signer's own title in `title`")
                    // The Vietnamese names the field as written (`name`, `title`, `for`).
                    .says(
                        "agency-signer-line-break",
                        &[("id", &id), ("what", what), ("field", what.trim_matches('`'))],
                    )
                    .hints("agency-signer-line-break-hint", &[]),
                );
            }
        }
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
    let governing_lines = raw
        .governing_body
        .as_ref()
        .map(|g| header_lines(file, g, "governing body", diags))
        .unwrap_or_default();
    let name_lines = header_lines(file, &raw.name, "agency name", diags);
    let agency = Agency {
        governing_body: (!governing_lines.is_empty()).then(|| governing_lines.join(" ")),
        governing_lines,
        name: name_lines.join(" "),
        name_lines,
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

/// The authority lines of a signer, from `authority` + `for` (one line) or `authority_lines`,
/// checked against ND 30 Phụ lục I §II.7b: every line starts with TM., KT., TL., TUQ. or
/// Q.; of two lines the first is "TM." (on behalf of the collective) and the second names
/// who signs for its head.
fn signer_authority(
    file: &Path,
    id: &str,
    s: &crate::project::RawSigner,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(Authority, String)> {
    let error = |at: Position, message: String, hint: &str| {
        Diagnostic::error(Code::Agency, at, message).with_hint(hint)
    };
    if let Some(lines) = &s.authority_lines {
        if let Some(a) = s.authority.as_ref().or(s.on_behalf_of.as_ref()) {
            diags.push(
                error(
                    position(file, a),
                    format!("signer `{id}` has both `authority_lines` and `authority`/`for`"),
                    "give the authority either as one line (`authority` and `for`) or as `authority_lines`",
                )
                .says("agency-authority-both", &[("id", id)])
                .hints("agency-authority-both-hint", &[]),
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for line in lines {
            let text = line.value.trim();
            let (prefix, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
            match Authority::parse(prefix) {
                Some(a) if !rest.trim().is_empty() => out.push((a, rest.trim().to_string())),
                _ => diags.push(
                    error(
                        position(file, line),
                        format!("signer `{id}`: authority line `{text}` does not start with TM., KT., TL., TUQ. or Q. followed by whom it is for"),
                        "write each line as the decree does, e.g. \"TM. ỦY BAN NHÂN DÂN\" or \"KT. CHỦ TỊCH\" (ND 30/2020, Phụ lục I §II.7b)",
                    )
                    .says("agency-authority-line", &[("id", id), ("line", text)])
                    .hints("agency-authority-line-hint", &[]),
                ),
            }
        }
        let shape_ok = match out.as_slice() {
            [] | [_] => true,
            [(Authority::Tm, _), (second, _)] => *second != Authority::Tm,
            _ => false,
        };
        if !shape_ok && out.len() == lines.len() {
            diags.push(
                error(
                    position(file, &lines[0]),
                    format!("signer `{id}` has authority lines that ND 30 does not combine"),
                    "at most two lines: \"TM. <tập thể>\" first, then \"KT.\", \"TL.\", \"TUQ.\" or \"Q.\" with the head's title (Phụ lục I §II.7b)",
                )
                .says("agency-authority-shape", &[("id", id)])
                .hints("agency-authority-shape-hint", &[]),
            );
        }
        return out;
    }
    match (&s.authority, &s.on_behalf_of) {
        (None, None) => Vec::new(),
        (Some(a), Some(f)) => match Authority::parse(&a.value) {
            Some(auth) => vec![(auth, non_empty(file, f, "signer `for` title", diags))],
            None => {
                diags.push(
                    error(
                        position(file, a),
                        format!("signer `{id}` has unknown authority `{}`", a.value),
                        "use one of TM, KT, TL, TUQ, Q (ND 30/2020, Phụ lục I §II.7b)",
                    )
                    .says("agency-authority-unknown", &[("id", id), ("authority", &a.value)])
                    .hints("agency-authority-unknown-hint", &[]),
                );
                Vec::new()
            }
        },
        (Some(a), None) => {
            diags.push(
                error(
                    position(file, a),
                    format!("signer `{id}` has an authority but no `for`"),
                    "add `for:` with the head's title, e.g. `for: GIÁM ĐỐC` for \"KT. GIÁM ĐỐC\"",
                )
                .says("agency-authority-no-for", &[("id", id)])
                .hints("agency-authority-no-for-hint", &[]),
            );
            Vec::new()
        }
        (None, Some(f)) => {
            diags.push(
                error(
                    position(file, f),
                    format!("signer `{id}` has `for` but no authority"),
                    "add `authority:` (TM, KT, TL, TUQ or Q) or remove `for`",
                )
                .says("agency-for-no-authority", &[("id", id)])
                .hints("agency-for-no-authority-hint", &[]),
            );
            Vec::new()
        }
    }
}

/// The header lines of a name given as one text or as lines: none empty, none with a line
/// break inside (the lines of a list are the header's lines).
fn header_lines(
    file: &Path,
    at: &At<crate::project::raw::RawLines>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<String> {
    let lines = at.value.lines();
    if lines.is_empty() || lines.iter().any(String::is_empty) {
        let d = Diagnostic::error(Code::Agency, position(file, at), format!("the {what} is empty"))
            .with_hint(format!("write the {what}, as one text or as a list of its header lines"));
        diags.push(match what {
            "governing body" => d
                .says("agency-governing-body-empty", &[])
                .hints("agency-governing-body-empty-hint", &[]),
            "agency name" => d
                .says("agency-name-empty", &[])
                .hints("agency-name-empty-hint", &[]),
            _ => d,
        });
    }
    if lines.iter().any(|l| l.contains('\n')) {
        let d = Diagnostic::error(Code::Agency, position(file, at), format!("the {what} has a line break"))
            .with_hint(format!("give the {what} as a list of its lines, e.g. [\"BAN QUẢN LÝ KHU KINH TẾ\", \"CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN\"]"));
        diags.push(match what {
            "governing body" => d
                .says("agency-governing-body-line-break", &[])
                .hints("agency-governing-body-line-break-hint", &[]),
            "agency name" => d
                .says("agency-name-line-break", &[])
                .hints("agency-name-line-break-hint", &[]),
            _ => d,
        });
    }
    lines.into_iter().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}
