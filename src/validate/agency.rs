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
                        Diagnostic::error(Code::Agency, 
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
                    Diagnostic::error(Code::Agency, 
                        position(file, a),
                        format!("signer `{id}` has an authority but no `for`"),
                    )
                    .with_hint("add `for:` with the head's title, e.g. `for: GIÁM ĐỐC` for \"KT. GIÁM ĐỐC\""),
                );
                None
            }
            (None, Some(f)) => {
                diags.push(
                    Diagnostic::error(Code::Agency, 
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
