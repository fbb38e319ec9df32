//! The comparison: the picked claims grouped by series (what they count and what happens to
//! it), each series' claims side by side in date order. Above them, what comparing found:
//! disagreements within one series and period, a source's revisions, and in words why the
//! other claims are not compared (other action, other period, a change figure, another unit).

use egui::RichText;

use super::command::Command;
use super::{ClaimKey, theme};
use crate::analysis::compare::{self, Analysis};
use crate::analysis::query;
use crate::analysis::series::{GroupBy, Periods, Series, SeriesKey};
use crate::corpus::Corpus;

/// What the comparison view reads.
pub struct CompareView<'a> {
    /// The open articles and claims.
    pub corpus: &'a Corpus,
    /// The analysis of the picked claims.
    pub analysis: &'a Analysis,
    /// How many claims are picked.
    pub picked: usize,
    /// Every level series of the open claims, with its claim and dated claim counts, for
    /// picking.
    pub series: &'a [(SeriesKey, usize, usize)],
    /// Whether sources are entities or sides.
    pub group_by: GroupBy,
}

/// The most claims drawn in one series' row of columns.
const MAX_COLUMNS: usize = 24;

/// The width of one claim's column.
const COLUMN_WIDTH: f32 = 230.0;

/// The height a series not yet drawn is taken to have.
const SERIES_HEIGHT_GUESS: f32 = 320.0;

/// Draws the view; `periods` is the period setting the user can change.
pub fn compare_ui(
    ui: &mut egui::Ui,
    view: &CompareView<'_>,
    periods: &mut Periods,
    commands: &mut Vec<Command>,
) {
    let CompareView {
        corpus,
        analysis,
        picked,
        series,
        group_by,
    } = *view;
    header_ui(ui, picked, series, periods, group_by, commands);
    if picked == 0 {
        ui.add_space(12.0);
        ui.label("Pick claims with the ⚖ boxes in the claims table (or press C on a claim), use “Compare these” on the timeline, or pick a whole series above.");
        return;
    }
    ui.separator();
    // Every series, levels then changes.
    let groups: Vec<&Series> = analysis.series.iter().chain(&analysis.changes).collect();
    let notes_height = (ui.available_height() * 0.35).clamp(70.0, 260.0);
    egui::ScrollArea::vertical()
        .id_salt("compare-notes")
        .max_height(notes_height)
        .auto_shrink([false, true])
        .show(ui, |ui| findings_ui(ui, corpus, analysis, &groups));
    ui.separator();
    let mut remove = None;
    let mut open = None;
    // Only the series in view are laid out; the others keep the height they had when last
    // drawn (a first guess until then), so that thousands of picked claims scroll smoothly.
    let heights_id = egui::Id::unique("compare-series-heights");
    let mut heights: Vec<f32> = ui.data(|d| d.get_temp(heights_id)).unwrap_or_default();
    heights.resize(groups.len(), SERIES_HEIGHT_GUESS);
    egui::ScrollArea::both()
        .id_salt("compare-columns")
        .auto_shrink(false)
        .show_viewport(ui, |ui, viewport| {
            let top = ui.min_rect().top();
            let mut y = 0.0;
            for (s, height) in groups.iter().zip(&mut heights) {
                let visible = y < viewport.max.y && y + *height > viewport.min.y;
                if visible {
                    let before = ui.cursor().top();
                    series_ui(ui, corpus, s, analysis.group_by, &mut remove, &mut open);
                    *height = ui.cursor().top() - before;
                } else {
                    // As wide as its columns, as high as when drawn (less the spacing that
                    // allocating adds).
                    #[allow(clippy::cast_precision_loss)]
                    let width = s.rows.len().min(MAX_COLUMNS) as f32 * COLUMN_WIDTH;
                    let spacing = ui.spacing().item_spacing.y;
                    ui.allocate_space(egui::vec2(width, (*height - spacing).max(0.0)));
                }
                ui.add_space(6.0);
                y = ui.cursor().top() - top;
            }
        });
    ui.data_mut(|d| d.insert_temp(heights_id, heights));
    if let Some(r) = remove {
        commands.push(Command::TogglePick(ClaimKey::of(corpus, r)));
    }
    if let Some(r) = open {
        commands.push(Command::ShowInClaims(ClaimKey::of(corpus, r)));
    }
}

fn header_ui(
    ui: &mut egui::Ui,
    picked: usize,
    series: &[(SeriesKey, usize, usize)],
    periods: &mut Periods,
    group_by: GroupBy,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.heading("Compare");
        ui.label(format!("{picked} claims picked."));
        let mut chosen: Option<SeriesKey> = None;
        egui::ComboBox::from_id_salt("compare-series")
            .selected_text("All claims of a series…")
            .width(220.0)
            .height(320.0)
            .show_ui(ui, |ui| {
                for (key, n, _) in series {
                    if ui
                        .selectable_label(false, format!("{} ({n})", key.label()))
                        .clicked()
                    {
                        chosen = Some(key.clone());
                    }
                }
            })
            .response
            .on_hover_text("Pick every claim (not rejected) that counts the same thing: same concept, action, kind and unit");
        if let Some(key) = chosen {
            commands.push(Command::PickSeries(key));
        }
        if ui
            .add_enabled(picked > 0, egui::Button::new("Clear"))
            .on_hover_text("Unpick every claim")
            .clicked()
        {
            commands.push(Command::ClearPicked);
        }
        ui.separator();
        ui.label("Periods:");
        let months = matches!(periods, Periods::Months);
        if ui
            .selectable_label(months, "calendar months")
            .on_hover_text("Claims dated in the same month speak of the same time")
            .clicked()
        {
            *periods = Periods::Months;
        }
        let mut days = match *periods {
            Periods::Window(d) => d,
            Periods::Months => 7,
        };
        if ui
            .selectable_label(!months, "window")
            .on_hover_text("A day-dated claim covers this many days around its date; a month-only one its month")
            .clicked()
        {
            *periods = Periods::Window(days);
        }
        if !months
            && ui
                .add(egui::DragValue::new(&mut days).range(1..=366).suffix(" days"))
                .changed()
        {
            *periods = Periods::Window(days);
        }
        ui.separator();
        super::timeline::group_by_ui(ui, group_by, commands);
    });
}

fn findings_ui(ui: &mut egui::Ui, corpus: &Corpus, analysis: &Analysis, groups: &[&Series]) {
    if analysis.disagreements.is_empty() {
        ui.label(format!(
            "No disagreement: no two named sources give figures of one series and period ({}) that cannot both hold (qualifiers considered: rund ±10 %, über open above, a vague plural one order of magnitude).",
            analysis.periods.describe()
        ));
    } else {
        let n = analysis.disagreements.len();
        ui.label(
            RichText::new(format!(
                "{n} {}",
                if n == 1 {
                    "disagreement"
                } else {
                    "disagreements"
                }
            ))
            .strong(),
        );
        for d in &analysis.disagreements {
            ui.label(format!("• {}", analysis.disagreement_line(corpus, d)));
            ui.label(RichText::new(format!("   {}", d.why)).weak());
        }
    }
    if !analysis.revisions.is_empty() {
        ui.label(RichText::new("Revisions (a source's later figure)").strong());
        for r in &analysis.revisions {
            ui.label(format!("• {}", analysis.revision_line(corpus, r)));
        }
    }
    // Why claims of different series are not compared: one line per pair of series.
    if groups.len() > 1 {
        ui.label(RichText::new("Not compared with each other").strong());
        let mut lines = 0;
        'pairs: for (i, a) in groups.iter().enumerate() {
            for b in &groups[i + 1..] {
                let (Some(&ra), Some(&rb)) = (a.rows.first(), b.rows.first()) else {
                    continue;
                };
                if let Some(why) =
                    compare::why_apart_by(corpus, ra, rb, analysis.periods, analysis.group_by)
                {
                    ui.label(format!(
                        "• {} and {}: {why}",
                        compare::source_and_value(&corpus.rows[ra]),
                        compare::source_and_value(&corpus.rows[rb]),
                    ));
                    lines += 1;
                    if lines >= 12 {
                        ui.label(RichText::new("… (more pairs of series)").weak());
                        break 'pairs;
                    }
                }
            }
        }
    }
    let left = analysis.left_out.describe();
    if !left.is_empty() {
        ui.label(RichText::new(format!("Not used for disagreements: {}.", left.join("; "))).weak());
    }
}

fn series_ui(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    series: &Series,
    group_by: GroupBy,
    remove: &mut Option<usize>,
    open: &mut Option<usize>,
) {
    let title = format!(
        "{} — {} {}",
        series.key.label(),
        series.rows.len(),
        if series.rows.len() == 1 {
            "claim"
        } else {
            "claims"
        }
    );
    ui.label(RichText::new(title).strong());
    if series.key.change {
        ui.label(
            RichText::new("Change figures: they state a difference, not a level, and are never compared with levels.")
                .weak(),
        );
    }
    // Only the columns drawn: a column's change looks back at earlier columns only.
    let shown = &series.rows[..series.rows.len().min(MAX_COLUMNS)];
    let changes = compare::changes_within_source_by(corpus, shown, group_by);
    ui.horizontal_top(|ui| {
        for (i, &r) in shown.iter().enumerate() {
            let row = &corpus.rows[r];
            let c = &row.claim;
            ui.allocate_ui_with_layout(
                egui::vec2(COLUMN_WIDTH, 0.0),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(COLUMN_WIDTH - 16.0);
                        ui.horizontal(|ui| {
                            let group = match group_by {
                                GroupBy::Entity => row.entity(),
                                GroupBy::Side => row.side(),
                            };
                            theme::entity_dot_ui(ui, corpus.color_index(group));
                            ui.label(
                                RichText::new(row.entity().unwrap_or("no named source")).strong(),
                            );
                        });
                        if let Some(side) = row.affiliation() {
                            field_ui(ui, "Speaks for", side);
                        }
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
                        if let Some(change) = &changes[i] {
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
                                *open = Some(r);
                            }
                            if ui
                                .small_button("Remove")
                                .on_hover_text("Take out of the comparison")
                                .clicked()
                            {
                                *remove = Some(r);
                            }
                        });
                    });
                },
            );
        }
    });
    if series.rows.len() > MAX_COLUMNS {
        ui.label(
            RichText::new(format!(
                "… {} more claims of this series (the earliest {MAX_COLUMNS} are shown).",
                series.rows.len() - MAX_COLUMNS
            ))
            .weak(),
        );
    }
}

fn field_ui(ui: &mut egui::Ui, label: &str, value: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("{label}:")).weak());
        ui.label(value);
    });
}
