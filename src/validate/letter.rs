//! A letter file under `letters/`: kind, dates, number, signer, addressees, texts, output
//! options, checked against the shared data.

use super::*;

pub(super) fn check_letter(
    file: &Path,
    raw: &RawLetter,
    shared: &Shared<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Letter> {
    let Shared {
        agency,
        agency_known,
        agency_file,
        dir,
        catalogue,
        broken,
    } = *shared;
    let before = diags.len();
    // What stops the letter, as (kind, name): "signer", "group", "recipient", or "" for a file.
    let mut blocked_by: Vec<(&str, String)> = Vec::new();
    let shared_ok = broken.shared.is_empty();
    // References are checked against a file only when that file could be read and checked.
    let sound = |file: &str| !broken.shared.iter().any(|f| f == file);
    let id = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    if let Err(d) = portable_name(&id, Position::file(file), "letter file name", Code::Letter) {
        diags.push(d);
    }

    let kind = match raw.kind.value.trim() {
        "cong-van" => Some(LetterKind::CongVan),
        "bao-cao" => Some(LetterKind::BaoCao),
        "to-trinh" => Some(LetterKind::ToTrinh),
        other => {
            diags.push(
                Diagnostic::error(Code::Letter, 
                    position(file, &raw.kind),
                    format!("letter kind `{other}` is not supported"),
                )
                .with_hint("use `kind: cong-van` (request letter), `kind: bao-cao` (report) or `kind: to-trinh` (tờ trình)")
                .says("letter-kind-unsupported", &[("kind", other)])
                .hints("letter-kind-unsupported-hint", &[]),
            );
            None
        }
    };
    // A report and a tờ trình go to whom `to` names, not to recipients asked for data.
    let is_report = matches!(kind, Some(LetterKind::BaoCao | LetterKind::ToTrinh));
    if !(1900..=2999).contains(&raw.data_year.value) {
        diags.push(
            Diagnostic::error(Code::Letter, 
                position(file, &raw.data_year),
                format!("data year {} is out of range", raw.data_year.value),
            )
            .with_hint("write the year the figures are about, e.g. `data_year: 2022`")
            .says("letter-data-year-range", &[("year", &raw.data_year.value.to_string())])
            .hints("letter-data-year-range-hint", &[]),
        );
    }
    let date = parse_date(&raw.date.value, true);
    if date.is_none() {
        diags.push(
            Diagnostic::error(Code::Letter, 
                position(file, &raw.date),
                format!("letter date `{}` is not a date", raw.date.value),
            )
            .with_hint("write `YYYY-MM-DD`, or `YYYY-MM` to leave the day blank for signing")
            .says("letter-date-invalid", &[("value", &raw.date.value)])
            .hints("letter-date-invalid-hint", &[]),
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
                    Diagnostic::error(Code::Letter, 
                        position(file, d),
                        format!("deadline `{}` is not a date", d.value),
                    )
                    .with_hint("write the deadline as `YYYY-MM-DD`")
                    .says("letter-deadline-invalid", &[("value", &d.value)])
                    .hints("letter-deadline-invalid-hint", &[]),
                );
                None
            }
        });
    // A deadline before the letter is sent (its first possible day, when the day is left
    // blank for signing) cannot be met.
    if let (Some(d), Some(dl), Some(at)) = (date, deadline, raw.deadline.as_ref())
        && dl < d.first_day()
    {
        let (due, sent) = (
            dl.format("%d/%m/%Y").to_string(),
            d.first_day().format("%d/%m/%Y").to_string(),
        );
        diags.push(
            Diagnostic::error(
                Code::Letter,
                position(file, at),
                format!("deadline {due} is before the letter's date ({sent})"),
            )
            .with_hint("the deadline comes after the letter is sent: check the year and the month")
            .says(
                "letter-deadline-before-date",
                &[("deadline", &due), ("date", &sent)],
            )
            .hints("letter-deadline-before-date-hint", &[]),
        );
    }
    if let Some(n) = &raw.number
        && n.value == 0
    {
        diags.push(
            Diagnostic::error(Code::Letter, position(file, n), "letter number 0 is not a valid number")
                .with_hint("numbers start at 1; remove `number` for an unregistered draft")
                .says("letter-number-zero", &[])
                .hints("letter-number-zero-hint", &[]),
        );
    }
    let unit = raw
        .unit
        .as_ref()
        .map(|u| u.value.trim().to_string())
        .unwrap_or_default();
    // Without a drafting unit the symbol is the agency's alone ("12/UBND", ND 30 Phụ lục
    // III), as an UBND numbers its công văn.
    if let Some(at) = &raw.unit
        && agency_known
        && !agency.units.is_empty()
        && !agency.units.contains_key(&unit)
    {
        diags.push(with_known(
            Diagnostic::error(Code::Letter, position(file, at), format!("unknown drafting unit `{unit}`"))
                .says("letter-unknown-unit", &[("unit", &unit)]),
            "units",
            "units in data/agency.yaml",
            &unit,
            agency.units.keys(),
        ));
    }
    let signer_id = raw.signer.value.trim();
    let signer = agency.signers.get(signer_id).cloned();
    if signer.is_none() && agency_known {
        diags.push(with_known(
            Diagnostic::error(Code::Letter, 
                position(file, &raw.signer),
                format!("unknown signer `{signer_id}`"),
            )
            .says("unknown-signer", &[("id", signer_id)]),
            if agency_file == "data/issuers.yaml" {
                "issuer-signers"
            } else {
                "signers"
            },
            &format!("signers in {agency_file}"),
            signer_id,
            agency.signers.keys(),
        ));
    } else if broken.signers.contains(signer_id) {
        blocked_by.push(("signer", signer_id.to_string()));
    }

    let edition = catalogue.edition_for(raw.data_year.value);
    if edition.is_none() && sound("data/indicators.yaml") {
        diags.push(
            Diagnostic::error(Code::Letter, 
                position(file, &raw.data_year),
                format!(
                    "no indicator catalogue edition covers data year {}",
                    raw.data_year.value
                ),
            )
            .with_hint(
                "add an edition to data/indicators.yaml whose from_year/to_year include this year",
            )
            .says("letter-no-edition", &[("year", &raw.data_year.value.to_string())])
            .hints("letter-no-edition-hint", &[]),
        );
    }

    let mut addressees = Vec::new();
    let mut seen = BTreeSet::new();
    if is_report && !raw.recipients.is_empty() {
        diags.push(
            Diagnostic::error(Code::Letter, 
                position(file, &raw.recipients[0]),
                "a report is not sent to recipients",
            )
            .with_hint("write the bodies a report is sent up to as lines under `to:`")
            .says("letter-report-recipients", &[])
            .hints("letter-report-recipients-hint", &[]),
        );
    }
    if !is_report && !raw.to.is_empty() {
        diags.push(
            Diagnostic::error(Code::Letter, position(file, &raw.to[0]), "`to` only applies to reports")
                .with_hint("address a công văn with `recipients:` ids from data/recipients.yaml")
                .says("letter-to-not-report", &[])
                .hints("letter-to-not-report-hint", &[]),
        );
    }
    // A tờ trình asks someone to decide: it must say whom.
    if kind == Some(LetterKind::ToTrinh) && raw.to.is_empty() {
        diags.push(
            Diagnostic::error(Code::Letter, position(file, &raw.kind), "a tờ trình says whom it goes to")
                .with_hint("add `to:` with the body that decides, e.g. \"Ủy ban nhân dân tỉnh Lạng Sơn\"")
                .says("letter-to-trinh-no-to", &[])
                .hints("letter-to-trinh-no-to-hint", &[]),
        );
    }
    if raw.recipients.is_empty() && !is_report {
        diags.push(
            Diagnostic::error(Code::Letter, position(file, &raw.kind), "letter has no recipients")
                .with_hint("add `recipients:` with recipient or group ids from data/recipients.yaml")
                .says("letter-no-recipients", &[])
                .hints("letter-no-recipients-hint", &[]),
        );
    }
    for r in &raw.recipients {
        let rid = r.value.trim().to_string();
        if !seen.insert(rid.clone()) {
            diags.push(
                Diagnostic::error(Code::Letter, 
                    position(file, r),
                    format!("recipient `{rid}` is listed twice"),
                )
                .with_hint("remove the repeated entry")
                .says("letter-recipient-twice", &[("id", &rid)])
                .hints("letter-recipient-twice-hint", &[]),
            );
            continue;
        }
        let members: Vec<&Recipient> = if let Some(g) = dir.groups.get(&rid) {
            if broken.groups.contains(&rid) {
                blocked_by.push(("group", rid.to_string()));
            }
            if g.members.is_empty() {
                diags.push(
                    Diagnostic::error(Code::Letter, position(file, r), format!("group `{rid}` has no members"))
                        .with_hint("set `group:` on the recipients that belong to it in data/recipients.yaml")
                        .says("letter-group-empty", &[("id", &rid)])
                        .hints("letter-group-empty-hint", &[]),
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
                diags.push(with_known(
                    Diagnostic::error(Code::Letter, position(file, r), format!("unknown recipient `{rid}`"))
                        .says("unknown-recipient", &[("id", &rid)]),
                    "addressees",
                    "recipients and groups",
                    &rid,
                    dir.groups.keys().chain(dir.recipients.keys()),
                ));
            }
            continue;
        };
        for m in &members {
            if broken.recipients.contains(&m.id) {
                blocked_by.push(("recipient", m.id.clone()));
            }
            if let Some(g) = &m.group
                && broken.groups.contains(g)
            {
                blocked_by.push(("group", g.to_string()));
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
                    let number = format!("{:02}", ir.number);
                    let year = raw.data_year.value.to_string();
                    let letter = file.display().to_string();
                    diags.push(
                        Diagnostic::error(Code::Letter, 
                            ir.at.clone(),
                            format!(
                                "indicator {number} is not in edition `{}` of the catalogue (data year {year})",
                                edition.id
                            ),
                        )
                        .with_hint(format!(
                            "asked by letter `{letter}`; add indicator {number} to edition `{}` in data/indicators.yaml, or fix the number",
                            edition.id
                        ))
                        .says(
                            "letter-indicator-not-in-edition",
                            &[("number", &number), ("edition", &edition.id), ("year", &year)],
                        )
                        .hints(
                            "letter-indicator-not-in-edition-hint",
                            &[("letter", &letter), ("number", &number), ("edition", &edition.id)],
                        ),
                    );
                }
            }
        }
    }

    let letter_errors = diags[before..].iter().any(Diagnostic::is_error);
    blocked_by.extend(broken.shared.iter().map(|f| ("", f.clone())));
    if !blocked_by.is_empty() && !letter_errors {
        blocked_by.sort();
        blocked_by.dedup();
        // Each cause named in each language ("signer `x`", "người ký `x`").
        let named = |vietnamese: bool| -> String {
            blocked_by
                .iter()
                .map(|(kind, name)| {
                    let word = match (*kind, vietnamese) {
                        ("signer", false) => "signer ",
                        ("signer", true) => "người ký ",
                        ("group", false) => "group ",
                        ("group", true) => "nhóm ",
                        ("recipient", false) => "recipient ",
                        ("recipient", true) => "đơn vị ",
                        _ => "",
                    };
                    format!("{word}`{name}`")
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        // A consequence, not a cause: shown once for all the letters it stops, after the
        // errors in the data that cause it.
        diags.push(
            Diagnostic::error(
                Code::Blocked,
                Position::file(file),
                format!(
                    "letter not built because {} {} errors",
                    named(false),
                    if blocked_by.len() == 1 { "has" } else { "have" }
                ),
            )
            .stopping(file.display().to_string().replace('\\', "/"))
            .with_hint("fix the errors reported for data/ above; this follows from them")
            .says(
                "letter-blocked",
                &[
                    ("causes", &named(false)),
                    ("causes_vi", &named(true)),
                    ("count", &blocked_by.len().to_string()),
                ],
            )
            .hints("blocked-hint", &[]),
        );
    }
    if diags[before..].iter().any(Diagnostic::is_error) || !shared_ok {
        return None;
    }
    let signer = signer?;
    let lines = |c: &Vec<At<String>>| -> Vec<String> {
        c.iter().map(|l| l.value.trim().to_string()).collect()
    };
    let cc = lines(&raw.cc);
    // A letter to one agency does not copy the combined letter's report upward or its
    // publication (ND 30: each copy goes where it is meant to).
    let per_agency_cc = raw.output.per_agency_cc.as_ref().map_or_else(
        || {
            cc.iter()
                .filter(|c| !(c.contains("để B/c") || c.contains("đăng Website")))
                .cloned()
                .collect()
        },
        &lines,
    );
    let kind = kind?;
    // Only a report is laid out as a self-assessment.
    if let Some(s) = &raw.self_assessment
        && kind != LetterKind::BaoCao
    {
        let at = s
            .general
            .iter()
            .chain(&s.shortcomings)
            .chain(&s.proposals)
            .next()
            .map_or_else(|| Position::file(file), |t| position(file, t));
        diags.push(
            Diagnostic::error(Code::Letter, at, "`self_assessment` belongs to a report (kind: bao-cao)".to_string())
                .with_hint("remove `self_assessment:`, or make the letter a report")
                .says("letter-self-assessment-not-report", &[])
                .hints("letter-self-assessment-not-report-hint", &[]),
        );
    }
    let scored = scores(
        file,
        raw,
        kind,
        shared.catalogue.edition_for(raw.data_year.value),
        diags,
    );
    Some(Letter {
        path: file.to_path_buf(),
        kind,
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
        cc: cc.clone(),
        per_agency_cc: per_agency_cc.clone(),
        reminder: raw.reminder.as_ref().map(|r| follow_up(file, r, &per_agency_cc)),
        review: raw.review.as_ref().map(|r| follow_up(file, r, &per_agency_cc)),
        scores: scored,
        self_assessment: raw.self_assessment.as_ref().map(|s| crate::model::SelfAssessment {
            general: s.general.iter().map(|t| text(file, t)).collect(),
            shortcomings: s.shortcomings.iter().map(|t| text(file, t)).collect(),
            proposals: s.proposals.iter().map(|t| text(file, t)).collect(),
        }),
        attachments: raw.attachments.iter().map(|a| a.value.trim().to_string()).collect(),
        issuer: raw.issuer.as_ref().map(|i| i.value.trim().to_string()),
        signature_fields: raw.output.signature_fields,
        combined: raw.output.combined,
        per_agency: raw.output.per_agency != crate::project::RawPerAgency::Letters(false),
        appendices: matches!(raw.output.per_agency, crate::project::RawPerAgency::Appendix(_)),
        file_name: raw.output.file_name.as_ref().map_or_else(
            || Text {
                value: "{{ recipient.id }}".into(),
                at: Position::file(file),
            },
            |f| text(file, f),
        ),
    })
}

/// The wording of a letter that follows up the request (`reminder`, `review`).
fn follow_up(file: &Path, r: &crate::project::RawReminder, per_agency_cc: &[String]) -> Reminder {
    let lines = |v: &Vec<At<String>>| -> Vec<String> {
        v.iter().map(|l| l.value.trim().to_string()).collect()
    };
    Reminder {
        subject: text(file, &r.subject),
        opening: r.opening.iter().map(|t| text(file, t)).collect(),
        closing: r.closing.iter().map(|t| text(file, t)).collect(),
        days: r.days.as_ref().map_or(7, |d| d.value),
        cc: r.cc.as_ref().map_or_else(|| per_agency_cc.to_vec(), lines),
        combined: r.combined,
    }
}

/// A report's self-assessed scores: only a report has them, each for an indicator of the
/// data year's edition, once, with points that are a number ≥ 0.
fn scores(
    file: &Path,
    raw: &RawLetter,
    kind: LetterKind,
    edition: Option<&crate::model::Edition>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<crate::model::Score> {
    let mut out: Vec<crate::model::Score> = Vec::new();
    for s in &raw.scores {
        let number = s.indicator.value;
        let shown = format!("{number:02}");
        let problem = if kind != LetterKind::BaoCao {
            Some(("a công văn has no scores; they belong to a report (kind: bao-cao)", "letter-score-not-report"))
        } else if edition.is_some_and(|e| {
            e.indicators
                .get(&number)
                .is_none_or(|i| !i.active_in(raw.data_year.value))
        }) {
            Some(("the score is for an indicator the data year's catalogue edition does not assess", "letter-score-unknown"))
        } else if out.iter().any(|o| o.indicator == number) {
            Some(("the indicator is scored twice", "letter-score-twice"))
        } else if !(s.points.value.is_finite() && s.points.value >= 0.0) {
            Some(("points are a number, zero or more", "letter-score-points"))
        } else {
            None
        };
        if let Some((message, key)) = problem {
            diags.push(
                Diagnostic::error(Code::Letter, position(file, &s.indicator), format!("score of indicator {shown}: {message}"))
                    .with_hint("see README, section on scores")
                    .says(key, &[("number", &shown)])
                    .hints("letter-score-hint", &[]),
            );
            continue;
        }
        out.push(crate::model::Score {
            indicator: number,
            points: s.points.value,
            method: s.method.as_ref().map(|m| m.value.trim().to_string()),
            appraised_last_year: s.appraised_last_year.as_ref().map(|a| a.value),
        });
    }
    out
}
