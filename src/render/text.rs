//! Text in the exported chart: the bundled font measured with `ab_glyph`, and a pen that
//! draws text at a size, colour and anchor on any plotters backend.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, PxScaleFont, ScaleFont, point};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::{ChartError, FONT, SVG_FONTS, draw_err};

/// The chart font, registered with `plotters` under [`FONT`] on first use.
pub(crate) fn font() -> Result<&'static FontRef<'static>, ChartError> {
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

/// Writes text: as SVG text, or rasterised glyphs on a bitmap.
pub(crate) struct Pen<'a, DB: DrawingBackend> {
    pub(crate) area: &'a DrawingArea<DB, Shift>,
    pub(crate) font: &'static FontRef<'static>,
    pub(crate) raster: bool,
}

impl<DB: DrawingBackend> Pen<'_, DB> {
    /// The font at `size` pixels per em.
    pub(crate) fn scaled(&self, size: f64) -> PxScaleFont<&'static FontRef<'static>> {
        let units_per_em = self.font.units_per_em().unwrap_or(1000.0);
        let height = size as f32 * self.font.height_unscaled() / units_per_em;
        self.font.as_scaled(PxScale::from(height))
    }

    /// The width of `text` in pixels; in an SVG an eighth more, as the viewer's sans-serif
    /// font (such as `DejaVu Sans`) may be wider than Ubuntu Light.
    pub(crate) fn width(&self, text: &str, size: f64) -> f64 {
        let width = self.glyphs_width(text, size);
        if self.raster { width } else { width * 1.125 }
    }

    /// The width of `text` in pixels in the chart font.
    pub(crate) fn glyphs_width(&self, text: &str, size: f64) -> f64 {
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
    pub(crate) fn fit(&self, text: &str, size: f64, max: f64) -> String {
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
    pub(crate) fn wrap(&self, text: &str, size: f64, max: f64) -> Vec<String> {
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
    pub(crate) fn text(
        &self,
        text: &str,
        size: f64,
        color: RGBColor,
        anchor: (HPos, VPos),
        at: (f64, f64),
    ) -> Result<(), ChartError> {
        self.write(text, size, color, anchor, at)
    }

    /// Writes `text` in bold: bold SVG text; on a bitmap the light glyphs twice, a
    /// thirtieth of the size apart.
    pub(crate) fn bold(
        &self,
        text: &str,
        size: f64,
        color: RGBColor,
        anchor: (HPos, VPos),
        (x, y): (f64, f64),
    ) -> Result<(), ChartError> {
        if !self.raster {
            let style =
                TextStyle::from((SVG_FONTS, size * 1.24).into_font().style(FontStyle::Bold))
                    .color(&color)
                    .pos(Pos::new(anchor.0, anchor.1));
            return self
                .area
                .draw_text(text, &style, (x.round() as i32, y.round() as i32))
                .map_err(draw_err);
        }
        self.write(text, size, color, anchor, (x, y))?;
        self.write(text, size, color, anchor, (x + size / 30.0, y))
    }

    pub(crate) fn write(
        &self,
        text: &str,
        size: f64,
        color: RGBColor,
        (h_pos, v_pos): (HPos, VPos),
        (x, y): (f64, f64),
    ) -> Result<(), ChartError> {
        if !self.raster {
            // plotters writes `font-size` as the size / 1.24.
            let style = TextStyle::from((SVG_FONTS, size * 1.24).into_font())
                .color(&color)
                .pos(Pos::new(h_pos, v_pos));
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
                let (px, py) = (x + along, y + down);
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
