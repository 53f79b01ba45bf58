//! SSH sign-in: the SSH user name and password are checked by the program's own
//! accounts (`app::accounts::sign_in_from`: lockout, disabled accounts, audit). The argon2
//! check runs off the async runtime, on two threads of its own, so a burst of guesses cannot starve
//! the sessions; russh answers every refusal after the same fixed time
//! (`Config::auth_rejection_time`), so an unknown user and a wrong password look alike.

use std::sync::Arc;

use std::sync::mpsc::{channel, Sender};
use std::sync::Mutex;

use crate::app::session::Actor;
use crate::app::{accounts, AppError, Services};
use crate::store::StoreError;

/// How many password checks run at once (argon2 takes a core and ~19 MB each).
pub const CHECKS_AT_ONCE: usize = 2;

type Job = Box<dyn FnOnce() + Send>;

/// A few threads of its own for the password checks. Always the same threads: the
/// allocator keeps argon2's memory per thread for the next check, so a new thread per
/// check would keep ~19 MB for every sign-in burst.
pub struct Gate {
    jobs: Mutex<Sender<Job>>,
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}

impl Gate {
    pub fn new() -> Gate {
        let (tx, rx) = channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..CHECKS_AT_ONCE {
            let rx = Arc::clone(&rx);
            let spawned = std::thread::Builder::new()
                .name(format!("ssh-sign-in-{i}"))
                .spawn(move || loop {
                    let job = match rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if let Err(e) = spawned {
                tracing::error!("could not start a sign-in thread: {e}");
            }
        }
        Gate {
            jobs: Mutex::new(tx),
        }
    }

    /// Run `job` on one of the gate's threads and wait for its answer.
    async fn run<T: Send + 'static>(&self, job: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let sent = self.jobs.lock().ok()?.send(Box::new(move || {
            let _ = tx.send(job());
        }));
        sent.ok()?;
        rx.await.ok()
    }
}

/// Why a sign-in was refused, for the log (the client is told nothing more).
pub type Refusal = String;

/// Check a user and password; every attempt leaves one audit entry naming the peer.
pub async fn sign_in(
    services: &Arc<Services>,
    gate: &Gate,
    user: &str,
    password: &str,
    peer: &str,
) -> Result<Actor, Refusal> {
    let services = Arc::clone(services);
    let (user, password, peer) = (user.to_string(), password.to_string(), peer.to_string());
    let checked = gate
        .run(move || {
            // Two connections of one clerk signing in at once both update the account
            // (failure count, last sign-in): the second write is refused as stale. That is
            // no reason to refuse the clerk: check again on the fresh record.
            // One audit entry per attempt, written by the accounts (`user.sign_in` or
            // `user.sign_in_failed`), its note naming the SSH peer.
            let from = format!("ssh {peer}");
            let attempt = || accounts::sign_in_from(&services, &user, &password, Some(&from));
            let mut result = attempt();
            for _ in 0..3 {
                if !matches!(result, Err(AppError::Store(StoreError::Stale { .. }))) {
                    break;
                }
                result = attempt();
            }
            result.map_err(|e| e.to_string())
        })
        .await;
    checked.unwrap_or_else(|| Err("the password check did not answer".into()))
}
