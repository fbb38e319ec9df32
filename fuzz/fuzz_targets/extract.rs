//! Any text: extraction must not panic, must keep its invariants and be deterministic.
#![no_main]

use std::sync::OnceLock;

use claimtrack::extract::Extractor;
use claimtrack::io::load::Document;
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fuzz_target!(|text: &str| {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    let extractor = EXTRACTOR.get_or_init(Extractor::new);
    let doc = Document::from_text("fuzz.txt", text.to_string());
    let first = extractor.extract(&doc);
    check::claims(&doc.text, &first);
    let again = extractor.extract(&doc);
    assert_eq!(first, again, "extraction is deterministic");
});
