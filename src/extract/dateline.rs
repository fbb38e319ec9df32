//! The article's date from its text, for an article without a date header: a dateline or
//! date line near the top (`Berlin, 12. Januar 2022 (dpa) –`, `12.01.2022`, `Stand:
//! 12.01.2022`, `Published: 12 January 2022`, `WASHINGTON, Jan. 12, 2022 (Reuters)`).
//!
//! Only the first lines of the body are read, and a date counts only where it stands as the
//! article's date: alone on its line, after a place and a comma, or after a date cue
//! (`[date_cue]`); a date inside an ordinary sentence does not. Month names come from every
//! language's `[month]` section. A day and month without a year take a year only when the
//! same line states one; a year is never guessed. Nothing is inserted into the text.

use crate::extract::lang::LANGUAGES;
use crate::extract::lexicon::sec;
use crate::model::ArticleDate;

/// How far into the body a date may start, in bytes.
const TOP_BYTES: usize = 600;
/// How many non-empty lines at the top are read.
const TOP_LINES: usize = 6;
/// How much of one line is read, in bytes.
const LINE_BYTES: usize = 1_000;
/// The years an article may be dated in.
const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// The date an article states near the top of its body (`text[body_start..]`), if any.
#[must_use]
pub fn date_in_text(text: &str, body_start: usize) -> Option<ArticleDate> {
    let body = text.get(body_start..).unwrap_or(text);
    let mut offset = 0;
    let mut lines = 0;
    for line in body.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        if start >= TOP_BYTES || lines >= TOP_LINES {
            break;
        }
        lines += 1;
        let room = (TOP_BYTES - start).min(LINE_BYTES);
        if let Some(date) = line_date(prefix(line, LINE_BYTES), room) {
            return Some(date);
        }
    }
    None
}

/// At most `max` bytes of `s`, cut on a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// What a token of a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    Word,
    Num,
    Punct,
}

/// A token of a line: its kind, byte range and whether white space comes before it.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    kind: TokKind,
    start: usize,
    text: &'a str,
    spaced: bool,
}

/// Splits a line into words, digit runs and single punctuation characters.
fn tokens(line: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    let mut spaced = true;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let kind = if c.is_alphabetic() {
            TokKind::Word
        } else if c.is_ascii_digit() {
            TokKind::Num
        } else {
            TokKind::Punct
        };
        let mut end = i + c.len_utf8();
        if kind != TokKind::Punct {
            while let Some(&(j, d)) = chars.peek() {
                let same = match kind {
                    TokKind::Word => d.is_alphabetic(),
                    _ => d.is_ascii_digit(),
                };
                if !same {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
        }
        out.push(Tok {
            kind,
            start: i,
            text: &line[i..end],
            spaced,
        });
        spaced = false;
    }
    out
}

/// A date found in a line: its tokens `first..end` and what it states.
#[derive(Debug, Clone, Copy)]
struct Found {
    first: usize,
    end: usize,
    year: Option<u32>,
    month: u8,
    day: Option<u8>,
}

/// The month a word names, in any language.
fn month(word: &str) -> Option<u8> {
    let lower = word.to_lowercase();
    LANGUAGES.iter().find_map(|l| {
        l.lexicon()
            .sec(sec::MONTH)
            .get(&lower)
            .and_then(|v| v.parse().ok())
    })
}

/// Whether a word is a function word (`am`, `the`) in some language, which no place name is.
fn is_stop(word: &str) -> bool {
    let lower = word.to_lowercase();
    LANGUAGES.iter().any(|l| {
        let lex = l.lexicon();
        lex.sec(sec::STOP).contains(&lower)
            || lex.sec(sec::TIME_PREPOSITION).contains(&lower)
            || lex.sec(sec::DETERMINER).contains(&lower)
    })
}

fn num(t: Option<&Tok>, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    let t = t.filter(|t| t.kind == TokKind::Num && digits.contains(&t.text.len()))?;
    t.text.parse().ok()
}

fn is(t: Option<&Tok>, punct: &str) -> bool {
    t.is_some_and(|t| t.kind == TokKind::Punct && t.text == punct)
}

/// The date starting at token `at`, if one does.
fn date_at(toks: &[Tok], at: usize) -> Option<Found> {
    let tok = |k: usize| toks.get(k);
    let glued = |k: usize| tok(k).is_some_and(|t| !t.spaced);
    let year = |k: usize| num(tok(k), 4..=4).filter(|y| YEARS.contains(y));
    let small = |v: u32| u8::try_from(v).ok();
    let found = |end, year, month, day| Found {
        first: at,
        end,
        year,
        month,
        day,
    };
    // 12.01.2022
    if let (Some(day), true, Some(month), true, Some(y)) = (
        num(tok(at), 1..=2),
        is(tok(at + 1), ".") && glued(at + 1),
        num(tok(at + 2), 1..=2).filter(|_| glued(at + 2)),
        is(tok(at + 3), ".") && glued(at + 3),
        year(at + 4).filter(|_| glued(at + 4)),
    ) {
        return Some(found(at + 5, Some(y), small(month)?, Some(small(day)?)));
    }
    // 2022-01-12
    if let (Some(y), true, Some(month), true, Some(day)) = (
        year(at),
        is(tok(at + 1), "-") && glued(at + 1),
        num(tok(at + 2), 2..=2).filter(|_| glued(at + 2)),
        is(tok(at + 3), "-") && glued(at + 3),
        num(tok(at + 4), 2..=2).filter(|_| glued(at + 4)),
    ) {
        return Some(found(at + 5, Some(y), small(month)?, Some(small(day)?)));
    }
    // 12. Januar 2022, 12 January 2022, 12 Jan. 2022, 12. Januar (a year from the line)
    if let Some(day) = num(tok(at), 1..=2) {
        let name = if is(tok(at + 1), ".") { at + 2 } else { at + 1 };
        let month = tok(name)
            .filter(|w| w.kind == TokKind::Word)
            .and_then(|w| month(w.text))?;
        let after = if is(tok(name + 1), ".") {
            name + 2
        } else {
            name + 1
        };
        let y = year(after);
        let end = if y.is_some() { after + 1 } else { name + 1 };
        return Some(found(end, y, month, Some(small(day)?)));
    }
    // January 12, 2022; Jan. 12, 2022; Jan 12 2022; Januar 2022; Jan 12 (a year from the line)
    let month = tok(at)
        .filter(|w| w.kind == TokKind::Word)
        .and_then(|w| month(w.text))?;
    let next = if is(tok(at + 1), ".") { at + 2 } else { at + 1 };
    if let Some(y) = year(next) {
        return Some(found(next + 1, Some(y), month, None));
    }
    let day = num(tok(next), 1..=2)?;
    let after = if is(tok(next + 1), ",") {
        next + 2
    } else {
        next + 1
    };
    let y = year(after);
    let end = if y.is_some() { after + 1 } else { next + 1 };
    Some(found(end, y, month, Some(small(day)?)))
}

/// The number of days in a month.
fn days_in(year: u32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// Whether the words `toks[from..to]` hold a date cue (`Stand`, `Veröffentlicht am`,
/// `Published on`) that ends right before the date, give or take a colon or a weekday.
fn cue_before(toks: &[Tok], to: usize) -> bool {
    let words: Vec<String> = toks[..to].iter().map(|t| t.text.to_lowercase()).collect();
    for cue_end in (0..=to).rev().take(5) {
        // Between the cue and the date: punctuation, at most one capitalised word (a weekday).
        let between = &toks[cue_end..to];
        let capitals = between
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .collect::<Vec<_>>();
        let between_ok = between.iter().all(|t| {
            t.kind != TokKind::Num
                && (t.kind == TokKind::Punct || t.text.starts_with(char::is_uppercase))
        }) && capitals.len() <= 1;
        if !between_ok {
            continue;
        }
        for words_in_cue in 1..=3 {
            let Some(first) = cue_end.checked_sub(words_in_cue) else {
                break;
            };
            if toks[first..cue_end].iter().any(|t| t.kind != TokKind::Word) {
                break;
            }
            let phrase = words[first..cue_end].join(" ");
            if LANGUAGES
                .iter()
                .any(|l| l.lexicon().sec(sec::DATE_CUE).contains(&phrase))
            {
                return true;
            }
        }
    }
    false
}

/// Whether the tokens before a date make a dateline's place (`Berlin,`, `WASHINGTON,`,
/// `Kiew/Moskau (dpa) -`, `Mittwoch,`): empty, or capitalised words (any words in
/// brackets) ending in a separator.
fn place_before(toks: &[Tok]) -> bool {
    let Some(last) = toks.last() else {
        return true;
    };
    if toks.len() > 8
        || !(last.kind == TokKind::Punct
            && matches!(last.text, "," | ")" | "-" | "–" | "—" | "|" | ":" | "·"))
    {
        return false;
    }
    let mut depth = 0u32;
    for t in toks {
        match (t.kind, t.text) {
            (TokKind::Punct, "(") => depth += 1,
            (TokKind::Punct, ")") => depth = depth.saturating_sub(1),
            (TokKind::Word, w)
                if depth == 0 && (!w.starts_with(char::is_uppercase) || is_stop(w)) =>
            {
                return false;
            }
            (TokKind::Num, _) if depth == 0 => return false,
            _ => {}
        }
    }
    true
}

/// Whether what follows a date on its line leaves it a dateline: nothing, an agency in
/// brackets or a dash before the text, or a short rest after a comma (`, 14:30 Uhr`).
fn rest_after(line: &str, toks: &[Tok], end: usize) -> bool {
    let Some(next) = toks.get(end) else {
        return true;
    };
    match (next.kind, next.text) {
        (TokKind::Punct, "(" | "-" | "–" | "—" | "|" | ":" | "/" | "·" | ".") => true,
        (TokKind::Punct, ",") => line.len() - next.start <= 24,
        _ => false,
    }
}

/// The date a line states as the article's, if the first `room` bytes hold one.
fn line_date(line: &str, room: usize) -> Option<ArticleDate> {
    let toks = tokens(line);
    let mut i = 0;
    while i < toks.len() && toks[i].start < room {
        let Some(found) = date_at(&toks, i) else {
            i += 1;
            continue;
        };
        let accepted = cue_before(&toks, i)
            || (place_before(&toks[..i]) && rest_after(line, &toks, found.end));
        if accepted && let Some(date) = complete(&toks, found) {
            return Some(date);
        }
        i = found.end.max(i + 1);
    }
    None
}

/// The date of a found date, its year taken from the line when it has none (only when the
/// line states exactly one year); checked against the calendar.
fn complete(toks: &[Tok], found: Found) -> Option<ArticleDate> {
    let year = if let Some(y) = found.year {
        y
    } else {
        let mut years = toks
            .iter()
            .enumerate()
            .filter(|(k, _)| *k < found.first || *k >= found.end)
            .filter_map(|(_, t)| num(Some(t), 4..=4).filter(|y| YEARS.contains(y)));
        let y = years.next()?;
        if years.next().is_some() {
            return None;
        }
        y
    };
    if !(1..=12).contains(&found.month) {
        return None;
    }
    if let Some(d) = found.day
        && !(1..=days_in(year, found.month)).contains(&d)
    {
        return None;
    }
    Some(ArticleDate {
        year: i32::try_from(year).ok()?,
        month: Some(found.month),
        day: found.day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_near_the_top() {
        let cases = [
            // German datelines and date lines
            (
                "Berlin, 12. Januar 2022 (dpa) - Die Regierung hat beschlossen.",
                Some("2022-01-12"),
            ),
            (
                "12.01.2022\n\nDie Regierung hat beschlossen.",
                Some("2022-01-12"),
            ),
            ("Stand: 3.2.2021 14:30 Uhr\nText", Some("2021-02-03")),
            (
                "Überschrift\nVeröffentlicht am 5. März 2020\nText",
                Some("2020-03-05"),
            ),
            ("Aktualisiert 2019-11-30\nText", Some("2019-11-30")),
            (
                "Kiew/Moskau (dpa) - Der Text.\nMittwoch, 7. Sept. 2022",
                Some("2022-09-07"),
            ),
            ("Wien, im Januar 2022 - Text", None),
            ("Wien, Januar 2022 - Text", Some("2022-01")),
            ("Jänner 2021\nText", Some("2021-01")),
            // English
            ("Published: 12 January 2022\nText", Some("2022-01-12")),
            (
                "WASHINGTON, Jan. 12, 2022 (Reuters) - Officials said.",
                Some("2022-01-12"),
            ),
            ("January 12, 2022\nThe text.", Some("2022-01-12")),
            ("Updated on Tuesday, 1 March 2022\nText", Some("2022-03-01")),
            ("Last updated: 2021-06-30T10:00Z\nText", Some("2021-06-30")),
            // No year stated: no date, unless the line states one
            ("LONDON, Jan 12 (Reuters) - Prices rose.", None),
            (
                "LONDON, Jan 12 (Reuters) - Copyright 2022",
                Some("2022-01-12"),
            ),
            ("Berlin, 12. Januar (dpa) - Text", None),
            // Dates in ordinary sentences are not the article's
            ("Am 12. Januar 2022 griffen Truppen die Stadt an.", None),
            ("The attack on 12 January 2022 killed ten people.", None),
            (
                "Die Regierung hat am 12.01.2022 beschlossen, 300 Soldaten zu schicken.",
                None,
            ),
            ("Der Stand der Gespräche am 12. Januar 2022 war gut.", None),
            // Too far down
            (
                "Erster Absatz.\nZweiter.\nDritter.\nVierter.\nFünfter.\nSechster.\n12.01.2022",
                None,
            ),
            // Not a calendar date
            ("31.02.2022\nText", None),
            ("29.02.2024\nText", Some("2024-02-29")),
            ("Kein Datum hier. 300 Soldaten.", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = date_in_text(text, 0).map(|d| d.to_string());
            assert_eq!(got.as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn reads_only_the_body() {
        let text = " date 2021-05\n12.01.2022\nText";
        assert_eq!(
            date_in_text(text, 14).map(|d| d.to_string()).as_deref(),
            Some("2022-01-12")
        );
        // A start past the end or inside a character reads the whole text.
        assert!(date_in_text("Ü", 1).is_none());
    }
}
