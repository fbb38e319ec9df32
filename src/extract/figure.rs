//! From numerals to figures: the qualifier before a numeral, its kind and unit, the subject
//! it counts and the action it takes part in.

use super::ctx::{Ctx, Sentence};
use super::numbers::{self, Numeral};
use crate::model::{Kind, Lang, Qualifier};

/// A figure in a sentence, before its source is known.
#[derive(Debug, Clone)]
pub struct Figure {
    /// The numeral and its span.
    pub num: Numeral,
    /// First token of the whole expression, qualifier and currency sign included.
    pub expr_first: usize,
    /// One past the last token of the expression, unit included.
    pub expr_end: usize,
    /// How the value relates to the quantity.
    pub qualifier: Qualifier,
    /// What sort of quantity.
    pub kind: Kind,
    /// Currency code, `%`, measure unit.
    pub unit: Option<String>,
    /// The head noun counted, as written, and its token.
    pub subject: Option<(String, Option<usize>)>,
    /// The action category.
    pub action: Option<String>,
}

/// Finds every figure in a sentence, in text order.
#[must_use]
pub fn figures_in(cx: &Ctx, s: Sentence) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut i = s.first;
    while i < s.end {
        // Cheap filter: only digits and words can start a numeral.
        let Some(tok) = cx.tok(i) else { break };
        if tok.kind == super::token::TokKind::Punct {
            i += 1;
            continue;
        }
        let Some(mut num) = numbers::numeral_at(cx, i, s) else {
            i += 1;
            continue;
        };
        let between = numbers::extend_range(cx, &mut num, s);
        let fig = build(cx, s, num, between);
        i = num.end.max(i + 1);
        out.push(fig);
    }
    // Elided subjects take their antecedent from an earlier figure of the sentence.
    for k in 1..out.len() {
        if out[k].subject.is_none() {
            let prev = out[k - 1]
                .subject
                .clone()
                .filter(|_| out[k - 1].kind == out[k].kind);
            out[k].subject = prev;
        }
    }
    for fig in &mut out {
        if fig.subject.is_none() {
            fig.subject = antecedent(cx, s, fig.num.first).map(|(w, t)| (w, Some(t)));
        }
    }
    for fig in &mut out {
        fig.action = action(cx, s, fig);
    }
    out
}

fn build(cx: &Ctx, s: Sentence, num: Numeral, between: Option<usize>) -> Figure {
    let start = between.unwrap_or(num.first);
    let (qualifier_start, mut qualifier) = qualifier_before(cx, start, s);
    if num.vague {
        qualifier = Qualifier::Vague;
    } else if num.high.is_some() {
        qualifier = Qualifier::Range;
    }
    let mut kind = if num.fraction || num.multiplier {
        Kind::Other
    } else {
        Kind::Count
    };
    let mut unit = None;
    let mut subject = None;
    let mut expr_first = qualifier_start.min(start);
    // A currency sign before the number: "$5m", "€ 40 Mio.", "US$ 3".
    if let Some((first, code)) =
        cx.match_ending(num.first, s.first, cx.lex.section("currency_sign"))
    {
        if !num.fraction {
            kind = Kind::Money;
            unit = Some(code.to_string());
            subject = Some((
                cx.span(first, num.first).slice(cx.text).to_string(),
                Some(first),
            ));
            expr_first = expr_first.min(first);
            // A qualifier before the sign: "rund $5m".
            if qualifier == Qualifier::Exact {
                let (qs, q) = qualifier_before(cx, first, s);
                qualifier = q;
                expr_first = expr_first.min(qs);
            }
        }
    }
    let mut expr_end = num.end;
    if let Some((end, word_kind, word_unit)) = unit_after(cx, num.end, s) {
        let keep_fraction = num.fraction && word_kind == Kind::Percent;
        if !keep_fraction && !(num.multiplier && word_kind != Kind::Other) {
            if kind != Kind::Money || word_kind == Kind::Money {
                kind = word_kind;
                unit = word_unit.map(str::to_string).or(unit);
                subject = Some((
                    cx.span(num.end, end).slice(cx.text).to_string(),
                    Some(num.end),
                ));
            }
            expr_end = end;
        }
    }
    if num.multiplier {
        kind = Kind::Other;
    }
    if subject.is_none() || kind == Kind::Other {
        if let Some((w, t)) = subject_after(cx, expr_end, s, num.fraction || num.vague) {
            if kind == Kind::Count || kind == Kind::Other {
                subject = Some((w, Some(t)));
            }
        }
    }
    // A postposed "oder mehr" / "or more".
    if qualifier == Qualifier::Exact {
        let tail = cx.phrase(expr_end, (expr_end + 3).min(s.end));
        if tail.starts_with("oder mehr")
            || tail.starts_with("or more")
            || tail.starts_with("und mehr")
        {
            qualifier = Qualifier::AtLeast;
        }
    }
    Figure {
        num,
        expr_first,
        expr_end,
        qualifier,
        kind,
        unit,
        subject,
        action: None,
    }
}

/// The qualifier phrase ending just before token `start` (fillers such as `nur` may stand
/// between); returns the first token of the phrase and the qualifier.
fn qualifier_before(cx: &Ctx, start: usize, s: Sentence) -> (usize, Qualifier) {
    let lex = cx.lex;
    let mut end = start;
    for _ in 0..3 {
        let mut best: Option<(usize, Qualifier)> = None;
        for q in [
            Qualifier::Approx,
            Qualifier::Over,
            Qualifier::Under,
            Qualifier::AtLeast,
            Qualifier::AtMost,
        ] {
            if let Some((first, _)) = cx.match_ending(end, s.first, lex.section(q.as_str())) {
                if best.is_none_or(|(b, _)| first < b) {
                    best = Some((first, q));
                }
            }
        }
        if let Some((first, q)) = best {
            // "mehr als doppelt so viele" has no number; "über" must touch a number here.
            return (first, q);
        }
        if end > s.first && cx.in_sec(end - 1, "filler") {
            end -= 1;
            continue;
        }
        break;
    }
    (start, Qualifier::Exact)
}

/// A unit phrase right after the number: kind, unit code, and the end token.
fn unit_after<'l>(cx: &Ctx, at: usize, s: Sentence) -> Option<(usize, Kind, Option<&'l str>)>
where
    'static: 'l,
{
    let lex = cx.lex;
    let section = lex.section("unit");
    let (end, value) = cx.match_at(at, s.end.max(at + 1), section)?;
    // A single-letter unit (m, t) only glued to the digits or before a sentence break.
    let phrase = cx.phrase(at, end);
    if phrase.chars().count() == 1 && phrase.chars().all(char::is_alphabetic) {
        let next_is_word = cx.is_word(end) && end < s.end;
        if !cx.glued(at) && next_is_word {
            return None;
        }
    }
    // "Jahre alt" is an age, handled before; "Tag" as in "am Tag" is not after a number.
    let (kind, unit) = value.split_once(' ').unwrap_or((value, "-"));
    let kind = Kind::parse(kind)?;
    Some((end, kind, (unit != "-").then_some(unit)))
}

/// Whether the word can head a noun phrase as the thing counted.
fn is_noun(cx: &Ctx, i: usize) -> bool {
    if !cx.is_word(i) || cx.in_sec(i, "stop") || cx.in_sec(i, "month") {
        return false;
    }
    match cx.lang {
        Lang::De => cx.upper(i),
        Lang::En => true,
    }
}

/// The head noun after the number: German skips adjectives to the first capitalised noun;
/// English takes the last word of the noun phrase.
fn subject_after(cx: &Ctx, at: usize, s: Sentence, allow_of: bool) -> Option<(String, usize)> {
    let mut i = at;
    let limit = (at + 6).min(s.end);
    // "Tausende von Menschen", "ein Viertel der Befragten", "tens of thousands of people".
    let skip = |w: &str| {
        matches!(
            w,
            "der"
                | "des"
                | "von"
                | "aller"
                | "unserer"
                | "ihrer"
                | "of"
                | "the"
                | "all"
                | "those"
                | "these"
                | "them"
                | "its"
                | "their"
        )
    };
    if allow_of || matches!(cx.l(i), "von" | "of") {
        while i < limit && skip(cx.l(i)) {
            i += 1;
        }
    }
    match cx.lang {
        Lang::De => {
            while i < limit {
                if !cx.is_word(i) {
                    return None;
                }
                if is_noun(cx, i) {
                    return Some((cx.t(i).to_string(), i));
                }
                let w = cx.l(i);
                let adjective = ["e", "en", "er", "es", "em"].iter().any(|e| w.ends_with(e))
                    || matches!(w, "weitere" | "mehr" | "neue" | "zusätzliche");
                if !adjective
                    || cx.in_sec(i, "stop") && !matches!(w, "weitere" | "neue" | "weiteren")
                {
                    return None;
                }
                i += 1;
            }
            None
        }
        Lang::En => {
            let mut last = None;
            let mut count = 0;
            while i < limit && count < 3 {
                if !cx.is_word(i) || cx.in_sec(i, "stop") {
                    break;
                }
                let w = cx.l(i);
                if count > 0 && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")) {
                    break;
                }
                if cx.lex.section("action").contains(w) && count > 0 {
                    break;
                }
                last = Some(i);
                count += 1;
                i += 1;
                // A possessive ends the phrase: "Britain's".
                if w.ends_with("'s") || w.ends_with("’s") {
                    break;
                }
            }
            let last = last?;
            if cx.l(last).ends_with("ed") && last == at {
                return None;
            }
            Some((cx.t(last).to_string(), last))
        }
    }
}

/// The noun a figure with an elided subject refers to: "die Zahl der Toten stieg auf 30".
fn antecedent(cx: &Ctx, s: Sentence, before: usize) -> Option<(String, usize)> {
    let mut i = before;
    while i > s.first {
        i -= 1;
        if matches!(cx.l(i), "zahl" | "anzahl" | "number" | "total" | "count") {
            let mut j = i + 1;
            while j < before && matches!(cx.l(j), "der" | "des" | "von" | "of" | "the") {
                j += 1;
            }
            if j < before && j > i + 1 && is_noun(cx, j) {
                return Some((cx.t(j).to_string(), j));
            }
        }
    }
    None
}

/// The action the figure takes part in: the nearest word of the action lexicon in the sentence.
fn action(cx: &Ctx, s: Sentence, fig: &Figure) -> Option<String> {
    let section = cx.lex.section("action");
    if let Some((_, Some(t))) = &fig.subject {
        if let Some(a) = section.get(cx.l(*t)) {
            return Some(a.to_string());
        }
    }
    if fig.kind == Kind::Duration {
        return None;
    }
    let mut best: Option<(usize, &str)> = None;
    for i in s.first..s.end {
        if i >= fig.expr_first && i < fig.expr_end {
            continue;
        }
        if !cx.is_word(i) {
            continue;
        }
        let Some(a) = section.get(cx.l(i)) else {
            continue;
        };
        // German "ums Leben" only with "Leben".
        if cx.l(i) == "ums" && cx.l(i + 1) != "leben" {
            continue;
        }
        let distance = if i < fig.expr_first {
            fig.expr_first - i
        } else {
            i - fig.expr_end + 1
        };
        if distance > 14 {
            continue;
        }
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, a));
        }
    }
    best.map(|(_, a)| a.to_string())
}
