//! Comparing claims side by side: the claims in date order and their differences spelled
//! out: how each changes on the one before (ratio, absolute and relative change) and which
//! sources contradict each other (their values cannot both be true, qualifiers considered).

use std::fmt::Write as _;

use crate::analysis::dates;
use crate::analysis::query::{self, format_number};
use crate::corpus::{Corpus, Row};

/// The claims compared and what differs between them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// The rows compared (indices into `corpus.rows`), by date, undated last.
    pub rows: Vec<usize>,
    /// For each row after the first: how it relates to the row before, if comparable.
    pub changes: Vec<Option<String>>,
    /// Pairs whose values cannot both hold, as sentences.
    pub contradictions: Vec<String>,
    /// Pairs that count different things (subject, action, kind or unit).
    pub incomparable: usize,
    /// Claims left out because at most [`MAX_COLUMNS`] are compared.
    pub omitted: usize,
}

/// The most claims compared at once (the earliest, by date).
pub const MAX_COLUMNS: usize = 24;

/// The most contradictions listed.
pub const MAX_CONTRADICTIONS: usize = 40;

fn who(corpus: &Corpus, row: &Row) -> String {
    let name = row
        .entity()
        .or_else(|| row.source_text())
        .unwrap_or("the article itself")
        .to_string();
    match corpus.date(row) {
        Some(d) => format!("{name} ({d})"),
        None => name,
    }
}

/// Two claims are compared when they count the same thing: same kind and unit, and the
/// same subject and action where both name one.
fn comparable(a: &Row, b: &Row) -> bool {
    let same = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    };
    a.claim.kind == b.claim.kind
        && a.claim.unit == b.claim.unit
        && same(a.claim.subject.as_deref(), b.claim.subject.as_deref())
        && same(a.claim.action.as_deref(), b.claim.action.as_deref())
}

/// Compares `rows` (indices into `corpus.rows`).
#[must_use]
pub fn compare(corpus: &Corpus, rows: &[usize]) -> Comparison {
    let mut rows: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&r| r < corpus.rows.len())
        .collect();
    rows.sort_by_key(|&r| {
        let row = &corpus.rows[r];
        (
            corpus
                .date(row)
                .map_or((i64::MAX, i64::MAX), dates::day_range),
            row.article,
            row.claim.number.start,
        )
    });
    rows.dedup();
    let omitted = rows.len().saturating_sub(MAX_COLUMNS);
    rows.truncate(MAX_COLUMNS);
    let mut out = Comparison {
        rows: rows.clone(),
        omitted,
        ..Comparison::default()
    };
    for pair in rows.windows(2) {
        let (a, b) = (&corpus.rows[pair[0]], &corpus.rows[pair[1]]);
        out.changes.push(comparable(a, b).then(|| change(a, b)));
    }
    for (i, &ra) in rows.iter().enumerate() {
        for &rb in &rows[i + 1..] {
            let (a, b) = (&corpus.rows[ra], &corpus.rows[rb]);
            if !comparable(a, b) {
                out.incomparable += 1;
                continue;
            }
            let (a_lo, a_hi) = query::interval(&a.claim);
            let (b_lo, b_hi) = query::interval(&b.claim);
            if (a_hi < b_lo || b_hi < a_lo) && out.contradictions.len() < MAX_CONTRADICTIONS {
                out.contradictions.push(contradiction(corpus, a, b));
            }
        }
    }
    out
}

fn change(before: &Row, after: &Row) -> String {
    let (x, y) = (before.claim.value, after.claim.value);
    let diff = y - x;
    let sign = if diff >= 0.0 { "+" } else { "−" };
    let mut s = format!("{sign}{} on the claim before", format_number(diff.abs()));
    if x.abs() > f64::EPSILON {
        let pct = diff / x * 100.0;
        let _ = write!(s, " ({sign}{}%)", format_number(pct.abs().round()));
        let ratio = y / x;
        if ratio >= 1.5 || (ratio > 0.0 && ratio <= 1.0 / 1.5) {
            let _ = write!(s, ", ×{}", format_number((ratio * 100.0).round() / 100.0));
        }
    }
    s
}

fn contradiction(corpus: &Corpus, a: &Row, b: &Row) -> String {
    let (wa, wb) = (who(corpus, a), who(corpus, b));
    let (va, vb) = (query::format_value(&a.claim), query::format_value(&b.claim));
    let same_source = a.entity().is_some() && a.entity() == b.entity();
    let later = match (corpus.date(a), corpus.date(b)) {
        (Some(da), Some(db)) => dates::day_range(da).0 < dates::day_range(db).0,
        _ => false,
    };
    let what = a
        .claim
        .subject
        .as_deref()
        .filter(|s| b.claim.subject.as_deref() == Some(*s))
        .map_or(String::new(), |s| format!(" {s}"));
    if same_source {
        format!("{wb} revises its own figure: {vb}{what} after {va} ({wa})")
    } else if later {
        format!("{wb} contradicts {wa}: {vb}{what} against {va}")
    } else {
        format!("{wa} and {wb} disagree: {va}{what} against {vb}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Article;
    use crate::extract::Extractor;
    use crate::io::load::Document;
    use crate::io::workspace::Workspace;

    #[test]
    fn spells_out_differences() {
        let mut corpus = Corpus::default();
        for (path, text) in [
            (
                "a.txt",
                " date 2023-03\nDas Ministerium sagte, rund 3000 Soldaten seien verlegt worden.",
            ),
            (
                "b.txt",
                " date 2023-05\nDie US-Regierung sagte, mehr als 100.000 Soldaten seien verlegt worden.",
            ),
        ] {
            let doc = Document::from_text(path, text.into());
            let ex = Extractor::new().extract(&doc);
            corpus.add([Article::new(doc, ex)]);
        }
        corpus.rebuild(&Workspace::default());
        let all: Vec<usize> = (0..corpus.rows.len()).rev().collect();
        let cmp = compare(&corpus, &all);
        assert_eq!(cmp.rows, vec![0, 1]);
        let change = cmp.changes[0].as_deref().unwrap();
        assert!(change.contains("+97.000"), "{change}");
        assert_eq!(cmp.contradictions.len(), 1);
        assert!(
            cmp.contradictions[0].contains("contradicts"),
            "{:?}",
            cmp.contradictions
        );
    }
}
