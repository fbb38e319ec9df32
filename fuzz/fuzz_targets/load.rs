//! Bytes in any encoding, as a file holds them: decoding, binary refusal, HTML reduction and
//! the date header must not panic, and what loads must extract within the invariants.
#![no_main]

use std::sync::OnceLock;

use claimtrack::extract::Extractor;
use libfuzzer_sys::fuzz_target;

#[path = "check.rs"]
mod check;

fuzz_target!(|data: &[u8]| {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    let extractor = EXTRACTOR.get_or_init(Extractor::new);
    // The first byte chooses whether the file is named .html.
    let (is_html, bytes) = match data.split_first() {
        Some((flag, rest)) => (flag & 1 == 1, rest),
        None => (false, data),
    };
    if let Ok(doc) = claimtrack::io::load::document_from_bytes("fuzz.txt", bytes, is_html) {
        assert!(doc.body_start <= doc.text.len() && doc.text.is_char_boundary(doc.body_start));
        let article = extractor.extract(&doc);
        check::claims(&doc.text, &article);
    }
});
