//! One clerk's session on the server: the same `Ui` as the local program, on its own
//! thread, fed by the bytes of its SSH channel and drawing into it. Everything a session
//! holds (screens, actor, language, size) is its own; only `Services` is shared.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

use crossterm::event::Event;
use ratatui::layout::Size;
use ratatui::Terminal;
use tokio::sync::mpsc::UnboundedSender;

use super::backend::{Outbox, Output, SshBackend};
use super::input::{paste_keys, InputParser};
use crate::app::session::Actor;
use crate::app::Services;
use crate::store::AuditEntry;
use crate::tui::widgets::{MIN_HEIGHT, MIN_WIDTH};
use crate::tui::{Cx, Flow, Lang, Theme, Ui};

/// What a connection tells its session.
#[derive(Debug)]
pub enum Msg {
    /// Bytes the clerk typed (one SSH data packet).
    Input(Vec<u8>),
    /// The client's window changed.
    Resize(Size),
    /// Another session wrote to the store: show it.
    Refresh,
    /// The server is stopping.
    Stop,
    /// The connection is gone (client closed, network lost).
    Closed,
}

/// Why a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Quit,
    Idle,
    Stopped,
    Dropped,
}

impl End {
    fn note(self) -> &'static str {
        match self {
            End::Quit => "ssh quit",
            End::Idle => "ssh idle",
            End::Stopped => "ssh server stopped",
            End::Dropped => "ssh connection lost",
        }
    }
}

/// A new session: who, from where, at what size, in which language.
pub struct Spec {
    pub services: Arc<Services>,
    pub actor: Actor,
    pub lang: Lang,
    pub theme: Theme,
    pub size: Size,
    pub peer: String,
}

/// Alternate screen, bracketed paste on, cursor hidden, screen cleared.
const SCREEN_ON: &[u8] = b"\x1b[?1049h\x1b[?2004h\x1b[?25l\x1b[2J";
/// The reverse, so the client's terminal is as it was.
const SCREEN_OFF: &[u8] = b"\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

pub fn stopping_line(lang: Lang) -> String {
    lang.t(
        "服务器正在停止，已填写的草稿已保存。请稍后重新连接。",
        "The server is stopping; your drafts are saved. Connect again later.",
    )
    .to_string()
}

fn idle_line(lang: Lang) -> String {
    lang.t(
        "长时间没有操作，已自动退出登录。",
        "Signed out after a long time without input.",
    )
    .to_string()
}

/// Run a session until the clerk quits, goes idle, the server stops or the connection
/// is lost. Tells the connection to close when done.
pub fn run(spec: Spec, rx: Receiver<Msg>, out: UnboundedSender<Output>) -> End {
    let end = drive(&spec, &rx, out.clone());
    let closing = match end {
        End::Stopped => format!("{}\r\n", stopping_line(spec.lang)),
        End::Idle => format!("{}\r\n", idle_line(spec.lang)),
        End::Quit | End::Dropped => String::new(),
    };
    let mut tail = SCREEN_OFF.to_vec();
    tail.extend_from_slice(closing.as_bytes());
    let _ = out.send(Output::Data(tail));
    let _ = out.send(Output::Close);
    let services = &spec.services;
    let _ = services.store.append_audit(
        AuditEntry::new(
            services.now(),
            &spec.actor.user,
            "user.sign_out",
            format!("user:{}", spec.actor.user),
        )
        .with_note(format!("{} · {}", end.note(), spec.peer)),
    );
    tracing::info!(
        "ssh session of {} from {} ended: {}",
        spec.actor.user,
        spec.peer,
        end.note()
    );
    end
}

fn idle_limit(services: &crate::app::Services) -> Option<Duration> {
    crate::app::accounts::policy(services)
        .ok()
        .map(|p| p.idle_minutes)
        .filter(|m| *m > 0)
        .map(|m| Duration::from_secs(m * 60))
}

fn drive(spec: &Spec, rx: &Receiver<Msg>, out: UnboundedSender<Output>) -> End {
    let mut backend = SshBackend::new(Outbox::new(out), spec.size);
    if backend.send_raw(SCREEN_ON).is_err() {
        return End::Dropped;
    }
    let Ok(mut terminal) = Terminal::new(backend) else {
        return End::Dropped;
    };
    let cx = Cx::new(&spec.services, &spec.actor, spec.lang, spec.theme);
    let mut ui = Ui::new(&cx);
    ui.idle_limit = idle_limit(&spec.services);
    let end = event_loop(&mut terminal, &mut ui, &cx, rx);
    if end != End::Quit {
        // Ending without the clerk: what she typed is kept as a draft.
        for e in ui.keep_drafts(&cx) {
            tracing::error!("a draft of {} could not be kept: {e}", spec.actor.user);
        }
    }
    end
}

fn too_small(terminal: &Terminal<SshBackend>) -> bool {
    terminal
        .size()
        .map(|s| s.width < MIN_WIDTH || s.height < MIN_HEIGHT)
        .unwrap_or(true)
}

fn event_loop(
    terminal: &mut Terminal<SshBackend>,
    ui: &mut Ui,
    cx: &Cx,
    rx: &Receiver<Msg>,
) -> End {
    let mut parser = InputParser::new();
    let mut redraw = true;
    loop {
        if redraw {
            if terminal.draw(|f| ui.draw(f, cx)).is_err() {
                return End::Dropped;
            }
            redraw = false;
        }
        match rx.recv_timeout(Duration::from_secs(1)) {
            Ok(Msg::Input(bytes)) => {
                let small = too_small(terminal);
                for event in parser.feed(&bytes) {
                    // While the "enlarge the window" note shows, keys are not acted on.
                    if small {
                        continue;
                    }
                    let keys = match event {
                        Event::Paste(text) => {
                            paste_keys(&text).into_iter().map(Event::Key).collect()
                        }
                        other => vec![other],
                    };
                    for key in keys {
                        match ui.handle_event(&key, cx) {
                            Flow::Redraw => redraw = true,
                            Flow::Idle => {}
                            // Quitting or signing out ends the connection.
                            _ => return End::Quit,
                        }
                    }
                }
            }
            Ok(Msg::Resize(size)) => {
                terminal.backend_mut().resize(size);
                redraw = true;
            }
            Ok(Msg::Refresh) => {
                ui.refresh(cx);
                redraw = true;
            }
            Ok(Msg::Stop) => return End::Stopped,
            Ok(Msg::Closed) | Err(RecvTimeoutError::Disconnected) => return End::Dropped,
            Err(RecvTimeoutError::Timeout) => {
                if ui.idle_expired() {
                    return End::Idle;
                }
            }
        }
    }
}
