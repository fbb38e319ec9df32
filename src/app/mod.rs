//! The desktop app: a thin egui layer over the core, shaped as commands over state.
//!
//! - [`AppState`] (`state.rs`) is what the user works on and sees; the runtime (background
//!   jobs, the file writer, caches, undo) is kept apart from it.
//! - Each frame, [`App::show`] draws the views. A view gets the pieces of state it reads and
//!   pushes a [`Command`] (`command.rs`) for anything it wants done; the widgets' own values
//!   (a filter text, an editor field) are edited in place.
//! - [`App::apply`] carries out the frame's commands, in order, in one place.
//! - A file dialog is asked for as a [`Request`]: where the desktop has a system dialog, the
//!   shell ([`shell`]) answers it by calling [`App::on_paths_chosen`]; otherwise (or when the
//!   user prefers it) the app's own dialog (`file_dialog.rs`) answers it, drawn like a view,
//!   so tests drive every flow without the shell.
//! - Loading, extraction, export rendering and file writing run on background threads
//!   (`jobs.rs`) that wake the UI when they have news.
//!
//! Where things are: the menu and tab bar in `menu.rs`, the status line in `status.rs`,
//! keyboard shortcuts and dropped files in `keys.rs`, one file per view (`table.rs`,
//! `article.rs`, `timeline.rs`, `compare.rs`, `sources.rs`, `problems.rs`, `editor.rs`,
//! `help.rs`), every colour in `theme.rs`, and the file flows (load, save, export) in
//! `files.rs`.

mod article;
mod command;
mod compare;
mod dates;
mod editor;
mod file_dialog;
mod files;
mod help;
mod jobs;
mod keys;
mod menu;
mod paste;
mod picker;
mod problems;
pub mod shell;
mod sources;
mod state;
mod status;
mod table;
mod theme;
mod timeline;

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::sync::Arc;

use crate::analysis::query;
use crate::corpus::Corpus;
use crate::io::origin::Origin;
use crate::io::workspace::{Session, Workspace};
use crate::model::Span;

pub use command::Command;
pub use editor::Editor;
pub use file_dialog::FileDialog;
pub use jobs::LoadWork;
pub use sources::SourcesState;
pub use state::AppState;
use state::Runtime;
pub use timeline::{ChartSettings, PLOT_ID};

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

impl ClaimKey {
    /// The key of a row of `corpus`.
    #[must_use]
    pub fn of(corpus: &Corpus, row: usize) -> Self {
        let r = &corpus.rows[row];
        Self {
            article: r.article,
            number: r.claim.number,
        }
    }
}

/// What the timeline shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlotSettings {
    /// The series drawn (empty: the one with the most dated claims).
    pub series: Vec<crate::analysis::series::SeriesKey>,
    /// Log scale on the y axis.
    pub log_y: bool,
    /// The exported chart's title, language, credit and labels (not part of the plot).
    pub chart: ChartSettings,
}

/// Where the app keeps its files.
#[derive(Debug, Clone)]
pub struct Config {
    /// Folder of the session file and the default workspace; `None` keeps nothing on disk.
    pub home: Option<PathBuf>,
}

/// The app: its state, its runtime and the frame's commands.
///
/// `App` dereferences to its [`AppState`], so `app.corpus` or `app.filter` read (and in tests
/// set) the state directly; the runtime is private.
pub struct App {
    state: AppState,
    runtime: Runtime,
    commands: Vec<Command>,
}

impl Deref for App {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        &self.state
    }
}

impl DerefMut for App {
    fn deref_mut(&mut self) -> &mut AppState {
        &mut self.state
    }
}

impl App {
    /// An app with nothing open and nothing saved.
    #[must_use]
    pub fn empty() -> Self {
        Self {
            state: AppState::default(),
            runtime: Runtime::new(),
            commands: Vec::new(),
        }
    }

    /// Starts the app: reopens the last workspace (or, at the first start, the bundled
    /// samples), or opens `paths` when given, loading in the background.
    #[must_use]
    pub fn start(config: &Config, paths: &[PathBuf]) -> Self {
        let mut app = Self::empty();
        app.runtime.home.clone_from(&config.home);
        let Some(home) = config.home.clone() else {
            let articles = if paths.is_empty() {
                Origin::samples()
            } else {
                paths.iter().cloned().map(Origin::File).collect()
            };
            app.open(articles, true);
            return app;
        };
        app.state.session = match Session::load(&home) {
            Ok(session) => session,
            Err(e) => {
                let e = crate::Error::from(e);
                app.state
                    .problems
                    .push(format!("{e}. Starting without the recent files."));
                Session::default()
            }
        };
        let path = app
            .state
            .session
            .workspace
            .clone()
            .unwrap_or_else(|| home.join("workspace.json"));
        app.state.workspace_path = Some(path.clone());
        // A save killed before its rename leaves a temporary file; the workspace itself is
        // the last complete one.
        // (How many were removed does not matter; one that cannot be removed is harmless.)
        let _removed = crate::io::workspace::remove_stale_temporaries(&path);
        let first_start = !path.exists();
        if !first_start {
            match Workspace::load(&path) {
                Ok(ws) => app.state.workspace = ws,
                Err(e) => app.workspace_failed(&path, &e),
            }
        }
        if !paths.is_empty() {
            for p in paths {
                app.state.session.remember(p);
            }
            app.save_session();
            app.open(paths.to_vec(), true);
        } else if first_start {
            app.open(sample_paths(), true);
        } else {
            let articles = app
                .state
                .workspace
                .articles
                .iter()
                .map(|stored| app.state.workspace.origin(stored))
                .collect::<Vec<_>>();
            app.state.status = format!("Reopening workspace {}", path.display());
            app.open(articles, true);
        }
        app
    }

    /// Builds an app over articles already loaded (tests and benchmarks).
    #[must_use]
    pub fn with_corpus(corpus: Corpus) -> Self {
        let mut app = Self::empty();
        let state = &mut app.state;
        state.workspace.articles = corpus.articles.iter().map(|a| a.path.clone()).collect();
        state.corpus = corpus;
        state.corpus.rebuild(&state.workspace);
        state.status = format!("{} articles open.", state.corpus.articles.len());
        app
    }

    /// The rows the table shows (indices into `corpus.rows`), filtered and sorted; cached
    /// until the corpus, filter or sort changes.
    pub fn visible_rows(&mut self) -> &[usize] {
        let state = &self.state;
        self.runtime
            .rows
            .get(&state.corpus, &state.filter, state.sort)
    }

    fn shown_rows(&mut self) -> Arc<Vec<usize>> {
        let state = &self.state;
        Arc::clone(
            self.runtime
                .rows
                .get(&state.corpus, &state.filter, state.sort),
        )
    }

    /// Plots the series with the most dated claims until the user chooses one.
    pub(super) fn default_plot_series(&mut self) {
        if self.state.plot.series.is_empty() {
            let rows: Vec<usize> = (0..self.state.corpus.rows.len()).collect();
            self.state.plot.series =
                crate::analysis::timeline::default_series(&self.state.corpus, &rows)
                    .into_iter()
                    .collect();
        }
    }

    /// The timeline of the filtered claims and the plot settings; cached.
    pub fn timeline(&mut self) -> Arc<crate::analysis::timeline::Timeline> {
        self.default_plot_series();
        let state = &self.state;
        // The chart's options do not change the plot.
        let key = (
            state.corpus.generation,
            state.filter.clone(),
            PlotSettings {
                chart: ChartSettings::default(),
                ..state.plot.clone()
            },
            state.group_by,
        );
        if let Some((k, t)) = &self.runtime.timeline_cache
            && *k == key
        {
            return Arc::clone(t);
        }
        let rows = self.shown_rows();
        let state = &self.state;
        let t = Arc::new(crate::analysis::timeline::build_by(
            &state.corpus,
            &rows,
            &state.plot.series,
            timeline::MAX_POINTS,
            state.group_by,
        ));
        self.runtime.timeline_cache = Some((key, Arc::clone(&t)));
        t
    }

    /// The comparison of the picked claims; cached until the picks or the corpus change.
    pub fn comparison(&mut self) -> Arc<crate::analysis::compare::Analysis> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.state.picked.hash(&mut hasher);
        let key = (
            self.state.corpus.generation,
            hasher.finish(),
            self.state.periods,
            self.state.group_by,
        );
        if let Some((k, c)) = &self.runtime.compare_cache
            && *k == key
        {
            return Arc::clone(c);
        }
        let rows = self.state.picked_rows();
        let options = crate::analysis::compare::Options {
            periods: self.state.periods,
            group_by: self.state.group_by,
        };
        let c = Arc::new(crate::analysis::compare::analyse(
            &self.state.corpus,
            &rows,
            options,
        ));
        self.runtime.compare_cache = Some((key, Arc::clone(&c)));
        c
    }

    /// Draws one frame: applies finished background work, reads the shortcuts, draws the
    /// menu, status line, tabs and the visible view (all of which queue commands), carries out
    /// the queued commands, then draws the editor and help windows and carries out theirs.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.runtime.waker.set(&ctx);
        self.poll();
        let theme = theme::preference(self.state.session.theme.as_deref());
        if ctx.options(|o| o.theme_preference) != theme {
            ctx.set_theme(theme);
        }
        // The arrow keys move through the table's rows, on the claims tab only (elsewhere
        // the rows need not be filtered and sorted).
        let rows = if self.state.tab == Tab::Claims {
            self.shown_rows()
        } else {
            Arc::default()
        };
        // While the file dialog is open, its keys (Enter, Esc, Tab) are its own.
        if self.state.file_dialog.is_none() {
            keys::shortcuts(&ctx, &self.state, &rows, &mut self.commands);
        }
        keys::drops_ui(ui, &mut self.commands);

        let menu = menu::MenuView {
            recent: &self.state.session.recent,
            theme: self.state.session.theme.as_deref(),
            can_undo: self.can_undo(),
            has_selection: self.state.selected_row().is_some(),
            own_file_dialog: self.state.session.own_file_dialog,
        };
        egui::Panel::top("menu").show(ui, |ui| menu::menu_ui(ui, &menu, &mut self.commands));
        let status = status::StatusView {
            progress: self.progress(),
            message: &self.state.status,
            save_blocked: self.state.save_blocked.as_deref(),
            workspace_path: self.state.workspace_path.as_deref(),
            saving: self.is_saving(),
            articles: self.state.corpus.articles.len(),
            claims: self.state.corpus.rows.len(),
            corrected: self.state.corpus.changed,
        };
        egui::Panel::bottom("status")
            .show(ui, |ui| status::status_ui(ui, &status, &mut self.commands));
        egui::Panel::top("tabs").show(ui, |ui| {
            menu::tab_bar_ui(
                ui,
                self.state.tab,
                self.state.picked.len(),
                self.state.problems.len(),
                &mut self.commands,
            );
        });
        let only_samples = !self.state.corpus.articles.is_empty()
            && self
                .state
                .corpus
                .articles
                .iter()
                .all(|a| a.path.starts_with("bundled:"));
        if only_samples && !self.state.samples_notice_closed {
            egui::Panel::top("samples-notice").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new("These sample articles are invented, to show what claimtrack does.").strong());
                    ui.label("Open your own (Ctrl+O), drop files onto the window, or paste an article's text (Ctrl+V).");
                    if ui.small_button("Open articles…").clicked() {
                        self.commands.push(Command::Request(Request::OpenFiles));
                    }
                    if ui.small_button("Paste an article").clicked() {
                        self.commands.push(Command::RequestPaste);
                    }
                    if ui.small_button("Hide").on_hover_text("Hide this note").clicked() {
                        self.state.samples_notice_closed = true;
                    }
                });
            });
        }
        match self.state.tab {
            Tab::Claims => self.claims_tab_ui(ui),
            Tab::Timeline => {
                let timeline = self.timeline();
                let lists = self.runtime.lists.get(&self.state.corpus);
                let view = timeline::TimelineView {
                    corpus: &self.state.corpus,
                    timeline: &timeline,
                    series: &lists.series,
                    concepts: &lists.concepts,
                    filter_active: self.state.filter.is_active(),
                    selected: self.state.selected_row(),
                    group_by: self.state.group_by,
                };
                let plot = &mut self.state.plot;
                let panel = &mut self.state.series_panel;
                let commands = &mut self.commands;
                egui::CentralPanel::default_margins().show(ui, |ui| {
                    timeline::timeline_ui(ui, &view, plot, panel, commands);
                });
            }
            Tab::Compare => {
                let comparison = self.comparison();
                let series = Arc::clone(&self.runtime.lists.get(&self.state.corpus).series);
                let view = compare::CompareView {
                    corpus: &self.state.corpus,
                    analysis: &comparison,
                    picked: self.state.picked.len(),
                    series: &series,
                    group_by: self.state.group_by,
                };
                let periods = &mut self.state.periods;
                let commands = &mut self.commands;
                egui::CentralPanel::default_margins()
                    .show(ui, |ui| compare::compare_ui(ui, &view, periods, commands));
            }
            Tab::Sources => sources::sources_ui(
                ui,
                &self.state.corpus,
                &mut self.state.sources,
                &mut self.commands,
            ),
            Tab::Problems => {
                let problems = &self.state.problems;
                let commands = &mut self.commands;
                egui::CentralPanel::default_margins()
                    .show(ui, |ui| problems::problems_ui(ui, problems, commands));
            }
        }
        // The panels' commands are carried out before the windows are drawn, so that a window
        // they open (the editor) appears in this frame; then the windows' own commands.
        let mut changed = self.apply_queued();
        if let Some(editor) = &mut self.state.editor {
            editor::editor_ui(&ctx, editor, &self.state.corpus, &mut self.commands);
        }
        help::help_ui(&ctx, &mut self.state.show_help);
        if let Some(draft) = &mut self.state.paste {
            paste::paste_ui(&ctx, draft, &mut self.commands);
        }
        if self.state.show_dates {
            let state = &mut self.state;
            dates::dates_ui(
                &ctx,
                &state.corpus,
                &mut state.date_inputs,
                &mut state.show_dates,
                &mut self.commands,
            );
        }
        if let Some(dialog) = &mut self.state.file_dialog {
            let home = files::user_home();
            let places = file_dialog::Places {
                home: home.as_deref(),
                recent: &self.state.session.recent,
            };
            file_dialog::file_dialog_ui(&ctx, dialog, &places, &mut self.commands);
        }
        changed |= self.apply_queued();
        if changed {
            // What the commands changed shows in the next frame, without waiting for input.
            ctx.request_repaint();
        }
    }

    /// The claims tab: the article beside the filter bar and the table.
    fn claims_tab_ui(&mut self, ui: &mut egui::Ui) {
        let width = ui.available_width();
        let state = &mut self.state;
        let selected = state.selected_row();
        let mut article = article::ArticleView {
            corpus: &state.corpus,
            selected,
            picked: &state.picked,
            selection: &mut state.article_selection,
            scroll_pending: &mut state.article_scroll_pending,
            layout: &mut self.runtime.article_layout,
        };
        let commands = &mut self.commands;
        egui::Panel::right("article")
            .resizable(true)
            .default_size((width * 0.38).max(280.0))
            .size_range(240.0..=(width * 0.7).max(300.0))
            .show(ui, |ui| article::article_ui(ui, &mut article, commands));
        let loading = self.runtime.job.is_some() || !self.runtime.queued.is_empty();
        let lists = self.runtime.lists.get(&state.corpus);
        let (entities, subjects, actions) = (
            Arc::clone(&lists.entities),
            Arc::clone(&lists.subjects),
            Arc::clone(&lists.actions),
        );
        let rows_cache = &mut self.runtime.rows;
        let focus_filter = &mut self.runtime.focus_filter;
        egui::CentralPanel::default_margins().show(ui, |ui| {
            let corpus = &state.corpus;
            let sort = state.sort;
            let bar = table::FilterBar {
                entities: &entities,
                subjects: &subjects,
                actions: &actions,
                total: corpus.rows.len(),
            };
            table::filter_bar_ui(
                ui,
                &bar,
                &mut state.filter,
                focus_filter,
                |filter| rows_cache.get(corpus, filter, sort).len(),
                commands,
            );
            ui.separator();
            let rows = Arc::clone(rows_cache.get(corpus, &state.filter, sort));
            let picked = state.picked_rows().into_iter().collect();
            let view = table::TableView {
                corpus,
                rows: &rows,
                selected,
                picked: &picked,
                sort,
                loading,
            };
            table::table_ui(ui, &view, &mut state.scroll_to_selected, commands);
        });
    }
}

/// The bundled samples, to open.
#[must_use]
pub fn sample_paths() -> Vec<Origin> {
    Origin::samples()
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
