//! The timeline as an image (SVG or PNG), drawn with `plotters` and without the GUI: the marks
//! of the app's plot (one colour per entity, one marker shape per qualifier, date spans, value
//! bars, "over" arrows, each entity's claims joined in date order) with a title and subtitle,
//! a value axis named by what it counts, a date axis, a legend under the plot, notes, a
//! source line and a credit, in German or English ([`super::labels`], [`super::words`]).
//!
//! Text in an SVG is written as text (a list of common sans-serif fonts), with a `<title>`
//! and a `<desc>` (the alt text); in a PNG its glyphs are rasterised here from Ubuntu Light,
//! because `plotters`' own rasteriser drops the glyphs' side bearings and garbles words. A
//! PNG has twice the pixels of the chart's size and is drawn at twice that again and
//! scaled down, so that lines and marks are anti-aliased.

use super::labels::{Labels, alt_text, axis_kind, axis_scale, notes};
use super::legend::Legend;
use super::marks::{draw_marks, line, value_labels};
use super::text::{Pen, font};
use super::ticks::{DateUnit, Scale, date_ticks, log_value, value_ticks_in};
use super::words::Words;
use std::io;
use std::path::{Path, PathBuf};

use image::ImageEncoder;
use plotters::backend::{BitMapBackend, RGBPixel, SVGBackend};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use crate::analysis::dates;
use crate::analysis::timeline::Timeline;
use crate::model::Lang;

/// The font family `plotters` knows the chart font by (Ubuntu Light, registered once).
pub(crate) const FONT: &str = "sans-serif";

/// The font families an SVG's text asks for, so that it looks alike in every viewer (the
/// layout leaves room for the widest of them).
pub(crate) const SVG_FONTS: &str =
    "Ubuntu, 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/// The smallest chart and the largest side, in pixels.
const MIN_SIZE: (u32, u32) = (300, 200);

const MAX_SIDE: u32 = 16_384;

/// The most pixels a PNG is drawn with (its supersampled canvas).
const MAX_PIXELS: u64 = 64 << 20;

pub(crate) const TEXT: RGBColor = RGBColor(20, 20, 20);

pub(crate) const WEAK: RGBColor = RGBColor(90, 90, 90);

pub(crate) const GRID: RGBColor = RGBColor(222, 222, 222);

pub(crate) const MINOR_GRID: RGBColor = RGBColor(244, 244, 244);

pub(crate) const AXIS: RGBColor = RGBColor(90, 90, 90);

pub(crate) const KEY: RGBColor = RGBColor(80, 80, 80);

/// Options of an exported chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartOptions {
    /// Width in pixels (300 to 16384); a PNG has twice as many.
    pub width: u32,
    /// Height in pixels (200 to 16384); a PNG has twice as many.
    pub height: u32,
    /// Whether the value axis is logarithmic (values of zero or less are then left out).
    pub log_y: bool,
    /// The language of the chart's words; `None`: the language of most plotted claims'
    /// articles.
    pub lang: Option<Lang>,
    /// The title; `None` or empty: made from what the series count.
    pub title: Option<String>,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// The credit at the bottom right; `None`: "Grafik: claimtrack" / "Chart: claimtrack",
    /// empty: none.
    pub credit: Option<String>,
    /// Whether each mark carries its value.
    pub labels: bool,
}

impl Default for ChartOptions {
    /// 1200 × 700 pixels, a linear value axis, the articles' language, the default title
    /// and credit, no value labels.
    fn default() -> Self {
        Self {
            width: 1200,
            height: 700,
            log_y: false,
            lang: None,
            title: None,
            subtitle: None,
            credit: None,
            labels: false,
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

/// `text` with the characters XML gives a meaning escaped.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Draws the timeline as an SVG document, with the title as its `<title>` and the alt
/// text as its `<desc>`.
///
/// # Errors
/// When the size is out of range (300 × 200 to 16384 × 16384) or drawing fails.
pub fn render_svg(timeline: &Timeline, options: &ChartOptions) -> Result<String, ChartError> {
    check_size(options)?;
    let labels = Labels::of(timeline, options);
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (options.width, options.height)).into_drawing_area();
        draw(&root, false, timeline, options, &labels)?;
        root.present().map_err(draw_err)?;
    }
    // The title and description, first in the document (for screen readers and search).
    let Some(open) = svg
        .find("<svg")
        .and_then(|i| svg[i..].find('>').map(|j| i + j + 1))
    else {
        return Err(ChartError::Draw("no <svg> element was written".into()));
    };
    let head = format!(
        "\n<title>{}</title>\n<desc>{}</desc>",
        xml_escape(&labels.title),
        xml_escape(&alt_text(timeline, options))
    );
    svg.insert_str(open, &head);
    if let Some(i) = svg.find("<svg") {
        svg.insert_str(i + 4, " role=\"img\"");
    }
    Ok(svg)
}

/// The pixels of a PNG for `options`: twice the chart's size (once when that is too
/// big), and the factor it is drawn larger by and scaled down for anti-aliasing.
fn png_size(options: &ChartOptions) -> ((u32, u32), u32) {
    let (w, h) = (u64::from(options.width), u64::from(options.height));
    let pixels = |k: u64| w * k * h * k;
    let ratio: u32 = if 2 * w <= u64::from(MAX_SIDE)
        && 2 * h <= u64::from(MAX_SIDE)
        && pixels(2) <= MAX_PIXELS
    {
        2
    } else {
        1
    };
    let supersample = if pixels(u64::from(ratio) * 2) <= MAX_PIXELS {
        2
    } else {
        1
    };
    ((options.width * ratio, options.height * ratio), supersample)
}

/// Draws the timeline as a PNG image (the bytes of the file), of twice the chart's width
/// and height, anti-aliased.
///
/// # Errors
/// When the size is out of range (300 × 200 to 16384 × 16384), drawing or encoding fails.
pub fn render_png(timeline: &Timeline, options: &ChartOptions) -> Result<Vec<u8>, ChartError> {
    check_size(options)?;
    let labels = Labels::of(timeline, options);
    let ((width, height), k) = png_size(options);
    let (cw, ch) = (width * k, height * k);
    let mut canvas = vec![255u8; cw as usize * ch as usize * 3];
    {
        let backend = BitMapBackend::<RGBPixel>::with_buffer_and_format(&mut canvas, (cw, ch))
            .map_err(draw_err)?;
        let root = backend.into_drawing_area();
        draw(&root, true, timeline, options, &labels)?;
        root.present().map_err(draw_err)?;
    }
    let pixels = if k == 1 {
        canvas
    } else {
        downsample(&canvas, (cw as usize, ch as usize), k as usize)
    };
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&pixels, width, height, image::ColorType::Rgb8)
        .map_err(|e| ChartError::Draw(format!("cannot encode the PNG image: {e}")))?;
    Ok(png)
}

/// An RGB image `k` times smaller: each pixel the mean of a `k` × `k` block.
fn downsample(pixels: &[u8], (w, h): (usize, usize), k: usize) -> Vec<u8> {
    let (ow, oh) = (w / k, h / k);
    let mut out = vec![0u8; ow * oh * 3];
    let n = (k * k) as u32;
    for oy in 0..oh {
        for ox in 0..ow {
            let mut sum = [0u32; 3];
            for dy in 0..k {
                let row = ((oy * k + dy) * w + ox * k) * 3;
                for dx in 0..k {
                    for (c, s) in sum.iter_mut().enumerate() {
                        *s += u32::from(pixels[row + dx * 3 + c]);
                    }
                }
            }
            let at = (oy * ow + ox) * 3;
            for (c, s) in sum.iter().enumerate() {
                out[at + c] = ((s + n / 2) / n) as u8;
            }
        }
    }
    out
}

/// Draws the timeline into `path`, as SVG or PNG by its extension (`.svg`, `.png`, in any
/// case), replacing the file atomically.
///
/// # Errors
/// [`ChartError::Format`] for another extension, else when drawing or writing fails.
pub fn write_chart(
    timeline: &Timeline,
    options: &ChartOptions,
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

fn check_size(options: &ChartOptions) -> Result<(), ChartError> {
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

/// A date tick's label in the chart's language: `12. Jan. 2022` / `12 Jan 2022`,
/// `Jan. 2022` / `Jan 2022`, `2022`.
fn date_label(unit: DateUnit, day: f64, words: Words) -> String {
    let (y, m, d) = dates::civil_from_days(day.round() as i64);
    match unit {
        DateUnit::Day => words.fill(
            "day",
            &[
                ("d", &d.to_string()),
                ("month", &words.month(m, true)),
                ("y", &y.to_string()),
            ],
        ),
        DateUnit::Month => format!("{} {y}", words.month(m, true)),
        DateUnit::Year => y.to_string(),
    }
}

/// Draws the whole chart on `root`; `raster` for a bitmap.
#[allow(clippy::too_many_lines, clippy::many_single_char_names)] // one page of layout
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    raster: bool,
    timeline: &Timeline,
    options: &ChartOptions,
    labels: &Labels,
) -> Result<(), ChartError> {
    let pen = Pen {
        area: root,
        font: font()?,
        raster,
    };
    let words = labels.words;
    root.fill(&WHITE).map_err(draw_err)?;
    let (width, height) = root.dim_in_pixel();
    let s = Scale::of(width, height);
    let (w, h) = (f64::from(width), f64::from(height));
    let log = options.log_y;
    let margin = s.f(16.0);
    let inner = w - 2.0 * margin;
    let left_top = (HPos::Left, VPos::Top);

    // The title and subtitle, at the top left.
    let mut y = margin;
    let title_size = s.f(22.0);
    for line in pen.wrap(&labels.title, title_size, inner).iter().take(2) {
        pen.bold(line, title_size, TEXT, left_top, (margin, y))?;
        y += title_size * 1.3;
    }
    if let Some(subtitle) = &labels.subtitle {
        let size = s.f(15.0);
        for line in pen.wrap(subtitle, size, inner).iter().take(2) {
            pen.text(line, size, WEAK, left_top, (margin, y))?;
            y += size * 1.35;
        }
    }
    y += s.f(8.0);

    // From the bottom up: the source line and credit, the notes, the legend.
    let small = s.f(12.0);
    let small_line = s.f(17.0);
    let credit_width = labels
        .credit
        .as_deref()
        .map_or(0.0, |c| pen.width(c, small) + s.f(24.0));
    let source = pen.wrap(
        &labels.source_line,
        small,
        (inner - credit_width).max(inner / 2.0),
    );
    let mut bottom = h - margin - small_line * source.len().max(1) as f64;
    let small_lines = |lines: &[String], top: f64| -> Result<(), ChartError> {
        for (i, line) in lines.iter().enumerate() {
            pen.text(
                line,
                small,
                WEAK,
                (HPos::Left, VPos::Center),
                (margin, top + small_line * (i as f64 + 0.5)),
            )?;
        }
        Ok(())
    };
    small_lines(&source, bottom)?;
    if let Some(credit) = &labels.credit {
        pen.text(
            credit,
            small,
            WEAK,
            (HPos::Right, VPos::Center),
            (w - margin, bottom + small_line * 0.5),
        )?;
    }
    let note = pen.wrap(&notes(timeline, words, log).join(" "), small, inner);
    if !note.is_empty() {
        bottom -= s.f(6.0) + small_line * note.len() as f64;
        small_lines(&note, bottom)?;
    }
    let legend = Legend::of(timeline, labels, log);
    let legend_size = s.f(13.0);
    let legend_line = s.f(21.0);
    let max_rows = ((h / s.f(700.0)) * 3.0).round().clamp(1.0, 6.0) as usize;
    let rows = legend.layout(&pen, s, legend_size, inner, max_rows);
    if !rows.is_empty() {
        bottom -= s.f(8.0) + legend_line * rows.len() as f64;
        Legend::draw(&rows, &pen, s, legend_size, (margin, bottom), legend_line)?;
    }

    // The axes: the value axis first (its labels' width places the plot's left edge).
    let label_size = s.f(13.0);
    let desc_size = s.f(13.0);
    let label_gap = s.f(8.0);
    let y_range = timeline.value_range(log);
    let x_range = timeline.date_range(log);
    let axis_room = if x_range.is_some() {
        desc_size * 1.6
    } else {
        0.0
    };
    let plot_top = y + axis_room + label_size * 0.6;
    let plot_bottom = bottom - s.f(10.0) - 2.0 * label_gap - label_size - desc_size * 1.3;
    let (y_ticks, y_minor) = match y_range {
        Some(range) => value_ticks_in(
            range,
            log,
            ((plot_bottom - plot_top) / s.f(45.0)).max(2.0) as usize,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let y_range = y_range.unwrap_or((0.0, 1.0));
    let scale = axis_scale(axis_kind(timeline), &y_ticks, log);
    let y_label = |v: f64| {
        let v = if log { log_value(v) } else { v };
        words.number(v / scale)
    };
    let y_labels: Vec<String> = y_ticks.iter().map(|&t| y_label(t)).collect();
    let y_labels_width = y_labels
        .iter()
        .map(|l| pen.width(l, label_size))
        .fold(0.0, f64::max);
    let plot_left = margin + y_labels_width + label_gap + s.f(4.0);
    let plot_right = w - margin - s.f(12.0);
    let x_ticks = match x_range {
        Some((x0, x1)) => {
            let plot_width = plot_right - plot_left;
            let day_width =
                pen.width(&date_label(DateUnit::Day, 0.0, words), label_size) + s.f(24.0);
            let month_width =
                pen.width(&date_label(DateUnit::Month, 250.0, words), label_size) + s.f(30.0);
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

    // What the value axis counts, above it.
    if extent.is_some() {
        let mut axis = labels.axis_at(scale);
        if log {
            axis.push_str(&words.text("alt_log"));
        }
        let axis = pen.fit(&axis, desc_size, inner);
        pen.text(&axis, desc_size, TEXT, left_top, (margin, y))?;
    }

    // Grid, axes, ticks and labels.
    let thin = s.stroke(1.0);
    for &t in &y_minor {
        let y = frame.y_px(t);
        line(root, (left, y), (right, y), MINOR_GRID.stroke_width(thin))?;
    }
    let tick = s.px(5.0);
    for (&t, label) in y_ticks.iter().zip(&y_labels) {
        let y = frame.y_px(t);
        line(root, (left, y), (right, y), GRID.stroke_width(thin))?;
        line(root, (left - tick, y), (left, y), AXIS.stroke_width(thin))?;
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
        line(root, (x, upper), (x, lower), MINOR_GRID.stroke_width(thin))?;
    }
    for &t in &x_ticks.major {
        let x = frame.x_px(t);
        line(root, (x, upper), (x, lower), GRID.stroke_width(thin))?;
        line(root, (x, lower), (x, lower + tick), AXIS.stroke_width(thin))?;
        let label = date_label(x_ticks.unit, t, words);
        pen.text(
            &label,
            label_size,
            TEXT,
            (HPos::Center, VPos::Top),
            (f64::from(x), frame.bottom + label_gap),
        )?;
    }
    line(root, (left, upper), (left, lower), AXIS.stroke_width(thin))?;
    line(root, (left, lower), (right, lower), AXIS.stroke_width(thin))?;
    if extent.is_some() {
        pen.text(
            &words.text("date_axis"),
            desc_size,
            WEAK,
            (HPos::Center, VPos::Top),
            (
                f64::midpoint(frame.left, frame.right),
                frame.bottom + 2.0 * label_gap + label_size * 1.2,
            ),
        )?;
    }

    if extent.is_some() {
        draw_marks(root, timeline, log, s, &frame)?;
        if options.labels {
            value_labels(&pen, timeline, log, s, &frame, (words, scale))?;
        }
    } else {
        let caption = if timeline.points.is_empty() || !log {
            words.text("no_dated")
        } else {
            words.text("no_positive")
        };
        pen.text(
            &caption,
            s.f(16.0),
            WEAK,
            (HPos::Center, VPos::Center),
            (
                f64::midpoint(frame.left, frame.right),
                f64::midpoint(frame.top, frame.bottom),
            ),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::dates;
    use crate::analysis::series::SeriesKey;
    use crate::analysis::timeline::{Dodge, Series, Shape, TimePoint};
    use crate::model::Kind;

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
            title: "people · arrested".into(),
            y_label: "count".into(),
            chosen: vec![SeriesKey {
                concept: Some("people".into()),
                action: Some("arrested".into()),
                kind: Kind::Count,
                unit: None,
                change: false,
            }],
            points,
            series: vec![
                Series {
                    name: "Polizei".into(),
                    entity: Some("Polizei".into()),
                    color: [31, 119, 180],
                    points: vec![0, 1, 2],
                    joined: true,
                    segments: vec![(0, 1), (1, 2)],
                    sources: vec!["Polizeisprecher".into()],
                    ..Series::default()
                },
                Series {
                    name: "Russia".into(),
                    entity: Some("Russia".into()),
                    color: [214, 39, 40],
                    points: vec![3, 4, 5],
                    joined: true,
                    segments: vec![(3, 4), (4, 5)],
                    sources: vec!["Verteidigungsministerium".into(), "Russland".into()],
                    ..Series::default()
                },
            ],
            undated: 2,
            ..Timeline::default()
        };
        timeline.dodge();
        timeline
    }

    fn german(log_y: bool) -> ChartOptions {
        ChartOptions {
            lang: Some(Lang::De),
            ..options(log_y)
        }
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
            let svg = render_svg(&sample(), &options(log_y)).unwrap();
            assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
            for text in [
                "People arrested, by source",
                "Polizei",
                "Russia",
                "Mar 2023",
                "2,000",
                "People",
                "exact",
                "2 without a date",
            ] {
                assert!(svg.contains(text), "{text} missing (log {log_y})");
            }
            assert_eq!(svg.contains("zero or less"), log_y);
        }
    }

    /// A PNG's width and height from its header.
    fn png_dimensions(png: &[u8]) -> (u32, u32) {
        let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
        (be(16), be(20))
    }

    #[test]
    fn png_is_encoded_at_twice_the_size() {
        for log_y in [false, true] {
            let small = ChartOptions {
                width: 640,
                height: 400,
                log_y,
                labels: true,
                ..ChartOptions::default()
            };
            let png = render_png(&sample(), &small).unwrap();
            assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
            assert_eq!(png_dimensions(&png), (1280, 800));
        }
        // Anti-aliased: the downsampled canvas has grey levels between the marks' colours.
        let (_, k) = png_size(&ChartOptions::default());
        assert_eq!(k, 2);
        let ((w, h), k) = png_size(&ChartOptions {
            width: 16_384,
            height: 16_384,
            ..ChartOptions::default()
        });
        assert_eq!((w, h, k), (16_384, 16_384, 1), "huge charts are drawn once");
    }

    /// The SVG's `<desc>`.
    fn desc(svg: &str) -> &str {
        let start = svg.find("<desc>").map_or(0, |i| i + 6);
        let end = svg.find("</desc>").unwrap_or(start);
        &svg[start..end]
    }

    #[test]
    fn svg_has_title_desc_axis_and_source_line_in_its_language() {
        let timeline = Timeline {
            lang: Some(Lang::De),
            ..sample()
        };
        let svg = render_svg(&timeline, &ChartOptions::default()).unwrap();
        let title = "Festgenommene Menschen, nach Quelle";
        assert!(
            svg.contains(&format!("<title>{title}</title>")),
            "{}",
            &svg[..400]
        );
        assert!(has(&svg, title));
        let d = desc(&svg);
        assert!(
            d.starts_with(
                "Liniendiagramm. Festgenommene Menschen, nach Quelle, Januar 2023 bis Juni 2023."
            ),
            "{d}"
        );
        assert!(d.contains("Polizei: 1.200 (10. Januar 2023), etwa 1.500 (März 2023), mehr als 2.000 (20. Mai 2023)."), "{d}");
        assert!(d.contains("Russland: höchstens 800"), "{d}");
        assert!(
            has(&svg, "Menschen"),
            "the value axis names what is counted"
        );
        assert!(!has(&svg, "count"));
        let source = texts(&svg)
            .into_iter()
            .find(|t| t.starts_with("Quelle"))
            .unwrap_or_default();
        assert_eq!(
            source,
            "Quellen: Polizei (Polizeisprecher), Russland (Verteidigungsministerium) · Artikel von Januar 2023 bis Juni 2023"
        );
        assert!(has(&svg, "Grafik: claimtrack"));
        for german in [
            "genau",
            "ungefähr",
            "mehr als / mindestens",
            "März 2023",
            "2.000",
            "Nicht gezeichnet: 2 ohne Datum.",
        ] {
            assert!(
                texts(&svg).iter().any(|t| t.contains(german)),
                "{german}: {:?}",
                texts(&svg)
            );
        }
        // The same in English, by choice; a title, subtitle and credit of the user's.
        let english = ChartOptions {
            lang: Some(Lang::En),
            title: Some("Arrests <in> Ostland".into()),
            subtitle: Some("Claims by source".into()),
            credit: Some(String::new()),
            ..ChartOptions::default()
        };
        let svg = render_svg(&timeline, &english).unwrap();
        assert!(svg.contains("<title>Arrests &lt;in&gt; Ostland</title>"));
        assert!(has(&svg, "Claims by source"));
        assert!(!svg.contains("claimtrack"), "no credit");
        assert!(desc(&svg).contains("Russia: at most 800 (2 February 2023), 900 to 1,400 (15 April 2023), 0 (30 June 2023)."), "{}", desc(&svg));
        let source = texts(&svg)
            .into_iter()
            .find(|t| t.starts_with("Source"))
            .unwrap_or_default();
        assert_eq!(
            source,
            "Sources: Polizei (Polizeisprecher), Russia (defence ministry) · articles from January 2023 to June 2023"
        );
        for english in ["exact", "approximate", "Mar 2023", "2,000", "People"] {
            assert!(has(&svg, english), "{english}");
        }
        // One source: "Quelle:", and value labels beside the marks.
        let mut one = timeline.clone();
        one.series.truncate(1);
        one.points.truncate(3);
        let svg = render_svg(
            &one,
            &ChartOptions {
                labels: true,
                ..ChartOptions::default()
            },
        )
        .unwrap();
        assert!(
            texts(&svg).iter().any(|t| t.starts_with(
                "Quelle: Polizei (Polizeisprecher) · Artikel von Januar 2023 bis Mai 2023"
            )),
            "{:?}",
            texts(&svg)
        );
        assert!(has(&svg, "1.200") && has(&svg, "1.500"), "value labels");
    }

    #[test]
    fn big_values_are_scaled_with_a_unit_word() {
        let mut timeline = sample();
        timeline.chosen[0] = SeriesKey {
            concept: Some("aid".into()),
            action: Some("spent".into()),
            kind: Kind::Money,
            unit: Some("EUR".into()),
            change: false,
        };
        for p in &mut timeline.points {
            for v in [&mut p.y, &mut p.y_hi, &mut p.y_min] {
                *v *= 1e5;
            }
        }
        let svg = render_svg(&timeline, &german(false)).unwrap();
        assert!(has(&svg, "Mio. Euro"), "{:?}", texts(&svg));
        assert!(
            has(&svg, "200") && !has(&svg, "200.000.000"),
            "ticks in millions"
        );
        let svg = render_svg(&timeline, &options(false)).unwrap();
        assert!(has(&svg, "Million euros"), "{:?}", texts(&svg));
        assert!(has(&svg, "Aid (spent), by source"), "{:?}", texts(&svg));
    }

    #[test]
    fn an_empty_timeline_is_drawn() {
        let empty = Timeline {
            title: "Nothing".into(),
            ..Timeline::default()
        };
        for log_y in [false, true] {
            let svg = render_svg(&empty, &options(log_y)).unwrap();
            assert!(svg.contains("No dated claims to plot") && svg.contains("Nothing"));
            let png = render_png(&empty, &options(log_y)).unwrap();
            assert!(png.starts_with(b"\x89PNG"));
        }
        // Only zeros: nothing to draw on a log axis.
        let mut zeros = sample();
        for p in &mut zeros.points {
            (p.y, p.y_min, p.y_hi) = (0.0, 0.0, 0.0);
        }
        assert!(
            render_svg(&zeros, &options(true))
                .unwrap()
                .contains("No values above zero")
        );
        assert!(
            render_svg(&zeros, &options(false))
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
        let svg = render_svg(&timeline, &ChartOptions::default()).unwrap();
        assert!(
            texts(&svg)
                .iter()
                .any(|t| t.starts_with("… and ") && t.ends_with(" more")),
            "the legend counts the rest"
        );
        assert!(svg.contains("29 Feb 2024"), "day ticks for a short span");
        assert!(svg.contains("…"), "long names are cut short");
        for log_y in [false, true] {
            assert!(render_png(&timeline, &options(log_y)).is_ok());
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
            let svg = render_svg(&timeline, &german(log_y)).unwrap();
            assert!(has(&svg, "März 2023") && has(&svg, "Apr. 2023"), "{log_y}");
            assert!(
                !texts(&svg).iter().any(|t| t.starts_with("1. März")),
                "no day ticks (log {log_y})"
            );
            assert!(
                !texts(&svg).iter().any(|t| t.starts_with('-')),
                "none below zero"
            );
        }
        // 800 to 2.000 on a log axis: less than a decade shows, so 1.000 and 2.000.
        let svg = render_svg(&timeline, &german(true)).unwrap();
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
        let svg = render_svg(&timeline, &options(false)).unwrap();
        assert!(svg.contains("Zehntausende: drawn as an open band from 10,000."));
        assert!(svg.contains("vague figure (open band upwards)"));
        assert!(
            has(&svg, "10,000"),
            "the scale reaches the vague figure's value"
        );
        assert!(!has(&svg, "100,000"), "but not its upper end");
        assert!(render_png(&timeline, &options(true)).is_ok());
    }

    #[test]
    fn writes_by_extension() {
        let dir = tempfile::tempdir().unwrap();
        let timeline = sample();
        let svg = dir.path().join("chart.SVG");
        let png = dir.path().join("chart.png");
        write_chart(&timeline, &ChartOptions::default(), &svg).unwrap();
        write_chart(&timeline, &ChartOptions::default(), &png).unwrap();
        assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
        let txt = dir.path().join("chart.txt");
        let err = write_chart(&timeline, &ChartOptions::default(), &txt).unwrap_err();
        assert!(matches!(&err, ChartError::Format(p) if p == &txt));
        assert!(err.to_string().contains("chart.txt"), "{err}");
        assert!(!txt.exists());
        let tiny = ChartOptions {
            width: 10,
            ..ChartOptions::default()
        };
        assert!(matches!(
            render_png(&timeline, &tiny),
            Err(ChartError::Draw(_))
        ));
    }
}
