//! claimtrack's own file dialog: an egui window that answers a [`Request`] where the desktop
//! has no system dialog (no portal, no `zenity`), or when the user prefers it. It is drawn by
//! [`super::App::show`] like any view, so tests drive it through `egui_kittest`.
//!
//! The path field has the focus: a typed path and Enter opens or saves it, Tab completes it.
//! The list shows the folder's subfolders, then its files that match the filter; places
//! (parent, home, recent) move through folders. Saves propose a name, add the extension when
//! it is missing and ask before they replace a file. The dialog's own values (folder, path
//! field, selection) are edited in place; its answer leaves as [`Command::FileDialogDone`].

use std::path::{Path, PathBuf};

use super::command::Command;
use super::{ChartFormat, Request, theme};

/// The file types that are articles, for the Open dialog's filter.
pub const ARTICLE_TYPES: [&str; 5] = ["txt", "text", "html", "htm", "md"];

/// One entry of a folder listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name shown (lossy for names that are not UTF-8).
    pub name: String,
    /// The full path.
    pub path: PathBuf,
    /// Whether it is a folder (a link to a folder counts as one).
    pub is_dir: bool,
}

/// The folders in `folder`, then its files whose extension is one of `extensions` (all files
/// when `extensions` is empty; none when `folders_only`), each group sorted by name; hidden
/// entries (starting with `.`) are left out.
///
/// # Errors
/// When the folder cannot be read; the message names it.
pub fn list_folder(
    folder: &Path,
    extensions: &[&str],
    folders_only: bool,
) -> Result<Vec<Entry>, String> {
    list_folder_with(folder, extensions, folders_only, false)
}

/// [`list_folder`], with the hidden entries when `hidden`.
fn list_folder_with(
    folder: &Path,
    extensions: &[&str],
    folders_only: bool,
    hidden: bool,
) -> Result<Vec<Entry>, String> {
    let reader = std::fs::read_dir(folder)
        .map_err(|e| format!("Cannot read the folder {}: {e}", folder.display()))?;
    let mut entries: Vec<Entry> = reader
        .filter_map(Result::ok)
        .filter_map(|item| {
            let name = item.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && !hidden {
                return None;
            }
            let path = item.path();
            // Follows links; an entry whose target is gone counts as a file.
            let is_dir = std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
            let shown = if is_dir {
                true
            } else {
                !folders_only && matches_extension(&path, extensions)
            };
            shown.then_some(Entry { name, path, is_dir })
        })
        .collect();
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(entries)
}

/// Whether `path` has one of `extensions` (any path when `extensions` is empty).
fn matches_extension(path: &Path, extensions: &[&str]) -> bool {
    extensions.is_empty()
        || path.extension().is_some_and(|e| {
            extensions
                .iter()
                .any(|x| e.to_string_lossy().eq_ignore_ascii_case(x))
        })
}

/// `text` as a path: `~` is the home folder, a relative path is taken in `folder`.
#[must_use]
pub fn resolve(text: &str, folder: &Path, home: Option<&Path>) -> PathBuf {
    let text = text.trim();
    if let Some(home) = home {
        if text == "~" {
            return home.to_path_buf();
        }
        if let Some(rest) = text.strip_prefix("~/") {
            return home.join(rest);
        }
    }
    folder.join(text)
}

/// Tab completion of the typed `text`: the longest common beginning of the names in its
/// folder that start with what is typed after the last `/` (folders, and files that match
/// `extensions`; only folders when `folders_only`). A single folder completes with a
/// trailing `/`; hidden entries count when the typed name starts with `.`. `None` when nothing
/// matches or the folder cannot be read.
#[must_use]
pub fn complete(
    text: &str,
    folder: &Path,
    home: Option<&Path>,
    extensions: &[&str],
    folders_only: bool,
) -> Option<String> {
    let (head, prefix) = match text.rfind('/') {
        Some(at) => text.split_at(at + 1),
        None => ("", text),
    };
    let parent = if head.is_empty() {
        folder.to_path_buf()
    } else {
        resolve(head, folder, home)
    };
    // Hidden entries complete when their dot is typed.
    let hidden = prefix.starts_with('.');
    let candidates: Vec<Entry> = list_folder_with(&parent, extensions, folders_only, hidden)
        .ok()?
        .into_iter()
        .filter(|e| e.name.starts_with(prefix))
        .collect();
    let first = candidates.first()?;
    let mut common = first.name.clone();
    for e in &candidates[1..] {
        let same = common
            .char_indices()
            .zip(e.name.chars())
            .find(|((_, a), b)| a != b)
            .map_or(common.len().min(e.name.len()), |((at, _), _)| at);
        common.truncate(same);
    }
    let mut completed = format!("{head}{common}");
    if candidates.len() == 1 && first.is_dir {
        completed.push('/');
    }
    Some(completed)
}

/// A file filter: its label and extensions (empty: all files).
struct FileFilter {
    label: String,
    extensions: Vec<&'static str>,
}

/// A folder's listing under a filter: the folder and filter index, and the entries or why
/// they cannot be read.
type Listing = ((PathBuf, usize), Result<Vec<Entry>, String>);

/// What the dialog answers this frame.
enum Answer {
    /// The paths chosen.
    Chosen(Vec<PathBuf>),
    /// Cancel or Esc.
    Cancelled,
}

/// The open dialog and what the user has done in it.
#[derive(Debug)]
pub struct FileDialog {
    /// What it answers.
    pub request: Request,
    /// The folder listed.
    pub folder: PathBuf,
    /// The path field.
    pub path: String,
    /// The chosen filter (an index into the request's filters; the last is "All files").
    pub filter: usize,
    /// Files chosen in the list (Open articles takes several).
    pub chosen: Vec<PathBuf>,
    /// What the path field said when the list chose several files.
    chosen_text: String,
    /// Where a Shift-click range starts (an index into the listing).
    anchor: Option<usize>,
    /// The listing of `folder` under `filter`, read once per folder and filter.
    listing: Option<Listing>,
    /// What went wrong, naming the path.
    pub error: Option<String>,
    /// A file to be replaced, while the dialog asks.
    pub replace: Option<PathBuf>,
    /// Focus the path field (and put its cursor as `select_all` says) next frame.
    focus: bool,
    /// Select the whole path field when it is focused (a proposed name is typed over).
    select_all: bool,
    /// The file name a save proposes (empty for opens).
    proposed: String,
}

impl FileDialog {
    /// A dialog for `request`, listing `folder`.
    #[must_use]
    pub fn new(request: Request, folder: &Path) -> Self {
        let path = match request {
            Request::SaveWorkspaceAs => "workspace.json".to_string(),
            Request::ExportClaims { .. } => {
                format!("claims.{}", request.extension().unwrap_or("csv"))
            }
            Request::ExportChart { format } => match format {
                ChartFormat::Png => "chart.png".into(),
                ChartFormat::Svg => "chart.svg".into(),
            },
            Request::OpenFiles | Request::OpenFolder | Request::OpenWorkspace => String::new(),
        };
        Self {
            request,
            folder: folder.components().collect(),
            select_all: !path.is_empty(),
            proposed: path.clone(),
            path,
            filter: 0,
            chosen: Vec::new(),
            chosen_text: String::new(),
            anchor: None,
            listing: None,
            error: None,
            replace: None,
            focus: true,
        }
    }

    /// The window's title.
    #[must_use]
    pub fn title(&self) -> &'static str {
        match self.request {
            Request::OpenFiles => "Open articles",
            Request::OpenFolder => "Open a folder of articles",
            Request::OpenWorkspace => "Open workspace",
            Request::SaveWorkspaceAs => "Save workspace as",
            Request::ExportClaims { .. } => "Export claims",
            Request::ExportChart { .. } => "Export chart",
        }
    }

    /// Whether the dialog writes a file.
    #[must_use]
    pub fn saves(&self) -> bool {
        self.request.extension().is_some()
    }

    fn folders_only(&self) -> bool {
        self.request == Request::OpenFolder
    }

    fn filters(&self) -> Vec<FileFilter> {
        let own = match self.request {
            Request::OpenFolder => return Vec::new(),
            Request::OpenFiles => FileFilter {
                label: "Articles (.txt .text .html .htm .md)".into(),
                extensions: ARTICLE_TYPES.to_vec(),
            },
            Request::OpenWorkspace => FileFilter {
                label: "Workspaces (.json)".into(),
                extensions: vec!["json"],
            },
            other => {
                let ext = other.extension().unwrap_or("txt");
                FileFilter {
                    label: format!("{} files (.{ext})", ext.to_uppercase()),
                    extensions: vec![ext],
                }
            }
        };
        vec![
            own,
            FileFilter {
                label: "All files".into(),
                extensions: Vec::new(),
            },
        ]
    }

    fn extensions(&self) -> Vec<&'static str> {
        self.filters()
            .into_iter()
            .nth(self.filter)
            .map(|f| f.extensions)
            .unwrap_or_default()
    }

    /// Lists another folder.
    pub fn enter(&mut self, folder: &Path) {
        // `/tmp/x/` and `/tmp/./x` list as `/tmp/x`.
        self.folder = folder.components().collect();
        self.chosen.clear();
        self.anchor = None;
        self.error = None;
        if !self.saves() {
            self.path.clear();
        }
        self.focus = true;
    }

    /// The listing of the folder (read again when the folder or filter changed).
    fn listing(&mut self) -> &Result<Vec<Entry>, String> {
        let key = (self.folder.clone(), self.filter);
        if self.listing.as_ref().is_some_and(|(k, _)| *k != key) {
            self.listing = None;
        }
        let (extensions, folders_only) = (self.extensions(), self.folders_only());
        &self
            .listing
            .get_or_insert_with(|| {
                let listing = list_folder(&key.0, &extensions, folders_only);
                (key, listing)
            })
            .1
    }

    /// Completes the path field (Tab).
    pub fn complete(&mut self, home: Option<&Path>) {
        let extensions = self.extensions();
        match complete(
            &self.path,
            &self.folder,
            home,
            &extensions,
            self.folders_only(),
        ) {
            Some(completed) => {
                self.path = completed;
                self.error = None;
            }
            None => self.error = Some(format!("Nothing matches {}", self.path)),
        }
    }

    /// A click on entry `index` of the listing: a folder is entered; a file goes into the
    /// path field (with Ctrl, it is added or taken out; with Shift, the range from the last
    /// click is chosen).
    fn click(&mut self, index: usize, modifiers: egui::Modifiers) {
        let Ok(entries) = self.listing().clone() else {
            return;
        };
        let Some(entry) = entries.get(index) else {
            return;
        };
        if entry.is_dir {
            self.enter(&entry.path);
            return;
        }
        let several = self.request == Request::OpenFiles;
        if several && modifiers.shift && self.anchor.is_some() {
            let from = self.anchor.unwrap_or(index);
            let (a, b) = (from.min(index), from.max(index));
            self.chosen = entries[a..=b]
                .iter()
                .filter(|e| !e.is_dir)
                .map(|e| e.path.clone())
                .collect();
        } else if several && modifiers.command {
            if let Some(at) = self.chosen.iter().position(|p| *p == entry.path) {
                self.chosen.remove(at);
            } else {
                self.chosen.push(entry.path.clone());
            }
            self.anchor = Some(index);
        } else {
            self.chosen = vec![entry.path.clone()];
            self.anchor = Some(index);
        }
        self.path = match self.chosen.as_slice() {
            [one] => one
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            many => format!("{} files chosen", many.len()),
        };
        self.chosen_text.clone_from(&self.path);
        self.error = None;
    }

    /// What Enter or the Open/Save button does: the paths to answer with, or `None` while
    /// the dialog stays open (a folder entered, an error shown, a question asked).
    pub fn accept(&mut self, home: Option<&Path>) -> Option<Vec<PathBuf>> {
        self.error = None;
        // Files chosen in the list are answered by their paths (a name that is not UTF-8 is
        // shown lossily in the field); a save still asks before it replaces one.
        if !self.chosen.is_empty() && self.path == self.chosen_text && !self.saves() {
            return Some(self.chosen.clone());
        }
        let text = self.path.trim().to_string();
        if text.is_empty() {
            if self.folders_only() {
                return Some(vec![self.folder.clone()]);
            }
            self.error = Some(if self.saves() {
                "Type a file name.".into()
            } else {
                "Choose a file or type its path.".into()
            });
            return None;
        }
        let path = resolve(&text, &self.folder, home);
        let is_dir = path.is_dir();
        if self.folders_only() {
            if is_dir {
                return Some(vec![path]);
            }
            self.error = Some(format!("No such folder: {}", path.display()));
            return None;
        }
        if is_dir {
            self.enter(&path);
            if self.saves() {
                // In the folder typed, the proposed name again, ready to be typed over.
                self.path.clone_from(&self.proposed);
                self.select_all = true;
            }
            return None;
        }
        if !self.saves() {
            if path.is_file() {
                return Some(vec![path]);
            }
            self.error = Some(format!("No such file: {}", path.display()));
            return None;
        }
        let ext = self.request.extension().unwrap_or("txt");
        let path = if path.extension().is_none() {
            path.with_extension(ext)
        } else {
            path
        };
        match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() && !parent.is_dir() => {
                self.error = Some(format!("No such folder: {}", parent.display()));
                return None;
            }
            _ => {}
        }
        if path.is_dir() {
            self.error = Some(format!("{} is a folder", path.display()));
            return None;
        }
        if path.exists() {
            self.replace = Some(path);
            return None;
        }
        Some(vec![path])
    }

    /// The folder to remember: where the answer is.
    #[must_use]
    pub fn folder(&self) -> &Path {
        &self.folder
    }
}

/// The places beside the list: home and the session's recent paths.
pub struct Places<'a> {
    /// The user's home folder.
    pub home: Option<&'a Path>,
    /// Recently opened files and folders.
    pub recent: &'a [PathBuf],
}

/// Draws the dialog (a modal window); pushes [`Command::FileDialogDone`] with the chosen
/// paths, or with `None` when cancelled.
pub fn file_dialog_ui(
    ctx: &egui::Context,
    dialog: &mut FileDialog,
    places: &Places<'_>,
    commands: &mut Vec<Command>,
) {
    let screen = ctx.content_rect().size();
    let size = egui::vec2(
        (screen.x - 80.0).clamp(320.0, 760.0),
        (screen.y - 120.0).clamp(240.0, 520.0),
    );
    let mut answer: Option<Answer> = None;
    // Esc while the dialog asks before replacing a file only takes the question back.
    let asking = dialog.replace.is_some();
    let modal = egui::Modal::new(egui::Id::unique("file-dialog")).show(ctx, |ui| {
        ui.set_width(size.x);
        ui.heading(dialog.title());
        ui.horizontal(|ui| {
            let parent = dialog.folder.parent().map(Path::to_path_buf);
            if ui
                .add_enabled(parent.is_some(), egui::Button::new("⬆ Parent"))
                .on_hover_text("The folder above")
                .clicked()
                && let Some(parent) = parent
            {
                dialog.enter(&parent);
            }
            if let Some(home) = places.home
                && ui.button("🏠 Home").clicked()
            {
                dialog.enter(home);
            }
            ui.label(egui::RichText::new(dialog.folder.display().to_string()).strong());
        });
        ui.separator();
        let list_height = size.y - 150.0;
        ui.horizontal_top(|ui| {
            ui.set_height(list_height);
            ui.vertical(|ui| {
                ui.set_width(180.0);
                places_ui(ui, dialog, places, list_height);
            });
            ui.separator();
            ui.vertical(|ui| list_ui(ui, dialog, list_height, &mut answer));
        });
        ui.separator();
        path_field_ui(ui, dialog, places.home, &mut answer);
        if let Some(error) = &dialog.error {
            ui.colored_label(theme::WARNING, error);
        }
        buttons_ui(ui, dialog, places.home, &mut answer);
    });
    if answer.is_none() && !asking && dialog.replace.is_none() && modal.should_close() {
        answer = Some(Answer::Cancelled);
    }
    match answer {
        Some(Answer::Chosen(paths)) => commands.push(Command::FileDialogDone(Some(paths))),
        Some(Answer::Cancelled) => commands.push(Command::FileDialogDone(None)),
        None => {}
    }
}

/// The places beside the list, in order: the folders of the recent paths, then (when the
/// dialog opens files) the recent files themselves, each once.
fn recent_places(dialog: &FileDialog, recent: &[PathBuf]) -> Vec<(PathBuf, bool)> {
    let mut places: Vec<(PathBuf, bool)> = Vec::new();
    let kinds: Vec<(&Path, bool)> = recent.iter().map(|p| (p.as_path(), p.is_dir())).collect();
    for (path, is_dir) in &kinds {
        let folder = if *is_dir { Some(*path) } else { path.parent() };
        if let Some(folder) = folder.filter(|f| !f.as_os_str().is_empty())
            && !places.iter().any(|(p, _)| p == folder)
        {
            places.push((folder.to_path_buf(), true));
        }
    }
    if matches!(dialog.request, Request::OpenFiles | Request::OpenWorkspace) {
        let extensions = dialog.extensions();
        places.extend(
            kinds
                .iter()
                .filter(|(p, is_dir)| !is_dir && matches_extension(p, &extensions))
                .map(|(p, _)| (p.to_path_buf(), false)),
        );
    }
    places
}

/// Recent folders and files: a folder is entered; a file's folder is entered with the file
/// chosen.
fn places_ui(ui: &mut egui::Ui, dialog: &mut FileDialog, places: &Places<'_>, height: f32) {
    ui.label(egui::RichText::new("Recent").weak());
    egui::ScrollArea::vertical()
        .id_salt("recent_places")
        .max_height(height)
        .show(ui, |ui| {
            let recent = recent_places(dialog, places.recent);
            if recent.is_empty() {
                ui.weak("Nothing opened yet");
            }
            for (path, is_dir) in recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let label = if is_dir {
                    format!("🗀 {name}")
                } else {
                    format!("🗋 {name}")
                };
                let clicked = ui
                    .add(egui::Button::new(label).frame(false).truncate())
                    .on_hover_text(path.display().to_string())
                    .clicked();
                if clicked {
                    if is_dir {
                        dialog.enter(&path);
                    } else if let Some(parent) = path.parent() {
                        dialog.enter(parent);
                        dialog.chosen = vec![path.clone()];
                        dialog.path = name;
                    }
                }
            }
        });
}

/// The folder's entries; a double-click on a file answers with it.
fn list_ui(ui: &mut egui::Ui, dialog: &mut FileDialog, height: f32, answer: &mut Option<Answer>) {
    let entries = match dialog.listing() {
        Ok(entries) => entries.clone(),
        Err(message) => {
            ui.colored_label(theme::WARNING, message.clone());
            return;
        }
    };
    let mut clicked = None;
    let mut double = None;
    egui::ScrollArea::vertical()
        .id_salt("file_list")
        .max_height(height)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if entries.is_empty() {
                ui.weak(if dialog.folders_only() {
                    "No folders here."
                } else {
                    "No matching files here."
                });
            }
            for (i, entry) in entries.iter().enumerate() {
                let label = if entry.is_dir {
                    format!("🗀 {}/", entry.name)
                } else {
                    format!("🗋 {}", entry.name)
                };
                let chosen = dialog.chosen.contains(&entry.path);
                let response = ui.selectable_label(chosen, label);
                if response.double_clicked() && !entry.is_dir {
                    double = Some(entry.path.clone());
                } else if response.clicked() {
                    clicked = Some(i);
                }
            }
        });
    if let Some(path) = double {
        dialog.chosen = vec![path];
        dialog.path = dialog
            .chosen
            .first()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if dialog.saves() {
            *answer = dialog.accept(None).map(Answer::Chosen);
        } else {
            *answer = Some(Answer::Chosen(dialog.chosen.clone()));
        }
    } else if let Some(i) = clicked {
        let modifiers = ui.input(|i| i.modifiers);
        dialog.click(i, modifiers);
    }
}

/// The path field: focused when the dialog opens; Enter answers, Tab completes.
fn path_field_ui(
    ui: &mut egui::Ui,
    dialog: &mut FileDialog,
    home: Option<&Path>,
    answer: &mut Option<Answer>,
) {
    let id = egui::Id::unique("file-dialog-path");
    let mut complete = false;
    ui.horizontal(|ui| {
        let label = ui.label(if dialog.folders_only() {
            "Folder:"
        } else if dialog.saves() {
            "Save as:"
        } else {
            "File:"
        });
        // The cursor is placed once the field has the focus (a field without it drops its
        // selection): at the end, or over a proposed name so that typing replaces it.
        if dialog.focus && ui.memory(|m| m.has_focus(id)) {
            dialog.focus = false;
            let mut state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
            let end = egui::text::CCursor::new(dialog.path.chars().count());
            let range = if dialog.select_all {
                egui::text::CCursorRange::two(egui::text::CCursor::new(0), end)
            } else {
                egui::text::CCursorRange::one(end)
            };
            state.cursor.set_char_range(Some(range));
            state.store(ui.ctx(), id);
            dialog.select_all = false;
        }
        let field = egui::TextEdit::singleline(&mut dialog.path)
            .id(id)
            .hint_text("Type a path; Tab completes it")
            .desired_width(f32::INFINITY)
            .event_filter(egui::EventFilter {
                tab: true,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: false,
            });
        let response = ui.add(field).labelled_by(label.id);
        if dialog.focus && dialog.replace.is_none() {
            response.request_focus();
        }
        if response.changed() {
            dialog.error = None;
        }
        if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Tab)) {
            complete = true;
        }
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
        let nothing_focused = ui.memory(|m| m.focused().is_none());
        if enter && (response.lost_focus() || nothing_focused) && dialog.replace.is_none() {
            *answer = dialog.accept(home).map(Answer::Chosen);
            if answer.is_none() && dialog.replace.is_none() {
                dialog.focus = true;
            }
        }
    });
    if complete {
        dialog.complete(home);
        dialog.focus = true;
    }
}

/// The filter, Cancel and Open/Save; or, before a file is replaced, the question.
fn buttons_ui(
    ui: &mut egui::Ui,
    dialog: &mut FileDialog,
    home: Option<&Path>,
    answer: &mut Option<Answer>,
) {
    if let Some(path) = dialog.replace.clone() {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(format!("{name} exists. Replace it?")).strong());
            if ui.button("Replace").clicked() {
                *answer = Some(Answer::Chosen(vec![path.clone()]));
            }
            let cancel = ui.button("Cancel");
            if cancel.clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                dialog.replace = None;
                dialog.focus = true;
            }
        });
        return;
    }
    ui.horizontal(|ui| {
        let filters = dialog.filters();
        if let Some(current) = filters.get(dialog.filter) {
            egui::ComboBox::from_id_salt("file_dialog_filter")
                .selected_text(current.label.clone())
                .show_ui(ui, |ui| {
                    for (i, f) in filters.iter().enumerate() {
                        ui.selectable_value(&mut dialog.filter, i, f.label.clone());
                    }
                });
        }
        if dialog.request == Request::OpenFiles {
            ui.weak("Ctrl- or Shift-click to choose several");
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let action = if dialog.folders_only() {
                "Open this folder"
            } else if dialog.saves() {
                "Save"
            } else {
                "Open"
            };
            if ui.button(action).clicked() {
                *answer = dialog.accept(home).map(Answer::Chosen);
            }
            if ui.button("Cancel").clicked() {
                *answer = Some(Answer::Cancelled);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in [
            "b.txt",
            "a.html",
            "notes.md",
            "data.json",
            "image.png",
            ".hidden.txt",
        ] {
            std::fs::write(dir.path().join(f), "x").unwrap();
        }
        for d in ["zeta", "Alpha", "alpine"] {
            std::fs::create_dir(dir.path().join(d)).unwrap();
        }
        dir
    }

    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn the_listing_puts_folders_first_and_filters_files() {
        let dir = folder();
        let articles = list_folder(dir.path(), &ARTICLE_TYPES, false).unwrap();
        assert_eq!(
            names(&articles),
            ["Alpha", "alpine", "zeta", "a.html", "b.txt", "notes.md"]
        );
        assert!(articles[0].is_dir && !articles[3].is_dir);
        let all = list_folder(dir.path(), &[], false).unwrap();
        assert_eq!(all.len(), 8, "{:?}", names(&all));
        let folders = list_folder(dir.path(), &[], true).unwrap();
        assert_eq!(names(&folders), ["Alpha", "alpine", "zeta"]);
        let json = list_folder(dir.path(), &["JSON"], false).unwrap();
        assert_eq!(names(&json), ["Alpha", "alpine", "zeta", "data.json"]);
    }

    #[test]
    fn a_folder_that_cannot_be_read_names_itself() {
        let dir = folder();
        let missing = dir.path().join("nowhere");
        let e = list_folder(&missing, &[], false).unwrap_err();
        assert!(e.contains(&missing.display().to_string()), "{e}");
    }

    #[test]
    fn tab_completes_the_common_beginning_and_a_folder_with_a_slash() {
        let dir = folder();
        let d = dir.path();
        let c = |text: &str| complete(text, d, None, &ARTICLE_TYPES, false);
        // One match: a file completes fully, a folder with a slash.
        assert_eq!(c("b").as_deref(), Some("b.txt"));
        assert_eq!(c("z").as_deref(), Some("zeta/"));
        // Several: their common beginning.
        assert_eq!(c("alp").as_deref(), Some("alpine/"));
        assert_eq!(c("a").as_deref(), Some("a"));
        assert_eq!(c("A").as_deref(), Some("Alpha/"));
        // Files the filter leaves out do not match; nothing matching gives None.
        assert_eq!(c("i"), None);
        assert_eq!(
            complete("i", d, None, &[], false).as_deref(),
            Some("image.png")
        );
        assert_eq!(complete("b", d, None, &[], true), None);
        // A full path keeps what was typed before the last slash.
        let full = format!("{}/no", d.display());
        assert_eq!(
            c(&full).as_deref(),
            Some(format!("{}/notes.md", d.display()).as_str())
        );
        std::fs::write(d.join("zeta/inner.txt"), "x").unwrap();
        assert_eq!(c("zeta/").as_deref(), Some("zeta/inner.txt"));
        // `~` is the home folder.
        assert_eq!(
            complete("~/b", Path::new("/"), Some(d), &ARTICLE_TYPES, false).as_deref(),
            Some("~/b.txt")
        );
        assert_eq!(c("nowhere/x"), None);
        // Hidden entries only when the dot is typed.
        assert_eq!(c(".h").as_deref(), Some(".hidden.txt"));
    }

    #[test]
    fn accepting_checks_the_path_and_asks_before_replacing() {
        let dir = folder();
        let d = dir.path().to_path_buf();
        let mut open = FileDialog::new(Request::OpenFiles, &d);
        open.path = "b.txt".into();
        assert_eq!(open.accept(None), Some(vec![d.join("b.txt")]));
        open.path = "missing.txt".into();
        assert_eq!(open.accept(None), None);
        let error = open.error.clone().unwrap();
        assert!(
            error.contains(&d.join("missing.txt").display().to_string()),
            "{error}"
        );
        // A folder typed into an open dialog is entered.
        open.path = "zeta".into();
        assert_eq!(open.accept(None), None);
        assert_eq!(open.folder, d.join("zeta"));

        let mut save = FileDialog::new(
            Request::ExportChart {
                format: ChartFormat::Png,
            },
            &d,
        );
        assert_eq!(save.path, "chart.png");
        save.path = "picture".into();
        assert_eq!(save.accept(None), Some(vec![d.join("picture.png")]));
        save.path = "image.png".into();
        assert_eq!(save.accept(None), None);
        assert_eq!(save.replace, Some(d.join("image.png")));
        save.replace = None;
        // A folder typed into a save dialog is entered, with the proposed name again.
        save.path = format!("{}/zeta/", d.display());
        assert_eq!(save.accept(None), None);
        assert_eq!(
            (save.folder.as_path(), save.path.as_str()),
            (d.join("zeta").as_path(), "chart.png")
        );
        save.folder.clone_from(&d);
        save.path = "nowhere/chart.png".into();
        assert_eq!(save.accept(None), None);
        assert!(save.error.as_deref().unwrap_or("").contains("nowhere"));

        let mut folder = FileDialog::new(Request::OpenFolder, &d);
        assert_eq!(folder.accept(None), Some(vec![d.clone()]));
        folder.path = "b.txt".into();
        assert_eq!(folder.accept(None), None);
    }

    #[test]
    fn recent_places_are_the_folders_then_the_files_that_fit() {
        let dir = folder();
        let d = dir.path().to_path_buf();
        let recent = [d.join("b.txt"), d.join("zeta"), d.join("data.json")];
        let open = FileDialog::new(Request::OpenFiles, &d);
        assert_eq!(
            recent_places(&open, &recent),
            [
                (d.clone(), true),
                (d.join("zeta"), true),
                (d.join("b.txt"), false)
            ]
        );
        let save = FileDialog::new(Request::SaveWorkspaceAs, &d);
        assert_eq!(
            recent_places(&save, &recent),
            [(d.clone(), true), (d.join("zeta"), true)]
        );
    }

    #[test]
    fn ctrl_and_shift_clicks_choose_several_files() {
        let dir = folder();
        let d = dir.path().to_path_buf();
        let mut open = FileDialog::new(Request::OpenFiles, &d);
        // Entries: Alpha, alpine, zeta, a.html, b.txt, notes.md.
        open.click(3, egui::Modifiers::NONE);
        open.click(5, egui::Modifiers::SHIFT);
        assert_eq!(open.chosen.len(), 3);
        assert_eq!(open.path, "3 files chosen");
        open.click(4, egui::Modifiers::COMMAND);
        assert_eq!(
            open.accept(None),
            Some(vec![d.join("a.html"), d.join("notes.md")])
        );
        // A folder is entered.
        open.click(2, egui::Modifiers::NONE);
        assert_eq!(open.folder, d.join("zeta"));
        assert!(open.chosen.is_empty());
    }
}
