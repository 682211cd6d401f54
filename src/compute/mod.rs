//! Pure computation over the checked model: which documents a letter produces and, for each,
//! who it is addressed to and which numbered sections and items it carries. No text is
//! rendered here; `render` turns these plans into words.

pub(crate) mod indicators;
pub(crate) mod obligations;

use crate::model::{
    Addressee, Directory, Edition, Group, GroupStyle, Indicator, Letter, Recipient, Request,
    SectionStyle, Text,
};

/// Which document of a letter a plan is for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Target<'a> {
    /// The combined letter to every addressee.
    Combined,
    /// The letter to one agency.
    Agency(&'a Recipient),
}

/// One request placed in a section.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item<'a> {
    /// Name of the member it is asked of, inside a section shared by a group.
    pub(crate) member: Option<&'a str>,
    /// The request.
    pub(crate) request: &'a Request,
    /// The catalogue entry, for indicator requests.
    pub(crate) indicator: Option<&'a Indicator>,
}

/// A section of the body: one recipient's (or one group's) items.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section<'a> {
    /// Heading after the section number; none in a per-agency letter.
    pub(crate) heading: Option<String>,
    /// How it is set.
    pub(crate) style: SectionStyle,
    /// The items, in order.
    pub(crate) items: Vec<Item<'a>>,
    /// Paragraphs after the items.
    pub(crate) notes: Vec<&'a Text>,
}

/// Everything one output document contains, before wording.
#[derive(Debug, Clone)]
pub(crate) struct DocumentPlan<'a> {
    /// The letter.
    pub(crate) letter: &'a Letter,
    /// Combined or per agency.
    pub(crate) target: Target<'a>,
    /// "Kính gửi" lines, without the dash and final punctuation.
    pub(crate) addressees: Vec<String>,
    /// Body sections, numbered in the combined letter.
    pub(crate) sections: Vec<Section<'a>>,
}

/// Plans every document of `letter`: the combined one, then one per agency, as asked.
pub(crate) fn plan_letter<'a>(
    letter: &'a Letter,
    dir: &'a Directory,
    edition: &'a Edition,
) -> Vec<DocumentPlan<'a>> {
    let mut plans = Vec::new();
    if letter.combined {
        plans.push(DocumentPlan {
            letter,
            target: Target::Combined,
            addressees: combined_addressees(letter, dir),
            sections: combined_sections(letter, dir, edition),
        });
    }
    if letter.per_agency {
        for recipient in letter.agencies(dir) {
            let group = recipient.group.as_ref().and_then(|g| dir.groups.get(g));
            let items = dir
                .requests_of(recipient)
                .into_iter()
                .map(|r| item(None, r, edition))
                .collect();
            let mut notes = Vec::new();
            if let Some(g) = group {
                notes.extend(g.notes.iter());
            }
            notes.extend(recipient.notes.iter());
            plans.push(for_agency(letter, recipient, items, notes));
        }
    }
    plans
}

/// A letter to one agency: "Kính gửi" its name, one unnumbered section of its items.
fn for_agency<'a>(
    letter: &'a Letter,
    recipient: &'a Recipient,
    items: Vec<Item<'a>>,
    notes: Vec<&'a Text>,
) -> DocumentPlan<'a> {
    DocumentPlan {
        letter,
        target: Target::Agency(recipient),
        addressees: vec![recipient.name.clone()],
        sections: vec![Section {
            heading: None,
            style: SectionStyle::List,
            items,
            notes,
        }],
    }
}

/// The follow-up letters of `letter`: one per agency that still owes something, carrying only
/// what it owes (per the status rows), without the original's notes.
pub(crate) fn plan_reminders<'a>(
    letter: &'a Letter,
    dir: &'a Directory,
    edition: &'a Edition,
    status: &[obligations::StatusRow],
) -> Vec<DocumentPlan<'a>> {
    let mut plans = Vec::new();
    for recipient in letter.agencies(dir) {
        let rows: Vec<&obligations::StatusRow> = status
            .iter()
            .filter(|s| s.recipient == recipient.id)
            .collect();
        let mut text_rows = rows.iter().filter(|s| s.indicator.is_none());
        let mut items = Vec::new();
        for request in dir.requests_of(recipient) {
            let missing = match request {
                Request::Indicator(ir) => rows
                    .iter()
                    .any(|s| s.indicator == Some(ir.number) && s.state == obligations::State::Missing),
                // Text rows come in request order.
                Request::Text(_) => text_rows
                    .next()
                    .is_some_and(|s| s.state == obligations::State::Missing),
            };
            if missing {
                items.push(item(None, request, edition));
            }
        }
        if !items.is_empty() {
            plans.push(for_agency(letter, recipient, items, vec![]));
        }
    }
    plans
}

/// One follow-up letter to every agency that still owes something, each agency a numbered
/// section listing only what it owes (`reminder: combined: true`); none when nobody does.
pub(crate) fn plan_combined_reminder<'a>(
    letter: &'a Letter,
    dir: &'a Directory,
    edition: &'a Edition,
    status: &[obligations::StatusRow],
) -> Option<DocumentPlan<'a>> {
    let owing = plan_reminders(letter, dir, edition, status);
    if owing.is_empty() {
        return None;
    }
    let addressees = owing.iter().flat_map(|p| p.addressees.clone()).collect();
    let sections = owing
        .into_iter()
        .filter_map(|p| {
            let Target::Agency(r) = p.target else {
                return None;
            };
            let mut section = p.sections.into_iter().next()?;
            section.heading = Some(r.heading.clone().unwrap_or_else(|| r.name.clone()));
            Some(section)
        })
        .collect();
    Some(DocumentPlan {
        letter,
        target: Target::Combined,
        addressees,
        sections,
    })
}

fn item<'a>(member: Option<&'a str>, request: &'a Request, edition: &'a Edition) -> Item<'a> {
    let indicator = match request {
        Request::Indicator(r) => edition.indicators.get(&r.number),
        Request::Text(_) => None,
    };
    Item {
        member,
        request,
        indicator,
    }
}

fn members<'a>(group: &'a Group, dir: &'a Directory) -> impl Iterator<Item = &'a Recipient> {
    group.members.iter().filter_map(|m| dir.recipients.get(m))
}

fn combined_addressees(letter: &Letter, dir: &Directory) -> Vec<String> {
    let mut lines = Vec::new();
    for a in &letter.addressees {
        match a {
            Addressee::Recipient(id) => {
                if let Some(r) = dir.recipients.get(id) {
                    lines.push(r.name.clone());
                }
            }
            Addressee::Group(id) => {
                let Some(g) = dir.groups.get(id) else {
                    continue;
                };
                match g.style {
                    GroupStyle::Listed => {
                        let names: Vec<&str> = members(g, dir)
                            .map(|m| m.short.as_deref().unwrap_or(&m.name))
                            .collect();
                        let label = g.label.as_deref().unwrap_or_default();
                        lines.push(format!("{label}: {}", names.join(", ")));
                    }
                    GroupStyle::Addressed => lines.push(g.name.clone().unwrap_or_default()),
                    GroupStyle::Joint => lines.extend(members(g, dir).map(|m| m.name.clone())),
                }
            }
        }
    }
    lines
}

fn combined_sections<'a>(
    letter: &'a Letter,
    dir: &'a Directory,
    edition: &'a Edition,
) -> Vec<Section<'a>> {
    let mut sections = Vec::new();
    let own = |r: &'a Recipient, group: Option<&'a Group>| {
        let mut items: Vec<Item<'a>> = Vec::new();
        let mut notes: Vec<&'a Text> = Vec::new();
        if let Some(g) = group {
            items.extend(g.requests.iter().map(|q| item(None, q, edition)));
            notes.extend(g.notes.iter());
        }
        items.extend(r.requests.iter().map(|q| item(None, q, edition)));
        notes.extend(r.notes.iter());
        Section {
            heading: Some(r.heading.clone().unwrap_or_else(|| r.name.clone())),
            style: r.section,
            items,
            notes,
        }
    };
    for a in &letter.addressees {
        match a {
            Addressee::Recipient(id) => {
                if let Some(r) = dir.recipients.get(id) {
                    sections.push(own(r, r.group.as_ref().and_then(|g| dir.groups.get(g))));
                }
            }
            Addressee::Group(id) => {
                let Some(g) = dir.groups.get(id) else {
                    continue;
                };
                match g.style {
                    GroupStyle::Listed => sections.extend(members(g, dir).map(|m| own(m, Some(g)))),
                    GroupStyle::Addressed | GroupStyle::Joint => {
                        let heading = match g.style {
                            GroupStyle::Addressed => g.name.clone().unwrap_or_default(),
                            _ => members(g, dir)
                                .map(|m| m.name.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                        };
                        let mut items: Vec<Item<'a>> =
                            g.requests.iter().map(|q| item(None, q, edition)).collect();
                        let mut notes: Vec<&'a Text> = g.notes.iter().collect();
                        for m in members(g, dir) {
                            items.extend(
                                m.requests
                                    .iter()
                                    .map(|q| item(Some(m.name.as_str()), q, edition)),
                            );
                            notes.extend(m.notes.iter());
                        }
                        sections.push(Section {
                            heading: Some(heading),
                            style: g.section,
                            items,
                            notes,
                        });
                    }
                }
            }
        }
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;
    use crate::model::{IndicatorRequest, LetterDate, Signer};
    use std::collections::BTreeMap;

    fn recipient(id: &str, group: Option<&str>, requests: Vec<Request>) -> Recipient {
        Recipient {
            id: id.into(),
            name: format!("Name {id}"),
            short: Some(format!("short {id}")),
            heading: None,
            honorific: None,
            group: group.map(Into::into),
            requests,
            notes: vec![],
            section: SectionStyle::List,
        }
    }

    fn ind(n: u32) -> Request {
        Request::Indicator(IndicatorRequest {
            number: n,
            at: Position::file("x"),
            name: None,
            unit: None,
            basis: None,
            guidance: None,
            note: None,
        })
    }

    fn text(t: &str) -> Request {
        Request::Text(Text {
            value: t.into(),
            at: Position::file("x"),
        })
    }

    pub(crate) fn fixture() -> (Directory, Edition) {
        let mut dir = Directory::default();
        for (id, style) in [
            ("so", GroupStyle::Listed),
            ("huyen", GroupStyle::Addressed),
            ("nuoc", GroupStyle::Joint),
        ] {
            dir.groups.insert(
                id.into(),
                Group {
                    id: id.into(),
                    style,
                    label: Some("Các Sở".into()),
                    name: Some("UBND các huyện".into()),
                    requests: if id == "so" { vec![] } else { vec![ind(11)] },
                    notes: vec![],
                    section: SectionStyle::List,
                    members: vec![],
                },
            );
        }
        let rs = [
            recipient("a", Some("so"), vec![ind(1)]),
            recipient("b", Some("so"), vec![ind(5), text("free")]),
            recipient("h1", Some("huyen"), vec![]),
            recipient("h2", Some("huyen"), vec![text("extra")]),
            recipient("w1", Some("nuoc"), vec![]),
            recipient("w2", Some("nuoc"), vec![]),
            recipient("solo", None, vec![ind(1)]),
        ];
        for r in rs {
            if let Some(g) = &r.group {
                dir.groups.get_mut(g).unwrap().members.push(r.id.clone());
            }
            dir.recipients.insert(r.id.clone(), r);
        }
        let mut indicators = BTreeMap::new();
        for n in [1, 5, 11] {
            indicators.insert(
                n,
                Indicator {
                    number: n,
                    name: format!("I{n}"),
                    unit: "%".into(),
                    form: n,
                    group: None,
                    notes: None,
                    inactive_years: vec![],
                    compute: None,
                    population: None,
                    decimals: 2,
                    higher_is_better: true,
                    budget: false,
                    form_unit: None,
                    numerator: None,
                    denominator: None,
                    scoring: vec![],
                    same_as: None,
                    shared_denominator: None,
                },
            );
        }
        let edition = Edition {
            id: "e".into(),
            title: "t".into(),
            decision: None,
            from_year: 2020,
            to_year: None,
            indicators,
            unnamed: Vec::new(),
            unnamed_note: None,
        };
        (dir, edition)
    }

    pub(crate) fn letter() -> Letter {
        let t = |s: &str| Text {
            value: s.into(),
            at: Position::file("l"),
        };
        Letter {
            kind: crate::model::LetterKind::CongVan,
            to: vec![],
            request_letter: None,
            path: "letters/l.yaml".into(),
            id: "l".into(),
            data_year: 2022,
            number: None,
            unit: "BVMT".into(),
            date: LetterDate::Month {
                year: 2023,
                month: 2,
            },
            deadline: None,
            subject: t("s"),
            signer: Signer {
                id: "x".into(),
                name: "n".into(),
                authority: vec![],
                title: "t".into(),
            },
            addressees: vec![
                Addressee::Group("so".into()),
                Addressee::Group("huyen".into()),
                Addressee::Group("nuoc".into()),
                Addressee::Recipient("solo".into()),
            ],
            vars: BTreeMap::new(),
            request_format: t(""),
            basis: String::new(),
            guidance: String::new(),
            opening: vec![],
            closing: vec![],
            cc: vec![],
            per_agency_cc: vec![],
            appendices: false,
            archive: String::new(),
            combined: true,
            per_agency: true,
            file_name: t("{{ recipient.id }}"),
            reminder: None,
            review: None,
            scores: Vec::new(),
            attachments: Vec::new(),
            self_assessment: None,
            issuer: None,
            signature_fields: true,
        }
    }

    #[test]
    fn combined_letter_groups_addressees_and_sections_like_the_seed() {
        let (dir, edition) = fixture();
        let letter = letter();
        let plans = plan_letter(&letter, &dir, &edition);
        let combined = &plans[0];
        assert_eq!(combined.target, Target::Combined);
        assert_eq!(
            combined.addressees,
            [
                "Các Sở: short a, short b",
                "UBND các huyện",
                "Name w1",
                "Name w2",
                "Name solo"
            ]
        );
        let headings: Vec<_> = combined
            .sections
            .iter()
            .map(|s| s.heading.clone().unwrap())
            .collect();
        assert_eq!(
            headings,
            [
                "Name a",
                "Name b",
                "UBND các huyện",
                "Name w1, Name w2",
                "Name solo"
            ]
        );
        // The addressed group's section: the group item, then the member extra with its name.
        let huyen = &combined.sections[2];
        assert_eq!(huyen.items.len(), 2);
        assert_eq!(huyen.items[0].member, None);
        assert_eq!(huyen.items[1].member, Some("Name h2"));
    }

    #[test]
    fn per_agency_letters_carry_only_their_own_items() {
        let (dir, edition) = fixture();
        let letter = letter();
        let plans = plan_letter(&letter, &dir, &edition);
        let ids: Vec<_> = plans
            .iter()
            .filter_map(|p| match p.target {
                Target::Agency(r) => Some(r.id.as_str()),
                Target::Combined => None,
            })
            .collect();
        assert_eq!(ids, ["a", "b", "h1", "h2", "w1", "w2", "solo"]);
        let h2 = plans
            .iter()
            .find(|p| matches!(p.target, Target::Agency(r) if r.id == "h2"))
            .unwrap();
        assert_eq!(h2.addressees, ["Name h2"]);
        assert_eq!(h2.sections.len(), 1);
        let reqs: Vec<_> = h2.sections[0]
            .items
            .iter()
            .map(|i| i.request.clone())
            .collect();
        assert_eq!(reqs, [ind(11), text("extra")]);
        let b = plans
            .iter()
            .find(|p| matches!(p.target, Target::Agency(r) if r.id == "b"))
            .unwrap();
        assert_eq!(b.sections[0].items.len(), 2);
        assert!(
            b.sections[0].items[0]
                .indicator
                .is_some_and(|i| i.number == 5)
        );
    }
}
