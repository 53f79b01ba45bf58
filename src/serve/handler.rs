//! One SSH connection: sign-in, then one shell channel with a pty, which becomes a
//! session. Everything else a client may ask for (exec, subsystems, forwarding, a second
//! channel) is refused.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;

use ratatui::layout::Size;
use russh::server::{Auth, ChannelOpenHandle, Handle, Handler, Msg as RusshMsg, Session};
use russh::{Channel, ChannelId, ChannelOpenFailure, Pty};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver};

use super::auth::{self, Gate};
use super::backend::{clamp, Output};
use super::hub::Hub;
use super::session::{self, Msg, Spec};
use crate::app::session::Actor;
use crate::app::Services;
use crate::tui::{Lang, Theme};

/// What every connection shares.
pub struct Shared {
    pub services: Arc<Services>,
    pub hub: Arc<Hub>,
    pub gate: Gate,
    pub lang: Lang,
    pub theme: Theme,
    /// Connections still sending a session's output (waited for on shutdown).
    pub pumps: AtomicUsize,
}

pub struct Conn {
    shared: Arc<Shared>,
    peer: String,
    actor: Option<Actor>,
    size: Option<Size>,
    lang: Option<Lang>,
    input: Option<Sender<Msg>>,
}

impl Conn {
    pub fn new(shared: Arc<Shared>, peer: Option<SocketAddr>) -> Conn {
        let peer = peer.map_or_else(|| "?".to_string(), |p| p.to_string());
        tracing::info!("ssh connection from {peer}");
        Conn {
            shared,
            peer,
            actor: None,
            size: None,
            lang: None,
            input: None,
        }
    }

    async fn check(&mut self, user: &str, password: &str) -> Auth {
        let shared = Arc::clone(&self.shared);
        match auth::sign_in(&shared.services, &shared.gate, user, password, &self.peer).await {
            Ok(actor) => {
                tracing::info!("ssh sign-in of {user} from {}", self.peer);
                self.actor = Some(actor);
                Auth::Accept
            }
            Err(why) => {
                tracing::info!("ssh sign-in of {user} from {} refused: {why}", self.peer);
                Auth::reject()
            }
        }
    }

    fn send(&self, msg: Msg) {
        if let Some(tx) = &self.input {
            let _ = tx.send(msg);
        }
    }

    /// One plain line and the channel closes (no pty, a refused request, stopping).
    fn refuse(
        &self,
        channel: ChannelId,
        line: &str,
        session: &mut Session,
    ) -> Result<(), russh::Error> {
        session.data(channel, format!("{line}\r\n").into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }

    fn lang(&self) -> Lang {
        self.lang.unwrap_or(self.shared.lang)
    }
}

/// Send a session's frames to its channel; close the channel when it ends.
fn pump(
    shared: Arc<Shared>,
    handle: Handle,
    channel: ChannelId,
    mut rx: UnboundedReceiver<Output>,
) {
    shared.pumps.fetch_add(1, Ordering::SeqCst);
    tokio::spawn(async move {
        while let Some(out) = rx.recv().await {
            match out {
                Output::Data(bytes) => {
                    if handle.data(channel, bytes).await.is_err() {
                        break;
                    }
                }
                Output::Close => break,
            }
        }
        let _ = handle.exit_status_request(channel, 0).await;
        let _ = handle.eof(channel).await;
        let _ = handle.close(channel).await;
        shared.pumps.fetch_sub(1, Ordering::SeqCst);
    });
}

fn needs_pty(lang: Lang) -> &'static str {
    lang.t(
        "safetynet 需要一个终端窗口：请用 ssh -t 或 PuTTY 连接（不能执行命令）。",
        "safetynet needs a terminal: connect with ssh -t or PuTTY (commands cannot be run).",
    )
}

impl Drop for Conn {
    fn drop(&mut self) {
        // The connection is gone: end its session (a lost network, a killed client).
        self.send(Msg::Closed);
    }
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(self.check(user, password).await)
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<RusshMsg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.actor.is_none() {
            reply
                .reject(ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        tracing::debug!("ssh channel {:?} from {}", channel.id(), self.peer);
        reply.accept().await;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.size = Some(clamp(col_width, row_height));
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        _channel: ChannelId,
        name: &str,
        value: &str,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if matches!(name, "LANG" | "LC_ALL") {
            if value.starts_with("en") {
                self.lang = Some(Lang::En);
            } else if value.starts_with("zh") {
                self.lang = Some(Lang::Zh);
            }
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let size = clamp(col_width, row_height);
        self.size = Some(size);
        self.send(Msg::Resize(size));
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let lang = self.lang();
        let (Some(size), Some(actor)) = (self.size, self.actor.clone()) else {
            session.channel_success(channel)?;
            return self.refuse(channel, needs_pty(lang), session);
        };
        if self.input.is_some() {
            return session.channel_failure(channel);
        }
        session.channel_success(channel)?;
        let (out, rx) = unbounded_channel();
        let spec = Spec {
            services: Arc::clone(&self.shared.services),
            actor,
            lang,
            theme: self.shared.theme,
            size,
            peer: self.peer.clone(),
        };
        match self.shared.hub.start(spec, out) {
            Some(tx) => {
                self.input = Some(tx);
                pump(Arc::clone(&self.shared), session.handle(), channel, rx);
                Ok(())
            }
            None => self.refuse(channel, &session::stopping_line(lang), session),
        }
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!("ssh exec request from {} refused", self.peer);
        session.channel_failure(channel)?;
        session.close(channel)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        tracing::info!("ssh subsystem {name} request from {} refused", self.peer);
        session.channel_failure(channel)?;
        session.close(channel)
    }

    async fn data(
        &mut self,
        _channel: ChannelId,
        data: &[u8],
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.send(Msg::Input(data.to_vec()));
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.send(Msg::Closed);
        Ok(())
    }

    async fn channel_close(
        &mut self,
        _channel: ChannelId,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.send(Msg::Closed);
        Ok(())
    }
}
