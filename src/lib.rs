//! claimtrack: find, compare and track the figures in news articles.
//!
//! The core is GUI-free: [`load`] decodes article files, [`extract`] finds the claims,
//! [`export`] writes them as JSON or CSV, and [`cli`] runs the command line.

pub mod app;
pub mod bench;
pub mod chart;
pub mod cli;
pub mod compare;
pub mod corpus;
pub mod dates;
pub mod entity;
pub mod export;
pub mod extract;
pub mod html;
pub mod lexicon;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod query;
pub mod samples;
pub mod timeline;
pub mod workspace;
