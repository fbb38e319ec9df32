//! Every colour of the app in one place: the light/dark preference, the entity palette (the
//! key that ties table, article and chart together), the contrast helpers that keep palette
//! colours readable on either background, and the few fixed colours of the views.
//!
//! The palette itself is the core's ([`crate::analysis::timeline::color`]), because the
//! exported chart uses it too.

use egui::{Color32, ThemePreference};

/// The theme the session asks for (`"light"`, `"dark"`, anything else: follow the system).
#[must_use]
pub fn preference(theme: Option<&str>) -> ThemePreference {
    match theme {
        Some("light") => ThemePreference::Light,
        Some("dark") => ThemePreference::Dark,
        _ => ThemePreference::System,
    }
}

/// The colour of an entity (a palette index; `None`: no named source).
#[must_use]
pub fn entity_color(index: Option<usize>) -> Color32 {
    let [r, g, b] = crate::analysis::timeline::color(index);
    Color32::from_rgb(r, g, b)
}

/// A palette colour given as RGB, as text and thin lines show it on the background.
#[must_use]
pub fn palette_on_background([r, g, b]: [u8; 3], dark_mode: bool) -> Color32 {
    on_background(Color32::from_rgb(r, g, b), dark_mode)
}

/// Perceived lightness of a colour, 0 (black) to 255 (white).
fn lightness(color: Color32) -> f32 {
    let [r, g, b, _] = color.to_array();
    0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b)
}

/// A colour as text and thin lines show it on the theme's background: light palette colours
/// are darkened on a light background so that they stay readable.
#[must_use]
pub fn on_background(color: Color32, dark_mode: bool) -> Color32 {
    let light = lightness(color);
    if dark_mode || light < 140.0 {
        color
    } else {
        let [r, g, b, _] = color.to_array();
        let f = 120.0 / light;
        let scale = |c: u8| (f32::from(c) * f).round().clamp(0.0, 255.0) as u8;
        Color32::from_rgb(scale(r), scale(g), scale(b))
    }
}

/// Text on a filled background of `color`: dark text on light colours, white on dark ones.
#[must_use]
pub fn text_on(color: Color32) -> Color32 {
    if lightness(color) > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

/// The article's body text.
#[must_use]
pub fn article_text(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_gray(210)
    } else {
        Color32::from_gray(30)
    }
}

/// The background of the selected claim's sentence in the article.
#[must_use]
pub fn sentence_background(dark_mode: bool) -> Color32 {
    if dark_mode {
        Color32::from_rgb(60, 56, 30)
    } else {
        Color32::from_rgb(255, 246, 200)
    }
}

/// The background of a claim's figure in the article: strong for the selected claim.
#[must_use]
pub fn claim_highlight(entity: Color32, selected: bool) -> Color32 {
    entity.gamma_multiply(if selected { 0.85 } else { 0.35 })
}

/// The line joining an entity's claims on the timeline, fainter than its marks.
#[must_use]
pub fn series_line(series: Color32) -> Color32 {
    series.gamma_multiply(0.4)
}

/// The span of a claim's date (a month, say) on the timeline.
#[must_use]
pub fn date_span(series: Color32) -> Color32 {
    series.gamma_multiply(0.6)
}

/// The span of a range or vague figure's values on the timeline.
#[must_use]
pub fn value_span(series: Color32) -> Color32 {
    series.gamma_multiply(0.55)
}

/// The fill of a vague figure's open band on the timeline (light: it is a guess).
#[must_use]
pub fn vague_band(series: Color32) -> Color32 {
    series.gamma_multiply(0.18)
}

/// The sides of a vague figure's open band on the timeline.
#[must_use]
pub fn vague_band_side(series: Color32) -> Color32 {
    series.gamma_multiply(0.5)
}

/// The "not saving" warning in the status line.
pub const WARNING: Color32 = Color32::from_rgb(200, 80, 40);

/// The shade over the window while files are dragged over it.
pub const DROP_SHADE: Color32 = Color32::from_black_alpha(160);

/// The text on [`DROP_SHADE`].
pub const DROP_TEXT: Color32 = Color32::WHITE;

/// A small filled circle in the colour of an entity (a palette index), the key that ties
/// table, article and chart.
pub fn entity_dot_ui(ui: &mut egui::Ui, index: Option<usize>) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter()
        .circle_filled(rect.center(), 4.5, entity_color(index));
}
