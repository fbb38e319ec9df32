//! The one load pipeline, for the command line and the app: origins (files, folders, bundled
//! samples) to extracted articles, in parallel on a chosen number of threads, with progress
//! and cancelling, keeping the input order and collecting the files that failed beside the
//! results.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::corpus::Article;
use crate::extract::Extractor;
use crate::io::load::{self, Document, LoadError};
use crate::io::origin::Origin;
use crate::io::samples;
use crate::model::ExtractedArticle;

/// How to run a load.
#[derive(Clone, Copy, Default)]
pub struct LoadOptions<'a> {
    /// Worker threads; `None` uses the shared pool (all cores).
    pub threads: Option<usize>,
    /// Set to stop early: files not yet started are skipped.
    pub cancel: Option<&'a AtomicBool>,
    /// Called with `(done, total)` as files finish.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

/// What a load gives back.
#[derive(Debug)]
pub struct Loaded<T = Article> {
    /// One entry per article that loaded: bundled samples first, then files in input order.
    pub articles: Vec<T>,
    /// One entry per path that could not be loaded, naming it.
    pub errors: Vec<LoadError>,
    /// Whether the load was cancelled (the articles done so far are kept).
    pub cancelled: bool,
}

impl<T> Default for Loaded<T> {
    fn default() -> Self {
        Self {
            articles: Vec::new(),
            errors: Vec::new(),
            cancelled: false,
        }
    }
}

/// Loads and extracts every article of `origins`; `keep` makes the result of each document
/// and its extraction (the app keeps the text, the command line only the claims).
pub fn load<T: Send>(
    origins: &[Origin],
    extractor: &Extractor,
    options: &LoadOptions,
    keep: impl Fn(Document, ExtractedArticle) -> T + Sync,
) -> Loaded<T> {
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let cancelled = load_each(origins, extractor, options, keep, |result| match result {
        Ok(article) => articles.push(article),
        Err(e) => errors.push(e),
    });
    Loaded {
        articles,
        errors,
        cancelled,
    }
}

/// Files extracted together before their results are handed on in order.
const BATCH: usize = 256;
/// A batch also ends once its files hold this many bytes, so that few large files do not
/// wait in memory.
const BATCH_BYTES: usize = 32 << 20;

/// As [`load`], handing each result to `each` on the calling thread, in input order, as
/// soon as its batch of files is done: the caller writes or keeps results while the workers
/// extract the next batch and a reader thread reads the one after (at most one batch waits
/// between two of them). Returns whether the load was cancelled.
pub fn load_each<T: Send>(
    origins: &[Origin],
    extractor: &Extractor,
    options: &LoadOptions,
    keep: impl Fn(Document, ExtractedArticle) -> T + Sync,
    mut each: impl FnMut(Result<T, LoadError>),
) -> bool {
    let mut bundled = Vec::new();
    let mut pasted = Vec::new();
    let mut on_disk = Vec::new();
    for origin in origins {
        match origin {
            Origin::Sample(name) => bundled.push((name.as_str(), origin.stored())),
            Origin::Pasted { text, .. } => pasted.push((text.as_str(), origin.stored())),
            Origin::File(path) => on_disk.push(path.clone()),
        }
    }
    let (files, mut errors) = load::expand_paths(&on_disk);
    let total = bundled.len() + pasted.len() + files.len();
    let done = AtomicUsize::new(0);
    let finish = || {
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(progress) = options.progress {
            progress(finished, total);
        }
    };
    let cancelled = || options.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    for e in errors.drain(..) {
        each(Err(e));
    }
    for (name, stored) in bundled {
        match samples::document(name, &stored) {
            Some(doc) => {
                let extracted = extractor.extract(&doc);
                each(Ok(keep(doc, extracted)));
            }
            None => each(Err(LoadError {
                path: PathBuf::from(stored),
                kind: load::ErrorKind::NotFound,
            })),
        }
        finish();
    }
    for (text, stored) in pasted {
        // Decoded like a file (line endings, HTML); empty when the workspace lost the text.
        match load::document_from_bytes(&stored, text.as_bytes(), false) {
            Ok(doc) => {
                let extracted = extractor.extract(&doc);
                each(Ok(keep(doc, extracted)));
            }
            Err(kind) => each(Err(LoadError {
                path: PathBuf::from(stored),
                kind,
            })),
        }
        finish();
    }
    // Decodes and extracts a batch of files already read, in parallel, keeping its order.
    let batch = |read: Vec<(&PathBuf, Result<Vec<u8>, LoadError>)>| {
        read.into_par_iter()
            .map(|(path, bytes)| {
                if cancelled() {
                    return None;
                }
                let result = bytes
                    .and_then(|bytes| load::decode_file(path, bytes))
                    .map(|doc| {
                        let extracted = extractor.extract(&doc);
                        keep(doc, extracted)
                    });
                finish();
                Some(result)
            })
            .collect::<Vec<_>>()
    };
    let pool = options.threads.and_then(|n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("claimtrack-extract-{i}"))
            .build()
            .ok()
    });
    // Three stages, each on its own thread: a reader reads the next batch of files while the
    // workers extract this one and the caller takes the one before. At most one batch waits
    // between two stages.
    let (read_sender, read_receiver) = std::sync::mpsc::sync_channel(1);
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut rest = files.as_slice();
            while !rest.is_empty() && !cancelled() {
                let mut read = Vec::new();
                let mut bytes = 0;
                while let Some((path, after)) = rest.split_first()
                    && read.len() < BATCH
                    && bytes < BATCH_BYTES
                    && !cancelled()
                {
                    rest = after;
                    let result = load::read_file(path);
                    bytes += result.as_ref().map_or(0, Vec::len);
                    read.push((path, result));
                }
                if read_sender.send(read).is_err() {
                    break;
                }
            }
            drop(read_sender);
        });
        scope.spawn(|| {
            let work = || {
                for read in read_receiver {
                    if sender.send(batch(read)).is_err() {
                        break;
                    }
                }
            };
            match &pool {
                Some(pool) => pool.install(work),
                None => work(),
            }
            drop(sender);
        });
        for results in receiver {
            results.into_iter().flatten().for_each(&mut each);
        }
    });
    cancelled()
}

/// Loads articles for the app and the corrected command-line output: each keeps its text.
#[must_use]
pub fn load_articles(
    origins: &[Origin],
    extractor: &Extractor,
    options: &LoadOptions,
) -> Loaded<Article> {
    load(origins, extractor, options, Article::new)
}

/// Loads only the extracted claims (the command line's `extract`): the texts are dropped as
/// soon as each file is extracted.
#[must_use]
pub fn load_claims(
    origins: &[Origin],
    extractor: &Extractor,
    options: &LoadOptions,
) -> Loaded<ExtractedArticle> {
    load(origins, extractor, options, |doc, e| with_extras(&doc, e))
}

/// As [`load_claims`], handing each article or error on in input order as it is done
/// ([`load_each`]); returns whether the load was cancelled.
pub fn each_claims(
    origins: &[Origin],
    extractor: &Extractor,
    options: &LoadOptions,
    each: impl FnMut(Result<ExtractedArticle, LoadError>),
) -> bool {
    load_each(
        origins,
        extractor,
        options,
        |doc, e| with_extras(&doc, e),
        each,
    )
}

/// An extraction with the sentence text and status of each claim, for the output.
fn with_extras(doc: &Document, mut extracted: ExtractedArticle) -> ExtractedArticle {
    extracted.extras = crate::model::ClaimExtras::extracted(&doc.text, &extracted.claims);
    extracted
}

/// Extracts documents already in memory, in parallel, keeping their order (benchmarks).
#[must_use]
pub fn extract_documents(docs: &[Document], extractor: &Extractor) -> Vec<ExtractedArticle> {
    docs.par_iter().map(|d| extractor.extract(d)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn results_come_in_input_order_batch_after_batch() {
        let dir = tempfile::tempdir().unwrap();
        let n = 2 * BATCH + 5;
        for k in 0..n {
            // One empty file, in the second batch: its error comes in its place.
            let text = if k == BATCH + 3 {
                String::new()
            } else {
                format!("Die Polizei sagte, {} Menschen seien gekommen.", k + 10)
            };
            std::fs::write(dir.path().join(format!("{k:04}.txt")), text).unwrap();
        }
        let origins = [Origin::File(dir.path().to_path_buf())];
        for threads in [Some(1), Some(2), None] {
            let options = LoadOptions {
                threads,
                ..LoadOptions::default()
            };
            let mut seen = Vec::new();
            let cancelled = load_each(
                &origins,
                &Extractor::new(),
                &options,
                |_, e| e.claims.first().map(|c| c.value),
                |r| seen.push(r.map_err(|e| e.path)),
            );
            assert!(!cancelled);
            assert_eq!(seen.len(), n);
            for (k, r) in seen.iter().enumerate() {
                if k == BATCH + 3 {
                    assert!(
                        r.as_ref()
                            .is_err_and(|p| p.ends_with(format!("{k:04}.txt"))),
                        "{r:?}"
                    );
                } else {
                    assert_eq!(r.as_ref().ok(), Some(&Some((k + 10) as f64)), "file {k}");
                }
            }
        }
    }

    #[test]
    fn a_thread_count_runs_the_load_on_its_own_pool() {
        let dir = std::env::temp_dir().join(format!("claimtrack-pipeline-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut origins = Vec::new();
        for k in 0..4 {
            let path = dir.join(format!("{k}.txt"));
            std::fs::write(
                &path,
                format!("Die Polizei sagte, {k}00 Menschen seien gekommen."),
            )
            .unwrap();
            origins.push(Origin::File(path));
        }
        origins.push(Origin::Sample(samples::SAMPLES[0].0.to_string()));
        let names = Mutex::new(Vec::new());
        let options = LoadOptions {
            threads: Some(1),
            ..LoadOptions::default()
        };
        let loaded = load(&origins, &Extractor::new(), &options, |doc, _| {
            if !doc.path.starts_with("bundled:") {
                let name = std::thread::current().name().map(str::to_string);
                names.lock().unwrap().push(name);
            }
            doc.path
        });
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(loaded.articles.len(), 5);
        assert!(
            loaded.articles[0].starts_with("bundled:"),
            "samples come first"
        );
        let names = names.into_inner().unwrap();
        assert_eq!(names.len(), 4);
        assert!(
            names
                .iter()
                .all(|n| n.as_deref() == Some("claimtrack-extract-0"))
        );
    }
}
