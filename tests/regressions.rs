//! Inputs that once crashed a fuzz target, or that we wrote to look like they might, kept
//! for ever: `tests/fuzz_regressions/{load,extract,workspace}/`. A new crash found by
//! `cargo fuzz` goes into the folder of its target and is checked here on every test run.

use std::path::Path;

use claimtrack::corpus::{Article, Corpus};
use claimtrack::extract::Extractor;
use claimtrack::io::load::{self, Document};
use claimtrack::io::workspace::Workspace;
use claimtrack::model::ExtractedArticle;

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} has inputs", dir.display());
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

fn check(name: &str, text: &str, article: &ExtractedArticle) {
    if let Err(e) = claimtrack::model::check_claims(text, &article.claims) {
        panic!("{name}: {e}");
    }
}

#[test]
fn load_regressions() {
    let extractor = Extractor::new();
    for (name, bytes) in inputs("load") {
        let (is_html, rest) = match bytes.split_first() {
            Some((flag, rest)) => (flag & 1 == 1, rest),
            None => (false, &bytes[..]),
        };
        for (html, data) in [(is_html, rest), (false, &bytes[..]), (true, &bytes[..])] {
            if let Ok(doc) = load::document_from_bytes(&name, data, html) {
                assert!(doc.text.is_char_boundary(doc.body_start), "{name}");
                check(&name, &doc.text, &extractor.extract(&doc));
            }
        }
    }
}

#[test]
fn extract_regressions() {
    let extractor = Extractor::new();
    for (name, bytes) in inputs("extract") {
        let text = String::from_utf8_lossy(&bytes).to_string();
        let doc = Document::from_text(&name, text.clone());
        let first = extractor.extract(&doc);
        check(&name, &text, &first);
        assert_eq!(first, extractor.extract(&doc), "{name}: deterministic");
    }
}

#[test]
fn workspace_regressions() {
    let text = " date 2023-04\nNach Angaben der Polizei wurden rund 300 Menschen festgenommen.";
    let doc = Document::from_text("a.txt", text.to_string());
    let extracted = Extractor::new().extract(&doc);
    let article = Article::new(doc, extracted);
    for (name, bytes) in inputs("workspace") {
        let json = String::from_utf8_lossy(&bytes);
        let Ok(mut ws) = Workspace::from_json(Path::new(&name), &json) else {
            continue;
        };
        // What is written reads back the same, to the last bit of every value.
        let written = ws.to_json().unwrap();
        assert_eq!(
            Workspace::from_json(Path::new(&name), &written).unwrap(),
            ws,
            "{name}"
        );
        for c in &mut ws.corrections {
            c.article.clone_from(&article.key);
        }
        let mut corpus = Corpus::default();
        corpus.add([article.clone()]);
        corpus.rebuild(&ws);
        let all: Vec<usize> = (0..corpus.rows.len()).collect();
        let _ = corpus.export(&all);
        let _ = claimtrack::analysis::compare::analyse(
            &corpus,
            &all,
            claimtrack::analysis::compare::Options::default(),
        );
        let chosen: Vec<_> = claimtrack::analysis::series::series_of(&corpus, &all)
            .into_iter()
            .map(|s| s.key)
            .collect();
        let _ = claimtrack::analysis::timeline::build(&corpus, &all, &chosen, 10);
        // One change at a time gives what rebuilding gives.
        if let Err(e) = claimtrack::corpus::check_incremental(std::slice::from_ref(&article), &ws) {
            panic!("{name}: {e}");
        }
    }
}
