//! The view of one article that every extraction stage reads: the text, its lower-cased
//! twin, the tokens, the sentences and the language's lexicon, with small lookup helpers.

use super::lang::Language;
use super::token::{TokKind, Token};
use crate::extract::lexicon::{Lexicon, Sec, Section, TokenFlags, sec};

/// One sentence: a range of token indices and its byte span.
#[derive(Debug, Clone, Copy)]
pub struct Sentence {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
}

thread_local! {
    /// The phrase [`Ctx::match_at`] builds, kept per thread so that matching allocates nothing.
    static PHRASE: std::cell::RefCell<String> = std::cell::RefCell::default();
}

/// What a token names as a state, remembered per article.
#[derive(Debug, Clone, Copy, Default)]
pub enum StateAt {
    /// Not looked up yet.
    #[default]
    Unasked,
    /// No state.
    Nothing,
    /// This state.
    State(&'static str),
}

/// Shared, read-only state of one article under extraction.
pub struct Ctx<'a> {
    /// The whole article text.
    pub text: &'a str,
    /// The lower-cased text, same offsets.
    pub lower: &'a str,
    /// All tokens of the body.
    pub toks: &'a [Token],
    /// The language's word lists.
    pub lex: &'static Lexicon,
    /// The article language's rules.
    pub language: &'static dyn Language,
    /// Per token: the lexicon flag bits (membership, phrase starts).
    pub flags: &'a [&'static TokenFlags],
    /// Per token, the state it names, once asked.
    pub states_named: std::cell::RefCell<Vec<StateAt>>,
    /// Per token, whether it is a title (`Ministerin`, `Bahnsprecher`), once asked: 0 not
    /// asked, 1 no, 2 yes.
    pub titles: std::cell::RefCell<Vec<u8>>,
    /// The tokens that may be a surname after its given name (a capitalised word right
    /// after another, not glued to it), in order, once asked: the full-name search reads
    /// only these.
    pub name_pairs: std::cell::OnceCell<Vec<usize>>,
}

/// Computes the lexicon flags of every token (one lookup per token) into a buffer that is
/// cleared first (reused between articles). Each is a reference into the lexicon's table,
/// so that the buffer holds a pointer per token, not the flag bits.
pub fn token_flags_into(
    lower: &str,
    toks: &[Token],
    lex: &'static Lexicon,
    out: &mut Vec<&'static TokenFlags>,
) {
    out.clear();
    out.extend(
        toks.iter()
            .map(|t| lex.flags_in(lower.as_bytes(), t.start, t.end)),
    );
}

impl<'a> Ctx<'a> {
    /// Whether token `i` holds an ASCII hyphen (`US-Angaben`), as the tokenizer saw it.
    #[must_use]
    pub fn has_hyphen(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.hyphen)
    }

    /// The original text of token `i` ("" past the end).
    #[must_use]
    pub fn text_at(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .map_or("", |t| self.text.get(t.start..t.end).unwrap_or(""))
    }

    /// The lower-cased text of token `i` ("" past the end).
    #[must_use]
    pub fn lower_at(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .map_or("", |t| self.lower.get(t.start..t.end).unwrap_or(""))
    }

    /// Token `i`, if it exists.
    #[must_use]
    pub fn tok(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    /// Whether a word has an inflected adjective ending of the language (`russische`,
    /// `neuen`, `großem`; `[adjective_ending]`).
    #[must_use]
    pub fn inflected(&self, word: &str) -> bool {
        self.ends_with_any(word, sec::ADJECTIVE_ENDING)
    }

    /// Whether a word ends with one of the entries of a section (a list of endings).
    #[must_use]
    pub fn ends_with_any(&self, word: &str, section: Sec) -> bool {
        self.lex.sec(section).ends_any(word)
    }

    /// Whether token `i` is a word.
    #[must_use]
    pub fn is_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(Token::is_word)
    }

    /// Whether token `i` is a number.
    #[must_use]
    pub fn is_num(&self, i: usize) -> bool {
        self.tok(i).is_some_and(Token::is_num)
    }

    /// Whether token `i` is punctuation equal to `c`.
    #[must_use]
    pub fn is_punct(&self, i: usize, c: &str) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Punct) && self.text_at(i) == c
    }

    /// Whether token `i` is punctuation.
    #[must_use]
    pub fn is_any_punct(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.kind == TokKind::Punct)
    }

    /// Whether token `i` is glued to the one before it.
    #[must_use]
    pub fn glued(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.glued)
    }

    /// Whether token `i` starts with a capital.
    #[must_use]
    pub fn upper(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.upper)
    }

    /// Whether token `i` (lower-cased) is in a lexicon section.
    #[must_use]
    pub fn in_sec(&self, i: usize, section: Sec) -> bool {
        self.flags.get(i).is_some_and(|f| f.entry.has(section))
    }

    /// Whether token `i` is a one-word entry of any section of `mask`.
    #[must_use]
    pub fn in_any(&self, i: usize, mask: crate::extract::lexicon::Bits) -> bool {
        self.flags.get(i).is_some_and(|f| f.entry.any(mask))
    }

    /// Whether some phrase of any section of `mask` starts with token `i`.
    #[must_use]
    pub fn starts_any(&self, i: usize, mask: crate::extract::lexicon::Bits) -> bool {
        self.flags.get(i).is_some_and(|f| f.starts.any(mask))
    }

    /// Whether some phrase of a section ends with token `i`.
    #[must_use]
    pub fn ends_sec(&self, i: usize, section: Sec) -> bool {
        self.flags.get(i).is_some_and(|f| f.ends.has(section))
    }

    /// Whether some phrase of a section starts with token `i`.
    #[must_use]
    pub fn starts_sec(&self, i: usize, section: Sec) -> bool {
        self.flags.get(i).is_some_and(|f| f.starts.has(section))
    }

    /// The byte span of tokens `first..end`.
    #[must_use]
    pub fn span(&self, first: usize, end: usize) -> crate::model::Span {
        let start = self.toks.get(first).map_or(0, |t| t.start);
        let stop = self
            .toks
            .get(end.saturating_sub(1))
            .map_or(start, |t| t.end);
        crate::model::Span::new(start, stop.max(start))
    }

    /// The lower-cased phrase of tokens `first..end`, glued tokens joined without a space.
    #[must_use]
    pub fn phrase(&self, first: usize, end: usize) -> String {
        let mut out = String::new();
        self.phrase_into(first, end, &mut out);
        out
    }

    /// Writes the phrase of tokens `first..end` into `out` (cleared first).
    fn phrase_into(&self, first: usize, end: usize, out: &mut String) {
        out.clear();
        for i in first..end.min(self.toks.len()) {
            if i > first && !self.glued(i) {
                out.push(' ');
            }
            out.push_str(self.lower_at(i));
        }
    }

    /// The longest phrase of `section` starting at token `i` and not passing `limit`;
    /// returns the end token and the entry's value.
    #[must_use]
    pub fn match_at<'s>(
        &self,
        i: usize,
        limit: usize,
        section: &'s Section,
    ) -> Option<(usize, &'s str)> {
        let limit = limit.min(self.toks.len());
        let may_start = || match section.bit {
            Some(bit) => self.starts_sec(i, bit),
            None => section.may_start(self.lower_at(i)),
        };
        if i >= limit || !may_start() {
            return None;
        }
        // One word: the token itself, nothing to build.
        if section.max_words == 1 && !self.glued(i + 1) {
            return section.get(self.lower_at(i)).map(|v| (i + 1, v));
        }
        // A phrase of n words may span up to 3n tokens when glued punctuation is inside.
        let max_tokens = (section.max_words * 3 + 1).min(limit - i);
        PHRASE.with(|cell| match cell.try_borrow_mut() {
            Ok(mut phrase) => self.longest_from(i, max_tokens, section, &mut phrase),
            Err(_) => self.longest_from(i, max_tokens, section, &mut String::new()),
        })
    }

    /// The longest entry of `section` from token `i` over at most `max_tokens` tokens,
    /// built in `phrase`.
    fn longest_from<'s>(
        &self,
        i: usize,
        max_tokens: usize,
        section: &'s Section,
        phrase: &mut String,
    ) -> Option<(usize, &'s str)> {
        phrase.clear();
        let mut best = None;
        let mut words = 0;
        for end in (i + 1)..=(i + max_tokens) {
            let k = end - 1;
            if k > i && !self.glued(k) {
                phrase.push(' ');
            }
            if k == i || !self.glued(k) {
                words += 1;
            }
            phrase.push_str(self.lower_at(k));
            // The phrase only grows: past the longest entry nothing can match.
            if words > section.max_words || phrase.len() > section.max_len {
                break;
            }
            if section.may_be(phrase)
                && let Some(v) = section.get(phrase)
            {
                best = Some((end, v));
            }
        }
        best
    }

    /// The longest phrase of `section` ending just before token `end` and starting at or after
    /// `floor`; returns its first token and the entry's value.
    #[must_use]
    pub fn match_ending<'s>(
        &self,
        end: usize,
        floor: usize,
        section: &'s Section,
    ) -> Option<(usize, &'s str)> {
        let may_end = |k: usize| match section.bit {
            Some(bit) => self.ends_sec(k, bit),
            None => section.may_end(self.lower_at(k)),
        };
        if end == 0 || end > self.toks.len() || !may_end(end - 1) {
            return None;
        }
        let max_tokens = section.max_words * 3 + 1;
        let mut best = None;
        let lowest = end.saturating_sub(max_tokens).max(floor);
        let mut start = end;
        let mut phrase = String::with_capacity(48);
        // The phrase grows to the left a token at a time, a word with each space.
        let mut words = 1;
        while start > lowest {
            start -= 1;
            if start + 1 < end && !self.glued(start + 1) {
                words += 1;
                phrase.insert(0, ' ');
            }
            phrase.insert_str(0, self.lower_at(start));
            if words > section.max_words || phrase.len() > section.max_len {
                break;
            }
            if section.may_be(&phrase)
                && let Some(v) = section.get(&phrase)
            {
                best = Some((start, v));
            }
        }
        best
    }
}
