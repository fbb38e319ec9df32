//! What only looks like a quantity: years, ages, and `ein`/`one` as an indefinite article.

// Values are exact constants, so comparing them with `==` is intended.
#![allow(clippy::float_cmp)]

use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::lexicon::sec;

/// Whether the digits could be a year (four digits, 1800-2100, no separators).
pub(crate) fn is_year_like(raw: &str) -> bool {
    raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && raw.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
}

/// Whether a year-like number at `i` is a year by its context.
pub(crate) fn looks_like_year(cx: &Ctx, i: usize, s: Sentence) -> bool {
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
    let w = cx.lower_at(next);
    if cx.lex.unit(w).is_some() || cx.lex.sec(sec::SCALE).contains(w) {
        return false;
    }
    if cx.in_sec(next, sec::STOP) || cx.in_sec(next, sec::MONTH) {
        return true;
    }
    cx.language.year_by_next_word(cx, next)
}

/// Whether the number at `i` states an age.
pub(crate) fn is_age(cx: &Ctx, i: usize, s: Sentence) -> bool {
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
    let bare = cx.is_num(i) && !cx.text_at(i).contains(['.', ',']) && cx.text_at(i).len() <= 3;
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

/// Whether `ein`/`one` at `i` clearly counts rather than being an indefinite article.
pub(crate) fn counting_one(cx: &Ctx, i: usize, s: Sentence) -> bool {
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
    // "über einen Rücktritt", "bis zu einer Einigung": a preposition, not a qualifier, unless
    // a unit or scale word follows ("über einen Kilometer").
    let preposition = cx
        .match_ending(i, s.first, cx.lex.sec(sec::PREPOSITION_QUALIFIER))
        .is_some();
    if qualifier_before
        && (!preposition
            || cx.lex.unit(cx.lower_at(i + 1)).is_some()
            || cx.in_sec(i + 1, sec::SCALE))
    {
        return true;
    }
    // Before a unit: "ein Prozent", "one year", "einem Jahr" after a time preposition.
    if let Some((kind, _)) = cx.lex.unit(cx.lower_at(i + 1)) {
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
