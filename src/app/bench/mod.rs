//! `vanban bench`: a reproducible benchmark on a synthetic national campaign (by default 63
//! provinces × 15 recipients: 945 per-agency letters, 63 combined letters and 63 reports).
//! Every measured build is a fresh `vanban build` process, as a user runs it, which reports
//! its stage times and peak memory back. Two peers compile the same documents from the same
//! templates, fonts and inputs at the same parallelism, taking turns with vanban's builds:
//! the loop a user who knows Typst would write, the Python package `typst` (one worker
//! process per core, each with one `typst.Compiler`, fonts loaded once), when `python3` can
//! import it; and one `typst compile` process per document, when a `typst` binary of the
//! same version is on PATH. Results are written as Markdown. Timing goals live here, never
//! in tests.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

mod peers;

use peers::{
    TYPST_VERSION, python_compile, python_peer, python_typst, typst_compile, typst_documents,
    typst_on_path,
};

use super::Timings;
use crate::Error;

/// The size of the synthetic campaign.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Provinces (one request letter and one report each).
    pub provinces: usize,
    /// Recipients per province.
    pub recipients: usize,
    /// How many times each build is measured.
    pub repeat: usize,
}

/// What one build process reported about itself.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Measured {
    /// Stage name and wall time in milliseconds, in order.
    pub stages: Vec<(String, f64)>,
    /// Per-document step and its time summed over threads, in milliseconds.
    pub steps: Vec<(String, f64)>,
    /// Peak resident memory of the process, in MiB, where the system tells.
    pub peak_mib: Option<f64>,
    /// Documents compiled.
    pub compiled: usize,
}

/// One measured build: its wall time seen from outside the process and what it reported.
#[derive(Debug, Clone)]
pub struct Run {
    /// Wall time, process start to exit.
    pub wall: Duration,
    /// What the process reported.
    pub measured: Measured,
}

/// The same build measured several times: machines are noisy, so the median counts.
#[derive(Debug, Clone)]
pub struct Series {
    /// The runs, in the order they ran.
    pub runs: Vec<Run>,
}

impl Series {
    /// The run of median wall time.
    pub fn median(&self) -> &Run {
        let mut sorted: Vec<&Run> = self.runs.iter().collect();
        sorted.sort_by_key(|r| r.wall);
        sorted[sorted.len() / 2]
    }

    /// The fastest and slowest wall times.
    pub fn range(&self) -> (Duration, Duration) {
        let walls = self.runs.iter().map(|r| r.wall);
        (
            walls.clone().min().unwrap_or_default(),
            walls.max().unwrap_or_default(),
        )
    }

    /// The highest peak memory of any run, in MiB.
    fn peak_mib(&self) -> Option<f64> {
        self.runs
            .iter()
            .filter_map(|r| r.measured.peak_mib)
            .reduce(f64::max)
    }
}

/// The one-process-per-document `typst` comparison.
#[derive(Debug, Clone)]
pub struct TypstRun {
    /// `typst --version`.
    pub version: String,
    /// Per-agency letters among the documents.
    pub letters: usize,
    /// Documents compiled: the same as a vanban full build.
    pub documents: usize,
    /// Wall time for all of them.
    pub wall: Duration,
    /// Processes run at once.
    pub parallel: usize,
}

/// The Python `typst` package's worker pool compiling every document of a full build.
#[derive(Debug, Clone)]
pub struct PythonRun {
    /// The package's version.
    pub version: String,
    /// Documents compiled in each run: the same as a vanban full build.
    pub documents: usize,
    /// Wall time of each run (a new `python3` process, start to exit), in the order run.
    pub runs: Vec<Duration>,
    /// Worker processes.
    pub parallel: usize,
}

impl PythonRun {
    /// The median wall time.
    fn median(&self) -> Duration {
        let mut sorted = self.runs.clone();
        sorted.sort();
        sorted.get(sorted.len() / 2).copied().unwrap_or_default()
    }
}

/// What the benchmark measured.
#[derive(Debug)]
pub struct Results {
    /// The campaign.
    pub size: Size,
    /// Per-agency letters in a full build.
    pub letters: usize,
    /// Documents in a full build.
    pub documents: usize,
    /// First build into an empty output folder.
    pub cold: Series,
    /// `build --force` again, in a new process.
    pub warm: Series,
    /// `build` after one figure of one answer changed.
    pub correction: Series,
    /// The `typst` comparison, or why it was not run.
    pub typst: Result<TypstRun, String>,
    /// The Python `typst` worker pool, or why it was not run.
    pub python: Result<PythonRun, String>,
    /// Cores available.
    pub cores: usize,
}

/// Writes what this build process measured, for `vanban bench` (hidden `build --timings`).
pub fn write_measured(path: &Path, timings: &Timings, compiled: usize) -> Result<(), Error> {
    measured(path, timings, compiled).map_err(Error::Setup)
}

fn measured(path: &Path, timings: &Timings, compiled: usize) -> Result<(), String> {
    let ms = |list: &[(&'static str, Duration)]| {
        list.iter()
            .map(|(name, d)| (name.to_string(), d.as_secs_f64() * 1e3))
            .collect()
    };
    let measured = Measured {
        stages: ms(&timings.stages),
        steps: ms(&timings.steps),
        peak_mib: peak_mib(),
        compiled,
    };
    let json = serde_json::to_vec_pretty(&measured).map_err(|e| e.to_string())?;
    crate::output::write_atomic(path, &json)
        .map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// Writes the synthetic campaign into `root`.
pub(crate) fn generate(root: &Path, size: Size) -> Result<(), String> {
    write(
        &root.join("data/agency.yaml"),
        "governing_body: \"BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\"\nname: \"CỤC KIỂM SOÁT Ô NHIỄM MÔI TRƯỜNG\"\nshort_name: \"Cục Kiểm soát ô nhiễm môi trường\"\nabbreviation: \"KSONMT\"\nplace: \"Hà Nội\"\nunits: [{id: \"TH\", name: \"Phòng Tổng hợp\"}]\nsigners:\n  - {id: \"pct\", name: \"Trần Văn Bình\", authority: \"KT\", for: \"CỤC TRƯỞNG\", title: \"PHÓ CỤC TRƯỞNG\"}\n",
    )?;
    write(
        &root.join("data/indicators.yaml"),
        "editions:\n  - id: e\n    title: \"Bộ chỉ số đánh giá kết quả bảo vệ môi trường\"\n    from_year: 2020\n    indicators:\n      - {number: 1, name: \"Tỷ lệ nước thải đô thị được thu gom, xử lý đạt quy chuẩn kỹ thuật môi trường\", unit: \"%\", compute: rate}\n      - {number: 11, name: \"Tỷ lệ chất thải rắn sinh hoạt được phân loại tại nguồn\", unit: \"%\", compute: rate}\n",
    )?;
    let mut recipients = String::from("groups:\n");
    for p in 1..=size.provinces {
        recipients.push_str(&format!(
            "  - {{id: \"p{p:02}\", style: \"listed\", label: \"Các Sở tỉnh {p:02}\"}}\n"
        ));
    }
    recipients.push_str("recipients:\n");
    for p in 1..=size.provinces {
        for r in 1..=size.recipients {
            recipients.push_str(&format!(
                "  - id: \"p{p:02}-r{r:02}\"\n    name: \"Sở số {r:02} tỉnh {p:02}\"\n    short: \"số {r:02}\"\n    group: \"p{p:02}\"\n    requests: [{{indicator: 1}}, {{indicator: 11}}, {{text: \"Cung cấp tài liệu minh chứng năm {{{{ year }}}}.\"}}]\n"
            ));
        }
    }
    write(&root.join("data/recipients.yaml"), &recipients)?;
    for p in 1..=size.provinces {
        write(
            &root.join(format!("letters/2022/p{p:02}.yaml")),
            &format!(
                "kind: cong-van\ndata_year: 2022\nunit: TH\ndate: \"2023-02\"\ndeadline: \"2023-02-28\"\nsubject: \"đề nghị cung cấp thông tin năm {{{{ year }}}}\"\nsigner: pct\nrecipients: [p{p:02}]\nbasis: \"Thống kê theo Biểu mẫu\"\nguidance: \"tài liệu hướng dẫn gửi kèm theo\"\nopening:\n  - \"Để tổng hợp kết quả năm {{{{ year }}}}, đề nghị các cơ quan cung cấp thông tin như sau:\"\nclosing:\n  - \"Văn bản gửi về trước ngày {{{{ deadline }}}}.\"\ncc: [\"Lãnh đạo Cục\"]\n"
            ),
        )?;
        write(
            &root.join(format!("letters/2022/bc-p{p:02}.yaml")),
            &format!(
                "kind: bao-cao\ndata_year: 2022\ndate: \"2023-03\"\nsubject: \"Kết quả năm {{{{ year }}}} của tỉnh {p:02}\"\nsigner: pct\nrequest_letter: \"p{p:02}\"\nopening: [\"Căn cứ số liệu các cơ quan gửi về.\"]\n"
            ),
        )?;
        for r in 1..=size.recipients {
            write(
                &root.join(format!("data/2022/p{p:02}-r{r:02}.yaml")),
                &format!(
                    "illustrative: true\nrecipient: \"p{p:02}-r{r:02}\"\nreceived: \"2023-02-20\"\nanswers:\n  - {{indicator: 1, numerator: {}, denominator: 1000}}\n  - {{indicator: 11, numerator: {}, denominator: 500}}\ntexts: [{{about: \"minh chứng\", answer: \"Đã gửi kèm.\"}}]\n",
                    400 + r * 10,
                    100 + r
                ),
            )?;
        }
    }
    Ok(())
}

/// Peak resident memory of this process (Linux), in MiB.
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Runs `vanban build` (the binary `exe`) on the campaign as a new process.
fn build(exe: &Path, work: &Path, root: &Path, force: bool) -> Result<Run, String> {
    let timings = work.join("timings.json");
    let _ = std::fs::remove_file(&timings);
    let mut command = Command::new(exe);
    command
        .arg("--quiet")
        .arg("build")
        .arg(root)
        .arg("--timings")
        .arg(&timings)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if force {
        command.arg("--force");
    }
    let start = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", exe.display()))?;
    let wall = start.elapsed();
    if !output.status.success() {
        return Err(format!(
            "the synthetic campaign did not build ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    let measured = std::fs::read(&timings)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or_else(|| {
            format!(
                "the build did not report its timings in `{}`",
                timings.display()
            )
        })?;
    Ok(Run { wall, measured })
}

/// Generates the campaign under `work` and measures the builds, each run by `exe` (this
/// program) as a new process; `step` is told what is being measured.
fn run(exe: &Path, work: &Path, size: Size, step: &dyn Fn(&str)) -> Result<Results, Error> {
    measure(exe, work, size, step).map_err(Error::Setup)
}

/// [`run`], with its failure as text.
fn measure(exe: &Path, work: &Path, size: Size, step: &dyn Fn(&str)) -> Result<Results, String> {
    let root = work.join("campaign");
    // A last run's campaign is moved aside and deleted after the measurements, as each cold
    // build's out/ is (see below).
    let before = work.join("campaign-before");
    let _ = std::fs::remove_dir_all(&before);
    if std::fs::rename(&root, &before).is_err() {
        let _ = std::fs::remove_dir_all(&root);
    }
    step("generating the synthetic campaign");
    generate(&root, size)?;
    let repeat = size.repeat.max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut cold = Series { runs: Vec::new() };
    let mut warm = Series { runs: Vec::new() };
    let mut correction = Series { runs: Vec::new() };
    let answer = root.join("data/2022/p01-r01.yaml");
    let cli = typst_on_path();
    let python = python_typst();
    let documents = if cli.is_ok() || python.is_ok() {
        step("preparing the documents for the Typst peers");
        Some(typst_documents(&root, work))
    } else {
        None
    };
    let mut typst = match (&documents, cli) {
        (Some(Ok(_)), Ok(version)) => Ok(TypstRun {
            version,
            letters: 0,
            documents: 0,
            wall: Duration::ZERO,
            parallel: cores,
        }),
        (Some(Err(e)), Ok(_)) => Err(e.clone()),
        (None, Ok(_)) => Err("not measured: the documents were not prepared".into()),
        (_, Err(why)) => Err(why),
    };
    let mut python = match (&documents, python) {
        (Some(Ok(d)), Ok(version)) => python_peer(&work.join("typst"), d).map(|files| {
            (
                files,
                PythonRun {
                    version,
                    documents: d.roots.len(),
                    runs: Vec::new(),
                    parallel: cores,
                },
            )
        }),
        (Some(Err(e)), Ok(_)) => Err(e.clone()),
        (None, Ok(_)) => Err("not measured: the documents were not prepared".into()),
        (_, Err(why)) => Err(why),
    };
    // The measurements take turns, so a machine that slows down or speeds up midway weighs
    // on every one of them alike.
    for n in 1..=repeat {
        step(&format!("cold full build ({n} of {repeat})"));
        // The last run's out/ is moved aside, and deleted after the last measurement: on ext4
        // without a journal, files made within minutes of deleting thousands of others send
        // the kernel scanning past the freed inodes (about a second of system time here),
        // which is the deletion's cost, not the build's.
        let aside = work.join(format!("out-before-cold-{n}"));
        let _ = std::fs::remove_dir_all(&aside);
        if std::fs::rename(root.join("out"), &aside).is_err() {
            let _ = std::fs::remove_dir_all(root.join("out"));
        }
        cold.runs.push(build(exe, work, &root, false)?);
        step(&format!("warm full build, --force ({n} of {repeat})"));
        warm.runs.push(build(exe, work, &root, true)?);
        // One corrected figure in one answer: 410, then 420, 430…
        let text = std::fs::read_to_string(&answer).map_err(|e| e.to_string())?;
        let (before, after) = (400 + 10 * n, 410 + 10 * n);
        let corrected = text.replacen(
            &format!("numerator: {before},"),
            &format!("numerator: {after},"),
            1,
        );
        if corrected == text {
            return Err(format!(
                "`{}` has no figure {before} to correct",
                answer.display()
            ));
        }
        std::fs::write(&answer, corrected).map_err(|e| e.to_string())?;
        step(&format!("one-figure correction ({n} of {repeat})"));
        correction.runs.push(build(exe, work, &root, false)?);
        if let (Ok((files, run)), Some(Ok(documents))) = (&mut python, &documents) {
            step(&format!("the Python `typst` worker pool ({n} of {repeat})"));
            let (script, listing) = files;
            match python_compile(script, &documents.fonts, listing, cores, run.documents) {
                Ok(wall) => run.runs.push(wall),
                Err(problem) => python = Err(problem),
            }
        }
        if let (Ok(run), Some(Ok(documents))) = (&mut typst, &documents) {
            step(&format!(
                "one `typst` process per document, part {n} of {repeat}"
            ));
            let part: Vec<_> = documents.roots.iter().skip(n - 1).step_by(repeat).collect();
            match typst_compile(&documents.fonts, &part, cores) {
                Ok(wall) => {
                    run.wall += wall;
                    run.documents += part.len();
                    run.letters = documents.letters;
                }
                Err(problem) => typst = Err(problem),
            }
        }
    }
    let _ = std::fs::remove_dir_all(work.join("typst"));
    for n in 1..=repeat {
        let _ = std::fs::remove_dir_all(work.join(format!("out-before-cold-{n}")));
    }
    let _ = std::fs::remove_dir_all(&before);
    let python = python.map(|(_, run)| run);
    Ok(Results {
        size,
        letters: size.provinces * size.recipients,
        documents: cold.median().measured.compiled,
        cold,
        warm,
        correction,
        typst,
        python,
        cores,
    })
}

/// The results as the Markdown report.
pub(crate) fn markdown(r: &Results) -> String {
    let per_second = |d: Duration| r.letters as f64 / d.as_secs_f64().max(1e-9);
    let secs = |d: Duration| d.as_secs_f64();
    let mut md = String::new();
    let _ = writeln!(md, "# vanban benchmark\n");
    let _ = writeln!(
        md,
        "Synthetic campaign: {} provinces × {} recipients = {} per-agency letters, plus {} combined letters, {} reports and each agency's reply workbook ({} files). Machine: {} cores. vanban {}, Typst {TYPST_VERSION}.\n",
        r.size.provinces,
        r.size.recipients,
        r.letters,
        r.size.provinces,
        r.size.provinces,
        r.documents,
        r.cores,
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(
        md,
        "Each build is a new `vanban build` process, timed from start to exit, {} times; the table gives the median and the range. Letters per second count the per-agency letters only, although each full build also compiles the combined letters and the reports.\n",
        r.size.repeat.max(1)
    );
    let peak = [&r.cold, &r.warm, &r.correction]
        .iter()
        .filter_map(|s| s.peak_mib())
        .reduce(f64::max);
    let range = |s: &Series| {
        let (low, high) = s.range();
        format!("{:.2}–{:.2} s", secs(low), secs(high))
    };
    let (cold, warm, correction) = (
        r.cold.median().wall,
        r.warm.median().wall,
        r.correction.median().wall,
    );
    let _ = writeln!(md, "| measure | result | target |\n|---|---|---|");
    let _ = writeln!(
        md,
        "| full build, cold (empty `out/`) | {:.2} s ({}), {:.0} letters/s | |",
        secs(cold),
        range(&r.cold),
        per_second(cold)
    );
    let _ = writeln!(
        md,
        "| full build, warm (`build --force`) | {:.2} s ({}), {:.0} letters/s | ≥ 300 letters/s |",
        secs(warm),
        range(&r.warm),
        per_second(warm)
    );
    let _ = writeln!(
        md,
        "| one-figure correction (`build`) | {:.2} s ({}), {} document rebuilt, {:.1} % of the warm full build | < 5 % |",
        secs(correction),
        range(&r.correction),
        r.correction.median().measured.compiled,
        100.0 * secs(correction) / secs(warm).max(1e-9)
    );
    let _ = writeln!(
        md,
        "| peak memory of a build process | {} | < 200 MB |",
        peak.map_or("unknown on this system".into(), |m| format!(
            "{m:.0} MiB ({:.0} MB)",
            m * 1.048_576
        ))
    );
    match &r.python {
        Ok(p) => {
            let theirs = p.median();
            let (low, high) = (
                p.runs.iter().min().copied().unwrap_or_default(),
                p.runs.iter().max().copied().unwrap_or_default(),
            );
            let _ = writeln!(
                md,
                "| Python `typst` {} worker pool, {} processes, one `typst.Compiler` each | {:.2} s ({:.2}–{:.2} s) for the same {} documents; vanban warm is {:.2}× faster, cold {:.2}× | warm ≥ 1.5×, cold ≥ 1.2× |",
                p.version,
                p.parallel,
                secs(theirs),
                secs(low),
                secs(high),
                p.documents,
                secs(theirs) / secs(warm).max(1e-9),
                secs(theirs) / secs(cold).max(1e-9)
            );
        }
        Err(why) => {
            let _ = writeln!(
                md,
                "| Python `typst` worker pool | {why} | warm ≥ 1.5×, cold ≥ 1.2× |"
            );
        }
    }
    match &r.typst {
        Ok(t) => {
            let theirs = t.letters as f64 / secs(t.wall).max(1e-9);
            let _ = writeln!(
                md,
                "| one `typst compile` process per document, {} at a time | {:.2} s for the same {} documents, {:.0} letters/s; vanban warm is {:.1}× faster (cold {:.1}×) | vanban ≥ 4× |",
                t.parallel,
                secs(t.wall),
                t.documents,
                theirs,
                per_second(warm) / theirs,
                per_second(cold) / theirs
            );
        }
        Err(why) => {
            let _ = writeln!(
                md,
                "| one `typst` process per document | {why} | vanban ≥ 4× |"
            );
        }
    }
    if let Ok(p) = &r.python {
        let _ = writeln!(
            md,
            "\nThe Python peer is the loop a user who knows Typst would write: `python3` with the package `typst` {}, a `multiprocessing.Pool` of {} worker processes (as many as cores), each holding one `typst.Compiler(font_paths=[<Tinos>], ignore_system_fonts=True)` and compiling documents one after another with `compile(input=<document>/<template>, root=<document>, output=…, pdf_standards=\"a-2b\")`, on the same templates, fonts and inputs as vanban. Each run is a new `python3` process over all {} documents, timed from start to exit, taking turns with vanban's builds.",
            p.version, p.parallel, p.documents
        );
    }
    if let Ok(t) = &r.typst {
        let _ = writeln!(
            md,
            "\nThe comparison ran `{}` once per document with `--root <document> --font-path <Tinos> --ignore-system-fonts --pdf-standard a-2b --jobs 1`, on the same templates, fonts and data as the warm build and on as many processes at a time as the machine has cores. Both sides compile all {} documents and count the {} per-agency letters; vanban also adds the signature fields and syncs every file to disk, which `typst` does not.",
            t.version, t.documents, t.letters
        );
    }
    let _ = writeln!(
        md,
        "\nA cold build writes every PDF. A warm build compiles every document again but leaves a PDF on disk untouched when the new one is byte for byte the same (vanban's output is reproducible), so it writes nothing here."
    );
    for (title, run) in [
        ("cold full build", r.cold.median()),
        ("warm full build", r.warm.median()),
        ("one-figure correction", r.correction.median()),
    ] {
        let m = &run.measured;
        let _ = writeln!(
            md,
            "\n## Where the time goes: {title} (median run)\n\n| stage | wall time | share |\n|---|---|---|"
        );
        let total = secs(run.wall) * 1e3;
        let mut accounted = 0.0;
        for (stage, ms) in &m.stages {
            accounted += ms;
            let _ = writeln!(md, "| {stage} | {ms:.0} ms | {:.0} % |", 100.0 * ms / total);
        }
        let rest = (total - accounted).max(0.0);
        let _ = writeln!(
            md,
            "| process start and exit, locking, progress | {rest:.0} ms | {:.0} % |",
            100.0 * rest / total
        );
        let busy: f64 = m.steps.iter().map(|(_, ms)| ms).sum();
        if busy > 0.0 {
            let _ = writeln!(
                md,
                "\nInside the parallel stage, each step's time summed over the threads that ran it ({} compiling, one writing), as each thread's clock saw it (a thread waiting for a core counts that wait, so with more threads than cores the sum exceeds the CPU time; the shares are what counts):\n\n| step | thread time | share |\n|---|---|---|",
                r.cores * crate::queue::THREADS_PER_CORE
            );
            for (step, ms) in &m.steps {
                let _ = writeln!(md, "| {step} | {ms:.0} ms | {:.0} % |", 100.0 * ms / busy);
            }
        }
    }
    md
}

/// Runs the benchmark as `vanban bench` does: generates the campaign in `work` (kept) or in
/// a scratch folder (removed afterwards), measures it, writes the Markdown report to
/// `report` and returns it; `step` is told what is being measured.
pub fn bench(
    size: Size,
    work: Option<&Path>,
    report: &Path,
    step: &dyn Fn(&str),
) -> Result<String, Error> {
    let exe = std::env::current_exe()
        .map_err(|e| Error::io("cannot find the vanban program to run builds", e))?;
    let scratch = work.is_none();
    let work = match work {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("cannot create `{}`", dir.display()), e))?;
            dir.to_path_buf()
        }
        None => {
            let dir = std::env::temp_dir().join(format!("vanban-bench-{}", std::process::id()));
            std::fs::create_dir_all(&dir)
                .map_err(|e| Error::io(format!("cannot create `{}`", dir.display()), e))?;
            dir
        }
    };
    let result = run(&exe, &work, size, step);
    if scratch {
        let _ = std::fs::remove_dir_all(&work);
    }
    let md = markdown(&result?);
    crate::output::write_atomic(report, md.as_bytes())
        .map_err(|e| Error::io(format!("cannot write `{}`", report.display()), e))?;
    Ok(md)
}
