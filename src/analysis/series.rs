//! Series: the claims that count the same thing, that is, the same concept, action, kind and
//! unit. Figures that state a change (`15.000 mehr als im März`) form series of their own and
//! are never compared with levels or joined with them. Periods: when two claims of a series
//! speak of the same time (a month-only date spans its month; a window can be set).

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::analysis::dates;
use crate::corpus::{Corpus, Row, Status};
use crate::model::{ArticleDate, Claim, Kind};

/// What a series counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey {
    /// The concept counted (`soldiers`), if the claim names what it counts.
    pub concept: Option<String>,
    /// What happens to it (`massed`), if known.
    pub action: Option<String>,
    /// The kind of figure.
    pub kind: Kind,
    /// The unit, if any.
    pub unit: Option<String>,
    /// Whether the figures state changes rather than levels.
    pub change: bool,
}

impl SeriesKey {
    /// The series a claim belongs to.
    #[must_use]
    pub fn of(claim: &Claim) -> Self {
        Self {
            concept: claim.concept.clone(),
            action: claim.action.clone(),
            kind: claim.kind,
            unit: claim.unit.clone(),
            change: claim.is_change,
        }
    }

    /// The series of levels this key's figures are changes of (itself for levels).
    #[must_use]
    pub fn level(self) -> Self {
        Self {
            change: false,
            ..self
        }
    }

    /// A short name: `soldiers · massed`, `soldiers · no action`, `change in EUR · spent`.
    #[must_use]
    pub fn label(&self) -> String {
        let what = self.concept.as_deref().unwrap_or("(nothing named)");
        let action = self.action.as_deref().unwrap_or("no action");
        let mut s = if self.change {
            format!("change in {what} · {action}")
        } else {
            format!("{what} · {action}")
        };
        let unit_says_it = self
            .unit
            .as_deref()
            .is_some_and(|u| Some(u) == self.concept.as_deref() || (u == "%" && what == "percent"));
        if let Some(unit) = self.unit.as_deref().filter(|_| !unit_says_it) {
            let _ = write!(s, " ({unit})");
        } else if self.kind != Kind::Count && self.unit.is_none() {
            let _ = write!(s, " ({})", self.kind);
        }
        s
    }

    /// Whether a user's `--subject`/`--action` choice selects this series: the subject as
    /// a concept, a subject as written or a word the concept table knows.
    #[must_use]
    pub fn chosen_by(&self, subject: Option<&str>, action: Option<&str>, claim: &Claim) -> bool {
        let subject_ok = subject.is_none_or(|s| {
            let s = s.trim();
            self.concept
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(s))
                || claim
                    .subject
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(s))
                || crate::extract::concept::lookup_word(s)
                    .is_some_and(|c| self.concept.as_deref() == Some(c))
        });
        let action_ok = action.is_none_or(|a| {
            self.action
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(a.trim()))
        });
        subject_ok && action_ok
    }
}

/// One series with its claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// What it counts.
    pub key: SeriesKey,
    /// Its claims (indices into `corpus.rows`, rejected ones left out), by date (undated
    /// last), then article and position.
    pub rows: Vec<usize>,
    /// How many of them have a date.
    pub dated: usize,
}

/// The series of `rows` (rejected claims left out), most claims first.
#[must_use]
pub fn series_of(corpus: &Corpus, rows: &[usize]) -> Vec<Series> {
    let mut index: HashMap<SeriesKey, usize> = HashMap::new();
    let mut out: Vec<Series> = Vec::new();
    for (r, row) in kept(corpus, rows) {
        let key = SeriesKey::of(&row.claim);
        let at = *index.entry(key.clone()).or_insert_with(|| {
            out.push(Series {
                key,
                rows: Vec::new(),
                dated: 0,
            });
            out.len() - 1
        });
        out[at].rows.push(r);
        if corpus.date(row).is_some() {
            out[at].dated += 1;
        }
    }
    for s in &mut out {
        sort_by_date(corpus, &mut s.rows);
        s.rows.dedup();
    }
    out.sort_by(|a, b| {
        b.rows
            .len()
            .cmp(&a.rows.len())
            .then_with(|| a.key.change.cmp(&b.key.change))
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

/// Every level series of the corpus (rejected claims left out) with its claim count and
/// dated claim count, ordered as [`series_of`] orders them: the counts of `series_of` over
/// every row without sorting each series' rows.
#[must_use]
pub fn level_counts(corpus: &Corpus) -> Vec<(SeriesKey, usize, usize)> {
    let mut counts: rustc_hash::FxHashMap<SeriesKey, (usize, usize)> =
        rustc_hash::FxHashMap::default();
    for row in corpus.rows.iter().filter(|r| r.status != Status::Rejected) {
        let key = SeriesKey::of(&row.claim);
        if key.change {
            continue;
        }
        let entry = counts.entry(key).or_default();
        entry.0 += 1;
        entry.1 += usize::from(corpus.date(row).is_some());
    }
    let mut out: Vec<(SeriesKey, usize, usize)> =
        counts.into_iter().map(|(k, (n, d))| (k, n, d)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// The rows of `rows` that exist and are not rejected, with their index.
pub fn kept<'a>(corpus: &'a Corpus, rows: &'a [usize]) -> impl Iterator<Item = (usize, &'a Row)> {
    rows.iter().filter_map(|&r| {
        corpus
            .rows
            .get(r)
            .filter(|row| row.status != Status::Rejected)
            .map(|row| (r, row))
    })
}

/// The level series of `rows` that a `--subject`/`--action` choice selects (see
/// [`SeriesKey::chosen_by`]), most claims first; with neither, every level series.
#[must_use]
pub fn choose(
    corpus: &Corpus,
    rows: &[usize],
    subject: Option<&str>,
    action: Option<&str>,
) -> Vec<Series> {
    series_of(corpus, rows)
        .into_iter()
        .filter(|s| {
            !s.key.change
                && s.rows
                    .iter()
                    .any(|&r| s.key.chosen_by(subject, action, &corpus.rows[r].claim))
        })
        .collect()
}

/// Sorts rows by their article's date (undated last), then article and position.
pub fn sort_by_date(corpus: &Corpus, rows: &mut [usize]) {
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
}

/// How claims are put into periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Periods {
    /// One period per calendar month: claims dated in the same month speak of the same time.
    #[default]
    Months,
    /// A day-dated claim covers this many days around its date, a month-only one its
    /// month; claims whose spans overlap (directly or through others) share a period.
    Window(u32),
}

impl Periods {
    /// The days a claim of this date covers, `[first, end)`; `None` for a date of year
    /// precision only, too vague to place.
    #[must_use]
    pub fn span(self, date: ArticleDate) -> Option<(i64, i64)> {
        date.month?;
        let (lo, hi) = dates::day_range(date);
        match self {
            Self::Months => {
                let (y, m, _) = dates::civil_from_days(lo);
                Some(dates::day_range(ArticleDate {
                    year: y,
                    month: u8::try_from(m).ok(),
                    day: None,
                }))
            }
            Self::Window(days) if date.day.is_some() => {
                let days = i64::from(days.max(1));
                let first = lo - (days - 1) / 2;
                Some((first, first + days))
            }
            Self::Window(_) => Some((lo, hi)),
        }
    }

    /// In words, for the app and the text report.
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Self::Months => "calendar months".to_string(),
            Self::Window(days) => format!("a window of {days} days around each date"),
        }
    }
}

/// A period: `[first, end)` in days since 1970-01-01.
pub type Period = (i64, i64);

/// A period as text: `2022-02` for a calendar month, `2022-02-14` for one day, else
/// `2022-02-10/2022-02-16` (ISO 8601, both days included).
#[must_use]
pub fn period_label(period: Period) -> String {
    let (lo, hi) = period;
    if hi - lo == 1 {
        return dates::day_label(lo);
    }
    let (y, m, d) = dates::civil_from_days(lo);
    if d == 1 {
        let month = ArticleDate {
            year: y,
            month: u8::try_from(m).ok(),
            day: None,
        };
        if dates::day_range(month) == period {
            return month.to_string();
        }
    }
    format!("{}/{}", dates::day_label(lo), dates::day_label(hi - 1))
}

/// The periods of a series' dated rows: each row with the index of its period, and the
/// periods in time order. Rows whose date is missing or of year precision are left out.
#[must_use]
pub fn periods_of(
    corpus: &Corpus,
    rows: &[usize],
    periods: Periods,
) -> (Vec<(usize, usize)>, Vec<Period>) {
    let mut spans: Vec<(Period, usize)> = rows
        .iter()
        .filter_map(|&r| {
            let date = corpus.date(&corpus.rows[r])?;
            Some((periods.span(date)?, r))
        })
        .collect();
    spans.sort_unstable();
    let mut out = Vec::with_capacity(spans.len());
    let mut list: Vec<Period> = Vec::new();
    for ((lo, hi), r) in spans {
        match list.last_mut() {
            Some(open) if lo < open.1 => open.1 = open.1.max(hi),
            _ => list.push((lo, hi)),
        }
        out.push((r, list.len() - 1));
    }
    (out, list)
}

/// The actions whose figures count events of one occasion (`assets/actions.txt`).
fn event_actions() -> &'static [String] {
    static EVENTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    EVENTS.get_or_init(|| {
        include_str!("../../assets/actions.txt")
            .lines()
            .filter_map(|l| l.trim().strip_prefix("events ="))
            .flat_map(|list| list.split(','))
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect()
    })
}

/// Whether figures of this action count what happened on one occasion (`killed`,
/// `arrested`, `moved`): compared only on the same day or in one paragraph.
#[must_use]
pub fn is_event(action: &str) -> bool {
    event_actions().iter().any(|a| a == action)
}

/// Splits the claims of one period of an event series into occasions: claims of different
/// articles dated to the same day, or of one paragraph of one article. Each occasion with its
/// span: the day, or the period when its claims are not all of one day.
#[must_use]
pub fn occasions(corpus: &Corpus, rows: &[usize], period: Period) -> Vec<(Period, Vec<usize>)> {
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // Each claim's day (when its article is dated to one) and paragraph (article, line).
    let keys: Vec<(Option<Period>, (usize, usize))> = rows
        .iter()
        .map(|&r| {
            let row = &corpus.rows[r];
            let day = corpus
                .date(row)
                .filter(|d| d.day.is_some())
                .map(dates::day_range);
            let text = &corpus.articles[row.article].text;
            let start = row.claim.sentence.start.min(text.len());
            let line = text[..start].matches('\n').count();
            (day, (row.article, line))
        })
        .collect();
    let mut parent: Vec<usize> = (0..rows.len()).collect();
    for (i, (day_i, par_i)) in keys.iter().enumerate() {
        for (j, (day_j, par_j)) in keys.iter().enumerate().skip(i + 1) {
            // One article may tell of several occasions of one day: there, one paragraph.
            let same_day = par_i.0 != par_j.0 && day_i.is_some() && day_i == day_j;
            if same_day || par_i == par_j {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, &r) in rows.iter().enumerate() {
        let g = root(&mut parent, i);
        match groups.iter_mut().find(|(k, _)| *k == g) {
            Some((_, list)) => list.push(r),
            None => groups.push((g, vec![r])),
        }
    }
    groups
        .into_iter()
        .map(|(_, list)| {
            let day_of = |r: usize| keys[rows.iter().position(|&x| x == r).unwrap_or(0)].0;
            let first = day_of(list[0]);
            let span = match first {
                Some(d) if list.iter().all(|&r| day_of(r) == first) => d,
                _ => period,
            };
            (span, list)
        })
        .collect()
}

/// Who states a claim, for telling sources apart: its entity, if it has one.
#[must_use]
pub fn named_entity(row: &Row) -> Option<&str> {
    row.entity().filter(|e| !e.trim().is_empty())
}

/// Whose claims the timeline and the comparison read together: each entity's, or each
/// side's (a person's affiliation, else the entity: a state or organisation speaks for
/// itself), so that all US voices count as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum GroupBy {
    /// Each named entity apart.
    #[default]
    Entity,
    /// Each side: [`Row::side`].
    Side,
}

impl GroupBy {
    /// Both, in the order the views offer them.
    pub const ALL: [GroupBy; 2] = [Self::Entity, Self::Side];

    /// The name on the command line (`--group-by side`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Entity => "entity",
            Self::Side => "side",
        }
    }

    /// The word the views show.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Entity => "Entity",
            Self::Side => "Side",
        }
    }

    /// Parses the command line's name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == name)
    }

    /// The group a claim belongs to, if its source is named: [`named_entity`], or its side.
    #[must_use]
    pub fn key(self, row: &Row) -> Option<&str> {
        match self {
            Self::Entity => named_entity(row),
            Self::Side => row.side().filter(|e| !e.trim().is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> ArticleDate {
        ArticleDate::parse(s).unwrap()
    }

    #[test]
    fn spans_of_periods() {
        let feb = dates::day_range(date("2022-02"));
        let cases = [
            (Periods::Months, "2022-02-14", Some(feb)),
            (Periods::Months, "2022-02", Some(feb)),
            (Periods::Months, "2022", None),
            (Periods::Window(7), "2022-02", Some(feb)),
        ];
        for (p, d, want) in cases {
            assert_eq!(p.span(date(d)), want, "{p:?} {d}");
        }
        let (lo, hi) = Periods::Window(7).span(date("2022-02-14")).unwrap();
        assert_eq!(hi - lo, 7);
        assert_eq!(dates::day_label(lo), "2022-02-11");
    }

    #[test]
    fn level_counts_are_the_counts_of_every_series() {
        let extractor = crate::extract::Extractor::new();
        let docs = crate::bench::corpus(60_000);
        let articles: Vec<crate::corpus::Article> = docs
            .into_iter()
            .map(|d| {
                let ex = extractor.extract(&d);
                crate::corpus::Article::new(d, ex)
            })
            .collect();
        let mut corpus = Corpus::default();
        corpus.add(articles);
        corpus.rebuild(&crate::io::workspace::Workspace::default());
        let all: Vec<usize> = (0..corpus.rows.len()).collect();
        let want: Vec<(SeriesKey, usize, usize)> = series_of(&corpus, &all)
            .into_iter()
            .filter(|s| !s.key.change)
            .map(|s| (s.key, s.rows.len(), s.dated))
            .collect();
        assert!(want.len() > 10);
        assert_eq!(level_counts(&corpus), want);
    }

    #[test]
    fn labels_of_periods() {
        assert_eq!(period_label(dates::day_range(date("2022-02"))), "2022-02");
        assert_eq!(
            period_label(dates::day_range(date("2022-02-14"))),
            "2022-02-14"
        );
        let lo = dates::day_range(date("2022-02-11")).0;
        assert_eq!(period_label((lo, lo + 7)), "2022-02-11/2022-02-17");
    }
}
