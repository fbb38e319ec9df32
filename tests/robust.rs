//! Extraction never panics and keeps its invariants on odd text: random mixes of the pieces
//! that trigger the rules (numbers, separators, cue words, quotes, multi-byte characters), and
//! every prefix of the bundled samples.

use claimtrack::bench::Rng;
use claimtrack::extract::claims_of;
use claimtrack::model::{Claim, Lang};

const PIECES: [&str; 64] = [
    "100.000",
    "4,8",
    "3.2",
    "1,5",
    "0800",
    "2021",
    "10.",
    "17",
    "1",
    "-",
    "–",
    "(",
    ")",
    "Mrd.",
    "Mio.",
    "bn",
    "m",
    "$",
    "€",
    "£",
    "%",
    "Prozent",
    "U.S.",
    "ß",
    "İ",
    "😀",
    "\u{a0}",
    "000",
    "zwei-",
    "bis",
    "zwischen",
    "und",
    "oder",
    "nach",
    "Angaben",
    "laut",
    "zufolge",
    "sagte",
    "said",
    "according",
    "to",
    ",",
    ".",
    "\n",
    "\n\n",
    ":",
    "„",
    "“",
    "\"",
    "jeder",
    "achte",
    "Hälfte",
    "die",
    "one",
    "in",
    "of",
    "a",
    "half",
    "tens",
    "Tausende",
    "mehr",
    "als",
    "über",
    "Polizei",
];

fn check(text: &str, claims: &[Claim]) {
    if let Err(e) = claimtrack::model::check_claims(text, claims) {
        panic!("{e} in {text:?}");
    }
}

#[test]
fn random_texts_keep_the_invariants() {
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for round in 0..4000 {
        let len = 1 + (rng.next_u64() % 40) as usize;
        let mut text = String::new();
        for _ in 0..len {
            let piece = PIECES[(rng.next_u64() % PIECES.len() as u64) as usize];
            text.push_str(piece);
            if !rng.next_u64().is_multiple_of(3) {
                text.push(' ');
            }
        }
        let lang = if round % 2 == 0 { Lang::De } else { Lang::En };
        let first = claims_of(&text, lang);
        check(&text, &first);
        assert_eq!(first, claims_of(&text, lang), "deterministic");
    }
}

#[test]
fn every_prefix_of_a_sample_is_handled() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    for path in paths.iter().take(3) {
        let text = std::fs::read_to_string(path).unwrap();
        let mut cut = 0;
        while cut < text.len() {
            if text.is_char_boundary(cut) {
                let prefix = &text[..cut];
                check(prefix, &claims_of(prefix, Lang::De));
            }
            cut += 7;
        }
    }
}

#[test]
fn text_without_stops_is_cut_into_bounded_sentences() {
    let text = "und rund 5 Menschen nach Angaben der Polizei ".repeat(3000);
    let claims = claims_of(&text, Lang::De);
    assert_eq!(claims.len(), 3000);
    check(&text, &claims);
    let longest = claims
        .iter()
        .map(|c| c.sentence.end - c.sentence.start)
        .max()
        .unwrap_or(0);
    assert!(longest < 2000, "a sentence of {longest} bytes");
}
