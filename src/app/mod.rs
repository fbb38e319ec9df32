//! The desktop app: a thin egui layer over the core. [`App`] holds the state and draws one
//! frame with [`App::show`]; each view lives in its own file. Everything that needs the
//! platform (file dialogs) leaves the UI as a [`Request`] that the shell ([`shell`]) answers
//! by calling [`App::on_paths_chosen`], so tests drive the same code without dialogs.
//! Loading, extraction and file writing run on background threads.

mod article;
mod compare;
mod editor;
mod jobs;
pub mod shell;
mod sources;
mod table;
mod timeline;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Color32, Key, KeyboardShortcut, Modifiers};

use crate::analysis::query::{self, Filter, Sort};
use crate::corpus::{Corpus, Status};
use crate::extract::Extractor;
use crate::io::export;
use crate::io::workspace::{Session, Workspace, WorkspaceError};
use crate::model::Span;

pub use editor::Editor;
pub use jobs::LoadWork;
use jobs::{LoadJob, Writer};

/// The views, one tab each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The claims table beside the article.
    Claims,
    /// Values over time.
    Timeline,
    /// Claims side by side.
    Compare,
    /// Source entities.
    Sources,
    /// Files that failed and other problems.
    Problems,
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Tab; 5] = [
        Self::Claims,
        Self::Timeline,
        Self::Compare,
        Self::Sources,
        Self::Problems,
    ];

    /// The tab's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Claims => "Claims",
            Self::Timeline => "Timeline",
            Self::Compare => "Compare",
            Self::Sources => "Sources",
            Self::Problems => "Problems",
        }
    }
}

/// What the user asked for that needs a file dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// Pick article files to open.
    OpenFiles,
    /// Pick a folder of articles to open.
    OpenFolder,
    /// Pick a workspace file to open.
    OpenWorkspace,
    /// Pick where to save the workspace.
    SaveWorkspaceAs,
    /// Pick where to export claims.
    ExportClaims {
        /// CSV or JSON.
        format: DataFormat,
        /// Only the claims the table shows.
        filtered: bool,
    },
    /// Pick where to export the chart.
    ExportChart {
        /// PNG or SVG.
        format: ChartFormat,
    },
}

/// A data export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    /// One row per claim.
    Csv,
    /// The schema of EXTRACTION.md.
    Json,
}

/// A chart export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    /// Raster image.
    Png,
    /// Vector image.
    Svg,
}

impl Request {
    /// The file name extension of a save dialog's file, if it saves one.
    #[must_use]
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Self::ExportClaims {
                format: DataFormat::Csv,
                ..
            } => Some("csv"),
            Self::SaveWorkspaceAs
            | Self::ExportClaims {
                format: DataFormat::Json,
                ..
            } => Some("json"),
            Self::ExportChart {
                format: ChartFormat::Png,
            } => Some("png"),
            Self::ExportChart {
                format: ChartFormat::Svg,
            } => Some("svg"),
            _ => None,
        }
    }
}

/// Identifies a claim across rebuilds: its article and number span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClaimKey {
    /// Index into `corpus.articles`.
    pub article: usize,
    /// The number span.
    pub number: Span,
}

/// What the timeline shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlotSettings {
    /// Only claims counting this (`None`: the commonest subject).
    pub subject: Option<String>,
    /// Only claims with this action.
    pub action: Option<String>,
    /// Log scale on the y axis.
    pub log_y: bool,
}

/// Where the app keeps its files.
#[derive(Debug, Clone)]
pub struct Config {
    /// Folder of the session file and the default workspace; `None` keeps nothing on disk.
    pub home: Option<PathBuf>,
}

/// The app's whole state.
#[allow(clippy::struct_excessive_bools)]
pub struct App {
    /// The open articles and their claims.
    pub corpus: Corpus,
    /// The user's corrections and choices.
    pub workspace: Workspace,
    /// Where the workspace is saved (`None`: not saved).
    pub workspace_path: Option<PathBuf>,
    /// Why saving is off, when it is (a newer workspace must not be overwritten).
    pub save_blocked: Option<String>,
    /// The last workspace and recent paths.
    pub session: Session,
    home: Option<PathBuf>,
    /// The table's filter.
    pub filter: Filter,
    /// The table's sort order.
    pub sort: Sort,
    shown: Vec<usize>,
    shown_for: Option<(u64, Filter, Sort)>,
    /// The selected claim.
    pub selected: Option<ClaimKey>,
    /// Scroll the table to the selection on the next frame.
    pub scroll_to_selected: bool,
    /// Scroll the article to the selection on the next frame.
    pub article_scroll_pending: bool,
    /// Text selected in the article view: article and byte span.
    pub article_selection: Option<(usize, Span)>,
    article_layout: Option<article::ArticleLayout>,
    /// The claims picked for comparison, in the order picked.
    pub picked: Vec<ClaimKey>,
    /// The visible tab.
    pub tab: Tab,
    /// What the timeline shows.
    pub plot: PlotSettings,
    compare_cache: Option<((u64, u64), Arc<crate::analysis::compare::Comparison>)>,
    timeline_cache: Option<(
        (u64, Filter, PlotSettings),
        Arc<crate::analysis::timeline::Timeline>,
    )>,
    /// State of the sources view.
    pub sources: sources::SourcesState,
    /// The open correction editor.
    pub editor: Option<Editor>,
    /// Files that failed to load and other problems, newest last.
    pub problems: Vec<String>,
    /// The status line.
    pub status: String,
    /// Requests waiting for the shell (file dialogs).
    pub requests: Vec<Request>,
    /// Whether the keyboard shortcut help is open.
    pub show_help: bool,
    history: Vec<Workspace>,
    job: Option<LoadJob>,
    queued: Vec<(Vec<PathBuf>, bool)>,
    writer: Writer,
    extractor: Arc<Extractor>,
    lists: Lists,
    focus_filter: bool,
}

/// Choices for the filter combo boxes, recomputed when the corpus changes.
#[derive(Default)]
struct Lists {
    generation: Option<u64>,
    subjects: Arc<Vec<(String, usize)>>,
    actions: Arc<Vec<(String, usize)>>,
    entities: Arc<Vec<(String, usize)>>,
}

/// The most claims an exported chart draws one by one.
const EXPORT_MAX_POINTS: usize = 50_000;

/// How many workspace states undo keeps.
const UNDO_DEPTH: usize = 100;

impl App {
    /// An app with nothing open and nothing saved.
    #[must_use]
    pub fn empty() -> Self {
        Self {
            corpus: Corpus::default(),
            workspace: Workspace::default(),
            workspace_path: None,
            save_blocked: None,
            session: Session::default(),
            home: None,
            filter: Filter::default(),
            sort: Sort::default(),
            shown: Vec::new(),
            shown_for: None,
            selected: None,
            scroll_to_selected: false,
            article_scroll_pending: false,
            article_selection: None,
            article_layout: None,
            picked: Vec::new(),
            tab: Tab::Claims,
            plot: PlotSettings::default(),
            timeline_cache: None,
            compare_cache: None,
            sources: sources::SourcesState::default(),
            editor: None,
            problems: Vec::new(),
            status: String::from("Ready."),
            requests: Vec::new(),
            show_help: false,
            history: Vec::new(),
            job: None,
            queued: Vec::new(),
            writer: Writer::new(),
            extractor: Arc::new(Extractor::new()),
            lists: Lists::default(),
            focus_filter: false,
        }
    }

    /// Starts the app: reopens the last workspace (or, at the first start, the bundled
    /// samples), or opens `paths` when given, loading in the background.
    #[must_use]
    pub fn start(config: &Config, paths: &[PathBuf]) -> Self {
        let mut app = Self::empty();
        app.home.clone_from(&config.home);
        let Some(home) = config.home.clone() else {
            let articles = if paths.is_empty() {
                sample_paths()
            } else {
                paths.to_vec()
            };
            app.open(articles, true);
            return app;
        };
        app.session = Session::load(&home).unwrap_or_default();
        let path = app
            .session
            .workspace
            .clone()
            .unwrap_or_else(|| home.join("workspace.json"));
        app.workspace_path = Some(path.clone());
        // A save killed before its rename leaves a temporary file; the workspace itself is
        // the last complete one.
        let _ = crate::io::workspace::remove_stale_temporaries(&path);
        let first_start = !path.exists();
        if !first_start {
            match Workspace::load(&path) {
                Ok(ws) => app.workspace = ws,
                Err(e) => app.workspace_failed(&path, &e),
            }
        }
        if !paths.is_empty() {
            for p in paths {
                app.session.remember(p);
            }
            app.save_session();
            app.open(paths.to_vec(), true);
        } else if first_start {
            app.open(sample_paths(), true);
        } else {
            let articles = app.workspace.articles.iter().map(PathBuf::from).collect();
            app.status = format!("Reopening workspace {}", path.display());
            app.open(articles, true);
        }
        app
    }

    fn workspace_failed(&mut self, path: &Path, e: &WorkspaceError) {
        if let WorkspaceError::TooNew { .. } = e {
            self.save_blocked = Some(format!(
                "{e}. It is left untouched; use “Save workspace as…” to keep working elsewhere."
            ));
        } else {
            // Keep the damaged file beside the new one before anything overwrites it.
            let mut backup = path.as_os_str().to_os_string();
            backup.push(".damaged");
            let backup = PathBuf::from(backup);
            let kept = std::fs::copy(path, &backup).is_ok();
            self.save_blocked = (!kept)
                .then(|| format!("{e}. It could not be backed up, so it is not overwritten."));
            if kept {
                self.problems.push(format!(
                    "{e}. A copy is kept as {}; starting with an empty workspace.",
                    backup.display()
                ));
            }
        }
        if let Some(reason) = &self.save_blocked {
            self.problems.push(reason.clone());
        }
        self.status = format!("{e}");
    }

    /// Builds an app over articles already loaded (tests and benchmarks).
    #[must_use]
    pub fn with_corpus(corpus: Corpus) -> Self {
        let mut app = Self::empty();
        app.workspace.articles = corpus.articles.iter().map(|a| a.path.clone()).collect();
        app.corpus = corpus;
        app.corpus.rebuild(&app.workspace);
        app.status = format!("{} articles open.", app.corpus.articles.len());
        app
    }

    /// Opens workspace paths (files, folders, `bundled:NAME`) in the background; `replace`
    /// closes the open articles first.
    pub fn open(&mut self, paths: Vec<PathBuf>, replace: bool) {
        if paths.is_empty() {
            return;
        }
        if self.job.is_some() {
            self.queued.push((paths, replace));
            return;
        }
        self.status = format!("Loading {} …", plural(paths.len(), "path"));
        self.job = Some(LoadJob::start(paths, replace, Arc::clone(&self.extractor)));
    }

    /// Runs custom loading work (an importer, a test) in the background like a load of files;
    /// refused with a status message while another load runs.
    pub fn open_with(&mut self, replace: bool, work: LoadWork) {
        if self.job.is_some() {
            self.status = "Still loading; try again when it has finished.".into();
            return;
        }
        self.status = "Loading …".into();
        self.job = Some(LoadJob::spawn(replace, work));
    }

    /// Whether articles are being loaded.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.job.is_some() || !self.queued.is_empty()
    }

    /// Progress of the running load: (files done, files in all).
    #[must_use]
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.job.as_ref().map(LoadJob::progress)
    }

    /// Asks the running load to stop; what has loaded is kept.
    pub fn cancel_loading(&mut self) {
        self.queued.clear();
        if let Some(job) = &self.job {
            job.cancel();
        }
    }

    /// Blocks until all loads and writes have finished and their results are applied
    /// (tests, and the shell before it exits).
    pub fn wait(&mut self) {
        while let Some(job) = self.job.take() {
            let result = job.wait();
            self.finish_load(result);
        }
        for (path, result) in self.writer.wait() {
            self.write_done(&path, result);
        }
    }

    /// Applies finished background work; called every frame.
    pub fn poll(&mut self) {
        if let Some(job) = &self.job
            && let Some(result) = job.try_result()
        {
            let replace_job = self.job.take();
            drop(replace_job);
            self.finish_load(result);
        }
        for (path, result) in self.writer.poll() {
            self.write_done(&path, result);
        }
    }

    fn finish_load(&mut self, result: jobs::LoadResult) {
        match result.outcome {
            Err(panic) => {
                self.problems
                    .push(format!("Loading stopped with an internal error: {panic}"));
                self.status = "Loading failed (see Problems).".into();
            }
            Ok(loaded) => {
                if result.replace {
                    self.corpus.clear();
                    self.workspace.articles.clear();
                    self.selected = None;
                    self.picked.clear();
                }
                let mut paths: Vec<String> =
                    loaded.articles.iter().map(|a| a.path.clone()).collect();
                let claims: usize = loaded.articles.iter().map(|a| a.extracted.len()).sum();
                let first_new = self.corpus.articles.len();
                let added = self.corpus.add(loaded.articles);
                paths.retain(|p| !self.workspace.articles.contains(p));
                self.workspace.articles.extend(paths);
                for e in &loaded.errors {
                    self.problems.push(e.to_string());
                }
                // Only the new articles' rows are made; the open ones stay as they are.
                self.corpus.extend_rows(first_new, &self.workspace);
                self.save_workspace();
                let mut status = format!(
                    "Opened {} with {}.",
                    plural(added, "article"),
                    plural(claims, "claim")
                );
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
                self.status = status;
                if self.selected.is_none() {
                    let first = self.visible_rows().first().copied();
                    self.selected = first.map(|r| self.key_of(r));
                }
            }
        }
        if let Some((paths, replace)) = (!self.queued.is_empty()).then(|| self.queued.remove(0)) {
            self.open(paths, replace);
        }
    }

    fn write_done(&mut self, path: &Path, result: Result<String, String>) {
        match result {
            Ok(message) => {
                if !message.is_empty() {
                    self.status = message;
                }
            }
            Err(e) => {
                let message = format!("Could not write {}: {e}", path.display());
                self.problems.push(message.clone());
                self.status = message;
            }
        }
    }

    /// Saves the workspace in the background (atomically), if it has a file.
    pub fn save_workspace(&mut self) {
        if self.save_blocked.is_some() {
            return;
        }
        let Some(path) = self.workspace_path.clone() else {
            return;
        };
        match self.workspace.to_json() {
            Ok(text) => self.writer.write(path, text.into_bytes(), String::new()),
            Err(e) => self
                .problems
                .push(format!("Could not save the workspace: {e}")),
        }
    }

    fn save_session(&mut self) {
        if let Some(home) = &self.home {
            match serde_json::to_string_pretty(&self.session) {
                Ok(text) => {
                    self.writer
                        .write(home.join("session.json"), text.into_bytes(), String::new());
                }
                Err(e) => self
                    .problems
                    .push(format!("Could not save the session: {e}")),
            }
        }
    }

    /// Changes the workspace (keeping the old state for undo), rebuilds the claims and saves.
    pub fn change_workspace(&mut self, change: impl FnOnce(&mut Workspace)) {
        let before = self.workspace.clone();
        change(&mut self.workspace);
        if self.workspace == before {
            return;
        }
        if !self.corpus.apply_corrections(&before, &self.workspace) {
            self.corpus.rebuild(&self.workspace);
        }
        self.history.push(before);
        if self.history.len() > UNDO_DEPTH {
            self.history.remove(0);
        }
        self.save_workspace();
    }

    /// Undoes the last correction or entity change.
    pub fn undo(&mut self) {
        if let Some(previous) = self.history.pop() {
            let current = std::mem::replace(&mut self.workspace, previous);
            if !self.corpus.apply_corrections(&current, &self.workspace) {
                self.corpus.rebuild(&self.workspace);
            }
            self.save_workspace();
            self.status = "Undone.".into();
        } else {
            self.status = "Nothing to undo.".into();
        }
    }

    /// The answer to a [`Request`]: the paths the user chose (`None`: cancelled).
    pub fn on_paths_chosen(&mut self, request: Request, paths: Option<Vec<PathBuf>>) {
        let Some(paths) = paths.filter(|p| !p.is_empty()) else {
            self.status = "Cancelled.".into();
            return;
        };
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
            self.session.remember(p);
        }
        self.save_session();
        self.open(paths.to_vec(), false);
    }

    /// Opens a workspace file: its corrections, entity choices and articles.
    pub fn open_workspace(&mut self, path: &Path) {
        match Workspace::load(path) {
            Ok(ws) => {
                let articles = ws.articles.iter().map(PathBuf::from).collect();
                self.workspace = ws;
                self.history.clear();
                self.workspace_path = Some(path.to_path_buf());
                self.save_blocked = None;
                self.session.workspace = Some(path.to_path_buf());
                self.save_session();
                self.corpus.clear();
                self.open(articles, true);
                self.status = format!("Opened workspace {}", path.display());
            }
            Err(e) => {
                self.problems.push(e.to_string());
                self.status = e.to_string();
            }
        }
    }

    /// Saves the workspace under a new name and keeps working there.
    pub fn save_workspace_as(&mut self, path: &Path) {
        self.workspace_path = Some(path.to_path_buf());
        self.save_blocked = None;
        self.session.workspace = Some(path.to_path_buf());
        self.save_session();
        self.save_workspace();
        self.status = format!("Workspace saved as {}", path.display());
    }

    /// Writes the claims (all, or the filtered ones) as CSV or JSON.
    pub fn export_claims(&mut self, path: &Path, format: DataFormat, filtered: bool) {
        let rows: Vec<usize> = if filtered {
            self.visible_rows().to_vec()
        } else {
            (0..self.corpus.rows.len()).collect()
        };
        let articles = self.corpus.export(&rows);
        let n: usize = articles.iter().map(|a| a.claims.len()).sum();
        let bytes = match format {
            DataFormat::Csv => Ok(export::to_csv(&articles).into_bytes()),
            DataFormat::Json => export::to_json(&articles).map(String::into_bytes),
        };
        match bytes {
            Ok(bytes) => self.writer.write(
                path.to_path_buf(),
                bytes,
                format!("Exported {} to {}", plural(n, "claim"), path.display()),
            ),
            Err(e) => self.problems.push(format!("Export failed: {e}")),
        }
    }

    /// Writes the timeline as PNG or SVG (by the file name's extension).
    pub fn export_chart(&mut self, path: &Path) {
        // The exported chart draws every claim, not the screen's grouped marks.
        self.default_plot_subject();
        let rows = self.visible_rows().to_vec();
        let timeline = crate::analysis::timeline::build(
            &self.corpus,
            &rows,
            self.plot.subject.as_deref(),
            self.plot.action.as_deref(),
            EXPORT_MAX_POINTS,
        );
        let options = crate::render::chart::ChartOptions {
            log_y: self.plot.log_y,
            ..crate::render::chart::ChartOptions::default()
        };
        let svg = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
        let bytes = if svg {
            crate::render::chart::render_svg(&timeline, options).map(String::into_bytes)
        } else {
            crate::render::chart::render_png(&timeline, options)
        };
        match bytes {
            Ok(bytes) => self.writer.write(
                path.to_path_buf(),
                bytes,
                format!("Chart exported to {}", path.display()),
            ),
            Err(e) => {
                self.problems.push(format!("Chart export failed: {e}"));
                self.status = format!("Chart export failed: {e}");
            }
        }
    }

    /// The rows the table shows (indices into `corpus.rows`), filtered and sorted; cached
    /// until the corpus, filter or sort changes.
    pub fn visible_rows(&mut self) -> &[usize] {
        let key = (self.corpus.generation, self.filter.clone(), self.sort);
        if self.shown_for.as_ref() != Some(&key) {
            self.shown = query::select(&self.corpus, &self.filter, self.sort);
            self.shown_for = Some(key);
        }
        &self.shown
    }

    /// Plots the commonest subject until the user chooses one.
    fn default_plot_subject(&mut self) {
        if self.plot.subject.is_none() {
            self.plot.subject = self.corpus.commonest_subject();
        }
    }

    /// The timeline of the filtered claims and the plot settings; cached.
    pub fn timeline(&mut self) -> Arc<crate::analysis::timeline::Timeline> {
        self.default_plot_subject();
        let key = (
            self.corpus.generation,
            self.filter.clone(),
            self.plot.clone(),
        );
        if let Some((k, t)) = &self.timeline_cache
            && *k == key
        {
            return Arc::clone(t);
        }
        let rows = self.visible_rows().to_vec();
        let t = Arc::new(crate::analysis::timeline::build(
            &self.corpus,
            &rows,
            self.plot.subject.as_deref(),
            self.plot.action.as_deref(),
            timeline::MAX_POINTS,
        ));
        self.timeline_cache = Some((key, Arc::clone(&t)));
        t
    }

    /// The comparison of the picked claims; cached until the picks or the corpus change.
    pub fn comparison(&mut self) -> Arc<crate::analysis::compare::Comparison> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.picked.hash(&mut hasher);
        let key = (self.corpus.generation, hasher.finish());
        if let Some((k, c)) = &self.compare_cache
            && *k == key
        {
            return Arc::clone(c);
        }
        let rows = self.picked_rows();
        let c = Arc::new(crate::analysis::compare::compare(&self.corpus, &rows));
        self.compare_cache = Some((key, Arc::clone(&c)));
        c
    }

    /// The key of a row.
    #[must_use]
    pub fn key_of(&self, row: usize) -> ClaimKey {
        let r = &self.corpus.rows[row];
        ClaimKey {
            article: r.article,
            number: r.claim.number,
        }
    }

    /// The row of a key, if the claim is still there.
    #[must_use]
    pub fn row_of(&self, key: ClaimKey) -> Option<usize> {
        self.corpus.find(key.article, key.number)
    }

    /// The selected row.
    #[must_use]
    pub fn selected_row(&self) -> Option<usize> {
        self.selected.and_then(|k| self.row_of(k))
    }

    /// Selects a row and scrolls the table and the article to it.
    pub fn select(&mut self, row: usize) {
        if row < self.corpus.rows.len() {
            self.selected = Some(self.key_of(row));
            self.scroll_to_selected = true;
            self.article_scroll_pending = true;
        }
    }

    /// Adds a row to the comparison, or takes it out.
    pub fn toggle_pick(&mut self, row: usize) {
        let key = self.key_of(row);
        if let Some(at) = self.picked.iter().position(|k| *k == key) {
            self.picked.remove(at);
        } else {
            self.picked.push(key);
        }
    }

    /// The picked rows that still exist.
    #[must_use]
    pub fn picked_rows(&self) -> Vec<usize> {
        self.picked.iter().filter_map(|&k| self.row_of(k)).collect()
    }

    /// Whether a row is picked for comparison.
    #[must_use]
    pub fn is_picked(&self, row: usize) -> bool {
        let key = self.key_of(row);
        self.picked.contains(&key)
    }

    fn lists(&mut self) -> &Lists {
        if self.lists.generation != Some(self.corpus.generation) {
            self.lists = Lists {
                generation: Some(self.corpus.generation),
                subjects: Arc::new(self.corpus.subjects()),
                actions: Arc::new(self.corpus.actions()),
                entities: Arc::new(
                    self.corpus
                        .entities
                        .iter()
                        .map(|e| (e.name.clone(), e.claims))
                        .collect(),
                ),
            };
        }
        &self.lists
    }

    /// Rejects the selected claim, or restores it when it is rejected.
    pub fn toggle_reject_selected(&mut self) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let r = &self.corpus.rows[row];
        let article = self.corpus.articles[r.article].key.clone();
        let number = r.claim.number;
        match r.status {
            Status::Rejected => {
                self.change_workspace(|w| {
                    w.remove_correction(&article, number);
                });
                self.status = "Claim restored.".into();
            }
            Status::Added => {
                self.change_workspace(|w| {
                    w.remove_correction(&article, number);
                });
                self.selected = None;
                self.status = "Added claim removed.".into();
            }
            _ => {
                self.change_workspace(|w| {
                    w.set_correction(&article, number, crate::io::workspace::Change::Reject);
                });
                self.status = "Claim rejected (Ctrl+Z undoes).".into();
            }
        }
    }

    /// Opens the editor on the selected claim.
    pub fn edit_selected(&mut self) {
        if let Some(row) = self.selected_row() {
            self.editor = Some(Editor::for_row(&self.corpus, row));
        }
    }

    /// Draws one frame.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.poll();
        let theme = match self.session.theme.as_deref() {
            Some("light") => egui::ThemePreference::Light,
            Some("dark") => egui::ThemePreference::Dark,
            _ => egui::ThemePreference::System,
        };
        if ui.ctx().options(|o| o.theme_preference) != theme {
            ui.ctx().set_theme(theme);
        }
        self.handle_keys(ui.ctx());
        self.handle_drops(ui);

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::top("tabs").show(ui, |ui| self.tab_bar(ui));
        match self.tab {
            Tab::Claims => {
                let width = ui.available_width();
                egui::Panel::right("article")
                    .resizable(true)
                    .default_size((width * 0.38).max(280.0))
                    .size_range(240.0..=(width * 0.7).max(300.0))
                    .show(ui, |ui| article::show(self, ui));
                egui::CentralPanel::default_margins().show(ui, |ui| table::show(self, ui));
            }
            Tab::Timeline => {
                egui::CentralPanel::default_margins().show(ui, |ui| timeline::show(self, ui));
            }
            Tab::Compare => {
                egui::CentralPanel::default_margins().show(ui, |ui| compare::show(self, ui));
            }
            Tab::Sources => sources::show(self, ui),
            Tab::Problems => {
                egui::CentralPanel::default_margins().show(ui, |ui| self.problems_view(ui));
            }
        }
        editor::show(self, ui.ctx());
        self.help_window(ui.ctx());
        if self.is_loading() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(50));
        }
        if self.writer.busy() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    fn handle_keys(&mut self, ctx: &egui::Context) {
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let typing = ctx.egui_wants_keyboard_input();
        let consume = |m: Modifiers, k: Key| ctx.input_mut(|i| i.consume_shortcut(&shortcut(m, k)));
        let shift = Modifiers::COMMAND | Modifiers::SHIFT;
        if consume(shift, Key::O) {
            self.requests.push(Request::OpenFolder);
        }
        if consume(Modifiers::COMMAND, Key::O) {
            self.requests.push(Request::OpenFiles);
        }
        if consume(shift, Key::S) {
            self.requests.push(Request::SaveWorkspaceAs);
        }
        if consume(Modifiers::COMMAND, Key::E) {
            self.requests.push(Request::ExportClaims {
                format: DataFormat::Csv,
                filtered: true,
            });
        }
        if consume(Modifiers::COMMAND, Key::F) {
            self.tab = Tab::Claims;
            self.focus_filter = true;
        }
        if consume(Modifiers::COMMAND, Key::Z) && !typing {
            self.undo();
        }
        for (i, key) in [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5]
            .into_iter()
            .enumerate()
        {
            if consume(Modifiers::COMMAND, key) {
                self.tab = Tab::ALL[i];
            }
        }
        if consume(Modifiers::NONE, Key::F1) {
            self.show_help = !self.show_help;
        }
        if typing || self.editor.is_some() {
            return;
        }
        let pressed = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
        if self.tab == Tab::Claims {
            let step = if pressed(Key::ArrowDown) {
                1
            } else if pressed(Key::ArrowUp) {
                -1
            } else {
                0
            };
            if step != 0 {
                let rows = self.visible_rows().to_vec();
                let at = self
                    .selected_row()
                    .and_then(|r| rows.iter().position(|&x| x == r));
                let next = match at {
                    Some(i) => i
                        .saturating_add_signed(step)
                        .min(rows.len().saturating_sub(1)),
                    None => 0,
                };
                if let Some(&row) = rows.get(next) {
                    self.select(row);
                }
            }
        }
        if pressed(Key::Enter) {
            self.edit_selected();
        }
        if pressed(Key::Delete) {
            self.toggle_reject_selected();
        }
        if pressed(Key::C)
            && let Some(row) = self.selected_row()
        {
            self.toggle_pick(row);
        }
    }

    fn handle_drops(&mut self, ui: &egui::Ui) {
        let (dropped, hovering) = ui.ctx().input(|i| {
            (
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    .filter(|p| !p.as_os_str().is_empty())
                    .collect::<Vec<_>>(),
                !i.raw.hovered_files.is_empty(),
            )
        });
        if !dropped.is_empty() {
            self.open_paths(&dropped);
        }
        if hovering {
            let rect = ui.ctx().content_rect();
            let painter = ui.ctx().layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop"),
            ));
            painter.rect_filled(rect, 0.0, Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop articles or folders to open them",
                egui::FontId::proportional(24.0),
                Color32::WHITE,
            );
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open articles…").shortcut_text("Ctrl+O"))
                    .on_hover_text("Open article files (.txt, .html)")
                    .clicked()
                {
                    self.requests.push(Request::OpenFiles);
                }
                if ui
                    .add(egui::Button::new("Open folder…").shortcut_text("Ctrl+Shift+O"))
                    .on_hover_text("Open every article file in a folder and its subfolders")
                    .clicked()
                {
                    self.requests.push(Request::OpenFolder);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.session.recent.is_empty() {
                        ui.label("Nothing opened yet");
                    }
                    for p in self.session.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.open_paths(std::slice::from_ref(&p));
                        }
                    }
                });
                if ui
                    .button("Open sample articles")
                    .on_hover_text("The bundled example story")
                    .clicked()
                {
                    self.open(sample_paths(), false);
                }
                if ui
                    .button("Close all articles")
                    .on_hover_text("Corrections stay in the workspace and return when the articles are opened again")
                    .clicked()
                {
                    self.corpus.clear();
                    self.workspace.articles.clear();
                    self.selected = None;
                    self.picked.clear();
                    self.save_workspace();
                }
                ui.separator();
                if ui.button("Open workspace…").clicked() {
                    self.requests.push(Request::OpenWorkspace);
                }
                if ui
                    .add(egui::Button::new("Save workspace as…").shortcut_text("Ctrl+Shift+S"))
                    .on_hover_text("The workspace is saved as you go; this saves it under a new name")
                    .clicked()
                {
                    self.requests.push(Request::SaveWorkspaceAs);
                }
                ui.separator();
                ui.menu_button("Export claims", |ui| {
                    for (label, format, filtered) in [
                        ("Shown claims as CSV…", DataFormat::Csv, true),
                        ("Shown claims as JSON…", DataFormat::Json, true),
                        ("All claims as CSV…", DataFormat::Csv, false),
                        ("All claims as JSON…", DataFormat::Json, false),
                    ] {
                        if ui.button(label).clicked() {
                            self.requests.push(Request::ExportClaims { format, filtered });
                        }
                    }
                });
                ui.menu_button("Export chart", |ui| {
                    if ui.button("PNG image…").clicked() {
                        self.requests.push(Request::ExportChart {
                            format: ChartFormat::Png,
                        });
                    }
                    if ui.button("SVG image…").clicked() {
                        self.requests.push(Request::ExportChart {
                            format: ChartFormat::Svg,
                        });
                    }
                });
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("Edit", |ui| {
                if ui
                    .add_enabled(!self.history.is_empty(), egui::Button::new("Undo").shortcut_text("Ctrl+Z"))
                    .clicked()
                {
                    self.undo();
                }
                let has = self.selected_row().is_some();
                if ui
                    .add_enabled(has, egui::Button::new("Edit claim…").shortcut_text("Enter"))
                    .clicked()
                {
                    self.edit_selected();
                }
                if ui
                    .add_enabled(has, egui::Button::new("Reject / restore claim").shortcut_text("Del"))
                    .clicked()
                {
                    self.toggle_reject_selected();
                }
                if ui
                    .add_enabled(has, egui::Button::new("Pick for comparison").shortcut_text("C"))
                    .clicked()
                    && let Some(row) = self.selected_row()
                {
                    self.toggle_pick(row);
                }
            });
            ui.menu_button("View", |ui| {
                for (i, tab) in Tab::ALL.into_iter().enumerate() {
                    if ui
                        .add(egui::Button::new(tab.title()).shortcut_text(format!("Ctrl+{}", i + 1)))
                        .clicked()
                    {
                        self.tab = tab;
                    }
                }
                ui.separator();
                ui.label("Theme");
                let current = self.session.theme.clone();
                for (value, label) in [(None, "Follow the system"), (Some("light"), "Light"), (Some("dark"), "Dark")] {
                    if ui
                        .radio(current.as_deref() == value, label)
                        .clicked()
                    {
                        self.session.theme = value.map(str::to_string);
                        self.save_session();
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.add(egui::Button::new("Keyboard shortcuts").shortcut_text("F1")).clicked() {
                    self.show_help = true;
                }
            });
        });
    }

    fn tab_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for (i, tab) in Tab::ALL.into_iter().enumerate() {
                let mut title = tab.title().to_string();
                if tab == Tab::Compare && !self.picked.is_empty() {
                    title = format!("Compare ({})", self.picked.len());
                }
                if tab == Tab::Problems && !self.problems.is_empty() {
                    title = format!("Problems ({})", self.problems.len());
                }
                if ui
                    .selectable_label(self.tab == tab, title)
                    .on_hover_text(format!("Ctrl+{}", i + 1))
                    .clicked()
                {
                    self.tab = tab;
                }
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some((done, total)) = self.progress() {
                let fraction = if total == 0 {
                    0.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(220.0)
                        .text(format!("{done} of {total} files")),
                );
                if ui
                    .button("Cancel")
                    .on_hover_text("Stop loading; what has loaded stays open")
                    .clicked()
                {
                    self.cancel_loading();
                }
            }
            ui.label(&self.status);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let corrected = self.corpus.changed;
                let saved = match (&self.save_blocked, &self.workspace_path) {
                    (Some(reason), _) => {
                        ui.colored_label(Color32::from_rgb(200, 80, 40), "⚠ not saving")
                            .on_hover_text(reason);
                        None
                    }
                    (None, Some(p)) => Some(p.display().to_string()),
                    (None, None) => None,
                };
                if let Some(p) = saved {
                    ui.label(if self.writer.busy() {
                        "saving…"
                    } else {
                        "saved"
                    })
                    .on_hover_text(format!("Workspace: {p}"));
                }
                ui.label(format!(
                    "{} · {} · {} changed by you",
                    plural(self.corpus.articles.len(), "article"),
                    plural(self.corpus.rows.len(), "claim"),
                    corrected
                ));
            });
        });
    }

    fn problems_view(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.heading("Problems");
            if ui
                .button("Clear")
                .on_hover_text("Empty this list")
                .clicked()
            {
                self.problems.clear();
            }
        });
        if self.problems.is_empty() {
            ui.label("No problems: every file loaded and every write succeeded.");
        }
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                for p in &self.problems {
                    ui.label(p);
                }
            });
    }

    fn help_window(&mut self, ctx: &egui::Context) {
        let mut open = self.show_help;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .resizable(false)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("keys").striped(true).show(ui, |ui| {
                    for (k, what) in [
                        ("Ctrl+O", "Open articles"),
                        ("Ctrl+Shift+O", "Open a folder of articles"),
                        ("Ctrl+Shift+S", "Save workspace as"),
                        ("Ctrl+E", "Export the shown claims as CSV"),
                        ("Ctrl+F", "Filter the claims"),
                        (
                            "Ctrl+1 … Ctrl+5",
                            "Claims, Timeline, Compare, Sources, Problems",
                        ),
                        ("↑ / ↓", "Previous / next claim"),
                        ("Enter", "Edit the selected claim"),
                        ("Del", "Reject or restore the selected claim"),
                        ("C", "Pick the selected claim for comparison"),
                        ("Ctrl+Z", "Undo the last correction"),
                        ("Esc", "Close the editor"),
                        ("F1", "This help"),
                    ] {
                        ui.monospace(k);
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        self.show_help = open;
    }
}

/// The bundled samples as paths to open.
#[must_use]
pub fn sample_paths() -> Vec<PathBuf> {
    crate::io::origin::Origin::samples()
        .iter()
        .map(|o| PathBuf::from(o.stored()))
        .collect()
}

/// `n thing` or `n things`, with the number grouped.
fn plural(n: usize, thing: &str) -> String {
    let number = query::format_number(n as f64);
    if n == 1 {
        format!("{number} {thing}")
    } else {
        format!("{number} {thing}s")
    }
}

/// The colour of an entity (a palette index).
fn entity_color(index: Option<usize>) -> Color32 {
    let [r, g, b] = crate::analysis::timeline::color(index);
    Color32::from_rgb(r, g, b)
}

/// A colour as text and thin lines show it on the theme's background: light palette colours
/// are darkened on a light background so that they stay readable.
fn on_background(color: Color32, dark_mode: bool) -> Color32 {
    let [r, g, b, _] = color.to_array();
    let light = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if dark_mode || light < 140.0 {
        color
    } else {
        let f = 120.0 / light;
        let scale = |c: u8| (f32::from(c) * f).round().clamp(0.0, 255.0) as u8;
        Color32::from_rgb(scale(r), scale(g), scale(b))
    }
}

/// A small filled circle in an entity's colour, the key that ties table, article and chart.
fn color_dot(ui: &mut egui::Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter().circle_filled(rect.center(), 4.5, color);
}
