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
        map.insert(folded(concept), concept.to_string());
        for word in words.split(',') {
            let word = word.trim();
            if !word.is_empty() {
                map.insert(folded(word), concept.to_string());
            }
        }
    }
    map
}

/// A word as the table keys it: lower-cased, except a single letter, whose case tells
/// units apart (`t` and `m` are units, `G` in `5G` is none).
fn folded(word: &str) -> String {
    if word.chars().count() == 1 {
        word.to_string()
    } else {
        word.to_lowercase()
    }
}

/// The concept a word stands for in the table.
fn lookup(word: &str) -> Option<&'static str> {
    let table = table();
    // An ASCII word (most subjects and units) is folded on the stack.
    let mut buf = [0u8; 64];
    if word.is_ascii() && word.len() <= buf.len() {
        if word.len() == 1 {
            return table.get(word).map(String::as_str);
        }
        let key = &mut buf[..word.len()];
        key.copy_from_slice(word.as_bytes());
        key.make_ascii_lowercase();
        return std::str::from_utf8(key)
            .ok()
            .and_then(|key| table.get(key))
            .map(String::as_str);
    }
    table.get(&folded(word)).map(String::as_str)
}

/// The concept a word (a subject, a unit or a concept's own name) stands for in the
/// built-in table, ignoring case.
#[must_use]
pub fn lookup_word(word: &str) -> Option<&'static str> {
    lookup(word.trim())
}

/// The concept of a claim with this subject and unit in an article of this language: the
/// table's entry for the subject (without a possessive ending: `NATO's`), for its last
/// hyphenated part (`Nato-Soldaten`) or for its singular (`Nationen` -> `nation`), else the
/// table's entry for the unit (`Punkte` in `pp` -> `percentage points`) or a currency code,
/// else the subject's lower-cased singular; without a subject, the unit's.
#[must_use]
pub fn of(subject: Option<&str>, unit: Option<&str>, lang: Lang) -> Option<String> {
    // Only money and percentages group by their unit: a measure's unit may sit in a
    // compound that is another measure (`Quadratkilometer` in `km`).
    let unit_concept = unit
        .filter(|u| groups_by_unit(u, lang))
        .map(|u| lookup(u).map_or_else(|| u.to_string(), str::to_string));
    let Some(subject) = subject.map(str::trim).filter(|s| !s.is_empty()) else {
        let unit = unit?;
        return Some(unit_concept.unwrap_or_else(|| unit.to_string()));
    };
    let subject = without_possessive(subject, lang);
    if let Some(c) = lookup(subject) {
        return Some(c.to_string());
    }
    if let Some((_, last)) = subject.rsplit_once('-')
        && let Some(c) = lookup(last)
    {
        return Some(c.to_string());
    }
    let singular = singular(&subject.to_lowercase(), lang);
    if subject.chars().count() > 1
        && let Some(c) = lookup(&singular)
    {
        return Some(c.to_string());
    }
    Some(unit_concept.unwrap_or(singular))
}

/// Whether a unit names what is counted whatever the subject: a currency code (`INR`,
/// `PLN`: three capital letters) or a unit the language's `[unit]` section gives to money
/// or percentages (`%`, `pp`).
fn groups_by_unit(unit: &str, lang: Lang) -> bool {
    // The units of money and percentages of each language, gathered once.
    static UNITS: std::sync::OnceLock<Vec<(Lang, Vec<String>)>> = std::sync::OnceLock::new();
    let units = UNITS.get_or_init(|| {
        crate::extract::lang::LANGUAGES
            .iter()
            .map(|language| {
                let mut units: Vec<String> = language
                    .lexicon()
                    .sec(crate::extract::lexicon::sec::UNIT)
                    .iter()
                    .filter_map(|(_, value)| {
                        let (kind, u) = value.split_once(' ')?;
                        matches!(kind, "percent" | "money").then(|| u.to_string())
                    })
                    .collect();
                units.sort();
                units.dedup();
                (language.id(), units)
            })
            .collect()
    });
    if unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase()) {
        return true;
    }
    // As `lang::get`: a language without rules of its own reads by the first.
    units
        .iter()
        .find(|(l, _)| *l == lang)
        .or(units.first())
        .is_some_and(|(_, units)| units.binary_search_by(|u| u.as_str().cmp(unit)).is_ok())
}

/// The subject without a possessive ending of the language (`[possessive_suffix]`:
/// `People's` -> `People`).
fn without_possessive(subject: &str, lang: Lang) -> &str {
    let lex = crate::extract::lang::get(lang).lexicon();
    lex.sec(crate::extract::lexicon::sec::POSSESSIVE_SUFFIX)
        .suffixes_of(subject)
        .map(|suffix| &subject[..subject.len() - suffix.len()])
        .find(|rest| rest.chars().count() >= 2)
        .unwrap_or(subject)
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
            (Some("NATO's"), None, Lang::En, "nato"),
            (Some("People's"), None, Lang::En, "people"),
            (Some("Nationen"), None, Lang::De, "countries"),
            (Some("Punkte"), Some("pp"), Lang::De, "percentage points"),
            (Some("Rupien"), Some("INR"), Lang::De, "INR"),
            (Some("Zloty"), Some("PLN"), Lang::De, "PLN"),
            (Some("Fahrzeugen"), None, Lang::De, "vehicles"),
            (Some("vehicles"), None, Lang::En, "vehicles"),
            (Some("Vertriebenen"), None, Lang::De, "displaced"),
            (Some("Flüchtlingen"), None, Lang::De, "refugees"),
            (Some("refugees"), None, Lang::En, "refugees"),
            (Some("Todesopfern"), None, Lang::De, "dead"),
            (Some("fatalities"), None, Lang::En, "dead"),
            (
                Some("Bradley-Schützenpanzer"),
                None,
                Lang::De,
                "armoured vehicles",
            ),
            (Some("Metern"), Some("m"), Lang::De, "metres"),
            (
                Some("Quadratkilometern"),
                Some("km"),
                Lang::De,
                "square kilometres",
            ),
            (Some("Seemeilen"), Some("km"), Lang::De, "seemeilen"),
            (Some("G"), None, Lang::De, "g"),
            (Some("t"), Some("t"), Lang::De, "tonnes"),
            // Cases are not infections.
            (Some("Fälle"), None, Lang::De, "cases"),
            (Some("Neuinfektionen"), None, Lang::De, "infections"),
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

    #[test]
    fn a_word_stands_for_one_concept() {
        let mut seen: HashMap<String, String> = HashMap::default();
        for line in BUILTIN.lines().map(str::trim) {
            let Some((concept, words)) = line.split_once(" = ").filter(|_| !line.starts_with('#'))
            else {
                continue;
            };
            for word in words.split(',').map(|w| folded(w.trim())) {
                if let Some(other) = seen.insert(word.clone(), concept.to_string()) {
                    assert_eq!(other, concept, "concepts.txt: {word:?} is in two concepts");
                }
            }
        }
    }

    #[test]
    fn the_fallback_is_a_conservative_singular() {
        let cases = [
            ("Lehrerinnen", Lang::De, "lehrerin"),
            ("Touristen", Lang::De, "tourist"),
            ("Lieferanten", Lang::De, "lieferant"),
            ("Studenten", Lang::De, "student"),
            ("Aktionäre", Lang::De, "aktionär"),
            ("Saboteure", Lang::De, "saboteur"),
            ("Ärztinnen", Lang::De, "ärztin"),
            ("Fristen", Lang::De, "fristen"),
            ("Lastwagen", Lang::De, "lastwagen"),
            ("Eltern", Lang::De, "eltern"),
            ("Kisten", Lang::De, "kisten"),
            ("batteries", Lang::En, "battery"),
            ("provinces", Lang::En, "province"),
            ("churches", Lang::En, "church"),
            ("news", Lang::En, "news"),
            ("crisis", Lang::En, "crisis"),
            ("bonus", Lang::En, "bonus"),
        ];
        for (subject, lang, want) in cases {
            assert_eq!(
                of(Some(subject), None, lang).as_deref(),
                Some(want),
                "{subject}"
            );
        }
    }
}
