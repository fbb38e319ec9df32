//! Integration tests, one module per area.

mod app;
mod cli;
mod extract;
mod load;
mod robust;
