//! Work off the UI thread: loading and extracting articles (with progress and cancel), and
//! making and writing files (workspace, session, exports: CSV, JSON, the chart's PNG or SVG)
//! atomically, one after another. A panic in a
//! worker is caught and reported as an error instead of taking the window down. Workers wake
//! the UI through a [`Waker`] when they have news, so the UI never polls on a timer.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, mpsc};
use std::time::Duration;

use crate::extract::Extractor;
use crate::io::origin::Origin;
use crate::io::pipeline::{self, LoadOptions, Loaded};
use crate::io::workspace::write_atomically;

/// How often at most progress wakes the UI while a load runs.
const PROGRESS_REPAINT: Duration = Duration::from_millis(50);

/// Wakes the UI when a worker has news. It holds the egui context once the first frame has
/// drawn; before that (and where nothing draws, as in tests that only call methods) waking
/// does nothing, and the next frame's [`super::App::poll`] finds the news anyway.
#[derive(Clone, Default)]
pub struct Waker(Arc<OnceLock<egui::Context>>);

impl Waker {
    /// Remembers the context to wake (the first one given).
    pub fn set(&self, ctx: &egui::Context) {
        if self.0.get().is_none() {
            let _ = self.0.set(ctx.clone());
        }
    }

    /// The context, once a frame has drawn.
    pub fn context(&self) -> Option<&egui::Context> {
        self.0.get()
    }

    /// Asks for a frame now: a result is ready.
    pub fn wake(&self) {
        if let Some(ctx) = self.0.get() {
            ctx.request_repaint();
        }
    }

    /// Asks for a frame soon: progress moved (many updates make one frame).
    fn wake_soon(&self) {
        if let Some(ctx) = self.0.get() {
            ctx.request_repaint_after(PROGRESS_REPAINT);
        }
    }
}

/// What a finished load hands back.
pub struct LoadResult {
    /// Whether the open articles are replaced.
    pub replace: bool,
    /// The articles and errors, or the message of a panic.
    pub outcome: Result<Loaded, String>,
}

/// A load running on a worker thread.
pub struct LoadJob {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    rx: mpsc::Receiver<Result<Loaded, String>>,
    replace: bool,
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// The work of a load: given the cancel flag and a progress callback `(done, total)`, the
/// articles and errors.
pub type LoadWork =
    Box<dyn FnOnce(&AtomicBool, &(dyn Fn(usize, usize) + Sync)) -> Loaded + Send + 'static>;

impl LoadJob {
    /// Starts loading `origins`.
    pub fn start(
        origins: Vec<Origin>,
        replace: bool,
        extractor: Arc<Extractor>,
        waker: Waker,
    ) -> Self {
        Self::spawn(
            replace,
            Box::new(move |cancel, progress| {
                let options = LoadOptions {
                    cancel: Some(cancel),
                    progress: Some(progress),
                    ..LoadOptions::default()
                };
                pipeline::load_articles(&origins, &extractor, &options)
            }),
            waker,
        )
    }

    /// Runs `work` on a worker thread, waking the UI on progress and when it ends; a panic in
    /// it becomes an error result.
    pub fn spawn(replace: bool, work: LoadWork, waker: Waker) -> Self {
        let done = Arc::new(AtomicUsize::new(0));
        let total = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let (d, t, c) = (Arc::clone(&done), Arc::clone(&total), Arc::clone(&cancel));
        let work = move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                work(&c, &|n, all| {
                    t.store(all, Ordering::Relaxed);
                    d.fetch_max(n, Ordering::Relaxed);
                    waker.wake_soon();
                })
            }))
            .map_err(|p| panic_message(p.as_ref()));
            let _ = tx.send(outcome);
            waker.wake();
        };
        if let Err(e) = std::thread::Builder::new()
            .name("claimtrack-load".into())
            .spawn(work)
        {
            let (tx, rx2) = mpsc::channel();
            let _ = tx.send(Err(format!("cannot start a worker thread: {e}")));
            return Self {
                done,
                total,
                cancel,
                rx: rx2,
                replace,
            };
        }
        Self {
            done,
            total,
            cancel,
            rx,
            replace,
        }
    }

    /// Files done and files in all.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Asks the worker to stop.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The result, if the worker has finished.
    pub fn try_result(&self) -> Option<LoadResult> {
        match self.rx.try_recv() {
            Ok(outcome) => Some(LoadResult {
                replace: self.replace,
                outcome,
            }),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(LoadResult {
                replace: self.replace,
                outcome: Err("the loading thread stopped without a result".into()),
            }),
        }
    }

    /// Waits for the result.
    pub fn wait(self) -> LoadResult {
        let outcome = self
            .rx
            .recv()
            .unwrap_or_else(|_| Err("the loading thread stopped without a result".into()));
        LoadResult {
            replace: self.replace,
            outcome,
        }
    }
}

/// Why a background write failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The file's content could not be made (an export); the message is for the user.
    Build {
        /// What went wrong, for Problems.
        message: String,
        /// Whether the status line says so too.
        to_status: bool,
    },
    /// The file could not be written.
    Io(String),
}

/// Makes a file's content on the writer thread.
pub type Build = Box<dyn FnOnce() -> Result<Vec<u8>, WriteError> + Send + 'static>;

type WriteResult = (PathBuf, Result<String, WriteError>);
type WriteJob = (PathBuf, Build, String);

fn build_and_write(path: &std::path::Path, build: Build) -> Result<(), WriteError> {
    let bytes = build()?;
    write_atomically(path, &bytes).map_err(|e| WriteError::Io(e.to_string()))
}

/// Makes and writes files on one worker thread, in the order asked.
pub struct Writer {
    tx: Option<mpsc::Sender<WriteJob>>,
    rx: mpsc::Receiver<WriteResult>,
    in_flight: usize,
    /// Writes done on the UI thread because the worker was gone, reported like the others.
    done_here: Vec<WriteResult>,
}

impl Writer {
    /// Starts the worker; it wakes the UI after each write.
    pub fn new(waker: Waker) -> Self {
        let (tx, jobs) = mpsc::channel::<WriteJob>();
        let (done_tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("claimtrack-write".into())
            .spawn(move || {
                for (path, build, message) in jobs {
                    let result = catch_unwind(AssertUnwindSafe(|| build_and_write(&path, build)))
                        .map_err(|p| WriteError::Io(panic_message(p.as_ref())))
                        .and_then(|r| r)
                        .map(|()| message);
                    if done_tx.send((path, result)).is_err() {
                        break;
                    }
                    waker.wake();
                }
            });
        Self {
            tx: spawned.ok().map(|_| tx),
            rx,
            in_flight: 0,
            done_here: Vec::new(),
        }
    }

    /// Queues a write of `bytes`; `message` is the status shown when it succeeds.
    pub fn write(&mut self, path: PathBuf, bytes: Vec<u8>, message: String) {
        self.write_with(path, Box::new(move || Ok(bytes)), message);
    }

    /// Queues a write of what `build` makes (on the writer thread); `message` is the status
    /// shown when it succeeds.
    pub fn write_with(&mut self, path: PathBuf, build: Build, message: String) {
        let job = (path, build, message);
        let job = match &self.tx {
            Some(tx) => match tx.send(job) {
                Ok(()) => {
                    self.in_flight += 1;
                    return;
                }
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        // No worker: write here rather than lose the data, and report how it went.
        let (path, build, message) = job;
        let result = build_and_write(&path, build).map(|()| message);
        self.done_here.push((path, result));
    }
    /// A writer whose worker is gone, as when its thread could not start (tests).
    #[cfg(test)]
    fn without_worker() -> Self {
        let (_, rx) = mpsc::channel();
        Self {
            tx: None,
            rx,
            in_flight: 0,
            done_here: Vec::new(),
        }
    }

    /// Whether writes are pending.
    pub fn busy(&self) -> bool {
        self.in_flight > 0 || !self.done_here.is_empty()
    }

    /// Finished writes.
    pub fn poll(&mut self) -> Vec<WriteResult> {
        let mut out = std::mem::take(&mut self.done_here);
        while let Ok(r) = self.rx.try_recv() {
            self.in_flight = self.in_flight.saturating_sub(1);
            out.push(r);
        }
        out
    }

    /// Waits for every pending write.
    pub fn wait(&mut self) -> Vec<WriteResult> {
        let mut out = std::mem::take(&mut self.done_here);
        while self.in_flight > 0 {
            match self.rx.recv() {
                Ok(r) => {
                    self.in_flight -= 1;
                    out.push(r);
                }
                Err(_) => {
                    self.in_flight = 0;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_worker_writes_happen_here_and_failures_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = Writer::without_worker();
        let good = dir.path().join("a.json");
        writer.write(good.clone(), b"{}".to_vec(), "saved".into());
        // Its folder would be a file: the write fails.
        let bad = good.join("b.json");
        writer.write(bad.clone(), b"{}".to_vec(), "saved".into());
        assert!(writer.busy(), "the results wait to be reported");
        let results = writer.poll();
        assert_eq!(results.len(), 2);
        assert_eq!(results[0], (good.clone(), Ok("saved".to_string())));
        assert_eq!(results[1].0, bad);
        assert!(matches!(results[1].1, Err(WriteError::Io(_))));
        assert!(good.exists());
        assert!(!writer.busy());
    }

    /// A context that counts the repaints asked of it.
    fn counting_context() -> (egui::Context, Arc<AtomicUsize>) {
        let ctx = egui::Context::default();
        let count = Arc::new(AtomicUsize::new(0));
        let c = Arc::clone(&count);
        ctx.set_request_repaint_callback(move |_| {
            c.fetch_add(1, Ordering::Relaxed);
        });
        (ctx, count)
    }

    /// Whether a repaint was asked for within a few seconds (a worker wakes the UI just after
    /// it hands its result over, so the result can arrive first).
    fn woken(count: &AtomicUsize) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while count.load(Ordering::Relaxed) == 0 && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        count.load(Ordering::Relaxed) > 0
    }

    #[test]
    fn workers_wake_the_ui_once_it_has_drawn() {
        let dir = tempfile::tempdir().unwrap();
        let (ctx, count) = counting_context();
        let waker = Waker::default();
        // Before the first frame there is nothing to wake, and nothing fails.
        let mut writer = Writer::new(waker.clone());
        writer.write(dir.path().join("a"), b"a".to_vec(), String::new());
        assert_eq!(writer.wait().len(), 1);
        assert_eq!(count.load(Ordering::Relaxed), 0);
        waker.set(&ctx);
        writer.write(dir.path().join("b"), b"b".to_vec(), String::new());
        assert_eq!(writer.wait().len(), 1);
        assert!(woken(&count), "a finished write wakes");
        // A load wakes when it ends.
        let (ctx, count) = counting_context();
        let waker = Waker::default();
        waker.set(&ctx);
        let job = LoadJob::spawn(false, Box::new(|_, _| Loaded::default()), waker);
        assert!(job.wait().outcome.is_ok());
        assert!(woken(&count), "a finished load wakes");
    }

    #[test]
    fn a_failed_build_is_reported_and_nothing_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let mut writer = Writer::new(Waker::default());
        writer.write_with(
            path.clone(),
            Box::new(|| {
                Err(WriteError::Build {
                    message: "Export failed: no".into(),
                    to_status: false,
                })
            }),
            "done".into(),
        );
        let results = writer.wait();
        assert_eq!(
            results,
            vec![(
                path.clone(),
                Err(WriteError::Build {
                    message: "Export failed: no".into(),
                    to_status: false
                })
            )]
        );
        assert!(!path.exists());
        assert!(!writer.busy());
    }
}
