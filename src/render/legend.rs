//! The chart's legend: the sources with their colours and the kinds of marks, in rows
//! under the plot (wrapping), so that it never covers data.

use super::marks::{band, bar, span};
use super::ticks::Scale;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::chart::{ChartError, KEY, TEXT, WEAK, draw_err};
use super::labels::Labels;
use super::marks::marker;
use super::text::Pen;
use crate::analysis::timeline::{Shape, Timeline, drawn};

/// The key drawn before a legend entry.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Key {
    /// A heading (`Quelle`), no key.
    Heading,
    /// An entity's colour.
    Entity(RGBColor),
    /// A marker shape.
    Shape(Shape),
    /// A date span.
    Span,
    /// A value bar.
    Bar,
    /// A vague figure's open band.
    Band,
    /// A group ring.
    Group,
    /// The count of entities left out, no key.
    More,
}

/// What the legend lists, in order: the sources, then the marks.
pub(crate) struct Legend {
    pub(crate) series: Vec<(String, RGBColor)>,
    pub(crate) marks: Vec<(Key, String)>,
    source_heading: String,
    marks_heading: String,
    more: Vec<String>,
}

/// One laid-out entry: its key, text and left edge; the rows of the legend.
type Row = Vec<(Key, String, f64)>;

impl Legend {
    pub(crate) fn of(timeline: &Timeline, labels: &Labels, log: bool) -> Self {
        let words = labels.words;
        let shown: Vec<_> = timeline.points.iter().filter(|p| drawn(p.y, log)).collect();
        let series: Vec<(String, RGBColor)> = timeline
            .series
            .iter()
            .enumerate()
            .filter(|(i, _)| shown.iter().any(|p| p.series == *i))
            .map(|(i, s)| {
                let [r, g, b] = s.color;
                let name = labels
                    .names
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| s.name.clone());
                (name, RGBColor(r, g, b))
            })
            .collect();
        let mut marks: Vec<(Key, String)> = Shape::ALL
            .into_iter()
            .filter(|&shape| shown.iter().any(|p| p.shape == shape))
            .map(|shape| {
                let key = match shape {
                    Shape::Circle => "exact",
                    Shape::Diamond => "approximate",
                    Shape::Up => "over",
                    Shape::Down => "under",
                    Shape::Square => "range_or_vague",
                };
                (Key::Shape(shape), words.text(key))
            })
            .collect();
        let mut add = |on: bool, key: Key, text: &str| {
            if on {
                marks.push((key, words.text(text)));
            }
        };
        add(
            shown.iter().any(|p| p.x_hi - p.x_lo > 1.5),
            Key::Span,
            "span",
        );
        add(
            shown
                .iter()
                .any(|p| !p.vague && p.y_hi.is_finite() && p.y_hi > p.y_min),
            Key::Bar,
            "bar",
        );
        add(
            shown.iter().any(|p| p.vague && p.y_hi > p.y),
            Key::Band,
            "band",
        );
        add(shown.iter().any(|p| p.count > 1), Key::Group, "group");
        let more = (1..=series.len())
            .map(|n| words.fill("more", &[("n", &n.to_string())]))
            .collect();
        Self {
            series,
            marks,
            source_heading: words.text("legend_source"),
            marks_heading: words.text("legend_marks"),
            more,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// The legend's rows within `width` pixels: the sources on at most `max_rows` rows
    /// (the rest counted), then the marks.
    pub(crate) fn layout<DB: DrawingBackend>(
        &self,
        pen: &Pen<'_, DB>,
        s: Scale,
        size: f64,
        width: f64,
        max_rows: usize,
    ) -> Vec<Row> {
        if self.is_empty() {
            return Vec::new();
        }
        let key_room = s.f(20.0);
        let gap = s.f(16.0);
        let flow = |entries: &[(Key, String)]| -> Vec<Row> {
            let mut rows: Vec<Row> = vec![Vec::new()];
            let mut x = 0.0;
            for (key, text) in entries {
                let room = if matches!(key, Key::Heading | Key::More) {
                    0.0
                } else {
                    key_room
                };
                let text = pen.fit(text, size, width - room);
                let w = room + pen.width(&text, size);
                if x > 0.0 && x + w > width {
                    rows.push(Vec::new());
                    x = 0.0;
                }
                if let Some(row) = rows.last_mut() {
                    row.push((*key, text, x));
                }
                x += w + gap;
            }
            rows
        };
        let heading = |text: &str| (Key::Heading, format!("{text}:"));
        let sources = |n: usize| -> Vec<(Key, String)> {
            let mut entries = vec![heading(&self.source_heading)];
            entries.extend(
                self.series[..n]
                    .iter()
                    .map(|(name, color)| (Key::Entity(*color), name.clone())),
            );
            if n < self.series.len()
                && let Some(more) = self.more.get(self.series.len() - n - 1)
            {
                entries.push((Key::More, more.clone()));
            }
            entries
        };
        // As many sources as fit on `max_rows` rows.
        let mut n = self.series.len();
        let mut rows = flow(&sources(n));
        while rows.len() > max_rows.max(1) && n > 1 {
            n -= 1;
            rows = flow(&sources(n));
        }
        if !self.marks.is_empty() {
            let mut marks = vec![heading(&self.marks_heading)];
            marks.extend(self.marks.iter().cloned());
            rows.extend(flow(&marks));
        }
        rows
    }

    /// Draws laid-out rows from `(x, y)` (the first row's top), `line` pixels apart.
    pub(crate) fn draw<DB: DrawingBackend>(
        rows: &[Row],
        pen: &Pen<'_, DB>,
        s: Scale,
        size: f64,
        (x, y): (f64, f64),
        line: f64,
    ) -> Result<(), ChartError> {
        let root = pen.area;
        let half = s.px(7.0);
        let left = (HPos::Left, VPos::Center);
        for (r, row) in rows.iter().enumerate() {
            let cy = y + line * (r as f64 + 0.5);
            let c = cy.round() as i32;
            for (key, text, at) in row {
                let kx = (x + at + s.f(7.0)).round() as i32;
                let tx = x + at + s.f(20.0);
                match key {
                    Key::Heading | Key::More => {
                        pen.text(text, size, WEAK, left, (x + at, cy))?;
                        continue;
                    }
                    Key::Entity(color) => {
                        marker(root, Shape::Circle, (kx, c), s.marker(), *color)?;
                    }
                    Key::Shape(shape) => marker(root, *shape, (kx, c), s.marker(), KEY)?,
                    Key::Span => span(root, (kx - half, c), (kx + half, c), s, KEY)?,
                    Key::Bar => bar(root, (kx, c - half), (kx, c + half), s, KEY)?,
                    Key::Band => band(root, (kx, c + half), c - half, s, KEY)?,
                    Key::Group => {
                        marker(root, Shape::Circle, (kx, c), s.marker(), KEY)?;
                        root.draw(&Circle::new(
                            (kx, c),
                            s.px(8.5),
                            KEY.stroke_width(s.stroke(1.5)),
                        ))
                        .map_err(draw_err)?;
                    }
                }
                pen.text(text, size, TEXT, left, (tx, cy))?;
            }
        }
        Ok(())
    }
}
