//! How figures are written: a figure typed the Vietnamese way (`7.850` for seven thousand eight
//! hundred and fifty, `32,4` for thirty-two point four) or quoted as text would be read as
//! another number or rejected with a confusing YAML message. Every figure field of every
//! YAML file is read here as written, before the file is deserialized, and such notation is
//! an error at its position saying how to write the number.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Position};

/// The keys whose values are figures, in every YAML file kind (answers, rows, population,
/// catalogue scores).
const FIGURE_KEYS: &[&str] = &[
    "numerator",
    "denominator",
    "value",
    "population",
    "rural_population",
    "rural_households",
    "per",
    "at_least",
    "at_most",
    "points",
    "score",
];

/// What is wrong with a figure as written, and the number it should be written as.
#[derive(Debug, PartialEq)]
enum Notation {
    /// `1.234.567`: dots between groups of three digits.
    ThousandsDot(String),
    /// `7.850`: one dot before three digits, a thousands separator or a decimal point; the
    /// whole number and the decimal it may be.
    AmbiguousDot(String, String),
    /// `32,4` or `1.234,5`: a decimal comma.
    DecimalComma(String),
    /// `7,850`: a comma between groups of three digits, a thousands or a decimal mark.
    AmbiguousComma(String, String),
    /// `7 850`: a space between digit groups.
    Spaces(String),
    /// `"7850"`: a figure quoted as text.
    Quoted(String),
}

/// The error of a figure token as it stands in the file, if any.
fn notation(token: &str) -> Option<Notation> {
    // A sign stays with the number it is written in front of.
    if let Some(rest) = token.strip_prefix(['-', '+']) {
        let sign = &token[..1];
        let signed = |n: String| format!("{sign}{n}");
        return notation(rest).map(|n| match n {
            Notation::ThousandsDot(a) => Notation::ThousandsDot(signed(a)),
            Notation::AmbiguousDot(a, b) => Notation::AmbiguousDot(signed(a), signed(b)),
            Notation::DecimalComma(a) => Notation::DecimalComma(signed(a)),
            Notation::AmbiguousComma(a, b) => Notation::AmbiguousComma(signed(a), signed(b)),
            Notation::Spaces(a) => Notation::Spaces(signed(a)),
            Notation::Quoted(a) => Notation::Quoted(signed(a)),
        });
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    // Groups of three after a first group of one to three digits that does not start with
    // a zero: 0.125 is a decimal, never a thousand and a hundred and twenty-five.
    let groups = |s: &str, sep: char| {
        let mut parts = s.split(sep);
        let first = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.collect();
        (1..=3).contains(&first.len())
            && digits(first)
            && !first.starts_with('0')
            && !rest.is_empty()
            && rest.iter().all(|p| p.len() == 3 && digits(p))
    };
    if let Some(inner) = token
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| token.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
    {
        let inner = inner.trim();
        let looks_numeric = !inner.is_empty()
            && inner.chars().any(|c| c.is_ascii_digit())
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '-' | '+'));
        return looks_numeric.then(|| {
            Notation::Quoted(match notation(inner) {
                Some(
                    Notation::ThousandsDot(n)
                    | Notation::DecimalComma(n)
                    | Notation::Spaces(n)
                    | Notation::Quoted(n),
                ) => n,
                Some(Notation::AmbiguousComma(n, _) | Notation::AmbiguousDot(n, _)) => n,
                None => inner.to_string(),
            })
        });
    }
    if groups(token, '.') {
        if token.matches('.').count() == 1 {
            let decimal = token.trim_end_matches('0').trim_end_matches('.').to_string();
            return Some(Notation::AmbiguousDot(token.replace('.', ""), decimal));
        }
        return Some(Notation::ThousandsDot(token.replace('.', "")));
    }
    if let Some((int, frac)) = token.split_once(',')
        && digits(frac)
        && (digits(int) || groups(int, '.'))
    {
        if frac.len() == 3 && !int.contains('.') && int.len() <= 3 {
            return Some(Notation::AmbiguousComma(
                format!("{int}{frac}"),
                format!("{int}.{frac}"),
            ));
        }
        return Some(Notation::DecimalComma(format!(
            "{}.{frac}",
            int.replace('.', "")
        )));
    }
    if groups(token, ',') {
        return Some(Notation::ThousandsDot(token.replace(',', "")));
    }
    if token.contains(' ') && groups(token, ' ') {
        return Some(Notation::Spaces(token.replace(' ', "")));
    }
    None
}

/// Every figure written in Vietnamese notation or quoted, in a YAML file's text, as errors at
/// the figure's line and column.
pub(crate) fn check(text: &str, rel: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Made once per file: a national campaign checks a thousand answer files on each build.
    let patterns: Vec<String> = FIGURE_KEYS.iter().map(|key| format!("{key}:")).collect();
    for (i, line) in text.lines().enumerate() {
        let line = super::value_part(line);
        // Every figure is a key followed by a colon.
        if !line.contains(':') {
            continue;
        }
        for (key, pattern) in FIGURE_KEYS.iter().zip(&patterns) {
            let mut from = 0;
            while let Some(found) = line[from..].find(pattern.as_str()) {
                let at = from + found;
                from = at + pattern.len();
                // A whole key: at the start of the line, after `- `, `{` or `,`.
                let before = &line[..at];
                let trimmed = before.trim_end();
                let after_dash = trimmed.ends_with('-') && before.ends_with(' ');
                if !(trimmed.is_empty() || after_dash || trimmed.ends_with(['{', ','])) {
                    continue;
                }
                let rest = &line[from..];
                let start = from + (rest.len() - rest.trim_start().len());
                let value = &line[start..];
                // In a flow mapping the value ends at `, ` or `}`.
                let end = [value.find(", "), value.find('}')]
                    .into_iter()
                    .flatten()
                    .min()
                    .unwrap_or(value.len());
                let token = value[..end].trim();
                let Some(problem) = notation(token) else {
                    continue;
                };
                let position = Position {
                    file: rel.to_path_buf(),
                    line: i + 1,
                    column: line[..start].chars().count() + 1,
                };
                out.push(diagnostic(key, token, problem, position));
            }
        }
    }
    out
}

fn diagnostic(key: &str, token: &str, problem: Notation, at: Position) -> Diagnostic {
    // The catalogue keys (`figure-…`, `figure-…-hint`) and the one or two figures the hint
    // offers, for the command line's Vietnamese text.
    let (message, hint, id, offered) = match &problem {
        Notation::ThousandsDot(n) => (
            format!("figure `{key}: {token}` has thousands separators, so it would be read as another number"),
            format!("write figures in plain digits with no separators: `{key}: {n}`"),
            ("figure-thousands-dot", "figure-plain-digits-hint"),
            (n.clone(), String::new()),
        ),
        Notation::AmbiguousDot(whole, decimal) => (
            format!("figure `{key}: {token}` has a dot before three digits: thousands separator or decimal point?"),
            format!("write `{key}: {whole}` for the whole number (YAML would read {token} as {decimal}), or `{key}: {decimal}` if it is the decimal"),
            ("figure-ambiguous-dot", "figure-ambiguous-dot-hint"),
            (whole.clone(), decimal.clone()),
        ),
        Notation::DecimalComma(n) => (
            format!("figure `{key}: {token}` has a decimal comma, which YAML does not read as a number"),
            format!("write the decimals after a point: `{key}: {n}`"),
            ("figure-decimal-comma", "figure-decimal-comma-hint"),
            (n.clone(), String::new()),
        ),
        Notation::AmbiguousComma(whole, decimal) => (
            format!("figure `{key}: {token}` has a comma: thousands separator or decimal mark?"),
            format!("write `{key}: {whole}` for the whole number, or `{key}: {decimal}` for the decimal"),
            ("figure-ambiguous-comma", "figure-ambiguous-comma-hint"),
            (whole.clone(), decimal.clone()),
        ),
        Notation::Spaces(n) => (
            format!("figure `{key}: {token}` has spaces between its digits"),
            format!("write figures in plain digits with no separators: `{key}: {n}`"),
            ("figure-spaces", "figure-plain-digits-hint"),
            (n.clone(), String::new()),
        ),
        Notation::Quoted(n) => (
            format!("figure `{key}: {token}` is quoted, so it is text, not a number"),
            format!("write it without quotes, in plain digits: `{key}: {n}`"),
            ("figure-quoted", "figure-quoted-hint"),
            (n.clone(), String::new()),
        ),
    };
    let args = [
        ("key", key),
        ("token", token),
        ("first", offered.0.as_str()),
        ("second", offered.1.as_str()),
    ];
    Diagnostic::error(Code::Figure, at, message)
        .with_hint(hint)
        .says(id.0, &args)
        .hints(id.1, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_notation_is_recognised_and_rewritten() {
        assert_eq!(
            notation("7.850"),
            Some(Notation::AmbiguousDot("7850".into(), "7.85".into()))
        );
        assert_eq!(
            notation("-12.500"),
            Some(Notation::AmbiguousDot("-12500".into(), "-12.5".into()))
        );
        assert_eq!(notation("1.234.567"), Some(Notation::ThousandsDot("1234567".into())));
        assert_eq!(notation("32,4"), Some(Notation::DecimalComma("32.4".into())));
        assert_eq!(notation("1.234,56"), Some(Notation::DecimalComma("1234.56".into())));
        assert_eq!(
            notation("7,850"),
            Some(Notation::AmbiguousComma("7850".into(), "7.850".into()))
        );
        assert_eq!(notation("12,345,678"), Some(Notation::ThousandsDot("12345678".into())));
        assert_eq!(notation("7 850"), Some(Notation::Spaces("7850".into())));
        assert_eq!(notation("\"7850\""), Some(Notation::Quoted("7850".into())));
        assert_eq!(notation("'7.850'"), Some(Notation::Quoted("7850".into())));
        // Plain YAML numbers, and decimals that are not three-digit groups, are fine.
        for fine in ["7850", "7.85", "0.5", "0.125", "0.850", "1234.5", "12.0", "100", "1e6", "\"Hà Nội\""] {
            assert_eq!(notation(fine), None, "{fine}");
        }
    }

    #[test]
    fn figures_are_found_in_block_list_and_flow_style_at_their_column() {
        let text = "answers:\n  - indicator: 1\n    numerator: 7.850 # note\n    so-value: 7.850\n    rows:\n      - { label: \"a, b\", numerator: 32,4, denominator: 100 }\n      - value: \"5\"\nname: 7.850\n";
        let found = check(text, Path::new("data/2022/x.yaml"));
        let at: Vec<(usize, usize)> = found
            .iter()
            .map(|d| (d.position.line, d.position.column))
            .collect();
        assert_eq!(at, [(3, 16), (6, 37), (7, 16)], "{found:?}");
        assert!(found[0].hint.as_deref().unwrap().contains("`numerator: 7850`"));
        assert!(found[1].hint.as_deref().unwrap().contains("`numerator: 32.4`"));
        assert!(found.iter().all(|d| d.code == Code::Figure && d.is_error()));
    }
}
