//! Hostile text: Typst markup and code, Tera syntax, very long words and odd characters placed
//! in the data fields of recipients, answers and letters come out of the PDFs literally, and
//! nothing outside the project is read.

use crate::support::{pdf_text, squash};

/// Strings that would do something if they were ever parsed as Typst or re-rendered by Tera.
fn corpus() -> Vec<String> {
    let mut c: Vec<String> = [
        r#"#read("/etc/passwd")"#,
        r#"#import "/etc/hosts": *"#,
        r#"#include "../../secret.typ""#,
        "#let x = 1",
        "#set text(red)",
        "#show: none",
        "$x^2 + y$",
        "*đậm*",
        "_nghiêng_",
        "@nhan-tham-chieu",
        "<nhan>",
        "[ngoặc vuông]",
        "]",
        "[",
        r"\",
        r"\\ hai gạch",
        "// không phải chú thích",
        "/* không phải khối chú thích */",
        "`mã` và ```khối```",
        "= Tiêu đề giả",
        "- không phải danh sách",
        "+ không phải đánh số",
        "/ Thuật ngữ: định nghĩa",
        "~ dấu ngã ~",
        "'nháy đơn'",
        "\"nháy kép\"",
        "{{ year }}",
        "{% if true %}có{% endif %}",
        "{# chú thích Tera #}",
        "{{ get_env(name=\"HOME\") }}",
        "#{1 + 1}",
        "#(\"a\" + \"b\")",
        "#context here()",
        "#pagebreak()",
        "#panic(\"x\")",
        "$ $",
        "https://example.com/#anchor",
        "a <b> & c",
        "100% & 50$",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    c.push(format!("Từdài{}", "xx".repeat(120)));
    c
}

#[test]
fn forty_hostile_strings_print_literally_in_every_kind_of_field() {
    let strings = corpus();
    assert!(strings.len() >= 40);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let q = |s: &str| serde_json::to_string(s).unwrap(); // a JSON string is a valid YAML string
    std::fs::create_dir_all(root.join("data/2022")).unwrap();
    std::fs::create_dir_all(root.join("letters")).unwrap();
    std::fs::write(
        root.join("data/agency.yaml"),
        format!(
            "governing_body: {}\nname: {}\nshort_name: {}\nabbreviation: STH\nplace: {}\nunits: [{{id: VP, name: VP}}]\nsigners:\n  - id: a\n    name: {}\n    authority: KT\n    for: {}\n    title: {}\n",
            q(&strings[0]), q(&strings[1]), q(&strings[2]), q(&strings[3]), q(&strings[4]), q(&strings[5]), q(&strings[6])
        ),
    )
    .unwrap();
    // Every recipient field: name, short name and heading in a listed group with a hostile
    // label, notes and free-text requests. Notes and requests are mail-merge text (Tera) by
    // design, so they get the strings without Tera syntax; names are never templates.
    let typst_only: Vec<&String> = strings
        .iter()
        .filter(|s| !s.contains('{') && !s.contains('}'))
        .collect();
    let mut recipients = format!(
        "groups:\n  - id: g\n    style: listed\n    label: {}\nrecipients:\n",
        q(&strings[9])
    );
    for (i, s) in strings.iter().enumerate() {
        let t = typst_only[i % typst_only.len()];
        recipients.push_str(&format!(
            "  - id: r{i}\n    name: {}\n    short: {}\n    heading: {}\n    group: g\n    notes: [{}]\n    requests: [{{indicator: 1}}, {{text: {}}}]\n",
            q(s),
            q(s),
            q(&format!("Mục {s}")),
            q(t),
            q(t)
        ));
    }
    std::fs::write(root.join("data/recipients.yaml"), recipients).unwrap();
    std::fs::write(
        root.join("data/indicators.yaml"),
        "editions:\n  - id: e\n    title: t\n    from_year: 2020\n    indicators:\n      - {number: 1, name: \"Chỉ số một\", unit: \"%\", compute: rate}\n",
    )
    .unwrap();
    let mut vars = String::from("vars:\n");
    let mut opening = String::new();
    for (i, s) in strings.iter().enumerate() {
        vars.push_str(&format!("  v{i}: {}\n", q(s)));
        opening.push_str(&format!("  - \"{{{{ v{i} }}}}\"\n"));
    }
    std::fs::write(
        root.join("letters/thu.yaml"),
        format!(
            "kind: cong-van\ndata_year: 2022\nunit: VP\ndate: \"2023-03-05\"\ndeadline: \"2023-03-30\"\nsubject: \"thử\"\nsigner: a\nrecipients: [g]\ncc: [{}]\n{vars}opening:\n{opening}output: {{per_agency: false}}\n",
            strings.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
        ),
    )
    .unwrap();
    // Answers: labels, notes and evidence titles from the corpus, in the report.
    let mut rows = String::new();
    for s in &strings {
        rows.push_str(&format!(
            "      - {{label: {}, numerator: 1, denominator: 2}}\n",
            q(s)
        ));
    }
    std::fs::write(
        root.join("data/2022/r0.yaml"),
        format!(
            "recipient: r0\nreceived: \"2023-03-10\"\nanswers:\n  - indicator: 1\n    note: {}\n    evidence: [{{title: {}}}]\n    rows:\n{rows}",
            q(&strings[7]), q(&strings[8])
        ),
    )
    .unwrap();
    std::fs::write(
        root.join("letters/bao-cao.yaml"),
        "kind: bao-cao\ndata_year: 2022\ndate: \"2023-04\"\nsubject: \"Báo cáo thử\"\nsigner: a\nrequest_letter: thu\n",
    )
    .unwrap();

    let out = tempfile::tempdir().unwrap();
    let report = vanban::app::build::build(root, out.path(), &|_| {});
    assert!(
        report.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        report.diagnostics
    );
    // The letter, the report and the report's evidence list.
    assert_eq!(report.written.len(), 3, "{:?}", report.diagnostics);
    // Names in capitals are upper-cased by the templates: compare case-insensitively. Straight
    // double quotes print as typographic ones (“ ”), the one change made to data text.
    let read = |pdf: &str| {
        squash(&pdf_text(&out.path().join(pdf)))
            .to_lowercase()
            .replace(['“', '”'], "\"")
    };
    let (letter, report_text) = (read("2022/thu.pdf"), read("2022/bao-cao.pdf"));
    for s in &strings {
        let heading = squash(&format!("Mục {s}")).to_lowercase();
        assert!(
            letter.contains(&heading),
            "heading {heading:?} is not printed literally"
        );
        let s = squash(s).to_lowercase();
        assert!(
            letter.contains(&s),
            "{s:?} is not printed literally in the letter"
        );
        assert!(
            report_text.contains(&s),
            "{s:?} is not printed literally in the report"
        );
    }
    // `#read("/etc/passwd")` was printed, not run: the file's first line is nowhere.
    assert!(!letter.contains("root:x:0:0") && !report_text.contains("root:x:0:0"));
}
