//! Calendar arithmetic for placing article dates on a time axis: a date of month precision
//! covers the whole month, one of year precision the whole year.

use crate::model::ArticleDate;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
#[must_use]
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number: (year, month, day).
#[must_use]
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// The days a date covers, `[first, end)`: one day, a whole month or a whole year.
#[must_use]
pub fn day_range(date: ArticleDate) -> (i64, i64) {
    match (date.month, date.day) {
        (Some(m), Some(d)) => {
            let first = days_from_civil(date.year, u32::from(m), u32::from(d));
            (first, first + 1)
        }
        (Some(m), None) => {
            let first = days_from_civil(date.year, u32::from(m), 1);
            let end = if m == 12 {
                days_from_civil(date.year + 1, 1, 1)
            } else {
                days_from_civil(date.year, u32::from(m) + 1, 1)
            };
            (first, end)
        }
        _ => (
            days_from_civil(date.year, 1, 1),
            days_from_civil(date.year + 1, 1, 1),
        ),
    }
}

/// A day number as `YYYY-MM-DD`.
#[must_use]
pub fn day_label(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A day number as `YYYY-MM` (for axis ticks).
#[must_use]
pub fn month_label(days: i64) -> String {
    let (y, m, _) = civil_from_days(days);
    format!("{y:04}-{m:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for d in [-1000, 0, 59, 60, 11_016, 19_000, 20_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        let feb = ArticleDate::parse("2024-02").unwrap();
        let (a, b) = day_range(feb);
        assert_eq!(b - a, 29);
        assert_eq!(day_label(a), "2024-02-01");
        let dec = ArticleDate::parse("2023-12").unwrap();
        assert_eq!(day_range(dec).1 - day_range(dec).0, 31);
    }
}
