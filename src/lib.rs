//! claimtrack: find, compare and track the figures in news articles.
//!
//! The core is GUI-free: [`io`] reads article files and writes workspaces and exports,
//! [`extract`] finds the claims, [`corpus`] holds the open articles with the user's
//! corrections applied, [`analysis`] filters, compares and places claims in time, [`render`]
//! draws charts, and [`cli`] runs the command line. Failures that reach a user are one
//! [`Error`]. The desktop app ([`app`]) is a thin layer
//! over them, built with the default `gui` feature.

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
