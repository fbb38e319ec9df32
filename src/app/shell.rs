//! The eframe shell around [`App`]: opens the window and answers the app's requests with
//! native file dialogs (rfd), each on its own thread so the window keeps drawing; a dialog's
//! thread wakes the window when it has an answer.

use std::path::PathBuf;
use std::sync::mpsc;

use super::{App, Config, Request};

/// The window's app: the state plus the dialogs under way.
pub struct Shell {
    app: App,
    dialogs: Vec<(Request, mpsc::Receiver<Option<Vec<PathBuf>>>)>,
}

fn dialog(request: Request) -> Option<Vec<PathBuf>> {
    let articles = ["txt", "text", "html", "htm", "md"];
    let dialog = rfd::FileDialog::new();
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
            let spawned = std::thread::Builder::new()
                .name("claimtrack-dialog".into())
                .spawn(move || {
                    let _ = tx.send(dialog(request));
                    ctx.request_repaint();
                });
            match spawned {
                Ok(_) => self.dialogs.push((request, rx)),
                Err(e) => self.app.status = format!("Cannot open a file dialog: {e}"),
            }
        }
        let mut answered = Vec::new();
        self.dialogs.retain(|(request, rx)| match rx.try_recv() {
            Ok(paths) => {
                answered.push((*request, paths));
                false
            }
            Err(mpsc::TryRecvError::Empty) => true,
            Err(mpsc::TryRecvError::Disconnected) => {
                answered.push((*request, None));
                false
            }
        });
        for (request, paths) in answered {
            if paths.is_none() {
                self.app.status =
                    "No file chosen (if no dialog appeared, this system has no file-dialog portal; open files from the command line or drop them onto the window).".into();
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
    let app = App::start(&config, paths);
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
