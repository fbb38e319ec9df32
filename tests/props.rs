//! Property tests (proptest, shrinking to a minimal case on failure) of the invariants:
//! every span lies on character boundaries inside the text, a number lies inside its
//! sentence, values are finite, ranges have low <= high, extraction is deterministic; the
//! loader never panics on any bytes; workspaces write back to what they read.

use proptest::prelude::*;

use claimtrack::extract::{self, Extractor};
use claimtrack::io::load::{self, Document};
use claimtrack::io::workspace::{Change, Workspace};
use claimtrack::model::{Qualifier, Span};

/// Pieces that trigger the extractor's rules, to be strung together at random.
const PIECES: &[&str] = &[
    "300",
    "1.200",
    "1,200",
    "2,5",
    "10'000",
    "12 000",
    "rund",
    "etwa",
    "mehr als",
    "über",
    "bis zu",
    "zwischen",
    "und",
    "bis",
    "-",
    "–",
    "Zehntausende",
    "Hunderte",
    "tens of thousands",
    "Millionen",
    "Mrd.",
    "bn",
    "$5m",
    "€",
    "Prozent",
    "%",
    "zwei Drittel",
    "jeder achte",
    "one in five",
    "zweihundertfünfzig",
    "twenty-five",
    "ein halbes Dutzend",
    "Soldaten",
    "Menschen",
    "troops",
    "people",
    "getötet",
    "killed",
    "sagte",
    "said",
    "nach Angaben",
    "laut",
    "according to",
    "der Polizei",
    "the police",
    "Reuters",
    "Er",
    "She",
    "demnach",
    ".",
    ",",
    ":",
    "(",
    ")",
    "\"",
    "„",
    "“",
    "\n",
    "\n\n",
    " date 2023-04\n",
    "2023",
    "9.",
    "März",
    "G7",
    "Covid-19",
    "67-jährige",
    "Ärger",
    "ß",
    "🙂",
    "\u{a0}",
    "\u{200b}",
    "‰",
];

fn text_from_pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,6}",
        ],
        0..80,
    )
    .prop_map(|parts| parts.join(" "))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let doc = Document::from_text("prop.txt", text.to_string());
    let extractor = Extractor::new();
    let article = extractor.extract(&doc);
    if let Err(e) = claimtrack::model::check_claims(text, &article.claims) {
        return Err(TestCaseError::fail(e));
    }
    for c in &article.claims {
        if c.qualifier == Qualifier::Range {
            prop_assert!(c.high.is_some());
        }
    }
    prop_assert_eq!(&article, &extractor.extract(&doc), "deterministic");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn extraction_keeps_its_invariants_on_rule_pieces(text in text_from_pieces()) {
        check(&text)?;
    }

    #[test]
    fn extraction_keeps_its_invariants_on_any_text(text in "\\PC{0,400}") {
        check(&text)?;
    }

    #[test]
    fn the_loader_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600), html in any::<bool>()) {
        if let Ok(doc) = load::document_from_bytes("prop.txt", &bytes, html) {
            prop_assert!(doc.body_start <= doc.text.len());
            prop_assert!(doc.text.is_char_boundary(doc.body_start));
            prop_assert!(!doc.text.contains('\r'));
            check(&doc.text)?;
        }
    }

    #[test]
    fn pieces_of_long_texts_cover_them(text in "\\PC{0,300}", start in 0usize..50, size in 1usize..64) {
        let start = (0..=start.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let cuts = extract::chunks(&text, start, size);
        let mut at = start;
        for (a, b) in cuts {
            prop_assert_eq!(a, at);
            prop_assert!(a < b && text.is_char_boundary(b));
            at = b;
        }
        prop_assert_eq!(at, text.len().max(start));
    }

    #[test]
    fn workspaces_write_back_to_what_they_read(
        renames in prop::collection::vec(("\\PC{1,12}", "\\PC{1,12}"), 0..8),
        aliases in prop::collection::vec(("\\PC{1,12}", "\\PC{1,12}"), 0..8),
        rejects in prop::collection::vec(("[0-9a-f]{16}", 0usize..5000, 0usize..50), 0..20),
    ) {
        let mut ws = Workspace::default();
        for (from, to) in &renames {
            ws.entities.rename(from, to);
        }
        for (alias, entity) in &aliases {
            ws.entities.move_alias(alias, entity);
        }
        for (key, start, len) in &rejects {
            ws.set_correction(key, Span::new(*start, start + len), Change::Reject);
        }
        let text = ws.to_json().unwrap();
        let back = Workspace::from_json(std::path::Path::new("p.json"), &text).unwrap();
        prop_assert_eq!(&back, &ws);
        // Renames never loop: every name resolves.
        for (from, _) in &renames {
            prop_assert!(ws.entities.resolve("", Some(from)).is_some());
        }
    }
}
