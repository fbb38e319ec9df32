//! From numerals to figures: the qualifier before a numeral, its kind and unit, the subject
//! it counts and the action it takes part in.

use super::ctx::{Ctx, Sentence};
use super::numbers::{self, Numeral};
use crate::extract::lexicon::sec;
use crate::model::{Kind, Qualifier};

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
    /// What the figure counts.
    pub subject: Option<Subject>,
    /// The action category.
    pub action: Option<String>,
    /// Whether it states a difference or change rather than a level ([`super::change`]).
    pub is_change: bool,
}

/// What a figure counts: the head noun as written and, when it stands in the figure's
/// sentence, its token (a subject carried from an earlier sentence has none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The noun as written.
    pub text: String,
    /// Its token.
    pub token: Option<usize>,
}

impl Subject {
    /// The noun at token `token`.
    pub(crate) fn at(cx: &Ctx, token: usize) -> Self {
        Self {
            text: cx.text_at(token).to_string(),
            token: Some(token),
        }
    }

    /// The words of tokens `first..end`.
    fn span(cx: &Ctx, first: usize, end: usize) -> Self {
        Self {
            text: cx.span(first, end).slice(cx.text).to_string(),
            token: Some(first),
        }
    }

    /// A noun carried over from elsewhere.
    pub(crate) fn carried(text: String) -> Self {
        Self { text, token: None }
    }
}

/// Finds every figure in a sentence, in text order.
#[must_use]
pub fn figures_in(cx: &Ctx, s: Sentence) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut i = s.first;
    while i < s.end {
        // Cheap filter: only digits and words can start a numeral.
        let Some(tok) = cx.tok(i) else { break };
        if tok.kind == super::token::TokKind::Punct && !cx.in_sec(i, sec::FRACTION_SIGN) {
            i += 1;
            continue;
        }
        // Most words can open no numeral: refused here, before a numeral is looked for.
        if tok.kind == super::token::TokKind::Word && !numbers::may_start_numeral(cx, i) {
            i += 1;
            continue;
        }
        let Some(mut num) = numbers::numeral_at(cx, i, s) else {
            i += 1;
            continue;
        };
        let between = numbers::extend_range(cx, &mut num, s);
        // "3-0", "737-800" that made no range: a score or a code.
        let dash = num.end;
        if num.high.is_none()
            && num.digits
            && (cx.is_punct(dash, "-") || cx.is_punct(dash, "–"))
            && cx.glued(dash)
            && cx.glued(dash + 1)
            && cx.is_num(dash + 1)
        {
            i = dash + 2;
            continue;
        }
        let mut fig = build(cx, s, num, between);
        with_subunit(cx, s, &mut fig);
        i = fig.num.end.max(fig.expr_end).max(i + 1);
        out.push(fig);
    }
    // Elided subjects take their antecedent from an earlier figure of the sentence:
    // "2 Millionen Euro für Schulen, für Kitas 500.000".
    for k in 1..out.len() {
        if out[k].subject.is_some() {
            continue;
        }
        let (done, rest) = out.split_at_mut(k);
        let (prev, cur) = (&done[k - 1], &mut rest[0]);
        let unitless = cur.kind == Kind::Count && cur.unit.is_none();
        // "fell 0.3 per cent to 7,412": the new level after a change in percent is no percent
        // (it is the level of what changed), unless the change started "from" a percent.
        let new_level = prev.kind == Kind::Percent
            && cur.expr_first > s.first
            && cx.in_sec(cur.expr_first - 1, sec::CHANGE_NEW_LEVEL)
            && !(prev.expr_first > s.first
                && cx.in_sec(prev.expr_first - 1, sec::CHANGE_OLD_LEVEL));
        if new_level {
            continue;
        }
        if unitless && matches!(prev.kind, Kind::Money | Kind::Percent | Kind::Measure) {
            cur.kind = prev.kind;
            cur.unit.clone_from(&prev.unit);
            cur.subject.clone_from(&prev.subject);
        } else if prev.kind == cur.kind {
            cur.subject.clone_from(&prev.subject);
        }
    }
    // A conversion in brackets has the qualifier of the amount it converts: "5 Mio. Euro (5,4 Mio. Dollar)".
    for k in 1..out.len() {
        let (prev, cur) = (&out[k - 1], &out[k]);
        let bracket = cur.expr_first > 0
            && cx.is_punct(cur.expr_first - 1, "(")
            && cur.expr_first - 1 == prev.expr_end;
        if bracket
            && prev.kind == Kind::Money
            && cur.kind == Kind::Money
            && cur.qualifier == Qualifier::Exact
        {
            let q = prev.qualifier;
            if !matches!(q, Qualifier::Range | Qualifier::Vague) {
                out[k].qualifier = q;
            }
        }
    }
    for fig in &mut out {
        if fig.subject.is_none() {
            fig.subject = antecedent(cx, s, fig.num.first);
        }
    }
    for fig in &mut out {
        fig.action = action(cx, s, fig);
    }
    super::change::mark(cx, s, &mut out);
    out
}

/// An amount with its subunit is one figure: "3 Dollar und 20 Cent", "zwei Euro fünfzig".
/// After the currency, "und" may stand, then a whole number below 100, then the subunit; a
/// number word may stand without it right after the currency.
fn with_subunit(cx: &Ctx, s: Sentence, fig: &mut Figure) {
    let plain = fig.kind == Kind::Money
        && fig.unit.is_some()
        && fig.num.high.is_none()
        && !fig.num.vague
        && !fig.num.fraction
        && fig.num.end < fig.expr_end;
    if !plain {
        return;
    }
    let mut k = fig.expr_end;
    let linked = cx.in_sec(k, sec::RANGE_AND);
    if linked {
        k += 1;
    }
    let Some(cents) = numbers::numeral_at(cx, k, s) else {
        return;
    };
    let whole = cents.value >= 1.0 && cents.value < 100.0 && cents.value.fract() == 0.0;
    if !whole || cents.high.is_some() || cents.vague {
        return;
    }
    let subunit = cx.lex.sec(sec::SUBUNIT).number(cx.lower_at(cents.end));
    let end = match subunit {
        Some(_) => cents.end + 1,
        // "zwei Euro fünfzig": a number word, and no noun after it that it could count.
        None if !(linked || cents.digits || cx.is_word(cents.end) && cx.upper(cents.end)) => {
            cents.end
        }
        None => return,
    };
    fig.num.value += cents.value * subunit.unwrap_or(0.01);
    fig.num.end = cents.end;
    fig.expr_end = end;
}

fn build(cx: &Ctx, s: Sentence, num: Numeral, between: Option<usize>) -> Figure {
    let start = between.unwrap_or(num.first);
    let QualifierMatch {
        first: qualifier_start,
        mut qualifier,
    } = qualifier_before(cx, start, s);
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
    if let Some((first, code)) = cx.match_ending(num.first, s.first, cx.lex.sec(sec::CURRENCY_SIGN))
        && !num.fraction
    {
        kind = Kind::Money;
        unit = Some(code.to_string());
        subject = Some(Subject::span(cx, first, num.first));
        expr_first = expr_first.min(first);
        // A qualifier before the sign: "rund $5m".
        if qualifier == Qualifier::Exact {
            let found = qualifier_before(cx, first, s);
            qualifier = found.qualifier;
            expr_first = expr_first.min(found.first);
        }
    }
    let mut expr_end = num.end;
    // "millions of dollars", "Hunderte Millionen von Euro".
    let unit_at = if num.vague && cx.in_sec(num.end, sec::QUANTITY_OF) {
        num.end + 1
    } else {
        num.end
    };
    if let Some(UnitMatch {
        end,
        kind: word_kind,
        unit: word_unit,
    }) = unit_after(cx, unit_at, s)
        .filter(|u| unit_at == num.end || matches!(u.kind, Kind::Money | Kind::Measure))
    {
        let keep_fraction = num.fraction && word_kind == Kind::Percent;
        if !(keep_fraction || num.multiplier && word_kind != Kind::Other) {
            if kind != Kind::Money || word_kind == Kind::Money {
                kind = word_kind;
                unit = word_unit.map(str::to_string).or(unit);
                subject = Some(Subject::span(cx, unit_at, end));
            }
            expr_end = end;
        }
    }
    if num.multiplier {
        kind = Kind::Other;
    }
    if (subject.is_none() || kind == Kind::Other)
        && let Some(found) = subject_after(cx, expr_end, s, num.fraction || num.vague)
        && (kind == Kind::Count || kind == Kind::Other)
    {
        subject = Some(found);
    }
    // A postposed "oder mehr" / "or more".
    if qualifier == Qualifier::Exact
        && cx
            .match_at(expr_end, s.end, cx.lex.sec(sec::AT_LEAST_AFTER))
            .is_some()
    {
        qualifier = Qualifier::AtLeast;
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
        is_change: false,
    }
}

/// A qualifier phrase before a number.
struct QualifierMatch {
    /// The phrase's first token (the number's first when there is none).
    first: usize,
    /// The qualifier it states.
    qualifier: Qualifier,
}

impl QualifierMatch {
    /// No qualifier before token `start`.
    fn none(start: usize) -> Self {
        Self {
            first: start,
            qualifier: Qualifier::Exact,
        }
    }
}

/// The qualifier phrase ending just before token `start` (fillers such as `nur` may stand
/// between).
fn qualifier_before(cx: &Ctx, start: usize, s: Sentence) -> QualifierMatch {
    let lex = cx.lex;
    let mut end = start;
    for _ in 0..3 {
        let mut best: Option<(usize, Qualifier)> = None;
        for (q, section) in [
            (Qualifier::Approx, sec::APPROX),
            (Qualifier::Over, sec::OVER),
            (Qualifier::Under, sec::UNDER),
            (Qualifier::AtLeast, sec::AT_LEAST),
            (Qualifier::AtMost, sec::AT_MOST),
        ] {
            if end > s.first
                && cx.ends_sec(end - 1, section)
                && let Some((first, _)) = cx.match_ending(end, s.first, lex.sec(section))
                && best.is_none_or(|(b, _)| first < b)
            {
                best = Some((first, q));
            }
        }
        if let Some((first, q)) = best {
            // "ein Hilfspaket über 1,5 Mrd. Euro": after a noun, "über" says what it is worth.
            let before = first
                .checked_sub(1)
                .filter(|&b| b > s.first && cx.is_word(b));
            let noun_before = before.filter(|&b| cx.upper(b) && !cx.in_sec(b, sec::STOP));
            // "ein Scheck über 500 Euro": what something is worth.
            let worth = cx.in_sec(first, sec::WORTH_QUALIFIER)
                && noun_before.is_some_and(|b| {
                    let w = cx.lower_at(b);
                    cx.lex.sec(sec::WORTH_NOUN_SUFFIX).ends_any(w)
                });
            // "eine Befragung unter 2800 Menschen": among.
            let among = cx.in_sec(first, sec::AMONG_QUALIFIER)
                && noun_before.is_some_and(|b| cx.in_sec(b, sec::UNNAMED_SOURCE));
            // "über drei Jahre", "over three years": a period, unless "seit über", "for over".
            let period = cx.in_sec(first, sec::PERIOD_QUALIFIER)
                && cx
                    .lex
                    .unit(cx.lower_at(start + 1))
                    .is_some_and(|(k, _)| k == Kind::Duration)
                && !before.is_some_and(|b| cx.in_sec(b, sec::PERIOD_NOT_AFTER));
            if worth || among || period {
                return QualifierMatch::none(start);
            }
            return QualifierMatch {
                first,
                qualifier: q,
            };
        }
        if end > s.first && cx.in_sec(end - 1, sec::FILLER) {
            end -= 1;
            continue;
        }
        break;
    }
    QualifierMatch::none(start)
}

/// A unit found after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnitMatch {
    /// One past the unit's last token.
    pub end: usize,
    /// The kind of quantity the unit makes.
    pub kind: Kind,
    /// The unit code (`EUR`, `km`), if the kind has units.
    pub unit: Option<&'static str>,
}

/// A unit phrase right after the number.
fn unit_after(cx: &Ctx, at: usize, s: Sentence) -> Option<UnitMatch> {
    let lex = cx.lex;
    let section = lex.sec(sec::UNIT);
    let Some((end, value)) = cx.match_at(at, s.end.max(at + 1), section) else {
        return cx.language.compound_unit(cx, at, s);
    };
    // A single-letter unit (m, t) in English only glued or before a break: "5 m deep" is rare,
    // "5 t" as an article is not English but "a" is.
    let phrase = cx.phrase(at, end);
    if cx.language.single_letter_units_need_glue()
        && phrase.chars().count() == 1
        && phrase.chars().all(char::is_alphabetic)
    {
        let next_is_word = cx.is_word(end) && end < s.end;
        if !cx.glued(at) && next_is_word {
            return None;
        }
    }
    // "zwei G8-Staaten": a unit letter glued to digits or a hyphen after it starts a name.
    if cx.glued(end) && (cx.is_num(end) || cx.is_punct(end, "-")) && end < s.end {
        return None;
    }
    // "Jahre alt" is an age, handled before; "Tag" as in "am Tag" is not after a number.
    let (kind, unit) = value.split_once(' ').unwrap_or((value, "-"));
    let kind = Kind::parse(kind)?;
    Some(UnitMatch {
        end,
        kind,
        unit: (unit != "-").then_some(unit),
    })
}

/// Whether the word can head a noun phrase as the thing counted.
pub(crate) fn is_noun(cx: &Ctx, i: usize) -> bool {
    if !cx.is_word(i) || cx.in_sec(i, sec::STOP) || cx.in_sec(i, sec::MONTH) {
        return false;
    }
    // Where nouns are capitalised, a noun is a capitalised word.
    !cx.language.capitalises_nouns() || cx.upper(i)
}

/// The head noun after the number: German skips adjectives to the first capitalised noun;
/// English takes the last word of the noun phrase.
fn subject_after(cx: &Ctx, at: usize, s: Sentence, allow_of: bool) -> Option<Subject> {
    let mut i = at;
    let limit = (at + 6).min(s.end);
    // "Tausende von Menschen", "ein Viertel der Befragten", "tens of thousands of people".
    if allow_of || cx.in_sec(i, sec::QUANTITY_OF) {
        while i < limit && cx.in_sec(i, sec::SUBJECT_SKIP) {
            i += 1;
        }
    }
    // "3,000 more troops", "weitere 700 Soldaten".
    while i < limit && cx.in_sec(i, sec::ADDITIONAL) {
        i += 1;
    }
    cx.language.counted_noun(cx, i, at, limit)
}

/// The noun a figure with an elided subject refers to: "die Zahl der Toten stieg auf 30".
fn antecedent(cx: &Ctx, s: Sentence, before: usize) -> Option<Subject> {
    let mut i = before;
    while i > s.first {
        i -= 1;
        if cx.in_sec(i, sec::COUNT_NOUN) {
            let inner = Sentence {
                first: s.first,
                end: before,
            };
            if let Some(found) = subject_after(cx, i + 1, inner, true) {
                return Some(found);
            }
        }
    }
    None
}

/// Whether token `k` ends a clause for the action search.
pub(crate) fn hard_boundary(cx: &Ctx, k: usize) -> bool {
    if cx.is_any_punct(k) {
        return matches!(
            cx.text_at(k),
            "," | ";" | ":" | "(" | ")" | "„" | "“" | "”" | "\"" | "«" | "»" | "–" | "—"
        );
    }
    if cx.in_sec(k, sec::CLAUSE_BOUNDARY) {
        return true;
    }
    // A cue verb ends the clause, unless it is a verb of the reported clause ("had registered").
    cx.in_sec(k, sec::SPEECH_VERB)
        && !cx.in_sec(k, sec::COMMA_CUE)
        && !(k > 0 && cx.in_sec(k - 1, sec::REPORTED_AUX))
}

/// Whether token `k` joins two coordinated parts.
fn soft_boundary(cx: &Ctx, k: usize) -> bool {
    cx.in_sec(k, sec::COORDINATION)
}

/// The action the figure takes part in: an action word of its own clause part (a noun it
/// counts, a verb, a separable verb with its particle), else of the coordinated parts around.
fn action(cx: &Ctx, s: Sentence, fig: &Figure) -> Option<String> {
    let section = cx.lex.sec(sec::ACTION);
    if let Some(Subject { token: Some(t), .. }) = &fig.subject
        && let Some(a) = section.get(cx.lower_at(*t))
    {
        return Some(a.to_string());
    }
    if fig.kind == Kind::Duration {
        return None;
    }
    let bounds = |soft: bool| {
        let mut lo = fig.expr_first;
        while lo > s.first && !hard_boundary(cx, lo - 1) && !(soft && soft_boundary(cx, lo - 1)) {
            lo -= 1;
        }
        let mut hi = fig.expr_end;
        while hi < s.end && !hard_boundary(cx, hi) && !(soft && soft_boundary(cx, hi)) {
            hi += 1;
        }
        (lo, hi)
    };
    let (lo, hi) = bounds(true);
    if let Some(a) = nearest_action(cx, fig, lo, hi) {
        return Some(a);
    }
    let (lo, hi) = bounds(false);
    nearest_action(cx, fig, lo, hi)
}

/// The nearest action word in `lo..hi` outside the figure; after the figure wins a tie.
fn nearest_action(cx: &Ctx, fig: &Figure, lo: usize, hi: usize) -> Option<String> {
    let section = cx.lex.sec(sec::ACTION);
    let particles = cx.lex.sec(sec::ACTION_PARTICLE);
    let mut best: Option<(usize, String)> = None;
    for i in lo..hi {
        let candidate = cx.in_sec(i, sec::ACTION) || cx.starts_sec(i, sec::ACTION_PARTICLE);
        if (i >= fig.expr_first && i < fig.expr_end) || !candidate {
            continue;
        }
        let w = cx.lower_at(i);
        let found = if let Some(a) = section.get(w) {
            // "ums Leben" only with "Leben".
            if cx
                .lex
                .sec(sec::ACTION_NEEDS_NEXT)
                .get(w)
                .is_some_and(|next| cx.lower_at(i + 1) != next)
            {
                None
            } else {
                Some(a.to_string())
            }
        } else if cx.starts_sec(i, sec::ACTION_PARTICLE) {
            (i + 1..hi).find_map(|k| {
                particles
                    .get(&format!("{w} {}", cx.lower_at(k)))
                    .map(str::to_string)
            })
        } else {
            None
        };
        let Some(a) = found else { continue };
        let distance = if i < fig.expr_first {
            2 * (fig.expr_first - i)
        } else {
            2 * (i + 1 - fig.expr_end) - 1
        };
        if distance > 28 {
            continue;
        }
        if best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, a));
        }
    }
    best.map(|(_, a)| a)
}
