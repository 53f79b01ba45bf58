//! The real binary in a pseudo-terminal, 80x24, its screen read through vt100.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

pub const BIN: &str = env!("CARGO_BIN_EXE_safetynet");

pub struct Pty {
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: mpsc::Receiver<Vec<u8>>,
    parser: vt100::Parser,
    pub raw: Vec<u8>,
}

impl Pty {
    pub fn spawn(args: &[&str]) -> Pty {
        Pty::spawn_program(BIN, args)
    }

    /// A shell command line (e.g. `ulimit -f 100; exec safetynet ...`) in the pty.
    pub fn spawn_sh(script: &str) -> Pty {
        Pty::spawn_program("sh", &["-c", script])
    }

    fn spawn_program(program: &str, args: &[&str]) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        // A training date on the demo only: a real store refuses to move its clock.
        if args.first() == Some(&"demo") {
            cmd.env("SAFETYNET_TODAY", "2026-03-02");
        } else {
            cmd.env_remove("SAFETYNET_TODAY");
        }
        cmd.env_remove("SAFETYNET_STORE");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        // Keep the master alive as long as the child runs.
        std::mem::forget(pair.master);
        Pty {
            child,
            writer,
            output: rx,
            parser: vt100::Parser::new(24, 80, 0),
            raw: Vec::new(),
        }
    }

    pub fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    pub fn wait_for(&mut self, text: &str, timeout: Duration) -> String {
        let start = Instant::now();
        while start.elapsed() < timeout {
            self.pump(Duration::from_millis(100));
            if self.screen().contains(text) {
                return self.screen();
            }
        }
        panic!(
            "'{text}' did not appear in {timeout:?}; screen:\n{}",
            self.screen()
        );
    }

    /// Wait for `text`, then until the program has been quiet for 300 ms (frame complete).
    pub fn settle_on(&mut self, text: &str, timeout: Duration) -> String {
        self.wait_for(text, timeout);
        loop {
            match self.output.recv_timeout(Duration::from_millis(300)) {
                Ok(bytes) => {
                    self.parser.process(&bytes);
                    self.raw.extend_from_slice(&bytes);
                }
                Err(_) => return self.screen(),
            }
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    pub fn wait_exit(&mut self, timeout: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        while start.elapsed() < timeout {
            self.pump(Duration::from_millis(50));
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Drain what the program wrote last (the terminal restore).
                for _ in 0..5 {
                    self.pump(Duration::from_millis(20));
                }
                return status;
            }
        }
        let _ = self.child.kill();
        panic!("the program did not exit; screen:\n{}", self.screen());
    }
}
