//! Everything that differs between languages, behind one interface ([`Language`]), one module
//! per language ([`de`], [`en`]) registered in one table ([`LANGUAGES`]), as charabia does for
//! its segmenters. The words each rule reads are data in `assets/lexicon/<code>.txt`; a module
//! holds only the grammar that word lists cannot say (German capitalises nouns, English puts
//! the agent after `by`, ...).
//!
//! To add a language: write `assets/lexicon/<code>.txt` with every section of
//! [`super::lexicon::SECTIONS`] (a section may be empty), add a module here implementing
//! [`Language`], add it to [`LANGUAGES`] and its code to [`crate::model::Lang`].

mod de;
mod en;

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::ctx::{Ctx, Sentence};
use super::figure::{Subject, UnitMatch};
use super::lexicon::{Lexicon, sec};
use super::numbers::Numeral;
use super::source::{Cue, NounPhrase, VerbClause};
use super::token::Token;
use crate::model::Lang;

/// The rules of one language that are grammar rather than word lists. Every method is called
/// with the article's [`Ctx`], whose lexicon is this language's.
pub(crate) trait Language: Sync {
    /// Which language this is.
    fn id(&self) -> Lang;

    /// The built-in word lists.
    fn lexicon(&self) -> &'static Lexicon;

    // --- Numbers -----------------------------------------------------------------------

    /// The thousands separator of digits when only one kind of separator is written
    /// (`10.000` in German, `10,000` in English); the other one is the decimal mark.
    fn group_separator(&self) -> char;

    /// Whether the digits at `i` (value `value`, next token `next`) are a date or an
    /// ordinal by how this language writes them (`10. Januar`, `January 10`).
    fn is_date_or_ordinal(&self, cx: &Ctx, i: usize, next: usize, s: Sentence, value: f64) -> bool;

    /// Whether a year-like number is a year, judged by the word after it (`next`).
    fn year_by_next_word(&self, cx: &Ctx, next: usize) -> bool;

    /// A scale phrase at token `i` that makes a vague figure (`tens of thousands`).
    fn scale_phrase(&self, cx: &Ctx, i: usize, s: Sentence) -> Option<Numeral>;

    /// A fraction or scale after an article or `half` at token `i` (`a third`, `a million`,
    /// `half a billion`, `die Hälfte`).
    fn article_numeral(&self, cx: &Ctx, i: usize, s: Sentence) -> ArticleNumeral;

    /// A number written in words at token `i`.
    fn number_words(&self, cx: &Ctx, i: usize, s: Sentence) -> Option<NumberWords>;

    /// Whether the word `w` at token `i` may start a number in words beyond the lexicon's
    /// numerals (`zweihundertfünfzig`, `twenty-five`).
    fn may_start_number_word(&self, cx: &Ctx, i: usize, w: &str) -> bool;

    /// The value of the number in words at token `j` (not past `limit`).
    fn number_word_value(&self, cx: &Ctx, j: usize, limit: usize) -> Option<f64>;

    /// Whether a fraction word of value `f` may follow a number word of value `value`
    /// (`ein halbes Jahr` counts half a year; English `one half` is no count).
    fn fraction_after_number(&self, value: f64, f: f64) -> bool;

    /// The token after the link of a proportion at `j` (`one in five`, `zwei von drei`).
    fn proportion_link(&self, cx: &Ctx, j: usize, digits: bool) -> Option<usize>;

    /// Whether `one` before a duration counts without a time preposition (`one year`).
    fn one_counts_before_duration(&self) -> bool;

    /// Whether `ein`/`one` at `i` counts, judged by its context, when nothing else decided.
    fn one_counts_in_context(&self, cx: &Ctx, i: usize, s: Sentence, prev: Option<usize>) -> bool;

    // --- Nouns and speakers ------------------------------------------------------------

    /// Whether nouns are capitalised, so that a capital inside a sentence marks any noun
    /// and not only a name (German).
    fn capitalises_nouns(&self) -> bool;

    /// Skips a participial attribute before a noun from token `i` (`einer am Montag
    /// veröffentlichten Umfrage`); `start` is where the phrase began.
    fn skip_attribute(&self, cx: &Ctx, i: usize, start: usize, limit: usize) -> usize;

    /// The noun phrase from token `i` (after determiners and attributes) that may name a
    /// speaker, not past `limit`.
    fn noun_phrase(&self, cx: &Ctx, i: usize, limit: usize) -> Option<NounPhrase>;

    // --- Speakers of verbs --------------------------------------------------------------

    /// Whether the phrase before a cue (`X zufolge`, `X said`) goes on over token `k`
    /// (`floor` is the lowest token it may reach).
    fn extends_phrase_back(&self, cx: &Ctx, k: usize, floor: usize) -> bool;

    /// Whether a phrase read backwards starts at its last determiner (`der Moskauer
    /// Staatsagentur Tass`).
    fn phrase_starts_at_last_determiner(&self) -> bool;

    /// Whether a speech verb before a verb ends that verb's clause (`The ministry said 41,000
    /// people had registered`).
    fn speech_verb_ends_clause(&self) -> bool;

    /// Whether the verb at `v` is a passive in the clause from `c` (`wird beziffert`,
    /// `is put at`), which names no speaker but its agent.
    fn is_passive(&self, cx: &Ctx, v: usize, c: usize) -> bool;

    /// The first token of a passive's agent (`vom Statistikamt veröffentlicht`, `published
    /// by X`).
    fn passive_agent(&self, cx: &Ctx, v: usize, c: usize) -> Option<usize>;

    /// Whether the speaker follows the verb (`, sagte die Polizei`, `, said Mr Smith.`).
    fn is_inverted(&self, cx: &Ctx, clause: &VerbClause) -> bool;

    /// Whether the subject stands before an apposition that ends at the verb (`Edward
    /// Leigh, chairman of the committee, said`).
    fn subject_before_apposition(&self, cx: &Ctx, clause: &VerbClause, inverted: bool) -> bool;

    /// The speaker when the verb's clause holds nothing but auxiliaries: the sentence's
    /// first phrase before an aside (`Deutsche Boerse, the German stock exchange, has said`).
    fn subject_before_aside(&self, cx: &Ctx, clause: &VerbClause) -> Option<Cue>;

    /// The subject of the verb `v` in the clause `c..end`, read before the verb.
    fn subject_cue(&self, cx: &Ctx, c: usize, end: usize, v: usize) -> Option<Cue>;

    /// Whether a compound noun may name its source in its first part (`US-Angaben`,
    /// `Polizeiangaben`).
    fn forms_compound_sources(&self) -> bool;

    /// Whether the cue word at `i` is used as a noun, not a verb (`a previous estimate of`,
    /// `growth forecasts slipping`): then it is no speech verb.
    fn cue_word_is_noun(&self, cx: &Ctx, i: usize, s: Sentence) -> bool;

    /// Whether sentence `s` continues the reported speech of the sentence before it, so
    /// that it keeps its speaker (German subjunctive, `demnach`).
    fn continues_reported_speech(&self, cx: &Ctx, s: Sentence) -> bool;

    /// Whether ordinals are written with a dot (`am 10. Januar`), which then ends no
    /// sentence.
    fn ordinals_take_a_dot(&self) -> bool;

    // --- What a figure counts ----------------------------------------------------------

    /// Whether a one-letter unit (`m`, `t`) counts only glued to the number or before a
    /// break (English: `5 t` is rare, the article `a` is not).
    fn single_letter_units_need_glue(&self) -> bool;

    /// A unit at the end of a compound noun at `at` (`Überstunden`, `Autobahnkilometer`).
    fn compound_unit(&self, cx: &Ctx, at: usize, s: Sentence) -> Option<UnitMatch>;

    /// The noun that a figure counts, read from token `i` on (the figure's expression ends
    /// at `at`, the search at `limit`): its text and token.
    fn counted_noun(&self, cx: &Ctx, i: usize, at: usize, limit: usize) -> Option<Subject>;

    /// A lower-cased noun's singular by the regular plural endings of `[plural_ending]`
    /// (the longest that fits; at least three letters stay; an ending that stays as it is,
    /// `us = us`, guards words of any length); other words stay as they are.
    fn singular(&self, lower: &str) -> String {
        let endings = self.lexicon().sec(sec::PLURAL_ENDING);
        let best = endings
            .iter()
            .filter(|(ending, replacement)| {
                lower.ends_with(ending)
                    && (ending == replacement
                        || lower.chars().count() >= ending.chars().count() + 3)
            })
            .max_by_key(|(ending, _)| ending.len());
        match best {
            Some((ending, replacement)) => {
                format!("{}{replacement}", &lower[..lower.len() - ending.len()])
            }
            None => lower.to_string(),
        }
    }
}

/// A number written in words: its value and the token after it, or a complete numeral
/// (fractions such as `three-quarters`) that needs no further reading.
pub(crate) enum NumberWords {
    /// A value ending before token `end`.
    Value {
        /// The value.
        value: f64,
        /// One past the last token.
        end: usize,
    },
    /// A fraction ending before token `end`.
    Fraction {
        /// The value.
        value: f64,
        /// One past the last token.
        end: usize,
    },
}

/// What the article rule ([`Language::article_numeral`]) makes of a word.
pub(crate) enum ArticleNumeral {
    /// The word is no article or `half`: other rules decide.
    NoRule,
    /// The word starts this numeral.
    Numeral(Numeral),
    /// The word is an article or `half` but starts no numeral here.
    NotNumeral,
}

/// Every language, in order of preference when detection is undecided.
pub(crate) static LANGUAGES: [&dyn Language; 2] = [&de::German, &en::English];

/// The rules of a language.
#[must_use]
pub(crate) fn get(lang: Lang) -> &'static dyn Language {
    LANGUAGES
        .iter()
        .copied()
        .find(|l| l.id() == lang)
        .unwrap_or(LANGUAGES[0])
}

/// Parses a lexicon file once.
fn lexicon_once(cell: &'static OnceLock<Lexicon>, text: &'static str) -> &'static Lexicon {
    cell.get_or_init(|| Lexicon::parse(text))
}

/// The detection words and letters of every language, gathered once.
struct Detection {
    /// `[detect_word]` entries and the index of their language (the first that lists one).
    words: FxHashMap<&'static str, usize>,
    /// `[detect_letter]` entries (one letter each) and their language.
    letters: Vec<(char, usize)>,
    /// Whether some letter is ASCII (else ASCII words need no letter test).
    ascii_letters: bool,
    /// The longest detection word, in bytes: longer words need no look-up.
    max_word_len: usize,
}

fn detection() -> &'static Detection {
    static DETECTION: OnceLock<Detection> = OnceLock::new();
    DETECTION.get_or_init(|| {
        let mut words = FxHashMap::default();
        let mut letters = Vec::new();
        for (k, language) in LANGUAGES.iter().enumerate() {
            let lex = language.lexicon();
            for word in lex.sec(sec::DETECT_WORD).words() {
                words.entry(word.as_str()).or_insert(k);
            }
            for letter in lex.sec(sec::DETECT_LETTER).words() {
                letters.extend(letter.chars().next().map(|c| (c, k)));
            }
        }
        let ascii_letters = letters.iter().any(|(l, _)| l.is_ascii());
        let max_word_len = words.keys().map(|w| w.len()).max().unwrap_or(0);
        Detection {
            words,
            letters,
            ascii_letters,
            max_word_len,
        }
    })
}

/// The language a word votes for: the first whose `[detect_letter]` letters it contains,
/// else (for short ASCII words when `short_only`) the first whose `[detect_word]` function
/// words hold it.
fn vote(word: &str, short_only: bool) -> Option<usize> {
    let d = detection();
    if d.ascii_letters || !word.is_ascii() {
        // The first language (in table order) one of whose letters the word holds.
        let letter_lang = |c: char| d.letters.iter().find(|(l, _)| *l == c).map(|(_, k)| *k);
        // Where no letter is ASCII, only the others need the search.
        let wanted = |c: &char| d.ascii_letters || !c.is_ascii();
        if let Some(k) = word.chars().filter(wanted).filter_map(letter_lang).min() {
            return Some(k);
        }
    }
    if short_only && (word.len() < 2 || word.len() > 6 || !word.is_ascii()) {
        return None;
    }
    if word.len() > d.max_word_len {
        return None;
    }
    d.words.get(word).copied()
}

/// The language with the most votes; the first of [`LANGUAGES`] when undecided.
fn winner(votes: &[usize]) -> Lang {
    let mut best = 0;
    for (k, v) in votes.iter().enumerate() {
        if *v > votes[best] {
            best = k;
        }
    }
    LANGUAGES[best].id()
}

/// Detects the language of a text from its first 1,500 bytes by its function words and
/// letters (`[detect_word]`, `[detect_letter]`).
#[must_use]
pub fn detect(text: &str) -> Lang {
    let mut end = text.len().min(1_500);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut votes = [0usize; LANGUAGES.len()];
    for word in text[..end].split(|c: char| !c.is_alphabetic()) {
        let lower = word.to_lowercase();
        if let Some(k) = vote(&lower, true) {
            votes[k] += 1;
        }
    }
    winner(&votes)
}

/// Detects the language from the first 120 word tokens of a tokenized text (`lower` is the
/// lower-cased text the tokens index).
#[must_use]
pub fn detect_tokens(lower: &str, toks: &[Token]) -> Lang {
    const WORDS: usize = 120;
    let mut votes = [0usize; LANGUAGES.len()];
    for (seen, t) in toks.iter().filter(|t| t.is_word()).take(WORDS).enumerate() {
        let Some(word) = lower.get(t.start..t.end) else {
            continue;
        };
        if let Some(k) = vote(word, false) {
            votes[k] += 1;
        }
        // Decided once no other language can catch up with the words left.
        let left = WORDS - seen - 1;
        let (mut first, mut second) = (0, 0);
        for &v in &votes {
            if v > first {
                (first, second) = (v, first);
            } else if v > second {
                second = v;
            }
        }
        if first > second + left {
            break;
        }
    }
    winner(&votes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_both_languages() {
        assert_eq!(
            detect("Die Polizei teilte mit, dass mehr als 300 Menschen festgenommen wurden."),
            Lang::De
        );
        assert_eq!(
            detect("The police said that more than 300 people were arrested on Monday."),
            Lang::En
        );
    }

    #[test]
    fn every_language_is_registered_once() {
        for lang in [Lang::De, Lang::En] {
            assert_eq!(get(lang).id(), lang);
        }
    }
}
