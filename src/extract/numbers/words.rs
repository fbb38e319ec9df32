//! Numbers in words: vague plurals (`Tausende`), `mehrere hundert`, `jeder achte`, fractions
//! (`zwei Drittel`), number words of the language ([`crate::extract::lang::Language::number_words`])
//! and proportions (`one in five`).

// Values are exact constants, so comparing them with `==` is intended.
#![allow(clippy::float_cmp)]

use super::not_quantity::{counting_one, is_age};
use super::{Numeral, apply_scale, parse_digits, round4};
use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::lang::{ArticleNumeral, NumberWords};
use crate::extract::lexicon::{Bits, sec};

/// A numeral in words at token `i`.
pub(crate) fn words_at(cx: &Ctx, i: usize, s: Sentence) -> Option<Numeral> {
    let w = cx.lower_at(i);
    let lex = cx.lex;
    // The lower-case word `k` tokens ahead, empty past the sentence.
    let ahead = |k: usize| {
        if i + k < s.end {
            cx.lower_at(i + k)
        } else {
            ""
        }
    };
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
        (k < s.end && cx.lower_at(k).chars().count() > 1)
            .then(|| lex.sec(sec::SCALE).number(cx.lower_at(k)))
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
    match cx.language.article_numeral(cx, i, s) {
        ArticleNumeral::Numeral(n) => return Some(n),
        ArticleNumeral::NotNumeral => return None,
        ArticleNumeral::NoRule => {}
    }
    // "Claudia Tausend": a capitalised scale word after a name is a name.
    if cx.upper(i)
        && i > s.first
        && cx.is_word(i - 1)
        && cx.upper(i - 1)
        && !cx.in_sec(i - 1, sec::STOP)
        && lex.sec(sec::SCALE).contains(w)
    {
        return None;
    }
    // Number words.
    let (mut value, mut end) = match cx.language.number_words(cx, i, s)? {
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
    // "zwei Komma drei", "two point five": digits in words after the decimal word.
    if let Some((decimal, place)) = decimal_words(cx, end, s) {
        value += decimal;
        end = place;
    }
    // "fünf und drei Viertel Milliarden": a whole and a fraction before a scale word.
    if let Some((fraction, after)) = whole_and_fraction(cx, end, s) {
        let mut n = Numeral::new(i, after, round4(value + fraction));
        apply_scale(cx, &mut n, s);
        n.fraction = n.scale == 1.0;
        return Some(n);
    }
    let mut n = Numeral::new(i, end, value);
    // "dreiviertel": a number word below one is a fraction.
    n.fraction = value > 0.0 && value < 1.0;
    // "ein Viertel", "zwei Drittel", "einem halben Jahr".
    if end < s.end
        && let Some(f) = lex.sec(sec::FRACTION).number(cx.lower_at(end))
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
    // "zwei Millionen eintausendeinhundertfünfzig": a smaller number in words after a scale.
    if n.scale >= 1000.0
        && n.end < s.end
        && cx.is_word(n.end)
        && let Some(rest) = cx.language.number_word_value(cx, n.end, s.end)
        && rest >= 1.0
        && rest < n.scale
    {
        n.value += rest;
        n.end += 1;
        while n.end < s.end
            && cx.is_word(n.end)
            && cx.lex.sec(sec::NUMERAL).contains(cx.lower_at(n.end))
        {
            n.end += 1;
        }
    }
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
pub(crate) fn may_start_numeral(cx: &Ctx, i: usize, w: &str) -> bool {
    const ENTRY: Bits = Bits::of(&[
        sec::VAGUE,
        sec::SCALE,
        sec::FRACTION,
        sec::EVERY,
        sec::NUMERAL,
        sec::NUMERAL_START,
    ]);
    cx.in_any(i, ENTRY)
        || cx.starts_sec(i, sec::VAGUE_LEAD)
        || cx.language.may_start_number_word(cx, i, w)
}

/// Turns `N in M`, `N out of M`, `N von M` into a proportion.
pub(crate) fn proportion(cx: &Ctx, n: &mut Numeral, s: Sentence) {
    if n.fraction || n.vague || n.scale != 1.0 {
        return;
    }
    let mut j = n.end;
    let Some(after) = cx.language.proportion_link(cx, j, n.digits) else {
        return;
    };
    j = after;
    let whole = if cx.is_num(j) {
        parse_digits(cx.text_at(j), cx.language.group_separator())
    } else {
        cx.language.number_word_value(cx, j, s.end)
    };
    let Some(whole) = whole.filter(|w| *w > n.value && *w <= 1000.0) else {
        return;
    };
    if j >= s.end || cx.lex.unit(cx.lower_at(j + 1)).is_some() {
        return;
    }
    n.value = round4(n.value / whole);
    n.fraction = true;
    n.end = j + 1;
}

/// The decimals written in words after a decimal word at `at` (`Komma drei`, `point five`):
/// their value and the token after them.
fn decimal_words(cx: &Ctx, at: usize, s: Sentence) -> Option<(f64, usize)> {
    if at >= s.end || !cx.in_sec(at, sec::DECIMAL_WORD) {
        return None;
    }
    let mut digits = String::new();
    let mut k = at + 1;
    while k < s.end && cx.is_word(k) {
        let Some(d) = cx.lex.sec(sec::NUMERAL).number(cx.lower_at(k)) else {
            break;
        };
        if !(0.0..10.0).contains(&d) || d.fract() != 0.0 {
            break;
        }
        digits.push(char::from(b'0' + d as u8));
        k += 1;
    }
    if digits.is_empty() {
        return None;
    }
    let value = format!("0.{digits}").parse::<f64>().ok()?;
    Some((value, k))
}

/// A fraction joined to a whole number at `at` (`und drei Viertel` before `Milliarden`):
/// its value and the token after the fraction word.
fn whole_and_fraction(cx: &Ctx, at: usize, s: Sentence) -> Option<(f64, usize)> {
    if at + 2 >= s.end || !cx.in_sec(at, sec::NUMERAL_JOINER) {
        return None;
    }
    let count = cx.language.number_word_value(cx, at + 1, at + 2)?;
    let fraction = cx.lex.sec(sec::FRACTION).number(cx.lower_at(at + 2))?;
    let value = count * fraction;
    (value > 0.0 && value < 1.0).then_some((value, at + 3))
}
