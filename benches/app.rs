//! The app's benchmark (`cargo bench --bench app`): frame time with 100 and with 100,000
//! claims open, view by view, and loading 10,000 article files while the window keeps
//! drawing with a moving progress bar. Frames run through `egui_kittest` (the UI's whole
//! layout and logic, without a GPU), so the figures measure our code, not the driver.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use claimtrack::app::{App, Tab};
use claimtrack::bench;
use claimtrack::corpus::{Article, Corpus};
use claimtrack::extract::Extractor;
use claimtrack::io::pipeline;
use claimtrack::io::workspace::Workspace;
use egui_kittest::Harness;

/// A corpus of generated articles with at least `claims` claims.
fn corpus_with(claims: usize) -> Corpus {
    let extractor = Extractor::new();
    let mut bytes = claims * 300;
    loop {
        let docs = bench::corpus(bytes);
        let extracted = pipeline::extract_documents(&docs, &extractor);
        let mut n = 0;
        let mut articles = Vec::new();
        for (doc, ex) in docs.into_iter().zip(extracted) {
            if n >= claims {
                break;
            }
            n += ex.claims.len();
            articles.push(Article::new(doc, ex));
        }
        if n >= claims {
            let mut corpus = Corpus::default();
            corpus.add(articles);
            corpus.rebuild(&Workspace::default());
            return corpus;
        }
        bytes *= 2;
    }
}

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

/// Median and mean of frame times in milliseconds.
fn stats(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(times[times.len() / 2]);
    let mean = times.iter().map(|&d| ms(d)).sum::<f64>() / times.len() as f64;
    (median, mean)
}

const FRAMES: usize = 120;

/// Frame times of each view: (name, median ms, mean ms).
fn frame_times(claims: usize) -> (usize, Vec<(&'static str, f64, f64)>) {
    let corpus = corpus_with(claims);
    let n = corpus.rows.len();
    let mut h = harness(App::with_corpus(corpus));
    let mut out = Vec::new();
    let scenarios: [(&str, Tab); 5] = [
        ("claims table + article", Tab::Claims),
        ("claims, scrolling row by row", Tab::Claims),
        ("timeline", Tab::Timeline),
        ("compare (all on a subject)", Tab::Compare),
        ("sources", Tab::Sources),
    ];
    for (name, tab) in scenarios {
        {
            let app = h.state_mut();
            app.tab = tab;
            app.select(n / 2);
            if tab == Tab::Compare {
                let subject = app.corpus.commonest_subject();
                app.picked = (0..app.corpus.rows.len())
                    .filter(|&r| app.corpus.rows[r].claim.subject == subject)
                    .map(|r| app.key_of(r))
                    .collect();
            }
        }
        for _ in 0..10 {
            h.step();
        }
        let scrolling = name.contains("scrolling");
        let mut times = Vec::with_capacity(FRAMES);
        for i in 0..FRAMES {
            if scrolling {
                let rows = h.state_mut().visible_rows().to_vec();
                let row = rows[(i * 97) % rows.len()];
                h.state_mut().select(row);
            }
            let t = Instant::now();
            h.step();
            times.push(t.elapsed());
        }
        let (median, mean) = stats(times);
        if tab == Tab::Timeline {
            let t = h.state_mut().timeline();
            eprintln!(
                "  ({n} claims: timeline draws {} points, {} thinned out)",
                t.points.len(),
                t.dropped
            );
        }
        out.push((name, median, mean));
    }
    // One correction: the workspace changes, every row is rebuilt, the table re-filtered.
    let mut times = Vec::new();
    for k in 0..5 {
        let app = h.state_mut();
        let key = app.corpus.articles[k].key.clone();
        let number = app.corpus.articles[k].extracted.first().map(|c| c.number);
        let t = Instant::now();
        if let Some(number) = number {
            app.change_workspace(|w| {
                w.set_correction(&key, number, claimtrack::io::workspace::Change::Reject);
            });
        }
        let _ = app.visible_rows().len();
        times.push(t.elapsed());
    }
    let (median, mean) = stats(times);
    out.push(("one correction (rebuild + refilter)", median, mean));
    (n, out)
}

fn loading(files: usize) -> String {
    let mut report = String::new();
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return format!("cannot make a temporary folder: {e}\n"),
    };
    let docs = bench::corpus(files * 1500);
    for (i, doc) in docs.iter().cycle().take(files).enumerate() {
        let path = dir.path().join(format!("{i:05}.txt"));
        // Vary each copy so that no two files have the same content.
        if std::fs::write(&path, format!("{}\nArtikel {i}.", doc.text)).is_err() {
            return "cannot write the articles\n".into();
        }
    }
    let mut h = harness(App::empty());
    let started = Instant::now();
    h.state_mut().open(vec![dir.path().to_path_buf()], true);
    let mut seen = Vec::new();
    let mut frames = Vec::new();
    // When the progress bar first shows every file done: the rest is taking the results in.
    let mut extracted = None;
    while h.state().is_loading() {
        let t = Instant::now();
        h.step();
        frames.push(t.elapsed());
        if let Some(p) = h.state().progress() {
            seen.push(p);
            if p.1 > 0 && p.0 == p.1 && extracted.is_none() {
                extracted = Some(started.elapsed().as_secs_f64());
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let secs = started.elapsed().as_secs_f64();
    let app = h.state();
    let distinct: std::collections::BTreeSet<usize> = seen.iter().map(|p| p.0).collect();
    let moving = seen.windows(2).all(|w| w[0].0 <= w[1].0);
    let (median, _) = stats(frames.clone());
    let worst = frames
        .iter()
        .max()
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let _ = writeln!(
        report,
        "loading {files} files: {} articles, {} claims in {secs:.2} s (all files extracted after {:.2} s); the progress bar showed {} distinct values over {} frames ({}), frames while loading: median {median:.1} ms, worst {worst:.1} ms",
        app.corpus.articles.len(),
        app.corpus.rows.len(),
        extracted.unwrap_or(secs),
        distinct.len(),
        frames.len(),
        if moving {
            "never going back"
        } else {
            "WENT BACK"
        },
    );
    report
}

fn main() {
    // `cargo bench --bench app -- loading` measures only the loading of 10,000 files.
    if std::env::args().any(|a| a == "loading") {
        print!("{}", loading(10_000));
        return;
    }
    println!("claimtrack app benchmark (1400x900, {FRAMES} frames per view, no GPU)");
    let (small_n, small) = frame_times(100);
    let (large_n, large) = frame_times(100_000);
    println!(
        "{:<32} {:>16} {:>18} {:>7}",
        "view",
        format!("{small_n} claims"),
        format!("{large_n} claims"),
        "ratio"
    );
    for ((name, s_med, _), (_, l_med, _)) in small.iter().zip(&large) {
        println!(
            "{name:<32} {:>13.2} ms {:>15.2} ms {:>7.2}",
            s_med,
            l_med,
            l_med / s_med
        );
    }
    print!("{}", loading(10_000));
}
