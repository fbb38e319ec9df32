//! The new-article window for pasted text: the text's start, its language, the date the
//! text states (proposed, for the user to confirm or correct) and the name it is kept under.
//! The text is saved in the workspace, since there is no file, and extracted like any other.

use egui::RichText;

use super::command::Command;
use crate::extract::lang;
use crate::io::load;
use crate::io::workspace::Workspace;
use crate::model::{ArticleDate, Lang};

/// Pasted text waiting to be confirmed as an article.
#[derive(Debug, Clone, PartialEq)]
pub struct PasteDraft {
    /// The name it will be kept under (`pasted-Russland-zieht-Truppen.txt`).
    pub name: String,
    /// The text as pasted.
    pub text: String,
    /// The date field, as the user types (proposed from the text).
    pub date: String,
    /// The date the text states, if any.
    pub proposed: Option<ArticleDate>,
    /// The detected language.
    pub lang: Lang,
    /// What is wrong with the input.
    pub error: Option<String>,
}

impl PasteDraft {
    /// A draft for `text`, named so as not to clash with the workspace's pasted articles.
    #[must_use]
    pub fn new(text: String, workspace: &Workspace) -> Self {
        let doc = load::document_from_bytes("pasted", text.as_bytes(), false).ok();
        let proposed = doc.as_ref().and_then(|d| {
            d.date
                .or_else(|| crate::extract::dateline::date_in_text(&d.text, d.body_start))
        });
        Self {
            name: workspace.pasted_name(&text),
            lang: lang::detect(&text),
            date: proposed.map(|d| d.to_string()).unwrap_or_default(),
            proposed,
            text,
            error: None,
        }
    }

    /// The date the user confirmed: `None` for an empty field, an error for one that is no
    /// date.
    ///
    /// # Errors
    /// A message for the user.
    pub fn date(&self) -> Result<Option<ArticleDate>, String> {
        let t = self.date.trim();
        if t.is_empty() {
            return Ok(None);
        }
        ArticleDate::parse(t)
            .map(Some)
            .ok_or_else(|| format!("“{t}” is not a date: type YYYY, YYYY-MM or YYYY-MM-DD."))
    }
}

/// Draws the window for the draft.
pub fn paste_ui(ctx: &egui::Context, draft: &mut PasteDraft, commands: &mut Vec<Command>) {
    let mut open = true;
    egui::Window::new("New article from pasted text")
        .open(&mut open)
        .default_width(560.0)
        .collapsible(false)
        .show(ctx, |ui| {
            let words = draft.text.split_whitespace().count();
            ui.label(format!(
                "{} words, {}.",
                crate::analysis::query::format_number(words as f64),
                match draft.lang {
                    Lang::De => "German",
                    Lang::En => "English",
                }
            ));
            let preview: String = draft.text.chars().take(600).collect();
            egui::ScrollArea::vertical()
                .max_height(180.0)
                .show(ui, |ui| ui.label(RichText::new(preview).italics()));
            ui.separator();
            egui::Grid::new("paste-fields").num_columns(2).show(ui, |ui| {
                ui.label("Date");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut draft.date)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(110.0),
                    );
                    ui.label(
                        RichText::new(match draft.proposed {
                            Some(d) => format!("the text says {d}: confirm or correct"),
                            None => "the text states no date: type it, or leave it empty".into(),
                        })
                        .weak(),
                    );
                });
                ui.end_row();
                ui.label("Name");
                ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(320.0));
                ui.end_row();
            });
            if let Some(e) = &draft.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.label(
                RichText::new("The text is kept in the workspace (there is no file) and extracted like any article.")
                    .weak(),
            );
            ui.horizontal(|ui| {
                if ui.button("Add article").clicked() {
                    commands.push(Command::AddPasted);
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CancelPaste);
                }
            });
        });
    if !open || ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        commands.push(Command::CancelPaste);
    }
}
