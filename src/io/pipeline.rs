//! Loading and extracting many files at once, in parallel, keeping the input order and
//! collecting the files that failed beside the results.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::corpus::Article;
use crate::extract::Extractor;
use crate::io::load::{self, Document, LoadError};
use crate::io::samples;
use crate::model::ExtractedArticle;

/// The result of a batch: the extracted articles in input order, and the files that failed.
#[derive(Debug, Default)]
pub struct Batch {
    /// One entry per file that loaded.
    pub articles: Vec<ExtractedArticle>,
    /// One entry per path that could not be loaded, naming it.
    pub errors: Vec<LoadError>,
}

/// Loads and extracts every file under `paths` on `threads` threads (all cores when `None`),
/// calling `progress(done, total)` as files finish.
#[must_use]
pub fn run(
    paths: &[PathBuf],
    extractor: &Extractor,
    threads: Option<usize>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Batch {
    let (files, mut errors) = load::expand_paths(paths);
    let total = files.len();
    let done = AtomicUsize::new(0);
    let work = || {
        files
            .par_iter()
            .map(|path| {
                let result = load::load_file(path).map(|doc| extractor.extract(&doc));
                let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                progress(finished, total);
                result
            })
            .collect::<Vec<_>>()
    };
    let results = match rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .thread_name(|i| format!("claimtrack-extract-{i}"))
        .build()
    {
        Ok(pool) => pool.install(work),
        Err(_) => work(),
    };
    let mut articles = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(article) => articles.push(article),
            Err(e) => errors.push(e),
        }
    }
    Batch { articles, errors }
}

/// Extracts documents already in memory, in parallel, keeping their order.
#[must_use]
pub fn extract_documents(docs: &[Document], extractor: &Extractor) -> Vec<ExtractedArticle> {
    docs.par_iter().map(|d| extractor.extract(d)).collect()
}

/// The result of loading articles for the app.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The articles that loaded, in input order.
    pub articles: Vec<Article>,
    /// The paths that failed, with the reason.
    pub errors: Vec<LoadError>,
    /// Whether the user cancelled (the articles done so far are kept).
    pub cancelled: bool,
}

/// Loads and extracts workspace paths (files, folders, or `bundled:NAME` samples) on the
/// shared thread pool, calling `progress(done, total)` as files finish. Setting `cancel`
/// stops it early; files not yet started are then skipped.
#[must_use]
pub fn load_articles(
    paths: &[PathBuf],
    extractor: &Extractor,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Loaded {
    let mut bundled = Vec::new();
    let mut on_disk = Vec::new();
    for p in paths {
        match p.to_str() {
            Some(name) if name.starts_with(samples::PREFIX) => bundled.push(name),
            _ => on_disk.push(p.clone()),
        }
    }
    let (files, mut errors) = load::expand_paths(&on_disk);
    let total = bundled.len() + files.len();
    let done = AtomicUsize::new(0);
    let finish = || {
        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
        progress(finished, total);
    };
    let mut articles = Vec::with_capacity(total);
    for p in bundled {
        match samples::document(p) {
            Some(doc) => {
                let extracted = extractor.extract(&doc);
                articles.push(Article::new(doc, extracted));
            }
            None => errors.push(LoadError {
                path: PathBuf::from(p),
                kind: load::ErrorKind::NotFound,
            }),
        }
        finish();
    }
    let results: Vec<Option<Result<Article, LoadError>>> = files
        .par_iter()
        .map(|path| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let result = load::load_file(path).map(|doc| {
                let extracted = extractor.extract(&doc);
                Article::new(doc, extracted)
            });
            finish();
            Some(result)
        })
        .collect();
    for result in results.into_iter().flatten() {
        match result {
            Ok(article) => articles.push(article),
            Err(e) => errors.push(e),
        }
    }
    Loaded {
        articles,
        errors,
        cancelled: cancel.load(Ordering::Relaxed),
    }
}
