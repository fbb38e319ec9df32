//! Integration tests, one module per area.

mod cli;
mod extract;
mod load;
mod robust;
