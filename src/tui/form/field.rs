//! One form field: a kind that decides which keys it takes and how it validates, the
//! text as typed (kept verbatim for drafts), and the last complaint in the clerk's words.

use std::borrow::Cow;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::money::Money;
use crate::domain::resident_id::{IdError, ResidentId};

/// What a field holds. Text kinds keep the typed text; a choice keeps an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// Free text; `required` refuses an empty value.
    Text { required: bool },
    /// Yuan with up to two decimals; empty means zero unless required.
    Money { required: bool },
    /// `2026-03-02` (or `20260302`).
    Date,
    /// A resident ID number, checked as typed.
    ResidentId,
    /// Mobile or landline digits; may be empty.
    Phone,
    /// A whole number up to `max`; empty is allowed unless `required`.
    Count { max: u32, required: bool },
    /// One of the options (zh, en).
    Choice(Vec<(String, String)>),
}

/// A complaint about a field: (zh, en).
pub type Complaint = (String, String);

#[derive(Debug, Clone)]
pub struct Field {
    pub zh: Cow<'static, str>,
    pub en: Cow<'static, str>,
    pub kind: Kind,
    pub text: String,
    /// Cursor position in characters (text kinds).
    pub cursor: usize,
    /// Selected option (choices).
    pub choice: usize,
    pub error: Option<Complaint>,
    /// A money field that takes a leading minus (a business loss).
    pub signed: bool,
}

fn say(zh: impl Into<String>, en: impl Into<String>) -> Complaint {
    (zh.into(), en.into())
}

/// Parse a date as clerks type it: `2026-03-02`, `2026-3-2` or `20260302`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(t, "%Y%m%d").ok())
}

impl Field {
    pub fn new(
        zh: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
        kind: Kind,
    ) -> Field {
        Field {
            zh: zh.into(),
            en: en.into(),
            kind,
            text: String::new(),
            cursor: 0,
            choice: 0,
            error: None,
            signed: false,
        }
    }

    pub fn choice_of<L: crate::domain::Label + Copy>(
        zh: &'static str,
        en: &'static str,
        all: &[L],
    ) -> Field {
        let options = all
            .iter()
            .map(|l| (l.zh().to_string(), l.en().to_string()))
            .collect();
        Field::new(zh, en, Kind::Choice(options))
    }

    pub fn with_text(mut self, text: &str) -> Field {
        self.set_raw(text);
        self
    }

    pub fn is_choice(&self) -> bool {
        matches!(self.kind, Kind::Choice(_))
    }

    /// The value as a draft keeps it: the typed text, or the choice index.
    pub fn raw(&self) -> String {
        match self.kind {
            Kind::Choice(_) => self.choice.to_string(),
            _ => self.text.clone(),
        }
    }

    pub fn set_raw(&mut self, raw: &str) {
        match &self.kind {
            Kind::Choice(options) => {
                let n = raw.parse::<usize>().unwrap_or(0);
                self.choice = n.min(options.len().saturating_sub(1));
            }
            _ => {
                self.text = raw.to_string();
                self.cursor = self.text.chars().count();
            }
        }
    }

    /// Replace the options of a choice, keeping the selection in range.
    pub fn set_options(&mut self, options: Vec<(String, String)>) {
        let n = options.len();
        self.kind = Kind::Choice(options);
        self.choice = self.choice.min(n.saturating_sub(1));
    }

    /// The selected option's label, or the text.
    pub fn shown(&self, zh: bool) -> String {
        match &self.kind {
            Kind::Choice(options) => options
                .get(self.choice)
                .map(|(z, e)| if zh { z.clone() } else { e.clone() })
                .unwrap_or_default(),
            _ => self.text.clone(),
        }
    }

    fn accepts(&self, c: char) -> bool {
        match self.kind {
            Kind::Text { .. } => !c.is_control(),
            Kind::Money { .. } => {
                c.is_ascii_digit()
                    || c == '.'
                    || c == ','
                    || (c == '-' && self.signed && self.cursor == 0 && !self.text.starts_with('-'))
            }
            Kind::Date => c.is_ascii_digit() || c == '-',
            Kind::ResidentId => c.is_ascii_digit() || c == 'x' || c == 'X',
            Kind::Phone => c.is_ascii_digit() || c == '-',
            Kind::Count { .. } => c.is_ascii_digit(),
            Kind::Choice(_) => false,
        }
    }

    fn refusal(&self) -> Complaint {
        match self.kind {
            Kind::Money { .. } => say(
                "金额只能输入数字和小数点",
                "amounts take digits and a point",
            ),
            Kind::Date => say("日期格式为 2026-03-02", "dates look like 2026-03-02"),
            Kind::ResidentId => say(
                "身份证号只能是数字，末位可以是X",
                "ID numbers are digits, the last may be X",
            ),
            Kind::Phone => say("电话只能输入数字", "phone numbers are digits"),
            Kind::Count { .. } => say("只能输入整数", "whole numbers only"),
            _ => say("不能输入这个字符", "that character is not allowed here"),
        }
    }

    /// Offer a key to the field; `true` when the field used it. Keys a field does not
    /// take (Tab, Enter, Esc, function keys, Ctrl chords) go on to the keymap. Ctrl-U
    /// clears a text field.
    pub fn key(&mut self, key: &KeyEvent) -> bool {
        if key.code == KeyCode::Char('u')
            && key.modifiers == KeyModifiers::CONTROL
            && !self.is_choice()
        {
            self.text.clear();
            self.cursor = 0;
            self.error = None;
            return true;
        }
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        if let Kind::Choice(options) = &self.kind {
            let n = options.len().max(1);
            match key.code {
                KeyCode::Left => self.choice = (self.choice + n - 1) % n,
                KeyCode::Right | KeyCode::Char(' ') => self.choice = (self.choice + 1) % n,
                KeyCode::Char(c @ '1'..='9') => {
                    let i = c as usize - '1' as usize;
                    if i < n {
                        self.choice = i;
                    }
                }
                // A letter jumps to the next option whose English name or pinyin initial
                // starts with it (子女 → 配偶 is `p`, not eight presses of →).
                KeyCode::Char(c) if c.is_ascii_alphabetic() => {
                    let c = c.to_ascii_lowercase();
                    let starts = |(zh, en): &(String, String)| {
                        en.to_ascii_lowercase().starts_with(c)
                            || crate::domain::search_keys::pinyin_of(zh)
                                .1
                                .iter()
                                .any(|i| i.starts_with(c))
                    };
                    let next = (1..=n)
                        .map(|k| (self.choice + k) % n)
                        .find(|&i| options.get(i).is_some_and(starts));
                    match next {
                        Some(i) => self.choice = i,
                        None => return true,
                    }
                }
                _ => return false,
            }
            self.error = None;
            return true;
        }
        let len = self.text.chars().count();
        let byte = |s: &str, i: usize| s.char_indices().nth(i).map_or(s.len(), |(b, _)| b);
        match key.code {
            KeyCode::Char(c) => {
                // Full-width digits and separators from a Chinese input method.
                let c = match self.kind {
                    Kind::Text { .. } => c,
                    _ => crate::domain::money::ascii_char(c),
                };
                if !self.accepts(c) {
                    self.error = Some(self.refusal());
                    return true;
                }
                let c = if self.kind == Kind::ResidentId {
                    c.to_ascii_uppercase()
                } else {
                    c
                };
                let at = byte(&self.text, self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let at = byte(&self.text, self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Backspace => {}
            KeyCode::Delete if self.cursor < len => {
                let at = byte(&self.text, self.cursor);
                self.text.remove(at);
            }
            KeyCode::Delete => {}
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            _ => return false,
        }
        self.error = None;
        true
    }

    /// Check the value; on failure the complaint is also kept on the field.
    pub fn check(&mut self) -> Result<(), Complaint> {
        // An old 15-digit ID number is offered in its 18-digit form (19 inserted before
        // the year, the check character computed): put in the field for the clerk to
        // compare with the card; Tab again accepts it.
        if self.kind == Kind::ResidentId {
            let today = chrono::Local::now().date_naive();
            if let Err(IdError::FifteenDigits { eighteen }) =
                ResidentId::parse_on(self.text.trim(), today)
            {
                self.cursor = eighteen.chars().count();
                self.text = eighteen;
                let c = say(
                    "已按15位旧号码补全为18位，请与证件核对，无误再按 Tab 确认",
                    "the old 15-digit number is now in its 18-digit form: compare it with the card, then Tab",
                );
                self.error = Some(c.clone());
                return Err(c);
            }
        }
        let r = self.validate();
        self.error = r.clone().err();
        r
    }

    fn validate(&self) -> Result<(), Complaint> {
        let t = self.text.trim();
        match &self.kind {
            Kind::Text { required } if *required && t.is_empty() => Err(say(
                format!("请填写{}", self.zh),
                format!("fill in the {}", self.en),
            )),
            Kind::Money { required } if t.is_empty() && *required => Err(say(
                format!("请填写{}", self.zh),
                format!("fill in the {}", self.en),
            )),
            Kind::Money { .. } if t.is_empty() => Ok(()),
            Kind::Money { .. } => Money::parse(t)
                .map(|_| ())
                .map_err(|e| say(e.zh(), e.to_string())),
            Kind::Date => match parse_date(t) {
                Some(_) => Ok(()),
                None => Err(say(
                    format!("{}应写成 2026-03-02 这样的日期", self.zh),
                    format!("write the {} as a date like 2026-03-02", self.en),
                )),
            },
            Kind::ResidentId => ResidentId::parse_on(t, chrono::Local::now().date_naive())
                .map(|_| ())
                .map_err(|e| say(e.zh(), e.to_string())),
            Kind::Phone => {
                let digits = t.chars().filter(char::is_ascii_digit).count();
                if t.is_empty() || (7..=12).contains(&digits) {
                    Ok(())
                } else {
                    Err(say(
                        format!("电话号码应为7到12位数字，现在是{digits}位"),
                        format!("a phone number has 7 to 12 digits; this one has {digits}"),
                    ))
                }
            }
            Kind::Count { required, .. } if t.is_empty() => {
                if *required {
                    Err(say(
                        format!("请填写{}", self.zh),
                        format!("fill in the {}", self.en),
                    ))
                } else {
                    Ok(())
                }
            }
            Kind::Count { max, .. } => match t.parse::<u32>() {
                Ok(n) if n <= *max => Ok(()),
                _ => Err(say(
                    format!("{}应为0到{max}的整数", self.zh),
                    format!("the {} is a whole number from 0 to {max}", self.en),
                )),
            },
            _ => Ok(()),
        }
    }

    pub fn money(&self) -> Money {
        Money::parse(self.text.trim()).unwrap_or(Money::ZERO)
    }

    pub fn date(&self) -> Option<NaiveDate> {
        parse_date(&self.text)
    }

    pub fn count(&self) -> Option<u32> {
        self.text.trim().parse().ok()
    }

    pub fn resident_id(&self) -> Option<ResidentId> {
        ResidentId::parse(self.text.trim()).ok()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::tui::keys::parse_keys;

    fn typed(kind: Kind, keys: &str) -> Field {
        let mut f = Field::new("金额", "amount", kind);
        for k in parse_keys(keys).unwrap_or_default() {
            f.key(&k);
        }
        f
    }

    #[test]
    fn fields_take_only_their_keys_and_say_why() {
        let f = typed(Kind::Money { required: true }, "12a3.5");
        assert_eq!(f.text, "123.5");
        let mut f = typed(Kind::Money { required: true }, "12a");
        assert!(f.error.as_ref().is_some_and(|e| e.0.contains("数字")));
        assert!(f.check().is_ok());
        assert_eq!(f.money(), Money::from_yuan(12));
        let mut id = typed(Kind::ResidentId, "11010519491231002x");
        assert_eq!(id.text, "11010519491231002X");
        assert!(id.check().is_ok());
        let mut bad = typed(Kind::ResidentId, "110105194912310021");
        let e = bad.check().unwrap_err();
        // The message asks to compare every digit and never names the right last one.
        assert!(e.0.contains("逐位核对"), "{e:?}");
        assert!(!e.0.contains('X') && !e.1.contains('X'), "{e:?}");
        let edited = typed(Kind::Text { required: true }, "张三<left><bs>李");
        assert_eq!(edited.text, "李三");
        let mut c = Field::new(
            "城乡",
            "area",
            Kind::Choice(vec![
                ("城市".into(), "urban".into()),
                ("农村".into(), "rural".into()),
            ]),
        );
        assert!(c.key(&parse_keys("<right>").unwrap_or_default()[0]));
        assert_eq!(c.raw(), "1");
        // A letter jumps to the option it starts (u: urban); one that starts none is
        // taken and changes nothing.
        assert!(c.key(&parse_keys("u").unwrap_or_default()[0]));
        assert_eq!(c.raw(), "0");
        assert!(c.key(&parse_keys("q").unwrap_or_default()[0]));
        assert_eq!(c.raw(), "0");
    }

    /// Issue 17 point 4: full-width digits were refused; future births accepted.
    #[test]
    fn an_old_fifteen_digit_number_is_offered_in_eighteen_digits_to_confirm() {
        // 110105491231002 → 11010519491231002X
        let mut id = typed(Kind::ResidentId, "110105491231002");
        let e = id.check().unwrap_err();
        assert!(e.0.contains("补全为18位"), "{e:?}");
        assert_eq!(id.text, "11010519491231002X");
        assert_eq!(id.cursor, 18);
        // The clerk compared it with the card: Tab again takes it.
        assert!(id.check().is_ok());
        assert_eq!(
            id.resident_id().map(|r| r.as_str().to_string()).as_deref(),
            Some("11010519491231002X")
        );
    }

    #[test]
    fn full_width_keys_are_read_and_future_births_refused() {
        let mut f = typed(Kind::Money { required: true }, "９９８．５");
        assert_eq!(f.text, "998.5");
        assert!(f.check().is_ok());
        let mut id = typed(Kind::ResidentId, "１１０１０５１９４９１２３１００２ｘ");
        assert_eq!(id.text, "11010519491231002X");
        assert!(id.check().is_ok());
        let mut future = typed(Kind::ResidentId, "110105209901010012");
        let e = future.check().unwrap_err();
        assert!(e.0.contains("晚于今天"), "{e:?}");
        let mut old = typed(Kind::ResidentId, "610203540315123");
        let e = old.check().unwrap_err();
        assert!(e.0.contains("补全为18位"), "{e:?}");
        assert_eq!(old.text, "610203195403151230");
    }

    #[test]
    fn dates_and_counts() {
        assert_eq!(parse_date("20260302"), NaiveDate::from_ymd_opt(2026, 3, 2));
        assert_eq!(parse_date("2026-3-2"), NaiveDate::from_ymd_opt(2026, 3, 2));
        let mut d = typed(Kind::Date, "2026-02-30");
        assert!(d.check().is_err());
        let mut n = typed(
            Kind::Count {
                max: 4,
                required: false,
            },
            "7",
        );
        assert!(n.check().is_err());
    }
}
