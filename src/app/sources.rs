//! The sources view: every entity with its claim count and the source texts that stand for
//! it; rename an entity, merge it into another, or move one of its aliases to another entity.
//! The choices are saved in the workspace and apply to every article.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::theme;
use crate::corpus::Corpus;

/// What the user is typing or choosing in the sources view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourcesState {
    /// The entity selected in the list.
    pub selected: Option<String>,
    /// The new name typed for it.
    pub rename_to: String,
    /// The entity to merge it into.
    pub merge_into: Option<String>,
    /// The entity to move an alias to, per alias.
    pub alias_target: Option<(String, String)>,
}

/// Draws the view: the entity list and, beside it, what can be done with the selected one.
pub fn sources_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    state: &mut SourcesState,
    commands: &mut Vec<Command>,
) {
    let names: Vec<String> = corpus.entities.iter().map(|e| e.name.clone()).collect();
    if state.selected.as_ref().is_some_and(|s| !names.contains(s)) {
        state.selected = None;
    }
    if state.selected.is_none() {
        state.selected = names.first().cloned();
    }
    let width = ui.available_width();
    egui::Panel::right("source-actions")
        .resizable(true)
        .default_size((width * 0.45).max(320.0))
        .show(ui, |ui| actions_ui(ui, corpus, state, &names, commands));
    egui::CentralPanel::default_margins().show(ui, |ui| list_ui(ui, corpus, state));
}

fn list_ui(ui: &mut egui::Ui, corpus: &Corpus, state: &mut SourcesState) {
    ui.label(format!(
        "{} entities stand behind the claims. Select one to rename it, merge it or move its aliases.",
        corpus.entities.len()
    ));
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    ui.style_mut().interaction.selectable_labels = false;
    let mut clicked = None;
    let entities = &corpus.entities;
    let selected = state.selected.clone();
    TableBuilder::new(ui)
        .id_salt("entities")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(200.0).at_least(80.0).clip(true))
        .column(Column::initial(60.0))
        .column(Column::remainder().clip(true))
        .auto_shrink(false)
        .header(row_height, |mut h| {
            h.col(|ui| {
                ui.strong("Entity");
            });
            h.col(|ui| {
                ui.strong("Claims");
            });
            h.col(|ui| {
                ui.strong("Written as");
            });
        })
        .body(|body| {
            body.rows(row_height, entities.len(), |mut row| {
                let e = &entities[row.index()];
                row.set_selected(selected.as_deref() == Some(e.name.as_str()));
                row.col(|ui| {
                    theme::entity_dot_ui(ui, corpus.color_index(Some(&e.name)));
                    ui.label(&e.name);
                });
                row.col(|ui| {
                    ui.label(e.claims.to_string());
                });
                row.col(|ui| {
                    let aliases: Vec<String> =
                        e.aliases.iter().map(|(a, n)| format!("{a} ×{n}")).collect();
                    ui.label(aliases.join(", "));
                });
                if row.response().clicked() {
                    clicked = Some(e.name.clone());
                }
            });
        });
    if let Some(name) = clicked {
        state.selected = Some(name);
        state.rename_to.clear();
        state.merge_into = None;
    }
}

fn actions_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    state: &mut SourcesState,
    names: &[String],
    commands: &mut Vec<Command>,
) {
    let Some(name) = state.selected.clone() else {
        ui.label("No entities yet: open articles whose figures name their sources.");
        return;
    };
    let Some(stat) = corpus.entities.iter().find(|e| e.name == name).cloned() else {
        return;
    };
    ui.heading(&name);
    ui.label(format!("{} claims", stat.claims));
    if ui
        .button("Show its claims")
        .on_hover_text("Filter the claims table to this entity")
        .clicked()
    {
        commands.push(Command::ShowEntityClaims(name.clone()));
    }
    ui.separator();
    ui.label(RichText::new("Rename").strong());
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut state.rename_to)
                .hint_text("new name")
                .desired_width(180.0)
                .id(egui::Id::unique("rename-to")),
        );
        let new_name = state.rename_to.trim().to_string();
        if ui
            .add_enabled(!new_name.is_empty() && new_name != name, egui::Button::new("Rename"))
            .on_hover_text("Every claim of this entity gets the new name; naming an existing entity merges them")
            .clicked()
        {
            commands.push(Command::RenameEntity {
                from: name.clone(),
                to: new_name,
            });
        }
    });
    ui.add_space(6.0);
    ui.label(RichText::new("Merge into another entity").strong());
    ui.horizontal(|ui| {
        let target = state.merge_into.clone();
        egui::ComboBox::from_id_salt("merge-into")
            .selected_text(target.clone().unwrap_or_else(|| "choose…".into()))
            .width(180.0)
            .height(300.0)
            .show_ui(ui, |ui| {
                for n in names.iter().filter(|n| **n != name) {
                    ui.selectable_value(&mut state.merge_into, Some(n.clone()), n);
                }
            });
        if ui
            .add_enabled(target.is_some(), egui::Button::new("Merge"))
            .on_hover_text("Its claims and aliases go to the chosen entity")
            .clicked()
            && let Some(target) = target
        {
            commands.push(Command::MergeEntity {
                from: name.clone(),
                into: target,
            });
        }
    });
    ui.add_space(6.0);
    ui.label(RichText::new("Aliases (source texts)").strong());
    ui.label("Move a source text to another entity, e.g. when “Moskau” means the Kremlin.");
    egui::ScrollArea::vertical()
        .id_salt("aliases")
        .show(ui, |ui| {
            egui::Grid::new("alias-grid")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for (alias, n) in &stat.aliases {
                        ui.label(format!("{alias} ×{n}"));
                        let mut target = state
                            .alias_target
                            .as_ref()
                            .filter(|(a, _)| a == alias)
                            .map(|(_, t)| t.clone());
                        egui::ComboBox::from_id_salt(("alias-to", alias))
                            .selected_text(target.clone().unwrap_or_else(|| "move to…".into()))
                            .width(160.0)
                            .height(300.0)
                            .show_ui(ui, |ui| {
                                for other in names.iter().filter(|o| **o != name) {
                                    ui.selectable_value(&mut target, Some(other.clone()), other);
                                }
                            });
                        if let Some(t) = &target {
                            state.alias_target = Some((alias.clone(), t.clone()));
                        }
                        if ui
                            .add_enabled(target.is_some(), egui::Button::new("Move"))
                            .clicked()
                            && let Some(t) = target
                        {
                            commands.push(Command::MoveAlias {
                                alias: alias.clone(),
                                to: t,
                            });
                        }
                        ui.end_row();
                    }
                });
        });
}
