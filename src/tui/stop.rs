//! Why the real terminal's events stop: SIGTERM, SIGHUP (an SSH connection dropping) or
//! SIGINT, a read error, or a terminal that has gone away. The event source then ends,
//! so the session writes its sign-out and `run` gives the terminal back before exiting;
//! nothing spins on a dead terminal.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, Event};

/// Set by a signal handler (signal-hook: the handler only stores a flag).
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    pub fn on_signals() -> Stop {
        let flag = Arc::new(AtomicBool::new(false));
        for sig in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            if let Err(e) = signal_hook::flag::register(sig, Arc::clone(&flag)) {
                tracing::warn!("cannot watch signal {sig}: {e}");
            }
        }
        watchdog(Arc::clone(&flag));
        Stop(flag)
    }

    fn signalled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Events from the real terminal; `Some(Ok(None))` when a while passes with no input (a
/// tick), `None` once the program must stop.
pub struct TerminalEvents {
    pub stop: Stop,
}

/// How long the event loop has to end by itself once it must stop.
const GRACE: Duration = Duration::from_secs(5);

/// crossterm 0.29 busy-loops inside `poll` once the terminal reads end-of-file or EIO
/// (its read loop only leaves on WouldBlock), so a hung-up terminal never returns to
/// the event loop. This thread notices the signal or the vanished terminal; if the loop
/// has not ended the program within `GRACE`, it ends it (every save is already flushed,
/// so nothing saved is lost; the sign-out cannot be written and the log says so).
fn watchdog(flag: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("terminal watchdog".into())
        .spawn(move || loop {
            std::thread::sleep(TICK);
            if flag.load(Ordering::Relaxed) || terminal_gone() {
                std::thread::sleep(GRACE);
                tracing::warn!(
                    "the terminal hung up and the event loop did not end: exiting without a sign-out"
                );
                std::process::exit(0);
            }
        });
    if let Err(e) = spawned {
        tracing::warn!("no terminal watchdog: {e}");
    }
}

fn terminal_gone() -> bool {
    use std::io::IsTerminal;
    !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal()
}

/// How long one wait for input lasts: also how soon a signal is noticed.
const TICK: Duration = Duration::from_millis(200);

impl Iterator for TerminalEvents {
    type Item = std::io::Result<Option<Event>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.stop.signalled() {
            tracing::info!("signal received: ending the session");
            return None;
        }
        let polled = event::poll(TICK).and_then(|ready| {
            if ready {
                event::read().map(Some)
            } else {
                // No input: make sure there still is a terminal. A hung-up one reads
                // end-of-file forever inside crossterm's poll (a busy loop) and would
                // never send a key again; its descriptors stop being terminals.
                if terminal_gone() {
                    Err(std::io::Error::other("the terminal has hung up"))
                } else {
                    Ok(None)
                }
            }
        });
        match polled {
            Ok(event) if !self.stop.signalled() => Some(Ok(event)),
            Ok(_) => None,
            Err(e) => {
                tracing::warn!("the terminal cannot be read ({e}): ending the session");
                None
            }
        }
    }
}
