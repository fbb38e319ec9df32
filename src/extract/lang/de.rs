//! German: nouns are capitalised, the finite verb stands second, numbers are compounds
//! (`zweihundertfünfzig`), `10.000` groups thousands with dots and `10. Januar` writes the
//! day as an ordinal.

// Morpheme values are exact constants from the lexicon, so comparing them with `==` is
// intended.
#![allow(clippy::float_cmp)]

use std::sync::OnceLock;

use super::{ArticleNumeral, Language, NumberWords};
use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::figure::{Subject, UnitMatch, is_noun};
use crate::extract::lexicon::{Lexicon, sec};
use crate::extract::numbers::{self, Numeral};
use crate::extract::source::{
    Cue, Head, NounPhrase, VerbClause, apposition_name, cue, is_acronym, is_determiner, is_title,
    names_body, np_forward, np_word,
};
use crate::model::Lang;

/// German.
pub(crate) struct German;

impl Language for German {
    fn id(&self) -> Lang {
        Lang::De
    }

    fn lexicon(&self) -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        super::lexicon_once(&LEXICON, include_str!("../../../assets/lexicon/de.txt"))
    }

    fn group_separator(&self) -> char {
        '.'
    }

    fn is_date_or_ordinal(&self, cx: &Ctx, i: usize, next: usize, s: Sentence, value: f64) -> bool {
        // "10. Januar", "am 3. Tag", "zum 2. Mal": dates and ordinals.
        if !(cx.is_punct(next, ".") && cx.glued(next)) {
            return false;
        }
        let after = next + 1;
        if cx.in_sec(after, sec::MONTH) || (cx.is_word(after) && !cx.upper(after)) {
            return true;
        }
        if value.fract() == 0.0 && i > s.first && cx.in_sec(i - 1, sec::ORDINAL_CUE) {
            return true;
        }
        i == s.first && value < 100.0 && cx.tok(i).is_some_and(|t| t.newlines > 0)
    }

    fn year_by_next_word(&self, cx: &Ctx, next: usize) -> bool {
        if cx.upper(next) {
            return false;
        }
        // "2000 russische Soldaten": an adjective before a noun.
        let adjective = cx.inflected(cx.lower_at(next));
        !(adjective && cx.upper(next + 1) && cx.is_word(next + 1))
    }

    fn scale_phrase(&self, _cx: &Ctx, _i: usize, _s: Sentence) -> Option<Numeral> {
        None
    }

    fn article_numeral(&self, cx: &Ctx, i: usize, s: Sentence) -> ArticleNumeral {
        // "die Hälfte", "zur Hälfte".
        if !cx.in_sec(i, sec::HALF) {
            return ArticleNumeral::NoRule;
        }
        let Some(p) = i
            .checked_sub(1)
            .filter(|&p| p >= s.first && cx.in_sec(p, sec::HALF_BEFORE))
        else {
            return ArticleNumeral::NotNumeral;
        };
        let first = if cx.in_sec(p, sec::HALF_BEFORE_IN_SPAN) {
            p
        } else {
            i
        };
        ArticleNumeral::Numeral(Numeral::fraction(first, i + 1, 0.5))
    }

    fn number_words(&self, cx: &Ctx, i: usize, _s: Sentence) -> Option<NumberWords> {
        Some(NumberWords::Value {
            value: parse_word(cx, cx.lower_at(i))?,
            end: i + 1,
        })
    }

    fn may_start_number_word(&self, cx: &Ctx, _i: usize, w: &str) -> bool {
        let prefixes = cx.lex.sec(sec::NUMBER_PREFIX);
        w.len() >= 6
            && prefixes.may_start_with_byte(w.as_bytes()[0])
            && prefixes.prefixes_of(w).next().is_some()
    }

    fn number_word_value(&self, cx: &Ctx, j: usize, _limit: usize) -> Option<f64> {
        parse_word(cx, cx.lower_at(j))
    }

    fn fraction_after_number(&self, _value: f64, _f: f64) -> bool {
        true
    }

    fn proportion_link(&self, cx: &Ctx, j: usize, digits: bool) -> Option<usize> {
        // "zwei von drei" (in words only: "2 von 3" is a score or a page).
        if digits {
            return None;
        }
        cx.match_at(j, cx.toks.len(), cx.lex.sec(sec::PROPORTION_LINK))
            .map(|(end, _)| end)
    }

    fn one_counts_before_duration(&self) -> bool {
        false
    }

    fn one_counts_in_context(&self, cx: &Ctx, i: usize, s: Sentence, prev: Option<usize>) -> bool {
        // Coordinated with another figure: "zwei Piloten und ein Ingenieur", "ein Toter und sieben Verletzte".
        let conj = |k: usize| cx.in_sec(k, sec::FIGURE_COORDINATION);
        // A count: a number not followed by a unit ("15 Zoll und einen Tank" coordinates no counts).
        let is_number = |k: usize| {
            k < s.end
                && (cx.is_num(k)
                    || (cx.is_word(k) && parse_word(cx, cx.lower_at(k)).is_some_and(|v| v != 1.0)))
                && cx.match_at(k + 1, s.end, cx.lex.sec(sec::UNIT)).is_none()
        };
        if let Some(p) = prev
            && conj(p)
        {
            let lo = p.saturating_sub(4).max(s.first);
            if (lo..p).any(is_number) {
                return true;
            }
        }
        let hi = (i + 4).min(s.end);
        for k in i + 1..hi {
            if conj(k) {
                if is_number(k + 1) {
                    return true;
                }
                break;
            }
        }
        false
    }

    fn capitalises_nouns(&self) -> bool {
        true
    }

    fn skip_attribute(&self, cx: &Ctx, mut i: usize, start: usize, limit: usize) -> usize {
        // A participial attribute before the noun: "einer am Montag veröffentlichten Umfrage",
        // "auf mit den Plänen vertraute Banker".
        let preposition = cx.in_sec(i, sec::ATTRIBUTE_PREPOSITION);
        if (i > start || preposition)
            && i < limit
            && cx.is_word(i)
            && !cx.upper(i)
            && cx.in_sec(i, sec::STOP)
        {
            let found = (i + 1..(i + 7).min(limit)).find(|&k| {
                let w = cx.lower_at(k);
                cx.is_word(k)
                    && !cx.upper(k)
                    && !cx.in_sec(k, sec::STOP)
                    && cx.ends_with_any(w, sec::ATTRIBUTE_ENDING)
                    && cx.upper(k + 1)
                    && cx.is_word(k + 1)
            });
            if let Some(k) = found.filter(|&k| (i..k).all(|j| cx.is_word(j))) {
                i = k + 1;
            }
        }
        i
    }

    fn noun_phrase(&self, cx: &Ctx, mut i: usize, limit: usize) -> Option<NounPhrase> {
        let start = i;
        // Adjectives: "das russische Verteidigungsministerium". A lower-case name before a
        // hyphen is a noun: "der documenta-Homepage".
        let noun = |k: usize| {
            cx.upper(k)
                || cx
                    .text_at(k)
                    .rsplit_once('-')
                    .is_some_and(|(_, last)| last.starts_with(char::is_uppercase))
        };
        while i < limit && cx.is_word(i) && !noun(i) && !cx.in_sec(i, sec::STOP) {
            i += 1;
        }
        if i >= limit || !cx.is_word(i) || !noun(i) || !np_word(cx, i) || cx.in_sec(i, sec::STOP) {
            return None;
        }
        // The run of capitalised words: "Russlands Vize-Außenminister Sergej Rjabkow".
        let run_start = i;
        let mut run_end = i;
        while run_end < limit
            && run_end - run_start < 6
            && cx.is_word(run_end)
            && cx.upper(run_end)
            && !(run_end > run_start
                && (cx.in_sec(run_end, sec::VAGUE) || cx.in_sec(run_end, sec::NUMERAL)))
            && np_word(cx, run_end)
            && !(run_end > run_start && cx.in_sec(run_end, sec::STOP))
        {
            run_end += 1;
        }
        let mut head = head_of_run(cx, run_start, run_end);
        // A full name followed by its acronym in brackets: "Internationale Organisation für Migration (IOM)".
        if let Some(open) = (run_end..(run_end + 5).min(limit)).find(|&k| cx.is_punct(k, "(")) {
            let named = (run_end..open)
                .all(|k| cx.is_word(k) && (cx.upper(k) || cx.in_sec(k, sec::NAME_CONNECTOR)));
            // Not for people: "Minister Karl Lauterbach (SPD)" keeps the name without title.
            if named && !head.person && cx.is_punct(open + 2, ")") && is_acronym(cx, open + 1) {
                head.first = run_start;
                head.end = open;
            }
        }
        // The phrase goes on over an attached prepositional phrase up to its noun:
        // "Verteidigungsministerium in Moskau", "ein Verband mit 1.500 Mitgliedern".
        let mut phrase_end = run_end;
        if cx.in_sec(run_end, sec::PHRASE_ATTACHMENT) && run_end < limit {
            let mut k = run_end + 1;
            while k < limit && k < run_end + 5 {
                if cx.is_word(k) && cx.upper(k) && !cx.in_sec(k, sec::STOP) {
                    phrase_end = k + 1;
                    break;
                }
                if cx.is_any_punct(k) && !cx.is_punct(k, "-") {
                    break;
                }
                k += 1;
            }
        }
        Some(NounPhrase::new(
            head.first,
            head.end,
            start,
            phrase_end,
            head.person,
        ))
    }

    fn extends_phrase_back(&self, cx: &Ctx, k: usize, _floor: usize) -> bool {
        // Capitalised nouns, inflected adjectives and determiners.
        let adjective = !cx.upper(k) && !cx.in_sec(k, sec::STOP) && cx.inflected(cx.lower_at(k));
        let fits = cx.upper(k) && !cx.in_sec(k, sec::STOP) || adjective || is_determiner(cx, k);
        fits && cx.is_word(k) && (np_word(cx, k) || is_determiner(cx, k))
    }

    fn phrase_starts_at_last_determiner(&self) -> bool {
        true
    }

    fn speech_verb_ends_clause(&self) -> bool {
        false
    }

    fn is_passive(&self, cx: &Ctx, v: usize, c: usize) -> bool {
        // A participle ("beziffert", "geschätzt") with a form of "werden" in its clause.
        let w = cx.lower_at(v);
        // Strong participles end in "-en" ("angeboten", "empfohlen").
        // The auxiliary before the participle, or "worden" after it ("war befürchtet worden").
        (w.starts_with("ge") || w.ends_with('t') || w.ends_with("en"))
            && ((c..v).any(|k| cx.in_sec(k, sec::PASSIVE_AUX)) || cx.lower_at(v + 1) == "worden")
    }

    fn passive_agent(&self, cx: &Ctx, v: usize, c: usize) -> Option<usize> {
        // "wurde vom Statistikamt veröffentlicht": the agent stands before the participle.
        (c..v)
            .find(|&k| cx.in_sec(k, sec::AGENT_MARKER))
            .map(|k| k + 1)
    }

    fn is_inverted(&self, cx: &Ctx, clause: &VerbClause) -> bool {
        // Verb second: anything but the subject before the verb puts the subject after it.
        let c = clause.start;
        // "Wie X, Sprecher der Büros, in Bangkok mitteilte, ...": the verb ends a clause opened
        // by a conjunction before the asides, so the subject stands before it.
        let s = clause.sentence;
        let verb_final = c > s.first
            && cx.in_sec(s.first, sec::CLAUSE_BREAK)
            && cx.is_punct(c - 1, ",")
            && (clause.verb + 1 >= s.end || cx.is_punct(clause.verb + 1, ","));
        if verb_final && !clause.empty {
            return false;
        }
        clause.after_break
            || clause.demonstrative
            || clause.adverb_first
            || clause.empty
            || cx.in_sec(c, sec::STOP) && !is_determiner(cx, c) && !cx.in_sec(c, sec::PRONOUN)
            || cx.is_num(c)
    }

    fn subject_before_apposition(&self, cx: &Ctx, clause: &VerbClause, _inverted: bool) -> bool {
        // "Der Verein X, ein Netzwerk mit 40 Gruppen, erklärte, ...".
        let v = clause.verb;
        let first = clause.sentence.first;
        clause.empty
            && v > first
            && cx.is_punct(v - 1, ",")
            && (matches!(cx.text_at(v + 1), "," | ":") || after_relative_clause(cx, v - 1, first))
    }

    fn subject_before_aside(&self, _cx: &Ctx, _clause: &VerbClause) -> Option<Cue> {
        None
    }

    fn subject_cue(&self, cx: &Ctx, c: usize, end: usize, v: usize) -> Option<Cue> {
        // A clause opening with a preposition ("in Bangkok mitteilte") has no subject there.
        if cx.is_word(c)
            && !cx.upper(c)
            && cx.in_sec(c, sec::STOP)
            && !is_determiner(cx, c)
            && !cx.in_sec(c, sec::PRONOUN)
            && !cx.in_sec(c, sec::SUBJECT_PRONOUN)
            && !cx.in_sec(c, sec::RELATIVE_CLAUSE_START)
        {
            return None;
        }
        // "Diese Ergebnisse stellte der Vizepräsident vor": a document pointed back to, then
        // the verb; a subject after the verb wins ("Diese Zahlen zeigen, dass" has none).
        if cx.in_sec(c, sec::POINTS_BACK)
            && v == c + 2
            && (cx.in_sec(c + 1, sec::UNNAMED_SOURCE)
                || cx.ends_with_any(cx.lower_at(c + 1), sec::DOCUMENT_COMPOUND))
            && let Some(after) = subject_after_verb(cx, v)
        {
            return Some(after);
        }
        // Verb-final clauses and V2 main clauses: the subject opens the clause. When what
        // opens it can name nobody ("Die Zahl der Toten bezifferte die Agentur mit 13"), it
        // is an object and the subject follows the verb.
        let Some(NounPhrase {
            head_first: h0,
            head_end: h1,
            end: pe,
            person,
            ..
        }) = np_forward(cx, c, end.max(c + 1)).filter(|_| !cx.in_sec(c, sec::OBJECT_ARTICLE))
        else {
            return subject_after_verb(cx, v);
        };
        // "Die Sieben-Tage-Inzidenz gab das RKI mit 12,3 an": what opens the clause names no
        // actor and an actor follows the verb, so the front is the object.
        // Both with an article: a bare name that opens the clause is its subject ("Colomer
        // empfahl dem Gericht"), and so is one before a preposition ("berichtete im Magazin").
        if pe == v
            && !person
            && is_determiner(cx, c)
            && !actor_like(cx, h0, h1)
            && is_determiner(cx, v + 1)
            && !cx.in_sec(v + 1, sec::OBJECT_ARTICLE)
            && let Some(after) = subject_after_verb(cx, v)
            && (after.person || actor_like(cx, after.head.0, after.head.1))
        {
            return Some(after);
        }
        // "Die Schäden hatte der Verband geschätzt": an object first, then the auxiliary and
        // a nominative "der"/"ein" phrase, which is the subject.
        let is_aux = |k: usize| cx.in_sec(k, sec::PERFECT_AUX);
        // An adverb may stand between: "Die Schäden dort hatte der Verband ...".
        let aux = (pe..(pe + 2).min(v))
            .find(|&k| is_aux(k))
            .filter(|&k| (pe..k).all(|j| cx.is_word(j) && !cx.upper(j) && cx.in_sec(j, sec::STOP)));
        if let Some(a) = aux
            && cx.in_sec(a + 1, sec::NOMINATIVE_ARTICLE)
            && !cx.in_sec(c, sec::NOMINATIVE_ARTICLE)
            && let Some(NounPhrase {
                head_first: g0,
                head_end: g1,
                end: ge,
                person: p2,
                ..
            }) = np_forward(cx, a + 1, v)
        {
            return Some(cue(cx, (g0, g1), (a + 1, ge.max(g1)), v, p2));
        }
        Some(cue(cx, (h0, h1), (c, pe.max(h1)), v, person))
    }

    fn forms_compound_sources(&self) -> bool {
        true
    }

    fn cue_word_is_noun(&self, cx: &Ctx, i: usize, s: Sentence) -> bool {
        // "Berichten zufolge": a capitalised verb form before a postposition is a noun.
        i > s.first && cx.upper(i) && cx.in_sec(i + 1, sec::CUE_AFTER)
            || i == s.first && cx.in_sec(i + 1, sec::CUE_AFTER)
    }

    fn continues_reported_speech(&self, cx: &Ctx, s: Sentence) -> bool {
        // A subjunctive verb or "demnach" carries the speaker of the sentence before.
        let main_clause_end = (s.first..s.end)
            .find(|&k| cx.is_punct(k, ","))
            .unwrap_or(s.end);
        (s.first..s.end).any(|k| cx.in_sec(k, sec::SUBJUNCTIVE) || cx.in_sec(k, sec::CARRY))
            || (s.first..main_clause_end).any(|k| cx.in_sec(k, sec::SUBJUNCTIVE_MAIN))
            || (s.first..main_clause_end).any(|k| cx.in_sec(k, sec::SUBJUNCTIVE_AMBIGUOUS))
                && !(s.first..s.end).any(|k| cx.in_sec(k, sec::PAST_INDICATIVE))
            || second_place_subjunctive(cx, s)
    }

    fn ordinals_take_a_dot(&self) -> bool {
        true
    }

    fn single_letter_units_need_glue(&self) -> bool {
        false
    }

    fn compound_unit(&self, cx: &Ctx, at: usize, s: Sentence) -> Option<UnitMatch> {
        // "Überstunden", "Autobahnkilometer": a compound ending in a unit.
        if at >= s.end || !cx.is_word(at) || !cx.upper(at) {
            return None;
        }
        let w = cx.lower_at(at);
        let suffix = cx
            .lex
            .sec(sec::UNIT_SUFFIX)
            .suffixes_of(w)
            .find(|u| w.len() > u.len() + 2)?;
        let (kind, unit) = cx.lex.unit(suffix)?;
        Some(UnitMatch {
            end: at + 1,
            kind,
            unit,
        })
    }

    fn counted_noun(&self, cx: &Ctx, mut i: usize, _at: usize, limit: usize) -> Option<Subject> {
        // Adjectives are skipped to the first capitalised noun.
        while i < limit {
            if !cx.is_word(i) {
                return None;
            }
            if is_noun(cx, i) {
                return Some(Subject::at(cx, i));
            }
            let w = cx.lower_at(i);
            let adjective = cx.inflected(w) || cx.in_sec(i, sec::SUBJECT_ADJECTIVE);
            if !adjective || cx.in_sec(i, sec::STOP) && !cx.in_sec(i, sec::STOP_ADJECTIVE) {
                return None;
            }
            i += 1;
        }
        None
    }
}

/// Parses a German number word or compound (`zweihundertfünfzig`, `zweieinhalb`).
#[must_use]
pub(crate) fn parse_word(cx: &Ctx, word: &str) -> Option<f64> {
    let numerals = cx.lex.sec(sec::NUMERAL);
    let whole_only = cx.lex.sec(sec::WHOLE_WORD_NUMERAL);
    if let Some(v) = numerals.number(word) {
        return Some(v);
    }
    // A compound numeral opens and ends with a numeral (a joiner inside only): most words
    // are refused by their first or last bytes.
    if word.len() < 6
        || word.contains('-')
        || numerals.prefixes_of(word).next().is_none()
        || numerals.suffixes_of(word).next().is_none()
    {
        return None;
    }
    let mut morphemes = Vec::new();
    let joiners = cx.lex.sec(sec::NUMERAL_JOINER);
    if !numbers::split_morphemes(
        word,
        &mut morphemes,
        &|m| numerals.contains(m) && !whole_only.contains(m),
        &|m| joiners.words().iter().any(|j| j == m),
    ) {
        return None;
    }
    // A numeral has its value; a joiner has none.
    let values: Vec<Option<f64>> = morphemes.iter().map(|m| numerals.number(m)).collect();
    numbers::combine(&values)
}

/// Picks the head words of a run of capitalised words: the name after a title, else the
/// name after a genitive place (`Russlands Verteidigungsministerium`), else the whole run
/// when it is a multi-word name, else its first word.
fn head_of_run(cx: &Ctx, start: usize, end: usize) -> Head {
    let last_title = (start..end).rev().find(|&k| is_title(cx, k));
    if let Some(t) = last_title {
        if t + 1 < end {
            return Head::new(t + 1, end.min(t + 4), true);
        }
        return Head::new(t, t + 1, false);
    }
    // "Flüchtlingshilfswerk UNHCR": an acronym after a noun names the body.
    if end - start >= 2 && is_acronym(cx, end - 1) && !is_acronym(cx, start) {
        return Head::new(end - 1, end, false);
    }
    let mut s = start;
    // A genitive place before the noun: drop it from the span.
    while s + 1 < end && cx.lower_at(s).ends_with('s') && cx.upper(s) && is_place_genitive(cx, s) {
        s += 1;
    }
    // A multi-word name ("Lockheed Martin", "Statistik Austria"), unless it ends in an
    // unnamed noun ("Polizei Angaben").
    if end - s >= 2 && !cx.in_sec(end.min(s + 3) - 1, sec::UNNAMED_SOURCE) {
        Head::new(s, end.min(s + 3), false)
    } else {
        Head::new(s, s + 1, false)
    }
}

/// Whether a genitive (`Russlands`) names a known place.
fn is_place_genitive(cx: &Ctx, i: usize) -> bool {
    let w = cx.text_at(i);
    w.len() > 3
        && crate::extract::entity::builtin()
            .lookup_inflected(w)
            .is_some()
}

/// Whether the finite verb after the sentence's first phrase has the subjunctive ending
/// `-e` ("Der Gegner greife an", "Man bemühe sich"), which no word list can cover.
/// The subject after a finite verb, up to the next punctuation, past adverbs: "... bezifferte
/// dann die Agentur mit 13".
/// Whether a noun phrase head names an actor that can state something: an acronym, a body
/// or group (`Ministerium`, `Verband`), or a report.
fn actor_like(cx: &Ctx, h0: usize, h1: usize) -> bool {
    names_body(cx, h0, h1)
        || cx.in_sec(h1 - 1, sec::UNNAMED_SOURCE)
        || cx.ends_with_any(cx.lower_at(h1 - 1), sec::DOCUMENT_COMPOUND)
}

fn subject_after_verb(cx: &Ctx, v: usize) -> Option<Cue> {
    let mut first = v + 1;
    while first < v + 3 && cx.is_word(first) && !cx.upper(first) && cx.in_sec(first, sec::STOP) {
        if is_determiner(cx, first) || cx.in_sec(first, sec::PRONOUN) {
            break;
        }
        first += 1;
    }
    let quote = |k: usize| matches!(cx.text_at(k), "„" | "“" | "”" | "\"");
    let limit = (first..first + 12)
        .find(|&k| !cx.is_word(k) && !quote(k))
        .unwrap_or(first + 12);
    // "veröffentlichte am Donnerstag die Regierung": past a time phrase to the next article.
    let np = np_forward(cx, first, limit).or_else(|| {
        let d = (first + 1..limit.min(first + 4)).find(|&k| is_determiner(cx, k))?;
        np_forward(cx, d, limit)
    });
    let NounPhrase {
        head_first: h0,
        head_end: h1,
        end: pe,
        person,
        ..
    } = np?;
    // "nannte der Vizepräsident des Amtes, Walter Radermacher,": the name in apposition.
    if !person
        && is_title(cx, h1 - 1)
        && let Some(name) = apposition_name(cx, pe, (limit + 6).min(cx.flags.len()))
    {
        return Some(cue(cx, name, (first, name.1), v, true));
    }
    Some(cue(cx, (h0, h1), (first, pe.max(h1)), v, person))
}

/// Whether the comma at `comma` closes a relative clause after the sentence's first phrase:
/// "Hubert Primus, der bei der Stiftung verantwortlich ist, wies ... zurück".
fn after_relative_clause(cx: &Ctx, comma: usize, first: usize) -> bool {
    let Some(open) = (first + 1..comma).rev().find(|&k| cx.is_punct(k, ",")) else {
        return false;
    };
    let mut k = open + 1;
    // "bei dem", "für die": a preposition first.
    if !cx.upper(k) && !cx.in_sec(k, sec::RELATIVE_CLAUSE_START) {
        k += 1;
    }
    // "die Polizei nahm ... fest" is a main clause: an article before a noun, not a relative
    // pronoun ("dessen Firma" is one).
    let genitive = matches!(cx.lower_at(k), "dessen" | "deren");
    let relative = cx.in_sec(k, sec::RELATIVE_CLAUSE_START) && (genitive || !cx.upper(k + 1));
    // Only one noun phrase before it, opening the sentence: not "Es handle sich um ein
    // Manöver, das ... dauere, sagte ein Sprecher".
    relative
        && !(first..open).any(|j| cx.is_punct(j, ","))
        && !cx.in_sec(first, sec::PRONOUN)
        && np_forward(cx, first, open).is_some_and(|np| np.end == open)
}

fn second_place_subjunctive(cx: &Ctx, s: Sentence) -> bool {
    let mut k = s.first;
    // "Denn Deutschland propagiere ...": a conjunction takes no place of its own.
    if cx.in_sec(k, sec::COORDINATION) {
        k += 1;
    }
    if cx.in_sec(k, sec::SUBJECT_PRONOUN) {
        k += 1;
    } else {
        // The first phrase: determiners, adjectives, then capitalised nouns.
        while k < s.end && cx.is_word(k) && (cx.in_sec(k, sec::DETERMINER) || !cx.upper(k)) {
            k += 1;
        }
        let noun_start = k;
        while k < s.end && cx.is_word(k) && cx.upper(k) && !cx.in_sec(k, sec::STOP) {
            k += 1;
        }
        if k == noun_start || k - noun_start > 3 {
            return false;
        }
    }
    let w = cx.lower_at(k);
    k < s.end
        && cx.is_word(k)
        && !cx.upper(k)
        && w.len() >= 4
        && w.ends_with('e')
        && !w.ends_with("te")
        && !cx.in_sec(k, sec::STOP)
        && !cx.in_sec(k, sec::DETERMINER)
}
