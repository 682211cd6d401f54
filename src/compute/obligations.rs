//! Who owes what: the one definition of received, late and missing, used by `status`, by
//! `remind` and by the warnings every command prints.
//!
//! An item is what a request letter asks one agency for (an indicator or a free-text
//! request). It is *missing* while no answer gives it, *late* when its answer was received
//! after the deadline, and *received* otherwise. Its deadline is the earliest deadline of
//! the letters of its data year that ask for it; a letter without a deadline makes nothing
//! late, and an item asked only by such letters is never late.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Position};
use crate::model::{AnswerFile, Directory, Edition, Letter, LetterKind, Project, Request, asked};
use crate::render::vi;

/// Where one requested item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Answered on time, or with no deadline.
    Received,
    /// Answered after the deadline.
    Late,
    /// Not answered.
    Missing,
}

/// The rule: an item with no answer is missing; an answer received after the deadline is
/// late; anything else is received. `None` deadline: nothing is late.
pub(crate) fn state(
    answered: bool,
    received: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
) -> State {
    match (answered, received, deadline) {
        (false, _, _) => State::Missing,
        (true, Some(got), Some(deadline)) if got > deadline => State::Late,
        _ => State::Received,
    }
}

/// The earliest deadline of `letters`, ignoring those without one.
pub(crate) fn earliest_deadline<'a>(
    letters: impl IntoIterator<Item = &'a Letter>,
) -> Option<NaiveDate> {
    letters.into_iter().filter_map(|l| l.deadline).min()
}

/// One requested item of one agency and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct StatusRow {
    /// Recipient id.
    pub recipient: String,
    /// Recipient name.
    pub name: String,
    /// Indicator number, or none for a free-text request.
    pub indicator: Option<u32>,
    /// What is asked, short: "Chỉ số 01", or the first eight words of a free-text request.
    pub item: String,
    /// When the answer arrived.
    pub received: Option<NaiveDate>,
    /// The deadline.
    pub deadline: Option<NaiveDate>,
    /// Received, late or missing.
    pub state: State,
    /// What identifies the item whatever its short form: the indicator, or the whole text.
    #[serde(skip)]
    pub(crate) key: String,
}

/// Every item `letter` asks, in address order, against `letter`'s own deadline, from the
/// answers of its data year. Indicators inactive that year are not asked.
pub(crate) fn of_letter(
    dir: &Directory,
    edition: Option<&Edition>,
    letter: &Letter,
    files: &[AnswerFile],
) -> Vec<StatusRow> {
    let year = letter.data_year;
    let active = |n: u32| {
        edition
            .and_then(|e| e.indicators.get(&n))
            .is_some_and(|i| i.active_in(year))
    };
    let mut rows = Vec::new();
    for r in letter.agencies(dir) {
        let file = files.iter().find(|f| f.recipient == r.id);
        // Free-text requests are matched to free-text answers by count; population figures
        // answer the statistics office's request.
        let text_answers = file.map_or(0, |f| f.texts.len() + usize::from(f.population.is_some()));
        let mut texts_seen = 0;
        for req in dir.requests_of(r) {
            let key = match req {
                Request::Indicator(ir) => format!("indicator {}", ir.number),
                Request::Text(t) => t.value.clone(),
            };
            let (indicator, item, answered) = match req {
                Request::Indicator(ir) if !active(ir.number) => continue,
                Request::Indicator(ir) => (
                    Some(ir.number),
                    format!("Chỉ số {:02}", ir.number),
                    file.is_some_and(|f| f.answers.iter().any(|a| a.indicator == ir.number)),
                ),
                Request::Text(t) => {
                    texts_seen += 1;
                    let words: Vec<&str> = t.value.split_whitespace().collect();
                    let short = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
                    let short = if words.len() > 8 {
                        format!("{short}…")
                    } else {
                        short
                    };
                    (None, short, text_answers >= texts_seen)
                }
            };
            let received = file.and_then(|f| f.received);
            rows.push(StatusRow {
                recipient: r.id.clone(),
                name: r.name.clone(),
                indicator,
                item,
                received: if answered { received } else { None },
                deadline: letter.deadline,
                state: state(answered, received, letter.deadline),
                key,
            });
        }
    }
    rows
}

/// Every item the request letters of `year` ask, each once (in the order of the letters
/// with the earliest deadline first, then address order), against its earliest deadline.
/// `files` are the year's answers in directory order.
pub(crate) fn of_year(model: &Project, year: i32, files: &[AnswerFile]) -> Vec<StatusRow> {
    let mut letters: Vec<&Letter> = model
        .letters
        .iter()
        .filter(|l| l.kind == LetterKind::CongVan && l.data_year == year)
        .collect();
    // Letters with a deadline first, earliest first; those without one last.
    letters.sort_by_key(|l| (l.deadline.is_none(), l.deadline));
    let edition = model.catalogue.edition_for(year);
    let mut rows: Vec<StatusRow> = Vec::new();
    for letter in letters {
        for row in of_letter(model.directory_for(year), edition, letter, files) {
            if !rows
                .iter()
                .any(|r| r.recipient == row.recipient && r.key == row.key)
            {
                rows.push(row);
            }
        }
    }
    rows
}

/// The warnings about answers that mean something on `as_of` (`--as-of`, else today), for
/// the data year `year` (`--year`, else the latest with a request letter): one per agency
/// that still owes items whose deadline has passed, naming them ("UBND huyện Đình Lập has
/// not answered 2 indicators for 2022 by the deadline 28/02/2023: 11, 26"), at the request
/// that asks the first; and a reply received after its deadline, at its `received` date.
/// Deadlines are the earliest of the letters reaching the agency; an item with no deadline,
/// or whose deadline is still ahead, is not warned about (issue #16: warnings that mean
/// something now). Before the year's first reply arrives nothing is warned: `vanban status`
/// and `vanban remind` say who owes what.
pub(crate) fn warnings(model: &Project, as_of: NaiveDate, year: Option<i32>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let Some(year) = year.or_else(|| model.latest_request_year()) else {
        return diags;
    };
    let dir = model.directory_for(year);
    // Before the first answer arrives there is nothing to chase yet.
    let Some(files) = model.answers.get(&year) else {
        return diags;
    };
    let asked = asked(dir, &model.catalogue, &model.letters, year);
    // Every request letter of the year that reaches each agency: its deadline is the
    // earliest any of them gives.
    let mut asking: BTreeMap<&str, Vec<&Letter>> = BTreeMap::new();
    for letter in model
        .letters
        .iter()
        .filter(|l| l.kind == LetterKind::CongVan && l.data_year == year)
    {
        for r in letter.agencies(dir) {
            asking.entry(r.id.as_str()).or_default().push(letter);
        }
    }
    let deadline_of =
        |recipient: &str| earliest_deadline(asking.get(recipient).into_iter().flatten().copied());
    let name = |id: &str| {
        dir.recipients
            .get(id)
            .map_or(id.to_string(), |r| r.name.clone())
    };
    // Overdue items by agency, in the order asked, each with where it is asked.
    let mut overdue: BTreeMap<&str, Vec<(u32, &Position)>> = BTreeMap::new();
    for ((recipient, number), (_, at)) in &asked {
        let answered = files
            .iter()
            .any(|f| &f.recipient == recipient && f.answers.iter().any(|a| a.indicator == *number));
        if state(answered, None, None) != State::Missing {
            continue;
        }
        if deadline_of(recipient).is_some_and(|d| as_of > d) {
            overdue
                .entry(recipient.as_str())
                .or_default()
                .push((*number, at));
        }
    }
    for (recipient, items) in overdue {
        let deadline = deadline_of(recipient).map_or(String::new(), vi::date);
        let numbers: Vec<String> = items.iter().map(|(n, _)| format!("{n:02}")).collect();
        let (what, them) = if items.len() == 1 {
            ("1 indicator".to_string(), "it")
        } else {
            (format!("{} indicators", items.len()), "them")
        };
        diags.push(
            Diagnostic::warning(
                Code::NotAnswered,
                items[0].1.clone(),
                format!(
                    "{} has not answered {what} for {year} by the deadline {deadline}: {}",
                    name(recipient),
                    numbers.join(", ")
                ),
            )
            .with_hint(format!(
                "add {them} to data/{year}/{recipient}.yaml when received, or send a reminder (vanban remind)"
            ))
            .says(
                "not-answered",
                &[
                    ("agency", &name(recipient)),
                    ("count", &items.len().to_string()),
                    ("year", &year.to_string()),
                    ("deadline", &deadline),
                    ("indicators", &numbers.join(", ")),
                ],
            )
            .hints(
                "not-answered-hint",
                &[
                    ("count", &items.len().to_string()),
                    ("file", &format!("data/{year}/{recipient}.yaml")),
                ],
            ),
        );
    }
    for f in files {
        if let (Some(received), Some(deadline)) = (f.received, deadline_of(&f.recipient))
            && state(true, Some(received), Some(deadline)) == State::Late
        {
            diags.push(
                Diagnostic::warning(
                    Code::AnsweredLate,
                    f.received_at
                        .clone()
                        .unwrap_or_else(|| Position::file(&f.path)),
                    format!(
                        "{} answered late: received {}, deadline {}",
                        name(&f.recipient),
                        vi::date(received),
                        vi::date(deadline)
                    ),
                )
                .with_hint("the report lists late answers; nothing to fix unless the date is wrong")
                .says(
                    "answered-late",
                    &[
                        ("agency", &name(&f.recipient)),
                        ("received", &vi::date(received)),
                        ("deadline", &vi::date(deadline)),
                    ],
                )
                .hints("answered-late-hint", &[]),
            );
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::indicators::tests::{answer, file};
    use crate::compute::tests::{fixture, letter};
    use crate::model::{Agency, Catalogue};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, m, d).unwrap()
    }

    /// `a` answered indicator 01 on `received`; nobody else answered anything.
    fn answers(received: NaiveDate) -> Vec<AnswerFile> {
        let mut a = file("a", vec![answer(1, Some(1.0), Some(2.0), &[])], None);
        a.received = Some(received);
        vec![a]
    }

    fn row<'a>(rows: &'a [StatusRow], recipient: &str, item: &str) -> &'a StatusRow {
        rows.iter()
            .find(|r| r.recipient == recipient && r.item == item)
            .unwrap_or_else(|| panic!("no row {recipient} {item}: {rows:?}"))
    }

    #[test]
    fn missing_late_and_received_follow_one_rule() {
        assert_eq!(state(false, None, Some(day(2, 1))), State::Missing);
        assert_eq!(state(false, Some(day(1, 1)), None), State::Missing);
        assert_eq!(state(true, Some(day(2, 2)), Some(day(2, 1))), State::Late);
        assert_eq!(state(true, Some(day(2, 1)), Some(day(2, 1))), State::Received);
        // A reply without a received date cannot be late.
        assert_eq!(state(true, None, Some(day(2, 1))), State::Received);
    }

    #[test]
    fn a_letter_without_a_deadline_makes_nothing_late_but_still_finds_what_is_missing() {
        let (dir, edition) = fixture();
        let undated = letter();
        assert_eq!(undated.deadline, None);
        let rows = of_letter(&dir, Some(&edition), &undated, &answers(day(12, 31)));
        assert_eq!(row(&rows, "a", "Chỉ số 01").state, State::Received);
        assert_eq!(row(&rows, "solo", "Chỉ số 01").state, State::Missing);
        assert_eq!(row(&rows, "b", "Chỉ số 05").state, State::Missing);
        assert_eq!(earliest_deadline([&undated]), None);

        let mut dated = letter();
        dated.deadline = Some(day(2, 28));
        let rows = of_letter(&dir, Some(&edition), &dated, &answers(day(3, 10)));
        assert_eq!(row(&rows, "a", "Chỉ số 01").state, State::Late);
        assert_eq!(row(&rows, "a", "Chỉ số 01").deadline, Some(day(2, 28)));
    }

    #[test]
    fn an_item_asked_twice_counts_once_against_the_earliest_deadline_any_letter_gives() {
        let (dir, edition) = fixture();
        let undated = letter();
        let mut later = letter();
        later.id = "later".into();
        later.deadline = Some(day(3, 31));
        let mut earlier = letter();
        earlier.id = "earlier".into();
        earlier.deadline = Some(day(2, 28));
        let project = Project {
            issuers: BTreeMap::new(),
            agency: Agency::unknown(),
            directory: dir,
            directories: BTreeMap::new(),
            catalogue: Catalogue {
                editions: vec![edition],
            },
            // The letter without a deadline comes first in the project: it must not win.
            letters: vec![undated, later, earlier],
            answers: BTreeMap::from([(2022, answers(day(3, 10)))]),
            broken_years: Default::default(),
            unsound_letters: Default::default(),
        };
        let rows = of_year(&project, 2022, &answers(day(3, 10)));
        let a = row(&rows, "a", "Chỉ số 01");
        assert_eq!((a.deadline, a.state), (Some(day(2, 28)), State::Late));
        assert_eq!(
            rows.iter().filter(|r| r.recipient == "a").count(),
            1,
            "{rows:?}"
        );
        // The warnings agree with the rows: `a` late against 28/02, `solo` not answered.
        let warnings = warnings(&project, day(12, 31), None);
        let late: Vec<&Diagnostic> = warnings
            .iter()
            .filter(|d| d.code == Code::AnsweredLate)
            .collect();
        assert_eq!(late.len(), 1, "{warnings:?}");
        assert!(late[0].message.contains("deadline 28/02/2023"), "{}", late[0].message);
        assert!(
            warnings
                .iter()
                .any(|d| d.code == Code::NotAnswered && d.message.contains(": 01")),
            "{warnings:?}"
        );
        // On the deadline itself, and for a year without letters, nothing is owed yet.
        let on_time = super::warnings(&project, day(2, 28), None);
        assert!(
            !on_time.iter().any(|d| d.code == Code::NotAnswered),
            "{on_time:?}"
        );
        assert!(super::warnings(&project, day(12, 31), Some(2021)).is_empty());
    }
}
