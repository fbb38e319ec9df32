//! Charts drawn without a window: the timeline as SVG or PNG ([`chart`]).

pub mod chart;
