//! Everything that touches files: decoding article files ([`load`], [`html`]), the bundled
//! samples ([`samples`]), where an article comes from ([`origin`]), the one load pipeline from paths to extracted articles
//! ([`pipeline`]), the workspace file with the user's corrections ([`workspace`]) and the
//! claim exports ([`export`]).

pub mod export;
pub mod html;
pub mod load;
pub mod origin;
pub mod pipeline;
pub mod samples;
pub mod workspace;
