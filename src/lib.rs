//! claimtrack: find, compare and track the figures in news articles.
//!
//! The core is GUI-free; the desktop app ([`app`], default feature `gui`) and the command
//! line ([`cli`]) are thin layers over it. `docs/ARCHITECTURE.md` says where to change what.
//!
//! The public API, by layer:
//!
//! - [`io`]: [`io::origin::Origin`] (a file, folder or bundled sample) and the one load
//!   pipeline, [`io::pipeline::load`] with [`io::pipeline::LoadOptions`] (threads, cancel,
//!   progress); single files with [`io::load::load_file`] into a [`io::load::Document`]; the
//!   user's corrections in [`io::workspace::Workspace`]; [`io::export`] for JSON and CSV.
//! - [`extract`]: [`extract::Extractor`] turns a document into an
//!   [`model::ExtractedArticle`], its claims in the schema of `EXTRACTION.md`
//!   ([`model::Claim`]); [`extract::lang::detect`] tells German from English. The rules
//!   themselves are internal.
//! - [`corpus::Corpus`]: the open articles with the workspace's corrections applied, as rows.
//! - [`analysis`]: filtering and sorting ([`analysis::query`]), the timeline's geometry
//!   ([`analysis::timeline`]), comparisons ([`analysis::compare`]).
//! - [`render::chart`]: the timeline as SVG or PNG, without a window.
//! - [`Error`]: every failure that reaches a user, naming its file.
//!
//! ```
//! use claimtrack::extract::Extractor;
//! use claimtrack::io::load::Document;
//!
//! let doc = Document::from_text(
//!     "a.txt",
//!     "Nach Angaben der Polizei wurden rund 300 Menschen festgenommen.".into(),
//! );
//! let article = Extractor::new().extract(&doc);
//! let claim = &article.claims[0];
//! assert_eq!(claim.value, 300.0);
//! assert_eq!(claim.source.as_ref().map(|s| s.text.as_str()), Some("Polizei"));
//! ```

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod bench;
pub mod cli;
pub mod corpus;
pub mod error;
pub mod extract;
pub mod io;
pub mod model;
pub mod render;

pub use error::Error;
