//! The two forms of the visit screen, on the shared form toolkit: a new reading
//! (prefilled with the latest values, so the clerk changes only what changed) and an exit.

use chrono::NaiveDate;

use crate::domain::household::HouseholdId;
use crate::domain::indicators::Safety;
use crate::domain::monitoring::{EarnerEvent, ExitReason, Reading, Snapshot};
use crate::tui::form::{Field, Form, Kind};

/// Field positions of the reading form.
mod at {
    pub const DATE: usize = 0;
    pub const INCOME: usize = 1;
    pub const HOUSING: usize = 2;
    pub const WATER: usize = 3;
    pub const ABLE: usize = 4;
    pub const WORKING: usize = 5;
    pub const ILL: usize = 6;
    pub const MEMBERS: usize = 7;
    pub const EARNER: usize = 8;
    pub const MEDICAL: usize = 9;
    pub const OTHER: usize = 10;
    pub const BY: usize = 11;
    pub const NOTE: usize = 12;
}

fn count(zh: &'static str, en: &'static str, n: u8) -> Field {
    Field::new(
        zh,
        en,
        Kind::Count {
            max: 30,
            required: true,
        },
    )
    .with_text(&n.to_string())
}

fn choice_at<L: crate::domain::Label + Copy + PartialEq>(
    zh: &'static str,
    en: &'static str,
    all: &[L],
    value: L,
) -> Field {
    let mut f = Field::choice_of(zh, en, all);
    f.choice = all.iter().position(|v| *v == value).unwrap_or(0);
    f
}

pub fn reading_form(latest: &Snapshot, today: NaiveDate, user: &str) -> Form {
    let mut fields = vec![Field::new("监测日期", "date", Kind::Date); 13];
    fields[at::DATE] = Field::new("监测日期", "date", Kind::Date).with_text(&today.to_string());
    fields[at::INCOME] = Field::new(
        "家庭年收入",
        "income a year",
        Kind::Money { required: true },
    )
    .with_text(&latest.annual_income.plain());
    fields[at::HOUSING] = choice_at("住房安全", "housing", Safety::ALL, latest.housing);
    fields[at::WATER] = choice_at(
        "饮水安全",
        "drinking water",
        Safety::ALL,
        latest.drinking_water,
    );
    fields[at::ABLE] = count("有劳动能力人数", "able to work", latest.able);
    fields[at::WORKING] = count("就业人数", "in work", latest.working);
    fields[at::ILL] = count("重病重残人数", "ill or disabled", latest.seriously_ill);
    fields[at::MEMBERS] = count("家庭人口", "members", latest.members);
    fields[at::EARNER] = choice_at(
        "主要劳动力",
        "main earner",
        EarnerEvent::ALL,
        EarnerEvent::None,
    );
    fields[at::MEDICAL] = Field::new(
        "新增医疗支出",
        "new medical",
        Kind::Money { required: false },
    );
    fields[at::OTHER] = Field::new(
        "新增其他刚性支出",
        "new other rigid",
        Kind::Money { required: false },
    );
    fields[at::BY] =
        Field::new("监测人", "taken by", Kind::Text { required: true }).with_text(user);
    fields[at::NOTE] = Field::new("备注", "note", Kind::Text { required: false });
    Form::new(fields)
}

fn choice<L: Copy>(form: &Form, i: usize, all: &[L]) -> Option<L> {
    form.get(i).and_then(|f| all.get(f.choice)).copied()
}

fn small(form: &Form, i: usize) -> u8 {
    form.get(i)
        .and_then(|f| f.count())
        .and_then(|n| u8::try_from(n).ok())
        .unwrap_or(0)
}

fn text(form: &Form, i: usize) -> String {
    form.get(i)
        .map(|f| f.text.trim().to_string())
        .unwrap_or_default()
}

/// The reading the form describes (after `check_all` passed).
pub fn reading_of(form: &Form, household: HouseholdId, today: NaiveDate) -> Reading {
    let money = |i| form.get(i).map(|f: &Field| f.money()).unwrap_or_default();
    Reading {
        id: 0,
        household,
        date: form.get(at::DATE).and_then(Field::date).unwrap_or(today),
        by: text(form, at::BY),
        members: small(form, at::MEMBERS),
        annual_income: money(at::INCOME),
        able: small(form, at::ABLE),
        working: small(form, at::WORKING),
        seriously_ill: small(form, at::ILL),
        housing: choice(form, at::HOUSING, Safety::ALL).unwrap_or(Safety::Unknown),
        drinking_water: choice(form, at::WATER, Safety::ALL).unwrap_or(Safety::Unknown),
        earner: choice(form, at::EARNER, EarnerEvent::ALL).unwrap_or(EarnerEvent::None),
        new_medical: money(at::MEDICAL),
        new_other_rigid: money(at::OTHER),
        note: text(form, at::NOTE),
    }
}

pub fn exit_form(today: NaiveDate) -> Form {
    Form::new(vec![
        Field::choice_of("退出原因", "reason", ExitReason::ALL),
        Field::new("退出日期", "date", Kind::Date).with_text(&today.to_string()),
        Field::new("说明", "note", Kind::Text { required: false }),
    ])
}

/// (reason, date, note) from the exit form.
pub fn exit_of(form: &Form, today: NaiveDate) -> (ExitReason, NaiveDate, String) {
    (
        choice(form, 0, ExitReason::ALL).unwrap_or(ExitReason::Other),
        form.get(1).and_then(Field::date).unwrap_or(today),
        text(form, 2),
    )
}
