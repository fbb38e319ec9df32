//! Tests of the plot rules `analysis::timeline` shares between the app and the chart: the
//! value axis' extent (from zero, a vague figure's guess left out) and the dodge slots.

#![allow(clippy::float_cmp)]

use super::*;
use crate::analysis::dates;

fn month(m: u32) -> (f64, f64) {
    let first = dates::days_from_civil(2023, m, 1);
    let next = if m == 12 {
        dates::days_from_civil(2024, 1, 1)
    } else {
        dates::days_from_civil(2023, m + 1, 1)
    };
    (first as f64, next as f64)
}

fn point((x_lo, x_hi): (f64, f64), y: f64, y_hi: f64, shape: Shape, series: usize) -> TimePoint {
    TimePoint {
        row: 0,
        x: f64::midpoint(x_lo, x_hi),
        x_lo,
        x_hi,
        y,
        y_hi,
        y_min: y,
        count: 1,
        shape,
        precise_day: x_hi - x_lo < 1.5,
        series,
        vague: false,
        dodge: Dodge::default(),
    }
}

fn vague(span: (f64, f64), y: f64, y_hi: f64, series: usize) -> TimePoint {
    TimePoint {
        vague: true,
        ..point(span, y, y_hi, Shape::Square, series)
    }
}

fn timeline(points: Vec<TimePoint>) -> Timeline {
    let series = (0..=points.iter().map(|p| p.series).max().unwrap_or(0))
        .map(|s| Series {
            name: format!("entity {s}"),
            entity: Some(format!("entity {s}")),
            color: color(Some(s)),
            points: (0..points.len())
                .filter(|&i| points[i].series == s)
                .collect(),
            ..Series::default()
        })
        .collect();
    let mut t = Timeline {
        points,
        series,
        ..Timeline::default()
    };
    t.dodge();
    t
}

#[test]
fn the_linear_axis_starts_at_zero() {
    let t = timeline(vec![
        point(month(3), 8_000.0, 8_000.0, Shape::Circle, 0),
        point(month(4), 12_000.0, 12_000.0, Shape::Circle, 1),
    ]);
    assert_eq!(t.value_extent(false), Some((0.0, 12_000.0)));
    let (lo, hi) = t.value_range(false).unwrap();
    assert_eq!(lo, 0.0, "no room below zero");
    assert!((hi - 13_200.0).abs() < 1e-6, "{hi}");
    // A log axis has room below its least value.
    let (lo, _) = t.value_range(true).unwrap();
    assert!(lo < 8_000f64.log10());
    // Only a negative value takes the axis below zero.
    let t = timeline(vec![
        point(month(3), -50.0, -50.0, Shape::Circle, 0),
        point(month(4), 100.0, 100.0, Shape::Circle, 0),
    ]);
    assert!(t.value_range(false).unwrap().0 < -50.0);
}

#[test]
fn a_vague_figure_does_not_stretch_the_scale() {
    // Zehntausende (10.000 to 100.000) beside stated figures up to 12.000.
    let t = timeline(vec![
        vague(month(3), 10_000.0, 100_000.0, 0),
        point(month(3), 8_000.0, 8_000.0, Shape::Circle, 1),
        point(month(4), 12_000.0, 12_000.0, Shape::Diamond, 1),
    ]);
    assert_eq!(t.value_extent(false), Some((0.0, 12_000.0)));
    assert_eq!(t.value_extent(true).map(|e| e.1), Some(12_000f64.log10()));
    // Its lower bound still counts.
    let t = timeline(vec![
        vague(month(3), 10_000.0, 100_000.0, 0),
        point(month(4), 2_000.0, 2_000.0, Shape::Circle, 1),
    ]);
    assert_eq!(t.value_extent(false), Some((0.0, 10_000.0)));
    // Only vague figures: their upper ends set the scale.
    let t = timeline(vec![vague(month(3), 10_000.0, 100_000.0, 0)]);
    assert_eq!(t.value_extent(false), Some((0.0, 100_000.0)));
    // A range's upper end is stated, and counts.
    let t = timeline(vec![
        point(month(3), 300.0, 450.0, Shape::Square, 0),
        point(month(4), 200.0, 200.0, Shape::Circle, 0),
    ]);
    assert_eq!(t.value_extent(false), Some((0.0, 450.0)));
}

#[test]
fn close_marks_at_one_date_are_dodged_symmetrically() {
    let t = timeline(vec![
        point(month(3), 10_000.0, 10_000.0, Shape::Circle, 0),
        point(month(3), 10_200.0, 10_200.0, Shape::Diamond, 1),
        point(month(3), 95_000.0, 95_000.0, Shape::Circle, 2),
        // Same value, another date: not dodged.
        point(month(4), 10_000.0, 10_000.0, Shape::Circle, 0),
        // Three at one date: left, middle, right.
        point(month(6), 50_000.0, 50_000.0, Shape::Circle, 0),
        point(month(6), 50_500.0, 50_500.0, Shape::Circle, 1),
        point(month(6), 51_000.0, 51_000.0, Shape::Circle, 2),
    ]);
    let linear: Vec<i32> = t.points.iter().map(|p| p.dodge.linear).collect();
    assert_eq!(linear, [-1, 1, 0, 0, -2, 0, 2]);
    // Close on both axes: 1.000 and 1.200 under 100.000.
    let t = timeline(vec![
        point(month(3), 1_000.0, 1_000.0, Shape::Circle, 0),
        point(month(3), 1_200.0, 1_200.0, Shape::Circle, 1),
        point(month(3), 100_000.0, 100_000.0, Shape::Circle, 2),
        point(month(4), 10.0, 10.0, Shape::Circle, 0),
    ]);
    let log: Vec<i32> = t.points.iter().map(|p| p.dodge.of(true)).collect();
    let linear: Vec<i32> = t.points.iter().map(|p| p.dodge.of(false)).collect();
    assert_eq!(log, [-1, 1, 0, 0]);
    assert_eq!(
        linear,
        [-1, 1, 0, 0],
        "both near the bottom of the linear axis"
    );
    // Far apart on a linear axis, close on a log one: 100.000 and 105.000 above a 1.
    let t = timeline(vec![
        point(month(3), 100_000.0, 100_000.0, Shape::Circle, 0),
        point(month(3), 105_000.0, 105_000.0, Shape::Circle, 1),
        point(month(4), 1.0, 1.0, Shape::Circle, 0),
    ]);
    assert_eq!(t.points[0].dodge, Dodge { linear: 0, log: -1 });
    assert_eq!(t.points[1].dodge, Dodge { linear: 0, log: 1 });
}

#[test]
fn a_mark_in_a_vague_band_is_dodged_beside_it() {
    let t = timeline(vec![
        vague(month(3), 10_000.0, 100_000.0, 0),
        point(month(3), 60_000.0, 60_000.0, Shape::Circle, 1),
        point(month(4), 90_000.0, 90_000.0, Shape::Circle, 1),
    ]);
    assert_eq!(t.points[0].dodge.linear, -1);
    assert_eq!(t.points[1].dodge.linear, 1);
    assert_eq!(t.points[2].dodge.linear, 0);
}

#[test]
fn many_close_marks_share_at_most_nine_columns() {
    let points = (0..20)
        .map(|i| point(month(3), 1_000.0 + f64::from(i), 1_000.0, Shape::Circle, 0))
        .collect();
    let t = timeline(points);
    let slots: Vec<i32> = t.points.iter().map(|p| p.dodge.linear).collect();
    assert!(slots.iter().all(|s| s.abs() <= 8), "{slots:?}");
    assert_eq!(slots[..9], [-8, -6, -4, -2, 0, 2, 4, 6, 8]);
}

#[test]
fn the_note_names_the_vague_figures() {
    let mut t = timeline(vec![
        vague(month(3), 10_000.0, 100_000.0, 0),
        point(month(4), 5_000.0, 5_000.0, Shape::Up, 1),
    ]);
    t.vague = vec![("Zehntausende".into(), 10_000.0)];
    let note = t.open_note(false).unwrap();
    assert!(
        note.starts_with("Zehntausende: drawn as an open band from 10.000."),
        "{note}"
    );
    assert!(note.contains("arrow up"), "{note}");
    t.vague.push(("Tausende".into(), 1_000.0));
    assert!(
        t.open_note(false)
            .unwrap()
            .contains("Zehntausende from 10.000, Tausende from 1.000")
    );
    assert_eq!(Timeline::default().open_note(false), None);
}
