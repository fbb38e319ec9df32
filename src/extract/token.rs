//! Splits article text into tokens with byte offsets: words (hyphenated compounds stay one
//! word), numbers (digits with their group and decimal separators) and single punctuation
//! characters. A lower-cased copy of the text with the same byte offsets serves lookups.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, with inner hyphens and apostrophes.
    Word,
    /// Digits, with inner `.`/`,` separators.
    Num,
    /// One other character.
    Punct,
}

/// A token: its kind, byte span and what precedes it.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// Byte after the last.
    pub end: usize,
    /// Word, number or punctuation.
    pub kind: TokKind,
    /// No white space between this token and the previous one.
    pub glued: bool,
    /// Line breaks in the white space before this token.
    pub newlines: u8,
    /// The first character is upper case.
    pub upper: bool,
    /// The token holds an ASCII hyphen (`US-Angaben`, `-`).
    pub hyphen: bool,
}

impl Token {
    /// Whether this is a word.
    #[must_use]
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    /// Whether this is a number.
    #[must_use]
    pub fn is_num(&self) -> bool {
        self.kind == TokKind::Num
    }
}

/// The lower-cased text: every character lower-cased where that keeps its byte length,
/// so that token spans index both texts alike.
#[cfg(test)]
#[must_use]
pub fn lower_text(text: &str) -> String {
    let mut out = String::new();
    lower_text_into(text, &mut out);
    out
}

/// As [`lower_text`], into a buffer that is cleared first (reused between articles).
pub fn lower_text_into(text: &str, out: &mut String) {
    out.clear();
    out.push_str(text);
    // ASCII is lower-cased at once, then each other character that has a lower case of
    // its own byte length is written over its place.
    out.make_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut i = next_non_ascii(bytes, 0);
    while i < bytes.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let n = c.len_utf8();
        // "Ä" to "Þ" (but "×") lower-case to 0x20 above, in the same two bytes.
        if ('\u{c0}'..='\u{de}').contains(&c) && c != '\u{d7}' {
            let mut buf = [0; 4];
            let lower = char::from_u32(u32::from(c) + 0x20).unwrap_or(c);
            out.replace_range(i..i + n, lower.encode_utf8(&mut buf));
        } else if !('\u{df}'..='\u{ff}').contains(&c) {
            let mut lower = c.to_lowercase();
            if let (Some(l), None) = (lower.next(), lower.next())
                && l != c
                && l.len_utf8() == n
            {
                let mut buf = [0; 4];
                out.replace_range(i..i + n, l.encode_utf8(&mut buf));
            }
        }
        i = next_non_ascii(bytes, i + n);
    }
}

/// The eight bytes from `i` as one little-endian word (the first in the lowest byte), for
/// tests of eight bytes at once; none where fewer than eight are left.
pub(crate) fn eight_bytes(bytes: &[u8], i: usize) -> Option<u64> {
    let word: [u8; 8] = bytes.get(i..)?.get(..8)?.try_into().ok()?;
    Some(u64::from_le_bytes(word))
}

/// The first byte at or after `i` that is not ASCII (`bytes.len()` when there is none).
fn next_non_ascii(bytes: &[u8], mut i: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(word) = eight_bytes(bytes, i) {
        if word & HIGH != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii() {
        i += 1;
    }
    i
}

/// Whether a character is a letter, with the Latin-1 letters (`ä`, `ß`, `é`) answered before
/// the Unicode tables are searched.
fn is_letter(c: char) -> bool {
    if ('\u{c0}'..='\u{ff}').contains(&c) {
        return c != '\u{d7}' && c != '\u{f7}';
    }
    c.is_alphabetic()
}

/// Whether a character is upper case, likewise (`À` to `Þ` but `×`).
fn is_upper(c: char) -> bool {
    if ('\u{c0}'..='\u{ff}').contains(&c) {
        return c <= '\u{de}' && c != '\u{d7}';
    }
    c.is_uppercase()
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

fn is_group_space(c: char) -> bool {
    matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Tokenizes `text[from..]`; token offsets are into `text`.
#[cfg(test)]
#[must_use]
pub fn tokenize(text: &str, from: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, from, &mut tokens);
    tokens
}

/// As [`tokenize`], into a buffer that is cleared first (reused between articles).
pub fn tokenize_into(text: &str, from: usize, tokens: &mut Vec<Token>) {
    tokens.clear();
    let bytes = text.as_bytes();
    let mut i = from;
    let mut glued = false;
    let mut newlines: u8 = 0;
    let len = text.len();
    while i < len {
        let b = bytes[i];
        // Fast paths for ASCII white space, letters and digits.
        if b == b' ' || b == b'\t' {
            glued = false;
            i += 1;
            continue;
        }
        if b == b'\n' {
            glued = false;
            newlines = newlines.saturating_add(1);
            i += 1;
            continue;
        }
        let start = i;
        // An ASCII byte is told by itself; another character is decoded first.
        let (kind, upper, hyphen) = if b < 0x80 {
            if b.is_ascii_alphabetic() {
                let hyphen;
                (i, hyphen) = scan_word(text, i);
                (TokKind::Word, b.is_ascii_uppercase(), hyphen)
            } else if b.is_ascii_digit() {
                i = scan_number(text, i);
                (TokKind::Num, false, false)
            } else if matches!(b, 0x0b..=0x0d) {
                glued = false;
                i += 1;
                continue;
            } else {
                i += 1;
                (TokKind::Punct, false, b == b'-')
            }
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if c.is_whitespace() || c == '\u{ad}' || c == '\u{feff}' || c == '\u{200b}' {
                glued = false;
                i += c.len_utf8();
                continue;
            }
            if is_letter(c) {
                let hyphen;
                (i, hyphen) = scan_word(text, i);
                (TokKind::Word, is_upper(c), hyphen)
            } else {
                i += c.len_utf8();
                (TokKind::Punct, is_upper(c), false)
            }
        };
        tokens.push(Token {
            start,
            end: i,
            kind,
            glued,
            newlines,
            upper,
            hyphen,
        });
        glued = true;
        newlines = 0;
    }
}

/// The end of an acronym with stops ("U.S.", "U.N."), if one starts at `i`.
fn scan_dotted_acronym(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(i + 1) != Some(&b'.') {
        return None;
    }
    let mut k = i;
    let mut letters = 0;
    while k + 1 < b.len() && b[k].is_ascii_uppercase() && b[k + 1] == b'.' {
        letters += 1;
        k += 2;
    }
    let next_is_letter = b.get(k).is_some_and(u8::is_ascii_alphabetic);
    (letters >= 2 && !next_is_letter).then_some(k)
}

/// The end of the run of ASCII letters from `i`, eight bytes at a time: for each byte,
/// whether it is ASCII and, with the case bit set, between `a` and `z`.
fn ascii_letters_end(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    while let Some(w) = eight_bytes(bytes, i) {
        let y = (w | (0x20 * ONES)) & !HIGH;
        // The high bit of a byte of `y + 0x1f` is set from `a` (0x61) up, of `y + 0x05`
        // from `{` (0x7b) up; `y` stays below 0x80, so no byte carries into the next.
        let letters = (y + 0x1f * ONES) & !(y + 0x05 * ONES) & !w & HIGH;
        if letters == HIGH {
            i += 8;
            continue;
        }
        // The bytes before the first that is no letter (little-endian: the low ones).
        return i + ((!letters & HIGH).trailing_zeros() / 8) as usize;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// The end of the word starting at `i`, and whether an ASCII hyphen joins it (`US-Angaben`).
// Inlined into the token loop: the call's set-up cost as much as the scan of a short word
// (real news 309 to 305 M instructions).
#[expect(
    clippy::inline_always,
    reason = "measured: a call per word costs 1% of extraction"
)]
#[inline(always)]
fn scan_word(text: &str, mut i: usize) -> (usize, bool) {
    if let Some(end) = scan_dotted_acronym(text, i) {
        return (end, false);
    }
    let bytes = text.as_bytes();
    let mut prev_letter = false;
    let mut hyphen = false;
    while i < bytes.len() {
        // ASCII letters at once.
        if bytes[i].is_ascii_alphabetic() {
            i = ascii_letters_end(bytes, i + 1);
            prev_letter = true;
            continue;
        }
        // Any other ASCII byte but a hyphen or an apostrophe ends the word.
        if bytes[i] < 0x80 && bytes[i] != b'-' && bytes[i] != b'\'' {
            break;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if is_letter(c) || c == '\u{ad}' {
            prev_letter = true;
            i += c.len_utf8();
            continue;
        }
        let after = i + c.len_utf8();
        let joins = (is_hyphen(c) || is_apostrophe(c))
            && prev_letter
            && text[after..].chars().next().is_some_and(is_letter);
        if joins {
            prev_letter = false;
            hyphen |= c == '-';
            i = after;
            continue;
        }
        break;
    }
    (i, hyphen)
}

/// The end of the number starting at `i`: digits, inner separators, grouped thousands.
fn scan_number(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    let len = bytes.len();
    loop {
        while i < len && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < len && matches!(bytes[i], b'.' | b',') && bytes[i + 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        // "10'000" (Swiss): an apostrophe between groups of three.
        if i < len && (bytes[i] == b'\'' || text[i..].starts_with('\u{2019}')) {
            let after = i + if bytes[i] == b'\'' { 1 } else { 3 };
            let digits = bytes[after..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 3 && i > 0 && bytes[i - 1].is_ascii_digit() {
                i = after;
                continue;
            }
        }
        // "100 000" with a no-break or thin space between groups of three.
        if let Some(c) = text[i..].chars().next().filter(|&c| is_group_space(c)) {
            let after = i + c.len_utf8();
            let digits = bytes[after..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 3 {
                i = after;
                continue;
            }
        }
        return i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text, 0)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn the_eight_byte_letter_run_ends_where_the_bytes_do() {
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut text = vec![b'a'; 12];
                text[at] = b;
                let want = if b.is_ascii_alphabetic() { 12 } else { at };
                assert_eq!(ascii_letters_end(&text, 0), want, "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn the_quick_letter_tests_agree_with_unicode() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn splits_words_numbers_and_punctuation() {
        assert_eq!(
            texts("Rund 100.000 Nato-Staaten, 4,8 Mio. $5m 67-jährige G7 100\u{a0}000."),
            [
                "Rund",
                "100.000",
                "Nato-Staaten",
                ",",
                "4,8",
                "Mio",
                ".",
                "$",
                "5",
                "m",
                "67",
                "-",
                "jährige",
                "G",
                "7",
                "100\u{a0}000",
                "."
            ]
        );
        assert_eq!(texts("Britain's twenty-five"), ["Britain's", "twenty-five"]);
    }

    /// The word scan and lower-casing as they were, char by char: the byte-run fast paths
    /// must give the same.
    fn scan_word_by_chars(text: &str, mut i: usize) -> usize {
        if let Some(end) = scan_dotted_acronym(text, i) {
            return end;
        }
        let mut chars = text[i..].char_indices().peekable();
        let base = i;
        let mut prev_letter = false;
        while let Some((off, c)) = chars.next() {
            if c.is_alphabetic() || c == '\u{ad}' {
                prev_letter = true;
                i = base + off + c.len_utf8();
                continue;
            }
            let joins = (is_hyphen(c) || is_apostrophe(c))
                && prev_letter
                && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
            if joins {
                prev_letter = false;
                continue;
            }
            break;
        }
        i
    }

    fn lower_by_chars(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
                _ => out.push(c),
            }
        }
        out
    }

    /// The token loop as it was, char by char.
    fn tokenize_by_chars(text: &str) -> Vec<(usize, usize, TokKind, bool, u8, bool)> {
        let mut out = Vec::new();
        let (mut glued, mut newlines) = (false, 0u8);
        let mut i = 0;
        while let Some(c) = text[i..].chars().next() {
            let start = i;
            if c == '\n' {
                newlines = newlines.saturating_add(1);
            }
            if c.is_whitespace() || c == '\u{ad}' || c == '\u{feff}' || c == '\u{200b}' {
                glued = false;
                i += c.len_utf8();
                continue;
            }
            let kind = if c.is_ascii_digit() {
                i = scan_number(text, i);
                TokKind::Num
            } else if c.is_alphabetic() {
                i = scan_word_by_chars(text, i);
                TokKind::Word
            } else {
                i += c.len_utf8();
                TokKind::Punct
            };
            out.push((start, i, kind, glued, newlines, c.is_uppercase()));
            glued = true;
            newlines = 0;
        }
        out
    }

    #[test]
    fn fast_paths_match_the_char_by_char_scan() {
        let alphabet = [
            "a", "Z", "ä", "Ü", "ß", "İ", "ẞ", "-", "\u{2011}", "'", "\u{2019}", "\u{ad}", " ",
            "1", ".", "U.S.", "Ω", "😀", ",", "À", "Þ", "×", "÷", "é", "Ä", "ÿ", "Ÿ", "К", "ǅ",
        ];
        let mut rng = crate::bench::Rng(11);
        for len in 1..40 {
            for _ in 0..200 {
                let text: String = (0..len)
                    .map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])
                    .collect();
                assert_eq!(lower_text(&text), lower_by_chars(&text), "{text:?}");
                let tokens: Vec<_> = tokenize(&text, 0)
                    .iter()
                    .map(|t| (t.start, t.end, t.kind, t.glued, t.newlines, t.upper))
                    .collect();
                for t in tokenize(&text, 0) {
                    assert_eq!(t.hyphen, text[t.start..t.end].contains('-'), "{text:?}");
                }
                assert_eq!(tokens, tokenize_by_chars(&text), "{text:?}");
                for (i, c) in text.char_indices() {
                    if c.is_alphabetic() {
                        assert_eq!(
                            scan_word(&text, i).0,
                            scan_word_by_chars(&text, i),
                            "{text:?} {i}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn lower_text_keeps_offsets() {
        let text = "Über İstanbul ÄÖÜ ẞ";
        assert_eq!(lower_text(text).len(), text.len());
        assert!(lower_text(text).starts_with("über"));
    }
}
