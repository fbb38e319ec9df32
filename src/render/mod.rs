//! Charts drawn without a window, for the app's export and `claimtrack chart`: the timeline
//! as SVG or PNG ([`chart`]), with its text ([`text`]), axes ([`ticks`]), marks ([`marks`])
//! and legend ([`legend`]). The app's plot uses the same axis rules ([`ticks`]).

pub mod chart;
mod legend;
mod marks;
mod text;
pub(crate) mod ticks;
