//! Attribution: finding who states the figures of a sentence. Cues (`nach Angaben von X`,
//! `X zufolge`, `X sagte`, `according to X`, a headline `X: ...`) give a speaker noun phrase;
//! its head words become the source span. Sources carry into later sentences only for German
//! reported speech in the subjunctive, for `demnach`, and where a later sentence points back.

use super::ctx::{Ctx, Sentence};
use crate::extract::lexicon::sec;
use crate::model::Span;

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
}

/// A noun phrase that may name a speaker: the head words that become the source span, and
/// the whole phrase, whose figures are not attributed to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NounPhrase {
    /// First token of the head.
    pub head_first: usize,
    /// One past the head's last token.
    pub head_end: usize,
    /// First token of the phrase.
    pub start: usize,
    /// One past the phrase's last token.
    pub end: usize,
    /// The head is a person (a name after a title, or a pronoun).
    pub person: bool,
}

impl NounPhrase {
    /// A phrase of tokens `start..end` with its head `head_first..head_end`.
    pub(crate) fn new(
        head_first: usize,
        head_end: usize,
        start: usize,
        end: usize,
        person: bool,
    ) -> Self {
        Self {
            head_first,
            head_end,
            start,
            end,
            person,
        }
    }
}

/// Determiners and words that open a noun phrase without being part of its head.
pub(crate) fn is_determiner(cx: &Ctx, i: usize) -> bool {
    cx.in_sec(i, sec::DETERMINER)
}

pub(crate) fn is_title(cx: &Ctx, i: usize) -> bool {
    if !cx.is_word(i) {
        return false;
    }
    if cx.in_sec(i, sec::TITLE) {
        return true;
    }
    // Inflected and compound titles, where nouns are capitalised: "des Ministers",
    // "Bahnsprecher".
    if !cx.language.capitalises_nouns() || !cx.upper(i) {
        return false;
    }
    let w = cx.l(i);
    let titles = cx.lex.sec(sec::TITLE);
    let inflected = || {
        cx.lex.sec(sec::TITLE_INFLECTION).words().iter().any(|e| {
            w.strip_suffix(e.as_str())
                .is_some_and(|b| titles.contains(b))
        })
    };
    if titles.contains(w) || inflected() {
        return true;
    }
    let stem = w.strip_suffix('s').unwrap_or(w);
    let suffixes = cx.lex.sec(sec::DESCRIPTOR_SUFFIX);
    let last = |x: &str| x.as_bytes().last().copied().unwrap_or(0);
    if !suffixes.may_end_with_byte(last(w)) && !suffixes.may_end_with_byte(last(stem)) {
        return false;
    }
    cx.lex
        .sec(sec::DESCRIPTOR_SUFFIX)
        .words()
        .iter()
        .any(|suffix| {
            let suffix = suffix.as_str();
            (w.len() > suffix.len() + 2 && w.ends_with(suffix))
                || (stem.len() > suffix.len() + 2 && stem.ends_with(suffix))
        })
}

/// Whether a word may stand in a speaker noun phrase.
pub(crate) fn np_word(cx: &Ctx, i: usize) -> bool {
    cx.is_word(i)
        && (!cx.in_sec(i, sec::SPEECH_VERB) || cx.in_sec(i, sec::UNNAMED_SOURCE))
        && !cx.in_sec(i, sec::NOT_SPEAKER)
}

/// Whether a word is all capitals (an acronym such as `UNHCR`).
pub(crate) fn is_acronym(cx: &Ctx, i: usize) -> bool {
    let t = cx.t(i);
    let upper = t.chars().filter(|c| c.is_uppercase()).count();
    // "UNHCR", "IOM", and mixed forms such as "GdP", "BaFin", "KfW".
    upper >= 2
        && t.chars().count() <= 6
        && t.starts_with(char::is_uppercase)
        && t.chars().all(|c| c.is_alphabetic() || c == '-')
        && (upper * 2 >= t.chars().count() || t.chars().count() <= 4)
}

/// Documents whose named owner is the source: "eine Studie des Ifo-Instituts".
fn owner_of_document(cx: &Ctx, head: (usize, usize), limit: usize) -> Option<NounPhrase> {
    let document = head.1 == head.0 + 1
        && (cx.in_sec(head.0, sec::UNNAMED_SOURCE) || {
            let w = cx.l(head.0);
            cx.lex
                .sec(sec::DOCUMENT_COMPOUND)
                .words()
                .iter()
                .any(|d| w.ends_with(d.as_str()))
        });
    if !document {
        return None;
    }
    // "eine Studie des Ifo-Instituts", "a review of football finances by the consultancy X".
    for k in head.1..(head.1 + 7).min(limit) {
        if cx.is_any_punct(k) || cx.in_sec(k, sec::SPEECH_VERB) {
            break;
        }
        if cx.in_sec(k, sec::OWNER_LINK)
            && let Some(found) = np_forward(cx, k + 1, limit)
            && cx.upper(found.head_first)
        {
            return Some(found);
        }
    }
    None
}

/// Finds the head of a noun phrase starting at `i` (after determiners and adjectives);
/// returns (head first, head end, phrase end, person).
pub(crate) fn np_forward(cx: &Ctx, mut i: usize, limit: usize) -> Option<NounPhrase> {
    let mut possessive = None;
    let start = i;
    while i < limit && (is_determiner(cx, i) || cx.is_punct(i, "„") || cx.is_punct(i, "\"")) {
        if cx.in_sec(i, sec::POSSESSIVE) {
            possessive = Some(i);
        }
        i += 1;
    }
    // A participial attribute before the noun: "einer am Montag veröffentlichten Umfrage".
    i = cx.language.skip_attribute(cx, i, start, limit);
    if i >= limit {
        return None;
    }
    if cx.in_sec(i, sec::PRONOUN) {
        return Some(NounPhrase::new(i, i + 1, start, i + 1, true));
    }
    let found = cx.language.noun_phrase(cx, i, limit)?;
    if let Some(owner) = owner_of_document(cx, (found.head_first, found.head_end), limit) {
        return Some(NounPhrase {
            end: owner.end.max(found.end),
            ..owner
        });
    }
    // "the council's estimates": the owner of an unnamed source.
    if found.head_end == found.head_first + 1
        && cx.in_sec(found.head_first, sec::UNNAMED_SOURCE)
        && found.head_first > i
        && cx.ends_with_any(cx.l(found.head_first - 1), sec::POSSESSIVE_SUFFIX)
    {
        let owner = found.head_first - 1;
        return Some(NounPhrase::new(owner, owner + 1, start, found.end, false));
    }
    // "its estimate": the owner of an unnamed source is the pronoun.
    if let Some(p) = possessive
        && found.head_end == found.head_first + 1
        && cx.in_sec(found.head_first, sec::UNNAMED_SOURCE)
    {
        return Some(NounPhrase::new(p, p + 1, start, found.end, true));
    }
    // "des Staatssekretärs im Arbeitsministerium, Thorben Albrecht,": the apposition names him.
    if !found.person
        && found.head_end == found.head_first + 1
        && is_title(cx, found.head_first)
        && let Some(name) = apposition_name(cx, found.end, limit)
    {
        return Some(NounPhrase::new(name.0, name.1, start, name.1, true));
    }
    Some(found)
}

/// Finds the head of the noun phrase that ends just before token `end` (for `X zufolge`,
/// `X said`); returns (head first, head end, phrase start, person).
pub(crate) fn np_backward(cx: &Ctx, end: usize, floor: usize) -> Option<NounPhrase> {
    let mut start = end;
    while start > floor {
        let k = start - 1;
        if !cx.language.extends_phrase_back(cx, k, floor) {
            break;
        }
        start = k;
        if end - start > 8 {
            break;
        }
    }
    // Where phrases start at their last determiner: "der Moskauer Staatsagentur Tass".
    let mut s = start;
    if cx.language.phrase_starts_at_last_determiner()
        && let Some(d) = (start..end).rev().find(|&k| is_determiner(cx, k))
    {
        s = d;
    }
    let NounPhrase {
        head_first: h0,
        head_end: h1,
        person,
        ..
    } = np_forward(cx, s, end)?;
    Some(NounPhrase::new(h0, h1, start, end, person))
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
    Cue {
        span: cx.span(head.0, head.1),
        head,
        phrase,
        at,
        priority: false,
        person: person || pronoun,
        pronoun,
        unnamed,
    }
}

/// Finds the clause start before token `v`: after a comma, quote, colon, conjunction or the
/// sentence start.
pub(crate) fn clause_start(cx: &Ctx, verb: usize, s: Sentence) -> usize {
    let mut k = verb;
    while k > s.first {
        let p = k - 1;
        let text = cx.t(p);
        // Skip a bracketed acronym or aside: "Die Organisation (IOM) teilte mit".
        if text == ")"
            && let Some(open) = (s.first..p).rev().take(6).find(|&o| cx.is_punct(o, "("))
        {
            k = open;
            continue;
        }
        let spaced_dash = text == "-" && !cx.glued(p) && !cx.glued(p + 1);
        // "The ministry said 41,000 people had registered": the clause of "registered"
        // starts after "said".
        if cx.in_sec(p, sec::SPEECH_VERB) && cx.language.speech_verb_ends_clause() {
            break;
        }
        if matches!(
            text,
            "," | ";" | ":" | "„" | "“" | "”" | "\"" | "«" | "»" | "(" | ")" | "–" | "—"
        ) || spaced_dash
            || cx.in_sec(p, sec::CLAUSE_BREAK)
        {
            break;
        }
        k = p;
    }
    k
}

/// The clause of a speech or counting verb, as the language rules read it.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about one clause"
)]
pub(crate) struct VerbClause {
    /// The verb's token.
    pub verb: usize,
    /// The clause's first token.
    pub start: usize,
    /// The sentence.
    pub sentence: Sentence,
    /// A comma, colon or quotation mark stands right before the verb.
    pub after_break: bool,
    /// Nothing stands between the clause start and the verb.
    pub empty: bool,
    /// The clause is a demonstrative and the verb (`Dies teilte ... mit`).
    pub demonstrative: bool,
    /// The sentence opens with an adverb before the verb (`Deutschlandweit habe ...`).
    pub adverb_first: bool,
}

/// The speaker of a speech or counting verb at token `v`.
fn speaker_of_verb(cx: &Ctx, v: usize, s: Sentence) -> Option<Cue> {
    let prev_is_break =
        v > s.first && matches!(cx.t(v - 1), "," | "„" | "“" | "”" | "\"" | "«" | "»" | ":");
    // Verbs such as "schrieb" are cues only after what was written: ", schrieb die Zeitung".
    if cx.in_sec(v, sec::SPEECH_VERB_INVERTED) && !prev_is_break {
        return None;
    }
    let c = clause_start(cx, v, s);
    let segment_empty = c == v;
    // A figure as the subject ("41 Prozent kündigten an", "Mehr als jeder Zweite sagte") is no source.
    let numeral = |k: usize| {
        cx.is_num(k)
            || cx.in_sec(k, sec::EVERY)
            || cx.in_sec(k, sec::VAGUE)
            || (cx.is_word(k)
                && cx
                    .language
                    .number_word_value(cx, k, s.end)
                    .is_some_and(|x| x > 1.0))
    };
    if !segment_empty {
        let mut k = c;
        while k < v && k < c + 3 && cx.is_word(k) && cx.in_sec(k, sec::STOP) && !numeral(k) {
            k += 1;
        }
        if k < v && numeral(k) {
            return None;
        }
    }
    // "minister Heizo Takenaka who said": the phrase before the relative pronoun.
    if v > s.first + 1 && cx.in_sec(v - 1, sec::RELATIVE_PRONOUN) {
        let mut end = v - 1;
        if cx.is_punct(end - 1, ",") {
            end -= 1;
        }
        let NounPhrase {
            head_first: h0,
            head_end: h1,
            start: ps,
            person,
            ..
        } = np_backward(cx, end, s.first)?;
        return Some(cue(cx, (h0, h1), (ps, v - 1), v, person));
    }
    // Passives name no speaker: "wird auf 3 Mrd. beziffert", "is put at", "than expected".
    if cx.language.is_passive(cx, v, c) {
        // "were published by Network Rail", "wurde vom Statistikamt veröffentlicht": the agent.
        let agent = cx.language.passive_agent(cx, v, c);
        let NounPhrase {
            head_first: h0,
            head_end: h1,
            end: pe,
            person,
            ..
        } = np_forward(cx, agent?, s.end)?;
        if !cx.upper(h0) && !cx.in_sec(h0, sec::UNNAMED_SOURCE) {
            return None;
        }
        return Some(cue(cx, (h0, h1), (h0, pe), v, person));
    }
    let demonstrative = v == c + 1 && cx.in_sec(c, sec::DEMONSTRATIVE);
    let adverb_first = c == s.first && cx.ends_with_any(cx.l(c), sec::ADVERB_ENDING);
    let clause = VerbClause {
        verb: v,
        start: c,
        sentence: s,
        after_break: prev_is_break,
        empty: segment_empty,
        demonstrative,
        adverb_first,
    };
    let inverted = cx.language.is_inverted(cx, &clause);
    // "Edward Leigh, chairman of the committee, said ...", "Der Verein X, ein Netzwerk mit 40
    // Gruppen, erklärte, ...": the subject before an apposition.
    if cx.language.subject_before_apposition(cx, &clause, inverted) {
        return appositive_subject(cx, v, s);
    }
    if inverted {
        let limit = s.end;
        // "Deutschlandweit habe die Polizei 921 Delikte registriert": after the finite verb.
        let after = np_forward(cx, v + 1, limit).or_else(|| {
            let aux = (c..v).find(|&k| cx.in_sec(k, sec::FINITE_AUX))?;
            np_forward(cx, aux + 1, v)
        });
        let NounPhrase {
            head_first: h0,
            head_end: h1,
            end: pe,
            person,
            ..
        } = after?;
        let mut head = (h0, h1);
        let mut person = person;
        // An apposition naming the person: "sagte die Botschafterin bei der Nato, Jane Roe."
        if !person && let Some(name) = apposition_name(cx, pe, limit) {
            head = name;
            person = true;
        }
        return Some(cue(cx, head, (v + 1, pe), v, person));
    }
    // The subject before the verb, skipping auxiliaries ("has said", "hat mitgeteilt").
    let mut end = v;
    while end > c
        && (cx.in_sec(end - 1, sec::STOP) && !cx.in_sec(end - 1, sec::PRONOUN)
            || cx.is_any_punct(end - 1))
    {
        end -= 1;
    }
    if end == c {
        return cx.language.subject_before_aside(cx, &clause);
    }
    // English relative clause: "The OECD, which has 30 members, said".
    let mut c = c;
    if cx.in_sec(c, sec::RELATIVE_PRONOUN) && c > s.first + 1 {
        let before = clause_start(cx, c - 1, s);
        c = before;
        end = before;
        while end < v && !cx.is_punct(end, ",") {
            end += 1;
        }
    }
    cx.language.subject_cue(cx, c, end, v)
}

/// The subject of an English verb after a comma: "Edward Leigh, chairman of the committee,
/// said", "Ostland's foreign minister, Ilsa Marek, said", "Radek Volan, 63, said". Walks back
/// over comma-separated parts and prefers a name to a title.
pub(crate) fn appositive_subject(cx: &Ctx, v: usize, s: Sentence) -> Option<Cue> {
    let mut end = v.saturating_sub(1);
    let mut first_found: Option<Cue> = None;
    for _ in 0..3 {
        if end <= s.first {
            break;
        }
        let c = clause_start(cx, end, s);
        // "The data, released by Eurostat on Monday, showed": the agent of the participle.
        let participle = cx.ends_with_any(cx.l(c), sec::ASIDE_PARTICIPLE_ENDING);
        let start = if participle && cx.in_sec(c + 1, sec::AGENT_MARKER) {
            c + 2
        } else {
            c
        };
        if participle && start == c {
            // A participle phrase names nobody: look further back.
        } else if let Some(NounPhrase {
            head_first: h0,
            head_end: h1,
            person,
            ..
        }) = np_forward(cx, start, end)
        {
            let found = cue(cx, (h0, h1), (c, v), v, person);
            let named = cx.upper(h0) && !cx.in_sec(h0, sec::TITLE);
            if named {
                return Some(found);
            }
            first_found.get_or_insert(found);
        }
        if c <= s.first {
            break;
        }
        end = c - 1;
    }
    first_found
}

/// ", Jane Roe" after a title phrase: the name's tokens.
fn apposition_name(cx: &Ctx, mut i: usize, limit: usize) -> Option<(usize, usize)> {
    while i < limit && !cx.is_punct(i, ",") {
        if cx.is_any_punct(i) && !cx.is_punct(i, "-") {
            return None;
        }
        i += 1;
        if i > limit {
            return None;
        }
    }
    let start = i + 1;
    let mut end = start;
    while end < limit
        && cx.is_word(end)
        && cx.upper(end)
        && !cx.in_sec(end, sec::STOP)
        && !is_title(cx, end)
        && end - start < 3
    {
        end += 1;
    }
    let closes = end >= limit || cx.is_any_punct(end);
    (end - start >= 2 && closes).then_some((start, end))
}

/// A compound whose first part names the source: `US-Angaben` -> `US`, `Polizeiangaben` -> `Polizei`.
fn compound_source(cx: &Ctx, i: usize, with_documents: bool) -> Option<Span> {
    if !cx.language.forms_compound_sources()
        || !cx.is_word(i)
        || !(cx.upper(i) || cx.t(i).contains('-'))
    {
        return None;
    }
    let lower = cx.l(i);
    // Most nouns end in a letter no listed ending ends in: refuse them in one step.
    let last = lower.as_bytes().last().copied().unwrap_or(0);
    let may_end = cx.lex.sec(sec::SOURCE_COMPOUND).may_end_with_byte(last)
        || with_documents && cx.lex.sec(sec::DOCUMENT_COMPOUND).may_end_with_byte(last);
    if !may_end || lower.len() < 8 {
        return None;
    }
    let tok = cx.tok(i)?;
    let documents: &[String] = if with_documents {
        cx.lex.sec(sec::DOCUMENT_COMPOUND).words()
    } else {
        &[]
    };
    for suffix in cx
        .lex
        .sec(sec::SOURCE_COMPOUND)
        .words()
        .iter()
        .chain(documents)
    {
        if lower.len() > suffix.len() + 1 && lower.ends_with(suffix) {
            let mut stem_end = tok.end - suffix.len();
            let stem = &cx.text[tok.start..stem_end];
            let stem = stem.strip_suffix('-').unwrap_or(stem);
            stem_end = tok.start + stem.len();
            // Linking "s": "Regierungsangaben" -> "Regierung".
            if cx.ends_with_any(stem, sec::LINKING_S_STEM) {
                stem_end -= 1;
            }
            if stem_end > tok.start {
                return Some(Span::new(tok.start, stem_end));
            }
        }
    }
    None
}

/// Whether a cue can start at word `i` (a cheap test on the token's lexicon flags).
fn may_cue(cx: &Ctx, i: usize) -> bool {
    cx.starts_sec(i, sec::CUE_OVERRIDE)
        || cx.starts_sec(i, sec::CUE_BEFORE)
        || cx.in_sec(i, sec::CUE_AFTER)
        || cx.in_sec(i, sec::UNNAMED_SOURCE)
        || cx.in_sec(i, sec::SPEECH_VERB)
        || cx.in_sec(i, sec::SPEECH_VERB_INVERTED)
        || cx.in_sec(i, sec::CUE_START)
        || (cx.language.forms_compound_sources() && (cx.upper(i) || cx.t(i).contains('-')))
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
            if let Some(span) = (e < s.end).then(|| compound_source(cx, e, true)).flatten() {
                cues.push(span_cue(cx, e, span));
                i = e + 1;
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
            }
            i = e;
            continue;
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
                let w = cx.l(k);
                cx.lex
                    .sec(sec::SOURCE_FROM_VERB)
                    .words()
                    .iter()
                    .any(|v| w.starts_with(v.as_str()))
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
            if let Some(NounPhrase {
                head_first: h0,
                head_end: h1,
                start: ps,
                person,
                ..
            }) = np_backward(cx, i, s.first)
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
        // "US-Angaben" anywhere.
        if let Some(span) = compound_source(cx, i, false) {
            cues.push(span_cue(cx, i, span));
            i += 1;
            continue;
        }
        // "hieß es aus X": X; "hieß es" alone names nobody.
        if cx.in_sec(i, sec::IMPERSONAL_CUE) && cx.in_sec(i + 1, sec::IMPERSONAL_SUBJECT) {
            // "Aus dem Kreml hieß es, ...".
            let c = clause_start(cx, i, s);
            if c < i
                && cx.in_sec(c, sec::IMPERSONAL_SOURCE_LINK)
                && let Some(NounPhrase {
                    head_first: h0,
                    head_end: h1,
                    person,
                    ..
                }) = np_forward(cx, c + 1, i)
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
        // "wie X mitteilte": handled by the verb (its clause starts after "wie").
        if (cx.in_sec(i, sec::SPEECH_VERB) || cx.in_sec(i, sec::SPEECH_VERB_INVERTED))
            && verb_applies(cx, i, s)
            && let Some(c) = speaker_of_verb(cx, i, s)
        {
            cues.push(c);
        }
        i += 1;
    }
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
        np_forward(cx, s.first, cue_start)?
    };
    Some(cue(cx, (h0, h1), (h0, pe), cue_start, person))
}

/// Whether a speech verb at `i` is used as one: particles present, "so" after a comma.
fn verb_applies(cx: &Ctx, i: usize, s: Sentence) -> bool {
    let w = cx.l(i);
    // "ist mit einer Entlastung zu rechnen", "is expected to": an infinitive states nobody's
    // figure; "cases of reported fraud": after a preposition it is an adjective.
    if i > s.first && cx.in_sec(i - 1, sec::VERB_NOT_AFTER) {
        return false;
    }
    if cx.in_sec(i, sec::COMMA_CUE) {
        return i > s.first
            && matches!(cx.t(i - 1), "," | "“" | "”" | "\"" | "«" | "»")
            && (is_determiner(cx, i + 1) || cx.upper(i + 1));
    }
    if let Some(particle) = cx.lex.sec(sec::SPEECH_PARTICLE).get(w) {
        let mut k = i + 1;
        while k < s.end {
            if cx.l(k) == particle {
                return true;
            }
            if matches!(cx.t(k), ";") {
                break;
            }
            k += 1;
        }
        return false;
    }
    // "a previous estimate of", "growth forecasts slipping": a noun, not a verb.
    if cx.language.cue_word_is_noun(cx, i, s) {
        return false;
    }
    // "added" states only as "he added that ...", "..., he added." ("employers added 175,000
    // jobs" is an action).
    if cx.in_sec(i, sec::CUE_NEEDS_BREAK) {
        let next = i + 1;
        let before_break = i > s.first && matches!(cx.t(i - 1), "," | "\"" | "“" | "”" | "«" | "»");
        return before_break
            || next >= s.end
            || cx.is_any_punct(next)
            || cx.in_sec(next, sec::COMPLEMENTIZER);
    }
    // "put" only as "put the figure at".
    if let Some(preposition) = cx.lex.sec(sec::CUE_WITH_PREPOSITION).get(w) {
        return (i + 1..s.end.min(i + 8)).any(|k| cx.l(k) == preposition);
    }
    true
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

/// Whether a sentence continues the reported speech of the one before (German subjunctive,
/// `demnach`).
#[must_use]
pub fn continues_speech(cx: &Ctx, s: Sentence) -> bool {
    cx.language.continues_reported_speech(cx, s)
}

/// Whether a sentence points back to the one before: "Dies teilte die Polizei mit."
#[must_use]
pub fn points_back(cx: &Ctx, s: Sentence) -> bool {
    cx.in_sec(s.first, sec::POINTS_BACK)
        && (cx.in_sec(s.first + 1, sec::SPEECH_VERB)
            || cx.in_sec(s.first + 1, sec::PAST_AUX) && cx.in_sec(s.first + 2, sec::SPEECH_VERB))
        || refers_to_figures(cx, s)
}

/// Names of people introduced with a title anywhere in a sentence: "Bahnsprecher Tobias Lange".
#[must_use]
pub fn people_in(cx: &Ctx, s: Sentence) -> Vec<String> {
    let mut out = Vec::new();
    for t in s.first..s.end {
        // A title and then two capitalised words: test the cheap part first.
        let named = cx.upper(t + 1) && cx.upper(t + 2) && cx.is_word(t + 1) && cx.is_word(t + 2);
        if !named || !cx.is_word(t) || !is_title(cx, t) {
            continue;
        }
        let mut end = t + 1;
        while end < s.end
            && end < t + 4
            && cx.is_word(end)
            && cx.upper(end)
            && !is_title(cx, end)
            && !cx.in_sec(end, sec::STOP)
        {
            end += 1;
        }
        if end - t >= 3 {
            out.push(cx.span(t + 1, end).slice(cx.text).to_string());
        }
    }
    out
}

/// Whether a sentence says `demnach`, which carries a source from a little further back.
#[must_use]
pub fn says_demnach(cx: &Ctx, s: Sentence) -> bool {
    (s.first..s.end).any(|k| cx.in_sec(k, sec::CARRY))
}

/// "The figures were published by Network Rail." / "Die Zahlen wurden vom Amt veröffentlicht."
fn refers_to_figures(cx: &Ctx, s: Sentence) -> bool {
    let mut k = s.first;
    if cx.in_sec(k, sec::DETERMINER) {
        k += 1;
    }
    cx.in_sec(k, sec::UNNAMED_SOURCE)
        && cx.in_sec(k + 1, sec::FIGURES_VERB)
        && (k + 2..s.end.min(k + 6))
            .any(|j| cx.in_sec(j, sec::SPEECH_VERB) || cx.in_sec(j, sec::FIGURES_FROM))
}
