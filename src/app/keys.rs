//! Input that is not a widget's: keyboard shortcuts and files dropped onto the window. Both
//! turn into [`Command`]s.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::command::Command;
use super::state::AppState;
use super::{DataFormat, Request, Tab, theme};

/// Reads the keyboard shortcuts of this frame; `rows` are the rows the table shows, for the
/// arrow keys.
pub fn shortcuts(
    ctx: &egui::Context,
    state: &AppState,
    rows: &[usize],
    commands: &mut Vec<Command>,
) {
    let typing = ctx.egui_wants_keyboard_input();
    let consume =
        |m: Modifiers, k: Key| ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)));
    let shift = Modifiers::COMMAND | Modifiers::SHIFT;
    if consume(shift, Key::O) {
        commands.push(Command::Request(Request::OpenFolder));
    }
    if consume(Modifiers::COMMAND, Key::O) {
        commands.push(Command::Request(Request::OpenFiles));
    }
    if consume(shift, Key::S) {
        commands.push(Command::Request(Request::SaveWorkspaceAs));
    }
    if consume(Modifiers::COMMAND, Key::E) {
        commands.push(Command::Request(Request::ExportClaims {
            format: DataFormat::Csv,
            filtered: true,
        }));
    }
    if consume(Modifiers::COMMAND, Key::F) {
        commands.push(Command::FocusFilter);
    }
    if consume(Modifiers::COMMAND, Key::Z) && !typing {
        commands.push(Command::Undo);
    }
    for (i, key) in [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5]
        .into_iter()
        .enumerate()
    {
        if consume(Modifiers::COMMAND, key) {
            commands.push(Command::SetTab(Tab::ALL[i]));
        }
    }
    if consume(Modifiers::NONE, Key::F1) {
        commands.push(Command::ToggleHelp);
    }
    if typing || state.editor.is_some() {
        return;
    }
    // Ctrl+V outside a text field: the pasted text becomes a new article.
    if state.paste.is_none()
        && let Some(text) = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Paste(t) => Some(t.clone()),
                _ => None,
            })
        })
    {
        commands.push(Command::PasteArticle(text));
    }
    let pressed = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
    if state.tab == Tab::Claims {
        let step = if pressed(Key::ArrowDown) {
            1
        } else if pressed(Key::ArrowUp) {
            -1
        } else {
            0
        };
        if step != 0 {
            let at = state
                .selected_row()
                .and_then(|r| rows.iter().position(|&x| x == r));
            let next = match at {
                Some(i) => i
                    .saturating_add_signed(step)
                    .min(rows.len().saturating_sub(1)),
                None => 0,
            };
            if let Some(&row) = rows.get(next) {
                commands.push(Command::Select {
                    key: state.key_of(row),
                    scroll_table: true,
                    scroll_article: true,
                });
            }
        }
    }
    if pressed(Key::Enter) {
        commands.push(Command::EditSelected);
    }
    if pressed(Key::Delete) {
        commands.push(Command::ToggleRejectSelected);
    }
    if pressed(Key::C) {
        commands.push(Command::PickSelected);
    }
}

/// Opens the files dropped onto the window, and shades the window while files hover over it.
pub fn drops_ui(ui: &egui::Ui, commands: &mut Vec<Command>) {
    let (dropped, hovering) = ui.ctx().input(|i| {
        (
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect::<Vec<_>>(),
            !i.raw.hovered_files.is_empty(),
        )
    });
    if !dropped.is_empty() {
        commands.push(Command::OpenPaths(dropped));
    }
    if hovering {
        let rect = ui.ctx().content_rect();
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop"),
        ));
        painter.rect_filled(rect, 0.0, theme::DROP_SHADE);
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop articles or folders to open them",
            egui::FontId::proportional(24.0),
            theme::DROP_TEXT,
        );
    }
}
