//! The app's own file dialog, driven through `egui_kittest` as a user would: open by a typed
//! path, export with Ctrl+E, save a workspace over an existing file, Tab completion, the
//! list, and when the system dialog is used instead.

use std::path::{Path, PathBuf};

use claimtrack::app::{App, Config, DataFormat, Request};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::Node;
use egui_kittest::kittest::Queryable;

/// The app started in its own home folder after the samples have loaded, as on a desktop
/// without a system file dialog (the harness has no shell).
fn started(home: &Path) -> Harness<'static, App> {
    let app = App::start(
        &Config {
            home: Some(home.to_path_buf()),
        },
        &[],
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    h.run_steps(2);
    h.state_mut().wait();
    h.run_steps(3);
    h
}

/// The dialog's path field.
fn field<'h>(h: &'h Harness<'static, App>, label: &'h str) -> Node<'h> {
    h.get_by_role_and_label(Role::TextInput, label)
}

/// Types `text` into the focused path field and presses Enter.
fn type_and_enter(h: &mut Harness<'static, App>, label: &str, text: &str) {
    field(h, label).type_text(text);
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
}

/// An article with one claim (its name in the text: articles of one text are one article).
fn article(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let text = format!("{name}: Laut Polizei kamen rund 3000 Menschen.");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn ctrl_o_a_typed_path_and_enter_open_the_article() {
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let path = article(files.path(), "a.txt");
    let mut h = started(home.path());
    let before = h.state().corpus.articles.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    assert_eq!(
        h.state().file_dialog.as_ref().map(|d| d.request),
        Some(Request::OpenFiles)
    );
    assert!(
        field(&h, "File:").is_focused(),
        "the path field has the focus"
    );
    type_and_enter(&mut h, "File:", &path.display().to_string());
    assert!(h.state().file_dialog.is_none());
    h.state_mut().wait();
    h.run_steps(2);
    let app = h.state();
    assert_eq!(app.corpus.articles.len(), before + 1);
    assert!(
        app.corpus
            .articles
            .iter()
            .any(|a| a.path.ends_with("a.txt"))
    );
    // The folder is remembered for the next dialog, in the session file.
    assert_eq!(app.session.last_folder.as_deref(), Some(files.path()));
    drop(h);
    let session = claimtrack::io::workspace::Session::load(home.path()).unwrap();
    assert_eq!(session.last_folder.as_deref(), Some(files.path()));
}

#[test]
fn ctrl_e_a_typed_path_and_enter_write_the_shown_claims_as_csv() {
    let home = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.state_mut().filter.text = "Soldaten".into();
    h.run_steps(2);
    let shown = h.state_mut().visible_rows().len();
    assert!(shown > 0 && shown < h.state().corpus.rows.len());
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    // The proposed name is selected, so a typed path replaces it; the extension is added.
    assert_eq!(field(&h, "Save as:").value().as_deref(), Some("claims.csv"));
    let csv = out.path().join("shown.csv");
    type_and_enter(
        &mut h,
        "Save as:",
        &out.path().join("shown").display().to_string(),
    );
    h.state_mut().wait();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.lines().count(), shown + 1);
}

#[test]
fn saving_over_a_workspace_asks_first() {
    let home = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("story.json");
    std::fs::write(&path, "old").unwrap();
    let mut h = started(home.path());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(2);
    assert_eq!(
        field(&h, "Save as:").value().as_deref(),
        Some("workspace.json")
    );
    type_and_enter(&mut h, "Save as:", &path.display().to_string());
    h.get_by_label("story.json exists. Replace it?");
    // Cancel keeps the file and the dialog.
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    h.state_mut().wait();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert!(h.state().file_dialog.is_some());
    assert!(h.query_by_label("story.json exists. Replace it?").is_none());
    // Asked again, Replace writes the workspace there.
    h.key_press(Key::Enter);
    h.run_steps(2);
    h.get_by_label("Replace").click();
    h.run_steps(2);
    h.state_mut().wait();
    assert!(h.state().file_dialog.is_none());
    assert_eq!(h.state().workspace_path.as_deref(), Some(path.as_path()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"articles\""), "{text}");
}

#[test]
fn tab_completes_the_path_and_a_folder_is_entered() {
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    article(files.path(), "report-2024.txt");
    std::fs::create_dir(files.path().join("reports")).unwrap();
    article(&files.path().join("reports"), "inner.txt");
    let mut h = started(home.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    let base = files.path().display().to_string();
    field(&h, "File:").type_text(&format!("{base}/rep"));
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(
        field(&h, "File:").value(),
        Some(format!("{base}/report")),
        "the common beginning of report-2024.txt and reports/"
    );
    assert!(field(&h, "File:").is_focused(), "Tab keeps the focus");
    field(&h, "File:").type_text("s");
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(field(&h, "File:").value(), Some(format!("{base}/reports/")));
    // Enter on a folder enters it; its files are listed.
    h.key_press(Key::Enter);
    h.run_steps(2);
    let dialog = h.state().file_dialog.as_ref().unwrap();
    assert_eq!(dialog.folder, files.path().join("reports"));
    h.get_by_label_contains("inner.txt");
}

#[test]
fn the_list_chooses_several_files_and_errors_name_the_path() {
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    for name in ["a.txt", "b.txt", "c.html"] {
        article(files.path(), name);
    }
    std::fs::write(files.path().join("picture.png"), "x").unwrap();
    let mut h = started(home.path());
    h.state_mut().session.last_folder = Some(files.path().to_path_buf());
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    // Only articles are listed, until "All files" is chosen.
    assert!(h.query_by_label_contains("picture.png").is_none());
    let missing = files.path().join("missing.txt");
    type_and_enter(&mut h, "File:", &missing.display().to_string());
    h.get_by_label(&format!("No such file: {}", missing.display()));
    h.get_by_label_contains("a.txt").click();
    h.run_steps(2);
    h.get_by_label_contains("c.html")
        .click_modifiers(Modifiers::SHIFT);
    h.run_steps(2);
    assert_eq!(
        field(&h, "File:").value().as_deref(),
        Some("3 files chosen")
    );
    h.get_by_label("Open").click();
    h.run_steps(2);
    assert!(h.state().file_dialog.is_none());
    h.state_mut().wait();
    h.run_steps(2);
    let open = &h.state().corpus.articles;
    for name in ["a.txt", "b.txt", "c.html"] {
        assert!(open.iter().any(|a| a.path.ends_with(name)), "{name}");
    }
    // "All files" lists the others too.
    article(files.path(), "d.txt");
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    h.get_by_value("Articles (.txt .text .html .htm .md)")
        .click();
    h.run_steps(2);
    h.get_by_label("All files").click();
    h.run_steps(2);
    h.get_by_label_contains("picture.png");
    h.get_by_label_contains("d.txt").click();
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(2);
    h.state_mut().wait();
    assert!(
        h.state()
            .corpus
            .articles
            .iter()
            .any(|a| a.path.ends_with("d.txt"))
    );
}

#[test]
fn esc_cancels_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(h.state().file_dialog.is_none());
    assert_eq!(h.state().status, "Cancelled.");
    // Cancel does the same.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    h.run_steps(2);
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().file_dialog.is_none());
    assert_eq!(h.state().status, "Cancelled.");
}

#[test]
fn the_system_dialog_is_asked_only_where_there_is_one() {
    let home = tempfile::tempdir().unwrap();
    let mut h = started(home.path());
    // Where the shell has a system dialog, the request waits for it.
    h.state_mut().system_dialog = true;
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run_steps(2);
    let export = Request::ExportClaims {
        format: DataFormat::Csv,
        filtered: true,
    };
    assert_eq!(h.state().requests, vec![export]);
    assert!(h.state().file_dialog.is_none());
    // The system dialog gave up at once: the app's own dialog takes over, from now on.
    let app = h.state_mut();
    app.requests.clear();
    app.system_dialog_failed(export);
    assert!(!app.system_dialog);
    assert_eq!(app.file_dialog.as_ref().map(|d| d.request), Some(export));
    h.run_steps(2);
    field(&h, "Save as:");
    h.key_press(Key::Escape);
    h.run_steps(2);
    // The user may prefer the app's own dialog where the system has one.
    h.state_mut().system_dialog = true;
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Use claimtrack's own file dialog").click();
    h.run_steps(2);
    assert!(h.state().session.own_file_dialog);
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    assert!(h.state().requests.is_empty());
    field(&h, "File:");
}
