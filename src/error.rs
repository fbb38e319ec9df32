//! The one error type at the edges, the command line and the app: every failure of the core
//! that reaches a user. Each message says what went wrong first and the file it concerns
//! last (`cannot read: permission denied: news/a.txt`), as the core's own errors do.

use crate::extract::entity::AliasFileError;
use crate::io::load::LoadError;
use crate::io::workspace::WorkspaceError;
use crate::render::chart::ChartError;

/// A failure that reaches the user.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An article file could not be loaded (the other files go on).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A workspace file could not be read or written.
    #[error(transparent)]
    Workspace(#[from] WorkspaceError),
    /// A user alias file could not be used.
    #[error(transparent)]
    Aliases(#[from] AliasFileError),
    /// A chart could not be drawn or written.
    #[error(transparent)]
    Chart(#[from] ChartError),
    /// Standard output could not be written.
    #[error("cannot write the output: {0}")]
    Output(#[source] std::io::Error),
    /// The app's window could not be opened.
    #[error("cannot open the window: {0}")]
    Window(String),
    /// The app was asked for, but this build has none.
    #[error("this build has no app (built without the `gui` feature)")]
    NoApp,
}

impl Error {
    /// The command line's exit status for it: 2 when nothing could run (a bad workspace or
    /// alias file, no app in this build), 1 when some work failed.
    #[must_use]
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Workspace(_) | Self::Aliases(_) | Self::NoApp => 2,
            Self::Load(_) | Self::Chart(_) | Self::Output(_) | Self::Window(_) => 1,
        }
    }

    /// Whether it is worth telling: a closed output pipe (`claimtrack extract ... | head`) is
    /// the reader's choice, not a failure to report.
    #[must_use]
    pub fn is_reportable(&self) -> bool {
        !matches!(self, Self::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}
