//! Attribution: finding who states the figures of a sentence. Cues (`nach Angaben von X`,
//! `X zufolge`, `X sagte`, `according to X`, a headline `X: ...`) give a speaker noun phrase;
//! its head words become the source span. Sources carry into later sentences only for German
//! reported speech in the subjunctive, for `demnach`, and where a later sentence points back.
//!
//! [`cues_in`] finds the cues of a sentence; [`phrase`] reads the speaker's noun phrase,
//! [`speaker`] the speaker of a verb, [`scope`] how far a source reaches.

mod phrase;
mod quote;
mod scope;
mod speaker;

pub(crate) use phrase::{
    Head, NounPhrase, apposition_name, is_acronym, is_determiner, is_title, names_body,
    np_backward, np_forward, np_word, owner_names_nobody,
};
pub use quote::{Quote, governors, quotations};
pub use scope::{
    carries_past_indicative, continues_speech, is_reportive, people_in, points_back,
    reported_subject, says_demnach, sums_up,
};
pub(crate) use speaker::{VerbClause, clause_start};

use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::lexicon::{Bits, sec};
use crate::model::Span;
use phrase::compound_source;
use speaker::{is_spaced_dash, speaker_of_verb, verb_applies};

/// A source cue found in a sentence.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one cue"
)]
#[derive(Debug, Clone)]
pub struct Cue {
    /// The head word(s) naming the source.
    pub span: Span,
    /// Token range of the head.
    pub head: (usize, usize),
    /// Token range of the whole speaker phrase: figures inside it are not attributed to it.
    pub phrase: (usize, usize),
    /// The token where the cue stands, for distance.
    pub at: usize,
    /// `unter Berufung auf`: wins over the other cues.
    pub priority: bool,
    /// The head is a person (a name after a title, or a pronoun).
    pub person: bool,
    /// The head is a pronoun.
    pub pronoun: bool,
    /// The head is an unnamed noun (`Angaben`, `a report`).
    pub unnamed: bool,
    /// A verb of stance (`kritisierte`, `warned`): it states only the figures of the clause
    /// that follows it, from token `complement` on.
    pub complement: Option<usize>,
    /// A verb that also counts a toll (`forderte 92 Menschenleben`, `claimed 300 lives`): it
    /// states no figure of the dead or injured.
    pub toll: bool,
}

/// The report a relative cue points back to: an unnamed or document noun a few words before
/// the comma at `comma`, with its owner when one is named ("Pressemeldungen der New York Times
/// von Donnerstag, dem 2. Dezember, zurückgewiesen, wonach"). `None` for a noun right before
/// the comma without an owner, which the unnamed-noun rule reads already.
fn reported_antecedent(cx: &Ctx, comma: usize, s: Sentence) -> Option<NounPhrase> {
    let floor = comma.saturating_sub(16).max(s.first);
    let k = (floor..comma).rev().find(|&k| {
        cx.upper(k)
            && (cx.in_sec(k, sec::UNNAMED_SOURCE)
                || cx.ends_with_any(cx.lower_at(k), sec::DOCUMENT_COMPOUND))
    })?;
    let found = np_forward(cx, k, comma)?;
    (found.head_first != k || k + 1 < comma).then_some(found)
}

/// Makes a cue from a head token range.
pub(crate) fn cue(
    cx: &Ctx,
    head: (usize, usize),
    phrase: (usize, usize),
    at: usize,
    person: bool,
) -> Cue {
    let pronoun = head.1 == head.0 + 1 && cx.in_sec(head.0, sec::PRONOUN);
    let unnamed = (head.0..head.1).all(|k| cx.in_sec(k, sec::UNNAMED_SOURCE));
    // "The Treasury's figures": the name without its possessive ending.
    let mut span = cx.span(head.0, head.1);
    let text = span.slice(cx.text);
    if let Some(ending) = cx
        .lex
        .sec(sec::POSSESSIVE_SUFFIX)
        .suffixes_of(text)
        .find(|e| text.len() > e.len())
    {
        span.end -= ending.len();
    }
    Cue {
        span,
        head,
        phrase,
        at,
        priority: false,
        person: person || pronoun,
        pronoun,
        unnamed,
        complement: None,
        toll: cx.in_sec(at, sec::TOLL_VERB),
    }
}

/// Whether a cue can start at word `i` (a cheap test on the token's lexicon flags).
fn may_cue(cx: &Ctx, i: usize) -> bool {
    const STARTS: Bits = Bits::of(&[sec::CUE_OVERRIDE, sec::CUE_BEFORE, sec::IMPERSONAL_PHRASE]);
    const ENTRY: Bits = Bits::of(&[
        sec::CUE_AFTER,
        sec::UNNAMED_SOURCE,
        sec::SPEECH_VERB,
        sec::SPEECH_VERB_INVERTED,
        sec::SPEECH_LEAD,
        sec::CUE_START,
        sec::RELATIVE_CUE,
    ]);
    // Where sources form compounds, a capitalised or hyphenated word may be one
    // (`compound_source`: eight bytes or more) or open another cue as written
    // ("Nach vorläufigen Schätzungen", "Aus Kreisen ... hieß es").
    const AS_WRITTEN: Bits = Bits::of(&[
        sec::CUE_BEFORE_UNNAMED,
        sec::SOURCE_FROM,
        sec::IMPERSONAL_CUE,
    ]);
    cx.starts_any(i, STARTS)
        || cx.in_any(i, ENTRY)
        || (cx.language.forms_compound_sources()
            && (cx.upper(i) || cx.has_hyphen(i))
            && (cx.tok(i).is_some_and(|t| t.end - t.start >= 8) || cx.in_any(i, AS_WRITTEN)))
}

/// Every cue in a sentence.
#[must_use]
pub fn cues_in(cx: &Ctx, s: Sentence) -> Vec<Cue> {
    let mut cues = Vec::new();
    let lex = cx.lex;
    let mut i = s.first;
    while i < s.end {
        if !cx.is_word(i) || !may_cue(cx, i) {
            i += 1;
            continue;
        }
        // "unter Berufung auf Y", "citing Y".
        if let Some((e, _)) = cx
            .starts_sec(i, sec::CUE_OVERRIDE)
            .then(|| cx.match_at(i, s.end, lex.sec(sec::CUE_OVERRIDE)))
            .flatten()
            && let Some(NounPhrase {
                head_first: h0,
                head_end: h1,
                end: pe,
                person,
                ..
            }) = np_forward(cx, e, s.end)
        {
            let mut c = cue(cx, (h0, h1), (e, pe), i, person);
            c.priority = true;
            cues.push(c);
            i = pe.max(i + 1);
            continue;
        }
        // "nach Angaben der Polizei", "laut Polizei", "according to X".
        if let Some((e, _)) = cx
            .starts_sec(i, sec::CUE_BEFORE)
            .then(|| cx.match_at(i, s.end, lex.sec(sec::CUE_BEFORE)))
            .flatten()
        {
            if (i..e).any(|k| cx.in_sec(k, sec::OWN)) {
                if let Some(c) = own_statement(cx, i, e, s) {
                    cues.push(c);
                }
                i = e;
                continue;
            }
            // "laut Bitkom-Umfrage", "laut einer dpa-Meldung": the naming part of a compound.
            let compound_at = if is_determiner(cx, e) { e + 1 } else { e };
            if let Some(span) = (compound_at < s.end)
                .then(|| compound_source(cx, compound_at, true))
                .flatten()
            {
                cues.push(span_cue(cx, compound_at, span));
                i = compound_at + 1;
                continue;
            }
            if let Some(NounPhrase {
                head_first: h0,
                head_end: h1,
                end: pe,
                person,
                ..
            }) = np_forward(cx, e, s.end)
            {
                // "gemäß den Bestimmungen", "laut Gesetz": a rule states no figure.
                if h1 == h0 + 1 && cx.ends_with_any(cx.lower_at(h0), sec::NORM_NOUN) {
                    i = pe.max(i + 1);
                    continue;
                }
                // "laut einer Bitkom-Umfrage": the naming part of the compound.
                if let Some(span) = compound_source(cx, h0, true).filter(|_| h1 == h0 + 1) {
                    cues.push(span_cue(cx, h0, span));
                } else {
                    // The phrase ends at its head: "nach Angaben der Luftwaffe mit 47 Drohnen".
                    cues.push(cue(cx, (h0, h1), (e, h1), i, person));
                }
                i = pe.max(i + 1);
                continue;
            }
            // "nach Angaben" with nothing named: the noun itself.
            let last = e - 1;
            if cx.in_sec(last, sec::UNNAMED_SOURCE) {
                cues.push(cue(cx, (last, e), (i, e), i, false));
                i = e;
                continue;
            }
            // "laut einer Umfrage": an unnamed noun after attributes, read below.
            if !cx.in_sec(i, sec::CUE_BEFORE_UNNAMED) {
                i = e;
                continue;
            }
        }
        // "nach vorläufigen Schätzungen der Polizei": nach, adjectives, an unnamed noun.
        if cx.in_sec(i, sec::CUE_BEFORE_UNNAMED) {
            // Up to five words of determiners and attributes, then the unnamed noun:
            // "in einer am Montag veröffentlichten Umfrage des Verbands Bitkom".
            let mut k = i + 1;
            while k < s.end
                && k < i + 6
                && cx.is_word(k)
                && !cx.in_sec(k, sec::UNNAMED_SOURCE)
                && !cx.in_sec(k, sec::CUE_BEFORE_UNNAMED)
                && (!cx.upper(k) || cx.in_sec(k, sec::NOT_SPEAKER))
            {
                k += 1;
            }
            let attribute_ok = k == i + 1 || !cx.upper(k - 1);
            let in_needs_article =
                !cx.in_sec(i, sec::CUE_BEFORE_UNNAMED_NEEDS_ARTICLE) || is_determiner(cx, i + 1);
            if k < s.end && attribute_ok && in_needs_article && cx.in_sec(k, sec::UNNAMED_SOURCE) {
                let mut e = k + 1;
                if cx.in_sec(e, sec::UNNAMED_OWNER_LINK) {
                    e += 1;
                }
                let named = (e > k + 1).then(|| np_forward(cx, e, s.end)).flatten();
                if let Some(NounPhrase {
                    head_first: h0,
                    head_end: h1,
                    end: pe,
                    person,
                    ..
                }) = named
                {
                    cues.push(cue(cx, (h0, h1), (i, h1), i, person));
                    i = pe.max(i + 1);
                } else {
                    cues.push(cue(cx, (k, k + 1), (i, k + 1), i, false));
                    i = k + 1;
                }
                continue;
            }
        }
        // "wie aus Dokumenten hervorgeht": the documents.
        if cx.in_sec(i, sec::SOURCE_FROM)
            && (i + 1..s.end).any(|k| {
                let w = cx.lower_at(k);
                cx.lex
                    .sec(sec::SOURCE_FROM_VERB)
                    .prefixes_of(w)
                    .next()
                    .is_some()
            })
            && let Some(NounPhrase {
                head_first: h0,
                head_end: h1,
                end: pe,
                person,
                ..
            }) = np_forward(cx, i + 1, s.end)
        {
            cues.push(cue(cx, (h0, h1), (i, pe), i, person));
            i = pe.max(i + 1);
            continue;
        }
        // "X zufolge".
        if cx.in_sec(i, sec::CUE_AFTER) {
            // "des Verbandes (VDR) zufolge": the phrase before the bracketed acronym.
            let mut end = i;
            if cx.is_punct(i - 1, ")") && i >= s.first + 3 && cx.is_punct(i - 3, "(") {
                end = i - 3;
            }
            let found = np_backward(cx, end, s.first).or_else(|| {
                // "Ersten Angaben vom gestrigen Mittwoch zufolge": an unnamed noun a few words
                // back, past a date.
                let k = (end.saturating_sub(5).max(s.first)..end)
                    .rev()
                    .take_while(|&k| cx.is_word(k))
                    .find(|&k| cx.in_sec(k, sec::UNNAMED_SOURCE))?;
                Some(NounPhrase::new(k, k + 1, k, end, false))
            });
            if let Some(NounPhrase {
                head_first: h0,
                head_end: h1,
                start: ps,
                person,
                ..
            }) = found
            {
                if let Some(span) = compound_source(cx, h0, true).filter(|_| h1 == h0 + 1) {
                    cues.push(span_cue(cx, h0, span));
                } else {
                    cues.push(cue(cx, (h0, h1), (ps, i), i, person));
                }
            }
            i += 1;
            continue;
        }
        // "Erkenntnisse, wonach ...", "reports suggesting ...": an unnamed cue keeps its noun.
        if cx.in_sec(i, sec::UNNAMED_SOURCE) {
            let mut k = i + 1;
            if cx.is_punct(k, ",") {
                k += 1;
            }
            if cx.in_sec(k, sec::UNNAMED_CUE_LINK) {
                cues.push(cue(cx, (i, i + 1), (i, i + 1), i, false));
                i += 1;
                continue;
            }
        }
        // "hat Meldungen der Zeitung X zurückgewiesen, wonach ...": the report's owner states
        // the clause after `wonach`, not the one who rejects or confirms it.
        if cx.in_sec(i, sec::RELATIVE_CUE) && i > s.first + 1 && cx.is_punct(i - 1, ",") {
            if let Some(found) = reported_antecedent(cx, i - 1, s) {
                let mut c = cue(
                    cx,
                    (found.head_first, found.head_end),
                    (found.start, i),
                    i,
                    found.person,
                );
                c.complement = Some(i + 1);
                cues.push(c);
            }
            i += 1;
            continue;
        }
        // "US-Angaben" anywhere.
        if let Some(span) = compound_source(cx, i, false) {
            cues.push(span_cue(cx, i, span));
            i += 1;
            continue;
        }
        // "hieß es aus X": X; "hieß es" alone names nobody.
        if cx.in_sec(i, sec::IMPERSONAL_CUE) && cx.in_sec(i + 1, sec::IMPERSONAL_SUBJECT) {
            // "Aus dem Kreml hieß es, ...".
            let mut c = clause_start(cx, i, s);
            let mut limit = i;
            // "In der Fassung des Berichts, die ins Netz gestellt wurde, heißt es": past a
            // relative clause to the phrase that opens the sentence.
            if c > s.first + 2
                && !cx.in_sec(c, sec::IMPERSONAL_SOURCE_LINK)
                && cx.in_sec(s.first, sec::IMPERSONAL_SOURCE_LINK)
                && let Some(comma) = (s.first + 2..c).find(|&k| cx.is_punct(k, ","))
                && cx.in_sec(comma + 1, sec::RELATIVE_CLAUSE_START)
            {
                c = s.first;
                limit = comma;
            }
            if c < i
                && cx.in_sec(c, sec::IMPERSONAL_SOURCE_LINK)
                && let Some(NounPhrase {
                    head_first: h0,
                    head_end: h1,
                    person,
                    ..
                }) = np_forward(cx, c + 1, limit)
            {
                cues.push(cue(cx, (h0, h1), (c, i), i, person));
                i += 2;
                continue;
            }
            let k = i + 2;
            if cx.in_sec(k, sec::IMPERSONAL_SOURCE_LINK)
                && let Some(NounPhrase {
                    head_first: h0,
                    head_end: h1,
                    end: pe,
                    person,
                    ..
                }) = np_forward(cx, k + 1, s.end)
            {
                cues.push(cue(cx, (h0, h1), (k + 1, pe), i, person));
                i = pe.max(i + 1);
                continue;
            }
            i += 2;
            continue;
        }
        // "In Regierungskreisen war von 300 Toten die Rede": the phrase after the preposition
        // that opens the clause.
        if cx.starts_sec(i, sec::IMPERSONAL_PHRASE)
            && let Some((e, _)) = cx.match_at(i, s.end, lex.sec(sec::IMPERSONAL_PHRASE))
        {
            let c = clause_start(cx, i, s);
            if cx.in_sec(c, sec::IMPERSONAL_SOURCE_LINK)
                && let Some(NounPhrase {
                    head_first: h0,
                    head_end: h1,
                    end: pe,
                    person,
                    ..
                }) = np_forward(cx, c + 1, i)
            {
                cues.push(cue(cx, (h0, h1), (c, pe.max(h1)), i, person));
            }
            i = e;
            continue;
        }
        // "Ein Sender zitierte X mit den Worten: ...", "quoted X as saying": the object speaks.
        if (cx.in_sec(i, sec::SPEECH_VERB) || cx.in_sec(i, sec::SPEECH_VERB_INVERTED))
            && let Some(NounPhrase {
                head_first: h0,
                head_end: h1,
                end: pe,
                person,
                ..
            }) = np_forward(cx, i + 1, s.end)
            && let Some((with_end, _)) = cx
                .starts_sec(h1, sec::QUOTED_WITH)
                .then(|| cx.match_at(h1, s.end, lex.sec(sec::QUOTED_WITH)))
                .flatten()
        {
            cues.push(cue(cx, (h0, h1), (i + 1, h1), i, person));
            i = with_end.max(pe);
            continue;
        }
        // "wie X mitteilte": handled by the verb (its clause starts after "wie").
        if (cx.in_sec(i, sec::SPEECH_VERB) || cx.in_sec(i, sec::SPEECH_VERB_INVERTED))
            && verb_applies(cx, i, s)
            && let Some(c) = speaker_of_verb(cx, i, s)
        {
            cues.push(c);
        } else if cx.in_sec(i, sec::SPEECH_LEAD)
            && verb_applies(cx, i, s)
            && let Some(mut c) = speaker_of_verb(cx, i, s)
        {
            // "kritisierte die Pläne, die 3 Mrd. kosten" states nothing; "kritisierte, dass
            // 3 Mrd. fehlten" states the clause after it, and leads into what follows.
            // "… – das zumindest meint X": what the demonstrative points back to is stated.
            let c0 = clause_start(cx, i, s);
            let points_back = c0 > s.first
                && i <= c0 + 2
                && matches!(cx.text_at(c0 - 1), "–" | "—" | "-" | ",")
                && (cx.in_sec(c0, sec::DEMONSTRATIVE) || cx.in_sec(c0, sec::POINTS_BACK));
            // "Von Gewerkschaftsseite war der Abbau von 10.000 Stellen befürchtet worden": in
            // a passive the feared or criticised thing is the subject, and the agent states it.
            let passive = cx.language.is_passive(cx, i, c0)
                && (cx.in_sec(i + 1, sec::PASSIVE_AUX) || cx.in_sec(i - 1, sec::PASSIVE_AUX));
            c.complement = Some(if points_back || passive {
                s.first
            } else {
                complement_after(cx, i, s)
            });
            cues.push(c);
        }
        i += 1;
    }
    drop_echoing_pronouns(cx, &mut cues);
    let elliptic = elliptic_cues(cx, s, &cues);
    cues.extend(elliptic);
    if cues.is_empty()
        && let Some(c) = headline_cue(cx, s)
    {
        cues.push(c);
    }
    // "Er griff den Chef an: Dieser verdiene Millionen" - reported speech after a colon.
    if cues.is_empty()
        && let Some(colon) = (s.first + 2..s.end).find(|&k| cx.is_punct(k, ":"))
    {
        let reported = (colon + 1..s.end).any(|k| cx.in_sec(k, sec::SUBJUNCTIVE));
        if reported
            && let Some(NounPhrase {
                head_first: h0,
                head_end: h1,
                person,
                ..
            }) = np_forward(cx, s.first, colon)
        {
            cues.push(cue(cx, (h0, h1), (s.first, h1), colon, person));
        }
    }
    cues
}

/// "The UN office said it had recorded 5,000 deaths": a pronoun that opens the clause of an
/// earlier speech verb echoes that verb's speaker, who states the figures.
fn drop_echoing_pronouns(cx: &Ctx, cues: &mut Vec<Cue>) {
    let echoes = |c: &Cue, all: &[Cue]| {
        c.pronoun
            && all.iter().any(|o| {
                !o.pronoun
                    && !o.unnamed
                    && o.complement.is_none()
                    && o.at < c.head.0
                    && c.head.0 <= o.at + 6
                    && (o.at + 1..c.head.0).all(|k| cx.is_word(k))
            })
    };
    let keep: Vec<bool> = cues.iter().map(|c| !echoes(c, cues)).collect();
    let mut k = 0;
    cues.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// Elliptic coordination after a cue verb: "Das Institut rechnet mit 1,4 Prozent, die Bank mit
/// 1,6 Prozent" makes the bank the speaker of the second figure. After a comma, a phrase with an
/// article, then a preposition and a figure, with no verb of its own up to the next break.
fn elliptic_cues(cx: &Ctx, s: Sentence, cues: &[Cue]) -> Vec<Cue> {
    let mut out = Vec::new();
    for c in cues {
        if !cx.in_sec(c.at, sec::SPEECH_VERB) || c.complement.is_some() {
            continue;
        }
        let mut k = c.at + 1;
        while k < s.end {
            // "die Bank mit ...", not "den der Gewalttaten auf ..." (an object).
            if !cx.is_punct(k, ",")
                || !is_determiner(cx, k + 1)
                || cx.in_sec(k + 1, sec::OBJECT_ARTICLE)
                || cx.in_sec(k + 1, sec::POSSESSIVE)
            {
                k += 1;
                continue;
            }
            let next_break = (k + 1..s.end)
                .find(|&j| cx.is_any_punct(j) && !cx.is_num(j) && cx.text_at(j) != "%")
                .unwrap_or(s.end);
            let verbless = (k + 1..next_break).all(|j| {
                !cx.in_sec(j, sec::SPEECH_VERB)
                    && !cx.in_sec(j, sec::FINITE_AUX)
                    && !cx.in_sec(j, sec::RELATIVE_PRONOUN)
                    && !cx.in_sec(j, sec::VERB_NOT_AFTER)
            });
            if verbless
                && let Some(NounPhrase {
                    head_first: h0,
                    head_end: h1,
                    end: pe,
                    person,
                    ..
                }) = np_forward(cx, k + 1, next_break)
                && cx.in_sec(h1, sec::ATTRIBUTE_PREPOSITION)
                && (h1 + 1..(h1 + 4).min(next_break)).any(|j| cx.is_num(j))
            {
                out.push(cue(cx, (h0, h1), (k + 1, pe.min(h1)), h0, person));
            }
            k = next_break;
        }
    }
    out
}

/// Where the clause a verb of stance governs starts: after the next comma or colon, when
/// that clause opens with a complementizer (`dass`, `that`) or holds a subjunctive verb;
/// else the sentence's end (it governs no figure).
fn complement_after(cx: &Ctx, verb: usize, s: Sentence) -> usize {
    if cx.in_sec(verb + 1, sec::COMPLEMENTIZER) {
        return verb + 1;
    }
    let Some(brk) = (verb + 1..s.end).find(|&k| cx.is_punct(k, ",") || cx.is_punct(k, ":")) else {
        return s.end;
    };
    let next = brk + 1;
    let clause_end = (next..s.end)
        .find(|&k| cx.is_punct(k, ",") || cx.is_punct(k, ";"))
        .unwrap_or(s.end);
    // "hat zugesagt, die Emissionen um acht Prozent zu senken": an infinitive with "zu".
    // Or with "zu" inside a separable verb: "Daten herauszugeben".
    let infinitive = (next..clause_end).any(|k| {
        cx.in_sec(k, sec::VERB_NOT_AFTER) && cx.is_word(k + 1) && !cx.upper(k + 1)
            || cx.is_word(k) && !cx.upper(k) && separable_infinitive(cx.lower_at(k), cx)
    });
    if cx.is_punct(brk, ":")
        || cx.in_sec(next, sec::COMPLEMENTIZER)
        || (next..clause_end).any(|k| cx.in_sec(k, sec::SUBJUNCTIVE))
        || infinitive
    {
        next
    } else {
        s.end
    }
}

/// Whether a word is a `zu` infinitive of a separable verb: a prefix, `zu`, then at least
/// a verb stem ending in `n` ("herauszugeben", "vorzulegen").
fn separable_infinitive(w: &str, cx: &Ctx) -> bool {
    w.ends_with('n')
        && cx.lex.sec(sec::SEPARABLE_PREFIX).prefixes_of(w).any(|p| {
            w[p.len()..]
                .strip_prefix("zu")
                .is_some_and(|stem| stem.len() >= 3)
        })
}

fn span_cue(cx: &Ctx, tok: usize, span: Span) -> Cue {
    let mut c = cue(cx, (tok, tok + 1), (tok, tok + 1), tok, false);
    c.span = span;
    c.unnamed = false;
    c
}

/// "nach eigenen Angaben": the subject of the sentence states the figure.
fn own_statement(cx: &Ctx, cue_start: usize, cue_end: usize, s: Sentence) -> Option<Cue> {
    let NounPhrase {
        head_first: h0,
        head_end: h1,
        end: pe,
        person,
        ..
    } = if cue_start == s.first {
        // "Nach eigenen Angaben hat das WFP ..." - the subject follows the finite verb.
        np_forward(cx, cue_end + 1, s.end)?
    } else {
        // "Kiew, 3. Februar (dpa) - Das Ministerium hat nach eigenen Angaben ...": after the
        // dateline's dash.
        let start = (s.first..cue_start)
            .rev()
            .find(|&k| is_spaced_dash(cx, k))
            .map_or(s.first, |k| k + 1);
        np_forward(cx, start, cue_start)?
    };
    Some(cue(cx, (h0, h1), (h0, pe), cue_start, person))
}

/// A headline of the form `X: ...`.
fn headline_cue(cx: &Ctx, s: Sentence) -> Option<Cue> {
    let starts_paragraph = cx.tok(s.first).is_some_and(|t| t.newlines > 0) || s.first == 0;
    if !starts_paragraph {
        return None;
    }
    let colon = (s.first..(s.first + 5).min(s.end)).find(|&k| cx.is_punct(k, ":"))?;
    if colon == s.first || (s.first..colon).any(|k| cx.is_num(k) || cx.in_sec(k, sec::SPEECH_VERB))
    {
        return None;
    }
    if (s.first..colon).any(|k| cx.in_sec(k, sec::HEADLINE_NOT_SOURCE)) {
        return None;
    }
    // A headline says something after the colon ("Pentagon: 100.000 Soldaten an der
    // Grenze"); a row of a table or list holds only names and figures ("Partei: 28,5 %
    // Sitze 7").
    let says = (colon + 1..s.end).any(|k| {
        cx.is_word(k)
            && !cx.upper(k)
            && cx.text_at(k).chars().all(char::is_alphabetic)
            && cx.lex.unit(cx.lower_at(k)).is_none()
    });
    if !says {
        return None;
    }
    let NounPhrase {
        head_first: h0,
        head_end: h1,
        person,
        ..
    } = np_forward(cx, s.first, colon)?;
    if !cx.upper(h0) {
        return None;
    }
    Some(cue(cx, (h0, h1), (s.first, colon), colon, person))
}
