//! The sessions a server runs: each on its own thread, each reachable by a sender.
//! A write by any session (or any writer) shows in the others within a second: a watcher
//! reads the store's data version a few times a second (every write of data has an
//! audit entry, which moves it) and asks every session to reload what it shows when it moved.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;

use super::backend::Output;
use super::session::{self, Msg, Spec};
use crate::app::Services;

/// How often the watcher looks for writes.
pub const WATCH_EVERY: Duration = Duration::from_millis(250);

#[derive(Default)]
pub struct Hub {
    sessions: Mutex<HashMap<u64, Sender<Msg>>>,
    threads: Mutex<Vec<JoinHandle<session::End>>>,
    next: AtomicU64,
    stopping: AtomicBool,
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Hub {
    pub fn new() -> Arc<Hub> {
        Arc::new(Hub::default())
    }

    /// Start a session on its own thread; `None` once the server is stopping.
    pub fn start(self: &Arc<Hub>, spec: Spec, out: UnboundedSender<Output>) -> Option<Sender<Msg>> {
        if self.stopping.load(Ordering::SeqCst) {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        let (tx, rx) = channel();
        locked(&self.sessions).insert(id, tx.clone());
        let hub = Arc::clone(self);
        let name = format!("ssh-{}", spec.actor.user);
        let thread = std::thread::Builder::new().name(name).spawn(move || {
            let end = session::run(spec, rx, out);
            locked(&hub.sessions).remove(&id);
            end
        });
        match thread {
            Ok(handle) => {
                let mut threads = locked(&self.threads);
                threads.retain(|t| !t.is_finished());
                threads.push(handle);
                Some(tx)
            }
            Err(e) => {
                tracing::error!("could not start a session thread: {e}");
                locked(&self.sessions).remove(&id);
                None
            }
        }
    }

    pub fn count(&self) -> usize {
        locked(&self.sessions).len()
    }

    pub fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    fn send_all(&self, msg: fn() -> Msg) {
        for tx in locked(&self.sessions).values() {
            let _ = tx.send(msg());
        }
    }

    /// Tell every session the server is stopping, and wait (up to `limit`) until each has
    /// said so to its clerk and ended. Returns how many were still running.
    pub fn stop_all(&self, limit: Duration) -> usize {
        self.stopping.store(true, Ordering::SeqCst);
        self.send_all(|| Msg::Stop);
        let deadline = Instant::now() + limit;
        let threads: Vec<_> = std::mem::take(&mut *locked(&self.threads));
        let mut left = 0;
        for thread in threads {
            while !thread.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            if thread.is_finished() {
                let _ = thread.join();
            } else {
                left += 1;
            }
        }
        left
    }

    /// Watch the store for writes until the server stops (run on its own thread).
    pub fn watch(self: &Arc<Hub>, services: Arc<Services>) -> std::io::Result<JoinHandle<()>> {
        let hub = Arc::clone(self);
        std::thread::Builder::new()
            .name("ssh-watch".into())
            .spawn(move || {
                // Only a change of data is worth redrawing every session for: not a
                // sign-in, a sign-out, a case being looked at or an export
                // (`store::audit::reads_only`), which leave the data version.
                let version = || services.store.data_version().unwrap_or(0);
                let mut seen = version();
                while !hub.stopping() {
                    std::thread::sleep(WATCH_EVERY);
                    let now = version();
                    if now != seen {
                        seen = now;
                        hub.send_all(|| Msg::Refresh);
                    }
                }
            })
    }
}
