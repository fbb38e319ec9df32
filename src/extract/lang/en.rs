//! English: capitals mark names, the agent of a passive follows `by`, numbers are written
//! as word sequences (`one hundred and fifty`, `twenty-five`), `10,000` groups thousands with
//! commas and days follow or precede their month (`January 10`).

// Scale factors and numeral values are exact constants from the lexicon, so comparing them
// with `==` is intended.
#![allow(clippy::float_cmp)]

use std::sync::OnceLock;

use super::{ArticleNumeral, Language, NumberWords};
use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::figure::{Subject, UnitMatch};
use crate::extract::lexicon::{Lexicon, sec};
use crate::extract::numbers::{self, Numeral, round4};
use crate::extract::source::{
    Cue, Head, NounPhrase, VerbClause, cue, is_determiner, np_backward, np_forward, np_word,
    owner_names_nobody,
};
use crate::model::Lang;

/// English.
pub(crate) struct English;

impl Language for English {
    fn id(&self) -> Lang {
        Lang::En
    }

    fn lexicon(&self) -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        super::lexicon_once(&LEXICON, include_str!("../../../assets/lexicon/en.txt"))
    }

    fn group_separator(&self) -> char {
        ','
    }

    fn is_date_or_ordinal(&self, cx: &Ctx, i: usize, next: usize, s: Sentence, value: f64) -> bool {
        // Day of a month: "January 10", "10 January", "Jan. 10".
        if value.fract() != 0.0 || value > 31.0 {
            return false;
        }
        let prev = i.checked_sub(1).filter(|&p| p >= s.first);
        let month_before = prev.is_some_and(|p| {
            cx.in_sec(p, sec::MONTH)
                || (cx.is_punct(p, ".") && p > s.first && cx.in_sec(p - 1, sec::MONTH))
        });
        month_before || cx.in_sec(next, sec::MONTH)
    }

    fn year_by_next_word(&self, cx: &Ctx, next: usize) -> bool {
        let w = cx.lower_at(next);
        // "2019 Ballon d'Or", "2024 GMC Hummer": a year before a name; "2000 ended",
        // "1990s": a participle or a short plural after it.
        cx.upper(next)
            || cx.ends_with_any(w, sec::PARTICIPLE_SUFFIX)
            || w.ends_with('s') && w.len() <= 4
    }

    fn scale_phrase(&self, cx: &Ctx, i: usize, s: Sentence) -> Option<Numeral> {
        // "tens of thousands", "hundreds of thousands".
        let ahead = |k: usize| {
            if i + k < s.end {
                cx.lower_at(i + k)
            } else {
                ""
            }
        };
        let factor = cx.lex.sec(sec::VAGUE_FACTOR).number(cx.lower_at(i))?;
        if !cx.lex.sec(sec::QUANTITY_OF).contains(ahead(1)) {
            return None;
        }
        let v = cx.lex.sec(sec::VAGUE).number(ahead(2))?;
        Some(Numeral::vague(i, i + 3, factor * v))
    }

    fn article_numeral(&self, cx: &Ctx, i: usize, s: Sentence) -> ArticleNumeral {
        let ahead = |k: usize| {
            if i + k < s.end {
                cx.lower_at(i + k)
            } else {
                ""
            }
        };
        let lex = cx.lex;
        // "a third", "a million".
        if cx.in_sec(i, sec::ONE_ARTICLE) {
            let next = ahead(1);
            if let Some(f) = lex.sec(sec::FRACTION).number(next)
                && !next.ends_with('s')
            {
                return ArticleNumeral::Numeral(Numeral::fraction(i, i + 2, round4(f)));
            }
            if let Some(f) = lex.sec(sec::SCALE).number(next).filter(|_| next.len() > 2) {
                return ArticleNumeral::Numeral(Numeral::scaled(i, i + 2, f, f));
            }
            return ArticleNumeral::NotNumeral;
        }
        // "half a billion", "half of the".
        if cx.in_sec(i, sec::HALF) {
            let next = ahead(1);
            if cx.lex.sec(sec::ONE_ARTICLE).contains(next)
                && let Some(f) = lex
                    .sec(sec::SCALE)
                    .number(ahead(2))
                    .filter(|f| *f >= 1000.0)
            {
                return ArticleNumeral::Numeral(Numeral::scaled(i, i + 3, 0.5 * f, f));
            }
            if cx.lex.sec(sec::HALF_AFTER).contains(next) {
                return ArticleNumeral::Numeral(Numeral::fraction(i, i + 1, 0.5));
            }
            return ArticleNumeral::NotNumeral;
        }
        ArticleNumeral::NoRule
    }

    fn number_words(&self, cx: &Ctx, i: usize, s: Sentence) -> Option<NumberWords> {
        // "three-quarters", "two-thirds".
        let w = cx.lower_at(i);
        if let Some((a, b)) = w.split_once('-') {
            let numerals = cx.lex.sec(sec::NUMERAL);
            if let (Some(x), Some(f)) = (numerals.number(a), cx.lex.sec(sec::FRACTION).number(b)) {
                return Some(NumberWords::Fraction {
                    value: round4(x * f),
                    end: i + 1,
                });
            }
        }
        let (value, end) = parse_words(cx, i, s.end)?;
        Some(NumberWords::Value { value, end })
    }

    fn may_start_number_word(&self, _cx: &Ctx, _i: usize, w: &str) -> bool {
        w.contains('-')
    }

    fn number_word_value(&self, cx: &Ctx, j: usize, limit: usize) -> Option<f64> {
        parse_words(cx, j, limit).map(|(v, _)| v)
    }

    fn fraction_after_number(&self, value: f64, f: f64) -> bool {
        value > 1.0 || f != 0.5
    }

    fn proportion_link(&self, cx: &Ctx, j: usize, _digits: bool) -> Option<usize> {
        // "one in five", "one out of five".
        cx.match_at(j, cx.toks.len(), cx.lex.sec(sec::PROPORTION_LINK))
            .map(|(end, _)| end)
    }

    fn one_counts_before_duration(&self) -> bool {
        true
    }

    fn one_counts_in_context(
        &self,
        cx: &Ctx,
        i: usize,
        _s: Sentence,
        _prev: Option<usize>,
    ) -> bool {
        // "one" before a noun counts; "one" as a pronoun does not.
        cx.is_word(i + 1) && !cx.in_sec(i + 1, sec::STOP)
    }

    fn capitalises_nouns(&self) -> bool {
        false
    }

    fn skip_attribute(&self, cx: &Ctx, i: usize, _start: usize, limit: usize) -> usize {
        // "UPDATE 2-Russia says": a wire headline tag in capitals, a number, a hyphen.
        let t = cx.text_at(i);
        if cx.in_sec(i, sec::HEADLINE_TAG) && t.chars().all(|c| c.is_ascii_uppercase()) {
            let mut k = i + 1;
            if cx.is_num(k) {
                k += 1;
            }
            if k + 1 < limit && cx.is_punct(k, "-") {
                return k + 1;
            }
        }
        i
    }

    fn noun_phrase(&self, cx: &Ctx, i: usize, limit: usize) -> Option<NounPhrase> {
        let start = i;
        // Collect the phrase: words, with "of/for/and" inside names ("Bank of England").
        let mut end = i;
        while end < limit && end - i < 8 {
            let participle = end > i
                && !cx.upper(end)
                && cx.ends_with_any(cx.lower_at(end), sec::PARTICIPLE_SUFFIX);
            // "a source close to the talks": an adjective that opens the attachment.
            let postmodifier =
                end > i && !cx.upper(end) && cx.in_sec(end, sec::PHRASE_POSTMODIFIER);
            if cx.is_word(end)
                && (!cx.in_sec(end, sec::STOP) || name_stop_word(cx, end))
                && np_word(cx, end)
                && !participle
                && !postmodifier
            {
                end += 1;
                // "people familiar with the matter": a lower-case plural ends the phrase before
                // an adjective that follows it.
                let w = cx.lower_at(end - 1);
                let plural = !cx.upper(end - 1)
                    && (cx.in_sec(end - 1, sec::PLURAL_NOUN) || w.len() > 3 && w.ends_with('s'));
                let next = cx.lower_at(end);
                let adjective = cx.inflected(next) || cx.in_sec(end, sec::SUBJECT_ADJECTIVE);
                if plural
                    && cx.is_word(end)
                    && !cx.upper(end)
                    && adjective
                    && !cx.in_sec(end, sec::TITLE)
                {
                    break;
                }
                continue;
            }
            // "the workers' union": the apostrophe of a plural owner.
            if end > i
                && matches!(cx.text_at(end), "'" | "’")
                && cx.glued(end)
                && cx.lower_at(end - 1).ends_with('s')
                && cx.is_word(end + 1)
                && !cx.glued(end + 1)
                && np_word(cx, end + 1)
                && !cx.in_sec(end + 1, sec::STOP)
            {
                end += 1;
                continue;
            }
            let joiner = cx.in_sec(end, sec::NAME_JOINER);
            if joiner && end > i && cx.upper(end - 1) && cx.upper(end + 1) && cx.is_word(end + 1) {
                end += 1;
                continue;
            }
            // "the Institute for the Study of War": an article after "of/for" inside a name.
            if joiner
                && end > i
                && cx.upper(end - 1)
                && !cx.in_sec(end, sec::COORDINATION)
                && is_determiner(cx, end + 1)
                && !cx.in_sec(end + 1, sec::POSSESSIVE)
                && cx.upper(end + 2)
                && cx.is_word(end + 2)
            {
                end += 2;
                continue;
            }
            break;
        }
        if end == i || modifies_non_speaker(cx, end, limit) {
            return None;
        }
        let head = phrase_head(cx, i, end);
        // "industry body the Rail Delivery Group", "think tank the Resolution Foundation": a
        // descriptor, then the name with its article.
        if !cx.upper(head.first)
            && !cx.in_sec(head.first, sec::UNNAMED_SOURCE)
            && end + 1 < limit
            && is_determiner(cx, end)
            && !cx.in_sec(end, sec::POSSESSIVE)
            && cx.upper(end + 1)
            && let Some(name) = self.noun_phrase(cx, end + 1, limit)
            && cx.upper(name.head_first)
        {
            return Some(NounPhrase { start, ..name });
        }
        // "a spokesman for the ministry": the phrase includes its attachment.
        let mut phrase_end = end;
        let attachment = if cx.in_sec(end, sec::PHRASE_POSTMODIFIER)
            && cx.in_sec(end + 1, sec::PHRASE_ATTACHMENT)
        {
            end + 1
        } else {
            end
        };
        if cx.in_sec(attachment, sec::PHRASE_ATTACHMENT) {
            let mut k = attachment + 1;
            while k < limit && k < attachment + 5 && cx.is_word(k) {
                phrase_end = k + 1;
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

    fn extends_phrase_back(&self, cx: &Ctx, k: usize, floor: usize) -> bool {
        // Words of a name, with "of/for/and" inside it ("the Bank of England said").
        let fits = !cx.in_sec(k, sec::STOP) || is_determiner(cx, k) || name_stop_word(cx, k);
        let ok = fits && cx.is_word(k) && (np_word(cx, k) || is_determiner(cx, k));
        let joiner = cx.in_sec(k, sec::NAME_JOINER_BEFORE_CUE)
            && k > floor
            && cx.upper(k - 1)
            && cx.upper(k + 1);
        ok || joiner || cx.is_punct(k, "-")
    }

    fn phrase_starts_at_last_determiner(&self) -> bool {
        false
    }

    fn speech_verb_ends_clause(&self) -> bool {
        true
    }

    fn is_passive(&self, cx: &Ctx, v: usize, c: usize) -> bool {
        // A form of "be" before the participle, adverbs between: "is also expected".
        let mut p = v;
        while p > c && cx.in_sec(p - 1, sec::PASSIVE_ADVERB) {
            p -= 1;
        }
        p > c && cx.in_sec(p - 1, sec::PASSIVE_AUX)
    }

    fn passive_agent(&self, cx: &Ctx, v: usize, _c: usize) -> Option<usize> {
        // "were published by Network Rail": the agent follows the participle, or its
        // complement ("was put at $300bn by the World Bank").
        if cx.in_sec(v + 1, sec::AGENT_MARKER) {
            return Some(v + 2);
        }
        (v + 2..v + 10)
            .take_while(|&k| {
                cx.tok(k).is_some()
                    && !matches!(cx.text_at(k), "," | ";" | "." | ":" | "\"" | "“" | "”")
                    && !cx.in_sec(k, sec::SPEECH_VERB)
            })
            .find(|&k| {
                cx.in_sec(k, sec::AGENT_MARKER)
                    && cx.is_word(k + 1)
                    && (cx.upper(k + 1) || is_determiner(cx, k + 1))
            })
            .map(|k| k + 1)
    }

    fn is_inverted(&self, cx: &Ctx, clause: &VerbClause) -> bool {
        // ", said the minister." / ", said Mr Smith on Monday": a speaker phrase that ends the
        // clause after a break.
        let v = clause.verb;
        clause.after_break
            && (is_determiner(cx, v + 1)
                || cx.upper(v + 1)
                || cx.in_sec(v + 1, sec::PRONOUN)
                || cx.in_sec(v + 1, sec::UNNAMED_SOURCE))
            && !cx.in_sec(v + 1, sec::NOT_INVERTED_SUBJECT)
            // "Oleh Marchuk, a commander, told Reuters": the one told is no speaker.
            && !cx.in_sec(v, sec::ADDRESSEE_VERB)
            && inverted_np_ends(cx, v, clause.sentence)
            || clause.empty && v == clause.sentence.first
    }

    fn subject_before_apposition(&self, _cx: &Ctx, clause: &VerbClause, inverted: bool) -> bool {
        // "Edward Leigh, chairman of the committee, said ...".
        clause.empty && !inverted && clause.verb > clause.sentence.first
    }

    fn subject_before_aside(&self, cx: &Ctx, clause: &VerbClause) -> Option<Cue> {
        // "Deutsche Boerse, the German stock exchange, has said": the sentence opens with it.
        let (s, v) = (clause.sentence, clause.verb);
        if clause.start <= s.first {
            return None;
        }
        let NounPhrase {
            head_first: h0,
            head_end: h1,
            end: pe,
            person,
            ..
        } = np_forward(cx, s.first, v)?;
        // "The union rejected the offer of 2%, and said ...": after "and" the subject of the
        // first clause speaks, and that clause's figures are no part of its phrase.
        let end = if cx.in_sec(clause.start, sec::COORDINATION) {
            pe
        } else {
            v
        };
        Some(cue(cx, (h0, h1), (s.first, end), v, person))
    }

    fn subject_cue(&self, cx: &Ctx, c: usize, end: usize, v: usize) -> Option<Cue> {
        // The subject opens the clause: "A group representing 300 companies said".
        let opens = is_determiner(cx, c) || cx.upper(c) || cx.in_sec(c, sec::PRONOUN);
        if opens
            && let Some(NounPhrase {
                head_first: h0,
                head_end: h1,
                person,
                ..
            }) = np_forward(cx, c, end)
        {
            return Some(cue(cx, (h0, h1), (c, end), v, person));
        }
        let NounPhrase {
            head_first: h0,
            head_end: h1,
            start: ps,
            person,
            ..
        } = np_backward(cx, end, c)?;
        Some(cue(cx, (h0, h1), (ps, end), v, person))
    }

    fn forms_compound_sources(&self) -> bool {
        false
    }

    fn cue_word_is_noun(&self, cx: &Ctx, i: usize, s: Sentence) -> bool {
        // "Figures published by the agency show": a participle after its noun, before the
        // agent, is no verb of the clause.
        if i > s.first
            && cx.in_sec(i + 1, sec::AGENT_MARKER)
            && cx.is_word(i - 1)
            && !cx.in_sec(i - 1, sec::PASSIVE_AUX)
            && !cx.in_sec(i - 1, sec::PASSIVE_ADVERB)
            && cx.ends_with_any(cx.lower_at(i), sec::ASIDE_PARTICIPLE_ENDING)
        {
            return true;
        }
        // "a previous estimate of", "its forecast": a noun after a determiner.
        if i > s.first && cx.in_sec(i, sec::UNNAMED_SOURCE) {
            let p = i - 1;
            let det_before = is_determiner(cx, p)
                || (p > s.first
                    && is_determiner(cx, p - 1)
                    && cx.is_word(p)
                    && !cx.upper(p)
                    && !cx.in_sec(p, sec::STOP)
                    && !cx.in_sec(p, sec::UNNAMED_SOURCE));
            // A noun is followed by a preposition, a verb or punctuation; a verb by its object.
            let noun_follows = cx.is_any_punct(i + 1) || cx.in_sec(i + 1, sec::NOUN_FOLLOWER);
            if det_before && noun_follows {
                return true;
            }
        }
        // "growth forecasts slipping", "estimates were": a noun, not a verb.
        if cx.lower_at(i).ends_with('s') {
            let next = cx.lower_at(i + 1);
            let noun = next.ends_with("ing")
                || i + 1 >= s.end
                || (cx.is_any_punct(i + 1) && !matches!(cx.text_at(i + 1), "\"" | "“" | "”"))
                || cx.in_sec(i + 1, sec::PLURAL_NOUN_FOLLOWER);
            if noun {
                return true;
            }
        }
        false
    }

    fn continues_reported_speech(&self, _cx: &Ctx, _s: Sentence) -> bool {
        false
    }

    fn ordinals_take_a_dot(&self) -> bool {
        false
    }

    fn single_letter_units_need_glue(&self) -> bool {
        true
    }

    fn compound_unit(&self, _cx: &Ctx, _at: usize, _s: Sentence) -> Option<UnitMatch> {
        None
    }

    fn counted_noun(&self, cx: &Ctx, mut i: usize, at: usize, limit: usize) -> Option<Subject> {
        // The last word of the noun phrase.
        let mut last = None;
        let mut count = 0;
        while i < limit && count < 3 {
            if !cx.is_word(i) || cx.in_sec(i, sec::STOP) {
                break;
            }
            let w = cx.lower_at(i);
            if count > 0 && cx.ends_with_any(w, sec::NOT_NOUN_SUFFIX) {
                break;
            }
            if cx.lex.sec(sec::ACTION).contains(w) && count > 0 {
                break;
            }
            last = Some(i);
            count += 1;
            // A possessive or a plural noun ends the phrase: "Britain's", "troops near".
            let plural = (w.ends_with('s') && !w.ends_with("ss") && w.len() > 3)
                || cx.in_sec(i, sec::PLURAL_NOUN);
            i += 1;
            if w.ends_with("'s") || w.ends_with("’s") || plural {
                break;
            }
        }
        let last = last?;
        // "30 killed": a participle right after the number counts nothing.
        if cx.lower_at(last).ends_with("ed") && last == at {
            return None;
        }
        Some(Subject::at(cx, last))
    }
}

/// Parses an English number word sequence from token `i` (`twenty-five`,
/// `one hundred and fifty`); returns the value and the end token.
pub(crate) fn parse_words(cx: &Ctx, i: usize, limit: usize) -> Option<(f64, usize)> {
    let numerals = cx.lex.sec(sec::NUMERAL);
    // The values of the parts; `None` for a joiner ("one hundred and fifty").
    let mut parts: Vec<Option<f64>> = Vec::new();
    let mut j = i;
    while j < limit && cx.is_word(j) {
        let w = cx.lower_at(j);
        if cx.in_sec(j, sec::NUMERAL_JOINER) {
            let after_group = parts.last().is_some_and(|p| p.is_some_and(|v| v >= 100.0));
            if after_group && numerals.contains(cx.lower_at(j + 1)) && j + 1 < limit {
                parts.push(None);
                j += 1;
                continue;
            }
            break;
        }
        let pieces: Vec<&str> = w.split('-').collect();
        if !pieces.iter().all(|p| numerals.contains(p)) {
            break;
        }
        if pieces.len() > 1 && !(pieces.len() == 2 && numerals.number(pieces[0])? >= 20.0) {
            break;
        }
        for (k, p) in pieces.iter().enumerate() {
            if k > 0 {
                parts.push(None);
            }
            parts.push(Some(numerals.number(p)?));
        }
        j += 1;
    }
    if parts.is_empty() {
        return None;
    }
    if parts.last().is_some_and(Option::is_none) {
        parts.pop();
        j -= 1;
    }
    let mut value = numbers::combine(&parts)?;
    // "two and a half".
    if let Some((end, _)) = cx.match_at(j, limit, cx.lex.sec(sec::AND_A_HALF)) {
        value += 0.5;
        j = end;
    }
    Some((value, j))
}

/// The head of an English noun phrase: the last capitalised run without its titles, else
/// the last word.
fn phrase_head(cx: &Ctx, start: usize, end: usize) -> Head {
    let mut k = end;
    while k > start && !(cx.upper(k - 1) && cx.is_word(k - 1) && !is_determiner(cx, k - 1)) {
        k -= 1;
    }
    // "the air force", "Kyiv's coast guard": a noun that names the body with its head.
    let last_noun = |from: usize| {
        let first = if end - 1 > from && cx.in_sec(end - 2, sec::HEAD_MODIFIER) {
            end - 2
        } else {
            end - 1
        };
        Head::new(first, end, false)
    };
    if k == start {
        return last_noun(start);
    }
    // The capitalised run before the lower-case words, without adjectives that own nothing
    // ("Senior Ukrainian officials" -> "Ukrainian").
    let run_before = |k: usize| {
        let mut r = k;
        while r > start
            && cx.upper(r - 1)
            && cx.is_word(r - 1)
            && !is_determiner(cx, r - 1)
            && !cx.ends_with_any(cx.lower_at(r - 1), sec::POSSESSIVE_SUFFIX)
        {
            r -= 1;
        }
        while r < k && cx.in_sec(r, sec::ADJECTIVE_NOT_OWNER) {
            r += 1;
        }
        r
    };
    if k < end {
        let run = run_before(k);
        // "British estimates", "Russian figures": a nationality adjective is no owner, but
        // names the source with the noun.
        if end - k == 1
            && run + 1 == k
            && cx.in_sec(end - 1, sec::UNNAMED_SOURCE)
            && cx.ends_with_any(cx.lower_at(run), sec::ADJECTIVE_NAME_ENDING)
        {
            return Head::new(run, end, false);
        }
        // "US officials", "Ukrainian officials": people named by the words before them.
        if end - k == 1 && cx.in_sec(end - 1, sec::UNNAMED_PERSON) {
            return Head::new(if run < k { run } else { end - 1 }, end, false);
        }
        // "the RIA news agency": a descriptor after the name.
        if run < k
            && cx.in_sec(end - 1, sec::NAME_DESCRIPTOR)
            && !cx.ends_with_any(cx.lower_at(k - 1), sec::ADJECTIVE_NAME_ENDING)
        {
            return Head::new(run, k, false);
        }
        // Lower-case words after the capitalised run: "the Kenyan government" -> government,
        // but "a YouGov poll" -> YouGov (the owner of the poll).
        // "Official figures", "Export figures": an adjective opening the sentence is no owner.
        // "Monday's figures": a time word owns nothing.
        let adjective = k == start + 1
            && (cx.in_sec(start, sec::ADJECTIVE_NOT_OWNER) || owner_names_nobody(cx, start));
        // "The Liberal Democrats' figures": the plural owner before its apostrophe.
        let apostrophe = end - k == 2 && matches!(cx.text_at(k), "'" | "’");
        if !cx.in_sec(end - 1, sec::UNNAMED_SOURCE) || end - k > 1 && !apostrophe || adjective {
            return last_noun(k);
        }
    }
    let run_end = k;
    let mut run_start = k;
    // The name stops at an article, at the owner before it ("Ukraine's General Staff") and
    // at a modifier ("London-based").
    let stops = |j: usize, run_start: usize| {
        is_determiner(cx, j)
            || run_start < run_end && cx.ends_with_any(cx.lower_at(j), sec::POSSESSIVE_SUFFIX)
            || hyphen_modifier(cx, j)
    };
    while run_start > start
        && !stops(run_start - 1, run_start)
        && (cx.upper(run_start - 1)
            || cx.in_sec(run_start - 1, sec::NAME_JOINER)
                && run_start - 1 > start
                && cx.upper(run_start - 2))
    {
        run_start -= 1;
        // "Institute for the Study of War": past an article after "of/for".
        if run_start >= start + 3
            && is_determiner(cx, run_start - 1)
            && !cx.in_sec(run_start - 1, sec::POSSESSIVE)
            && cx.in_sec(run_start - 2, sec::NAME_JOINER)
            && !cx.in_sec(run_start - 2, sec::COORDINATION)
            && cx.upper(run_start - 3)
        {
            run_start -= 2;
        }
    }
    // "Carmaker Rover", "Retailer Next": a descriptor that opens the sentence is no name.
    while run_start + 1 < run_end
        && cx.in_sec(run_start, sec::ANAPHORIC_NOUN)
        && !cx.in_sec(run_start + 1, sec::NAME_JOINER)
        && !cx.in_sec(run_end - 1, sec::ORG_NOUN)
    {
        run_start += 1;
    }
    let org = cx.in_sec(run_end - 1, sec::ORG_NOUN);
    // "Ministry of Defence": a title word that ends the name after "of" is none.
    let last_title = (run_start..run_end)
        .rev()
        .find(|&t| {
            cx.in_sec(t, sec::TITLE)
                && !(t + 1 == run_end && t > run_start && cx.in_sec(t - 1, sec::NAME_JOINER))
                // "Institute for Defence Studies": a title word after an organisation's
                // noun and "of/for" is part of its name.
                && !(run_start + 1..t).any(|j| {
                    cx.in_sec(j, sec::NAME_JOINER) && cx.in_sec(j - 1, sec::ORG_NOUN)
                })
        })
        .filter(|_| !org);
    if let Some(t) = last_title {
        if t + 1 < run_end {
            return Head::new(t + 1, run_end, true);
        }
        return Head::new(t, t + 1, false);
    }
    let person = run_end - run_start >= 2
        && !org
        && (run_start..run_end).all(|t| cx.is_word(t) && cx.upper(t))
        && crate::extract::entity::builtin()
            .lookup(cx.span(run_start, run_end).slice(cx.text))
            .is_none()
        && !(run_start..run_end).any(|t| cx.in_sec(t, sec::UNNAMED_SOURCE));
    Head::new(run_start, run_end, person)
}

/// Whether the word at `k` is a modifier ending in a lower-case part: "London-based".
fn hyphen_modifier(cx: &Ctx, k: usize) -> bool {
    cx.text_at(k)
        .rsplit_once('-')
        .is_some_and(|(_, last)| last.starts_with(char::is_lowercase))
}

/// Whether a capitalised function word inside a sentence begins a name with the capitalised
/// word after it: "The New York Times", "in New Zealand".
fn name_stop_word(cx: &Ctx, k: usize) -> bool {
    k > 0
        && cx.is_word(k)
        && cx.upper(k)
        && cx.is_word(k - 1)
        && cx.is_word(k + 1)
        && cx.upper(k + 1)
        && !is_determiner(cx, k)
        && !cx.in_sec(k, sec::PRONOUN)
        && !cx.in_sec(k, sec::NAME_JOINER)
}

/// Whether the words from `end` on are a noun that never speaks, which the phrase before it
/// only modifies: "Ukrainian forces", "Ukraine's armed forces", "the steel industry".
fn modifies_non_speaker(cx: &Ctx, end: usize, limit: usize) -> bool {
    let mut k = end;
    while k < limit.min(end + 2)
        && cx.is_word(k)
        && !cx.upper(k)
        && !cx.in_sec(k, sec::STOP)
        && !cx.in_sec(k, sec::NOT_SPEAKER)
    {
        k += 1;
    }
    k < limit && cx.is_word(k) && !cx.upper(k) && cx.in_sec(k, sec::NOT_SPEAKER)
}

/// Whether the phrase after an inverted verb ends the clause: ", said Mr Smith." but
/// not ", said Britain had to act".
fn inverted_np_ends(cx: &Ctx, v: usize, s: Sentence) -> bool {
    let Some(NounPhrase { end: pe, .. }) = np_forward(cx, v + 1, s.end) else {
        return false;
    };
    pe >= s.end || cx.is_any_punct(pe) || cx.in_sec(pe, sec::INVERTED_PHRASE_END)
}
