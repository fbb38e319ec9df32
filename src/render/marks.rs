//! The marks of the chart: a marker per qualifier shape, arrows for open bounds, whiskers
//! over a month or year, bars over a range, open bands over a vague figure, lines joining
//! one entity's claims. Marks at one date with close values sit side by side (their dodge
//! slots).

use super::ticks::Scale;
use plotters::coord::Shift;
use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, VPos};

use super::chart::{ChartError, Frame, draw_err};
use super::text::Pen;
use super::words::Words;
use crate::analysis::timeline::{DODGE_PX, Shape, Timeline, UNNAMED_COLOR, drawn, plotted};

/// Draws a marker of `shape` centred at `at`, of radius about `r`, filled with `color` and
/// outlined in a darker shade of it (light colours stay visible on white).
pub(crate) fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    shape: Shape,
    (x, y): (i32, i32),
    r: i32,
    color: RGBColor,
) -> Result<(), ChartError> {
    let fill = color.filled();
    let dark = |c: u8| (f64::from(c) * 0.7) as u8;
    let outline = RGBColor(dark(color.0), dark(color.1), dark(color.2))
        .stroke_width(u32::try_from(r / 5).unwrap_or(1).max(1));
    let corners = match shape {
        Shape::Circle => {
            area.draw(&Circle::new((x, y), r, fill)).map_err(draw_err)?;
            return area
                .draw(&Circle::new((x, y), r, outline))
                .map_err(draw_err);
        }
        Shape::Diamond => {
            let d = r + r / 3;
            vec![(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
        }
        Shape::Up => vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
        Shape::Down => vec![(x, y + r + 1), (x + r + 1, y - r), (x - r - 1, y - r)],
        Shape::Square => {
            let d = r - r / 5;
            vec![
                (x - d, y - d),
                (x + d, y - d),
                (x + d, y + d),
                (x - d, y + d),
            ]
        }
    };
    area.draw(&Polygon::new(corners.clone(), fill))
        .map_err(draw_err)?;
    let mut closed = corners;
    closed.push(closed[0]);
    area.draw(&PathElement::new(closed, outline))
        .map_err(draw_err)
}

/// The upward arrow of an "over" claim, above the marker at `at`.
pub(crate) fn arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    s: Scale,
    color: RGBColor,
) -> Result<(), ChartError> {
    let (start, tip, head) = (y - s.px(8.0), y - s.px(24.0), s.px(4.0));
    area.draw(&PathElement::new(
        vec![(x, start), (x, tip + head)],
        color.stroke_width(s.stroke(1.5)),
    ))
    .map_err(draw_err)?;
    area.draw(&Polygon::new(
        vec![
            (x, tip),
            (x + head, tip + 2 * head),
            (x - head, tip + 2 * head),
        ],
        color.filled(),
    ))
    .map_err(draw_err)
}

/// A date span: a line from `a` to `b` with short ticks at both ends.
pub(crate) fn span<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    s: Scale,
    color: RGBColor,
) -> Result<(), ChartError> {
    let style = color.mix(0.6).stroke_width(s.stroke(1.5));
    area.draw(&PathElement::new(vec![a, b], style))
        .map_err(draw_err)?;
    let tick = s.px(3.0);
    for (x, y) in [a, b] {
        area.draw(&PathElement::new(
            vec![(x, y - tick), (x, y + tick)],
            color.mix(0.6).stroke_width(s.stroke(1.0)),
        ))
        .map_err(draw_err)?;
    }
    Ok(())
}

/// A value interval: a thick vertical bar from `a` to `b`.
pub(crate) fn bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    s: Scale,
    color: RGBColor,
) -> Result<(), ChartError> {
    line(area, a, b, color.mix(0.55).stroke_width(s.stroke(3.0)))
}

/// A vague figure's open band: a light column from `bottom` up to `top` (the top of the
/// scale or the figure's upper end, whichever is lower), with sides and no lid.
pub(crate) fn band<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x, bottom): (i32, i32),
    top: i32,
    s: Scale,
    color: RGBColor,
) -> Result<(), ChartError> {
    let half = s.px(4.0).max(3);
    area.draw(&Rectangle::new(
        [(x - half, top), (x + half, bottom)],
        color.mix(0.15).filled(),
    ))
    .map_err(draw_err)?;
    for side in [x - half, x + half] {
        area.draw(&PathElement::new(
            vec![(side, bottom), (side, top)],
            color.mix(0.45).stroke_width(s.stroke(1.0)),
        ))
        .map_err(draw_err)?;
    }
    Ok(())
}

pub(crate) fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    style: ShapeStyle,
) -> Result<(), ChartError> {
    area.draw(&PathElement::new(vec![a, b], style))
        .map_err(draw_err)
}

/// Draws the points, their date spans, value bars, arrows and group rings, and the lines
/// joining each entity's claims in date order.
pub(crate) fn draw_marks<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    timeline: &Timeline,
    log: bool,
    s: Scale,
    frame: &Frame,
) -> Result<(), ChartError> {
    let at = |x: f64, v: f64| frame.at(x, plotted(v, log));
    // A mark's place: its date and value, moved sideways by its dodge slot.
    let place = |i: usize, v: f64| {
        let p = &timeline.points[i];
        let (x, y) = at(p.x, v);
        let dx = (f64::from(p.dodge.of(log)) * s.f(DODGE_PX)).round() as i32;
        (x + dx, y)
    };
    let color_of = |series: usize| {
        let [r, g, b] = timeline
            .series
            .get(series)
            .map_or(UNNAMED_COLOR, |s| s.color);
        RGBColor(r, g, b)
    };
    let shown = |i: &usize| {
        timeline
            .points
            .get(*i)
            .is_some_and(|p| drawn(p.y, log) && p.x.is_finite())
    };
    // The least cited entities first, so that the most cited are drawn on top.
    let order: Vec<usize> = timeline
        .series
        .iter()
        .rev()
        .flat_map(|series| series.points.iter().copied())
        .filter(shown)
        .collect();
    // The timeline's segments, between the marks' dodged places.
    for (i, series) in timeline.series.iter().enumerate().rev() {
        for &(a, b) in &series.segments {
            if !(shown(&a) && shown(&b)) {
                continue;
            }
            root.draw(&PathElement::new(
                vec![
                    place(a, timeline.points[a].y),
                    place(b, timeline.points[b].y),
                ],
                color_of(i).mix(0.4).stroke_width(s.stroke(1.0)),
            ))
            .map_err(draw_err)?;
        }
    }
    // Bars reaching zero or below end at the bottom of a log axis; bands end at the top.
    let floor = 10f64.powf(frame.y.0);
    let ceiling = frame.y_px(frame.y.1);
    for &i in &order {
        let p = &timeline.points[i];
        let color = color_of(p.series);
        if p.x_hi - p.x_lo > 1.5 {
            span(root, at(p.x_lo, p.y), at(p.x_hi, p.y), s, color)?;
        }
        if p.vague && p.y_hi > p.y {
            let top = if plotted(p.y_hi, log) < frame.y.1 {
                place(i, p.y_hi).1
            } else {
                ceiling
            };
            band(root, place(i, p.y), top, s, color)?;
        } else if p.y_hi.is_finite() && p.y_hi > p.y_min {
            let low = if drawn(p.y_min, log) { p.y_min } else { floor };
            bar(root, place(i, low), place(i, p.y_hi), s, color)?;
        }
    }
    for &i in &order {
        let p = &timeline.points[i];
        let color = color_of(p.series);
        let xy = place(i, p.y);
        marker(root, p.shape, xy, s.marker(), color)?;
        if p.shape == Shape::Up {
            arrow(root, xy, s, color)?;
        }
        if p.count > 1 {
            root.draw(&Circle::new(
                xy,
                s.px(8.5),
                color.stroke_width(s.stroke(1.5)),
            ))
            .map_err(draw_err)?;
        }
    }
    Ok(())
}

/// Writes each drawn mark's value beside it, in the value axis' scale (`4,2` on an axis of
/// `Mrd. Euro`): right of it, else left, above or below; left out where every place is
/// taken by another label or mark.
pub(crate) fn value_labels<DB: DrawingBackend>(
    pen: &Pen<'_, DB>,
    timeline: &Timeline,
    log: bool,
    s: Scale,
    frame: &Frame,
    (words, scale): (Words, f64),
) -> Result<(), ChartError> {
    let size = s.f(11.0);
    let number = |v: f64| words.number(v / scale);
    let gap = f64::from(s.marker()) + s.f(4.0);
    // Every mark's box is taken before any label is placed.
    let place = |p: &crate::analysis::timeline::TimePoint| {
        let (x, y) = frame.at(p.x, plotted(p.y, log));
        let x = f64::from(x) + (f64::from(p.dodge.of(log)) * s.f(DODGE_PX)).round();
        (x, f64::from(y))
    };
    let r = f64::from(s.marker()) + 1.0;
    let mut taken: Vec<[f64; 4]> = timeline
        .points
        .iter()
        .filter(|p| drawn(p.y, log) && p.x.is_finite())
        .map(|p| {
            let (x, y) = place(p);
            // An arrow reaches up from an "over" mark.
            let top = if p.shape == Shape::Up {
                y - s.f(24.0)
            } else {
                y - r
            };
            [x - r, top, x + r, y + r]
        })
        .collect();
    let overlaps =
        |a: &[f64; 4], b: &[f64; 4]| a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    let inside = |r: &[f64; 4]| {
        r[0] >= frame.left
            && r[2] <= frame.right + s.f(12.0)
            && r[1] >= frame.top - size
            && r[3] <= frame.bottom
    };
    for p in &timeline.points {
        if !(drawn(p.y, log) && p.x.is_finite()) {
            continue;
        }
        let text = if p.shape == Shape::Square && !p.vague && p.y_hi.is_finite() && p.y_hi > p.y {
            format!("{}–{}", number(p.y), number(p.y_hi))
        } else {
            number(p.y)
        };
        let (x, y) = place(p);
        let tw = pen.width(&text, size);
        let th = size * 1.1;
        let candidates = [
            (x + gap, y - th / 2.0),
            (x - gap - tw, y - th / 2.0),
            (
                x - tw / 2.0,
                y - gap - th - if p.shape == Shape::Up { s.f(20.0) } else { 0.0 },
            ),
            (x - tw / 2.0, y + gap),
        ];
        let Some(&(lx, ly)) = candidates.iter().find(|(lx, ly)| {
            let r = [*lx, *ly, lx + tw, ly + th];
            inside(&r) && !taken.iter().any(|t| overlaps(t, &r))
        }) else {
            continue;
        };
        taken.push([lx, ly, lx + tw, ly + th]);
        pen.text(
            &text,
            size,
            super::chart::TEXT,
            (HPos::Left, VPos::Center),
            (lx, ly + th / 2.0),
        )?;
    }
    Ok(())
}
