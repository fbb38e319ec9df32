//! The word lists that drive extraction, read from the data files under `assets/lexicon/`
//! (built into the binary). A file is a list of `[section]`s; each line is a lower-case entry,
//! optionally `entry = value`. Multi-word entries match token by token.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use crate::model::{Kind, Lang};

const DE: &str = include_str!("../../assets/lexicon/de.txt");
const EN: &str = include_str!("../../assets/lexicon/en.txt");

/// One section: lower-case phrases (words joined by one space) with their optional values.
#[derive(Debug, Default, Clone)]
pub struct Section {
    entries: HashMap<String, String>,
    /// The first token of every entry, for a quick refusal before phrases are built.
    starts: HashSet<String>,
    /// The last token of every entry, likewise for phrases that end at a position.
    ends: HashSet<String>,
    /// The entries as a list, longest first.
    words: Vec<String>,
    /// Which bytes some entry starts with (a one-step test before prefix searches).
    first_bytes: Vec<bool>,
    /// Which bytes some entry ends with (likewise before suffix searches).
    last_bytes: Vec<bool>,
    /// The largest number of words in one entry.
    pub max_words: usize,
}

impl Section {
    /// Whether the phrase is in the section.
    #[must_use]
    pub fn contains(&self, phrase: &str) -> bool {
        self.entries.contains_key(phrase)
    }

    /// The value written after `=`, if the phrase is in the section.
    #[must_use]
    pub fn get(&self, phrase: &str) -> Option<&str> {
        self.entries.get(phrase).map(String::as_str)
    }

    /// The value parsed as a number.
    #[must_use]
    pub fn number(&self, phrase: &str) -> Option<f64> {
        self.get(phrase)?.parse().ok()
    }

    /// Whether some entry starts with this (lower-case) token.
    #[must_use]
    pub fn may_start(&self, token: &str) -> bool {
        self.starts.contains(token)
    }

    /// Whether some entry ends with this (lower-case) token.
    #[must_use]
    pub fn may_end(&self, token: &str) -> bool {
        self.ends.contains(token)
    }

    /// Every entry and its value.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Whether some entry starts with this byte.
    #[must_use]
    pub fn may_start_with_byte(&self, byte: u8) -> bool {
        self.first_bytes
            .get(usize::from(byte))
            .copied()
            .unwrap_or(false)
    }

    /// Whether some entry ends with this byte.
    #[must_use]
    pub fn may_end_with_byte(&self, byte: u8) -> bool {
        self.last_bytes
            .get(usize::from(byte))
            .copied()
            .unwrap_or(false)
    }

    /// Every entry, longest first (for suffix tests in a hot loop).
    #[must_use]
    pub fn words(&self) -> &[String] {
        &self.words
    }

    fn insert(&mut self, phrase: &str, value: &str) {
        let words = phrase.split_whitespace().count();
        self.max_words = self.max_words.max(words);
        let key = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
        self.starts.insert(first_token(&key).to_string());
        self.ends.insert(last_token(&key).to_string());
        self.entries.insert(key, value.to_string());
    }
}

/// The sections whose single-word entries are also kept as per-word bit flags, so that a
/// token's memberships cost one lookup. The index of a name is its bit.
pub const FLAGGED_SECTIONS: [&str; 55] = [
    "approx",
    "over",
    "under",
    "at_least",
    "at_most",
    "filler",
    "range_to",
    "range_and",
    "range_or",
    "range_start",
    "vague",
    "vague_lead",
    "scale",
    "fraction",
    "ordinal",
    "every",
    "unit",
    "currency_sign",
    "month",
    "year_cue",
    "code_prefix",
    "after_excluded",
    "ordinal_cue",
    "stop",
    "subjunctive",
    "carry",
    "speech_verb",
    "speech_particle",
    "cue_before",
    "cue_after",
    "unnamed_source",
    "title",
    "pronoun",
    "descriptor_suffix",
    "not_speaker",
    "action",
    "numeral",
    "abbrev",
    "source_compound",
    "cue_override",
    "headline_not_source",
    "action_particle",
    "speech_verb_inverted",
    "determiner",
    "possessive",
    "limiting",
    "time_preposition",
    "clause_break",
    "clause_boundary",
    "coordination",
    "number_prefix",
    "whole_word_numeral",
    "org_noun",
    "document_compound",
    "unit_suffix",
];

/// A flagged lexicon section, by its bit: `sec::STOP`. Using the constants keeps the per-token
/// membership test to one bit operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sec(pub u32);

/// The flagged sections as constants.
pub mod sec {
    use super::Sec;

    /// `[approx]`
    pub const APPROX: Sec = Sec(0);
    /// `[over]`
    pub const OVER: Sec = Sec(1);
    /// `[under]`
    pub const UNDER: Sec = Sec(2);
    /// `[at_least]`
    pub const AT_LEAST: Sec = Sec(3);
    /// `[at_most]`
    pub const AT_MOST: Sec = Sec(4);
    /// `[filler]`
    pub const FILLER: Sec = Sec(5);
    /// `[range_to]`
    pub const RANGE_TO: Sec = Sec(6);
    /// `[range_and]`
    pub const RANGE_AND: Sec = Sec(7);
    /// `[range_or]`
    pub const RANGE_OR: Sec = Sec(8);
    /// `[range_start]`
    pub const RANGE_START: Sec = Sec(9);
    /// `[vague]`
    pub const VAGUE: Sec = Sec(10);
    /// `[vague_lead]`
    pub const VAGUE_LEAD: Sec = Sec(11);
    /// `[scale]`
    pub const SCALE: Sec = Sec(12);
    /// `[fraction]`
    pub const FRACTION: Sec = Sec(13);
    /// `[ordinal]`
    pub const ORDINAL: Sec = Sec(14);
    /// `[every]`
    pub const EVERY: Sec = Sec(15);
    /// `[unit]`
    pub const UNIT: Sec = Sec(16);
    /// `[currency_sign]`
    pub const CURRENCY_SIGN: Sec = Sec(17);
    /// `[month]`
    pub const MONTH: Sec = Sec(18);
    /// `[year_cue]`
    pub const YEAR_CUE: Sec = Sec(19);
    /// `[code_prefix]`
    pub const CODE_PREFIX: Sec = Sec(20);
    /// `[after_excluded]`
    pub const AFTER_EXCLUDED: Sec = Sec(21);
    /// `[ordinal_cue]`
    pub const ORDINAL_CUE: Sec = Sec(22);
    /// `[stop]`
    pub const STOP: Sec = Sec(23);
    /// `[subjunctive]`
    pub const SUBJUNCTIVE: Sec = Sec(24);
    /// `[carry]`
    pub const CARRY: Sec = Sec(25);
    /// `[speech_verb]`
    pub const SPEECH_VERB: Sec = Sec(26);
    /// `[speech_particle]`
    pub const SPEECH_PARTICLE: Sec = Sec(27);
    /// `[cue_before]`
    pub const CUE_BEFORE: Sec = Sec(28);
    /// `[cue_after]`
    pub const CUE_AFTER: Sec = Sec(29);
    /// `[unnamed_source]`
    pub const UNNAMED_SOURCE: Sec = Sec(30);
    /// `[title]`
    pub const TITLE: Sec = Sec(31);
    /// `[pronoun]`
    pub const PRONOUN: Sec = Sec(32);
    /// `[descriptor_suffix]`
    pub const DESCRIPTOR_SUFFIX: Sec = Sec(33);
    /// `[not_speaker]`
    pub const NOT_SPEAKER: Sec = Sec(34);
    /// `[action]`
    pub const ACTION: Sec = Sec(35);
    /// `[numeral]`
    pub const NUMERAL: Sec = Sec(36);
    /// `[abbrev]`
    pub const ABBREV: Sec = Sec(37);
    /// `[source_compound]`
    pub const SOURCE_COMPOUND: Sec = Sec(38);
    /// `[cue_override]`
    pub const CUE_OVERRIDE: Sec = Sec(39);
    /// `[headline_not_source]`
    pub const HEADLINE_NOT_SOURCE: Sec = Sec(40);
    /// `[action_particle]`
    pub const ACTION_PARTICLE: Sec = Sec(41);
    /// `[speech_verb_inverted]`
    pub const SPEECH_VERB_INVERTED: Sec = Sec(42);
    /// `[determiner]`
    pub const DETERMINER: Sec = Sec(43);
    /// `[possessive]`
    pub const POSSESSIVE: Sec = Sec(44);
    /// `[limiting]`
    pub const LIMITING: Sec = Sec(45);
    /// `[time_preposition]`
    pub const TIME_PREPOSITION: Sec = Sec(46);
    /// `[clause_break]`
    pub const CLAUSE_BREAK: Sec = Sec(47);
    /// `[clause_boundary]`
    pub const CLAUSE_BOUNDARY: Sec = Sec(48);
    /// `[coordination]`
    pub const COORDINATION: Sec = Sec(49);
    /// `[number_prefix]`
    pub const NUMBER_PREFIX: Sec = Sec(50);
    /// `[whole_word_numeral]`
    pub const WHOLE_WORD_NUMERAL: Sec = Sec(51);
    /// `[org_noun]`
    pub const ORG_NOUN: Sec = Sec(52);
    /// `[document_compound]`
    pub const DOCUMENT_COMPOUND: Sec = Sec(53);
    /// `[unit_suffix]`
    pub const UNIT_SUFFIX: Sec = Sec(54);
}

/// The flag bit of a section name, if it is flagged.
#[must_use]
pub fn section_bit(name: &str) -> Option<u32> {
    FLAGGED_SECTIONS
        .iter()
        .position(|n| *n == name)
        .and_then(|p| u32::try_from(p).ok())
}

/// The first token of a phrase as the tokenizer sees it: a run of letters, of digits, or
/// one other character.
fn first_token(phrase: &str) -> &str {
    let mut chars = phrase.char_indices();
    let Some((_, first)) = chars.next() else {
        return "";
    };
    let class = |c: char| {
        if c.is_alphabetic() {
            0
        } else if c.is_ascii_digit() {
            1
        } else {
            2
        }
    };
    let k = class(first);
    if k == 2 {
        return &phrase[..first.len_utf8()];
    }
    let mut end = phrase.len();
    let mut prev_letter = true;
    let mut it = phrase.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if class(c) == k {
            prev_letter = true;
            continue;
        }
        // Hyphens and apostrophes inside words belong to the word.
        let joins = k == 0
            && matches!(c, '-' | '\'' | '\u{2019}')
            && prev_letter
            && it.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        if joins {
            prev_letter = false;
            continue;
        }
        end = i;
        break;
    }
    &phrase[..end]
}

/// The last token of a phrase as the tokenizer sees it: the first token of its reverse.
fn last_token(phrase: &str) -> &str {
    let reversed: String = phrase.chars().rev().collect();
    let len = first_token(&reversed).len();
    &phrase[phrase.len() - len..]
}

/// The word lists of one language.
#[derive(Debug, Default)]
pub struct Lexicon {
    sections: HashMap<String, Section>,
    empty: Section,
    /// For every single-word entry: the bits of the flagged sections holding it, and the bits
    /// of the flagged sections with an entry starting with it.
    flags: HashMap<String, (u64, u64, u64)>,
    /// The flagged sections by bit, for lookups without hashing the name.
    by_bit: Vec<Section>,
}

impl Lexicon {
    /// Parses a lexicon file.
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let mut sections: HashMap<String, Section> = HashMap::default();
        let mut current = String::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = name.trim().to_string();
                sections.entry(current.clone()).or_default();
                continue;
            }
            let (phrase, value) = match line.split_once(" = ") {
                Some((p, v)) => (p.trim(), v.trim()),
                None => (line, ""),
            };
            sections
                .entry(current.clone())
                .or_default()
                .insert(&phrase.to_lowercase(), value);
        }
        for section in sections.values_mut() {
            let mut words: Vec<String> = section.entries.keys().cloned().collect();
            words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            section.first_bytes = vec![false; 256];
            section.last_bytes = vec![false; 256];
            for w in &words {
                if let (Some(&first), Some(&last)) = (w.as_bytes().first(), w.as_bytes().last()) {
                    section.first_bytes[usize::from(first)] = true;
                    section.last_bytes[usize::from(last)] = true;
                }
            }
            section.words = words;
        }
        let mut flags: HashMap<String, (u64, u64, u64)> = HashMap::default();
        for (name, section) in &sections {
            let Some(bit) = section_bit(name) else {
                continue;
            };
            for phrase in section.entries.keys() {
                if !phrase.contains(' ') {
                    flags.entry(phrase.clone()).or_default().0 |= 1 << bit;
                }
            }
            for start in &section.starts {
                flags.entry(start.clone()).or_default().1 |= 1 << bit;
            }
            for end in &section.ends {
                flags.entry(end.clone()).or_default().2 |= 1 << bit;
            }
        }
        let by_bit = FLAGGED_SECTIONS
            .iter()
            .map(|name| sections.get(*name).cloned().unwrap_or_default())
            .collect();
        Self {
            sections,
            empty: Section::default(),
            flags,
            by_bit,
        }
    }

    /// The section bits of a lower-case token: (sections holding it, sections with an entry
    /// starting with it).
    #[must_use]
    pub fn flags(&self, token: &str) -> (u64, u64, u64) {
        self.flags.get(token).copied().unwrap_or_default()
    }

    /// The built-in lexicon of a language.
    #[must_use]
    pub fn get(lang: Lang) -> &'static Lexicon {
        static DE_LEX: OnceLock<Lexicon> = OnceLock::new();
        static EN_LEX: OnceLock<Lexicon> = OnceLock::new();
        match lang {
            Lang::De => DE_LEX.get_or_init(|| Lexicon::parse(DE)),
            Lang::En => EN_LEX.get_or_init(|| Lexicon::parse(EN)),
        }
    }

    /// A flagged section by its constant (no hashing).
    #[must_use]
    pub fn sec(&self, section: Sec) -> &Section {
        self.by_bit.get(section.0 as usize).unwrap_or(&self.empty)
    }

    /// A section by name; an unknown name gives an empty section.
    #[must_use]
    pub fn section(&self, name: &str) -> &Section {
        self.sections.get(name).unwrap_or(&self.empty)
    }

    /// The kind and unit a unit word stands for.
    #[must_use]
    pub fn unit(&self, phrase: &str) -> Option<(Kind, Option<&str>)> {
        let value = self.sec(sec::UNIT).get(phrase)?;
        let (kind, unit) = value.split_once(' ').unwrap_or((value, "-"));
        let kind = Kind::parse(kind)?;
        Some((kind, (unit != "-").then_some(unit)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicons_parse() {
        for lang in [Lang::De, Lang::En] {
            let lex = Lexicon::get(lang);
            assert!(lex.sec(sec::SPEECH_VERB).max_words >= 1);
            assert!(lex.sec(sec::APPROX).max_words >= 2);
            for (word, value) in lex.sec(sec::UNIT).iter() {
                assert!(lex.unit(word).is_some(), "{word} = {value}");
            }
            for word in lex.sec(sec::UNIT_SUFFIX).words() {
                assert!(lex.unit(word).is_some(), "[unit_suffix] {word} is no unit");
            }
            // Every section the code addresses by constant exists in the file.
            for name in FLAGGED_SECTIONS {
                assert!(
                    lex.sections.contains_key(name),
                    "{lang:?} lexicon lacks [{name}]"
                );
            }
            for name in ["vague", "scale", "fraction", "numeral"] {
                for (word, value) in lex.section(name).iter() {
                    assert!(value.parse::<f64>().is_ok(), "[{name}] {word} = {value}");
                }
            }
        }
        let de = Lexicon::get(Lang::De);
        assert!(de.sec(sec::OVER).contains("mehr als"));
        assert_eq!(de.unit("euro"), Some((Kind::Money, Some("EUR"))));
    }
}
