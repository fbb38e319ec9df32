//! The timeline: the filtered claims on one subject and action over time (`egui_plot`). Dates
//! of month precision span their month, ranges and vague figures span their interval, "over"
//! figures carry an upward arrow, vague figures an open band; one colour per entity, one
//! marker shape per qualifier; marks at one date with close values sit side by side. The
//! axes follow the exported chart's rules (`render::ticks`): month starts, days only for
//! dates of day precision, log labels at powers of ten, a linear axis from zero. Hovering
//! lists every claim under the pointer; clicking selects the nearest; Fit (or a double
//! click) shows all claims again.

use egui::{Pos2, Rect, RichText, Stroke};
use egui_plot::{
    Corner, GridInput, GridMark, ItemId, Legend, MarkerShape, Plot, PlotBounds, PlotMemory,
    PlotPoint, PlotPoints, PlotTransform, Points,
};

use super::command::Command;
use super::{ChartFormat, ClaimKey, PlotSettings, Request, theme};
use crate::analysis::query;
use crate::analysis::series::{GroupBy, SeriesKey};
use crate::analysis::timeline::{DODGE_PX, Shape, Timeline, drawn, plotted};
use crate::corpus::Corpus;
use crate::model::Lang;
use crate::render::chart::ChartOptions;
use crate::render::labels;
use crate::render::ticks::{self, DateUnit};

/// What the timeline view reads.
pub struct TimelineView<'a> {
    /// The open articles and claims.
    pub corpus: &'a Corpus,
    /// The timeline of the filtered claims.
    pub timeline: &'a Timeline,
    /// Every level series with its claim and dated claim counts, most claims first.
    pub series: &'a [(SeriesKey, usize, usize)],
    /// Concepts with their claim counts (for renaming).
    pub concepts: &'a [(String, usize)],
    /// Whether the table's filters narrow the claims.
    pub filter_active: bool,
    /// The selected row.
    pub selected: Option<usize>,
    /// Whether lines stand for entities or sides.
    pub group_by: GroupBy,
}

/// The choice "Group by: Entity | Side" the timeline and the comparison share.
pub fn group_by_ui(ui: &mut egui::Ui, current: GroupBy, commands: &mut Vec<Command>) {
    ui.label("Group by:");
    for g in GroupBy::ALL {
        let hover = match g {
            GroupBy::Entity => "Each entity's claims apart: one colour and one line per entity",
            GroupBy::Side => {
                "By side: a person's claims with the state or organisation it speaks for (all US voices as one); a state or organisation speaks for itself"
            }
        };
        if ui
            .selectable_label(current == g, g.label())
            .on_hover_text(hover)
            .clicked()
            && current != g
        {
            commands.push(Command::SetGroupBy(g));
        }
    }
}

/// What the user types in the timeline's side panel.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeriesPanel {
    /// Words that narrow the list of series.
    pub filter: String,
    /// The concept being renamed.
    pub concept: Option<String>,
    /// Its new name.
    pub rename_to: String,
}

/// The exported chart's options as the timeline's controls set them (the plot on screen
/// does not change with them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartSettings {
    /// The title; empty: made from what is counted.
    pub title: String,
    /// A line under the title; empty: none.
    pub subtitle: String,
    /// The credit; empty: the default ("Chart: claimtrack").
    pub credit: String,
    /// No credit at all.
    pub no_credit: bool,
    /// The chart's language; `None`: the articles'.
    pub lang: Option<Lang>,
    /// Each mark's value beside it.
    pub labels: bool,
}

impl PlotSettings {
    /// The options of the exported chart (the app's Export and "Copy alt text").
    #[must_use]
    pub fn chart_options(&self) -> ChartOptions {
        let text = |t: &str| Some(t.trim().to_string()).filter(|t| !t.is_empty());
        let c = &self.chart;
        ChartOptions {
            log_y: self.log_y,
            lang: c.lang,
            title: text(&c.title),
            subtitle: text(&c.subtitle),
            credit: if c.no_credit {
                Some(String::new())
            } else {
                text(&c.credit)
            },
            labels: c.labels,
            ..ChartOptions::default()
        }
    }
}

/// The most marks drawn at once; beyond it claims are grouped per entity and date (and the
/// view says so), so the plot costs the same however many claims are open.
pub const MAX_POINTS: usize = 200;

/// The most series listed at once (the rest are found by typing).
const MAX_LISTED: usize = 80;

fn marker(shape: Shape) -> MarkerShape {
    match shape {
        Shape::Circle => MarkerShape::Circle,
        Shape::Diamond => MarkerShape::Diamond,
        Shape::Up => MarkerShape::Up,
        Shape::Down => MarkerShape::Down,
        Shape::Square => MarkerShape::Square,
    }
}

/// Draws the view; the controls edit `plot` and `panel`.
pub fn timeline_ui(
    ui: &mut egui::Ui,
    view: &TimelineView<'_>,
    plot: &mut PlotSettings,
    panel: &mut SeriesPanel,
    commands: &mut Vec<Command>,
) {
    let timeline = view.timeline;
    egui::Panel::left("timeline-series")
        .resizable(true)
        .default_size(250.0)
        .size_range(180.0..=420.0)
        .show(ui, |ui| series_panel_ui(ui, view, plot, panel, commands));
    controls_ui(ui, view, plot, commands);
    if let Some(note) = timeline.left_out_but_undated() {
        ui.label(RichText::new(note).weak());
    }
    undated_ui(ui, timeline, commands);
    if timeline.points.is_empty() {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            ui.label(if timeline.chosen.is_empty() {
                "Choose a series on the left: what is counted and what happens to it."
            } else {
                "No dated claims in the chosen series. Choose another series, set the articles' dates, or clear the table's filters."
            });
        });
        return;
    }
    let fit = view_row_ui(ui);
    let selected = view.selected;
    let note = plot_note(timeline, plot.log_y);
    let detail_height = if selected.is_some() { 70.0 } else { 0.0 };
    let note_height = if note.is_some() { 22.0 } else { 0.0 };
    let plot_height = (ui.available_height() - detail_height - note_height).max(160.0);
    plot_ui(ui, view, plot.log_y, plot_height, fit, commands);
    if let Some(note) = note {
        ui.label(RichText::new(note).weak());
    }
    if let Some(row) = selected {
        detail_ui(ui, view.corpus, row, commands);
    }
}

/// "4 claims not shown: 2 articles have no date. Set date…"
fn undated_ui(ui: &mut egui::Ui, timeline: &Timeline, commands: &mut Vec<Command>) {
    if timeline.undated == 0 {
        return;
    }
    let n = timeline.undated_articles.len();
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{} {} not shown: {n} {} no date.",
            timeline.undated,
            if timeline.undated == 1 {
                "claim"
            } else {
                "claims"
            },
            if n == 1 {
                "article has"
            } else {
                "articles have"
            },
        ));
        if ui
            .button("Set date…")
            .on_hover_text("Give the articles their dates (saved in the workspace)")
            .clicked()
        {
            commands.push(Command::ShowDates);
        }
    });
}

fn series_panel_ui(
    ui: &mut egui::Ui,
    view: &TimelineView<'_>,
    plot: &mut PlotSettings,
    panel: &mut SeriesPanel,
    commands: &mut Vec<Command>,
) {
    ui.heading("Series");
    ui.label(
        RichText::new("What is counted · what happens to it (dated / all claims). Claims of different series are never joined.")
            .weak(),
    );
    ui.add(
        egui::TextEdit::singleline(&mut panel.filter)
            .hint_text("Find a series")
            .desired_width(f32::INFINITY),
    );
    let words: Vec<String> = panel
        .filter
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    let list_height = (ui.available_height() - 110.0).max(80.0);
    egui::ScrollArea::vertical()
        .id_salt("timeline-series-list")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let mut listed = 0;
            let mut hidden = 0;
            for (key, n, dated) in view.series {
                let label = key.label();
                let lower = label.to_lowercase();
                if !words.iter().all(|w| lower.contains(w.as_str())) {
                    continue;
                }
                let on = plot.series.contains(key);
                if listed >= MAX_LISTED && !on {
                    hidden += 1;
                    continue;
                }
                listed += 1;
                let mut checked = on;
                let response = ui
                    .checkbox(&mut checked, format!("{label} ({dated}/{n})"))
                    .on_hover_text(format!(
                        "{dated} of {n} claims have a date. Same concept, action, kind and unit."
                    ));
                if response.changed() {
                    if checked {
                        plot.series.push(key.clone());
                    } else {
                        plot.series.retain(|k| k != key);
                    }
                }
            }
            if hidden > 0 {
                ui.label(RichText::new(format!("… {hidden} more: type to find them")).weak());
            }
        });
    ui.separator();
    ui.label(RichText::new("Rename or merge a concept").strong());
    egui::ComboBox::from_id_salt("concept-rename")
        .selected_text(panel.concept.as_deref().unwrap_or("Concept…"))
        .width(200.0)
        .height(320.0)
        .show_ui(ui, |ui| {
            for (c, n) in view.concepts.iter().take(200) {
                ui.selectable_value(&mut panel.concept, Some(c.clone()), format!("{c} ({n})"));
            }
        });
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut panel.rename_to)
                .hint_text("new name (an existing one merges)")
                .desired_width(150.0),
        );
        let ready = panel.concept.is_some() && !panel.rename_to.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("Rename"))
            .on_hover_text("Saved in the workspace; naming an existing concept merges the two")
            .clicked()
            && let Some(from) = panel.concept.take()
        {
            commands.push(Command::RenameConcept {
                from,
                to: std::mem::take(&mut panel.rename_to),
            });
        }
    });
}

fn controls_ui(
    ui: &mut egui::Ui,
    view: &TimelineView<'_>,
    plot: &mut PlotSettings,
    commands: &mut Vec<Command>,
) {
    let timeline = view.timeline;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&timeline.title).heading());
        ui.separator();
        ui.checkbox(&mut plot.log_y, "Log scale")
            .on_hover_text("A logarithmic value axis, for figures of very different size");
        ui.separator();
        group_by_ui(ui, view.group_by, commands);
        ui.separator();
        if ui
            .button("Compare these")
            .on_hover_text("Put the plotted claims side by side")
            .clicked()
        {
            commands.push(Command::CompareThese(
                timeline
                    .points
                    .iter()
                    .map(|p| ClaimKey::of(view.corpus, p.row))
                    .collect(),
            ));
        }
        if ui
            .button("Export PNG…")
            .on_hover_text("Save this chart as a PNG image")
            .clicked()
        {
            commands.push(Command::Request(Request::ExportChart {
                format: ChartFormat::Png,
            }));
        }
        if ui
            .button("Export SVG…")
            .on_hover_text("Save this chart as an SVG image")
            .clicked()
        {
            commands.push(Command::Request(Request::ExportChart {
                format: ChartFormat::Svg,
            }));
        }
        if view.filter_active {
            ui.label(RichText::new("(table filters apply)").weak());
        }
    });
    chart_options_ui(ui, timeline, plot);
}

/// The exported chart's options, folded away under the controls: title, subtitle, credit,
/// language, value labels, and the alt text to copy.
fn chart_options_ui(ui: &mut egui::Ui, timeline: &Timeline, plot: &mut PlotSettings) {
    egui::CollapsingHeader::new("Chart options…")
        .id_salt("timeline-chart-options")
        .show(ui, |ui| {
            let options = plot.chart_options();
            let lang = labels::chart_lang(timeline, &options);
            let c = &mut plot.chart;
            let mut copy = false;
            ui.horizontal_wrapped(|ui| {
                ui.label("Title");
                ui.add(
                    egui::TextEdit::singleline(&mut c.title)
                        .hint_text(labels::default_title(timeline, lang))
                        .desired_width(320.0),
                )
                .on_hover_text("Empty: made from what is counted and what happens to it");
                ui.label("Subtitle");
                ui.add(
                    egui::TextEdit::singleline(&mut c.subtitle)
                        .hint_text("optional")
                        .desired_width(220.0),
                );
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("Credit");
                ui.add_enabled(
                    !c.no_credit,
                    egui::TextEdit::singleline(&mut c.credit)
                        .hint_text(labels::default_credit(lang))
                        .desired_width(180.0),
                );
                ui.checkbox(&mut c.no_credit, "None");
                ui.separator();
                ui.label("Language");
                let auto = format!(
                    "as the articles ({})",
                    timeline.lang.map_or("none", Lang::code)
                );
                egui::ComboBox::from_id_salt("chart-lang")
                    .selected_text(c.lang.map_or(auto.clone(), |l| lang_name(l).to_string()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut c.lang, None, auto);
                        for l in Lang::ALL {
                            ui.selectable_value(&mut c.lang, Some(l), lang_name(l));
                        }
                    });
                ui.checkbox(&mut c.labels, "Value labels")
                    .on_hover_text("Write each mark's value beside it");
                ui.separator();
                if ui
                    .button("Copy alt text")
                    .on_hover_text(
                        "Put a description of the chart and its values on the clipboard \
                         (for the image's alt text)",
                    )
                    .clicked()
                {
                    copy = true;
                }
            });
            if copy {
                ui.ctx()
                    .copy_text(labels::alt_text(timeline, &plot.chart_options()));
            }
        });
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::De => "Deutsch",
        Lang::En => "English",
    }
}

/// The id of the timeline's plot (`egui::Id::unique(PLOT_ID)`), under which `egui_plot` keeps
/// its view (`PlotMemory`).
pub const PLOT_ID: &str = "timeline-plot";

/// How to move about the plot, as `egui_plot` 0.38 does it by default (`Cmd` for `Ctrl` on a
/// Mac).
const NAVIGATION_HINT: &str = "Drag or scroll to pan (Shift+scroll: sideways) · Ctrl+scroll to zoom (Ctrl+Shift / Ctrl+Alt: one axis) · right-drag to zoom to a box · double-click or Fit to show all";

/// The row above the plot: the Fit button and how to zoom and pan. True when Fit is clicked.
fn view_row_ui(ui: &mut egui::Ui) -> bool {
    ui.horizontal_wrapped(|ui| {
        let fit = ui
            .button("Fit")
            .on_hover_text("Show all plotted claims again (as a double click on the plot does)")
            .clicked();
        let hint = if ui.ctx().os() == egui::os::OperatingSystem::Mac {
            NAVIGATION_HINT.replace("Ctrl", "Cmd")
        } else {
            NAVIGATION_HINT.to_string()
        };
        ui.label(RichText::new(hint).weak());
        fit
    })
    .inner
}

/// The note under the plot: how open figures are drawn, and what a log axis leaves out.
fn plot_note(timeline: &Timeline, log: bool) -> Option<String> {
    let hidden = timeline.points.iter().filter(|p| !drawn(p.y, log)).count();
    let zeros = (log && hidden > 0).then(|| {
        let (claims, are) = if hidden == 1 {
            ("claim", "is")
        } else {
            ("claims", "are")
        };
        format!("{hidden} {claims} of zero or less {are} not drawn on the logarithmic scale.")
    });
    let parts: Vec<String> = timeline.open_note(log).into_iter().chain(zeros).collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The pixels per grid step `egui_plot` hands to a grid spacer (its default
/// `grid_spacing` minimum).
const GRID_STEP_PX: f64 = 8.0;

/// The time axis' grid: the chart's date ticks (month or year starts, days only when some
/// date is of day precision and the span is short), labelled ones with their step, minor
/// ones with a step too small for a label.
fn date_grid(days: bool) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |input: GridInput| {
        let (x0, x1) = input.bounds;
        if input.base_step_size <= 0.0 || x1.partial_cmp(&x0) != Some(std::cmp::Ordering::Greater) {
            return Vec::new();
        }
        let per_day = GRID_STEP_PX / input.base_step_size;
        let width = (x1 - x0) * per_day;
        let t = ticks::date_ticks(
            x0,
            x1,
            days,
            (width / 100.0) as usize,
            (width / 90.0) as usize,
        );
        let minor_step = input.base_step_size * 5.0;
        grid_marks(&t.major, t.step, &t.minor, minor_step)
    }
}

/// The log value axis' grid: labels at powers of ten only (and 2 and 5 times them when
/// fewer than two show), minor lines at the other digits, as on the exported chart.
fn log_grid(input: &GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    if input.base_step_size <= 0.0 || hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return Vec::new();
    }
    let per_unit = GRID_STEP_PX / input.base_step_size;
    let (major, minor) = ticks::log_ticks(lo, hi, ((hi - lo) * per_unit / 28.0) as usize);
    let step = major
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    let step = if step.is_finite() { step } else { 1.0 };
    grid_marks(&major, step, &minor, input.base_step_size * 2.25)
}

fn grid_marks(major: &[f64], step: f64, minor: &[f64], minor_step: f64) -> Vec<GridMark> {
    let mark = |step_size: f64| move |&value: &f64| GridMark { value, step_size };
    major
        .iter()
        .map(mark(step))
        .chain(minor.iter().map(mark(minor_step)))
        .collect()
}

/// A key of the plot's fitted view: when it changes (other claims, the log switch), the
/// view is fitted again.
fn fit_key(x: (f64, f64), y: (f64, f64), log: bool) -> [u64; 5] {
    [
        x.0.to_bits(),
        x.1.to_bits(),
        y.0.to_bits(),
        y.1.to_bits(),
        u64::from(log),
    ]
}

fn plot_ui(
    ui: &mut egui::Ui,
    view: &TimelineView<'_>,
    log: bool,
    height: f32,
    fit: bool,
    commands: &mut Vec<Command>,
) {
    let timeline = view.timeline;
    let (Some(x_range), Some(y_range)) = (timeline.date_range(log), timeline.value_range(log))
    else {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            ui.label("No values above zero to plot on a logarithmic scale.");
        });
        return;
    };
    let dark = ui.visuals().dark_mode;
    let rgb = theme::palette_on_background;
    let selected = view.selected;
    let id = egui::Id::unique(PLOT_ID);
    // A new set of claims or scale is shown fitted; the view otherwise stays as the user
    // left it.
    let key = fit_key(x_range, y_range, log);
    let key_id = id.with("fitted");
    let refit = ui.data(|d| d.get_temp::<[u64; 5]>(key_id)) != Some(key);
    ui.data_mut(|d| d.insert_temp(key_id, key));
    // What is counted, when the chosen series share it (`soldiers`, `EUR`); else kind and unit.
    let y_label = match timeline.chosen.first() {
        Some(first)
            if timeline
                .chosen
                .iter()
                .all(|k| k.concept == first.concept && k.unit == first.unit) =>
        {
            first
                .concept
                .clone()
                .or_else(|| first.unit.clone())
                .unwrap_or_else(|| timeline.y_label.clone())
        }
        _ => timeline.y_label.clone(),
    };
    let mut plot = Plot::new(PLOT_ID)
        .id(id)
        .height(height)
        .legend(Legend::default().position(Corner::LeftTop))
        .default_x_bounds(x_range.0, x_range.1)
        .default_y_bounds(y_range.0, y_range.1)
        .x_grid_spacer(date_grid(timeline.has_days(log)))
        .x_axis_formatter(|mark, _| DateUnit::of_step(mark.step_size).label(mark.value))
        .y_axis_formatter(move |mark, _| {
            if log {
                if ticks::is_log_label(mark.value) {
                    ticks::log_label(mark.value)
                } else {
                    String::new()
                }
            } else if mark.value < -1e-9 * mark.step_size.abs() && y_range.0 >= 0.0 {
                String::new()
            } else {
                query::format_number(mark.value)
            }
        })
        .y_axis_label(y_label)
        .y_axis_min_width(60.0)
        .show_x(false)
        .show_y(false)
        .allow_double_click_reset(true);
    if log {
        plot = plot.y_grid_spacer(|input| log_grid(&input));
    }
    if refit {
        plot = plot.reset();
    }
    let corpus = view.corpus;
    let response = plot.show(ui, |plot_ui| {
        if fit {
            plot_ui.set_auto_bounds(true);
        }
        // Dodged marks move sideways by a fixed number of pixels: in days at this zoom.
        let days_per_px = plot_ui.transform().dvalue_dpos()[0];
        for s in &timeline.series {
            let color = rgb(s.color, dark);
            for shape in Shape::ALL {
                let pts: Vec<[f64; 2]> = s
                    .points
                    .iter()
                    .map(|&p| &timeline.points[p])
                    .filter(|p| p.shape == shape && drawn(p.y, log))
                    .map(|p| {
                        let dx = f64::from(p.dodge.of(log)) * DODGE_PX * days_per_px;
                        [p.x + dx, plotted(p.y, log)]
                    })
                    .collect();
                if !pts.is_empty() {
                    plot_ui.points(
                        Points::new(s.name.clone(), PlotPoints::new(pts))
                            .shape(marker(shape))
                            .color(color)
                            .filled(true)
                            .radius(5.0)
                            .allow_hover(false),
                    );
                }
            }
        }
    });
    let transform = response.transform;
    keep_above_floor(ui.ctx(), id, y_range.0, log);
    // Series hidden by a click on their legend entry are hidden in the overlays too.
    let hidden = PlotMemory::load(ui.ctx(), id)
        .map(|m| m.hidden_items)
        .unwrap_or_default();
    let shown_series: Vec<bool> = timeline
        .series
        .iter()
        .map(|s| !hidden.contains(&ItemId::new(&s.name)))
        .collect();
    let is_shown = |i: usize| {
        let p = &timeline.points[i];
        drawn(p.y, log) && shown_series.get(p.series).copied().unwrap_or(true)
    };
    let place = |i: usize, v: f64| place(timeline, &transform, log, i, v);
    let painter = ui.painter_at(response.response.rect);
    overlays_ui(&painter, view, log, dark, &is_shown, &transform);
    // Every claim under the pointer, nearest first.
    let hovered = response
        .response
        .hover_pos()
        .map(|pos| under_pointer(timeline, pos, &place, &is_shown))
        .unwrap_or_default();
    let strong = ui.visuals().strong_text_color();
    for (k, &i) in hovered.iter().enumerate() {
        let width = if k == 0 { 2.0 } else { 1.0 };
        painter.circle_stroke(
            place(i, timeline.points[i].y),
            8.0,
            Stroke::new(width, strong),
        );
    }
    if let Some(&first) = hovered.first() {
        response.response.clone().on_hover_ui_at_pointer(|ui| {
            hover_list_ui(ui, corpus, timeline, &hovered);
        });
        if response.response.clicked() {
            commands.push(Command::Select {
                key: ClaimKey::of(corpus, timeline.points[first].row),
                scroll_table: false,
                scroll_article: true,
            });
        }
    }
    if let Some(i) = selected.and_then(|row| timeline.points.iter().position(|p| p.row == row))
        && is_shown(i)
    {
        painter.circle_stroke(
            place(i, timeline.points[i].y),
            9.0,
            Stroke::new(2.5, strong),
        );
    }
}

/// Where mark `i` is drawn at value `v`: its date and value on screen, moved sideways by
/// its dodge slot.
fn place(timeline: &Timeline, transform: &PlotTransform, log: bool, i: usize, v: f64) -> Pos2 {
    let p = &timeline.points[i];
    let at = transform.position_from_point(&PlotPoint::new(p.x, plotted(v, log)));
    at + egui::vec2((f64::from(p.dodge.of(log)) * DODGE_PX) as f32, 0.0)
}

/// On a linear axis of values from zero, a view panned or zoomed below zero is moved back
/// up (the next frame shows it).
fn keep_above_floor(ctx: &egui::Context, id: egui::Id, floor: f64, log: bool) {
    if log {
        return;
    }
    let Some(mut memory) = PlotMemory::load(ctx, id) else {
        return;
    };
    let bounds = *memory.bounds();
    let (min, max) = (bounds.min(), bounds.max());
    if memory.auto_bounds.y || min[1] >= floor - 1e-9 * (max[1] - min[1]).abs() {
        return;
    }
    let lift = floor - min[1];
    memory.set_bounds(PlotBounds::from_min_max(
        [min[0], floor],
        [max[0], max[1] + lift],
    ));
    memory.store(ctx, id);
    ctx.request_repaint();
}

/// The lines joining each entity's claims, date spans, value bars, vague bands, arrows and
/// group rings, painted over the plot.
fn overlays_ui(
    painter: &egui::Painter,
    view: &TimelineView<'_>,
    log: bool,
    dark: bool,
    is_shown: &impl Fn(usize) -> bool,
    transform: &PlotTransform,
) {
    let timeline = view.timeline;
    let place = |i: usize, v: f64| place(timeline, transform, log, i, v);
    let frame = *transform.frame();
    let at_date =
        |x: f64, v: f64| transform.position_from_point(&PlotPoint::new(x, plotted(v, log)));
    let rgb = theme::palette_on_background;
    // Each entity's claims joined in date order (painted here: a plot line would take the
    // legend's colour and joins of near-vertical steps draw badly).
    for s in &timeline.series {
        let color = theme::series_line(rgb(s.color, dark));
        for &(a, b) in &s.segments {
            if is_shown(a) && is_shown(b) {
                painter.line_segment(
                    [
                        place(a, timeline.points[a].y),
                        place(b, timeline.points[b].y),
                    ],
                    Stroke::new(1.0, color),
                );
            }
        }
    }
    for (i, p) in timeline.points.iter().enumerate() {
        if !is_shown(i) {
            continue;
        }
        let color = rgb(timeline.series[p.series].color, dark);
        let at = place(i, p.y);
        if p.x_hi - p.x_lo > 1.5 {
            // The date span stays at the date; only the mark moves sideways.
            let (a, b) = (at_date(p.x_lo, p.y), at_date(p.x_hi, p.y));
            painter.line_segment([a, b], Stroke::new(1.5, theme::date_span(color)));
            for end in [a, b] {
                painter.line_segment(
                    [end + egui::vec2(0.0, -3.0), end + egui::vec2(0.0, 3.0)],
                    Stroke::new(1.0, theme::date_span(color)),
                );
            }
        }
        if p.vague && p.y_hi > p.y {
            // An open band from the value up to its upper end, cut off by the plot's top.
            let top = place(i, p.y_hi).y.max(frame.top());
            let band =
                Rect::from_min_max(egui::pos2(at.x - 4.0, top), egui::pos2(at.x + 4.0, at.y));
            painter.rect_filled(band, 0.0, theme::vague_band(color));
            for x in [band.left(), band.right()] {
                painter.line_segment(
                    [egui::pos2(x, band.bottom()), egui::pos2(x, band.top())],
                    Stroke::new(1.0, theme::vague_band_side(color)),
                );
            }
        } else if p.y_hi > p.y_min && p.y_hi.is_finite() {
            let low = if drawn(p.y_min, log) { p.y_min } else { p.y };
            let top = place(i, p.y_hi);
            let bottom = place(i, low);
            painter.line_segment([bottom, top], Stroke::new(4.0, theme::value_span(color)));
        }
        if p.count > 1 {
            painter.circle_stroke(at, 7.5, Stroke::new(1.5, color));
        }
        if p.shape == Shape::Up {
            let start = at + egui::vec2(0.0, -6.0);
            painter.arrow(start, egui::vec2(0.0, -16.0), Stroke::new(1.5, color));
        }
    }
}

/// The marks under the pointer at `pos`, nearest first: markers within reach, and bars
/// and bands the pointer is on.
fn under_pointer(
    timeline: &Timeline,
    pos: Pos2,
    place: &impl Fn(usize, f64) -> Pos2,
    is_shown: &impl Fn(usize) -> bool,
) -> Vec<usize> {
    const REACH: f32 = 12.0;
    let mut found: Vec<(usize, f32)> = Vec::new();
    for (i, p) in timeline.points.iter().enumerate() {
        if !is_shown(i) {
            continue;
        }
        let at = place(i, p.y);
        let mut d = at.distance(pos);
        // On a bar or band: the distance to its column.
        let top_value = if p.y_hi.is_finite() { p.y_hi } else { p.y };
        if top_value > p.y_min && (pos.x - at.x).abs() <= 5.0 {
            let top = place(i, top_value).y;
            let bottom = place(i, p.y_min.max(f64::MIN_POSITIVE)).y.max(at.y);
            if pos.y >= top.min(at.y) && pos.y <= bottom {
                d = d.min((pos.x - at.x).abs() + REACH / 2.0);
            }
        }
        if d < REACH {
            found.push((i, d));
        }
    }
    found.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    found.into_iter().map(|(i, _)| i).collect()
}

/// The most claims the hover list shows.
const HOVER_MAX: usize = 12;

/// The hover list: each claim under the pointer with its value, action, subject, source,
/// date and article; the sentence when there is only one.
fn hover_list_ui(ui: &mut egui::Ui, corpus: &Corpus, timeline: &Timeline, marks: &[usize]) {
    ui.set_max_width(460.0);
    if marks.len() > 1 {
        ui.label(
            RichText::new(format!(
                "{} claims here (click selects the first)",
                marks.len()
            ))
            .weak(),
        );
    }
    for (k, &i) in marks.iter().take(HOVER_MAX).enumerate() {
        let p = &timeline.points[i];
        let Some(row) = corpus.rows.get(p.row) else {
            continue;
        };
        let Some(article) = corpus.articles.get(row.article) else {
            continue;
        };
        if k > 0 {
            ui.separator();
        }
        if p.count > 1 {
            ui.label(
                RichText::new(format!(
                    "{} claims of this source and date: median {}, from {} to {}. The median claim:",
                    p.count,
                    query::format_number(p.y),
                    query::format_number(p.y_min),
                    query::format_number(p.y_hi)
                ))
                .strong(),
            );
        }
        let what = [row.claim.action.as_deref(), row.claim.subject.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(query::format_value(&row.claim)).strong());
            if !what.is_empty() {
                ui.label(what);
            }
        });
        let source = match (row.source_text(), row.entity()) {
            (Some(t), Some(e)) if t != e => format!("{t} ({e})"),
            (Some(t), _) => t.to_string(),
            (None, _) => "no source".into(),
        };
        let date = corpus.date(row).map_or("no date".into(), |d| d.to_string());
        ui.label(format!("{source} · {date} · {}", article.short_name()));
        if marks.len() == 1 {
            ui.label(RichText::new(corpus.sentence(row).trim()).italics());
        }
    }
    if marks.len() > HOVER_MAX {
        ui.label(RichText::new(format!("… and {} more", marks.len() - HOVER_MAX)).weak());
    }
}

fn detail_ui(ui: &mut egui::Ui, corpus: &Corpus, row: usize, commands: &mut Vec<Command>) {
    let r = &corpus.rows[row];
    let text = format!(
        "{} — {} {} — {} — {}",
        corpus.date(r).map_or("no date".into(), |d| d.to_string()),
        query::format_value(&r.claim),
        r.claim.subject.as_deref().unwrap_or(""),
        r.entity().or(r.source_text()).unwrap_or("no source"),
        corpus.articles[r.article].short_name()
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Selected:").strong());
        ui.label(text);
        if ui
            .button("Show in article")
            .on_hover_text("Open the claims view at this claim")
            .clicked()
        {
            commands.push(Command::ShowInClaims(ClaimKey::of(corpus, row)));
        }
    });
    ui.label(
        RichText::new(corpus.sentence(&corpus.rows[row]))
            .italics()
            .weak(),
    );
}
