//! The timeline as an image (SVG or PNG), drawn with `plotters` and without the GUI: the marks
//! of the app's plot (one colour per entity, one marker shape per qualifier, date spans, value
//! bars, "over" arrows, each entity's claims joined in date order) with a title, date and
//! value axes, a legend of entities and marks, and a note of what is left out.
//!
//! Text in an SVG is written as text (the viewer's sans-serif font); in a PNG its glyphs are
//! rasterised here from Ubuntu Light, because `plotters`' own rasteriser drops the glyphs'
//! side bearings and garbles words ("daims" for "claims").

use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, PxScaleFont, ScaleFont, point};
use image::ImageEncoder;
use plotters::backend::{BitMapBackend, RGBPixel, SVGBackend};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, FontTransform};

use crate::analysis::dates;
use crate::analysis::query;
use crate::analysis::timeline::{Shape, Timeline, UNNAMED_COLOR};

/// The font family of the chart's text (Ubuntu Light, registered with `plotters` once).
const FONT: &str = "sans-serif";

/// The smallest chart and the largest side, in pixels.
const MIN_SIZE: (u32, u32) = (300, 200);
const MAX_SIDE: u32 = 16_384;

const TEXT: RGBColor = RGBColor(20, 20, 20);
const WEAK: RGBColor = RGBColor(90, 90, 90);
const GRID: RGBColor = RGBColor(222, 222, 222);
const MINOR_GRID: RGBColor = RGBColor(244, 244, 244);
const AXIS: RGBColor = RGBColor(90, 90, 90);
const KEY: RGBColor = RGBColor(80, 80, 80);

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

fn draw_err(e: impl std::fmt::Display) -> ChartError {
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

/// The chart font, registered with `plotters` under [`FONT`] on first use.
fn font() -> Result<&'static FontRef<'static>, ChartError> {
    static LOADED: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    LOADED
        .get_or_init(|| {
            let data = epaint_default_fonts::UBUNTU_LIGHT;
            plotters::style::register_font(FONT, FontStyle::Normal, data).ok()?;
            FontRef::try_from_slice(data).ok()
        })
        .as_ref()
        .ok_or_else(|| ChartError::Draw("the chart font cannot be loaded".into()))
}

/// Sizes in pixels at the chart's scale (1 at 1200 × 700).
#[derive(Clone, Copy)]
struct Scale(f64);

impl Scale {
    fn of(width: u32, height: u32) -> Self {
        let s = (f64::from(width) / 1200.0).min(f64::from(height) / 700.0);
        Self(s.clamp(0.75, 4.0))
    }

    fn f(self, v: f64) -> f64 {
        v * self.0
    }

    fn px(self, v: f64) -> i32 {
        (v * self.0).round() as i32
    }

    /// The radius of a marker (small circles come out ragged).
    fn marker(self) -> i32 {
        self.px(5.0).max(5)
    }

    fn stroke(self, v: f64) -> u32 {
        (v * self.0).round().max(1.0) as u32
    }
}

/// Writes text: as SVG text, or rasterised glyphs on a bitmap.
struct Pen<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    font: &'static FontRef<'static>,
    raster: bool,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    /// The font at `size` pixels per em.
    fn scaled(&self, size: f64) -> PxScaleFont<&'static FontRef<'static>> {
        let units_per_em = self.font.units_per_em().unwrap_or(1000.0);
        let height = size as f32 * self.font.height_unscaled() / units_per_em;
        self.font.as_scaled(PxScale::from(height))
    }

    /// The width of `text` in pixels; in an SVG an eighth more, as the viewer's sans-serif
    /// font (such as `DejaVu Sans`) may be wider than Ubuntu Light.
    fn width(&self, text: &str, size: f64) -> f64 {
        let width = self.glyphs_width(text, size);
        if self.raster { width } else { width * 1.125 }
    }

    /// The width of `text` in pixels in the chart font.
    fn glyphs_width(&self, text: &str, size: f64) -> f64 {
        let font = self.scaled(size);
        let mut width = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                width += font.kern(p, id);
            }
            width += font.h_advance(id);
            previous = Some(id);
        }
        f64::from(width)
    }

    /// `text`, cut short with an ellipsis to at most `max` pixels wide.
    fn fit(&self, text: &str, size: f64, max: f64) -> String {
        if self.width(text, size) <= max {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let cut = |n: usize| chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
        // The longest prefix that fits with the ellipsis.
        let (mut lo, mut hi) = (0, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.width(&cut(mid), size) <= max {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        cut(lo)
    }

    /// `text` broken at spaces into lines of at most `max` pixels.
    fn wrap(&self, text: &str, size: f64, max: f64) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            if line.is_empty() {
                line = word.to_string();
            } else if self.width(&format!("{line} {word}"), size) > max {
                lines.push(std::mem::replace(&mut line, word.to_string()));
            } else {
                line = format!("{line} {word}");
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// Writes `text` at `at`, anchored there by `anchor`.
    fn text(
        &self,
        text: &str,
        size: f64,
        color: RGBColor,
        anchor: (HPos, VPos),
        at: (f64, f64),
    ) -> Result<(), ChartError> {
        self.write(text, size, color, anchor, at, false)
    }

    /// Writes `text` reading upwards, anchored at `at` as if it were horizontal.
    fn text_up(
        &self,
        text: &str,
        size: f64,
        color: RGBColor,
        anchor: (HPos, VPos),
        at: (f64, f64),
    ) -> Result<(), ChartError> {
        self.write(text, size, color, anchor, at, true)
    }

    fn write(
        &self,
        text: &str,
        size: f64,
        color: RGBColor,
        (h_pos, v_pos): (HPos, VPos),
        (x, y): (f64, f64),
        up: bool,
    ) -> Result<(), ChartError> {
        if !self.raster {
            // plotters writes `font-size` as the size / 1.24.
            let mut style = TextStyle::from((FONT, size * 1.24).into_font())
                .color(&color)
                .pos(Pos::new(h_pos, v_pos));
            if up {
                style = style.transform(FontTransform::Rotate270);
            }
            return self
                .area
                .draw_text(text, &style, (x.round() as i32, y.round() as i32))
                .map_err(draw_err);
        }
        let font = self.scaled(size);
        let width = self.glyphs_width(text, size) as f32;
        // Along the text from the anchor (u), and down from it (the baseline).
        let mut caret = match h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let baseline = match v_pos {
            VPos::Top => font.ascent(),
            // The middle of the capitals and digits.
            VPos::Center => 0.35 * size as f32,
            VPos::Bottom => font.descent(),
        };
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                caret += font.kern(p, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(font.scale(), point(caret, baseline));
            caret += font.h_advance(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let mut result = Ok(());
            outline.draw(|gx, gy, coverage| {
                if result.is_err() || coverage <= 0.0 {
                    return;
                }
                let along = f64::from(bounds.min.x) + f64::from(gx);
                let down = f64::from(bounds.min.y) + f64::from(gy);
                let (px, py) = if up {
                    (x + down, y - along)
                } else {
                    (x + along, y + down)
                };
                result = self.area.draw_pixel(
                    (px.floor() as i32, py.floor() as i32),
                    &color.mix(f64::from(coverage.min(1.0))),
                );
            });
            result.map_err(draw_err)?;
        }
        Ok(())
    }
}

/// The round step nearest to `raw` (1, 2 or 5 times a power of ten).
fn nice_step(raw: f64) -> f64 {
    if raw.is_nan() || raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let f = raw / magnitude;
    let n = if f < 1.5 {
        1.0
    } else if f < 3.0 {
        2.0
    } else if f < 7.0 {
        5.0
    } else {
        10.0
    };
    n * magnitude
}

/// The first day of month number `index` (year × 12 + month − 1).
fn month_start(index: i64) -> f64 {
    let year = index.div_euclid(12) as i32;
    let month = index.rem_euclid(12) as u32 + 1;
    dates::days_from_civil(year, month, 1) as f64
}

/// Date ticks within `x0..x1`: days for spans under four months if at most `max_days` fit,
/// else at most `max_months` month starts (every 1, 2, 3, 6, 12, … months). `true` when they
/// are days.
fn date_ticks(x0: f64, x1: f64, max_days: usize, max_months: usize) -> (Vec<f64>, bool) {
    if x1 - x0 < 120.0 {
        for step in [1.0, 2.0, 7.0, 14.0] {
            let ticks = steps(x0, x1, step);
            if ticks.len() <= max_days.max(2) {
                return (ticks, true);
            }
        }
    }
    let (year, month, _) = dates::civil_from_days(x0.ceil() as i64);
    let first = i64::from(year) * 12 + i64::from(month) - 1;
    let mut ticks = Vec::new();
    for step in [1, 2, 3, 6, 12, 24, 60, 120, 300, 600, 1200] {
        ticks.clear();
        let mut index = first + (step - first.rem_euclid(step)) % step;
        while month_start(index) <= x1 {
            if month_start(index) >= x0 {
                ticks.push(month_start(index));
            }
            index += step;
        }
        if ticks.len() <= max_months.max(2) {
            break;
        }
    }
    (ticks, false)
}

/// Linear value ticks within `lo..hi`: round steps, about `target` of them.
fn value_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let step = nice_step((hi - lo) / target.max(2) as f64);
    steps(lo, hi + step * 1e-9, step)
}

/// The multiples of `step` within `lo..=hi`.
fn steps(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let (first, last) = ((lo / step).ceil() as i64, (hi / step).floor() as i64);
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Log ticks within `lo..hi` (log10 units), at most about `target`: the decades (every n-th
/// when there are many), or 1, 2, 5 or every digit times them when few decades show, or
/// round values when less than a decade shows; and minor grid lines at the other digits.
fn log_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, Vec<f64>) {
    let target = target.max(2);
    let (first, last) = (lo.floor() as i32, hi.ceil() as i32);
    let at = |digits: &'static [u8]| -> Vec<f64> {
        (first..=last)
            .flat_map(|k| {
                digits
                    .iter()
                    .map(move |&d| f64::from(k) + f64::from(d).log10())
            })
            .filter(|&t| t >= lo && t <= hi)
            .collect()
    };
    if hi - lo < 1.0 {
        // Less than a decade: round values, spaced evenly in value.
        let major = value_ticks(10f64.powf(lo), 10f64.powf(hi), target.min(8))
            .into_iter()
            .filter(|&v| v > 0.0)
            .map(f64::log10)
            .collect();
        return (major, Vec::new());
    }
    let mut major = Vec::new();
    for digits in [&[1u8][..], &[1, 2, 5], &[1, 2, 3, 4, 5, 6, 7, 8, 9]] {
        let ticks = at(digits);
        if ticks.len() > target && !major.is_empty() {
            break;
        }
        major = ticks;
        if major.len() >= 3 {
            break;
        }
    }
    if major.len() > target {
        let every = major.len().div_ceil(target);
        major = major.into_iter().step_by(every).collect();
    }
    let minor = if hi - lo <= 8.0 {
        at(&[1, 2, 3, 4, 5, 6, 7, 8, 9])
            .into_iter()
            .filter(|t| major.iter().all(|m| (m - t).abs() > 1e-9))
            .collect()
    } else {
        Vec::new()
    };
    (major, minor)
}

/// A log axis tick's label: `10^v` rounded to three significant digits.
fn log_label(v: f64) -> String {
    let r = 10f64.powf(v);
    if !(1e-3..1e13).contains(&r) {
        return format!("1e{}", v.round());
    }
    let magnitude = 10f64.powi(r.log10().floor() as i32 - 2);
    query::format_number((r / magnitude).round() * magnitude)
}

/// Whether a value is drawn (on a log axis only positive values are).
fn visible(y: f64, log: bool) -> bool {
    y.is_finite() && (!log || y > 0.0)
}

/// The value in plotted units.
fn to_y(v: f64, log: bool) -> f64 {
    if log { v.log10() } else { v }
}

/// The extent of the drawn points: `((x0, x1), (y0, y1))`, y in plotted units.
fn extent(timeline: &Timeline, log: bool) -> Option<((f64, f64), (f64, f64))> {
    let mut x = (f64::INFINITY, f64::NEG_INFINITY);
    let mut y = (f64::INFINITY, f64::NEG_INFINITY);
    for p in &timeline.points {
        if !visible(p.y, log) || !p.x_lo.is_finite() || !p.x_hi.is_finite() {
            continue;
        }
        x = (x.0.min(p.x_lo), x.1.max(p.x_hi));
        for v in [p.y, p.y_min, p.y_hi] {
            if visible(v, log) {
                y = (y.0.min(to_y(v, log)), y.1.max(to_y(v, log)));
            }
        }
    }
    (x.0 <= x.1).then_some((x, y))
}

/// The value axis for values `y0..y1` (plotted units): its range, labelled and minor ticks.
fn value_axis(y0: f64, y1: f64, log: bool, target: usize) -> ((f64, f64), Vec<f64>, Vec<f64>) {
    if log {
        let span = (y1 - y0).max(1.0);
        let (lo, hi) = (y0 - 0.05 * span, y1 + 0.1 * span);
        let (major, minor) = log_ticks(lo, hi, target);
        return ((lo, hi), major, minor);
    }
    // From zero.
    let (mut lo, mut hi) = (y0.min(0.0), y1.max(0.0));
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        hi = lo + 1.0;
    }
    let span = hi - lo;
    hi += 0.1 * span;
    if lo < 0.0 {
        lo -= 0.05 * span;
    }
    ((lo, hi), value_ticks(lo, hi, target), Vec::new())
}

/// The plot rectangle (pixels) and the ranges it shows.
struct Frame {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
    x: (f64, f64),
    y: (f64, f64),
}

impl Frame {
    /// The pixel of a date and a value in plotted units.
    fn at(&self, x: f64, y: f64) -> (i32, i32) {
        let fx = (x - self.x.0) / (self.x.1 - self.x.0);
        let fy = (y - self.y.0) / (self.y.1 - self.y.0);
        (
            (self.left + fx * (self.right - self.left)).round() as i32,
            (self.bottom - fy * (self.bottom - self.top)).round() as i32,
        )
    }

    fn x_px(&self, x: f64) -> i32 {
        self.at(x, self.y.0).0
    }

    fn y_px(&self, y: f64) -> i32 {
        self.at(self.x.0, y).1
    }
}

/// Draws a marker of `shape` centred at `at`, of radius about `r`, filled with `color` and
/// outlined in a darker shade of it (light colours stay visible on white).
fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    shape: Shape,
    (x, y): (i32, i32),
    r: i32,
    color: RGBColor,
) -> Result<(), ChartError> {
    let fill = color.filled();
    let dark = |c: u8| (f64::from(c) * 0.7) as u8;
    let outline = RGBColor(dark(color.0), dark(color.1), dark(color.2)).stroke_width(1);
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
fn arrow<DB: DrawingBackend>(
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
fn span<DB: DrawingBackend>(
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
fn bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    s: Scale,
    color: RGBColor,
) -> Result<(), ChartError> {
    area.draw(&PathElement::new(
        vec![a, b],
        color.mix(0.55).stroke_width(s.stroke(3.0)),
    ))
    .map_err(draw_err)
}

fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: (i32, i32),
    b: (i32, i32),
    style: ShapeStyle,
) -> Result<(), ChartError> {
    area.draw(&PathElement::new(vec![a, b], style))
        .map_err(draw_err)
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
    let hidden = timeline
        .points
        .iter()
        .filter(|p| !visible(p.y, log))
        .count();
    let note: Vec<String> = timeline
        .left_out()
        .into_iter()
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
    let extent = extent(timeline, log);
    let (y_range, y_ticks, y_minor) = match extent {
        Some((_, (y0, y1))) => value_axis(
            y0,
            y1,
            log,
            ((plot_bottom - plot_top) / s.f(45.0)).max(2.0) as usize,
        ),
        None => ((0.0, 1.0), Vec::new(), Vec::new()),
    };
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
    let has_y_desc = extent.is_some() && !timeline.y_label.is_empty();
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
    let (x_range, x_ticks, days) = match extent {
        Some(((x0, x1), _)) => {
            let pad = ((x1 - x0) * 0.05).max(10.0);
            let (x0, x1) = (x0 - pad, x1 + pad);
            let plot_width = plot_right - plot_left;
            let day_width = pen.width("2000-00-00", label_size) + s.f(24.0);
            let month_width = pen.width("2000-00", label_size) + s.f(30.0);
            let (ticks, days) = date_ticks(
                x0,
                x1,
                (plot_width / day_width) as usize,
                (plot_width / month_width) as usize,
            );
            ((x0, x1), ticks, days)
        }
        None => ((0.0, 1.0), Vec::new(), false),
    };
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
    for &t in &x_ticks {
        let x = frame.x_px(t);
        line(root, (x, upper), (x, lower), GRID.stroke_width(1))?;
        line(root, (x, lower), (x, lower + tick), AXIS.stroke_width(1))?;
        let label = if days {
            dates::day_label(t.round() as i64)
        } else {
            dates::month_label(t.round() as i64)
        };
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

/// Draws the points, their date spans, value bars, arrows and group rings, and the lines
/// joining each entity's claims in date order.
fn draw_marks<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    timeline: &Timeline,
    log: bool,
    s: Scale,
    frame: &Frame,
) -> Result<(), ChartError> {
    let at = |x: f64, v: f64| frame.at(x, to_y(v, log));
    let color_of = |series: usize| {
        let [r, g, b] = timeline
            .series
            .get(series)
            .map_or(UNNAMED_COLOR, |s| s.color);
        RGBColor(r, g, b)
    };
    let drawn = |i: &usize| {
        timeline
            .points
            .get(*i)
            .is_some_and(|p| visible(p.y, log) && p.x.is_finite())
    };
    // The least cited entities first, so that the most cited are drawn on top.
    let order: Vec<usize> = timeline
        .series
        .iter()
        .rev()
        .flat_map(|series| series.points.iter().copied())
        .filter(drawn)
        .collect();
    for (i, series) in timeline.series.iter().enumerate().rev() {
        let joined: Vec<(i32, i32)> = series
            .points
            .iter()
            .filter(|i| drawn(i))
            .map(|&i| at(timeline.points[i].x, timeline.points[i].y))
            .collect();
        if joined.len() > 1 {
            root.draw(&PathElement::new(
                joined,
                color_of(i).mix(0.4).stroke_width(s.stroke(1.0)),
            ))
            .map_err(draw_err)?;
        }
    }
    // Bars reaching zero or below end at the bottom of a log axis.
    let floor = 10f64.powf(frame.y.0);
    for &i in &order {
        let p = &timeline.points[i];
        let color = color_of(p.series);
        if p.x_hi - p.x_lo > 1.5 {
            span(root, at(p.x_lo, p.y), at(p.x_hi, p.y), s, color)?;
        }
        if p.y_hi.is_finite() && p.y_hi > p.y_min {
            let low = if visible(p.y_min, log) {
                p.y_min
            } else {
                floor
            };
            bar(root, at(p.x, low), at(p.x, p.y_hi), s, color)?;
        }
    }
    for &i in &order {
        let p = &timeline.points[i];
        let color = color_of(p.series);
        let xy = at(p.x, p.y);
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

/// What the legend lists.
struct Legend {
    /// Entity names and colours, most cited first.
    series: Vec<(String, RGBColor)>,
    /// The marker shapes that occur.
    shapes: Vec<Shape>,
    /// Whether some date spans a month or a year.
    spans: bool,
    /// Whether some value spans an interval.
    bars: bool,
    /// Whether some mark stands for a group of claims.
    groups: bool,
}

const SERIES_HEADING: &str = "Source";
const MARKS_HEADING: &str = "Marks";
const SPAN_TEXT: &str = "date of a month or year";
const BAR_TEXT: &str = "range of values";
const GROUP_TEXT: &str = "group of claims (at the median)";

impl Legend {
    fn of(timeline: &Timeline, log: bool) -> Self {
        let shown: Vec<_> = timeline
            .points
            .iter()
            .filter(|p| visible(p.y, log))
            .collect();
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
            bars: shown.iter().any(|p| p.y_hi.is_finite() && p.y_hi > p.y_min),
            groups: shown.iter().any(|p| p.count > 1),
        }
    }

    fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// Every text the legend may show (for its width).
    fn texts(&self) -> impl Iterator<Item = &str> {
        self.series
            .iter()
            .map(|(name, _)| name.as_str())
            .chain(self.shapes.iter().map(|s| s.meaning()))
            .chain([SERIES_HEADING, MARKS_HEADING])
            .chain(self.spans.then_some(SPAN_TEXT))
            .chain(self.bars.then_some(BAR_TEXT))
            .chain(self.groups.then_some(GROUP_TEXT))
    }

    /// Draws the legend in the column at `(x, y)`, `width` wide and `height` high; entities
    /// that do not fit are counted in a last line.
    fn draw<DB: DrawingBackend>(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::timeline::{Series, TimePoint};

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
        Timeline {
            title: "Festnahmen, Demonstration".into(),
            y_label: "count (Menschen)".into(),
            points,
            series: vec![
                Series {
                    name: "Polizei".into(),
                    color: [31, 119, 180],
                    points: vec![0, 1, 2],
                },
                Series {
                    name: "Veranstalter".into(),
                    color: [214, 39, 40],
                    points: vec![3, 4, 5],
                },
            ],
            undated: 2,
            ..Timeline::default()
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

    #[test]
    fn ticks() {
        let (days, is_days) = date_ticks(0.0, 30.0, 40, 10);
        assert!(is_days && days.len() == 31);
        let jan = dates::days_from_civil(2020, 1, 1) as f64;
        let (months, is_days) = date_ticks(jan - 5.0, jan + 3.0 * 365.0, 100, 12);
        assert!(!is_days);
        assert_eq!(months.first(), Some(&jan));
        assert!(months.len() <= 12 && months.len() >= 6, "{months:?}");
        assert_eq!(
            value_ticks(0.0, 110.0, 5),
            [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        let (major, minor) = log_ticks(0.9, 6.2, 10);
        assert_eq!(major, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        assert!(!minor.is_empty());
        let (major, _) = log_ticks(2.9, 3.9, 10);
        let labels: Vec<String> = major.iter().map(|&t| log_label(t)).collect();
        assert_eq!(labels, ["1.000", "2.000", "5.000"]);
        let (major, _) = log_ticks(2.87, 3.37, 10);
        let labels: Vec<String> = major.iter().map(|&t| log_label(t)).collect();
        assert_eq!(labels[..3], ["800", "1.000", "1.200"]);
        let (major, _) = log_ticks(3.17, 3.19, 10);
        assert!(major.len() >= 2, "a narrow range still has labels");
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
