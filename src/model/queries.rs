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

    /// The recipients and requests letters of data year `year` address and ask (pepi.md:
    /// the directory and requests are data per year): the year's own directory, or the
    /// whole one when nothing in it is limited to some years.
    pub(crate) fn directory_for(&self, year: i32) -> &super::Directory {
        self.directories.get(&year).unwrap_or(&self.directory)
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
