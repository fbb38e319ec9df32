//! Changes: whether a figure states a difference or a change (`15.000 mehr als im März`,
//! `um 9 Prozent gestiegen`, `rose by 5%`, `ein Plus von 4 Prozent`, `up 2%`) rather than a
//! level (`stieg auf 5 Prozent`, `von 3 auf 5 Prozent`, `mehr als 10.000 Soldaten`). General
//! rules over the words of the `[change_*]` lexicon sections.

use super::ctx::{Ctx, Sentence};
use super::figure::{Figure, hard_boundary};
use crate::extract::lexicon::sec;
use crate::model::Kind;

/// Marks the figures of a sentence that state a change. A figure coordinated with a change
/// stated after both is one too (`29% and 18% lower`).
pub(crate) fn mark(cx: &Ctx, s: Sentence, figures: &mut [Figure]) {
    let mut trailing = vec![false; figures.len()];
    for k in 0..figures.len() {
        let fig = &figures[k];
        let next_first = figures.get(k + 1).map(|f| f.expr_first);
        let after = comparative_after(cx, s, fig, next_first) || noun_after(cx, s, fig);
        trailing[k] = after;
        let change = after
            || noun_before(cx, s, fig)
            || additional_before(cx, s, fig)
            || (!after_level_preposition(cx, s, fig)
                && (by_with_verb(cx, s, fig)
                    || direction_before(cx, s, fig)
                    || verb_next_to(cx, s, fig)));
        figures[k].is_change = change;
    }
    for k in (0..figures.len().saturating_sub(1)).rev() {
        let (fig, next) = (&figures[k], &figures[k + 1]);
        // The same kind, or a bare number whose unit comes with the next (`12 und 9 Prozent`).
        let bare = fig.kind == Kind::Count && fig.unit.is_none() && fig.expr_end == fig.num.end;
        let coordinated = next.expr_first == fig.expr_end + 1
            && cx.in_sec(fig.expr_end, sec::COORDINATION)
            && (fig.kind == next.kind || bare);
        if coordinated && trailing[k + 1] && next.is_change {
            trailing[k] = true;
            figures[k].is_change = true;
        }
    }
}

/// The token before the figure's expression, past fillers (`um nur 2 Prozent`), inside
/// the sentence.
fn before(cx: &Ctx, s: Sentence, fig: &Figure) -> Option<usize> {
    let mut b = fig.expr_first.checked_sub(1).filter(|&b| b >= s.first)?;
    while cx.in_sec(b, sec::FILLER) {
        b = b.checked_sub(1).filter(|&b| b >= s.first)?;
    }
    Some(b)
}

/// `auf 5 Prozent`, `to 5%`, `von 3`, `from 3`: a level before or after a change.
fn after_level_preposition(cx: &Ctx, s: Sentence, fig: &Figure) -> bool {
    before(cx, s, fig)
        .is_some_and(|b| cx.in_sec(b, sec::CHANGE_NEW_LEVEL) || cx.in_sec(b, sec::CHANGE_OLD_LEVEL))
}

/// The first token after the figure and the noun it counts, when that noun follows closely
/// (`15.000 Soldaten mehr`).
fn after_subject(cx: &Ctx, s: Sentence, fig: &Figure) -> usize {
    match fig.subject.as_ref().and_then(|sub| sub.token) {
        Some(t)
            if t >= fig.expr_end
                && t < (fig.expr_end + 4).min(s.end)
                && !(fig.expr_end..t).any(|k| cx.is_any_punct(k)) =>
        {
            t + 1
        }
        _ => fig.expr_end,
    }
}

/// `15.000 mehr als Ende März`, `3,000 more troops than`, `2 Prozentpunkte mehr`, `5% higher`:
/// a comparative after the figure. A comparative that is the qualifier of the next figure
/// (`in 12 months more than 300 people`) is not this figure's.
fn comparative_after(cx: &Ctx, s: Sentence, fig: &Figure, next_first: Option<usize>) -> bool {
    // "3,000 more troops than": the comparative before the noun; else after it.
    let j = if cx.in_sec(fig.expr_end, sec::CHANGE_COMPARATIVE) {
        fig.expr_end
    } else {
        after_subject(cx, s, fig)
    };
    if j >= s.end || !cx.in_sec(j, sec::CHANGE_COMPARATIVE) || next_first.is_some_and(|n| n <= j) {
        return false;
    }
    // The word naming what the difference is measured against, right after or after a noun.
    let than = (j + 1..(j + 3).min(s.end))
        .take_while(|&t| !cx.is_any_punct(t))
        .any(|t| cx.in_sec(t, sec::CHANGE_THAN));
    // Without it: after the unit or noun (`2 Prozentpunkte mehr`, `5% higher`), ending the
    // clause (`Das sind 5.000 mehr.`), or before the noun counted (`3,000 more troops`:
    // troops in addition to those before).
    // `mehr oder minder`, `more or less`: no comparison.
    let hedge = j + 1 < s.end && cx.in_sec(j + 1, sec::COORDINATION);
    than || !hedge
}

/// `weitere 2000 Soldaten`, `another 3,000 troops`: an increment on a total stated before
/// or known, not the total.
/// After an action that enumerates groups (`200 getötet und weitere 1.700 verletzt`) it counts
/// a further group, a level.
fn additional_before(cx: &Ctx, s: Sentence, fig: &Figure) -> bool {
    let enumerating = fig
        .action
        .as_deref()
        .is_some_and(|a| cx.lex.sec(sec::CHANGE_ENUMERATING_ACTION).contains(a));
    !enumerating && before(cx, s, fig).is_some_and(|b| cx.in_sec(b, sec::CHANGE_ADDITIONAL))
}

/// Whether token `i` is a noun of change (German compounds by their last part: `Umsatzplus`).
fn is_change_noun(cx: &Ctx, i: usize) -> bool {
    if !cx.is_word(i) {
        return false;
    }
    if cx.in_sec(i, sec::CHANGE_NOUN) {
        return true;
    }
    if !cx.language.capitalises_nouns() || !cx.upper(i) {
        return false;
    }
    let w = cx.lower_at(i);
    cx.lex
        .sec(sec::CHANGE_NOUN)
        .suffixes_of(w)
        .any(|n| w.len() > n.len() + 2)
}

/// `ein Anstieg um 5 Prozent`, `ein Plus von 4 Prozent`, `an increase of 7%`, `ein Anstieg
/// der Preise um 5 Prozent`: a noun of change and its link before the figure. `ein Anstieg
/// von 3 auf 5 Prozent` states two levels.
fn noun_before(cx: &Ctx, s: Sentence, fig: &Figure) -> bool {
    let Some(link) = before(cx, s, fig) else {
        return false;
    };
    let Some(kind) = cx.lex.sec(sec::CHANGE_NOUN_LINK).get(cx.lower_at(link)) else {
        return false;
    };
    let reach = if kind == "far" { 5 } else { 1 };
    let found = (1..=reach)
        .map_while(|back| link.checked_sub(back).filter(|&t| t >= s.first))
        .take_while(|&t| !cx.is_any_punct(t) && !cx.is_num(t))
        .any(|t| is_change_noun(cx, t));
    if !found {
        return false;
    }
    // "von 3 auf 5 Prozent": the first of two levels, when it has no unit of its own.
    let from_level = cx.in_sec(link, sec::CHANGE_OLD_LEVEL)
        && fig.expr_end == fig.num.end
        && cx.in_sec(fig.expr_end, sec::CHANGE_NEW_LEVEL)
        && (fig.expr_end + 1..(fig.expr_end + 3).min(s.end)).any(|t| cx.is_num(t));
    !from_level
}

/// `a 5% increase`, `5 Prozent Zuwachs`: a noun of change right after the figure.
fn noun_after(cx: &Ctx, s: Sentence, fig: &Figure) -> bool {
    fig.expr_end < s.end && fig.expr_end > fig.num.end && is_change_noun(cx, fig.expr_end)
}

/// The clause around the figure: tokens up to a hard boundary on either side, with a word
/// that bounds it on the left (`ging` of `ging ... hervor` is also the verb of `ging ...
/// zurück`).
fn clause(cx: &Ctx, s: Sentence, fig: &Figure) -> (usize, usize) {
    let mut lo = fig.expr_first;
    while lo > s.first && !hard_boundary(cx, lo - 1) {
        lo -= 1;
    }
    if lo > s.first && cx.is_word(lo - 1) {
        lo -= 1;
    }
    let mut hi = fig.expr_end;
    while hi < s.end && !hard_boundary(cx, hi) {
        hi += 1;
    }
    (lo, hi)
}

/// Whether the clause `lo..hi` has a verb of change outside the figure: a form of
/// `[change_verb]` or a separable verb of `[change_particle]` with its particle.
fn clause_has_change_verb(cx: &Ctx, fig: &Figure, lo: usize, hi: usize) -> bool {
    let outside = |k: usize| k < fig.expr_first || k >= fig.expr_end;
    if (lo..hi).any(|k| outside(k) && cx.in_sec(k, sec::CHANGE_VERB)) {
        return true;
    }
    particle_verb(cx, fig, lo, hi)
}

/// A separable verb of change in `lo..hi` whose particle follows it (`legte ... zu`).
fn particle_verb(cx: &Ctx, fig: &Figure, lo: usize, hi: usize) -> bool {
    let particles = cx.lex.sec(sec::CHANGE_PARTICLE);
    (lo..hi)
        .filter(|&v| v < fig.expr_first && cx.starts_sec(v, sec::CHANGE_PARTICLE))
        .any(|v| {
            (fig.expr_end..hi)
                .any(|p| particles.contains(&format!("{} {}", cx.lower_at(v), cx.lower_at(p))))
        })
}

/// `um 9 Prozent gestiegen`, `rose by 5%`: the preposition of an amount with a verb of
/// change. Where the verb may stand anywhere in the clause (German verb-final), it is
/// searched there; else it comes right shortly before the preposition (`rose sharply by`, `boost its dividend by`), so that
/// `killed by 3 gunmen` is no change.
fn by_with_verb(cx: &Ctx, s: Sentence, fig: &Figure) -> bool {
    let Some(by) = before(cx, s, fig).filter(|&b| cx.in_sec(b, sec::CHANGE_BY)) else {
        return false;
    };
    if cx.language.capitalises_nouns() {
        let (lo, hi) = clause(cx, s, fig);
        return clause_has_change_verb(cx, fig, lo, hi);
    }
    (1..=5)
        .map_while(|back| by.checked_sub(back).filter(|&t| t >= s.first))
        .take_while(|&t| !cx.is_any_punct(t))
        .any(|t| cx.in_sec(t, sec::CHANGE_VERB))
}

/// `up 4% from Monday`, `down 2% on the year`; not a particle (`made up 30% of`).
fn direction_before(cx: &Ctx, s: Sentence, fig: &Figure) -> bool {
    before(cx, s, fig).is_some_and(|b| {
        cx.in_sec(b, sec::CHANGE_DIRECTION)
            && !(b > s.first && cx.in_sec(b - 1, sec::CHANGE_DIRECTION_NOT_AFTER))
    })
}

/// A verb of change right next to the figure, without a preposition: `rose 5%`, `legte 2
/// Prozent zu`, `ist 2 Prozent gesunken`, and for any kind of figure when the new level
/// follows (`grew 20,000 to 1.5 million`). Only for percentages otherwise: `raised $5m`,
/// `300 Soldaten gefallen` are levels.
fn verb_next_to(cx: &Ctx, s: Sentence, fig: &Figure) -> bool {
    let verb_before = before(cx, s, fig).is_some_and(|b| cx.in_sec(b, sec::CHANGE_VERB));
    let after = fig.expr_end;
    let verb_after = after < s.end && cx.in_sec(after, sec::CHANGE_VERB);
    let (lo, hi) = clause(cx, s, fig);
    let particle_after = after < s.end && particle_verb(cx, fig, lo, (after + 1).min(hi));
    if !(verb_before || verb_after || particle_after) {
        return false;
    }
    let percent = fig.kind == Kind::Percent;
    let new_level_follows = cx.in_sec(after, sec::CHANGE_NEW_LEVEL)
        && (after + 1..(after + 4).min(s.end)).any(|t| cx.is_num(t));
    percent || (verb_before && new_level_follows)
}
