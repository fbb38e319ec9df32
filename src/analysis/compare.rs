//! Comparing claims without stating what no source said. Claims are compared only within a
//! series (same concept, action, kind and unit; change figures apart) and only within a
//! period:
//!
//! - a **disagreement** is a series' claims of one period from two or more named sources
//!   whose value intervals cannot all hold (`rund` read as ±10 %, `mehr als` open above, a
//!   vague plural as one order of magnitude, a range as its bounds);
//! - a **revision** is a source's figure in a later period that differs from its figure
//!   before; other sources' later figures are later figures, never contradictions;
//! - the change on the claim before is computed only within one source's series.
//!
//! Where claims are not compared, [`why_apart`] says why in words.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::analysis::query::{self, format_number};
use crate::analysis::series::{self, GroupBy, Period, Periods, Series, SeriesKey};
use crate::corpus::{Corpus, Row};

/// How claims are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// How claims are put into periods.
    pub periods: Periods,
    /// Whose claims are one source: each entity's, or each side's.
    pub group_by: GroupBy,
}

/// Claims of one series and period whose values cannot all hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// Index into [`Analysis::series`].
    pub series: usize,
    /// The period they speak of.
    pub period: Period,
    /// The claims (indices into `corpus.rows`), by date then position.
    pub rows: Vec<usize>,
    /// Why they cannot all hold, in words.
    pub why: String,
}

/// A source's later figure for a series that differs from its figure before.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    /// Index into [`Analysis::series`].
    pub series: usize,
    /// The source's entity.
    pub entity: String,
    /// The earlier claim (index into `corpus.rows`).
    pub from: usize,
    /// The later claim.
    pub to: usize,
}

/// Claims that the analysis did not compare, by reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeftOut {
    /// Change figures: never compared with levels.
    pub changes: usize,
    /// Claims whose article has no date.
    pub undated: usize,
    /// Claims dated by year only: too vague to place in a period.
    pub year_only: usize,
    /// Claims with no action: what happens to the figure is unknown.
    pub no_action: usize,
    /// Claims without a named source: no one to set against another.
    pub unnamed: usize,
    /// Claims of a source that gives several figures in one period that cannot all hold
    /// (parts of a whole, or a figure and its update): not used for that period.
    pub several: usize,
}

impl LeftOut {
    /// The reasons in words, those that apply.
    #[must_use]
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut add = |n: usize, one: &str, many: &str| {
            if n > 0 {
                out.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        };
        add(
            self.changes,
            "change figure (states a difference, not a level)",
            "change figures (state a difference, not a level)",
        );
        add(
            self.undated,
            "claim without a date",
            "claims without a date",
        );
        add(
            self.year_only,
            "claim dated by year only",
            "claims dated by year only",
        );
        add(
            self.no_action,
            "claim with no action (what happens to the figure is unknown)",
            "claims with no action (what happens to the figure is unknown)",
        );
        add(
            self.unnamed,
            "claim without a named source",
            "claims without a named source",
        );
        add(
            self.several,
            "claim of a source giving several different figures in one period",
            "claims of sources giving several different figures in one period",
        );
        out
    }
}

/// What comparing a set of claims found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// How periods were formed.
    pub periods: Periods,
    /// Whose claims were one source.
    pub group_by: GroupBy,
    /// The series of levels, most claims first.
    pub series: Vec<Series>,
    /// The series of change figures (kept apart, never compared).
    pub changes: Vec<Series>,
    /// Disagreements, by series then period.
    pub disagreements: Vec<Disagreement>,
    /// Revisions, by series, entity and date.
    pub revisions: Vec<Revision>,
    /// What was not compared.
    pub left_out: LeftOut,
}

/// What one source states in one period: the interval its latest figure allows, its
/// claims, and its first and last claim.
struct Stated<'a> {
    entity: &'a str,
    lo: f64,
    hi: f64,
    rows: Vec<usize>,
    first: usize,
    last: usize,
}

/// The interval all of `rows` allow (empty when `lo > hi`).
fn common(corpus: &Corpus, rows: &[usize]) -> (f64, f64) {
    rows.iter()
        .fold((f64::NEG_INFINITY, f64::INFINITY), |acc, &r| {
            let (a, b) = query::interval(&corpus.rows[r].claim);
            (acc.0.max(a), acc.1.min(b))
        })
}

fn holds(lo: f64, hi: f64) -> bool {
    lo <= hi * (1.0 + 1e-9)
}

/// One source's claims of one period (by date): what it states at the end of the period,
/// and its updates within the period (a figure of a later date that cannot hold with the
/// one before: `(from, to)`). `None` when claims of one date cannot all hold: parts of a
/// whole or figures of different things, which are not used.
fn stance<'a>(corpus: &Corpus, rows: &[usize]) -> Option<(Stated<'a>, Vec<(usize, usize)>)> {
    let mut rows = rows.to_vec();
    series::sort_by_date(corpus, &mut rows);
    let mut updates = Vec::new();
    let mut current: Option<(f64, f64, usize)> = None;
    let mut i = 0;
    while i < rows.len() {
        let date = corpus.date(&corpus.rows[rows[i]]);
        let mut j = i;
        while j < rows.len() && corpus.date(&corpus.rows[rows[j]]) == date {
            j += 1;
        }
        let group = &rows[i..j];
        let (lo, hi) = common(corpus, group);
        if !holds(lo, hi) {
            return None;
        }
        current = Some(match current {
            Some((clo, chi, last)) if !holds(clo.max(lo), chi.min(hi)) => {
                updates.push((last, group[0]));
                (lo, hi, group[group.len() - 1])
            }
            Some((clo, chi, _)) => (clo.max(lo), chi.min(hi), group[group.len() - 1]),
            None => (lo, hi, group[group.len() - 1]),
        });
        i = j;
    }
    let (lo, hi, last) = current?;
    Some((
        Stated {
            entity: "",
            lo,
            hi,
            first: rows[0],
            last,
            rows,
        },
        updates,
    ))
}

/// Compares the claims of `rows` (indices into `corpus.rows`; rejected ones left out).
#[must_use]
pub fn analyse(corpus: &Corpus, rows: &[usize], options: Options) -> Analysis {
    let all = series::series_of(corpus, rows);
    let (changes, levels): (Vec<Series>, Vec<Series>) = all.into_iter().partition(|s| s.key.change);
    let by = options.group_by;
    let mut out = Analysis {
        periods: options.periods,
        group_by: by,
        left_out: LeftOut {
            changes: changes.iter().map(|s| s.rows.len()).sum(),
            ..LeftOut::default()
        },
        series: levels,
        changes,
        ..Analysis::default()
    };
    for (si, s) in out.series.iter().enumerate() {
        if s.key.action.is_none() {
            out.left_out.no_action += s.rows.len();
            continue;
        }
        let (placed, periods) = series::periods_of(corpus, &s.rows, options.periods);
        for &r in &s.rows {
            match corpus.date(&corpus.rows[r]) {
                None => out.left_out.undated += 1,
                Some(d) if d.month.is_none() => out.left_out.year_only += 1,
                Some(_) => {}
            }
        }
        // Per period (for events: per occasion), each named source's claims and the
        // interval they all allow.
        let event = s.key.action.as_deref().is_some_and(series::is_event);
        let mut by_period: Vec<Vec<usize>> = vec![Vec::new(); periods.len()];
        for &(r, p) in &placed {
            if by.key(&corpus.rows[r]).is_some() {
                by_period[p].push(r);
            } else {
                out.left_out.unnamed += 1;
            }
        }
        let groups: Vec<(Period, Vec<usize>)> = if event {
            by_period
                .iter()
                .zip(&periods)
                .flat_map(|(rows, &p)| series::occasions(corpus, rows, p))
                .collect()
        } else {
            periods.iter().copied().zip(by_period).collect()
        };
        let mut stated: Vec<Vec<Stated>> = Vec::with_capacity(groups.len());
        for (_, rows) in &groups {
            let mut sources: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for &r in rows {
                if let Some(e) = by.key(&corpus.rows[r]) {
                    sources.entry(e).or_default().push(r);
                }
            }
            let mut list = Vec::new();
            for (&entity, rows) in &sources {
                match stance(corpus, rows) {
                    Some((st, updates)) => {
                        for (from, to) in updates.into_iter().filter(|_| !event) {
                            out.revisions.push(Revision {
                                series: si,
                                entity: entity.to_string(),
                                from,
                                to,
                            });
                        }
                        list.push(Stated { entity, ..st });
                    }
                    None => out.left_out.several += rows.len(),
                }
            }
            stated.push(list);
        }
        for (p, list) in stated.iter().enumerate() {
            if list.len() < 2 {
                continue;
            }
            let Some(high) = list.iter().max_by(|a, b| a.lo.total_cmp(&b.lo)) else {
                continue;
            };
            let Some(low) = list.iter().min_by(|a, b| a.hi.total_cmp(&b.hi)) else {
                continue;
            };
            if high.lo <= low.hi * (1.0 + 1e-9) {
                continue;
            }
            let mut rows: Vec<usize> = list.iter().flat_map(|st| st.rows.iter().copied()).collect();
            series::sort_by_date(corpus, &mut rows);
            out.disagreements.push(Disagreement {
                series: si,
                period: groups[p].0,
                rows,
                why: why_disagree(corpus, high, low),
            });
        }
        // Revisions: a source's figure in one period against its figure in its next (not for
        // events: a later figure may count another occasion).
        if event {
            continue;
        }
        let mut last: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for list in &stated {
            for st in list {
                let (first, latest) = (st.first, st.last);
                if let Some(&(_, before)) = last.get(st.entity) {
                    let (a, b) = (&corpus.rows[before].claim, &corpus.rows[first].claim);
                    if query::format_value(a) != query::format_value(b) {
                        out.revisions.push(Revision {
                            series: si,
                            entity: st.entity.to_string(),
                            from: before,
                            to: first,
                        });
                    }
                }
                last.insert(st.entity, (first, latest));
            }
        }
    }
    out.revisions.sort_by(|a, b| {
        (a.series, &a.entity)
            .cmp(&(b.series, &b.entity))
            .then_with(|| {
                let date = |r: usize| corpus.date(&corpus.rows[r]);
                date(a.to).cmp(&date(b.to))
            })
    });
    out
}

/// An interval in words: `18.000–22.000`, `10.000 or more`, `up to 500`, `3.000`.
fn interval_text(lo: f64, hi: f64) -> String {
    if hi.is_infinite() {
        format!("{} or more", format_number(lo))
    } else if lo <= 0.0 && hi > 0.0 {
        format!("up to {}", format_number(hi))
    } else if (hi - lo).abs() < f64::EPSILON {
        format_number(lo)
    } else {
        format!("{}–{}", format_number(lo), format_number(hi))
    }
}

fn why_disagree(corpus: &Corpus, high: &Stated, low: &Stated) -> String {
    let value = |st: &Stated| {
        let mut values: Vec<String> = Vec::new();
        for &r in &st.rows {
            let v = query::format_value(&corpus.rows[r].claim);
            if !values.contains(&v) {
                values.push(v);
            }
        }
        values.join(" then ")
    };
    format!(
        "{} says {} ({}) and {} says {} ({}): no one figure fits both",
        high.entity,
        value(high),
        interval_text(high.lo, high.hi),
        low.entity,
        value(low),
        interval_text(low.lo, low.hi)
    )
}

/// The source and value of a claim, short: `USA ~100.000`.
#[must_use]
pub fn source_and_value(row: &Row) -> String {
    let who = row
        .entity()
        .or_else(|| row.source_text())
        .unwrap_or("the article itself");
    format!("{who} {}", query::format_value(&row.claim))
}

impl Analysis {
    /// One line for a disagreement: `soldiers · massed, 2022-02: Ukraine ~120.000, NATO ~85.000`.
    #[must_use]
    pub fn disagreement_line(&self, corpus: &Corpus, d: &Disagreement) -> String {
        // One entry per source, in the order they first speak, its distinct values.
        let mut sources: Vec<(String, Vec<String>)> = Vec::new();
        for &r in &d.rows {
            let row = &corpus.rows[r];
            let who = match self.group_by {
                GroupBy::Entity => row.entity(),
                GroupBy::Side => row.side(),
            }
            .or_else(|| row.source_text())
            .unwrap_or("the article itself")
            .to_string();
            let value = query::format_value(&row.claim);
            match sources.iter_mut().find(|(w, _)| *w == who) {
                Some((_, values)) if !values.contains(&value) => values.push(value),
                Some(_) => {}
                None => sources.push((who, vec![value])),
            }
        }
        let claims: Vec<String> = sources
            .into_iter()
            .map(|(who, values)| format!("{who} {}", values.join(" then ")))
            .collect();
        format!(
            "{}, {}: {}",
            self.series[d.series].key.label(),
            series::period_label(d.period),
            claims.join(", ")
        )
    }

    /// One line for a revision: `Ukraine, soldiers · massed: ~120.000 (2022-02) -> ~175.000 (2022-03)`.
    #[must_use]
    pub fn revision_line(&self, corpus: &Corpus, r: &Revision) -> String {
        let at = |row: usize| {
            let row = &corpus.rows[row];
            let date = corpus.date(row).map_or("no date".into(), |d| d.to_string());
            format!("{} ({date})", query::format_value(&row.claim))
        };
        format!(
            "{}, {}: {} -> {}",
            r.entity,
            self.series[r.series].key.label(),
            at(r.from),
            at(r.to)
        )
    }

    /// The report as text, one readable line each.
    #[must_use]
    pub fn to_text(&self, corpus: &Corpus) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "Series ({}):", self.series.len());
        for series in &self.series {
            let n = series.rows.len();
            let _ = writeln!(
                s,
                "  {}: {n} {} ({} dated)",
                series.key.label(),
                if n == 1 { "claim" } else { "claims" },
                series.dated
            );
        }
        let _ = writeln!(
            s,
            "Disagreements ({}), periods by {}:",
            self.disagreements.len(),
            self.periods.describe()
        );
        if self.disagreements.is_empty() {
            let _ = writeln!(
                s,
                "  none: no two named sources state figures of one series and period that cannot both hold"
            );
        }
        for d in &self.disagreements {
            let _ = writeln!(s, "  {}", self.disagreement_line(corpus, d));
            let _ = writeln!(s, "    why: {}", d.why);
        }
        let _ = writeln!(s, "Revisions ({}):", self.revisions.len());
        for r in &self.revisions {
            let _ = writeln!(s, "  {}", self.revision_line(corpus, r));
        }
        let left = self.left_out.describe();
        if !left.is_empty() {
            let _ = writeln!(s, "Not compared: {}.", left.join("; "));
        }
        s
    }

    /// The report as JSON: `{"series", "disagreements", "revisions", "left_out"}` (see
    /// README).
    #[must_use]
    pub fn to_json(&self, corpus: &Corpus) -> Value {
        let reference = |r: usize| claim_ref(corpus, r);
        let series: Vec<Value> = self
            .series
            .iter()
            .map(|s| {
                json!({
                    "concept": s.key.concept,
                    "action": s.key.action,
                    "kind": s.key.kind,
                    "unit": s.key.unit,
                    "claims": s.rows.iter().map(|&r| reference(r)).collect::<Vec<_>>(),
                })
            })
            .collect();
        let disagreements: Vec<Value> = self
            .disagreements
            .iter()
            .map(|d| {
                let key = &self.series[d.series].key;
                json!({
                    "concept": key.concept,
                    "action": key.action,
                    "period": series::period_label(d.period),
                    "claims": d.rows.iter().map(|&r| reference(r)).collect::<Vec<_>>(),
                    "why": d.why,
                })
            })
            .collect();
        let revisions: Vec<Value> = self
            .revisions
            .iter()
            .map(|r| {
                let key = &self.series[r.series].key;
                json!({
                    "entity": r.entity,
                    "concept": key.concept,
                    "action": key.action,
                    "from": reference(r.from),
                    "to": reference(r.to),
                })
            })
            .collect();
        let l = &self.left_out;
        json!({
            "series": series,
            "disagreements": disagreements,
            "revisions": revisions,
            "left_out": {
                "changes": l.changes,
                "undated": l.undated,
                "year_only": l.year_only,
                "no_action": l.no_action,
                "unnamed": l.unnamed,
                "several": l.several,
            },
        })
    }
}

/// A claim as the compare report names it: `{"path", "number", "value", "high",
/// "qualifier", "entity", "date"}`.
#[must_use]
pub fn claim_ref(corpus: &Corpus, r: usize) -> Value {
    let row = &corpus.rows[r];
    let c = &row.claim;
    json!({
        "path": corpus.articles[row.article].path,
        "number": c.number,
        "value": c.value,
        "high": c.high,
        "qualifier": c.qualifier,
        "entity": row.entity(),
        "date": corpus.date(row),
    })
}

/// Why two claims are not compared with each other, in words, or `None` when they are (same
/// series and period). The first reason that applies is given.
#[must_use]
pub fn why_apart(corpus: &Corpus, a: usize, b: usize, periods: Periods) -> Option<String> {
    why_apart_by(corpus, a, b, periods, GroupBy::Entity)
}

/// [`why_apart`] with sources told apart by `group_by` (one side's later figure is its
/// revision).
#[must_use]
pub fn why_apart_by(
    corpus: &Corpus,
    a: usize,
    b: usize,
    periods: Periods,
    group_by: GroupBy,
) -> Option<String> {
    let (ra, rb) = (&corpus.rows[a], &corpus.rows[b]);
    let (ca, cb) = (&ra.claim, &rb.claim);
    let (ka, kb) = (SeriesKey::of(ca), SeriesKey::of(cb));
    let shown = |x: &Option<String>| x.clone().unwrap_or_else(|| "none".into());
    if ka.change != kb.change {
        let change = if ka.change { ca } else { cb };
        return Some(format!(
            "{} is a change figure (a difference, not a level): never compared with a level",
            query::format_value(change)
        ));
    }
    if ka.concept != kb.concept {
        return Some(format!(
            "they count different things ({}, {})",
            shown(&ka.concept),
            shown(&kb.concept)
        ));
    }
    if ka.kind != kb.kind || ka.unit != kb.unit {
        let unit = |k: &SeriesKey| k.unit.clone().unwrap_or_else(|| k.kind.to_string());
        return Some(format!("another unit ({}, {})", unit(&ka), unit(&kb)));
    }
    if ka.action != kb.action {
        return Some(format!(
            "other action ({}, {})",
            shown(&ka.action),
            shown(&kb.action)
        ));
    }
    if ka.action.is_none() {
        return Some("no action: what happens to the figures is unknown".into());
    }
    let (da, db) = (corpus.date(ra), corpus.date(rb));
    let (Some(da), Some(db)) = (da, db) else {
        return Some("no date: their periods are unknown (set the article's date)".into());
    };
    let (Some(pa), Some(pb)) = (periods.span(da), periods.span(db)) else {
        return Some("dated by year only: too vague to place in a period".into());
    };
    if pa.1 <= pb.0 || pb.1 <= pa.0 {
        let same = group_by.key(ra).is_some() && group_by.key(ra) == group_by.key(rb);
        return Some(if same {
            format!("other period ({da}, {db}): the same source's later figure is a revision")
        } else {
            format!("other period ({da}, {db}): a later figure, not a contradiction")
        });
    }
    None
}

/// For each of `rows` (one series, by date): how it changes on the same source's claim
/// before it in that series, or `None` for a source's first claim or an unnamed source.
#[must_use]
pub fn changes_within_source(corpus: &Corpus, rows: &[usize]) -> Vec<Option<String>> {
    changes_within_source_by(corpus, rows, GroupBy::Entity)
}

/// [`changes_within_source`] with sources told apart by `group_by`.
#[must_use]
pub fn changes_within_source_by(
    corpus: &Corpus,
    rows: &[usize],
    group_by: GroupBy,
) -> Vec<Option<String>> {
    let mut last: BTreeMap<&str, usize> = BTreeMap::new();
    rows.iter()
        .map(|&r| {
            let row = &corpus.rows[r];
            let entity = group_by.key(row)?;
            let before = last.insert(entity, r)?;
            Some(change(&corpus.rows[before], row))
        })
        .collect()
}

fn change(before: &Row, after: &Row) -> String {
    let (x, y) = (before.claim.value, after.claim.value);
    if query::format_value(&before.claim) == query::format_value(&after.claim) {
        return "the same as this source's figure before".to_string();
    }
    let diff = y - x;
    let sign = if diff >= 0.0 { "+" } else { "−" };
    let mut s = format!(
        "{sign}{} on this source's figure before",
        format_number(diff.abs())
    );
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
