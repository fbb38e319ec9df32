//! What is computed over extracted claims, GUI-free: filtering and sorting ([`query`]), the
//! timeline's geometry ([`timeline`]), comparisons and contradictions ([`compare`]) and
//! calendar arithmetic ([`dates`]).

pub mod compare;
pub mod dates;
pub mod query;
pub mod series;
pub mod timeline;
