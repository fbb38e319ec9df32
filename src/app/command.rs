//! What the user asks for, as data. The menu, the keyboard shortcuts and the views push
//! [`Command`]s to a queue while they draw; [`App::apply`] carries them out in the order they
//! came, after the panels are drawn (and once more after the editor and help windows, which
//! the panels' commands may have opened). The state changes in this one place, so a view
//! never has to know what a click does to the rest of the app.

use std::path::PathBuf;

use crate::analysis::query::{Filter, SortKey};
use crate::analysis::series::{GroupBy, SeriesKey};
use crate::corpus::Status;
use crate::io::workspace::{Change, Workspace};
use crate::model::{ArticleDate, Span};

use super::paste::PasteDraft;
use super::{App, ClaimKey, Editor, Request, Tab, sample_paths};
use crate::io::origin::Origin;

/// How many workspace states undo keeps.
const UNDO_DEPTH: usize = 100;

/// One thing the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Ask for a file dialog: the system's (through the shell) or the app's own.
    Request(Request),
    /// The app's own file dialog has its answer (`None`: cancelled).
    FileDialogDone(Option<Vec<PathBuf>>),
    /// Use the app's own file dialog even where the desktop has one (saved in the session).
    SetOwnFileDialog(bool),
    /// Open article files and folders, adding them to the open ones (recent list, drop).
    OpenPaths(Vec<PathBuf>),
    /// Open the bundled samples, adding them to the open ones.
    OpenSamples,
    /// Close every article (the corrections stay in the workspace).
    CloseAll,
    /// Stop the running load, keeping what has loaded.
    CancelLoading,
    /// Take back the last correction or entity change.
    Undo,
    /// Select a claim; scroll the table and/or the article to it.
    Select {
        /// The claim.
        key: ClaimKey,
        /// Scroll the table to it.
        scroll_table: bool,
        /// Scroll the article to it.
        scroll_article: bool,
    },
    /// Select a claim and show it in the claims view.
    ShowInClaims(ClaimKey),
    /// Open the editor on the selected claim.
    EditSelected,
    /// Reject the selected claim, or restore it.
    ToggleRejectSelected,
    /// Pick the selected claim for comparison, or unpick it.
    PickSelected,
    /// Pick a claim for comparison, or unpick it.
    TogglePick(ClaimKey),
    /// Compare exactly these claims (and show the comparison).
    CompareThese(Vec<ClaimKey>),
    /// Pick every claim (not rejected) of a series.
    PickSeries(SeriesKey),
    /// Set an article's date (`None`: back to the date it was loaded with); saved in the
    /// workspace.
    SetArticleDate {
        /// The article.
        article: usize,
        /// Its date.
        date: Option<ArticleDate>,
    },
    /// Open the window of article dates.
    ShowDates,
    /// Ask the window for the clipboard's text (it comes back as a paste).
    RequestPaste,
    /// Text pasted outside a text field: propose it as a new article.
    PasteArticle(String),
    /// Add the pasted text as an article (with the date the user confirmed).
    AddPasted,
    /// Drop the pasted text.
    CancelPaste,
    /// Rename a concept (naming an existing one merges them).
    RenameConcept {
        /// The concept.
        from: String,
        /// Its new name.
        to: String,
    },
    /// Unpick every claim.
    ClearPicked,
    /// Open the editor to add a claim from text of an article.
    AddClaimFrom {
        /// The article.
        article: usize,
        /// The selected text.
        span: Span,
    },
    /// Save the editor's claim and close it (it stays open when the input is wrong).
    CommitEditor,
    /// Drop the correction of the editor's claim and close it.
    RevertEditor,
    /// Close the editor without saving.
    CloseEditor,
    /// Sort the table by a column (again: the other way round).
    SortBy(SortKey),
    /// Clear the table's filters (except showing rejected claims).
    ClearFilters,
    /// Show the claims view with the filter's text field focused.
    FocusFilter,
    /// Show the claims of one entity in the claims view.
    ShowEntityClaims(String),
    /// Rename an entity (naming an existing one merges them).
    RenameEntity {
        /// The entity.
        from: String,
        /// Its new name.
        to: String,
    },
    /// Merge an entity into another.
    MergeEntity {
        /// The entity merged away.
        from: String,
        /// The entity it goes to.
        into: String,
    },
    /// Let a source text stand for another entity.
    MoveAlias {
        /// The source text.
        alias: String,
        /// The entity it now stands for.
        to: String,
    },
    /// Set the state or organisation an entity (a person) speaks for; an empty affiliation
    /// clears it. Saved in the workspace.
    SetAffiliation {
        /// The entity.
        entity: String,
        /// What it speaks for (empty: nothing).
        affiliation: String,
    },
    /// Read the timeline's and the comparison's claims by entity or by side.
    SetGroupBy(GroupBy),
    /// Show a tab.
    SetTab(Tab),
    /// Light, dark, or (`None`) follow the system.
    SetTheme(Option<String>),
    /// Open the keyboard shortcut help.
    ShowHelp,
    /// Open the keyboard shortcut help, or close it.
    ToggleHelp,
    /// Empty the problems list.
    ClearProblems,
    /// Close the window.
    Quit,
}

impl App {
    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Carries out the queued commands; whether there were any.
    pub(super) fn apply_queued(&mut self) -> bool {
        let commands = std::mem::take(&mut self.commands);
        let any = !commands.is_empty();
        for command in commands {
            self.apply(command);
        }
        any
    }

    /// Carries out one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Request(request) => self.request(request),
            Command::FileDialogDone(paths) => self.file_dialog_done(paths),
            Command::SetOwnFileDialog(own) => {
                self.state.session.own_file_dialog = own;
                self.save_session();
            }
            Command::OpenPaths(paths) => self.open_paths(&paths),
            Command::OpenSamples => self.open(sample_paths(), false),
            Command::CloseAll => {
                self.close_articles();
                self.save_workspace();
                self.state.status =
                    "Closed every article; your corrections stay in the workspace.".into();
            }
            Command::CancelLoading => self.cancel_loading(),
            Command::Undo => self.undo(),
            Command::Select {
                key,
                scroll_table,
                scroll_article,
            } => {
                if self.row_of(key).is_some() {
                    self.state.selected = Some(key);
                    self.state.scroll_to_selected |= scroll_table;
                    self.state.article_scroll_pending |= scroll_article;
                }
            }
            Command::ShowInClaims(key) => {
                if let Some(row) = self.row_of(key) {
                    self.select(row);
                }
                self.state.tab = Tab::Claims;
            }
            Command::EditSelected => self.edit_selected(),
            Command::ToggleRejectSelected => self.toggle_reject_selected(),
            Command::PickSelected => {
                if let Some(row) = self.selected_row() {
                    self.toggle_pick(row);
                }
            }
            Command::TogglePick(key) => self.toggle_pick_key(key),
            Command::CompareThese(keys) => {
                self.state.picked = keys;
                self.state.tab = Tab::Compare;
            }
            Command::PickSeries(key) => {
                let state = &self.state;
                self.state.picked = (0..state.corpus.rows.len())
                    .filter(|&r| {
                        let row = &state.corpus.rows[r];
                        row.status != Status::Rejected && SeriesKey::of(&row.claim) == key
                    })
                    .map(|r| state.key_of(r))
                    .collect();
            }
            Command::SetArticleDate { article, date } => {
                let Some(a) = self.state.corpus.articles.get(article) else {
                    return;
                };
                let (key, name) = (a.key.clone(), a.short_name().to_string());
                self.change_workspace(|w| match date {
                    Some(d) => {
                        w.dates.insert(key, d);
                    }
                    None => {
                        w.dates.remove(&key);
                    }
                });
                self.state.date_inputs.remove(&article);
                self.state.status = match date {
                    Some(d) => format!("{name} is dated {d}."),
                    None => format!("{name}: the date you set is removed."),
                };
            }
            Command::ShowDates => self.state.show_dates = true,
            Command::RequestPaste => {
                if let Some(ctx) = self.runtime.waker.context() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
                }
                self.state.status =
                    "Pasting the clipboard's text as an article (Ctrl+V does the same).".into();
            }
            Command::PasteArticle(text) => {
                if text.trim().is_empty() {
                    self.state.status = "The clipboard holds no text to make an article of.".into();
                } else {
                    self.state.paste = Some(PasteDraft::new(text, &self.state.workspace));
                }
            }
            Command::AddPasted => self.add_pasted(),
            Command::CancelPaste => self.state.paste = None,
            Command::RenameConcept { from, to } => {
                self.change_workspace(|w| w.concepts.rename(&from, &to));
                self.state.status = format!("Concept {from} is now {to}.");
                for key in &mut self.state.plot.series {
                    if key.concept.as_deref() == Some(from.as_str()) {
                        key.concept = Some(to.trim().to_string());
                    }
                }
            }
            Command::ClearPicked => self.state.picked.clear(),
            Command::AddClaimFrom { article, span } => {
                if article < self.state.corpus.articles.len() {
                    self.state.editor = Some(Editor::for_new(&self.state.corpus, article, span));
                }
            }
            Command::CommitEditor => self.commit_editor(),
            Command::RevertEditor => self.revert_editor(),
            Command::CloseEditor => self.state.editor = None,
            Command::SortBy(key) => {
                let sort = &mut self.state.sort;
                if sort.key == key {
                    sort.ascending = !sort.ascending;
                } else {
                    sort.key = key;
                    sort.ascending = true;
                }
            }
            Command::ClearFilters => {
                self.state.filter = Filter {
                    show_rejected: self.state.filter.show_rejected,
                    ..Filter::default()
                };
            }
            Command::FocusFilter => {
                self.state.tab = Tab::Claims;
                self.runtime.focus_filter = true;
            }
            Command::ShowEntityClaims(name) => {
                self.state.filter = Filter {
                    entity: Some(name),
                    ..Filter::default()
                };
                self.state.tab = Tab::Claims;
            }
            Command::RenameEntity { from, to } => {
                self.change_workspace(|w| w.entities.rename(&from, &to));
                self.state.status = format!("Renamed {from} to {to}.");
                self.state.sources.selected = Some(to);
                self.state.sources.rename_to.clear();
            }
            Command::MergeEntity { from, into } => {
                self.change_workspace(|w| w.entities.rename(&from, &into));
                self.state.status = format!("Merged {from} into {into}.");
                self.state.sources.selected = Some(into);
                self.state.sources.merge_into = None;
            }
            Command::MoveAlias { alias, to } => {
                self.change_workspace(|w| w.entities.move_alias(&alias, &to));
                self.state.status = format!("“{alias}” now stands for {to}.");
                self.state.sources.alias_target = None;
            }
            Command::SetAffiliation {
                entity,
                affiliation,
            } => {
                self.change_workspace(|w| w.entities.set_affiliation(&entity, &affiliation));
                let affiliation = affiliation.trim();
                self.state.status = if affiliation.is_empty() {
                    format!("{entity}: the affiliation is cleared.")
                } else {
                    format!("{entity} speaks for {affiliation}.")
                };
                self.state.sources.affiliation_to.clear();
            }
            Command::SetGroupBy(group_by) => {
                self.state.group_by = group_by;
                self.state.status = match group_by {
                    GroupBy::Entity => "Each entity's claims are read apart.".into(),
                    GroupBy::Side => "Claims are read by side: a person's with the state or organisation it speaks for.".into(),
                };
            }
            Command::SetTab(tab) => self.state.tab = tab,
            Command::SetTheme(theme) => {
                self.state.session.theme = theme;
                self.save_session();
            }
            Command::ShowHelp => self.state.show_help = true,
            Command::ToggleHelp => self.state.show_help = !self.state.show_help,
            Command::ClearProblems => self.state.problems.clear(),
            Command::Quit => {
                if let Some(ctx) = self.runtime.waker.context() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Adds the pasted draft as an article: its text (and the date the user confirmed) into
    /// the workspace, then loaded like any other.
    fn add_pasted(&mut self) {
        let Some(draft) = self.state.paste.as_mut() else {
            return;
        };
        let date = match draft.date() {
            Ok(d) => d,
            Err(e) => {
                draft.error = Some(e);
                return;
            }
        };
        let name = draft.name.trim().to_string();
        if name.is_empty() || self.state.workspace.pasted.contains_key(&name) {
            draft.error = Some(format!(
                "“{name}” is {}: choose another name.",
                if name.is_empty() { "no name" } else { "taken" }
            ));
            return;
        }
        let Some(draft) = self.state.paste.take() else {
            return;
        };
        let origin = Origin::Pasted {
            name: name.clone(),
            text: draft.text.clone(),
        };
        let key =
            crate::io::load::document_from_bytes(&origin.stored(), draft.text.as_bytes(), false)
                .ok()
                .map(|doc| crate::io::workspace::content_key(&doc.text));
        self.change_workspace(|w| {
            w.pasted.insert(name.clone(), draft.text.clone());
            if let (Some(key), Some(date)) = (key, date) {
                w.dates.insert(key, date);
            }
        });
        self.open([origin], false);
    }

    /// Changes the workspace (keeping the old state for undo), rebuilds the claims and saves.
    pub fn change_workspace(&mut self, change: impl FnOnce(&mut Workspace)) {
        let before = self.state.workspace.clone();
        change(&mut self.state.workspace);
        if self.state.workspace == before {
            return;
        }
        if !self
            .state
            .corpus
            .apply_corrections(&before, &self.state.workspace)
        {
            self.state.corpus.rebuild(&self.state.workspace);
        }
        let history = &mut self.runtime.history;
        history.push(before);
        if history.len() > UNDO_DEPTH {
            history.remove(0);
        }
        self.save_workspace();
    }

    /// Undoes the last correction or entity change.
    pub fn undo(&mut self) {
        if let Some(previous) = self.runtime.history.pop() {
            let state = &mut self.state;
            let current = std::mem::replace(&mut state.workspace, previous);
            if !state.corpus.apply_corrections(&current, &state.workspace) {
                state.corpus.rebuild(&state.workspace);
            }
            self.save_workspace();
            self.state.status = "Undone.".into();
        } else {
            self.state.status = "Nothing to undo.".into();
        }
    }

    /// Whether there is a change to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.runtime.history.is_empty()
    }

    /// Selects a row and scrolls the table and the article to it.
    pub fn select(&mut self, row: usize) {
        if row < self.state.corpus.rows.len() {
            self.state.selected = Some(self.key_of(row));
            self.state.scroll_to_selected = true;
            self.state.article_scroll_pending = true;
        }
    }

    /// Adds a row to the comparison, or takes it out.
    pub fn toggle_pick(&mut self, row: usize) {
        let key = self.key_of(row);
        self.toggle_pick_key(key);
    }

    fn toggle_pick_key(&mut self, key: ClaimKey) {
        let picked = &mut self.state.picked;
        if let Some(at) = picked.iter().position(|k| *k == key) {
            picked.remove(at);
        } else {
            picked.push(key);
        }
    }

    /// Rejects the selected claim, or restores it when it is rejected.
    pub fn toggle_reject_selected(&mut self) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let r = &self.state.corpus.rows[row];
        let article = self.state.corpus.articles[r.article].key.clone();
        let number = r.claim.number;
        match r.status {
            Status::Rejected => {
                self.change_workspace(|w| {
                    w.remove_correction(&article, number);
                });
                self.state.status = "Claim restored.".into();
            }
            Status::Added => {
                self.change_workspace(|w| {
                    w.remove_correction(&article, number);
                });
                self.state.selected = None;
                self.state.status = "Added claim removed.".into();
            }
            _ => {
                self.change_workspace(|w| {
                    w.set_correction(&article, number, Change::Reject);
                });
                self.state.status = "Claim rejected (Ctrl+Z undoes).".into();
            }
        }
    }

    /// Opens the editor on the selected claim.
    pub fn edit_selected(&mut self) {
        if let Some(row) = self.selected_row() {
            self.state.editor = Some(Editor::for_row(&self.state.corpus, row));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::query::Sort;

    /// The app with the bundled samples open and no files on disk.
    fn samples() -> App {
        let mut app = App::empty();
        app.open(sample_paths(), true);
        app.wait();
        assert!(!app.corpus.rows.is_empty());
        app
    }

    #[test]
    fn close_all_empties_the_app_and_keeps_the_corrections() {
        let mut app = samples();
        app.select(0);
        app.apply(Command::ToggleRejectSelected);
        app.apply(Command::PickSelected);
        assert_eq!(app.picked.len(), 1);
        app.apply(Command::CloseAll);
        assert!(app.corpus.articles.is_empty() && app.corpus.rows.is_empty());
        assert!(app.workspace.articles.is_empty());
        assert!(app.selected.is_none() && app.picked.is_empty());
        assert_eq!(app.workspace.corrections.len(), 1);
        // Opened again, the correction returns.
        app.apply(Command::OpenSamples);
        app.wait();
        assert_eq!(
            app.corpus
                .rows
                .iter()
                .filter(|r| r.status == Status::Rejected)
                .count(),
            1
        );
        assert!(app.selected.is_some(), "a load selects the first claim");
    }

    #[test]
    fn sorting_by_a_column_twice_turns_the_order_round() {
        let mut app = samples();
        app.apply(Command::SortBy(SortKey::Value));
        assert_eq!(
            app.sort,
            Sort {
                key: SortKey::Value,
                ascending: true
            }
        );
        app.apply(Command::SortBy(SortKey::Value));
        assert!(!app.sort.ascending);
        app.apply(Command::SortBy(SortKey::Date));
        assert_eq!(app.sort, Sort::default());
    }

    #[test]
    fn commands_on_claims_that_are_gone_do_nothing() {
        let mut app = samples();
        let key = app.key_of(0);
        app.apply(Command::CloseAll);
        app.apply(Command::Select {
            key,
            scroll_table: true,
            scroll_article: true,
        });
        assert!(app.selected.is_none() && !app.scroll_to_selected);
        app.apply(Command::ShowInClaims(key));
        assert_eq!(app.tab, Tab::Claims);
        app.apply(Command::AddClaimFrom {
            article: 3,
            span: Span::new(0, 1),
        });
        assert!(app.editor.is_none());
    }

    #[test]
    fn undo_takes_back_an_entity_rename() {
        let mut app = samples();
        let name = app.corpus.entities[0].name.clone();
        app.apply(Command::RenameEntity {
            from: name.clone(),
            to: "Someone".into(),
        });
        assert_eq!(app.sources.selected.as_deref(), Some("Someone"));
        assert!(app.corpus.entities.iter().any(|e| e.name == "Someone"));
        assert!(app.can_undo());
        app.apply(Command::Undo);
        assert!(app.corpus.entities.iter().any(|e| e.name == name));
        assert!(!app.can_undo());
    }

    #[test]
    fn picking_a_series_picks_its_claims_that_are_not_rejected() {
        let mut app = samples();
        let key = SeriesKey::of(&app.corpus.rows[0].claim);
        app.apply(Command::PickSeries(key.clone()));
        let picked = app.picked_rows();
        assert!(!picked.is_empty());
        assert!(picked.iter().all(|&r| {
            let row = &app.corpus.rows[r];
            SeriesKey::of(&row.claim) == key && row.status != Status::Rejected
        }));
        app.apply(Command::CompareThese(vec![app.key_of(0)]));
        assert_eq!(app.picked.len(), 1);
        assert_eq!(app.tab, Tab::Compare);
        app.apply(Command::ClearPicked);
        assert!(app.picked.is_empty());
    }

    #[test]
    fn renaming_a_concept_merges_its_series_and_can_be_undone() {
        let mut app = samples();
        let count = |app: &App, c: &str| {
            app.corpus
                .rows
                .iter()
                .filter(|r| r.claim.concept.as_deref() == Some(c))
                .count()
        };
        let (soldiers, tanks) = (count(&app, "soldiers"), count(&app, "tanks"));
        assert!(soldiers > 0 && tanks > 0);
        app.apply(Command::RenameConcept {
            from: "tanks".into(),
            to: "soldiers".into(),
        });
        assert_eq!(count(&app, "soldiers"), soldiers + tanks);
        assert_eq!(count(&app, "tanks"), 0);
        assert_eq!(
            app.workspace
                .concepts
                .renames
                .get("tanks")
                .map(String::as_str),
            Some("soldiers")
        );
        app.apply(Command::Undo);
        assert_eq!(count(&app, "tanks"), tanks);
    }

    #[test]
    fn an_article_date_set_by_the_user_is_kept_and_can_be_cleared() {
        let mut app = samples();
        let before = app.corpus.articles[0].date;
        let date = crate::model::ArticleDate::parse("2020-05-06").unwrap();
        app.apply(Command::SetArticleDate {
            article: 0,
            date: Some(date),
        });
        assert_eq!(app.corpus.articles[0].date, Some(date));
        assert_eq!(
            app.corpus.articles[0].date_from,
            Some(crate::model::DateFrom::User)
        );
        let key = app.corpus.articles[0].key.clone();
        assert_eq!(app.workspace.dates.get(&key), Some(&date));
        app.apply(Command::SetArticleDate {
            article: 0,
            date: None,
        });
        assert_eq!(app.corpus.articles[0].date, before);
        assert!(app.workspace.dates.is_empty());
    }
}
