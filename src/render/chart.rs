//! The timeline as an image (SVG or PNG), drawn with `plotters` and without the GUI: the marks
//! of the app's plot (one colour per entity, one marker shape per qualifier, date spans, value
//! bars, "over" arrows, each entity's claims joined in date order) with a title, date and
//! value axes, a legend of entities and marks, and a note of what is left out.
//!
//! Text in an SVG is written as text (the viewer's sans-serif font); in a PNG its glyphs are
//! rasterised here from Ubuntu Light, because `plotters`' own rasteriser drops the glyphs'
//! side bearings and garbles words ("daims" for "claims").

use super::legend::Legend;
use super::marks::{draw_marks, line};
use super::text::{Pen, font};
use super::ticks::{DateUnit, Scale, date_ticks, log_label, value_ticks_in};
use std::io;
use std::path::{Path, PathBuf};

use image::ImageEncoder;
use plotters::backend::{BitMapBackend, RGBPixel, SVGBackend};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::analysis::query;
use crate::analysis::timeline::{Timeline, drawn};

/// The font family of the chart's text (Ubuntu Light, registered with `plotters` once).
pub(crate) const FONT: &str = "sans-serif";

/// The smallest chart and the largest side, in pixels.
const MIN_SIZE: (u32, u32) = (300, 200);

const MAX_SIDE: u32 = 16_384;

pub(crate) const TEXT: RGBColor = RGBColor(20, 20, 20);

pub(crate) const WEAK: RGBColor = RGBColor(90, 90, 90);

pub(crate) const GRID: RGBColor = RGBColor(222, 222, 222);

pub(crate) const MINOR_GRID: RGBColor = RGBColor(244, 244, 244);

pub(crate) const AXIS: RGBColor = RGBColor(90, 90, 90);

pub(crate) const KEY: RGBColor = RGBColor(80, 80, 80);

/// Options of an exported chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartOptions {
    /// Width in pixels (300 to 16384).
    pub width: u32,
    /// Height in pixels (200 to 16384).
    pub height: u32,
    /// Whether the value axis is logarithmic (values of zero or less are then left out).
    pub log_y: bool,
}

impl Default for ChartOptions {
    /// 1200 × 700 pixels, a linear value axis.
    fn default() -> Self {
        Self {
            width: 1200,
            height: 700,
            log_y: false,
        }
    }
}

/// Why a chart could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The file name ends in neither `.svg` nor `.png`.
    #[error("unknown chart format (use .svg or .png): {}", .0.display())]
    Format(PathBuf),
    /// Drawing or encoding failed, or the size is out of range.
    #[error("cannot draw the chart: {0}")]
    Draw(String),
    /// The file could not be written.
    #[error("cannot write chart: {source}: {}", path.display())]
    Write {
        /// The chart file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

pub(crate) fn draw_err(e: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Draws the timeline as an SVG document.
///
/// # Errors
/// When the size is out of range (300 × 200 to 16384 × 16384) or drawing fails.
pub fn render_svg(timeline: &Timeline, options: ChartOptions) -> Result<String, ChartError> {
    check_size(options)?;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (options.width, options.height)).into_drawing_area();
        draw(&root, false, timeline, options)?;
        root.present().map_err(draw_err)?;
    }
    Ok(svg)
}

/// Draws the timeline as a PNG image (the bytes of the file).
///
/// # Errors
/// When the size is out of range (300 × 200 to 16384 × 16384), drawing or encoding fails.
pub fn render_png(timeline: &Timeline, options: ChartOptions) -> Result<Vec<u8>, ChartError> {
    check_size(options)?;
    let (width, height) = (options.width, options.height);
    let mut pixels = vec![255u8; width as usize * height as usize * 3];
    {
        let backend =
            BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut pixels, (width, height))
                .map_err(draw_err)?;
        let root = backend.into_drawing_area();
        draw(&root, true, timeline, options)?;
        root.present().map_err(draw_err)?;
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&pixels, width, height, image::ColorType::Rgb8)
        .map_err(|e| ChartError::Draw(format!("cannot encode the PNG image: {e}")))?;
    Ok(png)
}

/// Draws the timeline into `path`, as SVG or PNG by its extension (`.svg`, `.png`, in any
/// case), replacing the file atomically.
///
/// # Errors
/// [`ChartError::Format`] for another extension, else when drawing or writing fails.
pub fn write_chart(
    timeline: &Timeline,
    options: ChartOptions,
    path: &Path,
) -> Result<(), ChartError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let bytes = if ext.eq_ignore_ascii_case("svg") {
        render_svg(timeline, options)?.into_bytes()
    } else if ext.eq_ignore_ascii_case("png") {
        render_png(timeline, options)?
    } else {
        return Err(ChartError::Format(path.to_path_buf()));
    };
    crate::io::workspace::write_atomically(path, &bytes).map_err(|source| ChartError::Write {
        path: path.to_path_buf(),
        source,
    })
}

fn check_size(options: ChartOptions) -> Result<(), ChartError> {
    let (w, h) = (options.width, options.height);
    if w < MIN_SIZE.0 || h < MIN_SIZE.1 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(ChartError::Draw(format!(
            "the size {w} × {h} is out of range ({} × {} to {MAX_SIDE} × {MAX_SIDE})",
            MIN_SIZE.0, MIN_SIZE.1
        )));
    }
    Ok(())
}

/// The plot rectangle (pixels) and the ranges it shows.
pub(crate) struct Frame {
    pub(crate) left: f64,
    pub(crate) top: f64,
    pub(crate) right: f64,
    pub(crate) bottom: f64,
    pub(crate) x: (f64, f64),
    pub(crate) y: (f64, f64),
}

impl Frame {
    /// The pixel of a date and a value in plotted units.
    pub(crate) fn at(&self, x: f64, y: f64) -> (i32, i32) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            (self.left + fx * (self.right - self.left)).round() as i32,
            (self.bottom - fy * (self.bottom - self.top)).round() as i32,
        )
    }

    pub(crate) fn x_px(&self, x: f64) -> i32 {
        self.at(x, self.y.0).0
    }

    pub(crate) fn y_px(&self, y: f64) -> i32 {
        self.at(self.x.0, y).1
    }
}

/// Draws the whole chart on `root`; `raster` for a bitmap.
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    raster: bool,
    timeline: &Timeline,
    options: ChartOptions,
) -> Result<(), ChartError> {
    let pen = Pen {
        area: root,
        font: font()?,
        raster,
    };
    root.fill(&WHITE).map_err(draw_err)?;
    let (width, height) = root.dim_in_pixel();
    let s = Scale::of(width, height);
    let (w, h) = (f64::from(width), f64::from(height));
    let log = options.log_y;
    let margin = s.f(14.0);

    // The title.
    let title_size = s.f(20.0);
    let title = pen.fit(&timeline.title, title_size, w - 2.0 * margin);
    pen.text(
        &title,
        title_size,
        TEXT,
        (HPos::Center, VPos::Top),
        (w / 2.0, margin),
    )?;
    let top = margin + title_size * 2.0;

    // The note of what is left out, at the bottom.
    let note_size = s.f(12.0);
    let note_line = s.f(17.0);
    let hidden = timeline.points.iter().filter(|p| !drawn(p.y, log)).count();
    let note: Vec<String> = timeline
        .open_note(log)
        .into_iter()
        .chain(timeline.left_out())
        .chain((log && hidden > 0).then(|| {
            let (claims, are) = if hidden == 1 {
                ("claim", "is")
            } else {
                ("claims", "are")
            };
            format!("{hidden} {claims} of zero or less {are} not drawn on the logarithmic scale.")
        }))
        .collect();
    let note = pen.wrap(&note.join(" "), note_size, w - 2.0 * margin);
    let bottom = h - margin - note_line * note.len() as f64;
    for (i, line) in note.iter().enumerate() {
        pen.text(
            line,
            note_size,
            WEAK,
            (HPos::Left, VPos::Center),
            (margin, bottom + note_line * (i as f64 + 0.5)),
        )?;
    }

    // The legend's column on the right.
    let legend = Legend::of(timeline, log);
    let legend_size = s.f(13.0);
    let legend_width = if legend.is_empty() {
        0.0
    } else {
        let widest = legend
            .texts()
            .map(|t| pen.width(t, legend_size))
            .fold(0.0, f64::max);
        (widest + s.f(56.0)).clamp(s.f(140.0), w * 0.3)
    };

    // The axes: the value axis first (its labels' width places the plot's left edge).
    let label_size = s.f(13.0);
    let desc_size = s.f(14.0);
    let label_gap = s.f(8.0);
    let plot_top = top;
    let plot_bottom = bottom - s.f(8.0) - 2.0 * label_gap - label_size - desc_size * 1.4;
    let y_range = timeline.value_range(log);
    let x_range = timeline.date_range(log);
    let (y_ticks, y_minor) = match y_range {
        Some(range) => value_ticks_in(
            range,
            log,
            ((plot_bottom - plot_top) / s.f(45.0)).max(2.0) as usize,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let y_range = y_range.unwrap_or((0.0, 1.0));
    let y_label = |v: f64| {
        if log {
            log_label(v)
        } else {
            query::format_number(v)
        }
    };
    let y_labels: Vec<String> = y_ticks.iter().map(|&t| y_label(t)).collect();
    let y_labels_width = y_labels
        .iter()
        .map(|l| pen.width(l, label_size))
        .fold(0.0, f64::max);
    let has_y_desc = x_range.is_some() && !timeline.y_label.is_empty();
    let desc_room = if has_y_desc {
        desc_size * 1.2 + label_gap
    } else {
        0.0
    };
    let plot_left = margin + desc_room + y_labels_width + label_gap + s.f(4.0);
    let plot_right = if legend.is_empty() {
        w - margin
    } else {
        w - legend_width - margin
    };
    let x_ticks = match x_range {
        Some((x0, x1)) => {
            let plot_width = plot_right - plot_left;
            let day_width = pen.width("2000-00-00", label_size) + s.f(24.0);
            let month_width = pen.width("2000-00", label_size) + s.f(30.0);
            date_ticks(
                x0,
                x1,
                timeline.has_days(log),
                (plot_width / day_width) as usize,
                (plot_width / month_width) as usize,
            )
        }
        None => super::ticks::DateTicks {
            major: Vec::new(),
            minor: Vec::new(),
            unit: DateUnit::Month,
            step: 1.0,
        },
    };
    let extent = x_range;
    let x_range = x_range.unwrap_or((0.0, 1.0));
    let frame = Frame {
        left: plot_left,
        top: plot_top,
        right: plot_right,
        bottom: plot_bottom,
        x: x_range,
        y: y_range,
    };
    let (left, right) = (frame.left.round() as i32, frame.right.round() as i32);
    let (upper, lower) = (frame.top.round() as i32, frame.bottom.round() as i32);

    // Grid, axes, ticks and labels.
    for &t in &y_minor {
        let y = frame.y_px(t);
        line(root, (left, y), (right, y), MINOR_GRID.stroke_width(1))?;
    }
    let tick = s.px(5.0);
    for (&t, label) in y_ticks.iter().zip(&y_labels) {
        let y = frame.y_px(t);
        line(root, (left, y), (right, y), GRID.stroke_width(1))?;
        line(root, (left - tick, y), (left, y), AXIS.stroke_width(1))?;
        pen.text(
            label,
            label_size,
            TEXT,
            (HPos::Right, VPos::Center),
            (frame.left - label_gap, f64::from(y)),
        )?;
    }
    for &t in &x_ticks.minor {
        let x = frame.x_px(t);
        line(root, (x, upper), (x, lower), MINOR_GRID.stroke_width(1))?;
    }
    for &t in &x_ticks.major {
        let x = frame.x_px(t);
        line(root, (x, upper), (x, lower), GRID.stroke_width(1))?;
        line(root, (x, lower), (x, lower + tick), AXIS.stroke_width(1))?;
        let label = x_ticks.unit.label(t);
        pen.text(
            &label,
            label_size,
            TEXT,
            (HPos::Center, VPos::Top),
            (f64::from(x), frame.bottom + label_gap),
        )?;
    }
    line(root, (left, upper), (left, lower), AXIS.stroke_width(1))?;
    line(root, (left, lower), (right, lower), AXIS.stroke_width(1))?;
    if extent.is_some() {
        pen.text(
            "Article date",
            desc_size,
            TEXT,
            (HPos::Center, VPos::Top),
            (
                f64::midpoint(frame.left, frame.right),
                frame.bottom + 2.0 * label_gap + label_size * 1.2,
            ),
        )?;
    }
    if has_y_desc {
        let label = pen.fit(&timeline.y_label, desc_size, frame.bottom - frame.top);
        pen.text_up(
            &label,
            desc_size,
            TEXT,
            (HPos::Center, VPos::Top),
            (margin, f64::midpoint(frame.top, frame.bottom)),
        )?;
    }

    if extent.is_some() {
        draw_marks(root, timeline, log, s, &frame)?;
    } else {
        let caption = if timeline.points.is_empty() || !log {
            "No dated claims to plot"
        } else {
            "No values above zero to plot on a logarithmic scale"
        };
        pen.text(
            caption,
            s.f(16.0),
            WEAK,
            (HPos::Center, VPos::Center),
            (
                f64::midpoint(frame.left, frame.right),
                f64::midpoint(frame.top, frame.bottom),
            ),
        )?;
    }

    if !legend.is_empty() {
        legend.draw(
            &pen,
            s,
            legend_size,
            (w - legend_width, plot_top),
            legend_width - margin,
            bottom - plot_top,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::dates;
    use crate::analysis::timeline::{Dodge, Series, Shape, TimePoint};

    fn point(days: (i64, i64), y: (f64, f64), shape: Shape, series: usize) -> TimePoint {
        TimePoint {
            row: 0,
            x: (days.0 + days.1) as f64 / 2.0,
            x_lo: days.0 as f64,
            x_hi: days.1 as f64,
            y: y.0,
            y_hi: y.1,
            y_min: y.0,
            count: 1,
            shape,
            precise_day: days.1 - days.0 == 1,
            series,
            vague: false,
            dodge: Dodge::default(),
        }
    }

    /// Two entities, every shape, a date of month precision, a range and a zero.
    fn sample() -> Timeline {
        let day = |m, d| {
            let first = dates::days_from_civil(2023, m, d);
            (first, first + 1)
        };
        let march = (
            dates::days_from_civil(2023, 3, 1),
            dates::days_from_civil(2023, 4, 1),
        );
        let points = vec![
            point(day(1, 10), (1200.0, 1200.0), Shape::Circle, 0),
            point(march, (1500.0, 1500.0), Shape::Diamond, 0),
            point(day(5, 20), (2000.0, 2000.0), Shape::Up, 0),
            point(day(2, 2), (800.0, 800.0), Shape::Down, 1),
            point(day(4, 15), (900.0, 1400.0), Shape::Square, 1),
            point(day(6, 30), (0.0, 0.0), Shape::Circle, 1),
        ];
        let mut timeline = Timeline {
            title: "Festnahmen, Demonstration".into(),
            y_label: "count (Menschen)".into(),
            points,
            series: vec![
                Series {
                    name: "Polizei".into(),
                    color: [31, 119, 180],
                    points: vec![0, 1, 2],
                    joined: true,
                    segments: vec![(0, 1), (1, 2)],
                    ..Series::default()
                },
                Series {
                    name: "Veranstalter".into(),
                    color: [214, 39, 40],
                    points: vec![3, 4, 5],
                    joined: true,
                    segments: vec![(3, 4), (4, 5)],
                    ..Series::default()
                },
            ],
            undated: 2,
            ..Timeline::default()
        };
        timeline.dodge();
        timeline
    }

    fn options(log_y: bool) -> ChartOptions {
        ChartOptions {
            log_y,
            ..ChartOptions::default()
        }
    }

    #[test]
    fn svg_has_the_title_names_and_ticks() {
        for log_y in [false, true] {
            let svg = render_svg(&sample(), options(log_y)).unwrap();
            assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
            for text in [
                "Festnahmen, Demonstration",
                "Polizei",
                "Veranstalter",
                "2023-03",
                "2.000",
                "count (Menschen)",
                "exact",
                "2 without a date",
            ] {
                assert!(svg.contains(text), "{text} missing (log {log_y})");
            }
            assert_eq!(svg.contains("zero or less"), log_y);
        }
    }

    #[test]
    fn png_is_encoded() {
        for log_y in [false, true] {
            let small = ChartOptions {
                width: 640,
                height: 400,
                log_y,
            };
            let png = render_png(&sample(), small).unwrap();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        }
    }

    #[test]
    fn an_empty_timeline_is_drawn() {
        let empty = Timeline {
            title: "Nothing".into(),
            ..Timeline::default()
        };
        for log_y in [false, true] {
            let svg = render_svg(&empty, options(log_y)).unwrap();
            assert!(svg.contains("No dated claims to plot") && svg.contains("Nothing"));
            let png = render_png(&empty, options(log_y)).unwrap();
            assert!(png.starts_with(b"\x89PNG"));
        }
        // Only zeros: nothing to draw on a log axis.
        let mut zeros = sample();
        for p in &mut zeros.points {
            (p.y, p.y_min, p.y_hi) = (0.0, 0.0, 0.0);
        }
        assert!(
            render_svg(&zeros, options(true))
                .unwrap()
                .contains("No values above zero")
        );
        assert!(
            render_svg(&zeros, options(false))
                .unwrap()
                .contains("Polizei")
        );
    }

    fn many() -> Timeline {
        let day = dates::days_from_civil(2024, 2, 29);
        let mut timeline = Timeline {
            title: "One day".into(),
            ..Timeline::default()
        };
        for i in 0..60 {
            timeline.points.push(point(
                (day, day + 1),
                (f64::from(i), f64::from(i) * 1.5),
                Shape::Square,
                i as usize,
            ));
            timeline.series.push(Series {
                name: format!("Entity number {i} with a rather long name, longer than the legend"),
                color: crate::analysis::timeline::color(Some(i as usize)),
                points: vec![i as usize],
                ..Series::default()
            });
        }
        timeline.points[3].count = 4;
        timeline
    }

    #[test]
    fn many_entities_on_one_day() {
        let timeline = many();
        let svg = render_svg(&timeline, ChartOptions::default()).unwrap();
        assert!(svg.contains("36 more"), "the legend counts the rest");
        assert!(svg.contains("2024-02-29"), "day ticks for a short span");
        assert!(svg.contains("…"), "long names are cut short");
        for log_y in [false, true] {
            assert!(render_png(&timeline, options(log_y)).is_ok());
        }
    }

    /// The texts of an SVG, trimmed.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let body = &t[t.find('>')? + 1..];
                Some(body[..body.find("</text>")?].trim().to_string())
            })
            .collect()
    }

    fn has(svg: &str, text: &str) -> bool {
        texts(svg).iter().any(|t| t == text)
    }

    #[test]
    fn month_dates_get_month_ticks_and_powers_of_ten() {
        // Every date of month precision: no day labels, only month starts.
        let mut timeline = sample();
        let march = (
            dates::days_from_civil(2023, 3, 1),
            dates::days_from_civil(2023, 4, 1),
        );
        let april = (march.1, dates::days_from_civil(2023, 5, 1));
        for (i, p) in timeline.points.iter_mut().enumerate() {
            let span = if i % 2 == 0 { march } else { april };
            *p = point(span, (p.y, p.y_hi), p.shape, p.series);
        }
        timeline.dodge();
        for log_y in [false, true] {
            let svg = render_svg(&timeline, options(log_y)).unwrap();
            assert!(has(&svg, "2023-03") && has(&svg, "2023-04"), "{log_y}");
            assert!(
                !texts(&svg).iter().any(|t| t.starts_with("2023-03-")),
                "no day ticks (log {log_y})"
            );
            assert!(
                !texts(&svg).iter().any(|t| t.starts_with('-')),
                "none below zero"
            );
        }
        // 800 to 2.000 on a log axis: less than a decade shows, so 1.000 and 2.000.
        let svg = render_svg(&timeline, options(true)).unwrap();
        assert!(
            has(&svg, "1.000") && has(&svg, "2.000"),
            "{:?}",
            texts(&svg)
        );
        let numbers: Vec<String> = texts(&svg)
            .into_iter()
            .filter(|t| {
                t.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            })
            .collect();
        assert!(numbers.iter().all(|t| !t.contains(',')), "{numbers:?}");
    }

    #[test]
    fn a_vague_figure_is_an_open_band_that_does_not_set_the_scale() {
        let mut timeline = sample();
        let mut zehntausende = point(
            (
                dates::days_from_civil(2023, 3, 1),
                dates::days_from_civil(2023, 4, 1),
            ),
            (10_000.0, 100_000.0),
            Shape::Square,
            0,
        );
        zehntausende.vague = true;
        timeline.points.push(zehntausende);
        timeline.series[0].points.push(timeline.points.len() - 1);
        timeline.vague = vec![("Zehntausende".into(), 10_000.0)];
        timeline.dodge();
        let svg = render_svg(&timeline, options(false)).unwrap();
        assert!(svg.contains("Zehntausende: drawn as an open band from 10.000."));
        assert!(svg.contains("vague figure (open band upwards)"));
        assert!(
            has(&svg, "10.000"),
            "the scale reaches the vague figure's value"
        );
        assert!(!has(&svg, "100.000"), "but not its upper end");
        assert!(render_png(&timeline, options(true)).is_ok());
    }

    #[test]
    fn writes_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let timeline = sample();
        let svg = dir.path().join("chart.SVG");
        let png = dir.path().join("chart.png");
        write_chart(&timeline, ChartOptions::default(), &svg).unwrap();
        write_chart(&timeline, ChartOptions::default(), &png).unwrap();
        assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
        let txt = dir.path().join("chart.txt");
        let err = write_chart(&timeline, ChartOptions::default(), &txt).unwrap_err();
        assert!(matches!(&err, ChartError::Format(p) if p == &txt));
        assert!(err.to_string().contains("chart.txt"), "{err}");
        assert!(!txt.exists());
        let tiny = ChartOptions {
            width: 10,
            ..ChartOptions::default()
        };
        assert!(matches!(
            render_png(&timeline, tiny),
            Err(ChartError::Draw(_))
        ));
    }
}
