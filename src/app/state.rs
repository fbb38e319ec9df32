//! The app's state in two parts: [`AppState`], what the user works on and sees (the open
//! articles, the workspace and session that are saved, the view choices, the messages), and
//! [`Runtime`], what only makes the app run (background jobs, the writer, caches, undo).
//! Views read the state; only [`super::App::apply`] and the file flows change it, apart from
//! the widgets' own values (a filter text, an editor field) that egui edits in place.

use std::path::PathBuf;

use crate::io::origin::Origin;
use std::sync::Arc;

use crate::analysis::compare::Analysis;
use crate::analysis::query::{self, Filter, Sort};
use crate::analysis::series::{self, GroupBy, Periods, SeriesKey};
use crate::analysis::timeline::Timeline;
use crate::corpus::Corpus;
use crate::extract::Extractor;
use crate::io::workspace::{Session, Workspace};
use crate::model::Span;

use super::article::ArticleLayout;
use super::jobs::{LoadJob, Waker, Writer};
use super::sources::SourcesState;
use super::{ClaimKey, Editor, PlotSettings, Request, Tab};

/// What the user works on and sees.
#[allow(clippy::struct_excessive_bools)]
pub struct AppState {
    // What is saved: the workspace (corrections, entity choices, open articles) and the
    // session (last workspace, recent paths, theme) are written to disk as they change.
    /// The user's corrections and choices.
    pub workspace: Workspace,
    /// Where the workspace is saved (`None`: not saved).
    pub workspace_path: Option<PathBuf>,
    /// Why saving is off, when it is (a newer workspace must not be overwritten).
    pub save_blocked: Option<String>,
    /// The last workspace and recent paths.
    pub session: Session,

    // What is open: the articles and their claims, rebuilt from the files and the workspace.
    /// The open articles and their claims.
    pub corpus: Corpus,

    // How the user looks at it.
    /// The visible tab.
    pub tab: Tab,
    /// The table's filter.
    pub filter: Filter,
    /// The table's sort order.
    pub sort: Sort,
    /// The selected claim.
    pub selected: Option<ClaimKey>,
    /// Scroll the table to the selection on the next frame.
    pub scroll_to_selected: bool,
    /// Scroll the article to the selection on the next frame.
    pub article_scroll_pending: bool,
    /// Text selected in the article view: article and byte span.
    pub article_selection: Option<(usize, Span)>,
    /// The claims picked for comparison, in the order picked.
    pub picked: Vec<ClaimKey>,
    /// What the timeline shows.
    pub plot: PlotSettings,
    /// How the comparison puts claims into periods.
    pub periods: Periods,
    /// Whose claims the timeline and the comparison read together: each entity's or each
    /// side's.
    pub group_by: GroupBy,
    /// The timeline's side panel: series search and concept renaming.
    pub series_panel: super::timeline::SeriesPanel,
    /// Whether the user closed the note that the samples are invented.
    pub samples_notice_closed: bool,
    /// Pasted text waiting to be confirmed as an article.
    pub paste: Option<super::paste::PasteDraft>,
    /// Whether the article dates window is open.
    pub show_dates: bool,
    /// The date fields of that window as the user types (article index to text).
    pub date_inputs: std::collections::HashMap<usize, String>,
    /// State of the sources view.
    pub sources: SourcesState,
    /// The open correction editor.
    pub editor: Option<Editor>,
    /// Whether the keyboard shortcut help is open.
    pub show_help: bool,

    // What the app tells the user and asks of the shell.
    /// Files that failed to load and other problems, newest last.
    pub problems: Vec<String>,
    /// The status line.
    pub status: String,
    /// Requests waiting for the shell (file dialogs).
    pub requests: Vec<Request>,
    /// Whether the shell can show the system's file dialog; when not (no shell, no portal,
    /// no `zenity`), the app's own dialog answers every request.
    pub system_dialog: bool,
    /// The app's own file dialog, while it is open.
    pub file_dialog: Option<super::file_dialog::FileDialog>,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            workspace: Workspace::default(),
            workspace_path: None,
            save_blocked: None,
            session: Session::default(),
            corpus: Corpus::default(),
            tab: Tab::Claims,
            filter: Filter::default(),
            sort: Sort::default(),
            selected: None,
            scroll_to_selected: false,
            article_scroll_pending: false,
            article_selection: None,
            picked: Vec::new(),
            plot: PlotSettings::default(),
            periods: Periods::default(),
            group_by: GroupBy::default(),
            series_panel: super::timeline::SeriesPanel::default(),
            samples_notice_closed: false,
            paste: None,
            show_dates: false,
            date_inputs: std::collections::HashMap::new(),
            sources: SourcesState::default(),
            editor: None,
            show_help: false,
            problems: Vec::new(),
            status: String::from("Ready."),
            requests: Vec::new(),
            system_dialog: false,
            file_dialog: None,
        }
    }
}

impl AppState {
    /// The key of a row.
    #[must_use]
    pub fn key_of(&self, row: usize) -> ClaimKey {
        ClaimKey::of(&self.corpus, row)
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
}

/// What the cached comparison was made of: the corpus generation, a hash of the picks, the
/// periods and the grouping.
pub(super) type CompareKey = (u64, u64, Periods, GroupBy);

/// What the cached timeline was made of: the corpus generation, the filter, the plot
/// settings (without the chart's) and the grouping.
pub(super) type TimelineKey = (u64, Filter, PlotSettings, GroupBy);

/// What only makes the app run: background work, caches and undo.
pub(super) struct Runtime {
    /// Folder of the session file (`None`: nothing kept on disk).
    pub home: Option<PathBuf>,
    /// Earlier workspaces, for undo.
    pub history: Vec<Workspace>,
    /// The running load.
    pub job: Option<LoadJob>,
    /// Loads asked for while another runs: paths and whether they replace.
    pub queued: Vec<(Vec<Origin>, bool)>,
    /// Writes files in the background.
    pub writer: Writer,
    /// Wakes the UI when a worker has news.
    pub waker: Waker,
    /// The claim extractor, shared with the loading workers.
    pub extractor: Arc<Extractor>,
    /// The table's rows.
    pub rows: RowsCache,
    /// The article view's layout.
    pub article_layout: Option<ArticleLayout>,
    /// The comparison of the picked claims.
    pub compare_cache: Option<(CompareKey, Arc<Analysis>)>,
    /// The timeline.
    pub timeline_cache: Option<(TimelineKey, Arc<Timeline>)>,
    /// Choices for the combo boxes.
    pub lists: Lists,
    /// Focus the filter's text field on the next frame.
    pub focus_filter: bool,
    /// The workspace notes already shown (each is said once per open workspace).
    pub said: std::collections::HashSet<String>,
}

impl Runtime {
    pub fn new() -> Self {
        let waker = Waker::default();
        Self {
            home: None,
            history: Vec::new(),
            job: None,
            queued: Vec::new(),
            writer: Writer::new(waker.clone()),
            waker,
            extractor: Arc::new(Extractor::new()),
            rows: RowsCache::default(),
            article_layout: None,
            compare_cache: None,
            timeline_cache: None,
            lists: Lists::default(),
            focus_filter: false,
            said: std::collections::HashSet::new(),
        }
    }
}

/// The rows the table shows, filtered and sorted, kept until the corpus, filter or sort
/// changes.
#[derive(Default)]
pub(super) struct RowsCache {
    rows: Arc<Vec<usize>>,
    key: Option<(u64, Filter, Sort)>,
}

impl RowsCache {
    /// The rows of `corpus` that `filter` lets through, in `sort` order.
    pub fn get(&mut self, corpus: &Corpus, filter: &Filter, sort: Sort) -> &Arc<Vec<usize>> {
        let fresh = self
            .key
            .as_ref()
            .is_some_and(|(g, f, s)| *g == corpus.generation && f == filter && *s == sort);
        if !fresh {
            self.rows = Arc::new(query::select(corpus, filter, sort));
            self.key = Some((corpus.generation, filter.clone(), sort));
        }
        &self.rows
    }
}

/// Choices for the filter combo boxes, recomputed when the corpus changes.
#[derive(Default)]
pub(super) struct Lists {
    generation: Option<u64>,
    /// Subjects and their claim counts.
    pub subjects: Arc<Vec<(String, usize)>>,
    /// Actions and their claim counts.
    pub actions: Arc<Vec<(String, usize)>>,
    /// Entities and their claim counts.
    pub entities: Arc<Vec<(String, usize)>>,
    /// Level series (concept, action, kind, unit) with their claim and dated claim counts,
    /// most claims first.
    pub series: Arc<Vec<(SeriesKey, usize, usize)>>,
    /// Concepts and their claim counts.
    pub concepts: Arc<Vec<(String, usize)>>,
}

impl Lists {
    /// The lists for `corpus`.
    pub fn get(&mut self, corpus: &Corpus) -> &Self {
        if self.generation != Some(corpus.generation) {
            *self = Self {
                generation: Some(corpus.generation),
                subjects: Arc::new(corpus.subjects()),
                actions: Arc::new(corpus.actions()),
                entities: Arc::new(
                    corpus
                        .entities
                        .iter()
                        .map(|e| (e.name.clone(), e.claims))
                        .collect(),
                ),
                series: Arc::new(series::level_counts(corpus)),
                concepts: Arc::new(corpus.concepts()),
            };
        }
        self
    }
}
