//! The per-terminal session: a stack of screens, at most one prompt over the top screen,
//! the help overlay and a status line. Keys are first resolved to an `Action` through
//! the keymap, then executed. While the "enlarge the window" note shows, keys do nothing.

use crossterm::event::{Event, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::action::Action;
use super::keymap::{self, Context};
use super::prompt::{Answer, Prompt};
use super::screens::{self, Outcome, Screen};
use super::text_key::TextKey;
use super::text_view::TextView;
use super::widgets;
use super::{Cx, DrawCx};

/// What the event loop should do after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Redraw,
    Idle,
    Quit,
    /// The user signed out: back to the sign-in screen.
    SignOut,
}

pub struct Ui {
    stack: Vec<Box<dyn Screen>>,
    /// A question over the top screen, answered back to it.
    prompt: Option<Prompt>,
    help: Option<TextView>,
    status: Option<String>,
    /// The last frame showed the size note instead of the screen.
    too_small: bool,
    /// Sign out after this long without input (`None` = never).
    pub idle_limit: Option<std::time::Duration>,
    last_input: std::time::Instant,
}

impl Ui {
    pub fn new(cx: &Cx) -> Ui {
        let mut ui = Ui {
            stack: vec![Box::new(screens::dashboard::DashboardScreen::new(cx))],
            prompt: None,
            help: None,
            status: None,
            too_small: false,
            idle_limit: None,
            last_input: std::time::Instant::now(),
        };
        ui.status = ui.top().error().map(str::to_string);
        ui
    }

    fn top(&self) -> &dyn Screen {
        // The stack always holds the home screen.
        self.stack[self.stack.len() - 1].as_ref()
    }

    fn top_mut(&mut self) -> &mut dyn Screen {
        let n = self.stack.len();
        self.stack[n - 1].as_mut()
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
            if let Err(e) = screen.keep_draft(cx) {
                errors.push(e);
            }
        }
        errors
    }

    /// The screen the user is looking at (for tests).
    pub fn screen(&self) -> &dyn Screen {
        self.top()
    }

    /// The open prompt, if any (for tests).
    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
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
            // Keys typed while the size note shows would act unseen: ignore them.
            Event::Key(_) if self.too_small => Flow::Idle,
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key, cx),
            Event::Resize(_, _) => Flow::Redraw,
            _ => Flow::Idle,
        }
    }

    /// The keymap context the user is in: the prompt's, or the top screen's.
    pub fn context(&self) -> Context {
        match &self.prompt {
            Some(p) => p.context(),
            None => self.top().context(),
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent, cx: &Cx) -> Flow {
        self.status = None;
        if let Some(help) = self.help.as_mut() {
            // Movement keys scroll the help; any other key closes it and does nothing else.
            let moved = keymap::resolve(Context::Global, key).is_some_and(|a| help.handle(a));
            if !moved {
                self.help = None;
            }
            return Flow::Redraw;
        }
        if self.prompt.is_some() {
            return self.handle_prompt_key(key, cx);
        }
        // A screen that is taking text (a field being typed) sees typing first; Enter,
        // Esc, Tab and every command key go through the keymap (tui::text_key).
        if let Some(text) = TextKey::of(key) {
            if let Some(outcome) = self.top_mut().on_text(cx, &text) {
                return self.apply(outcome, cx);
            }
        }
        let context = self.top().context();
        let Some(action) = keymap::resolve(context, key) else {
            return Flow::Idle;
        };
        if let Some(refused) = super::gate::refusal(cx.actor, action) {
            self.status = Some(cx.lang.say(&refused));
            return Flow::Redraw;
        }
        match action {
            Action::Help => {
                self.help = Some(screens::help::view(cx, context));
                return Flow::Redraw;
            }
            Action::SignOut => return Flow::SignOut,
            Action::Lookup => {
                if !self.top().is::<screens::lookup::LookupScreen>() {
                    self.stack
                        .push(Box::new(screens::lookup::LookupScreen::new()));
                }
                return Flow::Redraw;
            }
            _ => {}
        }
        let outcome = self.top_mut().handle(cx, action);
        self.apply(outcome, cx)
    }

    fn handle_prompt_key(&mut self, key: &KeyEvent, cx: &Cx) -> Flow {
        let Some(prompt) = self.prompt.as_mut() else {
            return Flow::Idle;
        };
        if TextKey::of(key).is_some_and(|text| prompt.on_text(&text)) {
            return Flow::Redraw;
        }
        let Some(action) = keymap::resolve(prompt.context(), key) else {
            return Flow::Idle;
        };
        let Some(answer) = prompt.handle(action) else {
            return Flow::Redraw;
        };
        let Some(prompt) = self.prompt.take() else {
            return Flow::Idle;
        };
        let outcome = self.top_mut().answer(cx, prompt, answer);
        self.apply(outcome, cx)
    }

    fn apply(&mut self, outcome: Outcome, cx: &Cx) -> Flow {
        match outcome {
            Outcome::Stay => {}
            Outcome::Push(screen) => {
                self.status = screen.error().map(str::to_string);
                self.stack.push(screen);
            }
            Outcome::Pop => {
                // The home screen is never popped: leaving asks first (`q`).
                if self.stack.len() > 1 {
                    self.stack.pop();
                    self.top_mut().refresh(cx);
                }
            }
            Outcome::PopStatus(msg) => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                    self.top_mut().refresh(cx);
                }
                self.status = Some(msg);
            }
            Outcome::Home => {
                self.stack.truncate(1);
                self.top_mut().refresh(cx);
            }
            Outcome::Quit => return Flow::Quit,
            Outcome::Status(msg) => self.status = Some(msg),
            Outcome::Ask(prompt) => self.prompt = Some(*prompt),
            Outcome::Replace(screen) => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.status = screen.error().map(str::to_string);
                self.stack.push(screen);
            }
        }
        Flow::Redraw
    }

    /// Draw the session: header, the top screen, footer, and a prompt or the help over
    /// them. Drawing gets a [`DrawCx`]: no services, so nothing is read from the store.
    pub fn draw(&mut self, frame: &mut Frame, cx: &DrawCx) {
        let area = frame.area();
        self.too_small = area.width < widgets::MIN_WIDTH || area.height < widgets::MIN_HEIGHT;
        if self.too_small {
            widgets::too_small(frame, cx);
            return;
        }
        let [head, body, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        let context = self.context();
        widgets::header(frame, head, cx, &self.top().title(cx));
        self.top().draw(cx, frame, body);
        widgets::footer(frame, foot, cx, context, self.status.as_deref());
        if let Some(p) = &self.prompt {
            p.draw(frame, body, cx);
        }
        if let Some(help) = &self.help {
            screens::help::draw(frame, body, cx, help);
        }
    }
}

/// The home screen's question before the program ends.
pub fn quit_prompt(cx: &Cx) -> Prompt {
    let l = cx.lang;
    Prompt::confirm(
        super::prompt::Question::Quit,
        l.t("退出", "Quit"),
        vec![Line::from(Span::raw(l.t(
            "退出 safetynet？（草稿已自动保存）",
            "Quit safetynet? (drafts are saved as you type)",
        )))],
    )
}

/// `y` to the quit question ends the program.
pub fn quit_answer(answer: Answer) -> Outcome {
    match answer {
        Answer::Yes => Outcome::Quit,
        _ => Outcome::Stay,
    }
}
