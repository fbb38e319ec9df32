//! Recognising numerals in a sentence: digits in both conventions, number words and their
//! compounds, scale words, vague plurals, fractions, proportions, multipliers and ranges,
//! and leaving out what only looks like a quantity (dates, years, times, ordinals, codes,
//! ages, fused compounds, plain indefinite articles).
//!
//! [`numeral_at`] reads the numeral at a token: [`digits`] or [`words`], then a proportion;
//! [`not_quantity`] leaves out what only looks like one; [`range`] joins two numerals.

// Scale factors and morpheme values are exact constants from the lexicon, so comparing them
// with `==` is intended.
#![allow(clippy::float_cmp)]

mod digits;
pub(crate) mod not_quantity;
mod range;
mod words;

pub use digits::parse_digits;
pub use range::extend_range;

use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::lexicon::sec;
use digits::digits_at;
use words::{proportion, words_at};

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
    // Every head, longest first.
    for end in rest.char_indices().rev().map(|(i, c)| i + c.len_utf8()) {
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

/// Whether the word at token `i` may open a numeral in words (false is certain): its
/// lexicon flags, else the language's test of its first bytes.
pub(crate) fn may_start_numeral(cx: &Ctx, i: usize) -> bool {
    words::may_start_numeral(cx, i, cx.lower_at(i))
}

/// Finds the numeral that starts at token `i` of sentence `s`, if any.
#[must_use]
pub fn numeral_at(cx: &Ctx, i: usize, s: Sentence) -> Option<Numeral> {
    numeral_at_inner(cx, i, s, false)
}

pub(crate) fn numeral_at_inner(cx: &Ctx, i: usize, s: Sentence, second: bool) -> Option<Numeral> {
    if i >= s.end {
        return None;
    }
    let mut n = if cx.is_num(i) {
        let mut n = digits_at(cx, i, s, second)?;
        // "2½ Stunden": a fraction sign glued to whole digits adds to them.
        if n.high.is_none()
            && n.scale == 1.0
            && n.value.fract() == 0.0
            && n.end < s.end
            && cx.glued(n.end)
            && let Some(v) = cx.lex.sec(sec::FRACTION_SIGN).number(cx.lower_at(n.end))
        {
            n.value = round4(n.value + v);
            n.end += 1;
        }
        n
    } else if cx.is_word(i) {
        words_at(cx, i, s)?
    } else if let Some(v) = cx.lex.sec(sec::FRACTION_SIGN).number(cx.lower_at(i)) {
        // "½", "¾": a fraction sign of its own.
        Numeral::fraction(i, i + 1, round4(v))
    } else {
        return None;
    };
    proportion(cx, &mut n, s);
    Some(n)
}

/// Applies a scale word after the numeral (`4,8 Millionen`, `1,5 Mrd.`, `3.2bn`).
pub(crate) fn apply_scale(cx: &Ctx, n: &mut Numeral, s: Sentence) {
    let limit = s.end.min(cx.toks.len());
    let Some((end, factor)) = cx.match_at(n.end, limit, cx.lex.sec(sec::SCALE)) else {
        return;
    };
    let Ok(factor) = factor.parse::<f64>() else {
        return;
    };
    let word = cx.lower_at(n.end);
    // Single-letter scales (m, b, k) only when glued to digits: "$5m", not "5 m".
    if word.chars().count() == 1 && !(n.digits && cx.glued(n.end)) {
        return;
    }
    // "hundert"/"thousand" after digits only as a word of its own, and never after a scale.
    if n.scale != 1.0 {
        return;
    }
    // "12m (39ft)": a one-letter unit with a conversion into another measure is metres.
    if word.chars().count() == 1 && converted_measure(cx, word, end, limit) {
        return;
    }
    n.value *= factor;
    n.scale = factor;
    n.end = end;
    // "4 hundred million": a hundred or thousand before a larger scale word.
    if factor <= 1000.0
        && let Some((end2, factor2)) = cx.match_at(n.end, limit, cx.lex.sec(sec::SCALE))
        && cx.lower_at(n.end).chars().count() > 1
        && let Ok(factor2) = factor2.parse::<f64>()
        && factor2 > factor
    {
        n.value *= factor2;
        n.scale = factor * factor2;
        n.end = end2;
    }
}

/// Whether the one-letter `word` is a measure unit followed by a conversion in brackets into
/// another measure (`12m (39ft)`, `37m (121 ft)`).
fn converted_measure(cx: &Ctx, word: &str, end: usize, limit: usize) -> bool {
    use crate::model::Kind;
    let measure = |w: &str| cx.lex.unit(w).is_some_and(|(k, _)| k == Kind::Measure);
    let other = cx.lower_at(end + 2);
    measure(word)
        && cx.is_punct(end, "(")
        && cx.is_num(end + 1)
        && end + 2 < limit
        && measure(other)
        && !cx.lex.sec(sec::SCALE).contains(other)
}

/// Rounds a fraction to four decimals (two thirds = 0.6667).
pub(crate) fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}
