//! A development aid: the sentences of a text with the cues and figures found in each, to
//! see why a claim has the source or subject it has (`cargo run --example explain`).

use std::fmt::Write as _;

use super::ctx::Ctx;
use super::{figure, lang, source, split_sentences};
use crate::io::load::Document;
use crate::model::Lang;

/// Describes every sentence of a document's body with its cues and figures, read in `lang`
/// (detected when `None`).
#[must_use]
pub fn explain(doc: &Document, lang: Option<Lang>) -> String {
    let body = doc.text.get(doc.body_start..).unwrap_or("");
    let language = lang::get(lang.unwrap_or_else(|| lang::detect(body)));
    super::with_buffers(|prepared| {
        prepared.fill(&doc.text, doc.body_start);
        describe(&prepared.ctx(&doc.text, language))
    })
}

/// Every sentence with its cues and figures.
fn describe(cx: &Ctx) -> String {
    let mut out = String::new();
    for s in split_sentences(cx) {
        let _ = writeln!(out, "--- {}", cx.span(s.first, s.end).slice(cx.text));
        for c in source::cues_in(cx, s) {
            let _ = writeln!(
                out,
                "  cue {:?} phrase {:?} at {:?} person {} unnamed {}",
                c.span.slice(cx.text),
                cx.span(c.phrase.0, c.phrase.1).slice(cx.text),
                cx.text_at(c.at),
                c.person,
                c.unnamed
            );
        }
        for f in figure::figures_in(cx, s) {
            let _ = writeln!(
                out,
                "  figure {:?} = {} {:?} {} {} subject {:?} action {:?}",
                cx.span(f.num.first, f.num.end).slice(cx.text),
                f.num.value,
                f.num.high,
                f.qualifier,
                f.kind,
                f.subject.map(|s| s.text),
                f.action
            );
        }
    }
    out
}
