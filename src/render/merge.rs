//! The Tera sandbox: mail-merge text (subjects, paragraphs, requests, file names) filled in
//! with the letter's context. Tera's environment access is off, `range` is capped, a panic
//! inside Tera is an error, and parsed texts are cached per thread.

use std::collections::{BTreeMap, HashMap};

use tera::{Context, Tera};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Agency, Letter, Text};

/// Renders Tera text with the letter context; errors point at the text's position.
pub(crate) struct Merge {
    pub(crate) context: Context,
}

impl Merge {
    pub(crate) fn new(agency: &Agency, letter: &Letter) -> Self {
        let mut context = Context::new();
        context.insert("year", &letter.data_year);
        context.insert("issue_year", &letter.date.year());
        if let Some(d) = letter.deadline {
            context.insert("deadline", &super::vi::date(d));
        }
        let mut a = BTreeMap::new();
        a.insert("name", agency.name.clone());
        a.insert("short_name", agency.short_name.clone());
        a.insert("abbreviation", agency.abbreviation.clone());
        a.insert("place", agency.place.clone());
        a.insert("contact", agency.contact.clone().unwrap_or_default());
        context.insert("agency", &a);
        for (k, v) in &letter.vars {
            context.insert(k.as_str(), v);
        }
        Self { context }
    }

    pub(crate) fn render(&self, text: &Text, extra: &[(&str, &str)]) -> Result<String, Diagnostic> {
        if !text.value.contains("{{") && !text.value.contains("{%") && !text.value.contains("{#") {
            return Ok(text.value.clone());
        }
        // Most texts take no extra names: the letter's context as it is, not a copy.
        let extended;
        let ctx = if extra.is_empty() {
            &self.context
        } else {
            let mut ctx = self.context.clone();
            for (k, v) in extra {
                ctx.insert(*k, v);
            }
            extended = ctx;
            &extended
        };
        fill(&text.value, ctx)
            .map(|s| collapse_lines(s.trim()))
            .map_err(|cause| {
                let d = Diagnostic::error(Code::MailMerge, text.at.clone(), format!("cannot fill in text: {cause}"))
                    .with_hint("check the {{ }} placeholders; known names: year, issue_year, deadline, agency.*, and the letter's vars")
                    .hints("merge-text-hint", &[]);
                // The most common cause in the reader's words: a name that is not defined.
                let unknown = cause
                    .strip_prefix("variable `")
                    .and_then(|rest| rest.strip_suffix("` not found in context"));
                match unknown {
                    Some(name) => d.says("merge-unknown-name", &[("name", name)]),
                    None => d.says("merge-text", &[("cause", &cause)]),
                }
            })
    }
}

/// `fill` with an empty context, for the fuzz target.
#[cfg(feature = "fuzzing")]
pub(crate) fn fill_for_fuzzing(template: &str) -> Result<String, String> {
    fill(template, &Context::new())
}

/// Renders one Tera text. Tera's environment access is switched off, `range` is capped,
/// and a panic inside Tera (e.g. arithmetic overflow in user text) becomes an error.
///
/// A national campaign fills in the same few texts thousands of times, so a text without
/// Tera syntax is returned as it is, and parsed texts are kept per thread for reuse.
pub(crate) fn fill(template: &str, ctx: &Context) -> Result<String, String> {
    const NAME: &str = "text";
    /// Parsed texts kept per thread; past this many the cache starts over, so hostile input
    /// with endless distinct texts cannot grow it without bound.
    const KEPT: usize = 4096;
    thread_local! {
        static PARSED: std::cell::RefCell<HashMap<String, Tera>> = Default::default();
    }
    if !["{{", "{%", "{#"]
        .iter()
        .any(|open| template.contains(open))
    {
        return Ok(template.to_string());
    }
    let parse = || -> Result<Tera, tera::Error> {
        let mut tera = Tera::default();
        tera.register_function(
            "get_env",
            |_: &std::collections::HashMap<String, tera::Value>| {
                Err(tera::Error::msg("`get_env` is not available in letters"))
            },
        );
        tera.register_function(
            "range",
            |args: &std::collections::HashMap<String, tera::Value>| {
                let num = |k: &str, d: i64| args.get(k).and_then(tera::Value::as_i64).unwrap_or(d);
                let (start, end, step) = (num("start", 0), num("end", 0), num("step_by", 1));
                if step <= 0 || end.saturating_sub(start) > 1000 {
                    return Err(tera::Error::msg(
                        "`range` is limited to 1000 steps of a positive size",
                    ));
                }
                Ok((start..end)
                    .step_by(step as usize)
                    .collect::<Vec<_>>()
                    .into())
            },
        );
        tera.add_raw_template(NAME, template)?;
        Ok(tera)
    };
    let run = || -> Result<String, tera::Error> {
        PARSED.with_borrow_mut(|parsed| {
            if !parsed.contains_key(template) {
                if parsed.len() >= KEPT {
                    parsed.clear();
                }
                parsed.insert(template.to_string(), parse()?);
            }
            parsed[template].render(NAME, ctx)
        })
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(tera_cause(&e)),
        Err(_) => {
            // The cache may hold a half-updated entry after a panic; start it over.
            let _ = PARSED.try_with(|p| p.try_borrow_mut().map(|mut p| p.clear()));
            Err("the text could not be computed (a calculation in it overflows)".into())
        }
    }
}

/// The innermost useful message of a Tera error, lowercase, without Tera's template name.
fn tera_cause(e: &tera::Error) -> String {
    let mut cause = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        let msg = err.to_string();
        if !msg.starts_with("Failed to render") && !msg.starts_with("Failed to parse") {
            cause = msg;
        }
        source = err.source();
    }
    if cause.is_empty() {
        cause = e.to_string();
    }
    // Parse errors carry a drawing of the source; keep the line that says what was expected.
    let useful = cause
        .lines()
        .map(|l| l.trim().trim_start_matches("= "))
        .find(|l| l.starts_with("expected") || l.starts_with("unexpected"))
        .map(str::to_string)
        .unwrap_or_else(|| first_line(&cause));
    first_line(&useful.replace(" while rendering 'text'", ""))
}

/// Joins the lines of a paragraph: a line break typed in YAML is not a paragraph break.
pub(crate) fn collapse_lines(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_line(s: &str) -> String {
    let line = s
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(s);
    let mut line = line.to_string();
    if let Some(c) = line.get(..1) {
        let lower = c.to_lowercase();
        line.replace_range(..1, &lower);
    }
    line
}

