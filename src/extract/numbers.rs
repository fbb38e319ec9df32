//! Recognising numerals in a sentence: digits in both conventions, number words and their
//! compounds, scale words, vague plurals, fractions, proportions, multipliers and ranges,
//! and leaving out what only looks like a quantity (dates, years, times, ordinals, codes,
//! ages, fused compounds, plain indefinite articles).

// Scale factors and morpheme values are exact constants from the lexicon, so comparing them
// with `==` is intended.
#![allow(clippy::float_cmp)]

use super::ctx::{Ctx, Sentence};
use super::lang::NumberWords;
use crate::extract::lexicon::sec;

/// A numeral found at a token position.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one numeral"
)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    /// First token of the number span.
    pub first: usize,
    /// One past the last token of the number span.
    pub end: usize,
    /// The value (low end for ranges, lower bound for vague plurals).
    pub value: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// The factor of a scale word (1 without one).
    pub scale: f64,
    /// A vague plural (`Tausende`).
    pub vague: bool,
    /// A fraction or proportion (`ein Viertel`, `one in five`).
    pub fraction: bool,
    /// A multiplier in digits (`14-fache`).
    pub multiplier: bool,
    /// Written in digits.
    pub digits: bool,
    /// A year-like four-digit number that context decided is a count.
    pub year_like: bool,
}

impl Numeral {
    /// A plain numeral of tokens `first..end`.
    pub(crate) fn new(first: usize, end: usize, value: f64) -> Self {
        Self {
            first,
            end,
            value,
            high: None,
            scale: 1.0,
            vague: false,
            fraction: false,
            multiplier: false,
            digits: false,
            year_like: false,
        }
    }

    /// A fraction or proportion (`die Hälfte`, `a third`).
    pub(crate) fn fraction(first: usize, end: usize, value: f64) -> Self {
        Self {
            fraction: true,
            ..Self::new(first, end, value)
        }
    }

    /// A vague plural (`tens of thousands`).
    pub(crate) fn vague(first: usize, end: usize, value: f64) -> Self {
        Self {
            vague: true,
            ..Self::new(first, end, value)
        }
    }

    /// A numeral with a scale word (`a million`).
    pub(crate) fn scaled(first: usize, end: usize, value: f64, scale: f64) -> Self {
        Self {
            scale,
            ..Self::new(first, end, value)
        }
    }
}

/// Parses digits with group and decimal separators in the article's convention.
#[must_use]
pub fn parse_digits(raw: &str, group: char) -> Option<f64> {
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

/// Splits a word into known morphemes (`joiner` words such as `und` inside), backtracking;
/// true on success.
pub(crate) fn split_morphemes<'w>(
    rest: &'w str,
    out: &mut Vec<&'w str>,
    known: &dyn Fn(&str) -> bool,
    joiner: &dyn Fn(&str) -> bool,
) -> bool {
    if rest.is_empty() {
        return !out.is_empty();
    }
    let mut ends: Vec<usize> = rest.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    ends.reverse();
    for end in ends {
        let head = &rest[..end];
        if known(head) || (joiner(head) && !out.is_empty()) {
            out.push(head);
            if split_morphemes(&rest[end..], out, known, joiner) {
                return true;
            }
            out.pop();
        }
    }
    false
}

/// Combines number morphemes (`None` for a joiner such as `und`): units add,
/// `hundert`/`hundred` multiply, `tausend` closes a group.
pub(crate) fn combine(parts: &[Option<f64>]) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut prev_additive = false;
    let mut after_joiner = false;
    for &part in parts {
        let Some(value) = part else {
            after_joiner = true;
            continue;
        };
        match value {
            _ if value == 100.0 => {
                current = if current == 0.0 {
                    100.0
                } else {
                    current * 100.0
                };
                prev_additive = false;
            }
            _ if value == 1000.0 => {
                total += if current == 0.0 {
                    1000.0
                } else {
                    current * 1000.0
                };
                current = 0.0;
                prev_additive = false;
            }
            _ if value == 0.5 => {
                current += 0.5;
                prev_additive = false;
            }
            _ => {
                if prev_additive && !after_joiner {
                    return None;
                }
                current += value;
                prev_additive = true;
            }
        }
        after_joiner = false;
    }
    (!after_joiner).then_some(total + current)
}

/// Finds the numeral that starts at token `i` of sentence `s`, if any.
#[must_use]
pub fn numeral_at(cx: &Ctx, i: usize, s: Sentence) -> Option<Numeral> {
    numeral_at_inner(cx, i, s, false)
}

fn numeral_at_inner(cx: &Ctx, i: usize, s: Sentence, second: bool) -> Option<Numeral> {
    if i >= s.end {
        return None;
    }
    let mut n = if cx.is_num(i) {
        digits_at(cx, i, s, second)?
    } else if cx.is_word(i) {
        words_at(cx, i, s)?
    } else {
        return None;
    };
    proportion(cx, &mut n, s);
    Some(n)
}

/// A numeral in digits at token `i`.
fn digits_at(cx: &Ctx, i: usize, s: Sentence, second: bool) -> Option<Numeral> {
    let raw = cx.t(i);
    // "0800 555 0111": digits beside a number with a leading zero are a phone number.
    let leading_zero = |k: usize| {
        let t = cx.t(k);
        cx.is_num(k) && t.len() > 1 && t.starts_with('0') && !t[1..].starts_with(['.', ','])
    };
    if (i > s.first && leading_zero(i - 1)) || leading_zero(i + 1) {
        return None;
    }
    // "123 4567": plain digit groups side by side are a phone number or a code.
    let plain = |k: usize| cx.is_num(k) && !cx.t(k).contains(['.', ',']);
    let side_by_side = (i > s.first && plain(i - 1) && !cx.glued(i) && plain(i))
        || (plain(i) && plain(i + 1) && !cx.glued(i + 1) && i + 1 < s.end);
    if side_by_side {
        return None;
    }
    // Glued on the left: codes and names (G7, Covid-19, A320), times and scores.
    if cx.glued(i) && i > s.first {
        let p = i - 1;
        if cx.is_word(p) && !cx.in_sec(p, sec::CURRENCY_SIGN) {
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
    let value = parse_digits(raw, cx.language.group_separator())?;
    let next = i + 1;
    let mut n = Numeral::new(i, i + 1, value);
    n.digits = true;
    // Glued on the right.
    if cx.glued(next) && next < cx.toks.len() {
        if (cx.is_punct(next, "/") || cx.is_punct(next, ":"))
            && cx.is_num(next + 1)
            && cx.glued(next + 1)
        {
            return None;
        }
        if cx.is_word(next) {
            let w = cx.l(next);
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
            let w = cx.l(next + 1);
            let prefix = cx
                .lex
                .sec(sec::MULTIPLIER_PREFIX)
                .words()
                .iter()
                .any(|p| w.starts_with(p.as_str()));
            if prefix || cx.in_sec(next + 1, sec::MULTIPLIER_WORD) {
                n.multiplier = true;
                return Some(n);
            }
            return None;
        }
    }
    if cx.language.is_date_or_ordinal(cx, i, next, s, value) {
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
    // Names and positions: "Artikel 5", "page 3", "Boeing 737".
    if cx
        .match_ending(i, s.first, cx.lex.sec(sec::CODE_PREFIX))
        .is_some()
    {
        return None;
    }
    if let Some(p) = prev.filter(|&p| cx.is_word(p)) {
        let w = cx.l(p);
        // "Gesundheitshotline 1450", "Buslinie 5": a compound ending in a code word.
        let compound_code =
            cx.upper(p) && w.len() > 6 && cx.ends_with_any(w, sec::CODE_COMPOUND_SUFFIX);
        // "die B 8", "A3": a road or type letter before the number (not at the sentence start).
        let letter = cx.t(p).chars().count() == 1 && cx.upper(p) && p > s.first;
        if compound_code || letter {
            return None;
        }
    }
    if is_age(cx, i, s) {
        return None;
    }
    if is_year_like(raw) {
        if looks_like_year(cx, i, s) {
            return None;
        }
        n.year_like = true;
    }
    apply_scale(cx, &mut n, s);
    Some(n)
}

/// Whether the digits could be a year (four digits, 1800-2100, no separators).
fn is_year_like(raw: &str) -> bool {
    raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && raw.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// Whether a year-like number at `i` is a year by its context.
fn looks_like_year(cx: &Ctx, i: usize, s: Sentence) -> bool {
    let prev = i.checked_sub(1).filter(|&p| p >= s.first);
    if prev.is_some_and(|p| cx.in_sec(p, sec::YEAR_CUE) || cx.in_sec(p, sec::MONTH)) {
        return true;
    }
    // "the 2000 rally": after a determiner (English).
    if prev.is_some_and(|p| cx.in_sec(p, sec::YEAR_DETERMINER)) {
        return true;
    }
    let next = i + 1;
    if next >= s.end || !cx.is_word(next) {
        // Followed by a currency or percent sign it is an amount, else a year.
        return !(cx.is_punct(next, "%") || cx.in_sec(next, sec::CURRENCY_SIGN));
    }
    let w = cx.l(next);
    if cx.lex.unit(w).is_some() || cx.lex.sec(sec::SCALE).contains(w) {
        return false;
    }
    if cx.in_sec(next, sec::STOP) || cx.in_sec(next, sec::MONTH) {
        return true;
    }
    cx.language.year_by_next_word(cx, next)
}

/// Whether the number at `i` states an age.
fn is_age(cx: &Ctx, i: usize, s: Sentence) -> bool {
    // Whether the word `k` tokens before the number is in a section.
    let before = |k: usize, section| i >= s.first + k && cx.in_sec(i - k, section);
    // "im Alter 30", "im Alter von 30", "aged over 65", "älter als 65".
    if before(1, sec::AGE_CUE)
        || before(2, sec::AGE_CUE) && before(1, sec::AGE_LINK)
        || before(2, sec::AGE_COMPARATIVE) && before(1, sec::AGE_THAN)
    {
        return true;
    }
    // "Radek Volan, 63, said": a bare number between commas after a name.
    let bare = cx.is_num(i) && !cx.t(i).contains(['.', ',']) && cx.t(i).len() <= 3;
    if bare
        && i >= s.first + 2
        && cx.is_punct(i - 1, ",")
        && cx.is_word(i - 2)
        && cx.upper(i - 2)
        && (cx.is_punct(i + 1, ",") || cx.is_punct(i + 1, ".") || cx.is_punct(i + 1, ")"))
    {
        return true;
    }
    // "30 Jahre alt", "30 years old".
    if cx.in_sec(i + 1, sec::AGE_UNIT) && cx.in_sec(i + 2, sec::AGE_OLD) {
        return true;
    }
    // "im Alter von zwölf und 14 Jahren": the second of two ages.
    if before(1, sec::AGE_RANGE_LINK)
        && i >= s.first + 3
        && (cx.is_num(i - 2) || cx.in_sec(i - 2, sec::NUMERAL))
        && (before(3, sec::AGE_CUE) || before(4, sec::AGE_CUE) && before(3, sec::AGE_LINK_SECOND))
    {
        return true;
    }
    // "Peter Kunz (54)": a bare number in brackets after a name.
    bare && i > s.first + 1
        && cx.is_punct(i - 1, "(")
        && cx.is_punct(i + 1, ")")
        && cx.is_word(i - 2)
        && cx.upper(i - 2)
}

/// Applies a scale word after the numeral (`4,8 Millionen`, `1,5 Mrd.`, `3.2bn`).
fn apply_scale(cx: &Ctx, n: &mut Numeral, s: Sentence) {
    let limit = s.end.min(cx.toks.len());
    let Some((end, factor)) = cx.match_at(n.end, limit, cx.lex.sec(sec::SCALE)) else {
        return;
    };
    let Ok(factor) = factor.parse::<f64>() else {
        return;
    };
    let word = cx.l(n.end);
    // Single-letter scales (m, b, k) only when glued to digits: "$5m", not "5 m".
    if word.chars().count() == 1 && !(n.digits && cx.glued(n.end)) {
        return;
    }
    // "hundert"/"thousand" after digits only as a word of its own, and never after a scale.
    if n.scale != 1.0 {
        return;
    }
    n.value *= factor;
    n.scale = factor;
    n.end = end;
}

/// A numeral in words at token `i`.
fn words_at(cx: &Ctx, i: usize, s: Sentence) -> Option<Numeral> {
    let w = cx.l(i);
    let lex = cx.lex;
    // The lower-case word `k` tokens ahead, empty past the sentence.
    let ahead = |k: usize| if i + k < s.end { cx.l(i + k) } else { "" };
    // Most words are no numeral: refuse them with the token's lexicon flags.
    if !may_start_numeral(cx, i, w) {
        return None;
    }
    // "tens of thousands": a scale phrase of the language.
    if let Some(n) = cx.language.scale_phrase(cx, i, s) {
        return Some(n);
    }
    if let Some(v) = lex.sec(sec::VAGUE).number(w) {
        let mut n = Numeral::new(i, i + 1, v);
        n.vague = true;
        apply_scale(cx, &mut n, s);
        return Some(n);
    }
    // "mehrere hundert", "several thousand".
    // The scale word must be in the same sentence and a word of its own ("m" is only a
    // scale glued to digits).
    let scale_word = |k: usize| {
        (k < s.end && cx.l(k).chars().count() > 1)
            .then(|| lex.sec(sec::SCALE).number(cx.l(k)))
            .flatten()
    };
    if let Some((e, _)) = cx.match_at(i, s.end, lex.sec(sec::VAGUE_LEAD))
        && let Some(v) = scale_word(e).filter(|v| *v >= 100.0)
    {
        let mut n = Numeral::new(i, e + 1, v);
        n.vague = true;
        n.scale = v;
        if let Some(v2) = scale_word(e + 1).filter(|f| *f > v) {
            n.value *= v2;
            n.end += 1;
        }
        return Some(n);
    }
    // "jeder achte", "jeder Zweite".
    if cx.in_sec(i, sec::EVERY) {
        if let Some(k) = lex.sec(sec::ORDINAL).number(ahead(1)) {
            let mut n = Numeral::new(i, i + 2, round4(1.0 / k));
            n.fraction = true;
            return Some(n);
        }
        return None;
    }
    // "a third", "half a billion", "die Hälfte": an article or `half` before a fraction
    // or scale word.
    if let Some(found) = cx.language.article_numeral(cx, i, s) {
        return found;
    }
    // Number words.
    let (value, mut end) = match cx.language.number_words(cx, i, s)? {
        NumberWords::Value { value, end } => (value, end),
        NumberWords::Fraction { value, end } => {
            let mut n = Numeral::new(i, end, value);
            n.fraction = true;
            return Some(n);
        }
    };
    if cx.glued(i) && i > s.first && (cx.is_num(i - 1) || cx.is_word(i - 1)) {
        return None;
    }
    if is_age(cx, i, s) {
        return None;
    }
    if i > s.first && cx.in_sec(i - 1, sec::CODE_PREFIX) {
        return None;
    }
    let mut n = Numeral::new(i, end, value);
    // "ein Viertel", "zwei Drittel", "einem halben Jahr".
    if end < s.end
        && let Some(f) = lex.sec(sec::FRACTION).number(cx.l(end))
        && cx.language.fraction_after_number(value, f)
    {
        n.value = round4(value * f);
        n.fraction = true;
        end += 1;
        n.end = end;
        // "ein halbes Dutzend", "a quarter million": a fraction of a scale word is a count.
        apply_scale(cx, &mut n, s);
        if n.scale != 1.0 {
            n.fraction = false;
        }
        return Some(n);
    }
    apply_scale(cx, &mut n, s);
    if value == 1.0 && n.scale == 1.0 && !counting_one(cx, i, s) {
        // A proportion ("one in five") still counts.
        let mut probe = n;
        proportion(cx, &mut probe, s);
        if !probe.fraction {
            return None;
        }
    }
    Some(n)
}

/// Whether the word at `i` can start a numeral at all (cheap test before parsing).
fn may_start_numeral(cx: &Ctx, i: usize, w: &str) -> bool {
    if cx.in_sec(i, sec::VAGUE)
        || cx.in_sec(i, sec::SCALE)
        || cx.in_sec(i, sec::FRACTION)
        || cx.in_sec(i, sec::EVERY)
        || cx.in_sec(i, sec::NUMERAL)
        || cx.starts_sec(i, sec::VAGUE_LEAD)
    {
        return true;
    }
    cx.in_sec(i, sec::NUMERAL_START) || cx.language.may_start_number_word(cx, i, w)
}

/// Rounds a fraction to four decimals (two thirds = 0.6667).
pub(crate) fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

/// Turns `N in M`, `N out of M`, `N von M` into a proportion.
fn proportion(cx: &Ctx, n: &mut Numeral, s: Sentence) {
    if n.fraction || n.vague || n.scale != 1.0 {
        return;
    }
    let mut j = n.end;
    let Some(after) = cx.language.proportion_link(cx, j, n.digits) else {
        return;
    };
    j = after;
    let whole = if cx.is_num(j) {
        parse_digits(cx.t(j), cx.language.group_separator())
    } else {
        cx.language.number_word_value(cx, j, s.end)
    };
    let Some(whole) = whole.filter(|w| *w > n.value && *w <= 1000.0) else {
        return;
    };
    if j >= s.end || cx.lex.unit(cx.l(j + 1)).is_some() {
        return;
    }
    n.value = round4(n.value / whole);
    n.fraction = true;
    n.end = j + 1;
}

/// Whether `ein`/`one` at `i` clearly counts rather than being an indefinite article.
fn counting_one(cx: &Ctx, i: usize, s: Sentence) -> bool {
    if cx.in_sec(i, sec::ONE_COUNTING) {
        return true;
    }
    let prev = i.checked_sub(1).filter(|&p| p >= s.first);
    // "ein paar", "one of", "the one": an article or pronoun, no count.
    if cx.in_sec(i + 1, sec::ONE_NOT_BEFORE)
        || prev.is_some_and(|p| cx.in_sec(p, sec::ONE_NOT_AFTER))
    {
        return false;
    }
    // After a qualifier or "nur", "genau", "only".
    let before_filler = prev
        .filter(|&p| p > s.first && cx.in_sec(p, sec::ONE_FILLER))
        .map(|p| p - 1);
    if prev.is_some_and(|p| cx.in_sec(p, sec::LIMITING))
        || before_filler.is_some_and(|p| cx.in_sec(p, sec::LIMITING))
        || cx.in_sec(i + 1, sec::LIMITING)
    {
        return true;
    }
    let qualifier_before = [
        sec::APPROX,
        sec::OVER,
        sec::UNDER,
        sec::AT_LEAST,
        sec::AT_MOST,
    ]
    .iter()
    .any(|q| cx.match_ending(i, s.first, cx.lex.sec(*q)).is_some());
    if qualifier_before {
        return true;
    }
    // Before a unit: "ein Prozent", "one year", "einem Jahr" after a time preposition.
    if let Some((kind, _)) = cx.lex.unit(cx.l(i + 1)) {
        use crate::model::Kind;
        match kind {
            Kind::Percent | Kind::Money | Kind::Measure => return true,
            Kind::Duration => {
                if prev.is_some_and(|p| cx.in_sec(p, sec::TIME_PREPOSITION))
                    || cx.language.one_counts_before_duration()
                {
                    return true;
                }
            }
            Kind::Count | Kind::Other => {}
        }
    }
    cx.language.one_counts_in_context(cx, i, s, prev)
}

/// Extends a numeral into a range: `300 bis 450`, `zwischen 20 und 25`, `20-25`,
/// `six or seven million`. Returns the first token of a `zwischen`/`between` before it.
pub fn extend_range(cx: &Ctx, n: &mut Numeral, s: Sentence) -> Option<usize> {
    if n.vague || n.fraction || n.multiplier {
        return None;
    }
    let lex = cx.lex;
    let mut j = n.end;
    // "5.25%-5.5%": a percent sign on both ends.
    if cx.is_punct(j, "%") && cx.glued(j) && cx.glued(j + 1) && cx.is_punct(j + 1, "-") {
        j += 1;
    }
    if j >= s.end {
        return None;
    }
    let between = n
        .first
        .checked_sub(1)
        .filter(|&p| p >= s.first && cx.in_sec(p, sec::RANGE_START));
    let connector_end = if between.is_some() {
        cx.match_at(j, s.end, lex.sec(sec::RANGE_AND))
            .map(|(e, _)| e)
    } else if let Some((e, _)) = cx.match_at(j, s.end, lex.sec(sec::RANGE_TO)) {
        let dash = cx.is_any_punct(j);
        // A dash joins a range when glued on both sides or spaced on both sides.
        if dash && cx.glued(j) != cx.glued(j + 1) {
            return None;
        }
        // "from 5 to 7" is a change, not a range.
        if n.first > s.first && cx.in_sec(n.first - 1, sec::RANGE_FROM) && !dash {
            return None;
        }
        // "bis zu" after a number starts an "at most" figure, not a range.
        if cx.in_sec(e, sec::RANGE_NOT_AFTER_TO) {
            return None;
        }
        Some(e)
    } else {
        cx.match_at(j, s.end, lex.sec(sec::RANGE_OR))
            .map(|(e, _)| e)
    };
    let connector_end = connector_end?;
    let second = numeral_at_inner(cx, connector_end, s, true)?;
    if second.vague || second.fraction || second.multiplier || second.high.is_some() {
        return None;
    }
    let mut low = n.value;
    if second.scale != 1.0 && n.scale == 1.0 {
        low *= second.scale;
    }
    // "six or seven thousand", "zwei bis dreitausend": the group word applies to both.
    let last = cx.l(second.end - 1);
    if !n.digits && n.scale == 1.0 && n.value < 100.0 && second.scale == 1.0 {
        let group = lex
            .sec(sec::RANGE_GROUP)
            .iter()
            .find(|(word, _)| last.ends_with(word))
            .and_then(|(_, value)| value.parse::<f64>().ok())
            .unwrap_or(1.0);
        if second.value >= group * 2.0 && n.value * group < second.value {
            low *= group;
        }
    }
    if second.value <= low {
        return None;
    }
    n.value = low;
    n.high = Some(second.value);
    n.scale = second.scale;
    n.end = second.end;
    between
}
