//! The app's files: loading articles in the background, opening and saving workspaces and the
//! session, and exports. Loads and writes run on worker threads ([`super::jobs`]); their
//! results come back through [`App::poll`] (every frame) or [`App::wait`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::io::origin::Origin;
use std::sync::Arc;

use crate::io::export;
use crate::io::workspace::{Workspace, WorkspaceError};
use crate::render::chart;

use super::file_dialog::FileDialog;
use super::jobs::{self, LoadJob, LoadWork, WriteError};
use super::{App, DataFormat, Request, plural};

/// The most claims an exported chart draws one by one.
const EXPORT_MAX_POINTS: usize = 50_000;

impl App {
    pub(super) fn workspace_failed(&mut self, path: &Path, e: &WorkspaceError) {
        let state = &mut self.state;
        if let WorkspaceError::TooNew { .. } = e {
            state.save_blocked = Some(format!(
                "{e}. It is left untouched; use “Save workspace as…” to keep working elsewhere."
            ));
        } else {
            // Keep the damaged file beside the new one before anything overwrites it.
            let mut backup = path.as_os_str().to_os_string();
            backup.push(".damaged");
            let backup = PathBuf::from(backup);
            let kept = std::fs::copy(path, &backup).is_ok();
            state.save_blocked = (!kept)
                .then(|| format!("{e}. It could not be backed up, so it is not overwritten."));
            if kept {
                state.problems.push(format!(
                    "{e}. A copy is kept as {}; starting with an empty workspace.",
                    backup.display()
                ));
            }
        }
        if let Some(reason) = &state.save_blocked {
            state.problems.push(reason.clone());
        }
        state.status = format!("{e}");
    }

    /// Opens articles (files, folders, bundled samples) in the background; `replace` closes
    /// the open articles first.
    pub fn open<O: Into<Origin>>(&mut self, articles: impl IntoIterator<Item = O>, replace: bool) {
        let paths: Vec<Origin> = articles.into_iter().map(Into::into).collect();
        if paths.is_empty() {
            return;
        }
        if self.runtime.job.is_some() {
            self.runtime.queued.push((paths, replace));
            return;
        }
        self.state.status = format!("Loading {} …", plural(paths.len(), "path"));
        self.runtime.job = Some(LoadJob::start(
            paths,
            replace,
            Arc::clone(&self.runtime.extractor),
            self.runtime.waker.clone(),
        ));
    }

    /// Runs custom loading work (an importer, a test) in the background like a load of files;
    /// refused with a status message while another load runs.
    pub fn open_with(&mut self, replace: bool, work: LoadWork) {
        if self.runtime.job.is_some() {
            self.state.status = "Still loading; try again when it has finished.".into();
            return;
        }
        self.state.status = "Loading …".into();
        self.runtime.job = Some(LoadJob::spawn(replace, work, self.runtime.waker.clone()));
    }

    /// Whether articles are being loaded.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.runtime.job.is_some() || !self.runtime.queued.is_empty()
    }

    /// Progress of the running load: (files done, files in all).
    #[must_use]
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.runtime.job.as_ref().map(LoadJob::progress)
    }

    /// Whether workspace, session or export writes are pending.
    #[must_use]
    pub fn is_saving(&self) -> bool {
        self.runtime.writer.busy()
    }

    /// Asks the running load to stop; what has loaded is kept.
    pub fn cancel_loading(&mut self) {
        self.runtime.queued.clear();
        if let Some(job) = &self.runtime.job {
            job.cancel();
        }
    }

    /// Blocks until all loads and writes have finished and their results are applied
    /// (tests, and the shell before it exits).
    pub fn wait(&mut self) {
        while let Some(job) = self.runtime.job.take() {
            let result = job.wait();
            self.finish_load(result);
        }
        for (path, result) in self.runtime.writer.wait() {
            self.write_done(&path, result);
        }
    }

    /// Applies finished background work; called every frame.
    pub fn poll(&mut self) {
        if let Some(job) = &self.runtime.job
            && let Some(result) = job.try_result()
        {
            let finished = self.runtime.job.take();
            drop(finished);
            self.finish_load(result);
        }
        for (path, result) in self.runtime.writer.poll() {
            self.write_done(&path, result);
        }
    }

    /// Closes every article: the one way both "Close all articles" and a replacing load
    /// empty the app (the corrections stay in the workspace).
    pub(super) fn close_articles(&mut self) {
        let state = &mut self.state;
        state.corpus.clear();
        state.workspace.articles.clear();
        state.selected = None;
        state.picked.clear();
    }

    fn finish_load(&mut self, result: jobs::LoadResult) {
        match result.outcome {
            Err(panic) => {
                self.state
                    .problems
                    .push(format!("Loading stopped with an internal error: {panic}"));
                self.state.status = "Loading failed (see Problems).".into();
            }
            Ok(loaded) => {
                if result.replace {
                    self.close_articles();
                }
                let state = &mut self.state;
                let mut paths: Vec<String> =
                    loaded.articles.iter().map(|a| a.path.clone()).collect();
                let loaded_count = loaded.articles.len();
                let first_new = state.corpus.articles.len();
                let added = state.corpus.add(loaded.articles);
                let duplicates = loaded_count - added;
                paths.retain(|p| !state.workspace.articles.contains(p));
                state.workspace.articles.extend(paths);
                for e in &loaded.errors {
                    state.problems.push(e.to_string());
                }
                // Only the new articles' rows are made; the open ones stay as they are.
                state.corpus.extend_rows(first_new, &state.workspace);
                let claims = state.corpus.rows.len()
                    - state.corpus.rows.partition_point(|r| r.article < first_new);
                let moved = self.migrate_entity_choices();
                self.save_workspace();
                let mut status = format!(
                    "Opened {} with {}.",
                    plural(added, "article"),
                    plural(claims, "claim")
                );
                if duplicates > 0 {
                    let _ = write!(
                        status,
                        " {} skipped (the same text is open already).",
                        plural(duplicates, "duplicate")
                    );
                }
                if loaded.errors.len() == 1 {
                    let _ = write!(status, " 1 file failed: {}", loaded.errors[0]);
                } else if !loaded.errors.is_empty() {
                    let _ = write!(
                        status,
                        " {} failed (see Problems).",
                        plural(loaded.errors.len(), "file")
                    );
                }
                if loaded.cancelled {
                    status.push_str(" Cancelled: the rest was not loaded.");
                }
                if moved > 0 {
                    let _ = write!(
                        status,
                        " The workspace has {} about entities the extractor now names otherwise (see Problems).",
                        plural(moved, "note")
                    );
                }
                self.state.status = status;
                if self.state.selected.is_none() {
                    let first = self.visible_rows().first().copied();
                    self.state.selected = first.map(|r| self.key_of(r));
                }
            }
        }
        if let Some((paths, replace)) =
            (!self.runtime.queued.is_empty()).then(|| self.runtime.queued.remove(0))
        {
            self.open(paths, replace);
        }
    }

    /// Carries the workspace's renames and affiliations keyed by an entity the extractor
    /// no longer gives over to the source texts it was named after (as alias moves, not
    /// undoable), and says once in Problems what moved and what matches no source now
    /// (which is kept). Returns how many notes are new.
    fn migrate_entity_choices(&mut self) -> usize {
        let state = &mut self.state;
        let migration = state.corpus.migrate(&state.workspace.entities);
        let mut new = 0;
        for moved in &migration.moved {
            let message = moved.message();
            if self.runtime.said.insert(message.clone()) {
                state.problems.push(message);
                new += 1;
            }
        }
        if !migration.aliases.is_empty() {
            for (text, to) in &migration.aliases {
                state.workspace.entities.move_alias(text, to);
            }
            state.corpus.rebuild(&state.workspace);
        }
        new
    }

    fn write_done(&mut self, path: &Path, result: Result<String, WriteError>) {
        let state = &mut self.state;
        match result {
            Ok(message) => {
                if !message.is_empty() {
                    state.status = message;
                }
            }
            Err(WriteError::Build { message, to_status }) => {
                if to_status {
                    state.status.clone_from(&message);
                }
                state.problems.push(message);
            }
            Err(WriteError::Io(e)) => {
                let message = format!("Could not write {}: {e}", path.display());
                state.problems.push(message.clone());
                state.status = message;
            }
        }
    }

    /// Saves the workspace in the background (atomically), if it has a file.
    pub fn save_workspace(&mut self) {
        if self.state.save_blocked.is_some() {
            return;
        }
        let Some(path) = self.state.workspace_path.clone() else {
            return;
        };
        // Entities keep their colours from session to session.
        let state = &mut self.state;
        for (name, index) in state.corpus.colors() {
            state
                .workspace
                .colors
                .entry(name.to_string())
                .or_insert(index);
        }
        match self.state.workspace.to_json() {
            Ok(text) => self
                .runtime
                .writer
                .write(path, text.into_bytes(), String::new()),
            Err(e) => self
                .state
                .problems
                .push(format!("Could not save the workspace: {e}")),
        }
    }

    pub(super) fn save_session(&mut self) {
        if let Some(home) = &self.runtime.home {
            match serde_json::to_string_pretty(&self.state.session) {
                Ok(text) => {
                    self.runtime.writer.write(
                        home.join("session.json"),
                        text.into_bytes(),
                        String::new(),
                    );
                }
                Err(e) => self
                    .state
                    .problems
                    .push(format!("Could not save the session: {e}")),
            }
        }
    }

    /// Whether file dialogs are the app's own: the user prefers them, or there is no system
    /// dialog.
    #[must_use]
    pub fn uses_own_dialog(&self) -> bool {
        self.state.session.own_file_dialog || !self.state.system_dialog
    }

    /// Serves a [`Request`]: the app's own dialog opens, or the request waits for the shell's
    /// system dialog.
    pub fn request(&mut self, request: Request) {
        if self.uses_own_dialog() {
            self.open_own_dialog(request);
        } else if !self.state.requests.contains(&request) {
            self.state.requests.push(request);
        }
    }

    /// Opens the app's own file dialog for `request` (one at a time), in the folder used last.
    pub fn open_own_dialog(&mut self, request: Request) {
        if self.state.file_dialog.is_some() {
            return;
        }
        let folder = self.dialog_folder();
        self.state.file_dialog = Some(FileDialog::new(request, &folder));
    }

    /// Where a dialog starts: the folder used last, else home, else the current folder.
    #[must_use]
    pub fn dialog_folder(&self) -> PathBuf {
        self.state
            .session
            .last_folder
            .clone()
            .filter(|f| f.is_dir())
            .or_else(user_home)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }

    /// The system dialog answered `None` at once where it was thought to work: from now on
    /// (this run) the app's own dialog serves the requests, starting with this one.
    pub fn system_dialog_failed(&mut self, request: Request) {
        self.state.system_dialog = false;
        self.state.status =
            "The system's file dialog did not open; claimtrack's own is used.".into();
        self.open_own_dialog(request);
    }

    /// The answer of the app's own dialog.
    pub(super) fn file_dialog_done(&mut self, paths: Option<Vec<PathBuf>>) {
        if let Some(dialog) = self.state.file_dialog.take() {
            if paths.is_none() {
                // Cancelling still remembers the folder the user went to.
                self.state.session.last_folder = Some(dialog.folder().to_path_buf());
                self.save_session();
            }
            self.on_paths_chosen(dialog.request, paths);
        }
    }

    /// The answer to a [`Request`]: the paths the user chose (`None`: cancelled).
    pub fn on_paths_chosen(&mut self, request: Request, paths: Option<Vec<PathBuf>>) {
        let Some(paths) = paths.filter(|p| !p.is_empty()) else {
            self.state.status = "Cancelled.".into();
            return;
        };
        // The next dialog starts where this answer is (for a chosen folder: its parent).
        if let Some(folder) = paths[0].parent().filter(|f| !f.as_os_str().is_empty()) {
            self.state.session.last_folder = Some(folder.to_path_buf());
            self.save_session();
        }
        match request {
            Request::OpenFiles | Request::OpenFolder => self.open_paths(&paths),
            Request::OpenWorkspace => self.open_workspace(&paths[0]),
            Request::SaveWorkspaceAs => self.save_workspace_as(&paths[0]),
            Request::ExportClaims { format, filtered } => {
                self.export_claims(&paths[0], format, filtered);
            }
            Request::ExportChart { .. } => self.export_chart(&paths[0]),
        }
    }

    /// Opens article files and folders (from a dialog, a drop or the recent list), adding
    /// them to the open ones.
    pub fn open_paths(&mut self, paths: &[PathBuf]) {
        for p in paths {
            self.state.session.remember(p);
        }
        self.save_session();
        self.open(paths.iter().cloned().map(Origin::File), false);
    }

    /// Opens a workspace file: its corrections, entity choices and articles.
    pub fn open_workspace(&mut self, path: &Path) {
        match Workspace::load(path) {
            Ok(ws) => {
                let articles: Vec<Origin> =
                    ws.articles.iter().map(|stored| ws.origin(stored)).collect();
                self.state.workspace = ws;
                self.runtime.history.clear();
                self.runtime.said.clear();
                self.state.workspace_path = Some(path.to_path_buf());
                self.state.save_blocked = None;
                self.state.session.workspace = Some(path.to_path_buf());
                self.save_session();
                self.state.corpus.clear();
                self.open(articles, true);
                self.state.status = format!("Opened workspace {}", path.display());
            }
            Err(e) => {
                self.state.problems.push(e.to_string());
                self.state.status = e.to_string();
            }
        }
    }

    /// Saves the workspace under a new name and keeps working there.
    pub fn save_workspace_as(&mut self, path: &Path) {
        self.state.workspace_path = Some(path.to_path_buf());
        self.state.save_blocked = None;
        self.state.session.workspace = Some(path.to_path_buf());
        self.save_session();
        self.save_workspace();
        self.state.status = format!("Workspace saved as {}", path.display());
    }

    /// Writes the claims (all, or the filtered ones) as CSV or JSON; the file is built and
    /// written in the background.
    pub fn export_claims(&mut self, path: &Path, format: DataFormat, filtered: bool) {
        let rows: Vec<usize> = if filtered {
            self.visible_rows().to_vec()
        } else {
            (0..self.state.corpus.rows.len()).collect()
        };
        let articles = self.state.corpus.export(&rows);
        let n: usize = articles.iter().map(|a| a.claims.len()).sum();
        let build = move || match format {
            DataFormat::Csv => Ok(export::to_csv(&articles).into_bytes()),
            DataFormat::Json => export::to_json(&articles)
                .map(String::into_bytes)
                .map_err(|e| WriteError::Build {
                    message: format!("Export failed: {e}"),
                    to_status: false,
                }),
        };
        self.runtime.writer.write_with(
            path.to_path_buf(),
            Box::new(build),
            format!("Exported {} to {}", plural(n, "claim"), path.display()),
        );
    }

    /// Writes the timeline as PNG or SVG (by the file name's extension); the image is drawn
    /// and written in the background.
    pub fn export_chart(&mut self, path: &Path) {
        // The exported chart draws every claim, not the screen's grouped marks.
        self.default_plot_series();
        let rows = self.visible_rows().to_vec();
        let state = &self.state;
        let timeline = crate::analysis::timeline::build_by(
            &state.corpus,
            &rows,
            &state.plot.series,
            EXPORT_MAX_POINTS,
            state.group_by,
        );
        let options = state.plot.chart_options();
        let svg = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        let build = move || {
            let bytes = if svg {
                chart::render_svg(&timeline, &options).map(String::into_bytes)
            } else {
                chart::render_png(&timeline, &options)
            };
            bytes.map_err(|e| WriteError::Build {
                message: format!("Chart export failed: {e}"),
                to_status: true,
            })
        };
        self.runtime.writer.write_with(
            path.to_path_buf(),
            Box::new(build),
            format!("Chart exported to {}", path.display()),
        );
    }
}

/// The user's home folder, if the environment names one.
#[must_use]
pub fn user_home() -> Option<PathBuf> {
    ["HOME", "USERPROFILE"]
        .into_iter()
        .filter_map(std::env::var_os)
        .find(|h| !h.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::sample_paths;

    #[test]
    fn exports_are_made_and_written_in_the_background() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::empty();
        app.open(sample_paths(), true);
        app.wait();
        let png = dir.path().join("chart.png");
        let csv = dir.path().join("claims.csv");
        app.export_chart(&png);
        app.export_claims(&csv, DataFormat::Csv, false);
        assert!(app.is_saving(), "the calls only queue the work");
        app.wait();
        assert!(!app.is_saving());
        assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
        assert_eq!(
            std::fs::read_to_string(&csv).unwrap().lines().count(),
            app.corpus.rows.len() + 1
        );
        assert!(app.status.starts_with("Exported "), "{}", app.status);
        assert!(app.problems.is_empty(), "{:?}", app.problems);
        // A place that cannot be written: the status line and Problems name the file.
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, "not a folder").unwrap();
        app.export_chart(&blocker.join("chart.svg"));
        app.wait();
        let problem = app.problems.last().unwrap();
        assert!(
            problem.starts_with("Could not write") && problem.contains("chart.svg"),
            "{problem}"
        );
        assert_eq!(&app.status, problem);
    }
}
