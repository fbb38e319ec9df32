//! The timeline: the filtered claims on one subject and action over time (`egui_plot`). Dates
//! of month precision span their month, ranges and vague figures span their interval, "over"
//! figures carry an upward arrow; one colour per entity, one marker shape per qualifier.
//! Hovering shows a claim; clicking selects it.

use egui::{Pos2, RichText, Stroke};
use egui_plot::{Corner, Legend, MarkerShape, Plot, PlotPoint, PlotPoints, Points};

use super::command::Command;
use super::{ChartFormat, ClaimKey, PlotSettings, Request, theme};
use crate::analysis::dates;
use crate::analysis::query;
use crate::analysis::series::SeriesKey;
use crate::analysis::timeline::{Shape, Timeline};
use crate::corpus::Corpus;

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
    let selected = view.selected;
    let detail_height = if selected.is_some() { 70.0 } else { 0.0 };
    let plot_height = (ui.available_height() - detail_height).max(160.0);
    plot_ui(ui, view, plot.log_y, plot_height, commands);
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
}

fn plot_ui(
    ui: &mut egui::Ui,
    view: &TimelineView<'_>,
    log: bool,
    height: f32,
    commands: &mut Vec<Command>,
) {
    let timeline = view.timeline;
    let dark = ui.visuals().dark_mode;
    let rgb = theme::palette_on_background;
    let to_y = |v: f64| {
        if log {
            v.max(f64::MIN_POSITIVE).log10()
        } else {
            v
        }
    };
    let visible = |v: f64| !log || v > 0.0;
    let selected = view.selected;
    let (x0, x1, _, _) = timeline.bounds().unwrap_or((0.0, 1.0, 0.0, 1.0));
    let pad = ((x1 - x0) * 0.05).max(10.0);
    let y_label = timeline.y_label.clone();
    let mut plot = Plot::new("timeline-plot")
        .height(height)
        .legend(Legend::default().position(Corner::LeftTop))
        .x_axis_formatter(|mark, range| {
            let span = range.end() - range.start();
            if span < 120.0 {
                dates::day_label(mark.value.round() as i64)
            } else {
                dates::month_label(mark.value.round() as i64)
            }
        })
        .y_axis_formatter(move |mark, _| {
            let v = if log {
                10f64.powf(mark.value)
            } else {
                mark.value
            };
            query::format_number(v)
        })
        .y_axis_label(y_label)
        .y_axis_min_width(60.0)
        .show_x(false)
        .show_y(false)
        .include_x(x0 - pad)
        .include_x(x1 + pad)
        .allow_double_click_reset(true);
    if !log {
        plot = plot.include_y(0.0);
    }
    let corpus = view.corpus;
    let response = plot.show(ui, |plot_ui| {
        for s in &timeline.series {
            let color = rgb(s.color, dark);
            for shape in Shape::ALL {
                let pts: Vec<[f64; 2]> = s
                    .points
                    .iter()
                    .map(|&p| &timeline.points[p])
                    .filter(|p| p.shape == shape && visible(p.y))
                    .map(|p| [p.x, to_y(p.y)])
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
    // Date spans, value intervals, arrows and the hover ring are painted over the plot.
    let transform = response.transform;
    let painter = ui.painter_at(response.response.rect);
    let screen = |x: f64, y: f64| transform.position_from_point(&PlotPoint::new(x, to_y(y)));
    // Each entity's claims joined in date order (painted here: a plot line would take the
    // legend's colour and joins of near-vertical steps draw badly).
    for s in &timeline.series {
        let color = theme::series_line(rgb(s.color, dark));
        for &(a, b) in &s.segments {
            let (pa, pb) = (&timeline.points[a], &timeline.points[b]);
            if visible(pa.y) && visible(pb.y) {
                painter.line_segment(
                    [screen(pa.x, pa.y), screen(pb.x, pb.y)],
                    Stroke::new(1.0, color),
                );
            }
        }
    }
    for p in &timeline.points {
        if !visible(p.y) {
            continue;
        }
        let color = rgb(timeline.series[p.series].color, dark);
        let at = screen(p.x, p.y);
        if p.x_hi - p.x_lo > 1.5 {
            let a = screen(p.x_lo, p.y);
            let b = screen(p.x_hi, p.y);
            painter.line_segment([a, b], Stroke::new(1.5, theme::date_span(color)));
            for end in [a, b] {
                painter.line_segment(
                    [end + egui::vec2(0.0, -3.0), end + egui::vec2(0.0, 3.0)],
                    Stroke::new(1.0, theme::date_span(color)),
                );
            }
        }
        if p.y_hi > p.y_min && p.y_hi.is_finite() {
            let top = screen(p.x, p.y_hi);
            let bottom = screen(p.x, p.y_min);
            painter.line_segment([bottom, top], Stroke::new(4.0, theme::value_span(color)));
        }
        if p.count > 1 {
            painter.circle_stroke(at, 7.5, Stroke::new(1.5, color));
        }
        if p.shape == Shape::Up {
            let tip = at + egui::vec2(0.0, -22.0);
            painter.arrow(
                at + egui::vec2(0.0, -6.0),
                tip - (at + egui::vec2(0.0, -6.0)),
                Stroke::new(1.5, color),
            );
        }
        if selected == Some(p.row) {
            painter.circle_stroke(at, 9.0, Stroke::new(2.5, ui.visuals().strong_text_color()));
        }
    }
    // The claim nearest the pointer, within reach.
    let hovered = response
        .response
        .hover_pos()
        .and_then(|pos| nearest(timeline, pos, &screen, &visible));
    if let Some(i) = hovered {
        let p = &timeline.points[i];
        let at = screen(p.x, p.y);
        painter.circle_stroke(at, 8.0, Stroke::new(2.0, ui.visuals().strong_text_color()));
        let row = &corpus.rows[p.row];
        let article = &corpus.articles[row.article];
        let date = corpus.date(row).map_or("no date".into(), |d| d.to_string());
        let sentence = row.claim.sentence.slice(&article.text).trim().to_string();
        let value = query::format_value(&row.claim);
        let source = match (row.source_text(), row.entity()) {
            (Some(t), Some(e)) if t != e => format!("{t} ({e})"),
            (Some(t), _) => t.to_string(),
            (None, _) => "no source".into(),
        };
        let group = (p.count > 1).then(|| {
            format!(
                "{} claims of this source and date: median {}, from {} to {}",
                p.count,
                query::format_number(p.y),
                query::format_number(p.y_min),
                query::format_number(p.y_hi)
            )
        });
        response.response.clone().on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(420.0);
            if let Some(g) = &group {
                ui.label(RichText::new(g).strong());
                ui.label("The median claim:");
            }
            ui.label(RichText::new(value).strong());
            ui.label(format!("{source} · {date} · {}", article.short_name()));
            ui.label(RichText::new(sentence).italics());
        });
        if response.response.clicked() {
            commands.push(Command::Select {
                key: ClaimKey::of(corpus, p.row),
                scroll_table: false,
                scroll_article: true,
            });
        }
    }
}

fn nearest(
    timeline: &Timeline,
    pos: Pos2,
    screen: &impl Fn(f64, f64) -> Pos2,
    visible: &impl Fn(f64) -> bool,
) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, p) in timeline.points.iter().enumerate() {
        if !visible(p.y) {
            continue;
        }
        let d = screen(p.x, p.y).distance(pos);
        if d < 12.0 && best.is_none_or(|(_, b)| d < b) {
            best = Some((i, d));
        }
    }
    best.map(|(i, _)| i)
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
