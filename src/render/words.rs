//! The chart's words in its language, from the table `assets/chart_words.txt`: display
//! nouns of concepts, participles of actions, entity names, source words, month names and
//! the chart's texts; and numbers in the language's format (`100.000; 2,5` in German,
//! `100,000; 2.5` in English).

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::analysis::query;
use crate::model::Lang;

const TABLE_TEXT: &str = include_str!("../../assets/chart_words.txt");

/// Section → lower-cased key → one value per language of [`Lang::ALL`].
type Table = HashMap<String, HashMap<String, Vec<String>>>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(TABLE_TEXT))
}

/// Reads the table; lines that are no `KEY = de | en` entry are skipped (a test checks
/// that there are none).
fn parse(text: &str) -> Table {
    let mut table: Table = HashMap::new();
    let mut section = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.trim().to_string();
            continue;
        }
        let Some((key, values)) = line.split_once(" = ") else {
            continue;
        };
        let values: Vec<String> = values.split('|').map(|v| v.trim().to_string()).collect();
        if values.len() == Lang::ALL.len() {
            table
                .entry(section.clone())
                .or_default()
                .insert(key.trim().to_lowercase(), values);
        }
    }
    table
}

/// The words of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Words {
    pub(crate) lang: Lang,
    column: usize,
}

/// `text` with a capital first letter.
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

impl Words {
    pub(crate) fn of(lang: Lang) -> Self {
        Self {
            lang,
            column: Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0),
        }
    }

    fn lookup(&self, section: &str, key: &str) -> Option<&'static str> {
        table()
            .get(section)?
            .get(&key.trim().to_lowercase())?
            .get(self.column)
            .map(String::as_str)
    }

    /// A text of the `[text]` section (its key when missing).
    pub(crate) fn text(&self, key: &str) -> String {
        self.lookup("text", key).unwrap_or(key).to_string()
    }

    /// A text with its `{name}` places filled in.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(&self.text(key), values)
    }

    /// A text about `n` things: the `KEY_one` entry when `n` is 1 and there is one.
    pub(crate) fn count(&self, key: &str, n: usize) -> String {
        let one = format!("{key}_one");
        let key = if n == 1 && self.lookup("text", &one).is_some() {
            one.as_str()
        } else {
            key
        };
        self.fill(key, &[("n", &n.to_string())])
    }

    /// The noun of a concept or unit (`soldiers` → `Soldaten` / `troops`), else itself.
    pub(crate) fn concept(&self, concept: &str) -> String {
        self.lookup("concept", concept)
            .unwrap_or(concept)
            .to_string()
    }

    /// The participle of an action (`massed` → `zusammengezogen`), else itself.
    pub(crate) fn action(&self, action: &str) -> String {
        self.lookup("action", action).unwrap_or(action).to_string()
    }

    /// An entity's name in the language (`Russia` → `Russland`), else itself.
    pub(crate) fn entity(&self, entity: &str) -> String {
        self.lookup("entity", entity).unwrap_or(entity).to_string()
    }

    /// A source word as the chart shows it (`Verteidigungsministeriums` →
    /// `Verteidigungsministerium` / `defence ministry`), else itself.
    pub(crate) fn source(&self, text: &str) -> String {
        self.lookup("source", text).unwrap_or(text).to_string()
    }

    /// A month's name (1 to 12), full or short.
    pub(crate) fn month(&self, month: u32, short: bool) -> String {
        let names = self.lookup("month", &month.to_string()).unwrap_or("");
        let mut parts = names.split(',').map(str::trim);
        let full = parts.next().unwrap_or("");
        let name = if short {
            parts.next().unwrap_or(full)
        } else {
            full
        };
        if name.is_empty() {
            month.to_string()
        } else {
            name.to_string()
        }
    }

    /// A number in the language's format: `100.000` and `2,5` in German, `100,000` and
    /// `2.5` in English.
    pub(crate) fn number(&self, v: f64) -> String {
        let german = query::format_number(v);
        match self.lang {
            Lang::De => german,
            Lang::En => german
                .chars()
                .map(|c| match c {
                    '.' => ',',
                    ',' => '.',
                    c => c,
                })
                .collect(),
        }
    }
}

/// `template` with every `{name}` replaced by its value, `{Name}` by its value with a capital
/// first letter.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
        out = out.replace(&format!("{{{}}}", capitalised(name)), &capitalised(value));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_both_languages() {
        let mut section = "";
        for line in TABLE_TEXT.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                section = line;
                continue;
            }
            let (_, values) = line
                .split_once(" = ")
                .unwrap_or_else(|| panic!("not KEY = de | en in {section}: {line}"));
            assert_eq!(
                values.split('|').count(),
                Lang::ALL.len(),
                "{section}: {line}"
            );
        }
    }

    #[test]
    fn words_and_numbers_of_each_language() {
        let (de, en) = (Words::of(Lang::De), Words::of(Lang::En));
        assert_eq!(de.concept("soldiers"), "Soldaten");
        assert_eq!(en.concept("soldiers"), "troops");
        assert_eq!(de.concept("Raketenwerfer"), "Raketenwerfer");
        assert_eq!(de.action("returning"), "zurückgezogen");
        assert_eq!(en.action("returning"), "withdrawn");
        assert_eq!(de.entity("Russia"), "Russland");
        assert_eq!(en.source("Verteidigungsministerium"), "defence ministry");
        assert_eq!(de.month(1, true), "Jan.");
        assert_eq!(en.month(12, false), "December");
        assert_eq!(de.number(100_000.0), "100.000");
        assert_eq!(de.number(2.5), "2,5");
        assert_eq!(en.number(100_000.0), "100,000");
        assert_eq!(en.number(2.5), "2.5");
        assert_eq!(
            de.fill("title_count", &[("action", "verlegt"), ("noun", "Panzer")]),
            "Verlegte Panzer"
        );
        assert_eq!(
            en.count("note_log_zero", 1),
            "1 claim of zero or less is not drawn on the logarithmic scale."
        );
    }
}
