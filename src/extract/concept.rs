//! Concepts: what a figure counts, the same across languages and inflections (`Soldaten`,
//! `Soldat`, `troops` -> `soldiers`; `Prozent`, `%` -> `percent`; `Euro`, `EUR` -> `EUR`),
//! so that claims group into series. The table is the data file `assets/concepts.txt`; a
//! subject not in it gets its lower-cased singular.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use crate::model::Lang;

const BUILTIN: &str = include_str!("../../assets/concepts.txt");

/// The built-in table: lower-cased word to concept.
fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| parse(BUILTIN))
}

/// Parses `CONCEPT = word, word, …` lines (`#` starts a comment line). Malformed lines are
/// skipped; the built-in file is checked by a test.
fn parse(text: &str) -> HashMap<String, String> {
    let mut map = HashMap::default();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((concept, words)) = line.split_once(" = ") else {
            continue;
        };
        let concept = concept.trim();
        map.insert(concept.to_lowercase(), concept.to_string());
        for word in words.split(',') {
            let word = word.trim();
            if !word.is_empty() {
                map.insert(word.to_lowercase(), concept.to_string());
            }
        }
    }
    map
}

/// The concept a word stands for in the table.
fn lookup(word: &str) -> Option<&'static str> {
    table().get(&word.to_lowercase()).map(String::as_str)
}

/// The concept a word (a subject, a unit or a concept's own name) stands for in the
/// built-in table, ignoring case.
#[must_use]
pub fn lookup_word(word: &str) -> Option<&'static str> {
    lookup(word.trim())
}

/// The concept of a claim with this subject and unit in an article of this language: the
/// table's entry for the subject (or its last hyphenated part: `Nato-Soldaten`), else the
/// subject's lower-cased singular, else the table's entry for the unit (`%`, `EUR`).
#[must_use]
pub fn of(subject: Option<&str>, unit: Option<&str>, lang: Lang) -> Option<String> {
    if let Some(subject) = subject.map(str::trim).filter(|s| !s.is_empty()) {
        if let Some(c) = lookup(subject) {
            return Some(c.to_string());
        }
        if let Some((_, last)) = subject.rsplit_once('-')
            && let Some(c) = lookup(last)
        {
            return Some(c.to_string());
        }
        return Some(singular(&subject.to_lowercase(), lang));
    }
    let unit = unit?;
    Some(lookup(unit).map_or_else(|| unit.to_string(), str::to_string))
}

/// A lower-cased noun's singular, by the language's regular plural endings; a word the
/// rules do not cover stays as it is.
#[must_use]
pub fn singular(lower: &str, lang: Lang) -> String {
    crate::extract::lang::get(lang).singular(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_is_well_formed() {
        for (n, line) in BUILTIN.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (concept, words) = line
                .split_once(" = ")
                .unwrap_or_else(|| panic!("concepts.txt line {}: no ` = `", n + 1));
            assert!(!concept.trim().is_empty(), "line {}", n + 1);
            assert!(
                words.split(',').all(|w| !w.trim().is_empty()),
                "concepts.txt line {}: an empty word",
                n + 1
            );
        }
    }

    #[test]
    fn groups_across_languages_and_inflections() {
        let cases = [
            (Some("Soldaten"), None, Lang::De, "soldiers"),
            (Some("Soldat"), None, Lang::De, "soldiers"),
            (Some("troops"), None, Lang::En, "soldiers"),
            (Some("Truppen"), None, Lang::De, "soldiers"),
            (Some("Nato-Soldaten"), None, Lang::De, "soldiers"),
            (Some("Prozent"), Some("%"), Lang::De, "percent"),
            (None, Some("%"), Lang::En, "percent"),
            (Some("Euro"), Some("EUR"), Lang::De, "EUR"),
            (Some("euros"), Some("EUR"), Lang::En, "EUR"),
            (None, Some("EUR"), Lang::De, "EUR"),
        ];
        for (subject, unit, lang, want) in cases {
            assert_eq!(
                of(subject, unit, lang).as_deref(),
                Some(want),
                "{subject:?} {unit:?}"
            );
        }
        assert_eq!(of(None, None, Lang::De), None);
    }
}
