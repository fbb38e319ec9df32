//! The speaker of a speech or counting verb (`sagte die Polizei`, `the ministry said`): the
//! verb's clause, passives and their agents, inverted and appositive subjects, and whether a
//! speech verb is used as one at all.

use super::Cue;
use super::cue;
use super::phrase::{
    NounPhrase, apposition_name, is_determiner, names_body, np_backward, np_forward,
};
use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::lexicon::sec;
use crate::extract::numbers::not_quantity::is_year_like;

/// Finds the clause start before token `v`: after a comma, quote, colon, conjunction or the
/// sentence start.
pub(crate) fn clause_start(cx: &Ctx, verb: usize, s: Sentence) -> usize {
    let mut k = verb;
    while k > s.first {
        let p = k - 1;
        let text = cx.text_at(p);
        // Skip a bracketed acronym or aside: "Die Organisation (IOM) teilte mit".
        if text == ")"
            && let Some(open) = (s.first..p).rev().take(6).find(|&o| cx.is_punct(o, "("))
        {
            k = open;
            continue;
        }
        // A name in quotation marks before the verb: "Die Zeitung „Der Bote“ berichtete".
        if let Some(open) = quoted_name_ending(cx, p, s) {
            k = open;
            continue;
        }
        let spaced_dash = is_spaced_dash(cx, p);
        // "The ministry said 41,000 people had registered": the clause of "registered"
        // starts after "said".
        if cx.in_sec(p, sec::SPEECH_VERB)
            && cx.language.speech_verb_ends_clause()
            && !cx.language.cue_word_is_noun(cx, p, s)
        {
            break;
        }
        // A clock time is no break: "Um 15:36 Uhr meldete ...".
        let clock = text == ":" && p > s.first && cx.is_num(p - 1) && cx.is_num(k);
        if matches!(
            text,
            "," | ";" | ":" | "„" | "“" | "”" | "\"" | "«" | "»" | "(" | ")" | "–" | "—"
        ) && !clock
            || spaced_dash
            || single_quote_mark(cx, p)
            || cx.in_sec(p, sec::CLAUSE_BREAK)
        {
            break;
        }
        k = p;
    }
    k
}

/// Whether token `k` is a single quotation mark (British `‘…’`, `'…'`), not an apostrophe
/// that ends a word ("the workers' union"), nor a doubled mark around a name (`''Koalition''`).
pub(crate) fn single_quote_mark(cx: &Ctx, k: usize) -> bool {
    let mark = cx.text_at(k);
    matches!(mark, "‘" | "’" | "'")
        && cx.is_any_punct(k)
        && (k == 0 || !cx.glued(k) || cx.is_any_punct(k - 1))
        && (k == 0 || cx.text_at(k - 1) != mark)
        && cx.text_at(k + 1) != mark
}

/// Whether token `k` is a dash with space on both sides ("Köln - Die Polizei ...").
pub(crate) fn is_spaced_dash(cx: &Ctx, k: usize) -> bool {
    matches!(cx.text_at(k), "-" | "–" | "—") && !cx.glued(k) && !cx.glued(k + 1)
}

/// Whether token `k` is a preposition of the lexicon's preposition sections: a phrase after
/// it is no subject.
fn is_preposition(cx: &Ctx, k: usize) -> bool {
    cx.in_sec(k, sec::ATTRIBUTE_PREPOSITION)
        || cx.in_sec(k, sec::PHRASE_ATTACHMENT)
        || cx.in_sec(k, sec::TIME_PREPOSITION)
}

/// The opening mark of a quoted name whose closing mark is token `close`, after the noun it
/// names: "Die Zeitung „Der Bote“".
fn quoted_name_ending(cx: &Ctx, close: usize, s: Sentence) -> Option<usize> {
    if !matches!(cx.text_at(close), "“" | "”" | "\"") || !cx.is_any_punct(close) {
        return None;
    }
    let open = (s.first..close)
        .rev()
        .take(6)
        .find(|&o| cx.is_punct(o, "„") || cx.is_punct(o, "“") || cx.is_punct(o, "\""))?;
    // After the noun it names ("Die Zeitung „Der Bote“") or its article ("von der „Aktion
    // Deutschland hilft“").
    (open > s.first
        && cx.is_word(open - 1)
        && (cx.upper(open - 1) || is_determiner(cx, open - 1))
        && (open + 1..close).all(|k| cx.is_word(k)))
    .then_some(open)
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

/// The body an impersonal `man` speaks in, named in its clause after `im`, `bei` or `aus`
/// ("Bei der Polizei geht man von 20 Toten aus", "bezifferte man die Kosten im
/// Finanzministerium"): an organisation or a body, not a place or a time.
fn impersonal_body(cx: &Ctx, v: usize, s: Sentence) -> Option<Cue> {
    let c = clause_start(cx, v, s);
    let end = (v + 1..s.end)
        .find(|&k| cx.is_any_punct(k) && !cx.is_punct(k, "-"))
        .unwrap_or(s.end);
    (c..end).find_map(|k| {
        if !cx.in_sec(k, sec::IMPERSONAL_SOURCE_LINK) {
            return None;
        }
        let np = np_forward(cx, k + 1, end)?;
        names_body(cx, np.head_first, np.head_end)
            .then(|| cue(cx, (np.head_first, np.head_end), (k, np.end), v, np.person))
    })
}

/// The speaker of a speech or counting verb at token `v`.
pub(crate) fn speaker_of_verb(cx: &Ctx, v: usize, s: Sentence) -> Option<Cue> {
    // "wie es auf der Pressekonferenz hieß": an impersonal verb has no speaker of its own.
    if cx.in_sec(v, sec::IMPERSONAL_CUE) {
        return None;
    }
    // "Im Ministerium rechnet man mit 300 Anträgen": an impersonal subject, and the body it
    // speaks in.
    if cx.in_sec(v + 1, sec::IMPERSONAL_PRONOUN)
        || v > s.first && cx.in_sec(v - 1, sec::IMPERSONAL_PRONOUN)
    {
        return impersonal_body(cx, v, s);
    }
    let prev_is_break = v > s.first
        && (matches!(
            cx.text_at(v - 1),
            "," | "„" | "“" | "”" | "\"" | "«" | "»" | ":"
        ) || single_quote_mark(cx, v - 1))
        && quoted_name_ending(cx, v - 1, s).is_none();
    // Verbs such as "schrieb" are cues only after what was written (", schrieb die Zeitung")
    // or before it ("Die Zeitung schreibt: ...", "schreibt, dass ...").
    let next_is_break =
        matches!(cx.text_at(v + 1), ":" | ",") || cx.in_sec(v + 1, sec::COMPLEMENTIZER);
    if cx.in_sec(v, sec::SPEECH_VERB_INVERTED) && !prev_is_break && !next_is_break {
        return None;
    }
    let mut c = clause_start(cx, v, s);
    // "Auch der Flugverkehr verzeichnete ...": the particle belongs to the subject after it.
    if c + 2 < v && cx.in_sec(c, sec::FOCUS_PARTICLE) && is_determiner(cx, c + 1) {
        c += 1;
    }
    // "Während die Zeitung von 100.000 Demonstranten sprach, ...": a conjunction opens a
    // clause that the verb ends; its subject follows the conjunction.
    if c + 2 < v
        && cx.in_sec(c, sec::CLAUSE_BOUNDARY)
        && is_determiner(cx, c + 1)
        && (v + 1 >= s.end || cx.is_any_punct(v + 1))
    {
        c += 1;
    }
    let segment_empty = c == v;
    // A figure as the subject ("41 Prozent kündigten an", "Mehr als jeder Zweite sagte") is no source.
    // A year opening the sentence ("2008 erklärte er") is no figure.
    let numeral = |k: usize| {
        cx.is_num(k) && !is_year_like(cx.text_at(k))
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
        // "Um 15 Uhr meldete die Agentur": after a preposition the figure is no subject.
        let preposition = (c..k).any(|j| cx.in_sec(j, sec::TIME_PREPOSITION));
        // "Two officials said", "two people familiar with the talks told Reuters": people
        // counted as the speakers.
        let counted_speakers = cx.in_sec(k + 1, sec::UNNAMED_PERSON);
        if k < v && numeral(k) && !preposition && !counted_speakers {
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
        // "Denis Pushilin was quoted as saying": the subject speaks.
        if cx.starts_sec(v + 1, sec::QUOTED_WITH)
            && cx
                .match_at(v + 1, s.end, cx.lex.sec(sec::QUOTED_WITH))
                .is_some()
        {
            let mut aux = v;
            while aux > c && !cx.in_sec(aux, sec::PASSIVE_AUX) {
                aux -= 1;
            }
            return (aux > c)
                .then(|| cx.language.subject_cue(cx, c, aux, v))
                .flatten();
        }
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
    // "Man habe ... festgestellt": an impersonal subject names nobody.
    if v == c + 1 && cx.in_sec(c, sec::IMPERSONAL_PRONOUN)
        || v == c + 2 && cx.in_sec(c, sec::IMPERSONAL_PRONOUN) && cx.in_sec(c + 1, sec::FINITE_AUX)
    {
        return None;
    }
    let demonstrative = v == c + 1 && cx.in_sec(c, sec::DEMONSTRATIVE);
    let adverb_first = c == s.first && cx.ends_with_any(cx.lower_at(c), sec::ADVERB_ENDING);
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
    if cx.language.subject_before_apposition(cx, &clause, inverted)
        && let Some(found) = appositive_subject(cx, v, s)
    {
        return Some(found);
    }
    if inverted {
        let limit = s.end;
        // "Deutschlandweit habe die Polizei 921 Delikte registriert": after the finite verb.
        // Adverbs may stand between: "meldeten dann die Nachrichten der Tagesschau".
        let mut first = v + 1;
        while first < v + 3
            && cx.is_word(first)
            && !cx.upper(first)
            && !is_determiner(cx, first)
            && !cx.in_sec(first, sec::ATTRIBUTE_PREPOSITION)
            && !cx.in_sec(first, sec::PHRASE_ATTACHMENT)
            && !cx.in_sec(first, sec::PRONOUN)
            && !cx.in_sec(first, sec::SUBJECT_PRONOUN)
        {
            first += 1;
        }
        // Only past words that name nobody: "says report" has its subject right after.
        if first > v + 1 && np_forward(cx, v + 1, limit).is_some() {
            first = v + 1;
        }
        // "berichten von zwei Explosionen": a phrase after a preposition is no subject.
        let after = (!is_preposition(cx, first))
            .then(|| np_forward(cx, first, limit))
            .flatten()
            .or_else(|| {
                let aux = (c..v).find(|&k| cx.in_sec(k, sec::FINITE_AUX))?;
                np_forward(cx, aux + 1, v)
            });
        // "Der Bürgermeister, Bob Parker, teilte am Abend mit": nothing after the verb names
        // anyone, so the phrase before the comma.
        let Some(NounPhrase {
            head_first: h0,
            head_end: h1,
            end: pe,
            person,
            ..
        }) = after.filter(|_| !cx.in_sec(first, sec::OBJECT_ARTICLE))
        else {
            let commas = (s.first..v).filter(|&k| cx.is_punct(k, ",")).count();
            if segment_empty {
                return (commas == 2 && cx.is_punct(v - 1, ","))
                    .then(|| appositive_subject(cx, v, s))
                    .flatten();
            }
            // "Auch Rettungskräfte berichten von ...", "Andere Quellen berichten von ...": a
            // particle or adjective first, then the subject before the verb.
            let mut k = c;
            while k < v && cx.is_word(k) && cx.in_sec(k, sec::STOP) && !is_determiner(cx, k) {
                k += 1;
            }
            // Not past a preposition: "Im Laufe des Verfahrens sagten ... aus".
            let preposition = (c..k).any(|j| is_preposition(cx, j));
            return (k > c && k < v && cx.upper(k) && !preposition)
                .then(|| cx.language.subject_cue(cx, k, v, v))
                .flatten();
        };
        let mut head = (h0, h1);
        let mut person = person;
        // An apposition naming the person: "sagte die Botschafterin bei der Nato, Jane Roe."
        if !person && let Some(name) = apposition_name(cx, pe, limit) {
            head = name;
            person = true;
        }
        // "bezifferte Vorstandschef Thomas Enders mit 22,5 Millionen": the figure after the
        // name is the verb's, not part of the speaker's phrase.
        let end = if cx.in_sec(head.1, sec::ATTRIBUTE_PREPOSITION)
            && (head.1 + 1..(head.1 + 4).min(s.end)).any(|k| cx.is_num(k))
        {
            head.1
        } else {
            pe
        };
        return Some(cue(cx, head, (first, end), v, person));
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
    if cx.in_sec(c, sec::RELATIVE_PRONOUN) && c > s.first + 1 {
        let before = clause_start(cx, c - 1, s);
        c = before;
        end = before;
        while end < v && !cx.is_punct(end, ",") {
            end += 1;
        }
    }
    // "Während die Zeitung von 100.000 Demonstranten sprach": the verb's own preposition
    // ends the subject's phrase; the figure after it is what was said.
    if let Some(particles) = cx.lex.sec(sec::SPEECH_PARTICLE).get(cx.lower_at(v))
        && let Some(k) = (c + 1..end).find(|&k| {
            cx.in_sec(k, sec::PREPOSITION_PARTICLE) && is_one_of(particles, cx.lower_at(k))
        })
    {
        end = k;
    }
    // "Wie Steve Marshall, Sprecher der Büros, in Bangkok mitteilte": no subject in the
    // clause, so the phrase before the asides.
    cx.language.subject_cue(cx, c, end, v).or_else(|| {
        (c > s.first && cx.is_punct(c - 1, ",") && !(c..v).any(|k| cx.is_num(k)))
            .then(|| appositive_subject(cx, v, s))
            .flatten()
    })
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
        let participle = cx.ends_with_any(cx.lower_at(c), sec::ASIDE_PARTICIPLE_ENDING);
        // "carried out by Ipsos": a particle may stand before the agent.
        let start = (c + 1..(c + 3).min(end))
            .find(|&k| cx.in_sec(k, sec::AGENT_MARKER))
            .filter(|_| participle)
            .map_or(c, |k| k + 1);
        if participle && start == c {
            // A participle phrase names nobody: look further back.
        } else if let Some(NounPhrase {
            head_first: h0,
            head_end: h1,
            person,
            ..
        }) = np_forward(cx, start, end)
        {
            // "The survey of 2,000 adults, carried out by Ipsos, found": the noun the
            // participle describes belongs to the speaker's phrase.
            let phrase_start = if start > c && c > s.first + 1 {
                clause_start(cx, c - 1, s)
            } else {
                c
            };
            let found = cue(cx, (h0, h1), (phrase_start, v), v, person);
            // "ein Netzwerk mit 40 Gruppen", "der Milliardär hinter der Firma": a phrase with an
            // article after the first describes the name before it.
            let named = cx.upper(h0)
                && !cx.in_sec(h0, sec::TITLE)
                && !(c > s.first && is_determiner(cx, start));
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

/// Whether `word` is one of the `|`-separated `alternatives` (a short byte loop: this is
/// asked of every word after a verb with particles).
fn is_one_of(alternatives: &str, word: &str) -> bool {
    alternatives
        .as_bytes()
        .split(|&b| b == b'|')
        .any(|p| p == word.as_bytes())
}

/// Whether a speech verb at `i` is used as one: particles present, "so" after a comma.
pub(crate) fn verb_applies(cx: &Ctx, i: usize, s: Sentence) -> bool {
    let w = cx.lower_at(i);
    // "ist mit einer Entlastung zu rechnen", "is expected to": an infinitive states nobody's
    // figure; "cases of reported fraud": after a preposition it is an adjective.
    if i > s.first && cx.in_sec(i - 1, sec::VERB_NOT_AFTER) {
        return false;
    }
    // "einer bestätigten Höchstgeschwindigkeit", "die veröffentlichten Zahlen": after an
    // article a participle is an adjective.
    // Not a demonstrative or relative pronoun: "Das schätzt der Verband", ", die sagte".
    if i > s.first + 1
        && is_determiner(cx, i - 1)
        && !cx.in_sec(i - 1, sec::PRONOUN)
        && !cx.is_any_punct(i - 2)
    {
        return false;
    }
    // "in einem am Mittwoch veröffentlichten Interview": an article, a phrase with a
    // preposition, then the participle before its noun.
    if cx.is_word(i + 1)
        && cx.upper(i + 1)
        && let Some(d) = (i.saturating_sub(5).max(s.first)..i)
            .rev()
            .find(|&k| is_determiner(cx, k))
        && d + 1 < i
        && is_preposition(cx, d + 1)
        && (d + 1..i).all(|k| cx.is_word(k))
    {
        return false;
    }
    // "ergibt sich aus": reflexive, no statement.
    if cx.in_sec(i, sec::CUE_NOT_REFLEXIVE) && cx.in_sec(i + 1, sec::REFLEXIVE) {
        return false;
    }
    if cx.in_sec(i, sec::COMMA_CUE) {
        return i > s.first
            && matches!(cx.text_at(i - 1), "," | "“" | "”" | "\"" | "«" | "»")
            && (is_determiner(cx, i + 1) || cx.upper(i + 1));
    }
    // "gab ... bekannt", "gab ... an": the particles a verb may take, separated by `|`.
    if let Some(particles) = cx.lex.sec(sec::SPEECH_PARTICLE).get(w) {
        // Verb last in a subordinate clause: "wie Adidas am Morgen bekannt gab".
        if i > s.first && is_one_of(particles, cx.lower_at(i - 1)) {
            return true;
        }
        // "Während die Zeitung von 100.000 Demonstranten sprach": a preposition heading a
        // phrase in the clause the verb ends.
        let verb_final = i + 1 >= s.end || cx.is_any_punct(i + 1);
        if verb_final
            && (s.first..i)
                .rev()
                .take_while(|&k| !cx.is_any_punct(k))
                .any(|k| {
                    cx.in_sec(k, sec::PREPOSITION_PARTICLE) && is_one_of(particles, cx.lower_at(k))
                })
        {
            return true;
        }
        let mut k = i + 1;
        while k < s.end {
            let word = cx.lower_at(k);
            let at_end = k + 1 >= s.end || cx.is_any_punct(k + 1);
            if is_one_of(particles, word) && (at_end || !cx.in_sec(k, sec::FINAL_PARTICLE)) {
                return true;
            }
            if matches!(cx.text_at(k), ";") {
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
        let before_break =
            i > s.first && matches!(cx.text_at(i - 1), "," | "\"" | "“" | "”" | "«" | "»");
        return before_break
            || next >= s.end
            || cx.is_any_punct(next)
            || cx.in_sec(next, sec::COMPLEMENTIZER);
    }
    // "put" only as "put the figure at".
    if let Some(preposition) = cx.lex.sec(sec::CUE_WITH_PREPOSITION).get(w) {
        return (i + 1..s.end.min(i + 8)).any(|k| cx.lower_at(k) == preposition);
    }
    true
}
