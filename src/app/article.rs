//! The article view: the selected claim's details and actions, and the article text with
//! every claim highlighted in its source entity's colour, source spans underlined and the
//! selected claim's sentence marked. Clicking a highlight selects its claim; selecting text
//! offers to add it as a claim.

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, RichText, Stroke};

use super::{App, Editor, entity_color, on_background};
use crate::analysis::query;
use crate::corpus::Status;
use crate::model::Span;

/// Draws the view for the selected claim's article.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let Some(row) = app.selected_row() else {
        ui.add_space(8.0);
        ui.label("Select a claim in the table to read its article here.");
        return;
    };
    let article_index = app.corpus.rows[row].article;
    details(app, ui, row);
    ui.separator();
    let article = &app.corpus.articles[article_index];
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(article.short_name()).strong())
            .on_hover_text(&article.path);
        ui.label(format!(
            "{} · {} · {} claims",
            article.date.map_or("no date".into(), |d| d.to_string()),
            article.lang.code(),
            app.corpus.rows_of(article_index).len()
        ));
        let selection = app
            .article_selection
            .filter(|(a, s)| *a == article_index && s.start < s.end);
        if ui
            .add_enabled(
                selection.is_some(),
                egui::Button::new("➕ Add claim from selection"),
            )
            .on_hover_text("Select the figure in the text below, then add it as a claim")
            .clicked()
            && let Some((_, span)) = selection
        {
            app.editor = Some(Editor::for_new(&app.corpus, article_index, span));
        }
    });
    text_view(app, ui, article_index, row);
}

fn details(app: &mut App, ui: &mut egui::Ui, row: usize) {
    let r = &app.corpus.rows[row];
    let c = &r.claim;
    egui::Grid::new("claim-details")
        .num_columns(2)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            ui.label("Value");
            ui.label(RichText::new(query::format_value(c)).strong().monospace())
                .on_hover_text(format!(
                    "As written: “{}” ({}, {})",
                    c.text, c.kind, c.qualifier
                ));
            ui.end_row();
            ui.label("Counts");
            ui.label(format!(
                "{} — {}",
                c.subject.as_deref().unwrap_or("?"),
                c.action.as_deref().unwrap_or("no action")
            ));
            ui.end_row();
            ui.label("Source");
            match &c.source {
                Some(s) => {
                    ui.horizontal(|ui| {
                        let color = entity_color(app.corpus.color_index(s.entity.as_deref()));
                        super::color_dot(ui, color);
                        ui.label(match s.entity.as_deref() {
                            Some(e) if e != s.text => format!("{} ({e})", s.text),
                            Some(_) => s.text.clone(),
                            None => format!("{} (no named entity)", s.text),
                        });
                    });
                }
                None => {
                    ui.label("none (the article's own voice)");
                }
            }
            ui.end_row();
            ui.label("Status");
            ui.label(r.status.label());
            ui.end_row();
        });
    let status = r.status;
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("✏ Edit")
            .on_hover_text("Correct value, qualifier, subject, action or source (Enter)")
            .clicked()
        {
            app.edit_selected();
        }
        let reject = match status {
            Status::Rejected => "Restore",
            Status::Added => "🗑 Remove",
            _ => "✖ Reject",
        };
        if ui
            .button(reject)
            .on_hover_text("Reject the claim, or restore it (Del)")
            .clicked()
        {
            app.toggle_reject_selected();
        }
        let picked = app.is_picked(row);
        if ui
            .selectable_label(picked, "⚖ Compare")
            .on_hover_text("Pick this claim for the comparison (C)")
            .clicked()
        {
            app.toggle_pick(row);
        }
    });
}

/// The highlighted layout of an article, cached while nothing it depends on changes.
#[derive(Clone)]
pub struct ArticleLayout {
    key: (usize, u64, Option<usize>, bool),
    job: Arc<LayoutJob>,
}

/// Articles longer than twice this show this much text on either side of the selected
/// claim, so that a huge file never has to be laid out whole.
pub const VIEW_WINDOW: usize = 100_000;

/// The part of `text` the view shows around `focus`: all of it, or a window.
fn view_window(text: &str, focus: Span) -> (usize, usize) {
    if text.len() <= 2 * VIEW_WINDOW {
        return (0, text.len());
    }
    let mut a = focus.start.min(text.len()).saturating_sub(VIEW_WINDOW);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = focus.end.saturating_add(VIEW_WINDOW).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    (a, b)
}

fn build_job(
    app: &App,
    article_index: usize,
    selected: usize,
    dark: bool,
    (from, to): (usize, usize),
) -> LayoutJob {
    let article = &app.corpus.articles[article_index];
    let text = &article.text;
    let base = if dark {
        Color32::from_gray(210)
    } else {
        Color32::from_gray(30)
    };
    let font = FontId::proportional(15.0);
    let sentence = app.corpus.rows[selected].claim.sentence;
    let mut marks: Vec<(Span, usize)> = Vec::new();
    let mut sources: Vec<(Span, Color32)> = Vec::new();
    let start = app
        .corpus
        .rows
        .partition_point(|r| r.article < article_index);
    for (i, r) in app.corpus.rows[start..].iter().enumerate() {
        if r.article != article_index {
            break;
        }
        if r.status == Status::Rejected && start + i != selected {
            continue;
        }
        marks.push((r.claim.number, start + i));
        if let Some(s) = &r.claim.source {
            sources.push((
                s.span,
                on_background(
                    entity_color(app.corpus.color_index(s.entity.as_deref())),
                    dark,
                ),
            ));
        }
    }
    let mut cuts: Vec<usize> = vec![from, to, sentence.start, sentence.end];
    for (s, _) in &marks {
        cuts.extend([s.start, s.end]);
    }
    for (s, _) in &sources {
        cuts.extend([s.start, s.end]);
    }
    cuts.retain(|&c| from <= c && c <= to && text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        let seg = Span::new(a, b);
        let mut format = TextFormat {
            font_id: font.clone(),
            color: base,
            ..TextFormat::default()
        };
        if sentence.contains(seg) {
            format.background = if dark {
                Color32::from_rgb(60, 56, 30)
            } else {
                Color32::from_rgb(255, 246, 200)
            };
        }
        if let Some((_, color)) = sources.iter().find(|(s, _)| s.contains(seg)) {
            format.underline = Stroke::new(2.0, *color);
            format.color = *color;
        }
        if let Some((_, r)) = marks.iter().find(|(s, _)| s.contains(seg)) {
            let row = &app.corpus.rows[*r];
            let color = entity_color(app.corpus.color_index(row.entity()));
            format.background = color.gamma_multiply(if *r == selected { 0.85 } else { 0.35 });
            if *r == selected {
                // Dark text on light colours, white on dark ones.
                let [red, green, blue, _] = color.to_array();
                let light =
                    0.299 * f32::from(red) + 0.587 * f32::from(green) + 0.114 * f32::from(blue);
                format.color = if light > 150.0 {
                    Color32::BLACK
                } else {
                    Color32::WHITE
                };
            }
            if row.status == Status::Rejected {
                format.strikethrough = Stroke::new(1.0, base);
            }
        }
        job.append(&text[a..b], 0.0, format);
    }
    job
}

fn text_view(app: &mut App, ui: &mut egui::Ui, article_index: usize, selected: usize) {
    let dark = ui.visuals().dark_mode;
    let key = (article_index, app.corpus.generation, Some(selected), dark);
    let full = app.corpus.articles[article_index].text.as_str();
    let (from, to) = view_window(full, app.corpus.rows[selected].claim.sentence);
    if (from, to) != (0, full.len()) {
        ui.label(
            egui::RichText::new(format!(
                "A long article: showing {} of its {} characters, around the selected claim.",
                crate::analysis::query::format_number((to - from) as f64),
                crate::analysis::query::format_number(full.len() as f64)
            ))
            .weak(),
        );
    }
    let job = match &app.article_layout {
        Some(l) if l.key == key => Arc::clone(&l.job),
        _ => {
            let job = Arc::new(build_job(app, article_index, selected, dark, (from, to)));
            app.article_layout = Some(ArticleLayout {
                key,
                job: Arc::clone(&job),
            });
            job
        }
    };
    let text = &full[from..to];
    let scroll = std::mem::take(&mut app.article_scroll_pending);
    let number_start = app.corpus.rows[selected].claim.number.start.clamp(from, to) - from;
    let mut layouter = |ui: &egui::Ui, _: &dyn egui::TextBuffer, wrap: f32| {
        let mut job = (*job).clone();
        job.wrap.max_width = wrap;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let output = egui::ScrollArea::vertical()
        .id_salt(("article-text", article_index))
        .auto_shrink(false)
        .show(ui, |ui| {
            let mut view: &str = text;
            let output = egui::TextEdit::multiline(&mut view)
                .id(egui::Id::unique("article-text-edit"))
                .desired_width(f32::INFINITY)
                .frame(egui::Frame::NONE)
                .layouter(&mut layouter)
                .show(ui);
            if scroll {
                let chars = text.get(..number_start).map_or(0, |t| t.chars().count());
                let rect = output
                    .galley
                    .pos_from_cursor(CCursor::new(chars))
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect, Some(Align::Center));
            }
            output
        })
        .inner;
    let selection = output.cursor_range.map(|range| {
        let a = from + byte_of_char(text, range.primary.index.0);
        let b = from + byte_of_char(text, range.secondary.index.0);
        Span::new(a.min(b), a.max(b))
    });
    if let Some(s) = selection {
        app.article_selection = Some((article_index, s));
    } else if app
        .article_selection
        .is_some_and(|(a, _)| a != article_index)
    {
        app.article_selection = None;
    }
    // A click on a highlighted figure (or its source) selects that claim; the position comes
    // from the pointer, as the text cursor only follows a frame later.
    if output.response.clicked()
        && let Some(pos) = output.response.interact_pointer_pos()
    {
        let cursor = output.galley.cursor_from_pos(pos - output.galley_pos);
        let at = from + byte_of_char(text, cursor.index.0);
        if let Some(row) = row_at(app, article_index, at) {
            app.selected = Some(app.key_of(row));
            app.scroll_to_selected = true;
        }
    }
}

fn byte_of_char(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The claim whose number (or, failing that, source) covers byte `at` of the article.
fn row_at(app: &App, article_index: usize, at: usize) -> Option<usize> {
    let start = app
        .corpus
        .rows
        .partition_point(|r| r.article < article_index);
    let rows = app.corpus.rows[start..]
        .iter()
        .enumerate()
        .take_while(|(_, r)| r.article == article_index);
    let mut by_source = None;
    for (i, r) in rows {
        let n = r.claim.number;
        if n.start <= at && at <= n.end {
            return Some(start + i);
        }
        if by_source.is_none()
            && r.claim
                .source
                .as_ref()
                .is_some_and(|s| s.span.start <= at && at <= s.span.end)
        {
            by_source = Some(start + i);
        }
    }
    by_source
}
