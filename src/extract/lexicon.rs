//! The word lists that drive extraction, read from the data files under `assets/lexicon/`
//! (built into the binary). A file is a list of `[section]`s; each line is a lower-case entry,
//! optionally `entry = value`. Multi-word entries match token by token.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::Kind;

/// One section: lower-case phrases (words joined by one space) with their optional values.
#[derive(Debug, Default, Clone)]
pub struct Section {
    entries: HashMap<String, String>,
    /// The first token of every entry, for a quick refusal before phrases are built.
    starts: HashSet<String>,
    /// The last token of every entry, likewise for phrases that end at a position.
    ends: HashSet<String>,
    /// The entries as a list, longest first, made when first asked for.
    words: std::sync::OnceLock<Vec<String>>,
    /// Which bytes some entry starts with (a one-step test before prefix searches).
    first_bytes: Vec<bool>,
    /// Which bytes some entry ends with (likewise before suffix searches).
    last_bytes: Vec<bool>,
    /// The byte lengths of the entries, each once, longest first: a suffix or prefix search
    /// looks up one slice of the word per length instead of comparing every entry.
    lengths: Vec<usize>,
    /// The first two bytes of every entry, sorted (empty when an entry has one byte only):
    /// most words share them with no entry and are refused with a binary search.
    first_pairs: Vec<[u8; 2]>,
    /// Likewise the last two bytes.
    last_pairs: Vec<[u8; 2]>,
    /// A bit per hash of the first three bytes of every entry of three bytes or more (see
    /// [`three_bit`]): a word whose bit is clear can only start with a shorter entry.
    first_threes: Vec<u64>,
    /// Likewise the last three bytes.
    last_threes: Vec<u64>,
    /// The largest number of words in one entry.
    pub max_words: usize,
    /// The longest entry, in bytes.
    pub max_len: usize,
    /// A bit per hash of the byte length and the last two bytes of every entry (see
    /// [`shape_bit`]): a phrase whose bit is clear is no entry, known without hashing it.
    shapes: Vec<u64>,
    /// The section's flag bit, when it is a declared section: whether an entry starts or
    /// ends with a token is then one bit of the token's flags, not a hash lookup.
    pub bit: Option<Sec>,
}

/// The `u64` words of the three-byte bitmaps of a section (4,096 bits).
const THREE_WORDS: usize = 64;

/// The bit of three bytes in a section's three-byte bitmaps: a multiplicative hash.
fn three_bit(b: [u8; 3]) -> usize {
    let x = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
    (x.wrapping_mul(0x9e37_79b1) >> 20) as usize
}

/// The bit of a phrase in a section's bitmap of shapes: a hash of its byte length and last
/// two bytes.
fn shape_bit(b: &[u8]) -> usize {
    let n = b.len();
    let last = |k: usize| {
        n.checked_sub(k)
            .and_then(|at| b.get(at))
            .copied()
            .unwrap_or(0)
    };
    three_bit([u8::try_from(n).unwrap_or(u8::MAX), last(2), last(1)])
}

/// Whether bit `at` of a bitmap is set (false past its end).
pub(crate) fn has_bit(bits: &[u64], at: usize) -> bool {
    bits.get(at / 64).is_some_and(|w| w & (1 << (at % 64)) != 0)
}

/// Sets bit `at` of a bitmap (none past its end).
pub(crate) fn set_bit(bits: &mut [u64], at: usize) {
    if let Some(w) = bits.get_mut(at / 64) {
        *w |= 1 << (at % 64);
    }
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

    /// Whether the phrase may be an entry: false is certain (its length and last bytes fit
    /// none), true needs the lookup.
    #[must_use]
    pub fn may_be(&self, phrase: &str) -> bool {
        phrase.len() <= self.max_len && has_bit(&self.shapes, shape_bit(phrase.as_bytes()))
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

    /// Every entry, longest first (the same length in byte order).
    #[must_use]
    pub fn words(&self) -> &[String] {
        self.words.get_or_init(|| {
            let mut words: Vec<String> = self.entries.keys().cloned().collect();
            words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            words
        })
    }

    /// The entry lengths a search of a word of `n` bytes looks up, longest first: none above
    /// `n`, none of three bytes or more unless `long` may match, none at all when neither
    /// `long` nor `short` may.
    fn lengths_to_try(&self, n: usize, long: bool, short: bool) -> &[usize] {
        if !long && !short {
            return &[];
        }
        // The lengths run longest first: skip those above `n`, and without `long` those of
        // three bytes or more.
        let mut from = self.lengths.partition_point(|&len| len > n);
        if !long {
            from = from.max(self.lengths.partition_point(|&len| len >= 3));
        }
        self.lengths.get(from..).unwrap_or(&[])
    }

    /// The entries that `word` ends with, longest first: the entries of [`Section::words`]
    /// that are a suffix of `word`, in that order (of one length only one can be).
    pub fn suffixes_of<'s>(&'s self, word: &'s str) -> impl Iterator<Item = &'s str> + 's {
        let b = word.as_bytes();
        let n = b.len();
        // Entries of three bytes or more need the word's last three bytes to have their bit;
        // shorter ones its last byte and pair.
        let may = b.last().is_some_and(|&x| self.may_end_with_byte(x));
        let long =
            may && n >= 3 && has_bit(&self.last_threes, three_bit([b[n - 3], b[n - 2], b[n - 1]]));
        let short = may
            && self.lengths.last().is_some_and(|&m| m < 3)
            && (self.last_pairs.is_empty()
                || n < 2
                || self.last_pairs.binary_search(&[b[n - 2], b[n - 1]]).is_ok());
        self.lengths_to_try(n, long, short)
            .iter()
            .filter(move |&&len| len >= 3 || short)
            .filter_map(move |&len| {
                let tail = word.get(n - len..)?;
                self.entries.get_key_value(tail).map(|(k, _)| k.as_str())
            })
    }

    /// The entries that `word` starts with, longest first (as [`Section::suffixes_of`]).
    pub fn prefixes_of<'s>(&'s self, word: &'s str) -> impl Iterator<Item = &'s str> + 's {
        let b = word.as_bytes();
        let n = b.len();
        let may = b.first().is_some_and(|&x| self.may_start_with_byte(x));
        let long = may && n >= 3 && has_bit(&self.first_threes, three_bit([b[0], b[1], b[2]]));
        let short = may
            && self.lengths.last().is_some_and(|&m| m < 3)
            && (self.first_pairs.is_empty()
                || n < 2
                || self.first_pairs.binary_search(&[b[0], b[1]]).is_ok());
        self.lengths_to_try(n, long, short)
            .iter()
            .filter(move |&&len| len >= 3 || short)
            .filter_map(move |&len| {
                let head = word.get(..len)?;
                self.entries.get_key_value(head).map(|(k, _)| k.as_str())
            })
    }

    /// Whether `word` ends with some entry.
    #[must_use]
    pub fn ends_any(&self, word: &str) -> bool {
        self.suffixes_of(word).next().is_some()
    }

    /// Adds a lower-case phrase, its words joined by single spaces.
    fn insert(&mut self, phrase: String, value: &str) {
        // Most entries are ASCII, tested by bytes.
        let single_spaced = if phrase.is_ascii() {
            let b = phrase.as_bytes();
            !b.iter().any(|&c| c.is_ascii_whitespace() && c != b' ')
                && !b.windows(2).any(|w| w == b"  ")
                && b.first() != Some(&b' ')
                && b.last() != Some(&b' ')
        } else {
            !phrase.contains(|c: char| c.is_whitespace() && c != ' ')
                && !phrase.contains("  ")
                && phrase.trim() == phrase
        };
        let key = if single_spaced {
            phrase
        } else {
            phrase.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        // One space between words, none at the ends: the words are the spaces and one.
        let words = if key.is_empty() {
            0
        } else {
            key.bytes().filter(|&b| b == b' ').count() + 1
        };
        self.max_words = self.max_words.max(words);
        // Most first and last tokens are known already: no string is made for them.
        let first = first_token(&key);
        if !self.starts.contains(first) {
            self.starts.insert(first.to_string());
        }
        let last = last_token(&key);
        if !self.ends.contains(last) {
            self.ends.insert(last.to_string());
        }
        self.entries.insert(key, value.to_string());
    }
}

/// Declares every lexicon section once: its constant and its name in the data files. The
/// order gives each section its flag bit, so that a token's memberships cost one lookup.
macro_rules! sections {
    ($($constant:ident = $name:literal,)*) => {
        /// Every section, as constants: `sec::STOP`.
        pub mod sec {
            use super::Sec;
            #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
            #[repr(u32)]
            enum Bit { $($constant,)* }
            $(
                #[doc = concat!("`[", $name, "]`")]
                pub const $constant: Sec = Sec(Bit::$constant as u32);
            )*
        }
        /// The names of the sections, by bit.
        pub const SECTIONS: &[&str] = &[$($name,)*];
    };
}

/// How many sections can have a flag bit. Every declared section has one (checked when
/// compiling); more sections need a wider [`Bits`].
pub const FLAG_BITS: u32 = 2 * u128::BITS;

const _: () = assert!(
    SECTIONS.len() <= FLAG_BITS as usize,
    "more lexicon sections than flag bits: widen `Bits`"
);

/// One bit per section below [`FLAG_BITS`].
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bits([u128; 2]);

impl Bits {
    /// Sets the bit of a section.
    fn set(&mut self, bit: u32) {
        self.0[(bit / u128::BITS) as usize] |= 1 << (bit % u128::BITS);
    }

    /// The bits of some sections (a mask to test several at once).
    #[must_use]
    pub const fn of(sections: &[Sec]) -> Self {
        let mut bits = [0u128; 2];
        let mut k = 0;
        while k < sections.len() {
            let bit = sections[k].0;
            bits[(bit / u128::BITS) as usize] |= 1 << (bit % u128::BITS);
            k += 1;
        }
        Self(bits)
    }

    /// Whether any bit of `mask` is set.
    #[must_use]
    pub fn any(self, mask: Bits) -> bool {
        (self.0[0] & mask.0[0]) | (self.0[1] & mask.0[1]) != 0
    }

    /// Whether the bit of a section is set.
    #[must_use]
    pub fn has(self, section: Sec) -> bool {
        let word = (section.0 / u128::BITS) as usize;
        self.0
            .get(word)
            .is_some_and(|w| w & (1 << (section.0 % u128::BITS)) != 0)
    }
}

/// A lexicon section, by its bit: `sec::STOP`. Using the constants keeps the per-token
/// membership test to one bit operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sec(pub u32);

sections! {
    APPROX = "approx",
    OVER = "over",
    UNDER = "under",
    AT_LEAST = "at_least",
    AT_MOST = "at_most",
    FILLER = "filler",
    RANGE_TO = "range_to",
    RANGE_AND = "range_and",
    RANGE_OR = "range_or",
    RANGE_START = "range_start",
    VAGUE = "vague",
    VAGUE_LEAD = "vague_lead",
    SCALE = "scale",
    FRACTION = "fraction",
    ORDINAL = "ordinal",
    EVERY = "every",
    UNIT = "unit",
    CURRENCY_SIGN = "currency_sign",
    MONTH = "month",
    YEAR_CUE = "year_cue",
    CODE_PREFIX = "code_prefix",
    AFTER_EXCLUDED = "after_excluded",
    ORDINAL_CUE = "ordinal_cue",
    STOP = "stop",
    SUBJUNCTIVE = "subjunctive",
    CARRY = "carry",
    SPEECH_VERB = "speech_verb",
    SPEECH_PARTICLE = "speech_particle",
    CUE_BEFORE = "cue_before",
    CUE_AFTER = "cue_after",
    UNNAMED_SOURCE = "unnamed_source",
    TITLE = "title",
    PRONOUN = "pronoun",
    NEUTER_PRONOUN = "neuter_pronoun",
    ADJECTIVE_NOT_OWNER = "adjective_not_owner",
    SPEAKS_FOR_OWNER = "speaks_for_owner",
    HEAD_MODIFIER = "head_modifier",
    DESCRIPTOR_SUFFIX = "descriptor_suffix",
    NOT_SPEAKER = "not_speaker",
    ACTION = "action",
    NUMERAL = "numeral",
    ABBREV = "abbrev",
    SOURCE_COMPOUND = "source_compound",
    CUE_OVERRIDE = "cue_override",
    HEADLINE_NOT_SOURCE = "headline_not_source",
    ACTION_PARTICLE = "action_particle",
    SPEECH_VERB_INVERTED = "speech_verb_inverted",
    DETERMINER = "determiner",
    POSSESSIVE = "possessive",
    LIMITING = "limiting",
    TIME_PREPOSITION = "time_preposition",
    CLAUSE_BREAK = "clause_break",
    CLAUSE_BOUNDARY = "clause_boundary",
    COORDINATION = "coordination",
    NUMBER_PREFIX = "number_prefix",
    WHOLE_WORD_NUMERAL = "whole_word_numeral",
    ORG_NOUN = "org_noun",
    DOCUMENT_COMPOUND = "document_compound",
    UNIT_SUFFIX = "unit_suffix",
    YEAR_DETERMINER = "year_determiner",
    NUMERAL_START = "numeral_start",
    ONE_COUNTING = "one_counting",
    ONE_NOT_BEFORE = "one_not_before",
    ONE_NOT_AFTER = "one_not_after",
    ONE_FILLER = "one_filler",
    RANGE_FROM = "range_from",
    RANGE_NOT_AFTER_TO = "range_not_after_to",
    RANGE_GROUP = "range_group",
    HALF = "half",
    HALF_BEFORE = "half_before",
    HALF_BEFORE_IN_SPAN = "half_before_in_span",
    HALF_AFTER = "half_after",
    ONE_ARTICLE = "one_article",
    VAGUE_FACTOR = "vague_factor",
    PROPORTION_LINK = "proportion_link",
    ADJECTIVE_ENDING = "adjective_ending",
    DETECT_WORD = "detect_word",
    DETECT_LETTER = "detect_letter",
    FIGURE_COORDINATION = "figure_coordination",
    WORTH_NOUN_SUFFIX = "worth_noun_suffix",
    QUANTITY_OF = "quantity_of",
    AT_LEAST_AFTER = "at_least_after",
    WORTH_QUALIFIER = "worth_qualifier",
    AMONG_QUALIFIER = "among_qualifier",
    PERIOD_QUALIFIER = "period_qualifier",
    PERIOD_NOT_AFTER = "period_not_after",
    SUBJECT_SKIP = "subject_skip",
    ADDITIONAL = "additional",
    SUBJECT_ADJECTIVE = "subject_adjective",
    STOP_ADJECTIVE = "stop_adjective",
    PLURAL_NOUN = "plural_noun",
    NOT_NOUN_SUFFIX = "not_noun_suffix",
    COUNT_NOUN = "count_noun",
    COMMA_CUE = "comma_cue",
    REPORTED_AUX = "reported_aux",
    ACTION_NEEDS_NEXT = "action_needs_next",
    TITLE_INFLECTION = "title_inflection",
    OWNER_LINK = "owner_link",
    ATTRIBUTE_PREPOSITION = "attribute_preposition",
    ATTRIBUTE_ENDING = "attribute_ending",
    POSSESSIVE_SUFFIX = "possessive_suffix",
    NAME_CONNECTOR = "name_connector",
    PHRASE_ATTACHMENT = "phrase_attachment",
    NAME_JOINER = "name_joiner",
    NAME_JOINER_BEFORE_CUE = "name_joiner_before_cue",
    RELATIVE_PRONOUN = "relative_pronoun",
    PASSIVE_AUX = "passive_aux",
    PASSIVE_ADVERB = "passive_adverb",
    AGENT_MARKER = "agent_marker",
    DEMONSTRATIVE = "demonstrative",
    ADVERB_ENDING = "adverb_ending",
    NOT_INVERTED_SUBJECT = "not_inverted_subject",
    FINITE_AUX = "finite_aux",
    PERFECT_AUX = "perfect_aux",
    NOMINATIVE_ARTICLE = "nominative_article",
    ASIDE_PARTICIPLE_ENDING = "aside_participle_ending",
    INVERTED_PHRASE_END = "inverted_phrase_end",
    LINKING_S_STEM = "linking_s_stem",
    CUE_START = "cue_start",
    CUE_BEFORE_UNNAMED = "cue_before_unnamed",
    CUE_BEFORE_UNNAMED_NEEDS_ARTICLE = "cue_before_unnamed_needs_article",
    UNNAMED_OWNER_LINK = "unnamed_owner_link",
    SOURCE_FROM = "source_from",
    SOURCE_FROM_VERB = "source_from_verb",
    UNNAMED_CUE_LINK = "unnamed_cue_link",
    IMPERSONAL_CUE = "impersonal_cue",
    IMPERSONAL_SUBJECT = "impersonal_subject",
    IMPERSONAL_SOURCE_LINK = "impersonal_source_link",
    VERB_NOT_AFTER = "verb_not_after",
    CUE_NEEDS_BREAK = "cue_needs_break",
    COMPLEMENTIZER = "complementizer",
    CUE_WITH_PREPOSITION = "cue_with_preposition",
    NOUN_FOLLOWER = "noun_follower",
    PLURAL_NOUN_FOLLOWER = "plural_noun_follower",
    SUBJECT_PRONOUN = "subject_pronoun",
    POINTS_BACK = "points_back",
    PAST_AUX = "past_aux",
    FIGURES_VERB = "figures_verb",
    FIGURES_FROM = "figures_from",
    PARTICIPLE_SUFFIX = "participle_suffix",
    OWN = "own",
    MORE_OF_SAME = "more_of_same",
    COUNTED_BEFORE = "counted_before",
    NUMERAL_JOINER = "numeral_joiner",
    MULTIPLIER_PREFIX = "multiplier_prefix",
    MULTIPLIER_WORD = "multiplier_word",
    CODE_COMPOUND_SUFFIX = "code_compound_suffix",
    AGE_CUE = "age_cue",
    AGE_LINK = "age_link",
    AGE_LINK_SECOND = "age_link_second",
    AGE_COMPARATIVE = "age_comparative",
    AGE_THAN = "age_than",
    AGE_UNIT = "age_unit",
    AGE_OLD = "age_old",
    AGE_RANGE_LINK = "age_range_link",
    AND_A_HALF = "and_a_half",
    PLURAL_ENDING = "plural_ending",
    CHANGE_COMPARATIVE = "change_comparative",
    CHANGE_THAN = "change_than",
    CHANGE_BY = "change_by",
    CHANGE_VERB = "change_verb",
    CHANGE_PARTICLE = "change_particle",
    CHANGE_NOUN = "change_noun",
    CHANGE_NOUN_LINK = "change_noun_link",
    CHANGE_DIRECTION = "change_direction",
    CHANGE_DIRECTION_NOT_AFTER = "change_direction_not_after",
    CHANGE_NEW_LEVEL = "change_new_level",
    CHANGE_OLD_LEVEL = "change_old_level",
    DATE_CUE = "date_cue",
    CHANGE_ADDITIONAL = "change_additional",
    CHANGE_ENUMERATING_ACTION = "change_enumerating_action",
    SPEECH_LEAD = "speech_lead",
    RELATIVE_CLAUSE_START = "relative_clause_start",
    SUBJUNCTIVE_MAIN = "subjunctive_main",
    OBJECT_ARTICLE = "object_article",
    IMPERSONAL_PRONOUN = "impersonal_pronoun",
    NEGATIVE_SIGN = "negative_sign",
    FRACTION_SIGN = "fraction_sign",
    DECIMAL_WORD = "decimal_word",
    IMPERSONAL_PHRASE = "impersonal_phrase",
    QUOTED_WITH = "quoted_with",
    CUE_NOT_REFLEXIVE = "cue_not_reflexive",
    REFLEXIVE = "reflexive",
    SUBJUNCTIVE_CONDITIONAL = "subjunctive_conditional",
    REPORTIVE = "reportive",
    SUBUNIT = "subunit",
    COPULA = "copula",
    NORM_NOUN = "norm_noun",
    RELATIVE_CUE = "relative_cue",
    ACTOR_SUFFIX = "actor_suffix",
    TOLL_VERB = "toll_verb",
    TOLL_NOUN = "toll_noun",
    SEPARABLE_PREFIX = "separable_prefix",
    PREPOSITION_PARTICLE = "preposition_particle",
    FINAL_PARTICLE = "final_particle",
    SUBJUNCTIVE_AMBIGUOUS = "subjunctive_ambiguous",
    PAST_INDICATIVE = "past_indicative",
    PREPOSITION_QUALIFIER = "preposition_qualifier",
    FOCUS_PARTICLE = "focus_particle",
    ADDRESSEE_VERB = "addressee_verb",
    UNNAMED_PERSON = "unnamed_person",
    ANAPHORIC_NOUN = "anaphoric_noun",
    ANAPHORIC_DETERMINER = "anaphoric_determiner",
    LOCAL_BODY = "local_body",
    PLACE_LINK = "place_link",
    GROUP_PRONOUN = "group_pronoun",
    MEDIA = "media",
    GENITIVE_ARTICLE = "genitive_article",
    ADJECTIVE_ENDING_NOT_PLACE = "adjective_ending_not_place",
    DOCUMENT_NOUN = "document_noun",
    PHRASE_POSTMODIFIER = "phrase_postmodifier",
    NAME_DESCRIPTOR = "name_descriptor",
    OWN_WORD = "own_word",
    ADJECTIVE_NAME_ENDING = "adjective_name_ending",
    HEADLINE_TAG = "headline_tag",
    STATE_ORGAN = "state_organ",
    LOCAL_ORGAN = "local_organ",
}

/// The flag bit of a section name, if it is declared.
#[must_use]
pub fn section_bit(name: &str) -> Option<u32> {
    SECTIONS
        .iter()
        .position(|n| *n == name)
        .and_then(|p| u32::try_from(p).ok())
}

/// Sets bits of `word`'s flags in the map being built; the word is copied only the first
/// time.
fn set_flags(flags: &mut HashMap<String, TokenFlags>, word: &str, set: impl Fn(&mut TokenFlags)) {
    if let Some(f) = flags.get_mut(word) {
        set(f);
        return;
    }
    let mut f = TokenFlags::default();
    set(&mut f);
    flags.insert(word.to_string(), f);
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
    // Most phrases end in a word of ASCII letters or digits after a space: that word.
    let tail = phrase.rsplit(' ').next().unwrap_or(phrase);
    let all = |f: fn(&u8) -> bool| !tail.is_empty() && tail.as_bytes().iter().all(f);
    if all(u8::is_ascii_alphabetic) || all(u8::is_ascii_digit) {
        return tail;
    }
    let reversed: String = phrase.chars().rev().collect();
    let len = first_token(&reversed).len();
    &phrase[phrase.len() - len..]
}

/// A token's lexicon memberships, one bit per section (see [`sec`]).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenFlags {
    /// The sections holding the token as a one-word entry.
    pub entry: Bits,
    /// The sections with an entry starting with the token.
    pub starts: Bits,
    /// The sections with an entry ending with the token.
    pub ends: Bits,
}

/// The flags of every single-word entry, in an open-addressing table built for the one
/// look-up made for every token of every article. A slot holds the word's length and its
/// first and last eight bytes, which together are the whole word up to 16 bytes, so that
/// most look-ups read one slot and compare no string; longer words are compared in full.
/// Most tokens are no entry: their search ends at the first empty slot.
#[derive(Debug, Default)]
struct FlagTable {
    slots: Vec<FlagSlot>,
    /// The distinct flags, which slots index.
    flags: Vec<TokenFlags>,
    /// The words longer than 16 bytes, one after another (slots give their offset).
    long_words: String,
    /// `64 - log2(slots.len())`: the hash's top bits pick the first slot.
    shift: u32,
}

#[derive(Debug, Default, Clone, Copy)]
struct FlagSlot {
    /// The word's length in bytes; 0 for an empty slot (no entry is empty).
    len: u32,
    /// Index into `flags`.
    value: u32,
    /// Where a word longer than 16 bytes starts in `long_words`.
    offset: u32,
    first: u64,
    last: u64,
}

/// The first and last eight bytes of `bytes[start..end]` as numbers, zero-padded when the
/// word is shorter. The bytes after a short word are read in one load where the text goes
/// on for eight bytes, and masked off.
#[inline]
fn word_ends(bytes: &[u8], start: usize, end: usize) -> (u64, u64) {
    let len = end - start;
    let first = match crate::extract::token::eight_bytes(bytes, start) {
        Some(v) if len >= 8 => v,
        Some(v) => v & ((1u64 << (8 * len)) - 1),
        None => short_tail(bytes, start, end),
    };
    let last = if len > 8 {
        crate::extract::token::eight_bytes(bytes, end - 8).unwrap_or(first)
    } else {
        first
    };
    (first, last)
}

/// A short word within eight bytes of the end of its text, byte by byte.
#[cold]
#[inline(never)]
fn short_tail(bytes: &[u8], start: usize, end: usize) -> u64 {
    bytes
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .take(8)
        .enumerate()
        .fold(0u64, |v, (k, &b)| v | u64::from(b) << (8 * k))
}

impl FlagTable {
    fn new(entries: &HashMap<String, TokenFlags>) -> Self {
        let size = (entries.len() * 4).next_power_of_two().max(16);
        let mut table = Self {
            slots: vec![FlagSlot::default(); size],
            flags: Vec::new(),
            long_words: String::new(),
            shift: 64 - size.trailing_zeros(),
        };
        let mut distinct: HashMap<TokenFlags, u32> = HashMap::default();
        // (Where an entry lands depends on the order of insertion, what is found does not.)
        for (word, flags) in entries {
            if word.is_empty() || u32::try_from(word.len()).is_err() {
                continue;
            }
            let value = *distinct.entry(*flags).or_insert_with(|| {
                table.flags.push(*flags);
                (table.flags.len() - 1) as u32
            });
            let (first, last) = word_ends(word.as_bytes(), 0, word.len());
            let offset = table.long_words.len() as u32;
            if word.len() > 16 {
                table.long_words.push_str(word);
            }
            let mut at = table.first_slot(word.len(), first, last);
            while table.slots[at].len != 0 {
                at = (at + 1) & (size - 1);
            }
            table.slots[at] = FlagSlot {
                len: word.len() as u32,
                value,
                offset,
                first,
                last,
            };
        }
        table
    }

    fn first_slot(&self, len: usize, first: u64, last: u64) -> usize {
        let h = (first.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ last.rotate_left(29).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ len as u64)
            .wrapping_mul(0x1656_67B1_9E37_79F9);
        (h >> self.shift) as usize
    }

    #[cfg(test)]
    fn get(&self, word: &str) -> Option<&TokenFlags> {
        self.get_in(word.as_bytes(), 0, word.len())
    }

    /// The flags of the word `bytes[start..end]`, if it is an entry.
    #[inline]
    fn get_in(&self, bytes: &[u8], start: usize, end: usize) -> Option<&TokenFlags> {
        let len = end.checked_sub(start)?;
        if len == 0 || end > bytes.len() || self.slots.is_empty() {
            return None;
        }
        let (first, last) = word_ends(bytes, start, end);
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(len, first, last);
        loop {
            let slot = self.slots.get(at & mask)?;
            if slot.len == 0 {
                return None;
            }
            if slot.len as usize == len
                && slot.first == first
                && slot.last == last
                && (len <= 16 || self.long_word_at(slot, &bytes[start..end]))
            {
                return self.flags.get(slot.value as usize);
            }
            at = (at + 1) & mask;
        }
    }

    /// Whether a word longer than 16 bytes is the one of `slot`.
    #[inline(never)]
    fn long_word_at(&self, slot: &FlagSlot, w: &[u8]) -> bool {
        let at = slot.offset as usize;
        self.long_words.as_bytes().get(at..at + w.len()) == Some(w)
    }
}

/// The word lists of one language.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// The names of the sections the file holds, to check them against [`SECTIONS`].
    #[cfg(test)]
    file_sections: Vec<String>,
    empty: Section,
    /// For every single-word entry: the bits of the flagged sections holding it, and the bits
    /// of the flagged sections with an entry starting with it.
    flags: FlagTable,
    /// The flags of the one-byte tokens (punctuation, single letters and digits), by byte.
    ascii_flags: Vec<TokenFlags>,
    /// The flagged sections by bit, for lookups without hashing the name.
    by_bit: Vec<Section>,
}

impl Lexicon {
    /// Parses a lexicon file.
    #[must_use]
    pub fn parse(text: &str) -> Self {
        let mut sections: HashMap<String, Section> = HashMap::default();
        let mut current = "";
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                current = name.trim();
                sections.entry(current.to_string()).or_default();
                continue;
            }
            // `entry = value`: the first ` = ` (found from its `=`, without a substring search).
            let b = line.as_bytes();
            let eq = memchr::memchr_iter(b'=', b)
                .find(|&j| j > 0 && b[j - 1] == b' ' && b.get(j + 1) == Some(&b' '));
            let (phrase, value) = match eq {
                Some(j) => (line[..j - 1].trim(), line[j + 2..].trim()),
                None => (line, ""),
            };
            let section = match sections.get_mut(current) {
                Some(section) => section,
                None => sections.entry(current.to_string()).or_default(),
            };
            let lower = if phrase.is_ascii() {
                phrase.to_ascii_lowercase()
            } else {
                phrase.to_lowercase()
            };
            section.insert(lower, value);
        }
        for section in sections.values_mut() {
            // The entries are read where they are: no copy of a string at start-up.
            let words: Vec<&[u8]> = section.entries.keys().map(String::as_bytes).collect();
            section.first_bytes = vec![false; 256];
            section.last_bytes = vec![false; 256];
            for w in &words {
                if let (Some(&first), Some(&last)) = (w.first(), w.last()) {
                    section.first_bytes[usize::from(first)] = true;
                    section.last_bytes[usize::from(last)] = true;
                }
            }
            section.lengths = words.iter().map(|w| w.len()).collect();
            section.lengths.sort_unstable_by(|a, b| b.cmp(a));
            section.lengths.dedup();
            if words.iter().all(|w| w.len() >= 2) {
                section.first_pairs = words.iter().map(|w| [w[0], w[1]]).collect();
                section.last_pairs = words
                    .iter()
                    .map(|w| [w[w.len() - 2], w[w.len() - 1]])
                    .collect();
                section.first_pairs.sort_unstable();
                section.first_pairs.dedup();
                section.last_pairs.sort_unstable();
                section.last_pairs.dedup();
            }
            section.first_threes = vec![0; THREE_WORDS];
            section.last_threes = vec![0; THREE_WORDS];
            for w in words.iter().filter(|w| w.len() >= 3) {
                let n = w.len();
                set_bit(&mut section.first_threes, three_bit([w[0], w[1], w[2]]));
                set_bit(
                    &mut section.last_threes,
                    three_bit([w[n - 3], w[n - 2], w[n - 1]]),
                );
            }
            section.max_len = section.lengths.first().copied().unwrap_or(0);
            section.shapes = vec![0; THREE_WORDS];
            for w in &words {
                set_bit(&mut section.shapes, shape_bit(w));
            }
        }
        let mut flags: HashMap<String, TokenFlags> = HashMap::default();
        for (name, section) in &sections {
            let Some(bit) = section_bit(name) else {
                continue;
            };
            for phrase in section.entries.keys() {
                if !phrase.contains(' ') {
                    set_flags(&mut flags, phrase, |f| f.entry.set(bit));
                }
            }
            for start in &section.starts {
                set_flags(&mut flags, start, |f| f.starts.set(bit));
            }
            for end in &section.ends {
                set_flags(&mut flags, end, |f| f.ends.set(bit));
            }
        }
        #[cfg(test)]
        let file_sections = {
            let mut names: Vec<String> = sections.keys().cloned().collect();
            names.sort();
            names
        };
        let by_bit = SECTIONS
            .iter()
            .zip(0..)
            .map(|(name, bit)| Section {
                bit: Some(Sec(bit)),
                ..sections.remove(*name).unwrap_or_default()
            })
            .collect();
        let ascii_flags = (0..128u8)
            .map(|b| {
                let key = char::from(b).to_string();
                flags.get(&key).copied().unwrap_or_default()
            })
            .collect();
        let flags = FlagTable::new(&flags);
        Self {
            #[cfg(test)]
            file_sections,
            empty: Section::default(),
            flags,
            ascii_flags,
            by_bit,
        }
    }

    /// The section bits of the lower-case token `lower[start..end]` (nothing past the end).
    #[must_use]
    #[inline]
    pub fn flags_in(&self, lower: &[u8], start: usize, end: usize) -> &TokenFlags {
        static NONE: TokenFlags = TokenFlags {
            entry: Bits([0; 2]),
            starts: Bits([0; 2]),
            ends: Bits([0; 2]),
        };
        if end == start + 1
            && let Some(flags) = lower
                .get(start)
                .and_then(|b| self.ascii_flags.get(usize::from(*b)))
        {
            return flags;
        }
        self.flags.get_in(lower, start, end).unwrap_or(&NONE)
    }

    /// A flagged section by its constant (no hashing).
    #[must_use]
    pub fn sec(&self, section: Sec) -> &Section {
        self.by_bit.get(section.0 as usize).unwrap_or(&self.empty)
    }

    /// The names of the sections in the file, sorted.
    #[cfg(test)]
    #[must_use]
    pub fn file_sections(&self) -> &[String] {
        &self.file_sections
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
    use crate::model::Lang;

    #[test]
    fn the_last_token_is_the_first_of_the_reversed_phrase() {
        let reversed = |p: &str| {
            let r: String = p.chars().rev().collect();
            let len = first_token(&r).len();
            p[p.len() - len..].to_string()
        };
        let mut phrases: Vec<String> = [Lang::De, Lang::En]
            .iter()
            .flat_map(|&l| {
                let lex = crate::extract::lang::get(l).lexicon();
                SECTIONS
                    .iter()
                    .zip(0..)
                    .flat_map(|(_, bit)| lex.sec(Sec(bit)).words().to_vec())
                    .collect::<Vec<_>>()
            })
            .collect();
        phrases.extend(
            [
                "", " ", "a", "7", "u.s.", "10 000", "x-ray", "o'neill", "ab 12", "z. b.", "über",
                "5%",
            ]
            .map(String::from),
        );
        for p in &phrases {
            assert_eq!(last_token(p), reversed(p), "{p:?}");
        }
    }

    #[test]
    fn the_flag_table_finds_what_a_hash_map_finds() {
        let mut rng = crate::bench::Rng(11);
        let alphabet = ["a", "b", "e", "n", "s", "ä", "ß", "-", "1", "é"];
        let word = |rng: &mut crate::bench::Rng, len: usize| -> String {
            (0..len)
                .map(|_| alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])
                .collect()
        };
        let mut map: HashMap<String, TokenFlags> = HashMap::default();
        for k in 0..3000u32 {
            let len = 1 + (rng.next_u64() % 24) as usize;
            let mut flags = TokenFlags::default();
            flags.entry.set(k % 200);
            flags.starts.set((k * 7) % 200);
            map.insert(word(&mut rng, len), flags);
        }
        let table = FlagTable::new(&map);
        for (w, flags) in &map {
            assert_eq!(table.get(w), Some(flags), "{w}");
            // The same word one byte shorter or longer, or with its last byte changed.
            for other in [
                format!("{w}a"),
                w.chars().skip(1).collect::<String>(),
                format!(
                    "{}n",
                    w.chars().take(w.chars().count() - 1).collect::<String>()
                ),
            ] {
                assert_eq!(table.get(&other), map.get(&other), "{other}");
            }
        }
        for _ in 0..20_000 {
            let len = (rng.next_u64() % 30) as usize;
            let w = word(&mut rng, len);
            assert_eq!(table.get(&w), map.get(&w), "{w}");
        }
        assert_eq!(FlagTable::new(&HashMap::default()).get("a"), None);
    }

    #[test]
    fn prefix_and_suffix_searches_find_every_entry_they_should() {
        for lang in [Lang::De, Lang::En] {
            let lex = crate::extract::lang::get(lang).lexicon();
            for (bit, name) in SECTIONS.iter().enumerate() {
                let section = lex.sec(Sec(u32::try_from(bit).unwrap_or(0)));
                let entries: Vec<&str> = section.words().iter().map(String::as_str).collect();
                // A sample of the entries, each as itself and inside longer words.
                for entry in entries.iter().step_by(entries.len() / 200 + 1) {
                    for word in [
                        (*entry).to_string(),
                        format!("{entry}ung"),
                        format!("ge{entry}"),
                        format!("x{entry}s"),
                    ] {
                        let prefixes: Vec<&str> = section.prefixes_of(&word).collect();
                        let suffixes: Vec<&str> = section.suffixes_of(&word).collect();
                        let want_p: Vec<&str> = entries
                            .iter()
                            .copied()
                            .filter(|e| word.starts_with(e))
                            .collect();
                        let want_s: Vec<&str> = entries
                            .iter()
                            .copied()
                            .filter(|e| word.ends_with(e))
                            .collect();
                        assert_eq!(prefixes, want_p, "[{name}] {word}");
                        assert_eq!(suffixes, want_s, "[{name}] {word}");
                    }
                }
            }
        }
    }

    #[test]
    fn builtin_lexicons_parse() {
        for lang in [Lang::De, Lang::En] {
            let lex = crate::extract::lang::get(lang).lexicon();
            assert!(lex.sec(sec::SPEECH_VERB).max_words >= 1);
            assert!(lex.sec(sec::APPROX).max_words >= 2);
            for (word, value) in lex.sec(sec::UNIT).iter() {
                assert!(lex.unit(word).is_some(), "{word} = {value}");
            }
            for letter in lex.sec(sec::DETECT_LETTER).words() {
                assert_eq!(
                    letter.chars().count(),
                    1,
                    "[detect_letter] {letter} is one letter"
                );
            }
            for word in lex.sec(sec::UNIT_SUFFIX).words() {
                assert!(lex.unit(word).is_some(), "[unit_suffix] {word} is no unit");
            }
            // Every declared section exists in the file, and the file has no other.
            for name in SECTIONS {
                assert!(
                    lex.file_sections().iter().any(|f| f == name),
                    "{lang:?} lexicon lacks [{name}]"
                );
            }
            for name in lex.file_sections() {
                assert!(
                    section_bit(name).is_some(),
                    "{lang:?} lexicon has [{name}], which `sections!` does not declare"
                );
            }
            for section in [
                sec::VAGUE,
                sec::SCALE,
                sec::FRACTION,
                sec::NUMERAL,
                sec::VAGUE_FACTOR,
                sec::RANGE_GROUP,
            ] {
                let name = SECTIONS[section.0 as usize];
                for (word, value) in lex.sec(section).iter() {
                    assert!(value.parse::<f64>().is_ok(), "[{name}] {word} = {value}");
                }
            }
        }
        let de = crate::extract::lang::get(Lang::De).lexicon();
        assert!(de.sec(sec::OVER).contains("mehr als"));
        assert_eq!(de.unit("euro"), Some((Kind::Money, Some("EUR"))));
    }
}
