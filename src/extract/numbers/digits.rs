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
    if (i > s.first && leading_zero(i - 1)) || leading_zero(i + 1) {
        return None;
    }
    // "123 4567": plain digit groups side by side are a phone number or a code.
    let plain = |k: usize| cx.is_num(k) && !cx.text_at(k).contains(['.', ',']);
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
        let w = cx.lower_at(p);
        // "Gesundheitshotline 1450", "Buslinie 5": a compound ending in a code word.
        let compound_code =
            cx.upper(p) && w.len() > 6 && cx.ends_with_any(w, sec::CODE_COMPOUND_SUFFIX);
        // "die B 8", "A3": a road or type letter before the number (not at the sentence start).
        let letter = cx.text_at(p).chars().count() == 1 && cx.upper(p) && p > s.first;
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
