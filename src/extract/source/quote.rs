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

/// Every quotation among tokens `first..end`, in order. Nested marks are not tracked: a new
/// opening mark before the old one closes starts over.
#[must_use]
pub fn quotations(cx: &Ctx, first: usize, end: usize) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for k in first..end {
        let Some(t) = cx.tok(k) else { break };
        if t.newlines > 0 {
            open = None;
        }
        if !cx.is_any_punct(k) {
            continue;
        }
        let mark = cx.text_at(k);
        match open {
            Some((o, m)) if closes(m, mark) => {
                out.push(Quote { open: o, close: k });
                open = None;
            }
            _ if opens(mark) => open = Some((k, mark)),
            _ => {}
        }
    }
    out
}

/// The quotations that run over more than one sentence or have a cue outside their marks,
/// each with the sentence and index of the cue that governs it: a cue before the opening
/// mark in the sentence where the quotation opens (`Smith sagte: „…`), else a cue after the
/// closing mark in the sentence where it closes (`…“, sagte Smith.`). A quotation that opens
/// the next sentence of the same paragraph right after a quotation and its cue continues it,
/// the cue standing in its middle (`"We sent 300," Miller said. "Another 200 follow."`); a
/// new paragraph without a cue of its own has none.
#[must_use]
pub fn governors(
    cx: &Ctx,
    quotes: &[Quote],
    sentences: &[Sentence],
    cues: &[Vec<Cue>],
) -> Vec<(Quote, Option<(usize, usize)>)> {
    let sentence_of = |k: usize| sentences.partition_point(|s| s.end <= k);
    let mut out = own_governors(quotes, sentences, cues);
    for q in 1..out.len() {
        let ((before, Some((gs, k))), (quote, None)) = (out[q - 1], out[q]) else {
            continue;
        };
        let cue_after = gs == sentence_of(before.close)
            && cues
                .get(gs)
                .and_then(|cs| cs.get(k))
                .is_some_and(|c| c.at > before.close);
        let next_sentence = sentences.get(gs + 1).is_some_and(|s| s.first == quote.open);
        let same_paragraph = cx.tok(quote.open).is_some_and(|t| t.newlines == 0);
        if cue_after && next_sentence && same_paragraph {
            out[q].1 = Some((gs, k));
        }
    }
    out
}

/// Each quotation with the cue before or after its own marks.
fn own_governors(
    quotes: &[Quote],
    sentences: &[Sentence],
    cues: &[Vec<Cue>],
) -> Vec<(Quote, Option<(usize, usize)>)> {
    let sentence_of = |k: usize| sentences.partition_point(|s| s.end <= k);
    quotes
        .iter()
        .map(|q| {
            let (a, b) = (sentence_of(q.open), sentence_of(q.close));
            let outside = |c: &Cue| !(q.holds(c.at) || q.open <= c.head.0 && c.head.0 <= q.close);
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
            (*q, before.or_else(after))
        })
        .collect()
}
