//! What the chart says in words, in its language: the title (from the series' concepts and
//! actions unless the user sets one), the value axis' name (what is counted, its unit and
//! the scale of big values: `Mio. Euro`), the legend's names, the source line (the entities
//! drawn and the articles' months), the credit line, the notes and the alt text.

use std::fmt::Write as _;

use crate::analysis::dates;
use crate::analysis::series::SeriesKey;
use crate::analysis::timeline::{Shape, TimePoint, Timeline, drawn};
use crate::model::{Kind, Lang};

use super::chart::ChartOptions;
use super::words::{Words, capitalised};

/// The chart's texts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Labels {
    pub(crate) words: Words,
    pub(crate) title: String,
    pub(crate) subtitle: Option<String>,
    /// What the value axis counts, unscaled (`Soldaten`, `Euro`, `Prozent`).
    pub(crate) axis: String,
    /// The legend's name of each line (in [`Timeline::series`] order).
    pub(crate) names: Vec<String>,
    /// `Quellen: USA, Russland (Verteidigungsministerium) · Artikel vom …`.
    pub(crate) source_line: String,
    pub(crate) credit: Option<String>,
}

/// The language a chart is drawn in: the chosen one, else the articles' (English when
/// nothing is plotted).
#[must_use]
pub fn chart_lang(timeline: &Timeline, options: &ChartOptions) -> Lang {
    options.lang.or(timeline.lang).unwrap_or(Lang::En)
}

/// The title a chart in `lang` gets when the user sets none.
#[must_use]
pub fn default_title(timeline: &Timeline, lang: Lang) -> String {
    made_title(timeline, Words::of(lang))
}

/// The credit a chart in `lang` gets when the user sets none.
#[must_use]
pub fn default_credit(lang: Lang) -> String {
    Words::of(lang).text("credit")
}

fn non_empty(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

impl Labels {
    pub(crate) fn of(timeline: &Timeline, options: &ChartOptions) -> Self {
        let words = Words::of(chart_lang(timeline, options));
        let title =
            non_empty(options.title.as_deref()).unwrap_or_else(|| made_title(timeline, words));
        let names = timeline
            .series
            .iter()
            .map(|s| {
                let who = s
                    .entity
                    .as_deref()
                    .map_or_else(|| words.text("unnamed"), |e| words.entity(e));
                let one_concept = timeline
                    .chosen
                    .iter()
                    .all(|k| k.concept == timeline.chosen[0].concept);
                match timeline.chosen.get(s.chosen) {
                    // One concept: the action tells the lines apart.
                    Some(key) if timeline.chosen.len() > 1 && one_concept => {
                        match key.action.as_deref() {
                            Some(a) => format!("{who} · {}", words.action(a)),
                            None => who,
                        }
                    }
                    Some(key) if timeline.chosen.len() > 1 => {
                        format!("{who} · {}", series_title(key, words))
                    }
                    _ => who,
                }
            })
            .collect();
        let credit = match options.credit.as_deref() {
            None => Some(words.text("credit")),
            Some(c) => non_empty(Some(c)),
        };
        Self {
            words,
            title,
            subtitle: non_empty(options.subtitle.as_deref()),
            axis: axis_noun(timeline, words),
            names,
            source_line: source_line(timeline, words),
            credit,
        }
    }

    /// The value axis' name at a scale (1, 1.000, 1.000.000, …): `Mio. Euro`.
    pub(crate) fn axis_at(&self, scale: f64) -> String {
        let word = scale_word(scale);
        let axis = match word {
            Some(w) => self.words.fill(
                "scaled",
                &[("scale", &self.words.text(w)), ("noun", &self.axis)],
            ),
            None => self.axis.clone(),
        };
        capitalised(&axis)
    }
}

fn scale_word(scale: f64) -> Option<&'static str> {
    if scale >= 1e9 {
        Some("billion")
    } else if scale >= 1e6 {
        Some("million")
    } else if scale >= 1e3 {
        Some("thousand")
    } else {
        None
    }
}

/// The divisor that makes the value axis read better: millions or billions (thousands too
/// for money) when the largest tick is that big and, on a log axis, the smallest labelled
/// tick is at least that (no `0,001 Mio.`).
pub(crate) fn axis_scale(kind: Option<Kind>, ticks: &[f64], log: bool) -> f64 {
    let values: Vec<f64> = ticks
        .iter()
        .map(|&t| if log { 10f64.powf(t) } else { t })
        .filter(|v| v.is_finite())
        .collect();
    let top = values.iter().fold(0.0f64, |a, v| a.max(v.abs()));
    let low = values
        .iter()
        .filter(|v| **v > 0.0)
        .fold(f64::INFINITY, |a, &v| a.min(v));
    // (from how big, the divisor)
    let mut scales = vec![(1e9, 1e9), (1e6, 1e6)];
    if kind == Some(Kind::Money) {
        scales.push((1e4, 1e3));
    }
    scales
        .into_iter()
        .find(|&(from, by)| top >= from && (!log || low >= by))
        .map_or(1.0, |(_, by)| by)
}

/// The kind of figure on the value axis (of the first chosen series).
pub(crate) fn axis_kind(timeline: &Timeline) -> Option<Kind> {
    timeline.chosen.first().map(|k| k.kind)
}

/// What one series counts, as a title: `Zusammengezogene Soldaten` / `Troops massed`.
fn series_title(key: &SeriesKey, words: Words) -> String {
    let noun = noun_of(key, words);
    let text = match key.action.as_deref() {
        Some(action) => {
            let template = if key.kind == Kind::Count {
                "title_count"
            } else {
                "title_other"
            };
            words.fill(
                template,
                &[("noun", &noun), ("action", &words.action(action))],
            )
        }
        None => words.fill("title_plain", &[("noun", &noun)]),
    };
    capitalised(&text)
}

fn noun_of(key: &SeriesKey, words: Words) -> String {
    match key.concept.as_deref() {
        Some(c) => words.concept(c),
        None => key
            .unit
            .as_deref()
            .map_or_else(|| words.text("nothing_named"), |u| words.concept(u)),
    }
}

/// The default title: each concept with its actions, and `nach Quelle` when some line
/// is a named source's.
fn made_title(timeline: &Timeline, words: Words) -> String {
    if timeline.chosen.is_empty() {
        return if timeline.title.is_empty() {
            words.text("title_none")
        } else {
            timeline.title.clone()
        };
    }
    // The chosen series by concept, in order.
    let mut groups: Vec<(Option<&str>, Vec<&SeriesKey>)> = Vec::new();
    for key in &timeline.chosen {
        let concept = key.concept.as_deref();
        match groups.iter_mut().find(|(c, _)| *c == concept) {
            Some((_, keys)) => keys.push(key),
            None => groups.push((concept, vec![key])),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(_, keys)| match keys.as_slice() {
            [one] => series_title(one, words),
            many => {
                let actions: Vec<String> = many
                    .iter()
                    .filter_map(|k| k.action.as_deref())
                    .map(|a| words.action(a))
                    .collect();
                if actions.is_empty() {
                    series_title(many[0], words)
                } else {
                    capitalised(&words.fill(
                        "title_actions",
                        &[
                            ("noun", &noun_of(many[0], words)),
                            ("actions", &actions.join(", ")),
                        ],
                    ))
                }
            }
        })
        .collect();
    let mut title = parts.join("; ");
    if timeline.series.iter().any(|s| s.entity.is_some()) {
        title.push_str(&words.text("by_source"));
    }
    title
}

/// What the value axis counts: the unit when the series share one (`Euro`, `Prozent`),
/// else the concept they share (`Soldaten`), else a number of claims.
fn axis_noun(timeline: &Timeline, words: Words) -> String {
    let Some(first) = timeline.chosen.first() else {
        return timeline.y_label.clone();
    };
    let same_unit = timeline.chosen.iter().all(|k| k.unit == first.unit);
    let same_concept = timeline.chosen.iter().all(|k| k.concept == first.concept);
    match (&first.unit, &first.concept) {
        (Some(unit), _) if same_unit => words.concept(unit),
        (None, Some(concept)) if same_concept && same_unit => words.concept(concept),
        _ => words.text("number"),
    }
}

/// Whether a source's words say more than its entity's name (`Verteidigungsministerium`
/// for Russia; not `US` for USA, nor a pronoun).
fn says_more(text: &str, entity: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.chars().count() >= 3
        && Lang::ALL.iter().all(|&lang| {
            // The entity's name in any language, as itself or inflected (`Natos`).
            let e = Words::of(lang).entity(entity).to_lowercase();
            t != e && !e.contains(&t) && !(t.starts_with(&e) && t.len() <= e.len() + 2)
        })
        && !entity.to_lowercase().contains(&t)
}

/// `Quellen: USA, Russland (Verteidigungsministerium) · Artikel vom Dezember 2021 und
/// Januar 2022`.
fn source_line(timeline: &Timeline, words: Words) -> String {
    let mut entities: Vec<(String, String, Vec<String>)> = Vec::new();
    for s in &timeline.series {
        let Some(entity) = s.entity.as_deref() else {
            continue;
        };
        let shown = words.entity(entity);
        let at = if let Some(i) = entities.iter().position(|(e, _, _)| e == entity) {
            i
        } else {
            entities.push((entity.to_string(), shown.clone(), Vec::new()));
            entities.len() - 1
        };
        for text in &s.sources {
            if !says_more(text, entity) {
                continue;
            }
            let word = words.source(text);
            let extras = &mut entities[at].2;
            if extras.len() < 2 && !extras.contains(&word) {
                extras.push(word);
            }
        }
    }
    let mut line = match entities.len() {
        0 => words.text("no_source"),
        n => {
            let listed: Vec<String> = entities
                .iter()
                .map(|(_, shown, extras)| {
                    if extras.is_empty() {
                        shown.clone()
                    } else {
                        format!("{shown} ({})", extras.join(", "))
                    }
                })
                .collect();
            let head = words.text(if n == 1 { "source_one" } else { "source_many" });
            format!("{head} {}", listed.join(", "))
        }
    };
    if let Some(span) = article_span(timeline, words) {
        line.push_str(" · ");
        line.push_str(&span);
    }
    line
}

/// The months of the plotted claims' articles: `Artikel vom Dezember 2021 und Januar 2022`.
fn article_span(timeline: &Timeline, words: Words) -> Option<String> {
    let (first, last) = months(timeline)?;
    let month = |(y, m): (i32, u32)| format!("{} {y}", words.month(m, false));
    let index = |(y, m): (i32, u32)| i64::from(y) * 12 + i64::from(m);
    let (a, b) = (month(first), month(last));
    Some(match index(last) - index(first) {
        0 => words.fill("articles_one", &[("a", &a)]),
        1 => words.fill("articles_two", &[("a", &a), ("b", &b)]),
        _ => words.fill("articles_span", &[("a", &a), ("b", &b)]),
    })
}

/// The first and last month (year, month) of the plotted claims' dates.
fn months(timeline: &Timeline) -> Option<((i32, u32), (i32, u32))> {
    let (lo, hi) = timeline
        .points
        .iter()
        .filter(|p| p.x_lo.is_finite() && p.x_hi.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.x_lo), b.max(p.x_hi - 1.0))
        });
    if lo > hi {
        return None;
    }
    let ym = |d: f64| {
        let (y, m, _) = dates::civil_from_days(d.round() as i64);
        (y, m)
    };
    Some((ym(lo), ym(hi)))
}

/// A mark's date in words: `12. Januar 2022`, `Januar 2022`, `2022`.
fn date_words(p: &TimePoint, words: Words) -> String {
    let (y, m, d) = dates::civil_from_days(p.x_lo.round() as i64);
    let days = p.x_hi - p.x_lo;
    if days <= 1.5 {
        words.fill(
            "day",
            &[
                ("d", &d.to_string()),
                ("month", &words.month(m, false)),
                ("y", &y.to_string()),
            ],
        )
    } else if days <= 31.5 {
        format!("{} {y}", words.month(m, false))
    } else {
        y.to_string()
    }
}

/// A mark's value in words: `etwa 100.000`, `60.000 bis 70.000`.
fn value_words(p: &TimePoint, words: Words) -> String {
    let n = |v: f64| words.number(v);
    if p.count > 1 {
        return words.fill("alt_group", &[("n", &p.count.to_string()), ("v", &n(p.y))]);
    }
    match p.shape {
        Shape::Diamond => words.fill("alt_about", &[("v", &n(p.y))]),
        Shape::Up => words.fill("alt_over", &[("v", &n(p.y))]),
        Shape::Down => words.fill("alt_under", &[("v", &n(p.y))]),
        Shape::Square if p.vague => words.fill("alt_vague", &[("v", &n(p.y))]),
        Shape::Square if p.y_hi.is_finite() && p.y_hi > p.y => {
            words.fill("alt_range", &[("a", &n(p.y)), ("b", &n(p.y_hi))])
        }
        Shape::Circle | Shape::Square => n(p.y),
    }
}

/// The most marks the alt text lists per line.
const ALT_MARKS: usize = 8;

/// The most lines the alt text lists.
const ALT_LINES: usize = 12;

/// The chart described in words, for the SVG's `<desc>` and the app's "Copy alt text":
/// `Line chart. Troops massed, by source, December 2021 to January 2022. Value axis:
/// troops. USA: about 100,000 (January 2022). …`
#[must_use]
pub fn alt_text(timeline: &Timeline, options: &ChartOptions) -> String {
    let labels = Labels::of(timeline, options);
    let words = labels.words;
    let log = options.log_y;
    let kind = if timeline.series.iter().any(|s| !s.segments.is_empty()) {
        "alt_line"
    } else {
        "alt_dots"
    };
    let mut out = format!("{}. {}", words.text(kind), labels.title);
    if let Some((first, last)) = months(timeline) {
        let month = |(y, m): (i32, u32)| format!("{} {y}", words.month(m, false));
        let span = if first == last {
            month(first)
        } else {
            words.fill("alt_span", &[("a", &month(first)), ("b", &month(last))])
        };
        out.push_str(", ");
        out.push_str(&span);
    }
    out.push_str(". ");
    let log_word = if log {
        words.text("alt_log")
    } else {
        String::new()
    };
    out.push_str(&words.fill(
        "alt_axis",
        &[("axis", &capitalised(&labels.axis)), ("log", &log_word)],
    ));
    let lines: Vec<usize> = (0..timeline.series.len())
        .filter(|&i| {
            timeline.series[i]
                .points
                .iter()
                .any(|&p| timeline.points.get(p).is_some_and(|p| drawn(p.y, log)))
        })
        .collect();
    for &i in lines.iter().take(ALT_LINES) {
        let s = &timeline.series[i];
        let marks: Vec<String> = s
            .points
            .iter()
            .filter_map(|&p| timeline.points.get(p))
            .filter(|p| drawn(p.y, log))
            .map(|p| format!("{} ({})", value_words(p, words), date_words(p, words)))
            .collect();
        let mut listed = marks[..marks.len().min(ALT_MARKS)].join(", ");
        if marks.len() > ALT_MARKS {
            listed.push_str(", ");
            listed.push_str(&words.count("alt_more", marks.len() - ALT_MARKS));
        }
        let name = labels.names.get(i).map_or("", String::as_str);
        let _ = write!(out, " {}: {listed}.", capitalised(name));
    }
    if lines.len() > ALT_LINES {
        let _ = write!(
            out,
            " {}.",
            capitalised(&words.count("alt_more", lines.len() - ALT_LINES))
        );
    }
    out.push(' ');
    out.push_str(&labels.source_line);
    out.push('.');
    out
}

/// The notes under the plot in the chart's language: how open figures are drawn and what
/// is left out.
pub(crate) fn notes(timeline: &Timeline, words: Words, log: bool) -> Vec<String> {
    let mut notes = Vec::new();
    let shown_vague: Vec<&(String, f64)> = timeline
        .vague
        .iter()
        .filter(|(_, v)| drawn(*v, log))
        .collect();
    match shown_vague.as_slice() {
        [] => {}
        [(word, v)] => notes.push(words.fill(
            "note_vague_one",
            &[("word", word), ("v", &words.number(*v))],
        )),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|(w, v)| {
                    words.fill("note_vague_item", &[("word", w), ("v", &words.number(*v))])
                })
                .collect();
            notes.push(words.fill("note_vague_many", &[("list", &list.join(", "))]));
        }
    }
    if timeline
        .points
        .iter()
        .any(|p| p.shape == Shape::Up && drawn(p.y, log))
    {
        notes.push(words.text("note_over"));
    }
    if timeline.grouped {
        notes.push(words.text("note_grouped"));
    }
    let mut left = Vec::new();
    if timeline.undated > 0 {
        left.push(words.count("left_undated", timeline.undated));
    }
    if timeline.changes > 0 {
        left.push(words.count("left_changes", timeline.changes));
    }
    if timeline.other_units > 0 {
        left.push(words.count("left_units", timeline.other_units));
    }
    if timeline.dropped > 0 {
        left.push(words.count("left_dropped", timeline.dropped));
    }
    if !left.is_empty() {
        notes.push(words.fill("not_drawn", &[("list", &left.join(", "))]));
    }
    if timeline.chosen.iter().any(|k| k.action.is_none()) && !timeline.points.is_empty() {
        notes.push(words.text("note_no_action"));
    }
    let hidden = timeline.points.iter().filter(|p| !drawn(p.y, log)).count();
    if log && hidden > 0 {
        notes.push(words.count("note_log_zero", hidden));
    }
    notes
}
