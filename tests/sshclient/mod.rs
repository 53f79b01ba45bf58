//! A real `safetynet serve` on 127.0.0.1 and an SSH client (russh's) that types into it
//! and reads its screen through a vt100 emulator. Shared by tests/serve*.rs and the
//! serve benchmark.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client::{self, Handle};
use russh::keys::{HashAlg, PublicKeyOrCertificate};
use russh::{ChannelMsg, Disconnect};
use safetynet::app::generate::{generate, GenerateOptions};
use safetynet::app::{accounts, Services};

pub const TODAY: &str = "2026-03-02";

/// A store with a small generated district and the demo accounts (password demo2026).
pub fn demo_store(dir: &Path, households: u64) {
    let services = Services::open(dir).expect("open store");
    accounts::prepare_demo(&services).expect("a demo store");
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("date");
    generate(
        &services.store,
        GenerateOptions {
            households,
            seed: 7,
            as_of: today,
        },
        |_, _| {},
    )
    .expect("generate");
    accounts::ensure_demo_accounts(&services).expect("demo accounts");
    services.store.flush().expect("flush");
}

/// The real binary serving `store` on a free loopback port.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub fingerprint: String,
}

impl Server {
    pub fn start(store: &Path) -> Server {
        Server::start_with(store, &[])
    }

    /// `start`, with more arguments for `serve`.
    pub fn start_with(store: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_safetynet"))
            .args(["serve", "--listen", "127.0.0.1:0", "--store"])
            .arg(store)
            .args(extra)
            .env("SAFETYNET_TODAY", TODAY)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start safetynet serve");
        let out = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(out).lines();
        let mut port = 0;
        let mut fingerprint = String::new();
        for line in lines.by_ref() {
            let line = line.expect("read");
            if let Some(addr) = line.split_whitespace().last() {
                if line.contains("127.0.0.1:") {
                    port = addr
                        .rsplit(':')
                        .next()
                        .and_then(|p| p.parse().ok())
                        .unwrap_or(0);
                }
                if addr.starts_with("SHA256:") {
                    fingerprint = addr.to_string();
                }
            }
            if port != 0 && !fingerprint.is_empty() {
                break;
            }
        }
        assert!(port != 0, "the server printed no port");
        // Keep reading stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            port,
            fingerprint,
        }
    }

    /// SIGTERM, and wait (up to 20 s) for the exit.
    pub fn terminate(&mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("kill");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub struct Trust {
    /// The fingerprint the server printed; the key offered must match it.
    pub fingerprint: String,
}

impl client::Handler for Trust {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        key: &PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(match key {
            PublicKeyOrCertificate::PublicKey { key, .. } => {
                key.fingerprint(HashAlg::Sha256).to_string() == self.fingerprint
            }
            PublicKeyOrCertificate::Certificate(_) => false,
        })
    }
}

/// Sign in over SSH; `Err` when the server refused the password.
pub async fn sign_in(server: &Server, user: &str, password: &str) -> Result<Handle<Trust>, String> {
    let config = Arc::new(client::Config::default());
    let trust = Trust {
        fingerprint: server.fingerprint.clone(),
    };
    let mut handle = client::connect(config, ("127.0.0.1", server.port), trust)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let auth = handle
        .authenticate_password(user, password)
        .await
        .map_err(|e| format!("auth: {e}"))?;
    if auth.success() {
        Ok(handle)
    } else {
        Err("refused".into())
    }
}

/// A signed-in terminal: what the server drew, as a screen.
pub struct Term {
    pub handle: Handle<Trust>,
    pub channel: russh::Channel<client::Msg>,
    pub screen: vt100::Parser,
    /// The channel was closed by the server.
    pub closed: bool,
}

impl Term {
    pub async fn open(server: &Server, user: &str, width: u16, height: u16) -> Term {
        let handle = sign_in(server, user, "demo2026").await.expect("sign in");
        Term::shell(handle, width, height).await
    }

    pub async fn shell(handle: Handle<Trust>, width: u16, height: u16) -> Term {
        Term::shell_with_env(handle, width, height, &[]).await
    }

    /// A shell after sending these environment variables (as `SendEnv` does).
    pub async fn shell_with_env(
        handle: Handle<Trust>,
        width: u16,
        height: u16,
        env: &[(&str, &str)],
    ) -> Term {
        let channel = handle.channel_open_session().await.expect("channel");
        for (name, value) in env {
            channel.set_env(false, *name, *value).await.expect("env");
        }
        channel
            .request_pty(
                false,
                "xterm-256color",
                width.into(),
                height.into(),
                0,
                0,
                &[],
            )
            .await
            .expect("pty");
        channel.request_shell(false).await.expect("shell");
        Term {
            handle,
            channel,
            screen: vt100::Parser::new(height, width, 0),
            closed: false,
        }
    }

    pub fn text(&self) -> String {
        self.screen.screen().contents()
    }

    pub async fn send(&mut self, bytes: &[u8]) {
        self.channel.data_bytes(bytes.to_vec()).await.expect("send");
    }

    pub async fn resize(&mut self, width: u16, height: u16) {
        self.screen.screen_mut().set_size(height, width);
        self.channel
            .window_change(width.into(), height.into(), 0, 0)
            .await
            .expect("window change");
    }

    /// Read what the server sends for up to `limit`, stopping early once `done` holds.
    pub async fn read_until(&mut self, limit: Duration, done: impl Fn(&Term) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if done(self) {
                return true;
            }
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.screen.process(&data),
                Ok(Some(ChannelMsg::Close | ChannelMsg::Eof)) | Ok(None) => {
                    self.closed = true;
                    return done(self);
                }
                Ok(Some(_)) => {}
                Err(_) => return done(self),
            }
        }
    }

    /// Wait for the next bytes from the server (the start of a frame); false if none
    /// came within `limit` or the channel closed.
    pub async fn next_frame(&mut self, limit: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            match tokio::time::timeout_at(deadline, self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    self.screen.process(&data);
                    return true;
                }
                Ok(Some(ChannelMsg::Close | ChannelMsg::Eof)) | Ok(None) => {
                    self.closed = true;
                    return false;
                }
                Ok(Some(_)) => {}
                Err(_) => return false,
            }
        }
    }

    /// Wait (up to 10 s) until the screen shows `text`.
    pub async fn wait_for(&mut self, text: &str) -> bool {
        let text = text.to_string();
        self.read_until(Duration::from_secs(10), move |t| t.text().contains(&text))
            .await
    }

    /// Read whatever arrives in the next `d` (settle after a key).
    pub async fn settle(&mut self, d: Duration) {
        self.read_until(d, |_| false).await;
    }

    /// Wait until the server closes the channel.
    pub async fn wait_closed(&mut self, limit: Duration) -> bool {
        self.read_until(limit, |t| t.closed).await
    }

    pub async fn disconnect(self) {
        let _ = self
            .handle
            .disconnect(Disconnect::ByApplication, "", "")
            .await;
    }
}
