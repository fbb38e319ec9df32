//! `claimtrack bench`: generates a corpus of German and English agency-style articles with
//! varied figures, then measures extraction speed on one thread and on all threads: the core
//! (extraction of texts in memory) and end to end (`claimtrack extract --format json` run as
//! a child process over a folder of files, reading, extracting and writing JSON), with the
//! articles per second and the child's peak memory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::extract::Extractor;
use crate::io::load::Document;
use crate::io::pipeline;

/// A small deterministic random generator (xorshift64*), so every run measures the same corpus
/// (the robustness tests use it too).
pub struct Rng(pub u64);

impl Rng {
    /// The next pseudo-random number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const DE_SENTENCES: [&str; 14] = [
    "Nach Angaben {SRC_GEN} wurden {Q}{N} Soldaten in die Grenzregion verlegt.",
    "{SRC_NOM} teilte am {DAY}. {MONTH} mit, {Q}{N} Menschen seien aus der Region geflohen.",
    "Laut {SRC_DAT} kamen bei den Gefechten {Q}{N} Menschen ums Leben.",
    "Die Regierung will {Q}{N} Millionen Euro für den Wiederaufbau ausgeben, sagte {PERSON}.",
    "Die Inflation stieg im {MONTH} auf {PCT} Prozent.",
    "{SRC_DAT} zufolge sind zwischen {N} und {N2} Fahrzeuge beschädigt worden.",
    "Seit {YEAR} hat sich die Zahl der Flüchtlinge verdreifacht.",
    "Zehntausende Menschen demonstrierten am Wochenende in der Hauptstadt.",
    "Die Polizei nahm {Q}{N} Personen fest, wie ein Sprecher erklärte.",
    "Ein Viertel der Befragten hält die Lage für ernst, zwei Drittel sehen keine Besserung.",
    "Die Gespräche sollen am {DAY}. {MONTH} in Genf fortgesetzt werden.",
    "Der 54-jährige Minister äußerte sich am Abend nicht mehr zu den Vorwürfen.",
    "Beobachter rechnen damit, dass die Verhandlungen noch Wochen dauern werden.",
    "Die Hilfsorganisation verteilte {N} Tonnen Lebensmittel an {Q}{N2} Familien.",
];

const EN_SENTENCES: [&str; 14] = [
    "According to {SRC_EN}, {Q_EN}{N_EN} troops have been deployed near the border.",
    "{SRC_EN_CAP} said {Q_EN}{N_EN} people had fled the region since {MONTH_EN}.",
    "The government plans to spend ${N_SMALL}bn on reconstruction, {PERSON} said.",
    "Inflation rose to {PCT_EN}% in {MONTH_EN}, the statistics office said.",
    "Between {N_EN} and {N2_EN} vehicles were damaged, officials estimated.",
    "Tens of thousands of people marched through the capital on Saturday.",
    "Police arrested {Q_EN}{N_EN} protesters, a spokesman told reporters.",
    "Four in ten voters said they trusted the government, a poll found.",
    "Talks are due to resume on {MONTH_EN} {DAY} in Geneva.",
    "The 54-year-old minister declined to comment on Friday evening.",
    "Observers expect the negotiations to take weeks.",
    "The agency delivered {N_EN} tonnes of food to {Q_EN}{N2_EN} families.",
    "Since {YEAR}, the number of refugees has tripled.",
    "Shares in the company fell {PCT_EN}% to {N_SMALL}.{DAY} euros.",
];

/// Sentences without figures: news text is mostly words, so the corpus mixes these in to get
/// the density of real articles (about 3-4 figures per KB, as in the dev set).
const DE_PLAIN: [&str; 12] = [
    "Die Regierung wies die Vorwürfe am Abend entschieden zurück und sprach von einer gezielten Kampagne.",
    "Beobachter zeigten sich besorgt über die Lage in der Grenzregion, in der seit Wochen Spannungen herrschen.",
    "Ein Sprecher des Außenministeriums wollte sich zu den Berichten zunächst nicht äußern.",
    "Die Opposition forderte eine rasche Aufklärung und kündigte eine Sondersitzung des Parlaments an.",
    "In der Hauptstadt blieb es am Wochenende weitgehend ruhig, wie Augenzeugen berichteten.",
    "Die Gespräche zwischen beiden Seiten sollen nach Angaben von Diplomaten in der kommenden Woche fortgesetzt werden.",
    "Nach dem Treffen sprachen beide Delegationen von einem offenen und konstruktiven Austausch.",
    "Kritiker werfen der Führung vor, die Bevölkerung nicht ausreichend über die Pläne informiert zu haben.",
    "Die Hilfsorganisationen warnten vor einer weiteren Verschlechterung der Versorgungslage im Winter.",
    "Der Minister betonte, man setze weiterhin auf eine diplomatische Lösung des Konflikts.",
    "Die Entscheidung stieß in den Nachbarländern auf ein geteiltes Echo.",
    "Unklar blieb zunächst, wann die angekündigten Maßnahmen in Kraft treten sollen.",
];

const EN_PLAIN: [&str; 12] = [
    "The government rejected the accusations on Monday evening and spoke of a deliberate campaign.",
    "Observers expressed concern about the situation in the border region, where tensions have been high for weeks.",
    "A foreign ministry spokesman declined to comment on the reports.",
    "The opposition called for a swift investigation and demanded an emergency session of parliament.",
    "The capital remained largely calm over the weekend, witnesses said.",
    "Diplomats said talks between the two sides were expected to continue next week.",
    "After the meeting, both delegations described the exchange as open and constructive.",
    "Critics accuse the leadership of failing to inform the public about its plans.",
    "Aid agencies warned that the supply situation could deteriorate further during the winter.",
    "The minister stressed that the government still hoped for a diplomatic solution.",
    "The decision drew a mixed response in neighbouring countries.",
    "It remained unclear when the announced measures would take effect.",
];

const DE_QUAL: [&str; 8] = [
    "",
    "",
    "rund ",
    "mehr als ",
    "knapp ",
    "bis zu ",
    "mindestens ",
    "etwa ",
];
const EN_QUAL: [&str; 8] = [
    "",
    "",
    "about ",
    "more than ",
    "nearly ",
    "up to ",
    "at least ",
    "some ",
];
const DE_SRC_GEN: [&str; 4] = [
    "der Polizei",
    "des Verteidigungsministeriums",
    "der Vereinten Nationen",
    "von Beobachtern",
];
const DE_SRC_NOM: [&str; 4] = [
    "Das Innenministerium",
    "Die Armee",
    "Der Kreml",
    "Das Rote Kreuz",
];
const DE_SRC_DAT: [&str; 4] = [
    "dem Verteidigungsministerium",
    "der Nachrichtenagentur Reuters",
    "den Behörden",
    "der Regierung",
];
const EN_SRC: [&str; 4] = [
    "the defence ministry",
    "the United Nations",
    "local officials",
    "the Red Cross",
];
const PERSONS: [&str; 4] = ["Anna Berger", "Tomas Reb", "Jane Miller", "Peter Lind"];
const MONTHS_DE: [&str; 6] = ["Januar", "März", "Mai", "Juli", "September", "November"];
const MONTHS_EN: [&str; 6] = ["January", "March", "May", "July", "September", "November"];

fn german_number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn english_number(n: u64) -> String {
    german_number(n).replace('.', ",")
}

fn fill(template: &str, rng: &mut Rng) -> String {
    let n = 10 + rng.next_u64() % 120_000;
    let n2 = n + 1 + rng.next_u64() % 5_000;
    let mut s = template.to_string();
    let replacements: [(&str, String); 20] = [
        ("{Q}", rng.pick(&DE_QUAL).to_string()),
        ("{Q_EN}", rng.pick(&EN_QUAL).to_string()),
        ("{N}", german_number(n)),
        ("{N2}", german_number(n2)),
        ("{N_EN}", english_number(n)),
        ("{N2_EN}", english_number(n2)),
        ("{N_SMALL}", (1 + rng.next_u64() % 90).to_string()),
        (
            "{PCT}",
            format!("{},{}", 1 + rng.next_u64() % 20, rng.next_u64() % 10),
        ),
        (
            "{PCT_EN}",
            format!("{}.{}", 1 + rng.next_u64() % 20, rng.next_u64() % 10),
        ),
        ("{SRC_GEN}", rng.pick(&DE_SRC_GEN).to_string()),
        ("{SRC_NOM}", rng.pick(&DE_SRC_NOM).to_string()),
        ("{SRC_DAT}", rng.pick(&DE_SRC_DAT).to_string()),
        ("{SRC_EN_CAP}", {
            let s = rng.pick(&EN_SRC);
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }),
        ("{SRC_EN}", rng.pick(&EN_SRC).to_string()),
        ("{PERSON}", rng.pick(&PERSONS).to_string()),
        ("{MONTH}", rng.pick(&MONTHS_DE).to_string()),
        ("{MONTH_EN}", rng.pick(&MONTHS_EN).to_string()),
        ("{DAY}", (1 + rng.next_u64() % 28).to_string()),
        ("{YEAR}", (1990 + rng.next_u64() % 34).to_string()),
        ("{X}", String::new()),
    ];
    for (key, value) in &replacements {
        if s.contains(key) {
            s = s.replace(key, value);
        }
    }
    s
}

/// Generates `bytes` of articles: German and English alternately, 12-30 sentences each.
#[must_use]
pub fn corpus(bytes: usize) -> Vec<Document> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut docs = Vec::new();
    let mut total = 0;
    let mut k = 0usize;
    while total < bytes {
        let english = k % 3 == 2;
        let mut text = format!(
            " date 20{:02}-{:02}\n\n",
            20 + rng.below(6),
            1 + rng.below(12)
        );
        let sentences = 12 + rng.below(19);
        for i in 0..sentences {
            let with_figures = rng.below(5) < 2;
            let template = match (english, with_figures) {
                (true, true) => rng.pick(&EN_SENTENCES),
                (true, false) => rng.pick(&EN_PLAIN),
                (false, true) => rng.pick(&DE_SENTENCES),
                (false, false) => rng.pick(&DE_PLAIN),
            };
            text.push_str(&fill(template, &mut rng));
            text.push_str(if i % 4 == 3 { "\n\n" } else { " " });
        }
        total += text.len();
        docs.push(Document::from_text(&format!("bench/{k:06}.txt"), text));
        k += 1;
    }
    docs
}

/// Timed runs of each pass; the fastest is reported.
const RUNS: usize = 3;

/// Runs the benchmark and returns its report; `paths` are the files or folders to run end to
/// end over (none: the generated corpus, written to a temporary folder one file per article).
#[must_use]
pub fn run(mb: usize, threads: Option<usize>, paths: &[PathBuf]) -> String {
    let mut report = String::new();
    let started = Instant::now();
    // The given files, read into memory, else the generated corpus.
    let docs: Vec<Document> = if paths.is_empty() {
        corpus(mb * 1_000_000)
    } else {
        crate::io::load::expand_paths(paths)
            .0
            .iter()
            .filter_map(|f| crate::io::load::load_file(f).ok())
            .collect()
    };
    if docs.is_empty() {
        let _ = writeln!(report, "no article to measure");
        return report;
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let megabytes = bytes as f64 / 1e6;
    let _ = writeln!(
        report,
        "corpus: {} articles, {megabytes:.1} MB, {} in {:.2} s",
        docs.len(),
        if paths.is_empty() {
            "generated"
        } else {
            "read"
        },
        started.elapsed().as_secs_f64()
    );
    let _ = writeln!(report, "core (extraction of the texts in memory):");
    let extractor = Extractor::new();
    // Warm up the lexicons.
    let _ = extractor.extract(&docs[0]);
    // Each pass is timed three times and the fastest counts: the machine's noise only ever adds.
    let mut claims = 0usize;
    let mut one = f64::INFINITY;
    for _ in 0..RUNS {
        let t = Instant::now();
        claims = docs.iter().map(|d| extractor.extract(d).claims.len()).sum();
        one = one.min(t.elapsed().as_secs_f64());
    }
    let _ = writeln!(
        report,
        "density: {:.1} claims per KB (the dev set of real articles has about 3.7)",
        claims as f64 / (bytes as f64 / 1000.0)
    );
    let _ = writeln!(
        report,
        "1 thread:   {:7.1} MB/s  {:9.0} articles/s  ({claims} claims, {one:.2} s)",
        megabytes / one,
        docs.len() as f64 / one
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build();
    let (n_threads, all) = match pool {
        // One thread was asked for: the line above already says how fast that is.
        Ok(pool) if pool.current_num_threads() == 1 => (1, one),
        Ok(pool) => {
            let mut secs = f64::INFINITY;
            let mut out = Vec::new();
            for _ in 0..RUNS {
                let t = Instant::now();
                out = pool.install(|| pipeline::extract_documents(&docs, &extractor));
                secs = secs.min(t.elapsed().as_secs_f64());
            }
            let parallel_claims: usize = out.iter().map(|a| a.claims.len()).sum();
            if parallel_claims != claims {
                let _ = writeln!(
                    report,
                    "warning: {parallel_claims} claims in parallel, {claims} on one thread"
                );
            }
            (pool.current_num_threads(), secs)
        }
        Err(_) => (1, one),
    };
    if n_threads > 1 {
        let _ = writeln!(
            report,
            "{n_threads} threads: {:7.1} MB/s  {:9.0} articles/s  ({all:.2} s)",
            megabytes / all,
            docs.len() as f64 / all
        );
    }
    let folder = if paths.is_empty() {
        match write_corpus(&docs) {
            Ok(dir) => Some(dir),
            Err(e) => {
                let _ = writeln!(report, "end to end: could not write the corpus: {e}");
                return report;
            }
        }
    } else {
        None
    };
    let inputs: Vec<PathBuf> = match &folder {
        Some(dir) => vec![dir.clone()],
        None => paths.to_vec(),
    };
    end_to_end(&mut report, &inputs, threads, n_threads);
    if let Some(dir) = folder {
        let _ = std::fs::remove_dir_all(dir);
    }
    report
}

/// Writes the generated articles to a new temporary folder, one file each.
fn write_corpus(docs: &[Document]) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("claimtrack-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    for (k, doc) in docs.iter().enumerate() {
        std::fs::write(dir.join(format!("{k:06}.txt")), &doc.text)?;
    }
    Ok(dir)
}

/// `claimtrack extract --format json` over `inputs` as a child process (the output thrown
/// away) on one thread and on all: the fastest of three runs, and the child's peak memory.
fn end_to_end(report: &mut String, inputs: &[PathBuf], threads: Option<usize>, n_threads: usize) {
    let (files, _) = crate::io::load::expand_paths(inputs);
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let megabytes = bytes as f64 / 1e6;
    let _ = writeln!(
        report,
        "end to end (read, extract, write JSON): {} files, {megabytes:.1} MB",
        files.len()
    );
    let Ok(exe) = std::env::current_exe() else {
        let _ = writeln!(report, "end to end: the program's own path is unknown");
        return;
    };
    let all = threads.unwrap_or(n_threads);
    let mut runs = vec![("1 thread:  ".to_string(), 1)];
    if all > 1 {
        runs.push((format!("{all} threads:"), all));
    }
    for (label, n) in runs {
        let mut best = f64::INFINITY;
        let mut peak = None;
        for _ in 0..RUNS {
            match run_extract(&exe, inputs, n) {
                Ok((secs, kb)) => {
                    best = best.min(secs);
                    peak = peak.max(kb);
                }
                Err(e) => {
                    let _ = writeln!(report, "end to end: {e}");
                    return;
                }
            }
        }
        let memory = peak.map_or_else(
            || "unknown".to_string(),
            |kb| format!("{:.0} MB", kb as f64 / 1024.0),
        );
        let _ = writeln!(
            report,
            "{label} {:7.1} MB/s  {:9.0} articles/s  ({best:.2} s, peak memory {memory})",
            megabytes / best,
            files.len() as f64 / best
        );
    }
}

/// One run of the child: its wall time and the peak memory it reported, in KB.
fn run_extract(
    exe: &Path,
    inputs: &[PathBuf],
    threads: usize,
) -> std::io::Result<(f64, Option<u64>)> {
    let started = Instant::now();
    let output = std::process::Command::new(exe)
        .arg("extract")
        .args(["--format", "json", "--threads", &threads.to_string()])
        .args(inputs)
        .env(PEAK_MEMORY_ENV, "1")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .output()?;
    let secs = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let kb = stderr
        .lines()
        .find_map(|l| l.strip_prefix(PEAK_MEMORY_PREFIX))
        .and_then(|v| v.trim().parse().ok());
    Ok((secs, kb))
}

/// Set in a child's environment, it makes `claimtrack` report its peak memory on exit.
pub const PEAK_MEMORY_ENV: &str = "CLAIMTRACK_REPORT_PEAK_MEMORY";

/// How that report begins, followed by kilobytes.
const PEAK_MEMORY_PREFIX: &str = "claimtrack: peak memory kB: ";

/// Writes the peak memory report to standard error when [`PEAK_MEMORY_ENV`] is set (Linux:
/// the resident high-water mark `VmHWM` of `/proc/self/status`).
pub fn report_peak_memory() {
    if std::env::var_os(PEAK_MEMORY_ENV).is_none() {
        return;
    }
    let kb = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        });
    if let Some(kb) = kb {
        eprintln!("{PEAK_MEMORY_PREFIX}{kb}");
    }
}
