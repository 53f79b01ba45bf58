//! SSH sign-in: the SSH user name and password are checked by the program's own
//! accounts (`app::accounts::sign_in`: lockout, disabled accounts, audit). The argon2
//! check runs off the async runtime, a few at a time, so a burst of guesses cannot starve
//! the sessions; russh answers every refusal after the same fixed time
//! (`Config::auth_rejection_time`), so an unknown user and a wrong password look alike.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::app::session::Actor;
use crate::app::{accounts, AppError, Services};
use crate::store::{AuditEntry, StoreError};

/// How many password checks run at once (argon2 takes a core and ~19 MB each).
pub const CHECKS_AT_ONCE: usize = 2;

pub struct Gate {
    permits: Semaphore,
}

impl Default for Gate {
    fn default() -> Self {
        Gate::new()
    }
}

impl Gate {
    pub fn new() -> Gate {
        Gate {
            permits: Semaphore::new(CHECKS_AT_ONCE),
        }
    }
}

/// Why a sign-in was refused, for the log (the client is told nothing more).
pub type Refusal = String;

/// Check a user and password; every attempt leaves an audit entry naming the peer.
pub async fn sign_in(
    services: &Arc<Services>,
    gate: &Gate,
    user: &str,
    password: &str,
    peer: &str,
) -> Result<Actor, Refusal> {
    let Ok(_permit) = gate.permits.acquire().await else {
        return Err("the server is stopping".into());
    };
    let services = Arc::clone(services);
    let (user, password, peer) = (user.to_string(), password.to_string(), peer.to_string());
    let checked = tokio::task::spawn_blocking(move || {
        // Two connections of one clerk signing in at once both update the account
        // (failure count, last sign-in): the second write is refused as stale. That is
        // no reason to refuse the clerk: check again on the fresh record.
        let mut result = accounts::sign_in(&services, &user, &password);
        for _ in 0..3 {
            if !matches!(result, Err(AppError::Store(StoreError::Stale { .. }))) {
                break;
            }
            result = accounts::sign_in(&services, &user, &password);
        }
        let (action, note) = match &result {
            Ok(_) => ("ssh.sign_in", format!("from {peer}")),
            Err(e) => ("ssh.sign_in_failed", format!("from {peer}: {e}")),
        };
        let _ = services.store.append_audit(
            AuditEntry::new(services.now(), &user, action, format!("user:{user}")).with_note(note),
        );
        result.map_err(|e| e.to_string())
    })
    .await;
    match checked {
        Ok(result) => result,
        Err(e) => Err(format!("the check failed: {e}")),
    }
}
