//! `--help` in the language of the command line: the text of every command and argument
//! comes from the catalogue (`help-<command>` and `help-<command>-<argument>`), as do the
//! headings clap writes around them; English is what the argument definitions say, and the
//! test below holds the English catalogue to it.

use clap::{Arg, ArgAction, Command};

use super::lang::Messages;

/// `cmd` with its help texts and headings from `messages`.
pub(crate) fn localize(cmd: Command, messages: &Messages) -> Command {
    walk(cmd, "vanban", messages)
}

fn walk(mut cmd: Command, path: &str, m: &Messages) -> Command {
    let get = |key: &str| m.lookup(key, &[]);
    if let Some(about) = get(&format!("help-{path}")) {
        cmd = cmd.about(about);
    }
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        get("help-heading-usage").unwrap_or_else(|| "Usage:".into())
    );
    let options = get("help-heading-options").unwrap_or_else(|| "Options".into());
    let arguments = get("help-heading-arguments").unwrap_or_else(|| "Arguments".into());
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(get("help-heading-commands").unwrap_or_else(|| "Commands".into()))
        .subcommand_value_name(get("help-value-command").unwrap_or_else(|| "COMMAND".into()))
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(false)
                .help(get("help-flag-help").unwrap_or_else(|| "Print help".into())),
        );
    if path == "vanban" {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(get("help-flag-version").unwrap_or_else(|| "Print version".into())),
        );
    }
    cmd = cmd.mut_args(|a| {
        let key = format!("help-{path}-{}", a.get_id());
        let heading = if a.is_positional() {
            &arguments
        } else {
            &options
        };
        let a = a.help_heading(heading.clone());
        match get(&key) {
            Some(text) => a.help(text),
            None => a,
        }
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path}-{name}");
        cmd = cmd.mut_subcommand(&name, |s| walk(s, &sub_path, m));
    }
    cmd
}

/// The words clap writes itself into a help text ("[OPTIONS]", "Possible values:",
/// "(default)") or an error about the command line ("error: unexpected argument", "tip:",
/// "Usage:"), from the catalogue.
pub(crate) fn words(help: &str, m: &Messages) -> String {
    [
        ("[OPTIONS]", "help-word-options"),
        ("Possible values:", "help-word-values"),
        ("(default)", "help-word-default"),
        (
            "error: unrecognized subcommand",
            "help-word-unknown-command",
        ),
        ("error: unexpected argument", "help-word-unknown-argument"),
        (
            "error: the following required arguments were not provided:",
            "help-word-required",
        ),
        ("error: invalid value", "help-word-invalid-value"),
        ("error: ", "help-word-error"),
        (
            "tip: a similar subcommand exists:",
            "help-word-similar-command",
        ),
        (
            "tip: a similar argument exists:",
            "help-word-similar-argument",
        ),
        ("tip: ", "help-word-tip"),
        ("Usage:", "help-heading-usage"),
        ("For more information, try '--help'.", "help-word-more"),
        (" found", "help-word-found"),
        (" for '", "help-word-for"),
    ]
    .iter()
    .fold(help.to_string(), |text, (word, key)| {
        match m.lookup(key, &[]) {
            Some(said) => text.replace(word, &said),
            None => text,
        }
    })
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::args::Cli;
    use crate::cli::lang::Lang;

    /// Every command and argument with its English help, as (key, text).
    fn english(cmd: &Command, path: &str, out: &mut Vec<(String, String)>) {
        if let Some(about) = cmd.get_about() {
            out.push((format!("help-{path}"), about.to_string()));
        }
        for a in cmd.get_arguments() {
            if let Some(help) = a.get_help() {
                out.push((format!("help-{path}-{}", a.get_id()), help.to_string()));
            }
        }
        for s in cmd.get_subcommands() {
            english(s, &format!("{path}-{}", s.get_name()), out);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_help_in_both_languages() {
        let mut texts = Vec::new();
        english(&Cli::command(), "vanban", &mut texts);
        assert!(texts.len() > 40, "{}", texts.len());
        let (en, vi) = (Messages::new(Lang::En), Messages::new(Lang::Vi));
        let (mut differs, mut untranslated) = (Vec::new(), Vec::new());
        for (key, text) in &texts {
            // The English catalogue says what the argument definitions say.
            if en.lookup(key, &[]).as_deref() != Some(text.as_str()) {
                differs.push(format!("{key} = {}", text.replace('\n', " ")));
            }
            if vi.lookup(key, &[]).is_none() {
                untranslated.push(key.clone());
            }
        }
        assert!(
            differs.is_empty(),
            "English catalogue differs:\n{}",
            differs.join("\n")
        );
        assert!(untranslated.is_empty(), "no Vietnamese: {untranslated:?}");
    }

    #[test]
    fn vietnamese_help_has_vietnamese_headings_and_texts() {
        let mut cmd = localize(Cli::command(), &Messages::new(Lang::Vi));
        let help = cmd.render_help().to_string();
        assert!(help.contains("Cách dùng:"), "{help}");
        assert!(help.contains("Lệnh"), "{help}");
        let build = cmd
            .find_subcommand_mut("build")
            .unwrap()
            .render_help()
            .to_string();
        assert!(build.contains("Tùy chọn"), "{build}");
        assert!(build.contains("--force"), "{build}");
        assert!(!build.contains("Print help"), "{build}");
        let words = words(&build, &Messages::new(Lang::Vi));
        assert!(
            words.contains("[TÙY CHỌN]") && !words.contains("Possible values"),
            "{words}"
        );
    }
}
