//! A ratatui backend for one SSH connection: crossterm's escape sequences written into a
//! buffer that goes to the client on flush. Its size is the one the client sent (pty
//! request, window change), never `crossterm::terminal::size()`, which would read the
//! server's own terminal; the cursor position it answers is the one it last set.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use tokio::sync::mpsc::UnboundedSender;

/// The largest screen a session draws (a bigger window is drawn at this size).
pub const MAX_WIDTH: u16 = 500;
pub const MAX_HEIGHT: u16 = 200;

/// What a session sends to its connection.
#[derive(Debug)]
pub enum Output {
    Data(Vec<u8>),
    /// The session has ended: close the channel.
    Close,
}

/// The bytes of one frame, sent to the connection as one message on flush.
pub struct Outbox {
    buf: Vec<u8>,
    tx: UnboundedSender<Output>,
}

impl Outbox {
    pub fn new(tx: UnboundedSender<Output>) -> Outbox {
        Outbox {
            buf: Vec::with_capacity(16 * 1024),
            tx,
        }
    }
}

impl Write for Outbox {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let data = std::mem::take(&mut self.buf);
        self.tx
            .send(Output::Data(data))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the connection is gone"))
    }
}

/// A size from the client, clamped to what a session draws (at least 1x1).
pub fn clamp(width: u32, height: u32) -> Size {
    let w = width.clamp(1, u32::from(MAX_WIDTH));
    let h = height.clamp(1, u32::from(MAX_HEIGHT));
    Size {
        width: u16::try_from(w).unwrap_or(MAX_WIDTH),
        height: u16::try_from(h).unwrap_or(MAX_HEIGHT),
    }
}

pub struct SshBackend {
    inner: CrosstermBackend<Outbox>,
    size: Size,
    cursor: Position,
}

impl SshBackend {
    pub fn new(out: Outbox, size: Size) -> SshBackend {
        SshBackend {
            inner: CrosstermBackend::new(out),
            size,
            cursor: Position::ORIGIN,
        }
    }

    /// The client's window changed.
    pub fn resize(&mut self, size: Size) {
        self.size = size;
    }

    /// Raw bytes (screen modes, a closing line), flushed at once.
    pub fn send_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(bytes)?;
        Write::flush(&mut self.inner)
    }
}

impl Backend for SshBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        // Also called when the session's terminal is dropped, after the connection may
        // be gone (ratatui would print the error on the server's stderr).
        let _ = self.inner.show_cursor();
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size,
            // Pixels are unknown over SSH (clients send 0).
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;

    #[test]
    fn the_size_is_the_clients_and_is_clamped() {
        assert_eq!(clamp(80, 24), Size::new(80, 24));
        assert_eq!(clamp(100_000, 9_000), Size::new(MAX_WIDTH, MAX_HEIGHT));
        assert_eq!(clamp(0, 0), Size::new(1, 1));
    }

    #[test]
    fn a_frame_goes_out_in_one_message_and_the_cursor_is_the_one_set() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let backend = SshBackend::new(Outbox::new(tx), Size::new(80, 24));
        let mut terminal = Terminal::new(backend).expect("terminal");
        terminal
            .draw(|f| f.render_widget(ratatui::widgets::Paragraph::new("低保 dibao"), f.area()))
            .expect("draw");
        let Ok(Output::Data(bytes)) = rx.try_recv() else {
            panic!("no frame sent");
        };
        assert!(String::from_utf8_lossy(&bytes).contains("dibao"));
        assert!(rx.try_recv().is_err(), "one message per frame");
        terminal
            .backend_mut()
            .set_cursor_position(Position::new(7, 3))
            .expect("cursor");
        assert_eq!(
            terminal.backend_mut().get_cursor_position().expect("pos"),
            Position::new(7, 3)
        );
        terminal.backend_mut().resize(Size::new(120, 40));
        assert_eq!(terminal.size().expect("size"), Size::new(120, 40));
    }
}
