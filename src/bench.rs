//! `vanban bench`: a reproducible benchmark on a synthetic national campaign (by default 63
//! provinces × 15 recipients: 945 per-agency letters, 63 combined letters and 63 reports),
//! measuring a cold and a warm full build, the rebuild after one figure changes and the peak
//! memory, and writing the results as Markdown. Timing goals live here, never in tests.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::{BuildOptions, Report};

/// The size of the synthetic campaign.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Provinces (one request letter and one report each).
    pub provinces: usize,
    /// Recipients per province.
    pub recipients: usize,
}

/// What the benchmark measured.
#[derive(Debug)]
pub struct Results {
    /// The campaign.
    pub size: Size,
    /// Documents in a full build.
    pub documents: usize,
    /// Per-agency letters in a full build.
    pub letters: usize,
    /// Cold full build (fonts, templates and caches loaded from scratch).
    pub cold: Duration,
    /// Warm full build (`--force`, same process).
    pub warm: Duration,
    /// Rebuild after one figure of one answer changed.
    pub correction: Duration,
    /// Documents that rebuild compiled.
    pub correction_documents: usize,
    /// Peak resident memory of the process, in MiB, if known.
    pub peak_mib: Option<f64>,
    /// Cores available.
    pub cores: usize,
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

/// Writes the synthetic campaign into `root`.
pub fn generate(root: &Path, size: Size) -> Result<(), String> {
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

/// Generates the campaign in a temporary folder under `work` and measures the builds.
pub fn run(work: &Path, size: Size) -> Result<Results, String> {
    let root = work.join("campaign");
    let _ = std::fs::remove_dir_all(&root);
    generate(&root, size)?;
    let out = root.join("out");
    let full = |force: bool| -> Result<(Report, Duration), String> {
        let start = Instant::now();
        let report = crate::build_with(
            &root,
            &out,
            &BuildOptions {
                force,
                ..Default::default()
            },
            &|_| {},
        );
        if report.exit_code() != 0 {
            return Err(format!(
                "the synthetic campaign did not build: {:?} {:?}",
                report.fatal,
                report.diagnostics.first()
            ));
        }
        Ok((report, start.elapsed()))
    };
    let (cold_report, cold) = full(false)?;
    let (_, warm) = full(true)?;
    // One corrected figure in one answer.
    let answer = root.join("data/2022/p01-r01.yaml");
    let text = std::fs::read_to_string(&answer).map_err(|e| e.to_string())?;
    std::fs::write(
        &answer,
        text.replacen("numerator: 410", "numerator: 420", 1),
    )
    .map_err(|e| e.to_string())?;
    let (correction_report, correction) = full(false)?;
    let letters = cold_report
        .written
        .iter()
        .filter(|p| p.components().count() == 3)
        .count();
    Ok(Results {
        size,
        documents: cold_report.written.len(),
        letters,
        cold,
        warm,
        correction,
        correction_documents: correction_report.rebuilt.len(),
        peak_mib: peak_mib(),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
    })
}

/// The results as the Markdown report.
pub fn markdown(r: &Results) -> String {
    let per_second = |d: Duration| r.letters as f64 / d.as_secs_f64().max(1e-9);
    let mut md = String::new();
    let _ = writeln!(md, "# vanban benchmark\n");
    let _ = writeln!(
        md,
        "Synthetic campaign: {} provinces × {} recipients = {} per-agency letters, plus {} combined letters and {} reports ({} documents). Machine: {} cores. vanban {}.\n",
        r.size.provinces,
        r.size.recipients,
        r.letters,
        r.size.provinces,
        r.size.provinces,
        r.documents,
        r.cores,
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(md, "| measure | result | target |\n|---|---|---|");
    let _ = writeln!(
        md,
        "| full build, cold | {:.2} s, {:.0} letters/s | |",
        r.cold.as_secs_f64(),
        per_second(r.cold)
    );
    let _ = writeln!(
        md,
        "| full build, warm | {:.2} s, {:.0} letters/s | ≥ 300 letters/s |",
        r.warm.as_secs_f64(),
        per_second(r.warm)
    );
    let ratio = r.correction.as_secs_f64() / r.warm.as_secs_f64().max(1e-9);
    let _ = writeln!(
        md,
        "| one-figure correction | {:.2} s ({} documents rebuilt), {:.1} % of the warm full build | < 10 % |",
        r.correction.as_secs_f64(),
        r.correction_documents,
        ratio * 100.0
    );
    let _ = writeln!(
        md,
        "| peak memory | {} | < 200 MB |",
        r.peak_mib
            .map_or("unknown on this system".into(), |m| format!("{m:.0} MiB"))
    );
    let typst = which("typst");
    let _ = writeln!(
        md,
        "| one `typst` process per letter | {} | vanban ≥ 4× |",
        match typst {
            Some(path) => format!(
                "`{}` found but not measured by this version of the benchmark",
                path.display()
            ),
            None => "not measured: no `typst` binary on PATH".into(),
        }
    );
    let _ = writeln!(
        md,
        "\nEach build compiles every document in parallel over all cores with one Typst engine (fonts and templates loaded once); the correction run is incremental (see README)."
    );
    md
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}
