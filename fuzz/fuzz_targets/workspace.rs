//! Any workspace file: reading must not panic; what reads must write back to the same, and
//! applying it to open articles (corrections with any spans, renames with any cycles) must
//! not panic either.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use claimtrack::corpus::{Article, Corpus};
use claimtrack::extract::Extractor;
use claimtrack::io::load::Document;
use claimtrack::io::workspace::Workspace;
use libfuzzer_sys::fuzz_target;

const ARTICLE: &str = " date 2023-04\nNach Angaben der Polizei wurden rund 300 Menschen festgenommen. Die Regierung sagte, mehr als 12 Schulen seien zu.";

fuzz_target!(|text: &str| {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    let articles = ARTICLES.get_or_init(|| {
        let doc = Document::from_text("a.txt", ARTICLE.to_string());
        let extracted = Extractor::new().extract(&doc);
        vec![Article::new(doc, extracted)]
    });
    let Ok(mut workspace) = Workspace::from_json(Path::new("fuzz.json"), text) else {
        return;
    };
    let written = workspace.to_json().expect("a workspace serialises");
    let back =
        Workspace::from_json(Path::new("fuzz.json"), &written).expect("what we write reads back");
    assert_eq!(back, workspace);
    // Point every correction at the open article, so that they all apply.
    for c in &mut workspace.corrections {
        c.article.clone_from(&articles[0].key);
    }
    let mut corpus = Corpus::default();
    corpus.add(articles.iter().cloned());
    corpus.rebuild(&workspace);
    for row in &corpus.rows {
        let text = &corpus.articles[row.article].text;
        assert!(
            text.get(row.claim.number.start..row.claim.number.end)
                .is_some()
        );
    }
    let _ = corpus.export(&(0..corpus.rows.len()).collect::<Vec<_>>());
    // Applying the corrections one change at a time gives what rebuilding gives.
    if let Err(e) = claimtrack::corpus::check_incremental(articles, &workspace) {
        panic!("{e}");
    }
});
