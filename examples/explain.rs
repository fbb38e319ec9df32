//! Development aid: prints the sentences of a text file with the cues and figures found in
//! each, to see why a claim has the source or subject it has.
//!
//! `cargo run --example explain -- FILE [de|en]`

use claimtrack::extract::ctx::Ctx;
use claimtrack::extract::lexicon::Lexicon;
use claimtrack::extract::{figure, lang, source, split_sentences, token};
use claimtrack::model::Lang;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: explain FILE [de|en]");
        std::process::exit(2);
    };
    let doc = match claimtrack::io::load::load_file(std::path::Path::new(&path)) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let lang = match args.next().as_deref() {
        Some("en") => Lang::En,
        Some("de") => Lang::De,
        _ => lang::detect(&doc.text[doc.body_start..]),
    };
    let lower = token::lower_text(&doc.text);
    let toks = token::tokenize(&doc.text, doc.body_start);
    let lex = Lexicon::get(lang);
    let flags = claimtrack::extract::ctx::token_flags(&lower, &toks, lex);
    let cx = Ctx {
        text: &doc.text,
        lower: &lower,
        toks: &toks,
        lex,
        lang,
        flags: &flags,
    };
    for s in split_sentences(&cx) {
        println!("--- {}", cx.span(s.first, s.end).slice(cx.text));
        for c in source::cues_in(&cx, s) {
            println!(
                "  cue {:?} phrase {:?} at {:?} person {} unnamed {}",
                c.span.slice(cx.text),
                cx.span(c.phrase.0, c.phrase.1).slice(cx.text),
                cx.t(c.at),
                c.person,
                c.unnamed
            );
        }
        for f in figure::figures_in(&cx, s) {
            println!(
                "  figure {:?} = {} {:?} {} {} subject {:?} action {:?}",
                cx.span(f.num.first, f.num.end).slice(cx.text),
                f.num.value,
                f.num.high,
                f.qualifier,
                f.kind,
                f.subject.map(|s| s.0),
                f.action
            );
        }
    }
}
