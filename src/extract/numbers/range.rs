//! Ranges: `300 bis 450`, `zwischen 20 und 25`, `20-25`, `six or seven thousand`.

// Values are exact constants, so comparing them with `==` is intended.
#![allow(clippy::float_cmp)]

use super::{Numeral, numeral_at_inner};
use crate::extract::ctx::{Ctx, Sentence};
use crate::extract::lexicon::sec;

/// Extends a numeral into a range: `300 bis 450`, `zwischen 20 und 25`, `20-25`,
/// `six or seven million`. Returns the first token of a `zwischen`/`between` before it.
pub fn extend_range(cx: &Ctx, n: &mut Numeral, s: Sentence) -> Option<usize> {
    if n.vague || n.fraction || n.multiplier {
        return None;
    }
    let lex = cx.lex;
    let mut j = n.end;
    // "5% to 10%", "3 Mio. Euro und 5 Mio. Euro": a unit after both ends.
    let first_unit = cx.match_at(j, s.end, lex.sec(sec::UNIT));
    if let Some((end, _)) = first_unit {
        j = end;
    }
    if j >= s.end {
        return None;
    }
    // "between $20,000 and $35,000": a currency sign before both ends.
    let sign = cx.match_ending(n.first, s.first, lex.sec(sec::CURRENCY_SIGN));
    let lead = sign.map_or(n.first, |(first, _)| first);
    let between = lead
        .checked_sub(1)
        .filter(|&p| p >= s.first && cx.in_sec(p, sec::RANGE_START));
    let connector_end = if between.is_some() {
        cx.match_at(j, s.end, lex.sec(sec::RANGE_AND))
            .map(|(e, _)| e)
    } else if let Some((e, _)) = cx.match_at(j, s.end, lex.sec(sec::RANGE_TO)) {
        let dash = cx.is_any_punct(j);
        // A dash joins a range when glued on both sides or spaced on both sides.
        if dash && cx.glued(j) != cx.glued(j + 1) {
            return None;
        }
        // "rose from 5 to 7" is a change, not a range; "prices from $5 to $7" is a range.
        if lead > s.first
            && cx.in_sec(lead - 1, sec::RANGE_FROM)
            && !dash
            && change_before(cx, lead - 1, s)
        {
            return None;
        }
        // "bis zu" after a number starts an "at most" figure, not a range.
        if cx.in_sec(e, sec::RANGE_NOT_AFTER_TO) {
            return None;
        }
        Some(e)
    } else {
        cx.match_at(j, s.end, lex.sec(sec::RANGE_OR))
            .map(|(e, _)| e)
    };
    let mut connector_end = connector_end?;
    let mut repeated_sign = false;
    if let Some((_, code)) = sign
        && let Some((end, second_code)) =
            cx.match_at(connector_end, s.end, lex.sec(sec::CURRENCY_SIGN))
    {
        if second_code != code {
            return None;
        }
        connector_end = end;
        repeated_sign = true;
    }
    let second = numeral_at_inner(cx, connector_end, s, true)?;
    // The unit after the first end must be the unit after the second.
    if let Some((_, unit)) = first_unit
        && cx
            .match_at(second.end, s.end, lex.sec(sec::UNIT))
            .is_none_or(|(_, second_unit)| second_unit != unit)
    {
        return None;
    }
    if second.vague || second.fraction || second.multiplier || second.high.is_some() {
        return None;
    }
    let mut low = n.value;
    // "100 bis 300 Milliarden": the scale applies to both ends, unless both carry a currency
    // sign and the low end is larger than the scaled numeral ("$750,000 to $1 million").
    let own_amount = repeated_sign && low >= second.value / second.scale;
    if second.scale != 1.0 && n.scale == 1.0 && !own_amount {
        low *= second.scale;
    }
    // "six or seven thousand", "zwei bis dreitausend": the group word applies to both.
    let last = cx.lower_at(second.end - 1);
    if !n.digits && n.scale == 1.0 && n.value < 100.0 && second.scale == 1.0 {
        let group = lex
            .sec(sec::RANGE_GROUP)
            .iter()
            .find(|(word, _)| last.ends_with(word))
            .and_then(|(_, value)| value.parse::<f64>().ok())
            .unwrap_or(1.0);
        if second.value >= group * 2.0 && n.value * group < second.value {
            low *= group;
        }
    }
    if second.value <= low {
        return None;
    }
    n.value = low;
    n.high = Some(second.value);
    n.scale = second.scale;
    n.end = second.end;
    between
}

/// Whether a change verb or noun stands in the clause before `from` at `from`: "rose from 5
/// to 7" states a change, "prices from $5 to $7" a range.
fn change_before(cx: &Ctx, from: usize, s: Sentence) -> bool {
    let mut k = from;
    while k > s.first {
        k -= 1;
        if cx.in_sec(k, sec::CHANGE_VERB) || cx.in_sec(k, sec::CHANGE_NOUN) {
            return true;
        }
        if crate::extract::figure::hard_boundary(cx, k) {
            return false;
        }
    }
    false
}
