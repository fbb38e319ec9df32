//! The article dates window: every open article with its date and where the date comes from
//! (header, HTML metadata, the text, the user, or none), undated articles first. The user
//! sets or corrects a date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); it is saved in the workspace.

use std::collections::HashMap;

use egui::RichText;

use super::command::Command;
use crate::corpus::Corpus;
use crate::model::{ArticleDate, DateFrom};

/// Where a date comes from, in words.
fn from_words(from: Option<DateFrom>) -> &'static str {
    match from {
        Some(DateFrom::Header) => "from the date header",
        Some(DateFrom::Html) => "from the page's metadata",
        Some(DateFrom::Text) => "from the article's dateline",
        Some(DateFrom::User) => "set by you",
        None => "no date",
    }
}

/// Draws the window while `open`. `inputs` holds what the user typed per article.
pub fn dates_ui(
    ctx: &egui::Context,
    corpus: &Corpus,
    inputs: &mut HashMap<usize, String>,
    open: &mut bool,
    commands: &mut Vec<Command>,
) {
    let mut order: Vec<usize> = (0..corpus.articles.len()).collect();
    order.sort_by_key(|&a| (corpus.articles[a].date.is_some(), a));
    egui::Window::new("Article dates")
        .open(open)
        .default_width(560.0)
        .default_height(420.0)
        .show(ctx, |ui| {
            ui.label("A claim is placed in time by its article's date. Type YYYY, YYYY-MM or YYYY-MM-DD and press Set; the date is saved in the workspace.");
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("article-dates")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for &a in &order {
                            article_row_ui(ui, corpus, a, inputs, commands);
                            ui.end_row();
                        }
                    });
            });
        });
}

fn article_row_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    a: usize,
    inputs: &mut HashMap<usize, String>,
    commands: &mut Vec<Command>,
) {
    let article = &corpus.articles[a];
    ui.label(article.short_name()).on_hover_text(&article.path);
    let shown = article.date.map_or("—".to_string(), |d| d.to_string());
    ui.label(RichText::new(shown).monospace())
        .on_hover_text(from_words(article.date_from));
    let input = inputs.entry(a).or_default();
    let edit = ui.add(
        egui::TextEdit::singleline(input)
            .hint_text("YYYY-MM-DD")
            .desired_width(100.0),
    );
    let parsed = ArticleDate::parse(input.trim());
    let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        let set = ui
            .add_enabled(parsed.is_some(), egui::Button::new("Set"))
            .on_hover_text(format!("Date {}", article.short_name()));
        if let Some(date) = parsed
            && (set.clicked() || entered)
        {
            commands.push(Command::SetArticleDate {
                article: a,
                date: Some(date),
            });
        }
        if article.date_from == Some(DateFrom::User)
            && ui
                .small_button("Clear")
                .on_hover_text("Back to the date the article was loaded with")
                .clicked()
        {
            commands.push(Command::SetArticleDate {
                article: a,
                date: None,
            });
        }
        if !input.trim().is_empty() && parsed.is_none() {
            ui.colored_label(ui.visuals().error_fg_color, "not a date");
        }
    });
}
