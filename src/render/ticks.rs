//! The rules of the axes, for the exported chart and the app's plot alike: the time scale
//! with its day, month and year ticks (at month starts, days only for dates of day
//! precision), and the value scale, linear with round steps or logarithmic with labels at
//! powers of ten.

use crate::analysis::dates;
#[cfg(any(feature = "gui", test))]
use crate::analysis::query;

/// Sizes in pixels at the chart's scale (1 at 1200 × 700).
#[derive(Clone, Copy)]
pub(crate) struct Scale(f64);

impl Scale {
    pub(crate) fn of(width: u32, height: u32) -> Self {
        let s = (f64::from(width) / 1200.0).min(f64::from(height) / 700.0);
        Self(s.clamp(0.75, 16.0))
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

/// What a date tick stands for, and so how it is labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateUnit {
    /// A day: `2023-03-09`.
    Day,
    /// A month start: `2023-03`.
    Month,
    /// A year start: `2023`.
    Year,
}

impl DateUnit {
    /// The label of a tick at day `day` (the app's plot; the chart writes month names).
    #[cfg(any(feature = "gui", test))]
    pub(crate) fn label(self, day: f64) -> String {
        let day = day.round() as i64;
        match self {
            Self::Day => dates::day_label(day),
            Self::Month => dates::month_label(day),
            Self::Year => dates::civil_from_days(day).0.to_string(),
        }
    }

    /// The unit a grid step of about `days` days stands for (for a tick handed back by a
    /// plot that keeps only the step).
    #[cfg(any(feature = "gui", test))]
    pub(crate) fn of_step(days: f64) -> Self {
        if days >= 360.0 {
            Self::Year
        } else if days >= 28.0 {
            Self::Month
        } else {
            Self::Day
        }
    }
}

/// The ticks of the time axis: labelled ticks, unlabelled minor ones, what the labelled
/// ones stand for and their step in days (about: 30.4 a month).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DateTicks {
    pub(crate) major: Vec<f64>,
    pub(crate) minor: Vec<f64>,
    pub(crate) unit: DateUnit,
    pub(crate) step: f64,
}

/// The average length of a month in days.
const MONTH_DAYS: f64 = 30.436_875;

/// Date ticks within `x0..x1`: days for spans under four months when `days` (some date is
/// of day precision) and at most `max_days` fit; else at most `max_months` month starts
/// (every 1, 2, 3 or 6 months) or year starts (every 1, 2, 5, 10, … years). Month starts
/// are minor ticks between year labels, days between week labels, when they are not too
/// dense.
pub(crate) fn date_ticks(
    x0: f64,
    x1: f64,
    days: bool,
    max_days: usize,
    max_months: usize,
) -> DateTicks {
    if days && x1 - x0 < 120.0 {
        for step in [1.0, 2.0, 7.0, 14.0] {
            let major = steps(x0, x1, step);
            if major.len() <= max_days.max(2) {
                let minor = if step > 1.0 && (x1 - x0) <= 4.0 * max_days as f64 {
                    steps(x0, x1, 1.0)
                        .into_iter()
                        .filter(|t| !major.contains(t))
                        .collect()
                } else {
                    Vec::new()
                };
                return DateTicks {
                    major,
                    minor,
                    unit: DateUnit::Day,
                    step,
                };
            }
        }
    }
    let months = |step: i64| -> Vec<f64> {
        let (year, month, _) = dates::civil_from_days(x0.ceil() as i64);
        let first = i64::from(year) * 12 + i64::from(month) - 1;
        let mut index = first + (step - first.rem_euclid(step)) % step;
        let mut ticks = Vec::new();
        while month_start(index) <= x1 {
            if month_start(index) >= x0 {
                ticks.push(month_start(index));
            }
            index += step;
        }
        ticks
    };
    let mut chosen = (Vec::new(), 1);
    for step in [
        1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12_000,
    ] {
        chosen = (months(step), step);
        if chosen.0.len() <= max_months.max(2) {
            break;
        }
    }
    let (major, step) = chosen;
    let finer = if step <= 12 { 1 } else { 12 };
    let minor: Vec<f64> = if step > 1 {
        let all = months(finer);
        if all.len() <= 6 * max_months.max(2) {
            all.into_iter().filter(|t| !major.contains(t)).collect()
        } else {
            Vec::new()
        }
    } else {
        Vec::new()
    };
    DateTicks {
        major,
        minor,
        unit: if step >= 12 {
            DateUnit::Year
        } else {
            DateUnit::Month
        },
        step: step as f64 * MONTH_DAYS,
    }
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

/// Log ticks within `lo..hi` (log10 units), at most about `target` labelled: the powers
/// of ten (1, 10, 100, 1.000, …; every n-th when there are many), or also 2 and 5 times
/// them when fewer than two powers of ten show, or round values when less than a decade
/// shows; minor ticks at the other digits' multiples when at most eight decades show.
/// Never a label like 3.162,278.
pub(crate) fn log_ticks(lo: f64, hi: f64, target: usize) -> (Vec<f64>, Vec<f64>) {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return (Vec::new(), Vec::new());
    }
    let target = target.max(2);
    let (first, last) = (lo.floor() as i32, hi.ceil() as i32);
    let at = |digits: &[u8]| -> Vec<f64> {
        (first..=last)
            .flat_map(|k| {
                digits
                    .iter()
                    .map(move |&d| f64::from(k) + f64::from(d).log10())
            })
            .filter(|&t| t >= lo - 1e-9 && t <= hi + 1e-9)
            .collect()
    };
    let mut major = at(&[1]);
    if major.len() < 2 {
        major = at(&[1, 2, 5]);
    }
    if major.len() < 2 && hi - lo < 1.0 {
        // Zoomed into less than a decade: round values, spaced evenly in value.
        major = value_ticks(10f64.powf(lo), 10f64.powf(hi), target.min(8))
            .into_iter()
            .filter(|&v| v > 0.0)
            .map(f64::log10)
            .collect();
    }
    if major.len() > target {
        // Every n-th decade, keeping those whose exponent is a multiple of n.
        #[allow(clippy::cast_possible_wrap)] // at most a few hundred decades
        let every = major.len().div_ceil(target) as i32;
        major.retain(|&t| (t.round() as i32).rem_euclid(every) == 0);
    }
    let minor = if hi - lo <= 8.0 {
        at(&[1, 2, 3, 4, 5, 6, 7, 8, 9])
            .into_iter()
            .filter(|t| major.iter().all(|m| (m - t).abs() > 1e-9))
            .collect()
    } else {
        (first..=last)
            .map(f64::from)
            .filter(|&t| t >= lo && t <= hi && major.iter().all(|m| (m - t).abs() > 1e-9))
            .collect()
    };
    (major, minor)
}

/// Whether a log tick at `v` (log10 units) may carry a label: `10^v` is a round value (its
/// [label](log_label) is exact), as every labelled tick of [`log_ticks`] is; 3.162,278 is not.
#[cfg(any(feature = "gui", test))]
pub(crate) fn is_log_label(v: f64) -> bool {
    let r = 10f64.powf(v);
    let magnitude = 10f64.powi(r.log10().floor() as i32 - 2);
    r.is_finite() && r > 0.0 && ((r / magnitude).round() * magnitude - r).abs() <= 1e-6 * r
}

/// A log axis tick's label: `10^v` rounded to three significant digits (the app's plot; the
/// chart formats [`log_value`] in its language).
#[cfg(any(feature = "gui", test))]
pub(crate) fn log_label(v: f64) -> String {
    let r = 10f64.powf(v);
    if !(1e-3..1e13).contains(&r) {
        return format!("1e{}", v.round());
    }
    query::format_number(log_value(v))
}

/// The value of a log axis tick at `v` (log10 units): `10^v` rounded to three significant
/// digits.
pub(crate) fn log_value(v: f64) -> f64 {
    let r = 10f64.powf(v);
    if !r.is_finite() || r <= 0.0 {
        return r;
    }
    let magnitude = 10f64.powi(r.log10().floor() as i32 - 2);
    (r / magnitude).round() * magnitude
}

/// The ticks of the value axis over `range` (plotted units): labelled and minor ticks.
pub(crate) fn value_ticks_in(range: (f64, f64), log: bool, target: usize) -> (Vec<f64>, Vec<f64>) {
    if log {
        log_ticks(range.0, range.1, target)
    } else {
        (value_ticks(range.0, range.1, target), Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_of_month(t: f64) -> u32 {
        dates::civil_from_days(t.round() as i64).2
    }

    #[test]
    fn month_ticks_sit_at_month_starts() {
        let jan = dates::days_from_civil(2023, 1, 1) as f64;
        for (x0, x1, max) in [
            (jan + 40.0, jan + 300.0, 12),
            (jan - 5.0, jan + 3.0 * 365.0, 12),
            (jan + 17.5, jan + 200.25, 3),
        ] {
            let t = date_ticks(x0, x1, false, 100, max);
            assert!(!t.major.is_empty());
            assert!(t.major.len() <= max, "{:?}", t.major);
            for tick in t.major.iter().chain(&t.minor) {
                assert_eq!(day_of_month(*tick), 1, "{}", dates::day_label(*tick as i64));
            }
        }
        let t = date_ticks(jan - 5.0, jan + 3.0 * 365.0, false, 100, 12);
        assert_eq!(t.major.first(), Some(&jan));
        assert_eq!(t.unit, DateUnit::Month);
        assert_eq!(t.unit.label(jan + 31.0), "2023-02");
    }

    #[test]
    fn long_spans_have_year_ticks() {
        let jan = dates::days_from_civil(2010, 1, 1) as f64;
        let t = date_ticks(jan - 20.0, jan + 12.0 * 365.0, true, 50, 8);
        assert_eq!(t.unit, DateUnit::Year);
        assert!(t.major.len() <= 8 && t.major.len() >= 4, "{:?}", t.major);
        for tick in &t.major {
            assert_eq!(dates::civil_from_days(*tick as i64).1, 1, "January");
            assert_eq!(day_of_month(*tick), 1);
        }
        assert_eq!(t.unit.label(jan), "2010");
        assert_eq!(DateUnit::of_step(t.step), DateUnit::Year);
    }

    #[test]
    fn day_ticks_only_for_dates_of_day_precision() {
        let march = dates::days_from_civil(2023, 3, 1) as f64;
        // Month-only dates over a short span: month starts, no days.
        let t = date_ticks(march - 10.0, march + 41.0, false, 40, 10);
        assert_eq!(t.unit, DateUnit::Month);
        assert!(
            t.major
                .iter()
                .chain(&t.minor)
                .all(|&d| day_of_month(d) == 1)
        );
        assert_eq!(t.major, [march, march + 31.0]);
        // Dates of a day: days.
        let t = date_ticks(march - 10.0, march + 41.0, true, 60, 10);
        assert_eq!(t.unit, DateUnit::Day);
        assert_eq!(t.major.len(), 52);
        assert_eq!(DateUnit::of_step(t.step), DateUnit::Day);
        // Long spans have no day ticks even with days.
        let t = date_ticks(march, march + 400.0, true, 1000, 10);
        assert_ne!(t.unit, DateUnit::Day);
    }

    #[test]
    fn log_labels_only_at_powers_of_ten() {
        for (lo, hi) in [(0.9, 6.2), (-0.3, 5.4), (1.7, 4.05), (0.0, 12.0)] {
            let (major, minor) = log_ticks(lo, hi, 10);
            assert!(major.len() >= 2, "{lo}..{hi}: {major:?}");
            for t in &major {
                assert!((t - t.round()).abs() < 1e-9, "{lo}..{hi}: {t}");
            }
            assert!(minor.iter().all(|m| !major.contains(m)));
        }
        let (major, _) = log_ticks(-0.3, 5.4, 10);
        let labels: Vec<String> = major.iter().map(|&t| log_label(t)).collect();
        assert_eq!(labels, ["1", "10", "100", "1.000", "10.000", "100.000"]);
        // Many decades: every n-th one.
        let (major, _) = log_ticks(0.0, 12.0, 6);
        assert_eq!(major, [0.0, 3.0, 6.0, 9.0, 12.0]);
        // One power of ten in view: 2 and 5 times them too.
        let (major, _) = log_ticks(3.05, 4.2, 10);
        let labels: Vec<String> = major.iter().map(|&t| log_label(t)).collect();
        assert_eq!(labels, ["2.000", "5.000", "10.000"]);
        // Zoomed into less than a decade: round values still.
        let (major, _) = log_ticks(3.17, 3.19, 10);
        assert!(major.len() >= 2);
        assert!(major.iter().all(|&t| is_log_label(t)));
        assert!(!is_log_label(0.5), "3.162,278 carries no label");
        assert!(is_log_label(3.0) && is_log_label(2f64.log10()));
    }

    #[test]
    fn linear_ticks_are_round() {
        assert_eq!(
            value_ticks(0.0, 110.0, 5),
            [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
    }
}
