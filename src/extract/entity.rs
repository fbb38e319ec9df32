//! The entity alias table: maps the ways a source is written (`Moskau`, `Kreml`,
//! `US-Regierung`) to the canonical actor it stands for (`Russia`, `USA`). The built-in
//! table is the data file `assets/entities.txt`; users add their own with `--aliases FILE`.

use crate::extract::lexicon::{has_bit, set_bit};
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../assets/entities.txt");

/// A table of aliases, matched ignoring case.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    map: HashMap<String, String>,
    /// A bit per three lower-case ASCII letters that open an alias (see [`letters_bit`]).
    letters: Vec<u64>,
}

/// A line of an alias file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: expected `ALIAS = ENTITY`, found {text:?}")]
pub struct AliasLineError {
    /// The 1-based line number.
    pub line: usize,
    /// The text of the line.
    pub text: String,
}

/// An alias file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum AliasFileError {
    /// The file could not be read.
    #[error("cannot read alias file: {0}: {1}")]
    Io(#[source] std::io::Error, String),
    /// The file is no text.
    #[error("alias file is not a text file ({0}): {1}")]
    NotText(crate::io::load::ErrorKind, String),
    /// A line is malformed.
    #[error("alias file, {0}: {1}")]
    Line(AliasLineError, String),
}

impl Aliases {
    /// Parses `ALIAS = ENTITY` lines; `#` starts a comment line.
    ///
    /// # Errors
    /// The first malformed line.
    pub fn parse(text: &str) -> Result<Self, AliasLineError> {
        let mut aliases = Self::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim().trim_start_matches('\u{feff}');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((alias, entity)) = line.split_once('=') else {
                return Err(AliasLineError {
                    line: n + 1,
                    text: line.to_string(),
                });
            };
            let (alias, entity) = (alias.trim(), entity.trim());
            if alias.is_empty() || entity.is_empty() {
                return Err(AliasLineError {
                    line: n + 1,
                    text: line.to_string(),
                });
            }
            aliases.insert(alias, entity);
        }
        Ok(aliases)
    }

    /// Reads an alias file.
    ///
    /// # Errors
    /// When the file cannot be read or a line is malformed; the message names the file.
    pub fn from_file(path: &Path) -> Result<Self, AliasFileError> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| AliasFileError::Io(e, name.clone()))?;
        let text = match crate::io::load::decode(&bytes) {
            Ok((text, _)) => text,
            // An empty alias file adds no aliases.
            Err(crate::io::load::ErrorKind::Empty) => String::new(),
            Err(kind) => return Err(AliasFileError::NotText(kind, name)),
        };
        Self::parse(&text).map_err(|e| AliasFileError::Line(e, name))
    }

    /// Adds or replaces one alias.
    pub fn insert(&mut self, alias: &str, entity: &str) {
        self.insert_folded(fold(alias).into_owned(), entity.to_string());
    }

    fn insert_folded(&mut self, key: String, entity: String) {
        // An alias that does not open with three such letters is never the folded form of a
        // word that does, so only these need a bit.
        if let Some(at) = key
            .as_bytes()
            .get(..3)
            .and_then(|b| letters_bit([b[0], b[1], b[2]]))
        {
            if self.letters.is_empty() {
                self.letters = vec![0; LETTER_WORDS];
            }
            set_bit(&mut self.letters, at);
        }
        self.map.insert(key, entity);
    }

    /// Adds every alias of `other`, replacing the same aliases here.
    pub fn extend(&mut self, other: &Aliases) {
        for (k, v) in &other.map {
            self.insert_folded(k.clone(), v.clone());
        }
    }

    /// Whether no alias can be `word`: three ASCII letters open the word as they open its
    /// folded form, lower-cased, and no alias opens with them.
    fn refuses(&self, word: &str) -> bool {
        let b = word.as_bytes();
        let Some(three) = b
            .get(..3)
            .filter(|b| b.iter().all(u8::is_ascii_alphabetic))
            .map(|b| [b[0], b[1], b[2]].map(|c| c.to_ascii_lowercase()))
        else {
            return false;
        };
        !letters_bit(three).is_some_and(|at| has_bit(&self.letters, at))
    }

    /// The entity an alias stands for.
    #[must_use]
    pub fn lookup(&self, alias: &str) -> Option<&str> {
        if self.refuses(alias) {
            return None;
        }
        self.map.get(fold(alias).as_ref()).map(String::as_str)
    }

    /// The entity of an alias as written, else without a possessive or genitive ending
    /// (`Russia's`, `Ostlands`, `Pentagons`).
    #[must_use]
    pub fn lookup_inflected(&self, word: &str) -> Option<&str> {
        let bare = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        self.lookup(bare)
            .or_else(|| bare.strip_suffix("es").and_then(|b| self.lookup(b)))
            .or_else(|| bare.strip_suffix('s').and_then(|b| self.lookup(b)))
    }

    /// The number of aliases.
    #[must_use]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn fold(s: &str) -> std::borrow::Cow<'_, str> {
    // One pass over the bytes: no ASCII capital, tab, line break or double space, and no
    // space at either end, leaves only non-ASCII capitals to look for.
    let b = s.as_bytes();
    let mut simple = b.first() != Some(&b' ') && b.last() != Some(&b' ');
    let mut ascii = true;
    let mut after_space = false;
    for &c in b {
        if c.is_ascii_uppercase() || c == b'\t' || c == b'\n' || c == b' ' && after_space {
            simple = false;
            break;
        }
        after_space = c == b' ';
        ascii &= c.is_ascii();
    }
    if simple && (ascii || !s.chars().any(|c| !c.is_ascii() && c.is_uppercase())) {
        return s.into();
    }
    let joined = if simple {
        s.to_string()
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    joined.to_lowercase().into()
}

const STATES: &str = include_str!("../../assets/states.txt");

/// The states and the words that name them (`assets/states.txt`): for the organs of a state
/// (`die Regierung`, `the ministry`), which stand for the state the article names.
#[derive(Debug, Default)]
pub struct States {
    map: HashMap<String, String>,
    /// The first three bytes of every name of three bytes or more, sorted, and the shorter
    /// names (`uk`): every form looked up is the word or a beginning of it, so a word that
    /// begins with neither names no state.
    starts: Vec<[u8; 3]>,
    short: Vec<String>,
    /// A bit per first two bytes of `starts`, tested before searching it.
    pairs: Vec<u64>,
    /// A bit per entry of `starts` made of three lower-case ASCII letters (most words open
    /// with three), so that they need no search.
    letters: Vec<u64>,
    /// Whether some short name opens with a byte.
    short_first: Vec<bool>,
    /// The names of three bytes, sorted.
    three: Vec<[u8; 3]>,
    /// The first four bytes of every name of four bytes or more, sorted.
    fours: Vec<[u8; 4]>,
}

/// The `u64` words of a bit per three lower-case ASCII letters.
const LETTER_WORDS: usize = (26 * 26 * 26usize).div_ceil(64);

/// The bit of three lower-case ASCII letters in [`States::letters`] and [`Aliases`].
fn letters_bit(b: [u8; 3]) -> Option<usize> {
    b.iter().all(u8::is_ascii_lowercase).then(|| {
        usize::from(b[0] - b'a') * 676 + usize::from(b[1] - b'a') * 26 + usize::from(b[2] - b'a')
    })
}

impl States {
    fn parse(text: &str) -> Self {
        let mut map = HashMap::default();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((state, names)) = line.split_once('=') else {
                continue;
            };
            let state = state.trim();
            map.insert(fold(state).into_owned(), state.to_string());
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                map.insert(fold(name).into_owned(), state.to_string());
            }
        }
        let mut starts: Vec<[u8; 3]> = map
            .keys()
            .filter_map(|k| k.as_bytes().get(..3).map(|b| [b[0], b[1], b[2]]))
            .collect();
        starts.sort_unstable();
        starts.dedup();
        let mut three: Vec<[u8; 3]> = map
            .keys()
            .filter_map(|k| <[u8; 3]>::try_from(k.as_bytes()).ok())
            .collect();
        three.sort_unstable();
        let mut fours: Vec<[u8; 4]> = map
            .keys()
            .filter_map(|k| k.as_bytes().get(..4).map(|b| [b[0], b[1], b[2], b[3]]))
            .collect();
        fours.sort_unstable();
        fours.dedup();
        let short: Vec<String> = map.keys().filter(|k| k.len() < 3).cloned().collect();
        let mut short_first = vec![false; 256];
        for k in &short {
            match k.as_bytes().first() {
                Some(&b) => short_first[usize::from(b)] = true,
                None => short_first = vec![true; 256],
            }
        }
        let mut pairs = vec![0u64; 1024];
        let mut letters = vec![0u64; LETTER_WORDS];
        for s in &starts {
            let at = usize::from(s[0]) << 8 | usize::from(s[1]);
            set_bit(&mut pairs, at);
            if let Some(at) = letters_bit(*s) {
                set_bit(&mut letters, at);
            }
        }
        Self {
            map,
            starts,
            short,
            pairs,
            letters,
            short_first,
            three,
            fours,
        }
    }

    /// Whether a short name opens `h`.
    fn short_opens(&self, h: &[u8]) -> bool {
        h.first()
            .is_some_and(|&b| self.short_first.get(usize::from(b)) == Some(&true))
            && self.short.iter().any(|s| h.starts_with(s.as_bytes()))
    }

    /// Whether no form of a (folded) word that begins with `head` can be a name.
    fn refuses(&self, head: &[u8]) -> bool {
        let short = |h: &[u8]| self.short_opens(h);
        let pair = |b: &[u8]| has_bit(&self.pairs, usize::from(b[0]) << 8 | usize::from(b[1]));
        match head.get(..3) {
            Some(b) => {
                let three = [b[0], b[1], b[2]];
                let started = match letters_bit(three) {
                    Some(at) => has_bit(&self.letters, at),
                    None => pair(b) && self.starts.binary_search(&three).is_ok(),
                };
                !(short(head) || started)
            }
            None => !short(head),
        }
    }

    /// Whether no text that opens with `word` can name a state, known from the ASCII letters
    /// that open it as they open its folded form, lower-cased: most words are refused so,
    /// before they are folded.
    #[must_use]
    pub fn refuses_opening(&self, word: &str) -> bool {
        let b = word.as_bytes();
        if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        let head = [
            b[0].to_ascii_lowercase(),
            b[1].to_ascii_lowercase(),
            b[2].to_ascii_lowercase(),
        ];
        if self.refuses(&head) {
            return true;
        }
        // With a fourth letter, a name of four bytes or more must open with the same four
        // (after three, a text may go on with a space: `den haag`).
        let Some(fourth) = b.get(3).filter(|c| c.is_ascii_alphabetic()) else {
            return false;
        };
        let four = [head[0], head[1], head[2], fourth.to_ascii_lowercase()];
        !(self.short_opens(&head)
            || self.three.binary_search(&head).is_ok()
            || self.fours.binary_search(&four).is_ok())
    }

    /// The state a word (or two words) names, as written, with a German adjective ending
    /// (`spanischen`) or a genitive (`Spaniens`, `Russia's`).
    #[must_use]
    pub fn lookup(&self, word: &str) -> Option<&str> {
        if self.refuses_opening(word) {
            return None;
        }
        let word = fold(word);
        let word = word.as_ref();
        if self.refuses(word.as_bytes()) {
            return None;
        }
        self.lookup_folded(word)
    }

    /// The state a folded word names, as written or inflected: the look-up itself, with no
    /// refusal before it.
    fn lookup_folded(&self, word: &str) -> Option<&str> {
        let get = |w: &str| self.map.get(w).map(String::as_str);
        get(word)
            .or_else(|| word.strip_suffix("'s").and_then(get))
            .or_else(|| word.strip_suffix("’s").and_then(get))
            .or_else(|| {
                ["en", "er", "es", "em", "e", "s"]
                    .iter()
                    .find_map(|e| word.strip_suffix(e).and_then(get))
            })
    }
}

/// The built-in table of states.
#[must_use]
pub fn states() -> &'static States {
    static TABLE: OnceLock<States> = OnceLock::new();
    TABLE.get_or_init(|| States::parse(STATES))
}

const FIRST_NAMES: &str = include_str!("../../assets/first_names.txt");

/// Given names (`assets/first_names.txt`), lower case: a capitalised word among them before
/// another makes the two a person's name.
#[derive(Debug, Default)]
pub struct FirstNames {
    set: rustc_hash::FxHashSet<String>,
}

impl FirstNames {
    fn parse(text: &str) -> Self {
        let set = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(str::to_lowercase)
            .collect();
        Self { set }
    }

    /// Whether a lower-case word is a given name, or a hyphenated one by its first part
    /// (`hans-werner`).
    #[must_use]
    pub fn contains(&self, lower: &str) -> bool {
        self.set.contains(lower)
            || lower
                .split_once(['-', '\u{2011}'])
                .is_some_and(|(first, _)| self.set.contains(first))
    }
}

/// The built-in table of given names.
#[must_use]
pub fn first_names() -> &'static FirstNames {
    static TABLE: OnceLock<FirstNames> = OnceLock::new();
    TABLE.get_or_init(|| FirstNames::parse(FIRST_NAMES))
}

/// The built-in alias table.
#[must_use]
pub fn builtin() -> &'static Aliases {
    static TABLE: OnceLock<Aliases> = OnceLock::new();
    TABLE.get_or_init(|| Aliases::parse(BUILTIN).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses_and_matches_case_insensitively() {
        assert!(Aliases::parse(BUILTIN).is_ok());
        assert_eq!(builtin().lookup("moskau"), Some("Russia"));
        assert_eq!(builtin().lookup("US-Regierung"), Some("USA"));
    }

    #[test]
    fn user_lines_are_checked() {
        assert!(Aliases::parse("Kreml = Russia\n# note\n").is_ok());
        let err = Aliases::parse("Kreml Russia").unwrap_err();
        assert_eq!(err.line, 1);
    }

    /// The state lookup without any of its quick refusals.
    fn lookup_unfiltered<'a>(states: &'a States, word: &str) -> Option<&'a str> {
        states.lookup_folded(fold(word).as_ref())
    }

    #[test]
    fn the_quick_refusals_of_states_refuse_no_name() {
        let states = states();
        let mut words: Vec<String> = Vec::new();
        for key in states.map.keys() {
            for ending in ["", "en", "es", "s", "'s", "’s", " x", "\nx"] {
                let word = format!("{key}{ending}");
                words.push(word.to_uppercase());
                words.push(word);
            }
        }
        // Words of the fixture texts, alone and in pairs, as the extractor asks.
        for file in [
            "de_entities.txt",
            "en_entities.txt",
            "de_attribution_more.txt",
        ] {
            let path = format!(
                "{}/tests/fixtures/extract/{file}",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path)
                .unwrap_or_default()
                .to_lowercase();
            let tokens: Vec<&str> = text.split_whitespace().collect();
            for pair in tokens.windows(2) {
                words.push(pair[0].to_string());
                words.push(format!("{} {}", pair[0], pair[1]));
            }
        }
        words.extend(["usa", "usb", "uk", "the", "den", "ab", "über", "Ägypten"].map(String::from));
        for word in &words {
            let expected = lookup_unfiltered(states, word);
            assert_eq!(states.lookup(word), expected, "{word:?}");
            if expected.is_some() {
                assert!(!states.refuses_opening(word), "{word:?}");
                // The extractor asks about a word before it asks about the two from it.
                let first = word.split_whitespace().next().unwrap_or_default();
                assert!(!states.refuses_opening(first), "{word:?}");
            }
        }
    }

    #[test]
    fn the_quick_refusal_of_aliases_refuses_no_alias() {
        let mut aliases = builtin().clone();
        aliases.extend(
            &Aliases::parse("G7 = G7\nab = Ab\nÖko-Institut = Öko-Institut\n").unwrap_or_default(),
        );
        let mut words: Vec<String> = Vec::new();
        for key in aliases.map.keys() {
            for ending in ["", "s", "es", "'s", "’s"] {
                let word = format!("{key}{ending}");
                words.push(word.to_uppercase());
                words.push(word);
            }
        }
        for file in ["de_entities.txt", "en_entities.txt"] {
            let path = format!(
                "{}/tests/fixtures/extract/{file}",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).unwrap_or_default();
            words.extend(text.split_whitespace().map(String::from));
        }
        for word in &words {
            let expected = aliases.map.get(fold(word).as_ref()).map(String::as_str);
            assert_eq!(aliases.lookup(word), expected, "{word:?}");
        }
        assert_eq!(aliases.lookup("abc"), None);
        assert_eq!(aliases.lookup("AB"), Some("Ab"));
    }
}
