//! Integration tests, one module per area.

mod app;
mod cli;
mod extract;
mod hostile;
mod load;
mod nolostwork;
mod props;
mod regressions;
mod robust;
