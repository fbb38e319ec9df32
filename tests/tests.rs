//! Integration tests, one module per area.

#[cfg(feature = "gui")]
mod app;
mod cli;
mod compare;
mod extract;
#[cfg(feature = "gui")]
mod file_dialog;
mod hostile;
mod load;
#[cfg(feature = "gui")]
mod nolostwork;
mod props;
mod regressions;
mod robust;
