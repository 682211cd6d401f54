//! The terminal side: `watch` rebuilds on saves without reacting to its own writes and keeps
//! going after errors; `--quiet`, `--verbose`, and no colour codes when not on a terminal.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{alter, example_copy};

fn wait_for(path: &Path, needle: &str, count: usize) -> String {
    let start = Instant::now();
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.matches(needle).count() >= count {
            return text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(90),
            "timed out waiting for {needle:?} in:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn watch_rebuilds_on_save_reports_errors_and_ignores_its_own_writes() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    let (stdout, stderr) = (logs.path().join("out.txt"), logs.path().join("err.txt"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["watch", "--lang", "en"])
        .arg(project.path())
        .arg("--out")
        .arg(out.path())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let result = std::panic::catch_unwind(|| {
        wait_for(&stderr, "watching", 1);
        assert!(
            out.path().join("2022/bao-cao-ket-qua.pdf").is_file(),
            "the first build ran"
        );

        alter(
            project.path(),
            "data/2022/so-xay-dung.yaml",
            "numerator: 7850",
            "numerator: 8850",
        );
        let text = wait_for(&stdout, "changed 2022 chỉ số 01: 44,01 % → 48,90 %", 1);
        assert!(
            text.contains("bao-cao-ket-qua.pdf (data changed)"),
            "{text}"
        );
        wait_for(&stderr, "watching", 2);

        // A broken file: the error is shown and the watcher goes on.
        alter(
            project.path(),
            "data/2022/so-xay-dung.yaml",
            "numerator: 8850",
            "numerator: [",
        );
        let err = wait_for(&stderr, "error (YAML file): invalid YAML", 1);
        assert!(err.contains("data/2022/so-xay-dung.yaml"), "{err}");
        wait_for(&stderr, "watching", 3);
        // Its own writes into out/ (PDFs, manifest, changes.md) trigger nothing more.
        std::thread::sleep(Duration::from_secs(2));
        let err = std::fs::read_to_string(&stderr).unwrap();
        assert_eq!(err.matches("watching").count(), 3, "{err}");
        assert!(!err.contains("\u{1b}["), "no colour codes off a terminal");
    });
    let alive = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
    assert!(alive, "watch kept running after an error");
}

#[test]
fn quiet_prints_only_errors_and_verbose_lists_up_to_date_documents() {
    let project = example_copy();
    let out = tempfile::tempdir().unwrap();
    let run = |flag: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["build", flag, "--lang", "vi"])
            .arg(project.path())
            .arg("--out")
            .arg(out.path())
            .output()
            .unwrap();
        (
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    let (stdout, stderr) = run("--quiet");
    assert_eq!(
        (stdout.as_str(), stderr.as_str()),
        ("", ""),
        "the example has warnings only"
    );
    let (stdout, _) = run("--verbose");
    // 26 PDFs and 22 reply workbooks.
    assert_eq!(stdout.matches("không đổi /").count(), 48, "{stdout}");
    assert!(stdout.contains("48 tài liệu không đổi"), "{stdout}");
}

#[test]
fn the_version_names_typst_and_completions_cover_every_command() {
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    assert!(run(&["--version"]).contains("(Typst 0.15.1, in-process)"));
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = run(&["completions", shell]);
        for command in ["build", "register", "remind", "status", "new-year"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
}

#[test]
fn commands_find_the_project_from_a_subfolder_and_register_takes_a_letter_by_id() {
    let project = crate::support::example_copy();
    let run = |dir: &std::path::Path, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .current_dir(dir)
            .args(args)
            .output()
            .unwrap()
    };
    // From letters/: the project's out/, no stray letters/out/.
    let built = run(&project.path().join("letters"), &["build", "--quiet"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        project
            .path()
            .join("out/2022/de-nghi-cung-cap-thong-tin.pdf")
            .is_file()
    );
    assert!(!project.path().join("letters/out").exists());
    // register: the letter by its id, from a subfolder, without --project.
    let registered = run(
        &project.path().join("data"),
        &[
            "register",
            "de-nghi-cung-cap-thong-tin",
            "--number",
            "5",
            "--date",
            "2023-02-15",
        ],
    );
    assert!(
        registered.status.success(),
        "{}",
        String::from_utf8_lossy(&registered.stderr)
    );
    let letter = std::fs::read_to_string(
        project
            .path()
            .join("letters/2022/de-nghi-cung-cap-thong-tin.yaml"),
    )
    .unwrap();
    assert!(letter.contains("number: 5\n"));
    // An absolute path works too; a broken letter's errors point at its own lines.
    crate::support::alter(
        project.path(),
        "letters/2022/bao-cao-ket-qua.yaml",
        "signer:",
        "signer: \"khong-co\"\nunused_signer:",
    );
    let report = project.path().join("letters/2022/bao-cao-ket-qua.yaml");
    let refused = run(
        project.path(),
        &[
            "register",
            report.to_str().unwrap(),
            "--number",
            "30",
            "--date",
            "2023-03-20",
        ],
    );
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    let text = std::fs::read_to_string(&report).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("unused_signer:"))
        .unwrap()
        + 1;
    assert!(
        said.contains(&format!("letters/2022/bao-cao-ket-qua.yaml:{line}:")),
        "{said}"
    );
}
