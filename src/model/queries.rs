//! Questions asked of the whole checked project: which data year is current, which body
//! issues a letter.

use super::{Agency, Letter, LetterKind, Project};

impl Project {
    /// The body that issues `letter`: its `issuer`, or the agency.
    pub(crate) fn agency_of(&self, letter: &Letter) -> &Agency {
        letter
            .issuer
            .as_ref()
            .and_then(|id| self.issuers.get(id))
            .unwrap_or(&self.agency)
    }

    /// The latest data year a request letter (công văn) asks about: the year `status`,
    /// `remind` and the overdue warnings mean when no `--year` is given; `None` without one.
    pub(crate) fn latest_request_year(&self) -> Option<i32> {
        self.letters
            .iter()
            .filter(|l| l.kind == LetterKind::CongVan)
            .map(|l| l.data_year)
            .max()
    }
}
