//! Today's behaviour, pinned before the code is reshaped: the template data of every kind of
//! document of the example (JSON handed to Typst, never PDF bytes) and what `status` and
//! `check --format json` report. A change to any of these snapshots is a change of behaviour.

use std::path::Path;

use crate::support::{example, fixture};

/// A job as the snapshot records it: where it goes, from what, how, and its template data.
fn record(job: &vanban::plan::Job) -> serde_json::Value {
    serde_json::json!({
        "output": job.output.display().to_string(),
        "source": job.source.display().to_string(),
        "template": job.template.file_name(),
        "date": job.date,
        "signature_fields": job.signature_fields,
        "values": job.values.as_ref().map(|(year, values)| serde_json::json!({
            "year": year,
            "values": values.iter().map(|(n, v)| (n.clone(), serde_json::json!({
                "name": v.name, "unit": v.unit, "value": v.value, "decimals": v.decimals,
            }))).collect::<serde_json::Map<_, _>>(),
        })),
        "data": serde_json::from_slice::<serde_json::Value>(job.input()).unwrap(),
    })
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

/// The jobs whose output matches `keep`, recorded in output order.
fn records(jobs: &[vanban::plan::Job], keep: impl Fn(&str) -> bool) -> String {
    let mut kept: Vec<&vanban::plan::Job> = jobs
        .iter()
        .filter(|j| keep(&j.output.display().to_string()))
        .collect();
    kept.sort_by(|a, b| a.output.cmp(&b.output));
    assert!(!kept.is_empty(), "no job kept");
    pretty(&serde_json::Value::Array(
        kept.into_iter().map(record).collect(),
    ))
}

#[test]
fn template_data_of_the_combined_per_agency_report_and_print_run_documents() {
    let (jobs, diags) = vanban::app::documents(&example(), true);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    insta::assert_snapshot!(
        "combined",
        records(&jobs, |o| o == "2022/de-nghi-cung-cap-thong-tin.pdf")
    );
    insta::assert_snapshot!(
        "per_agency",
        records(&jobs, |o| o.starts_with("2022/de-nghi-cung-cap-thong-tin/"))
    );
    insta::assert_snapshot!("report", records(&jobs, |o| o.contains("bao-cao")));
    insta::assert_snapshot!("print_run", records(&jobs, |o| o.ends_with("-in-gop.pdf")));
    insta::assert_snapshot!(
        "to_trinh",
        records(&jobs, |o| o.starts_with("2022/to-trinh"))
    );
    // Nothing but these kinds in the example.
    assert!(jobs.iter().all(|j| {
        let o = j.output.display().to_string();
        o == "2022/de-nghi-cung-cap-thong-tin.pdf"
            || o.starts_with("2022/de-nghi-cung-cap-thong-tin/")
            || o.contains("bao-cao")
            || o.ends_with("-in-gop.pdf")
            || o.starts_with("2022/to-trinh")
    }));
}

#[test]
fn template_data_of_reminders() {
    let date = chrono::NaiveDate::from_ymd_opt(2023, 3, 5).unwrap();
    let project = crate::remind::numbered();
    let (jobs, diags) = vanban::app::remind::documents(project.path(), date);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    assert_eq!(jobs.len(), 2);
    insta::assert_snapshot!("reminders", records(&jobs, |_| true));
}

#[test]
fn template_data_of_the_outgoing_register() {
    let project = crate::support::example_copy();
    let dir = project.path().join("data/so-dang-ky-di");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("2023.csv"),
        "number,date,symbol,subject,recipients,signer,letter\n\
         05,12/01/2023,STNMT-BVMT,V/v cung cấp thông tin,Các sở; UBND các huyện,Nguyễn Văn A,letters/2022/de-nghi-cung-cap-thong-tin.yaml\n",
    )
    .unwrap();
    let (jobs, diags) = vanban::app::documents(project.path(), false);
    assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    insta::assert_snapshot!("register", records(&jobs, |o| o.contains("so-dang-ky")));
}

/// `status --format json`, and how many errors came with it.
fn status_json(root: &Path, year: Option<i32>) -> String {
    let (rows, diags) = vanban::app::status::status(root, year);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("error: {} ({})\n", d.message, d.position.file.display()))
        .collect();
    format!(
        "{} errors\n{}{}",
        errors.len(),
        errors.concat(),
        serde_json::to_string_pretty(&rows).unwrap()
    )
}

#[test]
fn status_of_the_example() {
    insta::assert_snapshot!("status_2022", status_json(&example(), None));
    insta::assert_snapshot!("status_2021", status_json(&example(), Some(2021)));
    insta::assert_snapshot!("status_answers", status_json(&fixture("answers"), None));
}

/// `check --format json` as it was pinned: severity, position, message and hint of each
/// diagnostic, in order (the code each carries is checked on its own).
fn check_json(root: &Path) -> String {
    let report = vanban::app::check::check(root);
    let mut json: serde_json::Value =
        serde_json::from_str(&vanban::diagnostic::to_json(&report.diagnostics)).unwrap();
    for d in json.as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("code");
    }
    let text = pretty(&json);
    // Absolute paths differ between machines.
    text.replace(&root.display().to_string(), "<root>")
}

#[test]
fn check_json_of_the_example_and_the_fixtures() {
    insta::assert_snapshot!("check_example", check_json(&example()));
    for name in ["answers", "broken-data", "mixed", "injection"] {
        insta::assert_snapshot!(format!("check_{name}"), check_json(&fixture(name)));
    }
}

/// `check --format json` names the kind of every diagnostic by a stable code.
#[test]
fn check_json_carries_each_diagnostics_code() {
    let mut codes = String::new();
    for name in ["answers", "broken-data", "mixed"] {
        let report = vanban::app::check::check(&fixture(name));
        let json: serde_json::Value =
            serde_json::from_str(&vanban::diagnostic::to_json(&report.diagnostics)).unwrap();
        let items = json.as_array().unwrap();
        assert!(!items.is_empty(), "{name} has problems to report");
        for d in items {
            let code = d["code"].as_str().unwrap_or_else(|| panic!("no code: {d}"));
            assert!(!code.is_empty());
            codes.push_str(&format!("{name}: {code} {}\n", d["severity"]));
        }
    }
    insta::assert_snapshot!("check_codes", codes);
}
