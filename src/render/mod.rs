//! Charts drawn without a window, for the app's export and `claimtrack chart`: the timeline
//! as SVG or PNG ([`chart`]), with its text ([`text`]), axes ([`ticks`]), marks ([`marks`])
//! and legend ([`legend`]); its words in German or English ([`labels`]: title, axis name,
//! source line, notes, alt text; [`words`]: the table `assets/chart_words.txt`). The app's
//! plot uses the same axis rules ([`ticks`]).

pub mod chart;
pub mod labels;
mod legend;
mod marks;
mod text;
pub(crate) mod ticks;
mod words;
