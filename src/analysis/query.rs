//! Choosing, ordering and displaying claims: the filters and sort order of the claims table,
//! and the short forms of values (`~100.000`, `>10.000`, `10.000+ (vague)`).

use std::cmp::Ordering;

use crate::analysis::dates;
use crate::corpus::{Corpus, Row, Status};
use crate::model::{ArticleDate, Claim, Kind, Qualifier};

/// Which claims to show. Empty or `None` fields do not filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Words that must all occur (case-insensitive) in the value, subject, action, source,
    /// entity, article name or sentence.
    pub text: String,
    /// Only claims from this entity; `Some("")` means claims without a named source.
    pub entity: Option<String>,
    /// Only claims counting this.
    pub subject: Option<String>,
    /// Only claims with this action.
    pub action: Option<String>,
    /// Only this kind of figure.
    pub kind: Option<Kind>,
    /// Only this qualifier.
    pub qualifier: Option<Qualifier>,
    /// Only articles dated on or after this (any overlap counts: a month-only date is in
    /// range when any day of the month is).
    pub from: Option<ArticleDate>,
    /// Only articles dated on or before this.
    pub to: Option<ArticleDate>,
    /// Show rejected claims too.
    pub show_rejected: bool,
}

impl Filter {
    /// Whether any field filters.
    #[must_use]
    pub fn is_active(&self) -> bool {
        *self
            != Self {
                show_rejected: self.show_rejected,
                ..Self::default()
            }
    }

    /// Whether a row passes.
    #[must_use]
    pub fn matches(&self, corpus: &Corpus, row: &Row, words: &[String]) -> bool {
        if row.status == Status::Rejected && !self.show_rejected {
            return false;
        }
        let c = &row.claim;
        if let Some(entity) = &self.entity
            && row.entity().unwrap_or("") != entity
        {
            return false;
        }
        if let Some(subject) = &self.subject
            && c.subject.as_deref() != Some(subject.as_str())
        {
            return false;
        }
        if let Some(action) = &self.action
            && c.action.as_deref() != Some(action.as_str())
        {
            return false;
        }
        if self.kind.is_some_and(|k| k != c.kind) {
            return false;
        }
        if self.qualifier.is_some_and(|q| q != c.qualifier) {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let Some(date) = corpus.date(row) else {
                return false;
            };
            let (start, end) = dates::day_range(date);
            if self.from.is_some_and(|f| end <= dates::day_range(f).0) {
                return false;
            }
            if self.to.is_some_and(|t| start >= dates::day_range(t).1) {
                return false;
            }
        }
        if words.is_empty() {
            return true;
        }
        let article = &corpus.articles[row.article];
        let fields = [
            c.text.as_str(),
            c.subject.as_deref().unwrap_or(""),
            c.action.as_deref().unwrap_or(""),
            row.source_text().unwrap_or(""),
            row.entity().unwrap_or(""),
            article.short_name(),
            c.sentence.slice(&article.text),
        ];
        words
            .iter()
            .all(|w| fields.iter().any(|f| contains_folded(f, w)))
    }
}

/// Whether `hay` contains `needle` (already lower case), ignoring case.
fn contains_folded(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        return n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    hay.to_lowercase().contains(needle)
}

/// A column the claims table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Article date (undated last), then position.
    Date,
    /// Value.
    Value,
    /// Subject.
    Subject,
    /// Action.
    Action,
    /// Source text.
    Source,
    /// Entity.
    Entity,
    /// Article name, then position.
    Article,
}

/// The sort order of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub key: SortKey,
    /// Ascending (else descending).
    pub ascending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Self {
            key: SortKey::Date,
            ascending: true,
        }
    }
}

/// The rows (indices into `corpus.rows`) that pass `filter`, in `sort` order.
#[must_use]
pub fn select(corpus: &Corpus, filter: &Filter, sort: Sort) -> Vec<usize> {
    let words: Vec<String> = filter
        .text
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let mut shown: Vec<usize> = corpus
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| filter.matches(corpus, r, &words))
        .map(|(i, _)| i)
        .collect();
    // Sort keys are computed once per row, not once per comparison.
    let rows = &corpus.rows;
    let article_dates: Vec<Option<(i64, i64)>> = corpus
        .articles
        .iter()
        .map(|a| a.date.map(dates::day_range))
        .collect();
    let text_of = |r: usize| -> Option<&str> {
        let row = &rows[r];
        match sort.key {
            SortKey::Subject => row.claim.subject.as_deref(),
            SortKey::Action => row.claim.action.as_deref(),
            SortKey::Source => row.source_text(),
            SortKey::Entity => row.entity(),
            SortKey::Article => Some(corpus.articles[row.article].short_name()),
            SortKey::Date | SortKey::Value => None,
        }
    };
    let mut text_keys: Vec<Option<String>> = Vec::new();
    if !matches!(sort.key, SortKey::Date | SortKey::Value) {
        text_keys = vec![None; rows.len()];
        for &r in &shown {
            text_keys[r] = text_of(r).map(str::to_lowercase);
        }
    }
    let some_first = |a: Ordering, x: bool, y: bool| match (x, y) {
        (true, true) => a,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        (false, false) => Ordering::Equal,
    };
    let cmp = |&a: &usize, &b: &usize| -> Ordering {
        let (ra, rb) = (&rows[a], &rows[b]);
        let primary = match sort.key {
            SortKey::Date => {
                let (x, y) = (article_dates[ra.article], article_dates[rb.article]);
                some_first(x.cmp(&y), x.is_some(), y.is_some())
            }
            SortKey::Value => ra.claim.value.total_cmp(&rb.claim.value),
            _ => {
                let (x, y) = (&text_keys[a], &text_keys[b]);
                some_first(x.cmp(y), x.is_some(), y.is_some())
            }
        };
        let primary = if sort.ascending {
            primary
        } else {
            primary.reverse()
        };
        primary.then_with(|| a.cmp(&b))
    };
    shown.sort_by(cmp);
    shown
}

/// A number with `.` between thousands and `,` before decimals (`100.000`, `2,5`), as the
/// German press writes it; at most three decimals.
#[must_use]
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let negative = v < 0.0;
    let rounded = (v.abs() * 1000.0).round() / 1000.0;
    let whole = rounded.trunc();
    // An integer below 2^53 is exact as a u64, and printing that is far cheaper than
    // printing the float with no decimals (the same digits).
    let mut digits = if whole < 9_007_199_254_740_992.0 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = whole as u64;
        n.to_string()
    } else {
        format!("{whole:.0}")
    };
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    let lead = digits.len() % 3;
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (i + 3 - lead) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let frac = rounded - whole;
    if frac > 0.0 {
        digits = format!("{frac:.3}");
        let decimals = digits.trim_start_matches('0').trim_start_matches('.');
        let decimals = decimals.trim_end_matches('0');
        if !decimals.is_empty() {
            grouped.push(',');
            grouped.push_str(decimals);
        }
    }
    if negative {
        grouped.insert(0, '-');
    }
    grouped
}

/// The value with its qualifier and unit: `~100.000`, `>10.000`, `300–450`,
/// `10.000+ (vague)`, `12,5 %`, `5.000.000 EUR`.
#[must_use]
pub fn format_value(claim: &Claim) -> String {
    value_with(claim, format_number)
}

/// The value with its qualifier and unit, its numbers written by `number`.
fn value_with(claim: &Claim, number: fn(f64) -> String) -> String {
    let v = number(claim.value);
    let mut s = match claim.qualifier {
        Qualifier::Exact => v,
        Qualifier::Approx => format!("~{v}"),
        Qualifier::Over => format!(">{v}"),
        Qualifier::Under => format!("<{v}"),
        Qualifier::AtLeast => format!("≥{v}"),
        Qualifier::AtMost => format!("≤{v}"),
        Qualifier::Range => match claim.high {
            Some(h) => format!("{v}–{}", number(h)),
            None => v,
        },
        Qualifier::Vague => format!("{v}+ (vague)"),
    };
    if let Some(unit) = &claim.unit {
        s.push(' ');
        s.push_str(unit);
    }
    s
}

/// A number short for narrow columns: from a million on with a scale word (`4,8 Mio.`,
/// `445,1 Mrd.`), one decimal at most; smaller numbers as [`format_number`].
#[must_use]
pub fn format_number_short(v: f64) -> String {
    let (scale, word) = if v.abs() >= 1e12 {
        (1e12, "Bio.")
    } else if v.abs() >= 1e9 {
        (1e9, "Mrd.")
    } else if v.abs() >= 1e6 {
        (1e6, "Mio.")
    } else {
        return format_number(v);
    };
    format!(
        "{} {word}",
        format_number((v / scale * 10.0).round() / 10.0)
    )
}

/// [`format_value`] with big numbers short (`~445,1 Mrd. USD`), for the table.
#[must_use]
pub fn format_value_short(claim: &Claim) -> String {
    value_with(claim, format_number_short)
}

/// The interval of quantities a claim allows: exact is a point, `rund` ±10 %, over and at
/// least open upwards, under and at most down to zero, a range its ends, a vague plural one
/// order of magnitude (`Zehntausende`: 10.000 up to 100.000).
#[must_use]
pub fn interval(claim: &Claim) -> (f64, f64) {
    let v = claim.value;
    match claim.qualifier {
        Qualifier::Exact => (v, v),
        Qualifier::Approx => (v * 0.9, v * 1.1),
        Qualifier::Over | Qualifier::AtLeast => (v, f64::INFINITY),
        Qualifier::Under | Qualifier::AtMost => (0.0, v),
        Qualifier::Range => (v, claim.high.unwrap_or(v).max(v)),
        Qualifier::Vague => (v, claim.high.unwrap_or(v * 10.0).max(v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_print_as_the_float_would() {
        let mut v = 0.0_f64;
        while v < 1e20 {
            for x in [
                v,
                v.trunc(),
                (v * 7.0).trunc(),
                9_007_199_254_740_991.0,
                2e16,
            ] {
                let grouped: String = format_number(x)
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                let whole = ((x * 1000.0).round() / 1000.0).trunc();
                let plain = format!("{whole:.0}");
                assert!(grouped.starts_with(&plain), "{x}: {grouped} vs {plain}");
            }
            v = v * 3.0 + 1.0;
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(format_number(100_000.0), "100.000");
        assert_eq!(format_number(2.5), "2,5");
        assert_eq!(format_number(999.0), "999");
        assert_eq!(format_number(1_234_567.25), "1.234.567,25");
        assert_eq!(format_number(0.125), "0,125");
        assert_eq!(format_number(-3000.0), "-3.000");
        assert_eq!(format_number_short(445_100_000_000.0), "445,1 Mrd.");
        assert_eq!(format_number_short(4_800_000.0), "4,8 Mio.");
        assert_eq!(format_number_short(65_000.0), "65.000");
    }
}
