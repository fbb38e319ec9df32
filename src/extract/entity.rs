//! The entity alias table: maps the ways a source is written (`Moskau`, `Kreml`,
//! `US-Regierung`) to the canonical actor it stands for (`Russia`, `USA`). The built-in
//! table is the data file `assets/entities.txt`; users add their own with `--aliases FILE`.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::OnceLock;

const BUILTIN: &str = include_str!("../../assets/entities.txt");

/// A table of aliases, matched ignoring case.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    map: HashMap<String, String>,
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
        self.map
            .insert(fold(alias).into_owned(), entity.to_string());
    }

    /// Adds every alias of `other`, replacing the same aliases here.
    pub fn extend(&mut self, other: &Aliases) {
        for (k, v) in &other.map {
            self.map.insert(k.clone(), v.clone());
        }
    }

    /// The entity an alias stands for.
    #[must_use]
    pub fn lookup(&self, alias: &str) -> Option<&str> {
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
    let simple = s
        .bytes()
        .all(|b| !b.is_ascii_uppercase() && b != b'\t' && b != b'\n')
        && !s.contains("  ")
        && !s.starts_with(' ')
        && !s.ends_with(' ');
    if simple && (s.is_ascii() || !s.chars().any(char::is_uppercase)) {
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
        let short = map.keys().filter(|k| k.len() < 3).cloned().collect();
        let mut pairs = vec![0u64; 1024];
        for s in &starts {
            let at = usize::from(s[0]) << 8 | usize::from(s[1]);
            pairs[at / 64] |= 1 << (at % 64);
        }
        Self {
            map,
            starts,
            short,
            pairs,
        }
    }

    /// Whether no form of a (folded) word that begins with `head` can be a name.
    fn refuses(&self, head: &[u8]) -> bool {
        let short = |h: &[u8]| self.short.iter().any(|s| h.starts_with(s.as_bytes()));
        let pair = |b: &[u8]| {
            let at = usize::from(b[0]) << 8 | usize::from(b[1]);
            self.pairs
                .get(at / 64)
                .is_some_and(|w| w & (1 << (at % 64)) != 0)
        };
        match head.get(..3) {
            Some(b) => {
                !(short(head) || pair(b) && self.starts.binary_search(&[b[0], b[1], b[2]]).is_ok())
            }
            None => !short(head),
        }
    }

    /// The state a word (or two words) names, as written, with a German adjective ending
    /// (`spanischen`) or a genitive (`Spaniens`, `Russia's`).
    #[must_use]
    pub fn lookup(&self, word: &str) -> Option<&str> {
        // Three ASCII letters open the word as they open its folded form, lower-cased: most
        // words are refused before they are folded.
        let b = word.as_bytes();
        if b.len() >= 3
            && b[..3].iter().all(u8::is_ascii_alphabetic)
            && self.refuses(&[
                b[0].to_ascii_lowercase(),
                b[1].to_ascii_lowercase(),
                b[2].to_ascii_lowercase(),
            ])
        {
            return None;
        }
        let word = fold(word);
        let word = word.as_ref();
        if self.refuses(word.as_bytes()) {
            return None;
        }
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
}
