//! No lost work: interrupted saves, damaged, truncated, old and new workspace files,
//! unwritable places, and a panic in a background worker. The app says what happened,
//! keeps the last good file (and a copy of a damaged one) and starts.

use std::path::Path;

use claimtrack::app::{App, Config};
use claimtrack::corpus::Status;
use claimtrack::io::pipeline::Loaded;
use claimtrack::io::workspace::{self, Change, Workspace};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(app: App) -> Harness<'static, App> {
    Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_ui_state(|ui, app: &mut App| app.show(ui), app)
}

fn start(home: &Path) -> Harness<'static, App> {
    let app = App::start(
        &Config {
            home: Some(home.to_path_buf()),
        },
        &[],
    );
    let mut h = harness(app);
    h.run_steps(2);
    h.state_mut().wait();
    h.run_steps(2);
    h
}

/// A workspace with the samples open and the first claim of the first sample rejected.
fn saved_workspace(home: &Path) -> (Workspace, String) {
    let mut h = start(home);
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    h.state_mut().wait();
    let text = std::fs::read_to_string(home.join("workspace.json")).unwrap();
    (Workspace::from_json(Path::new("w"), &text).unwrap(), text)
}

fn rejected(h: &Harness<'static, App>) -> usize {
    h.state()
        .corpus
        .rows
        .iter()
        .filter(|r| r.status == Status::Rejected)
        .count()
}

#[test]
fn a_save_killed_before_its_rename_leaves_the_last_good_workspace() {
    let home = tempfile::tempdir().unwrap();
    let (_, good) = saved_workspace(home.path());
    // What a kill between write and rename leaves: the old file and a partial temporary.
    let tmp = home.path().join("workspace.json.tmp-99999");
    std::fs::write(&tmp, &good[..good.len() / 3]).unwrap();
    let h = start(home.path());
    assert_eq!(rejected(&h), 1, "the last good workspace is read");
    assert!(!tmp.exists(), "the stale temporary is removed");
    assert!(h.state().problems.is_empty(), "{:?}", h.state().problems);
}

#[test]
fn a_truncated_workspace_is_backed_up_and_the_app_starts() {
    let home = tempfile::tempdir().unwrap();
    let (_, good) = saved_workspace(home.path());
    let truncated = &good[..good.len() / 2];
    std::fs::write(home.path().join("workspace.json"), truncated).unwrap();
    let mut h = start(home.path());
    let backup = home.path().join("workspace.json.damaged");
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), truncated);
    assert!(h.state().problems.iter().any(|p| p.contains("damaged")));
    h.get_by_label_contains("Problems (");
    // Work goes on and is saved as a whole file again.
    h.state_mut().open(claimtrack::app::sample_paths(), false);
    h.state_mut().wait();
    h.run_steps(2);
    let text = std::fs::read_to_string(home.path().join("workspace.json")).unwrap();
    assert!(Workspace::from_json(Path::new("w"), &text).is_ok());
    assert_eq!(
        std::fs::read_to_string(&backup).unwrap(),
        truncated,
        "the copy is kept"
    );
}

#[test]
fn garbage_and_binary_workspaces_are_backed_up_too() {
    for bytes in [
        &b"\x00\x01\x02\xff\xfe"[..],
        b"[1, 2, 3]",
        b"{\"version\": \"one\"}",
        b"",
    ] {
        let home = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join("workspace.json"), bytes).unwrap();
        let h = start(home.path());
        assert!(!h.state().problems.is_empty(), "{bytes:?}");
        assert_eq!(
            std::fs::read(home.path().join("workspace.json.damaged")).unwrap(),
            bytes
        );
    }
}

#[test]
fn a_workspace_of_an_older_format_version_is_read() {
    let home = tempfile::tempdir().unwrap();
    let (ws, _) = saved_workspace(home.path());
    // Format version 0: files written before the version field existed.
    let mut old = serde_json::to_value(&ws).unwrap();
    old.as_object_mut().unwrap().remove("version");
    std::fs::write(home.path().join("workspace.json"), old.to_string()).unwrap();
    let h = start(home.path());
    assert_eq!(rejected(&h), 1);
    assert!(h.state().problems.is_empty());
    assert_eq!(h.state().workspace.version, workspace::FORMAT_VERSION);
}

#[test]
fn a_workspace_from_a_newer_version_is_left_untouched() {
    let home = tempfile::tempdir().unwrap();
    let (ws, _) = saved_workspace(home.path());
    let mut newer = serde_json::to_value(&ws).unwrap();
    newer["version"] = serde_json::json!(99);
    newer["something_new"] = serde_json::json!({"x": 1});
    let text = newer.to_string();
    let path = home.path().join("workspace.json");
    std::fs::write(&path, &text).unwrap();
    let mut h = start(home.path());
    assert!(h.state().save_blocked.is_some());
    assert!(h.state().problems.iter().any(|p| p.contains("version 99")));
    // Changes are not written over it.
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    h.state_mut().wait();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    h.get_by_label("⚠ not saving");
}

#[test]
fn an_unwritable_workspace_place_is_reported_and_work_goes_on() {
    let home = tempfile::tempdir().unwrap();
    let mut h = start(home.path());
    // The folder of the workspace is a file: every write fails, as on a full or read-only
    // disk (root ignores permissions, so this is the failure a test can force).
    let blocker = home.path().join("blocker");
    std::fs::write(&blocker, "not a folder").unwrap();
    h.state_mut().workspace_path = Some(blocker.join("workspace.json"));
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    h.state_mut().wait();
    h.run_steps(2);
    let app = h.state();
    assert!(
        app.problems.iter().any(|p| p.contains("Could not write")),
        "{:?}",
        app.problems
    );
    assert!(app.status.contains("Could not write"));
    assert_eq!(rejected(&h), 1, "the change stays in the app");
    // The last good file in the old place is untouched.
    let old = std::fs::read_to_string(home.path().join("workspace.json")).unwrap();
    assert!(Workspace::from_json(Path::new("w"), &old).is_ok());
}

#[test]
fn a_failed_rename_leaves_the_old_file_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("workspace.json");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "x").unwrap();
    assert!(workspace::write_atomically(&target, b"{}").is_err());
    assert!(target.join("keep").exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary left"
    );
}

#[test]
fn a_panic_in_a_background_worker_is_an_error_not_a_crash() {
    let home = tempfile::tempdir().unwrap();
    let mut h = start(home.path());
    let before = h.state().corpus.articles.len();
    h.state_mut().open_with(
        false,
        Box::new(|_, _| -> Loaded { panic!("worker exploded") }),
    );
    h.run_steps(2);
    h.state_mut().wait();
    h.run_steps(3);
    let app = h.state();
    assert!(
        app.problems.iter().any(|p| p.contains("worker exploded")),
        "{:?}",
        app.problems
    );
    assert_eq!(app.corpus.articles.len(), before);
    assert!(!app.is_loading());
    // The window goes on: the next load works.
    h.get_by_label("Claims").click();
    h.run_steps(2);
}

#[test]
fn corrections_survive_a_restart_even_with_the_articles_moved() {
    let home = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let text = " date 2023-04\nNach Angaben der Polizei wurden rund 300 Menschen festgenommen.";
    let first = files.path().join("a.txt");
    std::fs::write(&first, text).unwrap();
    let mut ws = Workspace::default();
    let extracted = claimtrack::extract::Extractor::new().extract(
        &claimtrack::io::load::Document::from_text("a", text.to_string()),
    );
    ws.set_correction(
        &workspace::content_key(text),
        extracted.claims[0].number,
        Change::Reject,
    );
    ws.save(&home.path().join("workspace.json")).unwrap();
    // The same article under another name and folder.
    let moved = files.path().join("elsewhere").join("b.txt");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(&first, &moved).unwrap();
    let app = App::start(
        &Config {
            home: Some(home.path().to_path_buf()),
        },
        &[moved],
    );
    let mut h = harness(app);
    h.state_mut().wait();
    h.run_steps(2);
    assert_eq!(rejected(&h), 1);
}

/// A workspace big enough that writing it takes a while, marked with `round`.
fn big_workspace(round: usize) -> Workspace {
    let mut ws = Workspace::default();
    ws.articles.push(format!("round-{round}.txt"));
    ws.corrections = (0..20_000)
        .map(|i| workspace::Correction {
            article: format!("{i:016x}"),
            number: claimtrack::model::Span::new(i, i + 3),
            change: Change::Reject,
        })
        .collect();
    ws
}

#[test]
fn saves_killed_at_random_moments_leave_a_whole_workspace() {
    // The child: this same test run again with the variable set saves for ever until killed.
    if let Some(path) = std::env::var_os("CLAIMTRACK_KILL_TEST_TARGET") {
        let path = std::path::PathBuf::from(path);
        for round in 1.. {
            let _ = big_workspace(round).save(&path);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workspace.json");
    big_workspace(0).save(&path).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut newer = 0;
    for round in 0..12u64 {
        let mut child = std::process::Command::new(&exe)
            .args([
                "--exact",
                "nolostwork::saves_killed_at_random_moments_leave_a_whole_workspace",
                "--test-threads",
                "1",
            ])
            .env("CLAIMTRACK_KILL_TEST_TARGET", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(40 + (round * 37) % 160));
        child.kill().unwrap();
        child.wait().unwrap();
        // Whatever moment the kill came, the file is one whole workspace.
        let text = std::fs::read_to_string(&path).unwrap();
        let ws = Workspace::from_json(&path, &text).expect("a whole workspace");
        assert_eq!(ws.corrections.len(), 20_000);
        if ws.articles[0] != "round-0.txt" {
            newer += 1;
        }
        let _ = workspace::remove_stale_temporaries(&path);
    }
    assert!(newer > 0, "the killed writers did replace the file");
}
