//! The geometry of the timeline, shared by the app's plot and the exported chart: one point
//! per claim at its article's date (a month-only date spans its month, a year its year), the
//! value on the y axis (a range or vague figure spans its interval), one line per chosen
//! series and named entity. Claims of different series are never joined.

use std::collections::HashMap;

use crate::analysis::dates;
use crate::analysis::query;
use crate::analysis::series::{self, GroupBy, SeriesKey};
use crate::corpus::Corpus;
use crate::model::{Kind, Lang, Qualifier};

/// Colours for entities, distinguishable on light and dark backgrounds (RGB).
pub const PALETTE: [[u8; 3]; 20] = [
    [31, 119, 180],
    [214, 39, 40],
    [44, 160, 44],
    [255, 127, 14],
    [148, 103, 189],
    [23, 190, 207],
    [227, 119, 194],
    [140, 86, 75],
    [188, 189, 34],
    [0, 128, 128],
    [174, 199, 232],
    [255, 152, 150],
    [152, 223, 138],
    [255, 187, 120],
    [197, 176, 213],
    [158, 218, 229],
    [247, 182, 210],
    [196, 156, 148],
    [219, 219, 141],
    [102, 102, 204],
];

/// The colour of claims without a named source.
pub const UNNAMED_COLOR: [u8; 3] = [127, 127, 127];

/// The series name of claims without a named source.
pub const UNNAMED: &str = "no named source";

/// The colour of a palette index (`None`: unnamed).
#[must_use]
pub fn color(index: Option<usize>) -> [u8; 3] {
    index.map_or(UNNAMED_COLOR, |i| PALETTE[i % PALETTE.len()])
}

/// The marker shape of a qualifier, as the app and the exported chart draw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Exact.
    Circle,
    /// Approximate.
    Diamond,
    /// Over, at least (with an upward arrow).
    Up,
    /// Under, at most.
    Down,
    /// Range (with a bar over the interval) and vague (with an open band upwards).
    Square,
}

impl Shape {
    /// The shape for a qualifier.
    #[must_use]
    pub fn of(q: Qualifier) -> Self {
        match q {
            Qualifier::Exact => Self::Circle,
            Qualifier::Approx => Self::Diamond,
            Qualifier::Over | Qualifier::AtLeast => Self::Up,
            Qualifier::Under | Qualifier::AtMost => Self::Down,
            Qualifier::Range | Qualifier::Vague => Self::Square,
        }
    }

    /// What it stands for, for the legend.
    #[must_use]
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Circle => "exact",
            Self::Diamond => "approximate",
            Self::Up => "more than / at least",
            Self::Down => "less than / at most",
            Self::Square => "range or vague figure",
        }
    }

    /// Every shape, in legend order.
    pub const ALL: [Shape; 5] = [
        Self::Circle,
        Self::Diamond,
        Self::Up,
        Self::Down,
        Self::Square,
    ];
}

/// One claim on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimePoint {
    /// Index into `corpus.rows`.
    pub row: usize,
    /// The middle of the days the date covers (days since 1970-01-01).
    pub x: f64,
    /// The first day the date covers.
    pub x_lo: f64,
    /// The end of the days the date covers (exclusive).
    pub x_hi: f64,
    /// The value the marker sits at.
    pub y: f64,
    /// The upper end of a range or vague figure, or of a group's values (equal to `y`
    /// otherwise).
    pub y_hi: f64,
    /// The lower end of a group's values (equal to `y` for a single claim).
    pub y_min: f64,
    /// How many claims the mark stands for: 1, or a group of one entity's claims of one
    /// date when there are too many to draw one by one (the mark sits at their median).
    pub count: usize,
    /// The marker shape.
    pub shape: Shape,
    /// Whether the date is of day precision.
    pub precise_day: bool,
    /// Index into [`Timeline::series`].
    pub series: usize,
    /// Whether `y_hi` is a vague figure's guess (`Zehntausende`: up to 100.000): the mark
    /// is drawn as an open band from `y` upwards, and `y_hi` does not stretch the value axis.
    pub vague: bool,
    /// The mark's sideways slot, so that marks at one date with close values do not hide
    /// each other (set by [`Timeline::finish`]).
    pub dodge: Dodge,
}

/// A mark's sideways offset in steps of [`DODGE_PX`] pixels (negative: to the left), on
/// the linear and on the logarithmic value axis (values close on one may be apart on the
/// other).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dodge {
    /// On a linear value axis.
    pub linear: i32,
    /// On a logarithmic value axis.
    pub log: i32,
}

impl Dodge {
    /// The slot on the given axis.
    #[must_use]
    pub fn of(self, log: bool) -> i32 {
        if log { self.log } else { self.linear }
    }
}

/// The pixels of one dodge slot: neighbouring marks sit two slots (11 pixels) apart, so that
/// two marks sit at ±1 slot, three at −2, 0 and 2, symmetric around the date.
pub const DODGE_PX: f64 = 5.5;

/// Marks at one date are dodged when their values are closer than this share of the value
/// axis (about 18 pixels on a plot 600 pixels high).
pub const DODGE_CLOSE: f64 = 0.03;

/// At most this many marks side by side; more close marks at one date share the columns.
pub const DODGE_COLUMNS: usize = 9;

/// A mark's vertical reach in plotted units (its lowest and highest point) and its index.
type Reach = (f64, f64, usize);

/// One line of the timeline: one entity's claims within one series. Claims without a named
/// source are drawn but never joined (they may come from different outlets), nor are claims
/// with no action (what happens to the figures is unknown, so they need not be one quantity).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Series {
    /// The entity's name, or [`UNNAMED`]; with the series' label when several are drawn.
    pub name: String,
    /// The entity (or, grouped by side, the side), if named.
    pub entity: Option<String>,
    /// Index into [`Timeline::chosen`]: which series the line belongs to.
    pub chosen: usize,
    /// Whether its marks are joined by a line (a named source's own series).
    pub joined: bool,
    /// RGB colour.
    pub color: [u8; 3],
    /// Indices into [`Timeline::points`], by date.
    pub points: Vec<usize>,
    /// The pairs of points (indices into [`Timeline::points`]) the line joins: one date to
    /// the next, and only where the source gives one value at each date (two different
    /// figures of one date are no trend between them). Empty unless `joined`.
    pub segments: Vec<(usize, usize)>,
    /// The source words of its claims as the articles write them (`Verteidigungsministerium`
    /// for Russia), most frequent first, for the chart's source line (set by
    /// [`Timeline::finish`]).
    pub sources: Vec<String>,
}

/// The segments of one line whose points are sorted by date (see [`Series::segments`]).
fn segments_of(points: &[TimePoint], line: &[usize]) -> Vec<(usize, usize)> {
    // Each date's one point, or `None` when the source gives several values at that date.
    let mut dates: Vec<Option<usize>> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let p = &points[line[i]];
        let mut j = i + 1;
        let mut single = true;
        let same = |a: f64, b: f64| (a - b).abs() <= f64::EPSILON * a.abs().max(1.0);
        while j < line.len()
            && same(points[line[j]].x_lo, p.x_lo)
            && same(points[line[j]].x_hi, p.x_hi)
        {
            let q = &points[line[j]];
            single &= same(q.y, p.y)
                && (same(q.y_hi, p.y_hi) || q.y_hi.is_infinite() && p.y_hi.is_infinite());
            j += 1;
        }
        dates.push(single.then_some(line[i]));
        i = j;
    }
    dates
        .windows(2)
        .filter_map(|w| Some((w[0]?, w[1]?)))
        .collect()
}

/// Sets every joined line's segments (after its points are sorted by date).
fn set_segments(timeline: &mut Timeline) {
    for s in &mut timeline.series {
        s.segments = if s.joined {
            segments_of(&timeline.points, &s.points)
        } else {
            Vec::new()
        };
    }
}

/// The timeline of a set of claims.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeline {
    /// What is plotted, for the title.
    pub title: String,
    /// The label of the y axis (kind and unit).
    pub y_label: String,
    /// The series drawn (concept, action, kind, unit).
    pub chosen: Vec<SeriesKey>,
    /// The plotted claims.
    pub points: Vec<TimePoint>,
    /// The lines: one per series and entity, most claims first.
    pub series: Vec<Series>,
    /// Claims left out because their article has no date.
    pub undated: usize,
    /// The articles (indices into `corpus.articles`) of those claims.
    pub undated_articles: Vec<usize>,
    /// Claims left out because the plot holds at most `max_points` marks even after
    /// grouping.
    pub dropped: usize,
    /// Whether claims were grouped (one mark per entity and date).
    pub grouped: bool,
    /// Claims left out because they are of another kind or unit than the plotted ones.
    pub other_units: usize,
    /// The vague figures drawn as open bands: their words and lower bounds
    /// (`("Zehntausende", 10000.0)`), for the note under the plot (set by
    /// [`Timeline::finish`]).
    pub vague: Vec<(String, f64)>,
    /// Change figures of the chosen concepts and actions, left off the level axis.
    pub changes: usize,
    /// The language of most plotted claims' articles (the exported chart's default
    /// language; set by [`Timeline::finish`]).
    pub lang: Option<Lang>,
}

/// The series a timeline draws when the user has chosen none: the level series with an
/// action and the most dated claims among `rows` (any level series when none has an action).
#[must_use]
pub fn default_series(corpus: &Corpus, rows: &[usize]) -> Option<SeriesKey> {
    series::series_of(corpus, rows)
        .into_iter()
        .filter(|s| !s.key.change && s.dated > 0)
        .max_by(|a, b| {
            a.key
                .action
                .is_some()
                .cmp(&b.key.action.is_some())
                .then_with(|| a.dated.cmp(&b.dated))
                .then_with(|| b.key.cmp(&a.key))
        })
        .map(|s| s.key)
}

/// Builds the timeline of `rows` (indices into `corpus.rows`; rejected claims are left out)
/// in the `chosen` series. Claims of different series are never joined, and a line joins
/// only one named entity's claims of one series; change figures stay off the level axis.
/// Only the commonest kind and unit is drawn on one axis. When there are more than
/// `max_points` claims, each line's claims of one date become one mark at their median with
/// a bar over their spread; if that is still too many, the largest groups are kept.
#[must_use]
pub fn build(corpus: &Corpus, rows: &[usize], chosen: &[SeriesKey], max_points: usize) -> Timeline {
    build_by(corpus, rows, chosen, max_points, GroupBy::Entity)
}

/// [`build`] with the claims grouped by `group_by`: with [`GroupBy::Side`] a line, its
/// colour and its legend entry stand for a side (a person's affiliation, else the entity),
/// and a line joins only one side's claims of one series.
#[must_use]
pub fn build_by(
    corpus: &Corpus,
    rows: &[usize],
    chosen: &[SeriesKey],
    max_points: usize,
    group_by: GroupBy,
) -> Timeline {
    let mut timeline = Timeline {
        chosen: chosen.iter().filter(|k| !k.change).cloned().collect(),
        ..Timeline::default()
    };
    let position = |key: &SeriesKey| timeline.chosen.iter().position(|k| k == key);
    let mut picked: Vec<(usize, usize)> = Vec::new();
    for (r, row) in series::kept(corpus, rows) {
        let key = SeriesKey::of(&row.claim);
        if key.change {
            if position(&key.level()).is_some() {
                timeline.changes += 1;
            }
            continue;
        }
        if let Some(k) = position(&key) {
            picked.push((r, k));
        }
    }
    // One axis: the commonest kind and unit.
    let mut units: HashMap<(Kind, Option<&str>), usize> = HashMap::new();
    for &(r, _) in &picked {
        let c = &corpus.rows[r].claim;
        *units.entry((c.kind, c.unit.as_deref())).or_default() += 1;
    }
    let axis = units
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| *k);
    timeline.title = if timeline.chosen.is_empty() {
        "No series chosen".to_string()
    } else {
        timeline
            .chosen
            .iter()
            .map(SeriesKey::label)
            .collect::<Vec<_>>()
            .join("; ")
    };
    timeline.y_label = match axis {
        Some((kind, Some(unit))) => format!("{kind} ({unit})"),
        Some((kind, None)) => kind.to_string(),
        None => String::new(),
    };
    let several = timeline.chosen.len() > 1;
    let mut dated = Vec::with_capacity(picked.len());
    for (r, k) in picked {
        let row = &corpus.rows[r];
        let c = &row.claim;
        if axis.is_some_and(|(kind, u)| (kind, u) != (c.kind, c.unit.as_deref())) {
            timeline.other_units += 1;
            continue;
        }
        if let Some(date) = corpus.date(row) {
            dated.push((r, k, date));
        } else {
            timeline.undated += 1;
            if !timeline.undated_articles.contains(&row.article) {
                timeline.undated_articles.push(row.article);
            }
        }
    }
    let mut line_of: HashMap<(usize, Option<String>), usize> = HashMap::new();
    for (r, k, date) in dated {
        let row = &corpus.rows[r];
        let entity = group_by.key(row).map(str::to_string);
        let color = color(corpus.color_index(entity.as_deref()));
        let label = timeline.chosen[k].label();
        let line = *line_of.entry((k, entity.clone())).or_insert_with(|| {
            let who = entity.clone().unwrap_or_else(|| UNNAMED.to_string());
            timeline.series.push(Series {
                name: if several {
                    format!("{who} · {label}")
                } else {
                    who
                },
                joined: entity.is_some() && timeline.chosen[k].action.is_some(),
                entity,
                chosen: k,
                color,
                points: Vec::new(),
                segments: Vec::new(),
                sources: Vec::new(),
            });
            timeline.series.len() - 1
        });
        let (lo, hi) = dates::day_range(date);
        let (y, y_hi) = match row.claim.qualifier {
            Qualifier::Range | Qualifier::Vague => query::interval(&row.claim),
            _ => (row.claim.value, row.claim.value),
        };
        timeline.series[line].points.push(timeline.points.len());
        timeline.points.push(TimePoint {
            row: r,
            x: (lo + hi) as f64 / 2.0,
            x_lo: lo as f64,
            x_hi: hi as f64,
            y,
            y_hi,
            y_min: y,
            count: 1,
            shape: Shape::of(row.claim.qualifier),
            precise_day: date.day.is_some(),
            series: line,
            vague: row.claim.qualifier == Qualifier::Vague,
            dodge: Dodge::default(),
        });
    }
    if timeline.points.len() > max_points.max(1) {
        group(&mut timeline, max_points.max(1));
    }
    let points = &timeline.points;
    for s in &mut timeline.series {
        s.points
            .sort_by(|&a, &b| points[a].x.total_cmp(&points[b].x));
    }
    timeline.series.sort_by(|a, b| {
        b.points
            .len()
            .cmp(&a.points.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    // Point indices stay valid; only the series' own index changed.
    for (i, s) in timeline.series.iter().enumerate() {
        for &p in &s.points {
            timeline.points[p].series = i;
        }
    }
    set_segments(&mut timeline);
    timeline.finish(corpus);
    timeline
}

/// Replaces the points by one mark per entity and date (at the median, spanning the
/// values), keeping at most `max` marks (the largest groups).
fn group(timeline: &mut Timeline, max: usize) {
    let mut groups: HashMap<(usize, i64, i64), Vec<usize>> = HashMap::new();
    for (i, p) in timeline.points.iter().enumerate() {
        groups
            .entry((p.series, p.x_lo as i64, p.x_hi as i64))
            .or_default()
            .push(i);
    }
    let mut groups: Vec<((usize, i64, i64), Vec<usize>)> = groups.into_iter().collect();
    groups.sort_by_key(|(k, _)| *k);
    if groups.len() > max {
        let mut by_size: Vec<usize> = (0..groups.len()).collect();
        by_size.sort_by_key(|&g| std::cmp::Reverse(groups[g].1.len()));
        let mut keep = vec![false; groups.len()];
        for &g in &by_size[..max] {
            keep[g] = true;
        }
        let mut k = 0;
        groups.retain(|(_, members)| {
            let kept = keep[k];
            k += 1;
            if !kept {
                timeline.dropped += members.len();
            }
            kept
        });
    }
    let old = std::mem::take(&mut timeline.points);
    for s in &mut timeline.series {
        s.points.clear();
    }
    for (_, mut members) in groups {
        members.sort_by(|&a, &b| old[a].y.total_cmp(&old[b].y));
        let mut mark = old[members[members.len() / 2]].clone();
        mark.y_min = members
            .iter()
            .map(|&m| old[m].y)
            .fold(f64::INFINITY, f64::min);
        mark.y_hi = members
            .iter()
            .map(|&m| if old[m].vague { old[m].y } else { old[m].y_hi })
            .fold(f64::NEG_INFINITY, f64::max);
        mark.vague = false;
        mark.count = members.len();
        timeline.series[mark.series]
            .points
            .push(timeline.points.len());
        timeline.points.push(mark);
    }
    timeline.series.retain(|s| !s.points.is_empty());
    for (i, s) in timeline.series.iter().enumerate() {
        for &p in &s.points {
            timeline.points[p].series = i;
        }
    }
    timeline.grouped = true;
}

/// Whether a value is drawn on the value axis (on a logarithmic one only values above zero).
#[must_use]
pub fn drawn(v: f64, log: bool) -> bool {
    v.is_finite() && (!log || v > 0.0)
}

/// A value in plotted units: itself, or its logarithm to base 10 on a logarithmic axis.
#[must_use]
pub fn plotted(v: f64, log: bool) -> f64 {
    if log { v.log10() } else { v }
}

#[cfg(test)]
#[path = "timeline_tests.rs"]
mod plot_tests;

impl Timeline {
    /// Fills in what the renderers read beyond the marks: the vague figures' words for the
    /// note and every mark's dodge slots. `build` calls it last; call it again after
    /// changing the points.
    pub fn finish(&mut self, corpus: &Corpus) {
        self.vague.clear();
        for p in &self.points {
            if !p.vague {
                continue;
            }
            let Some(row) = corpus.rows.get(p.row) else {
                continue;
            };
            let word = row.claim.text.trim().to_string();
            if !self
                .vague
                .iter()
                .any(|(w, v)| *w == word && v.to_bits() == p.y.to_bits())
            {
                self.vague.push((word, p.y));
            }
        }
        self.vague
            .sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        self.set_lang_and_sources(corpus);
        self.dodge();
    }

    /// The majority language of the plotted claims' articles (ties: the first in
    /// [`Lang::ALL`]) and each line's source words.
    fn set_lang_and_sources(&mut self, corpus: &Corpus) {
        let mut langs = [0usize; Lang::ALL.len()];
        let mut words: Vec<HashMap<String, usize>> = vec![HashMap::new(); self.series.len()];
        for p in &self.points {
            let Some(row) = corpus.rows.get(p.row) else {
                continue;
            };
            if let Some(article) = corpus.articles.get(row.article)
                && let Some(i) = Lang::ALL.iter().position(|&l| l == article.lang)
            {
                langs[i] += p.count.max(1);
            }
            if let (Some(text), Some(counts)) = (row.source_text(), words.get_mut(p.series)) {
                let text = text.trim();
                if !text.is_empty() {
                    *counts.entry(text.to_string()).or_default() += 1;
                }
            }
        }
        self.lang = langs
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(i, _)| Lang::ALL[i]);
        for (s, counts) in self.series.iter_mut().zip(words) {
            let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            s.sources = counts.into_iter().map(|(w, _)| w).collect();
        }
    }

    /// The marks drawn on the given axis, with their indices.
    fn shown(&self, log: bool) -> impl Iterator<Item = (usize, &TimePoint)> {
        self.points
            .iter()
            .enumerate()
            .filter(move |(_, p)| drawn(p.y, log) && p.x_lo.is_finite() && p.x_hi.is_finite())
    }

    /// The days the time axis shows: the drawn marks' days with 5 % of their span (at
    /// least 10 days) on each side; `None` when nothing is drawn.
    #[must_use]
    pub fn date_range(&self, log: bool) -> Option<(f64, f64)> {
        let (x0, x1) = self
            .shown(log)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (_, p)| {
                (a.min(p.x_lo), b.max(p.x_hi))
            });
        if x0 > x1 {
            return None;
        }
        let pad = ((x1 - x0) * 0.05).max(10.0);
        Some((x0 - pad, x1 + pad))
    }

    /// Whether some drawn mark has a date of day precision (else the time axis shows no
    /// day ticks).
    #[must_use]
    pub fn has_days(&self, log: bool) -> bool {
        self.shown(log).any(|(_, p)| p.precise_day)
    }

    /// The values the value axis must show, in plotted units: every drawn mark's value and
    /// spread, and zero on a linear axis. A vague figure's upper end (`Zehntausende`: up to
    /// 100.000) counts only when nothing but vague figures is drawn, so that a guess does
    /// not set the scale of the stated figures. `None` when nothing is drawn.
    #[must_use]
    pub fn value_extent(&self, log: bool) -> Option<(f64, f64)> {
        let only_vague = self.shown(log).all(|(_, p)| p.vague);
        let mut y = (f64::INFINITY, f64::NEG_INFINITY);
        for (_, p) in self.shown(log) {
            let top = if p.vague && !only_vague { p.y } else { p.y_hi };
            for v in [p.y, p.y_min, top] {
                if drawn(v, log) {
                    let v = plotted(v, log);
                    y = (y.0.min(v), y.1.max(v));
                }
            }
        }
        if y.0 > y.1 {
            return None;
        }
        if !log {
            y = (y.0.min(0.0), y.1.max(0.0));
        }
        Some(y)
    }

    /// The value axis' range in plotted units: the [extent](Self::value_extent) with 10 %
    /// room above; on a linear axis from zero (below zero only when a value is), on a
    /// logarithmic one with 5 % room below (of at least a decade). `None` when nothing is
    /// drawn.
    #[must_use]
    pub fn value_range(&self, log: bool) -> Option<(f64, f64)> {
        let (y0, y1) = self.value_extent(log)?;
        Some(if log {
            let span = (y1 - y0).max(1.0);
            (y0 - 0.05 * span, y1 + 0.1 * span)
        } else {
            let (lo, mut hi) = (y0, y1);
            if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
                hi = lo + 1.0;
            }
            let span = hi - lo;
            (
                if lo < 0.0 { lo - 0.05 * span } else { lo },
                hi + 0.1 * span,
            )
        })
    }

    /// Sets every mark's [`Dodge`] slots: marks of one date span whose values (with their
    /// bars, bands and arrows) come closer than [`DODGE_CLOSE`] of the value axis are put
    /// side by side, lowest value leftmost, symmetric around the date.
    pub fn dodge(&mut self) {
        for p in &mut self.points {
            p.dodge = Dodge::default();
        }
        for log in [false, true] {
            for (i, slot) in self.dodge_slots(log) {
                let d = &mut self.points[i].dodge;
                if log {
                    d.log = slot;
                } else {
                    d.linear = slot;
                }
            }
        }
    }

    /// The dodge slots on one axis, of the marks that move (a slot is in -8..=8, so the
    /// casts below cannot wrap).
    fn dodge_slots(&self, log: bool) -> Vec<(usize, i32)> {
        let Some((lo, top)) = self.value_range(log) else {
            return Vec::new();
        };
        let close = DODGE_CLOSE * (top - lo);
        // Each mark's vertical reach in plotted units, per date span.
        let mut by_date: HashMap<(u64, u64), Vec<Reach>> = HashMap::new();
        for (i, p) in self.shown(log) {
            let y = plotted(p.y, log);
            let low = if drawn(p.y_min, log) {
                plotted(p.y_min, log).min(y)
            } else {
                y
            };
            let high = if p.vague {
                // The band reaches its upper end, or the top of the scale.
                if drawn(p.y_hi, log) {
                    plotted(p.y_hi, log).max(y)
                } else {
                    top
                }
            } else if p.shape == Shape::Up {
                y + 1.2 * close
            } else if drawn(p.y_hi, log) {
                plotted(p.y_hi, log).max(y)
            } else {
                y
            };
            by_date
                .entry((p.x_lo.to_bits(), p.x_hi.to_bits()))
                .or_default()
                .push((low, high.min(top), i));
        }
        let mut slots = Vec::new();
        for mut marks in by_date.into_values() {
            if marks.len() < 2 {
                continue;
            }
            marks.sort_by(|a, b| {
                a.0.total_cmp(&b.0)
                    .then_with(|| self.points[a.2].series.cmp(&self.points[b.2].series))
                    .then_with(|| a.2.cmp(&b.2))
            });
            // Clusters of marks that reach each other; in each, the first free column.
            let mut start = 0;
            while start < marks.len() {
                let mut reach = marks[start].1;
                let mut ends: Vec<f64> = Vec::new();
                let mut columns = Vec::new();
                let mut end = start;
                while end < marks.len() && (end == start || marks[end].0 <= reach + close) {
                    let (low, high, _) = marks[end];
                    reach = reach.max(high);
                    let column = ends
                        .iter()
                        .position(|&e| low > e + close)
                        .unwrap_or(ends.len());
                    if column == ends.len() {
                        ends.push(high);
                    } else {
                        ends[column] = high;
                    }
                    columns.push(column % DODGE_COLUMNS);
                    end += 1;
                }
                #[allow(clippy::cast_possible_wrap)]
                let used = ends.len().min(DODGE_COLUMNS) as i32;
                if used > 1 {
                    for (k, &column) in columns.iter().enumerate() {
                        #[allow(clippy::cast_possible_wrap)]
                        let column = column as i32;
                        slots.push((marks[start + k].2, 2 * column - (used - 1)));
                    }
                }
                start = end;
            }
        }
        slots
    }

    /// A sentence on how open figures are drawn, for the note under the plot: vague
    /// figures as open bands from their lower bound, "over" figures with an arrow up.
    #[must_use]
    pub fn open_note(&self, log: bool) -> Option<String> {
        let mut parts = Vec::new();
        let shown_vague: Vec<&(String, f64)> =
            self.vague.iter().filter(|(_, v)| drawn(*v, log)).collect();
        match shown_vague.as_slice() {
            [] => {}
            [(word, v)] => parts.push(format!(
                "{word}: drawn as an open band from {}.",
                query::format_number(*v)
            )),
            many => parts.push(format!(
                "Vague figures are drawn as open bands from their lower bound: {}.",
                many.iter()
                    .map(|(w, v)| format!("{w} from {}", query::format_number(*v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        if self.shown(log).any(|(_, p)| p.shape == Shape::Up) {
            parts.push("More than / at least: an arrow up from the stated value.".to_string());
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The bounds of all points: `(x_min, x_max, y_min, y_max)`, or `None` when empty.
    #[must_use]
    pub fn bounds(&self) -> Option<(f64, f64, f64, f64)> {
        let first = self.points.first()?;
        let mut b = (first.x_lo, first.x_hi, first.y_min, first.y_hi);
        for p in &self.points {
            b.0 = b.0.min(p.x_lo);
            b.1 = b.1.max(p.x_hi);
            b.2 = b.2.min(p.y_min);
            b.3 = b.3.max(p.y_hi);
        }
        Some(b)
    }

    /// A line about what is left out (the exported chart's note).
    #[must_use]
    pub fn left_out(&self) -> Option<String> {
        self.left_out_but(true)
    }

    /// The same without the claims that have no date (the app says that on a line of its
    /// own, with a button to set the dates).
    #[must_use]
    pub fn left_out_but_undated(&self) -> Option<String> {
        self.left_out_but(false)
    }

    fn left_out_but(&self, undated: bool) -> Option<String> {
        let mut parts = Vec::new();
        if undated && self.undated > 0 {
            let n = self.undated_articles.len();
            parts.push(format!(
                "{} without a date ({} {} no date)",
                self.undated,
                n,
                if n == 1 {
                    "article has"
                } else {
                    "articles have"
                }
            ));
        }
        if self.changes > 0 {
            parts.push(format!(
                "{} change {} (a difference, not a level: kept off the level axis)",
                self.changes,
                if self.changes == 1 {
                    "figure"
                } else {
                    "figures"
                }
            ));
        }
        if self.other_units > 0 {
            parts.push(format!("{} of another kind or unit", self.other_units));
        }
        if self.dropped > 0 {
            parts.push(format!(
                "{} in the smallest groups (narrow the filter to see all)",
                self.dropped
            ));
        }
        let mut note = if parts.is_empty() {
            String::new()
        } else {
            format!("Not drawn: {}.", parts.join(", "))
        };
        if self.chosen.iter().any(|k| k.action.is_none()) && !self.points.is_empty() {
            note.push_str(" Claims with no action are not joined by lines: what happens to the figures is unknown.");
        }
        if self.grouped {
            note.insert_str(
                0,
                "Too many claims to draw one by one: each entity's claims of one date are one mark at their median, the bar spans their values. ",
            );
        }
        (!note.is_empty()).then(|| note.trim_end().to_string())
    }
}
