//! Next data year's letter from this year's, edited as YAML text so comments and layout
//! survive (`vanban new-year`): the data year and literal year references advance,
//! the registered number and the day are cleared, and the deadline and every cited document
//! (the letter's `vars`, a tờ trình's `attachments`) are marked TODO for `vanban check` to chase.

use std::path::{Path, PathBuf};


/// letters/2022/x.yaml → letters/2023/x.yaml; a letter outside a year folder gets the year in
/// its name instead.
pub(crate) fn target_path(source: &Path, year: i32) -> PathBuf {
    let parent = source.parent().unwrap_or(Path::new("letters"));
    if parent.file_name().and_then(|n| n.to_str()) == Some(&year.to_string()) {
        parent
            .with_file_name((year + 1).to_string())
            .join(source.file_name().unwrap_or_default())
    } else {
        let stem = source
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("letter");
        parent.join(format!("{stem}-{}.yaml", year + 1))
    }
}

/// Replaces the whole-word year `from` by `to` in a line.
fn shift_years(line: &str, shifts: &[(i32, i32)]) -> String {
    let mut out = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let boundary_before = i == 0 || !chars[i - 1].is_ascii_digit();
        let word: String = chars[i..].iter().take(4).collect();
        let boundary_after = chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        // "02/2022/TT-BTNMT": a year inside a document number belongs to that document.
        let in_number = i > 0 && chars[i - 1] == '/' && chars.get(i + 4) == Some(&'/');
        let shifted = (boundary_before && boundary_after && word.len() == 4 && !in_number)
            .then(|| shifts.iter().find(|(from, _)| word == from.to_string()))
            .flatten();
        match shifted {
            Some((_, to)) => {
                out.push_str(&to.to_string());
                i += 4;
            }
            None => {
                out.push(chars[i]);
                i += 1;
            }
        }
    }
    out
}

/// The key of a `key: value` line, without quotes.
fn key_of(trimmed: &str) -> Option<&str> {
    let (key, _) = trimmed.split_once(':')?;
    Some(key.trim().trim_matches(['"', '\'']))
}

/// The value of a `key: value` line, without quotes.
fn value_of(trimmed: &str) -> &str {
    trimmed
        .split_once(':')
        .map_or("", |(_, v)| v.trim().trim_matches(['"', '\'']))
}

/// The letter text for the next data year; letters outside a year folder get the year in
/// their id, so references to them (`request_letter`) follow.
pub(crate) fn advance(text: &str, year: i32, source: &Path) -> String {
    let renamed = target_path(source, year).file_name() != source.file_name();
    // The data year, the year the letter is issued and the year before move on by one.
    let shifts = [(year + 1, year + 2), (year, year + 1), (year - 1, year)];
    let mut out = format!(
        "# Tạo bởi `vanban new-year` từ {}: điền các chỗ TODO rồi chạy `vanban check`.\n",
        source.display()
    );
    let mut in_vars = false;
    let mut in_attachments = false;
    // Indentation of a block scalar being replaced, whose lines are skipped.
    let mut skip_deeper_than: Option<usize> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        if let Some(limit) = skip_deeper_than {
            if trimmed.is_empty() || indent > limit {
                continue;
            }
            skip_deeper_than = None;
        }
        let key = key_of(trimmed).filter(|_| !trimmed.starts_with('#'));
        if indent == 0 && !trimmed.is_empty() && !trimmed.starts_with('#') {
            in_vars = key == Some("vars");
            in_attachments = key == Some("attachments");
        }
        if trimmed.starts_with('#') || trimmed.is_empty() {
            out.push_str(&shift_years(line, &shifts));
        } else if indent == 0 && key == Some("number") {
            // The new letter has no registered number yet.
            continue;
        } else if indent == 0 && key == Some("date") {
            // The month stays; the day is filled in at signing.
            let value = value_of(trimmed);
            let issued = value.get(..4).and_then(|y| y.parse::<i32>().ok());
            let month = value
                .get(5..7)
                .filter(|m| m.chars().all(|c| c.is_ascii_digit()));
            match (issued, month) {
                (Some(y), Some(m)) => out.push_str(&format!("date: \"{}-{m}\"", y + 1)),
                _ => out.push_str(&format!("date: \"TODO (năm trước: {value})\"")),
            }
        } else if indent == 0 && key == Some("deadline") {
            out.push_str(&format!(
                "deadline: \"TODO {}\"",
                shift_years(value_of(trimmed), &shifts)
            ));
        } else if indent == 0 && key == Some("scores") {
            // Last year's points are not next year's: the block is left out, and said so.
            skip_deeper_than = Some(indent);
            out.push_str("# scores: điểm tự đánh giá năm trước không chuyển sang; chấm lại cho năm mới.");
        } else if indent == 0 && key == Some("self_assessment") {
            // Last year's assessment is not next year's: each section is to be written anew.
            skip_deeper_than = Some(indent);
            let seen = source.display();
            out.push_str("self_assessment:\n");
            for section in ["general", "shortcomings", "proposals"] {
                out.push_str(&format!("  {section}:\n    - \"TODO (năm trước: xem {seen})\"\n"));
            }
            out.pop();
        } else if indent == 0 && key == Some("vars") && !value_of(trimmed).is_empty() {
            // Cited documents written inline: all of them to be replaced.
            let old = value_of(trimmed).replace('"', "'");
            out.push_str(&format!("vars: {{ ghi_chu: \"TODO (năm trước: {old})\" }}"));
        } else if indent == 0 && key == Some("request_letter") && renamed {
            out.push_str(&format!(
                "request_letter: \"{}-{}\"",
                value_of(trimmed),
                year + 1
            ));
        } else if in_attachments && indent > 0 && trimmed.starts_with("- ") {
            // A document a tờ trình sends: next year's is another, to be named.
            let old = trimmed[2..].trim();
            let old = if old.starts_with(['|', '>']) {
                // Its text runs on the lines below: left out with them.
                skip_deeper_than = Some(indent);
                format!("xem {}", source.display())
            } else {
                old.trim_matches('"').replace('"', "'")
            };
            out.push_str(&format!("{}- \"TODO (năm trước: {old})\"", &line[..indent]));
        } else if in_vars && indent > 0 && key.is_some() {
            // A cited document of last year: keep it visible, to be replaced.
            let value = value_of(trimmed);
            let name = key.unwrap_or_default();
            if value.starts_with(['|', '>']) {
                skip_deeper_than = Some(indent);
                out.push_str(&format!(
                    "{}{name}: \"TODO (năm trước: xem {})\"",
                    &line[..indent],
                    source.display()
                ));
            } else if value.is_empty() {
                out.push_str(line);
            } else {
                let old = value.replace('"', "'");
                out.push_str(&format!(
                    "{}{name}: \"TODO (năm trước: {old})\"",
                    &line[..indent]
                ));
            }
        } else {
            out.push_str(&shift_years(line, &shifts));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tờ_trình_s_attachments_become_todos_even_when_written_over_several_lines() {
        let text = "kind: to-trinh\ndata_year: 2022\nattachments:\n  - >-\n    Dự thảo Báo cáo\n    năm 2022\n  - \"Danh mục 2022\"\nclosing:\n  - \"x\"\n";
        let next = advance(text, 2022, std::path::Path::new("letters/t.yaml"));
        assert!(next.contains("  - \"TODO (năm trước: xem letters/t.yaml)\"\n"), "{next}");
        assert!(next.contains("  - \"TODO (năm trước: Danh mục 2022)\"\n"), "{next}");
        assert!(!next.contains("Dự thảo Báo cáo"), "{next}");
        assert!(next.contains("closing:\n"), "{next}");
    }

    #[test]
    fn last_years_self_assessment_becomes_todos() {
        let text = "kind: bao-cao\ndata_year: 2022\nself_assessment:\n  general:\n    - >-\n      Tốt năm 2022.\n  proposals:\n    - \"Đề nghị.\"\nclosing:\n  - \"x\"\n";
        let next = advance(text, 2022, Path::new("letters/2022/bc.yaml"));
        assert!(!next.contains("Tốt năm") && !next.contains("Đề nghị."), "{next}");
        for section in ["general", "shortcomings", "proposals"] {
            assert!(
                next.contains(&format!("  {section}:\n    - \"TODO (năm trước: xem letters/2022/bc.yaml)\"\n")),
                "{next}"
            );
        }
        assert!(next.contains("closing:\n  - \"x\""), "{next}");
    }

    #[test]
    fn last_years_scores_are_not_carried_over() {
        let text = "kind: bao-cao\ndata_year: 2022\nscores:\n  - indicator: 1\n    points: 1.5\nopening:\n  - \"x\"\n";
        let next = advance(text, 2022, std::path::Path::new("letters/b.yaml"));
        assert!(!next.contains("points: 1.5"), "{next}");
        assert!(next.contains("# scores: điểm tự đánh giá năm trước không chuyển sang"), "{next}");
        assert!(next.contains("opening:\n"), "{next}");
    }

    #[test]
    fn years_shift_only_as_whole_words() {
        let shifts = [(2023, 2024), (2022, 2023), (2021, 2022)];
        assert_eq!(
            shift_years("năm 2022, ngày 28/02/2023, từ 2021", &shifts),
            "năm 2023, ngày 28/02/2024, từ 2022"
        );
        assert_eq!(
            shift_years("mã 120223 và 20221", &shifts),
            "mã 120223 và 20221"
        );
    }

    #[test]
    fn a_letter_advances_one_year_with_todos_for_what_must_be_checked() {
        let text = "# Công văn năm 2022\nkind: cong-van\ndata_year: 2022\nnumber: 5\ndate: \"2023-02-15\"\ndeadline: \"2023-02-28\"\nsubject: \"năm {{ year }}\"\nvars:\n  # văn bản\n  huong_dan: \"Công văn số 373/BTNMT-MT ngày 01/02/2023\"\nopening:\n  - \"xếp hạng năm 2021\"\n";
        let next = advance(text, 2022, Path::new("letters/2022/a.yaml"));
        assert!(next.contains("data_year: 2023\n"));
        assert!(!next.contains("number:"));
        assert!(next.contains("date: \"2024-02\"\n"));
        assert!(next.contains("deadline: \"TODO 2024-02-28\"\n"));
        assert!(next.contains(
            "  huong_dan: \"TODO (năm trước: Công văn số 373/BTNMT-MT ngày 01/02/2023)\"\n"
        ));
        assert!(next.contains("  # văn bản\n"), "comments are kept");
        assert!(next.contains("xếp hạng năm 2022"), "literal years advance");
        assert!(next.contains("# Công văn năm 2023"));
    }

    #[test]
    fn quoted_keys_inline_and_block_vars_and_document_numbers() {
        let text = "\"number\": 57\n'date': '2023-02-14'\n\"deadline\": \"2023-02-28\"\nvars:\n  a: >-\n    Công văn số 388/VP-KT: ngày 03/02/2023\n  b: \"x\"\nopening:\n  - \"Thông tư 02/2022/TT-BTNMT năm 2022\"\nrequest_letter: \"de-nghi\"\n";
        let next = advance(text, 2022, Path::new("letters/a.yaml"));
        assert!(!next.contains("57"), "{next}");
        assert!(next.contains("date: \"2024-02\"\n"), "{next}");
        assert!(next.contains("deadline: \"TODO 2024-02-28\"\n"), "{next}");
        assert!(
            next.contains(
                "  a: \"TODO (năm trước: xem letters/a.yaml)\"\n  b: \"TODO (năm trước: x)\"\n"
            ),
            "{next}"
        );
        assert!(
            next.contains("Thông tư 02/2022/TT-BTNMT năm 2023"),
            "{next}"
        );
        assert!(next.contains("request_letter: \"de-nghi-2023\""), "{next}");
        let inline = advance(
            "vars: { a: \"b 2022\" }\n",
            2022,
            Path::new("letters/2022/a.yaml"),
        );
        assert!(
            inline.contains("vars: { ghi_chu: \"TODO (năm trước: { a: 'b 2022' })\" }"),
            "{inline}"
        );
        // The result is valid YAML.
        assert!(
            serde_saphyr::from_str::<serde_json::Value>(&next).is_ok(),
            "{next}"
        );
    }

    #[test]
    fn letters_in_a_year_folder_move_to_the_next_one() {
        assert_eq!(
            target_path(Path::new("letters/2022/a.yaml"), 2022),
            PathBuf::from("letters/2023/a.yaml")
        );
        assert_eq!(
            target_path(Path::new("letters/a.yaml"), 2022),
            PathBuf::from("letters/a-2023.yaml")
        );
    }
}
