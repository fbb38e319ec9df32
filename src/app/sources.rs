//! The sources view: every entity with its claim count and the source texts that stand for
//! it; rename an entity, merge it into another, or move one of its aliases to another entity.
//! The choices are saved in the workspace and apply to every article.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::{App, Tab, entity_color};
use crate::analysis::query::Filter;

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

/// Draws the view.
pub fn show(app: &mut App, ui: &mut egui::Ui) {
    let names: Vec<String> = app.corpus.entities.iter().map(|e| e.name.clone()).collect();
    if app
        .sources
        .selected
        .as_ref()
        .is_some_and(|s| !names.contains(s))
    {
        app.sources.selected = None;
    }
    if app.sources.selected.is_none() {
        app.sources.selected = names.first().cloned();
    }
    let width = ui.available_width();
    egui::Panel::right("source-actions")
        .resizable(true)
        .default_size((width * 0.45).max(320.0))
        .show(ui, |ui| actions(app, ui, &names));
    egui::CentralPanel::default_margins().show(ui, |ui| list(app, ui));
}

fn list(app: &mut App, ui: &mut egui::Ui) {
    ui.label(format!(
        "{} entities stand behind the claims. Select one to rename it, merge it or move its aliases.",
        app.corpus.entities.len()
    ));
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    ui.style_mut().interaction.selectable_labels = false;
    let mut clicked = None;
    let entities = &app.corpus.entities;
    let selected = app.sources.selected.clone();
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
                    let color = entity_color(app.corpus.color_index(Some(&e.name)));
                    super::color_dot(ui, color);
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
        app.sources.selected = Some(name);
        app.sources.rename_to.clear();
        app.sources.merge_into = None;
    }
}

fn actions(app: &mut App, ui: &mut egui::Ui, names: &[String]) {
    let Some(name) = app.sources.selected.clone() else {
        ui.label("No entities yet: open articles whose figures name their sources.");
        return;
    };
    let Some(stat) = app.corpus.entities.iter().find(|e| e.name == name).cloned() else {
        return;
    };
    ui.heading(&name);
    ui.label(format!("{} claims", stat.claims));
    if ui
        .button("Show its claims")
        .on_hover_text("Filter the claims table to this entity")
        .clicked()
    {
        app.filter = Filter {
            entity: Some(name.clone()),
            ..Filter::default()
        };
        app.tab = Tab::Claims;
    }
    ui.separator();
    ui.label(RichText::new("Rename").strong());
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut app.sources.rename_to)
                .hint_text("new name")
                .desired_width(180.0)
                .id(egui::Id::unique("rename-to")),
        );
        let new_name = app.sources.rename_to.trim().to_string();
        if ui
            .add_enabled(!new_name.is_empty() && new_name != name, egui::Button::new("Rename"))
            .on_hover_text("Every claim of this entity gets the new name; naming an existing entity merges them")
            .clicked()
        {
            app.change_workspace(|w| w.entities.rename(&name, &new_name));
            app.status = format!("Renamed {name} to {new_name}.");
            app.sources.selected = Some(new_name);
            app.sources.rename_to.clear();
        }
    });
    ui.add_space(6.0);
    ui.label(RichText::new("Merge into another entity").strong());
    ui.horizontal(|ui| {
        let target = app.sources.merge_into.clone();
        egui::ComboBox::from_id_salt("merge-into")
            .selected_text(target.clone().unwrap_or_else(|| "choose…".into()))
            .width(180.0)
            .height(300.0)
            .show_ui(ui, |ui| {
                for n in names.iter().filter(|n| **n != name) {
                    ui.selectable_value(&mut app.sources.merge_into, Some(n.clone()), n);
                }
            });
        if ui
            .add_enabled(target.is_some(), egui::Button::new("Merge"))
            .on_hover_text("Its claims and aliases go to the chosen entity")
            .clicked()
            && let Some(target) = target
        {
            app.change_workspace(|w| w.entities.rename(&name, &target));
            app.status = format!("Merged {name} into {target}.");
            app.sources.selected = Some(target);
            app.sources.merge_into = None;
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
                        let mut target = app
                            .sources
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
                            app.sources.alias_target = Some((alias.clone(), t.clone()));
                        }
                        if ui
                            .add_enabled(target.is_some(), egui::Button::new("Move"))
                            .clicked()
                            && let Some(t) = target
                        {
                            app.change_workspace(|w| w.entities.move_alias(alias, &t));
                            app.status = format!("“{alias}” now stands for {t}.");
                            app.sources.alias_target = None;
                        }
                        ui.end_row();
                    }
                });
        });
}
