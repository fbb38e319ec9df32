//! Work off the UI thread: loading and extracting articles (with progress and cancel), and
//! writing files (workspace, session, exports) atomically, one after another. A panic in a
//! worker is caught and reported as an error instead of taking the window down.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use crate::extract::Extractor;
use crate::io::origin::Origin;
use crate::io::pipeline::{self, LoadOptions, Loaded};
use crate::io::workspace::write_atomically;

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
    /// Starts loading `paths`.
    pub fn start(paths: Vec<PathBuf>, replace: bool, extractor: Arc<Extractor>) -> Self {
        Self::spawn(
            replace,
            Box::new(move |cancel, progress| {
                let origins: Vec<Origin> = paths
                    .iter()
                    .map(|p| Origin::from_stored(&p.to_string_lossy()))
                    .collect();
                let options = LoadOptions {
                    cancel: Some(cancel),
                    progress: Some(progress),
                    ..LoadOptions::default()
                };
                pipeline::load_articles(&origins, &extractor, &options)
            }),
        )
    }

    /// Runs `work` on a worker thread; a panic in it becomes an error result.
    pub fn spawn(replace: bool, work: LoadWork) -> Self {
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
                })
            }))
            .map_err(|p| panic_message(p.as_ref()));
            let _ = tx.send(outcome);
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

type WriteResult = (PathBuf, Result<String, String>);

/// Writes files on one worker thread, in the order asked.
pub struct Writer {
    tx: Option<mpsc::Sender<(PathBuf, Vec<u8>, String)>>,
    rx: mpsc::Receiver<WriteResult>,
    in_flight: usize,
}

impl Writer {
    /// Starts the worker.
    pub fn new() -> Self {
        let (tx, jobs) = mpsc::channel::<(PathBuf, Vec<u8>, String)>();
        let (done_tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("claimtrack-write".into())
            .spawn(move || {
                for (path, bytes, message) in jobs {
                    let result = catch_unwind(AssertUnwindSafe(|| write_atomically(&path, &bytes)))
                        .map_err(|p| panic_message(p.as_ref()))
                        .and_then(|r| r.map_err(|e| e.to_string()))
                        .map(|()| message);
                    if done_tx.send((path, result)).is_err() {
                        break;
                    }
                }
            });
        Self {
            tx: spawned.ok().map(|_| tx),
            rx,
            in_flight: 0,
        }
    }

    /// Queues a write; `message` is the status shown when it succeeds.
    pub fn write(&mut self, path: PathBuf, bytes: Vec<u8>, message: String) {
        let job = (path, bytes, message);
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
        // No worker: write here rather than lose the data.
        let _ = write_atomically(&job.0, &job.1);
    }

    /// Whether writes are pending.
    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Finished writes.
    pub fn poll(&mut self) -> Vec<WriteResult> {
        let mut out = Vec::new();
        while let Ok(r) = self.rx.try_recv() {
            self.in_flight = self.in_flight.saturating_sub(1);
            out.push(r);
        }
        out
    }

    /// Waits for every pending write.
    pub fn wait(&mut self) -> Vec<WriteResult> {
        let mut out = Vec::new();
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
