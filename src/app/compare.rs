//! The comparison: the picked claims side by side in columns (source and entity, date, value,
//! action, sentence, article), with the differences spelled out above them.

use egui::RichText;

use super::command::Command;
use super::{ClaimKey, theme};
use crate::analysis::compare::{self, Comparison};
use crate::analysis::query;
use crate::corpus::Corpus;

/// What the comparison view reads.
pub struct CompareView<'a> {
    /// The open articles and claims.
    pub corpus: &'a Corpus,
    /// The comparison of the picked claims.
    pub comparison: &'a Comparison,
    /// How many claims are picked.
    pub picked: usize,
    /// Subjects with their claim counts.
    pub subjects: &'a [(String, usize)],
}

/// Draws the view.
pub fn compare_ui(ui: &mut egui::Ui, view: &CompareView<'_>, commands: &mut Vec<Command>) {
    let CompareView {
        corpus,
        comparison: cmp,
        picked,
        subjects,
    } = *view;
    ui.horizontal_wrapped(|ui| {
        ui.heading("Compare");
        ui.label(format!("{picked} claims picked."));
        let mut chosen: Option<String> = None;
        egui::ComboBox::from_id_salt("compare-subject")
            .selected_text("All claims on a subject…")
            .width(200.0)
            .height(320.0)
            .show_ui(ui, |ui| {
                for (s, n) in subjects {
                    if ui.selectable_label(false, format!("{s} ({n})")).clicked() {
                        chosen = Some(s.clone());
                    }
                }
            })
            .response
            .on_hover_text("Pick every claim (not rejected) counting this subject");
        if let Some(subject) = chosen {
            commands.push(Command::PickSubject(subject));
        }
        if ui
            .add_enabled(picked > 0, egui::Button::new("Clear"))
            .on_hover_text("Unpick every claim")
            .clicked()
        {
            commands.push(Command::ClearPicked);
        }
    });
    if cmp.rows.is_empty() {
        ui.add_space(12.0);
        ui.label("Pick claims with the ⚖ boxes in the claims table (or press C on a claim), use “Compare these” on the timeline, or choose a subject above.");
        return;
    }
    ui.separator();
    let notes_height = (ui.available_height() * 0.3).clamp(60.0, 220.0);
    egui::ScrollArea::vertical()
        .id_salt("compare-notes")
        .max_height(notes_height)
        .show(ui, |ui| {
            if cmp.omitted > 0 {
                ui.label(format!(
                    "The {} earliest claims are compared; {} more are left out (remove some or narrow the choice).",
                    cmp.rows.len(),
                    cmp.omitted
                ));
            }
            if cmp.contradictions.is_empty() {
                ui.label("No two of these claims contradict each other (qualifiers considered).");
            } else {
                let n = cmp.contradictions.len();
                let title = if n >= compare::MAX_CONTRADICTIONS {
                    format!("{n} contradictions (the first {n} are listed)")
                } else {
                    format!("{n} contradictions")
                };
                ui.label(RichText::new(title).strong());
                for c in &cmp.contradictions {
                    ui.label(format!("• {c}"));
                }
            }
            if cmp.incomparable > 0 {
                ui.label(
                    RichText::new(format!(
                        "{} pairs count different things (subject, kind or unit) and are not compared.",
                        cmp.incomparable
                    ))
                    .weak(),
                );
            }
        });
    ui.separator();
    let mut remove = None;
    let mut open = None;
    let column_width = 230.0;
    egui::ScrollArea::both()
        .id_salt("compare-columns")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for (i, &r) in cmp.rows.iter().enumerate() {
                    let row = &corpus.rows[r];
                    let c = &row.claim;
                    ui.allocate_ui_with_layout(
                        egui::vec2(column_width, 0.0),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            egui::Frame::group(ui.style()).show(ui, |ui| {
                                ui.set_width(column_width - 16.0);
                                ui.horizontal(|ui| {
                                    theme::entity_dot_ui(ui, corpus.color_index(row.entity()));
                                    ui.label(
                                        RichText::new(row.entity().unwrap_or("no named source"))
                                            .strong(),
                                    );
                                });
                                field_ui(ui, "Source", row.source_text().unwrap_or("—"));
                                field_ui(
                                    ui,
                                    "Date",
                                    &corpus.date(row).map_or("no date".into(), |d| d.to_string()),
                                );
                                ui.label(
                                    RichText::new(query::format_value(c))
                                        .size(18.0)
                                        .strong()
                                        .monospace(),
                                );
                                field_ui(ui, "Qualifier", c.qualifier.as_str());
                                field_ui(ui, "Subject", c.subject.as_deref().unwrap_or("—"));
                                field_ui(ui, "Action", c.action.as_deref().unwrap_or("—"));
                                if i > 0 {
                                    let change = cmp.changes[i - 1]
                                        .as_deref()
                                        .unwrap_or("not comparable (other subject, kind or unit)");
                                    field_ui(ui, "Change", change);
                                }
                                ui.label(RichText::new(corpus.sentence(row)).italics());
                                field_ui(ui, "Article", corpus.articles[row.article].short_name());
                                ui.horizontal(|ui| {
                                    if ui
                                        .small_button("Show")
                                        .on_hover_text("Open in the claims view")
                                        .clicked()
                                    {
                                        open = Some(r);
                                    }
                                    if ui
                                        .small_button("Remove")
                                        .on_hover_text("Take out of the comparison")
                                        .clicked()
                                    {
                                        remove = Some(r);
                                    }
                                });
                            });
                        },
                    );
                }
            });
        });
    if let Some(r) = remove {
        commands.push(Command::TogglePick(ClaimKey::of(corpus, r)));
    }
    if let Some(r) = open {
        commands.push(Command::ShowInClaims(ClaimKey::of(corpus, r)));
    }
}

fn field_ui(ui: &mut egui::Ui, label: &str, value: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{label}:")).weak());
        ui.label(value);
    });
}
