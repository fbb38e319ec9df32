//! The article view: the selected claim's details and actions, and the article text with
//! every claim highlighted in its source entity's colour, source spans underlined and the
//! selected claim's sentence marked. Clicking a highlight selects its claim; selecting text
//! offers to add it as a claim.

use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, RichText, Stroke};

use super::command::Command;
use super::{ClaimKey, theme};
use crate::analysis::query;
use crate::corpus::{Corpus, Status};
use crate::model::Span;

/// What the article view reads, and the bits of its own state it keeps.
pub struct ArticleView<'a> {
    /// The open articles and claims.
    pub corpus: &'a Corpus,
    /// The selected row.
    pub selected: Option<usize>,
    /// The claims picked for comparison.
    pub picked: &'a [ClaimKey],
    /// Text selected in the article: article and byte span.
    pub selection: &'a mut Option<(usize, Span)>,
    /// Scroll to the selected claim (once).
    pub scroll_pending: &'a mut bool,
    /// The cached layout of the highlighted text.
    pub layout: &'a mut Option<ArticleLayout>,
}

/// Draws the view for the selected claim's article.
pub fn article_ui(ui: &mut egui::Ui, view: &mut ArticleView<'_>, commands: &mut Vec<Command>) {
    let Some(row) = view.selected else {
        ui.add_space(8.0);
        ui.label("Select a claim in the table to read its article here.");
        return;
    };
    let corpus = view.corpus;
    let article_index = corpus.rows[row].article;
    details_ui(ui, view, row, commands);
    ui.separator();
    let article = &corpus.articles[article_index];
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(article.short_name()).strong())
            .on_hover_text(&article.path);
        let date = article.date.map_or("no date".into(), |d| d.to_string());
        let from = match article.date_from {
            Some(crate::model::DateFrom::Text) => " (from the dateline)",
            Some(crate::model::DateFrom::User) => " (set by you)",
            Some(crate::model::DateFrom::Html) => " (from the page)",
            _ => "",
        };
        ui.label(format!(
            "{date}{from} · {} · {} claims",
            article.lang.code(),
            corpus.rows_of(article_index).len()
        ));
        if ui
            .small_button(if article.date.is_some() {
                "Date…"
            } else {
                "Set date…"
            })
            .on_hover_text("Set or correct the article's date")
            .clicked()
        {
            commands.push(Command::ShowDates);
        }
        let selection = view
            .selection
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
            commands.push(Command::AddClaimFrom {
                article: article_index,
                span,
            });
        }
    });
    text_ui(ui, view, article_index, row, commands);
}

fn details_ui(ui: &mut egui::Ui, view: &ArticleView<'_>, row: usize, commands: &mut Vec<Command>) {
    let corpus = view.corpus;
    let r = &corpus.rows[row];
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
                        theme::entity_dot_ui(ui, corpus.color_index(s.entity.as_deref()));
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
            commands.push(Command::EditSelected);
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
            commands.push(Command::ToggleRejectSelected);
        }
        let key = ClaimKey::of(corpus, row);
        let picked = view.picked.contains(&key);
        if ui
            .selectable_label(picked, "⚖ Compare")
            .on_hover_text("Pick this claim for the comparison (C)")
            .clicked()
        {
            commands.push(Command::TogglePick(key));
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
    corpus: &Corpus,
    article_index: usize,
    selected: usize,
    dark: bool,
    (from, to): (usize, usize),
) -> LayoutJob {
    let article = &corpus.articles[article_index];
    let text = &article.text;
    let base = theme::article_text(dark);
    let font = FontId::proportional(15.0);
    let sentence = corpus.rows[selected].claim.sentence;
    let mut marks: Vec<(Span, usize)> = Vec::new();
    let mut sources: Vec<(Span, Color32)> = Vec::new();
    let start = corpus.rows.partition_point(|r| r.article < article_index);
    for (i, r) in corpus.rows[start..].iter().enumerate() {
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
                theme::on_background(
                    theme::entity_color(corpus.color_index(s.entity.as_deref())),
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
            format.background = theme::sentence_background(dark);
        }
        if let Some((_, color)) = sources.iter().find(|(s, _)| s.contains(seg)) {
            format.underline = Stroke::new(2.0, *color);
            format.color = *color;
        }
        if let Some((_, r)) = marks.iter().find(|(s, _)| s.contains(seg)) {
            let row = &corpus.rows[*r];
            let color = theme::entity_color(corpus.color_index(row.entity()));
            format.background = theme::claim_highlight(color, *r == selected);
            if *r == selected {
                format.color = theme::text_on(color);
            }
            if row.status == Status::Rejected {
                format.strikethrough = Stroke::new(1.0, base);
            }
        }
        job.append(&text[a..b], 0.0, format);
    }
    job
}

fn text_ui(
    ui: &mut egui::Ui,
    view: &mut ArticleView<'_>,
    article_index: usize,
    selected: usize,
    commands: &mut Vec<Command>,
) {
    let corpus = view.corpus;
    let dark = ui.visuals().dark_mode;
    let key = (article_index, corpus.generation, Some(selected), dark);
    let full = corpus.articles[article_index].text.as_str();
    let (from, to) = view_window(full, corpus.rows[selected].claim.sentence);
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
    let job = match &*view.layout {
        Some(l) if l.key == key => Arc::clone(&l.job),
        _ => {
            let job = Arc::new(build_job(corpus, article_index, selected, dark, (from, to)));
            *view.layout = Some(ArticleLayout {
                key,
                job: Arc::clone(&job),
            });
            job
        }
    };
    let text = &full[from..to];
    let scroll = std::mem::take(view.scroll_pending);
    let number_start = corpus.rows[selected].claim.number.start.clamp(from, to) - from;
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
        *view.selection = Some((article_index, s));
    } else if view.selection.is_some_and(|(a, _)| a != article_index) {
        *view.selection = None;
    }
    // A click on a highlighted figure (or its source) selects that claim; the position comes
    // from the pointer, as the text cursor only follows a frame later.
    if output.response.clicked()
        && let Some(pos) = output.response.interact_pointer_pos()
    {
        let cursor = output.galley.cursor_from_pos(pos - output.galley_pos);
        let at = from + byte_of_char(text, cursor.index.0);
        if let Some(row) = row_at(corpus, article_index, at) {
            commands.push(Command::Select {
                key: ClaimKey::of(corpus, row),
                scroll_table: true,
                scroll_article: false,
            });
        }
    }
}

fn byte_of_char(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(b, _)| b)
}

/// The claim whose number (or, failing that, source) covers byte `at` of the article.
fn row_at(corpus: &Corpus, article_index: usize, at: usize) -> Option<usize> {
    let start = corpus.rows.partition_point(|r| r.article < article_index);
    let rows = corpus.rows[start..]
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
