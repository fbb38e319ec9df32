//! The keyboard shortcut help window (F1).

/// The shortcuts and what they do, as the help lists them.
const SHORTCUTS: [(&str, &str); 14] = [
    ("Ctrl+O", "Open articles"),
    ("Ctrl+Shift+O", "Open a folder of articles"),
    ("Ctrl+Shift+S", "Save workspace as"),
    ("Ctrl+E", "Export the shown claims as CSV"),
    ("Ctrl+F", "Filter the claims"),
    (
        "Ctrl+1 … Ctrl+5",
        "Claims, Timeline, Compare, Sources, Problems",
    ),
    ("↑ / ↓", "Previous / next claim"),
    ("Enter", "Edit the selected claim"),
    ("Del", "Reject or restore the selected claim"),
    ("C", "Pick the selected claim for comparison"),
    ("Ctrl+Z", "Undo the last correction"),
    ("Esc", "Close the editor"),
    ("F1", "This help (Esc closes it)"),
    ("Ctrl+V", "Paste an article (outside text fields)"),
];

/// Draws the help window while `open`; its close button clears `open`.
pub fn help_ui(ctx: &egui::Context, open: &mut bool) {
    if *open && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        *open = false;
        return;
    }
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("keys").striped(true).show(ui, |ui| {
                for (k, what) in SHORTCUTS {
                    ui.monospace(k);
                    ui.label(what);
                    ui.end_row();
                }
            });
        });
}
