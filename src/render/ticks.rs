//! The chart's axes: the time scale with its month and year ticks, and the value scale,
//! linear or logarithmic, with round steps.

use crate::analysis::dates;
use crate::analysis::query;
use crate::analysis::timeline::Timeline;

/// Sizes in pixels at the chart's scale (1 at 1200 × 700).
#[derive(Clone, Copy)]
pub(crate) struct Scale(f64);

impl Scale {
    pub(crate) fn of(width: u32, height: u32) -> Self {
        let s = (f64::from(width) / 1200.0).min(f64::from(height) / 700.0);
        Self(s.clamp(0.75, 4.0))
    }

    pub(crate) fn f(self, v: f64) -> f64 {
        v * self.0
    }

    pub(crate) fn px(self, v: f64) -> i32 {
        (v * self.0).round() as i32
    }

    /// The radius of a marker (small circles come out ragged).
    pub(crate) fn marker(self) -> i32 {
        self.px(5.0).max(5)
    }

    pub(crate) fn stroke(self, v: f64) -> u32 {
        (v * self.0).round().max(1.0) as u32
    }
}

/// The round step nearest to `raw` (1, 2 or 5 times a power of ten).
pub(crate) fn nice_step(raw: f64) -> f64 {
    if raw.is_nan() || raw <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    let f = raw / magnitude;
    let n = if f < 1.5 {
        1.0
    } else if f < 3.0 {
        2.0
    } else if f < 7.0 {
        5.0
    } else {
        10.0
    };
    n * magnitude
}

/// The first day of month number `index` (year × 12 + month − 1).
pub(crate) fn month_start(index: i64) -> f64 {
    let year = index.div_euclid(12) as i32;
    let month = index.rem_euclid(12) as u32 + 1;
    dates::days_from_civil(year, month, 1) as f64
}

/// Date ticks within `x0..x1`: days for spans under four months if at most `max_days` fit,
/// else at most `max_months` month starts (every 1, 2, 3, 6, 12, … months). `true` when they
/// are days.
pub(crate) fn date_ticks(x0: f64, x1: f64, max_days: usize, max_months: usize) -> (Vec<f64>, bool) {
    if x1 - x0 < 120.0 {
        for step in [1.0, 2.0, 7.0, 14.0] {
            let ticks = steps(x0, x1, step);
            if ticks.len() <= max_days.max(2) {
                return (ticks, true);
            }
        }
    }
    let (year, month, _) = dates::civil_from_days(x0.ceil() as i64);
    let first = i64::from(year) * 12 + i64::from(month) - 1;
    let mut ticks = Vec::new();
    for step in [1, 2, 3, 6, 12, 24, 60, 120, 300, 600, 1200] {
        ticks.clear();
        let mut index = first + (step - first.rem_euclid(step)) % step;
        while month_start(index) <= x1 {
            if month_start(index) >= x0 {
                ticks.push(month_start(index));
            }
            index += step;
        }
        if ticks.len() <= max_months.max(2) {
            break;
        }
    }
    (ticks, false)
}

/// Linear value ticks within `lo..hi`: round steps, about `target` of them.
pub(crate) fn value_ticks(lo: f64, hi: f64, target: usize) -> Vec<f64> {
    let step = nice_step((hi - lo) / target.max(2) as f64);
    steps(lo, hi + step * 1e-9, step)
}

/// The multiples of `step` within `lo..=hi`.
pub(crate) fn steps(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let (first, last) = ((lo / step).ceil() as i64, (hi / step).floor() as i64);
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Log ticks within `lo..hi` (log10 units), at most about `target`: the decades (every n-th
/// when there are many), or 1, 2, 5 or every digit times them when few decades show, or
/// round values when less than a decade shows; and minor grid lines at the other digits.
pub(crate) fn log_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, Vec<f64>) {
    let target = target.max(2);
    let (first, last) = (lo.floor() as i32, hi.ceil() as i32);
    let at = |digits: &'static [u8]| -> Vec<f64> {
        (first..=last)
            .flat_map(|k| {
                digits
                    .iter()
                    .map(move |&d| f64::from(k) + f64::from(d).log10())
            })
            .filter(|&t| t >= lo && t <= hi)
            .collect()
    };
    if hi - lo < 1.0 {
        // Less than a decade: round values, spaced evenly in value.
        let major = value_ticks(10f64.powf(lo), 10f64.powf(hi), target.min(8))
            .into_iter()
            .filter(|&v| v > 0.0)
            .map(f64::log10)
            .collect();
        return (major, Vec::new());
    }
    let mut major = Vec::new();
    for digits in [&[1u8][..], &[1, 2, 5], &[1, 2, 3, 4, 5, 6, 7, 8, 9]] {
        let ticks = at(digits);
        if ticks.len() > target && !major.is_empty() {
            break;
        }
        major = ticks;
        if major.len() >= 3 {
            break;
        }
    }
    if major.len() > target {
        let every = major.len().div_ceil(target);
        major = major.into_iter().step_by(every).collect();
    }
    let minor = if hi - lo <= 8.0 {
        at(&[1, 2, 3, 4, 5, 6, 7, 8, 9])
            .into_iter()
            .filter(|t| major.iter().all(|m| (m - t).abs() > 1e-9))
            .collect()
    } else {
        Vec::new()
    };
    (major, minor)
}

/// A log axis tick's label: `10^v` rounded to three significant digits.
pub(crate) fn log_label(v: f64) -> String {
    let r = 10f64.powf(v);
    if !(1e-3..1e13).contains(&r) {
        return format!("1e{}", v.round());
    }
    let magnitude = 10f64.powi(r.log10().floor() as i32 - 2);
    query::format_number((r / magnitude).round() * magnitude)
}

/// Whether a value is drawn (on a log axis only positive values are).
pub(crate) fn visible(y: f64, log: bool) -> bool {
    y.is_finite() && (!log || y > 0.0)
}

/// The value in plotted units.
pub(crate) fn to_y(v: f64, log: bool) -> f64 {
    if log { v.log10() } else { v }
}

/// The extent of the drawn points: `((x0, x1), (y0, y1))`, y in plotted units.
pub(crate) fn extent(timeline: &Timeline, log: bool) -> Option<((f64, f64), (f64, f64))> {
    let mut x = (f64::INFINITY, f64::NEG_INFINITY);
    let mut y = (f64::INFINITY, f64::NEG_INFINITY);
    for p in &timeline.points {
        if !visible(p.y, log) || !p.x_lo.is_finite() || !p.x_hi.is_finite() {
            continue;
        }
        x = (x.0.min(p.x_lo), x.1.max(p.x_hi));
        for v in [p.y, p.y_min, p.y_hi] {
            if visible(v, log) {
                y = (y.0.min(to_y(v, log)), y.1.max(to_y(v, log)));
            }
        }
    }
    (x.0 <= x.1).then_some((x, y))
}

/// The value axis for values `y0..y1` (plotted units): its range, labelled and minor ticks.
pub(crate) fn value_axis(
    y0: f64,
    y1: f64,
    log: bool,
    target: usize,
) -> ((f64, f64), Vec<f64>, Vec<f64>) {
    if log {
        let span = (y1 - y0).max(1.0);
        let (lo, hi) = (y0 - 0.05 * span, y1 + 0.1 * span);
        let (major, minor) = log_ticks(lo, hi, target);
        return ((lo, hi), major, minor);
    }
    // From zero.
    let (mut lo, mut hi) = (y0.min(0.0), y1.max(0.0));
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        hi = lo + 1.0;
    }
    let span = hi - lo;
    hi += 0.1 * span;
    if lo < 0.0 {
        lo -= 0.05 * span;
    }
    ((lo, hi), value_ticks(lo, hi, target), Vec::new())
}
