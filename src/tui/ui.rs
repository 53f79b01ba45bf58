//! The per-terminal session: a stack of screens, the help overlay and a status line.
//! Keys are first resolved to an `Action` through the keymap, then executed.

use crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::Frame;

use super::action::Action;
use super::keymap;
use super::screens::{self, Outcome, Screen};
use super::widgets;
use super::Cx;

/// What the event loop should do after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Redraw,
    Idle,
    Quit,
}

pub struct Ui {
    stack: Vec<Screen>,
    help: bool,
    status: Option<String>,
    /// Sign out after this long without input (`None` = never).
    pub idle_limit: Option<std::time::Duration>,
    last_input: std::time::Instant,
}

impl Ui {
    pub fn new(cx: &Cx) -> Ui {
        let mut ui = Ui {
            stack: vec![Screen::Dashboard(screens::dashboard::DashboardScreen::new(
                cx,
            ))],
            help: false,
            status: None,
            idle_limit: None,
            last_input: std::time::Instant::now(),
        };
        ui.status = ui.top().error().map(str::to_string);
        ui
    }

    fn top(&self) -> &Screen {
        // The stack always holds the home screen.
        &self.stack[self.stack.len() - 1]
    }

    fn top_mut(&mut self) -> &mut Screen {
        let n = self.stack.len();
        &mut self.stack[n - 1]
    }

    /// The store changed under this session (another clerk wrote): reload what the top
    /// screen shows. Not input: the idle clock keeps running.
    pub fn refresh(&mut self, cx: &Cx) {
        self.top_mut().refresh(cx);
    }

    /// Keep what is typed in every open form as a draft: the session is ending without
    /// the clerk (the server stops, the connection was lost). The errors met, if any.
    pub fn keep_drafts(&mut self, cx: &Cx) -> Vec<String> {
        let mut errors = Vec::new();
        for screen in &mut self.stack {
            if let Screen::Intake(intake) = screen {
                if let Err(e) = intake.save(cx) {
                    errors.push(e);
                }
            }
        }
        errors
    }

    /// The screen the user is looking at (for tests).
    pub fn screen(&self) -> &Screen {
        self.top()
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// No input for longer than the idle limit.
    pub fn idle_expired(&self) -> bool {
        self.idle_limit
            .is_some_and(|limit| self.last_input.elapsed() >= limit)
    }

    pub fn handle_event(&mut self, event: &Event, cx: &Cx) -> Flow {
        self.last_input = std::time::Instant::now();
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key, cx),
            Event::Resize(_, _) => Flow::Redraw,
            _ => Flow::Idle,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent, cx: &Cx) -> Flow {
        self.status = None;
        if !self.help {
            // A screen that is taking text (a field being typed) sees raw keys first.
            if let Some(outcome) = self.top_mut().capture_key(key, cx) {
                return self.apply(outcome, cx);
            }
        }
        let context = self.top().context();
        let Some(action) = keymap::resolve(context, key) else {
            return Flow::Idle;
        };
        if self.help {
            // Any bound key closes help; it does nothing else.
            self.help = false;
            return Flow::Redraw;
        }
        if action == Action::Help {
            self.help = true;
            return Flow::Redraw;
        }
        if action == Action::Lookup {
            if !matches!(self.top(), Screen::Lookup(_)) {
                self.stack
                    .push(Screen::Lookup(screens::lookup::LookupScreen::new()));
            }
            return Flow::Redraw;
        }
        let outcome = self.top_mut().handle(action, cx);
        self.apply(outcome, cx)
    }

    fn apply(&mut self, outcome: Outcome, cx: &Cx) -> Flow {
        match outcome {
            Outcome::Stay => {}
            Outcome::Push(screen) => {
                self.status = screen.error().map(str::to_string);
                self.stack.push(*screen);
            }
            Outcome::Pop => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                    self.top_mut().refresh(cx);
                } else {
                    return Flow::Quit;
                }
            }
            Outcome::Home => {
                self.stack.truncate(1);
                self.top_mut().refresh(cx);
            }
            Outcome::Quit => return Flow::Quit,
            Outcome::Status(msg) => self.status = Some(msg),
            Outcome::Replace(screen) => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.status = screen.error().map(str::to_string);
                self.stack.push(*screen);
            }
        }
        Flow::Redraw
    }

    pub fn draw(&mut self, frame: &mut Frame, cx: &Cx) {
        let area = frame.area();
        if area.width < widgets::MIN_WIDTH || area.height < widgets::MIN_HEIGHT {
            widgets::too_small(frame, cx);
            return;
        }
        let [head, body, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        let context = self.top().context();
        widgets::header(frame, head, cx, &self.top().title(cx));
        self.top_mut().draw(frame, body, cx);
        widgets::footer(frame, foot, cx, context, self.status.as_deref());
        if self.help {
            screens::help::draw(frame, body, cx, context);
        }
    }
}
