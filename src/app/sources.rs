//! The sources view: every entity with its claim count, the side it speaks for (a person's
//! affiliation) and the source texts that stand for it; rename an entity, merge it into
//! another, set or clear its affiliation, or move one of its aliases to another entity.
//! Unresolved entities (a generic noun such as `Sprecher` whose owner the article does not
//! name) are marked and listed after the others. The choices are saved in the workspace and
//! apply to every article.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::theme;
use crate::corpus::{Corpus, EntityStat};

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
    /// The affiliation typed or chosen for the selected entity.
    pub affiliation_to: String,
    /// List only the unresolved entities.
    pub only_unresolved: bool,
}

/// The hover text of an unresolved entity.
pub const UNRESOLVED_HINT: &str =
    "A generic noun whose owner the article does not name; rename or merge it to assign it";

/// An entity's name as the list and the heading show it: an unresolved one muted, in
/// italics, with `(unresolved)`.
fn entity_name(name: &str, unresolved: bool) -> RichText {
    if unresolved {
        RichText::new(format!("{name} (unresolved)"))
            .italics()
            .weak()
    } else {
        RichText::new(name)
    }
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
    let unresolved = corpus.entities.iter().filter(|e| e.unresolved).count();
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} entities stand behind the claims. Select one to rename it, merge it, say whom it speaks for or move its aliases.",
            corpus.entities.len()
        ));
        ui.add_enabled(
            unresolved > 0 || state.only_unresolved,
            egui::Checkbox::new(
                &mut state.only_unresolved,
                format!("only unresolved ({unresolved})"),
            ),
        )
        .on_hover_text(UNRESOLVED_HINT);
    });
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    ui.style_mut().interaction.selectable_labels = false;
    let mut clicked = None;
    // Resolved entities first (most cited first), then the unresolved ones.
    let mut entities: Vec<&EntityStat> = corpus
        .entities
        .iter()
        .filter(|e| e.unresolved || !state.only_unresolved)
        .collect();
    entities.sort_by_key(|e| e.unresolved);
    let selected = state.selected.clone();
    TableBuilder::new(ui)
        .id_salt("entities")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(200.0).at_least(80.0).clip(true))
        .column(Column::initial(60.0))
        .column(Column::initial(120.0).at_least(60.0).clip(true))
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
                ui.strong("Speaks for").on_hover_text(
                    "The state or organisation a person speaks for (a state or organisation speaks for itself)",
                );
            });
            h.col(|ui| {
                ui.strong("Written as");
            });
        })
        .body(|body| {
            body.rows(row_height, entities.len(), |mut row| {
                let e = entities[row.index()];
                row.set_selected(selected.as_deref() == Some(e.name.as_str()));
                row.col(|ui| {
                    theme::entity_dot_ui(ui, corpus.color_index(Some(&e.name)));
                    let label = ui.label(entity_name(&e.name, e.unresolved));
                    if e.unresolved {
                        label.on_hover_text(UNRESOLVED_HINT);
                    }
                });
                row.col(|ui| {
                    ui.label(e.claims.to_string());
                });
                row.col(|ui| {
                    if let Some(a) = &e.affiliation {
                        theme::entity_dot_ui(ui, corpus.color_index(Some(a)));
                        ui.label(a);
                    }
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
        state.affiliation_to.clear();
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
    ui.heading(entity_name(&name, stat.unresolved));
    if stat.unresolved {
        ui.label(RichText::new(format!("Unresolved: {UNRESOLVED_HINT}.")).weak());
    }
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
    affiliation_ui(ui, corpus, state, &stat, commands);
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

/// The side the selected entity speaks for: shown, set (typed or picked from the entities
/// and affiliations there are) or cleared.
fn affiliation_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    state: &mut SourcesState,
    stat: &EntityStat,
    commands: &mut Vec<Command>,
) {
    ui.label(RichText::new("Speaks for").strong()).on_hover_text(
        "The state or organisation a person speaks for: grouping the timeline or Compare by side reads its claims with that side's",
    );
    ui.label(match &stat.affiliation {
        Some(a) => RichText::new(a.as_str()),
        None => RichText::new("no one named (a state or organisation speaks for itself)").weak(),
    });
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut state.affiliation_to)
                .hint_text("state or organisation")
                .desired_width(150.0)
                .id(egui::Id::unique("affiliation-to")),
        );
        let mut sides: Vec<&str> = corpus
            .entities
            .iter()
            .filter(|e| !e.unresolved && e.name != stat.name)
            .map(|e| e.name.as_str())
            .chain(
                corpus
                    .entities
                    .iter()
                    .filter_map(|e| e.affiliation.as_deref()),
            )
            .collect();
        sides.sort_unstable_by_key(|s| s.to_lowercase());
        sides.dedup();
        egui::ComboBox::from_id_salt("affiliation-pick")
            .selected_text("pick…")
            .width(90.0)
            .height(300.0)
            .show_ui(ui, |ui| {
                for side in sides {
                    if ui.selectable_label(false, side).clicked() {
                        state.affiliation_to = side.to_string();
                    }
                }
            })
            .response
            .on_hover_text("Choose one of the entities and affiliations there are");
        let to = state.affiliation_to.trim().to_string();
        if ui
            .add_enabled(
                !to.is_empty() && stat.affiliation.as_deref() != Some(to.as_str()),
                egui::Button::new("Set"),
            )
            .on_hover_text("Every claim of this entity speaks for this side")
            .clicked()
        {
            commands.push(Command::SetAffiliation {
                entity: stat.name.clone(),
                affiliation: to,
            });
        }
        if ui
            .add_enabled(stat.affiliation.is_some(), egui::Button::new("Clear"))
            .on_hover_text("This entity speaks for no side but itself")
            .clicked()
        {
            commands.push(Command::SetAffiliation {
                entity: stat.name.clone(),
                affiliation: String::new(),
            });
        }
    });
}
