//! The speaker's noun phrase: its head words (the source span), determiners, titles,
//! acronyms, the owner of a document (`eine Studie des Ifo-Instituts`), appositions that name a
//! person, and compounds that name their source (`US-Angaben`). The language-specific parts of
//! a phrase are [`crate::extract::lang::Language::noun_phrase`] and its neighbours.

use crate::extract::ctx::Ctx;
use crate::extract::lexicon::sec;
use crate::model::Span;

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

/// The head words of a speaker's phrase: the words that become the source span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Head {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// The head is a person (a name after a title).
    pub person: bool,
}

impl Head {
    /// The head of tokens `first..end`.
    pub(crate) fn new(first: usize, end: usize, person: bool) -> Self {
        Self { first, end, person }
    }
}

/// Determiners and words that open a noun phrase without being part of its head.
pub(crate) fn is_determiner(cx: &Ctx, i: usize) -> bool {
    cx.in_sec(i, sec::DETERMINER)
}

/// Whether token `i` is a title (`Ministerin`, `des Ministers`, `Bahnsprecher`), remembered
/// per article: noun phrases ask about the same tokens again and again.
pub(crate) fn is_title(cx: &Ctx, i: usize) -> bool {
    if !cx.is_word(i) {
        return false;
    }
    if cx.in_sec(i, sec::TITLE) {
        return true;
    }
    let Ok(mut memo) = cx.titles.try_borrow_mut() else {
        return title_word(cx, i);
    };
    if memo.len() != cx.toks.len() {
        *memo = vec![0; cx.toks.len()];
    }
    match memo.get(i) {
        Some(1) => false,
        Some(2) => true,
        _ => {
            let title = title_word(cx, i);
            if let Some(slot) = memo.get_mut(i) {
                *slot = if title { 2 } else { 1 };
            }
            title
        }
    }
}

/// Whether a word that is not a title as written is an inflected or compound one.
fn title_word(cx: &Ctx, i: usize) -> bool {
    // Inflected and compound titles, where nouns are capitalised: "des Ministers",
    // "Bahnsprecher".
    if !cx.language.capitalises_nouns() || !cx.upper(i) {
        return false;
    }
    let w = cx.lower_at(i);
    let titles = cx.lex.sec(sec::TITLE);
    let inflected = || {
        cx.lex
            .sec(sec::TITLE_INFLECTION)
            .suffixes_of(w)
            .any(|e| titles.contains(&w[..w.len() - e.len()]))
    };
    // (A title as written is known by its flag before this is asked.)
    if inflected() {
        return true;
    }
    let stem = w.strip_suffix('s').unwrap_or(w);
    let suffixes = cx.lex.sec(sec::DESCRIPTOR_SUFFIX);
    let last = |x: &str| x.as_bytes().last().copied().unwrap_or(0);
    if !suffixes.may_end_with_byte(last(w)) && !suffixes.may_end_with_byte(last(stem)) {
        return false;
    }
    suffixes
        .suffixes_of(w)
        .any(|suffix| w.len() > suffix.len() + 2)
        || suffixes
            .suffixes_of(stem)
            .any(|suffix| stem.len() > suffix.len() + 2)
}

/// Whether a word may stand in a speaker noun phrase.
pub(crate) fn np_word(cx: &Ctx, i: usize) -> bool {
    cx.is_word(i)
        && (!cx.in_sec(i, sec::SPEECH_VERB) || cx.in_sec(i, sec::UNNAMED_SOURCE))
        && !cx.in_sec(i, sec::NOT_SPEAKER)
}

/// Whether a word is all capitals (an acronym such as `UNHCR`).
pub(crate) fn is_acronym(cx: &Ctx, i: usize) -> bool {
    let t = cx.text_at(i);
    let upper = t.chars().filter(|c| c.is_uppercase()).count();
    // "UNHCR", "IOM", and mixed forms such as "GdP", "BaFin", "KfW".
    upper >= 2
        && t.chars().count() <= 6
        && t.starts_with(char::is_uppercase)
        && t.chars().all(|c| c.is_alphabetic() || c == '-')
        && (upper * 2 >= t.chars().count() || t.chars().count() <= 4)
}

/// Whether a word is a finite auxiliary or copula (`hat`, `würden`, `waren`, `is`).
pub(crate) fn is_finite_verb(cx: &Ctx, k: usize) -> bool {
    cx.in_sec(k, sec::FINITE_AUX)
        || cx.in_sec(k, sec::PASSIVE_AUX)
        || cx.in_sec(k, sec::SUBJUNCTIVE)
        || cx.in_sec(k, sec::COPULA)
}

/// Documents whose named owner is the source: "eine Studie des Ifo-Instituts".
pub(crate) fn owner_of_document(
    cx: &Ctx,
    head: (usize, usize),
    limit: usize,
) -> Option<NounPhrase> {
    let document = head.1 == head.0 + 1
        && (cx.in_sec(head.0, sec::UNNAMED_SOURCE) || {
            let w = cx.lower_at(head.0);
            cx.lex.sec(sec::DOCUMENT_COMPOUND).ends_any(w)
        });
    if !document {
        return None;
    }
    // "eine Studie des Ifo-Instituts", "a review of football finances by the consultancy X".
    for k in head.1..(head.1 + 7).min(limit) {
        // The owner follows the noun in its own clause: not past a finite verb
        // ("laut dieser Studie würden viele ... von einem Studium").
        // "Figures published by the statistics agency": a participle before its agent
        // belongs to the noun.
        let participle = cx.in_sec(k, sec::SPEECH_VERB) && cx.in_sec(k + 1, sec::AGENT_MARKER);
        if cx.is_any_punct(k)
            || cx.in_sec(k, sec::SPEECH_VERB) && !participle
            || is_finite_verb(cx, k)
        {
            break;
        }
        // Right after the noun, or after its participle: "figures published by the agency".
        let adjacent = (head.1..k).all(|j| cx.in_sec(j, sec::SPEECH_VERB));
        if cx.in_sec(k, sec::OWNER_LINK)
            && let Some(found) = np_forward(cx, k + 1, limit)
            && (cx.upper(found.head_first)
                || adjacent && cx.in_sec(found.head_end - 1, sec::ORG_NOUN))
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
    // "die Zeitung „The Nation“": a descriptor and a quoted name give the name.
    if found.head_end == found.head_first + 1
        && cx.ends_with_any(cx.lower_at(found.head_first), sec::DESCRIPTOR_SUFFIX)
        && matches!(cx.text_at(found.head_end), "„" | "“" | "\"" | "»")
        && let Some(close) = (found.head_end + 2..(found.head_end + 7).min(limit))
            .find(|&k| matches!(cx.text_at(k), "“" | "”" | "\"" | "«"))
        && (found.head_end + 1..close).all(|k| cx.is_word(k))
        && cx.upper(found.head_end + 1)
    {
        return Some(NounPhrase::new(
            found.head_end + 1,
            close,
            start,
            close + 1,
            false,
        ));
    }
    if let Some(owner) = owner_of_document(cx, (found.head_first, found.head_end), limit) {
        return Some(NounPhrase {
            end: owner.end.max(found.end),
            ..owner
        });
    }
    // "the council's estimates", "Ofgem's own figures": the owner of an unnamed source.
    if found.head_end == found.head_first + 1
        && cx.in_sec(found.head_first, sec::UNNAMED_SOURCE)
        && let Some(owner) = (i..found.head_first)
            .rev()
            .take(2)
            .find(|&k| cx.ends_with_any(cx.lower_at(k), sec::POSSESSIVE_SUFFIX))
        && !owner_names_nobody(cx, owner)
        && (owner + 1..found.head_first)
            .all(|k| cx.in_sec(k, sec::OWN_WORD) || cx.in_sec(k, sec::ADJECTIVE_NOT_OWNER))
    {
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

/// Whether a noun phrase's head names a body or group that can state something: an acronym,
/// an organisation noun, or a noun that ends like one (`Gesundheitsministerium`, `Verband`).
pub(crate) fn names_body(cx: &Ctx, h0: usize, h1: usize) -> bool {
    let head = cx.lower_at(h1 - 1);
    is_acronym(cx, h0)
        || (h0..h1).any(|k| cx.in_sec(k, sec::ORG_NOUN))
        || cx.ends_with_any(head, sec::ACTOR_SUFFIX)
        || cx.ends_with_any(head, sec::DESCRIPTOR_SUFFIX)
}

/// Whether a possessive owns nothing that speaks: "Monday's figures", "last year's report".
pub(crate) fn owner_names_nobody(cx: &Ctx, k: usize) -> bool {
    let w = cx.lower_at(k);
    let bare = cx
        .lex
        .sec(sec::POSSESSIVE_SUFFIX)
        .suffixes_of(w)
        .next()
        .map_or(w, |e| &w[..w.len() - e.len()]);
    cx.lex.sec(sec::NOT_SPEAKER).contains(bare)
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

/// ", Jane Roe" after a title phrase: the name's tokens.
pub(crate) fn apposition_name(cx: &Ctx, mut i: usize, limit: usize) -> Option<(usize, usize)> {
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
#[inline]
pub(crate) fn compound_source(cx: &Ctx, i: usize, with_documents: bool) -> Option<Span> {
    // The cheap refusals here, where the call is inlined (a compound of eight bytes or
    // more, capitalised or hyphenated); the search apart.
    let long_word = cx
        .tok(i)
        .is_some_and(|t| t.is_word() && t.end - t.start >= 8);
    if !long_word || !(cx.upper(i) || cx.has_hyphen(i)) || !cx.language.forms_compound_sources() {
        return None;
    }
    compound_source_of_word(cx, i, with_documents)
}

fn compound_source_of_word(cx: &Ctx, i: usize, with_documents: bool) -> Option<Span> {
    let lower = cx.lower_at(i);
    // Most nouns end in a letter no listed ending ends in: refuse them in one step.
    let last = lower.as_bytes().last().copied().unwrap_or(0);
    let may_end = cx.lex.sec(sec::SOURCE_COMPOUND).may_end_with_byte(last)
        || with_documents && cx.lex.sec(sec::DOCUMENT_COMPOUND).may_end_with_byte(last);
    if !may_end || lower.len() < 8 {
        return None;
    }
    let tok = cx.tok(i)?;
    let documents = cx
        .lex
        .sec(sec::DOCUMENT_COMPOUND)
        .suffixes_of(lower)
        .filter(|_| with_documents);
    for suffix in cx
        .lex
        .sec(sec::SOURCE_COMPOUND)
        .suffixes_of(lower)
        .chain(documents)
    {
        if lower.len() > suffix.len() + 1 {
            let mut stem_end = tok.end - suffix.len();
            let stem = &cx.text[tok.start..stem_end];
            let stem = stem.strip_suffix('-').unwrap_or(stem);
            stem_end = tok.start + stem.len();
            // Linking "s": "Regierungsangaben" -> "Regierung".
            if cx.ends_with_any(stem, sec::LINKING_S_STEM) {
                stem_end -= 1;
            }
            // "Auszählung" is no count by "Aus": the stem must be able to name someone.
            let stem_lower = cx.lower.get(tok.start..stem_end).unwrap_or("");
            let names_nobody = cx.lex.sec(sec::STOP).contains(stem_lower)
                || cx.lex.sec(sec::NOT_SPEAKER).contains(stem_lower);
            if stem_end > tok.start && !names_nobody {
                return Some(Span::new(tok.start, stem_end));
            }
        }
    }
    None
}
