//! German: nouns are capitalised, the finite verb stands second, numbers are compounds
//! (`zweihundertfünfzig`), `10.000` groups thousands with dots and `10. Januar` writes the
//! day as an ordinal.

// Morpheme values are exact constants from the lexicon, so comparing them with `==` is
// intended.
#![allow(clippy::float_cmp)]

use std::sync::OnceLock;

use super::{Language, NumberWords};
use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::figure::{UnitMatch, is_noun};
use crate::extract::lexicon::{Lexicon, sec};
use crate::extract::numbers::{self, Numeral};
use crate::model::Lang;

/// German.
pub(crate) struct German;

impl Language for German {
    fn id(&self) -> Lang {
        Lang::De
    }

    fn lexicon(&self) -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        super::lexicon_once(
            &LEXICON,
            include_str!("../../../assets/lexicon/de.txt"),
        )
    }

    fn group_separator(&self) -> char {
        '.'
    }

    fn is_date_or_ordinal(&self, cx: &Ctx, i: usize, next: usize, s: Sentence, value: f64) -> bool {
        // "10. Januar", "am 3. Tag", "zum 2. Mal": dates and ordinals.
        if !(cx.is_punct(next, ".") && cx.glued(next)) {
            return false;
        }
        let after = next + 1;
        if cx.in_sec(after, sec::MONTH) || (cx.is_word(after) && !cx.upper(after)) {
            return true;
        }
        if value.fract() == 0.0 && i > s.first && cx.in_sec(i - 1, sec::ORDINAL_CUE) {
            return true;
        }
        i == s.first && value < 100.0 && cx.tok(i).is_some_and(|t| t.newlines > 0)
    }

    fn year_by_next_word(&self, cx: &Ctx, next: usize) -> bool {
        if cx.upper(next) {
            return false;
        }
        // "2000 russische Soldaten": an adjective before a noun.
        let adjective = cx.inflected(cx.l(next));
        !(adjective && cx.upper(next + 1) && cx.is_word(next + 1))
    }

    fn scale_phrase(&self, _cx: &Ctx, _i: usize, _s: Sentence) -> Option<Numeral> {
        None
    }

    fn article_numeral(&self, cx: &Ctx, i: usize, s: Sentence) -> Option<Option<Numeral>> {
        // "die Hälfte", "zur Hälfte".
        if !cx.in_sec(i, sec::HALF) {
            return None;
        }
        let Some(p) = i
            .checked_sub(1)
            .filter(|&p| p >= s.first && cx.in_sec(p, sec::HALF_BEFORE))
        else {
            return Some(None);
        };
        let first = if cx.in_sec(p, sec::HALF_BEFORE_IN_SPAN) {
            p
        } else {
            i
        };
        Some(Some(Numeral::fraction(first, i + 1, 0.5)))
    }

    fn number_words(&self, cx: &Ctx, i: usize, _s: Sentence) -> Option<NumberWords> {
        Some(NumberWords::Value {
            value: parse_word(cx, cx.l(i))?,
            end: i + 1,
        })
    }

    fn may_start_number_word(&self, cx: &Ctx, _i: usize, w: &str) -> bool {
        let prefixes = cx.lex.sec(sec::NUMBER_PREFIX);
        w.len() >= 6
            && prefixes.may_start_with_byte(w.as_bytes()[0])
            && prefixes.words().iter().any(|p| w.starts_with(p.as_str()))
    }

    fn number_word_value(&self, cx: &Ctx, j: usize, _limit: usize) -> Option<f64> {
        parse_word(cx, cx.l(j))
    }

    fn fraction_after_number(&self, _value: f64, _f: f64) -> bool {
        true
    }

    fn proportion_link(&self, cx: &Ctx, j: usize, digits: bool) -> Option<usize> {
        // "zwei von drei" (in words only: "2 von 3" is a score or a page).
        (!digits && cx.in_sec(j, sec::PROPORTION_LINK)).then_some(j + 1)
    }

    fn one_counts_before_duration(&self) -> bool {
        false
    }

    fn one_counts_in_context(&self, cx: &Ctx, i: usize, s: Sentence, prev: Option<usize>) -> bool {
        // Coordinated with another figure: "zwei Piloten und ein Ingenieur", "ein Toter und sieben Verletzte".
        let conj = |k: usize| cx.in_sec(k, sec::FIGURE_COORDINATION);
        let is_number = |k: usize| {
            k < s.end
                && (cx.is_num(k)
                    || (cx.is_word(k) && parse_word(cx, cx.l(k)).is_some_and(|v| v != 1.0)))
        };
        if let Some(p) = prev
            && conj(p)
        {
            let lo = p.saturating_sub(4).max(s.first);
            if (lo..p).any(is_number) {
                return true;
            }
        }
        let hi = (i + 4).min(s.end);
        for k in i + 1..hi {
            if conj(k) {
                if is_number(k + 1) {
                    return true;
                }
                break;
            }
        }
        false
    }

    fn capitalises_nouns(&self) -> bool {
        true
    }

    fn single_letter_units_need_glue(&self) -> bool {
        false
    }

    fn compound_unit(&self, cx: &Ctx, at: usize, s: Sentence) -> Option<UnitMatch> {
        // "Überstunden", "Autobahnkilometer": a compound ending in a unit.
        if at >= s.end || !cx.is_word(at) || !cx.upper(at) {
            return None;
        }
        let w = cx.l(at);
        let suffix = cx
            .lex
            .sec(sec::UNIT_SUFFIX)
            .words()
            .iter()
            .find(|u| w.len() > u.len() + 2 && w.ends_with(u.as_str()))?;
        let (kind, unit) = cx.lex.unit(suffix)?;
        Some(UnitMatch {
            end: at + 1,
            kind,
            unit,
        })
    }

    fn counted_noun(&self, cx: &Ctx, mut i: usize, _at: usize, limit: usize) -> Option<(String, usize)> {
        // Adjectives are skipped to the first capitalised noun.
        while i < limit {
            if !cx.is_word(i) {
                return None;
            }
            if is_noun(cx, i) {
                return Some((cx.t(i).to_string(), i));
            }
            let w = cx.l(i);
            let adjective = cx.inflected(w) || cx.in_sec(i, sec::SUBJECT_ADJECTIVE);
            if !adjective || cx.in_sec(i, sec::STOP) && !cx.in_sec(i, sec::STOP_ADJECTIVE) {
                return None;
            }
            i += 1;
        }
        None
    }
}

/// Parses a German number word or compound (`zweihundertfünfzig`, `zweieinhalb`).
#[must_use]
pub(crate) fn parse_word(cx: &Ctx, word: &str) -> Option<f64> {
    let numerals = cx.lex.sec(sec::NUMERAL);
    let whole_only = cx.lex.sec(sec::WHOLE_WORD_NUMERAL);
    if let Some(v) = numerals.number(word) {
        return Some(v);
    }
    if word.len() < 6 || word.contains('-') {
        return None;
    }
    let mut morphemes = Vec::new();
    if !numbers::split_morphemes(word, &mut morphemes, &|m| {
        numerals.contains(m) && !whole_only.contains(m)
    }) {
        return None;
    }
    let values: Vec<(&str, f64)> = morphemes
        .iter()
        .map(|m| (*m, numerals.number(m).unwrap_or(0.0)))
        .collect();
    numbers::combine(&values)
}

