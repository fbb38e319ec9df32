//! The claims table: a filter bar and a virtualised, sortable table of every claim (only the
//! visible rows are laid out, so 100,000 claims scroll as smoothly as 100).

use std::collections::HashSet;

use egui::{Align, RichText};
use egui_extras::{Column, TableBuilder};

use super::ClaimKey;
use super::command::Command;
use super::theme;
use crate::analysis::query::{self, Filter, Sort, SortKey};
use crate::corpus::{Corpus, Status};
use crate::model::{ArticleDate, Kind, Qualifier};

/// The choices of the filter bar's combo boxes and the number of claims.
pub struct FilterBar<'a> {
    /// Entities with their claim counts.
    pub entities: &'a [(String, usize)],
    /// Subjects with their claim counts.
    pub subjects: &'a [(String, usize)],
    /// Actions with their claim counts.
    pub actions: &'a [(String, usize)],
    /// Claims in all.
    pub total: usize,
}

/// What the table shows.
pub struct TableView<'a> {
    /// The open articles and claims.
    pub corpus: &'a Corpus,
    /// The rows shown, in order.
    pub rows: &'a [usize],
    /// The selected row.
    pub selected: Option<usize>,
    /// The rows picked for comparison.
    pub picked: &'a HashSet<usize>,
    /// The sort order.
    pub sort: Sort,
    /// Whether articles are loading.
    pub loading: bool,
}

/// A combo box over a list of names with counts; `None` is "any".
fn name_combo_ui(
    ui: &mut egui::Ui,
    id: &str,
    label: &str,
    value: &mut Option<String>,
    choices: &[(String, usize)],
    none_label: Option<&str>,
) {
    let text = match value.as_deref() {
        None => format!("{label}: any"),
        Some("") => format!("{label}: {}", none_label.unwrap_or("none")),
        Some(v) => format!("{label}: {v}"),
    };
    let mut fixed = vec![("any", None)];
    if let Some(none) = none_label {
        fixed.push((none, Some(String::new())));
    }
    let hover = format!("Show only claims with this {}", label.to_lowercase());
    let picked = super::picker::picker_ui(
        ui,
        (id, &text, &hover),
        130.0,
        &super::picker::Choices {
            fixed: &fixed,
            names: choices,
        },
    );
    if let Some(super::picker::Pick(v)) = picked {
        *value = v;
    }
}

fn date_field_ui(ui: &mut egui::Ui, id: &str, hint: &str, value: &mut Option<ArticleDate>) {
    let key = egui::Id::unique(id);
    let mut text = ui.data_mut(|d| {
        d.get_temp::<String>(key)
            .unwrap_or_else(|| value.map(|v| v.to_string()).unwrap_or_default())
    });
    let response = ui.add(
        egui::TextEdit::singleline(&mut text)
            .hint_text(hint)
            .desired_width(78.0),
    );
    if response.changed() {
        let trimmed = text.trim();
        *value = if trimmed.is_empty() {
            None
        } else {
            ArticleDate::parse(trimmed).or(*value)
        };
    }
    let valid = text.trim().is_empty() || ArticleDate::parse(text.trim()).is_some();
    let response = if valid {
        response
    } else {
        response.highlight()
    };
    let focused = response.has_focus();
    response.on_hover_text("A date: YYYY, YYYY-MM or YYYY-MM-DD. A month-only article date counts when any day of it is in range.");
    if !focused && valid && value.map(|v| v.to_string()).unwrap_or_default() != text.trim() {
        text = value.map(|v| v.to_string()).unwrap_or_default();
    }
    ui.data_mut(|d| d.insert_temp(key, text));
}

/// Draws the filter bar over the table: the widgets edit `filter`; `shown` counts the claims a
/// filter lets through; `focus` puts the keyboard into the text field once.
pub fn filter_bar_ui(
    ui: &mut egui::Ui,
    bar: &FilterBar<'_>,
    filter: &mut Filter,
    focus: &mut bool,
    shown: impl FnOnce(&Filter) -> usize,
    commands: &mut Vec<Command>,
) {
    let FilterBar {
        entities,
        subjects,
        actions,
        total,
    } = *bar;
    ui.horizontal_wrapped(|ui| {
        let search = ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text("🔍 Filter: words in value, subject, source, sentence…")
                .desired_width(250.0)
                .id(egui::Id::unique("filter-text")),
        );
        if *focus {
            search.request_focus();
            *focus = false;
        }
        search.on_hover_text("Every word must appear (Ctrl+F)");
        name_combo_ui(
            ui,
            "f-entity",
            "Entity",
            &mut filter.entity,
            entities,
            Some("no named source"),
        );
        name_combo_ui(
            ui,
            "f-subject",
            "Subject",
            &mut filter.subject,
            subjects,
            None,
        );
        name_combo_ui(ui, "f-action", "Action", &mut filter.action, actions, None);
        egui::ComboBox::from_id_salt("f-kind")
            .selected_text(
                filter
                    .kind
                    .map_or("Kind: any".to_string(), |k| format!("Kind: {k}")),
            )
            .width(100.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.kind, None, "any");
                for k in Kind::ALL {
                    ui.selectable_value(&mut filter.kind, Some(k), k.as_str());
                }
            })
            .response
            .on_hover_text("Count, money, percent, measure, duration or other");
        egui::ComboBox::from_id_salt("f-qualifier")
            .selected_text(
                filter
                    .qualifier
                    .map_or("Qualifier: any".to_string(), |q| format!("Qualifier: {q}")),
            )
            .width(120.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.qualifier, None, "any");
                for q in Qualifier::ALL {
                    ui.selectable_value(&mut filter.qualifier, Some(q), q.as_str());
                }
            })
            .response
            .on_hover_text(
                "Exact, approximate (rund), over (mehr als), range, vague (Zehntausende) …",
            );
        ui.label("From");
        date_field_ui(ui, "f-from", "YYYY-MM", &mut filter.from);
        ui.label("to");
        date_field_ui(ui, "f-to", "YYYY-MM", &mut filter.to);
        ui.checkbox(&mut filter.show_rejected, "Rejected")
            .on_hover_text("Also show the claims you rejected");
        if ui
            .add_enabled(filter.is_active(), egui::Button::new("Clear filters"))
            .on_hover_text("Show every claim again")
            .clicked()
        {
            commands.push(Command::ClearFilters);
            for id in ["f-from", "f-to"] {
                ui.data_mut(|d| d.remove::<String>(egui::Id::unique(id)));
            }
        }
        let shown = shown(filter);
        ui.label(
            RichText::new(format!(
                "Showing {} of {} claims",
                query::format_number(shown as f64),
                query::format_number(total as f64)
            ))
            .strong(),
        );
    });
}

const COLUMNS: [(&str, Option<SortKey>, &str); 9] = [
    ("⚖", None, "Picked for comparison (C)"),
    ("Date", Some(SortKey::Date), "The article's date"),
    (
        "Value",
        Some(SortKey::Value),
        "~ about, > more than, ≥ at least, < less than, ≤ at most, a–b range, + (vague) a vague plural",
    ),
    ("Subject", Some(SortKey::Subject), "What is counted"),
    ("Action", Some(SortKey::Action), "What happens to it"),
    ("Source", Some(SortKey::Source), "Who says so, as written"),
    (
        "Entity",
        Some(SortKey::Entity),
        "The actor the source stands for",
    ),
    ("Article", Some(SortKey::Article), "The article file"),
    ("", None, "✏ corrected, ➕ added, ✖ rejected"),
];

/// Draws the table; `scroll_to_selected` is cleared once the table has scrolled to the
/// selection.
pub fn table_ui(
    ui: &mut egui::Ui,
    view: &TableView<'_>,
    scroll_to_selected: &mut bool,
    commands: &mut Vec<Command>,
) {
    let TableView {
        corpus,
        rows,
        selected,
        picked,
        sort,
        loading,
    } = *view;
    if rows.is_empty() {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            if corpus.rows.is_empty() {
                if loading {
                    ui.label("Loading articles …");
                } else {
                    ui.label("No articles open. Open article files (Ctrl+O), a folder (Ctrl+Shift+O), or drop them onto the window.");
                    if ui.button("Open sample articles").clicked() {
                        commands.push(Command::OpenSamples);
                    }
                }
            } else {
                ui.label("No claim matches the filters.");
            }
        });
        return;
    }
    // Clicks on cell text select the row rather than start a text selection.
    ui.style_mut().interaction.selectable_labels = false;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    // Columns share the width the panel has (the two mark columns and spacing aside), so
    // every column is visible in a small window too; each can be resized.
    let w = (ui.available_width() - 36.0 - 9.0 * ui.spacing().item_spacing.x).max(300.0);
    let mut builder = TableBuilder::new(ui)
        .id_salt("claims")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::exact(18.0))
        .column(Column::initial(w * 0.11).at_least(40.0).clip(true))
        .column(
            Column::initial((w * 0.16).max(130.0))
                .at_least(110.0)
                .clip(true),
        )
        .column(Column::initial(w * 0.15).at_least(40.0).clip(true))
        .column(Column::initial(w * 0.12).at_least(40.0).clip(true))
        .column(Column::initial(w * 0.16).at_least(40.0).clip(true))
        .column(Column::initial(w * 0.16).at_least(40.0).clip(true))
        .column(Column::remainder().at_least(40.0).clip(true))
        .column(Column::exact(18.0))
        .min_scrolled_height(0.0)
        .auto_shrink(false);
    if *scroll_to_selected
        && let Some(sel) = selected
        && let Some(pos) = rows.iter().position(|&r| r == sel)
    {
        builder = builder.scroll_to_row(pos, Some(Align::Center));
    }
    let mut clicked: Option<(usize, bool)> = None;
    let mut sort_by: Option<SortKey> = None;
    let mut pick: Option<usize> = None;
    builder
        .header(row_height + 2.0, |mut header| {
            for (title, key, tip) in COLUMNS {
                header.col(|ui| {
                    let Some(key) = key else {
                        ui.label(RichText::new(title).strong()).on_hover_text(tip);
                        return;
                    };
                    let arrow = if sort.key == key {
                        if sort.ascending { " ⏶" } else { " ⏷" }
                    } else {
                        ""
                    };
                    if ui
                        .add(
                            egui::Button::new(RichText::new(format!("{title}{arrow}")).strong())
                                .frame(false),
                        )
                        .on_hover_text(format!("{tip}. Click to sort."))
                        .clicked()
                    {
                        sort_by = Some(key);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let r = rows[row.index()];
                let claim_row = &corpus.rows[r];
                let c = &claim_row.claim;
                row.set_selected(selected == Some(r));
                let rejected = claim_row.status == Status::Rejected;
                let text = |s: String| {
                    let t = RichText::new(s);
                    if rejected {
                        t.strikethrough().weak()
                    } else {
                        t
                    }
                };
                row.col(|ui| {
                    let mut on = picked.contains(&r);
                    if ui
                        .checkbox(&mut on, "")
                        .on_hover_text("Pick for comparison")
                        .changed()
                    {
                        pick = Some(r);
                    }
                });
                row.col(|ui| {
                    ui.label(text(
                        corpus.date(claim_row).map_or("—".into(), |d| d.to_string()),
                    ));
                });
                row.col(|ui| {
                    ui.label(text(query::format_value_short(c)).monospace())
                        .on_hover_text(format!(
                            "“{}” — {} — {} {}",
                            c.text,
                            query::format_value(c),
                            c.kind,
                            c.qualifier
                        ));
                });
                row.col(|ui| {
                    ui.label(text(c.subject.clone().unwrap_or_default()));
                });
                row.col(|ui| {
                    ui.label(text(c.action.clone().unwrap_or_default()));
                });
                row.col(|ui| {
                    ui.label(text(claim_row.source_text().unwrap_or("").to_string()));
                });
                row.col(|ui| {
                    if let Some(e) = claim_row.entity() {
                        theme::entity_dot_ui(ui, corpus.color_index(Some(e)));
                        ui.label(text(e.to_string()));
                    }
                });
                row.col(|ui| {
                    ui.label(text(
                        corpus.articles[claim_row.article].short_name().to_string(),
                    ));
                });
                row.col(|ui| {
                    let (mark, tip) = match claim_row.status {
                        Status::Extracted => ("", ""),
                        Status::Corrected => ("✏", "Corrected by you"),
                        Status::Added => ("➕", "Added by you"),
                        Status::Rejected => ("✖", "Rejected by you"),
                    };
                    if !mark.is_empty() {
                        ui.label(mark).on_hover_text(tip);
                    }
                });
                let response = row.response();
                if response.double_clicked() {
                    clicked = Some((r, true));
                } else if response.clicked() {
                    clicked = Some((r, false));
                }
            });
        });
    *scroll_to_selected = false;
    if let Some(key) = sort_by {
        commands.push(Command::SortBy(key));
    }
    let key_of = |r: usize| ClaimKey::of(corpus, r);
    if let Some(r) = pick {
        commands.push(Command::TogglePick(key_of(r)));
    }
    if let Some((r, edit)) = clicked {
        commands.push(Command::Select {
            key: key_of(r),
            scroll_table: false,
            scroll_article: true,
        });
        if edit {
            commands.push(Command::EditSelected);
        }
    }
}
