//! `vanban bench` end to end on a tiny campaign: every measure is reported, the correction
//! rebuilds one document, each build reports its stages, the Python worker pool runs with the
//! `python3` found on PATH and the one-process-per-document comparison calls a `typst` found
//! on PATH, as a user would (stand-in scripts here: the timings are the benchmark's business,
//! what is run and reported is the tests').

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// Runs `vanban bench` on 2 provinces × 2 recipients with `path` as PATH; returns the report.
fn bench(path: &str, work: &Path) -> String {
    let report = work.join("bench.md");
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "bench",
            "--provinces",
            "2",
            "--recipients",
            "2",
            "--repeat",
            "2",
        ])
        .arg("--work")
        .arg(work.join("campaign-work"))
        .arg("--report")
        .arg(&report)
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let progress = String::from_utf8_lossy(&output.stderr);
    assert!(
        progress.contains("bench: warm full build, --force (2 of 2)"),
        "{progress}"
    );
    std::fs::read_to_string(report).unwrap()
}

/// The table row that starts with `measure`.
fn row<'a>(md: &'a str, measure: &str) -> &'a str {
    md.lines()
        .find(|l| l.starts_with(&format!("| {measure}")))
        .unwrap_or_else(|| panic!("no row `{measure}` in\n{md}"))
}

/// A stand-in `typst` that says it is `version`, logs each call and writes the PDF asked for
/// when the document's root holds its template and `input.json`.
fn fake_typst(dir: &Path, version: &str) {
    let script = format!(
        r#"#!/bin/sh
if [ "$1" = "--version" ]; then echo "typst {version} (stand-in)"; exit 0; fi
echo "$@" >> "{log}"
root="$3"; main=""; out=""
for a in "$@"; do main="$out"; out="$a"; done
[ -f "$root/input.json" ] && [ -f "$main" ] || {{ echo "missing input" >&2; exit 1; }}
echo "%PDF-1.7" > "$out"
"#,
        log = dir.join("calls.log").display()
    );
    let path = dir.join("typst");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A stand-in `python3` whose package `typst` is `version` (none: not importable), which logs
/// each run of the peer and, like the real pool, compiles every listed document into
/// `out.pdf` and prints how many, after checking the script uses `typst.Compiler`.
fn fake_python(dir: &Path, version: Option<&str>) {
    let import = match version {
        Some(v) => format!("echo \"{v}\"; exit 0"),
        None => "echo \"ModuleNotFoundError: No module named 'typst'\" >&2; exit 1".into(),
    };
    let script = format!(
        r#"#!/bin/sh
if [ "$1" = "-c" ]; then {import}; fi
echo "$@" >> "{log}"
grep -q "typst.Compiler(font_paths=" "$1" && grep -q "multiprocessing.Pool" "$1" || {{ echo "not the peer" >&2; exit 1; }}
n=0
tab="$(printf '\t')"
while IFS="$tab" read -r root template; do
  [ -f "$root/input.json" ] && [ -f "$root/$template" ] && [ -d "$2" ] || {{ echo "missing input" >&2; exit 1; }}
  echo "%PDF-1.7" > "$root/out.pdf"
  n=$((n + 1))
done < "$4"
echo "$n"
"#,
        log = dir.join("python.log").display()
    );
    let path = dir.join("python3");
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn bench_reports_every_measure_and_where_the_time_goes() {
    let work = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    fake_python(bin.path(), None);
    let md = bench(
        &format!("{}:/usr/bin:/bin", bin.path().display()),
        work.path(),
    );
    assert!(
        md.contains("2 provinces × 2 recipients = 4 per-agency letters"),
        "{md}"
    );
    assert!(md.contains("(14 files)"), "{md}");
    assert!(md.contains(" cores."), "{md}");
    let warm = row(&md, "full build, warm");
    assert!(
        warm.contains("letters/s") && warm.contains("≥ 300 letters/s"),
        "{warm}"
    );
    let correction = row(&md, "one-figure correction");
    assert!(correction.contains("1 document rebuilt"), "{correction}");
    let memory = row(&md, "peak memory of a build process");
    assert!(memory.contains("MiB"), "{memory}");
    assert!(
        row(&md, "one `typst` process per document").contains("no `typst` binary on PATH"),
        "{md}"
    );
    assert!(
        row(&md, "Python `typst` worker pool")
            .contains("`python3` cannot import the package `typst`"),
        "{md}"
    );
    assert!(row(&md, "one-figure correction").contains("< 5 %"), "{md}");
    for build in [
        "cold full build",
        "warm full build",
        "one-figure correction",
    ] {
        assert!(
            md.contains(&format!("## Where the time goes: {build} (median run)")),
            "{md}"
        );
    }
    // Every stage of a build is named, with its time.
    for stage in [
        "read and parse YAML",
        "validate",
        "compile, export and write (parallel)",
        "record values and save the manifest",
    ] {
        assert!(row(&md, stage).contains(" ms |"), "{stage}: {md}");
    }
    for step in [
        "layout (Typst)",
        "PDF export",
        "write to disk (writer thread)",
        "check the laid-out pages",
        "reply workbooks (xlsx)",
    ] {
        assert!(row(&md, step).contains(" ms |"), "{step}: {md}");
    }
    assert!(
        !work.path().join("campaign-work/typst").exists(),
        "nothing prepared for typst without typst"
    );
}

#[test]
fn bench_compiles_every_document_with_a_typst_of_the_same_version() {
    let work = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    fake_typst(bin.path(), "0.15.1");
    fake_python(bin.path(), None);
    let md = bench(
        &format!("{}:/usr/bin:/bin", bin.path().display()),
        work.path(),
    );
    let row = row(&md, "one `typst compile` process per document");
    assert!(row.contains("for the same 10 documents"), "{row}");
    assert!(row.contains("× faster (cold "), "{row}");
    let calls = std::fs::read_to_string(bin.path().join("calls.log")).unwrap();
    assert_eq!(calls.lines().count(), 10, "{calls}");
    for call in calls.lines() {
        for flag in [
            "compile --root ",
            "--ignore-system-fonts",
            "--pdf-standard a-2b",
            "--jobs 1",
        ] {
            assert!(call.contains(flag), "{flag} missing from {call}");
        }
    }
    for template in ["cong-van.typ", "bao-cao.typ"] {
        assert!(
            calls.contains(template),
            "{template} never compiled: {calls}"
        );
    }
}

#[test]
fn bench_runs_the_python_worker_pool_over_every_document_taking_turns() {
    let work = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    fake_python(bin.path(), Some("0.15.2"));
    let md = bench(
        &format!("{}:/usr/bin:/bin", bin.path().display()),
        work.path(),
    );
    let row = row(&md, "Python `typst` 0.15.2 worker pool");
    assert!(row.contains("for the same 10 documents"), "{row}");
    assert!(
        row.contains("vanban warm is ") && row.contains("× faster, cold "),
        "{row}"
    );
    assert!(row.contains("warm ≥ 1.5×, cold ≥ 1.2×"), "{row}");
    // Once per round, over all documents, with as many workers as the machine has cores.
    let runs = std::fs::read_to_string(bin.path().join("python.log")).unwrap();
    let cores = std::thread::available_parallelism().unwrap().get();
    assert_eq!(runs.lines().count(), 2, "{runs}");
    for run in runs.lines() {
        let args: Vec<&str> = run.split(' ').collect();
        assert!(
            args[0].ends_with("peer.py") && args[2] == cores.to_string(),
            "{run}"
        );
    }
    // The one-process-per-document row is still there, saying why it did not run.
    assert!(
        md.contains("| one `typst` process per document | not measured"),
        "{md}"
    );
    // Another series of the package is not compared.
    fake_python(bin.path(), Some("0.13.0"));
    let md = bench(
        &format!("{}:/usr/bin:/bin", bin.path().display()),
        work.path(),
    );
    assert!(
        md.contains("the Python package `typst` is 0.13.0, not 0.15 as vanban's Typst"),
        "{md}"
    );
}

#[test]
fn bench_refuses_a_typst_of_another_version() {
    let work = tempfile::tempdir().unwrap();
    let bin = tempfile::tempdir().unwrap();
    fake_typst(bin.path(), "0.13.0");
    fake_python(bin.path(), None);
    let md = bench(
        &format!("{}:/usr/bin:/bin", bin.path().display()),
        work.path(),
    );
    let row = row(&md, "one `typst` process per document");
    assert!(
        row.contains("`typst 0.13.0 (stand-in)`, not 0.15.1"),
        "{row}"
    );
    assert!(!bin.path().join("calls.log").exists());
}
