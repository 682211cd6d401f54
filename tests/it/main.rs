//! The integration tests of vanban: one binary, one module per concern.

mod architecture;
mod archive;
mod bench;
mod clerk;
mod dossier;
mod errors;
mod field;
mod fonts;
mod forms;
mod hostile;
mod incremental;
mod layout;
mod letters;
mod next_year;
mod pinned;
mod remind;
mod report;
mod review;
mod safety;
mod schema;
mod situations;
mod support;
mod terminal;
