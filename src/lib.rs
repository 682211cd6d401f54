//! vanban: YAML in, ND 30/2020 Vietnamese official letters out, through Typst in-process.
//!
//! The stages run one way: `project` reads the files, `validate` checks them into the
//! `model`, `compute` works out values and who owes what, `plan` lists the documents,
//! `render` fills in their typed template data, `compile` lays them out with Typst, `output`
//! writes them atomically; `queue` runs compile and output on every core. `app` holds one
//! orchestrator per command and is the only code that sequences the stages; `diagnostic`
//! is every problem found in the user's files, [`Error`] every failure outside them.
//! Internals are public only with the `internals` feature, for the tests and fuzz targets.

pub mod app;
pub mod diagnostic;
mod error;

pub use app::{Progress, RunReport};
pub use error::Error;

/// Declares the internal modules: private, or public (hidden) with feature `internals`.
macro_rules! internal {
    ($($module:ident),* $(,)?) => {$(
        #[cfg(feature = "internals")]
        #[doc(hidden)]
        pub mod $module;
        #[cfg(not(feature = "internals"))]
        mod $module;
    )*};
}

internal!(
    compile,
    compute,
    fingerprint,
    form,
    manifest,
    model,
    output,
    parallel,
    plan,
    project,
    queue,
    render,
    validate,
);

#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
