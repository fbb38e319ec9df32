//! The problems view: files that failed to load, writes that failed, and other problems.

use super::command::Command;

/// Draws the view.
pub fn problems_ui(ui: &mut egui::Ui, problems: &[String], commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading("Problems");
        if ui
            .button("Clear")
            .on_hover_text("Empty this list")
            .clicked()
        {
            commands.push(Command::ClearProblems);
        }
    });
    if problems.is_empty() {
        ui.label("No problems: every file loaded and every write succeeded.");
    }
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            for p in problems {
                ui.label(p);
            }
        });
}
