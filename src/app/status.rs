//! The status line: load progress with a cancel button, the last message, and on the right
//! whether the workspace is saved and how much is open.

use std::path::Path;

use super::command::Command;
use super::{plural, theme};

/// What the status line shows.
pub struct StatusView<'a> {
    /// The running load's progress: files done, files in all.
    pub progress: Option<(usize, usize)>,
    /// The last message.
    pub message: &'a str,
    /// Why saving is off, when it is.
    pub save_blocked: Option<&'a str>,
    /// Where the workspace is saved.
    pub workspace_path: Option<&'a Path>,
    /// Whether writes are pending.
    pub saving: bool,
    /// Open articles.
    pub articles: usize,
    /// Claims of the open articles.
    pub claims: usize,
    /// Claims the user changed.
    pub corrected: usize,
}

/// Draws the status line.
pub fn status_ui(ui: &mut egui::Ui, view: &StatusView<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if let Some((done, total)) = view.progress {
            let fraction = if total == 0 {
                0.0
            } else {
                done as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(220.0)
                    .text(format!("{done} of {total} files")),
            );
            if ui
                .button("Cancel")
                .on_hover_text("Stop loading; what has loaded stays open")
                .clicked()
            {
                commands.push(Command::CancelLoading);
            }
        }
        ui.label(view.message);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let saved = match (view.save_blocked, view.workspace_path) {
                (Some(reason), _) => {
                    ui.colored_label(theme::WARNING, "⚠ not saving")
                        .on_hover_text(reason);
                    None
                }
                (None, Some(p)) => Some(p.display().to_string()),
                (None, None) => None,
            };
            if let Some(p) = saved {
                ui.label(if view.saving { "saving…" } else { "saved" })
                    .on_hover_text(format!("Workspace: {p}"));
            }
            ui.label(format!(
                "{} · {} · {} changed by you",
                plural(view.articles, "article"),
                plural(view.claims, "claim"),
                view.corrected
            ));
        });
    });
}
