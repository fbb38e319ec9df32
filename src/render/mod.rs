//! Charts drawn without a window, for the app's export and `claimtrack chart`: the timeline
//! as SVG or PNG ([`chart`]), with its text ([`text`]), axes ([`ticks`]), marks ([`marks`])
//! and legend ([`legend`]).

pub mod chart;
mod legend;
mod marks;
mod text;
mod ticks;
