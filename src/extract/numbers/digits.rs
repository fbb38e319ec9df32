//! Numbers in digits: both separator conventions (`10.000`, `10,000`, `10'000`), and what
//! digits glued to their neighbours are (codes, times, scores, phone numbers, multipliers).

// Values are exact constants, so comparing them with `==` is intended.
#![allow(clippy::float_cmp)]

use super::not_quantity::{is_age, is_year_like, looks_like_year};
use super::{Numeral, apply_scale};
use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::lexicon::sec;

/// Parses digits with group and decimal separators in the article's convention.
#[must_use]
pub fn parse_digits(raw: &str, group: char) -> Option<f64> {
    // Most figures are digits only ("2024", "300"): nothing to clean or regroup.
    if raw.bytes().all(|b| b.is_ascii_digit()) {
        if raw.len() > 1 && raw.starts_with('0') {
            return None;
        }
        return raw.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let s: String = raw
        .chars()
        .filter(|c| c.is_ascii_graphic() && *c != '\'')
        .collect();
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    if s.len() > 1 && s.starts_with('0') && !s[1..].starts_with(['.', ',']) {
        return None;
    }
    let groups_ok = |sep: char| {
        let mut parts = s.split(sep);
        let first = parts.next().unwrap_or("");
        !first.is_empty()
            && first.len() <= 3
            && parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let normal = match (dots, commas) {
        (0, 0) => s.clone(),
        (_, 0) => {
            // Only dots: German thousands groups, else an (English) decimal point.
            if (group == '.' || dots > 1) && groups_ok('.') {
                s.replace('.', "")
            } else if dots == 1 {
                s.clone()
            } else {
                return None;
            }
        }
        (0, _) => {
            if (group == ',' || commas > 1) && groups_ok(',') {
                s.replace(',', "")
            } else if commas == 1 {
                s.replace(',', ".")
            } else {
                return None;
            }
        }
        _ => {
            // Both: the last separator is the decimal one.
            let last_dot = s.rfind('.').unwrap_or(0);
            let last_comma = s.rfind(',').unwrap_or(0);
            let (group, decimal) = if last_comma > last_dot {
                ('.', ',')
            } else {
                (',', '.')
            };
            if s.matches(decimal).count() != 1 {
                return None;
            }
            let (int, frac) = s.split_once(decimal)?;
            let int_ok = {
                let mut parts = int.split(group);
                let first = parts.next().unwrap_or("");
                !first.is_empty() && first.len() <= 3 && parts.all(|p| p.len() == 3)
            };
            if !int_ok {
                return None;
            }
            format!("{}.{frac}", int.replace(group, ""))
        }
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A numeral in digits at token `i`.
pub(crate) fn digits_at(cx: &Ctx, i: usize, s: Sentence, second: bool) -> Option<Numeral> {
    let raw = cx.text_at(i);
    // "0800 555 0111": digits beside a number with a leading zero are a phone number.
    let leading_zero = |k: usize| {
        let t = cx.text_at(k);
        cx.is_num(k) && t.len() > 1 && t.starts_with('0') && !t[1..].starts_with(['.', ','])
    };
    // "1 234 567", "12 500 EUR": thousands groups written with spaces.
    let spaced = spaced_groups(cx, i, s);
    if spaced.is_none() && ((i > s.first && leading_zero(i - 1)) || leading_zero(i + 1)) {
        return None;
    }
    // "123 4567": plain digit groups side by side are a phone number or a code.
    let plain = |k: usize| cx.is_num(k) && !cx.text_at(k).contains(['.', ',']);
    let side_by_side = spaced.is_none()
        && ((i > s.first && plain(i - 1) && !cx.glued(i) && plain(i))
            || (plain(i) && plain(i + 1) && !cx.glued(i + 1) && i + 1 < s.end));
    if side_by_side {
        return None;
    }
    if in_url(cx.text, cx.tok(i).map_or(0, |t| t.start)) {
        return None;
    }
    let sign = sign_before(cx, i, s);
    // ".500 record", ".001 per cent": a decimal point with no digits before it.
    let point = i > s.first
        && cx.glued(i)
        && cx.is_punct(i - 1, decimal_mark(cx))
        && (i - 1 == s.first || !cx.glued(i - 1))
        && raw.bytes().all(|b| b.is_ascii_digit());
    // Glued on the left: codes and names (G7, Covid-19, A320), times and scores.
    if cx.glued(i) && i > s.first && sign.is_none() && !point {
        let p = i - 1;
        // A currency code glued before the digits is a sign: "RM12.40", "AUD2.5m", "$US113".
        if cx.is_word(p)
            && cx
                .match_ending(i, s.first, cx.lex.sec(sec::CURRENCY_SIGN))
                .is_none()
        {
            return None;
        }
        let hyphen = cx.is_punct(p, "-") || cx.is_punct(p, "\u{2011}");
        if hyphen && cx.glued(p) && p > s.first && cx.is_word(p - 1) {
            return None;
        }
        // "737-800" that did not make a range: a code.
        if hyphen && cx.glued(p) && p > s.first && cx.is_num(p - 1) && !second {
            return None;
        }
        if (cx.is_punct(p, "/") || cx.is_punct(p, ":") || cx.is_punct(p, "."))
            && cx.glued(p)
            && p > s.first
            && cx.is_num(p - 1)
        {
            return None;
        }
        if cx.is_punct(p, "#") || cx.is_punct(p, "§") || cx.is_punct(p, "+") {
            return None;
        }
    }
    let value = if let Some((_, grouped)) = spaced {
        grouped
    } else if point {
        parse_digits(&format!("0.{raw}"), ',')?
    } else {
        parse_digits(raw, cx.language.group_separator())?
    };
    let last = spaced.map_or(i, |(end, _)| end - 1);
    let next = last + 1;
    let mut n = Numeral::new(i, next, value);
    n.digits = true;
    if point {
        n.first = i - 1;
    }
    if let Some(sign) = sign {
        // "+0.2%" only before a percent sign or a unit: "+49 30 …" is a phone number.
        let unit_after = cx.is_punct(next, "%")
            || cx.is_word(next) && cx.lex.unit(cx.lower_at(next)).is_some()
            || raw.contains(['.', ',']);
        if sign.negative {
            n.value = -value;
        } else if !unit_after {
            return None;
        }
        n.first = sign.first;
    }
    // "1/2", "1/16": a fraction in digits.
    if let Some(f) = digit_fraction(cx, i, s) {
        return Some(f);
    }
    // Glued on the right.
    if cx.glued(next) && next < cx.toks.len() {
        if (cx.is_punct(next, "/") || cx.is_punct(next, ":"))
            && cx.is_num(next + 1)
            && cx.glued(next + 1)
        {
            return None;
        }
        if cx.is_word(next) {
            let w = cx.lower_at(next);
            if cx.in_sec(next, sec::AFTER_EXCLUDED) {
                return None;
            }
            let scale = cx.lex.sec(sec::SCALE).contains(w);
            if !scale && cx.lex.unit(w).is_none() {
                return None;
            }
        }
        let hyphen = cx.is_punct(next, "-") || cx.is_punct(next, "\u{2011}");
        // "14- bis 29-Jährige": the first half of a shortened compound.
        if hyphen && !cx.glued(next + 1) && cx.is_word(next + 1) {
            return None;
        }
        if hyphen && cx.glued(next + 1) && cx.is_word(next + 1) {
            let w = cx.lower_at(next + 1);
            let prefix = cx
                .lex
                .sec(sec::MULTIPLIER_PREFIX)
                .prefixes_of(w)
                .next()
                .is_some();
            if prefix || cx.in_sec(next + 1, sec::MULTIPLIER_WORD) {
                n.multiplier = true;
                return Some(n);
            }
            return None;
        }
    }
    if cx.language.is_date_or_ordinal(cx, last, next, s, value) {
        return None;
    }
    let prev = i.checked_sub(1).filter(|&p| p >= s.first);
    // Times of day: "10 Uhr", "9 a.m.".
    if cx
        .match_at(next, cx.toks.len(), cx.lex.sec(sec::AFTER_EXCLUDED))
        .is_some()
    {
        return None;
    }
    // Names and positions: "Artikel 5", "page 3", "Boeing 737"; not before a unit ("verlor
    // der Dax 12 Prozent").
    let before_unit = cx.lex.unit(cx.lower_at(next)).is_some_and(|(kind, _)| {
        matches!(
            kind,
            crate::model::Kind::Percent | crate::model::Kind::Money | crate::model::Kind::Measure
        )
    });
    if !before_unit
        && cx
            .match_ending(i, s.first, cx.lex.sec(sec::CODE_PREFIX))
            .is_some()
    {
        return None;
    }
    if let Some(p) = prev.filter(|&p| cx.is_word(p)) {
        let w = cx.lower_at(p);
        // "Gesundheitshotline 1450", "Buslinie 5": a compound ending in a code word.
        let compound_code =
            cx.upper(p) && w.len() > 6 && cx.ends_with_any(w, sec::CODE_COMPOUND_SUFFIX);
        // "die B 8", "A3": a road or type letter before the number (not at the sentence start).
        let letter = cx.text_at(p).chars().count() == 1 && cx.upper(p) && p > s.first;
        if compound_code || letter || names_number(cx, p, i, s) {
            return None;
        }
    }
    if is_age(cx, i, s) {
        return None;
    }
    if is_year_like(raw) && spaced.is_none() {
        if looks_like_year(cx, i, s) {
            return None;
        }
        n.year_like = true;
    }
    apply_scale(cx, &mut n, s);
    Some(n)
}

/// A sign before digits: its first token and whether it is a minus.
#[derive(Debug, Clone, Copy)]
struct Sign {
    first: usize,
    negative: bool,
}

/// The sign before the digits at `i`: `-1.3%`, `+0.2%`, `$-50.8bn`, `minus 130 Grad`,
/// `minus-5 yards`. A hyphen glued to a word or number before it is no sign (`Covid-19`).
fn sign_before(cx: &Ctx, i: usize, s: Sentence) -> Option<Sign> {
    if i <= s.first {
        return None;
    }
    let p = i - 1;
    let minus_word = |k: usize| cx.in_sec(k, sec::NEGATIVE_SIGN) && (!cx.upper(k) || k == s.first);
    if !cx.glued(i) {
        return minus_word(p).then_some(Sign {
            first: p,
            negative: true,
        });
    }
    // "auf –5 Grad": an en dash before digits, with space before it, is a minus too.
    let hyphen = cx.is_punct(p, "-")
        || cx.is_punct(p, "\u{2212}")
        || cx.is_punct(p, "\u{2013}") && (p == s.first || !cx.glued(p));
    if !(hyphen || cx.is_punct(p, "+")) {
        return None;
    }
    let free = p == s.first
        || !cx.glued(p)
        || cx
            .match_ending(p, s.first, cx.lex.sec(sec::CURRENCY_SIGN))
            .is_some();
    if free {
        return Some(Sign {
            first: p,
            negative: hyphen,
        });
    }
    (hyphen && p > s.first && minus_word(p - 1)).then_some(Sign {
        first: p - 1,
        negative: true,
    })
}

/// The decimal mark of the article's convention (the other of the group separator).
fn decimal_mark(cx: &Ctx) -> &'static str {
    if cx.language.group_separator() == '.' {
        ","
    } else {
        "."
    }
}

/// Whether the byte offset `at` lies in a web address or mail address: the run of text
/// without white space around it holds `://`, `www.` or `@`.
fn in_url(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    let mut lo = at.min(bytes.len());
    while lo > 0 && !bytes[lo - 1].is_ascii_whitespace() {
        lo -= 1;
    }
    let mut hi = at.min(bytes.len());
    while hi < bytes.len() && !bytes[hi].is_ascii_whitespace() {
        hi += 1;
    }
    let chunk = &bytes[lo..hi];
    let has = |needle: &[u8]| {
        chunk
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
    };
    has(b"://") || has(b"www.") || chunk.contains(&b'@')
}

/// Whether the bare number at `i` belongs to the name before it (`Formel 1`, `iPhone 15`,
/// `Euro 2024`, `S&P 500`, `Game 7`): plain digits right after a capitalised word inside the
/// sentence (or a word with a capital inside, `iPhone`), with no unit, scale or counted noun
/// after them.
fn names_number(cx: &Ctx, p: usize, i: usize, s: Sentence) -> bool {
    let raw = cx.text_at(i);
    let word = cx.text_at(p);
    let inner_capital = word.chars().skip(1).any(char::is_uppercase);
    let capitalised = (cx.upper(p) && p > s.first) || inner_capital;
    // "Euro 2024" in English: a capitalised currency word before a year is a name.
    let english_year = !cx.language.capitalises_nouns() && super::not_quantity::is_year_like(raw);
    if !capitalised
        || cx.glued(i)
        || raw.len() > 4
        || !raw.bytes().all(|b| b.is_ascii_digit())
        || cx.in_sec(p, sec::STOP)
        || cx.in_sec(p, sec::MONTH)
        // Weekdays and time nouns ("Monday 12 were hurt") are no names.
        || cx.in_sec(p, sec::NOT_SPEAKER)
        || cx.in_sec(p, sec::CURRENCY_SIGN)
        || (cx.lex.unit(cx.lower_at(p)).is_some() && !english_year)
    {
        return false;
    }
    // "in Sachsen 25": after a preposition the word is a place and the number elides its noun.
    let preposition =
        p > s.first && cx.in_sec(p - 1, sec::STOP) && !cx.in_sec(p - 1, sec::DETERMINER);
    if preposition && !inner_capital && !english_year {
        return false;
    }
    let next = i + 1;
    // "Neutrinos 300-500 t": a range in digits.
    if cx.is_any_punct(next) && cx.is_num(next + 1) && next + 1 < s.end {
        return false;
    }
    if next >= s.end || cx.is_any_punct(next) {
        // "Formel 1.", "S&P 500 +0.3%", but not "5 %", "5 €".
        return !(cx.is_punct(next, "%") || cx.in_sec(next, sec::CURRENCY_SIGN))
            && cx.match_at(next, s.end, cx.lex.sec(sec::UNIT)).is_none();
    }
    if !cx.is_word(next) {
        return false;
    }
    let w = cx.lower_at(next);
    if cx.lex.unit(w).is_some() || cx.lex.sec(sec::SCALE).contains(w) {
        return false;
    }
    // "Euro 2024 tickets": where nouns are not capitalised, a year after a name is no count.
    if english_year {
        return true;
    }
    // A noun after the number is what it counts ("Einsatz 300 Polizisten"); where nouns
    // are capitalised, a lower-case word after it is a verb or a particle.
    if cx.language.capitalises_nouns() {
        // "Kursk 23 ukrainische Drohnen", "Kanadas 125 der 308 Sitze": an adjective or a
        // determiner before a noun.
        let adjective = cx.inflected(w) && cx.upper(next + 1) && cx.is_word(next + 1);
        !(cx.upper(next) || adjective || cx.in_sec(next, sec::DETERMINER))
    } else {
        cx.in_sec(next, sec::STOP) || cx.upper(next)
    }
}

/// A fraction in digits at `i` (`1/2`, `3/4`, `1/16`): a smaller plain number over a larger
/// one up to 100, not part of a date or a longer code (`1/2/2020`, `24/7`).
fn digit_fraction(cx: &Ctx, i: usize, s: Sentence) -> Option<Numeral> {
    let (slash, below) = (i + 1, i + 2);
    let plain = |k: usize| cx.is_num(k) && cx.text_at(k).bytes().all(|b| b.is_ascii_digit());
    let joined = |k: usize| cx.glued(k) && k < s.end;
    if !(cx.is_punct(slash, "/") || cx.is_punct(slash, "\u{2044}"))
        || !joined(slash)
        || !joined(below)
        || !plain(i)
        || !plain(below)
    {
        return None;
    }
    let before_free = i == s.first || !cx.glued(i) || !cx.is_any_punct(i - 1);
    let after_free = !(joined(below + 1) && (cx.is_any_punct(below + 1) || cx.is_num(below + 1)));
    let over: f64 = cx.text_at(i).parse().ok()?;
    let under: f64 = cx.text_at(below).parse().ok()?;
    (before_free && after_free && over >= 1.0 && over < under && under <= 100.0)
        .then(|| Numeral::fraction(i, below + 1, super::round4(over / under)))
}

/// Thousands groups written with plain spaces from token `i` (`1 234 567`, `40 000`): a
/// first group of one to three digits, then groups of exactly three, one space apart, with
/// no number right before.
fn spaced_groups(cx: &Ctx, i: usize, s: Sentence) -> Option<(usize, f64)> {
    let plain =
        |k: usize| k < s.end && cx.is_num(k) && cx.text_at(k).bytes().all(|b| b.is_ascii_digit());
    let first = cx.text_at(i);
    if !plain(i) || first.len() > 3 || first.starts_with('0') {
        return None;
    }
    // After a number or a page word ("Seite 12 500 Menschen") the groups are two figures.
    if i > s.first
        && (cx.is_num(i - 1)
            || cx.is_punct(i - 1, ",") && cx.glued(i)
            || cx
                .match_ending(i, s.first, cx.lex.sec(sec::CODE_PREFIX))
                .is_some())
    {
        return None;
    }
    let one_space = |k: usize| {
        let (Some(a), Some(b)) = (cx.tok(k - 1), cx.tok(k)) else {
            return false;
        };
        cx.text.get(a.end..b.start) == Some(" ")
    };
    let mut end = i + 1;
    let mut digits = first.to_string();
    while plain(end) && cx.text_at(end).len() == 3 && one_space(end) {
        digits.push_str(cx.text_at(end));
        end += 1;
    }
    // Followed by a longer digit group or a decimal part, it is a phone number or a code.
    if end == i + 1 || plain(end) && one_space(end) {
        return None;
    }
    Some((end, digits.parse().ok()?))
}
