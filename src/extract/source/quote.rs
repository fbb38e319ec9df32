//! Quotations: the spans of text in quotation marks, so that one cue governs a quotation
//! over several sentences (`„… 3.000 Soldaten. … 20 Panzer“, sagte Smith.`).
//!
//! A quotation opens and closes within one paragraph: German `„…“`, `»…«` and `«…»`, English
//! `“…”`, and straight `"…"`. A mark that opens with no partner before the paragraph ends
//! is dropped, so an English quotation running over paragraphs governs nothing.

use super::Cue;
use crate::extract::ctx::{Ctx, Sentence};

/// A quotation: the tokens of its opening and closing marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The opening mark's token.
    pub open: usize,
    /// The closing mark's token.
    pub close: usize,
}

impl Quote {
    /// Whether token `k` lies inside the marks.
    #[must_use]
    pub fn holds(&self, k: usize) -> bool {
        self.open < k && k < self.close
    }
}

/// The mark that closes a quotation opened by `open`, if `mark` does.
fn closes(open: &str, mark: &str) -> bool {
    matches!(
        (open, mark),
        ("„", "“" | "”") | ("“", "”") | ("»", "«") | ("«", "»") | ("\"", "\"")
    )
}

fn opens(mark: &str) -> bool {
    matches!(mark, "„" | "“" | "»" | "«" | "\"")
}

/// Every quotation among tokens `first..end`, in order. A quotation may hold quoted words
/// of its own (`„Wir haben „Small-Business“-Kunden … 300.000 Anmeldungen“, sagte X`): the
/// outer one is kept. An opening mark whose partner never comes before the paragraph ends
/// is dropped, and the quotations closed inside it stand on their own.
#[must_use]
pub fn quotations(cx: &Ctx, first: usize, end: usize) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    // Open marks, outermost first; at most a few deep.
    let mut open: Vec<(usize, &str)> = Vec::new();
    for k in first..end {
        let Some(t) = cx.tok(k) else { break };
        if t.newlines > 0 {
            open.clear();
        }
        if !cx.is_any_punct(k) {
            continue;
        }
        let mark = cx.text_at(k);
        match open.last() {
            Some(&(o, m)) if closes(m, mark) => {
                open.pop();
                // The outer quotation takes in the ones closed inside it.
                while out.last().is_some_and(|q| q.open > o) {
                    out.pop();
                }
                out.push(Quote { open: o, close: k });
            }
            _ if opens(mark) => {
                if open.len() == 3 {
                    open.remove(0);
                }
                open.push((k, mark));
            }
            _ => {}
        }
    }
    out
}

/// The quotations, each with the sentence and index of the cue that governs it: a cue before
/// the opening mark in the sentence where the quotation opens (`Smith sagte: „…`), else a cue
/// after the closing mark in the sentence where it closes (`…“, sagte Smith.`), else, for a
/// quotation that opens a sentence in the same paragraph right after a sentence with a cue,
/// that cue (`„…“, sagte Smith. „Weitere 200 …“`). A quotation that opens a paragraph without
/// a cue of its own has none.
#[must_use]
pub fn governors(
    cx: &Ctx,
    quotes: &[Quote],
    sentences: &[Sentence],
    cues: &[Vec<Cue>],
) -> Vec<(Quote, Option<(usize, usize)>)> {
    let sentence_of = |k: usize| sentences.partition_point(|s| s.end <= k);
    quotes
        .iter()
        .map(|q| {
            let (a, b) = (sentence_of(q.open), sentence_of(q.close));
            // A verb of stance governs a quotation only as the clause after it.
            let outside = |c: &Cue| {
                !(q.holds(c.at) || q.open <= c.head.0 && c.head.0 <= q.close)
                    && (c.at > q.close || c.complement.is_none_or(|from| from <= q.open))
            };
            let before = cues.get(a).and_then(|cs| {
                cs.iter()
                    .rposition(|c| c.at < q.open && outside(c))
                    .map(|k| (a, k))
            });
            let after = || {
                cues.get(b).and_then(|cs| {
                    cs.iter()
                        .position(|c| c.at > q.close && outside(c))
                        .map(|k| (b, k))
                })
            };
            let previous = || {
                let s = sentences.get(a)?;
                let opens_sentence = q.open == s.first;
                let same_paragraph = cx.tok(s.first).is_some_and(|t| t.newlines == 0);
                if !opens_sentence || !same_paragraph || a == 0 {
                    return None;
                }
                let cs = cues.get(a - 1)?;
                cs.iter()
                    .rposition(|c| !c.unnamed)
                    .or_else(|| cs.len().checked_sub(1))
                    .map(|k| (a - 1, k))
            };
            (*q, before.or_else(after).or_else(previous))
        })
        .collect()
}
