//! How far a source reaches beyond its sentence: reported speech that continues
//! (`[carry]`, the German subjunctive), sentences that point back (`Dies teilte die Polizei
//! mit.`, `The figures were published by X.`) and the people a sentence introduces.

use super::phrase::{is_determiner, is_finite_verb, is_title, names_body, np_forward};
use super::{Cue, cue};
use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::lexicon::sec;

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

/// Whether a sentence sums up the figures of the sentences before it and names who gave
/// them: "Diese Ergebnisse stellte das Amt am Dienstag vor.", "These figures were published
/// by the ministry."
#[must_use]
pub fn sums_up(cx: &Ctx, s: Sentence) -> bool {
    let k = s.first;
    cx.in_sec(k, sec::POINTS_BACK)
        && !cx.in_sec(k, sec::DEMONSTRATIVE)
        && (cx.in_sec(k + 1, sec::UNNAMED_SOURCE)
            || cx.ends_with_any(cx.lower_at(k + 1), sec::DOCUMENT_COMPOUND))
        && (k + 2..s.end.min(k + 5)).any(|j| {
            cx.in_sec(j, sec::SPEECH_VERB)
                || cx.in_sec(j, sec::PAST_AUX)
                || cx.in_sec(j, sec::FIGURES_VERB)
        })
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
    if !cx.language.capitalises_nouns() {
        out.extend(named_before_title(cx, s));
    }
    out
}

/// Where only names are capitalised: a name of two or three words before an apposition that
/// gives a title ("Anna Kovac, the city's mayor, ...").
fn named_before_title(cx: &Ctx, s: Sentence) -> Vec<String> {
    let mut out = Vec::new();
    let name_word = |k: usize| {
        k < s.end
            && cx.is_word(k)
            && cx.upper(k)
            && !cx.in_sec(k, sec::STOP)
            && !is_title(cx, k)
            && !cx.in_sec(k, sec::ORG_NOUN)
    };
    for t in s.first..s.end {
        if !name_word(t) || !name_word(t + 1) || t > s.first && cx.upper(t - 1) && cx.is_word(t - 1)
        {
            continue;
        }
        let mut end = t + 2;
        if name_word(end) {
            end += 1;
        }
        if !cx.is_punct(end, ",") {
            continue;
        }
        let titled = (end + 1..(end + 6).min(s.end))
            .take_while(|&k| !cx.is_any_punct(k))
            .any(|k| cx.in_sec(k, sec::TITLE));
        let name = cx.span(t, end).slice(cx.text);
        if titled && crate::extract::entity::builtin().lookup(name).is_none() {
            out.push(name.to_string());
        }
    }
    out
}

/// Whether a sentence says `demnach`, which carries a source from a little further back.
#[must_use]
pub fn says_demnach(cx: &Ctx, s: Sentence) -> bool {
    (s.first..s.end).any(|k| cx.in_sec(k, sec::CARRY))
}

/// Whether a sentence holds a subjunctive of the list that is not a conditional (`sei`,
/// `habe`, not `würde`): such continued speech carries past one sentence in the indicative.
#[must_use]
pub fn carries_past_indicative(cx: &Ctx, s: Sentence) -> bool {
    (s.first..s.end)
        .any(|k| cx.in_sec(k, sec::SUBJUNCTIVE) && !cx.in_sec(k, sec::SUBJUNCTIVE_CONDITIONAL))
}

/// Whether a sentence holds a reportive modal (`soll`): it states nothing itself, but lets
/// continued speech run through it.
#[must_use]
pub fn is_reportive(cx: &Ctx, s: Sentence) -> bool {
    (s.first..s.end).any(|k| cx.in_sec(k, sec::REPORTIVE))
}

/// "The figures were published by Network Rail." / "Die Zahlen wurden vom Amt veröffentlicht."
pub(crate) fn refers_to_figures(cx: &Ctx, s: Sentence) -> bool {
    let mut k = s.first;
    if cx.in_sec(k, sec::DETERMINER) {
        k += 1;
    }
    cx.in_sec(k, sec::UNNAMED_SOURCE)
        && cx.in_sec(k + 1, sec::FIGURES_VERB)
        && (k + 2..s.end.min(k + 6))
            .any(|j| cx.in_sec(j, sec::SPEECH_VERB) || cx.in_sec(j, sec::FIGURES_FROM))
}

/// The subject that opens a sentence without a cue, when it can state something: a report or
/// an unnamed source ("Inzwischen sind präzise Vorwürfe bekannt geworden", "Die Angaben
/// wurden korrigiert"), an organisation or a person ("Die Koalition hat sich geeinigt").
/// `demnach` in the next sentence points back to it.
#[must_use]
pub fn reported_subject(cx: &Ctx, s: Sentence) -> Option<Cue> {
    let mut k = s.first;
    // "Inzwischen sind präzise Vorwürfe ...": an adverb and a finite verb before the subject.
    if !is_determiner(cx, k) && !cx.upper(k + 1) && is_finite_verb(cx, k + 1) {
        k += 2;
    }
    let np = np_forward(cx, k, s.end)?;
    if np.head_first > k + 3
        || !cx.upper(np.head_first)
        || cx.in_sec(np.head_first, sec::NOT_SPEAKER)
    {
        return None;
    }
    let c = cue(
        cx,
        (np.head_first, np.head_end),
        (np.start, np.end),
        np.head_first,
        np.person,
    );
    let head = cx.lower_at(np.head_end - 1);
    let speaks = c.unnamed
        || cx.ends_with_any(head, sec::DOCUMENT_COMPOUND)
        || names_body(cx, np.head_first, np.head_end)
        || np.person && !c.pronoun;
    speaks.then_some(c)
}
