//! Text hygiene of the YAML sources, on the text as written: look-alike letters pasted from
//! other scripts or code pages (Ð U+00D0 for Đ, Cyrillic о in a Vietnamese word) are
//! replaced by the Vietnamese letter before parsing, each with a warning at its place; text
//! typed in the legacy VNI or TCVN3 encodings (mojibake in Unicode) is warned about with its
//! Unicode reading as the hint. Documents are Vietnamese in Unicode, NFC: nothing else passes
//! silently. A file named in the sources is found whichever way its name's accents are
//! encoded on disk ([`file_named`]).

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::{Code, Diagnostic, Position};

/// A character that looks like a Vietnamese letter but is another, and the letter meant.
fn look_alike(c: char) -> Option<char> {
    Some(match c {
        // Icelandic eth, pasted for the Vietnamese đ.
        'Ð' => 'Đ',
        'ð' => 'đ',
        // Cyrillic letters with Latin twins.
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        _ => return None,
    })
}

/// Whether `c` belongs to the Cyrillic block (a word of them is Russian, not a look-alike).
fn cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04FF}').contains(&c)
}

/// `text` with look-alike letters replaced by the Vietnamese ones, and a warning for each
/// (one per line and letter). Eth is replaced; a Cyrillic letter only inside a word whose
/// letters are mostly Latin. Lines in `legacy` (1-based, text in a legacy encoding, where
/// `Ð` is a TCVN3 é) are left as they are.
pub(crate) fn normalise(text: &str, rel: &Path, legacy: &[usize]) -> (String, Vec<Diagnostic>) {
    let mut out = String::with_capacity(text.len());
    let mut notes = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if legacy.contains(&(i + 1)) {
            out.push_str(line);
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut noted: Vec<char> = Vec::new();
        for (col, &c) in chars.iter().enumerate() {
            let Some(meant) = look_alike(c) else {
                out.push(c);
                continue;
            };
            // The word around it: a Cyrillic letter among Latin ones is a slip; a Russian
            // word is left alone.
            let word = |step: isize| {
                let mut j = col as isize + step;
                let mut found = Vec::new();
                while j >= 0 && (j as usize) < chars.len() && chars[j as usize].is_alphabetic() {
                    found.push(chars[j as usize]);
                    j += step;
                }
                found
            };
            let neighbours: Vec<char> = word(-1).into_iter().chain(word(1)).collect();
            let latin = neighbours.iter().filter(|n| !cyrillic(**n)).count();
            let slip = !cyrillic(c) || latin * 2 > neighbours.len();
            if !slip {
                out.push(c);
                continue;
            }
            out.push(meant);
            if !noted.contains(&c) {
                noted.push(c);
                notes.push(
                    Diagnostic::warning(
                        Code::Text,
                        Position {
                            file: rel.to_path_buf(),
                            line: i + 1,
                            column: col + 1,
                        },
                        format!(
                            "`{c}` (U+{:04X}) looks like `{meant}` but is another letter; it is printed as `{meant}`",
                            c as u32
                        ),
                    )
                    .with_hint(format!(
                        "type `{meant}` (U+{:04X}) in the file, so that searches for it find this text",
                        meant as u32
                    ))
                    .says(
                        "hygiene-look-alike",
                        &[
                            ("char", &c.to_string()),
                            ("code", &format!("{:04X}", c as u32)),
                            ("meant", &meant.to_string()),
                        ],
                    )
                    .hints(
                        "hygiene-look-alike-hint",
                        &[
                            ("meant", &meant.to_string()),
                            ("meant_code", &format!("{:04X}", meant as u32)),
                        ],
                    ),
                );
            }
        }
    }
    (out, notes)
}

/// Characters of TCVN3 (ABC) text read as Windows-1252 that Vietnamese in Unicode never has,
/// with the letters they stand for.
const TCVN3: &[(char, &str)] = &[
    ('¸', "á"), ('µ', "à"), ('¶', "ả"), ('·', "ã"), ('¹', "ạ"),
    ('¨', "ă"), ('¾', "ắ"), ('»', "ằ"), ('¼', "ẳ"), ('½', "ẵ"), ('Æ', "ặ"),
    ('©', "â"), ('Ê', "ấ"), ('Ç', "ầ"), ('È', "ẩ"), ('É', "ẫ"), ('Ë', "ậ"),
    ('®', "đ"), ('Ð', "é"), ('Ì', "è"), ('Î', "ẻ"), ('Ï', "ẽ"), ('Ñ', "ẹ"),
    ('ª', "ê"), ('Õ', "ế"), ('Ò', "ề"), ('Ó', "ể"), ('Ô', "ễ"), ('Ö', "ệ"),
    ('Ý', "í"), ('×', "ì"), ('Ø', "ỉ"), ('Ü', "ĩ"), ('Þ', "ị"),
    ('ã', "ó"), ('ß', "ò"), ('á', "ỏ"), ('â', "õ"), ('ä', "ọ"),
    ('«', "ô"), ('è', "ố"), ('å', "ồ"), ('æ', "ổ"), ('ç', "ỗ"), ('é', "ộ"),
    ('¬', "ơ"), ('í', "ớ"), ('ê', "ờ"), ('ë', "ở"), ('ì', "ỡ"), ('î', "ợ"),
    ('ó', "ú"), ('ï', "ù"), ('ñ', "ủ"), ('ò', "ũ"), ('ô', "ụ"),
    ('\u{AD}', "ư"), ('ø', "ứ"), ('õ', "ừ"), ('ö', "ử"), ('÷', "ữ"), ('ù', "ự"),
    ('ý', "ý"), ('ú', "ỳ"), ('û', "ỷ"), ('ü', "ỹ"), ('þ', "ỵ"),
    ('¡', "Ă"), ('¢', "Â"), ('£', "Ê"), ('¤', "Ô"), ('¥', "Ơ"), ('¦', "Ư"), ('§', "Đ"),
];

/// Characters that give TCVN3 away: symbols, never letters of Vietnamese (counted only
/// inside a word: µg, 2×3 and © stand alone).
const TCVN3_SIGNS: &str = "¸µ¶·¹¨¾»¼½©®ª«¬\u{AD}×Þß¡¢£¤¥¦§";

/// Characters that give VNI away: VNI's marks typed after a letter, never Vietnamese letters.
const VNI_SIGNS: &str = "øûïäåëüöñæØÛÏÄÅËÜÖÑÆ";

/// TCVN3 text read as Windows-1252, in Unicode.
fn from_tcvn3(text: &str) -> String {
    text.chars()
        .map(|c| {
            TCVN3
                .iter()
                .find(|(k, _)| *k == c)
                .map_or_else(|| c.to_string(), |(_, v)| (*v).to_string())
        })
        .collect()
}

/// VNI text read as Windows-1252, in Unicode: VNI writes a vowel, then its marks as separate
/// characters (circumflex or breve with the tone, or the tone alone), and ơ, ư, đ and the
/// toned i as characters of their own.
fn from_vni(text: &str) -> String {
    const ACUTE: char = '\u{301}';
    const GRAVE: char = '\u{300}';
    const HOOK: char = '\u{309}';
    const TILDE: char = '\u{303}';
    const DOT: char = '\u{323}';
    const CIRCUMFLEX: char = '\u{302}';
    const BREVE: char = '\u{306}';
    const HORN: char = '\u{31B}';
    let marks = |c: char| -> Option<&'static [char]> {
        Some(match c.to_lowercase().next()? {
            'ù' => &[ACUTE],
            'ø' => &[GRAVE],
            'û' => &[HOOK],
            'õ' => &[TILDE],
            'ï' => &[DOT],
            'â' => &[CIRCUMFLEX],
            'á' => &[CIRCUMFLEX, ACUTE],
            'à' => &[CIRCUMFLEX, GRAVE],
            'å' => &[CIRCUMFLEX, HOOK],
            'ã' => &[CIRCUMFLEX, TILDE],
            'ä' => &[CIRCUMFLEX, DOT],
            'ê' => &[BREVE],
            'é' => &[BREVE, ACUTE],
            'è' => &[BREVE, GRAVE],
            'ú' => &[BREVE, HOOK],
            'ü' => &[BREVE, TILDE],
            'ë' => &[BREVE, DOT],
            _ => return None,
        })
    };
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let base: String = match c {
            'ô' => format!("o{HORN}"),
            'Ô' => format!("O{HORN}"),
            'ö' => format!("u{HORN}"),
            'Ö' => format!("U{HORN}"),
            'ñ' => "đ".into(),
            'Ñ' => "Đ".into(),
            'í' => format!("i{ACUTE}"),
            'ì' => format!("i{GRAVE}"),
            'æ' => format!("i{HOOK}"),
            'ó' => format!("i{TILDE}"),
            'ò' => format!("i{DOT}"),
            'Í' => format!("I{ACUTE}"),
            'Ì' => format!("I{GRAVE}"),
            'Æ' => format!("I{HOOK}"),
            'Ó' => format!("I{TILDE}"),
            'Ò' => format!("I{DOT}"),
            _ => c.to_string(),
        };
        out.push_str(&base);
        let vowel = base
            .chars()
            .next()
            .is_some_and(|b| "aeiouyAEIOUY".contains(b));
        if vowel {
            // A circumflex or breve mark, then perhaps a tone.
            while let Some(&next) = chars.peek() {
                match marks(next) {
                    Some(m) if !out.ends_with(|e: char| [ACUTE, GRAVE, HOOK, TILDE, DOT].contains(&e)) => {
                        out.extend(m.iter());
                        chars.next();
                    }
                    _ => break,
                }
            }
        }
    }
    out.nfc().collect()
}

/// Warnings for values that read like VNI or TCVN3 text, at the first give-away character,
/// with the Unicode reading as the hint.
pub(crate) fn legacy(text: &str, rel: &Path) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let value = super::value_part(line);
        // Both encodings' signs are outside ASCII, and most lines of a data file are ASCII.
        if value.is_ascii() {
            continue;
        }
        let chars: Vec<(usize, char)> = value.char_indices().collect();
        // A sign counts where it stands inside a word (a letter or another sign beside it on
        // both sides); two of them make the line suspect: a name like Müller has one.
        let found = |signs: &str| {
            let inside = |k: usize| {
                let near = |j: Option<&(usize, char)>| {
                    j.is_some_and(|(_, n)| n.is_alphabetic() || signs.contains(*n))
                };
                near(k.checked_sub(1).and_then(|p| chars.get(p))) && near(chars.get(k + 1))
            };
            let hits: Vec<usize> = (0..chars.len())
                .filter(|&k| signs.contains(chars[k].1) && inside(k))
                .collect();
            (hits.len() >= 2).then(|| chars[hits[0]])
        };
        // TCVN3's signs never occur in VNI text; many of VNI's occur in TCVN3 text.
        let (at, encoding, reading) = if let Some((at, _)) = found(TCVN3_SIGNS) {
            (at, "TCVN3 (ABC)", from_tcvn3(value))
        } else if let Some((at, _)) = found(VNI_SIGNS)
            // VNI's marks all join a vowel: one left over (Müller) is another language.
            && !from_vni(value).chars().any(|c| VNI_SIGNS.contains(c))
        {
            (at, "VNI", from_vni(value))
        } else {
            continue;
        };
        let reading = reading
            .split_once(':')
            .map_or(reading.as_str(), |(_, v)| v)
            .trim()
            .trim_matches('"')
            .to_string();
        out.push(
            Diagnostic::warning(
                Code::Text,
                Position {
                    file: rel.to_path_buf(),
                    line: i + 1,
                    column: value[..at].chars().count() + 1,
                },
                format!("this text looks typed in the legacy {encoding} encoding and would print as it stands"),
            )
            .with_hint(format!("retype it in Unicode; it probably reads: \"{reading}\""))
            .says("hygiene-legacy", &[("encoding", encoding)])
            .hints("hygiene-legacy-hint", &[("reading", &reading)]),
        );
    }
    out
}

/// The file `name` in `folder`: the one so named, else the one whose name is `name` with its
/// accents encoded the other way (composed NFC, as typed on Windows, or decomposed NFD, as a
/// zip made on a Mac names files), which looks the same on screen. `None` when there is none,
/// or several such and none named exactly.
pub(crate) fn file_named(folder: &Path, name: &str) -> Option<std::path::PathBuf> {
    let exact = folder.join(name);
    if exact.is_file() {
        return Some(exact);
    }
    let wanted: String = name.nfc().collect();
    let mut found = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.nfc().eq(wanted.chars()))
        })
        .map(|e| e.path());
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_encodings_read_back_as_vietnamese() {
        assert_eq!(
            from_vni("Löu yù: soá lieäu naêm 2022 keøm taøi lieäu kieåm chöùng"),
            "Lưu ý: số liệu năm 2022 kèm tài liệu kiểm chứng"
        );
        assert_eq!(from_vni("Sôû Coâng Thöông"), "Sở Công Thương");
        assert_eq!(
            from_tcvn3("Theo b¸o c¸o cña UBND huyÖn vµ ®¬n vÞ thu gom."),
            "Theo báo cáo của UBND huyện và đơn vị thu gom."
        );
        let found = legacy(
            "  note: \"b¸o c¸o\"\n  name: \"Sở Công Thương\"\n  unit: \"µg/m³, 2×3 m\"\n  who: \"Müller, København\"\n",
            Path::new("x.yaml"),
        );
        assert_eq!(found.len(), 1, "Unicode Vietnamese and foreign names are not suspected: {found:?}");
        assert_eq!((found[0].position.line, found[0].position.column), (1, 11));
        assert!(found[0].hint.as_deref().unwrap().contains("báo cáo"));
    }

    #[test]
    fn look_alikes_become_the_vietnamese_letter_and_russian_words_stay() {
        let (text, notes) =
            normalise("a: QÐ-BTNMT\nb: Cоng\nc: Москва\nd: QÐ\n", Path::new("x.yaml"), &[4]);
        assert_eq!(text, "a: QĐ-BTNMT\nb: Cong\nc: Москва\nd: QÐ\n");
        assert_eq!(notes.len(), 2);
        assert_eq!((notes[0].position.line, notes[0].position.column), (1, 5));
        assert!(notes[0].message.contains("U+00D0"));
    }

    #[test]
    fn a_file_is_found_whichever_way_its_accents_are_encoded() {
        let dir = tempfile::tempdir().unwrap();
        let composed = "Biên bản.pdf";
        let decomposed: String = composed.nfd().collect();
        std::fs::write(dir.path().join(&decomposed), b"mac").unwrap();
        std::fs::write(dir.path().join("Quyết định.pdf"), b"windows").unwrap();
        let found = |name: &str| file_named(dir.path(), name).map(|p| std::fs::read(p).unwrap());
        assert_eq!(found(composed), Some(b"mac".to_vec()));
        assert_eq!(found(&decomposed), Some(b"mac".to_vec()));
        let typed_on_a_mac: String = "Quyết định.pdf".nfd().collect();
        assert_eq!(found(&typed_on_a_mac), Some(b"windows".to_vec()));
        assert_eq!(found("Biên bản khác.pdf"), None);
        // Two files that both look like the name, neither so named: none is taken. (A Mac's
        // file system holds only one of them: it compares names in one normalisation.)
        if cfg!(target_os = "macos") {
            return;
        }
        let e_dot_hat = "e\u{323}\u{302}.pdf";
        let e_hat_dot = "\u{ea}\u{323}.pdf";
        std::fs::write(dir.path().join(e_dot_hat), b"1").unwrap();
        std::fs::write(dir.path().join(e_hat_dot), b"2").unwrap();
        assert_eq!(found("\u{1ec7}.pdf"), None);
        assert_eq!(found(e_hat_dot), Some(b"2".to_vec()));
    }
}
