//! The chart's legend: the sources with their colours and the kinds of marks, placed
//! where it covers no data.

use super::marks::{band, bar, span};
use super::ticks::Scale;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::chart::{ChartError, KEY, TEXT, WEAK, draw_err};
use super::marks::marker;
use super::text::Pen;
use crate::analysis::timeline::{Shape, Timeline, drawn};

/// What the legend lists.
#[allow(clippy::struct_excessive_bools)] // one flag per kind of mark the legend explains
pub(crate) struct Legend {
    /// Entity names and colours, most cited first.
    pub(crate) series: Vec<(String, RGBColor)>,
    /// The marker shapes that occur.
    pub(crate) shapes: Vec<Shape>,
    /// Whether some date spans a month or a year.
    pub(crate) spans: bool,
    /// Whether some value spans an interval.
    pub(crate) bars: bool,
    /// Whether some vague figure is drawn as an open band.
    pub(crate) bands: bool,
    /// Whether some mark stands for a group of claims.
    pub(crate) groups: bool,
}

pub(crate) const SERIES_HEADING: &str = "Source";

pub(crate) const MARKS_HEADING: &str = "Marks";

pub(crate) const SPAN_TEXT: &str = "date of a month or year";

pub(crate) const BAR_TEXT: &str = "range of values";

pub(crate) const BAND_TEXT: &str = "vague figure (open band upwards)";

pub(crate) const GROUP_TEXT: &str = "group of claims (at the median)";

impl Legend {
    pub(crate) fn of(timeline: &Timeline, log: bool) -> Self {
        let shown: Vec<_> = timeline.points.iter().filter(|p| drawn(p.y, log)).collect();
        let series = timeline
            .series
            .iter()
            .enumerate()
            .filter(|(i, _)| shown.iter().any(|p| p.series == *i))
            .map(|(_, s)| {
                let [r, g, b] = s.color;
                (s.name.clone(), RGBColor(r, g, b))
            })
            .collect();
        Self {
            series,
            shapes: Shape::ALL
                .into_iter()
                .filter(|&shape| shown.iter().any(|p| p.shape == shape))
                .collect(),
            spans: shown.iter().any(|p| p.x_hi - p.x_lo > 1.5),
            bars: shown
                .iter()
                .any(|p| !p.vague && p.y_hi.is_finite() && p.y_hi > p.y_min),
            bands: shown.iter().any(|p| p.vague && p.y_hi > p.y),
            groups: shown.iter().any(|p| p.count > 1),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// Every text the legend may show (for its width).
    pub(crate) fn texts(&self) -> impl Iterator<Item = &str> {
        self.series
            .iter()
            .map(|(name, _)| name.as_str())
            .chain(self.shapes.iter().map(|s| s.meaning()))
            .chain([SERIES_HEADING, MARKS_HEADING])
            .chain(self.spans.then_some(SPAN_TEXT))
            .chain(self.bars.then_some(BAR_TEXT))
            .chain(self.bands.then_some(BAND_TEXT))
            .chain(self.groups.then_some(GROUP_TEXT))
    }

    /// Draws the legend in the column at `(x, y)`, `width` wide and `height` high; entities
    /// that do not fit are counted in a last line.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        pen: &Pen<'_, DB>,
        s: Scale,
        size: f64,
        (x, y): (f64, f64),
        width: f64,
        height: f64,
    ) -> Result<(), ChartError> {
        let root = pen.area;
        let line = s.f(20.0);
        let key_x = (x + s.f(12.0)).round() as i32;
        let text_x = x + s.f(28.0);
        let text_width = width - s.f(28.0);
        let marks = self.shapes.len()
            + usize::from(self.spans)
            + usize::from(self.bars)
            + usize::from(self.bands)
            + usize::from(self.groups);
        // Rows: a heading, the entities, half a row's gap, a heading, the marks.
        let rows = (height / line).floor().max(0.0) as usize;
        let free = rows.saturating_sub(marks + 3).max(2);
        let (listed, more) = if self.series.len() > free {
            (free - 1, self.series.len() - (free - 1))
        } else {
            (self.series.len(), 0)
        };
        let mut row = 0.0;
        let mut next = || {
            row += 1.0;
            y + line * (row - 0.5)
        };
        let left = (HPos::Left, VPos::Center);
        pen.text(SERIES_HEADING, size, WEAK, left, (x, next()))?;
        for (name, color) in &self.series[..listed] {
            let cy = next();
            marker(
                root,
                Shape::Circle,
                (key_x, cy.round() as i32),
                s.marker(),
                *color,
            )?;
            let name = pen.fit(name, size, text_width);
            pen.text(&name, size, TEXT, left, (text_x, cy))?;
        }
        if more > 0 {
            let text = format!("… and {more} more");
            pen.text(&text, size, WEAK, left, (text_x, next()))?;
        }
        if marks == 0 {
            return Ok(());
        }
        next();
        pen.text(MARKS_HEADING, size, WEAK, left, (x, next() - line / 2.0))?;
        let mut next = || next() - line / 2.0;
        for &shape in &self.shapes {
            let cy = next();
            marker(root, shape, (key_x, cy.round() as i32), s.marker(), KEY)?;
            pen.text(shape.meaning(), size, TEXT, left, (text_x, cy))?;
        }
        let half = s.px(8.0);
        if self.spans {
            let cy = next();
            let c = cy.round() as i32;
            span(root, (key_x - half, c), (key_x + half, c), s, KEY)?;
            pen.text(SPAN_TEXT, size, TEXT, left, (text_x, cy))?;
        }
        if self.bars {
            let cy = next();
            let c = cy.round() as i32;
            bar(root, (key_x, c - half), (key_x, c + half), s, KEY)?;
            pen.text(BAR_TEXT, size, TEXT, left, (text_x, cy))?;
        }
        if self.bands {
            let cy = next();
            let c = cy.round() as i32;
            band(root, (key_x, c + half), c - half, s, KEY)?;
            pen.text(BAND_TEXT, size, TEXT, left, (text_x, cy))?;
        }
        if self.groups {
            let cy = next();
            let c = (key_x, cy.round() as i32);
            marker(root, Shape::Circle, c, s.marker(), KEY)?;
            root.draw(&Circle::new(c, s.px(8.5), KEY.stroke_width(s.stroke(1.5))))
                .map_err(draw_err)?;
            pen.text(GROUP_TEXT, size, TEXT, left, (text_x, cy))?;
        }
        Ok(())
    }
}
