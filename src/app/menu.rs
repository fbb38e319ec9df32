//! The menu bar and the tab bar. Both only read what they show and push [`Command`]s.

use std::path::PathBuf;

use super::command::Command;
use super::{ChartFormat, DataFormat, Request, Tab};

/// What the menu shows.
pub struct MenuView<'a> {
    /// The recently opened paths.
    pub recent: &'a [PathBuf],
    /// The session's theme choice.
    pub theme: Option<&'a str>,
    /// Whether there is something to undo.
    pub can_undo: bool,
    /// Whether a claim is selected.
    pub has_selection: bool,
    /// Whether the user prefers claimtrack's own file dialog.
    pub own_file_dialog: bool,
}

/// Draws the menu bar.
pub fn menu_ui(ui: &mut egui::Ui, view: &MenuView<'_>, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu_ui(ui, view, commands));
        ui.menu_button("Edit", |ui| edit_menu_ui(ui, view, commands));
        ui.menu_button("View", |ui| view_menu_ui(ui, view, commands));
        ui.menu_button("Help", |ui| {
            if ui
                .add(egui::Button::new("Keyboard shortcuts").shortcut_text("F1"))
                .clicked()
            {
                commands.push(Command::ShowHelp);
            }
        });
    });
}

fn file_menu_ui(ui: &mut egui::Ui, view: &MenuView<'_>, commands: &mut Vec<Command>) {
    if ui
        .add(egui::Button::new("Open articles…").shortcut_text("Ctrl+O"))
        .on_hover_text("Open article files (.txt, .html)")
        .clicked()
    {
        commands.push(Command::Request(Request::OpenFiles));
    }
    if ui
        .add(egui::Button::new("Open folder…").shortcut_text("Ctrl+Shift+O"))
        .on_hover_text("Open every article file in a folder and its subfolders")
        .clicked()
    {
        commands.push(Command::Request(Request::OpenFolder));
    }
    if ui
        .add(egui::Button::new("New article from clipboard…").shortcut_text("Ctrl+V"))
        .on_hover_text("Make an article of the text on the clipboard (kept in the workspace)")
        .clicked()
    {
        commands.push(Command::RequestPaste);
    }
    ui.menu_button("Open recent", |ui| {
        if view.recent.is_empty() {
            ui.label("Nothing opened yet");
        }
        for p in view.recent {
            if ui.button(p.display().to_string()).clicked() {
                commands.push(Command::OpenPaths(vec![p.clone()]));
            }
        }
    });
    if ui
        .button("Open sample articles")
        .on_hover_text("The bundled example story")
        .clicked()
    {
        commands.push(Command::OpenSamples);
    }
    if ui
        .button("Close all articles")
        .on_hover_text(
            "Corrections stay in the workspace and return when the articles are opened again",
        )
        .clicked()
    {
        commands.push(Command::CloseAll);
    }
    ui.separator();
    if ui.button("Open workspace…").clicked() {
        commands.push(Command::Request(Request::OpenWorkspace));
    }
    if ui
        .add(egui::Button::new("Save workspace as…").shortcut_text("Ctrl+Shift+S"))
        .on_hover_text("The workspace is saved as you go; this saves it under a new name")
        .clicked()
    {
        commands.push(Command::Request(Request::SaveWorkspaceAs));
    }
    ui.separator();
    ui.menu_button("Export claims", |ui| {
        for (label, format, filtered) in [
            ("Shown claims as CSV…", DataFormat::Csv, true),
            ("Shown claims as JSON…", DataFormat::Json, true),
            ("All claims as CSV…", DataFormat::Csv, false),
            ("All claims as JSON…", DataFormat::Json, false),
        ] {
            if ui.button(label).clicked() {
                commands.push(Command::Request(Request::ExportClaims { format, filtered }));
            }
        }
    });
    ui.menu_button("Export chart", |ui| {
        for (label, format) in [
            ("PNG image…", ChartFormat::Png),
            ("SVG image…", ChartFormat::Svg),
        ] {
            if ui.button(label).clicked() {
                commands.push(Command::Request(Request::ExportChart { format }));
            }
        }
    });
    ui.separator();
    if ui.button("Quit").clicked() {
        commands.push(Command::Quit);
    }
}

fn edit_menu_ui(ui: &mut egui::Ui, view: &MenuView<'_>, commands: &mut Vec<Command>) {
    let has = view.has_selection;
    for (enabled, label, shortcut, command) in [
        (view.can_undo, "Undo", "Ctrl+Z", Command::Undo),
        (has, "Edit claim…", "Enter", Command::EditSelected),
        (
            has,
            "Reject / restore claim",
            "Del",
            Command::ToggleRejectSelected,
        ),
        (has, "Pick for comparison", "C", Command::PickSelected),
    ] {
        if ui
            .add_enabled(enabled, egui::Button::new(label).shortcut_text(shortcut))
            .clicked()
        {
            commands.push(command);
        }
    }
    ui.separator();
    if ui
        .button("Article dates…")
        .on_hover_text("Set or correct the articles' dates (saved in the workspace)")
        .clicked()
    {
        commands.push(Command::ShowDates);
    }
}

fn view_menu_ui(ui: &mut egui::Ui, view: &MenuView<'_>, commands: &mut Vec<Command>) {
    for (i, tab) in Tab::ALL.into_iter().enumerate() {
        if ui
            .add(egui::Button::new(tab.title()).shortcut_text(format!("Ctrl+{}", i + 1)))
            .clicked()
        {
            commands.push(Command::SetTab(tab));
        }
    }
    ui.separator();
    ui.label("Theme");
    for (value, label) in [
        (None, "Follow the system"),
        (Some("light"), "Light"),
        (Some("dark"), "Dark"),
    ] {
        if ui.radio(view.theme == value, label).clicked() {
            commands.push(Command::SetTheme(value.map(str::to_string)));
        }
    }
    ui.separator();
    let mut own = view.own_file_dialog;
    if ui
        .checkbox(&mut own, "Use claimtrack's own file dialog")
        .on_hover_text(
            "Instead of the desktop's; where the desktop has none, claimtrack's is used anyway",
        )
        .clicked()
    {
        commands.push(Command::SetOwnFileDialog(own));
    }
}

/// Draws the tab bar; the Compare and Problems tabs count their entries.
pub fn tab_bar_ui(
    ui: &mut egui::Ui,
    current: Tab,
    picked: usize,
    problems: usize,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        for (i, tab) in Tab::ALL.into_iter().enumerate() {
            let mut title = tab.title().to_string();
            if tab == Tab::Compare && picked > 0 {
                title = format!("Compare ({picked})");
            }
            if tab == Tab::Problems && problems > 0 {
                title = format!("Problems ({problems})");
            }
            if ui
                .selectable_label(current == tab, title)
                .on_hover_text(format!("Ctrl+{}", i + 1))
                .clicked()
            {
                commands.push(Command::SetTab(tab));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;

    /// The menu bar alone, over a bit of state: what its clicks push.
    fn menu(recent: Vec<PathBuf>, has_selection: bool) -> Harness<'static, Vec<Command>> {
        Harness::builder()
            .with_size(egui::vec2(800.0, 500.0))
            .build_ui_state(
                move |ui, commands: &mut Vec<Command>| {
                    let view = MenuView {
                        recent: &recent,
                        theme: None,
                        can_undo: false,
                        has_selection,
                        own_file_dialog: false,
                    };
                    menu_ui(ui, &view, commands);
                },
                Vec::new(),
            )
    }

    #[test]
    fn the_menu_pushes_commands_and_changes_nothing_itself() {
        let mut h = menu(vec![PathBuf::from("/news/a.txt")], true);
        h.get_by_label("File").click();
        h.run_steps(2);
        h.get_by_label("Close all articles").click();
        h.run_steps(2);
        assert_eq!(h.state(), &vec![Command::CloseAll]);
        h.get_by_label("File").click();
        h.run_steps(2);
        h.get_by_label("Open recent").hover();
        h.run_steps(2);
        h.get_by_label("/news/a.txt").click();
        h.run_steps(2);
        assert_eq!(
            h.state().last(),
            Some(&Command::OpenPaths(vec![PathBuf::from("/news/a.txt")]))
        );
        h.get_by_label("Edit").click();
        h.run_steps(2);
        h.get_by_label_contains("Pick for comparison").click();
        h.run_steps(2);
        assert_eq!(h.state().last(), Some(&Command::PickSelected));
        h.get_by_label("View").click();
        h.run_steps(2);
        h.get_by_label("Use claimtrack's own file dialog").click();
        h.run_steps(2);
        assert_eq!(h.state().last(), Some(&Command::SetOwnFileDialog(true)));
    }

    #[test]
    fn without_a_selection_the_claim_commands_are_off() {
        let mut h = menu(Vec::new(), false);
        h.get_by_label("Edit").click();
        h.run_steps(2);
        h.get_by_label_contains("Reject / restore claim").click();
        h.get_by_label_contains("Undo").click();
        h.run_steps(2);
        assert!(h.state().is_empty(), "{:?}", h.state());
    }
}
