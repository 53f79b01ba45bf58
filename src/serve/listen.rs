//! Accepting connections. Each socket gets TCP keepalives, so a connection whose network
//! is gone (a pulled cable, a laptop shut) is noticed and its session ended within
//! `KEEPALIVE_TIME + KEEPALIVE_EVERY * KEEPALIVE_MAX`, whether or not the clerk has signed
//! in yet. (SSH-level keepalives would be sent during sign-in too, and OpenSSH drops a
//! connection that gets one while its password prompt is open.)

use std::sync::Arc;
use std::time::Duration;

use russh::server::{run_stream, Config};
use russh::Disconnect;
use socket2::{SockRef, TcpKeepalive};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::handler::{Conn, Shared};

/// Idle time before the first probe, probe spacing, and unanswered probes before the
/// connection counts as lost: about 45 seconds in all.
pub const KEEPALIVE_TIME: Duration = Duration::from_secs(15);
pub const KEEPALIVE_EVERY: Duration = Duration::from_secs(10);
pub const KEEPALIVE_MAX: u32 = 3;

fn keepalive(socket: &TcpStream) {
    let probes = TcpKeepalive::new()
        .with_time(KEEPALIVE_TIME)
        .with_interval(KEEPALIVE_EVERY)
        .with_retries(KEEPALIVE_MAX);
    if let Err(e) = SockRef::from(socket).set_tcp_keepalive(&probes) {
        tracing::warn!("no TCP keepalive on a connection: {e}");
    }
    let _ = socket.set_nodelay(true);
}

/// Accept until `stop` turns true; then disconnect every connection still open.
pub async fn accept(
    listener: TcpListener,
    config: Arc<Config>,
    shared: Arc<Shared>,
    stop: watch::Receiver<bool>,
    farewell: String,
) {
    let mut stopping = stop.clone();
    loop {
        let accepted = tokio::select! {
            _ = stopping.wait_for(|s| *s) => None,
            a = listener.accept() => Some(a),
        };
        let Some(accepted) = accepted else {
            return;
        };
        let (socket, peer) = match accepted {
            Ok(a) => a,
            Err(e) => {
                // Out of file descriptors and the like: wait, do not stop serving.
                tracing::warn!("accepting a connection failed: {e}");
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
        };
        keepalive(&socket);
        let handler = Conn::new(Arc::clone(&shared), Some(peer));
        let config = Arc::clone(&config);
        let mut stop = stop.clone();
        let farewell = farewell.clone();
        tokio::spawn(async move {
            let session = match run_stream(config, socket, handler).await {
                Ok(s) => s,
                Err(e) => {
                    tracing::info!("ssh connection from {peer} failed to start: {e}");
                    return;
                }
            };
            let handle = session.handle();
            let stopping = tokio::select! {
                ended = session => {
                    if let Err(e) = ended {
                        tracing::info!("ssh connection from {peer} ended: {e}");
                    }
                    false
                }
                _ = stop.wait_for(|s| *s) => true,
            };
            if stopping {
                let _ = handle
                    .disconnect(Disconnect::ByApplication, farewell, String::new())
                    .await;
            }
        });
    }
}
