//! `vanban status`: where every request of a data year stands (received, late, missing),
//! from `compute::obligations`.

use std::path::Path;

use super::{Checked, Timings};
use crate::diagnostic::{Code, Diagnostic, Position};
use crate::model::LetterKind;

pub use crate::compute::obligations::{State, StatusRow};

/// Every item asked for data year `year` (default: the latest year with a request letter)
/// and where it stands, with the problems found reading the project.
pub fn status(root: &Path, year: Option<i32>) -> (Vec<StatusRow>, Vec<Diagnostic>) {
    let Checked {
        model, diagnostics, ..
    } = super::load_checked(root, &mut Timings::default());
    let Some(model) = model else {
        return (Vec::new(), diagnostics);
    };
    let latest = model.latest_request_year();
    let Some(year) = year.or(latest) else {
        return (Vec::new(), diagnostics);
    };
    // An empty table would read as "nobody owes anything".
    if !model
        .letters
        .iter()
        .any(|l| l.kind == LetterKind::CongVan && l.data_year == year)
    {
        let mut diagnostics = diagnostics;
        diagnostics.push(
            Diagnostic::error(
                Code::Empty,
                Position::file("letters"),
                format!("no request letter asks for data of {year}, so nobody owes anything for it"),
            )
            .says("status-no-request", &[("year", &year.to_string())])
            .with_hint(match latest {
                Some(latest) => format!("the latest data year with a request letter is {latest}: `vanban status --year {latest}`"),
                None => "write a công văn in letters/ first".to_string(),
            })
            .hints(
                if latest.is_some() { "status-no-request-latest" } else { "status-no-request-none" },
                &[("latest", &latest.map(|l| l.to_string()).unwrap_or_default())],
            ),
        );
        return (Vec::new(), diagnostics);
    }
    let mut files = model.answers.get(&year).cloned().unwrap_or_default();
    files.sort_by_cached_key(|f| model.directory.rank(&f.recipient));
    let rows = crate::compute::obligations::of_year(&model, year, &files);
    (rows, diagnostics)
}
