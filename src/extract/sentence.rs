//! Sentences: the tokens cut at terminal punctuation and line breaks, with abbreviations,
//! ordinals and dates kept inside.

use super::ctx::{Ctx, Sentence};
use super::lexicon::sec;
use super::token::TokKind;

/// Splits the tokens into sentences at terminal punctuation and line breaks, keeping
/// abbreviations (`ca.`, `Mrd.`), ordinals and dates (`10. Januar`) inside.
#[must_use]
pub fn split_sentences(cx: &Ctx) -> Vec<Sentence> {
    /// The longest sentence, in tokens; real sentences stay far below.
    const MAX_SENTENCE_TOKENS: usize = 240;
    let n = cx.toks.len();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        let tok = cx.toks[i];
        // Text without stops (lists, tables, damaged files) is cut into pieces of bounded
        // length, at a comma when there is one, so that work per sentence stays bounded.
        let too_long = i - start >= MAX_SENTENCE_TOKENS
            || i - start >= MAX_SENTENCE_TOKENS / 2 && cx.text_at(i) == ",";
        if too_long {
            out.push(Sentence {
                first: start,
                end: i,
            });
            start = i;
        }
        if i > start && tok.newlines > 0 && line_break_ends(cx, i) {
            out.push(Sentence {
                first: start,
                end: i,
            });
            start = i;
        }
        // Only punctuation can be a stop: words and numbers are passed over unread.
        if tok.kind == TokKind::Punct
            && matches!(cx.text_at(i), "." | "!" | "?" | "…")
            && ends_sentence(cx, i)
        {
            // Closing quotes and brackets glued after the stop belong to this sentence.
            let mut end = i + 1;
            while end < n
                && cx.glued(end)
                && matches!(
                    cx.text_at(end),
                    "\"" | "“" | "”" | "»" | "«" | "'" | "’" | ")" | "]"
                )
            {
                end += 1;
            }
            out.push(Sentence { first: start, end });
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    if start < n {
        out.push(Sentence {
            first: start,
            end: n,
        });
    }
    out
}

/// Whether a line break before token `i` ends the sentence.
fn line_break_ends(cx: &Ctx, i: usize) -> bool {
    let Some(tok) = cx.tok(i) else { return true };
    if tok.newlines >= 2 {
        return true;
    }
    let prev = cx.text_at(i - 1);
    if matches!(prev, "," | "-" | "(" | "„") {
        return false;
    }
    // "zwei" + line break + "Billionen": a scale word goes on with the number before it.
    let number_before = cx.is_num(i - 1) || cx.language.number_word_value(cx, i - 1, i).is_some();
    if number_before && cx.in_sec(i, sec::SCALE) && cx.text_at(i).chars().count() > 1 {
        return false;
    }
    !cx.is_word(i) || cx.upper(i)
}

/// Whether the stop at token `i` ends the sentence.
fn ends_sentence(cx: &Ctx, i: usize) -> bool {
    let n = cx.toks.len();
    // "[...]", "(...)": an omission inside a quotation, not a stop.
    if cx.text_at(i) == "." {
        if cx.glued(i + 1) && cx.text_at(i + 1) == "." {
            return false;
        }
        let mut k = i;
        while k > 0 && cx.glued(k) && cx.text_at(k - 1) == "." {
            k -= 1;
        }
        if k > 0 && matches!(cx.text_at(k - 1), "[" | "(") {
            return false;
        }
    }
    let mut next = i + 1;
    while next < n
        && cx.glued(next)
        && matches!(
            cx.text_at(next),
            "\"" | "“" | "”" | "»" | "«" | "'" | "’" | ")"
        )
    {
        next += 1;
    }
    if next >= n {
        return true;
    }
    let break_after = cx.tok(next).is_some_and(|t| t.newlines > 0);
    if break_after {
        return true;
    }
    // ".500 record": a decimal point with a space before it starts a number.
    if cx.text_at(i) == "." && (i == 0 || !cx.glued(i)) && cx.is_num(i + 1) && cx.glued(i + 1) {
        return false;
    }
    // Lower case after the stop: an abbreviation or ordinal inside a sentence.
    if cx.is_word(next) && !cx.upper(next) {
        return false;
    }
    if cx.text_at(i) != "." || i == 0 || !cx.glued(i) {
        return true;
    }
    let prev = i - 1;
    if cx.is_word(prev) {
        // "£644m." ends a sentence; "U.S." and "Mrd." do not.
        let after_digits = prev > 0 && cx.is_num(prev - 1) && cx.glued(prev);
        if after_digits {
            return true;
        }
        let single = cx.text_at(prev).chars().count() == 1;
        return !(single || cx.in_sec(prev, sec::ABBREV));
    }
    // "am 10. Januar", "zum 2. Mal": an ordinal's dot.
    if cx.is_num(prev) && cx.language.ordinals_take_a_dot() {
        if cx.in_sec(next, sec::MONTH) {
            return false;
        }
        if prev > 0 && cx.in_sec(prev - 1, sec::ORDINAL_CUE) && cx.text_at(prev).len() <= 2 {
            return false;
        }
    }
    true
}
