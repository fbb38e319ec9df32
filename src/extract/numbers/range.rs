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
    // "5.25%-5.5%": a percent sign on both ends.
    if cx.is_punct(j, "%") && cx.glued(j) && cx.glued(j + 1) && cx.is_punct(j + 1, "-") {
        j += 1;
    }
    if j >= s.end {
        return None;
    }
    let between = n
        .first
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
        // "from 5 to 7" is a change, not a range.
        if n.first > s.first && cx.in_sec(n.first - 1, sec::RANGE_FROM) && !dash {
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
    let connector_end = connector_end?;
    let second = numeral_at_inner(cx, connector_end, s, true)?;
    if second.vague || second.fraction || second.multiplier || second.high.is_some() {
        return None;
    }
    let mut low = n.value;
    if second.scale != 1.0 && n.scale == 1.0 {
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
