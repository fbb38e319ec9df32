//! Language detection per article: counts frequent function words of German and English.

use crate::model::Lang;

/// Frequent German function words.
fn is_de(word: &str) -> bool {
    matches!(
        word,
        "der"
            | "die"
            | "das"
            | "und"
            | "ist"
            | "nicht"
            | "mit"
            | "sich"
            | "des"
            | "dem"
            | "auf"
            | "für"
            | "ein"
            | "eine"
            | "von"
            | "wurde"
    )
}
/// Frequent English function words.
fn is_en(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "and"
            | "is"
            | "of"
            | "to"
            | "that"
            | "with"
            | "for"
            | "was"
            | "on"
            | "are"
            | "by"
            | "has"
            | "have"
            | "said"
            | "it"
    )
}

/// Detects the language of a text from its first 1,500 bytes; German when undecided.
#[must_use]
pub fn detect(text: &str) -> Lang {
    let mut end = text.len().min(1_500);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut de = 0usize;
    let mut en = 0usize;
    let mut buf = [0u8; 6];
    for word in text[..end].split(|c: char| !c.is_alphabetic()) {
        if word.contains(['ä', 'ö', 'ü', 'ß']) {
            de += 1;
            continue;
        }
        if word.len() < 2 || word.len() > 6 || !word.is_ascii() {
            continue;
        }
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let Ok(lower) = std::str::from_utf8(lower) else {
            continue;
        };
        if is_de(lower) {
            de += 1;
        } else if is_en(lower) {
            en += 1;
        }
    }
    if en > de { Lang::En } else { Lang::De }
}

/// Detects the language from the first 120 word tokens of a tokenized text (`lower` is the
/// lower-cased text the tokens index); German when undecided.
#[must_use]
pub fn detect_tokens(lower: &str, toks: &[super::token::Token]) -> Lang {
    let mut de = 0usize;
    let mut en = 0usize;
    for t in toks.iter().filter(|t| t.is_word()).take(120) {
        let Some(word) = lower.get(t.start..t.end) else {
            continue;
        };
        if word.len() > 6 {
            if !word.is_ascii() && word.contains(['ä', 'ö', 'ü', 'ß']) {
                de += 1;
            }
            continue;
        }
        if is_de(word) || word.contains(['ä', 'ö', 'ü', 'ß']) {
            de += 1;
        } else if is_en(word) {
            en += 1;
        }
    }
    if en > de { Lang::En } else { Lang::De }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_both_languages() {
        assert_eq!(
            detect("Die Polizei teilte mit, dass mehr als 300 Menschen festgenommen wurden."),
            Lang::De
        );
        assert_eq!(
            detect("The police said that more than 300 people were arrested on Monday."),
            Lang::En
        );
    }
}
