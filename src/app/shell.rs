//! The eframe shell around [`App`]: opens the window and answers the app's requests with
//! the system's file dialogs (rfd), each on its own thread so the window keeps drawing; a
//! dialog's thread wakes the window when it has an answer.
//!
//! Where the desktop has no system dialog ([`system_dialog_available`]), the app's own dialog
//! answers instead, and so it does when rfd gives up at once (no portal answered and no
//! `zenity`: rfd returns `None` in milliseconds, just as if the user had cancelled).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::file_dialog::ARTICLE_TYPES;
use super::{App, Config, Request};

/// An answer of nothing sooner than this after a dialog opened is no user's: no dialog
/// appeared.
const GAVE_UP_AT_ONCE: Duration = Duration::from_millis(300);

/// A system dialog's answer and how long it took to come.
type Answer = (Option<Vec<PathBuf>>, Duration);

/// A system dialog under way: its request and where its answer comes.
type Pending = (Request, mpsc::Receiver<Answer>);

/// The window's app: the state plus the dialogs under way.
pub struct Shell {
    app: App,
    dialogs: Vec<Pending>,
}

/// Whether a system file dialog can appear, as far as the environment tells (on Linux and
/// the BSDs rfd 0.17 needs the desktop portal, `org.freedesktop.portal.Desktop` on the
/// session bus, or `zenity` on PATH; `kdialog` is no fallback of rfd 0.17). In doubt, no:
/// the app's own dialog always works. Elsewhere (Windows, macOS) the system has one.
#[must_use]
pub fn system_dialog_available() -> bool {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "dragonfly",
        target_os = "netbsd",
        target_os = "openbsd"
    )) {
        let env = |name: &str| {
            std::env::var_os(name)
                .map(|v| v.to_string_lossy().into_owned())
                .filter(|v| !v.is_empty())
        };
        unix_dialog_available(&env, &|p: &Path| p.is_file())
    } else {
        true
    }
}

/// [`system_dialog_available`] on Linux and the BSDs, over an environment (`env`: a
/// variable's value, if set and not empty) and a file system (`is_file`).
fn unix_dialog_available(
    env: &dyn Fn(&str) -> Option<String>,
    is_file: &dyn Fn(&Path) -> bool,
) -> bool {
    let on_path = |program: &str| {
        env("PATH")
            .is_some_and(|path| std::env::split_paths(&path).any(|dir| is_file(&dir.join(program))))
    };
    if on_path("zenity") {
        return true;
    }
    // Flatpak and Snap sandboxes always come with the portal.
    if is_file(Path::new("/.flatpak-info")) || env("SNAP").is_some() {
        return true;
    }
    // A portal answers on a desktop session's bus, where its D-Bus service is installed.
    let bus = env("DBUS_SESSION_BUS_ADDRESS").is_some()
        || env("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    let desktop = env("XDG_CURRENT_DESKTOP").is_some();
    let data_dirs = env("XDG_DATA_DIRS").unwrap_or_else(|| "/usr/local/share:/usr/share".into());
    let portal = std::env::split_paths(&data_dirs)
        .any(|dir| is_file(&dir.join("dbus-1/services/org.freedesktop.portal.Desktop.service")));
    bus && desktop && portal
}

fn dialog(request: Request, folder: Option<PathBuf>) -> Option<Vec<PathBuf>> {
    let articles = ARTICLE_TYPES;
    let mut dialog = rfd::FileDialog::new();
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    match request {
        Request::OpenFiles => dialog
            .set_title("Open articles")
            .add_filter("Articles", &articles)
            .add_filter("All files", &["*"])
            .pick_files(),
        Request::OpenFolder => dialog.set_title("Open a folder of articles").pick_folders(),
        Request::OpenWorkspace => dialog
            .set_title("Open workspace")
            .add_filter("Workspace", &["json"])
            .pick_file()
            .map(|p| vec![p]),
        other => {
            let ext = other.extension().unwrap_or("txt");
            let name = match other {
                Request::SaveWorkspaceAs => "workspace.json".to_string(),
                Request::ExportChart { .. } => format!("chart.{ext}"),
                _ => format!("claims.{ext}"),
            };
            dialog
                .set_title("Save as")
                .set_file_name(name)
                .add_filter(ext, &[ext])
                .save_file()
                .map(|p| {
                    vec![if p.extension().is_none() {
                        p.with_extension(ext)
                    } else {
                        p
                    }]
                })
        }
    }
}

impl Shell {
    fn serve_requests(&mut self, ctx: &egui::Context) {
        for request in std::mem::take(&mut self.app.requests) {
            if self.dialogs.iter().any(|(r, _)| *r == request) {
                continue;
            }
            let (tx, rx) = mpsc::channel();
            let ctx = ctx.clone();
            let folder = Some(self.app.dialog_folder());
            let spawned = std::thread::Builder::new()
                .name("claimtrack-dialog".into())
                .spawn(move || {
                    let opened = Instant::now();
                    let paths = dialog(request, folder);
                    let _ = tx.send((paths, opened.elapsed()));
                    ctx.request_repaint();
                });
            match spawned {
                Ok(_) => self.dialogs.push((request, rx)),
                // No thread, no system dialog: the app's own serves the request.
                Err(_) => self.app.system_dialog_failed(request),
            }
        }
        let mut answered = Vec::new();
        self.dialogs.retain(|(request, rx)| match rx.try_recv() {
            Ok((paths, took)) => {
                answered.push((*request, took, paths));
                false
            }
            Err(mpsc::TryRecvError::Empty) => true,
            Err(mpsc::TryRecvError::Disconnected) => {
                answered.push((*request, Duration::ZERO, None));
                false
            }
        });
        for (request, took, paths) in answered {
            // (rfd's zenity fallback answers an empty list where zenity fails.)
            let nothing = paths.as_ref().is_none_or(Vec::is_empty);
            if nothing && took < GAVE_UP_AT_ONCE {
                self.app.system_dialog_failed(request);
                ctx.request_repaint();
            } else {
                self.app.on_paths_chosen(request, paths);
            }
        }
    }
}

impl eframe::App for Shell {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
        self.serve_requests(ui.ctx());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Let pending workspace writes finish before the process ends.
        self.app.wait();
    }
}

/// Opens the window: the last workspace, or `paths` when given.
///
/// # Errors
/// When no window can be opened (no display, no OpenGL).
pub fn run(paths: &[PathBuf]) -> Result<(), String> {
    let config = Config {
        home: Some(crate::io::workspace::home_dir()),
    };
    let mut app = App::start(&config, paths);
    app.system_dialog = system_dialog_available();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("claimtrack")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true)
            .with_app_id("claimtrack"),
        ..Default::default()
    };
    eframe::run_native(
        "claimtrack",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(Shell {
                app,
                dialogs: Vec::new(),
            }))
        }),
    )
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn available(vars: &[(&str, &str)], files: &[&str]) -> bool {
        let env = |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_string())
        };
        unix_dialog_available(&env, &|p: &Path| files.iter().any(|f| Path::new(f) == p))
    }

    #[test]
    fn the_system_dialog_is_used_only_where_it_can_appear() {
        let portal = "/usr/share/dbus-1/services/org.freedesktop.portal.Desktop.service";
        let desktop = [
            ("PATH", "/usr/bin"),
            ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus"),
            ("XDG_CURRENT_DESKTOP", "GNOME"),
        ];
        assert!(available(&desktop, &[portal]));
        // Xvfb: no bus, no desktop, no zenity.
        assert!(!available(&[("PATH", "/usr/bin")], &[portal]));
        // A desktop without the portal installed.
        assert!(!available(&desktop, &[]));
        // zenity is rfd's fallback.
        assert!(available(
            &[("PATH", "/bin:/usr/bin")],
            &["/usr/bin/zenity"]
        ));
        assert!(!available(&[("PATH", "/usr/bin")], &["/usr/bin/kdialog"]));
    }
}
